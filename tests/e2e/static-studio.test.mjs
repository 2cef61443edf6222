// The static Studio (`kursverk studio --out DIR`) from file:// in Chromium:
// open the Kugghjul folder, see it in the SCORM runtime, edit a chapter and
// see the problem at its line, and download packages byte-identical to
// `kursverk build` of the same folder, and the edited course as a zip.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";
import AdmZip from "adm-zip";
import { courseDir, kursverkBin, launchBrowser, removeTmp, runBuild } from "./lib/env.mjs";
import { ENGINES, ENGINE_LABEL, launchEngine, waitFor } from "./lib/engines.mjs";
import { formatViolations, injectAxe } from "./lib/axe.mjs";
import { HOOK_TIMEOUT, TEST_TIMEOUT } from "./lib/suite.mjs";

describe("static Studio from file://", () => {
  const env = {};
  before(() => {
    env.tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-studio-"));
    const run = spawnSync(kursverkBin(), ["studio", "--out", path.join(env.tmp, "studio")], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    runBuild(courseDir("kugghjul"), path.join(env.tmp, "cli"));
    runBuild(courseDir("kugghjul"), path.join(env.tmp, "cli"), "web");
    runBuild(courseDir("kugghjul"), path.join(env.tmp, "cli"), "print");
  }, { timeout: HOOK_TIMEOUT });
  after(() => removeTmp(env.tmp));

  test("open, preview, edit, problems, downloads", { timeout: TEST_TIMEOUT }, async () => {
    const browser = await launchBrowser();
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    try {
      await page.goto(pathToFileURL(path.join(env.tmp, "studio", "index.html")).href);
      await page.waitForFunction(() => window.kvStatic, null, { timeout: 30_000 });

      // Open the course folder, as an author picks it.
      await page.setInputFiles("#folder-input", courseDir("kugghjul"));
      await page.waitForFunction(
        () => document.getElementById("sco").contentDocument?.documentElement?.dataset.kvReady === "1",
        null,
        { timeout: 30_000 },
      );
      const first = await page.evaluate(() => document.getElementById("sco").contentDocument.querySelector("section.kv-page:not([hidden])").dataset.page);
      assert.equal(first, "0", "page 1 in the preview");
      await page.waitForFunction(() => window.kvStudio.calls().some((c) => c.method === "LMSInitialize"));
      assert.equal(await page.textContent("#build").then((t) => t.startsWith("Inga problem.")), true);

      // Downloads: the same bytes as `kursverk build`.
      for (const [target, file] of [
        ["scorm12", "kugghjul-scorm12.zip"],
        ["scorm2004", "kugghjul-scorm2004.zip"],
        ["web", "kugghjul-web.zip"],
        ["print", "kugghjul-print.html"],
      ]) {
        const [download] = await Promise.all([page.waitForEvent("download"), page.click(`button.download[data-target="${target}"]`)]);
        assert.equal(download.suggestedFilename(), file);
        const saved = path.join(env.tmp, `dl-${file}`);
        await download.saveAs(saved);
        assert.ok(fs.readFileSync(saved).equals(fs.readFileSync(path.join(env.tmp, "cli", file))), `${file} byte-identical to kursverk build`);
      }

      // Edit a chapter in the editor: the problem, in Swedish, at its line.
      await page.selectOption("#file", "02-vad-ar-kugghjul.md");
      const text = await page.inputValue("#editor");
      await page.fill("#editor", text.replace("> - [x] Socialtjänstlagen (2001:453)", "> - [ ] Socialtjänstlagen (2001:453)"));
      await page.waitForFunction(() => document.getElementById("problem-list").textContent.includes("KV0413"), null, { timeout: 10_000 });
      const listed = await page.textContent("#problem-list");
      assert.ok(listed.includes("Frågan har inget rätt svar.") && listed.includes("02-vad-ar-kugghjul.md:30:3"), listed);
      assert.equal(await page.isVisible("#banner"), true, "the last good preview stays under a banner");
      // Marked at its line beside the text, and said for screen readers.
      assert.ok((await page.textContent("#gutter")).includes("✖ 30\n"), "line 30 marked in the editor's margin");
      assert.ok((await page.textContent("#editor-problems")).includes("Rad 30: Frågan har inget rätt svar."));
      // The place selects its line in the editor.
      await page.click("#problem-list .place");
      const selected = await page.evaluate(() => {
        const a = document.getElementById("editor");
        return a.value.slice(0, a.selectionStart).split("\n").length;
      });
      assert.equal(selected, 30);

      // The Studio passes axe, and works by keyboard: Tab reaches the
      // controls, Enter on a problem's place opens its line.
      await injectAxe(page);
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run({ exclude: [["#sco"]] }, { resultTypes: ["violations"] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, failureSummary: n.failureSummary })) }));
      });
      assert.deepEqual(violations, [], formatViolations([{ where: "static Studio", violations }]));
      await page.focus("#version");
      const reached = [];
      for (let i = 0; i < 12; i++) {
        reached.push(await page.evaluate(() => document.activeElement.id || document.activeElement.className));
        await page.keyboard.press("Tab");
      }
      for (const id of ["version", "toc", "new-learner", "come-back", "fail-commit"]) {
        assert.ok(reached.includes(id), `Tab reaches #${id}: ${reached.join(", ")}`);
      }
      await page.evaluate(() => document.getElementById("editor").blur());
      await page.focus("#problem-list .place");
      await page.keyboard.press("Enter");
      assert.equal(await page.evaluate(() => document.activeElement.id), "editor", "Enter on the place opens the editor at the line");

      // Without write access to the folder, Save downloads the edited course.
      const [zip] = await Promise.all([page.waitForEvent("download"), page.click("#save")]);
      const saved = path.join(env.tmp, "kurs.zip");
      await zip.saveAs(saved);
      const edited = new AdmZip(saved).readAsText("02-vad-ar-kugghjul.md");
      assert.ok(edited.includes("> - [ ] Socialtjänstlagen (2001:453)"), "the edit is in the downloaded course");
      assert.deepEqual(errors, [], "uncaught errors in the Studio");
    } finally {
      await context.close();
      await browser.close();
    }
  });
});

// Firefox and WebKit: open (through the page's test hook: WebDriver has no
// directory upload), preview, download (the bytes the download button
// hands over, compared with `kursverk build`).
for (const engine of ENGINES) {
  describe(`static Studio from file:// in ${ENGINE_LABEL[engine]}`, () => {
    const env = {};
    before(() => {
      env.tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-studio-"));
      const run = spawnSync(kursverkBin(), ["studio", "--out", path.join(env.tmp, "studio")], { encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
      runBuild(courseDir("kugghjul"), path.join(env.tmp, "cli"));
    }, { timeout: HOOK_TIMEOUT });
    after(() => removeTmp(env.tmp));

    test("open, preview, download", { timeout: TEST_TIMEOUT }, async () => {
      const browser = await launchEngine(engine);
      const tab = await browser.newTab();
      try {
        await tab.goto(pathToFileURL(path.join(env.tmp, "studio", "index.html")).href);
        await waitFor(tab, () => Boolean(window.kvStatic), null, { timeout: 60_000, message: "the Studio's engine started" });
        const dir = courseDir("kugghjul");
        const files = [];
        (function walk(d, prefix) {
          for (const e of fs.readdirSync(d, { withFileTypes: true })) {
            const p = path.join(d, e.name);
            if (e.isDirectory()) walk(p, `${prefix}${e.name}/`);
            else files.push({ path: prefix + e.name, b64: fs.readFileSync(p).toString("base64") });
          }
        })(dir, "");
        await tab.eval((list) => {
          window.kvStatic.load(list.map((f) => ({ path: f.path, bytes: Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0)) })));
          return true;
        }, files);
        await waitFor(tab, () => document.getElementById("sco").contentDocument?.documentElement?.dataset.kvReady === "1", null, {
          timeout: 30_000,
          message: "the preview shows the course",
        });
        await waitFor(tab, () => window.kvStudio.calls().some((c) => c.method === "LMSInitialize"), null, { message: "LMSInitialize" });
        for (const [target, file] of [["scorm12", "kugghjul-scorm12.zip"], ["scorm2004", "kugghjul-scorm2004.zip"]]) {
          const got = await tab.eval((t) => {
            const bytes = window.kvStatic.make(t);
            let s = "";
            for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
            return { name: window.kvStatic.name(t), b64: btoa(s) };
          }, target);
          assert.equal(got.name, file);
          assert.ok(Buffer.from(got.b64, "base64").equals(fs.readFileSync(path.join(env.tmp, "cli", file))), `${engine}: ${file} byte-identical`);
        }
      } finally {
        await tab.close().catch(() => {});
        await browser.close().catch(() => {});
      }
    });
  });
}
