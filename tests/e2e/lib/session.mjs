// Opening a package in the LMS host page and acting as a learner.
import assert from "node:assert/strict";
import { SCORM, formatCalls } from "./scorm.mjs";
import { judge, plannedAnswer } from "./answers.mjs";

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
    triesLeft: "Försök kvar: {n}.",
    noTries: "Du har inga försök kvar på den här frågan.",
    moved: "{item}: plats {n} av {total}.",
    choose: "Välj …",
    retry: "Gör om kunskapstestet",
    passed: "Du är godkänd.",
    failed: "Du är inte godkänd ännu.",
    done: "Kursen är klar.",
    notDone: "Kursen är inte klar ännu.",
    scoreLine: "Ditt resultat är {score} %. För att bli godkänd behövs {mastery} %.",
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
    triesLeft: "Tries left: {n}.",
    noTries: "You have no tries left on this question.",
    moved: "{item}: position {n} of {total}.",
    choose: "Choose …",
    retry: "Take the quiz again",
    passed: "You have passed.",
    failed: "You have not passed yet.",
    done: "The course is complete.",
    notDone: "The course is not complete yet.",
    scoreLine: "Your score is {score} %. You need {mastery} % to pass.",
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
  tries_left: "triesLeft",
  no_tries: "noTries",
  moved: "moved",
  choose: "choose",
  retry: "retry",
  passed: "passed",
  failed: "failed",
  done: "done",
  not_done: "notDone",
  score_line: "scoreLine",
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
   *   file      the SCO's launch file in that package (default: index.html)
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

  static async #open(context, baseUrl, version, { seed, readyTimeout = 30_000, pkg, file = "index.html", faults, launch }) {
    const s = SCORM[version];
    const page = await context.newPage();
    const pageErrors = [];
    const consoleMessages = [];
    const watch = (p) => {
      p.on("pageerror", (err) => pageErrors.push(`${err.name}: ${err.message}`));
      p.on("console", (msg) => consoleMessages.push(`[${msg.type()}] ${msg.text()}`));
    };
    watch(page);
    const params = new URLSearchParams({ v: s.v, pkg: `/pkg/${pkg || version}/${file}` });
    if (faults) params.set("faults", JSON.stringify(faults));
    if (launch === "popup") params.set("launch", "popup");
    // Launch only once the pre-loaded data is checked, before the SCO can change it.
    else params.set("manual", "1");
    await page.goto(`${baseUrl}/lms/host.html?${params}`);
    // Pre-loaded through kvSeed rather than the query string: a long
    // attempt's CMI does not fit in a URL the server accepts.
    if (seed && Object.keys(seed).length) await page.evaluate((flat) => window.kvSeed(flat), seed);
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
   * LMS helpers. Without an LMS every package keeps its copy under `web`.
   */
  static async standalone(context, url, { readyTimeout = 30_000 } = {}) {
    const label = "web";
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

  /** The learner id the LMS hands this session (null when it gives none). */
  learnerId() {
    return this.seed?.["cmi.core.student_id"] ?? this.seed?.["cmi.learner_id"] ?? null;
  }

  /**
   * The player's copy in this browser's localStorage, or null: keyed
   * `kursverk:<id>:<version>:<learner id>` under an LMS (one copy per
   * learner), `kursverk:<id>:web` without one.
   */
  async localSaved() {
    const slot = this.storageLabel || `${this.version}:${this.learnerId()}`;
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
   * feedback: text, verdict: text|null, correct: bool, wrong: bool, text:
   * textarea value, value: text input value (fill-in), selects: [values]
   * (matching), order: [item ids] (ordering), disabled: controls disabled}}.
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
          value: form.querySelector('input[type="text"]')?.value ?? null,
          selects: Array.from(form.querySelectorAll("select")).map((s) => s.value),
          order: Array.from(form.querySelectorAll("ol.kv-order > li[data-item]")).map((li) => li.dataset.item),
          disabled: Array.from(form.querySelectorAll("input, select, button, textarea")).filter((c) => c.disabled).length,
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

  /** Questions of the given type on page `index` in the course data (all kinds when `type` is left out). */
  questionsOn(index, type) {
    return (this.course.questions || []).filter((q) => q.page === index && (type === undefined || q.type === type));
  }

  /** The question with id `id` in the course data. */
  question(id) {
    const q = (this.course.questions || []).find((x) => x.id === id);
    assert.ok(q, `no question ${id} in the course data`);
    return q;
  }

  /** The page index that holds `selector` (a `section.kv-page` descendant), or fails. */
  async pageOf(selector) {
    const index = await this.frame.evaluate((sel) => {
      const el = document.querySelector(sel);
      const section = el && el.closest("section.kv-page");
      return section ? Number(section.dataset.page) : null;
    }, selector);
    assert.ok(index !== null, `no section.kv-page holds ${selector}`);
    return index;
  }

  /** The form of question `id` (a knowledge question or a reflection); asserts there is exactly one. */
  async form(id) {
    const form = this.frame.locator(`form[data-question="${id}"]`);
    assert.equal(await form.count(), 1, `expected one form[data-question="${id}"]`);
    return form;
  }

  /** The item ids of an ordering question in the order shown. */
  async order(id) {
    return this.frame.evaluate(
      (qid) => Array.from(document.querySelectorAll(`form[data-question="${qid}"] ol.kv-order > li[data-item]`)).map((li) => li.dataset.item),
      id,
    );
  }

  /** {tries: n | null (no .kv-tries), disabled: [controls that are disabled], controls: n} of a question form. */
  async formLock(id) {
    return this.frame.evaluate((qid) => {
      const form = document.querySelector(`form[data-question="${qid}"]`);
      const controls = Array.from(form.querySelectorAll("input, select, button, textarea"));
      const tries = form.querySelector(".kv-tries");
      return {
        tries: tries ? tries.textContent.trim() : null,
        controls: controls.length,
        disabled: controls.filter((c) => c.disabled).map((c) => `${c.tagName.toLowerCase()}${c.name ? `[name=${c.name}]` : ""}${c.dataset.move ? `[data-move=${c.dataset.move}]` : ""}`),
      };
    }, id);
  }

  /** The number in `.kv-tries` ("Försök kvar: {n}."), or null when the question has no such line. */
  triesShown(lock) {
    if (lock.tries === null) return null;
    const [before, after] = this.ui.triesLeft.split("{n}");
    const esc = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const m = new RegExp(`^${esc(before)}(\\d+)${esc(after ?? "")}$`).exec(lock.tries);
    assert.ok(m, `.kv-tries shows ${JSON.stringify(lock.tries)}, not the player's text ${JSON.stringify(this.ui.triesLeft)}`);
    return Number(m[1]);
  }

  /**
   * Moves ordering items with their buttons until the list shows `target`:
   * each item in turn is moved up to its place. After every move: the item
   * is one place further up, focus is still on the button that moved it,
   * and the live region says where it is now. `press(button)` performs the
   * move (a mouse click by default; the keyboard test presses keys).
   */
  async arrange(question, target, { press } = {}) {
    const id = question.id;
    const form = await this.form(id);
    const doPress = press || ((button) => button.click());
    for (let k = 0; k < target.length; k++) {
      let now = await this.order(id);
      let at = now.indexOf(target[k]);
      assert.ok(at >= k, `ordering ${id}: item ${target[k]} is not in the list ${JSON.stringify(now)}`);
      while (at > k) {
        const button = form.locator(`ol.kv-order > li[data-item="${target[k]}"] button[data-move="up"]`);
        assert.equal(await button.count(), 1, `ordering ${id}: expected one up button on item ${target[k]}`);
        await doPress(button, { item: target[k], move: "up" });
        await this.assertMoved(question, target[k], "up", at - 1);
        now = await this.order(id);
        at = now.indexOf(target[k]);
      }
    }
    assert.deepEqual(await this.order(id), target, `ordering ${id}: the list after moving`);
  }

  /**
   * Asserts item `item` of ordering `question` now sits at `position`
   * (0-based), focus is on its `move` button, and the live region
   * announces "{item}: plats {n} av {total}".
   */
  async assertMoved(question, item, move, position) {
    const got = await this.frame.evaluate(
      ({ qid, item, move }) => {
        const form = document.querySelector(`form[data-question="${qid}"]`);
        const items = Array.from(form.querySelectorAll("ol.kv-order > li[data-item]"));
        const li = form.querySelector(`ol.kv-order > li[data-item="${item}"]`);
        const a = document.activeElement;
        return {
          position: items.indexOf(li),
          total: items.length,
          text: li.querySelector(".kv-item-text").textContent.trim(),
          focusOnButton: a === li.querySelector(`button[data-move="${move}"]`),
          focused: a ? `${a.tagName.toLowerCase()}${a.dataset?.move ? `[data-move=${a.dataset.move}]` : ""} in ${a.closest("li[data-item]")?.dataset.item ?? "no item"}` : null,
          announced: form.querySelector("[data-announce]")?.textContent.trim() ?? null,
        };
      },
      { qid: question.id, item, move },
    );
    assert.equal(got.position, position, `ordering ${question.id}: item ${item} after moving it ${move}`);
    assert.ok(got.focusOnButton, `ordering ${question.id}: focus left the ${move} button of item ${item} after the move; it is on ${got.focused}`);
    const expected = this.ui.moved.replace("{item}", got.text).replace("{n}", String(position + 1)).replace("{total}", String(got.total));
    assert.equal(got.announced, expected, `ordering ${question.id}: the live region [data-announce] after moving item ${item} ${move}`);
  }

  /**
   * Answers a question right or wrong (from the course data) and submits
   * it; waits for the feedback and checks it: the verdict, tries left, and
   * that a question with limited tries locks (every control disabled) once
   * it is right or out of tries, and not before. Reflections are written
   * and saved (see reflect). Returns what was submitted: {id, chosen} or
   * {id, text}.
   *
   * Options: `text` (fill-in or reflection text to write instead),
   * `reorder` (ordering, wrong: move the items to a wrong order even when
   * the order shown is already wrong; by default a wrong order shown is
   * left as it is).
   */
  async answer(question, { correct, text, reorder = false } = {}) {
    if (question.type === "reflection") {
      const written = text ?? plannedAnswer(question, false).text;
      await this.reflect(question, written);
      return { id: question.id, text: written };
    }
    const id = question.id;
    const form = await this.form(id);
    const before = await this.formLock(id);
    assert.deepEqual(before.disabled, [], `question ${id}: controls are disabled before answering (locked?)`);
    const triesBefore = this.triesShown(before);
    if (question.attempts > 0) {
      assert.ok(triesBefore !== null && triesBefore > 0, `question ${id}: ${question.attempts} tries in the course data, but .kv-tries shows ${JSON.stringify(before.tries)}`);
    } else {
      assert.equal(triesBefore, null, `question ${id}: unlimited tries, but the form shows .kv-tries ${JSON.stringify(before.tries)}`);
    }

    let sub = plannedAnswer(question, correct, { text });
    switch (question.type) {
      case "choice":
      case "true-false":
      case "scale": {
        const inputType = question.type === "choice" && question.multiple ? "checkbox" : "radio";
        const inputs = form.locator(`input[name="${id}"]`);
        assert.equal(await inputs.count(), question.options.length, `question ${id}: one input[name="${id}"] per option`);
        for (const o of question.options) {
          const input = form.locator(`input[type="${inputType}"][name="${id}"][value="${o.id}"]`);
          assert.equal(await input.count(), 1, `question ${id}: expected one input[type=${inputType}][name="${id}"][value="${o.id}"]`);
          if (sub.chosen.includes(o.id)) await input.check();
          else if (inputType === "checkbox") await input.uncheck();
        }
        break;
      }
      case "fill-in": {
        const input = form.locator('input[type="text"]');
        assert.equal(await input.count(), 1, `fill-in ${id}: expected one input[type=text]`);
        await input.fill(sub.text);
        break;
      }
      case "ordering": {
        const shown = await this.order(id);
        assert.deepEqual([...shown].sort(), question.options.map((o) => o.id).sort(), `ordering ${id}: the items shown`);
        if (!correct && !reorder && judge(question, { chosen: shown }) === false) sub = { id, chosen: shown };
        await this.arrange(question, sub.chosen);
        break;
      }
      case "matching": {
        for (const [k, o] of question.options.entries()) {
          const select = form.locator(`select#q-${id}-${o.id}`);
          assert.equal(await select.count(), 1, `matching ${id}: expected one select#q-${id}-${o.id}`);
          await select.selectOption(sub.chosen[k]);
        }
        break;
      }
      default:
        assert.fail(`question ${id}: cannot answer a ${question.type}`);
    }
    await this.submit(question, sub, triesBefore, async (button) => button.click());
    return sub;
  }

  /**
   * Submits a filled-in question with `press(submitButton)` and checks the
   * feedback, tries and lock against what `sub` should get.
   */
  async submit(question, sub, triesBefore, press) {
    const id = question.id;
    const form = await this.form(id);
    const submit = form.locator('button[type="submit"]');
    assert.equal((await submit.innerText()).trim(), this.ui.answer, `question ${id}: submit button text`);
    await this.frame.evaluate((qid) => {
      const fb = document.querySelector(`form[data-question="${qid}"] .kv-feedback`);
      window.__kvFeedbackChanged = window.__kvFeedbackChanged || {};
      window.__kvFeedbackChanged[qid] = false;
      new MutationObserver((_, obs) => {
        window.__kvFeedbackChanged[qid] = true;
        obs.disconnect();
      }).observe(fb, { childList: true, characterData: true, subtree: true });
    }, id);
    await press(submit);
    await waitInFrame(
      this.frame,
      (qid) => {
        const fb = document.querySelector(`form[data-question="${qid}"] .kv-feedback`);
        return window.__kvFeedbackChanged[qid] && fb.textContent.trim().length > 0;
      },
      id,
      {
        message: `question ${id}: no new feedback in .kv-feedback after submitting`,
        diagnose: (qid) => document.querySelector(`form[data-question="${qid}"] .kv-feedback`)?.innerHTML,
      },
    );

    const right = judge(question, sub);
    const state = (await this.formStates())[id];
    if (right === null) {
      assert.equal(state.verdict, null, `question ${id}: an ungraded question shows a verdict`);
      assert.ok(state.feedback.includes(this.ui.saved), `question ${id}: feedback ${JSON.stringify(state.feedback)} does not say ${JSON.stringify(this.ui.saved)}`);
      assert.deepEqual([state.correct, state.wrong], [false, false], `question ${id}: kv-correct/kv-wrong on an ungraded question`);
    } else {
      assert.equal(state.verdict, right ? this.ui.correct : this.ui.wrong, `question ${id}: verdict after submitting ${JSON.stringify(sub)}`);
      assert.deepEqual([state.correct, state.wrong], [right, !right], `question ${id}: kv-correct/kv-wrong after submitting ${JSON.stringify(sub)}`);
    }

    const after = await this.formLock(id);
    if (question.attempts > 0) {
      const left = triesBefore - 1;
      assert.equal(this.triesShown(after), left, `question ${id}: tries left after a try`);
      const settled = right === true || left === 0;
      assert.equal(after.disabled.length, settled ? after.controls : 0, `question ${id}: ${settled ? "every control should be disabled (settled)" : "no control should be disabled (tries left)"}; disabled: ${JSON.stringify(after.disabled)}`);
      if (left === 0 && right === false) {
        assert.ok(state.feedback.includes(this.ui.noTries), `question ${id}: out of tries, but the feedback does not say ${JSON.stringify(this.ui.noTries)}: ${JSON.stringify(state.feedback)}`);
      }
    } else {
      assert.deepEqual(after.disabled, [], `question ${id}: controls disabled on a question with unlimited tries`);
    }
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

  /**
   * Answers every question on page `index` (all kinds), right or wrong:
   * `correct` is a boolean or a function of the question. Returns what was
   * submitted, in order.
   */
  async doPage(index, { correct, reorder } = {}) {
    const submitted = [];
    for (const q of this.questionsOn(index)) {
      const right = typeof correct === "function" ? correct(q) : correct;
      submitted.push(await this.answer(q, { correct: right, reorder }));
    }
    return submitted;
  }

  /** The result page's #kv-summary: {text, retry: the #kv-retry button's text or null}; null if none. */
  async summary() {
    return this.frame.evaluate(() => {
      const s = document.querySelector("#kv-summary");
      if (!s) return null;
      const retry = s.querySelector("button#kv-retry");
      return { text: s.textContent.replace(/\s+/g, " ").trim(), retry: retry ? retry.textContent.trim() : null };
    });
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
