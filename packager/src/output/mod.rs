//! Outputs: what a validated course is turned into.
//!
//! Every output implements [`Output`] (mdBook's `Renderer`): it gets the
//! course and the build's settings, and writes its files. SCORM 1.2 and
//! SCORM 2004 are the two outputs today; a web folder and a printed guide
//! are further implementations of the same trait.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use self::package::Entry;
use crate::model::Course;
use crate::player_assets;
use crate::render::Renderer;

pub mod manifest;
pub mod package;
mod print;
mod scorm;
mod web;

pub use print::Print;
pub use scorm::Scorm;
pub use web::Web;

/// What every output gets.
pub struct BuildContext<'a> {
    /// The validated course.
    pub course: &'a Course,
    /// The folder to write into.
    pub out_dir: &'a Path,
    /// The templates.
    pub renderer: &'a Renderer,
}

/// A kind of build result.
pub trait Output {
    /// Short name, as given to `--target`.
    fn name(&self) -> &'static str;
    /// Writes the output and returns the paths written.
    fn write(&self, ctx: &BuildContext<'_>) -> Result<Vec<PathBuf>>;
}

/// A course page: the whole of `course` as one HTML file at `href`.
/// `target` is the run-time it is for (`scorm12`, `scorm2004`, `web`).
pub fn page(ctx: &BuildContext<'_>, course: &Course, href: &str, target: &str) -> Result<Entry> {
    Ok((href.to_owned(), ctx.renderer.index(course, target)?.into_bytes()))
}

/// What every page of a package uses: the player and the media.
pub fn shared_files(_ctx: &BuildContext<'_>, course: &Course) -> Result<Vec<Entry>> {
    let mut entries: Vec<Entry> = vec![
        ("player/kursverk.js".into(), player_assets::player_js().into_bytes()),
        ("player/kursverk_bg.wasm".into(), player_assets::PLAYER_WASM.to_vec()),
    ];
    for m in &course.media {
        let bytes =
            std::fs::read(&m.source).with_context(|| format!("reading {}", m.source.display()))?;
        entries.push((m.target.clone(), bytes));
    }
    Ok(entries)
}
