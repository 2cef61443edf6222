// Kursverk loader: see packager/src/player_assets.rs.
(function () {
  "use strict";
  var script = document.currentScript;
  function start(bytes) {
    return wasm_bindgen({ module_or_path: bytes });
  }
  function fail(err) {
    document.documentElement.setAttribute("data-kv-ready", "error");
    if (window.console) console.error("kursverk: the player could not start", err);
  }
  try {
    if (window.KURSVERK_WASM) {
      var bin = atob(window.KURSVERK_WASM);
      var bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      start(bytes).catch(fail);
    } else {
      // Beside this script (the page's address may be another folder's).
      var url = new URL("kursverk_bg.wasm", script ? script.src : location.href);
      fetch(url.href)
        .then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status + " for " + url.href);
          return r.arrayBuffer();
        })
        .then(start)
        .catch(fail);
    }
  } catch (e) {
    fail(e);
  }
})();
