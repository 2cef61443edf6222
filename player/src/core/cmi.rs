//! What the LMS is told, in each SCORM version's own vocabulary and formats.
//!
//! SCORM 1.2 and 2004 track the same facts under different names and with
//! different value formats, and strict LMSs (Moodle above all) refuse values
//! that lenient runtimes accept. This module is the single place that knows
//! those names and formats, so the web layer only moves strings.

use crate::core::state::{Answer, Completion, State, Success};
use crate::core::suspend;
use crate::model::{Course, Kind, Question, Status12};

pub use crate::model::scorm::{Methods, Version};

/// The values each version wants.
impl Version {
    /// The exit value: `suspend` while the course is unfinished so that the
    /// LMS hands the state back next time (Moodle only does so after
    /// `suspend`), otherwise a normal exit (empty in 1.2, which has no
    /// `normal`).
    pub fn exit_value(self, finished: bool) -> &'static str {
        match (self, finished) {
            (_, false) => "suspend",
            (Version::Scorm12, true) => "",
            (Version::Scorm2004, true) => "normal",
        }
    }

    /// Formats a session length in this version's duration format, with at
    /// most two decimals of seconds (Moodle refuses more).
    pub fn format_duration(self, millis: u64) -> String {
        let centis = millis / 10;
        let (h, m, s, cs) = (centis / 360_000, centis / 6000 % 60, centis / 100 % 60, centis % 100);
        match self {
            // HHHH:MM:SS.SS, 2 to 4 hour digits.
            Version::Scorm12 => format!("{:02}:{m:02}:{s:02}.{cs:02}", h.min(9999)),
            Version::Scorm2004 => format!("PT{h}H{m}M{s}.{cs:02}S"),
        }
    }
}

/// One submitted answer, as an LMS interaction record.
#[derive(Debug, Clone, Copy)]
pub struct Interaction<'a> {
    /// The question.
    pub question: &'a Question,
    /// What the learner answered.
    pub answer: &'a Answer,
    /// Right or wrong; `None` for ungraded questions.
    pub correct: Option<bool>,
    /// Milliseconds from showing the page to answering.
    pub latency_ms: u64,
    /// When, in milliseconds since 1970-01-01 UTC.
    pub time_ms: u64,
}

/// Interaction values for record `n`, in the order an LMS wants them (id
/// and type first), and whether the learner's text had to be shortened to
/// fit this version's limit (the caller must then tell the learner).
pub fn interaction(
    version: Version,
    n: usize,
    i: &Interaction<'_>,
) -> (Vec<(String, String)>, bool) {
    let q = i.question;
    let key = |field: &str| format!("cmi.interactions.{n}.{field}");
    let mut out = vec![(key("id"), q.id.clone())];
    let Some(Response { kind, response, pattern, shortened }) = response(version, q, i.answer)
    else {
        return (Vec::new(), false);
    };
    out.push((key("type"), kind.into()));
    let result = match (i.correct, version) {
        (None, _) => "neutral",
        (Some(true), _) => "correct",
        (Some(false), Version::Scorm12) => "wrong",
        (Some(false), Version::Scorm2004) => "incorrect",
    };
    let weighting = if i.correct.is_some() { q.weight.to_string() } else { "0".into() };
    match version {
        Version::Scorm12 => {
            out.push((key("time"), format_time_of_day(i.time_ms)));
            out.push((key("weighting"), weighting.clone()));
            out.push((key("student_response"), response));
        }
        Version::Scorm2004 => {
            out.push((key("timestamp"), format_timestamp(i.time_ms)));
            out.push((key("weighting"), weighting));
            out.push((key("learner_response"), response));
            out.push((key("description"), lms_text(&q.text, 250).0));
        }
    }
    if let Some(pattern) = pattern {
        out.push((key("correct_responses.0.pattern"), pattern));
    }
    out.push((key("result"), result.into()));
    out.push((key("latency"), version.format_duration(i.latency_ms)));
    (out, shortened)
}

/// An answer as an interaction: its type, the learner's response and the
/// right one, in `version`'s formats (SCORM 2004's are also xAPI's).
pub struct Response {
    /// The interaction type (`choice`, `matching`, …).
    pub kind: &'static str,
    /// The learner's response.
    pub response: String,
    /// The correct response pattern, for graded kinds.
    pub pattern: Option<String>,
    /// Whether the learner's text was cut to fit `version`'s limit.
    pub shortened: bool,
}

/// `answer` to `q` as an interaction; `None` when the answer does not fit
/// the question's kind.
pub fn response(version: Version, q: &Question, answer: &Answer) -> Option<Response> {
    let mut shortened = false;
    let (sep, pair) = if version == Version::Scorm12 { (",", ".") } else { ("[,]", "[.]") };
    // Joins go through Vec<String> only: one more element type would add
    // another copy of the join code to the player.
    let ids = |ids: &mut dyn Iterator<Item = &str>| {
        ids.map(str::to_owned).collect::<Vec<String>>().join(sep)
    };
    let (kind, response, pattern) = match (q.kind, answer) {
        (Kind::Choice, Answer::Choice(chosen)) => {
            let right = ids(&mut q.options.iter().filter(|o| o.correct).map(|o| o.id.as_str()));
            ("choice", chosen.join(sep), Some(right))
        }
        (Kind::TrueFalse, Answer::Choice(chosen)) => {
            // 1.2 writes t/f, 2004 true/false.
            let word = |id: &str| match (version, id) {
                (Version::Scorm12, id) => id.to_owned(),
                (Version::Scorm2004, "t") => "true".into(),
                (Version::Scorm2004, _) => "false".into(),
            };
            let right = q.options.iter().find(|o| o.correct).map(|o| word(&o.id));
            ("true-false", chosen.first().map(|c| word(c)).unwrap_or_default(), right)
        }
        (Kind::Scale, Answer::Choice(chosen)) => ("likert", chosen.join(sep), None),
        (Kind::Ordering, Answer::Choice(order)) => {
            let right = ids(&mut q.options.iter().map(|o| o.id.as_str()));
            ("sequencing", order.join(sep), Some(right))
        }
        (Kind::Matching, Answer::Choice(picks)) => {
            let join = |rights: &mut dyn Iterator<Item = &str>| {
                q.options
                    .iter()
                    .zip(rights)
                    .map(|(o, r)| format!("{}{pair}{r}", o.id))
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            let right = join(&mut q.options.iter().map(|o| o.matches.as_str()));
            ("matching", join(&mut picks.iter().map(String::as_str)), Some(right))
        }
        (Kind::FillIn, Answer::Text(text)) => {
            let limit = if version == Version::Scorm12 { 255 } else { 250 };
            let (text, cut) = lms_text(text, limit);
            shortened = cut;
            let right = q.accepted.first().map(|a| lms_text(a, limit).0);
            ("fill-in", text, right)
        }
        (_, Answer::Text(text)) => {
            let limit = if version == Version::Scorm12 { 255 } else { 4000 };
            let (text, cut) = lms_text(text, limit);
            shortened = cut;
            let kind = if version == Version::Scorm12 { "fill-in" } else { "long-fill-in" };
            (kind, text, None)
        }
        _ => return None,
    };
    Some(Response { kind, response, pattern, shortened })
}

/// Text as strict LMSs accept it: one line (Moodle refuses line breaks in
/// 2004 text), no leading `{` (read as a language tag), no `[,]` (a
/// separator), at most `limit` characters. Returns whether it was cut.
pub fn lms_text(text: &str, limit: usize) -> (String, bool) {
    let joined = text
        .split(['\n', '\r'])
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect::<Vec<String>>()
        .join(" / ");
    // `[,]` separates parts of a response: write it as a plain comma. (A
    // char scan: a substring search would add kilobytes to the player.)
    let chars: Vec<char> = joined.chars().collect();
    let mut flat = String::with_capacity(joined.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '[' && chars.get(i + 1) == Some(&',') && chars.get(i + 2) == Some(&']') {
            flat.push_str(", ");
            i += 3;
        } else {
            flat.push(chars[i]);
            i += 1;
        }
    }
    if flat.starts_with('{') {
        flat.insert(0, ' ');
    }
    let cut = flat.chars().count() > limit;
    if cut {
        flat = flat.chars().take(limit).collect();
    }
    (flat, cut)
}

/// `YYYY-MM-DDThh:mm:ss.ccZ` (UTC, two decimals: what Moodle accepts).
pub fn format_timestamp(ms: u64) -> String {
    let (y, mo, d) = civil(ms / 86_400_000);
    let day_ms = ms % 86_400_000;
    let (h, mi, s, cs) =
        (day_ms / 3_600_000, day_ms / 60_000 % 60, day_ms / 1000 % 60, day_ms / 10 % 100);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{cs:02}Z")
}

/// SCORM 1.2's `CMITime`: the time of day, `hh:mm:ss` (UTC).
pub fn format_time_of_day(ms: u64) -> String {
    let day_ms = ms % 86_400_000;
    format!("{:02}:{:02}:{:02}", day_ms / 3_600_000, day_ms / 60_000 % 60, day_ms / 1000 % 60)
}

/// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + u64::from(m <= 2), m, d)
}

/// The values that describe `state` to an LMS of `version`, in the order to
/// write them. The web layer writes those that changed since the last time.
pub fn values(course: &Course, state: &State, version: Version) -> Vec<(&'static str, String)> {
    let mut out = Vec::with_capacity(8);
    let page = course.pages.get(state.current).map(|p| p.id.clone()).unwrap_or_default();
    out.push((version.location(), page));
    let completion = state.completion(course);
    let success = state.success(course);
    // The score is reported once every scored question is done: a partial
    // score next to a mastery score makes Moodle (1.2) fail a learner who
    // is only half way.
    let score = state.counted_percent(course);
    match version {
        Version::Scorm12 => {
            let status = match (course.status12, completion, success) {
                (Status12::PassedFailed, Completion::Completed, Success::Passed) => "passed",
                (Status12::PassedFailed, _, Success::Failed) => "failed",
                (_, Completion::Completed, _) => "completed",
                (_, Completion::Incomplete, _) => "incomplete",
            };
            // With a mastery score in the manifest, Moodle and scorm-again
            // rewrite an `incomplete` status that comes with a raw score to
            // passed/failed at LMSFinish: while incomplete, the raw score is
            // blank (clearing one from an earlier attempt), so unseen pages
            // still count.
            match score.filter(|_| status != "incomplete") {
                Some(pct) => {
                    out.push(("cmi.core.score.min", "0".into()));
                    out.push(("cmi.core.score.max", "100".into()));
                    out.push(("cmi.core.score.raw", pct.to_string()));
                }
                None => out.push(("cmi.core.score.raw", String::new())),
            }
            out.push(("cmi.core.lesson_status", status.into()));
        }
        Version::Scorm2004 => {
            if let Some(pct) = score {
                out.push(("cmi.score.min", "0".into()));
                out.push(("cmi.score.max", "100".into()));
                out.push(("cmi.score.raw", pct.to_string()));
                out.push(("cmi.score.scaled", scaled(pct)));
            }
            let completion = match completion {
                Completion::Completed => "completed",
                Completion::Incomplete => "incomplete",
            };
            out.push(("cmi.completion_status", completion.into()));
            let success = match success {
                Success::Passed => "passed",
                Success::Failed => "failed",
                Success::Unknown => "unknown",
            };
            out.push(("cmi.success_status", success.into()));
        }
    }
    out.push((version.suspend_data(), suspend::encode(course, state, version)));
    out
}

/// 0–100 as a 0–1 decimal without needless digits (`1`, `0.8`, `0.75`).
pub fn scaled(pct: u8) -> String {
    match pct {
        100 => "1".into(),
        0 => "0".into(),
        p if p % 10 == 0 => format!("0.{}", p / 10),
        p => format!("0.{p:02}"),
    }
}

/// Whether the learner is done, for the purpose of `exit`: completed, and
/// not holding a failed quiz they may still retry (they will be back).
pub fn finished(course: &Course, state: &State) -> bool {
    let scored_done = state.score(course).is_none() || state.success(course) != Success::Unknown;
    state.completion(course) == Completion::Completed && scored_done && !state.can_retry(course)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::state::{Answer, tests::course};

    fn get<'a>(v: &'a [(&str, String)], k: &str) -> &'a str {
        &v.iter().find(|(key, _)| *key == k).unwrap().1
    }

    #[test]
    fn durations_have_two_decimals_at_most() {
        assert_eq!(Version::Scorm12.format_duration(0), "00:00:00.00");
        assert_eq!(Version::Scorm12.format_duration(3_723_456), "01:02:03.45");
        assert_eq!(Version::Scorm12.format_duration(u64::MAX / 2).len(), 13);
        assert_eq!(Version::Scorm2004.format_duration(3_723_456), "PT1H2M3.45S");
        assert_eq!(Version::Scorm2004.format_duration(5), "PT0H0M0.00S");
    }

    #[test]
    fn timestamps_and_times() {
        // 2026-11-28T09:05:03.250Z
        let ms = 1_795_856_703_250;
        assert_eq!(format_timestamp(ms), "2026-11-28T09:05:03.25Z");
        assert_eq!(format_time_of_day(ms), "09:05:03");
        assert_eq!(format_timestamp(0), "1970-01-01T00:00:00.00Z");
        assert_eq!(format_timestamp(951_782_400_000), "2000-02-29T00:00:00.00Z");
    }

    #[test]
    fn text_for_strict_lms() {
        assert_eq!(
            lms_text("rad ett\nrad två\r\n\ntre", 100),
            ("rad ett / rad två / tre".into(), false)
        );
        assert_eq!(lms_text("{x}", 100).0, " {x}");
        assert_eq!(lms_text("a[,]b", 100).0, "a, b");
        assert_eq!(lms_text(&"å".repeat(300), 255), ("å".repeat(255), true));
    }

    #[test]
    fn interactions_in_each_version_format() {
        let c = course(2, 80);
        let multi = c.question("multi").unwrap();
        let answer = Answer::Choice(vec!["a".into(), "b".into()]);
        let i = Interaction {
            question: multi,
            answer: &answer,
            correct: Some(false),
            latency_ms: 65_000,
            time_ms: 1_795_856_703_250,
        };
        let (v12, cut) = interaction(Version::Scorm12, 3, &i);
        assert!(!cut);
        let get =
            |v: &[(String, String)], k: &str| v.iter().find(|(key, _)| key == k).unwrap().1.clone();
        assert_eq!(v12[0], ("cmi.interactions.3.id".to_string(), "multi".to_string()));
        assert_eq!(v12[1].1, "choice");
        assert_eq!(get(&v12, "cmi.interactions.3.student_response"), "a,b");
        assert_eq!(get(&v12, "cmi.interactions.3.correct_responses.0.pattern"), "a,c");
        assert_eq!(get(&v12, "cmi.interactions.3.result"), "wrong");
        assert_eq!(get(&v12, "cmi.interactions.3.latency"), "00:01:05.00");
        assert_eq!(get(&v12, "cmi.interactions.3.time"), "09:05:03");
        let (v04, _) = interaction(Version::Scorm2004, 0, &i);
        assert_eq!(get(&v04, "cmi.interactions.0.learner_response"), "a[,]b");
        assert_eq!(get(&v04, "cmi.interactions.0.correct_responses.0.pattern"), "a[,]c");
        assert_eq!(get(&v04, "cmi.interactions.0.result"), "incorrect");
        assert_eq!(get(&v04, "cmi.interactions.0.latency"), "PT0H1M5.00S");
        assert_eq!(get(&v04, "cmi.interactions.0.description"), "multi?");

        let text = Answer::Text("x".repeat(300));
        let r = Interaction {
            question: c.question("tanke").unwrap(),
            answer: &text,
            correct: None,
            ..i
        };
        let (v12, cut) = interaction(Version::Scorm12, 0, &r);
        assert!(cut, "1.2 keeps only 255 characters: the learner must be told");
        assert_eq!(get(&v12, "cmi.interactions.0.type"), "fill-in");
        assert_eq!(get(&v12, "cmi.interactions.0.result"), "neutral");
        let (v04, cut) = interaction(Version::Scorm2004, 0, &r);
        assert!(!cut);
        assert_eq!(get(&v04, "cmi.interactions.0.type"), "long-fill-in");
        assert_eq!(get(&v04, "cmi.interactions.0.learner_response").len(), 300);
    }

    #[test]
    fn interactions_of_every_kind() {
        use crate::core::state::tests::{choice, options, question};
        let get = |v: &[(String, String)], k: &str| {
            v.iter().find(|(key, _)| key.ends_with(k)).unwrap().1.clone()
        };
        let record = |q: &Question, a: &Answer, version| {
            let i = Interaction {
                question: q,
                answer: a,
                correct: Some(true),
                latency_ms: 0,
                time_ms: 0,
            };
            interaction(version, 0, &i).0
        };
        let tf = Question {
            options: options(&["t", "f"], &["t"]),
            ..question("tf", 0, Kind::TrueFalse)
        };
        assert_eq!(get(&record(&tf, &choice(&["t"]), Version::Scorm12), "student_response"), "t");
        let v = record(&tf, &choice(&["f"]), Version::Scorm2004);
        assert_eq!(
            (get(&v, ".type"), get(&v, "learner_response")),
            ("true-false".into(), "false".into())
        );
        assert_eq!(get(&v, "pattern"), "true");

        let order = Question {
            options: options(&["a", "b", "c"], &[]),
            ..question("o", 0, Kind::Ordering)
        };
        let v = record(&order, &choice(&["b", "a", "c"]), Version::Scorm2004);
        assert_eq!(get(&v, ".type"), "sequencing");
        assert_eq!(get(&v, "learner_response"), "b[,]a[,]c");
        assert_eq!(get(&v, "pattern"), "a[,]b[,]c");

        let mut pairs = options(&["a", "b"], &[]);
        pairs[0].matches = "2".into();
        pairs[1].matches = "1".into();
        let m = Question { options: pairs, ..question("m", 0, Kind::Matching) };
        let v = record(&m, &choice(&["1", "2"]), Version::Scorm12);
        assert_eq!(
            (get(&v, ".type"), get(&v, "student_response")),
            ("matching".into(), "a.1,b.2".into())
        );
        assert_eq!(get(&v, "pattern"), "a.2,b.1");
        assert_eq!(
            get(&record(&m, &choice(&["2", "1"]), Version::Scorm2004), "pattern"),
            "a[.]2[,]b[.]1"
        );

        let fill =
            Question { accepted: vec!["sex veckor".into()], ..question("f", 0, Kind::FillIn) };
        let v = record(&fill, &Answer::Text("Sex veckor".into()), Version::Scorm2004);
        assert_eq!(
            (get(&v, ".type"), get(&v, "learner_response")),
            ("fill-in".into(), "Sex veckor".into())
        );

        let scale =
            Question { options: options(&["a", "b", "c"], &[]), ..question("s", 0, Kind::Scale) };
        let i = Interaction {
            question: &scale,
            answer: &choice(&["b"]),
            correct: None,
            latency_ms: 0,
            time_ms: 0,
        };
        let (v, _) = interaction(Version::Scorm2004, 0, &i);
        assert_eq!(
            (get(&v, ".type"), get(&v, "result"), get(&v, "weighting")),
            ("likert".into(), "neutral".into(), "0".into())
        );
        assert!(!v.iter().any(|(k, _)| k.ends_with("pattern")), "a scale has no right answer");
    }

    #[test]
    fn no_12_score_while_incomplete() {
        let mut c = course(3, 50);
        c.completion = vec![crate::model::Rule::Pages];
        let mut s = State::new(&c);
        s.answer(&c, "single", Answer::Choice(vec!["b".into()])).unwrap();
        s.answer(&c, "multi", Answer::Choice(vec!["a".into(), "c".into()])).unwrap();
        let v = values(&c, &s, Version::Scorm12);
        assert_eq!(get(&v, "cmi.core.lesson_status"), "incomplete", "passed, but pages unseen");
        assert_eq!(
            get(&v, "cmi.core.score.raw"),
            "",
            "a raw score would let the LMS rewrite the status"
        );
        assert_eq!(
            get(&values(&c, &s, Version::Scorm2004), "cmi.score.raw"),
            "100",
            "2004 reports success apart"
        );
    }

    #[test]
    fn status12_can_be_completed_only() {
        let mut c = course(1, 80);
        let mut s = State::new(&c);
        s.answer(&c, "single", Answer::Choice(vec!["a".into()])).unwrap();
        s.answer(&c, "multi", Answer::Choice(vec!["a".into()])).unwrap();
        assert_eq!(get(&values(&c, &s, Version::Scorm12), "cmi.core.lesson_status"), "failed");
        c.status12 = Status12::Completed;
        let v = values(&c, &s, Version::Scorm12);
        assert_eq!(get(&v, "cmi.core.lesson_status"), "completed");
        assert_eq!(get(&v, "cmi.core.score.raw"), "0", "the score is still reported");
    }

    #[test]
    fn exit_vocabulary_per_version() {
        assert_eq!(Version::Scorm12.exit_value(false), "suspend");
        assert_eq!(Version::Scorm12.exit_value(true), "");
        assert_eq!(Version::Scorm2004.exit_value(true), "normal");
    }

    #[test]
    fn scaled_scores() {
        assert_eq!(scaled(100), "1");
        assert_eq!(scaled(80), "0.8");
        assert_eq!(scaled(75), "0.75");
        assert_eq!(scaled(5), "0.05");
        assert_eq!(scaled(0), "0");
    }

    #[test]
    fn status_follows_pages_and_answers() {
        let c = course(2, 80);
        let mut s = State::new(&c);
        let v = values(&c, &s, Version::Scorm12);
        assert_eq!(get(&v, "cmi.core.lesson_status"), "incomplete");
        s.answer(&c, "single", Answer::Choice(vec!["a".into()])).unwrap();
        let v = values(&c, &s, Version::Scorm12);
        assert_eq!(get(&v, "cmi.core.score.raw"), "", "no partial score");
        assert_eq!(get(&v, "cmi.core.lesson_location"), "p0");
        s.next(&c);
        assert_eq!(get(&values(&c, &s, Version::Scorm12), "cmi.core.lesson_status"), "completed");
        assert!(!finished(&c, &s));
        s.answer(&c, "single", Answer::Choice(vec!["b".into()])).unwrap();
        s.answer(&c, "multi", Answer::Choice(vec!["a".into(), "c".into()])).unwrap();
        let v = values(&c, &s, Version::Scorm12);
        assert_eq!(get(&v, "cmi.core.lesson_status"), "passed");
        assert_eq!(get(&v, "cmi.core.score.raw"), "100");
        let v = values(&c, &s, Version::Scorm2004);
        assert_eq!(get(&v, "cmi.completion_status"), "completed");
        assert_eq!(get(&v, "cmi.success_status"), "passed");
        assert_eq!(get(&v, "cmi.score.scaled"), "1");
        assert!(finished(&c, &s));
    }
}
