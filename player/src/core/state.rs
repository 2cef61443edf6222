//! The learner's state and the rules that move it: navigation, answering,
//! scoring, attempts, the quiz and completion.
//!
//! [`State`] holds only what the learner did, keyed by ids; every derived
//! value (score, status, progress) is computed from it and the [`Course`], so
//! there is nothing to keep in sync and a restored state needs no fixing up.

use crate::model::{Course, Kind, Question, Rule};

/// A small map from ids to values, kept sorted by id.
///
/// The learner's state holds a few hundred entries at most, and the player
/// is shipped to every learner: a sorted `Vec` does the job in a fraction
/// of the code that `BTreeMap`'s generic node handling adds to the wasm
/// for each value type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdMap<V>(Vec<(String, V)>);

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap(Vec::new())
    }
}

impl<V> IdMap<V> {
    fn find(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(id))
    }

    /// The value for `id`.
    pub fn get(&self, id: &str) -> Option<&V> {
        self.find(id).ok().map(|i| &self.0[i].1)
    }

    /// Whether `id` has a value.
    pub fn contains_key(&self, id: &str) -> bool {
        self.find(id).is_ok()
    }

    /// Sets the value for `id`.
    pub fn insert(&mut self, id: String, value: V) {
        match self.find(&id) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (id, value)),
        }
    }

    /// Removes the value for `id`.
    pub fn remove(&mut self, id: &str) {
        if let Ok(i) = self.find(id) {
            self.0.remove(i);
        }
    }

    /// Entries in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V> IntoIterator for IdMap<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// What a learner has done in a course.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    /// Index of the page on screen.
    pub current: usize,
    /// Which pages have been shown, by page index.
    pub visited: Vec<bool>,
    /// Submitted answers, by question id.
    pub answers: IdMap<Answer>,
    /// How many times each question was submitted, by id.
    pub tries: IdMap<u32>,
    /// Quiz attempts finished and started over (0 on the first attempt).
    pub retries: u32,
    /// The best finished quiz attempt's score, as a percentage.
    pub best: Option<u8>,
}

/// A learner's answer to one question.
///
/// `Choice` holds option ids: the chosen ones (choice, true/false, scale),
/// the items in the learner's order (ordering), or for each left-hand item
/// in turn the right-hand item picked (matching).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Option ids, as above.
    Choice(Vec<String>),
    /// Free text: fill-in and reflection.
    Text(String),
}

/// Why an answer was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerError {
    /// No question has this id.
    UnknownQuestion,
    /// The answer is of the wrong kind for the question.
    WrongKind,
    /// Nothing (or something impossible) was chosen.
    InvalidChoice,
    /// Every try has been used.
    NoTriesLeft,
}

/// The learner's score on the scored questions, by weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    /// Weight of the questions answered right.
    pub correct: u32,
    /// Weight of all scored questions.
    pub total: u32,
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
    /// Every completion rule holds.
    Completed,
    /// Some rule does not hold yet.
    Incomplete,
}

/// Whether the learner passed the scored questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Success {
    /// All scored questions done, score at or above the mastery score.
    Passed,
    /// All scored questions done, score below the mastery score.
    Failed,
    /// Not every scored question is done yet, or there are none.
    Unknown,
}

impl State {
    /// A fresh start on the first page.
    pub fn new(course: &Course) -> State {
        let mut state = State { visited: vec![false; course.pages.len()], ..State::default() };
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

    /// Records an answer, counts the try, and returns whether it is right
    /// (`None` for ungraded questions).
    pub fn answer(
        &mut self,
        course: &Course,
        question: &str,
        answer: Answer,
    ) -> Result<Option<bool>, AnswerError> {
        let q = course.question(question).ok_or(AnswerError::UnknownQuestion)?;
        validate(q, &answer)?;
        if self.tries_left(q) == Some(0) {
            return Err(AnswerError::NoTriesLeft);
        }
        let verdict = q.graded().then(|| is_correct(q, &answer));
        self.answers.insert(question.to_owned(), answer);
        if q.attempts > 0 {
            let n = self.tries.get(question).copied().unwrap_or(0);
            self.tries.insert(question.to_owned(), n + 1);
        }
        Ok(verdict)
    }

    /// Puts back a saved answer without counting a try; false (and
    /// nothing changes) if it no longer fits the question.
    pub fn restore(&mut self, course: &Course, question: &str, answer: Answer) -> bool {
        let fits = course.question(question).is_some_and(|q| validate(q, &answer).is_ok());
        if fits {
            self.answers.insert(question.to_owned(), answer);
        }
        fits
    }

    /// Tries left for `q`; `None` when there is no limit.
    pub fn tries_left(&self, q: &Question) -> Option<u32> {
        (q.attempts > 0)
            .then(|| q.attempts.saturating_sub(self.tries.get(&q.id).copied().unwrap_or(0)))
    }

    /// Whether `q` is settled: answered right, or out of tries.
    pub fn done(&self, q: &Question) -> bool {
        match self.answers.get(&q.id) {
            None => false,
            Some(a) if q.graded() => {
                is_correct(q, a) || self.tries_left(q) == Some(0) || q.attempts == 0
            }
            Some(_) => true,
        }
    }

    /// The score of the current attempt over the scored questions (`None`
    /// if there are none).
    pub fn score(&self, course: &Course) -> Option<Score> {
        let mut score = Score { correct: 0, total: 0 };
        for q in course.scored() {
            score.total += q.weight;
            if self.answers.get(&q.id).is_some_and(|a| is_correct(q, a)) {
                score.correct += q.weight;
            }
        }
        (score.total > 0).then_some(score)
    }

    /// Whether every scored question of the current attempt is settled.
    fn attempt_finished(&self, course: &Course) -> bool {
        course.scored().all(|q| self.done(q))
    }

    /// The percentage that counts: the current attempt once finished, or
    /// the best finished attempt when the course says so.
    pub fn counted_percent(&self, course: &Course) -> Option<u8> {
        let current =
            self.score(course).filter(|_| self.attempt_finished(course)).map(Score::percent);
        match (current, self.best) {
            (Some(c), Some(b)) if course.quiz_best => Some(c.max(b)),
            (Some(c), _) => Some(c),
            (None, b) if course.quiz_best => b,
            (None, _) => None,
        }
    }

    /// Passed or failed once the scored questions are done.
    pub fn success(&self, course: &Course) -> Success {
        match self.counted_percent(course) {
            None => Success::Unknown,
            Some(p) if p >= course.mastery_score => Success::Passed,
            Some(_) => Success::Failed,
        }
    }

    /// Completed when every rule of the course holds.
    pub fn completion(&self, course: &Course) -> Completion {
        let holds = |rule: &Rule| match rule {
            Rule::Pages => self.visited_count() >= course.pages.len(),
            Rule::Questions => course
                .questions
                .iter()
                .filter(|q| q.required)
                .all(|q| self.answers.contains_key(&q.id)),
            Rule::Quiz => self.success(course) == Success::Passed || self.score(course).is_none(),
        };
        if course.completion.iter().all(holds) {
            Completion::Completed
        } else {
            Completion::Incomplete
        }
    }

    /// Whether the learner may start the quiz over: it is finished, not
    /// passed, and retries are left.
    pub fn can_retry(&self, course: &Course) -> bool {
        self.success(course) == Success::Failed
            && self.retries < course.quiz_retries
            && self.attempt_finished(course)
    }

    /// Starts the quiz over: keeps the finished attempt's score (for "best
    /// counts"), clears the scored answers and tries. Returns the page of
    /// the first scored question.
    pub fn retry(&mut self, course: &Course) -> Option<usize> {
        if !self.can_retry(course) {
            return None;
        }
        let percent = self.score(course).map(Score::percent);
        self.best = self.best.max(percent);
        self.retries += 1;
        let mut first = None;
        for q in course.scored() {
            self.answers.remove(&q.id);
            self.tries.remove(&q.id);
            first = first.or(Some(q.page));
        }
        first
    }

    /// What is left for completion, page by page: unread pages (`true`)
    /// when the course needs every page seen, and pages with questions that
    /// still need an answer (`false`) — required ones when the course needs
    /// every question answered, scored ones when it needs the quiz passed.
    pub fn todo(&self, course: &Course) -> Vec<(usize, bool)> {
        let rule = |r: Rule| course.completion.contains(&r);
        let scored: Vec<&str> = course.scored().map(|q| q.id.as_str()).collect();
        let needs_answer = |q: &Question| {
            !self.answers.contains_key(&q.id)
                && ((rule(Rule::Questions) && q.required)
                    || (rule(Rule::Quiz) && scored.contains(&q.id.as_str())))
        };
        let mut out = Vec::new();
        for (i, seen) in self.visited.iter().enumerate() {
            if !seen && rule(Rule::Pages) {
                out.push((i, true));
            } else if course.questions.iter().any(|q| q.page == i && needs_answer(q)) {
                out.push((i, false));
            }
        }
        out
    }

    /// Required questions answered, and how many there are.
    pub fn answered(&self, course: &Course) -> (usize, usize) {
        let required = course.questions.iter().filter(|q| q.required);
        let total = required.clone().count();
        (required.filter(|q| self.answers.contains_key(&q.id)).count(), total)
    }

    /// Pages seen so far.
    pub fn visited_count(&self) -> usize {
        self.visited.iter().filter(|v| **v).count()
    }
}

/// Whether `answer` has the right shape for `q`.
fn validate(q: &Question, answer: &Answer) -> Result<(), AnswerError> {
    fn known<'a>(id: &str, mut ids: impl Iterator<Item = &'a str>) -> bool {
        ids.any(|o| o == id)
    }
    match (q.kind, answer) {
        (Kind::Choice | Kind::TrueFalse | Kind::Scale, Answer::Choice(chosen)) => {
            let single = !(q.kind == Kind::Choice && q.multiple);
            let too_many = single && chosen.len() > 1;
            let ok = !(chosen.is_empty() || too_many)
                && chosen.iter().all(|c| known(c, q.options.iter().map(|o| o.id.as_str())));
            ok.then_some(()).ok_or(AnswerError::InvalidChoice)
        }
        (Kind::Ordering, Answer::Choice(order)) => {
            // Every item exactly once.
            let ok = order.len() == q.options.len()
                && q.options.iter().all(|o| order.iter().filter(|x| **x == o.id).count() == 1);
            ok.then_some(()).ok_or(AnswerError::InvalidChoice)
        }
        (Kind::Matching, Answer::Choice(picks)) => {
            let ok = picks.len() == q.options.len()
                && picks.iter().all(|p| known(p, q.options.iter().map(|o| o.matches.as_str())));
            ok.then_some(()).ok_or(AnswerError::InvalidChoice)
        }
        (Kind::FillIn | Kind::Reflection, Answer::Text(_)) => Ok(()),
        _ => Err(AnswerError::WrongKind),
    }
}

/// Whether `answer` is the right answer to `question`.
pub fn is_correct(question: &Question, answer: &Answer) -> bool {
    let options = &question.options;
    match (question.kind, answer) {
        (Kind::Choice | Kind::TrueFalse, Answer::Choice(chosen)) => {
            options.iter().all(|o| o.correct == chosen.iter().any(|c| c == &o.id))
        }
        (Kind::Ordering, Answer::Choice(order)) => {
            order.len() == options.len() && order.iter().zip(options).all(|(a, o)| *a == o.id)
        }
        (Kind::Matching, Answer::Choice(picks)) => {
            picks.len() == options.len() && picks.iter().zip(options).all(|(p, o)| *p == o.matches)
        }
        (Kind::FillIn, Answer::Text(text)) => {
            let given = normalize(text, question.exact);
            question.accepted.iter().any(|a| normalize(a, question.exact) == given)
        }
        _ => false,
    }
}

/// Fill-in answers compare without regard to case and spacing, unless the
/// author asked for an exact match.
fn normalize(text: &str, exact: bool) -> String {
    if exact {
        return text.to_owned();
    }
    let folded: String = text.chars().map(fold_case).collect();
    folded.split_whitespace().map(str::to_owned).collect::<Vec<String>>().join(" ")
}

/// Lower case for the letters Swedish and English answers use. (Full
/// Unicode case tables would cost the player more than the rest of its
/// text handling together.)
fn fold_case(c: char) -> char {
    match c {
        'Å' => 'å',
        'Ä' => 'ä',
        'Ö' => 'ö',
        'É' => 'é',
        'Ü' => 'ü',
        c => c.to_ascii_lowercase(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{ChoiceOption, Language, Page, Status12};

    pub(crate) fn question(id: &str, page: usize, kind: Kind) -> Question {
        Question {
            id: id.into(),
            page,
            kind,
            text: format!("{id}?"),
            multiple: false,
            options: Vec::new(),
            accepted: Vec::new(),
            exact: false,
            attempts: 0,
            show_answer: false,
            weight: 1,
            quiz: false,
            required: true,
        }
    }

    pub(crate) fn options(ids: &[&str], correct: &[&str]) -> Vec<ChoiceOption> {
        ids.iter()
            .map(|id| ChoiceOption {
                id: id.to_string(),
                correct: correct.contains(id),
                matches: String::new(),
            })
            .collect()
    }

    pub(crate) fn course(pages: usize, mastery: u8) -> Course {
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
                    options: options(&["a", "b", "c"], &["b"]),
                    ..question("single", 0, Kind::Choice)
                },
                Question {
                    multiple: true,
                    options: options(&["a", "b", "c"], &["a", "c"]),
                    ..question("multi", 1, Kind::Choice)
                },
                Question { required: false, ..question("tanke", 1, Kind::Reflection) },
            ],
            completion: vec![Rule::Pages],
            status12: Status12::PassedFailed,
            quiz_retries: u32::MAX,
            quiz_best: true,
            calculators: Vec::new(),
            texts: Default::default(),
        }
    }

    pub(crate) fn choice(ids: &[&str]) -> Answer {
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
    fn mastery_boundary_is_inclusive_and_weights_count() {
        let mut c = course(2, 50);
        let mut s = State::new(&c);
        s.answer(&c, "single", choice(&["b"])).unwrap();
        s.answer(&c, "multi", choice(&["b"])).unwrap();
        assert_eq!(s.success(&c), Success::Passed);
        c.questions[1].weight = 3;
        assert_eq!(s.score(&c), Some(Score { correct: 1, total: 4 }));
        assert_eq!(s.success(&c), Success::Failed);
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

    #[test]
    fn every_kind_is_marked() {
        let tf = Question {
            options: options(&["t", "f"], &["f"]),
            ..question("tf", 0, Kind::TrueFalse)
        };
        assert!(is_correct(&tf, &choice(&["f"])) && !is_correct(&tf, &choice(&["t"])));
        let fill = Question {
            accepted: vec!["sex veckor".into(), "6 veckor".into()],
            ..question("fill", 0, Kind::FillIn)
        };
        assert!(is_correct(&fill, &Answer::Text("  Sex   VECKOR ".into())));
        assert!(!is_correct(&fill, &Answer::Text("fyra månader".into())));
        let exact = Question { exact: true, ..fill.clone() };
        assert!(!is_correct(&exact, &Answer::Text("Sex veckor".into())));
        let order = Question {
            options: options(&["a", "b", "c"], &[]),
            ..question("o", 0, Kind::Ordering)
        };
        assert!(
            is_correct(&order, &choice(&["a", "b", "c"]))
                && !is_correct(&order, &choice(&["b", "a", "c"]))
        );
        let mut pairs = options(&["a", "b"], &[]);
        pairs[0].matches = "2".into();
        pairs[1].matches = "1".into();
        let matching = Question { options: pairs, ..question("m", 0, Kind::Matching) };
        assert!(
            is_correct(&matching, &choice(&["2", "1"]))
                && !is_correct(&matching, &choice(&["1", "2"]))
        );
        let scale = Question {
            options: options(&["a", "b", "c", "d", "e"], &[]),
            ..question("s", 0, Kind::Scale)
        };
        assert!(!scale.graded());
    }

    #[test]
    fn shapes_are_checked_per_kind() {
        let mut c = course(1, 80);
        c.questions = vec![
            Question {
                options: options(&["a", "b", "c"], &[]),
                ..question("o", 0, Kind::Ordering)
            },
            Question {
                options: options(&["t", "f"], &["t"]),
                ..question("tf", 0, Kind::TrueFalse)
            },
        ];
        c.questions[0]
            .options
            .iter_mut()
            .zip(["1", "2", "3"])
            .for_each(|(o, m)| o.matches = m.into());
        let mut s = State::new(&c);
        assert_eq!(s.answer(&c, "o", choice(&["a", "b"])), Err(AnswerError::InvalidChoice));
        assert_eq!(s.answer(&c, "o", choice(&["a", "a", "b"])), Err(AnswerError::InvalidChoice));
        assert_eq!(s.answer(&c, "o", choice(&["c", "a", "b"])), Ok(Some(false)));
        assert_eq!(s.answer(&c, "tf", choice(&["t", "f"])), Err(AnswerError::InvalidChoice));
    }

    #[test]
    fn tries_run_out() {
        let mut c = course(2, 80);
        c.questions[0].attempts = 2;
        let mut s = State::new(&c);
        assert_eq!(s.answer(&c, "single", choice(&["a"])), Ok(Some(false)));
        assert!(!s.done(&c.questions[0]));
        assert_eq!(s.answer(&c, "single", choice(&["c"])), Ok(Some(false)));
        assert!(s.done(&c.questions[0]));
        assert_eq!(s.answer(&c, "single", choice(&["b"])), Err(AnswerError::NoTriesLeft));
    }

    #[test]
    fn what_is_left_to_do() {
        let mut c = course(3, 80);
        c.completion = vec![Rule::Pages, Rule::Questions];
        let mut s = State::new(&c);
        s.goto(&c, 1);
        assert_eq!(s.todo(&c), vec![(0, false), (1, false), (2, true)]);
        s.answer(&c, "single", choice(&["a"])).unwrap();
        s.answer(&c, "multi", choice(&["a"])).unwrap();
        assert_eq!(s.todo(&c), vec![(2, true)], "the optional reflection is not needed");
        assert_eq!(s.answered(&c), (2, 2));
        c.completion = vec![Rule::Pages];
        let fresh = State::new(&c);
        assert_eq!(fresh.todo(&c), vec![(1, true), (2, true)], "questions are not needed");
    }

    #[test]
    fn completion_rules_combine() {
        let mut c = course(2, 80);
        c.completion = vec![Rule::Pages, Rule::Questions];
        let mut s = State::new(&c);
        s.next(&c);
        assert_eq!(s.completion(&c), Completion::Incomplete, "questions unanswered");
        s.answer(&c, "single", choice(&["a"])).unwrap();
        s.answer(&c, "multi", choice(&["a"])).unwrap();
        assert_eq!(
            s.completion(&c),
            Completion::Completed,
            "the optional reflection is not needed"
        );
        c.completion = vec![Rule::Quiz];
        assert_eq!(s.completion(&c), Completion::Incomplete, "failed");
        s.answer(&c, "single", choice(&["b"])).unwrap();
        s.answer(&c, "multi", choice(&["a", "c"])).unwrap();
        assert_eq!(s.completion(&c), Completion::Completed, "passed");
    }

    #[test]
    fn a_quiz_section_scores_alone_and_can_be_retried() {
        let mut c = course(3, 100);
        c.questions.push(Question {
            options: options(&["a", "b"], &["a"]),
            quiz: true,
            ..question("quiz1", 2, Kind::Choice)
        });
        let mut s = State::new(&c);
        s.answer(&c, "single", choice(&["a"])).unwrap(); // not in the quiz: does not count
        assert!(!s.can_retry(&c));
        s.answer(&c, "quiz1", choice(&["b"])).unwrap();
        assert_eq!(s.success(&c), Success::Failed);
        assert!(s.can_retry(&c));
        assert_eq!(s.retry(&c), Some(2));
        assert_eq!((s.retries, s.best), (1, Some(0)));
        assert!(!s.answers.contains_key("quiz1") && s.answers.contains_key("single"));
        assert_eq!(s.success(&c), Success::Failed, "best so far still counts");
        s.answer(&c, "quiz1", choice(&["a"])).unwrap();
        assert_eq!(s.success(&c), Success::Passed);
        assert!(!s.can_retry(&c));

        // Latest counts, and retries run out.
        c.quiz_best = false;
        c.quiz_retries = 1;
        let mut s = State::new(&c);
        s.answer(&c, "quiz1", choice(&["a"])).unwrap();
        s.answer(&c, "quiz1", choice(&["b"])).unwrap();
        assert_eq!(s.success(&c), Success::Failed);
        s.retry(&c);
        assert_eq!(s.success(&c), Success::Unknown, "a new attempt has no score yet");
        s.answer(&c, "quiz1", choice(&["b"])).unwrap();
        assert!(!s.can_retry(&c), "no retries left");
    }
}
