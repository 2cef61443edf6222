//! The suspend-data encoding: what a learner did, in few characters.
//!
//! SCORM 1.2 LMSs keep only 4,096 characters of `cmi.suspend_data`, so the
//! state is stored compactly: every page and question is referred to by a
//! four-character key derived from its id (never from its position), so a
//! state saved against one build of a course loads against the next: answers
//! to questions that still exist are kept, the rest are dropped.
//!
//! Format, version 1 (fields separated by `~`):
//!
//! ```text
//! 1~<current page key>~<visited page keys, concatenated>~<answers>
//! ```
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
    let mut h: u32 = 0x811c_9dc5;
    for b in id.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
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
    out
}

/// Decodes saved state against `course`. Never fails: anything that does
/// not fit the course (or is not suspend data at all) is dropped.
pub fn decode(course: &Course, data: &str) -> State {
    let mut state = State::new(course);
    let mut fields = data.split('~');
    if fields.next() != Some(VERSION) {
        return state;
    }
    // Linear lookups: courses are small, and the player's code size counts.
    let page_keys: Vec<String> = course.pages.iter().map(|p| key(&p.id)).collect();
    let page = |k: &str| page_keys.iter().position(|p| p == k);
    let current = fields.next().unwrap_or("");
    for k in chunks(fields.next().unwrap_or("")) {
        if let Some(i) = page(k) {
            state.visited[i] = true;
        }
    }
    let question_keys: Vec<String> = course.questions.iter().map(|q| key(&q.id)).collect();
    for entry in fields.next().unwrap_or("").split(',') {
        let (Some(k), Some(kind)) = (entry.get(..4), entry.get(4..5)) else { continue };
        let Some(q) = question_keys.iter().position(|x| x == k) else { continue };
        let id = course.questions[q].id.as_str();
        let payload = &entry[5..];
        let answer = match kind {
            "c" => Answer::Choice(payload.split('.').map(str::to_owned).collect()),
            "t" => Answer::Text(unescape(payload)),
            _ => continue,
        };
        // Re-check against the current build: a changed question may no
        // longer accept the old answer.
        let _ = state.answer(course, id, answer);
    }
    if let Some(i) = page(current) {
        state.current = i;
        state.visited[i] = true;
    }
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
    text.replace("%2C", ",").replace("%7E", "~").replace("%25", "%")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::state::tests::course;

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
        s.goto(&old, 3);
        s.answer(&old, "single", Answer::Choice(vec!["b".into()])).unwrap();
        s.answer(&old, "multi", Answer::Choice(vec!["c".into()])).unwrap();
        let data = encode(&old, &s, Version::Scorm12);

        let mut new = course(4, 80);
        new.pages.remove(3); // the bookmarked page is gone
        new.questions.retain(|q| q.id != "multi");
        let back = decode(&new, &data);
        assert_eq!(back.current, 0);
        assert!(back.answers.contains_key("single"));
        assert!(!back.answers.contains_key("multi"));
    }
}
