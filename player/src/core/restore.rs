//! Where a learner picks up: the LMS's saved state and this browser's copy,
//! weighed against each other.
//!
//! The local copy exists because an LMS can lose things: SCORM 1.2 keeps
//! only 4,096 characters of suspend data (long reflections are left out of
//! it), some LMSs cut a longer value instead of refusing it, and commits
//! fail. It is dangerous for the same reason it is useful: on a shared
//! computer one browser profile serves many learners. So the web layer keys
//! the copy by the LMS's learner id (and reads none when the LMS gives no
//! id), and the rules here only ever combine two copies *of the same
//! learner*:
//!
//! - the LMS's state is preferred when both exist;
//! - a copy whose text the LMS cut short never wins over the whole text: if
//!   the LMS's suspend data is the beginning of the local copy, the LMS
//!   truncated it and the local copy is taken; an answer text that the
//!   local copy holds in full is taken from there;
//! - answers only the local copy has (free text that did not fit SCORM 1.2,
//!   commits that never arrived) are added;
//! - without any LMS state, the local copy stands in unless it is of a
//!   finished course (then this is a new attempt).

use crate::core::state::{Answer, State};
use crate::core::{cmi, suspend};
use crate::model::Course;

/// What the LMS holds for this learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LmsCopy<'a> {
    /// There is no LMS: this browser's copy is the record.
    Absent,
    /// The LMS has nothing (a first attempt, or commits that never arrived).
    Empty,
    /// Only a bookmark (the page id).
    Location(&'a str),
    /// Suspend data.
    Data(&'a str),
}

/// The state to start from. `local` is this browser's copy for the same
/// learner (the web layer never passes another learner's).
pub fn restore(course: &Course, lms: LmsCopy<'_>, local: Option<&str>) -> State {
    let local_state = local.map(|d| suspend::decode(course, d));
    let mut state = match lms {
        LmsCopy::Absent => return local_state.unwrap_or_else(|| State::new(course)),
        LmsCopy::Empty => {
            return match local_state {
                Some(s) if !cmi::finished(course, &s) => s,
                _ => State::new(course),
            };
        }
        LmsCopy::Location(id) => {
            let mut state = State::new(course);
            if let Some(i) = course.page_index(id) {
                state.goto(course, i);
            }
            state
        }
        LmsCopy::Data(data) => {
            // The LMS kept only the beginning of what it was sent.
            if let (Some(raw), Some(s)) = (local, &local_state)
                && raw.len() > data.len()
                && raw.starts_with(data)
            {
                return s.clone();
            }
            suspend::decode(course, data)
        }
    };
    let Some(local_state) = local_state else { return state };
    for (id, answer) in local_state.answers {
        let keep_local = match (state.answers.get(&id), &answer) {
            (None, _) => true,
            (Some(Answer::Text(lms)), Answer::Text(full)) => {
                full.len() > lms.len() && full.starts_with(lms.as_str())
            }
            _ => false,
        };
        if keep_local {
            state.restore(course, &id, answer);
        }
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::cmi::Version;
    use crate::core::state::tests::{choice, course};

    fn text(s: &State, id: &str) -> Option<String> {
        match s.answers.get(id) {
            Some(Answer::Text(t)) => Some(t.clone()),
            _ => None,
        }
    }

    #[test]
    fn a_truncated_lms_copy_never_overwrites_the_whole_text() {
        let c = course(3, 80);
        let mut s = State::new(&c);
        s.goto(&c, 1);
        let long: String = "Mitt ärende. ".repeat(385) + "Slutet.";
        assert!(long.chars().count() > 5000);
        s.answer(&c, "tanke", Answer::Text(long.clone())).unwrap();
        let local = suspend::encode(&c, &s, Version::Scorm2004);
        // An LMS that cuts suspend data at 4,096 characters.
        let cut: String = local.chars().take(4096).collect();
        let back = restore(&c, LmsCopy::Data(&cut), Some(&local));
        assert_eq!(text(&back, "tanke").as_deref(), Some(long.as_str()));
        assert_eq!(back, s);
    }

    #[test]
    fn a_shortened_answer_text_is_taken_whole_from_the_local_copy() {
        let c = course(3, 80);
        let mut full = State::new(&c);
        full.answer(&c, "tanke", Answer::Text("Början och slutet".into())).unwrap();
        let mut lms = full.clone();
        lms.answer(&c, "tanke", Answer::Text("Början".into())).unwrap();
        lms.answer(&c, "single", choice(&["b"])).unwrap();
        let local = suspend::encode(&c, &full, Version::Scorm2004);
        let data = suspend::encode(&c, &lms, Version::Scorm2004);
        let back = restore(&c, LmsCopy::Data(&data), Some(&local));
        assert_eq!(text(&back, "tanke").as_deref(), Some("Början och slutet"));
        assert_eq!(back.answers.get("single"), Some(&choice(&["b"])));
    }

    #[test]
    fn the_lms_wins_when_the_texts_differ() {
        let c = course(3, 80);
        let mut a = State::new(&c);
        a.answer(&c, "tanke", Answer::Text("Skrivet här för länge sedan".into())).unwrap();
        let mut b = State::new(&c);
        b.answer(&c, "tanke", Answer::Text("Nytt".into())).unwrap();
        let local = suspend::encode(&c, &a, Version::Scorm2004);
        let data = suspend::encode(&c, &b, Version::Scorm2004);
        let back = restore(&c, LmsCopy::Data(&data), Some(&local));
        assert_eq!(text(&back, "tanke").as_deref(), Some("Nytt"));
    }

    #[test]
    fn text_the_lms_could_not_keep_comes_from_the_local_copy() {
        let c = course(3, 80);
        let mut s = State::new(&c);
        s.answer(&c, "tanke", Answer::Text("x".repeat(5000))).unwrap();
        s.answer(&c, "single", choice(&["a"])).unwrap();
        let data = suspend::encode(&c, &s, Version::Scorm12);
        let local = suspend::encode(&c, &s, Version::Scorm2004);
        assert_eq!(restore(&c, LmsCopy::Data(&data), Some(&local)), s);
    }

    #[test]
    fn without_lms_state_the_local_copy_stands_in_unless_finished() {
        let c = course(2, 80);
        let mut s = State::new(&c);
        s.goto(&c, 1);
        let local = suspend::encode(&c, &s, Version::Scorm2004);
        assert_eq!(restore(&c, LmsCopy::Empty, Some(&local)).current, 1);
        assert_eq!(restore(&c, LmsCopy::Absent, Some(&local)).current, 1);
        assert_eq!(restore(&c, LmsCopy::Empty, None), State::new(&c));
        // Every page seen and the quiz passed: its copy starts a new attempt.
        let mut done = State::new(&c);
        done.goto(&c, 1);
        done.answer(&c, "single", choice(&["b"])).unwrap();
        done.answer(&c, "multi", choice(&["a", "c"])).unwrap();
        assert!(cmi::finished(&c, &done));
        let local = suspend::encode(&c, &done, Version::Scorm2004);
        assert_eq!(restore(&c, LmsCopy::Empty, Some(&local)), State::new(&c));
        assert_eq!(restore(&c, LmsCopy::Absent, Some(&local)), done);
    }

    #[test]
    fn a_bookmark_alone_opens_its_page() {
        let c = course(3, 80);
        let id = c.pages[2].id.clone();
        assert_eq!(restore(&c, LmsCopy::Location(&id), None).current, 2);
    }
}
