//! Outputs: what a validated course is turned into.
//!
//! Every output implements [`Output`] (mdBook's `Renderer`): it gets the
//! course and the build's settings, and writes its files. SCORM 1.2 and
//! SCORM 2004 are the two outputs today; a web folder and a printed guide
//! are further implementations of the same trait.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use kursverk_player::core::cmi::Version;

use crate::manifest;
use crate::model::Course;
use crate::package::{self, Entry};
use crate::player_assets;
use crate::render::Renderer;

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
    /// Writes the output and returns the path written.
    fn write(&self, ctx: &BuildContext<'_>) -> Result<PathBuf>;
}

/// A single-SCO SCORM package of one version.
pub struct Scorm(pub Version);

impl Output for Scorm {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn write(&self, ctx: &BuildContext<'_>) -> Result<PathBuf> {
        let mut entries = site_files(ctx, self.0.name())?;
        for (name, bytes) in manifest::schema_files(self.0) {
            entries.push(((*name).to_owned(), bytes.to_vec()));
        }
        let mut names: Vec<String> = entries.iter().map(|(n, _)| n.clone()).collect();
        names.sort();
        let xml = manifest::write(ctx.course, self.0, &names).context("writing imsmanifest.xml")?;
        entries.push(("imsmanifest.xml".into(), xml.into_bytes()));
        let bytes = package::zip(entries)?;
        let path = ctx.out_dir.join(format!("{}-{}.zip", ctx.course.player.id, self.0.name()));
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        Ok(path)
    }
}

/// A folder (and a zip of it) that runs from a double-clicked
/// `index.html`: no LMS, no server, no network. `file://` forbids `fetch`,
/// so the wasm comes base64-encoded in a classic script, and the course
/// data is already inline in the page.
pub struct Web;

impl Output for Web {
    fn name(&self) -> &'static str {
        "web"
    }

    fn write(&self, ctx: &BuildContext<'_>) -> Result<PathBuf> {
        use base64::Engine;
        let mut entries = site_files(ctx, "web")?;
        entries.retain(|(name, _)| !name.ends_with(".wasm"));
        let wasm = base64::engine::general_purpose::STANDARD.encode(player_assets::PLAYER_WASM);
        entries.push((
            "player/kursverk-wasm.js".into(),
            format!("window.KURSVERK_WASM = \"{wasm}\";\n").into_bytes(),
        ));
        let name = format!("{}-web", ctx.course.player.id);
        let dir = ctx.out_dir.join(&name);
        if dir.exists() {
            std::fs::remove_dir_all(&dir).with_context(|| format!("clearing {}", dir.display()))?;
        }
        for (path, bytes) in &entries {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().expect("entries are inside the folder"))?;
            std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        }
        let zip = ctx.out_dir.join(format!("{name}.zip"));
        let prefixed = entries.into_iter().map(|(p, b)| (format!("{name}/{p}"), b)).collect();
        std::fs::write(&zip, package::zip(prefixed)?)
            .with_context(|| format!("writing {}", zip.display()))?;
        Ok(dir)
    }
}

/// The files of the course itself: the page, the player, the media.
pub fn site_files(ctx: &BuildContext<'_>, target: &str) -> Result<Vec<Entry>> {
    let mut entries: Vec<Entry> = vec![
        ("index.html".into(), ctx.renderer.index(ctx.course, target)?.into_bytes()),
        ("player/kursverk.js".into(), player_assets::player_js().into_bytes()),
        ("player/kursverk_bg.wasm".into(), player_assets::PLAYER_WASM.to_vec()),
        ("player/kursverk.css".into(), player_assets::PLAYER_CSS.as_bytes().to_vec()),
    ];
    for m in &ctx.course.media {
        let bytes =
            std::fs::read(&m.source).with_context(|| format!("reading {}", m.source.display()))?;
        entries.push((m.target.clone(), bytes));
    }
    Ok(entries)
}
