// The web target reporting to an organisation's own LRS, with no LMS:
// a copy of a course with `[xapi]` in course.toml (the test LRS's endpoint,
// `learner = "email"`, Basic auth), built with `--target web` and served over
// http on 127.0.0.1. In headless Chromium, Firefox ESR and WebKit:
//
// - the player asks for the learner's e-mail first (`#kv-learner`, input
//   `#kv-learner-id` of type email) and says data-kv-lms="xapi";
// - a practice question and a reflection, a reload (the e-mail is not asked
//   again, the page and answers are kept), then every page and every quiz
//   question right, then the page is left (pagehide);
// - the LRS holds, for actor mbox mailto:anna@example.org, one registration
//   (a UUID kept across the reload), per page load a session that starts with
//   `initialized` and ends with `terminated`, `completed` and `passed` once
//   each (passed with a scaled score at or above the mastery score),
//   object.id `urn:kursverk:<course id>` on them, durations, an answered
//   statement for the practice question, the reflection's text nowhere, and
//   no cmi5 category (there is no cmi5 launch).
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { buildWeb, copyCourse, kursverkBin, launchBrowser, removeTmp } from "./lib/env.mjs";
import { formatViolations, injectAxe, violationsNow } from "./lib/axe.mjs";
import { startServer } from "./lib/server.mjs";
import { uiText } from "./lib/session.mjs";
import { expectedInteraction } from "./lib/scorm.mjs";
import { hookErrors, recordedErrors, waitFor } from "./lib/engines.mjs";
import { HOOK_TIMEOUT } from "./lib/suite.mjs";
import {
  ALL_ENGINES,
  CATEGORY,
  ENGINE_NAMES,
  INTERACTION,
  VERB,
  answer,
  byTimestamp,
  currentPage,
  formStates,
  formatStatements,
  isDuration,
  isUuid,
  next,
  ofVerb,
  openEngine,
  pageProblems,
  readCourseIn,
  sessionOf,
  startTestLrs,
  statementJson,
  verbName,
  waitReady,
} from "./lib/cmi5.mjs";

const COURSE = "barnets-rattigheter";
const EMAIL = "anna@example.org";
const TEST_TIMEOUT = 240_000;
const PRIVATE_WORD = "hemligt-ord-9q2w";
const REFLECTION = `Barnets röst ska höras även när föräldrarna tvistar (${PRIVATE_WORD}).`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const env = {};
before(
  async () => {
    env.lrs = await startTestLrs();
    env.course = copyCourse(COURSE);
    const toml = path.join(env.course.dir, "course.toml");
    const text = fs.readFileSync(toml, "utf8");
    assert.ok(!/^\[xapi\]/m.test(text), `${COURSE}/course.toml already has an [xapi] table`);
    fs.writeFileSync(toml, `${text.replace(/\n*$/, "\n")}\n[xapi]\nendpoint = "${env.lrs.endpoint}"\nlearner = "email"\nauth = "${env.lrs.auth}"\n`);
    env.web = buildWeb(env.course.dir);
    env.server = await startServer({ packages: { web: env.web.dir } });
  },
  { timeout: HOOK_TIMEOUT },
);
after(
  async () => {
    await env.server?.close();
    removeTmp(env.web?.tmp);
    removeTmp(env.course?.tmp);
    await env.lrs?.stop();
  },
  { timeout: 60_000 },
);

/** Whether the learner form is shown. */
const learnerForm = (tab) =>
  tab.eval(() => {
    const f = document.querySelector("#kv-learner");
    const input = document.querySelector("#kv-learner #kv-learner-id");
    return {
      shown: Boolean(f && !f.hidden && f.getClientRects().length > 0),
      input: input ? input.getAttribute("type") : null,
      submit: Boolean(f && f.querySelector('button[type="submit"], button:not([type])')),
    };
  });

for (const engine of ALL_ENGINES) {
  describe(ENGINE_NAMES[engine], () => {
    const eng = {};
    before(
      async () => {
        eng.browser = await openEngine(engine);
      },
      { timeout: HOOK_TIMEOUT },
    );
    after(async () => eng.browser?.close(), { timeout: 60_000 });

    test("the learner's e-mail once; walk, reload, finish, leave: the LRS has the course's statements", { timeout: TEST_TIMEOUT }, async () => {
      const { lrs, server } = env;
      const since = new Date(Date.now() - 1000).toISOString();
      const agent = { mbox: `mailto:${EMAIL}` };
      const url = `${server.url}/pkg/web/index.html`;
      const tab = await eng.browser.newTab();
      const seen = [];
      let all = [];
      const collect = async () => seen.push(...(await recordedErrors(tab).catch(() => ({ errors: [] }))).errors);
      const diagnostics = async () => {
        const s = await lrs.statements({ agent, since }).catch(() => all);
        return (
          `--- ${engine} diagnostics ---\nstatements for ${EMAIL} since ${since}:\n${formatStatements(byTimestamp(s))}\n` +
          `engine-reported: ${JSON.stringify(tab.engineErrors())}\nrecorded in the page: ${JSON.stringify(seen)}\n` +
          `console:\n${tab.consoleLog().map((m) => `  ${m}`).join("\n") || "  (none reported)"}`
        );
      };
      try {
        await tab.goto(url);
        await waitFor(tab, () => {
          const f = document.querySelector("#kv-learner");
          return f && !f.hidden && f.getClientRects().length > 0;
        }, undefined, {
          timeout: 30_000,
          message: "the player did not ask for the learner (#kv-learner shown) before tracking",
          diagnose: () => ({ ready: document.documentElement.dataset.kvReady ?? null, lms: document.documentElement.dataset.kvLms ?? null, form: Boolean(document.querySelector("#kv-learner")) }),
        });
        await hookErrors(tab);
        const form = await learnerForm(tab);
        assert.deepEqual(form, { shown: true, input: "email", submit: true }, `${engine}: #kv-learner with an e-mail input #kv-learner-id and a submit button`);
        const early = await lrs.statements({ agent, since });
        assert.deepEqual(early.map(statementJson), [], `${engine}: statements before the learner said who they are`);
        await tab.type("#kv-learner-id", EMAIL);
        await tab.click('#kv-learner button[type="submit"], #kv-learner button:not([type])');
        const ready = await waitReady(tab, "after the e-mail", { extra: diagnostics });
        assert.equal(ready.lms, "xapi", `${engine}: data-kv-lms with [xapi]`);
        await waitFor(tab, () => {
          const f = document.querySelector("#kv-learner");
          return !f || f.hidden || f.getClientRects().length === 0;
        }, undefined, { message: "#kv-learner still shown after submitting the e-mail" });

        const course = await readCourseIn(tab);
        const ui = uiText(course.language, course.texts);
        const practice = course.questions.find((q) => q.type === "choice" && !q.quiz && q.page > 0);
        const reflection = course.questions.find((q) => q.type === "reflection" && !q.quiz && q.page >= practice.page);
        assert.ok(practice && reflection, "the course needs a practice choice question and a later reflection");
        const quiz = course.questions.filter((q) => q.quiz);
        assert.ok(quiz.length > 0 && quiz.every((q) => q.page > reflection.page), "the course needs a quiz after the reflection");

        let pageIndex = await currentPage(tab);
        const submitted = [];
        while (pageIndex < reflection.page) {
          pageIndex = await next(tab, ui);
          if (pageIndex === practice.page) submitted.push(await answer(tab, practice, ui, { correct: true }));
        }
        submitted.push(await answer(tab, reflection, ui, { text: REFLECTION }));
        const before = await formStates(tab);
        await collect();

        // The registration, from the first session's statements.
        const first = await lrs.waitForStatements({ agent, since }, (s) => ofVerb(s, "initialized").length > 0, { message: `${engine}: no "initialized" for ${EMAIL}` });
        const registration = ofVerb(first, "initialized")[0].context?.registration;
        assert.ok(isUuid(registration), `${engine}: the registration ${JSON.stringify(registration)} is not a UUID`);

        // Reload: the e-mail is not asked again, page and answers stay.
        await tab.reload();
        assert.equal((await waitReady(tab, "after reloading", { extra: diagnostics })).lms, "xapi", `${engine}: data-kv-lms after reloading`);
        await hookErrors(tab);
        assert.equal((await learnerForm(tab)).shown, false, `${engine}: the e-mail asked again after a reload`);
        assert.equal(await currentPage(tab), reflection.page, `${engine}: the page after reloading`);
        const after = await formStates(tab);
        assert.deepEqual(after[practice.id].checked, before[practice.id].checked, `${engine}: ${practice.id} after reloading`);
        assert.equal(after[reflection.id].text, REFLECTION, `${engine}: the reflection after reloading`);

        // Finish, then leave.
        for (pageIndex = reflection.page; ; pageIndex = await next(tab, ui)) {
          for (const q of quiz.filter((x) => x.page === pageIndex)) submitted.push(await answer(tab, q, ui, { correct: true }));
          if (pageIndex === course.pages.length - 1) break;
        }
        const summary = await tab.eval(() => document.querySelector("#kv-summary")?.textContent.replace(/\s+/g, " ").trim() ?? null);
        assert.ok(summary && summary.includes(ui.passed), `${engine}: the result page says ${JSON.stringify(summary)}`);
        await collect();
        const engineErrors = tab.engineErrors();
        await tab.goto("about:blank");
        await lrs.waitForStatements({ registration }, (s) => ofVerb(s, "terminated").length >= 2, {
          message: `${engine}: no "terminated" for each page load (the reload and leaving)`,
        });
        await sleep(1000);
        all = await lrs.statements({ registration });

        // ---- the statements
        const shownAll = `\n${formatStatements(byTimestamp(all))}`;
        const mine = await lrs.statements({ agent, since });
        assert.deepEqual([...new Set(mine.map((s) => s.context?.registration))], [registration], `${engine}: one registration for ${EMAIL}, kept across the reload${shownAll}`);
        const objectId = `urn:kursverk:${course.id}`;
        for (const s of all) {
          const json = `\n    ${statementJson(s)}`;
          assert.deepEqual(s.actor?.mbox, agent.mbox, `${engine}: actor${json}`);
          assert.ok(!(s.context?.contextActivities?.category || []).some((c) => c.id === CATEGORY.cmi5 || c.id === CATEGORY.moveon), `${engine}: a cmi5 category without a cmi5 launch${json}`);
          if (s.verb.id !== VERB.answered) assert.equal(s.object?.id, objectId, `${engine}: object.id of "${verbName(s.verb.id)}"${json}`);
          if (["terminated", "completed", "passed", "failed"].includes(verbName(s.verb.id))) assert.ok(isDuration(s.result?.duration), `${engine}: result.duration on "${verbName(s.verb.id)}"${json}`);
        }
        const count = (v) => ofVerb(all, v).length;
        assert.deepEqual(
          { initialized: count("initialized"), completed: count("completed"), passed: count("passed"), failed: count("failed"), terminated: count("terminated") },
          { initialized: 2, completed: 1, passed: 1, failed: 0, terminated: 2 },
          `${engine}: verbs in the registration (two page loads)${shownAll}`,
        );
        const ordered = byTimestamp(all);
        assert.equal(ordered[0].verb.id, VERB.initialized, `${engine}: the first statement${shownAll}`);
        assert.equal(ordered[ordered.length - 1].verb.id, VERB.terminated, `${engine}: the last statement (after leaving)${shownAll}`);
        const sessions = [...new Set(ordered.map(sessionOf))];
        assert.equal(sessions.length, 2, `${engine}: one session id per page load${shownAll}`);
        for (const id of sessions) {
          const ss = ordered.filter((s) => sessionOf(s) === id);
          assert.deepEqual([verbName(ss[0].verb.id), verbName(ss[ss.length - 1].verb.id)], ["initialized", "terminated"], `${engine}: session ${id} starts with initialized, ends with terminated${shownAll}`);
        }
        const passed = ofVerb(all, "passed")[0];
        const scaled = passed.result?.score?.scaled;
        assert.ok(passed.result?.success === true && typeof scaled === "number" && scaled >= course.mastery_score / 100 && scaled <= 1, `${engine}: passed with success and a scaled score at or above ${course.mastery_score / 100}\n    ${statementJson(passed)}`);
        assert.equal(ofVerb(all, "completed")[0].result?.completion, true, `${engine}: completed's result.completion`);

        const answered = ofVerb(all, "answered");
        const forPractice = answered.filter((s) => s.object?.id?.endsWith(`/${practice.id}`));
        assert.equal(forPractice.length, 1, `${engine}: one answered statement for ${practice.id}${shownAll}`);
        const exp = expectedInteraction("scorm2004", course, submitted[0]);
        const s0 = forPractice[0];
        assert.deepEqual(
          { type: s0.object.definition?.type, interactionType: s0.object.definition?.interactionType, response: s0.result?.response },
          { type: INTERACTION, interactionType: exp.type, response: exp.response },
          `${engine}: the answered statement for ${practice.id}\n    ${statementJson(s0)}`,
        );
        const leaked = all.filter((s) => JSON.stringify(s).includes(PRIVATE_WORD));
        assert.deepEqual(leaked.map(statementJson), [], `${engine}: the reflection's text reached the LRS`);
        assert.deepEqual(pageProblems([...engineErrors, ...seen]), [], `${engine}: page errors, console errors or player warnings`);
      } catch (err) {
        if (err && typeof err.message === "string") err.message += `\n\n${await diagnostics()}`;
        throw err;
      } finally {
        await tab.close();
      }
    });
  });
}

// What the person who sent the course out sees: `kursverk report` on the
// same course folder reads the LRS and lists the learner the engines above
// played as completed and passed.
test("kursverk report lists the learner as completed and passed", { timeout: 60_000 }, () => {
  const run = spawnSync(kursverkBin(), ["report", env.course.dir], {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, KURSVERK_LRS_USER: env.lrs.user, KURSVERK_LRS_PASSWORD: env.lrs.password },
  });
  assert.equal(run.status, 0, `kursverk report failed (status ${run.status})\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
  const [header, ...rows] = run.stdout.trim().split(/\r?\n/).map((l) => l.split(","));
  const column = (name) => header.indexOf(name);
  assert.ok(["deltagare", "slutförd", "resultat"].every((n) => column(n) >= 0), `the report's columns: ${header}`);
  const anna = rows.filter((r) => r[column("deltagare")] === EMAIL);
  assert.equal(anna.length, 1, `one row for ${EMAIL}:\n${run.stdout}`);
  assert.match(anna[0][column("slutförd")], /^\d{4}-\d\d-\d\dT/, `${EMAIL} is completed:\n${run.stdout}`);
  assert.equal(anna[0][column("resultat")], "godkänd", `${EMAIL} has passed:\n${run.stdout}`);
});

// The form that asks who the learner is: axe finds nothing, it fits a
// 320 px screen without sideways scrolling, the field has the focus, and
// Escape does not close it (the course cannot start with nobody named).
test("the learner form is accessible and reflows at 320 px (Chromium)", { timeout: 120_000 }, async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(`${env.server.url}/pkg/web/index.html`);
    await page.waitForSelector("#kv-learner-dialog[open]", { timeout: 30_000 });
    await injectAxe(page);
    const violations = await violationsNow(page);
    assert.deepEqual(violations, [], formatViolations([{ where: "learner form", violations }]));
    const layout = await page.evaluate(() => ({
      sideways: document.documentElement.scrollWidth - window.innerWidth,
      dialogRight: document.querySelector("#kv-learner-dialog").getBoundingClientRect().right,
      focused: document.activeElement?.id,
    }));
    assert.ok(layout.sideways <= 0 && layout.dialogRight <= 320, `the form does not fit 320 px: ${JSON.stringify(layout)}`);
    assert.equal(layout.focused, "kv-learner-id", "the e-mail field has the focus");
    await page.keyboard.press("Escape");
    assert.equal(await page.evaluate(() => document.querySelector("#kv-learner-dialog").open), true, "Escape closed the form");
    await page.fill("#kv-learner-id", "anna");
    await page.keyboard.press("Enter");
    const error = await page.textContent("#kv-learner-error");
    assert.match(error, /e-postadress/, "a typo is said in words");
    assert.equal(await page.getAttribute("#kv-learner-id", "aria-invalid"), "true");
  } finally {
    await browser.close();
  }
});

// The two other ways to name the learner, in Chromium: an employee number
// typed once (an account at the organisation's address), and a link that
// names the learner and carries their own credentials (`?actor=…&auth=…`,
// no credentials in the course at all).
test("learner = \"number\" and learner = \"link\" name the learner in the LRS (Chromium)", { timeout: 180_000 }, async () => {
  const variants = {
    number: `learner = "number"\naccount-home = "https://kommun.example.org"\nauth = "${env.lrs.auth}"\n`,
    link: `learner = "link"\n`,
  };
  const built = {};
  for (const [name, table] of Object.entries(variants)) {
    const course = copyCourse(COURSE);
    const toml = path.join(course.dir, "course.toml");
    const text = fs.readFileSync(toml, "utf8");
    fs.writeFileSync(toml, `${text.replace(/\n*$/, "\n")}\n[xapi]\nendpoint = "${env.lrs.endpoint}"\n${table}`);
    built[name] = { course, web: buildWeb(course.dir) };
  }
  const server = await startServer({ packages: { number: built.number.web.dir, link: built.link.web.dir } });
  const browser = await launchBrowser();
  try {
    const number = `4711-${Date.now()}`;
    const since = new Date(Date.now() - 5000).toISOString();
    let page = await browser.newPage();
    await page.goto(`${server.url}/pkg/number/index.html`);
    await page.waitForSelector("#kv-learner-dialog[open]", { timeout: 30_000 });
    assert.equal(await page.getAttribute("#kv-learner-id", "type"), "text", "an employee number is typed as text");
    await page.fill("#kv-learner-id", number);
    await page.keyboard.press("Enter");
    await page.waitForSelector('html[data-kv-lms="xapi"]', { timeout: 30_000 });
    const started = (who) => (all) => all.some((x) => who(x) && x.verb.id === VERB.initialized);
    const isNumber0 = (x) => x.actor?.account?.name === number;
    await env.lrs.waitForStatements({ since }, started(isNumber0), { message: `no "initialized" for ${number}`, timeout: 30_000 });
    // Leaving (pagehide) sends "terminated"; the tab stays open until it has
    // arrived (closing it at once can cut the keepalive request off).
    await page.goto("about:blank");
    const mine = (all, who) => all.filter(who);
    const isNumber = (x) => x.actor?.account?.name === number && x.actor.account.homePage === "https://kommun.example.org";
    const byNumber = mine(
      await env.lrs.waitForStatements({ since }, (s) => mine(s, isNumber).some((x) => x.verb.id === VERB.terminated), {
        message: `no statements for the account ${number}`,
        timeout: 30_000,
      }),
      isNumber,
    );
    await page.close();
    assert.deepEqual(byNumber.map((s) => verbName(s.verb.id)).slice(0, 1), ["initialized"]);

    const email = `lank-${Date.now()}@example.org`;
    const actor = JSON.stringify({ objectType: "Agent", mbox: `mailto:${email}`, name: "Lina Länk" });
    page = await browser.newPage();
    await page.goto(`${server.url}/pkg/link/index.html?actor=${encodeURIComponent(actor)}&auth=${encodeURIComponent(env.lrs.auth)}`);
    await page.waitForSelector('html[data-kv-lms="xapi"]', { timeout: 30_000 });
    assert.equal(await page.$("#kv-learner-dialog"), null, "a link that names the learner asks nothing");
    await env.lrs.waitForStatements({ since }, started((x) => x.actor?.mbox === `mailto:${email}`), {
      message: `no "initialized" for ${email}`,
      timeout: 30_000,
    });
    await page.goto("about:blank");
    const isLink = (x) => x.actor?.mbox === `mailto:${email}`;
    const byLink = mine(
      await env.lrs.waitForStatements({ since }, (s) => mine(s, isLink).some((x) => x.verb.id === VERB.terminated), {
        message: `no statements for ${email} (the link's own credentials)`,
        timeout: 30_000,
      }),
      isLink,
    );
    await page.close();
    assert.equal(byLink[0].actor.name, "Lina Länk");
    const pageText = fs.readFileSync(path.join(built.link.web.dir, "index.html"), "utf8");
    assert.ok(!pageText.includes(env.lrs.auth), "learner = \"link\" puts no credentials in the course");
  } finally {
    await browser.close();
    await server.close();
    for (const b of Object.values(built)) {
      removeTmp(b.web.tmp);
      removeTmp(b.course.tmp);
    }
  }
});
