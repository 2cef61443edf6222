//! SCORM 1.2 and 2004 packages: one SCO, one SCO per chapter in one zip,
//! or one zip per chapter.

use anyhow::{Context, Result};
use kursverk_player::model::scorm::Version;

use super::manifest::{self, Sco};
use super::package::{self, Entry};
use super::{Artifact, BuildContext, Output, page, shared_files};
use crate::model::Course;

/// A SCORM package of one version: one SCO for the course, one SCO per
/// chapter in one zip, or one zip per chapter, as `course.toml` says.
pub struct Scorm(pub Version);

impl Output for Scorm {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn make(&self, ctx: &BuildContext<'_>) -> Result<Vec<Artifact>> {
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
        let mut entries = shared_files(ctx, course, false)?;
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
        let name = format!("{}-{}.zip", course.player.id, self.0.name());
        Ok(vec![self.package(course, &scos, &shared, entries, name)?])
    }
}

impl Scorm {
    /// A package with one SCO that lists every file.
    fn single(&self, ctx: &BuildContext<'_>, course: &Course) -> Result<Artifact> {
        let entries = self.entries(ctx, course)?;
        let name = format!("{}-{}.zip", course.player.id, self.0.name());
        Ok(Artifact::File { name, bytes: package::zip(entries)? })
    }

    /// The files of a one-SCO package of `course`, manifest included, as
    /// they go into the zip: what `kursverk serve` previews (the whole
    /// course as one SCO, whatever `sco` says).
    pub fn entries(&self, ctx: &BuildContext<'_>, course: &Course) -> Result<Vec<Entry>> {
        let mut entries = shared_files(ctx, course, false)?;
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
        self.with_manifest(course, &[sco], &[], entries)
    }

    /// Adds the schema files and the manifest, and writes the zip.
    fn package(
        &self,
        course: &Course,
        scos: &[Sco],
        shared: &[String],
        entries: Vec<Entry>,
        name: String,
    ) -> Result<Artifact> {
        let entries = self.with_manifest(course, scos, shared, entries)?;
        Ok(Artifact::File { name, bytes: package::zip(entries)? })
    }

    /// `entries` with the schema files and the manifest added.
    fn with_manifest(
        &self,
        course: &Course,
        scos: &[Sco],
        shared: &[String],
        mut entries: Vec<Entry>,
    ) -> Result<Vec<Entry>> {
        for (name, bytes) in manifest::schema_files(self.0) {
            entries.push(((*name).to_owned(), bytes.to_vec()));
        }
        let mut shared = shared.to_vec();
        shared.sort();
        let xml =
            manifest::write(course, self.0, scos, &shared).context("writing imsmanifest.xml")?;
        entries.push(("imsmanifest.xml".into(), xml.into_bytes()));
        Ok(entries)
    }
}
