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
//   launch=popup      open the SCO in a new window (window.open) instead of an
//                     iframe, from a click on button#kv-enter as LMSs do; the
//                     SCO then finds the API only through window.opener
//   faults=<json>     a misbehaving LMS, e.g. {"refuse":["cmi.core.lesson_location"],
//                     "failCommits":2}: SetValue on a refused element (exact name,
//                     or a prefix ending in "*") returns "false" with an error
//                     code and stores nothing; the next failCommits Commits
//                     return "false" with an error code. window.kvSetFaults({...})
//                     changes this while the SCO runs.
//
// Every SCORM API method is wrapped so that each call the SCO makes is recorded
// in window.lmsCalls as {i, method, args, result, error, t}. scorm-again's own
// log messages go to window.lmsLog. window.lmsCommitted holds the flattened
// CMI as of the last successful Commit or Terminate (what an LMS that saves
// on commit has persisted), window.lmsCommitCount how many succeeded.
(function () {
  "use strict";

  var q = new URLSearchParams(window.location.search);
  var version = q.get("v");
  var pkg = q.get("pkg");

  window.lmsCalls = [];
  window.lmsLog = [];
  window.lmsVersion = version;
  window.lmsCommitted = null;
  window.lmsCommitCount = 0;

  // Injected faults (see the header).
  window.kvFaults = { refuse: [], failCommits: 0 };
  window.kvSetFaults = function (f) {
    Object.keys(f || {}).forEach(function (k) { window.kvFaults[k] = f[k]; });
  };
  if (q.get("faults")) window.kvSetFaults(JSON.parse(q.get("faults")));

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

  var setName = methods[3];
  var commitName = methods[4];
  var finishName = methods[1];
  // SCORM error codes an LMS uses for a refused value and a failed commit.
  var codes = version === "12" ? { set: 101, commit: 101 } : { set: 351, commit: 391 };

  function refused(element) {
    return (window.kvFaults.refuse || []).some(function (r) {
      return r.slice(-1) === "*" ? String(element).indexOf(r.slice(0, -1)) === 0 : r === element;
    });
  }

  // The fault to inject for this call, or null.
  function faultFor(name, args) {
    if (name === setName && refused(args[0])) {
      return { code: codes.set, message: "e2e LMS: refused " + args[0] };
    }
    if (name === commitName && window.kvFaults.failCommits > 0) {
      window.kvFaults.failCommits -= 1;
      return { code: codes.commit, message: "e2e LMS: commit failed" };
    }
    return null;
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
      var fault = faultFor(name, entry.args);
      var result;
      if (fault) {
        entry.faulted = true;
        api.throwSCORMError(entry.args[0] || "", fault.code, fault.message);
        result = "false";
      } else {
        result = original.apply(api, args);
      }
      entry.result = result === undefined ? null : String(result);
      if ((name === commitName || name === finishName) && entry.result === "true") {
        window.lmsCommitted = api.getFlattenedCMI();
        window.lmsCommitCount += 1;
      }
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
  // recorded API call (list elements such as cmi.interactions.0.id included).
  window.kvCmi = function (element) {
    var parts = element.split(".");
    var node = api;
    for (var k = 0; k < parts.length; k++) {
      if (node == null) return null;
      if (/^\d+$/.test(parts[k]) && node.childArray) {
        node = node.childArray[Number(parts[k])];
      } else {
        try {
          node = node[parts[k]];
        } catch (e) {
          // A write-only element's getter throws outside JSON export: read
          // scorm-again's backing field instead.
          node = node["_" + parts[k]];
        }
      }
    }
    return node == null ? null : String(node);
  };

  // Everything the LMS holds now, flattened ({"cmi.core.lesson_location": ...}).
  window.kvFlat = function () {
    return api.getFlattenedCMI();
  };

  window.kvFrame = null;
  window.kvPopup = null;
  var popup = q.get("launch") === "popup";

  window.kvLaunch = function () {
    if (!pkg) throw new Error("host.js: no pkg query parameter");
    if (popup) {
      window.kvPopup = window.open(pkg, "sco", "popup,width=1200,height=900");
      return window.kvPopup;
    }
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
    if (window.kvPopup) {
      // The learner closes the course window.
      var w = window.kvPopup;
      window.kvPopup = null;
      return new Promise(function (resolve) {
        w.close();
        (function wait() {
          if (w.closed) resolve("closed");
          else setTimeout(wait, 20);
        })();
      });
    }
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

  function ready(f) {
    if (document.body) f();
    else document.addEventListener("DOMContentLoaded", f, { once: true });
  }

  if (popup) {
    // Like an LMS's "Enter" button: window.open from a click.
    ready(function () {
      var b = document.createElement("button");
      b.id = "kv-enter";
      b.type = "button";
      b.textContent = "Enter";
      b.addEventListener("click", function () { window.kvLaunch(); });
      document.body.appendChild(b);
    });
  } else if (!q.has("manual")) {
    ready(function () { window.kvLaunch(); });
  }
})();
