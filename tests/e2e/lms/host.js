// A minimal LMS for the end-to-end tests.
//
// Query string:
//   v=12 | v=2004     which SCORM runtime to expose (window.API or window.API_1484_11)
//   pkg=<url>         the SCO to launch, e.g. /pkg/scorm12/index.html
//   seed=<json>       optional flattened CMI to pre-load before launch, e.g.
//                     {"cmi.core.lesson_location":"p3","cmi.suspend_data":"..."}
//                     (scorm-again's loadFromFlattenedJSON)
//   manual=1          do not launch at once: the test calls window.kvSeed(...)
//                     and then window.kvLaunch()
//
// Every SCORM API method is wrapped so that each call the SCO makes is recorded
// in window.lmsCalls as {i, method, args, result, error, t}. scorm-again's own
// log messages go to window.lmsLog.
(function () {
  "use strict";

  var q = new URLSearchParams(window.location.search);
  var version = q.get("v");
  var pkg = q.get("pkg");

  window.lmsCalls = [];
  window.lmsLog = [];
  window.lmsVersion = version;

  var settings = {
    logLevel: 4,
    autocommit: false,
    onLogMessage: function (level, message) {
      window.lmsLog.push({ level: String(level), message: String(message), t: performance.now() });
    },
  };

  var api;
  var methods;
  if (version === "12") {
    api = new window.Scorm12API(settings);
    methods = [
      "LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
      "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic",
    ];
  } else if (version === "2004") {
    api = new window.Scorm2004API(settings);
    methods = [
      "Initialize", "Terminate", "GetValue", "SetValue", "Commit",
      "GetLastError", "GetErrorString", "GetDiagnostic",
    ];
  } else {
    throw new Error("host.js: query parameter v must be 12 or 2004, got " + version);
  }

  methods.forEach(function (name) {
    var original = api[name];
    if (typeof original !== "function") {
      throw new Error("host.js: scorm-again API has no method " + name);
    }
    api[name] = function () {
      var args = Array.prototype.slice.call(arguments);
      var entry = {
        i: window.lmsCalls.length,
        method: name,
        args: args.map(function (a) { return a === undefined ? null : String(a); }),
        result: null,
        error: null,
        t: performance.now(),
      };
      window.lmsCalls.push(entry);
      var result = original.apply(api, args);
      entry.result = result === undefined ? null : String(result);
      // Read the error state without going through the wrapped GetLastError,
      // so the record stays exactly what the SCO called.
      try { entry.error = String(api.lastErrorCode); } catch (e) { entry.error = "?"; }
      return result;
    };
  });

  if (version === "12") {
    window.API = api;
  } else {
    window.API_1484_11 = api;
  }
  window.lmsApi = api;

  // Pre-seed CMI (for resume tests). Must be called before kvLaunch().
  window.kvSeed = function (flat) {
    api.loadFromFlattenedJSON(flat);
  };
  var seed = q.get("seed");
  if (seed) {
    window.kvSeed(JSON.parse(seed));
  }

  // Current value of a CMI element as the LMS holds it, read without a
  // recorded API call.
  window.kvCmi = function (element) {
    var parts = element.split(".");
    var node = api;
    for (var k = 0; k < parts.length; k++) {
      if (node == null) return null;
      node = node[parts[k]];
    }
    return node == null ? null : String(node);
  };

  window.kvFrame = null;

  window.kvLaunch = function () {
    if (!pkg) throw new Error("host.js: no pkg query parameter");
    var frame = document.createElement("iframe");
    frame.id = "sco";
    frame.name = "sco";
    frame.title = "Course";
    frame.src = pkg;
    document.body.appendChild(frame);
    window.kvFrame = frame;
    return frame;
  };

  // Tear the SCO down as an LMS does when the learner leaves: navigate the
  // frame to about:blank ("blank", default) or remove it ("remove").
  // Resolves once the old document is gone.
  window.kvTeardown = function (mode) {
    var frame = window.kvFrame;
    if (!frame) return Promise.resolve("no-frame");
    return new Promise(function (resolve) {
      if (mode === "remove") {
        frame.remove();
        window.kvFrame = null;
        resolve("removed");
        return;
      }
      frame.addEventListener("load", function () { resolve("blank"); }, { once: true });
      frame.src = "about:blank";
    });
  };

  if (!q.has("manual")) {
    if (document.body) {
      window.kvLaunch();
    } else {
      document.addEventListener("DOMContentLoaded", function () { window.kvLaunch(); }, { once: true });
    }
  }
})();
