// The test server must answer like a strict LMS (Moodle): .wasm as
// application/octet-stream and .js as application/x-javascript.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer } from "./lib/server.mjs";

test("server serves package files with Moodle's content types", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-server-"));
  fs.writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>x</title>");
  fs.writeFileSync(path.join(dir, "player.js"), "void 0;");
  fs.writeFileSync(path.join(dir, "player_bg.wasm"), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  const server = await startServer({ packages: { p: dir } });
  try {
    const type = async (u) => {
      const r = await fetch(server.url + u);
      await r.arrayBuffer();
      return [r.status, r.headers.get("content-type")];
    };
    assert.deepEqual(await type("/pkg/p/player_bg.wasm"), [200, "application/octet-stream"]);
    assert.deepEqual(await type("/pkg/p/player.js"), [200, "application/x-javascript"]);
    assert.deepEqual(await type("/pkg/p/"), [200, "text/html; charset=utf-8"]);
    assert.deepEqual(await type("/lms/host.html"), [200, "text/html; charset=utf-8"]);
    assert.deepEqual(await type("/vendor/scorm-again/scorm-again.js"), [200, "application/x-javascript"]);
    assert.equal((await type("/pkg/p/missing.js"))[0], 404);
    assert.notEqual((await type("/pkg/p/%2e%2e/%2e%2e/etc/passwd"))[0], 200);
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
