// The quiz can be taken again after failing it ([quiz] retries, counts).
// - A learner fails the quiz (practice questions wrong too), clicks
//   #kv-retry on the result page, lands on the quiz's first question page
//   with every quiz form cleared (as a new learner sees it, tries back),
//   practice answers kept, answers right and passes: the best attempt
//   counts, the score is over the quiz only, and the exit is normal.
// - The same across a resume: leave on the result page after failing
//   (exit=suspend, failed), come back with the LMS's data only, retry there.
// - Retries run out: after the last allowed attempt fails, no #kv-retry,
//   still failed and incomplete, exit=suspend.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { VERSIONS } from "./lib/env.mjs";
import { GRADED, expectedOutcome, latestAnswers, percentOf, scoredQuestions } from "./lib/answers.mjs";
import {
  SCORM,
  assertInitializedOnce,
  assertInteractions,
  assertNoFailedWrites,
  assertOutcome,
  assertTerminatedOnceAfterCommit,
  resumeSeed,
} from "./lib/scorm.mjs";
import { decodeSuspend } from "./lib/suspend.mjs";
import { TEST_TIMEOUT, useEnvironment, withSession } from "./lib/suite.mjs";

/** The scored quiz questions and the page the quiz starts on (its first question's). */
function quizOf(course) {
  const quiz = scoredQuestions(course).filter((q) => q.quiz);
  assert.ok(quiz.length > 0, "the course has no quiz section");
  assert.ok(course.quiz_retries >= 1, "the course allows no retries of its quiz");
  const firstPage = Math.min(...quiz.map((q) => q.page));
  assert.equal(firstPage, quiz[0].page, "the first quiz question is not on the quiz's first question page");
  return { quiz, firstPage, last: course.pages.length - 1 };
}

/**
 * From the current page to the last: answers every quiz question wrong
 * (ordering items moved to a wrong order, so a cleared list shows), and on
 * the way, when `practice`, every other question (graded ones wrong).
 */
async function throughToEnd(session, submitted, { practice, quizRight = false }) {
  const { course } = session;
  const last = course.pages.length - 1;
  for (let k = await session.currentPage(); k <= last; k++) {
    for (const q of session.questionsOn(k)) {
      if (q.quiz) submitted.push(await session.answer(q, { correct: quizRight, reorder: true }));
      else if (practice) submitted.push(await session.answer(q, { correct: !GRADED.has(q.type) }));
    }
    if (k < last) await session.next();
  }
}

/** Asserts the result page: the score line, passed or not, and #kv-retry offered or not. */
async function assertSummary(session, outcome) {
  const { ui, course } = session;
  const summary = await session.summary();
  assert.ok(summary, "no #kv-summary");
  const lines = [
    ui.scoreLine.replace("{score}", String(outcome.percent)).replace("{mastery}", String(course.mastery_score)),
    outcome.success === "passed" ? ui.passed : ui.failed,
    outcome.completion === "completed" ? ui.done : ui.notDone,
  ];
  for (const line of lines) assert.ok(summary.text.includes(line), `#kv-summary does not say ${JSON.stringify(line)}: ${JSON.stringify(summary.text)}`);
  assert.equal(summary.retry, outcome.canRetry ? ui.retry : null, `#kv-retry on the result page (expected ${JSON.stringify(outcome)})`);
}

/**
 * Clicks #kv-retry and checks where it lands (the first quiz question's
 * page, focus on its h1) and that the quiz forms look as they did before
 * any answer (`pristine`), while the other forms are unchanged (`kept`).
 * An ordering list left in the learner's order is pushed to `problems`
 * (reported at the end of the test, so the rest of the scenario still runs).
 */
async function retry(session, { quiz, firstPage }, pristine, kept, problems) {
  await session.frame.locator("#kv-summary button#kv-retry").click();
  await session.waitForPage(firstPage, "after clicking #kv-retry");
  await session.waitForFocusOnHeading(firstPage);
  const now = await session.formStates();
  for (const q of quiz) {
    assert.deepEqual(
      { ...now[q.id], order: null },
      { ...pristine[q.id], order: null },
      `quiz question ${q.id} after #kv-retry: the form should be cleared (as a new learner sees it)`,
    );
    if (JSON.stringify(now[q.id].order) !== JSON.stringify(pristine[q.id].order)) {
      problems.push(
        `${session.s.label}: ordering ${q.id} after #kv-retry still lists the items in the order the learner left them, ` +
          `${JSON.stringify(now[q.id].order)}, not as a new learner sees them (and as the same state shows after a reload), ${JSON.stringify(pristine[q.id].order)}`,
      );
    }
    if (q.attempts > 0) {
      const lock = await session.formLock(q.id);
      assert.equal(session.triesShown(lock), q.attempts, `quiz question ${q.id}: tries after #kv-retry`);
    }
  }
  for (const [id, state] of Object.entries(kept)) {
    assert.deepEqual(now[id], state, `question ${id} is not in the quiz, yet #kv-retry changed its form`);
  }
}

describe("retry", () => {
  const env = useEnvironment();

  for (const version of VERSIONS) {
    const s = SCORM[version];

    test(`${version}: fail, retry from the result page, pass (best counts, quiz only)`, { timeout: TEST_TIMEOUT }, async () => {
      const problems = [];
      await withSession(env, version, async (session) => {
        const { course } = session;
        const q = quizOf(course);
        const pristine = await session.formStates();
        const submitted = [];

        await throughToEnd(session, submitted, { practice: true });
        const failed = expectedOutcome(course, submitted, { allPagesSeen: true });
        assert.equal(failed.success, "failed");
        assert.equal(failed.canRetry, true);
        await assertSummary(session, failed);

        const before = await session.formStates();
        const kept = Object.fromEntries(Object.entries(before).filter(([id]) => !q.quiz.some((x) => x.id === id)));
        await retry(session, q, pristine, kept, problems);

        const secondFrom = submitted.length;
        await throughToEnd(session, submitted, { practice: false, quizRight: true });
        const best = failed.percent;
        const outcome = expectedOutcome(course, submitted, { allPagesSeen: true, retries: 1, best });
        assert.deepEqual([outcome.percent, outcome.success, outcome.completion, outcome.finished], [100, "passed", "completed", true]);
        // The practice questions (all wrong) do not pull the score down.
        const graded = course.questions.filter((x) => GRADED.has(x.type));
        assert.ok(percentOf(graded, latestAnswers(submitted)) < 100, "the practice answers should be wrong, or this does not show that only the quiz scores");
        await assertSummary(session, outcome);

        let calls = await session.calls();
        assertInitializedOnce(calls, s);
        // Both attempts are on record: the retry appends, it does not overwrite.
        assertInteractions(calls, s, version, course, submitted);
        assert.ok(submitted.length > secondFrom);

        await session.teardown();
        calls = await session.calls();
        assertTerminatedOnceAfterCommit(calls, s);
        assertNoFailedWrites(calls, s);
        await assertOutcome(session, calls, outcome);
        const saved = decodeSuspend(course, await session.cmi("cmi.suspend_data"));
        assert.equal(saved?.quiz, `1.${best}`, `${s.label}: quiz attempts in the suspend data ("<retries>.<best>")`);
        assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
        assert.deepEqual(session.consoleProblems(), [], `${s.label}: errors or player warnings in the console`);
      });
      assert.deepEqual(problems, [], "#kv-retry did not clear every quiz form");
    });

    test(`${version}: fail, leave, resume from the LMS, retry, pass`, { timeout: TEST_TIMEOUT }, async () => {
      const problems = [];
      let held;
      let pristine;
      let failed;
      const submitted = [];
      await withSession(env, version, async (session) => {
        const { course } = session;
        const q = quizOf(course);
        pristine = await session.formStates();
        await session.gotoViaToc(q.firstPage);
        await throughToEnd(session, submitted, { practice: false });
        failed = expectedOutcome(course, submitted, { allPagesSeen: false });
        assert.equal(failed.canRetry, true);
        await assertSummary(session, failed);
        await session.teardown();
        const calls = await session.calls();
        assertTerminatedOnceAfterCommit(calls, s);
        assertNoFailedWrites(calls, s);
        await assertOutcome(session, calls, failed);
        held = await session.flat();
      });

      await withSession(
        env,
        version,
        async (session) => {
          const { course } = session;
          const q = quizOf(course);
          assert.equal(await session.currentPage(), q.last, `${s.label}: after resuming, not on the result page the learner left`);
          await assertSummary(session, failed);
          await retry(session, q, pristine, {}, problems);
          const from = submitted.length;
          await throughToEnd(session, submitted, { practice: false, quizRight: true });
          const outcome = expectedOutcome(course, submitted, { allPagesSeen: false, retries: 1, best: failed.percent });
          assert.equal(outcome.success, "passed");
          await assertSummary(session, outcome);
          await session.teardown();
          const calls = await session.calls();
          assertInitializedOnce(calls, s);
          assertTerminatedOnceAfterCommit(calls, s);
          assertNoFailedWrites(calls, s);
          assertInteractions(calls, s, version, course, submitted.slice(from), { firstIndex: from });
          await assertOutcome(session, calls, outcome);
          assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
          assert.deepEqual(session.consoleProblems(), [], `${s.label}: errors or player warnings in the console`);
        },
        { seed: resumeSeed(held, version) },
      );
      assert.deepEqual(problems, [], "#kv-retry did not clear every quiz form");
    });

    test(`${version}: retries run out`, { timeout: TEST_TIMEOUT }, async () => {
      const problems = [];
      await withSession(env, version, async (session) => {
        const { course } = session;
        const q = quizOf(course);
        assert.ok(course.quiz_retries <= 5, `the quiz allows ${course.quiz_retries} retries; too many to run out in a test`);
        const pristine = await session.formStates();
        const submitted = [];
        await session.gotoViaToc(q.firstPage);
        let outcome;
        for (let attempt = 0; attempt <= course.quiz_retries; attempt++) {
          await throughToEnd(session, submitted, { practice: false });
          outcome = expectedOutcome(course, submitted, { allPagesSeen: false, retries: attempt, best: attempt > 0 ? 0 : null });
          assert.equal(outcome.canRetry, attempt < course.quiz_retries, `attempt ${attempt + 1}: retry expected`);
          await assertSummary(session, outcome);
          if (outcome.canRetry) await retry(session, q, pristine, {}, problems);
        }
        await session.teardown();
        const calls = await session.calls();
        assertTerminatedOnceAfterCommit(calls, s);
        assertNoFailedWrites(calls, s);
        assertInteractions(calls, s, version, course, submitted);
        assert.equal(outcome.success, "failed");
        await assertOutcome(session, calls, outcome);
      });
      assert.deepEqual(problems, [], "#kv-retry did not clear every quiz form");
    });
  }
});
