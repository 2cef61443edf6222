// Opening a package in the LMS host page and acting as a learner.
import assert from "node:assert/strict";
import { SCORM, formatCalls } from "./scorm.mjs";

// The player's own words (player/src/model.rs), as the learner must see them.
const UI_TEXT = {
  sv: {
    prev: "Föregående",
    next: "Nästa",
    answer: "Svara",
    save: "Spara",
    correct: "Rätt svar.",
    wrong: "Inte rätt.",
    saved: "Ditt svar är sparat.",
    myAnswers: "Mina svar",
    standalone:
      "Kursen är inte ansluten till en lärplattform. Dina svar och var du är i kursen sparas bara i den här webbläsaren.",
    lmsTrouble:
      "Lärplattformen tog inte emot dina senaste svar. De finns kvar i den här webbläsaren, och kursen försöker spara igen.",
    textTooLong:
      "Ditt svar är längre än lärplattformen kan spara. Hela texten finns kvar i den här webbläsaren. Ladda ner den under Mina svar, så att du har den kvar.",
  },
  en: {
    prev: "Previous",
    next: "Next",
    answer: "Check answer",
    save: "Save",
    correct: "Correct.",
    wrong: "Not quite.",
    saved: "Your answer is saved.",
    myAnswers: "My answers",
    standalone:
      "This course is not connected to a learning platform. Your answers and place in the course are saved in this browser only.",
    lmsTrouble:
      "The learning platform did not accept your latest answers. They are kept in this browser, and the course will try to save again.",
    textTooLong:
      "Your answer is longer than the learning platform can store. The full text is kept in this browser. Download it under My answers to keep a copy.",
  },
};

// Course-data text keys (when the package carries its texts) -> UI_TEXT keys.
const TEXT_KEYS = {
  previous: "prev",
  next: "next",
  submit: "answer",
  save: "save",
  correct: "correct",
  wrong: "wrong",
  saved: "saved",
  my_answers: "myAnswers",
  standalone: "standalone",
  lms_trouble: "lmsTrouble",
  text_too_long: "textTooLong",
};

/**
 * The player's words for a course: from the course data when the package
 * carries them (`texts`: [{key, value}]), else the built-in table.
 */
export function uiText(language, texts) {
  const t = UI_TEXT[language];
  assert.ok(t || Array.isArray(texts), `no expected UI texts for course language ${JSON.stringify(language)}`);
  const out = { ...(t || {}) };
  if (Array.isArray(texts)) {
    for (const { key, value } of texts) if (TEXT_KEYS[key]) out[TEXT_KEYS[key]] = value;
  }
  return out;
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
    this.ui = uiText(course.language, course.texts);
  }

  /**
   * Opens `/pkg/<version>/index.html` in the host page and waits for the
   * player to be ready. Options:
   *   seed      flattened CMI the LMS holds before launch
   *   pkg       the mounted package name to launch (default: `version`)
   *   faults    injected LMS faults (see lms/host.js), e.g. {refuse: [...], failCommits: 2}
   *   launch    "popup": the host opens the SCO with window.open from a click
   *   context   a browser context to reuse (same localStorage); the session
   *             then does not close it
   */
  static async open(browser, baseUrl, version, options = {}) {
    const owned = !options.context;
    const context = options.context || (await browser.newContext({ viewport: { width: 1280, height: 900 } }));
    try {
      const session = await Session.#open(context, baseUrl, version, options);
      session.ownsContext = owned;
      return session;
    } catch (e) {
      if (owned) await context.close().catch(() => {});
      throw e;
    }
  }

  static async #open(context, baseUrl, version, { seed, readyTimeout = 30_000, pkg, faults, launch }) {
    const s = SCORM[version];
    const page = await context.newPage();
    const pageErrors = [];
    const consoleMessages = [];
    const watch = (p) => {
      p.on("pageerror", (err) => pageErrors.push(`${err.name}: ${err.message}`));
      p.on("console", (msg) => consoleMessages.push(`[${msg.type()}] ${msg.text()}`));
    };
    watch(page);
    const params = new URLSearchParams({ v: s.v, pkg: `/pkg/${pkg || version}/index.html` });
    if (seed && Object.keys(seed).length) params.set("seed", JSON.stringify(seed));
    if (faults) params.set("faults", JSON.stringify(faults));
    if (launch === "popup") params.set("launch", "popup");
    // Launch only once the pre-loaded data is checked, before the SCO can change it.
    else params.set("manual", "1");
    await page.goto(`${baseUrl}/lms/host.html?${params}`);
    for (const [element, value] of Object.entries(seed || {})) {
      const held = await page.evaluate((el) => window.kvCmi(el), element);
      assert.equal(held, String(value), `the LMS host could not pre-load ${element}`);
    }
    let frame;
    let coursePage = page;
    if (launch !== "popup") await page.evaluate(() => void window.kvLaunch());
    if (launch === "popup") {
      const [popup] = await Promise.all([context.waitForEvent("page"), page.click("#kv-enter")]);
      watch(popup);
      coursePage = popup;
      frame = popup.mainFrame();
    } else {
      const handle = await page.waitForSelector("iframe#sco", { state: "attached" });
      frame = await handle.contentFrame();
    }
    assert.ok(frame, "the course iframe has no content frame");
    await frame.waitForLoadState("domcontentloaded");
    await waitForPlayer(frame, `${s.label}: `, readyTimeout, pageErrors, consoleMessages);
    const lms = await frame.evaluate(() => document.documentElement.dataset.kvLms);
    assert.equal(lms, s.lmsAttr, `${s.label}: the player says data-kv-lms=${JSON.stringify(lms)}: it did not find the LMS API`);
    const course = await readCourse(frame);
    const session = new Session({ context, page, frame, version, course, pageErrors, consoleMessages });
    session.coursePage = coursePage;
    session.seed = seed || {};
    return session;
  }

  /**
   * Opens a package with no LMS at all (`url`: http(s) or file), in a page of
   * `context`; waits for the player and checks it says data-kv-lms="none".
   * Only the learner's actions are meaningful on such a session, not the
   * LMS helpers. `label` names the storage slot (scorm12, scorm2004, web).
   */
  static async standalone(context, url, { label = "web", readyTimeout = 30_000 } = {}) {
    const page = await context.newPage();
    const pageErrors = [];
    const consoleMessages = [];
    page.on("pageerror", (err) => pageErrors.push(`${err.name}: ${err.message}`));
    page.on("console", (msg) => consoleMessages.push(`[${msg.type()}] ${msg.text()}`));
    await page.goto(url);
    const frame = page.mainFrame();
    await waitForPlayer(frame, `standalone ${url}: `, readyTimeout, pageErrors, consoleMessages);
    const lms = await frame.evaluate(() => document.documentElement.dataset.kvLms);
    assert.equal(lms, "none", `standalone: the player says data-kv-lms=${JSON.stringify(lms)} with no LMS around`);
    const course = await readCourse(frame);
    const session = new Session({ context, page, frame, version: null, course, pageErrors, consoleMessages });
    session.s = { label: `standalone (${label})` };
    session.storageLabel = label;
    session.coursePage = page;
    session.ownsContext = false;
    return session;
  }

  /** Reloads the page (standalone sessions) and waits for the player again. */
  async reload({ readyTimeout = 30_000 } = {}) {
    await this.page.reload();
    this.frame = this.page.mainFrame();
    await waitForPlayer(this.frame, `${this.s.label} after reloading: `, readyTimeout, this.pageErrors, this.consoleMessages);
    this.course = await readCourse(this.frame);
  }

  async close() {
    if (this.ownsContext) await this.context.close().catch(() => {});
    else await this.page.close().catch(() => {});
  }

  /** What the LMS holds now, flattened (scorm-again's getFlattenedCMI). */
  async flat() {
    return this.page.evaluate(() => window.kvFlat());
  }

  /** What the LMS had persisted at the last successful Commit/Terminate (null if none). */
  async committed() {
    return this.page.evaluate(() => window.lmsCommitted);
  }

  /** Changes the injected LMS faults while the SCO runs. */
  async setFaults(faults) {
    await this.page.evaluate((f) => window.kvSetFaults(f), faults);
  }

  /** The player's copy in this browser's localStorage (`kursverk:<id>:<slot>`), or null. */
  async localSaved() {
    const slot = this.storageLabel || this.version;
    const key = `kursverk:${this.course.id}:${slot}`;
    return this.frame.evaluate((k) => window.localStorage.getItem(k), key);
  }

  /** #kv-notice: {shown, text}. */
  async notice() {
    return this.frame.evaluate(() => {
      const n = document.querySelector("#kv-notice");
      if (!n) return { shown: false, text: null, exists: false };
      return { shown: !n.hidden && n.getClientRects().length > 0, text: n.textContent.trim(), role: n.getAttribute("role"), exists: true };
    });
  }

  /** Waits until #kv-notice is shown with `text`. */
  async waitForNotice(text, what = "") {
    await waitInFrame(
      this.frame,
      (t) => {
        const n = document.querySelector("#kv-notice");
        return n !== null && !n.hidden && n.getClientRects().length > 0 && n.textContent.trim() === t;
      },
      text,
      {
        message: `#kv-notice did not show ${JSON.stringify(text)} ${what}`,
        diagnose: () => {
          const n = document.querySelector("#kv-notice");
          return n ? { hidden: n.hidden, text: n.textContent } : "no #kv-notice";
        },
      },
    );
  }

  /** Indices of the TOC entries marked .kv-visited. */
  async tocVisited() {
    return this.frame.evaluate(() =>
      Array.from(document.querySelectorAll("#kv-toc [data-goto]"))
        .filter((a) => a.classList.contains("kv-visited"))
        .map((a) => Number(a.dataset.goto)),
    );
  }

  /**
   * What every question form shows: {question id: {checked: [values],
   * feedback: text, verdict: text|null, correct: bool, wrong: bool, text: textarea value}}.
   */
  async formStates() {
    return this.frame.evaluate(() => {
      const out = {};
      for (const form of document.querySelectorAll("form[data-question]")) {
        const fb = form.querySelector(".kv-feedback");
        const area = form.querySelector("textarea");
        out[form.dataset.question] = {
          checked: Array.from(form.querySelectorAll("input:checked")).map((i) => i.value),
          feedback: fb ? fb.textContent.replace(/\s+/g, " ").trim() : null,
          verdict: form.querySelector(".kv-feedback .kv-verdict")?.textContent.trim() ?? null,
          correct: form.classList.contains("kv-correct"),
          wrong: form.classList.contains("kv-wrong"),
          text: area ? area.value : null,
        };
      }
      return out;
    });
  }

  /** The text of each option's own feedback in the page ({question: {option: text}}). */
  async optionFeedback() {
    return this.frame.evaluate(() => {
      const out = {};
      for (const form of document.querySelectorAll("form.kv-question[data-question]")) {
        const m = (out[form.dataset.question] = {});
        for (const el of form.querySelectorAll(".kv-option-feedback[data-option]")) {
          m[el.dataset.option] = el.textContent.replace(/\s+/g, " ").trim();
        }
      }
      return out;
    });
  }

  /** Goes to page `index` through its table-of-contents link. */
  async gotoViaToc(index) {
    const link = this.frame.locator(`#kv-toc [data-goto="${index}"]`);
    assert.equal(await link.count(), 1, `expected one #kv-toc [data-goto="${index}"]`);
    await link.click();
    await this.waitForPage(index, `after clicking its link in the table of contents`);
    await this.waitForFocusOnHeading(index);
  }

  /** The options to choose to answer `question` right or wrong (course data). */
  static choice(question, correct) {
    const options = question.options || [];
    if (correct) return options.filter((o) => o.correct).map((o) => o.id);
    if (question.multiple) return options.filter((o) => !o.correct).map((o) => o.id);
    return options.filter((o) => !o.correct).slice(0, 1).map((o) => o.id);
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
    const ids = Session.choice(question, correct);
    const choose = options.filter((o) => ids.includes(o.id));
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
    await waitInFrame(
      this.frame,
      (qid) => {
        const fb = document.querySelector(`form.kv-reflection[data-question="${qid}"] .kv-feedback`);
        return fb !== null && fb.textContent.trim().length > 0;
      },
      question.id,
      { message: `reflection ${question.id}: no confirmation in .kv-feedback after saving` },
    );
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

/** Waits for the player to set data-kv-ready="1" on <html>; fails with what it knows. */
async function waitForPlayer(frame, prefix, readyTimeout, pageErrors, consoleMessages) {
  try {
    await frame.waitForSelector('html[data-kv-ready="1"]', { state: "attached", timeout: readyTimeout });
  } catch (e) {
    const attrs = await frame
      .evaluate(() => ({ ready: document.documentElement.dataset.kvReady ?? null, lms: document.documentElement.dataset.kvLms ?? null }))
      .catch((err) => `(${err.message})`);
    assert.fail(
      `${prefix}the player never set data-kv-ready="1" on <html> within ${readyTimeout} ms; <html> data: ${JSON.stringify(attrs)}\n` +
        `page errors: ${JSON.stringify(pageErrors)}\nconsole:\n${consoleMessages.join("\n")}`,
    );
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
