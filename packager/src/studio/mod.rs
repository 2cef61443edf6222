//! `kursverk serve`: the Studio for one course folder, on 127.0.0.1.
//!
//! The author edits the course's files in their own editor; the Studio
//! shows the course as learners see it, inside a real SCORM runtime
//! (scorm-again, vendored in `packager/studio/vendor/`), with every call
//! the player makes to the LMS, and the same located problems as `kursverk
//! check`, in the course's language. Every saved change rebuilds the course
//! (a build takes tens of milliseconds, so the whole course is rebuilt) and
//! the page updates itself without losing the page the author is on.
//!
//! It is one pipeline with `kursverk build`: the preview is the files of a
//! SCORM package of the course ([`crate::output::Scorm::entries`]), served
//! from memory, manifest and all. The Studio's own page and scripts are
//! served beside the package, never put into it: the live-reload code can
//! never end up in a built package.
//!
//! Like Zola's and mdBook's `serve`: a small blocking HTTP server
//! (tiny_http) with a thread per request, a debounced file watcher
//! (notify), and a long-polled `/api/state` the page waits on for the next
//! build.

use std::collections::HashMap;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use kursverk_player::model::Language;
use kursverk_player::model::scorm::Version;

use crate::diagnostics::Say;
use crate::load::{self, Loaded, PageRef};
use crate::output::{BuildContext, Scorm};

mod http;

/// The static Studio's own script: the editor, the folder, downloads, and
/// the engine answering what `studio.js` asks the server for when served.
const STATIC_JS: &[u8] = include_bytes!("../../studio/static.js");

/// Writes the static Studio into `out`: a page that runs from `file://`
/// (or any web server), offline, with the packager itself compiled to
/// wasm doing the work. Returns the files written.
pub fn write_static(out: &Path) -> Result<Vec<PathBuf>> {
    use base64::Engine;
    if crate::player_assets::STUDIO_WASM.is_empty() {
        anyhow::bail!(
            "this kursverk was built without the static Studio (feature `embed-studio`); rebuild it with default features"
        );
    }
    let asset = |path: &str| {
        http::ASSETS
            .iter()
            .find(|(p, _, _)| *p == path)
            .map(|(_, _, b)| b.to_vec())
            .unwrap_or_default()
    };
    let index = String::from_utf8_lossy(&asset("/")).replace(
        "<!-- kursverk: static -->",
        "<script src=\"studio/engine-wasm.js\" defer></script>\n\
         <script src=\"studio/engine.js\" defer></script>\n\
         <script src=\"studio/static.js\" defer></script>",
    );
    let wasm = base64::engine::general_purpose::STANDARD.encode(crate::player_assets::STUDIO_WASM);
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("index.html", index.into_bytes()),
        ("studio/studio.css", asset("/studio/studio.css")),
        ("studio/studio.js", asset("/studio/studio.js")),
        ("studio/scorm-again.min.js", asset("/studio/scorm-again.min.js")),
        ("studio/static.js", STATIC_JS.to_vec()),
        ("studio/engine.js", crate::player_assets::STUDIO_JS.as_bytes().to_vec()),
        (
            "studio/engine-wasm.js",
            format!("window.KURSVERK_STUDIO_WASM = \"{wasm}\";\n").into_bytes(),
        ),
    ];
    let mut written = Vec::new();
    for (name, bytes) in files {
        let path = out.join(name);
        std::fs::create_dir_all(path.parent().expect("inside the folder"))
            .with_context(|| format!("creating {}", out.display()))?;
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// How `kursverk serve` was asked to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The course folder.
    pub dir: PathBuf,
    /// The port on 127.0.0.1; `None` takes a free one.
    pub port: Option<u16>,
}

/// One build of the course as the Studio shows it.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Counts builds; the page waits for a higher one.
    pub generation: u64,
    /// Whether this build had no errors (the preview is then this build's).
    pub ok: bool,
    /// The last good build's package files, by version name and path.
    pub files: HashMap<(&'static str, String), Vec<u8>>,
    /// The course title of the last good build.
    pub title: String,
    /// `sv` or `en`: the Studio's own words follow it.
    pub language: &'static str,
    /// The pages, for the table of contents and for going from a
    /// problem to its page.
    pub pages: Vec<PageRef>,
    /// This build's problems, as `check --format json` writes them.
    pub problems: String,
    /// The author's files this build read, by the names problems use.
    pub sources: Vec<(String, String)>,
    /// How long the build took.
    pub build_ms: u128,
    /// This build's errors and warnings.
    pub counts: (usize, usize),
}

/// The Studio's state, shared by the watcher and the request threads.
pub struct Studio {
    dir: PathBuf,
    snapshot: Mutex<Snapshot>,
    changed: Condvar,
}

impl Studio {
    /// A Studio for `dir`, built once.
    pub fn new(dir: &Path) -> Arc<Studio> {
        let studio = Arc::new(Studio {
            dir: dir.to_owned(),
            snapshot: Mutex::new(Snapshot::default()),
            changed: Condvar::new(),
        });
        studio.rebuild();
        studio
    }

    /// Loads and builds the course again. A build with errors keeps the
    /// last good preview and shows its problems over it.
    pub fn rebuild(&self) {
        let started = Instant::now();
        let loaded = load::load(&self.dir);
        let problems = loaded.diagnostics.to_json(&loaded.sources);
        let sources = loaded.sources.all();
        let fresh = preview(&loaded);
        let mut s = self.snapshot.lock().unwrap_or_else(|e| e.into_inner());
        s.generation += 1;
        s.problems = problems;
        s.sources = sources;
        s.language = loaded.diagnostics.language.tag();
        match fresh {
            Ok(Some(p)) => {
                s.ok = true;
                s.files = p.files;
                s.title = p.title;
                s.pages = p.pages;
            }
            Ok(None) => s.ok = false,
            Err(e) => {
                s.ok = false;
                eprintln!("{e:#}");
            }
        }
        s.build_ms = started.elapsed().as_millis();
        s.counts = loaded.diagnostics.counts();
        drop(s);
        self.changed.notify_all();
    }

    /// Runs `f` on the current snapshot once its generation is above
    /// `since`, or after `wait` (whichever comes first).
    pub fn when_newer<T>(&self, since: u64, wait: Duration, f: impl FnOnce(&Snapshot) -> T) -> T {
        let s = self.snapshot.lock().unwrap_or_else(|e| e.into_inner());
        let (s, _) = self
            .changed
            .wait_timeout_while(s, wait, |s| s.generation <= since)
            .unwrap_or_else(|e| e.into_inner());
        f(&s)
    }

    /// Runs `f` on the current snapshot.
    pub fn with<T>(&self, f: impl FnOnce(&Snapshot) -> T) -> T {
        f(&self.snapshot.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// What a good build previews.
struct Preview {
    files: HashMap<(&'static str, String), Vec<u8>>,
    title: String,
    pages: Vec<PageRef>,
}

/// Both SCORM packages' files of a course that loaded without errors.
fn preview(loaded: &Loaded) -> Result<Option<Preview>> {
    let Some(course) = &loaded.course else { return Ok(None) };
    let renderer = crate::render::Renderer::new(&course.theme)?;
    let ctx = BuildContext { course, files: &*loaded.files, renderer: &renderer };
    let mut files = HashMap::new();
    for version in [Version::Scorm12, Version::Scorm2004] {
        for (path, bytes) in Scorm(version).entries(&ctx, course)? {
            files.insert((version.name(), path), bytes);
        }
    }
    Ok(Some(Preview { files, title: course.player.title.clone(), pages: loaded.pages() }))
}

/// Why the Studio could not run.
#[derive(Debug)]
pub enum ServeError {
    /// The port asked for is taken.
    Port(u16),
    /// Anything else.
    Other(anyhow::Error),
}

impl From<anyhow::Error> for ServeError {
    fn from(e: anyhow::Error) -> ServeError {
        ServeError::Other(e)
    }
}

/// Serves the Studio for `options.dir` until the process is stopped: binds
/// 127.0.0.1, watches the folder, and calls `ready` with the address and
/// the course's language once requests are answered.
pub fn serve(
    options: &Options,
    ready: impl FnOnce(SocketAddr, Language),
) -> std::result::Result<(), ServeError> {
    if !crate::player_assets::available() {
        return Err(anyhow::anyhow!(
            "this kursverk was built without the player; rebuild it with default features"
        )
        .into());
    }
    let studio = Studio::new(&options.dir);
    let server =
        match (tiny_http::Server::http(("127.0.0.1", options.port.unwrap_or(0))), options.port) {
            (Ok(server), _) => server,
            (Err(_), Some(port)) => return Err(ServeError::Port(port)),
            (Err(e), None) => {
                return Err(
                    anyhow::anyhow!("starting the Studio's server on 127.0.0.1: {e}").into()
                );
            }
        };
    let addr = server.server_addr().to_ip().context("the Studio's server has no IP address")?;
    let _watcher = watch(&studio)?;
    let language = studio.with(|s| if s.language == "en" { Language::En } else { Language::Sv });
    ready(addr, language);
    for request in server.incoming_requests() {
        let studio = Arc::clone(&studio);
        std::thread::spawn(move || http::answer(&studio, request));
    }
    Ok(())
}

/// Rebuilds on every saved change in the course folder (its theme folder
/// included when it is inside), debounced: an editor's save is often
/// several writes. Reading files (which the build itself does) is no
/// change; neither is anything in `dist/` or a hidden folder.
fn watch(studio: &Arc<Studio>) -> Result<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let dir = studio.dir.canonicalize().unwrap_or_else(|_| studio.dir.clone());
    let ignored = dir.join("dist");
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        let relevant = event.paths.iter().any(|p| {
            !p.starts_with(&ignored)
                && !p.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        });
        if relevant {
            let _ = tx.send(());
        }
    })
    .context("watching the course folder")?;
    watcher
        .watch(&dir, RecursiveMode::Recursive)
        .with_context(|| format!("watching {}", dir.display()))?;
    let target = Arc::clone(studio);
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            // Let the rest of one save arrive, then build once.
            while rx.recv_timeout(DEBOUNCE).is_ok() {}
            target.rebuild();
            // A line per save in the terminal, as `zola serve` says it.
            target.with(|s| {
                let language = if s.language == "en" { Language::En } else { Language::Sv };
                let values = [
                    ("ms", s.build_ms.to_string()),
                    ("errors", s.counts.0.to_string()),
                    ("warnings", s.counts.1.to_string()),
                ];
                let values: Vec<(&str, &str)> =
                    values.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let line = kursverk_player::core::text::fill(Say::Rebuilt.get(language), &values);
                let _ = writeln!(std::io::stderr().lock(), "{line}");
            });
        }
    });
    Ok(watcher)
}

/// How long the folder must be quiet before a rebuild.
const DEBOUNCE: Duration = Duration::from_millis(25);
