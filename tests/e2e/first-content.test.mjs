// First content (issue 11): a course page is rendered at build time, so it
// must paint as soon as its own HTML has arrived, like a plain HTML page,
// without waiting for any other request through the LMS. Each launch file
// (Kugghjul's index.html, every chapter of Handläggning) is opened in the
// LMS host with every other package request held back (stylesheets, the
// player's script, images); the first page must paint, styled, meanwhile.
// Once the requests are let through, the player starts, and Chromium
// reports no render-blocking resource. The timing itself (against a plain
// HTML SCO) is measured by first-content.bench.mjs, not asserted here.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { VERSIONS, buildPackages, buildScoPackages, chromiumPath, courseDir, launchBrowser, removeTmp } from "./lib/env.mjs";
import { startServer } from "./lib/server.mjs";
import { SCORM } from "./lib/scorm.mjs";
import { HOOK_TIMEOUT, TEST_TIMEOUT } from "./lib/suite.mjs";

/**
 * Opens `/pkg/<pkg>/<file>` in the LMS host with every other request under
 * /pkg/ held; checks the first paint, releases them, checks the player
 * starts. Returns a list of problems.
 */
async function paintsAlone(browser, url, version, pkg, file) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const launch = `/pkg/${pkg}/${file}`;
  const held = [];
  let holding = true;
  const problems = [];
  const errors = [];
  try {
    await context.route(
      (u) => u.pathname.startsWith("/pkg/") && u.pathname !== launch,
      (route) => (holding ? void held.push(route) : route.continue()),
    );
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${url}/lms/host.html?v=${SCORM[version].v}&pkg=${encodeURIComponent(launch)}`, { waitUntil: "domcontentloaded" });
    const frame = await (await page.waitForSelector("iframe#sco", { state: "attached" })).contentFrame();
    const painted = await frame
      .waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, null, { timeout: 5_000, polling: 50 })
      .then(() => true, () => false);
    const heldNames = () => held.map((r) => new URL(r.request().url()).pathname.replace(`/pkg/${pkg}/`, "")).join(", ");
    if (!painted) {
      problems.push(`${launch}: no first paint within 5 s while these requests were pending: ${heldNames() || "none"} (render-blocking)`);
    } else {
      const shown = await frame.evaluate(() => {
        const section = document.querySelector("section.kv-page:not([hidden])");
        const h1 = section && section.querySelector("h1");
        return {
          heading: h1 ? h1.textContent.trim() : null,
          visible: !!h1 && h1.getBoundingClientRect().height > 0,
          styled: getComputedStyle(document.querySelector(".kv-layout")).display === "grid",
          dataAfterContent: !!(
            document.querySelector("#kv-course") &&
            document.querySelector("#kv-main").compareDocumentPosition(document.querySelector("#kv-course")) & Node.DOCUMENT_POSITION_FOLLOWING
          ),
          headScripts: [...document.head.querySelectorAll("script[src]")].filter((s) => !s.defer && !s.async).map((s) => s.getAttribute("src")),
        };
      });
      if (!shown.visible) problems.push(`${launch}: painted, but the first page's heading is not shown: ${JSON.stringify(shown)}`);
      if (!shown.styled) problems.push(`${launch}: painted unstyled (.kv-layout is not a grid) while ${heldNames()} were pending`);
      if (!shown.dataAfterContent) problems.push(`${launch}: the course data (#kv-course) should come after the page content`);
      if (shown.headScripts.length) problems.push(`${launch}: parser-blocking scripts in <head>: ${shown.headScripts.join(", ")}`);
      if (!held.length) problems.push(`${launch}: no request was held; the test did not test anything`);
    }
    holding = false;
    for (const route of held.splice(0)) await route.continue();
    const ready = await frame
      .waitForSelector('html[data-kv-ready="1"]', { state: "attached", timeout: 15_000 })
      .then(() => true, () => false);
    if (!ready) problems.push(`${launch}: the player did not start once its files were let through`);
    const blocking = await frame.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .filter((r) => r.renderBlockingStatus === "blocking")
        .map((r) => r.name.replace(location.origin, "")),
    );
    if (blocking.length) problems.push(`${launch}: render-blocking resources: ${blocking.join(", ")}`);
    if (errors.length) problems.push(`${launch}: page errors: ${errors.join("; ")}`);
  } finally {
    await context.close();
  }
  return problems;
}

describe("first content", () => {
  const env = {};
  before(
    async () => {
      chromiumPath();
      env.single = buildPackages(courseDir("kugghjul"));
      env.multi = buildScoPackages(courseDir("handlaggning"));
      const packages = {};
      for (const v of VERSIONS) {
        packages[v] = env.single.dirs[v];
        packages[`sco-${v}`] = env.multi.dirs[v];
      }
      env.server = await startServer({ packages });
      env.browser = await launchBrowser();
    },
    { timeout: HOOK_TIMEOUT },
  );
  after(
    async () => {
      await env.browser?.close().catch(() => {});
      await env.server?.close().catch(() => {});
      removeTmp(env.single?.tmp);
      removeTmp(env.multi?.tmp);
    },
    { timeout: 60_000 },
  );

  for (const version of VERSIONS) {
    test(`${version}: kugghjul's first page paints, styled, before any other request is answered`, { timeout: TEST_TIMEOUT }, async () => {
      const problems = await paintsAlone(env.browser, env.server.url, version, version, "index.html");
      assert.deepEqual(problems, []);
    });

    test(`${version}: every chapter of handlaggning paints before any other request is answered`, { timeout: TEST_TIMEOUT }, async () => {
      const problems = [];
      for (const sco of env.multi.manifests[version].scos) {
        problems.push(...(await paintsAlone(env.browser, env.server.url, version, `sco-${version}`, sco.href)));
      }
      assert.deepEqual(problems, []);
    });
  }
});
