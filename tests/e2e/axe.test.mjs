// axe-core on every page of the course, inside the course frame.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import { VERSIONS } from "./lib/env.mjs";
import { TEST_TIMEOUT, useEnvironment, withSession } from "./lib/suite.mjs";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

function formatViolations(found) {
  return found
    .map(({ page, violations }) =>
      violations
        .map(
          (v) =>
            `[page ${page}] ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n` +
            v.nodes
              .map((n) => `    - ${n.target.join(" ")}\n      ${n.html}\n      ${(n.failureSummary || "").replace(/\n/g, "\n      ")}`)
              .join("\n"),
        )
        .join("\n"),
    )
    .join("\n");
}

describe("axe", () => {
  const env = useEnvironment();

  for (const version of VERSIONS) {
    test(version, { timeout: TEST_TIMEOUT }, async () => {
      await withSession(env, version, async (session) => {
        const { course, frame } = session;
        // Through the DevTools protocol, so a Content-Security-Policy in the package does not stop it.
        await frame.evaluate(axeSource);
        const found = [];
        for (let k = 0; k < course.pages.length; k++) {
          if (k > 0) await session.next();
          const violations = await frame.evaluate(async () => {
            const result = await window.axe.run(document, { resultTypes: ["violations"] });
            return result.violations.map((v) => ({
              id: v.id,
              impact: v.impact,
              help: v.help,
              helpUrl: v.helpUrl,
              nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, failureSummary: n.failureSummary })),
            }));
          });
          if (violations.length) found.push({ page: `${k} "${course.pages[k].id}"`, violations });
        }
        const count = found.reduce((a, f) => a + f.violations.length, 0);
        assert.equal(count, 0, `${count} axe violation(s) in ${version}:\n${formatViolations(found)}`);
      });
    });
  }
});
