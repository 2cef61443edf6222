// Every interaction record the LMS gets over a whole play-through, for
// every question kind, in each version's vocabulary and formats:
//   type      1.2: choice, true-false, fill-in, sequencing, matching, likert
//             (and fill-in for reflections); 2004 the same, long-fill-in for
//             reflections
//   response  1.2 `a,b`, `a.1,b.2`, `t`/`f`; 2004 `a[,]b`, `a[.]1[,]b[.]2`,
//             `true`/`false`
//   result    correct, 1.2 wrong / 2004 incorrect, neutral when ungraded
//   weighting the question's weight, 0 when ungraded
// and the records are written in index order from the `_count` the LMS
// had at launch (here two records of an earlier session), each starting
// with its id. Answers alternate right and wrong per kind; a wrong answer
// with tries left is answered again (a new record, same id).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { VERSIONS } from "./lib/env.mjs";
import { GRADED, KINDS, judge } from "./lib/answers.mjs";
import {
  INTERACTION_TYPES,
  SCORM,
  assertInteractions,
  assertNoFailedWrites,
  assertTerminatedOnceAfterCommit,
  expectedInteraction,
  formatCalls,
  interactionsSet,
} from "./lib/scorm.mjs";
import { TEST_TIMEOUT, useEnvironment, withSession } from "./lib/suite.mjs";

// A line break, commas, a "[,]" and non-ASCII letters: each version's text rules apply.
const REFLECTION = "Rad ett, med komma och å ä ö.\nRad två [,] och slut.";

/** Two records an earlier session left in the LMS. */
function earlierRecords(version) {
  const v12 = version === "scorm12";
  const r = v12 ? "student_response" : "learner_response";
  return {
    "cmi.interactions.0.id": "tidigare-fraga-1",
    "cmi.interactions.0.type": "choice",
    [`cmi.interactions.0.${r}`]: "a",
    "cmi.interactions.0.result": "correct",
    "cmi.interactions.1.id": "tidigare-fraga-2",
    "cmi.interactions.1.type": "true-false",
    [`cmi.interactions.1.${r}`]: v12 ? "t" : "true",
    "cmi.interactions.1.result": v12 ? "wrong" : "incorrect",
  };
}

/** Per version: response and pattern formats by SCORM type (ids are a-z0-9 here). */
const FORMATS = {
  scorm12: {
    choice: /^[a-z0-9]+(,[a-z0-9]+)*$/,
    "true-false": /^[tf]$/,
    sequencing: /^[a-z0-9]+(,[a-z0-9]+)+$/,
    matching: /^[a-z0-9]+\.[a-z0-9]+(,[a-z0-9]+\.[a-z0-9]+)*$/,
    likert: /^[a-z0-9]+$/,
  },
  scorm2004: {
    choice: /^[a-z0-9]+(\[,\][a-z0-9]+)*$/,
    "true-false": /^(true|false)$/,
    sequencing: /^[a-z0-9]+(\[,\][a-z0-9]+)+$/,
    matching: /^[a-z0-9]+\[\.\][a-z0-9]+(\[,\][a-z0-9]+\[\.\][a-z0-9]+)*$/,
    likert: /^[a-z0-9]+$/,
  },
};

describe("interactions", () => {
  const env = useEnvironment();

  for (const version of VERSIONS) {
    const s = SCORM[version];
    const v12 = version === "scorm12";
    const responseField = v12 ? "student_response" : "learner_response";

    test(`${version}: every kind, right and wrong, appended after the LMS's records`, { timeout: TEST_TIMEOUT }, async () => {
      const earlier = earlierRecords(version);
      const first = 2;
      await withSession(
        env,
        version,
        async (session) => {
          const { course } = session;
          const seen = {};
          const submitted = [];
          const last = course.pages.length - 1;
          for (let k = 0; k <= last; k++) {
            for (const q of session.questionsOn(k)) {
              seen[q.type] = (seen[q.type] || 0) + 1;
              const right = seen[q.type] % 2 === 0; // the first of each kind wrong, then right, …
              const sub = await session.answer(q, { correct: right, text: q.type === "reflection" ? REFLECTION : undefined, reorder: true });
              submitted.push(sub);
              if (GRADED.has(q.type) && !right && q.attempts !== 1) submitted.push(await session.answer(q, { correct: true }));
            }
            if (k < last) await session.next();
          }
          const kinds = new Set(submitted.map((x) => course.questions.find((q) => q.id === x.id).type));
          assert.deepEqual(KINDS.filter((kind) => !kinds.has(kind)), [], "the play-through should answer every kind of question");
          for (const kind of KINDS.filter((kk) => GRADED.has(kk))) {
            const verdicts = new Set(submitted.filter((x) => course.questions.find((q) => q.id === x.id).type === kind).map((x) => judge(course.questions.find((q) => q.id === x.id), x)));
            assert.deepEqual([...verdicts].sort(), [false, true], `the play-through should answer some ${kind} question right and some wrong`);
          }

          await session.teardown();
          const calls = await session.calls();
          assertTerminatedOnceAfterCommit(calls, s);
          assertNoFailedWrites(calls, s);
          // What was written, field by field, from index _count on.
          assertInteractions(calls, s, version, course, submitted, { firstIndex: first });

          // In index order: each record is begun (its id) after the one before.
          const order = calls
            .filter((c) => c.method === s.set && /^cmi\.interactions\.\d+\./.test(c.args[0]))
            .map((c) => Number(/^cmi\.interactions\.(\d+)\./.exec(c.args[0])[1]));
          const begun = order.filter((n, k) => k === 0 || order[k - 1] !== n);
          assert.deepEqual(
            begun,
            submitted.map((_, k) => first + k),
            `${s.label}: interaction indices in the order written (each record written whole, in index order from _count = ${first})`,
          );

          // Per kind: the SCORM type, the formats, the result vocabulary, the weighting.
          const written = interactionsSet(calls, s);
          submitted.forEach((sub, k) => {
            const n = first + k;
            const q = course.questions.find((x) => x.id === sub.id);
            const v = written.get(n).values;
            const where = `${s.label}: cmi.interactions.${n} (${q.type} ${q.id})`;
            const type = INTERACTION_TYPES[version][q.type];
            assert.equal(v.type, type, `${where}.type`);
            const format = FORMATS[version][type];
            if (format) {
              assert.match(v[responseField], format, `${where}.${responseField} format`);
              if (type !== "likert") assert.match(v["correct_responses.0.pattern"], format, `${where}.correct_responses.0.pattern format`);
            }
            const verdict = judge(q, sub);
            const results = verdict === null ? ["neutral"] : verdict ? ["correct"] : [v12 ? "wrong" : "incorrect"];
            assert.deepEqual([v.result], results, `${where}.result`);
            assert.equal(v.weighting, verdict === null ? "0" : String(q.weight), `${where}.weighting`);
            if (!GRADED.has(q.type)) assert.equal(v["correct_responses.0.pattern"], undefined, `${where}: an ungraded question has no right answer`);
            if (q.type === "reflection" || q.type === "fill-in") {
              assert.ok(!/[\n\r]/.test(v[responseField]), `${where}: the text must be one line`);
              if (!v12) assert.ok(!v[responseField].includes("[,]"), `${where}: "[,]" in a 2004 text response`);
            }
          });

          // What the LMS holds: the earlier records untouched, then ours.
          assert.equal(await session.cmi("cmi.interactions._count"), String(first + submitted.length), `${s.label}: cmi.interactions._count the LMS holds`);
          for (const [element, value] of Object.entries(earlier)) {
            assert.equal(await session.cmi(element), value, `${s.label}: the earlier session's ${element}`);
          }
          for (const [k, sub] of submitted.entries()) {
            const n = first + k;
            const exp = expectedInteraction(version, course, sub);
            const held = {
              id: await session.cmi(`cmi.interactions.${n}.id`),
              type: await session.cmi(`cmi.interactions.${n}.type`),
              response: await session.cmi(`cmi.interactions.${n}.${responseField}`),
              result: await session.cmi(`cmi.interactions.${n}.result`),
              weighting: await session.cmi(`cmi.interactions.${n}.weighting`),
            };
            assert.deepEqual(
              held,
              { id: sub.id, type: exp.type, response: exp.response, result: exp.result, weighting: exp.weighting },
              `${s.label}: cmi.interactions.${n} as the LMS holds it\n${formatCalls(calls.filter((c) => c.args[0]?.startsWith(`cmi.interactions.${n}.`)))}`,
            );
          }
          assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
          assert.deepEqual(session.consoleProblems(), [], `${s.label}: errors or player warnings in the console`);
        },
        {
          seed: {
            ...env.pkgs.seeds[version],
            ...earlier,
            [v12 ? "cmi.core.entry" : "cmi.entry"]: "resume",
          },
        },
      );
    });
  }
});
