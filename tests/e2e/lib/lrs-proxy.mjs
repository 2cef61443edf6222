// A switchable fault in front of the test LRS, for xapi-faults.test.mjs.
//
// `startLrsProxy(lrs)` listens on 127.0.0.1 and forwards every request to
// the LRS (Ralph behind tests/lrs/shim.py, which answers CORS for loopback
// origins itself). The AU is given `proxy.endpoint` as its cmi5 `endpoint`.
// `fail(mode, kinds)` makes the requests of `kinds` fail until `recover()`:
//
//   kinds: "statements"  POST/PUT /xAPI/statements
//          "state-put"   PUT/POST/DELETE /xAPI/activities/state
//          "state-get"   GET /xAPI/activities/state
//   mode:  "503"         the proxy answers 503 itself (with CORS headers, so
//                        the page sees the status); nothing reaches the LRS
//          "drop"        the connection is destroyed before anything is
//                        forwarded (the page sees a network error)
//          "lost-response" the request reaches the LRS (which stores it), and
//                        the connection is destroyed instead of the answer:
//                        the classic lost acknowledgement that makes a
//                        client resend what the LRS already has
//
// CORS preflights (OPTIONS) are always forwarded, so a failure is the
// request's own. Every request is logged: {at, method, path, kind, status
// (0: dropped), fault (null or the mode), body (text, for writes),
// answer (the LRS's body when it refused a write)}.
import http from "node:http";

const KIND = (method, pathname) => {
  if (method === "OPTIONS") return "preflight";
  if (/\/xAPI\/statements\/?$/.test(pathname)) return method === "GET" ? "statements-get" : "statements";
  if (/\/xAPI\/activities\/state\/?$/.test(pathname)) return method === "GET" ? "state-get" : "state-put";
  return "other";
};

export async function startLrsProxy(lrs) {
  const upstream = new URL(lrs.url);
  const log = [];
  let fault = null; // {mode, kinds: Set}
  const sockets = new Set();

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const { pathname } = new URL(req.url, "http://x");
      const kind = KIND(req.method, pathname);
      const entry = { at: Date.now(), method: req.method, path: req.url, kind, status: 0, fault: null };
      if (req.method !== "GET" && req.method !== "OPTIONS" && body.length) entry.body = body.toString("utf8");
      log.push(entry);
      const failing = fault && fault.kinds.has(kind) ? fault.mode : null;
      entry.fault = failing;
      if (failing === "503") {
        const origin = req.headers.origin;
        entry.status = 503;
        res.writeHead(503, {
          "Content-Type": "application/json",
          "Retry-After": "1",
          ...(origin ? { "Access-Control-Allow-Origin": origin, "Access-Control-Allow-Credentials": "true", Vary: "Origin" } : {}),
        });
        res.end(JSON.stringify({ detail: "the test proxy: LRS outage" }));
        return;
      }
      if (failing === "drop") {
        req.socket.destroy();
        return;
      }
      const headers = { ...req.headers, host: upstream.host };
      delete headers.connection;
      headers["content-length"] = String(body.length);
      const up = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
        (ur) => {
          const got = [];
          ur.on("data", (c) => got.push(c));
          ur.on("end", () => {
            const answer = Buffer.concat(got);
            entry.status = ur.statusCode;
            if (ur.statusCode >= 400 && kind !== "state-get") entry.answer = answer.toString("utf8").slice(0, 2000);
            if (failing === "lost-response") {
              entry.status = 0;
              entry.upstreamStatus = ur.statusCode;
              req.socket.destroy();
              return;
            }
            const h = { ...ur.headers };
            delete h.connection;
            delete h["transfer-encoding"];
            h["content-length"] = String(answer.length);
            res.writeHead(ur.statusCode, h);
            res.end(answer);
          });
        },
      );
      up.on("error", (e) => {
        entry.status = 502;
        entry.answer = e.message;
        res.writeHead(502, { "Content-Type": "text/plain" });
        res.end(e.message);
      });
      up.end(body);
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  const endpointPath = new URL(lrs.endpoint).pathname;
  return {
    url,
    endpoint: `${url}${endpointPath}`,
    log,
    /** Requests of `kinds` fail in `mode` until recover(). */
    fail(mode, kinds = ["statements", "state-put"]) {
      fault = { mode, kinds: new Set(kinds) };
    },
    recover() {
      fault = null;
    },
    get failing() {
      return fault ? { mode: fault.mode, kinds: [...fault.kinds] } : null;
    },
    /** The log entries of one kind (after `since`, ms). */
    of(kind, since = 0) {
      return log.filter((e) => e.kind === kind && e.at >= since);
    },
    /** The log, one line per request (for failure messages and reports). */
    format(since = 0) {
      return (
        log
          .filter((e) => e.at >= since)
          .map((e) => {
            let what = "";
            if (e.kind === "statements" && e.body) {
              try {
                what = ` [${JSON.parse(e.body).map((s) => `${s.verb?.display?.["en-US"] ?? s.verb?.id}:${String(s.id).slice(0, 8)}`).join(" ")}]`;
              } catch {
                what = ` (body is not JSON: ${e.body.slice(0, 200)})`;
              }
            }
            const up = e.upstreamStatus ? ` (LRS ${e.upstreamStatus}, answer dropped)` : "";
            const answer = e.answer ? ` answer=${e.answer.slice(0, 300)}` : "";
            return `  ${new Date(e.at).toISOString().slice(11, 23)} ${e.method} ${e.kind} -> ${e.status}${e.fault ? ` (fault: ${e.fault})` : ""}${up}${what}${answer}`;
          })
          .join("\n") || "  (no requests)"
      );
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
