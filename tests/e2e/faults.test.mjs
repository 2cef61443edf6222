// An LMS that misbehaves, and launches without the usual iframe:
// - it refuses some SetValue calls ("false" and an error code);
// - it fails Commits for a while;
// - it opens the course in a popup (the API is only reachable through window.opener);
// - there is no LMS at all.
// The course must keep working, tell the learner, keep the answers (in this
// browser, and in the LMS once it accepts them again), retry failed commits,
// and never call the API before Initialize or after Terminate.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { VERSIONS } from "./lib/env.mjs";
import {
  SCORM,
  assertInteractions,
  expectedInteraction,
  assertLastSet,
  assertNoCallsOutsideSession,
  assertTerminatedOnceAfterCommit,
  formatCalls,
} from "./lib/scorm.mjs";
import { Session } from "./lib/session.mjs";
import { decodeSuspend } from "./lib/suspend.mjs";
import { TEST_TIMEOUT, useEnvironment, withSession } from "./lib/suite.mjs";

const REFLECTION = "Att samordnaren håller ihop arbetet även när lärplattformen krånglar.";

/** The first reflection and a choice question on the same page (course data). */
function reflectionPage(course) {
  const reflection = course.questions.find((q) => q.type === "reflection");
  assert.ok(reflection, "the course has no reflection question");
  const choice = course.questions.find((q) => q.type === "choice" && q.page === reflection.page);
  assert.ok(choice, `no choice question on the page of reflection ${reflection.id}; this test needs both on one page`);
  return { page: reflection.page, reflection, choice };
}

/** Waits `ms`, then asserts nothing reached the API after Terminate (pending timers included). */
async function assertQuietAfterTerminate(session, ms = 1500) {
  await new Promise((r) => setTimeout(r, ms));
  assertNoCallsOutsideSession(await session.calls(), session.s);
}

/** Console lines other than the player's `kursverk:` warnings matching `allowed`. */
function unexpectedConsole(session, allowed) {
  return session.consoleProblems().filter((m) => !(m.startsWith("[warning] kursverk:") && allowed.some((re) => re.test(m))));
}

describe("faults", () => {
  const env = useEnvironment();

  for (const version of VERSIONS) {
    const s = SCORM[version];

    test(`${version}: refused bookmark`, { timeout: TEST_TIMEOUT }, async () => {
      await withSession(
        env,
        version,
        async (session) => {
          const { course } = session;
          const { page, reflection, choice } = reflectionPage(course);
          const code = version === "scorm12" ? "101" : "351";

          // The launch already writes the bookmark: refused, so the learner is told.
          await session.waitForNotice(session.ui.lmsTrouble, "after the LMS refused the bookmark at launch");
          const refusedLog = new RegExp(`kursverk: the LMS refused ${s.location.replaceAll(".", "\\.")} = "${course.pages[0].id}": error ${code}\\b`);
          assert.ok(
            session.consoleMessages.some((m) => m.startsWith("[warning]") && refusedLog.test(m)),
            `${s.label}: no console warning matching ${refusedLog}; console:\n${session.consoleMessages.join("\n")}`,
          );

          // The course keeps working.
          await session.next();
          await session.gotoViaToc(page);
          await session.answer(choice, { correct: true });
          await session.reflect(reflection, REFLECTION);
          const later = course.questions.find((q) => q.type === "choice" && q.page > page);
          await session.gotoViaToc(later.page);
          await session.answer(later, { correct: false });
          assert.equal(await session.currentPage(), later.page);

          let calls = await session.calls();
          const refused = calls.filter((c) => c.method === s.set && c.result !== "true");
          assert.ok(refused.length > 0, `${s.label}: the fault injection refused nothing`);
          assert.deepEqual(
            [...new Set(refused.map((c) => c.args[0]))],
            [s.location],
            `${s.label}: the LMS refused other values than the injected ones:\n${formatCalls(refused)}`,
          );
          const submitted = [
            { id: choice.id, chosen: Session.choice(choice, true) },
            { id: reflection.id, text: REFLECTION },
            { id: later.id, chosen: Session.choice(later, false) },
          ];
          assertInteractions(calls, s, version, course, submitted);

          // Everything else reached the LMS: answers and page in the suspend data.
          await session.teardown();
          calls = await session.calls();
          assertTerminatedOnceAfterCommit(calls, s);
          assertLastSet(calls, s, s.exit, "suspend");
          assert.equal(await session.cmi(s.location), "", `${s.label}: the LMS stored a bookmark it refused`);
          const saved = decodeSuspend(course, (await session.committed())["cmi.suspend_data"]);
          assert.equal(saved?.current, course.pages[later.page].id, `${s.label}: page in the committed suspend data`);
          assert.deepEqual(
            saved.answers,
            Object.fromEntries(submitted.map((x) => [x.id, x.chosen ?? x.text])),
            `${s.label}: answers in the committed suspend data`,
          );
          assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
          assert.deepEqual(
            unexpectedConsole(session, [new RegExp(`refused ${s.location.replaceAll(".", "\\.")} `)]),
            [],
            `${s.label}: console errors or warnings other than the refused bookmark`,
          );
          await assertQuietAfterTerminate(session);
        },
        { faults: { refuse: [s.location] } },
      );
    });

    test(`${version}: a refused interaction field costs no other answer its record`, { timeout: TEST_TIMEOUT }, async () => {
      // A strict LMS refuses one field of the first interaction (here its
      // latency; in practice e.g. a description or response it finds
      // malformed). The record keeps its other fields; the next answers
      // must get records of their own, not overwrite it.
      await withSession(
        env,
        version,
        async (session) => {
          const { course } = session;
          const { page, reflection, choice } = reflectionPage(course);
          await session.gotoViaToc(page);
          // Collects every failed expectation, so one run reports them all.
          const problems = [];
          const check = async (fn) => {
            try {
              await fn();
            } catch (e) {
              problems.push(e.message);
            }
          };
          await session.answer(choice, { correct: true });
          // The whole submit handler has run once the feedback shows.
          const notice = await session.notice();
          await check(() =>
            assert.deepEqual(
              { shown: notice.shown, text: notice.text },
              { shown: true, text: session.ui.lmsTrouble },
              `${s.label}: #kv-notice right after the LMS refused cmi.interactions.0.latency (a refused SetValue must be shown to the learner)`,
            ),
          );
          await session.reflect(reflection, REFLECTION);
          const later = course.questions.find((q) => q.type === "choice" && q.page > page);
          await session.gotoViaToc(later.page);
          await session.answer(later, { correct: false });
          const submitted = [
            { id: choice.id, chosen: Session.choice(choice, true) },
            { id: reflection.id, text: REFLECTION },
            { id: later.id, chosen: Session.choice(later, false) },
          ];
          await session.teardown();
          const calls = await session.calls();
          assertTerminatedOnceAfterCommit(calls, s);
          const response = version === "scorm12" ? "student_response" : "learner_response";
          const held = [];
          const want = [];
          for (let n = 0; n < submitted.length; n++) {
            const exp = expectedInteraction(version, course, submitted[n]);
            want.push({ n, id: submitted[n].id, type: exp.type, response: exp.response, result: exp.result });
            held.push({
              n,
              id: await session.cmi(`cmi.interactions.${n}.id`),
              type: await session.cmi(`cmi.interactions.${n}.type`),
              response: await session.cmi(`cmi.interactions.${n}.${response}`),
              result: await session.cmi(`cmi.interactions.${n}.result`),
            });
          }
          await check(() => assert.deepEqual(
            held,
            want,
            `${s.label}: the interaction records the LMS holds after three answers, cmi.interactions.0.latency refused. SetValue calls on interactions:\n` +
              formatCalls(calls.filter((c) => c.method === s.set && c.args[0].startsWith("cmi.interactions."))),
          ));
          assert.deepEqual(problems, [], `${s.label}: ${problems.length} problem(s):\n\n${problems.join("\n\n")}`);
          const saved = decodeSuspend(course, (await session.committed())["cmi.suspend_data"]);
          assert.deepEqual(saved?.answers, Object.fromEntries(submitted.map((x) => [x.id, x.chosen ?? x.text])), `${s.label}: answers in the committed suspend data`);
          assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
          await assertQuietAfterTerminate(session);
        },
        { faults: { refuse: ["cmi.interactions.0.latency"] } },
      );
    });

    test(`${version}: failing commits are retried`, { timeout: TEST_TIMEOUT }, async () => {
      await withSession(env, version, async (session) => {
        const { course } = session;
        const { page, reflection, choice } = reflectionPage(course);
        await session.gotoViaToc(page);
        assert.equal((await session.notice()).shown, false, `${s.label}: #kv-notice shown while the LMS works`);

        // The LMS fails the next three Commits.
        const FAILS = 3;
        await session.setFaults({ failCommits: FAILS });
        const start = (await session.calls()).length;
        await session.answer(choice, { correct: true });
        const noticeAfterOne = await session.notice();
        let calls = await session.calls();
        const failedSoFar = calls.slice(start).filter((c) => c.method === s.commit && c.result !== "true").length;
        if (failedSoFar === 1) {
          assert.equal(noticeAfterOne.shown, false, `${s.label}: #kv-notice shown after a single failed commit (expected after the second)`);
        }
        await session.reflect(reflection, REFLECTION);
        await session.waitForNotice(session.ui.lmsTrouble, "after two failed commits");
        const notice = await session.notice();
        assert.equal(notice.role, "status", `${s.label}: #kv-notice role`);

        // Kept in this browser meanwhile.
        const expected = { [choice.id]: Session.choice(choice, true), [reflection.id]: REFLECTION };
        const local = decodeSuspend(course, await session.localSaved());
        assert.deepEqual(local?.answers, expected, `${s.label}: answers in this browser's copy while the LMS fails`);
        const persisted = decodeSuspend(course, (await session.committed())?.["cmi.suspend_data"] ?? "");
        assert.ok(
          !persisted || !(choice.id in persisted.answers),
          `${s.label}: the LMS persisted the answer although every commit since failed (fault injection broken?)`,
        );

        // The learner does nothing more: the retries alone must get it into the LMS.
        const idle = (await session.calls()).length;
        const idleAt = Date.now();
        try {
          await session.page.waitForFunction(
            ({ from, commit }) => window.lmsCalls.slice(from).some((c) => c.method === commit && c.result === "true"),
            { from: idle, commit: s.commit },
            { timeout: 45_000, polling: 100 },
          );
        } catch {
          assert.fail(`${s.label}: no successful ${s.commit} within 45 s of the learner's last action (retries after 1, 3, 10, 30 s expected)\n${formatCalls(await session.calls())}`);
        }
        calls = await session.calls();
        const commits = calls.slice(start).filter((c) => c.method === s.commit);
        const failed = commits.filter((c) => c.result !== "true");
        assert.equal(failed.length, FAILS, `${s.label}: failed commits:\n${formatCalls(commits)}`);
        const retries = calls.slice(idle).filter((c) => c.method === s.commit);
        assert.ok(retries.length >= 1, `${s.label}: no ${s.commit} retried after the failures`);
        // Retries wait (1, 3, 10, 30 s), they do not hammer the LMS.
        const firstOk = calls.slice(idle).find((c) => c.method === s.commit && c.result === "true");
        assert.ok(
          firstOk.t - failed[0].t >= 900,
          `${s.label}: the successful retry came ${Math.round(firstOk.t - failed[0].t)} ms after the first failure; expected at least 1 s of pause`,
        );
        assert.ok(commits.length <= FAILS + 4, `${s.label}: too many ${s.commit} calls for ${FAILS} failures (a retry loop?):\n${formatCalls(commits)}`);
        const setsDuringRetry = calls.slice(idle).filter((c) => c.method === s.set);
        assert.deepEqual(setsDuringRetry.map((c) => c.args[0]), [], `${s.label}: values written while retrying (the learner did nothing)`);
        console.log(`# ${s.label}: commits after the failures: ${commits.map((c) => `${c.result}@${Math.round(c.t - commits[0].t)}ms`).join(", ")}; LMS had it ${Date.now() - idleAt} ms after the learner's last action`);

        // Now in the LMS: suspend data and interactions.
        const committed = await session.committed();
        const inLms = decodeSuspend(course, committed["cmi.suspend_data"]);
        assert.deepEqual(inLms?.answers, expected, `${s.label}: answers the LMS persisted once commits worked again`);
        assert.deepEqual(
          [committed["cmi.interactions.0.id"], committed["cmi.interactions.1.id"]],
          [choice.id, reflection.id],
          `${s.label}: interactions the LMS persisted once commits worked again`,
        );
        assertInteractions(calls, s, version, course, [
          { id: choice.id, chosen: Session.choice(choice, true) },
          { id: reflection.id, text: REFLECTION },
        ]);

        // The course still works, and ends cleanly.
        await session.next();
        await session.teardown();
        calls = await session.calls();
        assertTerminatedOnceAfterCommit(calls, s);
        assertLastSet(calls, s, s.exit, "suspend");
        assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
        assert.deepEqual(unexpectedConsole(session, [new RegExp(`refused ${s.commit} `)]), [], `${s.label}: console errors or warnings other than the failed commits`);
        await assertQuietAfterTerminate(session);
      });
    });

    test(`${version}: popup launch finds the API through window.opener`, { timeout: TEST_TIMEOUT }, async () => {
      await withSession(
        env,
        version,
        async (session) => {
          const { course } = session;
          assert.notEqual(session.coursePage, session.page, "the course did not open in its own window");
          const own = await session.frame.evaluate(() => ({
            top: window.top === window,
            api: "API" in window || "API_1484_11" in window,
            opener: window.opener !== null,
          }));
          assert.deepEqual(own, { top: true, api: false, opener: true }, `${s.label}: the popup must be a top window with no API of its own and an opener`);
          const q = course.questions.find((x) => x.type === "choice");
          await session.gotoViaToc(q.page);
          await session.answer(q, { correct: true });
          await session.next();
          await session.teardown();
          const calls = await session.calls();
          assertNoCallsOutsideSession(calls, s);
          assertTerminatedOnceAfterCommit(calls, s);
          assertLastSet(calls, s, s.exit, "suspend");
          assertLastSet(calls, s, s.location, course.pages[q.page + 1].id);
          assertInteractions(calls, s, version, course, [{ id: q.id, chosen: Session.choice(q, true) }]);
          const saved = decodeSuspend(course, await session.cmi("cmi.suspend_data"));
          assert.deepEqual(saved?.answers, { [q.id]: Session.choice(q, true) }, `${s.label}: answers in the LMS's suspend data`);
          assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
          assert.deepEqual(session.consoleProblems(), [], `${s.label}: errors or player warnings in the console`);
          await assertQuietAfterTerminate(session);
        },
        { launch: "popup" },
      );
    });

    test(`${version}: no LMS at all`, { timeout: TEST_TIMEOUT }, async () => {
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const failedRequests = [];
      context.on("requestfailed", (r) => failedRequests.push(`${r.url()}: ${r.failure()?.errorText}`));
      try {
        const url = `${env.server.url}/pkg/${version}/index.html`;
        const session = await Session.standalone(context, url);
        const { course } = session;
        await session.waitForNotice(session.ui.standalone, "with no LMS");
        const { page, reflection, choice } = reflectionPage(course);
        await session.gotoViaToc(page);
        await session.answer(choice, { correct: false });
        await session.reflect(reflection, REFLECTION);
        const before = await session.formStates();
        assert.deepEqual(session.pageErrors, [], "uncaught errors in the page");
        assert.deepEqual(session.consoleProblems(), [], "errors or player warnings in the console");

        // Reload: everything comes back from this browser.
        await session.reload();
        assert.equal(await session.frame.evaluate(() => document.documentElement.dataset.kvLms), "none", "data-kv-lms after reloading");
        assert.equal(await session.currentPage(), page, "the page after reloading");
        const after = await session.formStates();
        assert.deepEqual(after[choice.id], before[choice.id], `the answer to ${choice.id} after reloading`);
        assert.equal(after[reflection.id].text, REFLECTION, `the reflection ${reflection.id} after reloading`);
        assert.deepEqual(await session.tocVisited(), [0, page], "TOC entries marked .kv-visited after reloading");
        await session.waitForNotice(session.ui.standalone, "after reloading");
        assert.deepEqual(session.pageErrors, [], "uncaught errors in the page after reloading");
        assert.deepEqual(session.consoleProblems(), [], "errors or player warnings in the console after reloading");
        assert.deepEqual(failedRequests, [], "failed requests");
        await session.close();
      } finally {
        await context.close();
      }
    });
  }
});
