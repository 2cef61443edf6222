// Calculators ([!KALKYL]): before any input the results show the build-time
// values (the same the formulas give for the default inputs); every change
// of an input recomputes them at once, as the course data's postfix
// formulas say (evaluated here, independently), written the course
// language's way (Swedish: non-breaking space between thousands, decimal
// comma, "−" for minus); an input out of its range (or empty) is marked
// aria-invalid="true" and the results that need it show "–", as does a
// division by zero. Nothing of it reaches the LMS.
//
// The course's own calculator has whole-number results only, so a copy of
// the course gets three more results (decimals, a negative literal, a
// division by an input that may be 0) built from its first inputs.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { VERSIONS, buildPackages, chromiumPath, copyCourse, courseDir, launchBrowser, readCourseFile, removeTmp } from "./lib/env.mjs";
import { SCORM } from "./lib/scorm.mjs";
import { Session } from "./lib/session.mjs";
import { startServer } from "./lib/server.mjs";
import { HOOK_TIMEOUT, TEST_TIMEOUT } from "./lib/suite.mjs";

const NBSP = "\u00a0";
const MINUS = "\u2212";
const DASH = "\u2013";

/** Evaluates a postfix formula from the course data; null where the player shows "–". */
function evaluate(rpn, values) {
  const stack = [];
  for (const token of rpn) {
    let value;
    if (["+", "-", "*", "/"].includes(token)) {
      if (stack.length < 2) return null;
      const b = stack.pop();
      const a = stack.pop();
      if (token === "/" && b === 0) return null;
      value = token === "+" ? a + b : token === "-" ? a - b : token === "*" ? a * b : a / b;
    } else if (token === "~") {
      if (stack.length < 1) return null;
      value = -stack.pop();
    } else if (token.startsWith("#")) {
      const m = /^#(-?\d+)\/(\d+)$/.exec(token);
      assert.ok(m, `a literal the test cannot read: ${token}`);
      value = Number(m[1]) / 10 ** Number(m[2]);
    } else {
      if (!(token in values) || values[token] === null) return null;
      value = values[token];
    }
    if (!Number.isFinite(value)) return null;
    stack.push(value);
  }
  return stack.length === 1 ? stack[0] : null;
}

/** A number the way the course language writes it, with `decimals` decimals; "–" for null. */
function formatNumber(value, decimals, language) {
  if (value === null) return DASH;
  const d = Math.min(decimals, 6);
  const scale = 10 ** d;
  const x = value * scale;
  const scaled = Math.sign(x) * Math.round(Math.abs(x)); // half away from zero, as Rust's round()
  if (!Number.isFinite(scaled) || Math.abs(scaled) > 9e15) return DASH;
  const abs = Math.abs(scaled);
  const whole = String(Math.floor(abs / scale));
  const frac = String(abs % scale).padStart(d, "0");
  const [group, point] = language === "sv" ? [NBSP, ","] : [",", "."];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${scaled < 0 ? MINUS : ""}${grouped}${d > 0 ? `${point}${frac}` : ""}`;
}

/** The calculator's results as the packager wrote them into the page (before the player runs). */
function builtOutputs(dir, id) {
  const html = fs.readFileSync(path.join(dir, "index.html"), "utf8");
  const start = html.indexOf(`data-calculator="${id}"`);
  assert.ok(start >= 0, `index.html has no calculator ${id}`);
  const form = html.slice(start, html.indexOf("</form>", start));
  const unescape = (t) => t.replaceAll("&nbsp;", NBSP).replaceAll("&#160;", NBSP).replaceAll("&minus;", MINUS).replaceAll("&amp;", "&");
  return [...form.matchAll(/<output data-output="(\d+)">([^<]*)<\/output>/g)].map((m) => unescape(m[2]));
}

/** Adds three results to the first calculator of a course copy; returns their formulas. */
function addOutputs(dir, names) {
  const [a, b, c] = names;
  const lines = [
    `> - Per dag: \`${a} / 7\` st (2 decimaler)`,
    `> - Skillnad gånger minus två och en halv: \`(${b} - ${a}) * -2,5 / 7\` st (1 decimal)`,
    `> - Tusental per enhet: \`${a} * 1000 / ${c}\` st (1 decimal)`,
  ];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".md"))) {
    const md = fs.readFileSync(path.join(dir, file), "utf8").split("\n");
    const start = md.findIndex((l) => /^> \[!(KALKYL|CALCULATOR)\]/.test(l));
    if (start < 0) continue;
    let end = start;
    while (end + 1 < md.length && md[end + 1].startsWith(">")) end++;
    let lastItem = end;
    while (lastItem > start && !md[lastItem].startsWith("> - ")) lastItem--;
    assert.ok(lastItem > start, `${file}: the calculator has no result list`);
    md.splice(lastItem + 1, 0, ...lines);
    fs.writeFileSync(path.join(dir, file), md.join("\n"));
    return lines;
  }
  assert.fail("no chapter of the course copy has a calculator");
}

/** The inputs (name, min, max, value, aria-invalid) and output texts of a calculator form in the page. */
function readForm(frame, id) {
  return frame.evaluate((cid) => {
    const form = document.querySelector(`form.kv-calculator[data-calculator="${cid}"]`);
    return {
      inputs: Array.from(form.querySelectorAll('input[type="number"]')).map((i) => ({
        name: i.name,
        min: i.min === "" ? null : Number(i.min),
        max: i.max === "" ? null : Number(i.max),
        value: i.value,
        defaultValue: i.defaultValue,
        invalid: i.getAttribute("aria-invalid"),
      })),
      outputs: Array.from(form.querySelectorAll("output[data-output]")).map((o) => ({ index: Number(o.dataset.output), text: o.textContent })),
    };
  }, id);
}

describe("calculator", () => {
  const env = {};
  before(
    async () => {
      chromiumPath();
      env.tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-calc-"));
      env.orig = buildPackages(courseDir(), { tmp: env.tmp, prefix: "orig-" });
      const course = readCourseFile(env.orig.dirs.scorm2004);
      assert.ok(course.calculators.length > 0, "the course has no calculator");
      assert.ok(course.calculators[0].inputs.length >= 3, "the first calculator needs at least three inputs for the extra results");
      env.copy = copyCourse("kugghjul");
      env.added = addOutputs(env.copy.dir, course.calculators[0].inputs);
      env.more = buildPackages(env.copy.dir, { tmp: env.tmp, prefix: "more-" });
      const packages = {};
      for (const v of VERSIONS) {
        packages[`orig-${v}`] = env.orig.dirs[v];
        packages[`more-${v}`] = env.more.dirs[v];
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

  for (const build of ["orig", "more"]) {
    for (const version of VERSIONS) {
      const s = SCORM[version];
      test(`${version}: ${build === "orig" ? "the course's calculator" : "with decimals, a negative literal and a division by an input"}`, { timeout: TEST_TIMEOUT }, async () => {
        const pkgs = env[build];
        const session = await Session.open(env.browser, env.server.url, version, { pkg: `${build}-${version}`, seed: pkgs.seeds[version] });
        try {
          const { course, frame } = session;
          const seen = { negative: false, thousands: false, decimals: false, dash: false, divisionByZero: false };
          for (const calc of course.calculators) {
            const where = `${s.label}: calculator ${calc.id}`;
            const selector = `form.kv-calculator[data-calculator="${calc.id}"]`;
            const page = await session.pageOf(selector);
            await session.gotoViaToc(page);
            const form = frame.locator(selector);

            let state = await readForm(frame, calc.id);
            assert.deepEqual(state.inputs.map((i) => i.name), calc.inputs, `${where}: the inputs in the page`);
            assert.deepEqual(state.outputs.map((o) => o.index), calc.outputs.map((_, k) => k), `${where}: one output[data-output] per result`);

            /** Asserts the outputs for the inputs' current values (from the page); returns the texts. */
            const check = async (what) => {
              state = await readForm(frame, calc.id);
              const values = {};
              for (const i of state.inputs) {
                const n = i.value.trim() === "" ? NaN : Number(i.value);
                const ok = Number.isFinite(n) && (i.min === null || n >= i.min) && (i.max === null || n <= i.max);
                values[i.name] = ok ? n : null;
                assert.equal(i.invalid, ok ? "false" : "true", `${where}, ${what}: aria-invalid of ${i.name} = ${JSON.stringify(i.value)} (range ${i.min}–${i.max})`);
              }
              const expected = calc.outputs.map((f) => formatNumber(evaluate(f.rpn, values), f.decimals, course.language));
              assert.deepEqual(
                state.outputs.map((o) => o.text),
                expected,
                `${where}, ${what}: results for ${JSON.stringify(values)} (formulas ${JSON.stringify(calc.outputs.map((f) => f.rpn.join(" ")))})`,
              );
              for (const [k, t] of expected.entries()) {
                if (t.startsWith(MINUS)) seen.negative = true;
                if (t.includes(NBSP)) seen.thousands = true;
                if (t.includes(course.language === "sv" ? "," : ".")) seen.decimals = true;
                if (t === DASH) {
                  seen.dash = true;
                  if (calc.outputs[k].rpn.every((tok) => !(tok in values) || values[tok] !== null)) seen.divisionByZero = true;
                }
              }
              return expected;
            };

            // Before any input: what the packager computed, which is what the formulas give.
            const atBuild = builtOutputs(pkgs.dirs[version], calc.id);
            const defaults = await check("before any input");
            assert.deepEqual(atBuild, defaults, `${where}: the results written at build time differ from the formulas' results for the default inputs`);
            assert.deepEqual(state.inputs.map((i) => i.value), state.inputs.map((i) => i.defaultValue), `${where}: the inputs do not show their defaults`);

            const setsBefore = (await session.calls()).filter((c) => c.method === s.set).length;
            const input = (name) => form.locator(`input[type="number"][name="${name}"]`);
            const range = Object.fromEntries(state.inputs.map((i) => [i.name, i]));
            const inRange = (name, frac) => {
              const { min, max } = range[name];
              const lo = min ?? 0;
              const hi = max ?? lo + 1000;
              return Math.round((lo + (hi - lo) * frac) * 10) / 10;
            };

            // One input at a time: the results follow at once.
            const FRACS = [0.83, 0.11, 0.0025, 0.57, 0.91, 0.77, 0.33, 0.5];
            for (const [k, name] of calc.inputs.entries()) {
              await input(name).fill(String(inRange(name, FRACS[k % FRACS.length])));
              await check(`after changing ${name}`);
            }
            // The smallest value each input allows (0 where it may be: a division by it).
            for (const name of calc.inputs) {
              if (range[name].min === null) continue;
              await input(name).fill(String(range[name].min));
              await check(`${name} at its minimum ${range[name].min}`);
              await input(name).fill(String(inRange(name, 0.5)));
            }
            // Out of range, below, and empty: marked invalid, dependent results "–".
            const first = calc.inputs[0];
            const { min, max } = range[first];
            if (max !== null) {
              await input(first).fill(String(max + 1));
              await check(`${first} above its maximum ${max}`);
              assert.equal(await input(first).getAttribute("aria-invalid"), "true", `${where}: ${first} = ${max + 1} (max ${max})`);
            }
            if (min !== null) {
              await input(first).fill(String(min - 1));
              await check(`${first} below its minimum ${min}`);
            }
            await input(first).fill("");
            await check(`${first} empty`);
            assert.equal(await input(first).getAttribute("aria-invalid"), "true", `${where}: ${first} empty`);
            // Enter in an input recomputes and stays on the page.
            await input(first).fill(String(inRange(first, 0.25)));
            await input(first).press("Enter");
            await check(`Enter in ${first}`);
            assert.equal(await session.currentPage(), page, `${where}: Enter in an input left the page`);
            assert.equal(await frame.evaluate(() => document.documentElement.dataset.kvReady), "1", `${where}: Enter in an input reloaded the course`);

            const setsAfter = (await session.calls()).filter((c) => c.method === s.set).length;
            assert.equal(setsAfter, setsBefore, `${where}: calculator input reached the LMS (SetValue calls)`);
          }
          assert.ok(seen.negative && seen.thousands && seen.dash, `${s.label}: the values tried should show a negative result, a thousands separator and "–": ${JSON.stringify(seen)}`);
          if (build === "more") {
            assert.equal(course.calculators[0].outputs.length, readCourseFile(env.orig.dirs[version]).calculators[0].outputs.length + env.added.length, "the added results are not in the built course");
            assert.ok(seen.decimals && seen.divisionByZero, `${s.label}: the added results should show decimals and a division by zero: ${JSON.stringify(seen)}`);
          }
          assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
          assert.deepEqual(session.consoleProblems(), [], `${s.label}: errors or player warnings in the console`);
        } catch (err) {
          err.message += `\n\n--- ${version} diagnostics ---\n${await session.diagnostics()}`;
          throw err;
        } finally {
          await session.close();
        }
      });
    }
  }
});
