// cmi5/xAPI when things go wrong: Kugghjul's cmi5 package (`kursverk build
// --target cmi5`) launched by our launcher (lib/cmi5.mjs) against the real
// test LRS (Ralph behind tests/lrs/shim.py), with a switchable fault in
// between (lib/lrs-proxy.mjs: the AU's `endpoint` is the proxy). In
// headless Chromium, Firefox ESR and WebKit:
//
// 1. LRS outage mid-course: statement POSTs and state PUTs answered 503, then
//    forwarded with the answer lost (the LRS stored them, the page saw a
//    network error), then 503 again, while the learner answers and turns
//    pages; the course keeps working (answers judged and shown, the local
//    copy complete) and `#kv-notice` says the latest answers could not be
//    sent; the LRS comes back; within 35 s every statement is there, once
//    (no duplicate ids), in order, `initialized` first, the State API
//    document holds every answer, the notice is gone, and the session
//    follows cmi5. 1b (Chromium): a 16 s outage is retried at growing
//    intervals.
// 2. Reload (cmi5 9.3: nothing after `terminated` in a session). LRS up: the
//    reloaded launch URL does not reconnect (data-kv-lms none, the
//    ended-launch notice, answers from the local copy, the fetch URL POSTed
//    once) and sends nothing more in its session (cmi5Problems empty). A new
//    launch (same registration, new session) connects with the answers;
//    then an outage (connections dropped): answers, pages up to 6, the
//    outage notice; a reload during it (the ended-launch notice, the
//    answers); the LRS returns: what the left page queued (the outbox
//    `kursverk:<course>:xapi-outbox:<registration>`) arrives, each `answered`
//    once, and the ended page keeps its notice; a third launch resumes on
//    page 6 with every answer, its statements after the older sessions',
//    and the registration follows cmi5.
// 3. Hostile launch parameters: an actor that is not JSON (no LRS); an
//    actor with script text; one with an extra key (the session goes on,
//    the statements carry the agent's members only); an activityId with
//    quotes and `</script>`; LaunchData's returnURL `javascript:…`. No
//    script runs (a flag each payload would set, `alert` replaced, dialogs
//    listened for), the page stays usable, what is sent is JSON the LRS
//    accepts, and the exit button does not follow a `javascript:` URL.
// 4. Two learners, one browser (the same tab): A answers (a reflection
//    too) and leaves; B (another actor and registration) sees no answer of
//    A's, in the forms or in B's local copy or B's State API document; also
//    B with the LRS unreachable (local copy only).
// 5. Review: A again in Review mode (a fresh profile: the LRS is all there
//    is): A's answers shown; the whole quiz answered wrong and the page left
//    sends no completed/passed/failed (Normal would send `failed`).
//
// Run: cd tests/e2e && KURSVERK_BIN=../../target/release/kursverk node --test
// --test-concurrency=1 xapi-faults.test.mjs (KV_E2E_ENGINES=chromium,webkit
// runs only those engines).
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { courseDir, removeTmp } from "./lib/env.mjs";
import { uiText } from "./lib/session.mjs";
import { decodeSuspend } from "./lib/suspend.mjs";
import { judge } from "./lib/answers.mjs";
import { hookErrors, recordedErrors } from "./lib/engines.mjs";
import { HOOK_TIMEOUT } from "./lib/suite.mjs";
import { startLrsProxy } from "./lib/lrs-proxy.mjs";
import {
  ALL_ENGINES,
  ENGINE_NAMES,
  LAUNCH_DATA,
  PLAYER_STATE_ID,
  VERB,
  answer,
  buildCmi5,
  byTimestamp,
  cmi5Problems,
  currentPage,
  formStates,
  formatStatements,
  ofVerb,
  openEngine,
  pageProblems,
  readCourseIn,
  sessionOf,
  sessionProblems,
  startLauncher,
  startTestLrs,
  statementJson,
  verbName,
  waitForPage,
  waitReady,
} from "./lib/cmi5.mjs";

const COURSE = "kugghjul";
const TEST_TIMEOUT = 120_000;
/** How long after the LRS is back every statement must be there. */
const ARRIVAL_MS = 35_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ENGINES = process.env.KV_E2E_ENGINES ? process.env.KV_E2E_ENGINES.split(",").filter((e) => ALL_ENGINES.includes(e)) : ALL_ENGINES;

const SECRET_A = "hemligt-A-4p8z";
const REFLECTION_A = `Det här skrev lärande A (${SECRET_A}).`;
// Each payload marks the page if it ever runs (and tries alert).
const mark = (what) => `document.documentElement.setAttribute('data-pwned','${what}');alert('${what}')`;
const PWN = {
  actorText: `<img src=x onerror="${mark("actor-not-json")}">`,
  accountName: `<img src=x onerror="${mark("account-name")}">`,
  agentName: `</script><script>${mark("agent-name")}</script>`,
  extra: `"><svg onload="${mark("extra-key")}">`,
  activityId: `https://lms.example.org/activities/x"'><\/script><script>${mark("activityId")}</script>`,
  returnURL: `javascript:${mark("returnURL")}`,
};

/** The launch URL with parameters replaced (each encoded as the launcher does). */
function urlWith(url, changes) {
  const [base, query] = url.split("?");
  const pairs = query.split("&").map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]);
  for (const [k, v] of Object.entries(changes)) {
    const at = pairs.findIndex(([n]) => n === k);
    if (at >= 0) pairs[at][1] = encodeURIComponent(v);
    else pairs.push([k, encodeURIComponent(v)]);
  }
  return `${base}?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}`;
}

/** Lines a browser or the player writes because the LRS is down (expected during an outage, and reported). */
const OUTAGE_LINE = [
  /Failed to load resource/,
  /kursverk: the LRS answered (0|5\d\d) to statements/,
  /Cross-Origin Request Blocked/,
  /NetworkError when attempting to fetch/,
  /net::ERR_/,
];
const isOutageLine = (l) => OUTAGE_LINE.some((re) => re.test(l));

let lrs;
before(
  async () => {
    lrs = await startTestLrs();
  },
  { timeout: HOOK_TIMEOUT },
);
after(async () => lrs?.stop(), { timeout: 60_000 });

/** A tab and what it reported: engine lines (Chromium, Firefox), in-page recorders (all), dialogs. */
async function openTab(browser) {
  const tab = await browser.newTab();
  const w = { tab, seen: [], dialogs: [] };
  if (tab.page?.on) {
    tab.page.on("dialog", (d) => {
      w.dialogs.push(`${d.type()}: ${d.message()}`);
      d.dismiss().catch(() => {});
    });
  }
  w.collect = async () => {
    const r = await recordedErrors(tab).catch(() => ({ errors: [] }));
    w.seen.push(...r.errors);
  };
  w.hook = () => hookErrors(tab).catch(() => {});
  w.lines = () => [...new Set([...tab.engineErrors(), ...w.seen])];
  w.problems = () => pageProblems(w.lines()).filter((l) => !isOutageLine(l));
  w.outageLines = () => w.lines().filter(isOutageLine);
  w.console = () => tab.consoleLog();
  return w;
}

async function ready(w, what) {
  const state = await waitReady(w.tab, what, { extra: async () => `console:\n${w.console().join("\n")}\nrecorded: ${JSON.stringify(w.seen)}` });
  await w.hook();
  return state;
}

/** Leaves the course the way the LMS replaces it (pagehide). */
async function leave(w, launcher) {
  await w.collect();
  await w.tab.goto(`${launcher.url}/lms/home`);
}

/** Opens page `target` through the table of contents (or stays). */
async function gotoPage(tab, target) {
  if ((await currentPage(tab)) === target) return;
  await tab.click(`#kv-toc a[data-goto="${target}"]`);
  await waitForPage(tab, target, `after the table of contents link to page ${target}`);
}

/** Answers question `id` on its page. */
async function answerQ(w, course, ui, id, opts = {}) {
  const q = course.questions.find((x) => x.id === id);
  assert.ok(q, `no question ${id} in the course`);
  await gotoPage(w.tab, q.page);
  return { ...(await answer(w.tab, q, ui, opts)), q };
}

const pageState = (tab) =>
  tab.eval(() => {
    const n = document.getElementById("kv-notice");
    return {
      url: document.URL,
      lms: document.documentElement.getAttribute("data-kv-lms"),
      ready: document.documentElement.getAttribute("data-kv-ready"),
      pwned: document.documentElement.getAttribute("data-pwned"),
      alerted: document.documentElement.getAttribute("data-alerted"),
      notice: n && !n.hidden ? n.textContent.replace(/\s+/g, " ").trim() : null,
    };
  });

/** JSON with object keys sorted (an agent's members in any order). */
const canonical = (v) => JSON.stringify(v, (k, x) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

/** The player's notices (the course is in Swedish). */
const NOTICE = {
  ended: "Den här kursstarten är avslutad. Dina svar är sparade. Stäng fönstret och starta kursen igen från lärplattformen för att fortsätta.",
  trouble: "Kursen kunde inte skicka dina senaste svar. De finns kvar i den här webbläsaren, och kursen försöker igen.",
};

/** pageState once `ok(notice)` holds, or after `ms`. */
async function pollNotice(tab, ok, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const s = await pageState(tab);
    if (ok(s.notice) || Date.now() > end) return s;
    await sleep(200);
  }
}

/** Replaces alert/confirm/prompt in the page by a mark (for what runs after this). */
const trapDialogs = (tab) =>
  tab.eval(() => {
    for (const f of ["alert", "confirm", "prompt"]) {
      window[f] = (m) => {
        document.documentElement.setAttribute("data-alerted", `${f}: ${m}`);
      };
    }
    return true;
  });

const localCopies = (tab) =>
  tab.eval(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k.startsWith("kursverk:")) out[k] = localStorage.getItem(k);
    }
    return out;
  });

/** The AU's statements of one session, in the LRS's stored order. */
const auOf = (all, launch) => all.filter((s) => sessionOf(s) === launch.sessionId && s.verb?.id !== VERB.launched);
const answeredFor = (statements, qid) => statements.filter((s) => s.verb?.id === VERB.answered && typeof s.object?.id === "string" && s.object.id.endsWith(`/${encodeURIComponent(qid)}`));
const playerState = (l) => lrs.getState({ activityId: l.activityId, agent: l.actor, registration: l.registration, stateId: PLAYER_STATE_ID });

/** The answers a saved state document holds ({} when none). */
function savedAnswers(course, doc) {
  if (!doc) return {};
  const d = typeof doc === "string" ? JSON.parse(doc) : doc;
  return decodeSuspend(course, d.suspend)?.answers ?? {};
}

/**
 * Whether a form shows what was submitted: the options checked (choice,
 * true/false, scale) or the text, and a verdict for a graded question.
 */
function shownAsAnswered(sub, f) {
  if (!f) return false;
  if (sub.q.type === "reflection") return f.text === sub.text;
  if (sub.q.type === "fill-in") return f.value === sub.text && Boolean(f.verdict);
  const same = JSON.stringify([...f.checked].sort()) === JSON.stringify([...sub.chosen].sort());
  return same && (judge(sub.q, sub) === null || Boolean(f.verdict));
}

/** Form fields a new learner would see filled in (none, for a fresh start). */
function filledForms(forms) {
  const out = {};
  for (const [id, f] of Object.entries(forms)) {
    const filled = f.checked.length > 0 || (f.text ?? "") !== "" || (f.value ?? "") !== "" || f.verdict || f.selects.some((s) => s !== "");
    if (filled) out[id] = f;
  }
  return out;
}

describe(`xAPI faults (${COURSE}, cmi5)`, () => {
  const env = {};
  before(
    async () => {
      env.tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-xapi-faults-"));
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

  for (const engine of ENGINES) {
    describe(ENGINE_NAMES[engine], () => {
      const eng = { proxies: [], tabs: [] };
      const proxy = async () => {
        const p = await startLrsProxy(lrs);
        eng.proxies.push(p);
        return p;
      };
      // One tab at a time (WebKitWebDriver allows one session): a new one closes the last.
      const tabOf = async () => {
        for (const old of eng.tabs.splice(0)) await old.tab.close().catch(() => {});
        const w = await openTab(eng.browser);
        eng.tabs.push(w);
        return w;
      };
      before(
        async () => {
          eng.browser = await openEngine(engine);
        },
        { timeout: HOOK_TIMEOUT },
      );
      after(
        async () => {
          for (const w of eng.tabs) await w.tab.close().catch(() => {});
          await eng.browser?.close();
          for (const p of eng.proxies) await p.close();
        },
        { timeout: 60_000 },
      );

      test("1. LRS outage mid-course (503, answers lost, 503): the course goes on; after it every statement within 35 s, once, in order; the state document", { timeout: TEST_TIMEOUT }, async (t) => {
        const { launcher } = env;
        const p = await proxy();
        const w = await tabOf();
        const l = await launcher.launch({ learner: `outage-${engine}-${crypto.randomUUID().slice(0, 8)}`, name: "Olle Avbrott" });
        const problems = [];
        const context = () => `\nproxy log:\n${p.format()}\nconsole:\n${w.console().join("\n")}\nrecorded: ${JSON.stringify(w.seen)}`;
        try {
          await w.tab.goto(urlWith(l.url, { endpoint: p.endpoint }));
          assert.equal((await ready(w, "launch through the proxy")).lms, "cmi5", `${engine}: data-kv-lms`);
          const course = await readCourseIn(w.tab);
          const ui = uiText(course.language, course.texts);
          const submitted = [await answerQ(w, course, ui, "egen-roll-fore")];
          await lrs.waitForStatements({ registration: l.registration }, (s) => answeredFor(auOf(s, l), "egen-roll-fore").length === 1, {
            message: `${engine}: the first answer before the outage`,
          });

          // The outage: refused outright.
          const down = Date.now();
          p.fail("503");
          submitted.push(await answerQ(w, course, ui, "lagrum"));
          submitted.push(await answerQ(w, course, ui, "sex-veckor", { correct: false }));
          // Then the LRS stores what it gets but the answers are lost on the way back.
          p.fail("lost-response");
          submitted.push(await answerQ(w, course, ui, "oberoende-forklaras"));
          submitted.push(await answerQ(w, course, ui, "samordnare-oberoende"));
          // Refused again: what the LRS has and what it has not wait in one queue.
          p.fail("503");
          submitted.push(await answerQ(w, course, ui, "samordnare-forvantningar", { text: REFLECTION_A }));
          await gotoPage(w.tab, 11);
          await sleep(1500); // let the player try (and fail) with what is queued
          const during = await pageState(w.tab);
          const forms = await formStates(w.tab);
          const copies = await localCopies(w.tab);
          await w.collect();
          p.recover();
          const up = Date.now();

          // What the outage did to the requests.
          const failedPosts = p.of("statements", down).filter((e) => e.fault);
          const failedPuts = p.of("state-put", down).filter((e) => e.fault);
          assert.ok(failedPosts.length > 0, `${engine}: no statement POST met the outage${context()}`);
          if (failedPuts.length === 0) problems.push("no state PUT was tried during the outage (answers and page changes were not saved to the State API)");
          // The course kept working: on page 11, every answer shown.
          assert.equal(await currentPage(w.tab), 11, `${engine}: the page during the outage`);
          for (const s of submitted) {
            const f = forms[s.id];
            if (!shownAsAnswered(s, f)) problems.push(`${s.id}: not shown as answered during the outage: ${JSON.stringify(f)} (answered ${JSON.stringify(s)})`);
          }
          // The local copy holds every answer.
          const key = `kursverk:${course.id}:xapi:${l.registration}`;
          const local = savedAnswers(course, { suspend: copies[key] });
          for (const s of submitted) if (!(s.id in local)) problems.push(`the local copy ${key} lacks ${s.id} during the outage: ${JSON.stringify(copies[key])}`);
          if (local["samordnare-forvantningar"] !== REFLECTION_A) problems.push(`the local copy's reflection is ${JSON.stringify(local["samordnare-forvantningar"])}`);
          const unexpected = w.problems();
          if (unexpected.length) problems.push(`page errors besides the outage's own: ${JSON.stringify(unexpected)}`);
          if (during.notice !== NOTICE.trouble) problems.push(`during the outage (${failedPosts.length} statement POSTs failed) #kv-notice is ${JSON.stringify(during.notice)}, not the outage notice`);
          t.diagnostic(`${engine}: during the outage #kv-notice=${JSON.stringify(during.notice)}; ${failedPosts.length} statement POSTs and ${failedPuts.length} state PUTs failed; console lines from the outage: ${w.outageLines().length} (e.g. ${JSON.stringify(w.outageLines().slice(1, 3).map((l) => l.slice(0, 110)))})`);

          // The LRS is back: within ARRIVAL_MS every statement and the state document.
          const ids = submitted.map((s) => s.id);
          let statements = [];
          let state = null;
          let statementsAt = null;
          let stateAt = null;
          for (;;) {
            statements = await lrs.statements({ registration: l.registration });
            state = await playerState(l);
            const au = auOf(statements, l);
            const answers = savedAnswers(course, state);
            if (!statementsAt && ids.every((id) => answeredFor(au, id).length >= 1)) statementsAt = Date.now();
            if (!stateAt && ids.every((id) => id in answers)) stateAt = Date.now();
            if ((statementsAt && stateAt) || Date.now() > up + ARRIVAL_MS) break;
            await sleep(250);
          }
          const took = (at) => (at ? `${((at - up) / 1000).toFixed(1)} s` : `not within ${ARRIVAL_MS / 1000} s`);
          t.diagnostic(`${engine}: after the outage every statement was in the LRS in ${took(statementsAt)}, the state document in ${took(stateAt)}`);
          if (!statementsAt) problems.push(`the statements were not all in the LRS within ${ARRIVAL_MS / 1000} s of its return:\n${formatStatements(statements)}`);
          if (!stateAt) problems.push(`the State API document did not hold every answer within ${ARRIVAL_MS / 1000} s: ${JSON.stringify(state)}`);
          // A statement POST got through: the outage notice is gone.
          const cleared = await pollNotice(w.tab, (n) => n === null, 5000);
          if (cleared.notice !== null) problems.push(`after the outage, with every statement in the LRS, #kv-notice still says ${JSON.stringify(cleared.notice)}`);
          const au = auOf(statements, l);
          const sids = au.map((s) => s.id);
          if (new Set(sids).size !== sids.length) problems.push(`duplicate statement ids in the LRS: ${sids.filter((id, k) => sids.indexOf(id) !== k)}`);
          if (au.length && au[0].verb.id !== VERB.initialized) problems.push(`the first statement stored is "${verbName(au[0].verb.id)}", not initialized`);
          const order = au.filter((s) => s.verb.id === VERB.answered).map((s) => s.object.id.split("/").pop());
          const expected = submitted.map((s) => encodeURIComponent(s.id));
          if (JSON.stringify(order) !== JSON.stringify(expected)) problems.push(`answered statements stored in the order ${JSON.stringify(order)}, answered ${JSON.stringify(expected)}`);
          for (const s of submitted) if (answeredFor(au, s.id).length !== 1) problems.push(`"answered" for ${s.id}: ${answeredFor(au, s.id).length} in the LRS`);
          const times = au.map((s) => Date.parse(s.timestamp));
          if (times.some((x, k) => k > 0 && x < times[k - 1])) problems.push("statements stored out of timestamp order");
          if (savedAnswers(course, state)["samordnare-forvantningar"] !== REFLECTION_A) problems.push(`the State API document's reflection: ${JSON.stringify(savedAnswers(course, state)["samordnare-forvantningar"])}`);

          // The learner leaves: terminated last, and the session follows cmi5.
          await leave(w, launcher);
          await lrs.waitForStatements({ registration: l.registration }, (x) => ofVerb(x, "terminated", l.sessionId).length > 0, { message: `${engine}: terminated after the outage` });
          await sleep(1000);
          const last = await lrs.statements({ registration: l.registration });
          problems.push(...cmi5Problems(last, [l]));
          const afterProblems = w.problems();
          if (afterProblems.length && !unexpected.length) problems.push(`page errors besides the outage's own: ${JSON.stringify(afterProblems)}`);
          if (problems.length) problems.push(`the registration's statements (stored order):\n${formatStatements(last)}`);
          assert.deepEqual(problems, [], `${engine}: the outage${context()}`);
        } catch (err) {
          if (err && typeof err.message === "string" && !err.message.includes("proxy log:")) err.message += context();
          throw err;
        }
      });

      if (engine === "chromium") {
        // The retry schedule is the player's own script (timers), the same in every engine: one engine suffices.
        test("1b. a long outage (Chromium): retried at growing intervals, no storm; everything in the LRS within 35 s of its return", { timeout: TEST_TIMEOUT }, async (t) => {
          const { launcher } = env;
          const p = await proxy();
          const w = await tabOf();
          const l = await launcher.launch({ learner: `long-${engine}-${crypto.randomUUID().slice(0, 8)}`, name: "Lång Avbrott" });
          await w.tab.goto(urlWith(l.url, { endpoint: p.endpoint }));
          await ready(w, "launch through the proxy");
          const course = await readCourseIn(w.tab);
          const ui = uiText(course.language, course.texts);
          await answerQ(w, course, ui, "egen-roll-fore");
          await lrs.waitForStatements({ registration: l.registration }, (s) => answeredFor(auOf(s, l), "egen-roll-fore").length === 1, { message: `${engine}: the first answer` });
          p.fail("503");
          const down = Date.now();
          await answerQ(w, course, ui, "lagrum");
          await sleep(Math.max(0, down + 16_000 - Date.now()));
          p.recover();
          const up = Date.now();
          let arrived = null;
          while (!arrived && Date.now() < up + ARRIVAL_MS) {
            if (answeredFor(auOf(await lrs.statements({ registration: l.registration }), l), "lagrum").length) arrived = Date.now();
            else await sleep(250);
          }
          const posts = p.of("statements", down);
          const gaps = posts.slice(1).map((e, k) => ((e.at - posts[k].at) / 1000).toFixed(1));
          const puts = p.of("state-put", down);
          const putGaps = puts.slice(1).map((e, k) => ((e.at - puts[k].at) / 1000).toFixed(1));
          t.diagnostic(`${engine}: a 16 s outage: statement POSTs ${posts.map((e) => e.status).join(",")} at intervals ${gaps.join(", ")} s; state PUTs ${puts.map((e) => e.status).join(",")} at ${putGaps.join(", ")} s; in the LRS ${arrived ? ((arrived - up) / 1000).toFixed(1) : "never"} s after its return`);
          const problems = [];
          const failed = posts.filter((e) => e.fault).length;
          if (failed < 3) problems.push(`only ${failed} statement POSTs in a 16 s outage: not retried`);
          if (posts.length > 8) problems.push(`${posts.length} statement POSTs in a 16 s outage: more than backing off allows`);
          if (!arrived) problems.push(`the answer was not in the LRS within ${ARRIVAL_MS / 1000} s of its return`);
          await leave(w, launcher);
          assert.deepEqual(problems, [], `${engine}: a long outage\nproxy log:\n${p.format()}`);
        });
      }

      test("2. reload: the ended launch does not reconnect; an outage in a new launch, a reload during it, nothing lost; the next launch resumes", { timeout: TEST_TIMEOUT }, async (t) => {
        const { launcher } = env;
        const p = await proxy();
        const w = await tabOf();
        const learner = `reload-${engine}-${crypto.randomUUID().slice(0, 8)}`;
        const launches = [];
        const newLaunch = async () => {
          const l = await launcher.launch({ learner, name: "Rut Omladdning" });
          launches.push(l);
          return l;
        };
        const l1 = await newLaunch();
        const problems = [];
        const context = async () => {
          const s = await lrs.statements({ registration: l1.registration }).catch(() => []);
          const fetches = launches.map((l, k) => `launch ${k + 1} (session ${l.sessionId}): ${JSON.stringify(launcher.fetchLog(l.token))}`).join("\n");
          return `\nstatements (stored order):\n${formatStatements(s)}\nproxy log:\n${p.format()}\nfetch URLs:\n${fetches}\nconsole:\n${w.console().join("\n")}\nrecorded: ${JSON.stringify(w.seen)}`;
        };
        const tokenOnce = (l, what) => assert.deepEqual(launcher.fetchLog(l.token).filter((e) => e.method !== "OPTIONS"), [{ method: "POST", answer: "token" }], `${engine}: the fetch URL ${what} (one POST)`);
        /** Problems with the answers `subs` as the forms show them. */
        const notShown = async (subs, what) => {
          const forms = await formStates(w.tab);
          return subs.filter((s) => !shownAsAnswered(s, forms[s.id])).map((s) => `${what}: ${s.id} shows ${JSON.stringify(forms[s.id])} (answered ${JSON.stringify(s.chosen ?? s.text)})`);
        };
        /** The AU statements of session `l` stored after its `terminated`. */
        const afterTerminated = (all, l) => {
          const au = auOf(all, l);
          const end = au.findIndex((s) => s.verb?.id === VERB.terminated);
          return end < 0 ? [] : au.slice(end + 1);
        };
        try {
          // The first launch: one answer, in the LRS.
          await w.tab.goto(urlWith(l1.url, { endpoint: p.endpoint }));
          assert.equal((await ready(w, "first launch")).lms, "cmi5", `${engine}: the first launch is connected`);
          const course = await readCourseIn(w.tab);
          const ui = uiText(course.language, course.texts);
          const submitted = [await answerQ(w, course, ui, "egen-roll-fore")];
          const firstPage = submitted[0].q.page;
          await lrs.waitForStatements({ registration: l1.registration }, (s) => answeredFor(auOf(s, l1), "egen-roll-fore").length === 1, { message: `${engine}: the first answer` });

          // Reload, LRS up: the page left sent "terminated"; the same launch URL does not reconnect (cmi5 9.3).
          await w.collect();
          await w.tab.reload();
          const again = await ready(w, "reload with the LRS up");
          const ended1 = await pageState(w.tab);
          assert.equal(again.lms, "none", `${engine}: a reload of an ended launch is not connected (data-kv-lms)${await context()}`);
          assert.equal(ended1.notice, NOTICE.ended, `${engine}: #kv-notice after a reload of an ended launch`);
          tokenOnce(l1, "after a reload");
          problems.push(...(await notShown(submitted, "after a reload of the ended launch")));
          await lrs.waitForStatements({ registration: l1.registration }, (s) => ofVerb(s, "terminated", l1.sessionId).length > 0, { message: `${engine}: the first launch's terminated (on pagehide)` });
          await sleep(2000); // time for anything the ended page might (wrongly) send
          const first = await lrs.statements({ registration: l1.registration });
          const late = afterTerminated(first, l1);
          if (late.length) problems.push(`cmi5 9.3: statements after "terminated" in the ended session: ${late.map(statementJson).join("\n")}`);
          problems.push(...cmi5Problems(first, [l1]).map((x) => `after a reload of the ended launch: ${x}`));

          // A new launch (same registration, new session): the answer back; then an outage (connections dropped).
          const l2 = await newLaunch();
          assert.equal(l2.registration, l1.registration, "the launcher keeps the learner's registration");
          await w.tab.goto(urlWith(l2.url, { endpoint: p.endpoint }));
          assert.equal((await ready(w, "the second launch")).lms, "cmi5", `${engine}: a new launch after an ended one is connected${await context()}`);
          if ((await pageState(w.tab)).notice) problems.push(`the second launch shows a notice: ${JSON.stringify((await pageState(w.tab)).notice)}`);
          if ((await currentPage(w.tab)) !== firstPage) problems.push(`the second launch opens page ${await currentPage(w.tab)}, not ${firstPage} where the learner was`);
          problems.push(...(await notShown(submitted, "the second launch")));
          await lrs.waitForStatements({ registration: l1.registration }, (s) => ofVerb(s, "initialized", l2.sessionId).length > 0, { message: `${engine}: the second launch's initialized` });
          p.fail("drop");
          const down = Date.now();
          submitted.push(await answerQ(w, course, ui, "lagrum"));
          submitted.push(await answerQ(w, course, ui, "sex-veckor"));
          await gotoPage(w.tab, 6);
          const outage = await pollNotice(w.tab, (n) => n === NOTICE.trouble, 8000);
          if (outage.notice !== NOTICE.trouble) problems.push(`during the outage #kv-notice is ${JSON.stringify(outage.notice)} (${((Date.now() - down) / 1000).toFixed(1)} s in), not the outage notice`);
          const tried = p.of("statements", down).filter((e) => e.fault && e.body?.includes("sex-veckor"));
          assert.ok(tried.length > 0, `${engine}: the player did not try to send the answers during the outage${await context()}`);

          // Reload during the outage: the ended launch again, answers from the local copy.
          await w.collect();
          await w.tab.reload();
          const during = await ready(w, "reload during the outage");
          const ended2 = await pageState(w.tab);
          assert.equal(during.lms, "none", `${engine}: a reload of an ended launch during an outage is not connected (data-kv-lms)${await context()}`);
          if (ended2.notice !== NOTICE.ended) problems.push(`after a reload during the outage #kv-notice is ${JSON.stringify(ended2.notice)}`);
          problems.push(...(await notShown(submitted, "after a reload during the outage")));
          const outboxKey = `kursverk:${course.id}:xapi-outbox:${l1.registration}`;
          const outbox = (await localCopies(w.tab))[outboxKey];
          const kept = (() => {
            try {
              const o = JSON.parse(outbox);
              return `${o.q?.length ?? 0} statements, ${typeof o.doc === "string" ? `a state document (page ${decodeSuspend(course, JSON.parse(o.doc).suspend)?.current})` : "no state document"}`;
            } catch {
              return JSON.stringify(outbox ?? null);
            }
          })();
          t.diagnostic(`${engine}: the ended page during the outage opens page ${await currentPage(w.tab)} (the learner was on 6); the outbox ${outboxKey} holds ${kept}`);
          tokenOnce(l2, "of the second launch after a reload during the outage");
          await sleep(2500); // the ended page tries (and fails) to send what the second launch left
          const stillDown = await pageState(w.tab);

          // The LRS is back: what the second launch left is delivered by the ended page, once.
          p.recover();
          const up = Date.now();
          const queued = submitted.slice(1).map((s) => s.id);
          let arrivedAt = null;
          while (Date.now() < up + ARRIVAL_MS) {
            const au = auOf(await lrs.statements({ registration: l1.registration }), l2);
            if (queued.every((id) => answeredFor(au, id).length >= 1) && ofVerb(au, "terminated").length) {
              arrivedAt = Date.now();
              break;
            }
            await sleep(250);
          }
          t.diagnostic(`${engine}: what the second launch left arrived ${arrivedAt ? `${((arrivedAt - up) / 1000).toFixed(1)} s` : "not within 35 s"} after the LRS was back; the ended page's notice during the outage ${JSON.stringify(stillDown.notice)}`);
          if (!arrivedAt) problems.push(`the answers and "terminated" the second launch left were not in the LRS within ${ARRIVAL_MS / 1000} s of its return`);
          await sleep(1500);
          const ended3 = await pageState(w.tab);
          if (ended3.notice !== NOTICE.ended) problems.push(`the ended page, after the LRS is back and has everything, shows #kv-notice ${JSON.stringify(ended3.notice)}, not the ended-launch notice (during the outage: ${JSON.stringify(stillDown.notice)})`);
          const delivered = await lrs.statements({ registration: l1.registration });
          for (const s of submitted) {
            const n = answeredFor(delivered, s.id).length;
            if (n !== 1) problems.push(`"answered" for ${s.id}: ${n} in the LRS, expected 1${n === 0 ? " (lost)" : ""}`);
          }
          const late2 = afterTerminated(delivered, l2);
          if (late2.length) problems.push(`cmi5 9.3: statements after "terminated" in the second session: ${late2.map(statementJson).join("\n")}`);

          const lrsDoc = await playerState(l1);
          t.diagnostic(`${engine}: before the third launch the State API document's page is ${decodeSuspend(course, lrsDoc?.suspend)?.current} (page 6 is ${course.pages[6].id}), its answers ${Object.keys(savedAnswers(course, lrsDoc))}`);

          // A new launch: it resumes on page 6 with every answer; its statements come after the old ones.
          const l3 = await newLaunch();
          await w.tab.goto(urlWith(l3.url, { endpoint: p.endpoint }));
          assert.equal((await ready(w, "the third launch")).lms, "cmi5", `${engine}: the third launch is connected${await context()}`);
          tokenOnce(l3, "of the third launch");
          const resumed = await currentPage(w.tab);
          if (resumed !== 6) problems.push(`the third launch opens page ${resumed}, not page 6 where the learner was`);
          problems.push(...(await notShown(submitted, "the third launch")));
          if ((await pageState(w.tab)).notice) problems.push(`the third launch shows a notice: ${JSON.stringify((await pageState(w.tab)).notice)}`);
          await lrs.waitForStatements({ registration: l1.registration }, (s) => ofVerb(s, "initialized", l3.sessionId).length > 0, { message: `${engine}: the third launch's initialized` });
          await leave(w, launcher);
          await lrs.waitForStatements({ registration: l1.registration }, (s) => ofVerb(s, "terminated", l3.sessionId).length > 0, { message: `${engine}: the third launch's terminated` });
          await sleep(1500);
          const final = await lrs.statements({ registration: l1.registration });
          problems.push(...cmi5Problems(final, launches));
          const at = (l) => final.findIndex((s) => sessionOf(s) === l.sessionId && s.verb?.id !== VERB.launched);
          const lastOld = Math.max(...[l1, l2].map((l) => final.findLastIndex((s) => sessionOf(s) === l.sessionId)));
          if (at(l3) < lastOld) problems.push(`the third launch's first statement is stored (#${at(l3)}) before the older sessions' last one (#${lastOld})`);
          const t2 = ofVerb(final, "terminated", l2.sessionId)[0];
          const i3 = ofVerb(final, "initialized", l3.sessionId)[0];
          if (t2 && i3 && !(Date.parse(i3.timestamp) > Date.parse(t2.timestamp))) problems.push(`the third launch's initialized (${i3.timestamp}) is not timed after the second's terminated (${t2.timestamp})`);
          const ids = final.map((s) => s.id);
          if (new Set(ids).size !== ids.length) problems.push(`duplicate statement ids: ${ids.filter((id, k) => ids.indexOf(id) !== k)}`);
          const state = await playerState(l3);
          const saved = savedAnswers(course, state);
          for (const s of submitted) if (!(s.id in saved)) problems.push(`the State API document lacks ${s.id}: ${JSON.stringify(state)}`);
          await w.collect();
          const unexpected = w.problems();
          if (unexpected.length) problems.push(`page errors besides the outage's own: ${JSON.stringify(unexpected)}`);
          assert.deepEqual(problems, [], `${engine}: reloads${await context()}`);
        } catch (err) {
          if (err && typeof err.message === "string" && !err.message.includes("proxy log:")) err.message += await context();
          throw err;
        }
      });

      test("3. hostile launch parameters: no script runs, the page stays usable, the LRS accepts what is sent, no javascript: exit", { timeout: TEST_TIMEOUT }, async (t) => {
        const { launcher } = env;
        const p = await proxy();
        const w = await tabOf();
        const problems = [];
        const course = JSON.parse(/<script type="application\/json" id="kv-course">([\s\S]*?)<\/script>/.exec(fs.readFileSync(path.join(env.pkg.dir, "index.html"), "utf8"))[1]);
        const ui = uiText(course.language, course.texts);
        const tag = crypto.randomUUID().slice(0, 8);
        /** What the player POSTed for registration `l` (every statement, parsed), and the answers it got. */
        const posted = (l) => {
          const mine = p.log.filter((e) => e.kind === "statements" && e.body?.includes(l.registration));
          const notJson = [];
          const sent = mine.flatMap((e) => {
            try {
              return JSON.parse(e.body).filter((s) => s.context?.registration === l.registration);
            } catch {
              notJson.push(e.body.slice(0, 300));
              return [];
            }
          });
          return { requests: mine, sent, notJson, refused: mine.filter((e) => e.status >= 400 || e.status === 0) };
        };
        const check = async (what, l, { lrsMustAccept = true } = {}) => {
          const s = await pageState(w.tab);
          if (s.pwned || s.alerted) problems.push(`${what}: script ran (data-pwned=${s.pwned}, ${s.alerted})`);
          if (w.dialogs.length) problems.push(`${what}: dialogs opened: ${JSON.stringify(w.dialogs.splice(0))}`);
          // Usable: answer the first question, go on a page.
          const sub = await answerQ(w, course, ui, "egen-roll-fore");
          await w.tab.click("#kv-next");
          await waitForPage(w.tab, 1, `${what}: after Nästa`);
          await sleep(2000);
          const all = await lrs.statements({ registration: l.registration });
          const au = auOf(all, l);
          const got = posted(l);
          if (got.notJson.length) problems.push(`${what}: statement bodies that are not JSON: ${got.notJson}`);
          const first = got.refused[0];
          t.diagnostic(
            `${engine}: ${what}: data-kv-lms=${s.lms}, notice=${JSON.stringify(s.notice)}, ${got.requests.length} statement POSTs ` +
              `(${got.refused.length} refused${first ? `: ${first.status} ${(first.answer ?? "").slice(0, 160)}` : ""}), ${au.length} AU statements stored`,
          );
          if (lrsMustAccept) {
            if (got.refused.length) {
              problems.push(
                `${what}: the LRS refused what the player sent, ${got.refused.length} times (the same batch again and again; every later statement waits behind it): ` +
                  `${first.status} ${(first.answer ?? "(no answer)").slice(0, 400)}\n    sent: ${JSON.stringify(got.sent[0])}`,
              );
            }
            if (!ofVerb(au, "initialized").length || !answeredFor(au, sub.id).length) problems.push(`${what}: "initialized" and "answered" not in the LRS:\n${formatStatements(all)}`);
          }
          return { state: s, au, ...got };
        };

        // a) An actor that is not JSON (markup in it).
        let l = await launcher.launch({ learner: `hostile-a-${tag}` });
        await w.tab.goto(urlWith(l.url, { endpoint: p.endpoint, actor: PWN.actorText }));
        await ready(w, "actor not JSON");
        const ra = await check("actor not JSON", l, { lrsMustAccept: false });
        if (ra.sent.length) problems.push(`actor not JSON: the player sent statements anyway: ${JSON.stringify(ra.sent[0])}`);
        if (ra.state.lms === "cmi5") problems.push("actor not JSON: the player says it is connected (data-kv-lms=cmi5)");

        // b) An actor with script text in its account name and name (valid xAPI).
        l = await launcher.launch({ learner: PWN.accountName + tag, name: PWN.agentName });
        await w.tab.goto(urlWith(l.url, { endpoint: p.endpoint }));
        await ready(w, "actor with script text");
        const rb = await check("actor with script text in its names", l);
        for (const s of rb.sent.slice(0, 1)) {
          if (canonical(s.actor) !== canonical(l.actor)) problems.push(`actor with script text: the statement's actor ${JSON.stringify(s.actor)} is not the launch's ${JSON.stringify(l.actor)}`);
        }

        // c) The same actor with a key xAPI does not have (an LMS's mistake, or a crafted link).
        l = await launcher.launch({ learner: `hostile-c-${tag}` });
        await w.tab.goto(urlWith(l.url, { endpoint: p.endpoint, actor: JSON.stringify({ ...l.actor, "x-kursverk-extra": PWN.extra }) }));
        await ready(w, "actor with an extra key");
        const rc = await check("actor with an extra key", l);
        if (rc.state.lms !== "cmi5") problems.push(`actor with an extra key: not connected (data-kv-lms=${rc.state.lms}); the player should keep the agent's members and go on`);
        if (!rc.sent.length) problems.push("actor with an extra key: no statement was sent");
        if (rc.sent.some((s) => "x-kursverk-extra" in (s.actor || {}))) problems.push(`actor with an extra key: the player copies the launch's actor as it is, unknown key included, into every statement: ${JSON.stringify(rc.sent[0].actor)}`);
        for (const s of rc.au) if (canonical(s.actor) !== canonical(l.actor)) problems.push(`actor with an extra key: a stored statement's actor ${JSON.stringify(s.actor)} is not the launch's ${JSON.stringify(l.actor)} less the extra key`);

        // d) An activityId with quotes and </script> (the LMS's LaunchData under it).
        l = await launcher.launch({ learner: `hostile-d-${tag}` });
        await lrs.putState({ activityId: PWN.activityId, agent: l.actor, registration: l.registration, stateId: LAUNCH_DATA }, l.launchData);
        await w.tab.goto(urlWith(l.url, { endpoint: p.endpoint, activityId: PWN.activityId }));
        await ready(w, "hostile activityId");
        const rd = await check("activityId with quotes and </script>", l);
        const objects = [...new Set(rd.sent.filter((s) => s.verb?.id !== VERB.answered).map((s) => s.object?.id))];
        if (objects.some((o) => o !== PWN.activityId)) problems.push(`hostile activityId: object.id changed on the way: ${JSON.stringify(objects)}`);

        // e) returnURL javascript: in LaunchData; the exit button.
        l = await launcher.launch({ learner: `hostile-e-${tag}`, returnURL: PWN.returnURL });
        const launchUrl = urlWith(l.url, { endpoint: p.endpoint });
        await w.tab.goto(launchUrl);
        await ready(w, "returnURL javascript:");
        await check("returnURL javascript:", l);
        await trapDialogs(w.tab);
        await w.tab.click("#kv-exit");
        let after;
        const end = Date.now() + 8000;
        for (;;) {
          after = await pageState(w.tab).catch((e) => ({ evalError: e.message.split("\n")[0] }));
          if (after.pwned || after.alerted || after.evalError || !String(after.url).startsWith(launchUrl.split("?")[0]) || after.notice || Date.now() > end) break;
          await sleep(100);
        }
        await sleep(500);
        after = await pageState(w.tab).catch((e) => ({ evalError: e.message.split("\n")[0] }));
        t.diagnostic(`${engine}: returnURL javascript: after #kv-exit: url ${after.url === launchUrl ? "(unchanged)" : after.url}, data-pwned=${after.pwned}, ${after.alerted}, notice=${JSON.stringify(after.notice)}; dialogs: ${JSON.stringify(w.dialogs)}`);
        if (after.pwned || after.alerted || w.dialogs.length || after.evalError) {
          problems.push(`returnURL javascript:: #kv-exit ran the LMS's returnURL as script (data-pwned=${after.pwned}, ${after.alerted}, dialogs ${JSON.stringify(w.dialogs)}${after.evalError ? `, ${after.evalError}` : ""})`);
        }
        if (String(after.url).startsWith("javascript:")) problems.push(`returnURL javascript:: the page is at ${after.url}`);
        if (!after.notice) problems.push("returnURL javascript:: after #kv-exit the learner is told nothing (no notice)");
        await w.collect();
        const unexpected = w.problems();
        if (unexpected.length) problems.push(`page errors: ${JSON.stringify(unexpected)}`);
        assert.deepEqual(problems, [], `${engine}: hostile launch parameters\nproxy log:\n${p.format()}`);
      });

      test("4. two learners, one browser: B sees none of A's answers (forms, local copy, State API)", { timeout: TEST_TIMEOUT }, async () => {
        const { launcher } = env;
        const w = await tabOf();
        const problems = [];
        const tag = crypto.randomUUID().slice(0, 8);
        // A: answers, a wrong text in a fill-in, a reflection; leaves.
        const lA = await launcher.launch({ learner: `delad-A-${engine}-${tag}`, name: "Anna A" });
        await w.tab.goto(lA.url);
        await ready(w, "learner A");
        const course = await readCourseIn(w.tab);
        const ui = uiText(course.language, course.texts);
        await answerQ(w, course, ui, "egen-roll-fore");
        const FILL_A = (await answerQ(w, course, ui, "samordnare-oberoende", { correct: false })).text;
        await answerQ(w, course, ui, "samordnare-forvantningar", { text: REFLECTION_A });
        await leave(w, launcher);
        await lrs.waitForStatements({ registration: lA.registration }, (s) => ofVerb(auOf(s, lA), "terminated").length > 0, { message: `${engine}: A's terminated` });
        assert.ok(savedAnswers(course, await playerState(lA))["samordnare-forvantningar"] === REFLECTION_A, `${engine}: A's State API document holds A's reflection (the premise)`);
        eng.learnerA = { learner: `delad-A-${engine}-${tag}`, lA, fill: FILL_A };

        // B, same tab, another actor and registration.
        const lB = await launcher.launch({ learner: `delad-B-${engine}-${tag}`, name: "Bertil B", newRegistration: true });
        assert.notEqual(lB.registration, lA.registration);
        await w.tab.goto(lB.url);
        assert.equal((await ready(w, "learner B")).lms, "cmi5");
        if ((await currentPage(w.tab)) !== 0) problems.push(`B opens on page ${await currentPage(w.tab)} (A left on page 10)`);
        const filled = filledForms(await formStates(w.tab));
        if (Object.keys(filled).length) problems.push(`B sees answers: ${JSON.stringify(filled)}`);
        const copies = await localCopies(w.tab);
        for (const [k, v] of Object.entries(copies)) {
          if (k.includes(lB.registration) && (v.includes(SECRET_A) || v.includes(FILL_A))) problems.push(`B's local copy ${k} holds A's text: ${v}`);
        }
        await answerQ(w, course, ui, "egen-roll-fore", { correct: true });
        await leave(w, launcher);
        await lrs.waitForStatements({ registration: lB.registration }, (s) => ofVerb(auOf(s, lB), "terminated").length > 0, { message: `${engine}: B's terminated` });
        await sleep(500);
        const docB = await playerState(lB);
        const savedB = savedAnswers(course, docB);
        if (Object.keys(savedB).join() !== "egen-roll-fore") problems.push(`B's State API document holds ${JSON.stringify(savedB)}`);
        if (JSON.stringify(docB).includes(SECRET_A) || JSON.stringify(docB).includes(FILL_A)) problems.push(`B's State API document holds A's text: ${JSON.stringify(docB)}`);
        const allB = await lrs.statements({ registration: lB.registration });
        const leaked = allB.filter((s) => JSON.stringify(s).includes(SECRET_A) || JSON.stringify(s).includes(FILL_A) || s.actor?.account?.name === lA.actor.account.name);
        if (leaked.length) problems.push(`B's statements with A's text or actor: ${leaked.map(statementJson)}`);

        // B2, same tab, the LRS unreachable: the local copy alone.
        const p = await proxy();
        p.fail("503", ["statements", "state-put", "state-get"]);
        const lB2 = await launcher.launch({ learner: `delad-C-${engine}-${tag}`, name: "Cecilia C", newRegistration: true });
        await w.tab.goto(urlWith(lB2.url, { endpoint: p.endpoint }));
        const s2 = await ready(w, "learner C, LRS unreachable");
        const filled2 = filledForms(await formStates(w.tab));
        if (Object.keys(filled2).length) problems.push(`C (LRS unreachable, data-kv-lms=${s2.lms}) sees answers: ${JSON.stringify(filled2)}`);
        await w.collect();
        // C's launch fails for want of an LRS: the player says so in the console.
        const unexpected = w.problems().filter((l) => !/^\[warning\] kursverk: the cmi5 launch failed/.test(l));
        if (unexpected.length) problems.push(`page errors: ${JSON.stringify(unexpected)}`);
        assert.deepEqual(problems, [], `${engine}: two learners in one browser\nconsole:\n${w.console().join("\n")}`);
      });

      test("5. Review: A's answers from the LRS; a failed quiz sends no completed/passed/failed", { timeout: TEST_TIMEOUT }, async () => {
        const { launcher } = env;
        assert.ok(eng.learnerA, "test 4 ran (learner A)");
        const w = await tabOf();
        const problems = [];
        const before = await playerState(eng.learnerA.lA);
        const l = await launcher.launch({ learner: eng.learnerA.learner, name: "Anna A", launchMode: "Review" });
        assert.equal(l.registration, eng.learnerA.lA.registration);
        await w.tab.goto(l.url);
        assert.equal((await ready(w, "Review launch")).lms, "cmi5");
        const course = await readCourseIn(w.tab);
        const ui = uiText(course.language, course.texts);
        const forms = await formStates(w.tab);
        if (forms["samordnare-forvantningar"].text !== REFLECTION_A) problems.push(`Review: the reflection shows ${JSON.stringify(forms["samordnare-forvantningar"].text)}`);
        if (forms["samordnare-oberoende"].value !== eng.learnerA.fill || !forms["samordnare-oberoende"].verdict) problems.push(`Review: the fill-in shows ${JSON.stringify(forms["samordnare-oberoende"])}`);
        if (!forms["egen-roll-fore"].checked.length) problems.push(`Review: the scale shows ${JSON.stringify(forms["egen-roll-fore"])}`);
        // Every quiz question wrong (one try each): Normal would send "failed" on leaving.
        for (const q of course.questions.filter((x) => x.quiz)) await answerQ(w, course, ui, q.id, { correct: false });
        await leave(w, launcher);
        const all = await lrs.waitForStatements({ registration: l.registration }, (s) => ofVerb(s, "terminated", l.sessionId).length > 0, { message: `${engine}: Review's terminated` });
        await sleep(1000);
        const final = await lrs.statements({ registration: l.registration });
        const mine = auOf(final, l);
        const verbs = [...new Set(mine.map((s) => verbName(s.verb.id)))];
        const results = mine.filter((s) => ["completed", "passed", "failed"].includes(verbName(s.verb.id)));
        if (results.length) problems.push(`Review sent ${results.map((s) => verbName(s.verb.id))}: ${results.map(statementJson).join("\n")}`);
        problems.push(...sessionProblems(final, l));
        const after = await playerState(l);
        const lost = Object.entries(savedAnswers(course, before)).filter(([id, v]) => JSON.stringify(savedAnswers(course, after)[id]) !== JSON.stringify(v));
        if (lost.length) problems.push(`Review changed A's saved answers: ${JSON.stringify(lost)}`);
        await w.collect();
        const unexpected = w.problems();
        if (unexpected.length) problems.push(`page errors: ${JSON.stringify(unexpected)}`);
        assert.equal(all.length > 0, true);
        assert.deepEqual(problems, [], `${engine}: Review (verbs sent: ${verbs})\n${formatStatements(byTimestamp(final))}`);
      });
    });
  }
});
