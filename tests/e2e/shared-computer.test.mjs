// A shared computer: several learners in one browser profile, one LMS.
// Each learner's copy in this browser is theirs alone (keyed by the LMS's
// learner id): nobody sees, sends or is merged with another learner's
// answers. A copy the LMS cut short never overwrites the whole text. Without
// an LMS, "Glöm mina svar på den här datorn" removes the copy.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { SCORM, resumeSeed } from "./lib/scorm.mjs";
import { Session } from "./lib/session.mjs";
import { decodeSuspend } from "./lib/suspend.mjs";
import { TEST_TIMEOUT, useEnvironment } from "./lib/suite.mjs";
import { VERSIONS } from "./lib/env.mjs";

const ANNA_TEXT = "Annas ärende: familjen på Storgatan, pappan vill inte att skolan kontaktas.";

function learnerElement(version) {
  return version === "scorm12" ? "cmi.core.student_id" : "cmi.learner_id";
}

/** The course's first reflection and a graded choice question before it. */
function questions(course) {
  const reflection = course.questions.find((q) => q.type === "reflection");
  const choice = course.questions.find((q) => q.type === "choice" && q.page <= reflection.page);
  const quiz = course.questions.find((q) => q.quiz && q.type === "choice");
  assert.ok(reflection && choice && quiz, "the course needs a reflection, a practice and a quiz choice question");
  return { reflection, choice, quiz };
}

async function withLearner(env, version, context, learner, extraSeed, body) {
  const seed = { ...env.pkgs.seeds[version], ...extraSeed, [learnerElement(version)]: learner };
  const session = await Session.open(env.browser, env.server.url, version, { seed, context });
  try {
    await body(session);
  } catch (err) {
    err.message += `\n\n--- ${version}, learner ${learner} ---\n${await session.diagnostics()}`;
    throw err;
  } finally {
    await session.close();
  }
}

describe("shared-computer", () => {
  const env = useEnvironment();

  for (const version of VERSIONS) {
    const s = SCORM[version];

    test(`${version}: three learners in one browser never see each other's answers`, { timeout: TEST_TIMEOUT }, async () => {
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        let q;
        let course;
        // Anna answers a practice question, a quiz question and a reflection, and leaves.
        await withLearner(env, version, context, "anna", {}, async (a) => {
          course = a.course;
          q = questions(course);
          await a.gotoViaToc(q.choice.page);
          await a.answer(q.choice, { correct: false });
          await a.gotoViaToc(q.reflection.page);
          await a.reflect(q.reflection, ANNA_TEXT);
          await a.gotoViaToc(q.quiz.page);
          await a.answer(q.quiz, { correct: true });
          await a.teardown();
          assert.equal(decodeSuspend(a.course, await a.localSaved())?.answers[q.reflection.id], ANNA_TEXT, "Anna's own copy in this browser");
        });

        // Bertil, new to the course, in the same browser: nothing of Anna's.
        await withLearner(env, version, context, "bertil", {}, async (b) => {
          assert.equal(await b.currentPage(), 0, `${s.label}: Bertil starts on the first page`);
          const states = await b.formStates();
          assert.equal(states[q.reflection.id].text, "", `${s.label}: Bertil sees Anna's reflection`);
          assert.deepEqual(states[q.choice.id].checked, [], `${s.label}: Bertil sees Anna's answer to ${q.choice.id}`);
          assert.deepEqual(states[q.quiz.id].checked, [], `${s.label}: Bertil sees Anna's quiz answer`);
          await b.next();
          await b.teardown();
          const sent = JSON.stringify(await b.flat());
          assert.ok(!sent.includes("Storgatan"), `${s.label}: Anna's text reached Bertil's LMS record`);
          const saved = decodeSuspend(b.course, (await b.flat())["cmi.suspend_data"] || "");
          assert.deepEqual(saved?.answers ?? {}, {}, `${s.label}: answers in Bertil's suspend data`);
        });

        // Cecilia has LMS state of her own (a bookmark on page 2): Anna's answers are not merged in.
        const cecilia = { [s.location]: course.pages[1].id, [version === "scorm12" ? "cmi.core.entry" : "cmi.entry"]: "resume" };
        await withLearner(env, version, context, "cecilia", cecilia, async (c) => {
          assert.equal(await c.currentPage(), 1, `${s.label}: Cecilia's bookmark`);
          const states = await c.formStates();
          assert.deepEqual(states[q.quiz.id].checked, [], `${s.label}: Anna's quiz answer merged into Cecilia's record`);
          assert.equal(states[q.reflection.id].text, "", `${s.label}: Anna's reflection shown to Cecilia`);
          await c.teardown();
          assert.ok(!JSON.stringify(await c.flat()).includes("Storgatan"), `${s.label}: Anna's text in Cecilia's LMS record`);
        });

        // Anna comes back: her own copy is still hers.
        await withLearner(env, version, context, "anna", {}, async (a) => {
          const states = await a.formStates();
          assert.equal(states[q.reflection.id].text, ANNA_TEXT, `${s.label}: Anna's reflection, back from her own copy`);
          // Three learners, three copies, each under its learner's id.
          const keys = await a.frame.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("kursverk:")).sort());
          const key = (who) => `kursverk:${course.id}:${version}:${who}`;
          assert.deepEqual(keys, [key("anna"), key("bertil"), key("cecilia")], `${s.label}: the copies in this browser`);
        });
      } finally {
        await context.close();
      }
    });

    test(`${version}: no learner id from the LMS, no copy in this browser`, { timeout: TEST_TIMEOUT }, async () => {
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        await withLearner(env, version, context, "", {}, async (x) => {
          const { reflection } = questions(x.course);
          await x.gotoViaToc(reflection.page);
          await x.reflect(reflection, ANNA_TEXT);
          const keys = await x.frame.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("kursverk:")));
          assert.deepEqual(keys, [], `${s.label}: a copy kept although the LMS did not say who the learner is`);
        });
      } finally {
        await context.close();
      }
    });
  }

  test("scorm2004: an LMS that cuts suspend data short does not cost the end of a long reflection", { timeout: TEST_TIMEOUT }, async () => {
    const version = "scorm2004";
    const s = SCORM[version];
    const words = "Jag tänker på hur vi kan ge barnet mer plats i samtalet, och vad som behövs för det. ";
    const text = (words.repeat(Math.ceil(5003 / words.length)).slice(0, 4995) + " Slutet.").slice(0, 5003);
    assert.equal(text.length, 5003);
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      let held;
      let reflection;
      await withLearner(env, version, context, "e2e-learner", {}, async (first) => {
        ({ reflection } = questions(first.course));
        await first.gotoViaToc(reflection.page);
        await first.reflect(reflection, text);
        await first.teardown();
        held = await first.flat();
        assert.equal(decodeSuspend(first.course, held["cmi.suspend_data"])?.answers[reflection.id], text, `${s.label}: the LMS got the whole text`);
      });
      // The LMS hands back only the first 4,096 characters.
      const cut = held["cmi.suspend_data"].slice(0, 4096);
      const seed = { ...resumeSeed(held, version), "cmi.suspend_data": cut };
      const second = await Session.open(env.browser, env.server.url, version, { seed, context });
      try {
        const states = await second.formStates();
        assert.equal(states[reflection.id].text.length, 5003, `${s.label}: the reflection's length after resuming`);
        assert.equal(states[reflection.id].text, text, `${s.label}: the reflection after resuming`);
        assert.equal(decodeSuspend(second.course, await second.localSaved())?.answers[reflection.id], text, `${s.label}: this browser's copy after resuming`);
        await second.next();
        await second.teardown();
        const back = decodeSuspend(second.course, (await second.flat())["cmi.suspend_data"]);
        assert.equal(back?.answers[reflection.id], text, `${s.label}: the whole text is sent to the LMS again`);
      } catch (err) {
        err.message += `\n\n--- second session ---\n${await second.diagnostics()}`;
        throw err;
      } finally {
        await second.close();
      }
    } finally {
      await context.close();
    }
  });

  test("without an LMS: Glöm mina svar på den här datorn", { timeout: TEST_TIMEOUT }, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const session = await Session.standalone(context, `${env.server.url}/pkg/scorm12/index.html`);
      const { reflection } = questions(session.course);
      await session.waitForNotice(session.ui.standalone, "with no LMS");
      assert.match(session.ui.standalone, /sparas bara i den här webbläsaren/, "the notice says where the answers are kept");
      await session.gotoViaToc(reflection.page);
      await session.reflect(reflection, ANNA_TEXT);
      assert.ok(await session.localSaved(), "a copy in this browser before forgetting");
      const button = session.frame.locator("#kv-forget");
      assert.equal((await button.textContent()).trim(), "Glöm mina svar på den här datorn");
      // Asked first; saying no keeps everything.
      session.page.once("dialog", (d) => d.dismiss());
      await button.click();
      assert.ok(await session.localSaved(), "the copy after saying no");
      session.page.once("dialog", (d) => d.accept());
      await Promise.all([session.page.waitForEvent("load"), button.click()]);
      await session.frame.waitForFunction(() => document.documentElement.dataset.kvReady === "1");
      // The restarted course keeps a new, empty copy: no answer survives.
      const after = decodeSuspend(session.course, (await session.localSaved()) ?? "1~~~");
      assert.deepEqual(after?.answers, {}, "answers in this browser's copy after forgetting");
      assert.ok(!((await session.localSaved()) ?? "").includes("Storgatan"), "the text in this browser after forgetting");
      assert.equal(await session.currentPage(), 0, "the course starts over");
      const states = await session.formStates();
      assert.equal(states[reflection.id].text, "", "the reflection after forgetting");
      assert.deepEqual(session.pageErrors, [], "uncaught errors in the page");
      await session.close();
    } finally {
      await context.close();
    }
  });
});
