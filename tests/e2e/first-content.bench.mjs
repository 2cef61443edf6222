// First content: how long a Kursverk course page takes to show its text in
// an LMS, against a plain HTML SCO with the same text in the same LMS page.
//
// Method (issue 11): the Kugghjul course is built with the kursverk binary
// and served the way Moodle serves a package (tests/e2e/lib/server.mjs:
// `.js` as application/x-javascript, `.wasm` as application/octet-stream,
// no caching); the LMS page is tests/e2e/lms/host.html with scorm-again,
// which launches the SCO in an iframe. The plain SCO is generated from the
// built index.html: the same markup with the player's scripts and the
// course data removed and the stylesheet inline in its head (plain HTML
// needs no second request). Runs alternate course / plain, each in a fresh
// browser context; the figure is the iframe's first-contentful-paint
// (Paint Timing, relative to the iframe document's navigation start). The
// medians and their ratio are printed, with what the course page waited
// for (render-blocking resources, when its document arrived and was
// parsed).
//
//   node tests/e2e/first-content.bench.mjs
//
// Environment: RUNS (runs of each, default 7), LATENCY_MS (round trip the
// browser adds to every request, DevTools network emulation; default 0 on
// this machine's loopback; try 100 for an LMS across the internet),
// KURSVERK_BIN, CHROMIUM, and SCORM (12 or 2004, default 12).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AdmZip from "adm-zip";
import { courseDir, launchBrowser, removeTmp, runBuild } from "./lib/env.mjs";
import { startServer } from "./lib/server.mjs";

const RUNS = Number(process.env.RUNS || 7);
const LATENCY = Number(process.env.LATENCY_MS || 0);
const V = process.env.SCORM === "2004" ? "2004" : "12";

/** The plain SCO: `html` without scripts, with linked stylesheets inline (read from `dir`). */
function plainSco(html, dir) {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>\n?/g, "")
    .replace(/<link rel="stylesheet" href="([^"]+)">/g, (_, href) => `<style>${fs.readFileSync(path.join(dir, href), "utf8")}</style>`);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Opens `pkg` in the LMS host in a fresh context; returns the frame's timings once it has painted. */
async function firstContent(browser, url, pkg) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    // When the player says it is ready (data-kv-ready), in the frame's clock.
    await context.addInitScript(() => {
      new MutationObserver((_, o) => {
        if (document.documentElement?.dataset.kvReady === "1") {
          window.kvReadyAt = performance.now();
          o.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-kv-ready"] });
    });
    const page = await context.newPage();
    if (LATENCY > 0) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: LATENCY, downloadThroughput: -1, uploadThroughput: -1 });
    }
    await page.goto(`${url}/lms/host.html?v=${V}&pkg=${encodeURIComponent(pkg)}`);
    const handle = await page.waitForSelector("iframe#sco", { state: "attached" });
    const frame = await handle.contentFrame();
    await frame.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, null, { timeout: 30_000, polling: 20 });
    if (pkg.endsWith("index.html")) await frame.waitForFunction(() => window.kvReadyAt !== undefined, null, { timeout: 30_000, polling: 20 });
    return await frame.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      return {
        fcp: performance.getEntriesByName("first-contentful-paint")[0].startTime,
        responseEnd: nav.responseEnd,
        domInteractive: nav.domInteractive,
        blocking: performance
          .getEntriesByType("resource")
          .filter((r) => r.renderBlockingStatus === "blocking")
          .map((r) => `${r.name.replace(location.origin, "")} (until ${Math.round(r.responseEnd)} ms)`),
        bytes: nav.decodedBodySize,
        ready: window.kvReadyAt ?? null,
      };
    });
  } finally {
    await context.close();
  }
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-fcp-"));
  try {
    const out = path.join(tmp, "out");
    fs.mkdirSync(out);
    runBuild(courseDir("kugghjul"), out, V === "12" ? "scorm12" : "scorm2004");
    const zip = fs.readdirSync(out).find((f) => f.endsWith(".zip"));
    const dir = path.join(tmp, "pkg");
    new AdmZip(path.join(out, zip)).extractAllTo(dir, true);
    const html = fs.readFileSync(path.join(dir, "index.html"), "utf8");
    fs.writeFileSync(path.join(dir, "plain.html"), plainSco(html, dir));
    const server = await startServer({ packages: { k: dir } });
    const browser = await launchBrowser();
    const runs = { course: [], plain: [] };
    try {
      await firstContent(browser, server.url, "/pkg/k/plain.html"); // warm-up
      await firstContent(browser, server.url, "/pkg/k/index.html");
      for (let i = 0; i < RUNS; i++) {
        runs.course.push(await firstContent(browser, server.url, "/pkg/k/index.html"));
        runs.plain.push(await firstContent(browser, server.url, "/pkg/k/plain.html"));
      }
    } finally {
      await browser.close();
      await server.close();
    }
    const fcp = (k) => median(runs[k].map((r) => r.fcp));
    const course = fcp("course");
    const plain = fcp("plain");
    const last = runs.course[runs.course.length - 1];
    const fmt = (x) => `${x.toFixed(0)} ms`;
    console.log(
      `First content, Kugghjul in the LMS host (scorm-again, SCORM ${V === "12" ? "1.2" : "2004"}), ` +
        `${RUNS} alternating runs each, Chromium, ${os.cpus().length} cores, network latency ${LATENCY} ms:`,
    );
    console.log(`  plain HTML SCO   median ${fmt(plain)}  (runs: ${runs.plain.map((r) => r.fcp.toFixed(0)).join(" ")})`);
    console.log(`  Kursverk course  median ${fmt(course)}  (runs: ${runs.course.map((r) => r.fcp.toFixed(0)).join(" ")})`);
    console.log(`  ratio            ${(course / plain).toFixed(2)}×  (target: ≤ 1.10×)`);
    console.log(
      `  course page: ${last.bytes} bytes, document in by ${fmt(median(runs.course.map((r) => r.responseEnd)))}, ` +
        `parsed by ${fmt(median(runs.course.map((r) => r.domInteractive)))} (plain: ${fmt(median(runs.plain.map((r) => r.domInteractive)))}); ` +
        `render-blocking: ${last.blocking.join(", ") || "none"}; player ready at ${fmt(median(runs.course.map((r) => r.ready)))}`,
    );
  } finally {
    removeTmp(tmp);
  }
}

await main();
