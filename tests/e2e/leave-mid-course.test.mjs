// A learner goes three pages in and leaves: the LMS must get a suspended,
// incomplete attempt bookmarked on the third page, and one Terminate.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { VERSIONS } from "./lib/env.mjs";
import {
  assertInitializedOnce,
  assertLastSet,
  assertNoFailedWrites,
  assertSessionTime,
  assertTerminatedOnceAfterCommit,
} from "./lib/scorm.mjs";
import { TEST_TIMEOUT, useEnvironment, withSession } from "./lib/suite.mjs";

describe("leave-mid-course", () => {
  const env = useEnvironment();

  for (const version of VERSIONS) {
    test(version, { timeout: TEST_TIMEOUT }, async () => {
      await withSession(env, version, async (session) => {
        const { course, s } = session;
        assert.ok(course.pages.length >= 4, `the course needs at least 4 pages for this test, it has ${course.pages.length}`);

        await session.next();
        await session.next();
        assert.equal(await session.currentPage(), 2);

        await session.teardown();
        const calls = await session.calls();

        assertInitializedOnce(calls, s);
        assertTerminatedOnceAfterCommit(calls, s);
        assertLastSet(calls, s, s.exit, "suspend", "exit when leaving before the end");
        assertLastSet(calls, s, s.location, course.pages[2].id, "bookmark on the third page");
        if (version === "scorm12") {
          assertLastSet(calls, s, s.status, "incomplete");
        } else {
          assertLastSet(calls, s, s.completion, "incomplete");
        }
        assertSessionTime(calls, s);
        assertNoFailedWrites(calls, s);
        assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
        // An attempt left half-way must stay incomplete in the LMS, not become failed.
        await session.assertLmsHolds(version === "scorm12" ? { [s.status]: "incomplete" } : { [s.completion]: "incomplete" });
        assert.deepEqual(session.consoleProblems(), [], `${s.label}: errors or player warnings in the console`);
      });
    });
  }
});
