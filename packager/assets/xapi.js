// Kursverk's xAPI transport: see player/src/web/xapi.rs, which decides
// everything (what to send, when, and what a launch means). This only moves
// bytes: the cmi5 launch requests, the statement queue with its retries, and
// the State API document. Hand-written JavaScript rather than Rust through
// web-sys because the same code in wasm costs the player about 7 KB gzipped
// (promise closures and their glue), which its 50 KB budget does not have.
var kvXapi = (function () {
  "use strict";
  var VERSION = "1.0.3";
  var STATE = "https://kursverk.se/xapi/state";
  var WAIT = [1, 3, 10, 30];
  var lrs = null; // { endpoint, auth, template, stateUrl }
  var queue = [], busy = false, failures = 0;
  var doc = null, saving = false, stateFailures = 0;

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
  function loadState(result) {
    var url = stateUrl(result.activity, result.actor, result.registration, STATE);
    return request("GET", url).then(function (r) {
      result.known = r.status === 200 || r.status === 404;
      if (result.known) lrs.stateUrl = url;
      return r.status === 200 ? r.json() : null;
    }).then(function (saved) {
      if (saved && typeof saved === "object") {
        result.suspend = typeof saved.suspend === "string" ? saved.suspend : null;
        result.completed = saved.completed === true;
        result.passed = saved.passed === true;
      }
      ready(result);
    }, function () { ready(result); });
  }

  // cmi5 section 8: the launch URL, the token (fetched once; a reload of
  // the same launch finds it in this tab's session storage), LMS.LaunchData.
  function launch() {
    var p = new URLSearchParams(location.search);
    var need = ["endpoint", "fetch", "actor", "registration", "activityId"];
    for (var i = 0; i < need.length; i++) if (!p.get(need[i])) return ready(null);
    var actor;
    try {
      actor = JSON.stringify(JSON.parse(p.get("actor")));
      if (actor.charAt(0) !== "{") return ready(null);
    } catch (e) { return ready(null); }
    var endpoint = p.get("endpoint");
    if (endpoint.slice(-1) !== "/") endpoint += "/";
    var result = { cmi5: true, actor: actor, registration: p.get("registration"),
      activity: p.get("activityId") };
    var key = "kursverk:token:" + p.get("fetch");
    var kept = null;
    try { kept = sessionStorage.getItem(key); } catch (e) {}
    var token = kept ? Promise.resolve(kept) : fetch(p.get("fetch"), { method: "POST" })
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
      return loadState(result);
    }).catch(function (e) {
      if (window.console) console.warn("kursverk: the cmi5 launch failed:", e);
      ready(null);
    });
  }

  // A standalone course: the player knows the learner and registration.
  function connect(endpoint, auth, actor, activity, registration) {
    lrs = { endpoint: endpoint, auth: auth, template: null, stateUrl: null };
    loadState({ cmi5: false, actor: actor, registration: registration, activity: activity });
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
  function flush(keepalive) {
    if (!lrs || !queue.length || (busy && !keepalive)) return;
    busy = true;
    var n = queue.length;
    var done = function (ok) {
      busy = false;
      if (ok) {
        queue.splice(0, n);
        failures = 0;
        flush();
      } else {
        failures++;
        setTimeout(flush, 1000 * WAIT[Math.min(failures, WAIT.length) - 1]);
      }
    };
    request("POST", lrs.endpoint + "statements", "[" + queue.join(",") + "]", keepalive)
      .then(function (r) { done(r.status === 200 || r.status === 204); }, function () { done(false); });
  }
  function flushState(keepalive) {
    if (!lrs || !lrs.stateUrl || doc === null || (saving && !keepalive)) return;
    var body = doc;
    doc = null;
    saving = true;
    var done = function (ok) {
      saving = false;
      if (ok) {
        stateFailures = 0;
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
    send: function (text, keepalive) {
      var s = JSON.parse(text);
      if (lrs && lrs.template) merge(s.context, lrs.template);
      queue.push(JSON.stringify(s));
      flush(keepalive);
    },
    save: function (text, keepalive) {
      doc = text;
      flushState(keepalive);
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
