//! The course model that the packager writes and the player reads.
//!
//! This is the one place where the shape of a course at run time is defined.
//! The packager builds a [`Course`] from the author's scripts and embeds it in
//! every package as JSON; the player deserialises the same type. Keeping it in
//! the player crate (which has no heavy dependencies) lets the packager depend
//! on it without pulling any web code into the native build.
//!
//! The packager writes it with miniserde (small, and enough for these
//! plain types); in the browser the player lets `JSON.parse` do the
//! parsing and walks the result (`web::data`), which keeps a JSON parser
//! out of the wasm. Hence the flat [`Question`] with a unit-enum [`Kind`]:
//! plain shapes on both sides.
//!
//! Ids are the stable link between builds: a learner's saved state refers to
//! pages and questions by id, never by position, so an author can rebuild a
//! course under learners who are half way through it.

use miniserde::{Deserialize, Serialize};

/// A course as the player needs it: structure, ids, answer keys and rules.
///
/// The text of the pages is not here: it is rendered to HTML at build time so
/// that a page shows before (and without) the player.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// The player's own words in the course language, by [`Texts`] field
    /// name. They travel in the course data rather than in the player, so
    /// the wasm carries no language tables.
    pub texts: Vec<Text>,
}

/// One of the player's texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Text {
    /// The [`Texts`] field name.
    pub key: String,
    /// The text.
    pub value: String,
}

/// One condition for completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    /// Every page has been seen.
    #[serde(rename = "pages")]
    Pages,
    /// Every required question has an answer.
    #[serde(rename = "questions")]
    Questions,
    /// The quiz (the graded questions) is passed.
    #[serde(rename = "quiz")]
    Quiz,
}

/// What SCORM 1.2's `lesson_status` reports once the course is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status12 {
    /// `passed` or `failed` when there is a score, else `completed`.
    #[serde(rename = "passed-failed")]
    PassedFailed,
    /// Always `completed` (for LMSs that wait for exactly that).
    #[serde(rename = "completed")]
    Completed,
}

/// The language of a course, which decides the player's own texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Language {
    /// Swedish.
    #[serde(rename = "sv")]
    Sv,
    /// English.
    #[serde(rename = "en")]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Stable id, unique in the course (ASCII `a-z0-9-`).
    pub id: String,
    /// Index of the page the question is on.
    pub page: usize,
    /// What kind of question.
    #[serde(rename = "type")]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// Single or multiple choice.
    #[serde(rename = "choice")]
    Choice,
    /// A statement that is true or false (options `t` and `f`).
    #[serde(rename = "true-false")]
    TrueFalse,
    /// A short text answer.
    #[serde(rename = "fill-in")]
    FillIn,
    /// Put items in order.
    #[serde(rename = "ordering")]
    Ordering,
    /// Pair each left-hand item with a right-hand one.
    #[serde(rename = "matching")]
    Matching,
    /// A self-assessment on a scale; never graded.
    #[serde(rename = "scale")]
    Scale,
    /// Free text; never graded.
    #[serde(rename = "reflection")]
    Reflection,
}

/// One option (or item) of a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChoiceOption {
    /// Short identifier (`a`, `b`, …), valid as a SCORM 2004 short identifier.
    pub id: String,
    /// Whether choosing this option is part of the right answer.
    pub correct: bool,
    /// Matching: the id of the right-hand item (`1`, `2`, …) this one
    /// belongs with; empty otherwise.
    pub matches: String,
}

/// The names the course data uses for each unit enum (the serde renames
/// above). The player's reader in `web::data` parses them with these
/// tables; a test checks they agree with what the packager writes.
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calculator {
    /// Stable id; the inputs and outputs in the page carry it.
    pub id: String,
    /// Input names, in the order of their fields in the page.
    pub inputs: Vec<String>,
    /// Outputs, in the order of their fields in the page.
    pub outputs: Vec<Formula>,
}

/// One computed output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// Parses the JSON that the packager embeds in a package.
    pub fn from_json(json: &str) -> Option<Course> {
        miniserde::json::from_str(json).ok()
    }

    /// The JSON to embed in a package.
    pub fn to_json(&self) -> String {
        miniserde::json::to_string(self)
    }

    /// The player's text `key` (empty if the packager left it out).
    pub fn text(&self, key: &str) -> &str {
        self.texts.iter().find(|t| t.key == key).map_or("", |t| t.value.as_str())
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

/// The player's own words in a course's language. The packager puts them in
/// the page and the player uses them for what it writes at run time, so both
/// always agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Texts {
    /// Button: previous page.
    pub previous: &'static str,
    /// Button: next page.
    pub next: &'static str,
    /// Button: check a knowledge question.
    pub submit: &'static str,
    /// Button: save a reflection.
    pub save: &'static str,
    /// Label of the table of contents.
    pub contents: &'static str,
    /// Label of the progress indicator.
    pub progress: &'static str,
    /// Verdict for a right answer.
    pub correct: &'static str,
    /// Verdict for a wrong answer.
    pub wrong: &'static str,
    /// Confirmation that a reflection was saved.
    pub saved: &'static str,
    /// "Page {n} of {total}", with `{n}` and `{total}` replaced.
    pub page_of: &'static str,
    /// Marks a page already seen, for screen readers.
    pub visited: &'static str,
    /// Asks the learner to choose before checking.
    pub choose_first: &'static str,
    /// Shown when no LMS is found.
    pub standalone: &'static str,
    /// Button, standalone only: remove this browser's copy of the answers.
    pub forget: &'static str,
    /// Asks before the answers are removed.
    pub forget_confirm: &'static str,
    /// Shown when the LMS did not accept the learner's progress.
    pub lms_trouble: &'static str,
    /// Label of a reflection's text field.
    pub your_answer: &'static str,
    /// Skip link text.
    pub skip: &'static str,
    /// Shown when the LMS cannot store a text in full.
    pub text_too_long: &'static str,
    /// Button and heading: the learner's own answers.
    pub my_answers: &'static str,
    /// Button: download the learner's answers.
    pub download: &'static str,
    /// Button: print the learner's answers.
    pub print: &'static str,
    /// Shown in the record when nothing is written yet.
    pub no_reflections: &'static str,
    /// Button: close a panel.
    pub close: &'static str,
    /// Label of a group exercise.
    pub exercise: &'static str,
    /// Label of a duration.
    pub duration: &'static str,
    /// "{n} exercises" (two or more).
    pub exercise_count: &'static str,
    /// "1 exercise".
    pub one_exercise: &'static str,
    /// Hint under an ordering question.
    pub order_hint: &'static str,
    /// Button: move an item up.
    pub move_up: &'static str,
    /// Button: move an item down.
    pub move_down: &'static str,
    /// Announced after a move: {item}, {n}, {total}.
    pub moved: &'static str,
    /// Empty choice of a select.
    pub choose: &'static str,
    /// Heading of the answer key.
    pub right_answer: &'static str,
    /// Tries left: {n}.
    pub tries_left: &'static str,
    /// Shown when no tries are left.
    pub no_tries: &'static str,
    /// Asks for every part of an answer.
    pub answer_all: &'static str,
    /// Legend of a calculator's inputs.
    pub inputs: &'static str,
    /// Heading of a calculator's results.
    pub results: &'static str,
    /// Summary: {n} of {total} pages.
    pub pages_seen: &'static str,
    /// Summary: {n} of {total} questions.
    pub answered: &'static str,
    /// Summary: {score} and {mastery}.
    pub score_line: &'static str,
    /// Summary: passed.
    pub passed: &'static str,
    /// Summary: failed.
    pub failed: &'static str,
    /// Summary: the course is complete.
    pub done: &'static str,
    /// Summary: the course is not complete.
    pub not_done: &'static str,
    /// Summary: heading of what is left.
    pub still_to_do: &'static str,
    /// Summary: an unread page, {page}.
    pub unread: &'static str,
    /// Summary: a page with unanswered questions, {page}.
    pub unanswered: &'static str,
    /// Button: start the quiz over.
    pub retry: &'static str,
}

impl Texts {
    /// Every text by field name, for templates.
    pub fn entries(&self) -> [(&'static str, &'static str); 50] {
        [
            ("previous", self.previous),
            ("next", self.next),
            ("submit", self.submit),
            ("save", self.save),
            ("contents", self.contents),
            ("progress", self.progress),
            ("correct", self.correct),
            ("wrong", self.wrong),
            ("saved", self.saved),
            ("page_of", self.page_of),
            ("visited", self.visited),
            ("choose_first", self.choose_first),
            ("standalone", self.standalone),
            ("forget", self.forget),
            ("forget_confirm", self.forget_confirm),
            ("lms_trouble", self.lms_trouble),
            ("your_answer", self.your_answer),
            ("skip", self.skip),
            ("text_too_long", self.text_too_long),
            ("my_answers", self.my_answers),
            ("download", self.download),
            ("print", self.print),
            ("no_reflections", self.no_reflections),
            ("close", self.close),
            ("exercise", self.exercise),
            ("duration", self.duration),
            ("exercise_count", self.exercise_count),
            ("one_exercise", self.one_exercise),
            ("order_hint", self.order_hint),
            ("move_up", self.move_up),
            ("move_down", self.move_down),
            ("moved", self.moved),
            ("choose", self.choose),
            ("right_answer", self.right_answer),
            ("tries_left", self.tries_left),
            ("no_tries", self.no_tries),
            ("answer_all", self.answer_all),
            ("inputs", self.inputs),
            ("results", self.results),
            ("pages_seen", self.pages_seen),
            ("answered", self.answered),
            ("score_line", self.score_line),
            ("passed", self.passed),
            ("failed", self.failed),
            ("done", self.done),
            ("not_done", self.not_done),
            ("still_to_do", self.still_to_do),
            ("unread", self.unread),
            ("unanswered", self.unanswered),
            ("retry", self.retry),
        ]
    }
}

impl Language {
    /// The player's texts in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Language::Sv => &SV,
            Language::En => &EN,
        }
    }
}

static SV: Texts = Texts {
    previous: "Föregående",
    next: "Nästa",
    submit: "Svara",
    save: "Spara",
    contents: "Innehåll",
    progress: "Framsteg",
    correct: "Rätt svar.",
    wrong: "Inte rätt.",
    saved: "Ditt svar är sparat.",
    page_of: "Sida {n} av {total}",
    visited: "(läst)",
    choose_first: "Välj ett svar först.",
    standalone: "Kursen är inte ansluten till en lärplattform. Dina svar och var du är i kursen sparas bara i den här webbläsaren. Använder andra också datorn? Välj Glöm mina svar när du är klar.",
    forget: "Glöm mina svar på den här datorn",
    forget_confirm: "Dina svar i kursen tas bort från den här webbläsaren och kursen börjar om från början. Vill du spara dem, ladda ner dem under Mina svar först. Ta bort svaren nu?",
    lms_trouble: "Lärplattformen tog inte emot dina senaste svar. De finns kvar i den här webbläsaren, och kursen försöker spara igen.",
    your_answer: "Ditt svar",
    skip: "Hoppa till innehållet",
    text_too_long: "Ditt svar är längre än lärplattformen kan spara. Hela texten finns kvar i den här webbläsaren. Ladda ner den under Mina svar, så att du har den kvar.",
    my_answers: "Mina svar",
    download: "Ladda ner mina svar",
    print: "Skriv ut",
    no_reflections: "Du har inte skrivit några svar på reflektionsfrågorna ännu.",
    close: "Stäng",
    exercise: "Övning",
    duration: "Tid",
    exercise_count: "{n} övningar",
    one_exercise: "1 övning",
    order_hint: "Ordna dem genom att flytta upp eller ner.",
    move_up: "Upp",
    move_down: "Ner",
    moved: "{item}: plats {n} av {total}.",
    choose: "Välj …",
    right_answer: "Rätt svar:",
    tries_left: "Försök kvar: {n}.",
    no_tries: "Du har inga försök kvar på den här frågan.",
    answer_all: "Svara på alla delar först.",
    inputs: "Dina värden",
    results: "Resultat",
    pages_seen: "Du har läst {n} av {total} sidor.",
    answered: "Du har svarat på {n} av {total} frågor.",
    score_line: "Ditt resultat är {score} %. För att bli godkänd behövs {mastery} %.",
    passed: "Du är godkänd.",
    failed: "Du är inte godkänd ännu.",
    done: "Kursen är klar.",
    not_done: "Kursen är inte klar ännu.",
    still_to_do: "Det här är kvar:",
    unread: "Läs sidan {page}",
    unanswered: "Svara på frågorna på sidan {page}",
    retry: "Gör om kunskapstestet",
};

static EN: Texts = Texts {
    previous: "Previous",
    next: "Next",
    submit: "Check answer",
    save: "Save",
    contents: "Contents",
    progress: "Progress",
    correct: "Correct.",
    wrong: "Not quite.",
    saved: "Your answer is saved.",
    page_of: "Page {n} of {total}",
    visited: "(done)",
    choose_first: "Choose an answer first.",
    standalone: "This course is not connected to a learning platform. Your answers and place in the course are saved in this browser only. Do others use this computer too? Choose Forget my answers when you are done.",
    forget: "Forget my answers on this computer",
    forget_confirm: "Your answers in this course will be removed from this browser and the course starts over. To keep them, download them under My answers first. Remove your answers now?",
    lms_trouble: "The learning platform did not accept your latest answers. They are kept in this browser, and the course will try to save again.",
    your_answer: "Your answer",
    skip: "Skip to content",
    text_too_long: "Your answer is longer than the learning platform can store. The full text is kept in this browser. Download it under My answers to keep a copy.",
    my_answers: "My answers",
    download: "Download my answers",
    print: "Print",
    no_reflections: "You have not answered any reflection questions yet.",
    close: "Close",
    exercise: "Exercise",
    duration: "Time",
    exercise_count: "{n} exercises",
    one_exercise: "1 exercise",
    order_hint: "Put them in order by moving them up or down.",
    move_up: "Up",
    move_down: "Down",
    moved: "{item}: position {n} of {total}.",
    choose: "Choose …",
    right_answer: "The right answer:",
    tries_left: "Tries left: {n}.",
    no_tries: "You have no tries left on this question.",
    answer_all: "Answer every part first.",
    inputs: "Your values",
    results: "Results",
    pages_seen: "You have read {n} of {total} pages.",
    answered: "You have answered {n} of {total} questions.",
    score_line: "Your score is {score} %. You need {mastery} % to pass.",
    passed: "You have passed.",
    failed: "You have not passed yet.",
    done: "The course is complete.",
    not_done: "The course is not complete yet.",
    still_to_do: "Still to do:",
    unread: "Read the page {page}",
    unanswered: "Answer the questions on the page {page}",
    retry: "Take the quiz again",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_tables_match_the_serialised_names() {
        for (kind, name) in Kind::NAMES {
            assert_eq!(miniserde::json::to_string(&kind), format!("\"{name}\""));
        }
        for (rule, name) in Rule::NAMES {
            assert_eq!(miniserde::json::to_string(&rule), format!("\"{name}\""));
        }
        for (s, name) in Status12::NAMES {
            assert_eq!(miniserde::json::to_string(&s), format!("\"{name}\""));
        }
        for (l, name) in Language::NAMES {
            assert_eq!(miniserde::json::to_string(&l), format!("\"{name}\""));
        }
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
