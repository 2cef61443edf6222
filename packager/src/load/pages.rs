//! Chapters as written to the validated pages and blocks: questions get
//! their ids and models, calculators and exercises are checked, overview
//! totals computed.

use std::collections::HashMap;
use std::path::PathBuf;

use kursverk_player::core::text::fill;
use kursverk_player::model::{self as player, Language};

use super::files::same_file;
use super::ids::IdSource;
use super::questions;
use super::{Built, Loader};
use crate::diagnostics::{Diagnostic, M, Span};
use crate::model::{Block, Chapter, Exercise, ExerciseSection, Media, Overview, Page};
use crate::source::blocks::sections::{Duration, Section};
use crate::source::chapter::{RawBlock, RawChapter};

/// Ids and names seen so far in the course, to keep them unique.
#[derive(Default)]
struct Seen {
    pages: HashMap<String, Span>,
    questions: Vec<IdSource>,
    exercises: HashMap<String, Span>,
    calculators: HashMap<String, Span>,
    media: HashMap<String, (PathBuf, Span)>,
}

/// What a chapter's blocks add up to.
#[derive(Default)]
struct ChapterAcc {
    /// The exercises' minutes, added up.
    minutes: u32,
    /// How many exercises.
    exercises: usize,
    /// The overview's stated time, once there is an overview.
    overview: Option<Option<Duration>>,
    /// The current page's exercise, if it has one.
    exercise_on_page: Option<Span>,
}

/// The page a block is on.
struct PageAt<'a> {
    index: usize,
    span: &'a Span,
    title: &'a str,
    in_quiz: bool,
}

impl Loader {
    pub(super) fn build(
        &mut self,
        raw: Vec<(String, RawChapter)>,
        quiz_chapters: &[String],
    ) -> Built {
        let mut built = Built {
            pages: Vec::new(),
            questions: Vec::new(),
            chapters: Vec::new(),
            media: Vec::new(),
            calculators: Vec::new(),
        };
        let mut seen = Seen::default();
        for (slug, ch) in raw {
            self.images(&ch.images, &mut built.media, &mut seen);
            let in_quiz = quiz_chapters.contains(&slug);
            let chapter = self.chapter_pages(slug, ch, in_quiz, &mut built, &mut seen);
            built.chapters.push(chapter);
        }
        self.check_keys(&seen.questions);
        built.media.sort_by(|a, b| a.target.cmp(&b.target));
        built
    }

    /// A chapter's images, each copied once; two that would get one name
    /// in the package are an error.
    fn images(&mut self, images: &[(String, Span)], media: &mut Vec<Media>, seen: &mut Seen) {
        for (dest, span) in images {
            let Some(m) = self.image(dest, span) else { continue };
            match seen.media.get(&m.target) {
                None => {
                    seen.media.insert(m.target.clone(), (m.source.clone(), span.clone()));
                    media.push(m);
                }
                Some((source, _)) if same_file(&*self.files, source, &m.source) => {}
                Some((_, first)) => self.diags.push(
                    Diagnostic::error(
                        M::MediaCollision { target: m.target.clone() },
                        Some(span.clone()),
                    )
                    .related(first.clone()),
                ),
            }
        }
    }

    /// A chapter's pages and blocks, and its exercise totals.
    fn chapter_pages(
        &mut self,
        slug: String,
        ch: RawChapter,
        in_quiz: bool,
        built: &mut Built,
        seen: &mut Seen,
    ) -> Chapter {
        let mut acc = ChapterAcc::default();
        let mut out_pages = Vec::new();
        for p in ch.pages {
            let index = built.pages.len();
            let id = self.page_id(&p.title, p.id.as_deref(), &p.span, &mut seen.pages);
            acc.exercise_on_page = None;
            let here = PageAt { index, span: &p.span, title: &p.title, in_quiz };
            let blocks =
                p.blocks.into_iter().map(|b| self.block(b, &here, &mut acc, built, seen)).collect();
            built.pages.push(player::Page { id, title: p.title.clone() });
            out_pages.push(Page { index, blocks, span: Some(p.span.clone()) });
        }
        let (total, count) = (acc.minutes, acc.exercises);
        self.check_total(acc.overview.flatten(), total, count);
        let sv = self.language == Language::Sv;
        let time = crate::source::duration::format(total, sv);
        for block in out_pages.iter_mut().flat_map(|p| p.blocks.iter_mut()) {
            if let Block::Overview(o) = block {
                let say = |t: player::T| t.get(self.language);
                o.total = total;
                o.total_text = format!(
                    "{}, {}",
                    time,
                    match count {
                        1 => say(player::T::OneExercise).to_owned(),
                        n => fill(say(player::T::ExerciseCount), &[("n", &n.to_string())]),
                    }
                );
            }
        }
        Chapter {
            title: ch.title,
            slug,
            pages: out_pages,
            exercise_minutes: total,
            exercise_count: count,
            exercise_time: time,
        }
    }

    /// One block as written to the validated block; questions and
    /// calculators also go into the player's model.
    fn block(
        &mut self,
        b: RawBlock,
        here: &PageAt<'_>,
        acc: &mut ChapterAcc,
        built: &mut Built,
        seen: &mut Seen,
    ) -> Block {
        match b {
            RawBlock::Html(html) => Block::Html { html },
            RawBlock::Callout { kind, label, html } => Block::Callout { kind, label, html },
            RawBlock::Question(ask) => {
                let id = self.question_id(&ask, &mut seen.questions);
                let (model, view) =
                    questions::build(ask, id, here.index, here.in_quiz, self.language);
                built.questions.push(model);
                Block::Question(view)
            }
            RawBlock::Calculator(mut c) => {
                if let Some(first) = seen.calculators.insert(c.id.clone(), here.span.clone()) {
                    self.diags.push(
                        Diagnostic::error(
                            M::CalculatorIdTwice { id: c.id.clone() },
                            Some(here.span.clone()),
                        )
                        .related(first),
                    );
                }
                // The formulas move to the model, where the player computes
                // them; the page keeps its fields.
                built.calculators.push(player::Calculator {
                    id: c.id.clone(),
                    inputs: c.inputs.iter().map(|i| i.name.clone()).collect(),
                    outputs: std::mem::take(&mut c.formulas),
                });
                Block::Calculator(c)
            }
            RawBlock::Exercise(e) => {
                if let Some(first) = &acc.exercise_on_page {
                    self.diags.push(
                        Diagnostic::error(M::OneExercisePerPage, Some(e.span.clone()))
                            .related(first.clone()),
                    );
                }
                acc.exercise_on_page = Some(e.span.clone());
                let id = self.exercise_id(&e, here.title, &mut seen.exercises);
                let minutes = e.duration.as_ref().map_or(0, |d| d.minutes);
                acc.minutes = acc.minutes.saturating_add(minutes);
                acc.exercises += 1;
                Block::Exercise(Exercise {
                    id,
                    title: here.title.to_owned(),
                    minutes,
                    duration: e.duration.map(|d| d.text).unwrap_or_default(),
                    intro: e.intro,
                    sections: self.sections(e.sections),
                })
            }
            RawBlock::Overview(o) => {
                if acc.overview.is_some() {
                    self.diags.push(Diagnostic::error(M::OneOverview, Some(o.span.clone())));
                }
                acc.overview = Some(o.duration.clone());
                Block::Overview(Overview {
                    stated: o.duration.map(|d| d.text),
                    total: 0,
                    total_text: String::new(),
                    intro: o.intro,
                    sections: self.sections(o.sections),
                })
            }
        }
    }

    fn sections(&self, raw: Vec<(Section, String)>) -> Vec<ExerciseSection> {
        raw.into_iter()
            .map(|(kind, html)| ExerciseSection {
                kind,
                label: kind.label(self.language).to_owned(),
                html,
            })
            .collect()
    }

    /// Warns where a chapter's stated total disagrees with the sum of its
    /// exercises: the printed guide shows the computed sum, and the author
    /// should know which one is wrong.
    fn check_total(&mut self, stated: Option<Duration>, total: u32, count: usize) {
        let Some(stated) = stated else { return };
        if stated.minutes != total {
            let sv = self.language == Language::Sv;
            let (stated_text, count, sum) = (
                stated.text.clone(),
                count.to_string(),
                crate::source::duration::format(total, sv),
            );
            let message = if crate::source::duration::is_approximate(&stated.text) {
                M::TimeDisagreesApproximately { stated: stated_text, count, sum }
            } else {
                M::TimeDisagrees { stated: stated_text, count, sum }
            };
            self.diags.push(Diagnostic::warning(message, Some(stated.span.clone())));
        }
    }
}
