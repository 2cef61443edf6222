//! `course.toml` exactly as the author wrote it.
//!
//! These are the raw types (ripgrep's `LowArgs`): strict serde structs that
//! keep the span of every value that a later check may complain about. The
//! checks themselves, and the validated course, are in [`crate::load`].

use serde::Deserialize;
use toml::Spanned;

/// The contents of `course.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CourseToml {
    /// Course identifier: lowercase ASCII letters, digits and `-`.
    pub id: Spanned<String>,
    /// The title learners see.
    pub title: String,
    /// `sv` or `en`.
    pub language: Spanned<String>,
    /// The course version (free text, e.g. `1.0.0`).
    pub version: String,
    /// The authors' names.
    #[serde(default)]
    pub authors: Vec<String>,
    /// One sentence about the course.
    #[serde(default)]
    pub description: Option<String>,
    /// Estimated minutes for a learner.
    pub minutes: Option<u32>,
    /// Percentage of graded questions right that passes, 0–100.
    #[serde(default = "default_mastery")]
    pub mastery_score: Spanned<i64>,
    /// Chapter files in order, relative to the course folder.
    pub chapters: Vec<Spanned<String>>,
    /// `course` (one SCO) or `chapter` (each chapter its own SCO).
    pub sco: Option<Spanned<String>>,
    /// With `sco = "chapter"`: one zip per chapter instead of one zip.
    #[serde(default)]
    pub split: bool,
    /// What completes the course: any of `pages`, `questions`, `quiz`.
    #[serde(default)]
    pub completion: Option<Vec<Spanned<String>>>,
    /// SCORM 1.2 status: `passed-failed` or `completed`.
    #[serde(default)]
    pub scorm12_status: Option<Spanned<String>>,
    /// Show a result page at the end (default: when there is a score).
    #[serde(default)]
    pub summary: Option<bool>,
    /// The graded quiz.
    #[serde(default)]
    pub quiz: Option<QuizToml>,
    /// The organisation's look: logo, accent colour, fonts, templates.
    #[serde(default)]
    pub theme: Option<ThemeToml>,
    /// Reporting to a Learning Record Store (xAPI), and the course's IRI.
    #[serde(default)]
    pub xapi: Option<XapiToml>,
}

/// `[xapi]` in `course.toml`: where a web build reports, who the learner
/// is there, and the course's own IRI (also a cmi5 package's).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct XapiToml {
    /// The LRS's xAPI endpoint (`https://…/xapi/`).
    pub endpoint: Option<Spanned<String>>,
    /// The course's IRI (default `urn:kursverk:<id>`).
    pub activity_id: Option<Spanned<String>>,
    /// `email`, `number` or `link`.
    pub learner: Option<Spanned<String>>,
    /// With `learner = "number"`: the organisation's address.
    pub account_home: Option<Spanned<String>>,
    /// An `Authorization` value that only lets statements be written.
    pub auth: Option<Spanned<String>>,
}

/// `[theme]` in `course.toml`, or a theme folder's `theme.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ThemeToml {
    /// A shared theme folder (with its own `theme.toml` and `templates/`),
    /// relative to the course folder. Only in `course.toml`.
    pub folder: Option<Spanned<String>>,
    /// The organisation's logo, an image file.
    pub logo: Option<Spanned<String>>,
    /// What the logo says, for screen readers (required with `logo`).
    pub logo_alt: Option<Spanned<String>>,
    /// The accent colour (links, buttons, the current page), `#rrggbb`.
    pub accent: Option<Spanned<String>>,
    /// A CSS font stack, e.g. `"Inter", system-ui, sans-serif`.
    pub font: Option<Spanned<String>>,
}

/// `[quiz]` in `course.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuizToml {
    /// Chapters whose questions form the quiz (default: every chapter).
    #[serde(default)]
    pub chapters: Vec<Spanned<String>>,
    /// Extra tries after failing (default: no limit).
    pub retries: Option<u32>,
    /// `best` or `latest` attempt counts.
    pub counts: Option<Spanned<String>>,
}

/// `sco`: how the course is split into SCOs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sco {
    /// One SCO for the whole course (the default).
    Course,
    /// Each chapter its own SCO, tracked separately by the LMS.
    Chapter,
}

impl Sco {
    /// Both values as written in `course.toml`.
    pub const NAMES: [(Sco, &'static str); 2] =
        [(Sco::Course, "course"), (Sco::Chapter, "chapter")];
}

/// `[quiz] counts`: which attempt's score the LMS gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counts {
    /// The best attempt (the default).
    Best,
    /// The latest attempt.
    Latest,
}

impl Counts {
    /// Both values as written in `course.toml`.
    pub const NAMES: [(Counts, &'static str); 2] =
        [(Counts::Best, "best"), (Counts::Latest, "latest")];
}

fn default_mastery() -> Spanned<i64> {
    Spanned::new(0..0, 80)
}

/// The keys `course.toml` knows, as serde knows them (so the list can never
/// drift from the struct), with `[quiz]` as a table: for the hint on a
/// misspelt key.
pub fn keys() -> Vec<String> {
    let table = |k: &str| matches!(k, "quiz" | "theme" | "xapi");
    serde_aux::serde_introspection::serde_introspect::<CourseToml>()
        .iter()
        .map(|k| if table(k) { format!("[{k}]") } else { (*k).to_owned() })
        .collect()
}
