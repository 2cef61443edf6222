//! The course model that the packager writes and the player reads.
//!
//! This is the one place where the shape of a course at run time is defined.
//! The packager builds a [`Course`] from the author's scripts and embeds it in
//! every package as JSON; the player deserialises the same type. Keeping it in
//! the player crate (which has no heavy dependencies) lets the packager depend
//! on it without pulling any web code into the native build.
//!
//! How it travels is defined once, in [`format`]: the packager writes JSON
//! with it, and the player reads what `JSON.parse` made of it with the same
//! module, which keeps a JSON parser out of the wasm. Hence the flat
//! [`Question`] with a unit-enum [`Kind`]: plain shapes on both sides. The
//! player's own words are in [`texts`]' catalogue.
//!
//! Ids are the stable link between builds: a learner's saved state refers to
//! pages and questions by id, never by position, so an author can rebuild a
//! course under learners who are half way through it.

pub mod format;
pub mod scorm;
pub mod texts;
pub mod xapi;

pub use texts::T;

/// A course as the player needs it: structure, ids, answer keys and rules.
///
/// The text of the pages is not here: it is rendered to HTML at build time so
/// that a page shows before (and without) the player.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    /// The course identifier (ASCII), unique in an LMS.
    pub id: String,
    /// The course title as the learner sees it.
    pub title: String,
    /// The language of the course (`sv` or `en`).
    pub language: Language,
    /// The course version, as the author wrote it.
    pub version: String,
    /// The percentage of the graded score that passes the course.
    pub mastery_score: u8,
    /// Pages in reading order.
    pub pages: Vec<Page>,
    /// Questions in reading order.
    pub questions: Vec<Question>,
    /// What must be done for the course to be completed (all of them).
    pub completion: Vec<Rule>,
    /// How SCORM 1.2's single status is reported.
    pub status12: Status12,
    /// Extra tries at the quiz after failing it (`u32::MAX`: no limit).
    pub quiz_retries: u32,
    /// Whether the best quiz attempt counts (otherwise the latest).
    pub quiz_best: bool,
    /// Calculators, by id, with their formulas.
    pub calculators: Vec<Calculator>,
    /// The player's own words in the course language, by [`T::key`]
    /// name. They travel in the course data rather than in the player, so
    /// the wasm carries no language tables.
    pub texts: Vec<Text>,
}

/// One of the player's texts.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// The [`T::key`].
    pub key: String,
    /// The text.
    pub value: String,
}

/// One condition for completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Every page has been seen.
    Pages,
    /// Every required question has an answer.
    Questions,
    /// The quiz (the graded questions) is passed.
    Quiz,
}

/// What SCORM 1.2's `lesson_status` reports once the course is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status12 {
    /// `passed` or `failed` when there is a score, else `completed`.
    PassedFailed,
    /// Always `completed` (for LMSs that wait for exactly that).
    Completed,
}

/// The language of a course, which decides the player's own texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Swedish.
    Sv,
    /// English.
    En,
}

impl Language {
    /// The BCP 47 tag, for `lang` attributes and manifests.
    pub fn tag(self) -> &'static str {
        match self {
            Language::Sv => "sv",
            Language::En => "en",
        }
    }
}

/// One screen of a course.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Stable id, unique in the course (ASCII `a-z0-9-`).
    pub id: String,
    /// The page heading.
    pub title: String,
}

/// A question on a page.
///
/// One flat shape for every kind; what `options` and `accepted` hold
/// depends on [`Kind`].
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Stable id, unique in the course (ASCII `a-z0-9-`).
    pub id: String,
    /// Index of the page the question is on.
    pub page: usize,
    /// What kind of question.
    pub kind: Kind,
    /// The question as plain text (for the LMS's `description` and the
    /// learner's own record).
    pub text: String,
    /// Choice: whether more than one option may be chosen.
    pub multiple: bool,
    /// Choice, true/false, scale: the options; ordering: the items in the
    /// right order; matching: the left-hand items, each with the id of the
    /// right-hand item it matches in `matches`.
    pub options: Vec<ChoiceOption>,
    /// Fill-in: the accepted answers.
    pub accepted: Vec<String>,
    /// Fill-in: case and spacing must match exactly.
    pub exact: bool,
    /// How many tries the learner has (0: no limit).
    pub attempts: u32,
    /// Show the right answer once the tries are used up.
    pub show_answer: bool,
    /// Weight in the score.
    pub weight: u32,
    /// Part of the graded quiz (when the course has one, only its
    /// questions are scored).
    pub quiz: bool,
    /// Must be answered for the `questions` completion rule.
    pub required: bool,
}

/// The kinds of question the player knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Single or multiple choice.
    Choice,
    /// A statement that is true or false (options `t` and `f`).
    TrueFalse,
    /// A short text answer.
    FillIn,
    /// Put items in order.
    Ordering,
    /// Pair each left-hand item with a right-hand one.
    Matching,
    /// A self-assessment on a scale; never graded.
    Scale,
    /// Free text; never graded.
    Reflection,
}

/// One option (or item) of a question.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceOption {
    /// Short identifier (`a`, `b`, …), valid as a SCORM 2004 short identifier.
    pub id: String,
    /// Whether choosing this option is part of the right answer.
    pub correct: bool,
    /// Matching: the id of the right-hand item (`1`, `2`, …) this one
    /// belongs with; empty otherwise.
    pub matches: String,
}

/// The names the course data uses for each unit enum, in both directions
/// ([`format`]), and the names authors and templates use.
impl Kind {
    /// All kinds with their names.
    pub const NAMES: [(Kind, &'static str); 7] = [
        (Kind::Choice, "choice"),
        (Kind::TrueFalse, "true-false"),
        (Kind::FillIn, "fill-in"),
        (Kind::Ordering, "ordering"),
        (Kind::Matching, "matching"),
        (Kind::Scale, "scale"),
        (Kind::Reflection, "reflection"),
    ];
}

impl Kind {
    /// The kind's name in the course data, templates and CSS classes.
    pub fn name(self) -> &'static str {
        Kind::NAMES.iter().find(|(k, _)| *k == self).map_or("", |(_, n)| n)
    }
}

impl Rule {
    /// All rules with their names.
    pub const NAMES: [(Rule, &'static str); 3] =
        [(Rule::Pages, "pages"), (Rule::Questions, "questions"), (Rule::Quiz, "quiz")];
}

impl Status12 {
    /// Both choices with their names.
    pub const NAMES: [(Status12, &'static str); 2] =
        [(Status12::PassedFailed, "passed-failed"), (Status12::Completed, "completed")];
}

impl Language {
    /// Both languages with their names.
    pub const NAMES: [(Language, &'static str); 2] = [(Language::Sv, "sv"), (Language::En, "en")];
}

/// The value named `name` in a `NAMES` table.
pub fn by_name<T: Copy>(table: &[(T, &str)], name: &str) -> Option<T> {
    table.iter().find(|(_, n)| *n == name).map(|(v, _)| *v)
}

impl Question {
    /// Whether the question counts towards the score.
    pub fn graded(&self) -> bool {
        !matches!(self.kind, Kind::Scale | Kind::Reflection)
    }
}

/// A calculator: inputs the learner sets, outputs computed from them.
#[derive(Debug, Clone, PartialEq)]
pub struct Calculator {
    /// Stable id; the inputs and outputs in the page carry it.
    pub id: String,
    /// Input names, in the order of their fields in the page.
    pub inputs: Vec<String>,
    /// Outputs, in the order of their fields in the page.
    pub outputs: Vec<Formula>,
}

/// One computed output.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    /// The output's name.
    pub name: String,
    /// The expression in postfix order: input names, literals written
    /// `#<integer>/<power of ten>` (`#15/1` is 1.5), and `+ - * /`, `~`
    /// (negation).
    pub rpn: Vec<String>,
    /// Decimals shown.
    pub decimals: u32,
}

impl Course {
    /// Parses the JSON that the packager embeds in a package, with the
    /// player's own reader ([`format::read`]).
    pub fn from_json(json: &str) -> Option<Course> {
        format::read(&miniserde::json::from_str::<miniserde::json::Value>(json).ok()?)
    }

    /// The JSON to embed in a package ([`format::write`]).
    pub fn to_json(&self) -> String {
        format::write(self)
    }

    /// The player's text `t` (empty if the packager left it out). The
    /// texts travel in catalogue order ([`format::read_checked`] holds the
    /// packager to it), so the player finds them by position and carries
    /// no key strings.
    pub fn text(&self, t: T) -> &str {
        self.texts.get(t as usize).map_or("", |x| x.value.as_str())
    }

    /// Index of the page with this id.
    pub fn page_index(&self, id: &str) -> Option<usize> {
        self.pages.iter().position(|p| p.id == id)
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Whether the course has a quiz section (only its questions score).
    pub fn has_quiz(&self) -> bool {
        self.questions.iter().any(|q| q.quiz)
    }

    /// The questions that count towards the score.
    pub fn scored(&self) -> impl Iterator<Item = &Question> {
        let quiz = self.has_quiz();
        self.questions.iter().filter(move |q| q.graded() && (q.quiz || !quiz))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_unique_and_kebab_case() {
        fn check<T>(table: &[(T, &str)]) {
            let mut names: Vec<&str> = table.iter().map(|(_, n)| *n).collect();
            assert!(names.iter().all(|n| {
                n.bytes().all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
            }));
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), table.len());
        }
        check(&Kind::NAMES);
        check(&Rule::NAMES);
        check(&Status12::NAMES);
        check(&Language::NAMES);
    }

    #[test]
    fn json_round_trip_and_shape() {
        let course = crate::core::state::tests::course(3, 80);
        let json = course.to_json();
        assert!(
            json.contains(r#""type":"choice""#) && json.contains(r#""language":"sv""#),
            "{json}"
        );
        assert_eq!(Course::from_json(&json), Some(course));
        assert_eq!(Course::from_json("{\"id\":1}"), None);
        assert_eq!(Course::from_json("not json"), None);
    }
}
