// A tiny static HTTP server for the e2e tests, bound to 127.0.0.1 on a random
// port. It serves
//   /lms/...                 the LMS host page (tests/e2e/lms)
//   /vendor/scorm-again/...  scorm-again's browser builds (node_modules)
//   /pkg/<name>/...          each extracted SCORM package
//   /favicon.ico             an empty 204, as a site's icon
// with the content types a strict LMS (Moodle) uses: `.js` as
// application/x-javascript and `.wasm` as application/octet-stream, on
// purpose, so that a player relying on instantiateStreaming fails here too.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const e2eDir = path.resolve(here, "..");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".js": "application/x-javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".xml": "text/xml",
  ".xsd": "text/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
  // Unknown to Moodle's table, so octet-stream: .wasm, .mjs, fonts.
  ".wasm": "application/octet-stream",
};

export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] || "application/octet-stream";
}

/**
 * Starts the server.
 * @param {{packages: Record<string,string>}} opts  name -> extracted package dir
 * @returns {Promise<{url: string, requests: Array<{method:string,url:string,status:number,type:string|null}>, close: () => Promise<void>}>}
 */
export async function startServer({ packages }) {
  const mounts = [
    ["/lms/", path.join(e2eDir, "lms")],
    ["/vendor/scorm-again/", path.join(e2eDir, "node_modules", "scorm-again", "dist")],
  ];
  for (const [name, dir] of Object.entries(packages)) {
    mounts.push([`/pkg/${name}/`, dir]);
  }
  const requests = [];

  const server = http.createServer((req, res) => {
    const record = { method: req.method, url: req.url, status: 0, type: null };
    requests.push(record);
    const send = (status, type, body) => {
      record.status = status;
      record.type = type;
      res.writeHead(status, {
        "Content-Type": type,
        "Cache-Control": "no-store",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") {
      send(405, "text/plain", "method not allowed");
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      send(400, "text/plain", "bad url");
      return;
    }
    if (pathname === "/favicon.ico") {
      // Like any LMS site, have one: Chromium asks for it when a package
      // opens as a top-level window (popup launch, no LMS).
      send(204, "image/x-icon", "");
      return;
    }
    const mount = mounts.find(([prefix]) => pathname.startsWith(prefix));
    if (!mount) {
      send(404, "text/plain", "not found");
      return;
    }
    const [prefix, root] = mount;
    let rel = pathname.slice(prefix.length);
    if (rel === "" || rel.endsWith("/")) rel += "index.html";
    const file = path.resolve(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) {
      send(403, "text/plain", "forbidden");
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        send(404, "text/plain", "not found");
        return;
      }
      send(200, contentType(file), data);
    });
  });

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
