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

/** Runs `kursverk build <course> --out <out> [--target <target>]`; fails with its output. */
export function runBuild(course, out, target) {
  const bin = kursverkBin();
  const args = ["build", course, "--out", out];
  if (target) args.push("--target", target);
  const run = spawnSync(bin, args, { encoding: "utf8", timeout: 120_000 });
  if (run.error || run.status !== 0) {
    throw new Error(
      `\`${bin} ${args.join(" ")}\` failed (status ${run.status}${run.error ? `, ${run.error.message}` : ""})\n` +
        `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`,
    );
  }
  return run;
}

/**
 * Runs `kursverk build <course> --out <tmp>` and extracts each zip into its
 * own folder. Returns {tmp, zips: {scorm12, scorm2004}, dirs: {scorm12, scorm2004}, seeds}.
 * `tmp` may be given to build into an existing temporary folder (several
 * builds side by side); the folders are then named `<prefix><version>`.
 */
export function buildPackages(course = courseDir(), options = {}) {
  const tmp = options.tmp || fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-"));
  try {
    return buildPackagesIn(course, tmp, options.prefix || "");
  } catch (e) {
    // The caller never gets `tmp` to remove: do it here (unless it is theirs).
    if (!options.tmp) removeTmp(tmp);
    throw e;
  }
}

function buildPackagesIn(course, tmp, prefix) {
  const out = path.join(tmp, `${prefix}out`);
  fs.mkdirSync(out);
  runBuild(course, out);
  const files = fs.readdirSync(out);
  const zips = {};
  const dirs = {};
  for (const v of VERSIONS) {
    const zipName = files.find((f) => f.endsWith(`-${v}.zip`));
    if (!zipName) {
      throw new Error(`kursverk build wrote no *-${v}.zip into ${out}; it wrote: ${files.join(", ") || "nothing"}`);
    }
    zips[v] = path.join(out, zipName);
    dirs[v] = path.join(tmp, `${prefix}${v}`);
    new AdmZip(zips[v]).extractAllTo(dirs[v], true);
    if (!fs.existsSync(path.join(dirs[v], "index.html"))) {
      throw new Error(`${zipName} has no index.html at its root`);
    }
  }
  const seeds = {};
  for (const v of VERSIONS) seeds[v] = { ...launchData(v), ...manifestSeed(v, dirs[v]) };
  return { tmp, zips, dirs, seeds };
}

/**
 * The SCOs a manifest lists, in organization order: [{item, title,
 * identifier, href, scormType, files: [href], dependencies: [identifier]}],
 * and the shared (asset) resources: {identifier: [file hrefs]}.
 */
export function manifestScos(xml) {
  const attr = (tag, name) => {
    const m = new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag);
    return m ? m[1] : null;
  };
  const resources = new Map();
  for (const m of xml.matchAll(/<resource\b([^>]*)>([\s\S]*?)<\/resource>/g)) {
    const tag = m[1];
    resources.set(attr(tag, "identifier"), {
      identifier: attr(tag, "identifier"),
      href: attr(tag, "href"),
      scormType: attr(tag, "adlcp:scormtype"),
      files: [...m[2].matchAll(/<file\s+href="([^"]*)"/g)].map((f) => f[1]),
      dependencies: [...m[2].matchAll(/<dependency\s+identifierref="([^"]*)"/g)].map((d) => d[1]),
    });
  }
  const scos = [];
  for (const m of xml.matchAll(/<item\b([^>]*)>\s*<title>([^<]*)<\/title>/g)) {
    const ref = attr(m[1], "identifierref");
    const res = resources.get(ref);
    if (res) scos.push({ item: attr(m[1], "identifier"), title: m[2], ...res });
  }
  const assets = {};
  for (const r of resources.values()) if (r.scormType && r.scormType.toLowerCase() === "asset") assets[r.identifier] = r.files;
  return { scos, assets };
}

/**
 * Builds a course whose SCOs are its chapters (`sco = "chapter"`): one zip
 * per version, extracted. Returns {tmp, zips, dirs, manifests: {version:
 * manifestScos(...)}, seeds} (seeds: launch data and what the manifest says).
 */
export function buildScoPackages(course) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-sco-"));
  try {
    const out = path.join(tmp, "out");
    fs.mkdirSync(out);
    runBuild(course, out);
    const files = fs.readdirSync(out);
    const zips = {};
    const dirs = {};
    const manifests = {};
    const seeds = {};
    for (const v of VERSIONS) {
      const zipNames = files.filter((f) => f.endsWith(`-${v}.zip`));
      if (zipNames.length !== 1) {
        throw new Error(`kursverk build wrote ${zipNames.length} *-${v}.zip files into ${out}, expected one: ${files.join(", ")}`);
      }
      zips[v] = path.join(out, zipNames[0]);
      dirs[v] = path.join(tmp, v);
      new AdmZip(zips[v]).extractAllTo(dirs[v], true);
      manifests[v] = manifestScos(fs.readFileSync(path.join(dirs[v], "imsmanifest.xml"), "utf8"));
      seeds[v] = { ...launchData(v), ...manifestSeed(v, dirs[v]) };
    }
    return { tmp, zips, dirs, manifests, seeds };
  } catch (e) {
    removeTmp(tmp);
    throw e;
  }
}

/** The course data a launch file of an extracted package embeds. */
export function readCourseFileAt(file) {
  const html = fs.readFileSync(file, "utf8");
  const m = html.match(/<script type="application\/json" id="kv-course">([\s\S]*?)<\/script>/);
  if (!m) throw new Error(`${file} embeds no course data`);
  return JSON.parse(m[1]);
}

/**
 * Runs `kursverk build <course> --target web --out <tmp>/out`. Returns
 * {tmp, dir: <out>/<id>-web, zip: <out>/<id>-web.zip}.
 */
export function buildWeb(course = courseDir()) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-web-"));
  try {
    const out = path.join(tmp, "out");
    fs.mkdirSync(out);
    runBuild(course, out, "web");
    const files = fs.readdirSync(out);
    const dirName = files.find((f) => f.endsWith("-web") && fs.statSync(path.join(out, f)).isDirectory());
    const zipName = files.find((f) => f.endsWith("-web.zip"));
    if (!dirName || !zipName) {
      throw new Error(`kursverk build --target web wrote no <id>-web/ and <id>-web.zip into ${out}; it wrote: ${files.join(", ") || "nothing"}`);
    }
    const dir = path.join(out, dirName);
    if (!fs.existsSync(path.join(dir, "index.html"))) throw new Error(`${dir} has no index.html`);
    return { tmp, dir, zip: path.join(out, zipName) };
  } catch (e) {
    removeTmp(tmp);
    throw e;
  }
}

/** Copies a course folder into a new temporary folder (for tests that change it). */
export function copyCourse(name = "kugghjul") {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-course-"));
  const dir = path.join(tmp, name);
  fs.cpSync(courseDir(name), dir, { recursive: true });
  return { tmp, dir };
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

/** The course data a built package embeds (<script type="application/json" id="kv-course">). */
export function readCourseFile(dir) {
  const html = fs.readFileSync(path.join(dir, "index.html"), "utf8");
  const m = html.match(/<script type="application\/json" id="kv-course">([\s\S]*?)<\/script>/);
  if (!m) throw new Error(`${dir}/index.html embeds no course data`);
  return JSON.parse(m[1]);
}
