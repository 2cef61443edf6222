// A learner goes through the whole course and answers every question of
// every kind right (choice, true/false, fill-in, ordering with the move
// buttons, matching, a point on each scale, every reflection written): the
// LMS must end up with passed/completed, full score over the scored
// questions, a bookmark on every page and one clean Terminate with a
// normal exit. The result page says so and offers no retry.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { VERSIONS } from "./lib/env.mjs";
import { KINDS, expectedOutcome, scoredQuestions } from "./lib/answers.mjs";
import {
  assertInitializedOnce,
  assertInteractions,
  assertNoFailedWrites,
  assertOutcome,
  assertSessionTime,
  assertTerminatedOnceAfterCommit,
  dedupeConsecutive,
  valuesSet,
} from "./lib/scorm.mjs";
import { TEST_TIMEOUT, failedPackageRequests, useEnvironment, withSession } from "./lib/suite.mjs";

describe("play-through", () => {
  const env = useEnvironment();

  for (const version of VERSIONS) {
    test(version, { timeout: TEST_TIMEOUT }, async () => {
      await withSession(env, version, async (session) => {
        const { course, s } = session;
        await session.assertPagesMatchCourse();
        await session.assertChrome();
        assert.equal(await session.currentPage(), 0, "the course does not open on its first page");
        const kinds = new Set(course.questions.map((q) => q.type));
        assert.deepEqual(KINDS.filter((k) => !kinds.has(k)), [], "the course should use every question kind");
        assert.ok(scoredQuestions(course).length > 0, "the course has no scored question");

        const submitted = [];
        const last = course.pages.length - 1;
        for (let k = 0; k <= last; k++) {
          submitted.push(...(await session.doPage(k, { correct: true })));
          if (k < last) await session.next();
        }
        assert.equal(submitted.length, course.questions.length, "every question answered once");
        const outcome = expectedOutcome(course, submitted, { allPagesSeen: true });
        assert.deepEqual(
          [outcome.percent, outcome.success, outcome.completion, outcome.finished],
          [100, "passed", "completed", true],
          "by the course's rules, every answer right and every page seen is passed and complete",
        );

        // The result page (the last page, when the course has one) says so.
        const summary = await session.summary();
        if (summary) {
          assert.equal(await session.pageOf("#kv-summary"), last, "#kv-summary is not on the last page");
          for (const line of [session.ui.passed, session.ui.done]) {
            assert.ok(summary.text.includes(line), `#kv-summary does not say ${JSON.stringify(line)}: ${JSON.stringify(summary.text)}`);
          }
          assert.equal(summary.retry, null, "#kv-summary offers #kv-retry although the quiz is passed");
        }

        let calls = await session.calls();
        assertInitializedOnce(calls, s);
        assertInteractions(calls, s, version, course, submitted);

        // The bookmark followed the learner page by page and ends on the last page.
        const bookmarks = valuesSet(calls, s, s.location);
        assert.deepEqual(
          dedupeConsecutive(bookmarks),
          course.pages.map((p) => p.id),
          `${s.label}: ${s.location} was not set to each page id in turn (values set: ${JSON.stringify(bookmarks)})`,
        );

        await session.teardown();
        calls = await session.calls();
        assertTerminatedOnceAfterCommit(calls, s);
        assertSessionTime(calls, s);
        assertNoFailedWrites(calls, s);
        await assertOutcome(session, calls, outcome);
        assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
        assert.deepEqual(failedPackageRequests(env.server), [], `${s.label}: package files that could not be loaded`);
        assert.deepEqual(session.consoleProblems(), [], `${s.label}: errors or player warnings in the console`);
      });
    });
  }
});
