//! The player's files, embedded in the binary.
//!
//! This is the only place that knows how the player got in: `build.rs`
//! compiles `player/` to wasm, runs wasm-bindgen, and leaves the results in
//! `OUT_DIR`, from where they are included here. Building a course therefore
//! needs no network and no other tool.

/// wasm-bindgen's JavaScript glue (`--target no-modules`), followed by the
/// loader that fetches and starts the wasm.
///
/// The loader is a classic script (not a module), so that it also runs from
/// `file://`. It never uses `WebAssembly.instantiateStreaming`, which fails
/// when the LMS serves `.wasm` as `application/octet-stream` (Moodle does):
/// the bytes are fetched as an `ArrayBuffer` and instantiated from memory.
/// A package built for the web target defines `window.KURSVERK_WASM`
/// (base64) instead, since `file://` forbids `fetch`.
pub fn player_js() -> String {
    format!("{GLUE}\n{LOADER}")
}

/// The compiled player.
pub static PLAYER_WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/kursverk_bg.wasm"));

/// The player built with xAPI tracking (the `xapi` feature), for cmi5
/// packages and web builds with `[xapi]`; SCORM packages get
/// [`PLAYER_WASM`], which has none of it.
pub static PLAYER_XAPI_WASM: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/kursverk_xapi_bg.wasm"));

/// The player's script and wasm: with xAPI tracking, or the SCORM one.
pub fn player(xapi: bool) -> (String, &'static [u8]) {
    if xapi { (player_xapi_js(), PLAYER_XAPI_WASM) } else { (player_js(), PLAYER_WASM) }
}

/// The glue and loader for [`PLAYER_XAPI_WASM`] (see [`player_js`]).
/// The xAPI transport (`assets/xapi.js`, without its comment lines and
/// indentation: every learner downloads it) comes before the loader, so it is there when the
/// player starts.
pub fn player_xapi_js() -> String {
    let transport: Vec<&str> = XAPI_TRANSPORT
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .collect();
    format!("{XAPI_GLUE}\n{}\n{LOADER}", transport.join("\n"))
}

const XAPI_TRANSPORT: &str = include_str!("../assets/xapi.js");

const XAPI_GLUE: &str = include_str!(concat!(env!("OUT_DIR"), "/kursverk_xapi.js"));

/// The player's stylesheet, inlined in every page's head (a linked one
/// would hold up the first paint by a request through the LMS).
pub static PLAYER_CSS: &str = include_str!("../assets/kursverk.css");

const GLUE: &str = include_str!(concat!(env!("OUT_DIR"), "/kursverk.js"));
const LOADER: &str = include_str!("../assets/loader.js");

/// Whether this binary was built with a player (the `embed-player`
/// feature).
pub fn available() -> bool {
    !PLAYER_WASM.is_empty()
}

/// The static Studio's engine (this packager compiled to wasm32, see
/// `packager/studio-wasm/`) and its wasm-bindgen glue; empty without the
/// `embed-studio` feature.
pub static STUDIO_WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/studio_bg.wasm"));

/// The glue for [`STUDIO_WASM`] (`--target no-modules`: a `wasm_bindgen`
/// global, so it runs from `file://`).
pub static STUDIO_JS: &str = include_str!(concat!(env!("OUT_DIR"), "/studio.js"));
