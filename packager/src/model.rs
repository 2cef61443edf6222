//! The validated course: what the renderer and the outputs work from.
//!
//! [`Course`] wraps the player's own model ([`kursverk_player::model`], the
//! one source of truth for ids, pages and answer keys) with what only the
//! packager needs: the rendered HTML of every block, the media files to copy,
//! and the course's metadata. Everything here has passed validation, so the
//! outputs never have to check anything again.

use std::path::PathBuf;

use kursverk_player::model as player;
use serde::Serialize;

/// A course that has passed every check.
#[derive(Debug, Clone, Serialize)]
pub struct Course {
    /// The model the player runs on (embedded in each package as JSON).
    #[serde(skip)]
    pub player: player::Course,
    /// Authors, as written.
    pub authors: Vec<String>,
    /// One sentence about the course.
    pub description: Option<String>,
    /// Estimated minutes.
    pub minutes: Option<u32>,
    /// Chapters in order.
    pub chapters: Vec<Chapter>,
    /// Files to copy into the package.
    pub media: Vec<Media>,
    /// Each chapter is its own SCO (tracked separately by the LMS).
    pub sco_per_chapter: bool,
    /// With `sco_per_chapter`: one zip per chapter.
    pub split: bool,
    /// The organisation's look.
    pub theme: Theme,
    /// The course's own IRI in xAPI (`[xapi] activity-id`, or
    /// `urn:kursverk:<id>`): a cmi5 package's course id, and named in every
    /// statement the player sends.
    pub activity: String,
    /// Where a web build reports (`[xapi]`); `None`: it does not.
    #[serde(skip)]
    pub lrs: Option<player::xapi::Xapi>,
}

/// The organisation's look, checked: colours that pass WCAG AA, a font
/// stack that cannot break out of its CSS, a logo that is a file with a
/// text, and templates that compile.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Theme {
    /// Accent colour, `#rrggbb`.
    pub accent: Option<String>,
    /// A darker accent for hover, computed.
    pub accent_hover: Option<String>,
    /// CSS font stack.
    pub font: Option<String>,
    /// The logo's path in the package.
    pub logo: Option<String>,
    /// The logo's text.
    pub logo_alt: String,
    /// Templates that replace built-in partials: (name, source).
    #[serde(skip)]
    pub templates: Vec<(String, String)>,
}

impl Course {
    /// The xAPI settings a page of `target` carries: a cmi5 package's (the
    /// LMS names the LRS and the learner at launch), the web build's when
    /// it reports to an LRS, or none.
    pub fn xapi_settings(&self, target: &str) -> Option<player::xapi::Xapi> {
        match target {
            "cmi5" => Some(player::xapi::Xapi {
                activity: self.activity.clone(),
                endpoint: String::new(),
                learner: player::xapi::Learner::Launch,
                home: String::new(),
                auth: String::new(),
                texts: xapi_texts(self.player.language),
            }),
            "web" => self.lrs.clone(),
            _ => None,
        }
    }

    /// Chapter `i` as a course of its own: the unit of a multi-SCO package.
    /// Its id is `<course id>-<chapter slug>`, so the LMS and the browser
    /// keep its progress apart from the other chapters'.
    pub fn chapter_course(&self, i: usize) -> Course {
        let first = self.chapters[i].pages.first().map_or(0, |p| p.index);
        let mut chapter = self.chapters[i].clone();
        for p in &mut chapter.pages {
            p.index -= first;
        }
        Course {
            player: self.chapter_player(i),
            chapters: vec![chapter],
            sco_per_chapter: false,
            split: false,
            ..self.clone()
        }
    }
}

impl Course {
    /// Chapter `i`'s part of the player's model, as its own course (see
    /// [`Course::chapter_course`]), without copying the rest of the course.
    pub fn chapter_player(&self, i: usize) -> player::Course {
        let chapter = &self.chapters[i];
        let first = chapter.pages.first().map_or(0, |p| p.index);
        let pages = first..first + chapter.pages.len();
        player::Course {
            id: format!("{}-{}", self.player.id, chapter.slug),
            title: chapter.title.clone(),
            pages: self.player.pages[pages.clone()].to_vec(),
            questions: self
                .player
                .questions
                .iter()
                .filter(|q| pages.contains(&q.page))
                .map(|q| player::Question { page: q.page - first, ..q.clone() })
                .collect(),
            ..self.player.clone()
        }
    }
}

/// A chapter: a title and its pages.
#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    /// The chapter's `#` heading.
    pub title: String,
    /// ASCII name from its file name (`01-journal`), for SCO files and ids.
    pub slug: String,
    /// Its pages, in order.
    pub pages: Vec<Page>,
    /// The sum of its exercises' durations, computed.
    pub exercise_minutes: u32,
    /// How many exercises it has.
    pub exercise_count: usize,
    /// `exercise_minutes` as authors write times (`3 tim 10 min`).
    pub exercise_time: String,
}

/// One page's rendered content. Its id and title are the course model's
/// (`player.pages[index]`).
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// Index in the course (into `player.pages`).
    pub index: usize,
    /// The content, in order.
    pub blocks: Vec<Block>,
    /// Where the page starts in its chapter file (its heading; the top of
    /// the file for a chapter's first page). `None` for the result page,
    /// which no author wrote.
    #[serde(skip)]
    pub span: Option<crate::diagnostics::Span>,
}

/// A piece of page content.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    /// Ordinary Markdown, rendered.
    Html {
        /// The HTML.
        html: String,
    },
    /// A fact, tip, important or warning box.
    Callout {
        /// `fact`, `tip`, `important` or `warning`.
        kind: &'static str,
        /// The box's heading in the course language.
        label: String,
        /// The content.
        html: String,
    },
    /// A question of any kind.
    Question(QuestionView),
    /// A calculator.
    Calculator(crate::source::blocks::calc::Calculator),
    /// The learner's result, filled in by the player.
    Summary,
    /// A group exercise.
    Exercise(Exercise),
    /// A chapter's overview.
    Overview(Overview),
}

/// A group exercise, for facilitators.
#[derive(Debug, Clone, Serialize)]
pub struct Exercise {
    /// Stable id.
    pub id: String,
    /// The title (its page's heading).
    pub title: String,
    /// Duration in minutes.
    pub minutes: u32,
    /// Duration as the author wrote it.
    pub duration: String,
    /// Text before the first section.
    pub intro: String,
    /// Purpose, goals, preparations, reflection, in the author's order.
    pub sections: Vec<ExerciseSection>,
}

/// One named part of an exercise or overview.
#[derive(Debug, Clone, Serialize)]
pub struct ExerciseSection {
    /// Which part.
    pub kind: crate::source::blocks::sections::Section,
    /// Its heading in the course language.
    pub label: String,
    /// Its content.
    pub html: String,
}

/// A chapter's overview.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    /// The total time as the author states it.
    pub stated: Option<String>,
    /// The sum of the chapter's exercises, in minutes (computed).
    pub total: u32,
    /// That sum as text, and the number of exercises
    /// (`3 tim 10 min, 5 övningar`).
    pub total_text: String,
    /// Text before the first section.
    pub intro: String,
    /// Goals and other sections.
    pub sections: Vec<ExerciseSection>,
}

/// A question as the page shows it: only the page's HTML. Its kind, tries
/// and settings are facts of the question in the course model
/// (`player.questions`, found by `id`), which the renderer puts beside
/// this view; nothing is copied here.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    /// The question's id in the course model.
    pub id: String,
    /// Blocks before the question itself, often empty.
    pub lead: String,
    /// The question itself, inline HTML (it goes in a `<legend>`).
    pub prompt: String,
    /// Options or scale points in the author's order; for ordering, the
    /// items in the order shown (shuffled); for matching, the left-hand
    /// items.
    pub options: Vec<OptionView>,
    /// Matching: the right-hand items, shuffled.
    pub targets: Vec<OptionView>,
    /// Feedback for a right answer.
    pub right: String,
    /// Feedback for a wrong answer.
    pub wrong: String,
    /// The right answer, shown after the last try when the question says
    /// so.
    pub answer_key: AnswerKey,
}

/// The right answer as the page shows it: one line, or a list (in order
/// for an ordering question). The template writes the markup.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AnswerKey {
    /// `p` (one line), `ul` or `ol`.
    pub list: &'static str,
    /// Each line, inline HTML.
    pub items: Vec<String>,
}

/// One option, item or scale point as shown.
#[derive(Debug, Clone, Serialize)]
pub struct OptionView {
    /// Short id (`a`, `b`, … or `1`, `2`, … for matching targets).
    pub id: String,
    /// The text, rendered inline.
    pub html: String,
    /// Feedback shown when chosen.
    pub feedback: String,
}

/// A file from the course folder that goes into the package.
#[derive(Debug, Clone, Serialize)]
pub struct Media {
    /// Where it is on disk.
    pub source: PathBuf,
    /// Its path inside the package (ASCII, `/`-separated).
    pub target: String,
}

/// The player's xAPI words in `language`, in catalogue order.
pub fn xapi_texts(language: player::Language) -> Vec<String> {
    player::xapi::X::ALL.iter().map(|x| x.get(language).to_owned()).collect()
}
