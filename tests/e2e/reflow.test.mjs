// Reflow (WCAG 1.4.10): every page of both courses, in an LMS page whose
// course iframe is 320 CSS px wide, shows with no horizontal scrolling and
// nothing sticking out of the frame: long words break, selects, inputs and
// the calculator fit, tables scroll inside their own box. Each page is
// measured as it is first shown and again after its questions are answered
// (wrong: feedback, answer keys and locked questions show), the result page
// after the quiz, and "Mina svar" on a course with reflections. Then, on a
// 375 px phone, the matching questions' selects stay inside their question
// and the question text and "Nästa" stay on screen.
//
// Kugghjul is one SCO (index.html); Handläggning is one SCO per chapter, so
// every chapter's launch file is opened in turn.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { VERSIONS, buildPackages, buildScoPackages, chromiumPath, courseDir, launchBrowser, removeTmp } from "./lib/env.mjs";
import { startServer } from "./lib/server.mjs";
import { Session } from "./lib/session.mjs";
import { HOOK_TIMEOUT, TEST_TIMEOUT } from "./lib/suite.mjs";

const NARROW = { width: 320, height: 640 };

// A course made to be hard to reflow: what the real courses do not have yet
// (a wide table, a code block, a long URL) and more of what they do (long
// compound words in headings, long options in selects, a calculator with
// long labels and large numbers, long items to order).
const LONG = "Barnavårdsutredningsdokumentationsstödsansvarigheten";
const STRESS = {
  "course.toml":
    'id = "reflow"\ntitle = "Samverkansöverenskommelsedokumentationen i barnavårdsutredningar"\nlanguage = "sv"\n' +
    'version = "1"\nmastery-score = 80\nchapters = ["01-text.md", "02-fragor.md"]\n',
  "01-text.md": `# ${LONG}

Läs mer på https://example.org/socialtjanst/barnavardsutredningar/kugghjulsmodellen/dokumentationsstod/bilaga-2-forberedelser-for-varje-ovning.html eller i \`en_mycket_lang_variabel_utan_mellanrum_som_inte_far_bryta_layouten\`.

| Vecka | Socialtjänsten | Skolan | BUP | Första linjen | Samordnaren | Barnet | Vårdnadshavarna |
| --- | --- | --- | --- | --- | --- | --- | --- |
| 1 | Utredningsplanering | Iakttagelser | Journalgenomgång | Samtal | Kallar till möte | Samtal | Samtal |
| 6 | Bedömning | – | – | – | Avslutar | Återkoppling | Kommunicering |

\`\`\`
veckor_traditionell * timmar_traditionell - veckor_kugghjul * timmar_kugghjul * timpris * utredningar_per_ar
\`\`\`

## Räkna

> [!KALKYL] lang
> Ändra värdena.
>
> #### Indata
> - \`a\` Arbetstimmar per vecka för en traditionell barnavårdsutredning: 4000 timmar (0–100000)
> - \`b\` Kostnad per arbetstimme inklusive arbetsgivaravgifter: 45000 kr (0–1000000)
>
> #### Resultat
> - Kostnad per år för samtliga traditionella barnavårdsutredningar: \`a * b * 52\` kr
`,
  "02-fragor.md": `# Frågor

> [!PARA] para-langt
> Para ihop varje begrepp med det som beskriver det.
>
> - Samverkansöverenskommelse = en skriftlig överenskommelse mellan socialtjänsten, skolan och barn- och ungdomspsykiatrin om hur de ska arbeta tillsammans
> - Utredningsunderlag = det som bedömningen av barnets behov av stöd och skydd vilar på, från alla verksamheter som känner barnet

> [!ORDNING] ordning-langt
> Sätt stegen i rätt ordning.
>
> 1. Socialtjänsten får veta något som tyder på att ett barn kan behöva stöd eller skydd.
> 2. ${LONG} utreds.
> 3. Socialtjänsten föreslår vad som bör hända.
`,
};
const PHONE = { width: 375, height: 667 };

/**
 * In the course frame: how far the document scrolls sideways, and the
 * outermost elements that stick out of the frame's width. An element inside
 * a box that scrolls on its own (overflow-x auto or scroll, below <body>)
 * does not count; that box itself must fit. Elements clipped by an
 * `overflow: hidden` box do count (their content is cut off). The skip link
 * and visually hidden text sit off screen on purpose.
 */
function measure() {
  const doc = document.documentElement;
  const width = doc.clientWidth;
  const scroll = Math.max(doc.scrollWidth, document.body.scrollWidth) - width;
  const scrollsInside = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox === "auto" || ox === "scroll") return true;
    }
    return false;
  };
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    if (typeof el.className === "string" && el.className.trim()) s += `.${el.className.trim().split(/\s+/).join(".")}`;
    const text = (el.textContent || "").replace(/\s+/g, " ").trim();
    return text ? `${s} "${text.length > 40 ? `${text.slice(0, 40)}…` : text}"` : s;
  };
  // In document coordinates: focus may have scrolled the frame sideways.
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left + scrollX, right: r.right + scrollX, width: r.width, height: r.height };
  };
  const out = new Set();
  for (const el of document.body.querySelectorAll("*")) {
    if (el.closest(".kv-skip, .kv-visually-hidden, [hidden]")) continue;
    const r = box(el);
    if (r.width === 0 && r.height === 0) continue;
    if (r.right <= width + 0.5 && r.left >= -0.5) continue;
    if (scrollsInside(el)) continue;
    out.add(el);
  }
  // The innermost of them, furthest out first: usually the cause (a long
  // word, a select), not the boxes it widened.
  const inner = [...out].filter((el) => ![...el.querySelectorAll("*")].some((d) => out.has(d)));
  const edge = (el) => Math.max(box(el).right - width, -box(el).left);
  inner.sort((a, b) => edge(b) - edge(a));
  return {
    width,
    scroll,
    out: inner.map((el) => {
      const r = box(el);
      return `${describe(el)}: ${Math.round(r.left)}..${Math.round(r.right)} px`;
    }),
  };
}

/** Measures the frame now; returns a problem line (or null) and the overflow in px. */
async function check(frame, where) {
  const m = await frame.evaluate(measure);
  const problem =
    m.scroll > 0 || m.out.length
      ? `${where}: the document scrolls ${m.scroll} px sideways (frame ${m.width} px wide)` +
        (m.out.length ? `; sticking out:\n      ${m.out.slice(0, 6).join("\n      ")}${m.out.length > 6 ? `\n      … and ${m.out.length - 6} more` : ""}` : "")
      : null;
  return { problem, scroll: m.scroll };
}

/**
 * Shows every page of the SCO open in `session` in turn ("Nästa"),
 * measuring each before and after answering its questions wrong, then "Mina
 * svar" if the course has it. Returns {problems, figures: "<page id>
 * <px>"...}.
 */
async function walk(session, label) {
  const { course, frame } = session;
  const problems = [];
  const figures = [];
  for (let k = 0; k < course.pages.length; k++) {
    if (k > 0) await session.next();
    const where = `${label} page ${k} "${course.pages[k].id}"`;
    const first = await check(frame, where);
    let worst = first.scroll;
    if (first.problem) problems.push(first.problem);
    if (session.questionsOn(k).length) {
      await session.doPage(k, { correct: false, reorder: true });
      const after = await check(frame, `${where}, after answering its questions`);
      if (after.problem) problems.push(after.problem);
      worst = Math.max(worst, after.scroll);
    }
    figures.push(`${course.pages[k].id} ${worst}`);
  }
  const open = frame.locator("#kv-record-open");
  if (await open.count()) {
    await open.click();
    await frame.waitForSelector("#kv-record:not([hidden])");
    const rec = await check(frame, `${label} "Mina svar"`);
    if (rec.problem) problems.push(rec.problem);
    figures.push(`mina-svar ${rec.scroll}`);
  }
  return { problems, figures };
}

describe("reflow", () => {
  const env = {};
  before(
    async () => {
      chromiumPath();
      env.single = buildPackages(courseDir("kugghjul"));
      env.multi = buildScoPackages(courseDir("handlaggning"));
      env.stressDir = fs.mkdtempSync(path.join(os.tmpdir(), "kv-reflow-course-"));
      for (const [name, text] of Object.entries(STRESS)) fs.writeFileSync(path.join(env.stressDir, name), text);
      env.stress = buildPackages(env.stressDir);
      const packages = {};
      for (const v of VERSIONS) {
        packages[v] = env.single.dirs[v];
        packages[`sco-${v}`] = env.multi.dirs[v];
        packages[`stress-${v}`] = env.stress.dirs[v];
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
      removeTmp(env.single?.tmp);
      removeTmp(env.multi?.tmp);
      removeTmp(env.stress?.tmp);
      removeTmp(env.stressDir);
    },
    { timeout: 60_000 },
  );

  /** Opens a SCO in the LMS host in `context`; runs `body(session)`; closes it. */
  async function withSco(context, version, pkg, file, seed, body) {
    const session = await Session.open(env.browser, env.server.url, version, { context, pkg, file, seed });
    try {
      const width = await session.frame.evaluate(() => window.innerWidth);
      assert.equal(width, context.kvWidth, `the course iframe should be ${context.kvWidth} CSS px wide`);
      await body(session);
      assert.deepEqual(session.pageErrors, [], `${file}: page errors`);
    } finally {
      await session.close();
    }
  }

  async function narrowContext(viewport) {
    const context = await env.browser.newContext({ viewport });
    context.kvWidth = viewport.width;
    return context;
  }

  for (const version of VERSIONS) {
    test(`${version}: kugghjul, every page at 320 CSS px`, { timeout: TEST_TIMEOUT }, async (t) => {
      const context = await narrowContext(NARROW);
      try {
        await withSco(context, version, version, "index.html", env.single.seeds[version], async (session) => {
          const { problems, figures } = await walk(session, "kugghjul");
          t.diagnostic(`overflow per page (px): ${figures.join(", ")}`);
          assert.equal(problems.length, 0, `${problems.length} place(s) do not reflow at 320 CSS px:\n  ${problems.join("\n  ")}`);
        });
      } finally {
        await context.close();
      }
    });

    test(`${version}: handlaggning (one SCO per chapter), every page at 320 CSS px`, { timeout: TEST_TIMEOUT }, async (t) => {
      const { scos } = env.multi.manifests[version];
      assert.ok(scos.length > 1, "handlaggning should have one SCO per chapter");
      const context = await narrowContext(NARROW);
      const problems = [];
      try {
        for (const sco of scos) {
          await withSco(context, version, `sco-${version}`, sco.href, env.multi.seeds[version], async (session) => {
            const found = await walk(session, sco.href);
            t.diagnostic(`${sco.href}: overflow per page (px): ${found.figures.join(", ")}`);
            problems.push(...found.problems);
          });
        }
      } finally {
        await context.close();
      }
      assert.equal(problems.length, 0, `${problems.length} place(s) do not reflow at 320 CSS px:\n  ${problems.join("\n  ")}`);
    });

    test(`${version}: a course made to be hard to reflow (wide table, code, long URL, long words), every page at 320 CSS px`, { timeout: TEST_TIMEOUT }, async (t) => {
      const context = await narrowContext(NARROW);
      try {
        await withSco(context, version, `stress-${version}`, "index.html", env.stress.seeds[version], async (session) => {
          const { problems, figures } = await walk(session, "reflow course");
          t.diagnostic(`overflow per page (px): ${figures.join(", ")}`);
          assert.equal(problems.length, 0, `${problems.length} place(s) do not reflow at 320 CSS px:\n  ${problems.join("\n  ")}`);
          // The table keeps its columns and scrolls inside its own box.
          await session.gotoViaToc(0);
          const table = await session.frame.evaluate(() => {
            const el = document.querySelector("section.kv-page table");
            return el && { scrolls: el.scrollWidth > el.clientWidth, overflowX: getComputedStyle(el).overflowX };
          });
          assert.deepEqual(table, { scrolls: true, overflowX: "auto" }, "the wide table should scroll inside its own box");
        });
      } finally {
        await context.close();
      }
    });

    test(`${version}: kugghjul on a 375 px phone: matching selects stay inside their question`, { timeout: TEST_TIMEOUT }, async () => {
      const context = await narrowContext(PHONE);
      try {
        await withSco(context, version, version, "index.html", env.single.seeds[version], async (session) => {
          const pages = [...new Set(session.course.questions.filter((q) => q.type === "matching").map((q) => q.page))];
          assert.ok(pages.length > 0, "kugghjul should have matching questions");
          const problems = [];
          for (const k of pages) {
            await session.gotoViaToc(k);
            const found = await session.frame.evaluate((i) => {
              const vw = document.documentElement.clientWidth;
              // Right edges in document coordinates (focus may have scrolled the frame sideways).
              const right = (el) => el.getBoundingClientRect().right + scrollX;
              const page = document.querySelector(`section.kv-page[data-page="${i}"]`);
              const bad = [];
              for (const form of page.querySelectorAll("form.kv-matching")) {
                const box = right(form);
                const legend = right(form.querySelector("legend"));
                if (box > vw + 0.5) bad.push(`${form.dataset.question}: the question box ends at ${Math.round(box)} px`);
                if (legend > vw + 0.5) bad.push(`${form.dataset.question}: the question text ends at ${Math.round(legend)} px`);
                for (const select of form.querySelectorAll("select")) {
                  const r = right(select);
                  if (r > box + 0.5) bad.push(`${form.dataset.question}: select #${select.id} ends at ${Math.round(r)} px, its question at ${Math.round(box)} px`);
                }
              }
              const next = right(document.querySelector("#kv-next"));
              if (next > vw + 0.5) bad.push(`"Nästa" ends at ${Math.round(next)} px`);
              const scroll = document.documentElement.scrollWidth - vw;
              if (scroll > 0) bad.push(`the document scrolls ${scroll} px sideways`);
              return bad.map((b) => `page ${i}: ${b} (viewport ${vw} px)`);
            }, k);
            problems.push(...found);
          }
          assert.equal(problems.length, 0, problems.join("\n"));
        });
      } finally {
        await context.close();
      }
    });
  }
});
