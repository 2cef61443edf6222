//! Outputs: what a validated course is turned into.
//!
//! Every output implements [`Output`] (mdBook's `Renderer`): it gets the
//! course and returns what it makes as [`Artifact`]s — bytes and names,
//! not files — and the orchestrator writes them ([`Artifact::write`]), so
//! the command line and a Studio in a browser (which downloads them) build
//! the same bytes. SCORM 1.2 and 2004 packages, a web folder and a printed
//! guide are the implementations.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use self::package::Entry;
use crate::files::Files;
use crate::model::Course;
use crate::player_assets;
use crate::render::Renderer;

mod cmi5;
pub mod manifest;
pub mod package;
mod print;
mod scorm;
mod web;

pub use cmi5::Cmi5;
pub use print::Print;
pub use scorm::Scorm;
pub use web::Web;

/// What every output gets.
pub struct BuildContext<'a> {
    /// The validated course.
    pub course: &'a Course,
    /// Where the author's files are (the media are read from there).
    pub files: &'a dyn Files,
    /// The templates.
    pub renderer: &'a Renderer,
}

/// A kind of build result.
pub trait Output {
    /// Short name, as given to `--target`.
    fn name(&self) -> &'static str;
    /// What the output makes.
    fn make(&self, ctx: &BuildContext<'_>) -> Result<Vec<Artifact>>;
}

/// Something a build makes, by its name in the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Artifact {
    /// One file (a zip, the print guide).
    File {
        /// Its name in the output folder.
        name: String,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// A folder, written anew each time (the web target).
    Folder {
        /// Its name in the output folder.
        name: String,
        /// Its files, by path inside it.
        files: Vec<Entry>,
    },
}

impl Artifact {
    /// Its name in the output folder.
    pub fn name(&self) -> &str {
        match self {
            Artifact::File { name, .. } | Artifact::Folder { name, .. } => name,
        }
    }

    /// Writes it into `out_dir` (a folder replaces what was there), and
    /// returns its path.
    pub fn write(&self, out_dir: &Path) -> Result<PathBuf> {
        let path = out_dir.join(self.name());
        match self {
            Artifact::File { bytes, .. } => std::fs::write(&path, bytes)
                .with_context(|| format!("writing {}", path.display()))?,
            Artifact::Folder { files, .. } => {
                if path.exists() {
                    std::fs::remove_dir_all(&path)
                        .with_context(|| format!("clearing {}", path.display()))?;
                }
                for (name, bytes) in files {
                    let file = path.join(name);
                    std::fs::create_dir_all(file.parent().expect("entries are inside the folder"))?;
                    std::fs::write(&file, bytes)
                        .with_context(|| format!("writing {}", file.display()))?;
                }
            }
        }
        Ok(path)
    }
}

/// A course page: the whole of `course` as one HTML file at `href`.
/// `target` is the run-time it is for (`scorm12`, `scorm2004`, `web`).
pub fn page(ctx: &BuildContext<'_>, course: &Course, href: &str, target: &str) -> Result<Entry> {
    Ok((href.to_owned(), ctx.renderer.index(course, target)?.into_bytes()))
}

/// What every page of a package uses: the player (with xAPI tracking, or
/// the SCORM one) and the media.
pub fn shared_files(ctx: &BuildContext<'_>, course: &Course, xapi: bool) -> Result<Vec<Entry>> {
    let (js, wasm) = player_assets::player(xapi);
    let mut entries: Vec<Entry> = vec![
        ("player/kursverk.js".into(), js.into_bytes()),
        ("player/kursverk_bg.wasm".into(), wasm.to_vec()),
    ];
    for m in &course.media {
        let bytes =
            ctx.files.read(&m.source).with_context(|| format!("reading {}", m.source.display()))?;
        entries.push((m.target.clone(), bytes));
    }
    Ok(entries)
}

/// The whole course as one self-contained page for `target` (`scorm12`,
/// `scorm2004`): the player, its wasm and the media inlined, so a Studio
/// without a server can show it in a frame (`srcdoc`) under its own SCORM
/// runtime. Never part of a package.
pub fn inline_page(ctx: &BuildContext<'_>, target: &str) -> Result<String> {
    use base64::Engine;
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let mut html = ctx.renderer.index(ctx.course, target)?;
    let player = player_assets::player_js().replace("</script", "<\\/script");
    // wasm-bindgen's glue takes its own address as a URL relative to the
    // page's (`new URL(currentScript.src, location.href)`), which throws in
    // a `srcdoc` page (`about:srcdoc` is no base); it needs no address here
    // (the wasm is inline), so it is shown none while it starts.
    let scripts = format!(
        "<script>window.KURSVERK_WASM = \"{}\";\
         Object.defineProperty(document, \"currentScript\", {{ configurable: true, value: null }});</script>\
         <script>{player}</script><script>delete document.currentScript;</script>",
        b64(player_assets::PLAYER_WASM)
    );
    html = html.replace("<script src=\"player/kursverk.js\" defer></script>", &scripts);
    for m in &ctx.course.media {
        let bytes =
            ctx.files.read(&m.source).with_context(|| format!("reading {}", m.source.display()))?;
        let mime =
            crate::source::names::image_mime(&m.target).unwrap_or("application/octet-stream");
        html = html.replace(
            &format!("src=\"{}\"", m.target),
            &format!("src=\"data:{mime};base64,{}\"", b64(&bytes)),
        );
    }
    Ok(html)
}
