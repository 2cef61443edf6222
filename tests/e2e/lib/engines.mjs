// The player in the other two browser engines learners use: Gecko (Debian's
// firefox-esr, driven by puppeteer-core over WebDriver BiDi) and WebKit
// (WebKitGTK's MiniBrowser through Debian's WebKitWebDriver, plain W3C
// WebDriver over HTTP, on an Xvfb display this module starts itself).
//
// Both are wrapped in one small interface, so a scenario is written once:
//
//   const b = await launchEngine("firefox" | "webkit")
//   const tab = await b.newTab()          // an isolated browsing session
//   await tab.goto(url)
//   await tab.eval(fn, ...args)           // in the current context (top or frame)
//   await tab.enterFrame("iframe#sco")    // later calls act inside that frame
//   await tab.leaveFrame()                // back to the top-level document
//   await tab.click(css) / tab.type(css, text) / tab.reload()
//   tab.engineErrors()                    // errors the engine itself reported
//   await tab.close(); await b.close()
//
// Page errors. puppeteer reports uncaught errors and console messages of
// every frame (BiDi log.entryAdded). Classic WebDriver has no such events, so
// for WebKit (and, as a second net, for Firefox) `hookFrameErrors` /
// `hookErrors` install listeners in the page itself: `error`,
// `unhandledrejection`, console.error and console.warn, recorded in the host
// page's `window.__kvEngineErrors`. For the course iframe the host page
// installs them on the new document as soon as it exists (it polls the
// frame's document, and records whether the player had already said it was
// ready, so a test can check that its start-up was watched too).
import assert from "node:assert/strict";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { spawn } from "node:child_process";
import puppeteer from "puppeteer-core";

export const ENGINES = ["firefox", "webkit"];

export const ENGINE_LABEL = {
  firefox: "Firefox (Gecko)",
  webkit: "WebKit (WebKitGTK MiniBrowser)",
};

const VIEWPORT = { width: 1280, height: 900 };

function which(cmd) {
  if (cmd.includes("/")) return fs.existsSync(cmd) ? cmd : null;
  for (const dir of (process.env.PATH || "/usr/local/bin:/usr/bin:/bin").split(":")) {
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not here
    }
  }
  return null;
}

/** The Firefox binary; fails saying what is missing. */
export function firefoxPath() {
  const exe = process.env.FIREFOX || "/usr/bin/firefox-esr";
  if (!fs.existsSync(exe)) {
    throw new Error(
      `Firefox not found at ${exe}. The Gecko tests need it and skip nothing: install it with ` +
        "`apt-get update && apt-get install -y firefox-esr`, or point FIREFOX at a Firefox binary.",
    );
  }
  return exe;
}

/** WebKitWebDriver and Xvfb; fails saying what is missing. */
export function webkitTools() {
  const want = { driver: process.env.WEBKIT_WEBDRIVER || "WebKitWebDriver", xvfb: process.env.XVFB || "Xvfb" };
  const driver = which(want.driver);
  const xvfb = which(want.xvfb);
  const where = (cmd) => (cmd.includes("/") ? `at ${cmd}` : `in PATH (${process.env.PATH})`);
  const missing = [];
  if (!driver) missing.push(`WebKitWebDriver (Debian package webkit2gtk-driver), not found ${where(want.driver)}`);
  if (!xvfb) missing.push(`Xvfb (Debian package xvfb), not found ${where(want.xvfb)}`);
  if (missing.length) {
    throw new Error(
      `The WebKit tests need ${missing.join("; and ")}. They skip nothing: ` +
        "install with `apt-get update && apt-get install -y webkit2gtk-driver xvfb`" +
        " (or set WEBKIT_WEBDRIVER / XVFB to the binaries).",
    );
  }
  return { driver, xvfb };
}

export async function launchEngine(engine) {
  if (engine === "firefox") return FirefoxEngine.launch();
  if (engine === "webkit") return WebKitEngine.launch();
  throw new Error(`unknown engine ${engine}`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `tab.eval(fn, arg)` until it returns a truthy value (returned).
 * On timeout fails with `message` and what `diagnose(arg)` returns there.
 */
export async function waitFor(tab, fn, arg, { timeout = 15_000, interval = 50, message = "condition not met", diagnose } = {}) {
  const end = Date.now() + timeout;
  let lastError = null;
  for (;;) {
    try {
      const v = await tab.eval(fn, arg);
      if (v) return v;
      lastError = null;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) break;
    await sleep(interval);
  }
  let detail = "";
  if (diagnose) {
    try {
      detail = JSON.stringify(await tab.eval(diagnose, arg), null, 2);
    } catch (e) {
      detail = `(could not diagnose: ${e.message})`;
    }
  }
  assert.fail(
    `${tab.engine}: ${message} within ${timeout} ms` +
      (detail ? `\nstate: ${detail}` : "") +
      (lastError ? `\n(last evaluation failed: ${lastError.message.split("\n")[0]})` : ""),
  );
}

// ---------------------------------------------------------------- in-page error recorders

/**
 * Runs in the host page: watches `iframe#sco` and, as soon as it holds a
 * new document, records that document's uncaught errors, rejections and
 * console errors/warnings in window.__kvEngineErrors. window.__kvHooks lists
 * each document hooked: {url, readyAtHook}.
 */
function hostFrameHook(selector) {
  if (window.__kvFrameHook) return true;
  window.__kvFrameHook = true;
  window.__kvEngineErrors = window.__kvEngineErrors || [];
  window.__kvHooks = [];
  const rec = window.__kvEngineErrors;
  let lastDoc = null;
  // Errors from the frame's realm are not `instanceof Error` here.
  const describe = (a) => {
    if (a && typeof a === "object" && typeof a.message === "string") return `${a.name}: ${a.message}`;
    try {
      return typeof a === "string" ? a : JSON.stringify(a);
    } catch {
      return String(a);
    }
  };
  function hook() {
    const frame = document.querySelector(selector);
    let doc = null;
    let win = null;
    try {
      win = frame && frame.contentWindow;
      doc = frame && frame.contentDocument;
    } catch {
      doc = null;
    }
    if (doc && doc !== lastDoc && doc.URL && doc.URL !== "about:blank") {
      lastDoc = doc;
      const url = doc.URL;
      window.__kvHooks.push({ url, readyAtHook: doc.documentElement ? doc.documentElement.getAttribute("data-kv-ready") : null });
      win.addEventListener("error", (e) => rec.push(`[pageerror] ${e.error ? describe(e.error) : e.message} (${url})`));
      win.addEventListener("unhandledrejection", (e) => rec.push(`[unhandledrejection] ${describe(e.reason)} (${url})`));
      const c = win.console;
      for (const [name, tag] of [["error", "error"], ["warn", "warning"]]) {
        const orig = c[name];
        c[name] = function (...args) {
          rec.push(`[${tag}] ${args.map(describe).join(" ")}`);
          return orig.apply(this, args);
        };
      }
    }
    setTimeout(hook, 1);
  }
  hook();
  return true;
}

/** Runs in a top-level page: the same recorders on this document (after the fact). */
function selfHook() {
  if (window.__kvSelfHooked) return document.documentElement.getAttribute("data-kv-ready");
  window.__kvSelfHooked = true;
  window.__kvEngineErrors = window.__kvEngineErrors || [];
  const rec = window.__kvEngineErrors;
  const describe = (a) =>
    a && typeof a === "object" && typeof a.message === "string" ? `${a.name}: ${a.message}` : typeof a === "string" ? a : String(a);
  window.addEventListener("error", (e) => rec.push(`[pageerror] ${e.error ? describe(e.error) : e.message}`));
  window.addEventListener("unhandledrejection", (e) => rec.push(`[unhandledrejection] ${describe(e.reason)}`));
  for (const [name, tag] of [["error", "error"], ["warn", "warning"]]) {
    const orig = console[name];
    console[name] = function (...args) {
      rec.push(`[${tag}] ${args.map(describe).join(" ")}`);
      return orig.apply(this, args);
    };
  }
  return document.documentElement.getAttribute("data-kv-ready");
}

/** Installs the frame recorder in the host page (call before kvLaunch, at top level). */
export async function hookFrameErrors(tab, selector = "iframe#sco") {
  await tab.eval(hostFrameHook, selector);
}

/** Installs the recorders in the current top-level document. */
export async function hookErrors(tab) {
  return tab.eval(selfHook);
}

/** What the in-page recorders hold (current top-level document). */
export async function recordedErrors(tab) {
  return tab.eval(() => ({ errors: (window.__kvEngineErrors || []).slice(), hooks: (window.__kvHooks || []).slice() }));
}

/**
 * Errors, and player warnings ("kursverk: …"), out of recorded console lines
 * and page errors; plain console.warn from elsewhere is not a failure.
 */
export function problems(lines) {
  return lines.filter((m) => !m.startsWith("[warning]") || /^\[warning\] kursverk:/.test(m));
}

// ---------------------------------------------------------------- Firefox (puppeteer, BiDi)

class FirefoxEngine {
  constructor(browser) {
    this.browser = browser;
    this.engine = "firefox";
  }

  static async launch() {
    const executablePath = firefoxPath();
    let browser;
    try {
      browser = await puppeteer.launch({
        browser: "firefox",
        executablePath,
        headless: true,
        defaultViewport: VIEWPORT,
        protocolTimeout: 60_000,
      });
    } catch (e) {
      throw new Error(`could not launch ${executablePath} through puppeteer-core (WebDriver BiDi): ${e.message}`);
    }
    return new FirefoxEngine(browser);
  }

  version() {
    return this.browser.version();
  }

  async newTab() {
    const context = await this.browser.createBrowserContext();
    const page = await context.newPage();
    return new FirefoxTab(context, page);
  }

  async close() {
    await this.browser.close().catch(() => {});
  }
}

class FirefoxTab {
  constructor(context, page) {
    this.engine = "firefox";
    this.context = context;
    this.page = page;
    this.frame = page.mainFrame();
    this.pageErrors = [];
    this.console = [];
    page.on("pageerror", (err) => this.pageErrors.push(`[pageerror] ${err.name}: ${err.message}`));
    page.on("console", (msg) => {
      const t = msg.type();
      this.console.push(`[${t === "warn" ? "warning" : t}] ${msg.text()}`);
    });
  }

  async goto(url) {
    await this.page.goto(url, { waitUntil: "load", timeout: 30_000 });
    this.frame = this.page.mainFrame();
  }

  async reload() {
    await this.page.reload({ waitUntil: "load", timeout: 30_000 });
    this.frame = this.page.mainFrame();
  }

  eval(fn, ...args) {
    return this.frame.evaluate(fn, ...args);
  }

  async enterFrame(selector) {
    const handle = await this.frame.waitForSelector(selector, { timeout: 15_000 });
    const frame = await handle.contentFrame();
    assert.ok(frame, `firefox: ${selector} has no content frame`);
    this.frame = frame;
  }

  async leaveFrame() {
    this.frame = this.page.mainFrame();
  }

  async click(selector) {
    const el = await this.frame.waitForSelector(selector, { visible: true, timeout: 10_000 });
    await el.click();
    await el.dispose();
  }

  async type(selector, text) {
    const el = await this.frame.waitForSelector(selector, { visible: true, timeout: 10_000 });
    await el.click();
    await el.type(text);
    await el.dispose();
  }

  /** What the engine reported itself (uncaught errors, console errors and warnings). */
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

// ---------------------------------------------------------------- WebKit (W3C WebDriver over HTTP)

/** A free TCP port on 127.0.0.1 (closed again; the caller binds it at once). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Children this process started, killed on exit whatever happens. */
const children = new Set();
function ownChild(child) {
  children.add(child);
  child.once("exit", () => children.delete(child));
}
process.once("exit", () => {
  for (const c of children) {
    try {
      process.kill(-c.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/** Stops a child started detached (its own process group), and waits for it. */
async function stopChild(child, grace = 3000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const done = await Promise.race([exited.then(() => true), sleep(grace).then(() => false)]);
  if (!done) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // gone
    }
    await Promise.race([exited, sleep(1000)]);
  }
}

/** Starts Xvfb on a display it picks itself (-displayfd); resolves {proc, display}. */
async function startXvfb(xvfb) {
  const proc = spawn(xvfb, ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
    detached: true,
  });
  ownChild(proc);
  let stderr = "";
  proc.stdio[2].on("data", (b) => (stderr += b));
  const display = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`Xvfb did not report a display within 10 s; stderr:\n${stderr}`)), 10_000);
    proc.stdio[3].on("data", (b) => {
      out += b;
      if (out.includes("\n")) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    proc.once("error", (e) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${xvfb}: ${e.message}`));
    });
    proc.once("exit", (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`${xvfb} exited (${code ?? sig}) before it was ready; stderr:\n${stderr}`));
    });
  }).catch(async (e) => {
    await stopChild(proc);
    throw e;
  });
  return { proc, display };
}

class WebDriverError extends Error {}

class WebKitEngine {
  constructor({ xvfb, driver, base, display, driverLog }) {
    Object.assign(this, { xvfb, driver, base, display, driverLog });
    this.engine = "webkit";
    this.tabs = new Set();
  }

  static async launch() {
    const tools = webkitTools();
    const { proc: xvfb, display } = await startXvfb(tools.xvfb);
    let driver;
    const driverLog = [];
    try {
      let base;
      for (let attempt = 0; attempt < 3 && !base; attempt++) {
        const port = await freePort();
        driver = spawn(tools.driver, [`--port=${port}`, "--host=127.0.0.1"], {
          env: { ...process.env, DISPLAY: display },
          stdio: ["ignore", "pipe", "pipe"],
          detached: true,
        });
        ownChild(driver);
        driver.stdout.on("data", (b) => driverLog.push(String(b)));
        driver.stderr.on("data", (b) => driverLog.push(String(b)));
        const url = `http://127.0.0.1:${port}`;
        const end = Date.now() + 10_000;
        while (Date.now() < end && driver.exitCode === null) {
          try {
            const r = await fetch(`${url}/status`);
            const j = await r.json();
            if (j?.value?.ready) {
              base = url;
              break;
            }
          } catch {
            // not listening yet
          }
          await sleep(100);
        }
        if (!base) await stopChild(driver);
      }
      if (!base) {
        throw new Error(`${tools.driver} never answered /status as ready (DISPLAY=${display}); its output:\n${driverLog.join("")}`);
      }
      return new WebKitEngine({ xvfb, driver, base, display, driverLog });
    } catch (e) {
      await stopChild(driver);
      await stopChild(xvfb);
      throw e;
    }
  }

  async request(method, p, body) {
    let r;
    try {
      r = await fetch(this.base + p, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json; charset=utf-8" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(90_000),
      });
    } catch (e) {
      throw new WebDriverError(`WebKitWebDriver ${method} ${p}: ${e.message}\ndriver output:\n${this.driverLog.join("").slice(-4000)}`);
    }
    const text = await r.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = { value: { error: "bad response", message: text } };
    }
    if (!r.ok || json?.value?.error) {
      const v = json?.value || {};
      const err = new WebDriverError(`WebKitWebDriver ${method} ${p} -> ${r.status} ${v.error}: ${v.message}`);
      err.wdError = v.error;
      throw err;
    }
    return json.value;
  }

  version() {
    return this.browserVersion;
  }

  async newTab() {
    const caps = await this.request("POST", "/session", {
      capabilities: {
        alwaysMatch: {
          browserName: "MiniBrowser",
          "webkitgtk:browserOptions": { args: ["--automation"] },
          unhandledPromptBehavior: "dismiss and notify",
        },
      },
    });
    this.browserVersion = `${caps.capabilities.browserName} ${caps.capabilities.browserVersion}`;
    const tab = new WebKitTab(this, caps.sessionId);
    this.tabs.add(tab);
    await tab.cmd("POST", "/window/rect", { ...VIEWPORT, x: 0, y: 0 }).catch(() => {});
    await tab.cmd("POST", "/timeouts", { script: 30_000, pageLoad: 60_000, implicit: 0 });
    return tab;
  }

  async close() {
    for (const t of [...this.tabs]) await t.close();
    await stopChild(this.driver);
    await stopChild(this.xvfb);
  }
}

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

class WebKitTab {
  constructor(engine, id) {
    this.engine = "webkit";
    this.wk = engine;
    this.id = id;
    this.inFrame = false;
  }

  cmd(method, p, body) {
    return this.wk.request(method, `/session/${this.id}${p}`, body);
  }

  async goto(url) {
    await this.cmd("POST", "/url", { url });
    this.inFrame = false;
  }

  async reload() {
    await this.cmd("POST", "/refresh", {});
    this.inFrame = false;
  }

  /** Runs `fn(...args)` in the current browsing context (functions are sent as source). */
  eval(fn, ...args) {
    const script = typeof fn === "function" ? `return (${fn.toString()}).apply(null, arguments);` : fn;
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  async find(selector, { timeout = 10_000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      try {
        const v = await this.cmd("POST", "/element", { using: "css selector", value: selector });
        return v[ELEMENT];
      } catch (e) {
        if (e.wdError !== "no such element" || Date.now() > end) {
          throw new Error(`webkit: no element ${selector} within ${timeout} ms (${e.message})`);
        }
      }
      await sleep(50);
    }
  }

  async enterFrame(selector) {
    const el = await this.find(selector, { timeout: 15_000 });
    await this.cmd("POST", "/frame", { id: { [ELEMENT]: el } });
    this.inFrame = true;
  }

  async leaveFrame() {
    await this.cmd("POST", "/frame", { id: null });
    this.inFrame = false;
  }

  async click(selector) {
    const el = await this.find(selector);
    await this.cmd("POST", `/element/${el}/click`, {});
  }

  async type(selector, text) {
    const el = await this.find(selector);
    await this.cmd("POST", `/element/${el}/click`, {});
    // A line break is the Enter key (WebDriver's U+E007), as a learner types it.
    await this.cmd("POST", `/element/${el}/value`, { text: text.replace(/\r?\n/g, "\uE007") });
  }

  /** WebDriver classic reports nothing by itself: see hookFrameErrors / hookErrors. */
  engineErrors() {
    return [];
  }

  consoleLog() {
    return [];
  }

  async close() {
    if (!this.wk.tabs.has(this)) return;
    this.wk.tabs.delete(this);
    await this.cmd("DELETE", "", undefined).catch(() => {});
  }
}
