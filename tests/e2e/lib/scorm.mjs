// Per-version names and formats, and helpers to read the recorded LMS calls.
import assert from "node:assert/strict";

export const SCORM = {
  scorm12: {
    v: "12",
    label: "SCORM 1.2",
    lmsAttr: "scorm12",
    init: "LMSInitialize",
    finish: "LMSFinish",
    get: "LMSGetValue",
    set: "LMSSetValue",
    commit: "LMSCommit",
    location: "cmi.core.lesson_location",
    exit: "cmi.core.exit",
    sessionTime: "cmi.core.session_time",
    sessionTimeRe: /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/,
    status: "cmi.core.lesson_status",
    raw: "cmi.core.score.raw",
    min: "cmi.core.score.min",
    max: "cmi.core.score.max",
  },
  scorm2004: {
    v: "2004",
    label: "SCORM 2004",
    lmsAttr: "scorm2004",
    init: "Initialize",
    finish: "Terminate",
    get: "GetValue",
    set: "SetValue",
    commit: "Commit",
    location: "cmi.location",
    exit: "cmi.exit",
    sessionTime: "cmi.session_time",
    sessionTimeRe: /^P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/,
    completion: "cmi.completion_status",
    success: "cmi.success_status",
    scaled: "cmi.score.scaled",
    raw: "cmi.score.raw",
    min: "cmi.score.min",
    max: "cmi.score.max",
  },
};

/** One line per call, for failure messages. */
export function formatCalls(calls, { limit = 400, width = 100 } = {}) {
  const shown = calls.length > limit ? calls.slice(calls.length - limit) : calls;
  const short = (a) => {
    const j = JSON.stringify(a);
    return j && j.length > width ? `${j.slice(0, width)}…" (${String(a).length} chars)` : j;
  };
  const lines = shown.map(
    (c) =>
      `  #${c.i} ${c.method}(${c.args.map(short).join(", ")}) -> ${JSON.stringify(c.result)}` +
      (c.error && c.error !== "0" ? ` [error ${c.error}]` : ""),
  );
  if (shown.length < calls.length) lines.unshift(`  … ${calls.length - shown.length} earlier calls left out`);
  return lines.join("\n") || "  (no calls)";
}

/** All values the SCO set on `element`, in order. */
export function valuesSet(calls, s, element) {
  return calls.filter((c) => c.method === s.set && c.args[0] === element).map((c) => c.args[1]);
}

/** The last value the SCO set on `element`, or undefined. */
export function lastSet(calls, s, element) {
  const v = valuesSet(calls, s, element);
  return v.length ? v[v.length - 1] : undefined;
}

/** Asserts the SCO set `element` (last value) to `expected`. */
export function assertLastSet(calls, s, element, expected, what = element) {
  const v = valuesSet(calls, s, element);
  assert.ok(v.length > 0, `${s.label}: the SCO never set ${element} (${what}); calls:\n${formatCalls(calls)}`);
  assert.equal(
    v[v.length - 1],
    expected,
    `${s.label}: last ${element} set was ${JSON.stringify(v[v.length - 1])}, expected ${JSON.stringify(expected)} (all values set: ${JSON.stringify(v)})`,
  );
}

/** Asserts the SCO set `element` (last value) to a number equal to `expected`. */
export function assertLastSetNumber(calls, s, element, expected) {
  const v = valuesSet(calls, s, element);
  assert.ok(v.length > 0, `${s.label}: the SCO never set ${element}; calls:\n${formatCalls(calls)}`);
  const last = v[v.length - 1];
  assert.match(String(last), /^-?\d+(\.\d+)?$/, `${s.label}: ${element} = ${JSON.stringify(last)} is not a plain decimal number`);
  assert.equal(Number(last), expected, `${s.label}: last ${element} set was ${JSON.stringify(last)}, expected ${expected} (all values set: ${JSON.stringify(v)})`);
}

/** Every SetValue and Commit the SCO made must have succeeded. */
export function assertNoFailedWrites(calls, s) {
  const failed = calls.filter((c) => (c.method === s.set || c.method === s.commit) && c.result !== "true");
  assert.deepEqual(
    failed.map((c) => `${c.method}(${c.args.map((a) => JSON.stringify(a)).join(", ")}) -> ${c.result} [error ${c.error}]`),
    [],
    `${s.label}: the LMS refused some writes`,
  );
}

/** Exactly one Initialize, and it was the first call. */
export function assertInitializedOnce(calls, s) {
  const inits = calls.filter((c) => c.method === s.init);
  assert.equal(inits.length, 1, `${s.label}: expected exactly one ${s.init}, got ${inits.length}; calls:\n${formatCalls(calls)}`);
  assert.equal(calls[0].method, s.init, `${s.label}: the first API call was ${calls[0].method}, not ${s.init}`);
  assert.equal(inits[0].result, "true", `${s.label}: ${s.init} returned ${inits[0].result} [error ${inits[0].error}]`);
}

/**
 * Exactly one Terminate; it succeeded, no call came after it, and it was
 * made after a successful Commit with no SetValue in between (all data
 * committed before finishing). Returns the index of the Terminate call.
 */
export function assertTerminatedOnceAfterCommit(calls, s) {
  const fins = calls.filter((c) => c.method === s.finish);
  assert.equal(fins.length, 1, `${s.label}: expected exactly one ${s.finish}, got ${fins.length}; calls:\n${formatCalls(calls)}`);
  const fin = fins[0];
  assert.equal(fin.result, "true", `${s.label}: ${s.finish} returned ${fin.result} [error ${fin.error}]`);
  const after = calls.slice(fin.i + 1);
  assert.equal(after.length, 0, `${s.label}: API calls after ${s.finish}:\n${formatCalls(after)}`);
  const before = calls.slice(0, fin.i);
  const lastCommit = before.map((c) => c.method).lastIndexOf(s.commit);
  assert.ok(lastCommit >= 0, `${s.label}: ${s.finish} was not preceded by any ${s.commit}; calls:\n${formatCalls(calls)}`);
  assert.equal(before[lastCommit].result, "true", `${s.label}: the ${s.commit} before ${s.finish} returned ${before[lastCommit].result}`);
  const uncommitted = before.slice(lastCommit + 1).filter((c) => c.method === s.set);
  assert.deepEqual(
    uncommitted.map((c) => `${c.method}(${c.args.map((a) => JSON.stringify(a)).join(", ")})`),
    [],
    `${s.label}: values set after the last ${s.commit} and before ${s.finish} (not committed before finishing)`,
  );
  return fin.i;
}

/** Asserts session time was set and well-formed. */
export function assertSessionTime(calls, s) {
  const t = lastSet(calls, s, s.sessionTime);
  assert.ok(t !== undefined, `${s.label}: the SCO never set ${s.sessionTime}; calls:\n${formatCalls(calls)}`);
  assert.match(t, s.sessionTimeRe, `${s.label}: ${s.sessionTime} = ${JSON.stringify(t)} is not well-formed`);
}

/** Collapses consecutive duplicates: [a,a,b,b,a] -> [a,b,a]. */
export function dedupeConsecutive(list) {
  return list.filter((x, k) => k === 0 || list[k - 1] !== x);
}
