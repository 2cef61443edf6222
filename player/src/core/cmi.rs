//! What the LMS is told, in each SCORM version's own vocabulary and formats.
//!
//! SCORM 1.2 and 2004 track the same facts under different names and with
//! different value formats, and strict LMSs (Moodle above all) refuse values
//! that lenient runtimes accept. This module is the single place that knows
//! those names and formats, so the web layer only moves strings.

use crate::core::state::{Completion, State, Success};
use crate::core::suspend;
use crate::model::Course;

/// A SCORM run-time version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// SCORM 1.2: the `API` object, `LMS*` methods, `cmi.core.*`.
    Scorm12,
    /// SCORM 2004 (4th edition): the `API_1484_11` object, `cmi.*`.
    Scorm2004,
}

/// Method names of a version's API object.
#[derive(Debug, Clone, Copy)]
pub struct Methods {
    /// Starts the session.
    pub initialize: &'static str,
    /// Reads a value.
    pub get_value: &'static str,
    /// Writes a value.
    pub set_value: &'static str,
    /// Asks the LMS to persist what was written.
    pub commit: &'static str,
    /// Ends the session.
    pub terminate: &'static str,
    /// The last error code.
    pub get_last_error: &'static str,
    /// The text for an error code.
    pub get_error_string: &'static str,
}

impl Version {
    /// The global name of the API object the LMS provides.
    pub fn api_name(self) -> &'static str {
        match self {
            Version::Scorm12 => "API",
            Version::Scorm2004 => "API_1484_11",
        }
    }

    /// A short name, as used in package file names and `data-kv-lms`.
    pub fn name(self) -> &'static str {
        match self {
            Version::Scorm12 => "scorm12",
            Version::Scorm2004 => "scorm2004",
        }
    }

    /// The API's method names.
    pub fn methods(self) -> Methods {
        match self {
            Version::Scorm12 => Methods {
                initialize: "LMSInitialize",
                get_value: "LMSGetValue",
                set_value: "LMSSetValue",
                commit: "LMSCommit",
                terminate: "LMSFinish",
                get_last_error: "LMSGetLastError",
                get_error_string: "LMSGetErrorString",
            },
            Version::Scorm2004 => Methods {
                initialize: "Initialize",
                get_value: "GetValue",
                set_value: "SetValue",
                commit: "Commit",
                terminate: "Terminate",
                get_last_error: "GetLastError",
                get_error_string: "GetErrorString",
            },
        }
    }

    /// The bookmark element.
    pub fn location(self) -> &'static str {
        match self {
            Version::Scorm12 => "cmi.core.lesson_location",
            Version::Scorm2004 => "cmi.location",
        }
    }

    /// The element that says whether this is a resumed attempt.
    pub fn entry(self) -> &'static str {
        match self {
            Version::Scorm12 => "cmi.core.entry",
            Version::Scorm2004 => "cmi.entry",
        }
    }

    /// The suspend-data element.
    pub fn suspend_data(self) -> &'static str {
        "cmi.suspend_data"
    }

    /// The most characters of suspend data that every LMS of this version
    /// must keep.
    pub fn suspend_data_limit(self) -> usize {
        match self {
            Version::Scorm12 => 4096,
            Version::Scorm2004 => 64000,
        }
    }

    /// The session-time element.
    pub fn session_time(self) -> &'static str {
        match self {
            Version::Scorm12 => "cmi.core.session_time",
            Version::Scorm2004 => "cmi.session_time",
        }
    }

    /// The exit element.
    pub fn exit(self) -> &'static str {
        match self {
            Version::Scorm12 => "cmi.core.exit",
            Version::Scorm2004 => "cmi.exit",
        }
    }

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

/// The values that describe `state` to an LMS of `version`, in the order to
/// write them. The web layer writes those that changed since the last time.
pub fn values(course: &Course, state: &State, version: Version) -> Vec<(&'static str, String)> {
    let mut out = Vec::with_capacity(8);
    let page = course.pages.get(state.current).map(|p| p.id.clone()).unwrap_or_default();
    out.push((version.location(), page));
    let completion = state.completion(course);
    let success = state.success(course);
    let score = state.score(course);
    match version {
        Version::Scorm12 => {
            if let Some(score) = score {
                out.push(("cmi.core.score.min", "0".into()));
                out.push(("cmi.core.score.max", "100".into()));
                out.push(("cmi.core.score.raw", score.percent().to_string()));
            }
            let status = match (completion, success) {
                (_, Success::Passed) if completion == Completion::Completed => "passed",
                (_, Success::Failed) if completion == Completion::Completed => "failed",
                (Completion::Completed, _) => "completed",
                (Completion::Incomplete, _) => "incomplete",
            };
            out.push(("cmi.core.lesson_status", status.into()));
        }
        Version::Scorm2004 => {
            if let Some(score) = score {
                let pct = score.percent();
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
fn scaled(pct: u8) -> String {
    match pct {
        100 => "1".into(),
        0 => "0".into(),
        p if p % 10 == 0 => format!("0.{}", p / 10),
        p => format!("0.{p:02}"),
    }
}

/// Whether the course is finished for the purpose of `exit`.
pub fn finished(course: &Course, state: &State) -> bool {
    state.completion(course) == Completion::Completed && state.success(course) != Success::Unknown
        || state.completion(course) == Completion::Completed && state.score(course).is_none()
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
