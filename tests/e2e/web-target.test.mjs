// `kursverk build --target web`: a folder that runs from a double-clicked
// index.html (file://, no server, no LMS). Answers survive a reload (this
// browser's storage), nothing is fetched from the network, and the learner's
// own record ("Mina svar") lists the reflection and downloads as an HTML file.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import AdmZip from "adm-zip";
import { buildWeb, chromiumPath, launchBrowser, removeTmp } from "./lib/env.mjs";
import { Session } from "./lib/session.mjs";
import { decodeSuspend } from "./lib/suspend.mjs";
import { HOOK_TIMEOUT, TEST_TIMEOUT } from "./lib/suite.mjs";

// Characters that must be escaped in HTML, and a line break.
const REFLECTION = 'Samverkan & tillit <viktigt> "på riktigt".\nRad två: 100 % ~ klart, tack.';

function filesUnder(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p, base) : [path.relative(base, p).split(path.sep).join("/")];
  });
}

describe("web target", () => {
  const env = {};
  before(
    async () => {
      chromiumPath();
      env.web = buildWeb();
      env.browser = await launchBrowser();
    },
    { timeout: HOOK_TIMEOUT },
  );
  after(
    async () => {
      await env.browser?.close().catch(() => {});
      removeTmp(env.web?.tmp);
    },
    { timeout: 60_000 },
  );

  test("the zip holds the same folder", () => {
    const folder = path.basename(env.web.dir);
    const zip = new AdmZip(env.web.zip);
    const entries = zip.getEntries().filter((e) => !e.isDirectory);
    assert.deepEqual(
      entries.map((e) => e.entryName).sort(),
      filesUnder(env.web.dir).map((f) => `${folder}/${f}`).sort(),
      `${path.basename(env.web.zip)} does not hold exactly the files of ${folder}/`,
    );
    for (const e of entries) {
      const onDisk = fs.readFileSync(path.join(path.dirname(env.web.dir), e.entryName));
      assert.ok(e.getData().equals(onDisk), `${e.entryName} differs between the zip and the folder`);
    }
    for (const f of ["index.html", "player/kursverk.js", "player/kursverk-wasm.js"]) {
      assert.ok(fs.existsSync(path.join(env.web.dir, f)), `${folder}/${f} is missing`);
    }
  });

  test("runs from file://, keeps answers over a reload, and gives the learner their record", { timeout: TEST_TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const requests = [];
    const failed = [];
    context.on("request", (r) => requests.push(r.url()));
    context.on("requestfailed", (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
    const url = pathToFileURL(path.join(env.web.dir, "index.html")).href;
    let session;
    try {
      session = await Session.standalone(context, url);
      const { course, frame, page } = session;
      await session.waitForNotice(session.ui.standalone, "in the web build");

      const reflection = course.questions.find((q) => q.type === "reflection");
      const choice = course.questions.find((q) => q.type === "choice");
      assert.ok(reflection && choice, "the course needs a choice and a reflection question");
      await session.gotoViaToc(choice.page);
      await session.answer(choice, { correct: true });
      await session.gotoViaToc(reflection.page);
      await session.reflect(reflection, REFLECTION);
      const before = await session.formStates();
      const saved = decodeSuspend(course, await session.localSaved());
      assert.deepEqual(
        saved?.answers,
        { [choice.id]: Session.choice(choice, true), [reflection.id]: REFLECTION },
        "answers in this browser's copy (localStorage kursverk:<id>:web)",
      );

      // Reload: the answers are back, still no LMS.
      await session.reload();
      assert.equal(await session.frame.evaluate(() => document.documentElement.dataset.kvLms), "none", "data-kv-lms after reloading");
      assert.equal(await session.currentPage(), reflection.page, "the page after reloading");
      const after = await session.formStates();
      assert.deepEqual(after[choice.id], before[choice.id], `the answer to ${choice.id} after reloading`);
      assert.equal(after[reflection.id].text, REFLECTION, `the reflection ${reflection.id} after reloading`);
      await session.waitForNotice(session.ui.standalone, "after reloading");

      // Mina svar.
      const f = session.frame;
      const open = f.locator("#kv-record-open");
      assert.equal((await open.innerText()).trim(), session.ui.myAnswers, "#kv-record-open text");
      assert.equal(await open.getAttribute("aria-expanded"), "false", "#kv-record-open aria-expanded before opening");
      await open.click();
      await f.waitForSelector("#kv-record:not([hidden])", { timeout: 5000 });
      assert.equal(await open.getAttribute("aria-expanded"), "true", "#kv-record-open aria-expanded once open");
      const panel = await f.evaluate(() => ({
        focused: document.activeElement?.id ?? null,
        list: document.querySelector("#kv-record-list").innerText,
      }));
      assert.equal(panel.focused, "kv-record-title", "focus after opening Mina svar");
      assert.ok(panel.list.includes(reflection.text), `Mina svar does not show the question ${JSON.stringify(reflection.text)}:\n${panel.list}`);
      for (const line of REFLECTION.split("\n")) {
        assert.ok(panel.list.includes(line), `Mina svar does not show the reflection line ${JSON.stringify(line)}:\n${panel.list}`);
      }

      // Download: an HTML file with the reflection in it.
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: 10_000 }), f.click("#kv-record-download")]);
      assert.equal(download.suggestedFilename(), `${course.id}-mina-svar.html`, "downloaded file name");
      assert.equal(await download.failure(), null, "the download failed");
      const html = fs.readFileSync(await download.path(), "utf8");
      assert.match(html, /^<!DOCTYPE html>/i, "the download is not an HTML document");
      assert.match(html, /<meta charset="utf-8">/i, "the download does not declare UTF-8");
      assert.ok(
        html.includes("Samverkan &amp; tillit &lt;viktigt&gt;"),
        `the download does not hold the reflection, HTML-escaped:\n${html.slice(0, 2000)}`,
      );
      const view = await context.newPage();
      await view.setContent(html);
      const text = await view.evaluate(() => document.body.innerText);
      await view.close();
      for (const line of REFLECTION.split("\n")) {
        assert.ok(text.includes(line), `the downloaded file, shown, lacks ${JSON.stringify(line)}:\n${text}`);
      }
      assert.ok(text.includes(reflection.text), `the downloaded file lacks the question ${JSON.stringify(reflection.text)}`);

      // Print: the browser's print dialog for the record.
      await f.evaluate(() => {
        window.__kvPrinted = 0;
        window.print = () => {
          window.__kvPrinted += 1;
        };
      });
      await f.click("#kv-record-print");
      assert.equal(await f.evaluate(() => window.__kvPrinted), 1, "#kv-record-print did not call window.print()");

      await f.click("#kv-record-close");
      await f.waitForSelector("#kv-record[hidden]", { state: "attached", timeout: 5000 });
      assert.equal(await f.evaluate(() => document.activeElement?.id), "kv-record-open", "focus after closing Mina svar");

      // Offline and clean.
      const offFile = requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:"));
      assert.deepEqual(offFile, [], "requests that leave the folder (the web build must run offline)");
      assert.deepEqual(failed, [], "failed requests");
      assert.deepEqual(session.pageErrors, [], "uncaught errors in the page");
      assert.deepEqual(session.consoleProblems(), [], "errors or player warnings in the console");
    } catch (err) {
      if (session && err && typeof err.message === "string") {
        err.message += `\n\n--- diagnostics ---\nrequests: ${JSON.stringify(requests, null, 1)}\nfailed: ${JSON.stringify(failed)}\npage errors: ${JSON.stringify(session.pageErrors)}\nconsole:\n${session.consoleMessages.join("\n")}`;
      }
      throw err;
    } finally {
      await context.close().catch(() => {});
    }
  });
});
