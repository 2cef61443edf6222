// A link to a page: `index.html#page-<id>` opens that page — always in the
// web target (an author looking at a page, a link in an e-mail), and in an
// LMS when the learner has no place in the course yet (a bookmark wins).
// Changing the address's page while the course is open goes there too.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildWeb, removeTmp } from "./lib/env.mjs";
import { SCORM } from "./lib/scorm.mjs";
import { Session } from "./lib/session.mjs";
import { TEST_TIMEOUT, useEnvironment } from "./lib/suite.mjs";

describe("deep links", () => {
  const env = useEnvironment();
  const web = {};
  before(() => {
    web.build = buildWeb();
  });
  after(() => removeTmp(web.build?.tmp));

  test("web target: #page-<id> opens the page, even with a saved place", { timeout: TEST_TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const base = pathToFileURL(path.join(web.build.dir, "index.html")).href;
      const first = await Session.standalone(context, base);
      const { course } = first;
      const target = 3;
      await first.gotoViaToc(1);
      await first.page.goto(`${base}#page-${course.pages[target].id}`);
      await first.frame.waitForFunction(() => document.documentElement.dataset.kvReady === "1");
      assert.equal(await first.currentPage(), target, "the linked page, over the saved place");
      // The address changes while the course is open: the course follows.
      await first.page.evaluate((id) => (location.hash = `#page-${id}`), course.pages[5].id);
      await first.frame.waitForFunction((i) => !document.querySelector(`section.kv-page[data-page="${i}"]`).hidden, 5);
      assert.equal(await first.currentPage(), 5, "the page after the address changed");
      // An unknown page id changes nothing.
      await first.page.evaluate(() => (location.hash = "#page-finns-inte"));
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(await first.currentPage(), 5, "after a link to no page");
      assert.deepEqual(first.pageErrors, [], "uncaught errors in the page");
      await first.close();
    } finally {
      await context.close();
    }
  });

  for (const version of ["scorm12", "scorm2004"]) {
    const s = SCORM[version];
    test(`${version}: in an LMS, a link opens its page only when the learner has no bookmark`, { timeout: TEST_TIMEOUT }, async () => {
      const probe = await Session.open(env.browser, env.server.url, version, { seed: env.pkgs.seeds[version] });
      const course = probe.course;
      await probe.close();
      const linked = `index.html#page-${course.pages[4].id}`;
      const fresh = await Session.open(env.browser, env.server.url, version, { seed: env.pkgs.seeds[version], file: linked });
      try {
        assert.equal(await fresh.currentPage(), 4, `${s.label}: a new learner follows the link`);
      } finally {
        await fresh.close();
      }
      const seed = { ...env.pkgs.seeds[version], [s.location]: course.pages[2].id, [version === "scorm12" ? "cmi.core.entry" : "cmi.entry"]: "resume" };
      const back = await Session.open(env.browser, env.server.url, version, { seed, file: linked });
      try {
        assert.equal(await back.currentPage(), 2, `${s.label}: the bookmark wins over the link`);
      } finally {
        await back.close();
      }
    });
  }
});
