// axe-core on every page of the course, inside the course frame: as each
// page is first shown, and again after every question on it is answered
// (wrongly, so feedback shows and questions with one try lock) on the pages
// with questions, ending on the result page of a failed quiz with its
// retry button.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { formatViolations, injectAxe, violationsNow } from "./lib/axe.mjs";
import { VERSIONS } from "./lib/env.mjs";
import { TEST_TIMEOUT, useEnvironment, withSession } from "./lib/suite.mjs";


describe("axe", () => {
  const env = useEnvironment();

  for (const version of VERSIONS) {
    for (const answered of [false, true]) {
      const name = answered ? `${version}: pages with questions after answering them wrong (feedback, locked questions, the result page with its retry)` : version;
      test(name, { timeout: TEST_TIMEOUT }, async () => {
        await withSession(env, version, async (session) => {
          const { course, frame } = session;
          // Through the DevTools protocol, so a Content-Security-Policy in the package does not stop it.
          await injectAxe(frame);
          const found = [];
          const kinds = new Set();
          for (let k = 0; k < course.pages.length; k++) {
            if (k > 0) await session.next();
            if (answered) await session.doPage(k, { correct: false, reorder: true });
            for (const q of session.questionsOn(k)) kinds.add(q.type);
            // After answering, only the pages that changed: those with questions, and the result page.
            if (answered && session.questionsOn(k).length === 0 && k < course.pages.length - 1) continue;
            const violations = await violationsNow(frame);
            if (violations.length) found.push({ where: `page ${k} "${course.pages[k].id}"`, violations });
          }
          assert.ok(kinds.size >= 7, `the pages checked should hold every kind of question; they hold ${[...kinds].join(", ")}`);
          assert.ok(await frame.locator("form.kv-calculator").count(), "the course should have a calculator to check");
          if (answered) assert.ok((await session.summary())?.retry, "the result page should offer #kv-retry after a failed quiz");
          const count = found.reduce((a, f) => a + f.violations.length, 0);
          assert.equal(count, 0, `${count} axe violation(s) in ${version}:\n${formatViolations(found)}`);
        });
      });
    }
  }
});
