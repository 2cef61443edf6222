// axe-core in the course frame: injecting it, reading its violations, and
// saying them in a failure message. Shared by the tests that run axe.
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Puts axe-core into `frame` (once per document). */
export function injectAxe(frame) {
  return frame.evaluate(axeSource);
}

/** axe-core's violations in the course frame as it is now. */
export function violationsNow(frame) {
  return frame.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, failureSummary: n.failureSummary })),
    }));
  });
}

/** `[{where, violations}]` as readable lines for a failure message. */
export function formatViolations(found) {
  return found
    .map(({ where, violations }) =>
      violations
        .map(
          (v) =>
            `[${where}] ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n` +
            v.nodes
              .map((n) => `    - ${n.target.join(" ")}\n      ${n.html}\n      ${(n.failureSummary || "").replace(/\n/g, "\n      ")}`)
              .join("\n"),
        )
        .join("\n"),
    )
    .join("\n");
}
