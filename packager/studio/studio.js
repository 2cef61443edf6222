// Kursverk Studio: the course in a real SCORM runtime, the calls it makes,
// and the problems of the last build, updated on every save.
//
// The preview is the package `kursverk build` would zip (served from memory
// under /course/<version>/). This page plays the LMS: it puts scorm-again's
// API on `window` (where the player looks for it in its parent), records
// every call, and flags values a strict LMS (Moodle) refuses even though
// scorm-again accepts them (../shared/lms-notes.md). Nothing here ever goes
// into a package.
(function () {
  "use strict";

  var WORDS = {
    sv: {
      version: "SCORM-version", goto: "Gå till sida", newLearner: "Ny deltagare",
      comeBack: "Lämna och kom tillbaka", failCommit: "Låt nästa sparning misslyckas",
      preview: "Förhandsvisning", problems: "Problem", lms: "Lärplattformen (LMS)",
      method: "Anrop", element: "Element", value: "Värde", result: "Svar", error: "Felkod",
      showPage: "Visa sidan", close: "Stäng", noProblems: "Inga problem.", built: "Byggd på {ms} ms.", checked: "Kontrollerad på {ms} ms.",
      error: "Fel", warning: "Varning", hint: "Gör så här:",
      broken: "Kursen har fel och byggs inte. Förhandsvisningen visar den senaste versionen som fungerade.",
      noPreview: "Kursen har fel och har inte byggts än. Rätta felen nedan.",
      status: "Status", score: "Resultat", bookmark: "Bokmärke", saved: "Sparat",
      savedOf: "{n} av {max} tecken", frame: "Kursen som deltagarna ser den",
      failArmed: "Nästa sparning misslyckas.", waiting: "Väntar på Kursverk …",
      calls: "Alla anrop till lärplattformen",
      author: "Kursens filer", openFolder: "Öppna kursmapp …", file: "Fil", save: "Spara",
      saveZip: "Ladda ner kursen som zip", download: "Ladda ner:", web: "Webbversion", print: "Utskrift",
      editor: "Filens text", written: "Sparat.", openFirst: "Öppna en kursmapp (den som har course.toml) för att börja.",
      engine: "Startar Kursverk i webbläsaren …", opened: "{n} filer öppnade.",
      lineProblem: "Rad {line}: {message}",
      lost: "Kursverk har stängts. Kör kursverk serve igen och ladda om sidan.",
    },
    en: {
      version: "SCORM version", goto: "Go to page", newLearner: "New learner",
      comeBack: "Leave and come back", failCommit: "Make the next save fail",
      preview: "Preview", problems: "Problems", lms: "Learning platform (LMS)",
      method: "Call", element: "Element", value: "Value", result: "Result", error: "Error code",
      showPage: "Show the page", close: "Close", noProblems: "No problems.", built: "Built in {ms} ms.", checked: "Checked in {ms} ms.",
      error: "Error", warning: "Warning", hint: "What to do:",
      broken: "The course has errors and is not built. The preview shows the last version that worked.",
      noPreview: "The course has errors and has not been built yet. Fix the errors below.",
      status: "Status", score: "Score", bookmark: "Bookmark", saved: "Saved",
      savedOf: "{n} of {max} characters", frame: "The course as learners see it",
      failArmed: "The next save fails.", waiting: "Waiting for Kursverk …",
      calls: "Every call to the learning platform",
      author: "The course's files", openFolder: "Open course folder …", file: "File", save: "Save",
      saveZip: "Download the course as a zip", download: "Download:", web: "Web version", print: "Print",
      editor: "The file's text", written: "Saved.", openFirst: "Open a course folder (the one with course.toml) to start.",
      engine: "Starting Kursverk in the browser …", opened: "{n} files opened.",
      lineProblem: "Line {line}: {message}",
      lost: "Kursverk has stopped. Run kursverk serve again and reload this page.",
    },
  };

  var V = {
    scorm12: {
      api: "API", make: function (s) { return new window.Scorm12API(s); },
      methods: ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
        "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
      set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish",
      entry: "cmi.core.entry", location: "cmi.core.lesson_location",
      status: ["cmi.core.lesson_status"], score: "cmi.core.score.raw",
      suspendMax: 4096, failCode: 101,
    },
    scorm2004: {
      api: "API_1484_11", make: function (s) { return new window.Scorm2004API(s); },
      methods: ["Initialize", "Terminate", "GetValue", "SetValue", "Commit",
        "GetLastError", "GetErrorString", "GetDiagnostic"],
      set: "SetValue", commit: "Commit", finish: "Terminate",
      entry: "cmi.entry", location: "cmi.location",
      status: ["cmi.completion_status", "cmi.success_status"], score: "cmi.score.scaled",
      suspendMax: 64000, failCode: 391,
    },
  };

  var $ = function (id) { return document.getElementById(id); };

  // Where builds come from. `kursverk serve`: the server (a long-polled
  // /api/state, the package under /course/<version>/). The static Studio
  // (`kursverk studio --out DIR`, see static.js) sets window.KV_BACKEND:
  // the same calls, answered by the packager compiled to wasm in this page.
  var backend = window.KV_BACKEND || {
    next: function (since) {
      return fetch("/api/state?since=" + since).then(function (r) { return r.json(); });
    },
    show: function (frame, version, pageId) {
      frame.src = "/course/" + version + "/index.html" + (pageId ? "#page-" + pageId : "");
    },
    source: function (file) {
      return fetch("/api/source?file=" + encodeURIComponent(file)).then(function (r) { return r.text(); });
    },
    open: function (file, line) { openSource(file, line); },
  };
  var state = {
    // The course's language once there is a course; until then the browser's.
    language: /^sv\b|^sv-/.test(navigator.language || "sv") ? "sv" : (/^en/.test(navigator.language || "") ? "en" : "sv"), version: "scorm12", generation: 0, preview: false,
    api: null, calls: [], flat: null, failCommits: 0, types: {}, counts: 0,
  };

  function t(key, values) {
    var text = (WORDS[state.language] || WORDS.sv)[key] || key;
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(values[k]); });
    return text;
  }

  function applyWords() {
    document.documentElement.lang = state.language;
    document.querySelectorAll("[data-t]").forEach(function (el) { el.textContent = t(el.dataset.t); });
    document.querySelectorAll("[data-tl]").forEach(function (el) { el.setAttribute("aria-label", t(el.dataset.tl)); });
    $("sco").title = t("frame");
  }

  // ── What a strict LMS refuses (lms-notes.md), value by value ──────────

  var SHORT_ID = /^[A-Za-z0-9_.]+$/;

  /** A strict LMS's reason, in the Studio's language. */
  function r(sv, en) { return state.language === "en" ? en : sv; }

  /** Why a strict LMS would refuse SetValue(element, value), or null. */
  function refusal(version, element, value) {
    var v = String(value);
    var m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(element);
    if (m) {
      var n = Number(m[1]);
      if (n > state.counts) return r("svar måste skrivas i ordning: nr " + n + " före nr " + state.counts, "interactions must be written in order: " + n + " before " + state.counts);
      if (n === state.counts) state.counts += 1;
    }
    if (version === "scorm12") {
      if (element === "cmi.core.exit" && ["time-out", "suspend", "logout", ""].indexOf(v) < 0)
        return r("SCORM 1.2 känner bara till time-out, suspend, logout eller tomt", "SCORM 1.2 knows only time-out, suspend, logout or empty");
      if (element === "cmi.core.session_time" && !/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/.test(v))
        return r("en tid i 1.2 skrivs TT:MM:SS med högst 2 decimaler", "a 1.2 time is HH:MM:SS with at most 2 decimals");
      if (/^cmi\.core\.score\.(raw|min|max)$/.test(element) && v !== "" && !(Number(v) >= 0 && Number(v) <= 100))
        return r("ett resultat i 1.2 är ett tal från 0 till 100", "a 1.2 score is a number from 0 to 100");
      if (element === "cmi.suspend_data" && v.length > 4096)
        return r("SCORM 1.2 sparar högst 4 096 tecken (här " + v.length + ")", "SCORM 1.2 keeps at most 4,096 characters (" + v.length + ")");
      if (m) {
        if (m[2] === "id" && !/^[\x21-\x7e]+$/.test(v)) return r("ett id i 1.2 har bara tecknen A–Z, a–z, 0–9 och skiljetecken, utan mellanslag", "a 1.2 interaction id is printable ASCII without spaces");
        if (m[2] === "result" && ["correct", "wrong", "unanticipated", "neutral"].indexOf(v) < 0 && isNaN(Number(v)))
          return r("ett svarsresultat i 1.2 är correct, wrong, unanticipated, neutral eller ett tal", "a 1.2 result is correct, wrong, unanticipated, neutral or a number");
        if (v.length > 255) return r("ett värde om ett svar i 1.2 har högst 255 tecken", "a 1.2 interaction value has at most 255 characters");
      }
      return null;
    }
    if (element === "cmi.exit" && ["time-out", "suspend", "logout", "normal", ""].indexOf(v) < 0)
      return r("SCORM 2004 känner bara till time-out, suspend, logout, normal eller tomt", "SCORM 2004 knows only time-out, suspend, logout, normal or empty");
    if (element === "cmi.session_time" && !/^P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/.test(v))
      return r("en tidslängd i 2004 har högst 2 decimaler på sekunderna", "a 2004 duration has at most 2 decimals of seconds");
    if (element === "cmi.suspend_data" && v.length > 64000) return r("SCORM 2004 sparar högst 64 000 tecken", "SCORM 2004 keeps at most 64,000 characters");
    if (element === "cmi.score.scaled" && !(Number(v) >= -1 && Number(v) <= 1)) return r("ett skalat resultat ligger mellan -1 och 1", "a scaled score is from -1 to 1");
    if (/^cmi\.comments_from_learner\.\d+\.comment$/.test(element)) return text2004(v);
    if (!m) return null;
    var field = m[2];
    if (field === "type") state.types[m[1]] = v;
    if (field === "id" && !/^\S*[A-Za-z0-9]$/.test(v)) return r("ett id i 2004 har inga mellanslag och slutar med en bokstav eller siffra", "a 2004 id has no spaces and ends in a letter or digit");
    if (field === "timestamp" && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2}(Z|[+-]\d{2}(:\d{2})?)?)?$/.test(v))
      return r("en tidpunkt i 2004 har högst 2 decimaler, och tidszon bara efter dem", "a 2004 timestamp has at most 2 decimals, and a time zone only after them");
    if (field === "latency" && !/^P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/.test(v))
      return r("en tidslängd i 2004 har högst 2 decimaler på sekunderna", "a 2004 duration has at most 2 decimals of seconds");
    if (field === "description") return text2004(v);
    var response = field === "learner_response" || /^correct_responses\.\d+\.pattern$/.test(field);
    if (response) {
      var type = state.types[m[1]];
      if (["choice", "likert", "matching", "sequencing"].indexOf(type) >= 0) {
        var parts = v.split("[,]").flatMap(function (p) { return p.split("[.]"); });
        if (!parts.every(function (p) { return SHORT_ID.test(p); }))
          return r("ett svar av typen " + type + " får bara ha A–Z, a–z, 0–9, _ och .", "a " + type + " response is made of short identifiers: A-Z, a-z, 0-9, _ and .");
      }
      if (type === "fill-in" || type === "long-fill-in") return text2004(v);
    }
    return null;
  }

  function text2004(v) {
    if (/[\r\n]/.test(v)) return r("text i 2004 får inte ha radbrytningar", "2004 text may not contain line breaks");
    if (v.charAt(0) === "{" && !/^\{lang=[^}]+\}/.test(v)) return r("text i 2004 får inte börja med { (utom {lang=…})", "2004 text may not start with { unless {lang=…}");
    return null;
  }

  // ── The LMS: scorm-again, every call recorded ─────────────────────────

  function makeApi(version, flat) {
    var spec = V[version];
    var api = spec.make({ autocommit: false, logLevel: 5 });
    if (flat) api.loadFromFlattenedJSON(flat);
    delete window.API;
    delete window.API_1484_11;
    state.calls = [];
    state.types = {};
    state.counts = 0;
    $("calls").textContent = "";
    spec.methods.forEach(function (name) {
      var original = api[name];
      api[name] = function () {
        var args = Array.prototype.slice.call(arguments).map(function (a) { return a == null ? "" : String(a); });
        var call = { method: name, element: args[0] || "", value: args.length > 1 ? args[1] : "", result: "", error: "0", refused: null };
        if (name === spec.set) call.refused = refusal(version, args[0], args[1]);
        var result;
        if (name === spec.commit && state.failCommits > 0) {
          state.failCommits -= 1;
          api.throwSCORMError("", spec.failCode, "Studio: this commit fails");
          result = "false";
          call.refused = r("Studion lät den här sparningen misslyckas (som du bad om)", "the Studio made this save fail (as asked)");
        } else {
          result = original.apply(api, args);
        }
        call.result = result == null ? "" : String(result);
        try { call.error = String(api.lastErrorCode); } catch (e) { call.error = "?"; }
        state.calls.push(call);
        showCall(call, state.calls.length);
        showLms();
        return result;
      };
    });
    window[spec.api] = api;
    state.api = api;
    return api;
  }

  function showCall(call, n) {
    if (/GetLastError|GetErrorString|GetDiagnostic/.test(call.method)) return;
    var row = document.createElement("tr");
    [String(n), call.method, call.element, call.value, call.result, call.error].forEach(function (text, i) {
      var cell = document.createElement("td");
      cell.textContent = i === 3 && text.length > 200 ? text.slice(0, 200) + "… (" + text.length + ")" : text;
      row.appendChild(cell);
    });
    if (call.refused) {
      row.className = "refused";
      var why = document.createElement("span");
      why.className = "why";
      why.textContent = "⚠ " + call.refused;
      row.children[3].appendChild(why);
    }
    $("calls").appendChild(row);
    row.scrollIntoView({ block: "nearest" });
  }

  function cmi(element) {
    try { return String(state.api.getFlattenedCMI()[element] || ""); } catch (e) { return ""; }
  }

  function showLms() {
    var spec = V[state.version];
    var dl = $("lms-state");
    dl.textContent = "";
    var suspend = cmi("cmi.suspend_data").length;
    var rows = [
      [t("status"), spec.status.map(cmi).join(" / ")],
      [t("score"), cmi(spec.score)],
      [t("bookmark"), cmi(spec.location)],
      [t("saved"), t("savedOf", { n: suspend, max: spec.suspendMax })],
    ];
    if (state.failCommits > 0) rows.push(["⚠", t("failArmed")]);
    // The page list shows the page the learner is on (the bookmark).
    var toc = $("toc");
    var at = cmi(spec.location);
    if (at && toc.value !== at && toc.querySelector("option[value=\"" + at.replace(/["\\]/g, "") + "\"]")) toc.value = at;
    rows.forEach(function (r) {
      var dt = document.createElement("dt");
      dt.textContent = r[0];
      var dd = document.createElement("dd");
      dd.textContent = r[1];
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
  }

  // ── The preview ───────────────────────────────────────────────────────

  /**
   * Starts the course in the frame: a new learner, or the same one back.
   * `place`, when given, is the page id the learner comes back to (a
   * rebuild may have renamed the page they were on).
   */
  function launch(resume, pageId, place) {
    var frame = $("sco");
    var start = function () {
      var flat = null;
      if (resume && state.api) {
        flat = state.api.getFlattenedCMI();
        flat[V[state.version].entry] = "resume";
        if (place) flat[V[state.version].location] = place;
      }
      makeApi(state.version, flat);
      showLms();
      if (state.timing) state.timing.launched = Date.now();
      backend.show(frame, state.version, pageId);
      if (place || (pageId && frame.hasAttribute("srcdoc"))) goOnceReady(place || pageId);
    };
    if (!frame.hasAttribute("srcdoc") && (!frame.src || frame.src === "about:blank")) return start();
    // Leave first, as a learner does: the player saves and ends its session
    // on pagehide, then the same learner comes back.
    frame.addEventListener("load", start, { once: true });
    // A page given as srcdoc (the static Studio) goes when the attribute
    // does; a page at an address, when the frame goes to about:blank.
    if (frame.hasAttribute("srcdoc")) frame.removeAttribute("srcdoc");
    else frame.src = "about:blank";
  }

  /**
   * Once the player has started, shows page `id` if it shows another: the
   * saved progress names pages by id, and a rebuild may have renamed the
   * one the author was on.
   */
  function goOnceReady(id) {
    var frame = $("sco");
    var tries = 0;
    (function wait() {
      var doc = null;
      try { doc = frame.contentDocument; } catch (e) { state.wantIndex = null; return; }
      var ready = doc && (doc.location.href !== "about:blank" || frame.hasAttribute("srcdoc")) && doc.documentElement && doc.documentElement.dataset.kvReady === "1";
      if (!ready) {
        if (++tries < 200) setTimeout(wait, 25);
        else state.wantIndex = null;
        return;
      }
      var shownNow = doc.querySelector("section.kv-page:not([hidden])");
      if (state.timing) state.timing.ready = Date.now();
      state.wantIndex = null;
      if (shownNow && shownNow.id !== "page-" + id && doc.getElementById("page-" + id)) {
        frame.contentWindow.location.hash = "#page-" + id;
      }
    })();
  }

  function currentPage() {
    try { return $("sco").contentDocument.querySelector("section.kv-page:not([hidden])").dataset.page; } catch (e) { return null; }
  }

  // ── Problems and the author's files ───────────────────────────────────

  /** The page a place in a chapter file is on: the last one starting before it. */
  function pageAt(s, file, line) {
    var found = null;
    s.pages.forEach(function (p) {
      if (p.file === file && p.line <= line && (!found || p.line >= found.line)) found = p;
    });
    return found;
  }

  function goTo(id) {
    try { $("sco").contentWindow.location.hash = "#page-" + id; } catch (err) { launch(true, id); }
  }

  function showProblems(s) {
    var list = $("problem-list");
    list.textContent = "";
    $("problem-count").textContent = s.problems.length ? "(" + s.problems.length + ")" : "";
    var took = t(s.ok ? "built" : "checked", { ms: s.build_ms });
    $("build").textContent = s.problems.length ? took : t("noProblems") + " " + took;
    s.problems.forEach(function (p) {
      var li = document.createElement("li");
      var sev = document.createElement("span");
      sev.className = "sev-" + p.severity;
      sev.textContent = t(p.severity) + " " + p.code + ": ";
      li.appendChild(sev);
      li.appendChild(document.createTextNode(p.message + " "));
      if (p.file) {
        var at = document.createElement("button");
        at.type = "button";
        at.className = "place";
        at.textContent = p.file + ":" + p.line + ":" + p.column;
        at.addEventListener("click", function () { backend.open(p.file, p.line); });
        li.appendChild(at);
        var page = s.ok && pageAt(s, p.file, p.line);
        if (page) {
          var go = document.createElement("button");
          go.type = "button";
          go.className = "go";
          go.textContent = t("showPage");
          go.addEventListener("click", function () { goTo(page.id); });
          li.appendChild(document.createTextNode(" "));
          li.appendChild(go);
        }
      }
      if (p.hint) {
        var hint = document.createElement("span");
        hint.className = "hint";
        hint.textContent = t("hint") + " " + p.hint;
        li.appendChild(hint);
      }
      list.appendChild(li);
    });
    var banner = $("banner");
    banner.hidden = s.ok;
    banner.textContent = s.ok ? "" : s.preview ? t("broken") : t("noPreview");
  }

  function openSource(file, line) {
    backend.source(file).then(function (text) {
      $("source").hidden = false;
      $("source-heading").textContent = file;
      var pre = $("source-text");
      pre.textContent = "";
      text.split("\n").forEach(function (l, i) {
        var span = document.createElement("span");
        span.dataset.n = String(i + 1);
        span.textContent = l || " ";
        if (i + 1 === line) span.className = "here";
        pre.appendChild(span);
      });
      var here = pre.querySelector(".here");
      if (here) here.scrollIntoView({ block: "center" });
      pre.focus();
    });
  }

  function showToc(s) {
    var toc = $("toc");
    var chosen = toc.value;
    toc.textContent = "";
    s.pages.forEach(function (p, i) {
      var o = document.createElement("option");
      o.value = p.id;
      o.textContent = i + 1 + ". " + p.title;
      toc.appendChild(o);
    });
    if (chosen) toc.value = chosen;
  }

  // ── Builds: wait for the next one, follow it ──────────────────────────

  function follow(s, first) {
    state.timing = { arrived: Date.now() };
    state.language = s.language === "en" ? "en" : "sv";
    applyWords();
    $("title").textContent = s.title ? "– " + s.title : "";
    showProblems(s);
    showToc(s);
    var fresh = s.ok || (first && s.preview);
    state.generation = s.generation;
    // Stay on the page the author is on, by its place in the course: its
    // heading (and so its id) may be what was just changed.
    // While a relaunch is still on its way to a page, that page is where
    // the author is (one save can bring two builds).
    var index = state.wantIndex != null ? state.wantIndex : Number(currentPage());
    var place = !first && s.pages[index] ? s.pages[index].id : null;
    if (fresh && place) state.wantIndex = index;
    if (fresh) launch(!first, null, place);
  }

  function poll(first) {
    backend.next(first ? 0 : state.generation)
      .then(function (s) {
        if (first || s.generation > state.generation) follow(s, first);
        poll(false);
      })
      .catch(function () {
        $("banner").hidden = false;
        $("banner").textContent = t("lost");
        setTimeout(function () { poll(false); }, 2000);
      });
  }

  $("new-learner").addEventListener("click", function () { launch(false, null); });
  $("come-back").addEventListener("click", function () { launch(true, null); });
  $("fail-commit").addEventListener("click", function () { state.failCommits = 1; showLms(); });
  $("version").addEventListener("change", function (e) { state.version = e.target.value; launch(false, null); });
  $("toc").addEventListener("change", function (e) { goTo(e.target.value); });
  $("source-close").addEventListener("click", function () { $("source").hidden = true; });

  // For tests and the curious: the LMS as the Studio holds it. `inject`
  // makes a call as if the course had, so a refused value shows.
  window.kvStudio = {
    calls: function () { return state.calls.slice(); },
    generation: function () { return state.generation; },
    timing: function () { return state.timing; },
    page: currentPage,
    inject: function (element, value) { return state.api[V[state.version].set](element, value); },
    language: function () { return state.language; },
    t: t,
  };

  applyWords();
  $("build").textContent = t("waiting");
  poll(true);
})();
