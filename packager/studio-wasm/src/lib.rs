//! The packager's library for a browser: the static Studio (`kursverk
//! studio --out DIR`) holds the course folder the author opened in memory
//! and calls these to check it, preview it and make the same packages
//! `kursverk build` makes — one pipeline, no second parser, renderer or zip
//! writer in JavaScript.
//!
//! Compiled for wasm32 by the packager's build script and embedded in the
//! `kursverk` binary; natively it is an ordinary library, tested as such.

use std::path::Path;
use std::sync::Arc;

use kursverk::Target;
use kursverk::files::Memory;
use kursverk::load::{self, Loaded};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// The folder's name inside the in-memory files.
const DIR: &str = "kurs";

/// A course folder held in memory.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
#[derive(Default)]
pub struct Course {
    files: Arc<Memory>,
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
impl Course {
    /// An empty folder.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen(constructor))]
    pub fn new() -> Course {
        Course::default()
    }

    /// Puts a file into the folder (`kap.md`, `bilder/a.svg`), replacing
    /// one of that name.
    pub fn set(&mut self, path: &str, bytes: Vec<u8>) {
        Arc::make_mut(&mut self.files).insert(Path::new(DIR).join(path), bytes);
    }

    /// The problems, pages and language, as the served Studio's
    /// `/api/state` has them (`problems` as `check --format json`).
    pub fn check(&self) -> String {
        let loaded = self.load();
        let problems: serde_json::Value =
            serde_json::from_str(&loaded.diagnostics.to_json(&loaded.sources)).unwrap_or_default();
        serde_json::json!({
            "ok": loaded.course.is_some(),
            "language": loaded.diagnostics.language.tag(),
            "title": loaded.course.as_ref().map(|c| c.player.title.clone()).unwrap_or_default(),
            "pages": loaded.pages(),
            "problems": problems,
        })
        .to_string()
    }

    /// The course as one self-contained page for `version` (`scorm12`,
    /// `scorm2004`), for the preview; empty when the course has errors.
    pub fn preview(&self, version: &str) -> String {
        let loaded = self.load();
        let Some(course) = &loaded.course else { return String::new() };
        let Ok(renderer) = kursverk::render::Renderer::new(&course.theme) else {
            return String::new();
        };
        let ctx =
            kursverk::output::BuildContext { course, files: &*loaded.files, renderer: &renderer };
        kursverk::output::inline_page(&ctx, version).unwrap_or_default()
    }

    /// What `kursverk build --target <target>` writes, as the file to
    /// download (`scorm12`, `scorm2004`, `web`: the zip; `print`: the
    /// page). Empty when the course has errors.
    pub fn make(&self, target: &str) -> Vec<u8> {
        self.made(target).map(|(_, bytes)| bytes).unwrap_or_default()
    }

    /// The folder itself as a zip (the edited course, for a browser that
    /// cannot write to the folder), with the same deterministic zip writer
    /// the packages use.
    pub fn folder_zip(&self) -> Vec<u8> {
        let entries = self.files.entries(Path::new(DIR));
        kursverk::output::package::zip(entries).unwrap_or_default()
    }

    /// The name `make(target)` is saved under (`kugghjul-scorm12.zip`).
    pub fn name(&self, target: &str) -> String {
        self.made(target).map(|(name, _)| name).unwrap_or_default()
    }
}

impl Course {
    fn load(&self) -> Loaded {
        load::load_from(Path::new(DIR), self.files.clone())
    }

    fn made(&self, target: &str) -> Option<(String, Vec<u8>)> {
        let target = match target {
            "scorm12" => Target::Scorm12,
            "scorm2004" => Target::Scorm2004,
            "web" => Target::Web,
            "print" => Target::Print,
            _ => return None,
        };
        let artifacts = kursverk::make(&self.load(), &[target]).ok()?;
        // The web target makes a folder and its zip: the zip is what a
        // browser can hand over.
        artifacts.into_iter().find_map(|a| match a {
            kursverk::output::Artifact::File { name, bytes } => Some((name, bytes)),
            kursverk::output::Artifact::Folder { .. } => None,
        })
    }
}
