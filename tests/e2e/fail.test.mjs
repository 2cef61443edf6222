// A learner goes through the whole course answering every knowledge question
// wrongly: the course is completed but failed.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { VERSIONS } from "./lib/env.mjs";
import {
  assertInitializedOnce,
  assertLastSet,
  assertLastSetNumber,
  assertNoFailedWrites,
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
        assert.ok(
          (course.questions || []).some((q) => q.type === "choice"),
          "the course has no knowledge question, so it cannot be failed",
        );

        const last = course.pages.length - 1;
        for (let k = 0; k <= last; k++) {
          await session.doPage(k, { correct: false });
          if (k < last) await session.next();
        }
        await session.teardown();
        const calls = await session.calls();

        assertInitializedOnce(calls, s);
        if (version === "scorm12") {
          assertLastSet(calls, s, s.status, "failed");
          assertLastSetNumber(calls, s, s.raw, 0);
        } else {
          assertLastSet(calls, s, s.completion, "completed");
          assertLastSet(calls, s, s.success, "failed");
          assertLastSetNumber(calls, s, s.scaled, 0);
          assertLastSetNumber(calls, s, s.raw, 0);
        }
        assertTerminatedOnceAfterCommit(calls, s);
        assertSessionTime(calls, s);
        assertNoFailedWrites(calls, s);
        assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
        await session.assertLmsHolds(
          version === "scorm12"
            ? { [s.status]: "failed" }
            : { [s.completion]: "completed", [s.success]: "failed" },
        );
        assert.deepEqual(session.consoleProblems(), [], `${s.label}: errors or player warnings in the console`);
      });
    });
  }
});
