// Shared before/after hooks: build the packages, serve them, start Chromium.
import { before, after } from "node:test";
import { buildPackages, chromiumPath, launchBrowser, removeTmp } from "./env.mjs";
import { startServer } from "./server.mjs";
import { Session } from "./session.mjs";

export const HOOK_TIMEOUT = 300_000;
export const TEST_TIMEOUT = 240_000;

/**
 * Registers before/after hooks in the current describe() and returns an
 * object filled in by them: {pkgs, server, browser}.
 */
export function useEnvironment() {
  const env = {};
  before(
    async () => {
      chromiumPath(); // fail first, and clearly, when Chromium is missing
      env.pkgs = buildPackages();
      env.server = await startServer({ packages: env.pkgs.dirs });
      env.browser = await launchBrowser();
    },
    { timeout: HOOK_TIMEOUT },
  );
  after(
    async () => {
      await env.browser?.close().catch(() => {});
      await env.server?.close().catch(() => {});
      removeTmp(env.pkgs?.tmp);
    },
    { timeout: 60_000 },
  );
  return env;
}

/**
 * Opens the package for `version` in a fresh browser context, runs `body`,
 * and appends the LMS calls, scorm-again's log and the console to any failure.
 */
export async function withSession(env, version, body, openOptions = {}) {
  // Like a real LMS, pre-load what the manifest says (mastery score) unless the test seeds itself.
  // `label` names the session in a failure (default: the version).
  const { label = version, ...rest } = openOptions;
  const options = { seed: env.pkgs?.seeds[version], ...rest };
  const session = await Session.open(env.browser, env.server.url, version, options);
  try {
    await body(session);
  } catch (err) {
    const more = await session.diagnostics().catch((e) => `(no diagnostics: ${e.message})`);
    if (err && typeof err === "object" && typeof err.message === "string") {
      err.message += `\n\n--- ${label} diagnostics ---\n${more}`;
    }
    throw err;
  } finally {
    await session.close();
  }
}

/** Requests for package files the server could not answer (broken links). */
export function failedPackageRequests(server) {
  return server.requests.filter((r) => r.url.startsWith("/pkg/") && r.status !== 200).map((r) => `${r.status} ${r.url}`);
}
