// cmi5: the course as an AU launched by an LMS, reporting to a real LRS.
//
// The LMS is our own minimal launcher (lib/cmi5.mjs); the LRS is Ralph behind
// tests/lrs/shim.py (LRS_URL from tests/run, or one started here). In
// headless Chromium, Firefox ESR and WebKit, Kugghjul's cmi5 package
// (`kursverk build --target cmi5`):
//
// - Normal launch: walk and answer (every kind up to the first reflection,
//   one answer wrong), leave mid-course (the page navigated away: pagehide);
//   relaunch in a fresh browser profile (same registration, new session):
//   the same page with the answers shown, from the LRS alone; finish (every
//   page, every quiz question right), the exit button, the LMS's returnURL.
//   Then the statements in the LRS, per session and for the registration:
//   the cmi5 rules of section 9 (lib/cmi5.mjs cmi5Problems: first
//   initialized after the LMS's launched, last terminated, registration,
//   session id, the whole context template, publisher id in grouping,
//   object.id = the launch activityId, cmi5 and moveon categories, result
//   members per verb, ISO 8601 durations, scaled score against the mastery
//   score), completed and passed exactly once, answered statements for each
//   answer (object id, interaction type, response; a reflection's text never
//   sent), and the auth token fetched once per launch.
// - Browse launch: only initialized and terminated (answered allowed).
//
// Before those: the package itself (cmi5.xml at the zip root, valid against
// the cmi5 CourseStructure.xsd, one AU with moveOn and masteryScore from the
// course's rules), and the launcher's self-test: a hand-written AU
// (`fakeAu` below, fetch() only) through the same launcher, LRS and checks,
// and the checks shown to catch statements that break each rule.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { courseDir, readCourseFileAt, removeTmp, repoRoot } from "./lib/env.mjs";
import { uiText } from "./lib/session.mjs";
import { expectedInteraction } from "./lib/scorm.mjs";
import { judge, scoredQuestions } from "./lib/answers.mjs";
import { hookErrors, recordedErrors, waitFor } from "./lib/engines.mjs";
import { HOOK_TIMEOUT } from "./lib/suite.mjs";
import {
  ALL_ENGINES,
  CATEGORY,
  ENGINE_NAMES,
  EXT,
  INTERACTION,
  LAUNCH_DATA,
  VERB,
  answer,
  buildCmi5,
  byTimestamp,
  cmi5Problems,
  currentPage,
  formStates,
  formatStatements,
  next,
  ofVerb,
  openEngine,
  pageProblems,
  readCourseIn,
  sessionOf,
  startLauncher,
  startTestLrs,
  statementJson,
  validateCourseStructure,
  verbName,
  waitReady,
} from "./lib/cmi5.mjs";

const COURSE = "kugghjul";
const TEST_TIMEOUT = 300_000;
// A reflection with a word found nowhere else, to look for in what was sent.
const PRIVATE_WORD = "hemligt-ord-7f3k";
const REFLECTION = `Samordnaren håller ihop arbetet & ser till att barnets röst hörs (${PRIVATE_WORD}).`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let lrs;
before(
  async () => {
    lrs = await startTestLrs();
  },
  { timeout: HOOK_TIMEOUT },
);
after(async () => lrs?.stop(), { timeout: 60_000 });

// ---------------------------------------------------------------- the launcher's self-test

/** The fake AU's whole script: runs in the page (serialised with toString). */
function fakeAu() {
  (async () => {
    const q = new URLSearchParams(location.search);
    const endpoint = q.get("endpoint");
    const actor = JSON.parse(q.get("actor"));
    const registration = q.get("registration");
    const activityId = q.get("activityId");
    const token = (await (await fetch(q.get("fetch"), { method: "POST" })).json())["auth-token"];
    const headers = { Authorization: `Basic ${token}`, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json" };
    const stateQuery = new URLSearchParams({ stateId: "LMS.LaunchData", activityId, agent: JSON.stringify(actor), registration });
    const launchData = await (await fetch(`${endpoint}activities/state?${stateQuery}`, { headers })).json();
    const started = Date.now();
    const duration = () => `PT${((Date.now() - started) / 1000).toFixed(2)}S`;
    const statement = (verb, { defined = true, moveon = false, result, object, extensions } = {}) => {
      const context = JSON.parse(JSON.stringify(launchData.contextTemplate));
      context.registration = registration;
      context.contextActivities = context.contextActivities || {};
      const cats = context.contextActivities.category || [];
      if (defined) cats.push({ id: "https://w3id.org/xapi/cmi5/context/categories/cmi5" });
      if (moveon) cats.push({ id: "https://w3id.org/xapi/cmi5/context/categories/moveon" });
      if (cats.length) context.contextActivities.category = cats;
      Object.assign((context.extensions = context.extensions || {}), extensions || {});
      return {
        id: crypto.randomUUID(),
        actor,
        verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { "en-US": verb } },
        object: object || { objectType: "Activity", id: activityId },
        result,
        context,
        timestamp: new Date().toISOString(),
      };
    };
    const send = (statements, keepalive = false) =>
      fetch(`${endpoint}statements`, { method: "POST", headers, body: JSON.stringify(statements), keepalive }).then((r) => {
        if (!r.ok) throw new Error(`LRS answered ${r.status}`);
      });
    await send([statement("initialized")]);
    let ended = false;
    const terminated = () => statement("terminated", { result: { duration: duration() } });
    document.getElementById("pass").addEventListener("click", async () => {
      const mastery = launchData.masteryScore;
      await send([
        statement("answered", {
          defined: false,
          object: { objectType: "Activity", id: `${activityId}/q1`, definition: { type: "http://adlnet.gov/expapi/activities/cmi.interaction", interactionType: "choice" } },
          result: { response: "a", success: true },
        }),
        statement("completed", { moveon: true, result: { completion: true, duration: duration() } }),
        statement("passed", {
          moveon: true,
          result: { success: true, score: { scaled: 1, raw: 100, min: 0, max: 100 }, duration: duration() },
          extensions: mastery === undefined ? {} : { "https://w3id.org/xapi/cmi5/context/extensions/masteryscore": mastery },
        }),
      ]);
      document.getElementById("pass").dataset.done = "1";
    });
    document.getElementById("kv-exit").addEventListener("click", async () => {
      ended = true;
      await send([terminated()]);
      location.href = launchData.returnURL;
    });
    window.addEventListener("pagehide", () => {
      if (!ended) send([terminated()], true).catch(() => {});
      ended = true;
    });
    document.documentElement.dataset.kvLms = "cmi5";
    document.documentElement.dataset.kvReady = "1";
  })().catch((e) => {
    document.documentElement.dataset.kvReady = "error";
    console.error(`fake AU: ${e.message}`);
  });
}

const FAKE_XML = `<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://kursverk.se/e2e/fake-course">
    <title><langstring lang="en">Fake course</langstring></title>
    <description><langstring lang="en">The launcher's self-test.</langstring></description>
  </course>
  <au id="https://kursverk.se/e2e/fake-au" moveOn="CompletedAndPassed" masteryScore="0.8" launchMethod="AnyWindow">
    <title><langstring lang="en">Fake AU</langstring></title>
    <description><langstring lang="en">fetch() only.</langstring></description>
    <url>au/index.html</url>
  </au>
</courseStructure>
`;

describe("the launcher, with a hand-written AU (Chromium)", () => {
  const env = {};
  before(
    async () => {
      env.tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-fake-au-"));
      fs.mkdirSync(path.join(env.tmp, "au"));
      fs.writeFileSync(path.join(env.tmp, "cmi5.xml"), FAKE_XML);
      fs.writeFileSync(
        path.join(env.tmp, "au", "index.html"),
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake AU</title></head><body><main><h1>Fake AU</h1>` +
          `<button id="pass" type="button">Pass</button><button id="kv-exit" type="button">Exit</button></main>` +
          `<script>(${fakeAu.toString()})();</script></body></html>`,
      );
      env.launcher = await startLauncher({ dir: env.tmp, lrs });
      env.browser = await openEngine("chromium");
    },
    { timeout: HOOK_TIMEOUT },
  );
  after(
    async () => {
      await env.browser?.close();
      await env.launcher?.close();
      removeTmp(env.tmp);
    },
    { timeout: 60_000 },
  );

  test("cmi5.xml read and valid; launch, statements, fetch URL, returnURL; the checks catch broken rules", { timeout: 120_000 }, async () => {
    const v = validateCourseStructure(path.join(env.tmp, "cmi5.xml"));
    assert.ok(v.ok, `the self-test's cmi5.xml is not valid against ${v.xsd}:\n${v.output}`);
    const au = env.launcher.structure.aus[0];
    assert.deepEqual(
      { ...au },
      { id: "https://kursverk.se/e2e/fake-au", title: "Fake AU", lang: "en", url: "au/index.html", moveOn: "CompletedAndPassed", masteryScore: 0.8, launchMethod: "AnyWindow", activityType: null, launchParameters: null },
      "the AU as the launcher reads cmi5.xml",
    );

    const learner = `fake-${crypto.randomUUID().slice(0, 8)}`;
    const l1 = await env.launcher.launch({ learner, name: "Anna Andersson" });
    assert.ok(l1.url.includes("&actor=%7B%22objectType%22%3A%22Agent%22"), `the actor is URL-encoded in the launch URL: ${l1.url}`);
    const held = await lrs.getState({ activityId: l1.activityId, agent: l1.actor, registration: l1.registration, stateId: LAUNCH_DATA });
    assert.deepEqual(held, l1.launchData, "LMS.LaunchData as the LRS holds it");

    // A session that ends with the exit button.
    let tab = await env.browser.newTab();
    await tab.goto(l1.url);
    await waitReady(tab, "the fake AU");
    await tab.click("#pass");
    await waitFor(tab, () => document.getElementById("pass").dataset.done === "1", undefined, { message: "the fake AU did not send its results" });
    await tab.click("#kv-exit");
    await waitFor(tab, (u) => document.URL.startsWith(u), `${env.launcher.url}/returned`, { message: "the fake AU did not go to returnURL" });
    assert.deepEqual(tab.engineErrors(), [], "page errors in the fake AU");
    await tab.close();

    // A second session (same registration) that ends by leaving the page.
    const l2 = await env.launcher.launch({ learner, name: "Anna Andersson" });
    assert.deepEqual([l2.registration, l2.activityId], [l1.registration, l1.activityId], "registration and activityId on the second launch");
    assert.notEqual(l2.sessionId, l1.sessionId, "a new session id per launch");
    tab = await env.browser.newTab();
    await tab.goto(l2.url);
    await waitReady(tab, "the fake AU, second launch");
    await tab.goto(`${env.launcher.url}/lms/home`);
    // The tab stays open until the keepalive request has arrived: closing it
    // at once can cut the request off under load (seen in CI).
    const all = await lrs.waitForStatements({ registration: l1.registration }, (s) => ofVerb(s, "terminated", l2.sessionId).length === 1, {
      message: "no terminated from the fake AU's second session (pagehide, keepalive)",
      timeout: 30_000,
    });
    await tab.close();
    const launches = [l1, l2];
    assert.deepEqual(cmi5Problems(all, launches), [], `the fake AU's statements break cmi5 rules:\n${formatStatements(all)}`);
    assert.deepEqual(env.launcher.returns.length, 1, "visits to returnURL");
    for (const l of launches) assert.deepEqual(env.launcher.fetchLog(l.token), [{ method: "POST", answer: "token" }], "the fetch URL's log");

    // The fetch URL gives the token once; then error 1; GET is refused.
    const again = await fetch(l1.fetchUrl, { method: "POST" });
    assert.equal(again.status, 200);
    assert.equal((await again.json())["error-code"], "1", "a second POST to the fetch URL");
    assert.equal((await fetch(l1.fetchUrl)).status, 405, "GET on the fetch URL");

    // The checks catch each broken rule (each case changes the good statements).
    const clone = () => JSON.parse(JSON.stringify(all));
    const find = (list, verb, session = l1.sessionId) => list.find((s) => s.verb.id === VERB[verb] && sessionOf(s) === session);
    const later = (s, ms) => new Date(Date.parse(s.timestamp) + ms).toISOString();
    const cases = [
      ["cmi5 category dropped from completed", /9\.6\.2\.1/, (l) => (find(l, "completed").context.contextActivities.category = [{ id: CATEGORY.moveon }])],
      ["moveon category on initialized", /9\.6\.2\.2|moveon category/, (l) => find(l, "initialized").context.contextActivities.category.push({ id: CATEGORY.moveon })],
      ["cmi5 category on answered", /7\.1\.3/, (l) => find(l, "answered").context.contextActivities.category = [{ id: CATEGORY.cmi5 }]],
      ["no duration on terminated", /9\.5\.4/, (l) => delete find(l, "terminated").result.duration],
      ["a bad duration on passed", /9\.5\.4/, (l) => (find(l, "passed").result.duration = "12 s")],
      ["the AU id as object.id", /8\.1\.5/, (l) => (find(l, "initialized").object.id = au.id)],
      ["answered after terminated", /last AU statement/, (l) => (find(l, "answered").timestamp = later(find(l, "terminated"), 1000))],
      ["initialized not first", /first AU statement/, (l) => (find(l, "initialized").timestamp = later(find(l, "passed"), 1))],
      ["another session id", /never launched/, (l) => (find(l, "answered").context.extensions[EXT.sessionId] = "other")],
      ["the template's own extension dropped", /10\.2\.1/, (l) => delete find(l, "completed").context.extensions[EXT.lms]],
      ["publisher id dropped from grouping", /9\.6\.2\.3/, (l) => (find(l, "passed").context.contextActivities.grouping = [])],
      ["another registration", /9\.6\.1/, (l) => (find(l, "completed").context.registration = crypto.randomUUID())],
      ["passed below the mastery score", /9\.3\.4/, (l) => (find(l, "passed").result.score = { scaled: 0.5 })],
      ["a score on completed", /9\.5\.1/, (l) => (find(l, "completed").result.score = { scaled: 1 })],
      ["completion on passed", /9\.5\.3/, (l) => (find(l, "passed").result.completion = true)],
      ["no masteryScore extension on passed", /9\.6\.3\.2/, (l) => delete find(l, "passed").context.extensions[EXT.masteryScore]],
      ["another actor", /8\.1\.3/, (l) => (find(l, "initialized").actor = { objectType: "Agent", account: { homePage: "https://lms.example.org", name: "someone-else" } })],
      [
        "passed twice in the registration, failed after passed",
        /"passed" 2 times in the registration[\s\S]*"failed" after "passed"/,
        (l) => {
          const p = find(l, "passed");
          const t2 = find(l, "terminated", l2.sessionId);
          const ctx = (s) => ({ ...JSON.parse(JSON.stringify(s.context)), extensions: { ...s.context.extensions, [EXT.sessionId]: l2.sessionId } });
          const stamp = new Date(Date.parse(t2.timestamp) - 1).toISOString();
          l.push({ ...JSON.parse(JSON.stringify(p)), id: crypto.randomUUID(), context: ctx(p), timestamp: stamp });
          l.push({ ...JSON.parse(JSON.stringify(p)), id: crypto.randomUUID(), verb: { id: VERB.failed }, result: { success: false, duration: "PT1S" }, context: ctx(p), timestamp: stamp });
        },
      ],
      ["a launch in Browse mode with results", /10\.2\.2/, (l) => (l.browse = true)],
    ];
    for (const [what, expected, change] of cases) {
      const list = clone();
      change(list);
      const ls = list.browse ? [{ ...l1, launchData: { ...l1.launchData, launchMode: "Browse" } }, l2] : launches;
      const found = cmi5Problems(list, ls).join("\n");
      assert.match(found, expected, `the checks did not catch: ${what}; they said:\n${found || "(nothing)"}`);
    }
  });
});

// ---------------------------------------------------------------- the real package

/**
 * What the learner does, from the course data: every question on pages
 * 0 … the first reflection's page (scale, choice, true/false, fill-in, the
 * reflection), all right but one practice question with tries to spare; then
 * one page on, and leave there.
 */
function plan(course) {
  const qs = course.questions || [];
  const reflection = qs.find((q) => q.type === "reflection" && !q.quiz && q.page > 1);
  assert.ok(reflection, "the course needs a reflection after its second page");
  const first = qs.filter((q) => !q.quiz && q.page <= reflection.page);
  const wrong = first.find((q, k) => k > 0 && ["choice", "true-false", "fill-in"].includes(q.type) && q.attempts !== 1);
  assert.ok(wrong, "the course needs a practice question with more than one try before the reflection");
  const leaveOn = reflection.page + 1;
  const quiz = qs.filter((q) => q.quiz);
  assert.ok(quiz.length > 0 && quiz.every((q) => q.page > leaveOn), "the course needs a quiz after the page the learner leaves on");
  return { first, wrong, reflection, leaveOn, quiz };
}

describe(`cmi5 package (${COURSE})`, () => {
  const env = {};
  before(
    async () => {
      env.tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-cmi5-"));
      env.pkg = buildCmi5(courseDir(COURSE), env.tmp);
      env.launcher = await startLauncher({ dir: env.pkg.dir, lrs });
    },
    { timeout: HOOK_TIMEOUT },
  );
  after(
    async () => {
      await env.launcher?.close();
      removeTmp(env.tmp);
    },
    { timeout: 60_000 },
  );

  test("cmi5.xml: at the zip root, valid against CourseStructure.xsd, one AU with the course's moveOn and masteryScore", () => {
    const file = path.join(env.pkg.dir, "cmi5.xml");
    const v = validateCourseStructure(file);
    assert.ok(v.ok, `cmi5.xml is not valid against ${v.xsd}:\n${v.output}\n\n${env.pkg.xml}`);
    const { course: c, aus } = env.pkg.structure;
    assert.equal(aus.length, 1, `one AU for a course without sco = "chapter"; cmi5.xml:\n${env.pkg.xml}`);
    const au = aus[0];
    assert.match(au.id, /^[a-z][a-z0-9+.-]*:\S+$/i, "the AU id is an IRI");
    assert.notEqual(au.id, c.id, "the AU id and the course id differ (unique in the structure)");
    assert.ok(!/^[a-z][a-z0-9+.-]*:/i.test(au.url), `the AU url is relative inside the zip (14.1): ${au.url}`);
    assert.ok(fs.existsSync(path.join(env.pkg.dir, au.url.split(/[?#]/)[0])), `the AU's launch file ${au.url} is in the package`);
    const course = readCourseFileAt(path.join(env.pkg.dir, au.url.split(/[?#]/)[0]));
    assert.equal(au.masteryScore, course.mastery_score / 100, "masteryScore is the course's mastery score, scaled");
    // completion = ["pages", "quiz"]: completed needs the quiz passed, and the score decides passed.
    assert.deepEqual(course.completion, ["pages", "quiz"], "the course's completion rules (this test's premise)");
    assert.equal(au.moveOn, "CompletedAndPassed", "moveOn for completion = pages + quiz");
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

      test("Normal: answer, leave mid-course, relaunch resumes from the LRS, finish, exit to returnURL; the statements follow cmi5", { timeout: TEST_TIMEOUT }, async () => {
        const { launcher } = env;
        const learner = `e2e-${engine}-${crypto.randomUUID().slice(0, 8)}`;
        const launches = [];
        const seen = []; // page errors and warnings, collected before each navigation
        let tab;
        let all = [];
        const collect = async () => {
          const rec = await recordedErrors(tab).catch(() => ({ errors: [] }));
          seen.push(...rec.errors);
        };
        const diagnostics = async () => {
          const statements = launches.length ? await lrs.statements({ registration: launches[0].registration }).catch(() => all) : all;
          return (
            `--- ${engine} diagnostics ---\nstatements of the registration (by timestamp):\n${formatStatements(byTimestamp(statements))}\n` +
            `fetch URLs: ${JSON.stringify(launches.map((l) => launcher.fetchLog(l.token)))}\n` +
            `engine-reported: ${JSON.stringify(tab?.engineErrors() ?? [])}\nrecorded in the page: ${JSON.stringify(seen)}\n` +
            `console:\n${(tab?.consoleLog() ?? []).map((m) => `  ${m}`).join("\n") || "  (none reported)"}`
          );
        };
        try {
          // ---- session 1: walk, answer, leave mid-course
          tab = await eng.browser.newTab();
          const l1 = await launcher.launch({ learner, name: "Anna Andersson" });
          launches.push(l1);
          await tab.goto(l1.url);
          const ready = await waitReady(tab, "first launch", { extra: diagnostics });
          assert.equal(ready.lms, "cmi5", `${engine}: data-kv-lms on a cmi5 launch`);
          await hookErrors(tab);
          const course = await readCourseIn(tab);
          const ui = uiText(course.language, course.texts);
          const p = plan(course);
          assert.equal(await currentPage(tab), 0, `${engine}: a first launch opens on the first page`);
          const submitted1 = [];
          for (let pageIndex = 0; ; pageIndex = await next(tab, ui)) {
            for (const q of p.first.filter((x) => x.page === pageIndex)) {
              submitted1.push(await answer(tab, q, ui, { correct: q !== p.wrong, text: q === p.reflection ? REFLECTION : undefined }));
            }
            if (pageIndex === p.leaveOn) break;
          }
          const shown = await formStates(tab);
          await collect();
          // Leave: the LMS's page replaces the course (pagehide).
          await tab.goto(`${launcher.url}/lms/home`);
          await lrs.waitForStatements({ registration: l1.registration }, (s) => ofVerb(s, "terminated", l1.sessionId).length > 0, {
            message: `${engine}: no "terminated" after leaving the page mid-course`,
          });
          const firstEngineErrors = tab.engineErrors();
          await tab.close();
          await sleep(500); // a learner comes back later than at once

          // ---- session 2: a fresh browser profile; the LRS is all the AU has
          tab = await eng.browser.newTab();
          const l2 = await launcher.launch({ learner, name: "Anna Andersson" });
          launches.push(l2);
          assert.deepEqual([l2.registration, l2.activityId], [l1.registration, l1.activityId], "the relaunch keeps registration and activityId");
          await tab.goto(l2.url);
          assert.equal((await waitReady(tab, "relaunch", { extra: diagnostics })).lms, "cmi5");
          await hookErrors(tab);
          assert.equal(await currentPage(tab), p.leaveOn, `${engine}: the relaunch does not open on the page the learner left (${course.pages[p.leaveOn].id})`);
          const back = await formStates(tab);
          for (const sub of submitted1) {
            const q = course.questions.find((x) => x.id === sub.id);
            const was = shown[sub.id];
            const got = back[sub.id];
            const what = `${engine}: ${q.type} ${sub.id} after the relaunch`;
            assert.ok(got, `${what}: no form`);
            if (sub.chosen && q.type !== "ordering" && q.type !== "matching") assert.deepEqual([...got.checked].sort(), [...sub.chosen].sort(), `${what}: options checked`);
            if (q.type === "fill-in") assert.equal(got.value, sub.text, `${what}: the text typed`);
            if (q.type === "reflection") {
              // Its text; "saved" is a confirmation of the moment (as resume.test.mjs).
              assert.equal(got.text, REFLECTION, `${what}: the reflection text`);
              continue;
            }
            assert.equal(got.verdict, was.verdict, `${what}: the verdict shown`);
            assert.equal(got.feedback, was.feedback, `${what}: the feedback shown`);
          }

          // ---- finish: every page, every quiz question right, then the exit button
          const submitted2 = [];
          for (let pageIndex = p.leaveOn; ; pageIndex = await next(tab, ui)) {
            for (const q of p.quiz.filter((x) => x.page === pageIndex)) submitted2.push(await answer(tab, q, ui, { correct: true }));
            if (pageIndex === course.pages.length - 1) break;
          }
          const summary = await tab.eval(() => document.querySelector("#kv-summary")?.textContent.replace(/\s+/g, " ").trim() ?? null);
          assert.ok(summary && summary.includes(ui.passed), `${engine}: the result page says ${JSON.stringify(summary)}, not ${JSON.stringify(ui.passed)}`);
          await collect();
          const secondEngineErrors = tab.engineErrors();
          await tab.click("#kv-exit");
          await waitFor(tab, (u) => document.URL.startsWith(u), `${launcher.url}/returned`, {
            timeout: 20_000,
            message: "the exit button did not take the learner to the LMS's returnURL",
            diagnose: () => document.URL,
          });
          assert.equal(launcher.returns.filter((r) => r.at >= Date.now() - 60_000).length >= 1, true, "the launcher saw the visit to returnURL");
          await lrs.waitForStatements({ registration: l1.registration }, (s) => ofVerb(s, "terminated", l2.sessionId).length > 0, {
            message: `${engine}: no "terminated" after the exit button`,
          });
          await sleep(1500); // anything still coming (it must not) comes now
          all = await lrs.statements({ registration: l1.registration });

          // ---- the statements
          const shownAll = `\nthe registration's statements (by timestamp):\n${formatStatements(byTimestamp(all))}`;
          // The registration's statements, for whoever wants to read them
          // (target/ is ignored): `target/cmi5-statements-<engine>.txt`.
          fs.mkdirSync(path.join(repoRoot, "target"), { recursive: true });
          fs.writeFileSync(path.join(repoRoot, "target", `cmi5-statements-${engine}.txt`), `${formatStatements(byTimestamp(all))}\n\n${byTimestamp(all).map(statementJson).join("\n")}\n`);
          assert.deepEqual(cmi5Problems(all, launches), [], `${engine}: statements that break cmi5 rules${shownAll}`);
          const defined = (verb) => ofVerb(all, verb).filter((s) => s.context?.contextActivities?.category?.some((c) => c.id === CATEGORY.cmi5));
          assert.equal(defined("completed").length, 1, `${engine}: "completed" exactly once in the registration${shownAll}`);
          assert.equal(defined("passed").length, 1, `${engine}: "passed" exactly once in the registration${shownAll}`);
          assert.equal(ofVerb(all, "failed").length, 0, `${engine}: "failed" after every quiz question was right${shownAll}`);
          const passed = defined("passed")[0];
          assert.equal(sessionOf(passed), l2.sessionId, `${engine}: "passed" in the session the quiz was done in`);
          const scaled = passed.result?.score?.scaled;
          assert.ok(typeof scaled === "number" && scaled >= 0 && scaled <= 1 && scaled >= l1.launchData.masteryScore, `${engine}: passed's result.score.scaled ${JSON.stringify(scaled)} (masteryScore ${l1.launchData.masteryScore})\n    ${statementJson(passed)}`);
          assert.equal(scaled, 1, `${engine}: every quiz question right is a scaled score of 1\n    ${statementJson(passed)}`);

          // answered: one per answer, in its session; type and response as SCORM 2004 has them; no reflection text.
          for (const [launch, subs] of [
            [l1, submitted1],
            [l2, submitted2],
          ]) {
            const answered = ofVerb(all, "answered", launch.sessionId);
            for (const sub of subs) {
              const q = course.questions.find((x) => x.id === sub.id);
              const mine = answered.filter((s) => typeof s.object?.id === "string" && s.object.id.endsWith(`/${encodeURIComponent(q.id)}`));
              const what = `${engine}: the answered statement for ${q.type} ${q.id}`;
              assert.equal(mine.length, 1, `${what}: ${mine.length} in session ${launch.sessionId}, expected one\n${formatStatements(answered)}`);
              const s = mine[0];
              const json = `\n    ${statementJson(s)}`;
              const expected = expectedInteraction("scorm2004", course, sub);
              assert.notEqual(s.object.id, launch.activityId, `${what}: object.id is the question, not the AU${json}`);
              assert.match(s.object.id, /^[a-z][a-z0-9+.-]*:\S+$/i, `${what}: object.id is an IRI${json}`);
              assert.equal(s.object.definition?.type, INTERACTION, `${what}: object.definition.type${json}`);
              assert.equal(s.object.definition?.interactionType, expected.type, `${what}: object.definition.interactionType${json}`);
              if (q.type === "reflection") {
                assert.equal(s.result?.response, undefined, `${what}: a reflection's text is private, no result.response${json}`);
              } else {
                assert.equal(s.result?.response, expected.response, `${what}: result.response${json}`);
              }
              const right = judge(q, sub);
              if (right === null) assert.equal(s.result?.success, undefined, `${what}: result.success on an ungraded question${json}`);
              else if (s.result?.success !== undefined) assert.equal(s.result.success, right, `${what}: result.success${json}`);
            }
            const unexpected = answered.filter((s) => !subs.some((sub) => s.object?.id?.endsWith(`/${encodeURIComponent(sub.id)}`)));
            assert.deepEqual(unexpected.map(statementJson), [], `${engine}: answered statements for questions not answered in session ${launch.sessionId}`);
          }
          const leaked = all.filter((s) => JSON.stringify(s).includes(PRIVATE_WORD));
          assert.deepEqual(leaked.map(statementJson), [], `${engine}: the reflection's text reached the LRS in statements`);
          assert.equal(
            scoredQuestions(course).every((q) => submitted2.some((s) => s.id === q.id)),
            true,
            "every scored question was answered in the second session",
          );

          // One fetch of the auth token per launch, nothing else there.
          for (const l of launches) {
            const log = launcher.fetchLog(l.token).filter((e) => e.method !== "OPTIONS");
            assert.deepEqual(log, [{ method: "POST", answer: "token" }], `${engine}: the fetch URL of session ${l.sessionId} (one POST, the token once)`);
          }
          assert.deepEqual(pageProblems([...firstEngineErrors, ...secondEngineErrors, ...seen]), [], `${engine}: page errors, console errors or player warnings`);
        } catch (err) {
          if (err && typeof err.message === "string") err.message += `\n\n${await diagnostics()}`;
          throw err;
        } finally {
          await tab?.close();
        }
      });

      test("Browse: only initialized and terminated (answered allowed), nothing about completion", { timeout: TEST_TIMEOUT }, async () => {
        const { launcher } = env;
        const learner = `e2e-browse-${engine}-${crypto.randomUUID().slice(0, 8)}`;
        const tab = await eng.browser.newTab();
        let l;
        try {
          l = await launcher.launch({ learner, name: "Bo Bläddrare", launchMode: "Browse", newRegistration: true });
          await tab.goto(l.url);
          assert.equal((await waitReady(tab, "browse launch")).lms, "cmi5");
          const course = await readCourseIn(tab);
          const ui = uiText(course.language, course.texts);
          const q = course.questions.find((x) => x.type === "choice" && !x.multiple && !x.quiz && x.page > 0);
          let pageIndex = 0;
          while (pageIndex < q.page) pageIndex = await next(tab, ui);
          await answer(tab, q, ui, { correct: true });
          await next(tab, ui);
          await tab.goto(`${launcher.url}/lms/home`);
          const all = await lrs.waitForStatements({ registration: l.registration }, (s) => ofVerb(s, "terminated", l.sessionId).length > 0, {
            message: `${engine}: no "terminated" after leaving a Browse launch`,
          });
          await sleep(1000);
          const final = await lrs.statements({ registration: l.registration });
          const shownAll = `\n${formatStatements(byTimestamp(final))}`;
          assert.deepEqual(cmi5Problems(final, [l]), [], `${engine}: Browse statements that break cmi5 rules${shownAll}`);
          const verbs = [...new Set(final.filter((s) => s.verb.id !== VERB.launched).map((s) => verbName(s.verb.id)))].sort();
          assert.ok(verbs.every((v) => ["answered", "initialized", "terminated"].includes(v)) && verbs.includes("initialized") && verbs.includes("terminated"), `${engine}: verbs sent in Browse mode: ${verbs}${shownAll}`);
          assert.equal(all.length <= final.length, true);
          assert.deepEqual(launcher.fetchLog(l.token).filter((e) => e.method !== "OPTIONS"), [{ method: "POST", answer: "token" }], `${engine}: the fetch URL (one POST)`);
          assert.deepEqual(pageProblems(tab.engineErrors()), [], `${engine}: page errors, console errors or player warnings`);
        } catch (err) {
          if (err && typeof err.message === "string" && l) {
            const s = await lrs.statements({ registration: l.registration }).catch(() => []);
            err.message += `\n\nstatements:\n${formatStatements(byTimestamp(s))}\nconsole:\n${tab.consoleLog().join("\n")}`;
          }
          throw err;
        } finally {
          await tab.close();
        }
      });
    });
  }
});
