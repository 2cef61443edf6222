//! Kursverk turns course scripts into SCORM packages.
//!
//! The data flows one way, one module per step:
//!
//! ```text
//! course folder ─ source (raw, spans) ─ load (checks) ─> model::Course
//!                                       model::Course ─ render ─> HTML
//!                                                     └ output ─> manifest, zip, folder
//! ```
//!
//! [`load::load`] reads `course.toml` and the chapter files and returns the
//! validated [`model::Course`] or every problem found, as located
//! [`diagnostics::Diagnostic`]s. [`build`] is the orchestrator the command
//! line (and the tests) call: load, then run each requested
//! [`output::Output`].

pub mod diagnostics;
pub mod files;
pub mod inspect;
pub mod load;
pub mod model;
pub mod output;
pub mod player_assets;
pub mod render;
#[cfg(not(target_arch = "wasm32"))]
pub mod report;
pub mod skeleton;
pub mod source;
#[cfg(not(target_arch = "wasm32"))]
pub mod studio;
pub mod words;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use kursverk_player::model::scorm::Version;

use crate::diagnostics::{Diagnostics, Sources};
use crate::output::{Artifact, BuildContext, Cmi5, Output, Print, Scorm, Web};

/// The outputs `kursverk build` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A SCORM 1.2 package.
    Scorm12,
    /// A SCORM 2004 (4th edition) package.
    Scorm2004,
    /// A folder that runs from a double-clicked `index.html`, and its zip.
    Web,
    /// A printable guide (facilitator guide or companion booklet).
    Print,
    /// A cmi5 package (xAPI, for LMSs that launch cmi5 courses).
    Cmi5,
}

impl Target {
    fn output(self) -> Box<dyn Output> {
        match self {
            Target::Scorm12 => Box::new(Scorm(Version::Scorm12)),
            Target::Scorm2004 => Box::new(Scorm(Version::Scorm2004)),
            Target::Web => Box::new(Web),
            Target::Print => Box::new(Print),
            Target::Cmi5 => Box::new(Cmi5),
        }
    }
}

/// What a build produced.
#[derive(Debug)]
pub struct BuildReport {
    /// Files written, one per target.
    pub written: Vec<PathBuf>,
    /// Warnings (and, when the build failed, errors).
    pub diagnostics: Diagnostics,
    /// The files read, for rendering diagnostics.
    pub sources: Sources,
}

impl BuildReport {
    /// Whether the build went through (no errors stopped it).
    pub fn ok(&self) -> bool {
        !self.diagnostics.has_errors()
    }
}

/// Loads the course in `dir` and writes each of `targets` into `out_dir`.
pub fn build(dir: &Path, targets: &[Target], out_dir: &Path) -> Result<BuildReport> {
    let loaded = load::load(dir);
    let artifacts = make(&loaded, targets)?;
    let mut written = Vec::new();
    if !artifacts.is_empty() {
        std::fs::create_dir_all(out_dir)
            .with_context(|| format!("creating the output folder {}", out_dir.display()))?;
    }
    for artifact in &artifacts {
        written.push(artifact.write(out_dir)?);
    }
    Ok(BuildReport { written, diagnostics: loaded.diagnostics, sources: loaded.sources })
}

/// What each of `targets` makes of a loaded course, in memory: nothing
/// when the course has errors. The one orchestrator behind [`build`] (which
/// writes the artifacts) and a Studio that hands them to the author.
pub fn make(loaded: &load::Loaded, targets: &[Target]) -> Result<Vec<Artifact>> {
    let Some(course) = &loaded.course else { return Ok(Vec::new()) };
    if !player_assets::available() {
        bail!(
            "this kursverk was built without the player (feature `embed-player`); rebuild it with default features"
        );
    }
    let renderer = render::Renderer::new(&course.theme)?;
    let ctx = BuildContext { course, files: &*loaded.files, renderer: &renderer };
    let mut made = Vec::new();
    for t in targets {
        let output = t.output();
        made.extend(
            output.make(&ctx).with_context(|| format!("making the {} output", output.name()))?,
        );
    }
    Ok(made)
}
