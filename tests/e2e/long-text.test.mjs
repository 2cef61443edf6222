// Long reflections. SCORM 1.2 keeps 255 characters of an interaction's
// student_response and 4096 of suspend_data: the LMS gets what fits, the
// learner is told, and the full text stays in this browser and in "Mina svar".
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  SCORM,
  assertInteractions,
  assertNoFailedWrites,
  formatCalls,
  interactionsSet,
  resumeSeed,
} from "./lib/scorm.mjs";
import { Session } from "./lib/session.mjs";
import { decodeSuspend, lmsText } from "./lib/suspend.mjs";
import { TEST_TIMEOUT, useEnvironment, withSession } from "./lib/suite.mjs";

/** `n` characters of varied Swedish prose (non-ASCII letters, commas, a tilde and a percent sign). */
function prose(n) {
  const words = "Samverkan kräver tid, tillit och att alla parter får komma till tals ~ även barnet, till 100 % när det går. ";
  let out = "";
  while (out.length < n) out += words;
  return out.slice(0, n - 1).trimEnd().padEnd(n - 1, "x") + ".";
}

/** Opens Mina svar and returns its text. */
async function recordText(session) {
  const f = session.frame;
  if (await f.locator("#kv-record[hidden]").count()) await f.click("#kv-record-open");
  await f.waitForSelector("#kv-record:not([hidden])", { timeout: 5000 });
  return f.evaluate(() => document.querySelector("#kv-record-list").innerText);
}

function firstReflection(course) {
  const r = course.questions.find((q) => q.type === "reflection");
  assert.ok(r, "the course has no reflection question");
  return r;
}

describe("long-text", () => {
  const env = useEnvironment();

  test("scorm12: a 600-character reflection", { timeout: TEST_TIMEOUT }, async () => {
    const version = "scorm12";
    const s = SCORM[version];
    const text = prose(600);
    assert.equal(text.length, 600);
    await withSession(env, version, async (session) => {
      const { course } = session;
      const reflection = firstReflection(course);
      await session.gotoViaToc(reflection.page);
      const noticeBefore = await session.notice();
      assert.equal(noticeBefore.shown, false, `${s.label}: #kv-notice shown before anything happened: ${JSON.stringify(noticeBefore.text)}`);

      await session.reflect(reflection, text);
      await session.waitForNotice(session.ui.textTooLong, "after saving a 600-character reflection in SCORM 1.2");

      const calls = await session.calls();
      assertNoFailedWrites(calls, s);
      assertInteractions(calls, s, version, course, [{ id: reflection.id, text }]);
      const sent = interactionsSet(calls, s).get(0).values.student_response;
      assert.ok(sent.length <= 255, `${s.label}: student_response is ${sent.length} characters; SCORM 1.2 allows 255`);
      assert.equal(sent, lmsText(text, 255)[0], `${s.label}: student_response should be the first 255 characters of the text`);

      const local = decodeSuspend(course, await session.localSaved());
      assert.equal(local?.answers[reflection.id], text, `${s.label}: the full text in this browser's copy`);
      const lms = decodeSuspend(course, await session.cmi("cmi.suspend_data"));
      assert.equal(lms?.answers[reflection.id], text, `${s.label}: the text fits in the 4096 characters of suspend_data, so the LMS's copy should hold it in full`);

      const record = await recordText(session);
      assert.ok(record.includes(text), `${s.label}: Mina svar does not show the full text; it shows:\n${record}`);
      assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
      assert.deepEqual(session.consoleProblems(), [], `${s.label}: errors or player warnings in the console`);
    });
  });

  test("scorm2004: the same 600 characters fit, and nobody is told otherwise", { timeout: TEST_TIMEOUT }, async () => {
    const version = "scorm2004";
    const s = SCORM[version];
    const text = prose(600);
    await withSession(env, version, async (session) => {
      const { course } = session;
      const reflection = firstReflection(course);
      await session.gotoViaToc(reflection.page);
      await session.reflect(reflection, text);
      const calls = await session.calls();
      assertNoFailedWrites(calls, s);
      assertInteractions(calls, s, version, course, [{ id: reflection.id, text }]);
      assert.equal(interactionsSet(calls, s).get(0).values.learner_response, text, `${s.label}: learner_response should be the whole text`);
      const notice = await session.notice();
      assert.equal(notice.shown, false, `${s.label}: #kv-notice shown although the LMS kept everything: ${JSON.stringify(notice.text)}`);
    });
  });

  test("scorm12: a reflection longer than suspend_data comes back from this browser", { timeout: TEST_TIMEOUT }, async () => {
    const version = "scorm12";
    const s = SCORM[version];
    const text = prose(5000);
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      let held;
      let reflection;
      let choice;
      const first = await Session.open(env.browser, env.server.url, version, { seed: env.pkgs.seeds[version], context });
      try {
        const { course } = first;
        reflection = firstReflection(course);
        choice = course.questions.find((q) => q.type === "choice" && q.page <= reflection.page);
        await first.gotoViaToc(choice.page);
        await first.answer(choice, { correct: true });
        await first.gotoViaToc(reflection.page);
        await first.reflect(reflection, text);
        await first.waitForNotice(first.ui.textTooLong, "after saving a 5000-character reflection in SCORM 1.2");
        await first.teardown();
        const calls = await first.calls();
        assertNoFailedWrites(calls, s);
        held = await first.flat();
        const data = held["cmi.suspend_data"];
        assert.ok(data.length <= 4096, `${s.label}: suspend_data is ${data.length} characters; SCORM 1.2 allows 4096`);
        const lms = decodeSuspend(course, data);
        assert.deepEqual(
          lms?.answers,
          { [choice.id]: Session.choice(choice, true) },
          `${s.label}: the LMS's copy should keep the choice and leave out the text that does not fit`,
        );
        assert.equal(decodeSuspend(course, await first.localSaved())?.answers[reflection.id], text, `${s.label}: the full text in this browser's copy`);
      } catch (err) {
        err.message += `\n\n--- first session ---\n${await first.diagnostics()}`;
        throw err;
      } finally {
        await first.close();
      }

      // Same browser, the LMS's (shorter) state: the text comes back from here.
      const second = await Session.open(env.browser, env.server.url, version, { seed: resumeSeed(held, version), context });
      try {
        const states = await second.formStates();
        assert.equal(states[reflection.id].text, text, `${s.label}: the reflection after resuming in the same browser`);
        assert.deepEqual(states[choice.id].checked, Session.choice(choice, true), `${s.label}: the choice after resuming`);
        assert.equal(await second.currentPage(), reflection.page, `${s.label}: the page after resuming`);
        const record = await recordText(second);
        assert.ok(record.includes(text), `${s.label}: Mina svar does not show the full text after resuming`);
        const calls = await second.calls();
        assert.equal(interactionsSet(calls, s).size, 0, `${s.label}: interactions written again on resume:\n${formatCalls(calls)}`);
        assertNoFailedWrites(calls, s);
        assert.deepEqual(second.pageErrors, [], `${s.label}: uncaught errors in the page`);
        assert.deepEqual(second.consoleProblems(), [], `${s.label}: errors or player warnings in the console`);
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
});
