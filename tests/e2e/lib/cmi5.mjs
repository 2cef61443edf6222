// The LMS side of cmi5 for the tests, and reading what an LRS holds.
//
// - The test LRS (tests/lrs: Ralph behind shim.py): `startTestLrs()` uses the
//   one tests/run started (LRS_URL, LRS_ENDPOINT, LRS_USER, LRS_PASSWORD) or,
//   when LRS_URL is unset, starts one of its own (tests/lrs/start with
//   LRS_RUN_DIR in a temporary folder) and stops it again. `Lrs` talks to it
//   (every request with X-Experience-API-Version and Basic auth) and reads
//   statements back oldest first, following `more`.
// - A minimal cmi5 launcher, `startLauncher()`: a small LMS on 127.0.0.1 that
//   serves an extracted cmi5 package (`/pkg/...`), reads its cmi5.xml, and
//   launches an AU the way cmi5 section 8 and 10 say: a registration per
//   learner, a new session id per launch, an LMS activityId per AU that is
//   not the AU's own (publisher) id (8.1.5), LMS.LaunchData in the State API,
//   the "launched" statement, a one-time fetch URL for the auth token (8.2),
//   and the launch URL with endpoint, fetch, actor, registration, activityId.
// - `cmi5Problems()`: the cmi5 rules (section 9) a session's and a
//   registration's statements must follow, as a list of problems (each with
//   the statement it is about), so a test asserts the list is empty and a
//   failure says every rule broken at once.
// - An engine-neutral browser (`openEngine`): Chromium (playwright-core)
//   wrapped in the interface lib/engines.mjs gives Firefox and WebKit, and a
//   learner acting through it (pages, every question kind, reflections), for
//   the scenarios that run in all three engines.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import AdmZip from "adm-zip";
import { chromiumPath, launchBrowser, repoRoot, runBuild } from "./env.mjs";
import { contentType } from "./server.mjs";
import { launchEngine, problems, waitFor } from "./engines.mjs";
import { plannedAnswer, judge } from "./answers.mjs";

// ---------------------------------------------------------------- vocabulary

export const VERB = {
  launched: "http://adlnet.gov/expapi/verbs/launched",
  initialized: "http://adlnet.gov/expapi/verbs/initialized",
  completed: "http://adlnet.gov/expapi/verbs/completed",
  passed: "http://adlnet.gov/expapi/verbs/passed",
  failed: "http://adlnet.gov/expapi/verbs/failed",
  terminated: "http://adlnet.gov/expapi/verbs/terminated",
  answered: "http://adlnet.gov/expapi/verbs/answered",
  abandoned: "https://w3id.org/xapi/adl/verbs/abandoned",
  waived: "https://w3id.org/xapi/adl/verbs/waived",
  satisfied: "https://w3id.org/xapi/adl/verbs/satisfied",
};
/** The verb's short name ("initialized") for an IRI, or the IRI itself. */
export function verbName(iri) {
  return Object.keys(VERB).find((k) => VERB[k] === iri) ?? iri;
}
/** The verbs cmi5 defines that an AU sends (9.3). */
export const AU_DEFINED = new Set(["initialized", "completed", "passed", "failed", "terminated"]);

export const CATEGORY = {
  cmi5: "https://w3id.org/xapi/cmi5/context/categories/cmi5",
  moveon: "https://w3id.org/xapi/cmi5/context/categories/moveon",
};
export const EXT = {
  sessionId: "https://w3id.org/xapi/cmi5/context/extensions/sessionid",
  masteryScore: "https://w3id.org/xapi/cmi5/context/extensions/masteryscore",
  launchMode: "https://w3id.org/xapi/cmi5/context/extensions/launchmode",
  launchURL: "https://w3id.org/xapi/cmi5/context/extensions/launchurl",
  moveOn: "https://w3id.org/xapi/cmi5/context/extensions/moveon",
  launchParameters: "https://w3id.org/xapi/cmi5/context/extensions/launchparameters",
  // Not cmi5's: a value this LMS adds to every context template, to check
  // the AU uses the whole template, not only the parts it knows (10.2.1).
  lms: "https://lms.example.org/xapi/extensions/launcher",
};
export const INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction";
export const LAUNCH_DATA = "LMS.LaunchData";
/** Where the player keeps its own state (not read by the tests). */
export const PLAYER_STATE_ID = "https://kursverk.se/xapi/state";
/** The LMS's home page, in account actors. */
export const LMS_HOME = "https://lms.example.org";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
/** An xAPI duration (ISO 8601, as xAPI uses it): at least one component. */
const DURATION_RE = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

export function isUuid(v) {
  return typeof v === "string" && UUID_RE.test(v);
}
export function isDuration(v) {
  return typeof v === "string" && DURATION_RE.test(v);
}

// ---------------------------------------------------------------- the test LRS

const lrsDir = path.join(repoRoot, "tests", "lrs");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The LRS to use: the one in LRS_URL (tests/run starts it), else one started
 * here from tests/lrs/start with its own LRS_RUN_DIR in a temporary folder.
 * Returns an `Lrs` whose `stop()` stops only an LRS started here.
 */
export async function startTestLrs() {
  if (process.env.LRS_URL) {
    const url = process.env.LRS_URL.replace(/\/+$/, "");
    return new Lrs({
      url,
      endpoint: process.env.LRS_ENDPOINT || `${url}/xAPI/`,
      user: process.env.LRS_USER || "kursverk",
      password: process.env.LRS_PASSWORD || "kursverk-lrs-test",
    });
  }
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-lrs-"));
  const env = { ...process.env, LRS_RUN_DIR: runDir };
  delete env.LRS_PORT;
  const start = path.join(lrsDir, "start");
  const run = await new Promise((resolve) => {
    const child = spawn(start, [], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b) => (stdout += b));
    child.stderr.on("data", (b) => (stderr += b));
    child.on("error", (e) => resolve({ status: null, stdout, stderr: `${stderr}\n${e.message}` }));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
  const info = Object.fromEntries(
    run.stdout
      .split("\n")
      .filter((l) => /^LRS_[A-Z]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
  const stop = () => {
    spawnSync(path.join(lrsDir, "stop"), [], { env, encoding: "utf8", timeout: 30_000 });
    if (!process.env.KV_E2E_KEEP) fs.rmSync(runDir, { recursive: true, force: true });
  };
  if (run.status !== 0 || !info.LRS_URL) {
    stop();
    throw new Error(
      `could not start the test LRS (${start}, exit ${run.status}); it needs python3 with venv ` +
        `(Debian: apt-get install python3-venv) and, the first time, PyPI for its venv.\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`,
    );
  }
  return new Lrs({ url: info.LRS_URL, endpoint: info.LRS_ENDPOINT, user: info.LRS_USER, password: info.LRS_PASSWORD, stop });
}

/** An xAPI client for the test LRS (Basic auth, the version header on every request). */
export class Lrs {
  constructor({ url, endpoint, user, password, stop }) {
    this.url = url;
    this.endpoint = endpoint.endsWith("/") ? endpoint : `${endpoint}/`;
    this.user = user;
    this.password = password;
    this.token = Buffer.from(`${user}:${password}`).toString("base64");
    this.stopFn = stop;
  }

  /** The `Authorization` header value. */
  get auth() {
    return `Basic ${this.token}`;
  }

  async stop() {
    this.stopFn?.();
  }

  /** A request to `<endpoint><resource>?<query>`; returns {status, body (parsed JSON or text)}. */
  async request(method, resource, { query, json, raw } = {}) {
    const url = new URL(resource.startsWith("/") ? this.url + resource : this.endpoint + resource);
    for (const [k, v] of Object.entries(query || {})) if (v !== undefined) url.searchParams.set(k, typeof v === "string" ? v : JSON.stringify(v));
    const headers = { Authorization: this.auth, "X-Experience-API-Version": "1.0.3" };
    if (json !== undefined) headers["Content-Type"] = "application/json";
    const r = await fetch(url, { method, headers, body: json !== undefined ? JSON.stringify(json) : undefined, signal: AbortSignal.timeout(30_000) });
    const text = await r.text();
    let body = text;
    if (!raw && (r.headers.get("content-type") || "").includes("json") && text) {
      try {
        body = JSON.parse(text);
      } catch {
        // leave the text
      }
    }
    return { status: r.status, body, url: String(url) };
  }

  /** Fails unless the answer has one of `ok` statuses. */
  static expect(res, ok, what) {
    if (!ok.includes(res.status)) {
      throw new Error(`LRS: ${what}: ${res.status} from ${res.url}: ${typeof res.body === "string" ? res.body : JSON.stringify(res.body)}`);
    }
    return res.body;
  }

  /** Posts statements (an array); returns their ids. */
  async post(statements) {
    return Lrs.expect(await this.request("POST", "statements", { json: statements }), [200, 204], "POST statements");
  }

  async putState({ activityId, agent, registration, stateId }, doc) {
    const query = { activityId, agent: JSON.stringify(agent), registration, stateId };
    Lrs.expect(await this.request("PUT", "activities/state", { query, json: doc }), [200, 204], `PUT state ${stateId}`);
  }

  /** A state document, or null when there is none (404). */
  async getState({ activityId, agent, registration, stateId }) {
    const query = { activityId, agent: JSON.stringify(agent), registration, stateId };
    const res = await this.request("GET", "activities/state", { query });
    if (res.status === 404) return null;
    return Lrs.expect(res, [200], `GET state ${stateId}`);
  }

  /**
   * Every statement matching `query` (e.g. {registration} or {agent, since}),
   * in the order the LRS stored them (ascending=true), following `more`.
   */
  async statements(query = {}) {
    const out = [];
    let res = await this.request("GET", "statements", { query: { limit: "100", ...query, ascending: "true" } });
    for (let pages = 0; ; pages++) {
      const body = Lrs.expect(res, [200], "GET statements");
      out.push(...body.statements);
      if (!body.more || pages > 1000) break;
      res = await this.request("GET", body.more);
    }
    return out;
  }

  /**
   * Polls `statements(query)` until `done(statements)` is true; returns them.
   * On timeout fails with `message` and the statements there were.
   */
  async waitForStatements(query, done, { timeout = 20_000, message = "statements did not arrive" } = {}) {
    const end = Date.now() + timeout;
    let got = [];
    for (;;) {
      got = await this.statements(query);
      if (done(got)) return got;
      if (Date.now() > end) break;
      await sleep(250);
    }
    assert.fail(`${message} within ${timeout} ms; the LRS holds for ${JSON.stringify(query)}:\n${formatStatements(got)}`);
  }
}

// ---------------------------------------------------------------- the course structure (cmi5.xml)

const xmlText = (s) =>
  s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, "&")
    .trim();

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1]] = xmlText(m[3] ?? m[4]);
  return out;
}

/** The first langstring of a <title>/<description> (the spec's whitespace trimmed). */
function langstring(body, element) {
  const m = new RegExp(`<${element}\\b[^>]*>([\\s\\S]*?)</${element}>`).exec(body);
  if (!m) return null;
  const ls = /<langstring\b([^>]*)>([\s\S]*?)<\/langstring>/.exec(m[1]);
  return ls ? { lang: attrs(ls[1]).lang ?? null, text: xmlText(ls[2]) } : null;
}

/**
 * Reads a course structure: {course: {id, title}, aus: [{id, title, lang,
 * url, moveOn, masteryScore (number or null), launchMethod,
 * launchParameters, activityType}]}, with the spec's defaults
 * (moveOn NotApplicable, launchMethod AnyWindow).
 */
export function parseCourseStructure(xml) {
  const course = /<course\b([^>]*)>([\s\S]*?)<\/course>/.exec(xml);
  assert.ok(course, "cmi5.xml has no <course>");
  const aus = [];
  for (const m of xml.matchAll(/<au\b([^>]*)>([\s\S]*?)<\/au>/g)) {
    const a = attrs(m[1]);
    const body = m[2];
    const url = /<url\b[^>]*>([\s\S]*?)<\/url>/.exec(body);
    const lp = /<launchParameters\b[^>]*>([\s\S]*?)<\/launchParameters>/.exec(body);
    const title = langstring(body, "title");
    aus.push({
      id: a.id,
      title: title?.text ?? null,
      lang: title?.lang ?? null,
      url: url ? xmlText(url[1]) : null,
      moveOn: a.moveOn ?? "NotApplicable",
      masteryScore: a.masteryScore !== undefined ? Number(a.masteryScore) : null,
      launchMethod: a.launchMethod ?? "AnyWindow",
      activityType: a.activityType ?? null,
      launchParameters: lp ? xmlText(lp[1]) : null,
    });
  }
  return { course: { id: attrs(course[1]).id, title: langstring(course[2], "title")?.text ?? null }, aus };
}

/** The cmi5 course structure schema: the package asset, else ../shared/cmi5 (its source). */
export function courseStructureXsd() {
  const candidates = [
    path.join(repoRoot, "packager", "assets", "cmi5", "CourseStructure.xsd"),
    path.resolve(repoRoot, "..", "shared", "cmi5", "CourseStructure.xsd"),
  ];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) throw new Error(`the cmi5 CourseStructure.xsd is in none of: ${candidates.join(", ")}`);
  return found;
}

/** xmllint --noout --schema CourseStructure.xsd <file>: {ok, output, xsd}. */
export function validateCourseStructure(file) {
  const xsd = courseStructureXsd();
  const run = spawnSync("xmllint", ["--noout", "--nonet", "--schema", xsd, file], { encoding: "utf8", timeout: 60_000 });
  if (run.error) throw new Error(`could not run xmllint (Debian: apt-get install libxml2-utils): ${run.error.message}`);
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim(), xsd };
}

/**
 * `kursverk build <course> --target cmi5 --out <tmp>/out`, and the zip
 * `<id>-cmi5.zip` extracted. Returns {tmp, zip, dir, xml, structure}.
 */
export function buildCmi5(course, tmp) {
  const out = path.join(tmp, "cmi5-out");
  fs.mkdirSync(out, { recursive: true });
  runBuild(course, out, "cmi5");
  const files = fs.readdirSync(out);
  const zipName = files.find((f) => f.endsWith("-cmi5.zip"));
  if (!zipName) throw new Error(`kursverk build --target cmi5 wrote no <id>-cmi5.zip into ${out}; it wrote: ${files.join(", ") || "nothing"}`);
  const zip = path.join(out, zipName);
  const entries = new AdmZip(zip).getEntries().map((e) => e.entryName);
  if (!entries.includes("cmi5.xml")) throw new Error(`${zipName} has no cmi5.xml at its root (cmi5 14.1); entries: ${entries.slice(0, 30).join(", ")}`);
  const dir = path.join(tmp, "cmi5");
  new AdmZip(zip).extractAllTo(dir, true);
  const xml = fs.readFileSync(path.join(dir, "cmi5.xml"), "utf8");
  return { tmp, zip, dir, xml, structure: parseCourseStructure(xml) };
}

// ---------------------------------------------------------------- the launcher (the LMS)

const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

const page = (title, body) =>
  `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;

/**
 * Starts the LMS on 127.0.0.1 for the extracted cmi5 package in `dir`.
 *   GET  /pkg/<file>          the package's files (Moodle's content types)
 *   POST /fetch/<token>       the auth token once, then error 1 (8.2); GET etc. 405
 *   GET  /returned            the returnURL page (visits recorded in `returns`)
 *   GET  /lms/home            a page of the LMS (where a learner goes when leaving)
 * Returns the launcher: {url, structure, launch(...), fetchLog(token),
 * returns, requests, close()}.
 */
export async function startLauncher({ dir, lrs, homePage = LMS_HOME }) {
  const xml = fs.readFileSync(path.join(dir, "cmi5.xml"), "utf8");
  const structure = parseCourseStructure(xml);
  const root = path.resolve(dir);
  const tokens = new Map(); // token id -> {launch, log: [{method, answer}]}
  const registrations = new Map(); // learner -> registration
  const requests = [];
  const returns = [];

  const server = http.createServer((req, res) => {
    const record = { method: req.method, url: req.url, status: 0 };
    requests.push(record);
    const origin = req.headers.origin;
    const cors = origin && LOOPBACK.test(origin) ? { "Access-Control-Allow-Origin": origin, Vary: "Origin" } : {};
    const send = (status, type, body, extra = {}) => {
      record.status = status;
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", ...cors, ...extra });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      send(400, "text/plain", "bad url");
      return;
    }
    // The fetch URL (8.2): POST only; the token once, then error 1.
    const fetchMatch = /^\/fetch\/([\w-]+)$/.exec(pathname);
    if (fetchMatch) {
      const entry = tokens.get(fetchMatch[1]);
      if (req.method === "OPTIONS") {
        if (entry) entry.log.push({ method: "OPTIONS", answer: "preflight" });
        send(204, "text/plain", "", {
          "Access-Control-Allow-Methods": "POST",
          "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] || "",
        });
        return;
      }
      if (req.method !== "POST") {
        if (entry) entry.log.push({ method: req.method, answer: "refused" });
        send(405, "application/json", JSON.stringify({ "error-code": "3", "error-text": "Use POST." }), { Allow: "POST" });
        return;
      }
      req.resume(); // the body, if any, is not used
      if (!entry) {
        send(200, "application/json", JSON.stringify({ "error-code": "2", "error-text": "Unknown token." }));
        return;
      }
      if (entry.log.some((l) => l.answer === "token")) {
        entry.log.push({ method: "POST", answer: "error" });
        send(200, "application/json", JSON.stringify({ "error-code": "1", "error-text": "The authorization token has already been returned." }));
        return;
      }
      entry.log.push({ method: "POST", answer: "token" });
      send(200, "application/json", JSON.stringify({ "auth-token": lrs.token }));
      return;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(405, "text/plain", "method not allowed");
      return;
    }
    if (pathname === "/favicon.ico") {
      send(204, "image/x-icon", "");
      return;
    }
    if (pathname === "/returned") {
      returns.push({ url: req.url, at: Date.now() });
      send(200, "text/html; charset=utf-8", page("Tillbaka i lärplattformen", '<p id="lms-returned">Du har lämnat kursen.</p>'));
      return;
    }
    if (pathname === "/lms/home") {
      send(200, "text/html; charset=utf-8", page("Lärplattformen", '<p id="lms-home">Dina kurser.</p>'));
      return;
    }
    if (!pathname.startsWith("/pkg/")) {
      send(404, "text/plain", "not found");
      return;
    }
    let rel = pathname.slice("/pkg/".length);
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const file = path.resolve(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) {
      send(403, "text/plain", "forbidden");
      return;
    }
    fs.readFile(file, (err, data) => (err ? send(404, "text/plain", "not found") : send(200, contentType(file), data)));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;

  /** The LMS's activityId for an AU: the same for every launch and registration, never the AU's id. */
  const activityIdOf = (au) => `${homePage}/activities/${crypto.createHash("sha256").update(au.id).digest("hex").slice(0, 24)}`;

  /**
   * Launches an AU (default: the first) for `learner` (an account name):
   * keeps the learner's registration (unless `newRegistration`), makes a new
   * session id and fetch token, PUTs LMS.LaunchData, POSTs "launched", and
   * returns the launch: {url (to open), launchURL, registration, sessionId,
   * activityId, actor, launchData, token, au, launched (the statement)}.
   */
  async function launch({ learner, name = learner, au = structure.aus[0], launchMode = "Normal", newRegistration = false, returnURL = `${url}/returned` } = {}) {
    assert.ok(learner, "launch: which learner?");
    assert.ok(au && au.url, "launch: the package has no AU with a url");
    if (newRegistration || !registrations.has(learner)) registrations.set(learner, crypto.randomUUID());
    const registration = registrations.get(learner);
    const sessionId = crypto.randomUUID();
    const activityId = activityIdOf(au);
    assert.notEqual(activityId, au.id, "8.1.5: the launch activityId must not be the AU's id");
    const actor = { objectType: "Agent", account: { homePage, name: learner }, name };
    const contextTemplate = {
      contextActivities: { grouping: [{ objectType: "Activity", id: au.id }] },
      extensions: { [EXT.sessionId]: sessionId, [EXT.lms]: "kursverk-e2e" },
    };
    const launchData = { contextTemplate, launchMode, moveOn: au.moveOn, returnURL };
    if (au.masteryScore !== null) launchData.masteryScore = au.masteryScore;
    if (au.launchParameters !== null) launchData.launchParameters = au.launchParameters;
    await lrs.putState({ activityId, agent: actor, registration, stateId: LAUNCH_DATA }, launchData);

    const launchURL = /^[a-z][a-z0-9+.-]*:/i.test(au.url) ? au.url : `${url}/pkg/${au.url.replace(/^\.?\//, "")}`;
    const extensions = { [EXT.sessionId]: sessionId, [EXT.launchMode]: launchMode, [EXT.launchURL]: launchURL.split("?")[0], [EXT.moveOn]: au.moveOn, [EXT.lms]: "kursverk-e2e" };
    if (au.masteryScore !== null) extensions[EXT.masteryScore] = au.masteryScore;
    if (au.launchParameters !== null) extensions[EXT.launchParameters] = au.launchParameters;
    const launched = {
      id: crypto.randomUUID(),
      timestamp: new Date().toISOString(),
      actor,
      verb: { id: VERB.launched, display: { "en-US": "launched" } },
      object: {
        objectType: "Activity",
        id: activityId,
        definition: { type: "https://w3id.org/xapi/cmi5/activitytype/au", name: { [au.lang || "und"]: au.title || au.id } },
      },
      context: {
        registration,
        contextActivities: { category: [{ objectType: "Activity", id: CATEGORY.cmi5 }], grouping: [{ objectType: "Activity", id: au.id }] },
        extensions,
      },
    };
    await lrs.post([launched]);

    const token = crypto.randomBytes(12).toString("hex");
    const fetchUrl = `${url}/fetch/${token}`;
    const params = [
      ["endpoint", lrs.endpoint],
      ["fetch", fetchUrl],
      ["actor", JSON.stringify(actor)],
      ["registration", registration],
      ["activityId", activityId],
    ]
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join("&");
    const result = { url: `${launchURL}${launchURL.includes("?") ? "&" : "?"}${params}`, launchURL, fetchUrl, registration, sessionId, activityId, actor, launchData, token, au, launched };
    tokens.set(token, { launch: result, log: [] });
    return result;
  }

  return {
    url,
    structure,
    xml,
    requests,
    returns,
    launch,
    activityIdOf,
    /** What happened at a launch's fetch URL: [{method, answer: token|error|refused|preflight}]. */
    fetchLog: (token) => (tokens.get(token)?.log ?? []).slice(),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------- statements: order, display, rules

/** Milliseconds (with the fraction beyond) of an xAPI timestamp, for ordering; NaN if unreadable. */
export function timeOf(ts) {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)$/.exec(ts || "");
  if (!m) return NaN;
  return Date.parse(`${m[1]}${m[3]}`) + (m[2] ? Number(`0${m[2]}`) * 1000 : 0);
}

/** Statements ordered by timestamp (cmi5 9.3), the LRS's stored order kept among equal times. */
export function byTimestamp(statements) {
  return statements
    .map((s, k) => ({ s, k, t: timeOf(s.timestamp) }))
    .sort((a, b) => a.t - b.t || a.k - b.k)
    .map((x) => x.s);
}

export const sessionOf = (s) => s?.context?.extensions?.[EXT.sessionId];
const categories = (s) => (s?.context?.contextActivities?.category || []).map((c) => c.id);

/** One line per statement: time, verb, object, session, result (for failure messages). */
export function formatStatements(statements, { limit = 200 } = {}) {
  const shown = statements.slice(-limit);
  const lines = shown.map((s) => {
    const r = s.result ? ` result=${JSON.stringify(s.result)}` : "";
    const cat = categories(s).map((c) => c.split("/").pop());
    return `  ${s.timestamp} ${verbName(s.verb?.id)} ${s.object?.id} session=${String(sessionOf(s)).slice(0, 8)} reg=${String(s.context?.registration).slice(0, 8)} cat=[${cat}]${r}`;
  });
  if (shown.length < statements.length) lines.unshift(`  … ${statements.length - shown.length} earlier statements left out`);
  return lines.join("\n") || "  (none)";
}

/** A statement as compact JSON for a problem report (authority and stored left out). */
export function statementJson(s) {
  const { authority, stored, version, ...rest } = s;
  return JSON.stringify(rest);
}

/**
 * The parts of `template` missing from `actual` (paths), by the rule of
 * cmi5 10.2.1: the AU's context holds every value of the LMS's template.
 * Objects: every key, recursively; lists: every item of the template is in
 * the list (activities matched by id; objectType "Activity" is xAPI's
 * default, so may be left out).
 */
export function missingFromTemplate(actual, template, at = "context") {
  if (Array.isArray(template)) {
    if (!Array.isArray(actual)) return [`${at} (a list)`];
    const out = [];
    template.forEach((item, k) => {
      const found =
        item && typeof item === "object" && "id" in item
          ? actual.some((a) => a && a.id === item.id && missingFromTemplate(a, withoutDefaultType(item, a), at).length === 0)
          : actual.some((a) => missingFromTemplate(a, item, at).length === 0);
      if (!found) out.push(`${at}[${k}] ${JSON.stringify(item)}`);
    });
    return out;
  }
  if (template && typeof template === "object") {
    if (!actual || typeof actual !== "object") return [`${at} (an object)`];
    return Object.keys(template).flatMap((k) => (k in actual ? missingFromTemplate(actual[k], template[k], `${at}.${k}`) : [`${at}.${k} = ${JSON.stringify(template[k])}`]));
  }
  return actual === template ? [] : [`${at} = ${JSON.stringify(template)} (is ${JSON.stringify(actual)})`];
}

function withoutDefaultType(item, actual) {
  if (item.objectType === "Activity" && actual.objectType === undefined) {
    const { objectType, ...rest } = item;
    return rest;
  }
  return item;
}

function sameAgent(a, b) {
  if (!a || !b) return false;
  if (a.account || b.account) return a.account?.homePage === b.account?.homePage && a.account?.name === b.account?.name && (a.objectType ?? "Agent") === "Agent";
  return a.mbox !== undefined && a.mbox === b.mbox;
}

/**
 * Every rule of cmi5 section 9 the statements of one AU session break, for
 * `launch` (what startLauncher().launch returned), as strings. `statements`
 * may hold the whole registration; the session's are picked by session id.
 */
export function sessionProblems(statements, launch) {
  const problems = [];
  const say = (text, s) => problems.push(s ? `${text}\n    ${statementJson(s)}` : text);
  const mine = byTimestamp(statements.filter((s) => sessionOf(s) === launch.sessionId));
  const launched = mine.filter((s) => s.verb?.id === VERB.launched);
  const au = mine.filter((s) => s.verb?.id !== VERB.launched);
  const mode = launch.launchData.launchMode;
  const mastery = launch.launchData.masteryScore;
  if (launched.length !== 1) say(`the session has ${launched.length} "launched" statements, expected the LMS's one`);
  if (au.length === 0) {
    say("the AU sent no statement in this session");
    return problems;
  }
  if (launched.length === 1 && !(timeOf(launched[0].timestamp) <= timeOf(au[0].timestamp))) say('an AU statement is timed before the LMS\'s "launched"', au[0]);
  if (au[0].verb?.id !== VERB.initialized) say(`7.1.1/9.3.2: the first AU statement is "${verbName(au[0].verb?.id)}", not "initialized"`, au[0]);
  const last = au[au.length - 1];
  if (last.verb?.id !== VERB.terminated) say(`7.1.2/9.3.8: the last AU statement is "${verbName(last.verb?.id)}", not "terminated"`, last);
  const count = {};
  for (const s of au) count[verbName(s.verb?.id)] = (count[verbName(s.verb?.id)] || 0) + 1;
  for (const v of AU_DEFINED) if ((count[v] || 0) > 1) say(`9.3: "${v}" ${count[v]} times in one session (cmi5 defined verbs must not repeat)`);
  if ((count.passed || 0) + (count.failed || 0) > 1) say('9.3: both "passed" and "failed" in one session');
  if ((count.initialized || 0) !== 1) say(`"initialized" ${count.initialized || 0} times in the session, expected once`);
  if ((count.terminated || 0) !== 1) say(`"terminated" ${count.terminated || 0} times in the session, expected once`);
  if (mode !== "Normal") {
    for (const s of au) {
      const v = verbName(s.verb?.id);
      if (!["initialized", "terminated", "answered"].includes(v)) say(`10.2.2: "${v}" in a ${mode} launch (only initialized and terminated, and answered, allowed)`, s);
    }
  }
  for (const s of au) {
    const v = verbName(s.verb?.id);
    const defined = AU_DEFINED.has(v);
    const cats = categories(s);
    if (!isUuid(s.id)) say(`9.1: statement id ${JSON.stringify(s.id)} is not a UUID`, s);
    if (Number.isNaN(timeOf(s.timestamp))) say(`9.7: timestamp ${JSON.stringify(s.timestamp)} is missing or not xAPI's format`, s);
    else if (!/(Z|[+-]00:?00)$/.test(s.timestamp)) say("9.7: timestamp not in UTC", s);
    if (!sameAgent(s.actor, launch.actor)) say(`8.1.3: actor is not the launch's ${JSON.stringify(launch.actor)}`, s);
    if (s.context?.registration !== launch.registration) say(`9.6.1: context.registration is not the launch's ${launch.registration}`, s);
    for (const miss of missingFromTemplate(s.context, launch.launchData.contextTemplate)) say(`10.2.1: the context template's ${miss} is missing or changed`, s);
    if (!(s.context?.contextActivities?.grouping || []).some((g) => g.id === launch.au.id)) say(`9.6.2.3: no publisher id ${launch.au.id} in context.contextActivities.grouping`, s);
    if (defined) {
      if (s.object?.id !== launch.activityId) say(`9.4/8.1.5: object.id is not the launch activityId ${launch.activityId}`, s);
      if (!cats.includes(CATEGORY.cmi5)) say(`9.6.2.1: "${v}" without the cmi5 category`, s);
    } else if (cats.includes(CATEGORY.cmi5)) {
      say(`7.1.3: "${v}" is not a cmi5 defined verb but carries the cmi5 category`, s);
    }
    const r = s.result || {};
    const moveon = defined && (r.success !== undefined || r.completion !== undefined);
    if (moveon !== cats.includes(CATEGORY.moveon)) say(`9.6.2.2: the moveon category ${moveon ? "is missing" : "must not be there"} on "${v}"`, s);
    if (["completed", "passed", "failed"].includes(v) !== cats.includes(CATEGORY.moveon)) say(`the moveon category belongs exactly on completed/passed/failed, not so on "${v}"`, s);
    if (defined) {
      if (r.score !== undefined && v !== "passed" && v !== "failed") say(`9.5.1: a score on "${v}"`, s);
      if (v === "passed" ? r.success !== true : v === "failed" ? r.success !== false : r.success !== undefined) say(`9.5.2: result.success is ${JSON.stringify(r.success)} on "${v}"`, s);
      if (v === "completed" ? r.completion !== true : r.completion !== undefined) say(`9.5.3: result.completion is ${JSON.stringify(r.completion)} on "${v}"`, s);
      if (["terminated", "completed", "passed", "failed"].includes(v) && !isDuration(r.duration)) say(`9.5.4: result.duration ${JSON.stringify(r.duration)} on "${v}" is missing or not ISO 8601`, s);
    }
    if (v === "passed" || v === "failed") {
      const sc = r.score;
      if (sc !== undefined) {
        if (typeof sc.scaled !== "number" || sc.scaled < 0 || sc.scaled > 1) say(`9.5.1: score.scaled ${JSON.stringify(sc.scaled)} not in 0..1`, s);
        if (sc.raw !== undefined && !(Number.isInteger(sc.min) && Number.isInteger(sc.max) && sc.min <= sc.raw && sc.raw <= sc.max)) say("9.5.1: score.raw without min/max around it", s);
        if (mastery !== undefined && typeof sc.scaled === "number") {
          if (v === "passed" && sc.scaled < mastery) say(`9.3.4: passed with scaled ${sc.scaled} below masteryScore ${mastery}`, s);
          if (v === "failed" && sc.scaled >= mastery) say(`9.3.5: failed with scaled ${sc.scaled} at or above masteryScore ${mastery}`, s);
        }
      }
      if (mastery !== undefined && s.context?.extensions?.[EXT.masteryScore] !== mastery) say(`9.6.3.2: "${v}" without the masteryScore extension ${mastery}`, s);
    }
  }
  return problems;
}

/**
 * The registration's rules (9.3): at most one completed and one passed, no
 * failed after passed, and no statement of a session the LMS did not
 * launch; plus every session's rules (sessionProblems).
 */
export function cmi5Problems(statements, launches) {
  const problems = launches.flatMap((l) => sessionProblems(statements, l).map((p) => `session ${l.sessionId} (${l.launchData.launchMode}): ${p}`));
  const registration = launches[0].registration;
  const ours = byTimestamp(statements.filter((s) => s.context?.registration === registration));
  const known = new Set(launches.map((l) => l.sessionId));
  for (const s of ours) if (!known.has(sessionOf(s))) problems.push(`a statement of a session the LMS never launched (session id ${JSON.stringify(sessionOf(s))})\n    ${statementJson(s)}`);
  const defined = ours.filter((s) => categories(s).includes(CATEGORY.cmi5));
  for (const v of ["completed", "passed"]) {
    const n = defined.filter((s) => s.verb?.id === VERB[v]).length;
    if (n > 1) problems.push(`9.3: "${v}" ${n} times in the registration (at most once)`);
  }
  const firstPassed = defined.findIndex((s) => s.verb?.id === VERB.passed);
  if (firstPassed >= 0) for (const s of defined.slice(firstPassed + 1)) if (s.verb?.id === VERB.failed) problems.push(`9.3: "failed" after "passed" in the registration\n    ${statementJson(s)}`);
  return problems;
}

/** The AU's statements of one verb in a session. */
export function ofVerb(statements, verb, sessionId) {
  return byTimestamp(statements.filter((s) => s.verb?.id === VERB[verb] && (sessionId === undefined || sessionOf(s) === sessionId)));
}

// ---------------------------------------------------------------- the browser, engine-neutral

export const ALL_ENGINES = ["chromium", "firefox", "webkit"];
export const ENGINE_NAMES = { chromium: "Chromium (Blink)", firefox: "Firefox (Gecko)", webkit: "WebKit (WebKitGTK MiniBrowser)" };

/** Chromium through playwright-core, with lib/engines.mjs's tab interface. */
class ChromiumEngine {
  constructor(browser) {
    this.browser = browser;
    this.engine = "chromium";
  }

  static async launch() {
    chromiumPath();
    return new ChromiumEngine(await launchBrowser());
  }

  version() {
    return this.browser.version();
  }

  async newTab() {
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    return new ChromiumTab(context, page);
  }

  async close() {
    await this.browser.close().catch(() => {});
  }
}

class ChromiumTab {
  constructor(context, page) {
    this.engine = "chromium";
    this.context = context;
    this.page = page;
    this.pageErrors = [];
    this.console = [];
    page.on("pageerror", (err) => this.pageErrors.push(`[pageerror] ${err.name}: ${err.message}`));
    page.on("console", (msg) => {
      const t = msg.type();
      // Chromium's own "Failed to load resource" lines name no URL: add where it was.
      const where = /^Failed to load resource/.test(msg.text()) && msg.location()?.url ? ` (${msg.location().url})` : "";
      this.console.push(`[${t === "warn" ? "warning" : t}] ${msg.text()}${where}`);
    });
  }

  async goto(url) {
    await this.page.goto(url, { waitUntil: "load", timeout: 30_000 });
  }

  async reload() {
    await this.page.reload({ waitUntil: "load", timeout: 30_000 });
  }

  eval(fn, arg) {
    return this.page.evaluate(fn, arg);
  }

  async click(selector) {
    await this.page.locator(selector).click({ timeout: 10_000 });
  }

  async type(selector, text) {
    const el = this.page.locator(selector);
    await el.click({ timeout: 10_000 });
    await el.pressSequentially(text);
  }

  engineErrors() {
    return [...this.pageErrors, ...this.console.filter((m) => m.startsWith("[error]") || m.startsWith("[warning]"))];
  }

  consoleLog() {
    return this.console.slice();
  }

  async close() {
    await this.context.close().catch(() => {});
  }
}

/**
 * Page errors, console errors and player warnings (lib/engines.mjs
 * `problems`), less the one console line a browser writes itself for an
 * expected answer: Chromium's "Failed to load resource … 404" when the player
 * asks the State API for its own saved state and there is none yet (a first
 * launch; xAPI answers 404 for a missing document).
 */
export function pageProblems(lines) {
  const noSavedState = (l) =>
    /^\[error\] Failed to load resource: the server responded with a status of 404\b/.test(l) &&
    /\/xAPI\/activities\/state\?/.test(l) &&
    l.includes(`stateId=${encodeURIComponent(PLAYER_STATE_ID)}`);
  return problems(lines).filter((l) => !noSavedState(l));
}

/** Launches `engine` (chromium, firefox or webkit); fails saying what is missing. */
export async function openEngine(engine) {
  return engine === "chromium" ? ChromiumEngine.launch() : launchEngine(engine);
}

/** Waits for data-kv-ready="1" (fails at once on "error"); returns {lms, url}. */
export async function waitReady(tab, what, { timeout = 30_000, extra = async () => "" } = {}) {
  const end = Date.now() + timeout;
  let state;
  for (;;) {
    state = await tab
      .eval(() => ({
        url: document.URL,
        ready: document.documentElement.getAttribute("data-kv-ready"),
        lms: document.documentElement.getAttribute("data-kv-lms"),
      }))
      .catch((e) => ({ evalError: e.message.split("\n")[0] }));
    if (state.ready === "1" || state.ready === "error" || Date.now() > end) break;
    await sleep(50);
  }
  if (state.ready !== "1") {
    assert.fail(`${tab.engine}: ${what}: the player never set data-kv-ready="1" (within ${timeout} ms); <html> state: ${JSON.stringify(state)}\n${await extra()}`);
  }
  return state;
}

/** The course data the page embeds. */
export async function readCourseIn(tab) {
  const text = await tab.eval(() => document.querySelector('script[type="application/json"]#kv-course')?.textContent ?? null);
  assert.ok(text !== null, `${tab.engine}: no <script type="application/json" id="kv-course"> in the page`);
  return JSON.parse(text);
}

/** Index of the one visible section.kv-page (fails unless exactly one). */
export async function currentPage(tab) {
  const state = await tab.eval(() =>
    Array.from(document.querySelectorAll("section.kv-page")).map((el) => ({ index: Number(el.dataset.page), visible: !el.hidden && el.getClientRects().length > 0 })),
  );
  const visible = state.filter((p) => p.visible);
  assert.equal(visible.length, 1, `${tab.engine}: expected one visible section.kv-page, got ${JSON.stringify(visible)}`);
  return visible[0].index;
}

export async function waitForPage(tab, index, what) {
  await waitFor(
    tab,
    (i) => {
      const shown = Array.from(document.querySelectorAll("section.kv-page")).filter((el) => !el.hidden && el.getClientRects().length > 0);
      return shown.length === 1 && Number(shown[0].dataset.page) === i;
    },
    index,
    {
      message: `page ${index} did not become the one visible page ${what}`,
      diagnose: () => Array.from(document.querySelectorAll("section.kv-page")).filter((el) => !el.hidden).map((el) => el.dataset.page),
    },
  );
}

/** Clicks "Nästa" and waits for the next page. */
export async function next(tab, ui) {
  const from = await currentPage(tab);
  const label = await tab.eval(() => document.querySelector("#kv-next")?.textContent.trim() ?? null);
  assert.equal(label, ui.next, `${tab.engine}: #kv-next text on page ${from}`);
  await tab.click("#kv-next");
  await waitForPage(tab, from + 1, `after clicking ${ui.next} on page ${from}`);
  return from + 1;
}

/** What each question form shows: {id: {checked, verdict, feedback, text, value, selects, order}}. */
export function formStates(tab) {
  return tab.eval(() => {
    const out = {};
    for (const form of document.querySelectorAll("form[data-question]")) {
      const area = form.querySelector("textarea");
      out[form.dataset.question] = {
        checked: Array.from(form.querySelectorAll("input:checked")).map((i) => i.value),
        feedback: form.querySelector(".kv-feedback")?.textContent.replace(/\s+/g, " ").trim() ?? null,
        verdict: form.querySelector(".kv-feedback .kv-verdict")?.textContent.trim() ?? null,
        text: area ? area.value : null,
        value: form.querySelector('input[type="text"]')?.value ?? null,
        selects: Array.from(form.querySelectorAll("select")).map((s) => s.value),
        order: Array.from(form.querySelectorAll("ol.kv-order > li[data-item]")).map((li) => li.dataset.item),
      };
    }
    return out;
  });
}

/**
 * Answers `q` (any kind) right or wrong from the course data, the way a
 * learner does (clicks, typing, the move buttons; a matching select set and
 * its events fired), submits, and checks the verdict. Returns what was
 * submitted ({id, chosen} or {id, text}).
 */
export async function answer(tab, q, ui, { correct = true, text } = {}) {
  const sub = plannedAnswer(q, correct, { text });
  const form = `form[data-question="${q.id}"]`;
  switch (q.type) {
    case "choice":
    case "true-false":
    case "scale": {
      const type = q.type === "choice" && q.multiple ? "checkbox" : "radio";
      for (const o of sub.chosen) await tab.click(`${form} input[type="${type}"][name="${q.id}"][value="${o}"]`);
      break;
    }
    case "fill-in":
      await tab.type(`${form} input[type="text"]`, sub.text);
      break;
    case "reflection":
      await tab.type(`${form} textarea`, sub.text);
      break;
    case "ordering":
      for (let k = 0; k < sub.chosen.length; k++) {
        for (let guard = 0; guard < 50; guard++) {
          const now = await tab.eval((f) => Array.from(document.querySelectorAll(`${f} ol.kv-order > li[data-item]`)).map((li) => li.dataset.item), form);
          const at = now.indexOf(sub.chosen[k]);
          assert.ok(at >= k, `${tab.engine}: ordering ${q.id}: item ${sub.chosen[k]} not found below place ${k} in ${JSON.stringify(now)}`);
          if (at === k) break;
          await tab.click(`${form} ol.kv-order > li[data-item="${sub.chosen[k]}"] button[data-move="up"]`);
        }
      }
      assert.deepEqual((await formStates(tab))[q.id].order, sub.chosen, `${tab.engine}: ordering ${q.id} after moving`);
      break;
    case "matching":
      for (const [k, o] of q.options.entries()) {
        const ok = await tab.eval(
          ({ sel, value }) => {
            const s = document.querySelector(sel);
            if (!s || !Array.from(s.options).some((x) => x.value === value)) return false;
            s.focus();
            s.value = value;
            s.dispatchEvent(new Event("input", { bubbles: true }));
            s.dispatchEvent(new Event("change", { bubbles: true }));
            return s.value === value;
          },
          { sel: `${form} select#q-${q.id}-${o.id}`, value: sub.chosen[k] },
        );
        assert.ok(ok, `${tab.engine}: matching ${q.id}: could not pick ${sub.chosen[k]} in select#q-${q.id}-${o.id}`);
      }
      break;
    default:
      assert.fail(`question ${q.id}: cannot answer a ${q.type}`);
  }
  // Watch for new feedback, then submit.
  await tab.eval((f) => {
    const fb = document.querySelector(`${f} .kv-feedback`);
    window.__kvFb = window.__kvFb || {};
    window.__kvFb[f] = false;
    new MutationObserver((_, obs) => {
      window.__kvFb[f] = true;
      obs.disconnect();
    }).observe(fb, { childList: true, characterData: true, subtree: true, attributes: true });
    return true;
  }, form);
  const label = await tab.eval((f) => document.querySelector(`${f} button[type="submit"]`)?.textContent.trim() ?? null, form);
  assert.equal(label, q.type === "reflection" ? ui.save : ui.answer, `${tab.engine}: ${q.id} submit button text`);
  await tab.click(`${form} button[type="submit"]`);
  await waitFor(
    tab,
    (f) => window.__kvFb?.[f] && document.querySelector(`${f} .kv-feedback`).textContent.trim().length > 0,
    form,
    { message: `${q.id}: no new text in .kv-feedback after submitting`, diagnose: (f) => document.querySelector(`${f} .kv-feedback`)?.innerHTML },
  );
  const state = (await formStates(tab))[q.id];
  const right = judge(q, sub);
  if (right === null) {
    assert.ok(state.feedback.includes(ui.saved), `${tab.engine}: ${q.id} feedback ${JSON.stringify(state.feedback)} does not say ${JSON.stringify(ui.saved)}`);
  } else {
    assert.equal(state.verdict, right ? ui.correct : ui.wrong, `${tab.engine}: ${q.id} verdict after submitting ${JSON.stringify(sub)}`);
  }
  return sub;
}
