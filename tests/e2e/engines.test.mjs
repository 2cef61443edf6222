// The same player in the two other engines learners' browsers use: Gecko
// (Firefox ESR through puppeteer-core, WebDriver BiDi) and WebKit (WebKitGTK's
// MiniBrowser through WebKitWebDriver on an Xvfb display of its own). The
// Chromium scenarios cover the details; these check that the player starts,
// talks to the LMS and keeps answers in each engine:
//
// - each SCORM version in the LMS host page (scorm-again, the package in an
//   iframe, .wasm served as application/octet-stream): "Nästa" through
//   several pages, a choice question answered right, a reflection written, a
//   later page, then the LMS tears the frame down. One Initialize first, the
//   bookmark page by page, the two interactions, one Terminate after a
//   Commit, exit=suspend, nothing after Terminate, no page errors.
// - the web target from file://: the player starts with no LMS, answers
//   survive a reload.
//
// Nothing is skipped: without firefox-esr, WebKitWebDriver or Xvfb the
// engine's tests fail saying what is missing (see lib/engines.mjs).
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { VERSIONS, buildPackages, buildWeb, removeTmp } from "./lib/env.mjs";
import { startServer } from "./lib/server.mjs";
import { uiText } from "./lib/session.mjs";
import {
  SCORM,
  assertInitializedOnce,
  assertInteractions,
  assertLastSet,
  assertNoFailedWrites,
  assertSessionTime,
  assertTerminatedOnceAfterCommit,
  dedupeConsecutive,
  formatCalls,
  lastSet,
  valuesSet,
} from "./lib/scorm.mjs";
import { decodeSuspend } from "./lib/suspend.mjs";
import {
  ENGINES,
  ENGINE_LABEL,
  firefoxPath,
  hookErrors,
  hookFrameErrors,
  launchEngine,
  problems,
  recordedErrors,
  waitFor,
  webkitTools,
} from "./lib/engines.mjs";
import { HOOK_TIMEOUT } from "./lib/suite.mjs";

const TEST_TIMEOUT = 120_000;
const REFLECTION = "Samordnaren håller ihop arbetet & ser till att barnets röst hörs.\nRad två: skolan är med.";

// ---------------------------------------------------------------- the learner, engine-neutral

/** Reads the course data the package embeds. */
async function readCourse(tab) {
  const text = await tab.eval(() => {
    const el = document.querySelector('script[type="application/json"]#kv-course');
    return el ? el.textContent : null;
  });
  assert.ok(text !== null, `${tab.engine}: no <script type="application/json" id="kv-course"> in the page`);
  return JSON.parse(text);
}

/** Waits for data-kv-ready="1" (fails at once on "error"); returns data-kv-lms. */
async function waitReady(tab, what, extra = async () => "") {
  const end = Date.now() + 30_000;
  let state;
  for (;;) {
    state = await tab
      .eval(() => ({
        url: document.URL,
        ready: document.documentElement.getAttribute("data-kv-ready"),
        lms: document.documentElement.getAttribute("data-kv-lms"),
      }))
      .catch((e) => ({ evalError: e.message }));
    if (state.ready === "1" || state.ready === "error" || Date.now() > end) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  if (state.ready !== "1") {
    assert.fail(`${tab.engine}: ${what}: the player never set data-kv-ready="1" (within 30 s); <html> state: ${JSON.stringify(state)}\n${await extra()}`);
  }
  return state.lms;
}

/** Index of the one visible section.kv-page (fails unless exactly one). */
async function currentPage(tab) {
  const state = await tab.eval(() =>
    Array.from(document.querySelectorAll("section.kv-page")).map((el) => ({
      index: Number(el.dataset.page),
      visible: !el.hidden && el.getClientRects().length > 0,
    })),
  );
  const visible = state.filter((p) => p.visible);
  assert.equal(visible.length, 1, `${tab.engine}: expected one visible section.kv-page, got ${JSON.stringify(visible)}`);
  return visible[0].index;
}

async function waitForPage(tab, index, what) {
  await waitFor(
    tab,
    (i) => {
      const shown = Array.from(document.querySelectorAll("section.kv-page")).filter((el) => !el.hidden && el.getClientRects().length > 0);
      const h1 = document.querySelector(`section.kv-page[data-page="${i}"] h1`);
      return shown.length === 1 && Number(shown[0].dataset.page) === i && document.activeElement === h1;
    },
    index,
    {
      message: `page ${index} did not become the one visible page with focus on its h1 ${what}`,
      diagnose: () => ({
        shown: Array.from(document.querySelectorAll("section.kv-page"))
          .filter((el) => !el.hidden && el.getClientRects().length > 0)
          .map((el) => el.dataset.page),
        focused: document.activeElement ? `${document.activeElement.tagName}#${document.activeElement.id}` : null,
      }),
    },
  );
}

/** Clicks "Nästa" and waits for the next page (focus on its h1). */
async function next(tab, ui) {
  const from = await currentPage(tab);
  const label = await tab.eval(() => document.querySelector("#kv-next")?.textContent.trim() ?? null);
  assert.equal(label, ui.next, `${tab.engine}: #kv-next text`);
  await tab.click("#kv-next");
  await waitForPage(tab, from + 1, `after clicking ${ui.next} on page ${from}`);
  return from + 1;
}

/** Goes to page `index` through its link in the table of contents. */
async function gotoViaToc(tab, index) {
  await tab.click(`#kv-toc [data-goto="${index}"]`);
  await waitForPage(tab, index, "after clicking its link in the table of contents");
}

/** The right options of a choice question, from the course data. */
function rightOptions(q) {
  return q.options.filter((o) => o.correct).map((o) => o.id);
}

/** What each question form shows. */
function formStates(tab) {
  return tab.eval(() => {
    const out = {};
    for (const form of document.querySelectorAll("form[data-question]")) {
      const area = form.querySelector("textarea");
      out[form.dataset.question] = {
        checked: Array.from(form.querySelectorAll("input:checked")).map((i) => i.value),
        feedback: form.querySelector(".kv-feedback")?.textContent.replace(/\s+/g, " ").trim() ?? null,
        verdict: form.querySelector(".kv-feedback .kv-verdict")?.textContent.trim() ?? null,
        correct: form.classList.contains("kv-correct"),
        wrong: form.classList.contains("kv-wrong"),
        text: area ? area.value : null,
      };
    }
    return out;
  });
}

async function waitForFeedback(tab, qid, what) {
  await waitFor(
    tab,
    (id) => {
      const fb = document.querySelector(`form[data-question="${id}"] .kv-feedback`);
      return fb !== null && fb.textContent.trim().length > 0;
    },
    qid,
    { message: `${qid}: no text in .kv-feedback ${what}` },
  );
}

/** Answers a choice question right (clicks its inputs and "Svara"); checks the verdict. */
async function answerRight(tab, q, ui) {
  const form = `form.kv-question[data-question="${q.id}"]`;
  const type = q.multiple ? "checkbox" : "radio";
  for (const o of rightOptions(q)) await tab.click(`${form} input[type="${type}"][name="${q.id}"][value="${o}"]`);
  const label = await tab.eval((f) => document.querySelector(`${f} button[type="submit"]`)?.textContent.trim() ?? null, form);
  assert.equal(label, ui.answer, `${tab.engine}: ${q.id} submit button text`);
  await tab.click(`${form} button[type="submit"]`);
  await waitForFeedback(tab, q.id, "after answering");
  const state = (await formStates(tab))[q.id];
  assert.deepEqual(
    { checked: state.checked, correct: state.correct, wrong: state.wrong, verdict: state.verdict },
    { checked: rightOptions(q), correct: true, wrong: false, verdict: ui.correct },
    `${tab.engine}: ${q.id} after answering it right`,
  );
}

/** Writes a reflection (typed with the keyboard) and clicks "Spara". */
async function reflect(tab, q, text, ui) {
  const form = `form.kv-reflection[data-question="${q.id}"]`;
  await tab.type(`${form} textarea`, text);
  const typed = await tab.eval((f) => document.querySelector(`${f} textarea`).value, form);
  assert.equal(typed, text, `${tab.engine}: the text typed into ${q.id}'s textarea`);
  const label = await tab.eval((f) => document.querySelector(`${f} button[type="submit"]`)?.textContent.trim() ?? null, form);
  assert.equal(label, ui.save, `${tab.engine}: ${q.id} submit button text`);
  await tab.click(`${form} button[type="submit"]`);
  await waitForFeedback(tab, q.id, "after saving");
  const fb = (await formStates(tab))[q.id].feedback;
  assert.ok(fb.includes(ui.saved), `${tab.engine}: ${q.id} feedback after saving is ${JSON.stringify(fb)}, expected it to say ${JSON.stringify(ui.saved)}`);
}

/** The first single-choice question, and the first reflection on a later page. */
function pickQuestions(course) {
  const qs = course.questions || [];
  const choice = qs.find((q) => q.type === "choice" && !q.multiple && q.page > 1);
  assert.ok(choice, "the course needs a single-choice question after its second page");
  const reflection = qs.find((q) => q.type === "reflection" && q.page > choice.page);
  assert.ok(reflection, `the course needs a reflection after page ${choice.page}`);
  assert.ok(reflection.page + 1 < course.pages.length, "the reflection must not be on the last page");
  return { choice, reflection };
}

// ---------------------------------------------------------------- the environment

const shared = {};
before(
  async () => {
    shared.pkgs = buildPackages();
    shared.web = buildWeb();
    shared.server = await startServer({ packages: shared.pkgs.dirs });
  },
  { timeout: HOOK_TIMEOUT },
);
after(
  async () => {
    await shared.server?.close().catch(() => {});
    removeTmp(shared.pkgs?.tmp);
    removeTmp(shared.web?.tmp);
  },
  { timeout: 60_000 },
);

for (const engine of ENGINES) {
  describe(ENGINE_LABEL[engine], () => {
    const env = {};
    before(
      async () => {
        // Fail first, and clearly, when the engine is not installed.
        if (engine === "firefox") firefoxPath();
        else webkitTools();
        env.browser = await launchEngine(engine);
      },
      { timeout: HOOK_TIMEOUT },
    );
    after(async () => env.browser?.close(), { timeout: 60_000 });

    for (const version of VERSIONS) {
      test(`${version} in the LMS host: pages, a right answer, a reflection, teardown`, { timeout: TEST_TIMEOUT }, async () => {
        const s = SCORM[version];
        const tab = await env.browser.newTab();
        let calls = [];
        const diagnostics = async () => {
          await tab.leaveFrame().catch(() => {});
          const c = await tab.eval(() => window.lmsCalls.map((x) => ({ ...x }))).catch(() => calls);
          const log = await tab.eval(() => window.lmsLog.map((l) => `[${l.level}] ${l.message}`)).catch(() => []);
          const rec = await recordedErrors(tab).catch((e) => ({ errors: [`(${e.message})`], hooks: [] }));
          return (
            `--- ${engine} ${version} diagnostics ---\nLMS calls:\n${formatCalls(c)}\n` +
            `scorm-again log:\n${log.map((l) => `  ${l}`).join("\n") || "  (empty)"}\n` +
            `engine-reported: ${JSON.stringify(tab.engineErrors())}\nrecorded in the page: ${JSON.stringify(rec)}\n` +
            `console:\n${tab.consoleLog().map((m) => `  ${m}`).join("\n") || "  (none reported)"}`
          );
        };
        try {
          const seed = shared.pkgs.seeds[version];
          const params = new URLSearchParams({ v: s.v, pkg: `/pkg/${version}/index.html`, manual: "1", seed: JSON.stringify(seed) });
          await tab.goto(`${shared.server.url}/lms/host.html?${params}`);
          for (const [element, value] of Object.entries(seed)) {
            assert.equal(await tab.eval((el) => window.kvCmi(el), element), String(value), `the LMS host could not pre-load ${element}`);
          }
          await hookFrameErrors(tab);
          await tab.eval(() => void window.kvLaunch());
          await tab.enterFrame("iframe#sco");
          const lms = await waitReady(tab, `${s.label} in the LMS host`, diagnostics);
          assert.equal(lms, s.lmsAttr, `${engine}: ${s.label}: data-kv-lms=${JSON.stringify(lms)}: the player did not find the LMS API`);

          const course = await readCourse(tab);
          const ui = uiText(course.language, course.texts);
          const { choice, reflection } = pickQuestions(course);
          assert.equal(await currentPage(tab), 0, `${engine}: the course does not open on its first page`);

          // "Nästa" to the question, answer it right; on to the reflection, write it; one page more.
          while ((await currentPage(tab)) < choice.page) await next(tab, ui);
          await answerRight(tab, choice, ui);
          while ((await currentPage(tab)) < reflection.page) await next(tab, ui);
          await reflect(tab, reflection, REFLECTION, ui);
          const later = await next(tab, ui);

          await tab.leaveFrame();
          calls = await tab.eval(() => window.lmsCalls.map((c) => ({ ...c })));
          assertInitializedOnce(calls, s);
          const bookmarks = dedupeConsecutive(valuesSet(calls, s, s.location));
          assert.deepEqual(
            bookmarks,
            course.pages.slice(0, later + 1).map((p) => p.id),
            `${engine}: ${s.location} was not set to each page id in turn up to page ${later}`,
          );
          assert.equal(await tab.eval((el) => window.kvCmi(el), s.location), course.pages[later].id, `${engine}: the bookmark the LMS holds`);

          // The LMS tears the frame down (iframe to about:blank).
          await tab.eval(() => {
            window.kvTeardown();
            return true;
          });
          await waitFor(tab, (fin) => window.lmsCalls.some((c) => c.method === fin), s.finish, {
            message: `${s.label}: no ${s.finish} after tearing the frame down`,
          });
          await waitFor(tab, () => window.kvFrame && window.kvFrame.contentDocument && window.kvFrame.contentDocument.URL === "about:blank", undefined, {
            message: "the course frame did not reach about:blank",
          });
          await new Promise((r) => setTimeout(r, 500)); // anything still coming would come now
          calls = await tab.eval(() => window.lmsCalls.map((c) => ({ ...c })));

          assertInitializedOnce(calls, s);
          assertTerminatedOnceAfterCommit(calls, s); // also: no call after it
          assertLastSet(calls, s, s.location, course.pages[later].id, "bookmark on the last page visited");
          assertLastSet(calls, s, s.exit, "suspend", "leaving mid-course");
          assertSessionTime(calls, s);
          assertNoFailedWrites(calls, s);
          assertInteractions(calls, s, version, course, [
            { id: choice.id, chosen: rightOptions(choice) },
            { id: reflection.id, text: REFLECTION },
          ]);
          const suspend = decodeSuspend(course, lastSet(calls, s, "cmi.suspend_data"));
          assert.deepEqual(
            suspend && { current: suspend.current, answers: suspend.answers },
            { current: course.pages[later].id, answers: { [choice.id]: rightOptions(choice), [reflection.id]: REFLECTION } },
            `${engine}: ${s.label}: what cmi.suspend_data holds`,
          );

          const rec = await recordedErrors(tab);
          assert.ok(rec.hooks.length >= 1, `${engine}: the error recorder never saw the course document`);
          assert.notEqual(rec.hooks[0].readyAtHook, "1", `${engine}: the error recorder was installed only after the player had started`);
          assert.deepEqual(problems([...tab.engineErrors(), ...rec.errors]), [], `${engine}: ${s.label}: page errors, console errors or player warnings`);
        } catch (err) {
          if (err && typeof err.message === "string") err.message += `\n\n${await diagnostics()}`;
          throw err;
        } finally {
          await tab.close();
        }
      });
    }

    test("web target from file://: starts with no LMS, answers survive a reload", { timeout: TEST_TIMEOUT }, async () => {
      const tab = await env.browser.newTab();
      const url = pathToFileURL(path.join(shared.web.dir, "index.html")).href;
      const recorded = [];
      const diagnostics = async () => {
        const rec = await recordedErrors(tab).catch((e) => ({ errors: [`(${e.message})`] }));
        return (
          `--- ${engine} web diagnostics ---\nengine-reported: ${JSON.stringify(tab.engineErrors())}\n` +
          `recorded in the page: ${JSON.stringify([...recorded, ...rec.errors])}\nconsole:\n${tab.consoleLog().map((m) => `  ${m}`).join("\n") || "  (none reported)"}`
        );
      };
      try {
        await tab.goto(url);
        const lms = await waitReady(tab, `web target ${url}`, diagnostics);
        assert.equal(lms, "none", `${engine}: data-kv-lms with no LMS around`);
        await hookErrors(tab);
        const course = await readCourse(tab);
        const ui = uiText(course.language, course.texts);
        const { choice, reflection } = pickQuestions(course);

        await gotoViaToc(tab, choice.page);
        await answerRight(tab, choice, ui);
        await gotoViaToc(tab, reflection.page);
        await reflect(tab, reflection, REFLECTION, ui);
        const before = await formStates(tab);
        const key = `kursverk:${course.id}:web`;
        const saved = decodeSuspend(course, await tab.eval((k) => window.localStorage.getItem(k), key));
        assert.deepEqual(
          saved?.answers,
          { [choice.id]: rightOptions(choice), [reflection.id]: REFLECTION },
          `${engine}: the answers in this browser's localStorage (${key})`,
        );

        recorded.push(...(await recordedErrors(tab)).errors);
        await tab.reload();
        assert.equal(await waitReady(tab, "after reloading", diagnostics), "none", `${engine}: data-kv-lms after reloading`);
        await hookErrors(tab);
        assert.equal(await currentPage(tab), reflection.page, `${engine}: the page the player opens on after reloading`);
        const after = await formStates(tab);
        assert.deepEqual(after[choice.id], before[choice.id], `${engine}: ${choice.id} (answered right) after reloading`);
        assert.equal(after[reflection.id].text, REFLECTION, `${engine}: the reflection ${reflection.id} after reloading`);

        recorded.push(...(await recordedErrors(tab)).errors);
        assert.deepEqual(problems([...tab.engineErrors(), ...recorded]), [], `${engine}: web target: page errors, console errors or player warnings`);
      } catch (err) {
        if (err && typeof err.message === "string") err.message += `\n\n${await diagnostics()}`;
        throw err;
      } finally {
        await tab.close();
      }
    });
  });
}
