//! The suspend-data encoding: what a learner did, in few characters.
//!
//! SCORM 1.2 LMSs keep only 4,096 characters of `cmi.suspend_data`, so the
//! state is stored compactly: every page and question is referred to by a
//! four-character key derived from its id (never from its position), so a
//! state saved against one build of a course loads against the next: answers
//! to questions that still exist are kept, the rest are dropped.
//!
//! Format, version 1 (fields separated by `~`; the last two may be
//! missing):
//!
//! ```text
//! 1~<current page key>~<visited page keys, concatenated>~<answers>~<tries>~<retries>.<best>
//! ```
//!
//! `<tries>` is a `,`-separated list of `<question key><count>` for
//! questions with limited tries; `<retries>.<best>` are the quiz attempts
//! started over and the best finished attempt's percentage (empty if none).
//!
//! `<answers>` is a `,`-separated list of `<question key><kind><payload>`,
//! where kind `c` carries option ids joined by `.` and kind `t` carries
//! free text with `%`, `,` and `~` percent-escaped. Free text is left out
//! when it would push the state over the version's limit.

use crate::core::cmi::Version;
use crate::core::state::{Answer, State};
use crate::model::Course;

const VERSION: &str = "1";
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The four-character key of an id: 24 bits of its FNV-1a hash.
///
/// The packager refuses courses in which two pages, or two questions, share
/// a key, so within one build a key names exactly one thing.
pub fn key(id: &str) -> String {
    let h = crate::core::text::fnv1a(id.as_bytes());
    (0..4).map(|i| ALPHABET[(h >> (6 * i) & 63) as usize] as char).collect()
}

/// Encodes `state` for `version`, within that version's limit.
pub fn encode(course: &Course, state: &State, version: Version) -> String {
    let full = encode_with(course, state, true);
    if full.chars().count() <= version.suspend_data_limit() {
        full
    } else {
        encode_with(course, state, false)
    }
}

fn encode_with(course: &Course, state: &State, with_text: bool) -> String {
    let mut out = String::from(VERSION);
    out.push('~');
    if let Some(page) = course.pages.get(state.current) {
        out.push_str(&key(&page.id));
    }
    out.push('~');
    for (page, _) in course.pages.iter().zip(&state.visited).filter(|(_, v)| **v) {
        out.push_str(&key(&page.id));
    }
    out.push('~');
    let mut first = true;
    for q in &course.questions {
        let Some(answer) = state.answers.get(&q.id) else { continue };
        let payload = match answer {
            Answer::Choice(ids) => format!("c{}", ids.join(".")),
            Answer::Text(text) if with_text => format!("t{}", escape(text)),
            Answer::Text(_) => continue,
        };
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(&key(&q.id));
        out.push_str(&payload);
    }
    let tries: Vec<String> = state.tries.iter().map(|(id, n)| format!("{}{n}", key(id))).collect();
    let best = state.best.map(|b| b.to_string()).unwrap_or_default();
    if !tries.is_empty() || state.retries > 0 || state.best.is_some() {
        out.push_str(&format!("~{}~{}.{best}", tries.join(","), state.retries));
    }
    out
}

/// The longest suspend data `course` can need in SCORM 1.2's terms: every
/// page seen and every question answered with the most options (free text
/// left out, as [`encode`] leaves it out first). The packager warns an
/// author whose course comes near the 4,096 characters a 1.2 LMS keeps.
pub fn largest(course: &Course) -> usize {
    use crate::model::Kind;
    let mut state = State::new(course);
    state.visited.iter_mut().for_each(|v| *v = true);
    for q in &course.questions {
        let ids: Vec<String> = match q.kind {
            Kind::Matching => q.options.iter().map(|o| o.matches.clone()).collect(),
            Kind::Scale | Kind::TrueFalse => {
                q.options.iter().take(1).map(|o| o.id.clone()).collect()
            }
            Kind::Choice if !q.multiple => q.options.iter().take(1).map(|o| o.id.clone()).collect(),
            Kind::FillIn | Kind::Reflection => continue,
            _ => q.options.iter().map(|o| o.id.clone()).collect(),
        };
        state.answers.insert(q.id.clone(), Answer::Choice(ids));
        if q.attempts > 0 {
            state.tries.insert(q.id.clone(), q.attempts);
        }
    }
    state.retries = course.quiz_retries.min(999);
    state.best = Some(100);
    encode_with(course, &state, false).chars().count()
}

/// Decodes saved state against `course`. Never fails: anything that does
/// not fit the course (or is not suspend data at all) is dropped.
pub fn decode(course: &Course, data: &str) -> State {
    let mut fields = data.split('~');
    if fields.next() != Some(VERSION) {
        return State::new(course);
    }
    let mut state = State { visited: vec![false; course.pages.len()], ..State::default() };
    // Linear lookups: courses are small, and the player's code size counts.
    let page_keys: Vec<String> = course.pages.iter().map(|p| key(&p.id)).collect();
    let page = |k: &str| page_keys.iter().position(|p| p == k);
    let current = fields.next().unwrap_or("");
    // Visited pages were written in the order of the build that saved them,
    // current page included: if that page is gone, the nearest visited page
    // before it (or else after it) that still exists is the bookmark.
    let visited: Vec<&str> = chunks(fields.next().unwrap_or("")).collect();
    for k in &visited {
        if let Some(i) = page(k) {
            state.visited[i] = true;
        }
    }
    let question_keys: Vec<String> = course.questions.iter().map(|q| key(&q.id)).collect();
    for entry in fields.next().unwrap_or("").split(',') {
        let (Some(k), Some(kind)) = (entry.get(..4), entry.get(4..5)) else { continue };
        let Some(q) = question_keys.iter().position(|x| x == k) else { continue };
        let id = course.questions[q].id.as_str();
        let payload = entry.get(5..).unwrap_or_default();
        let answer = match kind {
            "c" => Answer::Choice(payload.split('.').map(str::to_owned).collect()),
            "t" => Answer::Text(unescape(payload)),
            _ => continue,
        };
        // Re-check against the current build: a changed question may no
        // longer accept the old answer.
        state.restore(course, id, answer);
    }
    for entry in fields.next().unwrap_or("").split(',') {
        let (Some(k), Some(n)) = (entry.get(..4), entry.get(4..).and_then(|n| n.parse().ok()))
        else {
            continue;
        };
        // A count beyond the question's tries is not believed: it can
        // only come from a foreign or tampered copy.
        if let Some(q) = question_keys.iter().position(|x| x == k)
            && n <= course.questions[q].attempts
        {
            state.tries.insert(course.questions[q].id.clone(), n);
        }
    }
    if let Some((retries, best)) = fields.next().and_then(|f| f.split_once('.')) {
        state.retries = retries.parse().unwrap_or(0).min(course.quiz_retries);
        // A percentage; anything above 100 is not a score.
        state.best = best.parse().ok().filter(|b| *b <= 100);
    }
    let at = visited.iter().position(|k| *k == current).unwrap_or(visited.len());
    let bookmark = page(current)
        .or_else(|| visited.get(..at).unwrap_or(&[]).iter().rev().find_map(|k| page(k)))
        .or_else(|| visited.get(at..).unwrap_or(&[]).iter().find_map(|k| page(k)))
        .unwrap_or(0);
    state.goto(course, bookmark);
    state
}

fn chunks(s: &str) -> impl Iterator<Item = &str> {
    (0..s.len() / 4).filter_map(move |i| s.get(i * 4..i * 4 + 4))
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            ',' => out.push_str("%2C"),
            '~' => out.push_str("%7E"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    crate::core::text::unescape(text, &[("2C", ','), ("7E", '~'), ("25", '%')])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::state::tests::{choice, course};

    #[test]
    fn keys_are_four_url_safe_chars() {
        let k = key("sex-veckor");
        assert_eq!(k.len(), 4);
        assert!(k.bytes().all(|b| ALPHABET.contains(&b)));
        assert_ne!(key("a"), key("b"));
    }

    #[test]
    fn round_trip() {
        let c = course(4, 80);
        let mut s = State::new(&c);
        s.goto(&c, 2);
        s.answer(&c, "multi", Answer::Choice(vec!["a".into(), "c".into()])).unwrap();
        s.answer(&c, "tanke", Answer::Text("Hej, 100% ~ klart\nny rad".into())).unwrap();
        let data = encode(&c, &s, Version::Scorm2004);
        assert_eq!(decode(&c, &data), s);
        s.goto(&c, 1);
        assert_eq!(decode(&c, &encode(&c, &s, Version::Scorm12)), s);
    }

    #[test]
    fn text_is_dropped_before_the_limit_is_passed() {
        let c = course(2, 80);
        let mut s = State::new(&c);
        s.answer(&c, "tanke", Answer::Text("x".repeat(5000))).unwrap();
        s.answer(&c, "single", Answer::Choice(vec!["b".into()])).unwrap();
        let data = encode(&c, &s, Version::Scorm12);
        assert!(data.len() <= 4096);
        let back = decode(&c, &data);
        assert_eq!(back.answers.get("single"), s.answers.get("single"));
        assert!(!back.answers.contains_key("tanke"));
        assert!(encode(&c, &s, Version::Scorm2004).len() > 5000);
    }

    #[test]
    fn tries_and_quiz_attempts_survive() {
        let mut c = course(2, 80);
        c.questions[0].attempts = 3;
        let mut s = State::new(&c);
        s.answer(&c, "single", choice(&["a"])).unwrap();
        s.answer(&c, "single", choice(&["c"])).unwrap();
        s.retries = 2;
        s.best = Some(40);
        let data = encode(&c, &s, Version::Scorm12);
        let back = decode(&c, &data);
        assert_eq!(back, s);
        assert_eq!(back.tries.get("single"), Some(&2));
    }

    #[test]
    fn the_largest_state_is_at_least_any_real_one() {
        let c = course(4, 80);
        let mut s = State::new(&c);
        for i in 0..4 {
            s.goto(&c, i);
        }
        s.answer(&c, "single", choice(&["b"])).unwrap();
        s.answer(&c, "multi", choice(&["a", "b", "c"])).unwrap();
        let real = encode(&c, &s, Version::Scorm12).chars().count();
        assert!(largest(&c) >= real, "{} < {real}", largest(&c));
    }

    #[test]
    fn impossible_counts_are_not_believed() {
        let mut c = course(2, 80);
        c.questions[0].attempts = 2;
        c.quiz_retries = 1;
        let k = key("single");
        let s = decode(&c, &format!("1~~~~{k}9~7.255"));
        assert_eq!(s.tries.get("single"), None, "9 tries of 2");
        assert_eq!(s.retries, 1, "7 retries of 1");
        assert_eq!(s.best, None, "a score of 255 %");
        let s = decode(&c, &format!("1~~~~{k}2~1.100"));
        assert_eq!((s.tries.get("single"), s.retries, s.best), (Some(&2), 1, Some(100)));
    }

    #[test]
    fn garbage_and_foreign_state_give_a_fresh_start() {
        let c = course(3, 80);
        for junk in ["", "2~x", "1", "1~~~", "1~ÅÄÖ~åäö~,,,", "1~AAAA~BBBBCC~ZZZZc"] {
            let s = decode(&c, junk);
            assert_eq!(s.current, 0, "{junk}");
            assert!(s.answers.is_empty());
        }
    }

    #[test]
    fn state_from_another_build_keeps_what_still_exists() {
        let old = course(4, 80);
        let mut s = State::new(&old);
        s.goto(&old, 2);
        s.goto(&old, 3);
        s.answer(&old, "single", Answer::Choice(vec!["b".into()])).unwrap();
        s.answer(&old, "multi", Answer::Choice(vec!["c".into()])).unwrap();
        let data = encode(&old, &s, Version::Scorm12);

        let mut new = course(4, 80);
        new.pages.remove(3); // the bookmarked page is gone
        new.questions.retain(|q| q.id != "multi");
        let back = decode(&new, &data);
        // The bookmarked page is gone: the nearest visited page before it.
        assert_eq!(back.current, 2);
        assert!(back.answers.contains_key("single"));
        assert!(!back.answers.contains_key("multi"));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use crate::core::state::tests::{options, question};
    use crate::model::{Kind, Language, Page, Question, Rule, Status12};
    use proptest::prelude::*;

    /// A course of `pages` pages and `questions` questions, alternating
    /// single choice, multiple choice and reflection.
    pub(crate) fn synthetic(pages: usize, questions: usize) -> Course {
        Course {
            id: "synthetic".into(),
            title: "Synthetic".into(),
            language: Language::En,
            version: "1".into(),
            mastery_score: 80,
            pages: (0..pages)
                .map(|i| Page { id: format!("page-number-{i}"), title: format!("Page {i}") })
                .collect(),
            questions: (0..questions)
                .map(|i| {
                    let kind = if i % 3 == 2 { Kind::Reflection } else { Kind::Choice };
                    let right: Vec<&str> = ["a", "b", "c", "d"]
                        .into_iter()
                        .enumerate()
                        .filter(|(j, _)| *j == i % 4 || (i % 3 == 1 && *j == (i + 1) % 4))
                        .map(|(_, id)| id)
                        .collect();
                    Question {
                        multiple: i % 3 == 1,
                        options: if kind == Kind::Choice {
                            options(&["a", "b", "c", "d"], &right)
                        } else {
                            Vec::new()
                        },
                        attempts: if i % 5 == 0 { 3 } else { 0 },
                        ..question(&format!("question-number-{i}"), i % pages.max(1), kind)
                    }
                })
                .collect(),
            completion: vec![Rule::Pages],
            status12: Status12::PassedFailed,
            quiz_retries: 2,
            quiz_best: true,
            calculators: Vec::new(),
            texts: Default::default(),
        }
    }

    fn answer_everything(course: &Course) -> State {
        let mut s = State::new(course);
        for i in 0..course.pages.len() {
            s.goto(course, i);
        }
        for q in &course.questions {
            let answer = match q.kind {
                Kind::Choice if q.multiple => Answer::Choice(vec!["a".into(), "d".into()]),
                Kind::Choice => Answer::Choice(vec!["c".into()]),
                _ => Answer::Text("Mina tankar om detta, rätt långa. ".repeat(40)),
            };
            s.answer(course, &q.id, answer).unwrap();
        }
        s
    }

    #[test]
    fn a_300_page_200_question_course_fits_scorm12() {
        let course = synthetic(300, 200);
        let s = answer_everything(&course);
        let data = encode(&course, &s, Version::Scorm12);
        assert!(data.chars().count() <= 4096, "{} characters", data.chars().count());
        // Everything but the free text survives.
        let back = decode(&course, &data);
        assert_eq!(back.visited, s.visited);
        assert_eq!(back.current, s.current);
        for q in course.questions.iter().filter(|q| q.kind == Kind::Choice) {
            assert_eq!(back.answers.get(&q.id), s.answers.get(&q.id));
        }
        println!("suspend data for 300 pages, 200 questions: {} characters", data.len());
    }

    proptest! {
        #[test]
        fn decoding_anything_never_panics(data in ".{0,300}", tail in "[A-Za-z0-9_~.,%-]{0,200}") {
            let course = synthetic(5, 6);
            let _ = decode(&course, &data);
            let s = decode(&course, &format!("1~{tail}"));
            prop_assert!(s.current < course.pages.len());
        }

        /// Whatever the saved text says, what is believed stays in range:
        /// no more tries used than a question has, no more quiz retries
        /// than the course allows, no score above 100 %.
        #[test]
        fn decoded_counts_stay_in_range(
            tries in proptest::collection::vec((0usize..6, 0u64..100_000), 0..6),
            retries in 0u64..100_000,
            best in 0u64..100_000,
        ) {
            let mut course = synthetic(5, 6);
            course.quiz_retries = 2;
            for (i, q) in course.questions.iter_mut().enumerate() {
                q.attempts = (i % 3) as u32;
            }
            let tries: Vec<String> =
                tries.iter().map(|(q, n)| format!("{}{n}", key(&course.questions[*q].id))).collect();
            let s = decode(&course, &format!("1~~~~{}~{retries}.{best}", tries.join(",")));
            for q in &course.questions {
                prop_assert!(s.tries.get(&q.id).copied().unwrap_or(0) <= q.attempts);
            }
            prop_assert!(s.retries <= course.quiz_retries);
            prop_assert!(s.best.is_none_or(|b| b <= 100));
        }

        #[test]
        fn encode_then_decode_is_identity(
            visits in proptest::collection::vec(0usize..12, 1..20),
            picks in proptest::collection::vec((0usize..9, 0usize..4, 0usize..4), 0..12),
            text in "\\PC{0,80}",
        ) {
            let course = synthetic(12, 9);
            let mut s = State::new(&course);
            for v in visits { s.goto(&course, v); }
            for (q, a, b) in picks {
                let question = &course.questions[q];
                let ids = ["a", "b", "c", "d"];
                let answer = match question.kind {
                    Kind::Choice if question.multiple && a != b => {
                        Answer::Choice(vec![ids[a.min(b)].into(), ids[a.max(b)].into()])
                    }
                    Kind::Choice => Answer::Choice(vec![ids[a].into()]),
                    _ => Answer::Text(text.clone()),
                };
                let _ = s.answer(&course, &question.id, answer);
            }
            for version in [Version::Scorm12, Version::Scorm2004] {
                prop_assert_eq!(decode(&course, &encode(&course, &s, version)), s.clone());
            }
        }
    }
}
