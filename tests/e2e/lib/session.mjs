// Opening a package in the LMS host page and acting as a learner.
import assert from "node:assert/strict";
import { SCORM, formatCalls } from "./scorm.mjs";

const UI_TEXT = {
  sv: { prev: "Föregående", next: "Nästa", answer: "Svara", save: "Spara" },
  en: { prev: "Previous", next: "Next", answer: "Answer", save: "Save" },
};

export function uiText(language) {
  const t = UI_TEXT[language];
  assert.ok(t, `no expected UI texts for course language ${JSON.stringify(language)}`);
  return t;
}

/**
 * Polls `fn(arg)` inside `frame` until it returns a truthy value; on timeout
 * fails with `message` and the last value `diagnose(arg)` returned there.
 */
export async function waitInFrame(frame, fn, arg, { timeout = 15_000, message, diagnose } = {}) {
  try {
    return await frame.waitForFunction(fn, arg, { timeout, polling: 50 });
  } catch (e) {
    let detail = "";
    if (diagnose) {
      try {
        detail = JSON.stringify(await frame.evaluate(diagnose, arg), null, 2);
      } catch (e2) {
        detail = `(could not diagnose: ${e2.message})`;
      }
    }
    assert.fail(`${message || "condition not met"} within ${timeout} ms${detail ? `\nstate: ${detail}` : ""}\n(${e.message.split("\n")[0]})`);
  }
}

/**
 * A learner session: one browser context with the LMS host page and the
 * package in its iframe.
 */
export class Session {
  constructor({ context, page, frame, version, course, pageErrors, consoleMessages }) {
    Object.assign(this, { context, page, frame, version, course, pageErrors, consoleMessages });
    this.s = SCORM[version];
    this.ui = uiText(course.language);
  }

  /**
   * Opens `/pkg/<version>/index.html` in the host page and waits for the
   * player to be ready. `seed` is an optional flattened CMI object.
   */
  static async open(browser, baseUrl, version, options = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      return await Session.#open(context, baseUrl, version, options);
    } catch (e) {
      await context.close().catch(() => {});
      throw e;
    }
  }

  static async #open(context, baseUrl, version, { seed, readyTimeout = 30_000 }) {
    const s = SCORM[version];
    const page = await context.newPage();
    const pageErrors = [];
    const consoleMessages = [];
    page.on("pageerror", (err) => pageErrors.push(`${err.name}: ${err.message}`));
    page.on("console", (msg) => consoleMessages.push(`[${msg.type()}] ${msg.text()}`));
    const params = new URLSearchParams({ v: s.v, pkg: `/pkg/${version}/index.html` });
    if (seed && Object.keys(seed).length) params.set("seed", JSON.stringify(seed));
    await page.goto(`${baseUrl}/lms/host.html?${params}`);
    for (const [element, value] of Object.entries(seed || {})) {
      const held = await page.evaluate((el) => window.kvCmi(el), element);
      assert.equal(held, String(value), `the LMS host could not pre-load ${element}`);
    }
    const handle = await page.waitForSelector("iframe#sco", { state: "attached" });
    const frame = await handle.contentFrame();
    assert.ok(frame, "the course iframe has no content frame");
    await frame.waitForLoadState("domcontentloaded");
    try {
      await frame.waitForSelector('html[data-kv-ready="1"]', { state: "attached", timeout: readyTimeout });
    } catch (e) {
      const attrs = await frame
        .evaluate(() => ({ ready: document.documentElement.dataset.kvReady ?? null, lms: document.documentElement.dataset.kvLms ?? null }))
        .catch((err) => `(${err.message})`);
      assert.fail(
        `${s.label}: the player never set data-kv-ready="1" on <html> within ${readyTimeout} ms; <html> data: ${JSON.stringify(attrs)}\n` +
          `page errors: ${JSON.stringify(pageErrors)}\nconsole:\n${consoleMessages.join("\n")}`,
      );
    }
    const lms = await frame.evaluate(() => document.documentElement.dataset.kvLms);
    assert.equal(lms, s.lmsAttr, `${s.label}: the player says data-kv-lms=${JSON.stringify(lms)}: it did not find the LMS API`);
    const course = await readCourse(frame);
    const session = new Session({ context, page, frame, version, course, pageErrors, consoleMessages });
    session.seed = seed || {};
    return session;
  }

  async close() {
    await this.context.close().catch(() => {});
  }

  /** The calls the SCO has made so far. */
  async calls() {
    return this.page.evaluate(() => window.lmsCalls.map((c) => ({ ...c })));
  }

  /** scorm-again's log. */
  async lmsLog() {
    return this.page.evaluate(() => window.lmsLog.slice());
  }

  /** The LMS-side value of a CMI element, read without an API call. */
  async cmi(element) {
    return this.page.evaluate((el) => window.kvCmi(el), element);
  }

  /**
   * Console errors, and warnings the player logs ("kursverk: …", e.g. when
   * it believes the LMS refused a call). Neither should happen against a
   * working LMS.
   */
  consoleProblems() {
    return this.consoleMessages.filter((m) => m.startsWith("[error]") || /^\[(warning|warn)\] kursverk:/.test(m));
  }

  /**
   * Asserts what the LMS itself holds after the session (scorm-again, like
   * Moodle, may rewrite a 1.2 lesson_status from the raw score and the
   * manifest's mastery score at LMSFinish).
   */
  async assertLmsHolds(expected) {
    const held = {};
    for (const element of Object.keys(expected)) held[element] = await this.cmi(element);
    assert.deepEqual(
      held,
      expected,
      `${this.s.label}: what the LMS holds after ${this.s.finish} (pre-loaded at launch: ${JSON.stringify(this.seed)})`,
    );
  }

  /** Extra text to append to failure messages. */
  async diagnostics() {
    const calls = await this.calls().catch(() => []);
    const log = await this.lmsLog().catch(() => []);
    return (
      `LMS calls:\n${formatCalls(calls)}\n` +
      `scorm-again log:\n${log.map((l) => `  [${l.level}] ${l.message}`).join("\n") || "  (empty)"}\n` +
      `page errors: ${JSON.stringify(this.pageErrors)}\n` +
      `console:\n${this.consoleMessages.map((m) => `  ${m}`).join("\n") || "  (empty)"}`
    );
  }

  /** Index of the single visible `.kv-page`; fails unless exactly one is visible. */
  async currentPage() {
    const state = await this.frame.evaluate(() =>
      Array.from(document.querySelectorAll("section.kv-page")).map((el) => ({
        index: Number(el.dataset.page),
        id: el.id,
        visible: !el.hidden && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden",
      })),
    );
    const visible = state.filter((p) => p.visible);
    assert.equal(
      visible.length,
      1,
      `expected exactly one visible section.kv-page, got ${visible.length}: ${JSON.stringify(state)}`,
    );
    return visible[0].index;
  }

  /** Asserts the page sections match the course data. */
  async assertPagesMatchCourse() {
    const sections = await this.frame.evaluate(() =>
      Array.from(document.querySelectorAll("section.kv-page")).map((el) => ({
        id: el.id,
        index: Number(el.dataset.page),
        h1: el.querySelectorAll("h1").length,
      })),
    );
    assert.deepEqual(
      sections,
      this.course.pages.map((p, k) => ({ id: `page-${p.id}`, index: k, h1: 1 })),
      "section.kv-page elements (id, data-page, one h1 each) do not match the course data's pages",
    );
  }

  /** Asserts the navigation chrome: prev/next buttons, a TOC entry per page, a progress indicator. */
  async assertChrome() {
    const chrome = await this.frame.evaluate(() => ({
      prev: document.querySelector("button#kv-prev")?.textContent.trim() ?? null,
      next: document.querySelector("button#kv-next")?.textContent.trim() ?? null,
      toc: document.querySelector("nav#kv-toc") ? document.querySelectorAll("nav#kv-toc a, nav#kv-toc button").length : null,
      progress: document.querySelector("#kv-progress") !== null,
    }));
    assert.deepEqual(
      chrome,
      { prev: this.ui.prev, next: this.ui.next, toc: this.course.pages.length, progress: true },
      "navigation chrome (button#kv-prev, button#kv-next texts, one link/button per page in nav#kv-toc, #kv-progress)",
    );
  }

  /** Waits until page `index` is the one visible page. */
  async waitForPage(index, what = "") {
    await waitInFrame(
      this.frame,
      (i) => {
        const all = Array.from(document.querySelectorAll("section.kv-page"));
        const shown = all.filter((el) => !el.hidden && el.getClientRects().length > 0);
        return shown.length === 1 && Number(shown[0].dataset.page) === i;
      },
      index,
      {
        message: `page ${index} did not become the one visible page ${what}`,
        diagnose: () =>
          Array.from(document.querySelectorAll("section.kv-page")).map((el) => ({
            page: el.dataset.page,
            hidden: el.hidden,
            rendered: el.getClientRects().length > 0,
          })),
      },
    );
  }

  /** Waits until focus is on page `index`'s h1. */
  async waitForFocusOnHeading(index) {
    await waitInFrame(
      this.frame,
      (i) => {
        const h1 = document.querySelector(`section.kv-page[data-page="${i}"] h1`);
        return h1 !== null && document.activeElement === h1;
      },
      index,
      {
        message: `focus did not move to the h1 of page ${index} after navigating`,
        diagnose: () => {
          const a = document.activeElement;
          return a ? { focused: a.tagName, id: a.id, class: a.className, text: (a.textContent || "").slice(0, 60) } : null;
        },
      },
    );
  }

  /** Clicks "Nästa"/"Next" and waits for the next page and focus on its h1. */
  async next() {
    const from = await this.currentPage();
    const button = this.frame.locator("#kv-next");
    const text = (await button.innerText()).trim();
    assert.equal(text, this.ui.next, `#kv-next shows ${JSON.stringify(text)}, expected ${JSON.stringify(this.ui.next)}`);
    await button.click();
    await this.waitForPage(from + 1, `after clicking ${this.ui.next} on page ${from}`);
    await this.waitForFocusOnHeading(from + 1);
    return from + 1;
  }

  /** Questions of the given type on page `index` in the course data. */
  questionsOn(index, type) {
    return (this.course.questions || []).filter((q) => q.page === index && (type === undefined || q.type === type));
  }

  /**
   * Answers a knowledge question (correctly or wrongly, from the course data)
   * and submits it; waits for the feedback to show.
   */
  async answer(question, { correct }) {
    const form = this.frame.locator(`form.kv-question[data-question="${question.id}"]`);
    assert.equal(await form.count(), 1, `expected one form.kv-question[data-question="${question.id}"]`);
    const options = question.options || [];
    let choose;
    if (correct) {
      choose = options.filter((o) => o.correct);
    } else if (question.multiple) {
      choose = options.filter((o) => !o.correct);
    } else {
      choose = options.filter((o) => !o.correct).slice(0, 1);
    }
    assert.ok(
      choose.length > 0,
      `question ${question.id}: cannot answer ${correct ? "correctly" : "wrongly"} from the course data: ${JSON.stringify(options)}`,
    );
    const inputType = question.multiple ? "checkbox" : "radio";
    for (const o of choose) {
      const input = form.locator(`input[type="${inputType}"][name="${question.id}"][value="${o.id}"]`);
      assert.equal(await input.count(), 1, `question ${question.id}: expected one input[type=${inputType}][name="${question.id}"][value="${o.id}"]`);
      await input.check();
    }
    const submit = form.locator('button[type="submit"]');
    assert.equal((await submit.innerText()).trim(), this.ui.answer, `question ${question.id}: submit button text`);
    await submit.click();
    await waitInFrame(
      this.frame,
      (qid) => {
        const fb = document.querySelector(`form.kv-question[data-question="${qid}"] .kv-feedback`);
        return fb !== null && fb.textContent.trim().length > 0;
      },
      question.id,
      { message: `question ${question.id}: no feedback text in .kv-feedback after submitting` },
    );
  }

  /** Writes text in a reflection and saves it. */
  async reflect(question, text) {
    const form = this.frame.locator(`form.kv-reflection[data-question="${question.id}"]`);
    assert.equal(await form.count(), 1, `expected one form.kv-reflection[data-question="${question.id}"]`);
    await form.locator("textarea").fill(text);
    const submit = form.locator('button[type="submit"]');
    assert.equal((await submit.innerText()).trim(), this.ui.save, `reflection ${question.id}: submit button text`);
    await submit.click();
  }

  /** Answers/fills everything on page `index`. */
  async doPage(index, { correct }) {
    for (const q of this.questionsOn(index, "choice")) await this.answer(q, { correct });
    for (const q of this.questionsOn(index, "reflection")) {
      await this.reflect(q, `Min reflektion om ${q.id}: samverkan mellan skola och socialtjänst.`);
    }
  }

  /**
   * Tears the SCO down as an LMS does when the learner leaves (iframe to
   * about:blank), then waits for the Terminate call to show up.
   */
  async teardown(mode = "blank") {
    await this.page.evaluate((m) => window.kvTeardown(m), mode);
    try {
      await this.page.waitForFunction((fin) => window.lmsCalls.some((c) => c.method === fin), this.s.finish, {
        timeout: 15_000,
        polling: 50,
      });
    } catch {
      assert.fail(`${this.s.label}: no ${this.s.finish} within 15 s of tearing the frame down\n${await this.diagnostics()}`);
    }
  }
}

/** Reads and sanity-checks the course data embedded in the page. */
export async function readCourse(frame) {
  const text = await frame.evaluate(() => {
    const el = document.querySelector('script[type="application/json"]#kv-course');
    return el ? el.textContent : null;
  });
  assert.ok(text !== null, 'no <script type="application/json" id="kv-course"> in the page');
  const course = JSON.parse(text);
  assert.ok(Array.isArray(course.pages) && course.pages.length > 0, "course data has no pages");
  for (const q of course.questions || []) {
    assert.ok(Number.isInteger(q.page) && q.page >= 0 && q.page < course.pages.length, `question ${q.id} has a bad page index ${q.page}`);
  }
  return course;
}
