//! The course model that the packager writes and the player reads.
//!
//! This is the one place where the shape of a course at run time is defined.
//! The packager builds a [`Course`] from the author's scripts and embeds it in
//! every package as JSON; the player deserialises the same type. Keeping it in
//! the player crate (which has no heavy dependencies) lets the packager depend
//! on it without pulling any web code into the native build.
//!
//! It is (de)serialised with miniserde, not serde_json: the player is
//! shipped to every learner, and miniserde's parser costs a fraction of
//! serde_json's code size. Hence the flat [`Question`] with a unit-enum
//! [`Kind`] (miniserde has no data-carrying enums).
//!
//! Ids are the stable link between builds: a learner's saved state refers to
//! pages and questions by id, never by position, so an author can rebuild a
//! course under learners who are half way through it.

use miniserde::{Deserialize, Serialize};

/// A course as the player needs it: structure, ids and answer keys.
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
    /// The percentage of graded questions right that passes the course.
    pub mastery_score: u8,
    /// Pages in reading order.
    pub pages: Vec<Page>,
    /// Questions in reading order.
    pub questions: Vec<Question>,
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
    /// Choice: the options in the order shown, with the answer key.
    pub options: Vec<ChoiceOption>,
}

/// The kinds of question the player knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// A graded choice question; single answer unless `multiple`.
    #[serde(rename = "choice")]
    Choice,
    /// A free-text reflection, never graded.
    #[serde(rename = "reflection")]
    Reflection,
}

/// One option of a choice question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChoiceOption {
    /// Short identifier (`a`, `b`, …), valid as a SCORM 2004 short identifier.
    pub id: String,
    /// Whether choosing this option is part of the right answer.
    pub correct: bool,
}

impl Question {
    /// Whether the question counts towards the score.
    pub fn graded(&self) -> bool {
        self.kind == Kind::Choice
    }
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

    /// Index of the page with this id.
    pub fn page_index(&self, id: &str) -> Option<usize> {
        self.pages.iter().position(|p| p.id == id)
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
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
    /// "{n} exercises".
    pub exercise_count: &'static str,
}

impl Texts {
    /// Every text by field name, for templates.
    pub fn entries(&self) -> [(&'static str, &'static str); 25] {
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
    standalone: "Kursen är inte ansluten till en lärplattform. Dina svar och var du är i kursen sparas bara i den här webbläsaren.",
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
    standalone: "This course is not connected to a learning platform. Your answers and place in the course are saved in this browser only.",
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
};

#[cfg(test)]
mod tests {
    use super::*;

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
