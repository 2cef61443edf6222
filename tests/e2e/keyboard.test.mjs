// Ordering and matching questions (and a fill-in, submitted with Enter in
// its field) answered with the keyboard alone: Tab and
// Shift+Tab to reach every control (the table of contents link to the page
// included), Enter and Space on the move buttons, arrow keys and type-ahead
// in the selects, Enter on the submit button. After each move focus stays
// on the button that moved the item (also when the item itself was moved
// in the DOM), the live region says where the item is now, and the answer
// is judged right. No mouse event is sent after the course opens.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { VERSIONS } from "./lib/env.mjs";
import { plannedAnswer } from "./lib/answers.mjs";
import { SCORM, assertInteractions, assertNoFailedWrites, interactionsSet } from "./lib/scorm.mjs";
import { TEST_TIMEOUT, useEnvironment, withSession } from "./lib/suite.mjs";

const MAX_TABS = 400;

/** What has focus in the course frame, for messages. */
function describeFocus(frame) {
  return frame.evaluate(() => {
    const a = document.activeElement;
    if (!a) return "nothing";
    const bits = [a.tagName.toLowerCase()];
    if (a.id) bits.push(`#${a.id}`);
    for (const k of ["move", "goto", "question"]) if (a.dataset?.[k]) bits.push(`[data-${k}=${a.dataset[k]}]`);
    const item = a.closest?.("li[data-item]");
    if (item) bits.push(`in item ${item.dataset.item}`);
    return `${bits.join("")} "${(a.textContent || "").trim().slice(0, 40)}"`;
  });
}

/**
 * Moves focus to `locator` with Tab (forwards) or Shift+Tab (backwards,
 * when the target comes before the focused element); fails if it takes
 * more than MAX_TABS presses. Returns the number of presses.
 */
async function tabTo(session, locator, what) {
  const { frame } = session;
  const keyboard = session.coursePage.keyboard;
  const handle = await locator.elementHandle();
  assert.ok(handle, `no element for ${what}`);
  for (let n = 0; n <= MAX_TABS; n++) {
    const where = await frame.evaluate((el) => {
      const a = document.activeElement;
      if (a === el) return 0;
      if (!a || a === document.body || a === document.documentElement) return 1;
      return a.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING ? 1 : -1;
    }, handle);
    if (where === 0) return n;
    await keyboard.press(where > 0 ? "Tab" : "Shift+Tab");
  }
  assert.fail(`${MAX_TABS} presses of Tab did not reach ${what}; focus is on ${await describeFocus(frame)}`);
}

/** Goes to page `index` through its table-of-contents link, with Tab and Enter. */
async function gotoByKeyboard(session, index) {
  const link = session.frame.locator(`#kv-toc [data-goto="${index}"]`);
  await tabTo(session, link, `the table-of-contents link to page ${index}`);
  await session.coursePage.keyboard.press("Enter");
  await session.waitForPage(index, "after Enter on its table-of-contents link");
  await session.waitForFocusOnHeading(index);
}

/** The ids of a select's options, the selected index, and the option texts. */
function selectState(frame, selector) {
  return frame.evaluate((sel) => {
    const s = document.querySelector(sel);
    return { values: Array.from(s.options).map((o) => o.value), texts: Array.from(s.options).map((o) => o.textContent.trim()), index: s.selectedIndex, value: s.value };
  }, selector);
}

/** The shortest prefix of `texts[k]` (letters a–z only, no spaces) that no other text starts with, or null. */
function typeAheadPrefix(texts, k) {
  const text = texts[k].toLowerCase();
  for (let n = 1; n <= text.length; n++) {
    const prefix = text.slice(0, n);
    if (!/^[a-z]+$/.test(prefix)) return null;
    if (texts.every((t, j) => j === k || !t.toLowerCase().startsWith(prefix))) return prefix;
  }
  return null;
}

describe("keyboard", () => {
  const env = useEnvironment();

  for (const version of VERSIONS) {
    const s = SCORM[version];

    test(`${version}: ordering, matching and fill-in with the keyboard only`, { timeout: TEST_TIMEOUT }, async () => {
      await withSession(env, version, async (session) => {
        const { course, frame, ui } = session;
        const keyboard = session.coursePage.keyboard;
        // Every ordering and matching question, and the first fill-in (typed, then Enter in the field).
        const fillIn = course.questions.find((q) => q.type === "fill-in");
        const questions = course.questions.filter((q) => q.type === "ordering" || q.type === "matching" || q === fillIn);
        assert.ok(questions.some((q) => q.type === "ordering"), "the course has no ordering question");
        assert.ok(questions.some((q) => q.type === "matching"), "the course has no matching question");
        // From here on: no mouse.
        let mouse = 0;
        await frame.evaluate(() => {
          window.__kvMouse = 0;
          for (const t of ["mousedown", "mouseup", "pointerdown"]) document.addEventListener(t, () => (window.__kvMouse += 1), true);
        });
        const submitted = [];
        const problems = [];
        let typed = 0;
        let arrows = 0;
        let keys = 0; // alternates Enter and Space on the move buttons
        for (const q of questions) {
          if ((await session.currentPage()) !== q.page) await gotoByKeyboard(session, q.page);
          const form = await session.form(q.id);
          const before = await session.formLock(q.id);
          const triesBefore = session.triesShown(before);
          const right = plannedAnswer(q, true);

          if (q.type === "ordering") {
            const start = await session.order(q.id);
            assert.ok(start.length >= 2, `ordering ${q.id} has fewer than two items`);
            // Up on the top item: nothing moves, focus stays.
            const topUp = form.locator(`li[data-item="${start[0]}"] button[data-move="up"]`);
            await tabTo(session, topUp, `the up button of the top item of ${q.id}`);
            await keyboard.press("Enter");
            assert.deepEqual(await session.order(q.id), start, `ordering ${q.id}: "up" on the top item moved something`);
            assert.ok(await topUp.evaluate((b) => document.activeElement === b), `ordering ${q.id}: focus left the top item's up button`);
            // Down with Space: the top item goes one place down.
            const topDown = form.locator(`li[data-item="${start[0]}"] button[data-move="down"]`);
            await tabTo(session, topDown, `the down button of the top item of ${q.id}`);
            await keyboard.press("Space");
            await session.assertMoved(q, start[0], "down", 1);
            // Then every item up to its place, Enter and Space in turn.
            await session.arrange(q, right.chosen, {
              press: async (button, { item }) => {
                await tabTo(session, button, `the up button of item ${item} of ${q.id}`);
                await keyboard.press(keys++ % 2 === 0 ? "Enter" : "Space");
              },
            });
          } else if (q.type === "matching") {
            for (const [k, o] of q.options.entries()) {
              const selector = `form[data-question="${q.id}"] select#q-${q.id}-${o.id}`;
              await tabTo(session, frame.locator(selector), `the select for ${o.id} in ${q.id}`);
              let st = await selectState(frame, selector);
              const target = st.values.indexOf(right.chosen[k]);
              assert.ok(target > 0, `matching ${q.id}: no option ${right.chosen[k]} in ${selector}`);
              const prefix = k % 2 === 1 ? typeAheadPrefix(st.texts, target) : null;
              if (prefix) {
                typed += 1;
                await keyboard.type(prefix);
                st = await selectState(frame, selector);
                assert.equal(st.index, target, `matching ${q.id}: typing ${JSON.stringify(prefix)} in ${selector} did not pick ${JSON.stringify(st.texts[target])}`);
              }
              while (st.index !== target) {
                const key = st.index < target ? "ArrowDown" : "ArrowUp";
                const from = st.index;
                arrows += 1;
                await keyboard.press(key);
                st = await selectState(frame, selector);
                assert.equal(st.index, from + (key === "ArrowDown" ? 1 : -1), `matching ${q.id}: ${key} in ${selector}`);
              }
              assert.ok(await frame.locator(selector).evaluate((el) => document.activeElement === el), `matching ${q.id}: focus left ${selector}`);
            }
            assert.deepEqual((await session.formStates())[q.id].selects, right.chosen, `matching ${q.id}: the selects after the keys`);
          }

          await session.submit(q, right, triesBefore, async (button) => {
            if (q.type === "fill-in") {
              const field = form.locator('input[type="text"]');
              await tabTo(session, field, `the text field of ${q.id}`);
              await keyboard.type(right.text);
              assert.equal(await field.inputValue(), right.text, `fill-in ${q.id}: the text typed`);
              await keyboard.press("Enter");
              return;
            }
            await tabTo(session, button, `the submit button of ${q.id}`);
            await keyboard.press("Enter");
          });
          submitted.push(right);
          const state = (await session.formStates())[q.id];
          assert.equal(state.verdict, ui.correct, `${q.type} ${q.id}: answered with the keyboard, judged ${JSON.stringify(state.verdict)}`);
          // Focus is not lost to the page when the form locks (it does once
          // a question with limited tries is settled). Collected, so the
          // rest of the run still shows.
          const focus = await describeFocus(frame);
          if (/^body/.test(focus)) {
            problems.push(
              `${s.label}: ${q.type} ${q.id} (${q.attempts} ${q.attempts === 1 ? "try" : "tries"}): answered right with Enter ` +
                `(${q.type === "fill-in" ? "in its text field" : "on its submit button"}), the form locked (${state.disabled} controls disabled, ` +
                `the focused one among them) and focus fell to <body>`,
            );
          }
        }
        assert.ok(typed > 0 && arrows > 0, `the selects should be set both by typing (${typed}) and with arrow keys (${arrows})`);
        mouse = await frame.evaluate(() => window.__kvMouse);
        assert.equal(mouse, 0, "mouse events reached the course during the keyboard-only part");

        const calls = await session.calls();
        assertNoFailedWrites(calls, s);
        assertInteractions(calls, s, version, course, submitted);
        for (const [n, rec] of interactionsSet(calls, s)) assert.equal(rec.values.result, "correct", `${s.label}: cmi.interactions.${n}.result`);
        assert.deepEqual(session.pageErrors, [], `${s.label}: uncaught errors in the page`);
        assert.deepEqual(session.consoleProblems(), [], `${s.label}: errors or player warnings in the console`);
        assert.deepEqual(problems, [], `${s.label}: keyboard focus lost`);
      });
    });
  }
});

