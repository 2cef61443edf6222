// A course built with `sco = "chapter"` (courses/handlaggning): one zip per
// SCORM version, one SCO per chapter, each launched from
// `<chapter file name>.html`. An LMS tracks each SCO on its own, with its
// own API instance: the learner (one browser) goes through every page of
// one SCO and only part of another, and each SCO must report its own
// status, its own bookmarks (page ids of its own chapter only), its own
// suspend data and its own interactions, with one Initialize and one
// Terminate each.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { VERSIONS, buildScoPackages, chromiumPath, courseDir, launchBrowser, readCourseFileAt, removeTmp } from "./lib/env.mjs";
import { expectedOutcome, savedForm } from "./lib/answers.mjs";
import {
  SCORM,
  assertInitializedOnce,
  assertInteractions,
  assertNoFailedWrites,
  assertOutcome,
  assertSessionTime,
  assertTerminatedOnceAfterCommit,
  dedupeConsecutive,
  formatCalls,
  valuesSet,
} from "./lib/scorm.mjs";
import { startServer } from "./lib/server.mjs";
import { Session } from "./lib/session.mjs";
import { decodeSuspend } from "./lib/suspend.mjs";
import { HOOK_TIMEOUT, TEST_TIMEOUT } from "./lib/suite.mjs";

const COURSE = "handlaggning";

/** The chapter files course.toml lists, in order. */
function chapterFiles(dir) {
  const toml = fs.readFileSync(path.join(dir, "course.toml"), "utf8");
  assert.match(toml, /^sco\s*=\s*"chapter"/m, `${COURSE}/course.toml does not say sco = "chapter"`);
  const list = /^chapters\s*=\s*\[([\s\S]*?)\]/m.exec(toml);
  assert.ok(list, `no chapters list in ${COURSE}/course.toml`);
  return [...list[1].matchAll(/"([^"]+\.md)"/g)].map((m) => m[1]);
}

describe("multi-sco", () => {
  const env = {};
  before(
    async () => {
      chromiumPath();
      env.dir = courseDir(COURSE);
      env.chapters = chapterFiles(env.dir);
      env.pkgs = buildScoPackages(env.dir);
      env.server = await startServer({ packages: Object.fromEntries(VERSIONS.map((v) => [`sco-${v}`, env.pkgs.dirs[v]])) });
      env.browser = await launchBrowser();
    },
    { timeout: HOOK_TIMEOUT },
  );
  after(
    async () => {
      await env.browser?.close().catch(() => {});
      await env.server?.close().catch(() => {});
      removeTmp(env.pkgs?.tmp);
    },
    { timeout: 60_000 },
  );

  for (const version of VERSIONS) {
    test(`${version}: one zip, one SCO per chapter`, () => {
      const { scos, assets } = env.pkgs.manifests[version];
      const dir = env.pkgs.dirs[version];
      assert.deepEqual(
        scos.map((x) => x.href),
        env.chapters.map((f) => f.replace(/\.md$/, ".html")),
        "the manifest's SCOs (organization order) and their launch files, against course.toml's chapters",
      );
      assert.ok(!fs.existsSync(path.join(dir, "index.html")), "a multi-SCO package should have no index.html of the whole course");
      const ids = new Set();
      for (const sco of scos) {
        assert.equal(sco.scormType.toLowerCase(), "sco", `${sco.identifier}: scormType`);
        assert.ok(fs.existsSync(path.join(dir, sco.href)), `${sco.href} is not in the zip`);
        assert.ok(sco.files.includes(sco.href), `${sco.identifier} does not list its launch file`);
        for (const dep of sco.dependencies) {
          assert.ok(assets[dep], `${sco.identifier} depends on ${dep}, which is no asset resource`);
        }
        const shared = sco.dependencies.flatMap((d) => assets[d] || []);
        for (const f of ["player/kursverk.js"]) {
          assert.ok(shared.includes(f) || sco.files.includes(f), `${sco.identifier}: ${f} is not among its files or dependencies`);
        }
        const course = readCourseFileAt(path.join(dir, sco.href));
        assert.equal(course.title, sco.title, `${sco.href}: the course data's title and the manifest item's title`);
        assert.ok(!ids.has(course.id), `${sco.href}: course id ${course.id} is used by another SCO (their saved state would mix in one browser)`);
        ids.add(course.id);
        assert.ok(course.pages.length > 0, `${sco.href}: no pages`);
        assert.equal(
          fs.readFileSync(path.join(dir, sco.href), "utf8").match(/data-kv-scorm="([^"]+)"/)?.[1],
          version,
          `${sco.href}: data-kv-scorm`,
        );
      }
      for (const files of Object.values(assets)) {
        for (const f of files) assert.ok(fs.existsSync(path.join(dir, f)), `${f} (a shared file in the manifest) is not in the zip`);
      }
    });

    test(`${version}: two SCOs, two LMS sessions, each its own`, { timeout: TEST_TIMEOUT }, async () => {
      const s = SCORM[version];
      const { scos } = env.pkgs.manifests[version];
      const dir = env.pkgs.dirs[version];
      const courses = scos.map((sco) => readCourseFileAt(path.join(dir, sco.href)));
      // The first SCO, all through; a later one with questions (reflections) and enough pages, part way.
      const a = 0;
      const half = (c) => Math.floor((c.pages.length - 1) / 2);
      const b = courses.findIndex((c, k) => k > a && c.pages.length >= 4 && c.questions.some((q) => q.page <= half(c)));
      assert.ok(b > a, "no second SCO with at least 4 pages and a question in its first half");
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const results = {};
      try {
        for (const [which, k, all] of [
          ["first", a, true],
          ["second", b, false],
        ]) {
          const sco = scos[k];
          const session = await Session.open(env.browser, env.server.url, version, { pkg: `sco-${version}`, file: sco.href, seed: env.pkgs.seeds[version], context });
          const label = `${s.label}, ${which} SCO ${sco.href}`;
          try {
            const { course } = session;
            assert.equal(course.id, courses[k].id, `${label}: the launched course`);
            assert.equal(await session.currentPage(), 0, `${label}: did not open on its first page (another SCO's state leaking in?)`);
            const stop = all ? course.pages.length - 1 : half(course);
            assert.ok(all || stop < course.pages.length - 1, `${label}: the plan must leave pages unseen`);
            const submitted = [];
            for (let p = 0; p <= stop; p++) {
              submitted.push(...(await session.doPage(p, { correct: true })));
              if (p < stop) await session.next();
            }
            await session.teardown();
            const calls = await session.calls();
            assertInitializedOnce(calls, s);
            assertTerminatedOnceAfterCommit(calls, s);
            assertSessionTime(calls, s);
            assertNoFailedWrites(calls, s);
            const own = new Set(course.pages.map((x) => x.id));
            const bookmarks = valuesSet(calls, s, s.location);
            assert.deepEqual(bookmarks.filter((id) => !own.has(id)), [], `${label}: bookmarks that are not pages of this SCO`);
            assert.deepEqual(dedupeConsecutive(bookmarks), course.pages.slice(0, stop + 1).map((x) => x.id), `${label}: bookmarks page by page`);
            const read = calls.find((c) => c.method === s.get && c.args[0] === "cmi.suspend_data");
            assert.ok(!read || read.result === "", `${label}: the LMS session handed over suspend data it never had: ${JSON.stringify(read?.result)}`);
            assertInteractions(calls, s, version, course, submitted);
            const outcome = expectedOutcome(course, submitted, { allPagesSeen: all });
            assert.equal(outcome.completion, all ? "completed" : "incomplete", `${label}: by the rules ${JSON.stringify(course.completion)}`);
            await assertOutcome(session, calls, outcome);

            const data = await session.cmi("cmi.suspend_data");
            const saved = decodeSuspend(course, data);
            assert.ok(saved, `${label}: no version-1 suspend data in the LMS: ${JSON.stringify(data)}`);
            assert.deepEqual(
              { current: saved.current, visited: saved.visited, answers: saved.answers, unknownPages: saved.unknownPages, unknownAnswers: saved.unknownAnswers },
              {
                current: course.pages[stop].id,
                visited: course.pages.slice(0, stop + 1).map((x) => x.id),
                answers: Object.fromEntries(submitted.map((x) => [x.id, savedForm(x)])),
                unknownPages: [],
                unknownAnswers: [],
              },
              `${label}: the suspend data the LMS holds`,
            );
            const local = decodeSuspend(course, await session.localSaved());
            assert.equal(local?.current, course.pages[stop].id, `${label}: this browser's copy (kursverk:${course.id}:${version})`);
            assert.deepEqual(session.pageErrors, [], `${label}: uncaught errors in the page`);
            assert.deepEqual(session.consoleProblems(), [], `${label}: errors or player warnings in the console`);
            results[which] = { course, data, calls, submitted };
          } catch (err) {
            err.message += `\n\n--- ${label} diagnostics ---\n${await session.diagnostics()}`;
            throw err;
          } finally {
            await session.close();
          }
        }
        // Neither SCO's data refers to the other's pages or questions.
        const { first, second } = results;
        for (const [mine, other] of [
          [first, second],
          [second, first],
        ]) {
          const foreign = decodeSuspend(other.course, mine.data);
          const sharedIds = new Set(mine.course.pages.map((x) => x.id).filter((id) => other.course.pages.some((p) => p.id === id)));
          assert.deepEqual(
            foreign.visited.filter((id) => !sharedIds.has(id)),
            [],
            `${s.label}: ${mine.course.id}'s suspend data names pages of ${other.course.id}`,
          );
          const ids = mine.calls.filter((c) => c.method === s.set && /^cmi\.interactions\.\d+\.id$/.test(c.args[0])).map((c) => c.args[1]);
          assert.deepEqual(
            ids.filter((id) => !mine.course.questions.some((q) => q.id === id)),
            [],
            `${s.label}: ${mine.course.id} wrote interactions of questions it does not have:\n${formatCalls(mine.calls)}`,
          );
        }
        assert.ok(second.submitted.length > 0, "the second SCO should have saved an answer");
      } finally {
        await context.close().catch(() => {});
      }
    });
  }
});
