//! The learner's state and the rules that move it: navigation, answering,
//! scoring and completion.
//!
//! [`State`] holds only what the learner did, keyed by ids; every derived
//! value (score, status, progress) is computed from it and the [`Course`], so
//! there is nothing to keep in sync and a restored state needs no fixing up.

use std::collections::BTreeMap;

use crate::model::{Course, Kind, Question};

/// What a learner has done in a course.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    /// Index of the page on screen.
    pub current: usize,
    /// Which pages have been shown, by page index.
    pub visited: Vec<bool>,
    /// Submitted answers, by question id.
    pub answers: BTreeMap<String, Answer>,
}

/// A learner's answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The option ids chosen in a choice question.
    Choice(Vec<String>),
    /// Free text, for reflections.
    Text(String),
}

/// Why an answer was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError {
    /// No question has this id.
    UnknownQuestion,
    /// The answer is of the wrong kind for the question.
    WrongKind,
    /// A choice question was submitted with nothing chosen, or with several
    /// options where only one is allowed.
    InvalidChoice,
}

/// The learner's score on the graded questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    /// Graded questions answered right.
    pub correct: usize,
    /// Graded questions in the course.
    pub total: usize,
}

impl Score {
    /// The score as a whole percentage, 0–100 (what LMSs grade on).
    pub fn percent(self) -> u8 {
        if self.total == 0 {
            return 100;
        }
        ((self.correct * 100 + self.total / 2) / self.total) as u8
    }
}

/// Whether the learner has finished the course.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completion {
    /// Every page has been seen.
    Completed,
    /// Some page has not been seen yet.
    Incomplete,
}

/// Whether the learner passed the course's knowledge questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Success {
    /// All graded questions answered, score at or above the mastery score.
    Passed,
    /// All graded questions answered, score below the mastery score.
    Failed,
    /// Not every graded question is answered yet, or there are none.
    Unknown,
}

impl State {
    /// A fresh start on the first page.
    pub fn new(course: &Course) -> State {
        let mut state = State {
            current: 0,
            visited: vec![false; course.pages.len()],
            answers: BTreeMap::new(),
        };
        state.goto(course, 0);
        state
    }

    /// Shows page `index` (clamped to the course) and marks it visited.
    pub fn goto(&mut self, course: &Course, index: usize) {
        if course.pages.is_empty() {
            return;
        }
        self.visited.resize(course.pages.len(), false);
        self.current = index.min(course.pages.len() - 1);
        self.visited[self.current] = true;
    }

    /// Moves to the next page; false when already on the last.
    pub fn next(&mut self, course: &Course) -> bool {
        if self.current + 1 >= course.pages.len() {
            return false;
        }
        self.goto(course, self.current + 1);
        true
    }

    /// Moves to the previous page; false when already on the first.
    pub fn prev(&mut self, course: &Course) -> bool {
        if self.current == 0 {
            return false;
        }
        self.goto(course, self.current - 1);
        true
    }

    /// Records an answer and returns whether it is right (`None` for
    /// ungraded questions).
    pub fn answer(
        &mut self,
        course: &Course,
        question: &str,
        answer: Answer,
    ) -> Result<Option<bool>, AnswerError> {
        let q = course.question(question).ok_or(AnswerError::UnknownQuestion)?;
        let verdict = match (q.kind, &answer) {
            (Kind::Choice, Answer::Choice(chosen)) => {
                let known = chosen.iter().all(|c| q.options.iter().any(|o| &o.id == c));
                if chosen.is_empty() || !known || (!q.multiple && chosen.len() > 1) {
                    return Err(AnswerError::InvalidChoice);
                }
                Some(is_correct(q, &answer))
            }
            (Kind::Reflection, Answer::Text(_)) => None,
            _ => return Err(AnswerError::WrongKind),
        };
        self.answers.insert(question.to_owned(), answer);
        Ok(verdict)
    }

    /// The score over all graded questions (`None` if there are none).
    pub fn score(&self, course: &Course) -> Option<Score> {
        let graded: Vec<_> = course.questions.iter().filter(|q| q.graded()).collect();
        if graded.is_empty() {
            return None;
        }
        let correct = graded
            .iter()
            .filter(|q| self.answers.get(&q.id).is_some_and(|a| is_correct(q, a)))
            .count();
        Some(Score { correct, total: graded.len() })
    }

    /// Completed once every page has been seen.
    pub fn completion(&self, course: &Course) -> Completion {
        let seen = self.visited.iter().filter(|v| **v).count();
        if seen >= course.pages.len() { Completion::Completed } else { Completion::Incomplete }
    }

    /// Passed or failed once every graded question has an answer.
    pub fn success(&self, course: &Course) -> Success {
        let Some(score) = self.score(course) else { return Success::Unknown };
        let all_answered = course
            .questions
            .iter()
            .filter(|q| q.graded())
            .all(|q| self.answers.contains_key(&q.id));
        match (all_answered, score.percent() >= course.mastery_score) {
            (false, _) => Success::Unknown,
            (true, true) => Success::Passed,
            (true, false) => Success::Failed,
        }
    }

    /// Pages seen so far.
    pub fn visited_count(&self) -> usize {
        self.visited.iter().filter(|v| **v).count()
    }
}

/// Whether `answer` is the right answer to `question`.
pub fn is_correct(question: &Question, answer: &Answer) -> bool {
    match (question.kind, answer) {
        (Kind::Choice, Answer::Choice(chosen)) => {
            question.options.iter().all(|o| o.correct == chosen.iter().any(|c| c == &o.id))
        }
        _ => false,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{ChoiceOption, Language, Page};

    pub(crate) fn course(pages: usize, mastery: u8) -> Course {
        let opts = |correct: &[&str]| {
            ["a", "b", "c"]
                .iter()
                .map(|id| ChoiceOption { id: id.to_string(), correct: correct.contains(id) })
                .collect()
        };
        Course {
            id: "test".into(),
            title: "Test".into(),
            language: Language::Sv,
            version: "1".into(),
            mastery_score: mastery,
            pages: (0..pages)
                .map(|i| Page { id: format!("p{i}"), title: format!("Sida {i}") })
                .collect(),
            questions: vec![
                Question {
                    id: "single".into(),
                    page: 0,
                    kind: Kind::Choice,
                    text: "En fråga?".into(),
                    multiple: false,
                    options: opts(&["b"]),
                },
                Question {
                    id: "multi".into(),
                    page: 1,
                    kind: Kind::Choice,
                    text: "Flera svar?".into(),
                    multiple: true,
                    options: opts(&["a", "c"]),
                },
                Question {
                    id: "tanke".into(),
                    page: 1,
                    kind: Kind::Reflection,
                    text: "Vad tänker du?".into(),
                    multiple: false,
                    options: Vec::new(),
                },
            ],
        }
    }

    fn choice(ids: &[&str]) -> Answer {
        Answer::Choice(ids.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn navigation_stays_in_bounds_and_marks_visits() {
        let c = course(3, 80);
        let mut s = State::new(&c);
        assert!(!s.prev(&c));
        assert!(s.next(&c) && s.next(&c));
        assert!(!s.next(&c));
        assert_eq!(s.current, 2);
        assert_eq!(s.completion(&c), Completion::Completed);
        s.goto(&c, 99);
        assert_eq!(s.current, 2);
    }

    #[test]
    fn incomplete_until_every_page_seen() {
        let c = course(3, 80);
        let mut s = State::new(&c);
        s.goto(&c, 2);
        assert_eq!(s.completion(&c), Completion::Incomplete);
        assert_eq!(s.visited_count(), 2);
    }

    #[test]
    fn scoring_and_success() {
        let c = course(2, 80);
        let mut s = State::new(&c);
        assert_eq!(s.answer(&c, "single", choice(&["b"])), Ok(Some(true)));
        assert_eq!(s.success(&c), Success::Unknown);
        assert_eq!(s.answer(&c, "multi", choice(&["a"])), Ok(Some(false)));
        assert_eq!(s.score(&c), Some(Score { correct: 1, total: 2 }));
        assert_eq!(s.success(&c), Success::Failed);
        assert_eq!(s.answer(&c, "multi", choice(&["c", "a"])), Ok(Some(true)));
        assert_eq!(s.score(&c).unwrap().percent(), 100);
        assert_eq!(s.success(&c), Success::Passed);
    }

    #[test]
    fn mastery_boundary_is_inclusive() {
        let c = course(2, 50);
        let mut s = State::new(&c);
        s.answer(&c, "single", choice(&["b"])).unwrap();
        s.answer(&c, "multi", choice(&["b"])).unwrap();
        assert_eq!(s.success(&c), Success::Passed);
    }

    #[test]
    fn invalid_answers_are_refused_and_not_recorded() {
        let c = course(2, 80);
        let mut s = State::new(&c);
        assert_eq!(s.answer(&c, "nope", choice(&["a"])), Err(AnswerError::UnknownQuestion));
        assert_eq!(s.answer(&c, "single", choice(&["a", "b"])), Err(AnswerError::InvalidChoice));
        assert_eq!(s.answer(&c, "single", choice(&[])), Err(AnswerError::InvalidChoice));
        assert_eq!(s.answer(&c, "single", choice(&["z"])), Err(AnswerError::InvalidChoice));
        assert_eq!(s.answer(&c, "single", Answer::Text("x".into())), Err(AnswerError::WrongKind));
        assert!(s.answers.is_empty());
        assert_eq!(s.answer(&c, "tanke", Answer::Text("Jag tänker".into())), Ok(None));
    }
}
