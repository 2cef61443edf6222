//! Exercise and overview blocks: a `Tid:` line and named sections
//! (`#### Syfte`, `#### Förberedelse för ledaren`, …).

use std::ops::Range;

use kursverk_player::model::Language;
use pulldown_cmark::{Event, Tag};

use crate::diagnostics::{Diagnostic, Diagnostics, M, Span};
use crate::source::markdown::{Ev, block_end, inline_text, render};
use crate::words::W;

/// The named parts of an exercise or overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// Syfte: why the exercise is done.
    Purpose,
    /// Mål: competence goals.
    Goals,
    /// Förberedelse för ledaren.
    LeaderPreparation,
    /// Förberedelse för deltagarna.
    ParticipantPreparation,
    /// Reflektion: questions for the group.
    Reflection,
}

impl Section {
    const ALL: [(Section, W); 5] = [
        (Section::Purpose, W::Purpose),
        (Section::Goals, W::Goals),
        (Section::LeaderPreparation, W::LeaderPreparation),
        (Section::ParticipantPreparation, W::ParticipantPreparation),
        (Section::Reflection, W::Reflection),
    ];

    /// The section a heading names, in any course language.
    fn from_heading(text: &str) -> Option<Section> {
        let t = text.trim().trim_end_matches(':').to_lowercase();
        Section::ALL
            .iter()
            .find(|(_, w)| Language::NAMES.iter().any(|(l, _)| t == w.get(*l).to_lowercase()))
            .map(|(s, _)| *s)
    }

    /// The heading in the course language.
    pub fn label(self, language: Language) -> &'static str {
        Section::ALL.iter().find(|(s, _)| *s == self).map_or("", |(_, w)| w.get(language))
    }
}

/// A duration line (`Tid: 1 tim 10 min`): minutes, as written, where.
#[derive(Debug, Clone)]
pub struct Duration {
    /// Parsed minutes.
    pub minutes: u32,
    /// As the author wrote it.
    pub text: String,
    /// The line.
    pub span: Span,
}

/// A group exercise as written.
#[derive(Debug)]
pub struct RawExercise {
    /// The id after the marker.
    pub id: Option<(String, Span)>,
    /// The marker line.
    pub span: Span,
    /// How long it takes (required).
    pub duration: Option<Duration>,
    /// Text before the first section.
    pub intro: String,
    /// The sections, rendered.
    pub sections: Vec<(Section, String)>,
}

/// A chapter overview as written.
#[derive(Debug)]
pub struct RawOverview {
    /// The marker line.
    pub span: Span,
    /// The total the author states, if any.
    pub duration: Option<Duration>,
    /// Text before the first section.
    pub intro: String,
    /// The sections, rendered.
    pub sections: Vec<(Section, String)>,
}

/// An exercise or overview body, split up.
pub(crate) struct Sectioned {
    pub(crate) duration: Option<Duration>,
    /// Whether there was a `Tid:` line (readable or not).
    pub(crate) time_line: bool,
    pub(crate) intro: String,
    pub(crate) sections: Vec<(Section, String)>,
}

/// Splits an exercise or overview body into its `Tid:` line, the text
/// before the first section heading, and the named sections.
pub(crate) fn sectioned(body: &[Ev<'_>], header: &Span, diags: &mut Diagnostics) -> Sectioned {
    let mut duration = None;
    let mut time_line = false;
    let mut intro: Vec<Ev<'_>> = Vec::new();
    let mut sections: Vec<(Section, Vec<Ev<'_>>)> = Vec::new();
    let mut i = 0;
    let span = |r: &Range<usize>| Span { file: header.file, range: r.clone() };
    while i < body.len() {
        let end = block_end(body, i);
        let block = &body[i..=end];
        match &body[i].0 {
            Event::Start(Tag::Heading { .. }) => {
                let name = inline_text(block);
                match Section::from_heading(&name) {
                    Some(s) if sections.iter().any(|(x, _)| *x == s) => {
                        diags.push(Diagnostic::error(
                            M::SectionTwice { name: name.clone() },
                            Some(span(&body[i].1)),
                        ))
                    }
                    Some(s) => sections.push((s, Vec::new())),
                    None => diags.push(Diagnostic::error(
                        M::UnknownSection { name: name.clone() },
                        Some(span(&body[i].1)),
                    )),
                }
            }
            Event::Start(Tag::Paragraph)
                if let Some(written) = duration_line(block).filter(|_| sections.is_empty()) =>
            {
                time_line = true;
                // The paragraph may have started on the marker line: point
                // at its text only.
                let inner = &block[1..block.len() - 1];
                let line = match (inner.first(), inner.last()) {
                    (Some(a), Some(b)) => a.1.start..b.1.end,
                    _ => body[i].1.clone(),
                };
                match crate::source::duration::parse(&written) {
                    Ok(minutes) => {
                        duration = Some(Duration { minutes, text: written, span: span(&line) })
                    }
                    Err(message) => diags.push(Diagnostic::error(message, Some(span(&line)))),
                }
            }
            _ => match sections.last_mut() {
                Some((_, events)) => events.extend_from_slice(block),
                None => intro.extend_from_slice(block),
            },
        }
        i = end + 1;
    }
    let sections = sections.into_iter().map(|(s, events)| (s, render(&events))).collect();
    Sectioned { duration, time_line, intro: render(&intro), sections }
}

/// `Tid: 40 min` (or `Time:`): the text after the colon.
fn duration_line(block: &[Ev<'_>]) -> Option<String> {
    let text = inline_text(block);
    let (label, rest) = text.split_once(':')?;
    matches!(label.trim().to_lowercase().as_str(), "tid" | "time" | "tidsåtgång" | "duration")
        .then(|| rest.trim().to_owned())
}
