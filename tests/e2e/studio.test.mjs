// Kursverk Studio (`kursverk serve`) in Chromium, Firefox and WebKit: the
// preview shows the course in a real SCORM runtime; a saved change shows
// within 2 s on the page the author was on; a broken question shows its
// Swedish message with file:line while the last good preview stays; the
// LMS panel lists the calls and flags a value a strict LMS refuses.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { copyCourse, kursverkBin, launchBrowser, removeTmp } from "./lib/env.mjs";
import { ENGINE_LABEL, launchEngine, waitFor } from "./lib/engines.mjs";
import { TEST_TIMEOUT } from "./lib/suite.mjs";
import { formatViolations, injectAxe } from "./lib/axe.mjs";

/** `kursverk serve <dir>` on a free port; resolves with its URL. */
function serve(dir) {
  const child = spawn(kursverkBin(), ["serve", dir], { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  const url = new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const line = out.split("\n")[0];
      if (out.includes("\n")) resolve(line.trim());
    });
    child.on("exit", (code) => reject(new Error(`kursverk serve exited with ${code}: ${err}`)));
  });
  return { child, url, stderr: () => err };
}

/** The same small interface for Chromium (playwright) as engines.mjs gives the others. */
async function chromiumTab() {
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  return {
    engine: "chromium",
    page,
    goto: (url) => page.goto(url),
    eval: (fn, arg) => page.evaluate(fn, arg),
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
}

async function openTab(engine) {
  if (engine === "chromium") return { tab: await chromiumTab(), close: async () => {} };
  const browser = await launchEngine(engine);
  const tab = await browser.newTab();
  return { tab, close: () => browser.close() };
}

// In the Studio page: what the preview shows, and what the panels say.
const shown = () => {
  const doc = document.getElementById("sco").contentDocument;
  const page = doc && doc.querySelector("section.kv-page:not([hidden])");
  return page && doc.documentElement.dataset.kvReady === "1"
    ? { index: Number(page.dataset.page), heading: page.querySelector("h2, h1").textContent.trim() }
    : null;
};
const problems = () => document.getElementById("problem-list").textContent;
const calls = () => window.kvStudio.calls().map((c) => `${c.method} ${c.element} ${c.value}`.trim());

for (const engine of ["chromium", "firefox", "webkit"]) {
  describe(`Studio in ${ENGINE_LABEL[engine] || "Chromium"}`, () => {
    test("preview, live rebuild on the same page, problems, LMS panel", { timeout: TEST_TIMEOUT }, async () => {
      const course = copyCourse("kugghjul");
      const server = serve(course.dir);
      const { tab, close } = await openTab(engine);
      try {
        const url = await server.url;
        assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
        await tab.goto(url);

        // Page 1 of the course, in scorm-again, which the player found.
        const first = await waitFor(tab, shown, null, { message: "the preview shows the course", diagnose: calls });
        assert.equal(first.index, 0);
        await waitFor(tab, () => window.kvStudio.calls().some((c) => c.method === "LMSInitialize"), null, {
          message: "the LMS panel lists LMSInitialize",
        });
        await waitFor(tab, () => document.querySelector("#calls tr td:nth-child(2)")?.textContent === "LMSInitialize", null, {
          message: "the LMSInitialize row in the panel",
        });

        // Turn the page: the bookmark goes to the LMS.
        await tab.eval(() => document.getElementById("sco").contentDocument.getElementById("kv-next").click());
        const second = await waitFor(tab, () => {
          const s = (() => {
            const doc = document.getElementById("sco").contentDocument;
            const p = doc.querySelector("section.kv-page:not([hidden])");
            return p && Number(p.dataset.page);
          })();
          return s === 1 && window.kvStudio.calls().some((c) => c.method === "LMSSetValue" && c.element === "cmi.core.lesson_location" && c.value === "projektet-kugghjul");
        }, null, { message: "page 2 and its bookmark", diagnose: calls });
        assert.ok(second);

        // Change this page's heading in its chapter file: the preview shows
        // it within 2 s, still on page 2 (whose id the new heading changed).
        const chapter = path.join(course.dir, "01-om-kursen.md");
        const text = fs.readFileSync(chapter, "utf8");
        const before = await tab.eval(() => window.kvStudio.generation());
        const saved = Date.now();
        fs.writeFileSync(chapter, text.replace("## Projektet Kugghjul\n", "## Projektet Kugghjul i Studion\n"));
        const updated = await waitFor(tab, () => {
          const doc = document.getElementById("sco").contentDocument;
          const p = doc && doc.documentElement.dataset.kvReady === "1" && doc.querySelector("section.kv-page:not([hidden])");
          return p && p.querySelector("h2, h1").textContent.includes("i Studion") ? Number(p.dataset.page) : null;
        }, null, {
          timeout: 2000,
          interval: 20,
          message: "the changed heading in the preview",
          diagnose: () => {
            const doc = document.getElementById("sco").contentDocument;
            const p = doc && doc.querySelector("section.kv-page:not([hidden])");
            return {
              href: doc && doc.location.href,
              ready: doc && doc.documentElement && doc.documentElement.dataset.kvReady,
              page: p && p.id,
              generation: window.kvStudio.generation(),
              timing: window.kvStudio.timing(),
              calls: window.kvStudio.calls().filter((c) => /location|Initialize/.test(c.method + c.element)).map((c) => `${c.method} ${c.element} ${c.value} -> ${c.result}`),
            };
          },
        });
        const took = Date.now() - saved;
        assert.equal(updated, 1, "still on page 2");
        assert.ok((await tab.eval(() => window.kvStudio.generation())) > before, "a new build");
        console.log(`# ${engine}: save to updated preview in ${took} ms`);

        // Break a question: its Swedish message with file:line, over the
        // last good preview.
        const broken = path.join(course.dir, "02-vad-ar-kugghjul.md");
        const q = fs.readFileSync(broken, "utf8");
        fs.writeFileSync(broken, q.replace("> - [x] Socialtjänstlagen (2001:453)", "> - [ ] Socialtjänstlagen (2001:453)"));
        await waitFor(tab, () => document.getElementById("problem-list").textContent.includes("KV0413"), null, {
          timeout: 5000,
          message: "the problem in the problems panel",
          diagnose: problems,
        });
        const listed = await tab.eval(problems);
        assert.ok(listed.includes("Frågan har inget rätt svar."), listed);
        assert.ok(listed.includes("02-vad-ar-kugghjul.md:30:3"), listed);
        assert.ok(await tab.eval(() => !document.getElementById("banner").hidden), "the banner says the course has errors");
        const still = await tab.eval(shown);
        assert.deepEqual(still && still.index, 1, "the last good preview stays, on the same page");

        // The Studio itself passes axe (the course in its frame is tested
        // page by page elsewhere).
        if (tab.page) {
          await injectAxe(tab.page);
          const violations = await tab.page.evaluate(async () => {
            const r = await window.axe.run({ exclude: [["#sco"]] }, { resultTypes: ["violations"] });
            return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html, failureSummary: n.failureSummary })) }));
          });
          assert.deepEqual(violations, [], formatViolations([{ where: "Studio", violations }]));
        }

        // The place opens the file at its line.
        await tab.eval(() => document.querySelector("#problem-list .place").click());
        await waitFor(tab, () => document.querySelector("#source-text .here")?.dataset.n === "30", null, {
          message: "the chapter file at line 30",
        });

        // A value a strict LMS refuses, injected through the test hook.
        await tab.eval(() => window.kvStudio.inject("cmi.core.exit", "normal"));
        await waitFor(tab, () => [...document.querySelectorAll("#calls tr.refused")].some((r) => r.textContent.includes("cmi.core.exit")), null, {
          message: "the refused value flagged",
        });

        // Mend the question, and leave a warning: an empty page. The
        // problem's "show the page" goes there in the preview.
        const beforeMend = await tab.eval(() => window.kvStudio.generation());
        fs.writeFileSync(broken, q + "\n## En tom sida\n");
        await waitFor(tab, () => document.querySelector("#problem-list button.go") !== null, null, {
          timeout: 5000,
          message: "the warning with its page",
          diagnose: problems,
        });
        assert.ok((await tab.eval(problems)).includes("KV0212"), await tab.eval(problems));
        // The mended course relaunched and ready (not the old page going).
        await waitFor(tab, (g) => {
          const t = window.kvStudio.timing();
          return window.kvStudio.generation() > g && t && t.ready >= t.launched;
        }, beforeMend, { message: "the preview after the mend" });
        await tab.eval(() => document.querySelector("#problem-list button.go").click());
        await waitFor(tab, () => {
          const doc = document.getElementById("sco").contentDocument;
          const p = doc && doc.querySelector("section.kv-page:not([hidden])");
          return p && p.id === "page-en-tom-sida";
        }, null, { message: "the empty page in the preview", diagnose: shown });
      } finally {
        await tab.close().catch(() => {});
        await close().catch(() => {});
        server.child.kill("SIGINT");
        await new Promise((r) => (server.child.exitCode !== null ? r() : server.child.on("exit", r)));
        removeTmp(course.tmp);
      }
      assert.equal(server.child.exitCode ?? 0, 0, `Ctrl-C ends the Studio cleanly: ${server.stderr()}`);
    });
  });
}
