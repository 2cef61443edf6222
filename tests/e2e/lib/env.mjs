// Where things are, building the packages and launching Chromium.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import AdmZip from "adm-zip";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
export const e2eDir = path.resolve(here, "..");
export const repoRoot = path.resolve(e2eDir, "..", "..");

export const VERSIONS = ["scorm12", "scorm2004"];

export function kursverkBin() {
  const bin = process.env.KURSVERK_BIN || path.join(repoRoot, "target", "release", "kursverk");
  if (!fs.existsSync(bin)) {
    throw new Error(
      `kursverk binary not found at ${bin}. Build it first with ` +
        "`cargo build --release -p kursverk` in the repository root, or set KURSVERK_BIN.",
    );
  }
  return bin;
}

export function courseDir(name = "kugghjul") {
  const dir = path.join(repoRoot, "courses", name);
  if (!fs.existsSync(dir)) throw new Error(`course directory not found: ${dir}`);
  return dir;
}

/**
 * Runs `kursverk build <course> --out <tmp>` and extracts each zip into its
 * own folder. Returns {tmp, zips: {scorm12, scorm2004}, dirs: {scorm12, scorm2004}}.
 */
export function buildPackages(course = courseDir()) {
  const bin = kursverkBin();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-"));
  const out = path.join(tmp, "out");
  fs.mkdirSync(out);
  const run = spawnSync(bin, ["build", course, "--out", out], { encoding: "utf8", timeout: 120_000 });
  if (run.error || run.status !== 0) {
    throw new Error(
      `\`${bin} build ${course} --out ${out}\` failed (status ${run.status}${run.error ? `, ${run.error.message}` : ""})\n` +
        `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`,
    );
  }
  const files = fs.readdirSync(out);
  const zips = {};
  const dirs = {};
  for (const v of VERSIONS) {
    const zipName = files.find((f) => f.endsWith(`-${v}.zip`));
    if (!zipName) {
      throw new Error(`kursverk build wrote no *-${v}.zip into ${out}; it wrote: ${files.join(", ") || "nothing"}`);
    }
    zips[v] = path.join(out, zipName);
    dirs[v] = path.join(tmp, v);
    new AdmZip(zips[v]).extractAllTo(dirs[v], true);
    if (!fs.existsSync(path.join(dirs[v], "index.html"))) {
      throw new Error(`${zipName} has no index.html at its root`);
    }
  }
  const seeds = {};
  for (const v of VERSIONS) seeds[v] = { ...launchData(v), ...manifestSeed(v, dirs[v]) };
  return { tmp, zips, dirs, seeds };
}

/** What every LMS hands a SCO at the first launch of a graded attempt (as Moodle does). */
export function launchData(version) {
  return version === "scorm12"
    ? {
        "cmi.core.student_id": "e2e-learner",
        "cmi.core.student_name": "Testsson, Elev",
        "cmi.core.credit": "credit",
        "cmi.core.lesson_mode": "normal",
      }
    : {
        "cmi.learner_id": "e2e-learner",
        "cmi.learner_name": "Elev Testsson",
        "cmi.credit": "credit",
        "cmi.mode": "normal",
      };
}

/**
 * The CMI a real LMS pre-loads from the package's manifest before launch.
 * SCORM 1.2: <adlcp:masteryscore> becomes cmi.student_data.mastery_score
 * (Moodle and scorm-again then rewrite lesson_status to passed/failed from
 * the raw score at LMSFinish). SCORM 2004: <imsss:minNormalizedMeasure> of a
 * primary objective that is satisfiedByMeasure becomes cmi.scaled_passing_score.
 */
export function manifestSeed(version, dir) {
  const xml = fs.readFileSync(path.join(dir, "imsmanifest.xml"), "utf8");
  const seed = {};
  if (version === "scorm12") {
    const m = xml.match(/<adlcp:masteryscore>\s*([^<\s]+)\s*<\/adlcp:masteryscore>/i);
    if (m) seed["cmi.student_data.mastery_score"] = m[1];
  } else {
    const primary = xml.match(/<imsss:primaryObjective\b[^>]*satisfiedByMeasure="true"[^>]*>([\s\S]*?)<\/imsss:primaryObjective>/);
    const m = primary && primary[1].match(/<imsss:minNormalizedMeasure>\s*([^<\s]+)\s*<\/imsss:minNormalizedMeasure>/);
    if (m) seed["cmi.scaled_passing_score"] = m[1];
  }
  return seed;
}

export function removeTmp(tmp) {
  if (tmp && !process.env.KV_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumPath() {
  const exe = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!fs.existsSync(exe)) {
    throw new Error(
      `Chromium not found at ${exe}. The e2e tests need it and skip nothing: ` +
        "install it with `apt-get update && apt-get install -y chromium`, or point CHROMIUM at a Chromium binary.",
    );
  }
  return exe;
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}
