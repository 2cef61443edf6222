//! Outputs: what a validated course is turned into.
//!
//! Every output implements [`Output`] (mdBook's `Renderer`): it gets the
//! course and the build's settings, and writes its files. SCORM 1.2 and
//! SCORM 2004 are the two outputs today; a web folder and a printed guide
//! are further implementations of the same trait.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use kursverk_player::model::scorm::Version;

use crate::manifest::{self, Sco};
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
    /// Writes the output and returns the paths written.
    fn write(&self, ctx: &BuildContext<'_>) -> Result<Vec<PathBuf>>;
}

/// A SCORM package of one version: one SCO for the course, one SCO per
/// chapter in one zip, or one zip per chapter, as `course.toml` says.
pub struct Scorm(pub Version);

impl Output for Scorm {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn write(&self, ctx: &BuildContext<'_>) -> Result<Vec<PathBuf>> {
        let course = ctx.course;
        if course.sco_per_chapter && course.split {
            return (0..course.chapters.len())
                .map(|i| self.single(ctx, &course.chapter_course(i)))
                .collect();
        }
        if !course.sco_per_chapter {
            return Ok(vec![self.single(ctx, course)?]);
        }
        // One zip, one SCO per chapter; the player and media are shared.
        let mut entries = shared_files(ctx, course)?;
        let shared: Vec<String> = entries
            .iter()
            .map(|(n, _)| n.clone())
            .chain(manifest::schema_files(self.0).iter().map(|(n, _)| (*n).to_owned()))
            .collect();
        let mut scos = Vec::new();
        for (i, chapter) in course.chapters.iter().enumerate() {
            let part = course.chapter_course(i);
            let href = format!("{}.html", chapter.slug);
            entries.push(page(ctx, &part, &href, self.0.name())?);
            scos.push(Sco {
                key: part.player.id,
                title: chapter.title.clone(),
                href: href.clone(),
                files: vec![href],
            });
        }
        let path = ctx.out_dir.join(format!("{}-{}.zip", course.player.id, self.0.name()));
        Ok(vec![self.package(course, &scos, &shared, entries, path)?])
    }
}

impl Scorm {
    /// A package with one SCO that lists every file.
    fn single(&self, ctx: &BuildContext<'_>, course: &Course) -> Result<PathBuf> {
        let mut entries = shared_files(ctx, course)?;
        entries.push(page(ctx, course, "index.html", self.0.name())?);
        let mut files: Vec<String> = entries
            .iter()
            .map(|(n, _)| n.clone())
            .chain(manifest::schema_files(self.0).iter().map(|(n, _)| (*n).to_owned()))
            .collect();
        files.sort();
        let sco = Sco {
            key: course.player.id.clone(),
            title: course.player.title.clone(),
            href: "index.html".into(),
            files,
        };
        let path = ctx.out_dir.join(format!("{}-{}.zip", course.player.id, self.0.name()));
        self.package(course, &[sco], &[], entries, path)
    }

    /// Adds the schema files and the manifest, and writes the zip.
    fn package(
        &self,
        course: &Course,
        scos: &[Sco],
        shared: &[String],
        mut entries: Vec<Entry>,
        path: PathBuf,
    ) -> Result<PathBuf> {
        for (name, bytes) in manifest::schema_files(self.0) {
            entries.push(((*name).to_owned(), bytes.to_vec()));
        }
        let mut shared = shared.to_vec();
        shared.sort();
        let xml =
            manifest::write(course, self.0, scos, &shared).context("writing imsmanifest.xml")?;
        entries.push(("imsmanifest.xml".into(), xml.into_bytes()));
        let bytes = package::zip(entries)?;
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

    fn write(&self, ctx: &BuildContext<'_>) -> Result<Vec<PathBuf>> {
        use base64::Engine;
        let mut entries = shared_files(ctx, ctx.course)?;
        entries.retain(|(name, _)| !name.ends_with(".wasm"));
        entries.push(page(ctx, ctx.course, "index.html", "web")?);
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
        Ok(vec![dir, zip])
    }
}

/// A printable guide: one self-contained HTML file with a print
/// stylesheet (images inlined), ready to print to PDF from any browser.
pub struct Print;

impl Output for Print {
    fn name(&self) -> &'static str {
        "print"
    }

    fn write(&self, ctx: &BuildContext<'_>) -> Result<Vec<PathBuf>> {
        use base64::Engine;
        let mut html = ctx.renderer.print(ctx.course)?;
        for m in &ctx.course.media {
            let bytes = std::fs::read(&m.source)
                .with_context(|| format!("reading {}", m.source.display()))?;
            let mime = match m.target.rsplit('.').next().unwrap_or("") {
                "svg" => "image/svg+xml",
                "png" => "image/png",
                "jpg" | "jpeg" => "image/jpeg",
                "gif" => "image/gif",
                "webp" => "image/webp",
                _ => "application/octet-stream",
            };
            let data = base64::engine::general_purpose::STANDARD.encode(bytes);
            html = html.replace(
                &format!("src=\"{}\"", m.target),
                &format!("src=\"data:{mime};base64,{data}\""),
            );
        }
        let path = ctx.out_dir.join(format!("{}-print.html", ctx.course.player.id));
        std::fs::write(&path, html).with_context(|| format!("writing {}", path.display()))?;
        Ok(vec![path])
    }
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
        ("player/kursverk.css".into(), player_assets::PLAYER_CSS.as_bytes().to_vec()),
    ];
    for m in &course.media {
        let bytes =
            std::fs::read(&m.source).with_context(|| format!("reading {}", m.source.display()))?;
        entries.push((m.target.clone(), bytes));
    }
    Ok(entries)
}
