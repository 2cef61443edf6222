//! Problems as text: for an author at a terminal, and as JSON for editors
//! and CI. The only code that turns a [`Diagnostic`] into words.
//!
//! Human output is codespan-reporting's (file:line:column, the line, a
//! marker, the hint), with two changes it has no setting for: the severity
//! is named in the course's language (codespan writes `error`/`warning`),
//! and a line too long to show whole is shown as a window around the
//! problem. Output stays proportional to the problems, not to their product
//! with the input: after [`MAX_PER_KIND`] problems of one code the rest are
//! counted in one closing line.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::term;
use kursverk_player::core::text::fill;
use kursverk_player::model::Language;

use super::{Diagnostic, Diagnostics, Say, Severity, Sources, Span};

/// Problems of one kind shown in full; the rest are counted.
pub const MAX_PER_KIND: usize = 10;

/// Longest line shown whole; longer ones are shown as a window.
pub const MAX_LINE: usize = 160;

impl Severity {
    /// The severity's word in `language`.
    pub fn word(self, language: Language) -> &'static str {
        match self {
            Severity::Error => Say::Error.get(language),
            Severity::Warning => Say::Warning.get(language),
        }
    }

    /// The severity's name in JSON (not translated: programs read it).
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl Diagnostics {
    /// Renders every problem: its code and message, file:line:column, the
    /// line itself, a marker under the offending text, and what to do.
    pub fn render(&self, sources: &Sources) -> String {
        let language = self.language;
        let config = term::Config::default();
        let mut out = String::new();
        let mut kinds: Vec<(&'static str, usize)> = Vec::new();
        for d in &self.items {
            let code = d.message.code();
            let seen = match kinds.iter_mut().find(|(k, _)| *k == code) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.1
                }
                None => {
                    kinds.push((code, 1));
                    1
                }
            };
            if seen > MAX_PER_KIND {
                continue;
            }
            let spans = d.span.iter().chain(d.related.as_ref());
            if spans.into_iter().any(|s| sources.line_of(s).chars().count() > MAX_LINE) {
                out.push_str(&render_windowed(d, sources, language));
                continue;
            }
            let text = d.text(language);
            let mut report = match d.severity {
                Severity::Error => Report::error(),
                Severity::Warning => Report::warning(),
            }
            .with_code(code)
            .with_message(&text.message);
            let mut labels = Vec::new();
            if let Some(span) = &d.span {
                labels.push(
                    Label::primary(span.file.0, span.range.clone()).with_message(&text.label),
                );
            }
            if let Some(span) = &d.related {
                labels.push(
                    Label::secondary(span.file.0, span.range.clone()).with_message(&text.also),
                );
            }
            report = report.with_labels(labels);
            if let Some(hint) = &text.hint {
                report = report.with_notes(vec![format!("{}: {hint}", Say::Hint.get(language))]);
            }
            match term::emit_into_string(&config, &sources.files, &report) {
                Ok(rendered) => out.push_str(&renamed(&rendered, d.severity, language)),
                Err(_) => out.push_str(&format!(
                    "{}[{code}]: {}\n",
                    d.severity.word(language),
                    text.message
                )),
            }
        }
        for (code, count) in kinds.iter().filter(|(_, n)| *n > MAX_PER_KIND) {
            let more = (count - MAX_PER_KIND).to_string();
            out.push_str(&fill(
                Say::MoreLikeThis.get(language),
                &[("count", &more), ("code", code)],
            ));
            out.push_str("\n\n");
        }
        out
    }

    /// Every problem as one JSON array, one object per problem: for editors
    /// and CI. Lines and columns are 1-based (columns count characters);
    /// `file` is relative to the course folder, `null` for a problem with
    /// no place.
    pub fn to_json(&self, sources: &Sources) -> String {
        let items: Vec<Json> = self
            .items
            .iter()
            .map(|d| {
                let text = d.text(self.language);
                let place = d.span.as_ref().map(|s| {
                    let (line, column) = sources.line_col(s);
                    let end = Span { file: s.file, range: s.range.end..s.range.end };
                    let (end_line, end_column) = sources.line_col(&end);
                    (sources.name(s.file).to_owned(), line, column, end_line, end_column)
                });
                let (file, line, column, end_line, end_column) = match place {
                    Some((f, l, c, el, ec)) => (Some(f), Some(l), Some(c), Some(el), Some(ec)),
                    None => (None, None, None, None, None),
                };
                Json {
                    severity: d.severity.key(),
                    code: d.message.code(),
                    file,
                    line,
                    column,
                    end_line,
                    end_column,
                    message: text.message,
                    label: text.label,
                    hint: text.hint,
                }
            })
            .collect();
        let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
        out.push('\n');
        out
    }
}

/// One problem in `check --format json`: the fields editors and CI read,
/// in this order.
#[derive(serde::Serialize)]
struct Json {
    severity: &'static str,
    code: &'static str,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    message: String,
    label: String,
    hint: Option<String>,
}

/// codespan names the severity in English at the start of a report; the
/// author reads it in the course's language.
fn renamed(rendered: &str, severity: Severity, language: Language) -> String {
    match rendered.strip_prefix(severity.key()) {
        Some(rest) => format!("{}{rest}", severity.word(language)),
        None => rendered.to_owned(),
    }
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
fn render_windowed(d: &Diagnostic, sources: &Sources, language: Language) -> String {
    const BEFORE: usize = 40;
    let text = d.text(language);
    let mut out =
        format!("{}[{}]: {}\n", d.severity.word(language), d.message.code(), text.message);
    let mut excerpt = |span: &Span, label: &str, marker: char| {
        let (line, col) = sources.line_col(span);
        let shown_line = sources.line_of(span);
        let chars: Vec<char> = shown_line.chars().collect();
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
        excerpt(span, &text.label, '^');
    }
    if let Some(span) = &d.related {
        excerpt(span, &text.also, '-');
    }
    if let Some(hint) = &text.hint {
        out.push_str(&format!("  = {}: {hint}\n", Say::Hint.get(language)));
    }
    out.push('\n');
    out
}
