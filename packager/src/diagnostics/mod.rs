//! Problems in a course, located in the author's files, and the one place
//! that turns them into text.
//!
//! Every stage that reads the author's input pushes [`Diagnostic`]s with a
//! [`Span`] instead of stopping at the first problem, so an author sees all
//! problems of a build at once. A problem names a message of the catalogue
//! ([`messages`]: every message in every course language, with a stable
//! code) and its values; only [`render`] turns problems into text, for
//! people (codespan-reporting: file, line, column, the offending line, a
//! hint, as in typst's `typst-kit/src/diagnostics.rs`) or for editors and
//! CI (JSON), in the course's language.

use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::files::SimpleFiles;
use kursverk_player::model::Language;

mod messages;
mod render;

pub use messages::{M, Say, Words};
pub use render::{MAX_LINE, MAX_PER_KIND};

/// Index of a source file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId(usize);

/// A byte range in one source file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    /// The file.
    pub file: FileId,
    /// Byte offsets into the file's text.
    pub range: Range<usize>,
}

/// The author's files read so far, for locating spans.
#[derive(Debug, Default)]
pub struct Sources {
    files: SimpleFiles<String, String>,
    paths: Vec<PathBuf>,
}

impl Sources {
    /// Adds a file; `name` is how it is shown (relative to the course).
    pub fn add(&mut self, name: String, path: &Path, text: String) -> FileId {
        self.paths.push(path.to_owned());
        FileId(self.files.add(name, text))
    }

    /// The name a file is shown by.
    pub fn name(&self, id: FileId) -> &str {
        self.files.get(id.0).map(|f| f.name().as_str()).unwrap_or("")
    }

    /// The text of a file.
    pub fn text(&self, id: FileId) -> &str {
        self.files.get(id.0).map(|f| f.source().as_str()).unwrap_or("")
    }

    /// Every file read, as (name, text), in the order read.
    pub fn all(&self) -> Vec<(String, String)> {
        (0..self.paths.len())
            .map(|i| (self.name(FileId(i)).to_owned(), self.text(FileId(i)).to_owned()))
            .collect()
    }

    /// 1-based line and column of a byte offset (columns count characters).
    pub fn line_col(&self, span: &Span) -> (usize, usize) {
        let text = self.text(span.file);
        let start = span.range.start.min(text.len());
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (line, col)
    }
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The course cannot be built.
    Error,
    /// The course builds, but something is probably not what the author
    /// meant.
    Warning,
}

/// One problem in the author's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong: a message of the catalogue, with its values.
    pub message: M,
    /// Where; `None` for problems with no place in a file (a missing folder).
    pub span: Option<Span>,
    /// Another place that matters (the first of two duplicates).
    pub related: Option<Span>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(message: M, span: Option<Span>) -> Diagnostic {
        Diagnostic { severity: Severity::Error, message, span, related: None }
    }

    /// A warning at `span`.
    pub fn warning(message: M, span: Option<Span>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message, span) }
    }

    /// Points at a second place.
    pub fn related(mut self, span: Span) -> Diagnostic {
        self.related = Some(span);
        self
    }

    /// The message's words in `language`, values filled in.
    pub fn text(&self, language: Language) -> Text {
        let words = self.message.words(language);
        let values = self.message.values();
        let fill = |t: &str| kursverk_player::core::text::fill(t, &values);
        Text {
            message: fill(words.message),
            label: words.label.map(fill).unwrap_or_default(),
            hint: words.hint.map(fill),
            also: words.also.map(fill).unwrap_or_default(),
        }
    }
}

/// A diagnostic's words in one language, values filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// What is wrong.
    pub message: String,
    /// At the place (may be empty).
    pub label: String,
    /// What to do.
    pub hint: Option<String>,
    /// At the second place (may be empty).
    pub also: String,
}

/// All problems found in one build.
#[derive(Debug)]
pub struct Diagnostics {
    /// In the order found (in reading order after [`Self::sort_by_place`]).
    pub items: Vec<Diagnostic>,
    /// The course's language, which the problems are told in: Swedish
    /// until `course.toml` says otherwise (or when it cannot be read).
    pub language: Language,
}

impl Default for Diagnostics {
    fn default() -> Diagnostics {
        Diagnostics { items: Vec::new(), language: Language::Sv }
    }
}

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Puts the problems in reading order: file by file (in the order the
    /// files were read: `course.toml`, then the chapters), top to bottom;
    /// problems with no place first. The sort is stable, so problems at one
    /// place keep the order they were found in.
    pub fn sort_by_place(&mut self) {
        self.items.sort_by_key(|d| d.span.as_ref().map(|s| (s.file.0, s.range.start)));
    }

    /// Whether any problem stops the build.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Counts of errors and warnings.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.items.iter().filter(|d| d.severity == Severity::Error).count();
        (errors, self.items.len() - errors)
    }
}
