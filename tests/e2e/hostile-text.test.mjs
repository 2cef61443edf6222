// Course text that looks like HTML — a course about the web, a careless
// paste, an attacker — in a real browser: the player starts, every page is
// there, and nothing the author wrote runs as script in the LMS's origin.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { VERSIONS, buildPackages, chromiumPath, launchBrowser, removeTmp } from "./lib/env.mjs";
import { startServer } from "./lib/server.mjs";
import { Session } from "./lib/session.mjs";
import { HOOK_TIMEOUT, TEST_TIMEOUT } from "./lib/suite.mjs";

const CHAPTER = `# Webbsidor

## Kommentarer

En kommentar i HTML börjar med \`<!--\` och ett skript med \`<script>\`. Båda slutar
med \`-->\` och \`</script>\`.

Rå HTML visas som text: <img src=x onerror="window.__kvPwned='img'"> och
<b onclick="window.__kvPwned='b'">fet</b>.

<script>window.__kvPwned = 'script'</script>

## Frågan

> [!FRÅGA] html-fraga
> Vad gör \`<!--\` i en sida?
>
> - [x] Börjar en kommentar
>   Rätt: allt fram till \`-->\` visas inte.
> - [ ] Börjar ett skript <script>window.__kvPwned='option'</script>
>   Nej.

## Slutet

Sista sidan. <!-- en kommentar som ska synas som text -->
`;

describe("hostile-text", () => {
  const env = {};
  before(
    async () => {
      chromiumPath();
      env.src = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-hostile-"));
      const dir = path.join(env.src, "webb");
      fs.mkdirSync(dir);
      fs.writeFileSync(
        path.join(dir, "course.toml"),
        'id = "webb"\ntitle = "Webbsidor <!-- <script>"\nlanguage = "sv"\nversion = "1"\nsummary = false\nchapters = ["webb.md"]\n',
      );
      fs.writeFileSync(path.join(dir, "webb.md"), CHAPTER);
      env.pkgs = buildPackages(dir);
      env.server = await startServer({ packages: env.pkgs.dirs });
      env.browser = await launchBrowser();
    },
    { timeout: HOOK_TIMEOUT },
  );
  after(async () => {
    await env.browser?.close().catch(() => {});
    await env.server?.close().catch(() => {});
    removeTmp(env.pkgs?.tmp);
    removeTmp(env.src);
  });

  for (const version of VERSIONS) {
    test(`${version}: the player starts and nothing the author wrote runs`, { timeout: TEST_TIMEOUT }, async () => {
      const session = await Session.open(env.browser, env.server.url, version, { seed: env.pkgs.seeds[version] });
      try {
        const { course, frame } = session;
        assert.equal(course.pages.length, 3, "every page is in the course data");
        assert.equal(await frame.locator("section.kv-page").count(), 3, "every page is in the document");
        assert.equal(await frame.evaluate(() => document.querySelectorAll("script").length), 2, "the page's scripts: the data and the player");
        const first = await frame.locator("section.kv-page").first().innerText();
        assert.match(first, /<img src=x onerror=/, "raw HTML is shown as text");
        await session.next();
        const q = course.questions[0];
        await session.answer(q, { correct: true });
        await session.next();
        assert.equal(await session.currentPage(), 2, "the last page");
        assert.match(await frame.locator("section.kv-page").nth(2).innerText(), /<!-- en kommentar/, "the comment is text");
        await frame.locator("section.kv-page").first().evaluate((el) => el.querySelectorAll("*").forEach((e) => e.click?.()));
        const pwned = await frame.evaluate(() => window.__kvPwned ?? null);
        assert.equal(pwned, null, "author text ran as script");
        assert.deepEqual(session.pageErrors, [], "uncaught errors in the page");
      } finally {
        await session.close();
      }
    });
  }
});
