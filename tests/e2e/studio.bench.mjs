// How soon a saved change shows in the Studio's preview: `kursverk serve` on
// a copy of the Kugghjul course, Chromium on page 2, the page's heading
// changed and saved N times; prints each save-to-updated-preview time and
// the median, split into: the new build reaching the page (watcher,
// debounce, build, long-poll), the relaunch, and the player ready again.
// Run by tests/bench (KURSVERK_BIN names the binary).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { copyCourse, kursverkBin, launchBrowser, removeTmp } from "./lib/env.mjs";

const runs = Number(process.env.RUNS || 7);
const course = copyCourse("kugghjul");
const child = spawn(kursverkBin(), ["serve", course.dir], { stdio: ["ignore", "pipe", "ignore"] });
const url = await new Promise((r) => child.stdout.once("data", (d) => r(String(d).split("\n")[0].trim())));
const browser = await launchBrowser();
try {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(url);
  const ready = () => page.waitForFunction(() => document.getElementById("sco").contentDocument?.documentElement.dataset.kvReady === "1");
  await ready();
  await page.evaluate(() => document.getElementById("sco").contentDocument.getElementById("kv-next").click());
  const file = path.join(course.dir, "01-om-kursen.md");
  const text = fs.readFileSync(file, "utf8");
  const totals = [];
  for (let i = 0; i < runs; i++) {
    await page.waitForTimeout(300);
    const saved = Date.now();
    fs.writeFileSync(file, text.replace("## Projektet Kugghjul\n", `## Projektet Kugghjul ${i}\n`));
    await page.waitForFunction(
      (i) => document.getElementById("sco").contentDocument?.querySelector("section.kv-page:not([hidden])")?.id === `page-projektet-kugghjul-${i}`,
      i,
      { polling: 5 },
    );
    const total = Date.now() - saved;
    const t = await page.evaluate(() => window.kvStudio.timing());
    totals.push(total);
    console.log(`  save ${i + 1}: ${total} ms (build at the page +${t.arrived - saved}, relaunched +${t.launched - saved}, player ready +${t.ready - saved})`);
  }
  totals.sort((a, b) => a - b);
  console.log(`  median save to updated preview: ${totals[Math.floor(totals.length / 2)]} ms over ${runs} saves`);
} finally {
  await browser.close();
  child.kill("SIGINT");
  removeTmp(course.tmp);
}
