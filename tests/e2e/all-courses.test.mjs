// Every course under courses/ (found at run time: a new course folder with a
// course.toml is covered without touching this file) plays to the end in
// the browser (issue 12: "The five courses build to every target with zero
// warnings and play to completion in the browser tests").
//
// - A course that is one SCO (`sco = "course"`, the default): in SCORM 1.2
//   and SCORM 2004, every page, every question answered right (every scale
//   and reflection answered too). It must end as the course's rules say
//   (lib/answers.mjs expectedOutcome): completed, and passed with 100 when
//   it has graded questions; each answer recorded as an interaction; a
//   bookmark per page; one Initialize, one Terminate after a Commit with a
//   normal exit; no page error, no console error, no player warning, no
//   package file missing.
// - A course whose SCOs are its chapters (`sco = "chapter"`): every SCO in
//   the manifest, each in its own LMS session, played the same way to
//   completion in one version (SCORM 1.2, the stricter data model).
// - axe-core on every page of every course (every SCO of a multi-SCO
//   course) in one version (SCORM 2004): each page as it is first shown,
//   and pages with questions again once they are answered (feedback
//   shown); zero violations.
//
// One build per course, one server and one browser for the whole file.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { formatViolations, injectAxe, violationsNow } from "./lib/axe.mjs";
import { VERSIONS, buildPackages, buildScoPackages, chromiumPath, launchBrowser, removeTmp, repoRoot } from "./lib/env.mjs";
import { expectedOutcome, scoredQuestions } from "./lib/answers.mjs";
import {
  assertInitializedOnce,
  assertInteractions,
  assertNoFailedWrites,
  assertOutcome,
  assertSessionTime,
  assertTerminatedOnceAfterCommit,
  dedupeConsecutive,
  valuesSet,
} from "./lib/scorm.mjs";
import { startServer } from "./lib/server.mjs";
import { Session } from "./lib/session.mjs";
import { HOOK_TIMEOUT, TEST_TIMEOUT, withSession } from "./lib/suite.mjs";


/** The version axe-core runs in (once per page is enough: the pages are the same in both). */
const AXE_VERSION = "scorm2004";
/** The version each SCO of a multi-SCO course is played through in. */
const MULTI_SCO_VERSION = "scorm12";

const coursesRoot = path.join(repoRoot, "courses");

/** Every course folder under courses/ (one with a course.toml), sorted. */
const COURSES = fs
  .readdirSync(coursesRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(coursesRoot, d.name, "course.toml")))
  .map((d) => d.name)
  .sort();

/** Whether course.toml says `sco = "chapter"` (a top-level key: before the first [table]). */
function isMultiSco(name) {
  const toml = fs.readFileSync(path.join(coursesRoot, name, "course.toml"), "utf8");
  const top = toml.split(/^\s*\[/m)[0];
  return /^\s*sco\s*=\s*"chapter"/m.test(top);
}

/** The name the server mounts a course's package for `version` under (/pkg/<mount>/). */
function mountOf(name, version, multi) {
  return multi ? `${name}-sco-${version}` : `${name}-${version}`;
}

/** Requests for files of the package mounted as `mount` that the server could not answer. */
function failedRequests(server, mount) {
  return server.requests.filter((r) => r.url.startsWith(`/pkg/${mount}/`) && r.status !== 200).map((r) => `${r.status} ${r.url}`);
}

/**
 * Opens a SCO (`file` in the package mounted as `mount`) with what the
 * LMS pre-loads, runs `body(session)`, and appends the LMS calls,
 * scorm-again's log and the console to any failure.
 */
function withSco(env, { version, mount, file, seed, label }, body) {
  return withSession(env, version, body, { pkg: mount, file, seed, label });
}

/**
 * Plays the open SCO from its first page to its last, every question right,
 * leaves, and asserts what the LMS was told and holds.
 */
async function playToTheEnd(env, session, mount, label) {
  const { course, s, version } = session;
  await session.assertPagesMatchCourse();
  await session.assertChrome();
  assert.equal(await session.currentPage(), 0, `${label}: does not open on its first page`);

  const submitted = [];
  const last = course.pages.length - 1;
  for (let k = 0; k <= last; k++) {
    submitted.push(...(await session.doPage(k, { correct: true })));
    if (k < last) await session.next();
  }
  const questions = course.questions || [];
  assert.equal(submitted.length, questions.length, `${label}: every question answered once`);
  const outcome = expectedOutcome(course, submitted, { allPagesSeen: true });
  const graded = scoredQuestions(course).length > 0;
  assert.equal(outcome.completion, "completed", `${label}: by the rules ${JSON.stringify(course.completion)}, every page seen and every answer right is complete (${JSON.stringify(outcome)})`);
  assert.equal(outcome.finished, true, `${label}: every answer right should finish the course with a normal exit (${JSON.stringify(outcome)})`);
  if (graded) {
    assert.deepEqual([outcome.percent, outcome.success], [100, "passed"], `${label}: every graded answer right is 100 % and passed`);
  } else {
    assert.deepEqual([outcome.percent, outcome.success], [null, "unknown"], `${label}: nothing graded, no score`);
  }

  // The result page, when the course has one, is the last page and says so.
  const summary = await session.summary();
  if (summary) {
    assert.equal(await session.pageOf("#kv-summary"), last, `${label}: #kv-summary is not on the last page`);
    const lines = [session.ui.done, ...(outcome.success === "passed" ? [session.ui.passed] : [])];
    for (const line of lines) {
      assert.ok(summary.text.includes(line), `${label}: #kv-summary does not say ${JSON.stringify(line)}: ${JSON.stringify(summary.text)}`);
    }
    assert.equal(summary.retry, null, `${label}: #kv-summary offers #kv-retry although everything is right`);
  }

  let calls = await session.calls();
  assertInitializedOnce(calls, s);
  assertInteractions(calls, s, version, course, submitted);
  const bookmarks = valuesSet(calls, s, s.location);
  assert.deepEqual(
    dedupeConsecutive(bookmarks),
    course.pages.map((p) => p.id),
    `${label}: ${s.location} was not set to each page id in turn (values set: ${JSON.stringify(bookmarks)})`,
  );

  await session.teardown();
  calls = await session.calls();
  assertTerminatedOnceAfterCommit(calls, s);
  assertSessionTime(calls, s);
  assertNoFailedWrites(calls, s);
  await assertOutcome(session, calls, outcome);
  assert.deepEqual(session.pageErrors, [], `${label}: uncaught errors in the page`);
  assert.deepEqual(session.consoleProblems(), [], `${label}: errors or player warnings in the console`);
  assert.deepEqual(failedRequests(env.server, mount), [], `${label}: package files that could not be loaded`);
}

/**
 * Runs axe-core on every page of the open SCO: as the page is first shown
 * and, on pages with questions, again after answering them right. Returns
 * [{where, violations}].
 */
async function axeEveryPage(session, label) {
  const { course, frame } = session;
  // Through the DevTools protocol, so a Content-Security-Policy in the package does not stop it.
  await injectAxe(frame);
  const found = [];
  const check = async (where) => {
    const violations = await violationsNow(frame);
    if (violations.length) found.push({ where: `${label}, ${where}`, violations });
  };
  for (let k = 0; k < course.pages.length; k++) {
    if (k > 0) await session.next();
    const page = `page ${k} "${course.pages[k].id}"`;
    await check(page);
    if (session.questionsOn(k).length) {
      await session.doPage(k, { correct: true });
      await check(`${page} answered`);
    }
  }
  assert.deepEqual(session.pageErrors, [], `${label}: uncaught errors in the page`);
  return found;
}

function assertNoViolations(found, what) {
  const count = found.reduce((a, f) => a + f.violations.length, 0);
  assert.equal(count, 0, `${count} axe violation(s) in ${what}:\n${formatViolations(found)}`);
}

describe("all courses", () => {
  const env = { courses: {} };

  before(
    async () => {
      chromiumPath(); // fail first, and clearly, when Chromium is missing
      const mounts = {};
      // A course that does not build fails its own tests, not the others'.
      for (const name of COURSES) {
        const dir = path.join(coursesRoot, name);
        const multi = isMultiSco(name);
        try {
          const pkgs = multi ? buildScoPackages(dir) : buildPackages(dir);
          env.courses[name] = { multi, pkgs };
          for (const v of VERSIONS) mounts[mountOf(name, v, multi)] = pkgs.dirs[v];
        } catch (error) {
          env.courses[name] = { multi, error };
        }
      }
      env.server = await startServer({ packages: mounts });
      env.browser = await launchBrowser();
    },
    { timeout: HOOK_TIMEOUT },
  );
  after(
    async () => {
      await env.browser?.close().catch(() => {});
      await env.server?.close().catch(() => {});
      for (const c of Object.values(env.courses)) removeTmp(c.pkgs?.tmp);
    },
    { timeout: 60_000 },
  );

  /** The built course, or the build's error. */
  const built = (name) => {
    const c = env.courses[name];
    if (c.error) throw c.error;
    return c;
  };

  test("there are courses under courses/", () => {
    assert.ok(COURSES.length > 0, `no course folder with a course.toml in ${coursesRoot}`);
  });

  for (const name of COURSES) {
    const multi = isMultiSco(name);
    describe(name, () => {
      if (!multi) {
        for (const version of VERSIONS) {
          test(`${version}: every page, every answer right, to the end`, { timeout: TEST_TIMEOUT }, async () => {
            const { pkgs } = built(name);
            const mount = mountOf(name, version, false);
            const label = `${name} ${version}`;
            await withSco(env, { version, mount, file: "index.html", seed: pkgs.seeds[version], label }, (session) => playToTheEnd(env, session, mount, label));
          });
        }
        test(`${AXE_VERSION}: axe-core on every page`, { timeout: TEST_TIMEOUT }, async () => {
          const { pkgs } = built(name);
          const version = AXE_VERSION;
          const label = `${name} ${version}`;
          let found = [];
          await withSco(env, { version, mount: mountOf(name, version, false), file: "index.html", seed: pkgs.seeds[version], label }, async (session) => {
            found = await axeEveryPage(session, label);
          });
          assertNoViolations(found, label);
        });
        return;
      }

      test(`${MULTI_SCO_VERSION}: every SCO, every page, every answer right, to the end`, { timeout: TEST_TIMEOUT }, async (t) => {
        const { pkgs } = built(name);
        const version = MULTI_SCO_VERSION;
        const { scos } = pkgs.manifests[version];
        assert.ok(scos.length > 0, `${name}: the ${version} manifest lists no SCO`);
        const mount = mountOf(name, version, true);
        // Each SCO its own subtest (its own LMS session and browser context): one failing does not hide the others.
        for (const sco of scos) {
          await t.test(sco.href, { timeout: TEST_TIMEOUT }, async () => {
            const label = `${name} ${version} SCO ${sco.href}`;
            await withSco(env, { version, mount, file: sco.href, seed: pkgs.seeds[version], label }, (session) => playToTheEnd(env, session, mount, label));
          });
        }
      });

      test(`${AXE_VERSION}: axe-core on every page of every SCO`, { timeout: TEST_TIMEOUT }, async () => {
        const { pkgs } = built(name);
        const version = AXE_VERSION;
        const { scos } = pkgs.manifests[version];
        assert.ok(scos.length > 0, `${name}: the ${version} manifest lists no SCO`);
        const found = [];
        for (const sco of scos) {
          const label = `${name} ${version} SCO ${sco.href}`;
          await withSco(env, { version, mount: mountOf(name, version, true), file: sco.href, seed: pkgs.seeds[version], label }, async (session) => {
            found.push(...(await axeEveryPage(session, label)));
          });
        }
        assertNoViolations(found, `${name} ${version}`);
      });
    });
  }
});
