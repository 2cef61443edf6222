// A learner answers some questions (right and wrong), writes a reflection,
// goes back a few pages and leaves. A new session in a new browser (no
// localStorage: the LMS alone must restore it) gets what the LMS holds, as a
// real LMS hands it back after `exit=suspend` (`entry=resume`). It must open
// on the same page with every answer, its feedback and the reflection text
// back, the visited pages marked, and append new interactions after the old.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { VERSIONS, readCourseFile } from "./lib/env.mjs";
import {
  SCORM,
  assertInitializedOnce,
  assertInteractions,
  assertLastSet,
  assertNoFailedWrites,
  assertTerminatedOnceAfterCommit,
  formatCalls,
  interactionsSet,
  lastSet,
  resumeSeed,
} from "./lib/scorm.mjs";
import { Session } from "./lib/session.mjs";
import { decodeSuspend } from "./lib/suspend.mjs";
import { TEST_TIMEOUT, useEnvironment, withSession } from "./lib/suite.mjs";

// Commas, a tilde, a percent sign, a line break and non-ASCII letters: all
// need care in suspend data and in what an LMS accepts.
const REFLECTION =
  "Jag förväntar mig att samordnaren håller ihop arbetet, ger alla ordet ~ och 100 % fokus på barnet.\nSedan: tydliga tider och [,] inga överraskningar.";

/**
 * The plan, from the course data: every choice question up to the first
 * reflection, answered right and wrong in turn, the reflection written;
 * then back to a visited page near page 8 and leave.
 */
function plan(course) {
  const reflection = course.questions.find((q) => q.type === "reflection");
  assert.ok(reflection, "the course has no reflection question");
  const furthest = reflection.page;
  const choices = course.questions.filter((q) => q.type === "choice" && q.page <= furthest);
  assert.ok(choices.length >= 3, `the course needs at least 3 choice questions up to page ${furthest}`);
  const leaveOn = Math.min(8, furthest - 2);
  assert.ok(leaveOn > 0, "the first reflection comes too early in the course for this test");
  const answers = choices.map((q, k) => ({ q, correct: k % 2 === 0 }));
  assert.ok(answers.some((a) => a.q.multiple), "the plan should include a multiple-choice question");
  return { reflection, furthest, answers, leaveOn };
}

describe("resume", () => {
  const env = useEnvironment();

  for (const version of VERSIONS) {
    test(`${version}: page, answers, feedback and visited pages come back from the LMS alone`, { timeout: TEST_TIMEOUT }, async () => {
      const s = SCORM[version];
      let held; // what the LMS holds after the first session
      let before; // what the forms showed when the learner left
      let p;
      let submitted = [];

      // First session.
      await withSession(env, version, async (session) => {
        const { course } = session;
        p = plan(course);
        for (let k = 1; k <= p.furthest; k++) {
          await session.next();
          for (const { q, correct } of p.answers.filter((a) => a.q.page === k)) {
            await session.answer(q, { correct });
            submitted.push({ id: q.id, chosen: Session.choice(q, correct) });
          }
          if (k === p.reflection.page) {
            await session.reflect(p.reflection, REFLECTION);
            submitted.push({ id: p.reflection.id, text: REFLECTION });
          }
        }
        before = await session.formStates();
        await session.gotoViaToc(p.leaveOn);
        await session.teardown();
        const calls = await session.calls();

        assertInitializedOnce(calls, s);
        assertTerminatedOnceAfterCommit(calls, s);
        assertLastSet(calls, s, s.exit, "suspend", "exit when leaving before the end");
        assertLastSet(calls, s, s.location, course.pages[p.leaveOn].id, "bookmark on the page the learner left");
        assertNoFailedWrites(calls, s);
        assertInteractions(calls, s, version, course, submitted, { firstIndex: 0 });

        held = await session.flat();
        const saved = decodeSuspend(course, held["cmi.suspend_data"]);
        assert.ok(saved, `${s.label}: the LMS holds no version-1 suspend data: ${JSON.stringify(held["cmi.suspend_data"])}`);
        assert.equal(saved.current, course.pages[p.leaveOn].id, `${s.label}: page in suspend data`);
        assert.deepEqual(saved.visited, course.pages.slice(0, p.furthest + 1).map((x) => x.id), `${s.label}: visited pages in suspend data`);
        assert.deepEqual(
          saved.answers,
          Object.fromEntries(submitted.map((x) => [x.id, x.chosen ?? x.text])),
          `${s.label}: answers in the LMS's suspend data`,
        );
        assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
        assert.deepEqual(session.consoleProblems(), [], `${s.label}: errors or player warnings in the console`);
      });

      // Second session: a new browser context, the LMS's data only.
      const seed = resumeSeed(held, version);
      await withSession(
        env,
        version,
        async (session) => {
          const { course } = session;
          const label = `${s.label} after resume`;
          assert.equal(await session.currentPage(), p.leaveOn, `${label}: the course did not open on the page the learner left (${course.pages[p.leaveOn].id})`);

          const after = await session.formStates();
          const feedbackTexts = await session.optionFeedback();
          for (const sub of submitted) {
            const got = after[sub.id];
            assert.ok(got, `${label}: no form for question ${sub.id}`);
            if (sub.chosen) {
              const q = course.questions.find((x) => x.id === sub.id);
              const right = q.options.every((o) => o.correct === sub.chosen.includes(o.id));
              assert.deepEqual(got.checked, sub.chosen, `${label}: options checked in ${sub.id}`);
              assert.equal(got.verdict, right ? session.ui.correct : session.ui.wrong, `${label}: verdict shown for ${sub.id}`);
              assert.deepEqual([got.correct, got.wrong], [right, !right], `${label}: kv-correct/kv-wrong on form ${sub.id}`);
              for (const o of sub.chosen) {
                assert.ok(
                  got.feedback.includes(feedbackTexts[sub.id][o]),
                  `${label}: the feedback of ${sub.id} does not include option ${o}'s own feedback ${JSON.stringify(feedbackTexts[sub.id][o])}; it shows ${JSON.stringify(got.feedback)}`,
                );
              }
              assert.deepEqual({ ...got, text: null }, { ...before[sub.id], text: null }, `${label}: form ${sub.id} does not look as it did when the learner left`);
            } else {
              assert.equal(got.text, sub.text, `${label}: the reflection ${sub.id} textarea`);
            }
          }
          // Nothing else answered.
          for (const [id, st] of Object.entries(after)) {
            if (submitted.some((x) => x.id === id)) continue;
            assert.deepEqual([st.checked, st.text || ""], [[], ""], `${label}: question ${id} was never answered but shows an answer`);
          }

          const visited = await session.tocVisited();
          assert.deepEqual(visited, [...Array(p.furthest + 1).keys()], `${label}: TOC entries marked .kv-visited`);

          // A clean start: one Initialize, the saved state read, nothing
          // refused, and no interaction written again.
          let calls = await session.calls();
          assertInitializedOnce(calls, s);
          assert.ok(
            calls.some((c) => c.method === s.get && c.args[0] === "cmi.suspend_data" && c.result === held["cmi.suspend_data"]),
            `${label}: the player did not read back the suspend data; calls:\n${formatCalls(calls)}`,
          );
          assert.equal(interactionsSet(calls, s).size, 0, `${label}: interactions were written again on launch:\n${formatCalls(calls)}`);
          const bookmark = lastSet(calls, s, s.location);
          if (bookmark !== undefined) assert.equal(bookmark, course.pages[p.leaveOn].id, `${label}: the bookmark written at launch`);

          // Answering something new appends after what the LMS already has.
          const next = course.questions.find((q) => q.type === "choice" && q.page > p.furthest);
          assert.ok(next, "the course has no choice question after the first reflection");
          await session.gotoViaToc(next.page);
          await session.answer(next, { correct: true });
          calls = await session.calls();
          assertInteractions(calls, s, version, course, [{ id: next.id, chosen: Session.choice(next, true) }], { firstIndex: submitted.length });

          await session.teardown();
          calls = await session.calls();
          assertTerminatedOnceAfterCommit(calls, s);
          assertLastSet(calls, s, s.exit, "suspend", "exit when leaving before the end");
          assertNoFailedWrites(calls, s);
          const saved = decodeSuspend(course, await session.cmi("cmi.suspend_data"));
          assert.deepEqual(
            saved.answers,
            Object.fromEntries([...submitted.map((x) => [x.id, x.chosen ?? x.text]), [next.id, Session.choice(next, true)]]),
            `${label}: answers in the LMS's suspend data after the second session`,
          );
          assert.deepEqual(session.pageErrors, [], `${label}: uncaught errors in the page`);
          assert.deepEqual(session.consoleProblems(), [], `${label}: errors or player warnings in the console`);
        },
        { seed },
      );
    });
  }
  for (const version of VERSIONS) {
    test(`${version}: every kind of answer comes back as it was shown`, { timeout: TEST_TIMEOUT }, async () => {
      const s = SCORM[version];
      let held;
      let before;
      let leaveOn;
      const submitted = [];
      await withSession(env, version, async (session) => {
        const { course } = session;
        // Every question, right and wrong in turn (ordering items moved), then back to the quiz's first page.
        let k = 0;
        for (let p = 0; p < course.pages.length; p++) {
          for (const q of session.questionsOn(p)) submitted.push(await session.answer(q, { correct: k++ % 2 === 0, reorder: true }));
          if (p < course.pages.length - 1) await session.next();
        }
        leaveOn = Math.min(...course.questions.filter((q) => q.quiz).map((q) => q.page).concat([course.pages.length - 2]));
        before = await session.formStates();
        await session.gotoViaToc(leaveOn);
        await session.teardown();
        const calls = await session.calls();
        assertNoFailedWrites(calls, s);
        assertLastSet(calls, s, s.exit, "suspend", "exit with the quiz failed and a retry left");
        held = await session.flat();
        const saved = decodeSuspend(course, held["cmi.suspend_data"]);
        assert.deepEqual(saved?.answers, Object.fromEntries(submitted.map((x) => [x.id, x.chosen ?? x.text])), `${s.label}: answers in the suspend data`);
      });
      await withSession(
        env,
        version,
        async (session) => {
          const label = `${s.label} after resume`;
          assert.equal(await session.currentPage(), leaveOn, `${label}: page`);
          const after = await session.formStates();
          const kinds = new Set();
          for (const id of new Set(submitted.map((x) => x.id))) {
            const type = session.question(id).type;
            kinds.add(type);
            // A reflection gets its text back (its "saved" confirmation was for the save, not the answer).
            const shown = (st) => (type === "reflection" ? { ...st, feedback: null } : st);
            assert.deepEqual(shown(after[id]), shown(before[id]), `${label}: the ${type} ${id} does not look as it did when the learner left`);
          }
          assert.equal(kinds.size, 7, `${label}: every kind should have been answered`);
          const calls = await session.calls();
          assert.equal(interactionsSet(calls, s).size, 0, `${label}: interactions written again on launch`);
          assertNoFailedWrites(calls, s);
          assert.deepEqual(session.pageErrors, [], `${label}: uncaught errors in the page`);
          assert.deepEqual(session.consoleProblems(), [], `${label}: errors or player warnings in the console`);
        },
        { seed: resumeSeed(held, version) },
      );
    });

    test(`${version}: bookmark only (no suspend data)`, { timeout: TEST_TIMEOUT }, async () => {
      const s = SCORM[version];
      const entry = version === "scorm12" ? "cmi.core.entry" : "cmi.entry";
      // An LMS that kept the bookmark but no suspend data (e.g. an attempt
      // begun with another player): the course opens on the bookmark.
      const built = readCourseFile(env.pkgs.dirs[version]);
      const target = Math.min(5, built.pages.length - 1);
      const seed = { ...env.pkgs.seeds[version], [s.location]: built.pages[target].id, [entry]: "resume" };
      await withSession(
        env,
        version,
        async (session) => {
          const { course } = session;
          assert.equal(course.pages[target].id, seed[s.location], "the bookmark seeded");
          assert.equal(await session.currentPage(), target, `${s.label}: the course did not open on the bookmarked page ${seed[s.location]}`);
          const states = await session.formStates();
          for (const [id, st] of Object.entries(states)) {
            assert.deepEqual([st.checked, st.text || ""], [[], ""], `${s.label}: question ${id} shows an answer nobody gave`);
          }
          const calls = await session.calls();
          assertInitializedOnce(calls, s);
          assertNoFailedWrites(calls, s);
          assert.equal(lastSet(calls, s, s.location), seed[s.location], `${s.label}: the bookmark written at launch`);
          assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
          assert.deepEqual(session.consoleProblems(), [], `${s.label}: errors or player warnings in the console`);
        },
        { seed },
      );
    });
  }
});
