//! Problems in a course, located in the author's files, and the one place
//! that turns them into text.
//!
//! Every stage that reads the author's input pushes [`Diagnostic`]s with a
//! [`Span`] instead of stopping at the first problem, so an author sees all
//! problems of a build at once. Only [`Diagnostics::render`] knows how they
//! look (codespan-reporting: file, line, column, the offending line, a
//! hint), as in typst's `typst-kit/src/diagnostics.rs`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;

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
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where; `None` for problems with no place in a file (a missing folder).
    pub span: Option<Span>,
    /// A short label at the span.
    pub label: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Another place that matters (the first of two duplicates).
    pub related: Option<(Span, String)>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(message: impl Into<String>, span: Option<Span>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            label: String::new(),
            hint: None,
            related: None,
        }
    }

    /// A warning at `span`.
    pub fn warning(message: impl Into<String>, span: Option<Span>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message, span) }
    }

    /// Adds a label shown under the offending text.
    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }

    /// Adds a hint on how to fix it.
    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    /// Points at a second place.
    pub fn related(mut self, span: Span, label: impl Into<String>) -> Diagnostic {
        self.related = Some((span, label.into()));
        self
    }
}

/// All problems found in one build.
#[derive(Debug, Default)]
pub struct Diagnostics {
    /// In the order found.
    pub items: Vec<Diagnostic>,
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

    /// Renders every problem: file:line:column, the line itself, a marker
    /// under the offending text, and the hint.
    ///
    /// Output stays proportional to the problems, not to their product with
    /// the input: a line longer than [`MAX_LINE`] characters is shown as a
    /// window around the problem, and after [`MAX_PER_KIND`] problems of one
    /// kind (the same message but for the quoted names) the rest are
    /// counted in one closing line.
    pub fn render(&self, sources: &Sources) -> String {
        let config = term::Config::default();
        let mut out = String::new();
        let mut kinds: Vec<(String, usize, &str)> = Vec::new();
        for d in &self.items {
            let kind = kind_of(&d.message);
            let seen = match kinds.iter_mut().find(|(k, _, _)| *k == kind) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.1
                }
                None => {
                    kinds.push((kind, 1, &d.message));
                    1
                }
            };
            if seen > MAX_PER_KIND {
                continue;
            }
            let spans = d.span.iter().chain(d.related.as_ref().map(|(s, _)| s));
            if spans.into_iter().any(|s| sources.line_of(s).chars().count() > MAX_LINE) {
                out.push_str(&render_windowed(d, sources));
                continue;
            }
            let mut report = match d.severity {
                Severity::Error => Report::error(),
                Severity::Warning => Report::warning(),
            }
            .with_message(&d.message);
            let mut labels = Vec::new();
            if let Some(span) = &d.span {
                labels.push(Label::primary(span.file.0, span.range.clone()).with_message(&d.label));
            }
            if let Some((span, label)) = &d.related {
                labels.push(Label::secondary(span.file.0, span.range.clone()).with_message(label));
            }
            report = report.with_labels(labels);
            if let Some(hint) = &d.hint {
                report = report.with_notes(vec![format!("hint: {hint}")]);
            }
            match term::emit_into_string(&config, &sources.files, &report) {
                Ok(text) => out.push_str(&text),
                Err(_) => out.push_str(&format!("error: {}\n", d.message)),
            }
        }
        for (_, count, example) in kinds.iter().filter(|(_, n, _)| *n > MAX_PER_KIND) {
            out.push_str(&format!(
                "note: {} more problem(s) like \"{example}\" are not shown; fix the ones above and build again\n\n",
                count - MAX_PER_KIND
            ));
        }
        out
    }
}

/// Problems of one kind shown in full; the rest are counted.
pub const MAX_PER_KIND: usize = 10;

/// Longest line shown whole; longer ones are shown as a window.
pub const MAX_LINE: usize = 160;

/// A problem's kind: its message without the `quoted` parts.
fn kind_of(message: &str) -> String {
    message.split('`').step_by(2).collect::<Vec<_>>().join("``")
}

impl Sources {
    /// The whole line a span starts on.
    fn line_of(&self, span: &Span) -> &str {
        let text = self.text(span.file);
        let at = floor_char_boundary(text, span.range.start.min(text.len()));
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        &text[start..end]
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A problem on a very long line (a whole paragraph on one line, a long
/// list in `course.toml`): the same parts as the usual rendering, with only
/// a window of the line around the problem.
fn render_windowed(d: &Diagnostic, sources: &Sources) -> String {
    const BEFORE: usize = 40;
    let mut out = format!(
        "{}: {}\n",
        match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        d.message
    );
    let mut excerpt = |span: &Span, label: &str, marker: char| {
        let (line, col) = sources.line_col(span);
        let text = sources.line_of(span);
        let chars: Vec<char> = text.chars().collect();
        let from = (col - 1).saturating_sub(BEFORE);
        let to = (from + MAX_LINE).min(chars.len());
        let width =
            sources.text(span.file).get(span.range.clone()).map_or(1, |t| t.chars().count());
        let width = width.clamp(1, to.saturating_sub(col - 1).max(1));
        let mut shown: String = chars[from..to].iter().collect();
        let mut pad = col - 1 - from;
        if from > 0 {
            shown.insert(0, '…');
            pad += 1;
        }
        if to < chars.len() {
            shown.push('…');
        }
        let gutter = line.to_string().len();
        out.push_str(&format!(
            "{:gutter$} ┌─ {}:{line}:{col}\n{:gutter$} │\n{line} │ {shown}\n{:gutter$} │ {}{} {label}\n{:gutter$} │\n",
            "",
            sources.name(span.file),
            "",
            "",
            " ".repeat(pad),
            marker.to_string().repeat(width),
            "",
        ));
    };
    if let Some(span) = &d.span {
        excerpt(span, &d.label, '^');
    }
    if let Some((span, label)) = &d.related {
        excerpt(span, label, '-');
    }
    if let Some(hint) = &d.hint {
        out.push_str(&format!("  = hint: {hint}\n"));
    }
    out.push('\n');
    out
}
