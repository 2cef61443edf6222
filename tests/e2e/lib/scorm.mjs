// Per-version names and formats, and helpers to read the recorded LMS calls.
import assert from "node:assert/strict";
import { lmsText } from "./suspend.mjs";
import { judge } from "./answers.mjs";

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

/**
 * The interaction records the SCO wrote, by index:
 * Map<index, {fields: [name, ...] in the order set, values: {name: last value}, failed: [name, ...]}>.
 */
export function interactionsSet(calls, s) {
  const out = new Map();
  for (const c of calls) {
    if (c.method !== s.set) continue;
    const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(c.args[0]);
    if (!m) continue;
    const n = Number(m[1]);
    if (!out.has(n)) out.set(n, { fields: [], values: {}, failed: [] });
    const rec = out.get(n);
    rec.fields.push(m[2]);
    rec.values[m[2]] = c.args[1];
    if (c.result !== "true") rec.failed.push(m[2]);
  }
  return out;
}

/**
 * The session's calls are bracketed: the first is a successful Initialize
 * and, once finished, nothing follows the one Terminate.
 */
export function assertNoCallsOutsideSession(calls, s) {
  assert.ok(calls.length > 0, `${s.label}: the SCO made no API calls`);
  assert.equal(calls[0].method, s.init, `${s.label}: the first API call was ${calls[0].method}(${calls[0].args.join(", ")}), not ${s.init}; calls:\n${formatCalls(calls)}`);
  assert.equal(calls.filter((c) => c.method === s.init).length, 1, `${s.label}: more than one ${s.init}; calls:\n${formatCalls(calls)}`);
  const fin = calls.findIndex((c) => c.method === s.finish);
  if (fin >= 0) {
    const after = calls.slice(fin + 1);
    assert.equal(after.length, 0, `${s.label}: API calls after ${s.finish}:\n${formatCalls(after)}`);
  }
}

/** The SCORM interaction type of each question kind, per version. */
export const INTERACTION_TYPES = {
  scorm12: {
    choice: "choice",
    "true-false": "true-false",
    "fill-in": "fill-in",
    ordering: "sequencing",
    matching: "matching",
    scale: "likert",
    reflection: "fill-in",
  },
  scorm2004: {
    choice: "choice",
    "true-false": "true-false",
    "fill-in": "fill-in",
    ordering: "sequencing",
    matching: "matching",
    scale: "likert",
    reflection: "long-fill-in",
  },
};

/**
 * What the SCO must write for one submitted answer, derived from the course
 * data: {type, response, pattern (undefined when there is no right answer),
 * result, weighting, description (2004)}. `sub` is {id, chosen: [option
 * ids]} (choice, true-false, scale; ordering: the order; matching: the
 * right-hand item per left-hand item) or {id, text} (fill-in, reflection).
 */
export function expectedInteraction(version, course, sub) {
  const q = (course.questions || []).find((x) => x.id === sub.id);
  assert.ok(q, `no question ${sub.id} in the course data`);
  const v12 = version === "scorm12";
  const sep = v12 ? "," : "[,]";
  const pair = v12 ? "." : "[.]";
  const base = v12 ? {} : { description: lmsText(q.text, 250)[0] };
  const verdict = judge(q, sub);
  const graded = {
    result: verdict === null ? "neutral" : verdict ? "correct" : v12 ? "wrong" : "incorrect",
    weighting: verdict === null ? "0" : String(q.weight),
  };
  const type = INTERACTION_TYPES[version][q.type];
  assert.ok(type, `question ${q.id}: no interaction type known for a ${q.type}`);
  const inShownOrder = (chosen) => q.options.filter((o) => chosen.includes(o.id)).map((o) => o.id);
  switch (q.type) {
    case "choice":
      // In the order the options are shown (the order the form lists them).
      return { ...base, ...graded, type, response: inShownOrder(sub.chosen).join(sep), pattern: q.options.filter((o) => o.correct).map((o) => o.id).join(sep) };
    case "true-false": {
      const word = (id) => (v12 ? id : id === "t" ? "true" : "false");
      return { ...base, ...graded, type, response: word(sub.chosen[0]), pattern: word(q.options.find((o) => o.correct).id) };
    }
    case "scale":
      return { ...base, ...graded, type, response: inShownOrder(sub.chosen).join(sep), pattern: undefined };
    case "ordering":
      return { ...base, ...graded, type, response: sub.chosen.join(sep), pattern: q.options.map((o) => o.id).join(sep) };
    case "matching": {
      const pairs = (rights) => q.options.map((o, k) => `${o.id}${pair}${rights[k]}`).join(sep);
      return { ...base, ...graded, type, response: pairs(sub.chosen), pattern: pairs(q.options.map((o) => o.matches)) };
    }
    case "fill-in": {
      const limit = v12 ? 255 : 250;
      return { ...base, ...graded, type, response: lmsText(sub.text, limit)[0], pattern: lmsText(q.accepted[0], limit)[0] };
    }
    default:
      return { ...base, ...graded, type, response: lmsText(sub.text, v12 ? 255 : 4000)[0], pattern: undefined };
  }
}

const MINUTE = 60_000;

/**
 * Asserts the interaction records written for `submitted` (in submission
 * order) sit at indices firstIndex, firstIndex+1, … with each version's
 * names and formats, and that no other interaction was written.
 */
export function assertInteractions(calls, s, version, course, submitted, { firstIndex = 0, now = Date.now() } = {}) {
  const v12 = version === "scorm12";
  const written = interactionsSet(calls, s);
  const expectedIndices = submitted.map((_, k) => firstIndex + k);
  assert.deepEqual(
    [...written.keys()],
    expectedIndices,
    `${s.label}: interaction indices written (expected one record per submitted answer, ${submitted.map((x) => x.id).join(", ")}, from index ${firstIndex})`,
  );
  submitted.forEach((sub, k) => {
    const n = firstIndex + k;
    const rec = written.get(n);
    const exp = expectedInteraction(version, course, sub);
    const where = `${s.label}: cmi.interactions.${n} (${sub.id})`;
    assert.deepEqual(rec.failed, [], `${where}: the LMS refused fields`);
    assert.deepEqual(rec.fields.slice(0, 2), ["id", "type"], `${where}: id and type must be written first; order was ${rec.fields.join(", ")}`);
    const fields = v12
      ? ["id", "type", "time", "weighting", "student_response", "result", "latency"]
      : ["id", "type", "timestamp", "weighting", "learner_response", "description", "result", "latency"];
    if (exp.pattern !== undefined) fields.push("correct_responses.0.pattern");
    assert.deepEqual([...new Set(rec.fields)].sort(), fields.sort(), `${where}: fields written`);
    const v = rec.values;
    assert.equal(v.id, sub.id, `${where}.id`);
    assert.equal(v.type, exp.type, `${where}.type`);
    assert.equal(v.weighting, exp.weighting, `${where}.weighting`);
    assert.equal(v.result, exp.result, `${where}.result`);
    assert.equal(v[v12 ? "student_response" : "learner_response"], exp.response, `${where} response`);
    if (exp.pattern !== undefined) assert.equal(v["correct_responses.0.pattern"], exp.pattern, `${where}.correct_responses.0.pattern`);
    if (v12) {
      assert.match(v.time, /^\d{2}:\d{2}:\d{2}$/, `${where}.time (CMITime hh:mm:ss)`);
      const [h, m, sec] = v.time.split(":").map(Number);
      assert.ok(h < 24 && m < 60 && sec < 60, `${where}.time ${v.time} is not a time of day`);
      const day = 24 * 60 * MINUTE;
      const diff = Math.abs(((h * 3600 + m * 60 + sec) * 1000 - (now % day) + day + day / 2) % day - day / 2);
      assert.ok(diff < 10 * MINUTE, `${where}.time ${v.time} is not the (UTC) time of day it was answered (now ${new Date(now).toISOString()})`);
      assert.match(v.latency, /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/, `${where}.latency (CMITimespan HHHH:MM:SS.SS)`);
    } else {
      assert.match(v.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2})?Z$/, `${where}.timestamp`);
      assert.ok(Math.abs(Date.parse(v.timestamp) - now) < 10 * MINUTE, `${where}.timestamp ${v.timestamp} is not when it was answered (now ${new Date(now).toISOString()})`);
      assert.match(v.latency, /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)$/, `${where}.latency (ISO 8601 duration)`);
      assert.equal(v.description, exp.description, `${where}.description`);
    }
  });
}

/**
 * The CMI a real LMS hands a SCO at the next launch after exit=suspend:
 * everything it stored (`flat`, scorm-again's getFlattenedCMI), minus the
 * write-only session values, with entry=resume.
 */
export function resumeSeed(flat, version) {
  const v12 = version === "scorm12";
  const drop = new Set(v12 ? ["cmi.core.session_time", "cmi.core.exit", "cmi.core.entry"] : ["cmi.session_time", "cmi.exit", "cmi.entry"]);
  const seed = {};
  for (const [k, v] of Object.entries(flat)) {
    if (drop.has(k) || (typeof v !== "string" && typeof v !== "number") || v === "") continue;
    seed[k] = String(v);
  }
  seed[v12 ? "cmi.core.entry" : "cmi.entry"] = "resume";
  return seed;
}

/**
 * Asserts the status, score and exit the SCO last set match `outcome`
 * (answers.mjs expectedOutcome), and that the LMS holds the same status
 * after Terminate. `session` is the finished Session.
 */
export async function assertOutcome(session, calls, outcome) {
  const { s, version } = session;
  const v12 = version === "scorm12";
  const what = `expected ${JSON.stringify(outcome)}`;
  if (v12) {
    assertLastSet(calls, s, s.status, outcome.status12, what);
  } else {
    assertLastSet(calls, s, s.completion, outcome.completion, what);
    assertLastSet(calls, s, s.success, outcome.success, what);
  }
  // SCORM 1.2 keeps the raw score blank while the status is incomplete
  // (otherwise the LMS would rewrite the status from it at LMSFinish).
  const withheld12 = v12 && outcome.status12 === "incomplete";
  if (outcome.percent === null || withheld12) {
    assert.ok(
      [undefined, ""].includes(lastSet(calls, s, s.raw)),
      `${s.label}: a score was reported before the status was final (${what}); last raw: ${JSON.stringify(lastSet(calls, s, s.raw))}`,
    );
  } else {
    assertLastSetNumber(calls, s, s.raw, outcome.percent);
    assertLastSetNumber(calls, s, s.min, 0);
    assertLastSetNumber(calls, s, s.max, 100);
    if (!v12) assertLastSetNumber(calls, s, s.scaled, outcome.percent / 100);
  }
  const exit = lastSet(calls, s, s.exit);
  assert.equal(
    exit,
    outcome.finished ? (v12 ? "" : "normal") : "suspend",
    `${s.label}: ${s.exit} (${outcome.finished ? "finished: a normal exit" : "unfinished or a retry left: suspend"}; ${what})`,
  );
  // SCORM 1.2: with a mastery score (from the manifest) and a raw score,
  // the LMS itself (scorm-again, like Moodle) rewrites lesson_status to
  // passed/failed at LMSFinish, whatever the SCO said.
  const mastery = session.seed["cmi.student_data.mastery_score"];
  const held12 =
    mastery !== undefined && outcome.percent !== null && !withheld12
      ? outcome.percent >= Number(mastery)
        ? "passed"
        : "failed"
      : outcome.status12;
  await session.assertLmsHolds(
    v12
      ? { [s.status]: held12 }
      : { [s.completion]: outcome.completion, [s.success]: outcome.success },
  );
}
