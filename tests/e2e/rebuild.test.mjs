// An author rebuilds a course under a learner who is half way through it:
// the page the learner is bookmarked on is removed, two chapters swap
// places, and a question the learner answered is deleted. Launched with the
// state the LMS kept from the old build, the new build must start cleanly,
// keep the answers to questions that still exist, drop the deleted one, and
// open on the nearest earlier visited page that still exists.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { VERSIONS, buildPackages, chromiumPath, copyCourse, courseDir, launchBrowser, readCourseFile, removeTmp } from "./lib/env.mjs";
import {
  SCORM,
  assertInitializedOnce,
  assertLastSet,
  assertNoFailedWrites,
  assertTerminatedOnceAfterCommit,
  formatCalls,
  interactionsSet,
  lastSet,
  resumeSeed,
} from "./lib/scorm.mjs";
import { startServer } from "./lib/server.mjs";
import { Session } from "./lib/session.mjs";
import { decodeSuspend } from "./lib/suspend.mjs";
import { HOOK_TIMEOUT, TEST_TIMEOUT } from "./lib/suite.mjs";

const REFLECTION = "Att samordnaren är oberoende, och att alla parter får komma till tals.";

/**
 * What the learner does and what the author changes, from the old build's
 * course data: every choice question up to the first reflection is answered
 * (right and wrong in turn), the reflection written; the learner then goes
 * back to the nearest earlier page without questions (not a chapter's first
 * page) and leaves there. That page is removed; so is the second answered
 * question; and the chapter of the removed page swaps places with the
 * chapter before it.
 */
function plan(course) {
  const reflection = course.questions.find((q) => q.type === "reflection");
  assert.ok(reflection, "the course has no reflection question");
  const furthest = reflection.page;
  const answers = course.questions
    .filter((q) => q.type === "choice" && q.page <= furthest)
    .map((q, k) => ({ q, correct: k % 2 === 0 }));
  assert.ok(answers.length >= 3, "the course needs at least 3 choice questions before its first reflection");
  // Pages that may be removed: visited, not the first, without questions;
  // the nearest to the reflection first (changeCourse takes the first that
  // is a "## " page, i.e. not the start of a chapter).
  const removable = [];
  for (let i = furthest - 1; i >= 1; i--) if (!course.questions.some((q) => q.page === i)) removable.push(i);
  assert.ok(removable.length > 0, `no page without questions between page 1 and page ${furthest - 1}; this test removes one`);
  return { reflection, furthest, answers, removable, removedQuestion: answers[1].q };
}

/** Lines of `md` without the `## <title>` page (up to the next heading of level 1 or 2). */
function removePage(md, title) {
  const lines = md.split("\n");
  const start = lines.findIndex((l) => l.trim() === `## ${title}`);
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && !/^#{1,2} /.test(lines[end])) end++;
  return [...lines.slice(0, start), ...lines.slice(end)].join("\n");
}

/** `md` without the `> [!…] <id>` question block. */
function removeQuestion(md, id) {
  const lines = md.split("\n");
  // "> [!FRÅGA] <id>", possibly followed by settings ("försök=2 visa-svar").
  const start = lines.findIndex((l) => new RegExp(`^> \\[![^\\]]+\\] ${id}(\\s.*)?$`).test(l));
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && lines[end].startsWith(">")) end++;
  if (end < lines.length && lines[end].trim() === "") end++;
  return [...lines.slice(0, start), ...lines.slice(end)].join("\n");
}

/** Changes the copied course folder as the plan says; returns what it did. */
function changeCourse(dir, oldCourse, p) {
  const tomlPath = path.join(dir, "course.toml");
  let toml = fs.readFileSync(tomlPath, "utf8");
  const chapters = [...toml.matchAll(/^\s*"([^"]+\.md)",?\s*$/gm)].map((m) => m[1]);
  assert.ok(chapters.length >= 3, `could not read the chapter list from course.toml:\n${toml}`);
  const read = (f) => fs.readFileSync(path.join(dir, f), "utf8");

  let removedPage;
  let pageFile;
  for (const i of p.removable) {
    const title = oldCourse.pages[i].title;
    pageFile = chapters.find((f) => removePage(read(f), title) !== null);
    if (pageFile) {
      removedPage = i;
      fs.writeFileSync(path.join(dir, pageFile), removePage(read(pageFile), title));
      break;
    }
  }
  assert.ok(pageFile, `none of the pages ${p.removable.join(", ")} is a "## " page of a chapter file`);

  const qFile = chapters.find((f) => removeQuestion(read(f), p.removedQuestion.id) !== null);
  assert.ok(qFile, `no chapter file has the question ${p.removedQuestion.id}`);
  fs.writeFileSync(path.join(dir, qFile), removeQuestion(read(qFile), p.removedQuestion.id));

  const k = chapters.indexOf(pageFile);
  assert.ok(k > 0, `${pageFile} is the first chapter; nothing to swap it with`);
  const [a, b] = [chapters[k - 1], chapters[k]];
  toml = toml.replace(`"${a}"`, "\u0000").replace(`"${b}"`, `"${a}"`).replace("\u0000", `"${b}"`);
  toml = toml.replace(/^version\s*=\s*"[^"]*"/m, 'version = "1.1.0"');
  fs.writeFileSync(tomlPath, toml);
  return { swapped: [a, b], pageFile, qFile, removedPage };
}

describe("rebuild", () => {
  const env = {};
  before(
    async () => {
      chromiumPath();
      env.tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-rebuild-"));
      env.old = buildPackages(courseDir(), { tmp: env.tmp, prefix: "old-" });
      env.oldCourse = readCourseFile(env.old.dirs.scorm12);
      env.plan = plan(env.oldCourse);
      env.copy = copyCourse("kugghjul");
      env.change = changeCourse(env.copy.dir, env.oldCourse, env.plan);
      env.plan.removedPage = env.change.removedPage;
      env.new = buildPackages(env.copy.dir, { tmp: env.tmp, prefix: "new-" });
      env.newCourse = readCourseFile(env.new.dirs.scorm12);
      const packages = {};
      for (const v of VERSIONS) {
        packages[`old-${v}`] = env.old.dirs[v];
        packages[`new-${v}`] = env.new.dirs[v];
      }
      env.server = await startServer({ packages });
      env.browser = await launchBrowser();
    },
    { timeout: HOOK_TIMEOUT },
  );
  after(
    async () => {
      await env.browser?.close().catch(() => {});
      await env.server?.close().catch(() => {});
      removeTmp(env.tmp);
      removeTmp(env.copy?.tmp);
    },
    { timeout: 60_000 },
  );

  test("the changed course builds as planned", () => {
    const { oldCourse, newCourse, plan: p } = env;
    const ids = (c) => c.pages.map((x) => x.id);
    assert.ok(!ids(newCourse).includes(oldCourse.pages[p.removedPage].id), "the removed page is still in the new build");
    assert.ok(!newCourse.questions.some((q) => q.id === p.removedQuestion.id), "the removed question is still in the new build");
    assert.equal(newCourse.pages.length, oldCourse.pages.length - 1, "the new build should have exactly one page less");
    assert.notDeepEqual(
      ids(newCourse),
      ids(oldCourse).filter((id) => id !== oldCourse.pages[p.removedPage].id),
      `swapping ${env.change.swapped.join(" and ")} did not change the page order`,
    );
    // Pages keep their ids across builds; indices move.
    const moved = p.answers.filter(({ q }) => q.id !== p.removedQuestion.id && newCourse.questions.find((x) => x.id === q.id).page !== q.page);
    assert.ok(moved.length > 0, "no answered question moved to another page index: the reorder does not test id-based restore");
  });

  for (const version of VERSIONS) {
    test(version, { timeout: TEST_TIMEOUT }, async () => {
      const s = SCORM[version];
      const { oldCourse, newCourse, plan: p } = env;
      const submitted = [];
      let held;

      // Old build: play part-way, leave on the page that will be removed.
      const first = await Session.open(env.browser, env.server.url, version, { pkg: `old-${version}`, seed: env.old.seeds[version] });
      try {
        for (let k = 1; k <= p.furthest; k++) {
          await first.next();
          for (const { q, correct } of p.answers.filter((a) => a.q.page === k)) {
            await first.answer(q, { correct });
            submitted.push({ id: q.id, chosen: Session.choice(q, correct) });
          }
          if (k === p.reflection.page) {
            await first.reflect(p.reflection, REFLECTION);
            submitted.push({ id: p.reflection.id, text: REFLECTION });
          }
        }
        await first.gotoViaToc(p.removedPage);
        await first.teardown();
        const calls = await first.calls();
        assertLastSet(calls, s, s.location, oldCourse.pages[p.removedPage].id, "bookmark before the rebuild");
        assertLastSet(calls, s, s.exit, "suspend");
        assertNoFailedWrites(calls, s);
        held = await first.flat();
      } catch (err) {
        err.message += `\n\n--- ${version} (old build) diagnostics ---\n${await first.diagnostics()}`;
        throw err;
      } finally {
        await first.close();
      }

      // Expected: the nearest earlier visited page (in the old build's
      // order) that still exists.
      const oldVisited = oldCourse.pages.slice(0, p.furthest + 1).map((x) => x.id);
      const newIndex = (id) => newCourse.pages.findIndex((x) => x.id === id);
      const at = oldVisited.indexOf(oldCourse.pages[p.removedPage].id);
      const expectedId = oldVisited.slice(0, at).reverse().find((id) => newIndex(id) >= 0);
      const expectedPage = newIndex(expectedId);
      const kept = submitted.filter((x) => x.id !== p.removedQuestion.id);

      // New build, same LMS data, new browser (no local copy).
      const session = await Session.open(env.browser, env.server.url, version, { pkg: `new-${version}`, seed: resumeSeed(held, version) });
      try {
        const label = `${s.label} after the rebuild`;
        assert.deepEqual(session.course.pages.map((x) => x.id), newCourse.pages.map((x) => x.id), "the new package was not the one launched");
        assert.equal(
          await session.currentPage(),
          expectedPage,
          `${label}: the bookmarked page ${oldCourse.pages[p.removedPage].id} is gone; the course should open on ${expectedId} (new index ${expectedPage})`,
        );

        const states = await session.formStates();
        assert.ok(!(p.removedQuestion.id in states), `${label}: the removed question ${p.removedQuestion.id} still has a form`);
        for (const sub of kept) {
          const got = states[sub.id];
          assert.ok(got, `${label}: no form for question ${sub.id}`);
          if (sub.chosen) {
            const q = newCourse.questions.find((x) => x.id === sub.id);
            const right = q.options.every((o) => o.correct === sub.chosen.includes(o.id));
            assert.deepEqual(got.checked, sub.chosen, `${label}: options checked in ${sub.id}`);
            assert.equal(got.verdict, right ? session.ui.correct : session.ui.wrong, `${label}: verdict shown for ${sub.id}`);
          } else {
            assert.equal(got.text, sub.text, `${label}: reflection ${sub.id}`);
          }
        }
        for (const [id, st] of Object.entries(states)) {
          if (kept.some((x) => x.id === id)) continue;
          assert.deepEqual([st.checked, st.text || ""], [[], ""], `${label}: question ${id} was never answered but shows an answer`);
        }

        const visitedNow = oldVisited.map(newIndex).filter((i) => i >= 0).sort((a, b) => a - b);
        assert.deepEqual(await session.tocVisited(), visitedNow, `${label}: TOC entries marked .kv-visited (old visited pages that still exist)`);

        let calls = await session.calls();
        assertInitializedOnce(calls, s);
        assertNoFailedWrites(calls, s);
        assert.equal(interactionsSet(calls, s).size, 0, `${label}: interactions written on launch:\n${formatCalls(calls)}`);
        assert.equal(lastSet(calls, s, s.location), expectedId, `${label}: the bookmark written at launch`);

        // The state the new build writes back: the removed answer is gone
        // for good, nothing refers to the old build's removed page.
        const expectAnswers = Object.fromEntries(kept.map((x) => [x.id, x.chosen ?? x.text]));
        const written = decodeSuspend(newCourse, lastSet(calls, s, "cmi.suspend_data"));
        assert.ok(written, `${label}: the player wrote no version-1 suspend data at launch; calls:\n${formatCalls(calls)}`);
        assert.deepEqual(written.answers, expectAnswers, `${label}: answers in the suspend data written at launch`);
        assert.deepEqual([written.unknownAnswers, written.unknownPages], [[], []], `${label}: the suspend data written at launch still refers to removed questions/pages`);
        assert.equal(written.current, expectedId, `${label}: page in the suspend data written at launch`);
        const local = decodeSuspend(newCourse, await session.localSaved());
        assert.deepEqual(local?.answers, expectAnswers, `${label}: answers in this browser's copy`);

        assert.deepEqual(session.pageErrors, [], `${label}: uncaught errors in the page`);
        assert.deepEqual(session.consoleProblems(), [], `${label}: errors or player warnings in the console`);

        await session.teardown();
        calls = await session.calls();
        assertTerminatedOnceAfterCommit(calls, s);
        assertLastSet(calls, s, s.exit, "suspend");
      } catch (err) {
        err.message += `\n\n--- ${version} (new build) diagnostics ---\n${await session.diagnostics()}`;
        throw err;
      } finally {
        await session.close();
      }
    });
  }
});
