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
use crate::diagnostics::{Diagnostic, Span};
use crate::model::{Block, Chapter, Exercise, ExerciseSection, Media, Overview, Page};
use crate::source::blocks::sections::{Duration, Section};
use crate::source::chapter::{RawBlock, RawChapter};

impl Loader {
    #[allow(clippy::type_complexity)]
    pub(super) fn build(
        &mut self,
        raw: Vec<(String, RawChapter)>,
        quiz_chapters: &[String],
    ) -> Built {
        let mut pages = Vec::new();
        let mut calculators = Vec::new();
        let mut calculator_ids: HashMap<String, Span> = HashMap::new();
        let mut questions = Vec::new();
        let mut chapters = Vec::new();
        let mut media: Vec<Media> = Vec::new();
        let mut media_seen: HashMap<String, (PathBuf, Span)> = HashMap::new();
        let mut page_ids: HashMap<String, Span> = HashMap::new();
        let mut question_ids: Vec<IdSource> = Vec::new();
        let mut exercise_ids: HashMap<String, Span> = HashMap::new();

        for (slug, ch) in raw {
            for (dest, span) in &ch.images {
                let Some(m) = self.image(dest, span) else { continue };
                match media_seen.get(&m.target) {
                    None => {
                        media_seen.insert(m.target.clone(), (m.source.clone(), span.clone()));
                        media.push(m);
                    }
                    Some((source, _)) if same_file(source, &m.source) => {}
                    Some((_, first)) => self.error(
                        Diagnostic::error(
                            format!(
                                "two images would get the same name in the package: `{}`",
                                m.target
                            ),
                            Some(span.clone()),
                        )
                        .related(first.clone(), "the other image")
                        .hint("rename one of the two image files"),
                    ),
                }
            }
            let mut out_pages = Vec::new();
            let mut exercises: Vec<(u32, Span)> = Vec::new();
            let mut overview: Option<Option<Duration>> = None;
            for p in ch.pages {
                let mut exercise_on_page: Option<Span> = None;
                let index = pages.len();
                let id = self.page_id(&p.title, p.id.as_deref(), &p.span, &mut page_ids);
                let mut blocks = Vec::new();
                for b in p.blocks {
                    blocks.push(match b {
                        RawBlock::Html(html) => Block::Html { html },
                        RawBlock::Callout { kind, label, html } => {
                            Block::Callout { kind, label, html }
                        }
                        RawBlock::Question(ask) => {
                            let id = self.question_id(&ask, &mut question_ids);
                            let in_quiz = quiz_chapters.contains(&slug);
                            let (model, view) =
                                questions::build(ask, id, index, in_quiz, self.language);
                            questions.push(model);
                            Block::Question(view)
                        }
                        RawBlock::Calculator(c) => {
                            if let Some(first) = calculator_ids.insert(c.id.clone(), p.span.clone())
                            {
                                self.error(
                                    Diagnostic::error(
                                        format!("two calculators have the id `{}`", c.id),
                                        Some(p.span.clone()),
                                    )
                                    .related(first, "first used here")
                                    .hint("rename one of them"),
                                );
                            }
                            // The formulas move to the model, where the
                            // player computes them; the page keeps its fields.
                            let mut c = c;
                            calculators.push(player::Calculator {
                                id: c.id.clone(),
                                inputs: c.inputs.iter().map(|i| i.name.clone()).collect(),
                                outputs: std::mem::take(&mut c.formulas),
                            });
                            Block::Calculator(c)
                        }
                        RawBlock::Exercise(e) => {
                            if let Some(first) = &exercise_on_page {
                                self.error(
                                    Diagnostic::error(
                                        "a page holds one exercise",
                                        Some(e.span.clone()),
                                    )
                                    .related(first.clone(), "the page's exercise")
                                    .hint(
                                        "start a new page (`## Exercise title`) for this exercise",
                                    ),
                                );
                            }
                            exercise_on_page = Some(e.span.clone());
                            let id = self.exercise_id(&e, &p.title, &mut exercise_ids);
                            let minutes = e.duration.as_ref().map_or(0, |d| d.minutes);
                            exercises.push((minutes, e.span.clone()));
                            Block::Exercise(Exercise {
                                id,
                                title: p.title.clone(),
                                minutes,
                                duration: e.duration.map(|d| d.text).unwrap_or_default(),
                                intro: e.intro,
                                sections: self.sections(e.sections),
                            })
                        }
                        RawBlock::Overview(o) => {
                            if overview.is_some() {
                                self.error(
                                    Diagnostic::error(
                                        "a chapter has one overview",
                                        Some(o.span.clone()),
                                    )
                                    .hint("merge the two overviews into one"),
                                );
                            }
                            overview = Some(o.duration.clone());
                            Block::Overview(Overview {
                                stated: o.duration.map(|d| d.text),
                                total: 0,
                                total_text: String::new(),
                                intro: o.intro,
                                sections: self.sections(o.sections),
                            })
                        }
                    });
                }
                pages.push(player::Page { id: id.clone(), title: p.title.clone() });
                out_pages.push(Page { index, blocks });
            }
            let total: u32 = exercises.iter().map(|(m, _)| m).sum();
            self.check_total(overview.flatten(), total, exercises.len());
            for block in out_pages.iter_mut().flat_map(|p| p.blocks.iter_mut()) {
                if let Block::Overview(o) = block {
                    let say = |t: player::T| t.get(self.language);
                    o.total = total;
                    o.total_text = format!(
                        "{}, {}",
                        crate::source::duration::format(total, self.language == Language::Sv),
                        match exercises.len() {
                            1 => say(player::T::OneExercise).to_owned(),
                            n => fill(say(player::T::ExerciseCount), &[("n", &n.to_string())]),
                        }
                    );
                }
            }
            chapters.push(Chapter {
                title: ch.title,
                slug,
                pages: out_pages,
                exercise_minutes: total,
                exercise_count: exercises.len(),
                exercise_time: crate::source::duration::format(
                    total,
                    self.language == Language::Sv,
                ),
            });
        }
        self.check_keys(&question_ids);
        media.sort_by(|a, b| a.target.cmp(&b.target));
        Built { pages, questions, chapters, media, calculators }
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
            let approximate = if crate::source::duration::is_approximate(&stated.text) {
                " (it is stated as approximate)"
            } else {
                ""
            };
            self.diags.push(
                Diagnostic::warning(
                    format!(
                        "the stated time {} differs from the sum of the chapter's {count} exercises, {}{approximate}",
                        stated.text,
                        crate::source::duration::format(total, sv)
                    ),
                    Some(stated.span.clone()),
                )
                .label("stated here")
                .hint("check the exercises' times and correct this line; the printed guide shows the computed sum"),
            );
        }
    }
}
