// Kursverk's xAPI transport: see player/src/web/xapi.rs, which decides
// everything (what to send, when, and what a launch means). This only moves
// bytes: the cmi5 launch requests, the statement queue with its retries, and
// the State API document. Hand-written JavaScript rather than Rust through
// web-sys because the same code in wasm cost the player 5.8 KB gzipped
// (promise closures and their glue) where this costs about 3 KB: the
// player's size budget is the reason.
var kvXapi = (function () {
  "use strict";
  var VERSION = "1.0.3";
  var STATE = "https://kursverk.se/xapi/state";
  var WAIT = [1, 3, 10, 30];
  var lrs = null; // { endpoint, auth, template, stateUrl }
  var queue = [], busy = false, failures = 0, single = false, trouble = false;
  var doc = null, saving = false, stateFailures = 0, sending = null;
  // What has not reached the LRS yet, kept in this browser (by
  // registration) so a reload or a closed tab loses nothing: sent first by
  // the next page of the same registration. Ids make a second copy harmless.
  var outboxKey = null;
  function keep() {
    if (!outboxKey) return;
    try {
      // The document on its way counts as unsent until the LRS says so.
      var unsent = doc !== null ? doc : sending;
      if (queue.length || unsent !== null) {
        localStorage.setItem(outboxKey, JSON.stringify({ q: queue, doc: unsent }));
      } else {
        localStorage.removeItem(outboxKey);
      }
    } catch (e) {}
  }
  function kept() {
    try { return JSON.parse(localStorage.getItem(outboxKey)) || {}; } catch (e) { return {}; }
  }
  // An xAPI agent with only an agent's members (an LRS refuses others).
  function agent(text) {
    try {
      var a = JSON.parse(text), out = { objectType: "Agent" };
      if (!a || typeof a !== "object") return null;
      ["name", "mbox", "mbox_sha1sum", "openid"].forEach(function (k) {
        if (typeof a[k] === "string") out[k] = a[k];
      });
      if (a.account && typeof a.account === "object") {
        out.account = { homePage: String(a.account.homePage), name: String(a.account.name) };
      }
      return out.mbox || out.mbox_sha1sum || out.openid || out.account ? JSON.stringify(out) : null;
    } catch (e) { return null; }
  }
  function tell(on) {
    if (trouble !== on) wasm_bindgen.kv_xapi_trouble(on);
    trouble = on;
  }

  function request(method, url, body, keepalive) {
    var headers = { "X-Experience-API-Version": VERSION };
    if (lrs.auth) headers.Authorization = lrs.auth;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(url, { method: method, headers: headers, body: body, keepalive: !!keepalive });
  }
  function stateUrl(activity, actor, registration, id) {
    var q = encodeURIComponent;
    return lrs.endpoint + "activities/state?activityId=" + q(activity) + "&agent=" + q(actor) +
      "&registration=" + q(registration) + "&stateId=" + q(id);
  }
  function json(r) {
    if (r.status !== 200) throw new Error("HTTP " + r.status);
    return r.json();
  }
  function ready(result) {
    wasm_bindgen.kv_xapi_ready(result);
  }
  // The player's own State API document. An LRS that cannot say (not 200,
  // not 404) leaves `known` false: the course then stores no state this
  // session, so it cannot overwrite a newer one kept from another computer.
  function loadState(result, prefix) {
    outboxKey = prefix + ":" + result.registration;
    var waiting = kept();
    queue = Array.isArray(waiting.q) ? waiting.q : [];
    var url = stateUrl(result.activity, result.actor, result.registration, STATE);
    var done = function (saved) {
      // A state this browser could not store yet is newer than the LRS's.
      if (typeof waiting.doc === "string") {
        doc = waiting.doc;
        try { saved = JSON.parse(doc); } catch (e) {}
      }
      if (saved && typeof saved === "object") {
        result.suspend = typeof saved.suspend === "string" ? saved.suspend : null;
        result.completed = saved.completed === true;
        result.passed = saved.passed === true;
      }
      ready(result);
      flush();
      flushState();
    };
    return request("GET", url).then(function (r) {
      result.known = r.status === 200 || r.status === 404;
      if (result.known) lrs.stateUrl = url;
      return r.status === 200 ? r.json() : null;
    }).then(done, function () { done(null); });
  }

  // cmi5 section 8: the launch URL, the token (fetched once; a reload of
  // the same launch finds it in this tab's session storage), LMS.LaunchData.
  function launch(prefix) {
    var p = new URLSearchParams(location.search);
    var need = ["endpoint", "fetch", "actor", "registration", "activityId"];
    for (var i = 0; i < need.length; i++) if (!p.get(need[i])) return ready(null);
    var actor = agent(p.get("actor"));
    if (!actor) return ready(null);
    var endpoint = p.get("endpoint");
    if (endpoint.slice(-1) !== "/") endpoint += "/";
    var result = { cmi5: true, actor: actor, registration: p.get("registration"),
      activity: p.get("activityId") };
    var key = "kursverk:token:" + p.get("fetch");
    var known = null;
    try { known = sessionStorage.getItem(key); } catch (e) {}
    var token = known ? Promise.resolve(known) : fetch(p.get("fetch"), { method: "POST" })
      .then(json).then(function (t) {
        if (!t["auth-token"]) throw new Error(t["error-text"] || "no token");
        var auth = "Basic " + t["auth-token"];
        try { sessionStorage.setItem(key, auth); } catch (e) {}
        return auth;
      });
    token.then(function (auth) {
      lrs = { endpoint: endpoint, auth: auth, template: null, stateUrl: null };
      return request("GET", stateUrl(result.activity, actor, result.registration, "LMS.LaunchData"));
    }).then(json).then(function (data) {
      var template = data.contextTemplate;
      var sid = template && template.extensions &&
        template.extensions["https://w3id.org/xapi/cmi5/context/extensions/sessionid"];
      if (typeof sid !== "string") throw new Error("no session id in LMS.LaunchData");
      // This session ended (the page was left, then reloaded): cmi5 allows
      // no statement after "terminated", so the LMS must launch anew.
      var over = false;
      try { over = !!sessionStorage.getItem("kursverk:ended:" + sid); } catch (e) {}
      if (over) {
        // What the ended session left unsent still goes.
        outboxKey = prefix + ":" + result.registration;
        var waiting = kept();
        queue = Array.isArray(waiting.q) ? waiting.q : [];
        doc = typeof waiting.doc === "string" ? waiting.doc : null;
        lrs.stateUrl = stateUrl(result.activity, actor, result.registration, STATE);
        flush();
        flushState();
        result.ended = true;
        return ready(result);
      }
      lrs.template = template;
      result.session = sid;
      result.mode = String(data.launchMode || "Normal");
      if (typeof data.masteryScore === "number" && data.masteryScore >= 0 && data.masteryScore <= 1) {
        result.mastery = data.masteryScore;
      }
      // Only a web address: a returnURL of another scheme could run script.
      try {
        var back = new URL(data.returnURL, location.href);
        if (back.protocol === "https:" || back.protocol === "http:") result.returnUrl = back.href;
      } catch (e) {}
      return loadState(result, prefix);
    }).catch(function (e) {
      if (window.console) console.warn("kursverk: the cmi5 launch failed:", e);
      ready(null);
    });
  }

  // A standalone course: the player knows the learner and registration.
  function connect(endpoint, auth, actor, activity, registration, prefix) {
    lrs = { endpoint: endpoint, auth: auth, template: null, stateUrl: null };
    loadState({ cmi5: false, actor: actor, registration: registration, activity: activity }, prefix);
  }

  // The LMS's context template laid over a statement's context: the
  // template's values win (cmi5 10.2.1), its activity lists are kept and the
  // player's own are added after them.
  function merge(context, template) {
    Object.keys(template || {}).forEach(function (k) {
      var theirs = template[k], ours = context[k];
      if ((k === "contextActivities" || k === "extensions") && ours && typeof theirs === "object") {
        Object.keys(theirs).forEach(function (n) {
          ours[n] = Array.isArray(ours[n]) ? [].concat(theirs[n], ours[n]) : theirs[n];
        });
      } else {
        context[k] = theirs;
      }
    });
  }

  // Every waiting statement in one POST, in order, one request at a time
  // (unless the page is going away). Each has its own id, so sending one
  // again after a lost answer is harmless: the LRS keeps one copy.
  //
  // A statement the LRS refuses (a 4xx other than 408 and 429) would hold
  // back every later one: the batch is sent again one statement at a time,
  // and only the one refused on its own is dropped (and logged).
  function flush(keepalive) {
    if (!lrs || !queue.length || (busy && !keepalive)) return;
    busy = true;
    var n = single ? 1 : queue.length;
    var done = function (status) {
      busy = false;
      var refused = status >= 400 && status < 500 && status !== 408 && status !== 429;
      if (status === 200 || status === 204 || (refused && n === 1)) {
        if (refused && window.console) console.warn("kursverk: the LRS refused a statement (" + status + "):", queue[0]);
        queue.splice(0, n);
        keep();
        failures = 0;
        single = single && refused;
        tell(false);
        flush();
      } else if (refused) {
        single = true;
        flush();
      } else {
        failures++;
        if (failures >= 2) tell(true);
        setTimeout(flush, 1000 * WAIT[Math.min(failures, WAIT.length) - 1]);
      }
    };
    request("POST", lrs.endpoint + "statements", "[" + queue.slice(0, n).join(",") + "]", keepalive)
      .then(function (r) { done(r.status); }, function () { done(0); });
  }
  function flushState(keepalive) {
    if (!lrs || !lrs.stateUrl || doc === null || (saving && !keepalive)) return;
    var body = doc;
    doc = null;
    sending = body;
    saving = true;
    var done = function (ok) {
      saving = false;
      sending = null;
      if (ok) {
        stateFailures = 0;
        keep();
        return flushState();
      }
      if (doc === null) doc = body; // a newer one, if any, wins
      stateFailures++;
      setTimeout(flushState, 1000 * WAIT[Math.min(stateFailures, WAIT.length) - 1]);
    };
    request("PUT", lrs.stateUrl, body, keepalive)
      .then(function (r) { done(r.ok); }, function () { done(false); });
  }

  return {
    launch: launch,
    connect: connect,
    agent: agent,
    send: function (text, keepalive) {
      var s = JSON.parse(text);
      if (lrs && lrs.template) merge(s.context, lrs.template);
      queue.push(JSON.stringify(s));
      keep();
      flush(keepalive);
    },
    save: function (text, keepalive) {
      doc = text;
      keep();
      flushState(keepalive);
    },
    // The session is over ("terminated" is on its way): a reload of the
    // same launch must not send more.
    ended: function (session) {
      try { sessionStorage.setItem("kursverk:ended:" + session, "1"); } catch (e) {}
    },
    // Ends a cmi5 session the learner left by the exit button: once the LRS
    // has every statement (at most 5 s), to the LMS's return address.
    leave: function (url) {
      var tries = 50;
      (function wait() {
        if ((queue.length || busy) && tries--) return setTimeout(wait, 100);
        location.href = url;
      })();
    },
  };
})();
