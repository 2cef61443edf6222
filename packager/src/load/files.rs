//! Reading the course's files: chapters and images, each held to the
//! course folder (by real path, so a link cannot lead out of it) and to a
//! size a course can have.

use std::path::{Component, Path};

use kursverk_player::model::Language;

use super::Loader;
use crate::diagnostics::{Diagnostic, M, Span};
use crate::files::Files;
use crate::model::Media;
use crate::source::chapter::{self, RawChapter};
use crate::source::names;

/// The largest chapter file read. A long real chapter is some tens of
/// kilobytes; the limit keeps a wrong or hostile file from taking the
/// machine's memory (parsing needs several times the text).
pub const MAX_CHAPTER_BYTES: u64 = 4 << 20;

impl Loader {
    pub(super) fn chapter(
        &mut self,
        name: &str,
        span: Span,
        language: Language,
    ) -> Option<RawChapter> {
        let path = self.dir.join(name);
        let inside = Path::new(name).components().all(|c| matches!(c, Component::Normal(_)));
        if !inside {
            self.diags
                .push(Diagnostic::error(M::ChapterOutside { name: name.to_owned() }, Some(span)));
            return None;
        }
        // A link (symlink) may lead out of the folder even when the name
        // does not: judge where the file really is, as for images.
        if let (Ok(real), Ok(dir)) = (self.files.real(&path), self.files.real(&self.dir))
            && !real.starts_with(&dir)
        {
            self.diags
                .push(Diagnostic::error(M::ChapterLinkedOut { name: name.to_owned() }, Some(span)));
            return None;
        }
        if let Some(size) = self.files.size(&path)
            && size > MAX_CHAPTER_BYTES
        {
            self.diags.push(Diagnostic::error(
                M::ChapterTooLarge {
                    name: name.to_owned(),
                    size: size.div_ceil(1 << 20).to_string(),
                    max: (MAX_CHAPTER_BYTES >> 20).to_string(),
                },
                Some(span),
            ));
            return None;
        }
        let text = match read_text(&*self.files, &path) {
            Ok(t) => t,
            Err(Unreadable::NotUtf8) => {
                self.diags.push(Diagnostic::error(
                    M::ChapterNotUtf8 { name: name.to_owned() },
                    Some(span),
                ));
                return None;
            }
            Err(Unreadable::Io(e)) => {
                let name = name.to_owned();
                let others = self.markdown_files();
                let message = if e.kind() != std::io::ErrorKind::NotFound {
                    M::ChapterUnreadable { name }
                } else if others.is_empty() {
                    M::ChapterMissingNoneNear { name }
                } else {
                    M::ChapterMissing { name, others: others.join(", ") }
                };
                self.diags.push(Diagnostic::error(message, Some(span)));
                return None;
            }
        };
        let mut text = text;
        let replaced = names::replace_control_chars(&mut text);
        let file = self.sources.add(name.to_owned(), &path, text);
        if let Some((at, count)) = replaced {
            self.diags.push(Diagnostic::warning(
                M::ControlChars { count: count.to_string() },
                Some(Span { file, range: at..at + 1 }),
            ));
        }
        Some(chapter::chapter(self.sources.text(file), file, language, &mut self.diags))
    }

    /// The Markdown files in the course folder, for the hint on a
    /// misspelt chapter name.
    fn markdown_files(&self) -> Vec<String> {
        let names = self.files.names(&self.dir).unwrap_or_default();
        names.into_iter().filter(|(n, file)| *file && n.ends_with(".md")).map(|(n, _)| n).collect()
    }

    pub(super) fn image(&mut self, dest: &str, span: &Span) -> Option<Media> {
        if names::is_url(dest) {
            self.diags.push(Diagnostic::error(M::ImageUrl, Some(span.clone())));
            return None;
        }
        let rel = Path::new(dest);
        let escapes = rel.is_absolute()
            || rel.components().any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)));
        let path = self.dir.join(rel);
        let canonical_dir = self.files.real(&self.dir).ok()?;
        let inside = self.files.real(&path).map(|p| p.starts_with(&canonical_dir));
        if escapes || matches!(inside, Ok(false)) {
            self.diags.push(Diagnostic::error(
                M::ImageOutside { path: dest.to_owned() },
                Some(span.clone()),
            ));
            return None;
        }
        if !self.files.is_file(&path) {
            let nearby = images_near(&*self.files, &self.dir, rel);
            let path = dest.to_owned();
            let message = if let Some(actual) = same_but_case(&*self.files, &self.dir, dest) {
                M::ImageCase { path, actual }
            } else if nearby.is_empty() {
                M::ImageMissingNoneNear { path }
            } else {
                M::ImageMissing { path, nearby: nearby.join(", ") }
            };
            self.diags.push(Diagnostic::error(message, Some(span.clone())));
            return None;
        }
        Some(Media { source: path, target: names::media_target(dest) })
    }
}

/// The images in the folder a missing image's path names (or the course
/// folder), as paths an author can copy: at most ten, sorted.
/// A file in the course folder whose path differs from `dest` only in
/// upper and lower case (`Bilder/Graf.svg` for `bilder/graf.svg`): it works
/// on the author's Windows or Mac, and not on the LMS's server.
fn same_but_case(files: &dyn Files, dir: &Path, dest: &str) -> Option<String> {
    let mut at = dir.to_path_buf();
    let mut found = Vec::new();
    for part in dest.split('/').filter(|p| !p.is_empty() && *p != ".") {
        let (name, _) = files
            .names(&at)
            .ok()?
            .into_iter()
            .find(|(n, _)| n.to_lowercase() == part.to_lowercase())?;
        at.push(&name);
        found.push(name);
    }
    let found = found.join("/");
    (found != dest && files.is_file(&at)).then_some(found)
}

fn images_near(files: &dyn Files, dir: &Path, rel: &Path) -> Vec<String> {
    let sub = rel.parent().unwrap_or(Path::new(""));
    let Ok(entries) = files.names(&dir.join(sub)) else { return Vec::new() };
    let mut found: Vec<String> = entries
        .into_iter()
        .filter(|(n, file)| *file && names::image_mime(n).is_some())
        .map(|(n, _)| n)
        .map(|n| sub.join(n).to_string_lossy().replace('\\', "/"))
        .collect();
    found.sort();
    found.truncate(10);
    found
}

/// Why a text file could not be read.
pub(super) enum Unreadable {
    /// Not UTF-8 (Latin-1 from an old editor, UTF-16 from Notepad).
    NotUtf8,
    /// Missing, a folder, no permission, …
    Io(std::io::Error),
}

/// A text file as UTF-8, without the byte order mark some editors write
/// (it is invisible to the author and means nothing in UTF-8).
pub(super) fn read_text(files: &dyn Files, path: &Path) -> Result<String, Unreadable> {
    let bytes = files.read(path).map_err(Unreadable::Io)?;
    let text = String::from_utf8(bytes).map_err(|_| Unreadable::NotUtf8)?;
    Ok(text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text))
}

/// Whether two paths name one file (`bilder/a.svg` and `./bilder/a.svg`).
pub(super) fn same_file(files: &dyn Files, a: &Path, b: &Path) -> bool {
    match (files.real(a), files.real(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
