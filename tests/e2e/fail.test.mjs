// A learner goes through the whole course answering every graded question
// wrongly (every kind; questions with limited tries lock after their last
// try). The course's rules decide what the LMS gets: with completion =
// ["pages", "quiz"] the course is not complete while the quiz is failed,
// so SCORM 1.2 says failed, SCORM 2004 incomplete + failed, the score is 0
// over the scored questions, and the learner leaves with exit=suspend
// because the result page offers another go at the quiz (#kv-retry).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { VERSIONS } from "./lib/env.mjs";
import { GRADED, expectedOutcome, scoredQuestions } from "./lib/answers.mjs";
import {
  assertInitializedOnce,
  assertInteractions,
  assertNoFailedWrites,
  assertOutcome,
  assertSessionTime,
  assertTerminatedOnceAfterCommit,
} from "./lib/scorm.mjs";
import { TEST_TIMEOUT, useEnvironment, withSession } from "./lib/suite.mjs";

describe("fail", () => {
  const env = useEnvironment();

  for (const version of VERSIONS) {
    test(version, { timeout: TEST_TIMEOUT }, async () => {
      await withSession(env, version, async (session) => {
        const { course, s } = session;
        const scored = scoredQuestions(course);
        assert.ok(scored.length > 0, "the course has no scored question, so it cannot be failed");

        const submitted = [];
        const last = course.pages.length - 1;
        for (let k = 0; k <= last; k++) {
          submitted.push(...(await session.doPage(k, { correct: false })));
          if (k < last) await session.next();
        }
        const outcome = expectedOutcome(course, submitted, { allPagesSeen: true });
        assert.equal(outcome.percent, 0, "every scored answer wrong scores 0");
        assert.equal(outcome.success, "failed");
        if (course.completion.includes("quiz")) {
          assert.equal(outcome.completion, "incomplete", 'with the "quiz" completion rule a failed quiz leaves the course incomplete');
        }

        // Every scored question with limited tries is locked now.
        const states = await session.formStates();
        for (const q of scored.filter((x) => x.attempts === 1)) {
          assert.ok(states[q.id].disabled > 0 && states[q.id].wrong, `question ${q.id}: wrong on its only try, yet not locked: ${JSON.stringify(states[q.id])}`);
        }

        // The result page: the score, not passed, and another go offered.
        const summary = await session.summary();
        assert.ok(summary, "the course has scored questions but no #kv-summary");
        assert.equal(await session.pageOf("#kv-summary"), last, "#kv-summary is not on the last page");
        const scoreLine = session.ui.scoreLine.replace("{score}", "0").replace("{mastery}", String(course.mastery_score));
        for (const line of [scoreLine, session.ui.failed, outcome.completion === "completed" ? session.ui.done : session.ui.notDone]) {
          assert.ok(summary.text.includes(line), `#kv-summary does not say ${JSON.stringify(line)}: ${JSON.stringify(summary.text)}`);
        }
        assert.equal(outcome.canRetry, course.quiz_retries > 0, "quiz retries in the course data");
        assert.equal(summary.retry, outcome.canRetry ? session.ui.retry : null, "#kv-retry on the result page");

        let calls = await session.calls();
        assertInitializedOnce(calls, s);
        assertInteractions(calls, s, version, course, submitted);
        assert.ok(submitted.some((x) => GRADED.has(course.questions.find((q) => q.id === x.id).type)), "no graded answer submitted");

        await session.teardown();
        calls = await session.calls();
        assertTerminatedOnceAfterCommit(calls, s);
        assertSessionTime(calls, s);
        assertNoFailedWrites(calls, s);
        await assertOutcome(session, calls, outcome);
        assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
        assert.deepEqual(session.consoleProblems(), [], `${s.label}: errors or player warnings in the console`);
      });
    });
  }
});
