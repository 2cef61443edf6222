//! The player's own words, in every language a course can have.
//!
//! One table: each text is one line with its key and its words in each
//! language, so no language can lack a text (the macro will not compile
//! such a line). The packager puts the course language's column in the
//! course data and uses it in the page; the player asks for texts by [`T`],
//! never by a string, so a misspelt key cannot compile either.

use super::Language;

/// Defines a catalogue: an enum `$enum` with one variant per text, its
/// key, and its words in every language. The player's texts are one
/// catalogue ([`T`]); the packager's own words are another, made with the
/// same macro, so every text of Kursverk is written the same way.
#[macro_export]
macro_rules! catalogue {
    ($(#[$edoc:meta])* $vis:vis enum $enum:ident;
     $( $(#[$doc:meta])* $name:ident = $key:literal { sv: $sv:expr, en: $en:expr $(,)? } )*) => {
        $(#[$edoc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $enum {
            $( $(#[$doc])* $name, )*
        }

        impl $enum {
            /// Every text, in catalogue order.
            pub const ALL: &'static [$enum] = &[$($enum::$name),*];

            /// The text's key (how templates and the course data name it).
            pub fn key(self) -> &'static str {
                match self { $($enum::$name => $key,)* }
            }

            /// The text in `language`.
            pub fn get(self, language: $crate::model::Language) -> &'static str {
                use $crate::model::Language;
                match (self, language) {
                    $(($enum::$name, Language::Sv) => $sv, ($enum::$name, Language::En) => $en,)*
                }
            }
        }
    };
}

catalogue! {
    /// A text of the player's.
    pub enum T;

    /// Button: previous page.
    Previous = "previous" {
        sv: "Föregående",
        en: "Previous",
    }
    /// Button: next page.
    Next = "next" {
        sv: "Nästa",
        en: "Next",
    }
    /// Button: check a knowledge question.
    Submit = "submit" {
        sv: "Svara",
        en: "Check answer",
    }
    /// Button: save a reflection.
    Save = "save" {
        sv: "Spara",
        en: "Save",
    }
    /// Label of the table of contents.
    Contents = "contents" {
        sv: "Innehåll",
        en: "Contents",
    }
    /// Label of the progress indicator.
    Progress = "progress" {
        sv: "Framsteg",
        en: "Progress",
    }
    /// Verdict for a right answer.
    Correct = "correct" {
        sv: "Rätt svar.",
        en: "Correct.",
    }
    /// Verdict for a wrong answer.
    Wrong = "wrong" {
        sv: "Inte rätt.",
        en: "Not quite.",
    }
    /// Confirmation that a reflection was saved.
    Saved = "saved" {
        sv: "Ditt svar är sparat.",
        en: "Your answer is saved.",
    }
    /// "Page {n} of {total}", with `{n}` and `{total}` replaced.
    PageOf = "page_of" {
        sv: "Sida {n} av {total}",
        en: "Page {n} of {total}",
    }
    /// Marks a page already seen, for screen readers.
    Visited = "visited" {
        sv: "(läst)",
        en: "(done)",
    }
    /// Asks the learner to choose before checking.
    ChooseFirst = "choose_first" {
        sv: "Välj ett svar först.",
        en: "Choose an answer first.",
    }
    /// Shown when no LMS is found.
    Standalone = "standalone" {
        sv: "Kursen är inte ansluten till en lärplattform. Dina svar och var du är i kursen sparas bara i den här webbläsaren. Använder andra också datorn? Välj Glöm mina svar när du är klar.",
        en: "This course is not connected to a learning platform. Your answers and place in the course are saved in this browser only. Do others use this computer too? Choose Forget my answers when you are done.",
    }
    /// Button, standalone only: remove this browser's copy of the answers.
    Forget = "forget" {
        sv: "Glöm mina svar på den här datorn",
        en: "Forget my answers on this computer",
    }
    /// Asks before the answers are removed.
    ForgetConfirm = "forget_confirm" {
        sv: "Dina svar i kursen tas bort från den här webbläsaren och kursen börjar om från början. Vill du spara dem, ladda ner dem under Mina svar först. Ta bort svaren nu?",
        en: "Your answers in this course will be removed from this browser and the course starts over. To keep them, download them under My answers first. Remove your answers now?",
    }
    /// Shown when the LMS did not accept the learner's progress.
    LmsTrouble = "lms_trouble" {
        sv: "Lärplattformen tog inte emot dina senaste svar. De finns kvar i den här webbläsaren, och kursen försöker spara igen.",
        en: "The learning platform did not accept your latest answers. They are kept in this browser, and the course will try to save again.",
    }
    /// Label of a reflection's text field.
    YourAnswer = "your_answer" {
        sv: "Ditt svar",
        en: "Your answer",
    }
    /// Skip link text.
    Skip = "skip" {
        sv: "Hoppa till innehållet",
        en: "Skip to content",
    }
    /// Shown when the LMS cannot store a text in full.
    TextTooLong = "text_too_long" {
        sv: "Ditt svar är längre än lärplattformen kan spara. Hela texten finns kvar i den här webbläsaren. Ladda ner den under Mina svar, så att du har den kvar.",
        en: "Your answer is longer than the learning platform can store. The full text is kept in this browser. Download it under My answers to keep a copy.",
    }
    /// Button and heading: the learner's own answers.
    MyAnswers = "my_answers" {
        sv: "Mina svar",
        en: "My answers",
    }
    /// Button: download the learner's answers.
    Download = "download" {
        sv: "Ladda ner mina svar",
        en: "Download my answers",
    }
    /// Button: print the learner's answers.
    Print = "print" {
        sv: "Skriv ut",
        en: "Print",
    }
    /// Shown in the record when nothing is written yet.
    NoReflections = "no_reflections" {
        sv: "Du har inte skrivit några svar på reflektionsfrågorna ännu.",
        en: "You have not answered any reflection questions yet.",
    }
    /// Button: close a panel.
    Close = "close" {
        sv: "Stäng",
        en: "Close",
    }
    /// Label of a group exercise.
    Exercise = "exercise" {
        sv: "Övning",
        en: "Exercise",
    }
    /// Label of a duration.
    Duration = "duration" {
        sv: "Tid",
        en: "Time",
    }
    /// "{n} exercises" (two or more).
    ExerciseCount = "exercise_count" {
        sv: "{n} övningar",
        en: "{n} exercises",
    }
    /// "1 exercise".
    OneExercise = "one_exercise" {
        sv: "1 övning",
        en: "1 exercise",
    }
    /// Hint under an ordering question.
    OrderHint = "order_hint" {
        sv: "Ordna dem genom att flytta upp eller ner.",
        en: "Put them in order by moving them up or down.",
    }
    /// Button: move an item up.
    MoveUp = "move_up" {
        sv: "Upp",
        en: "Up",
    }
    /// Button: move an item down.
    MoveDown = "move_down" {
        sv: "Ner",
        en: "Down",
    }
    /// Announced after a move: {item}, {n}, {total}.
    Moved = "moved" {
        sv: "{item}: plats {n} av {total}.",
        en: "{item}: position {n} of {total}.",
    }
    /// Empty choice of a select.
    Choose = "choose" {
        sv: "Välj …",
        en: "Choose …",
    }
    /// Heading of the answer key.
    RightAnswer = "right_answer" {
        sv: "Rätt svar:",
        en: "The right answer:",
    }
    /// Tries left: {n}.
    TriesLeft = "tries_left" {
        sv: "Försök kvar: {n}.",
        en: "Tries left: {n}.",
    }
    /// Shown when no tries are left.
    NoTries = "no_tries" {
        sv: "Du har inga försök kvar på den här frågan.",
        en: "You have no tries left on this question.",
    }
    /// Asks for every part of an answer.
    AnswerAll = "answer_all" {
        sv: "Svara på alla delar först.",
        en: "Answer every part first.",
    }
    /// Legend of a calculator's inputs.
    Inputs = "inputs" {
        sv: "Dina värden",
        en: "Your values",
    }
    /// Heading of a calculator's results.
    Results = "results" {
        sv: "Resultat",
        en: "Results",
    }
    /// Summary: {n} of {total} pages.
    PagesSeen = "pages_seen" {
        sv: "Du har läst {n} av {total} sidor.",
        en: "You have read {n} of {total} pages.",
    }
    /// Summary: {n} of {total} questions.
    Answered = "answered" {
        sv: "Du har svarat på {n} av {total} frågor.",
        en: "You have answered {n} of {total} questions.",
    }
    /// Summary: {score} and {mastery}.
    ScoreLine = "score_line" {
        sv: "Ditt resultat är {score} %. För att bli godkänd behövs {mastery} %.",
        en: "Your score is {score} %. You need {mastery} % to pass.",
    }
    /// Summary: passed.
    Passed = "passed" {
        sv: "Du är godkänd.",
        en: "You have passed.",
    }
    /// Summary: failed.
    Failed = "failed" {
        sv: "Du är inte godkänd ännu.",
        en: "You have not passed yet.",
    }
    /// Summary: the course is complete.
    Done = "done" {
        sv: "Kursen är klar.",
        en: "The course is complete.",
    }
    /// Summary: the course is not complete.
    NotDone = "not_done" {
        sv: "Kursen är inte klar ännu.",
        en: "The course is not complete yet.",
    }
    /// Summary: heading of what is left.
    StillToDo = "still_to_do" {
        sv: "Det här är kvar:",
        en: "Still to do:",
    }
    /// Summary: an unread page, {page}.
    Unread = "unread" {
        sv: "Läs sidan {page}",
        en: "Read the page {page}",
    }
    /// Summary: a page with unanswered questions, {page}.
    Unanswered = "unanswered" {
        sv: "Svara på frågorna på sidan {page}",
        en: "Answer the questions on the page {page}",
    }
    /// Button: start the quiz over.
    Retry = "retry" {
        sv: "Gör om kunskapstestet",
        en: "Take the quiz again",
    }
}

impl Language {
    /// Every text in this language, by key (for templates and the course
    /// data).
    pub fn texts(self) -> impl Iterator<Item = (&'static str, &'static str)> {
        T::ALL.iter().map(move |t| (t.key(), t.get(self)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_a_unique_key_and_words_in_every_language() {
        let mut keys: Vec<&str> = T::ALL.iter().map(|t| t.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), T::ALL.len(), "two texts share a key");
        for t in T::ALL {
            for (language, _) in Language::NAMES {
                assert!(!t.get(language).trim().is_empty(), "{t:?} is empty in {language:?}");
            }
        }
    }
}
