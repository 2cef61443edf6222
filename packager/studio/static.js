// The static Studio: no server, no install. The course folder the author
// opens is held in this page and checked, previewed and built by the
// packager itself, compiled to WebAssembly (engine.js, engine-wasm.js):
// the same code as `kursverk build`, so a package downloaded here is the
// one the command line makes. studio.js does the rest (the LMS, problems);
// this file answers its questions (window.KV_BACKEND) and adds the editor,
// saving and downloads.
/* global wasm_bindgen */
(function () {
  "use strict";

  var $ = function (id) { return document.getElementById(id); };
  var studio = function () { return window.kvStudio; };
  var t = function (key, values) { return studio() ? studio().t(key, values) : key; };

  var course = null; // the engine's Course
  var texts = {}; // path -> text, for the editor and the source view
  var folder = null; // a directory handle, where the browser lets us write
  var generation = 0;
  var last = null; // the last state
  var waiting = []; // next() calls waiting for a newer state
  var timer = null;

  function status(text) { $("author-status").textContent = text; }

  /** Checks the course again and hands the state to whoever waits. */
  function rebuild() {
    var started = performance.now();
    var s = JSON.parse(course.check());
    generation += 1;
    s.generation = generation;
    s.preview = s.ok || (last && last.preview) || false;
    s.build_ms = Math.round(performance.now() - started);
    last = s;
    var ready = waiting;
    waiting = [];
    ready.forEach(function (w) { w(s); });
    gutter();
  }

  window.KV_BACKEND = {
    next: function (since) {
      if (last && last.generation > since) return Promise.resolve(last);
      return new Promise(function (resolve) { waiting.push(resolve); });
    },
    show: function (frame, version) {
      frame.srcdoc = course.preview(version);
    },
    source: function (file) { return Promise.resolve(texts[file] || ""); },
    open: function (file, line) { edit(file, line); },
  };

  // ── Opening a folder ──────────────────────────────────────────────────

  function isText(path) { return /\.(md|toml|html|txt)$/i.test(path); }

  /** Puts the files in: `list` is [{path, bytes}] with paths inside the folder. */
  function load(list) {
    course = new wasm_bindgen.Course();
    texts = {};
    list.forEach(function (f) {
      course.set(f.path, f.bytes);
      if (isText(f.path)) texts[f.path] = new TextDecoder().decode(f.bytes);
    });
    var select = $("file");
    select.textContent = "";
    Object.keys(texts).sort(function (a, b) {
      return (a !== "course.toml") - (b !== "course.toml") || a.localeCompare(b);
    }).forEach(function (p) {
      var o = document.createElement("option");
      o.value = o.textContent = p;
      select.appendChild(o);
    });
    edit(select.value, 1);
    status(t("opened", { n: list.length }));
    rebuild();
  }

  /** From `<input webkitdirectory>`: paths start with the folder's name. */
  function fromInput(files) {
    return Promise.all(Array.prototype.map.call(files, function (f) {
      return f.arrayBuffer().then(function (b) {
        var path = (f.webkitRelativePath || f.name).split("/").slice(1).join("/") || f.name;
        return { path: path, bytes: new Uint8Array(b) };
      });
    }));
  }

  /** From the File System Access API (Chromium): every file, recursively. */
  function fromHandle(dir, prefix, out) {
    var pending = [];
    return (async function () {
      for await (var entry of dir.values()) {
        var path = prefix + entry.name;
        if (entry.kind === "directory") {
          if (entry.name.charAt(0) !== "." && entry.name !== "dist") pending.push(fromHandle(entry, path + "/", out));
        } else {
          var file = await entry.getFile();
          out.push({ path: path, bytes: new Uint8Array(await file.arrayBuffer()) });
        }
      }
      await Promise.all(pending);
      return out;
    })();
  }

  $("open-folder").addEventListener("click", function () {
    if (window.showDirectoryPicker) {
      window.showDirectoryPicker({ mode: "readwrite" }).then(function (dir) {
        folder = dir;
        return fromHandle(dir, "", []);
      }).then(load).catch(function () {});
    } else {
      $("folder-input").click();
    }
  });
  $("folder-input").addEventListener("change", function (e) {
    folder = null;
    fromInput(e.target.files).then(load);
  });

  // ── The editor ────────────────────────────────────────────────────────

  var current = null;

  /** Line numbers beside the text, the lines with problems marked. */
  function gutter() {
    var g = $("gutter");
    var area = $("editor");
    var lines = area.value.split("\n").length;
    var marks = {};
    ((last && last.problems) || []).forEach(function (p) {
      if (p.file === current && p.line) marks[p.line] = marks[p.line] === "error" ? "error" : p.severity;
    });
    g.textContent = "";
    for (var n = 1; n <= lines; n++) {
      var span = document.createElement("span");
      span.textContent = (marks[n] ? (marks[n] === "error" ? "✖ " : "⚠ ") : "") + n + "\n";
      if (marks[n]) span.className = marks[n] === "error" ? "bad" : "warn";
      g.appendChild(span);
    }
    g.scrollTop = area.scrollTop;
    // The same for screen readers: which lines have problems.
    var here = ((last && last.problems) || []).filter(function (p) { return p.file === current && p.line; });
    $("editor-problems").textContent = here.map(function (p) {
      return t("lineProblem", { line: p.line, message: p.message });
    }).join(" ");
  }

  function edit(file, line) {
    if (!(file in texts)) return;
    current = file;
    $("file").value = file;
    var area = $("editor");
    area.value = texts[file];
    var lines = area.value.split("\n");
    var at = lines.slice(0, Math.max(0, line - 1)).join("\n").length + (line > 1 ? 1 : 0);
    area.focus();
    area.setSelectionRange(at, at + (lines[line - 1] || "").length);
    var height = area.scrollHeight / Math.max(1, lines.length);
    area.scrollTop = Math.max(0, (line - 3) * height);
    gutter();
  }

  $("editor").addEventListener("scroll", function (e) { $("gutter").scrollTop = e.target.scrollTop; });

  $("file").addEventListener("change", function (e) { edit(e.target.value, 1); });
  $("editor").addEventListener("input", function (e) {
    if (!current) return;
    texts[current] = e.target.value;
    gutter();
    course.set(current, new TextEncoder().encode(e.target.value));
    clearTimeout(timer);
    timer = setTimeout(rebuild, 250);
  });

  // ── Saving and downloading ────────────────────────────────────────────

  function download(name, bytes, type) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([bytes], { type: type }));
    a.download = name;
    a.hidden = true;
    a.textContent = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
  }

  $("save").addEventListener("click", function () {
    if (!course) return;
    if (folder && current) {
      var parts = current.split("/");
      var dir = Promise.resolve(folder);
      parts.slice(0, -1).forEach(function (p) { dir = dir.then(function (d) { return d.getDirectoryHandle(p); }); });
      dir.then(function (d) { return d.getFileHandle(parts[parts.length - 1], { create: true }); })
        .then(function (h) { return h.createWritable(); })
        .then(function (w) { return w.write(texts[current]).then(function () { return w.close(); }); })
        .then(function () { status(t("written")); });
    } else {
      download("kurs.zip", course.folder_zip(), "application/zip");
    }
  });

  document.querySelectorAll("button.download").forEach(function (b) {
    b.addEventListener("click", function () {
      if (!course) return;
      var target = b.dataset.target;
      var bytes = course.make(target);
      if (!bytes.length) return;
      download(course.name(target), bytes, target === "print" ? "text/html" : "application/zip");
    });
  });

  // ── Start ─────────────────────────────────────────────────────────────

  $("author").hidden = false;
  var bin = atob(window.KURSVERK_STUDIO_WASM);
  var bytes = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  // wasm-bindgen's no-modules glue declares `wasm_bindgen` with `let`: a
  // global name, not a property of window.
  wasm_bindgen({ module_or_path: bytes }).then(function () {
    window.kvStatic = {
      // For tests: open files without a picker ([{path, bytes}]).
      load: load,
      edit: edit,
      make: function (target) { return course.make(target); },
      name: function (target) { return course.name(target); },
    };
    status(t("openFirst"));
    if (!folder) $("open-folder").focus();
  });
})();
