// A learner goes through the whole course, answers every question correctly
// and writes every reflection; the LMS must end up with passed/completed,
// full score, a bookmark on every page and one clean Terminate.
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
  dedupeConsecutive,
  lastSet,
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

        const last = course.pages.length - 1;
        for (let k = 0; k <= last; k++) {
          await session.doPage(k, { correct: true });
          if (k < last) await session.next();
        }

        let calls = await session.calls();
        assertInitializedOnce(calls, s);

        // The bookmark followed the learner page by page and ends on the last page.
        const bookmarks = valuesSet(calls, s, s.location);
        assert.deepEqual(
          dedupeConsecutive(bookmarks),
          course.pages.map((p) => p.id),
          `${s.label}: ${s.location} was not set to each page id in turn (values set: ${JSON.stringify(bookmarks)})`,
        );

        await session.teardown();
        calls = await session.calls();

        assertLastSet(calls, s, s.location, course.pages[last].id, "bookmark on the last page");
        if (version === "scorm12") {
          assertLastSet(calls, s, s.status, "passed");
          assertLastSetNumber(calls, s, s.raw, 100);
          assertLastSetNumber(calls, s, s.min, 0);
          assertLastSetNumber(calls, s, s.max, 100);
        } else {
          assertLastSet(calls, s, s.completion, "completed");
          assertLastSet(calls, s, s.success, "passed");
          assertLastSetNumber(calls, s, s.scaled, 1);
          assertLastSetNumber(calls, s, s.raw, 100);
          if (lastSet(calls, s, s.min) !== undefined) assertLastSetNumber(calls, s, s.min, 0);
          if (lastSet(calls, s, s.max) !== undefined) assertLastSetNumber(calls, s, s.max, 100);
        }

        assertTerminatedOnceAfterCommit(calls, s);
        assertSessionTime(calls, s);
        const exit = lastSet(calls, s, s.exit);
        assert.ok(exit !== undefined, `${s.label}: the SCO never set ${s.exit}`);
        if (version === "scorm12") {
          assert.ok(["", "logout"].includes(exit), `${s.label}: ${s.exit} = ${JSON.stringify(exit)} after finishing the course, expected "" or "logout"`);
        } else {
          assert.equal(exit, "normal", `${s.label}: ${s.exit} after finishing the course`);
        }

        assertNoFailedWrites(calls, s);
        assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
        assert.deepEqual(failedPackageRequests(env.server), [], `${s.label}: package files that could not be loaded`);
        await session.assertLmsHolds(
          version === "scorm12"
            ? { [s.status]: "passed" }
            : { [s.completion]: "completed", [s.success]: "passed" },
        );
        assert.deepEqual(session.consoleProblems(), [], `${s.label}: errors or player warnings in the console`);
      });
    });
  }
});
