//! `kursverk report`: who has completed and passed a course, read from a
//! Learning Record Store, as CSV.
//!
//! A course sent to staff without an LMS reports to an LRS (xAPI); the
//! person who sent it needs the list an LMS would have shown. The report
//! asks the LRS's statements API for the course's `completed`, `passed`
//! and `failed` statements (the course's activity IRI as object or as a
//! context activity, so standalone and cmi5 statements alike), and makes
//! one row per learner, per part when the course was tracked in parts
//! (cmi5, one AU per chapter).
//!
//! - [`lrs`]: the HTTP side (paging, headers, auth, statuses in words);
//! - [`statements`]: the rules, from statements to rows, with no network;
//! - [`time`]: timestamps compared as instants and written in UTC;
//! - [`words`]: everything the report says, Swedish and English.
//!
//! The output is deterministic: the same statements give the same bytes,
//! whatever order the LRS returns them in.

pub mod lrs;
pub mod statements;
pub mod time;
pub mod words;

use kursverk_player::core::text::fill;
use kursverk_player::model::Language;

pub use lrs::Lrs;
pub use statements::{Row, Tally, Verdict};
use words::Words;

/// What the report needs of a course.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Course {
    /// The title learners see (for the summary line).
    pub title: String,
    /// The course's language: the report's words and column headers.
    pub language: Language,
    /// The activity IRI its statements name (`[xapi] activity-id`, or
    /// `urn:kursverk:<course id>`).
    pub activity: String,
    /// The LRS's xAPI endpoint from `[xapi] endpoint`, if set.
    pub endpoint: Option<String>,
    /// Each chapter is tracked on its own (`sco = "chapter"`): a row per
    /// learner and chapter.
    pub by_part: bool,
}

impl Course {
    /// From a loaded course: its IRI and, when it reports to an LRS, the
    /// LRS's address (both owned by the model, from `[xapi]`).
    pub fn new(course: &crate::model::Course) -> Course {
        Course {
            title: course.player.title.clone(),
            language: course.player.language,
            activity: course.activity.clone(),
            endpoint: course.lrs.as_ref().map(|x| x.endpoint.clone()),
            by_part: course.sco_per_chapter,
        }
    }
}

/// Why the report could not be made: each said in plain words by
/// [`Error::say`].
#[derive(Debug)]
pub enum Error {
    /// Neither `--endpoint` nor `[xapi] endpoint`.
    NoEndpoint,
    /// An endpoint that is no http(s) URL.
    BadEndpoint {
        /// As given.
        endpoint: String,
    },
    /// A user name without a password.
    NoPassword,
    /// No connection.
    Unreachable {
        /// As given.
        endpoint: String,
        /// Why.
        reason: Reason,
    },
    /// 401 or 403.
    Unauthorized {
        /// As given.
        endpoint: String,
    },
    /// An answer that is no LRS's: another status, or no statements.
    NotLrs {
        /// As given.
        endpoint: String,
        /// The HTTP status, when that was the trouble.
        status: Option<u16>,
    },
    /// The LRS failed (5xx).
    LrsFailed {
        /// As given.
        endpoint: String,
        /// The HTTP status.
        status: u16,
    },
}

/// Why there was no connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Nothing listens.
    Refused,
    /// No such host.
    NoHost,
    /// Too slow.
    Timeout,
    /// https failed.
    Tls,
    /// Anything else.
    Other,
}

impl Error {
    /// The error in `language`, with what to do.
    pub fn say(&self, language: Language) -> String {
        let get = |w: Words| w.get(language);
        match self {
            Error::NoEndpoint => get(Words::NoEndpoint).to_owned(),
            Error::NoPassword => get(Words::NoPassword).to_owned(),
            Error::BadEndpoint { endpoint } => {
                fill(get(Words::BadEndpoint), &[("endpoint", endpoint)])
            }
            Error::Unreachable { endpoint, reason } => {
                let reason = get(match reason {
                    Reason::Refused => Words::ReasonRefused,
                    Reason::NoHost => Words::ReasonNoHost,
                    Reason::Timeout => Words::ReasonTimeout,
                    Reason::Tls => Words::ReasonTls,
                    Reason::Other => Words::ReasonOther,
                });
                fill(get(Words::Unreachable), &[("endpoint", endpoint), ("reason", reason)])
            }
            Error::Unauthorized { endpoint } => {
                fill(get(Words::Unauthorized), &[("endpoint", endpoint)])
            }
            Error::NotLrs { endpoint, status } => {
                let detail = match status {
                    Some(status) => {
                        fill(get(Words::DetailStatus), &[("status", &status.to_string())])
                    }
                    None => get(Words::DetailBody).to_owned(),
                };
                fill(get(Words::NotLrs), &[("endpoint", endpoint), ("detail", &detail)])
            }
            Error::LrsFailed { endpoint, status } => fill(
                get(Words::LrsFailed),
                &[("endpoint", endpoint), ("status", &status.to_string())],
            ),
        }
    }
}

/// The report: rows, and how many statements counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// One per learner and part, sorted by learner, then part.
    pub rows: Vec<Row>,
    /// Statements that counted (completed, passed, failed of this course).
    pub statements: usize,
}

/// Asks `lrs` for the `completed`, `passed` and `failed` statements of
/// the course whose activity IRI is `activity`, and tallies them (by part
/// when `by_part`).
pub fn report(lrs: &Lrs, activity: &str, by_part: bool) -> Result<Report, Error> {
    let mut tally = Tally::new(activity, by_part);
    for verb in [statements::COMPLETED, statements::PASSED, statements::FAILED] {
        lrs.statements(activity, verb, &mut |s| tally.add(s))?;
    }
    Ok(Report { rows: tally.rows(), statements: tally.counted() })
}

impl Report {
    /// The CSV: a header line in `language`, then one line per row
    /// (RFC 4180, UTF-8, `\n` line ends). Times in UTC to the second, the
    /// score a whole percentage.
    pub fn csv(&self, language: Language) -> Vec<u8> {
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let header = [
            Words::ColLearner,
            Words::ColName,
            Words::ColPart,
            Words::ColCompleted,
            Words::ColResult,
            Words::ColScore,
            Words::ColLast,
        ];
        // Writing to a Vec cannot fail.
        let _ = out.write_record(header.map(|w| w.get(language)));
        for row in &self.rows {
            let time = |t: Option<time::Instant>| t.map(time::Instant::utc).unwrap_or_default();
            let verdict = match row.verdict {
                Some(Verdict::Passed) => Words::Passed.get(language),
                Some(Verdict::Failed) => Words::Failed.get(language),
                None => "",
            };
            let _ = out.write_record([
                csv_safe(&row.learner).as_str(),
                csv_safe(&row.name).as_str(),
                csv_safe(&row.part).as_str(),
                time(row.completed).as_str(),
                verdict,
                row.score.map(|s| s.to_string()).unwrap_or_default().as_str(),
                time(row.last).as_str(),
            ]);
        }
        out.into_inner().unwrap_or_default()
    }

    /// The line said after the CSV: how many learners, completed, passed.
    pub fn summary(&self, course: &Course) -> String {
        let mut learners: Vec<&str> = self.rows.iter().map(|r| r.learner.as_str()).collect();
        learners.dedup();
        let count =
            |f: &dyn Fn(&Row) -> bool| self.rows.iter().filter(|r| f(r)).count().to_string();
        fill(
            Words::Summary.get(course.language),
            &[
                ("title", &course.title),
                ("learners", &learners.len().to_string()),
                ("completed", &count(&|r| r.completed.is_some())),
                ("passed", &count(&|r| r.verdict == Some(Verdict::Passed))),
                ("statements", &self.statements.to_string()),
            ],
        )
    }
}

/// A learner's name or address as a spreadsheet cell: text a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@` first; CSV injection) gets a
/// leading `'`, as OWASP advises. Learners type their own names.
fn csv_safe(text: &str) -> String {
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        let page: statements::StatementResult =
            serde_json::from_str(include_str!("fixtures/standalone.json")).unwrap();
        let mut tally = Tally::new("urn:kursverk:kugghjul", false);
        page.statements.iter().for_each(|s| tally.add(s));
        Report { rows: tally.rows(), statements: tally.counted() }
    }

    #[test]
    fn csv_in_both_languages() {
        assert_eq!(
            String::from_utf8(report().csv(Language::Sv)).unwrap(),
            "deltagare,namn,del,slutförd,resultat,poäng (%),senast aktiv\n\
             anna@example.org,Anna Berg,,2026-03-02T08:20:00Z,godkänd,85,2026-03-02T08:31:00Z\n\
             bo@example.org,Bo Ek,,2026-03-03T12:00:00Z,,,2026-03-03T12:00:00Z\n\
             E1234,Cecilia Dahl,,,underkänd,40,2026-03-04T09:10:00Z\n"
        );
        let en = String::from_utf8(report().csv(Language::En)).unwrap();
        assert!(en.starts_with("learner,name,part,completed,result,score (%),last activity\n"));
        assert!(en.contains(",passed,85,") && en.contains(",failed,40,"), "{en}");
    }

    #[test]
    fn names_are_quoted_and_never_formulas() {
        let row = |name: &str| Row {
            learner: "a@example.org".into(),
            name: name.into(),
            part: String::new(),
            completed: None,
            verdict: None,
            score: None,
            last: None,
        };
        let report = Report {
            rows: vec![row("Berg, Anna \"Annie\""), row("=HYPERLINK(\"x\")"), row("-2+3")],
            statements: 3,
        };
        let text = String::from_utf8(report.csv(Language::Sv)).unwrap();
        let lines: Vec<&str> = text.lines().skip(1).collect();
        assert_eq!(
            lines,
            [
                "a@example.org,\"Berg, Anna \"\"Annie\"\"\",,,,,",
                "a@example.org,\"'=HYPERLINK(\"\"x\"\")\",,,,,",
                "a@example.org,'-2+3,,,,,",
            ]
        );
    }

    #[test]
    fn summary_and_errors_in_the_course_language() {
        let course = Course {
            title: "Kugghjul".into(),
            language: Language::Sv,
            activity: "urn:kursverk:kugghjul".into(),
            endpoint: None,
            by_part: false,
        };
        assert_eq!(
            report().summary(&course),
            "Kugghjul: 3 deltagare har slutfört eller gjort kunskapstestet (slutförda: 2, godkända: 1; 7 utsagor lästa från LRS:en)."
        );
        let error = Error::Unreachable { endpoint: "http://x/".into(), reason: Reason::Refused };
        assert_eq!(
            error.say(Language::En),
            "Kursverk could not reach the LRS at http://x/: nothing answers at that address. Check the address, the network, and that the LRS is running."
        );
        let error = Error::NotLrs { endpoint: "http://x/".into(), status: Some(404) };
        assert!(error.say(Language::Sv).contains("(status 404)"));
    }

    /// `[xapi]` in course.toml when set; `urn:kursverk:<id>` otherwise.
    #[test]
    fn activity_and_endpoint_from_the_course() {
        let dir = tempfile::tempdir().unwrap();
        let toml = "id = \"prov\"\ntitle = \"Prov\"\nlanguage = \"en\"\nversion = \"1\"\nchapters = [\"a.md\"]\n";
        std::fs::write(dir.path().join("course.toml"), toml).unwrap();
        std::fs::write(dir.path().join("a.md"), "# A\n\n## B\n\nText.\n").unwrap();
        let loaded = crate::load::load(dir.path());
        let course = Course::new(loaded.course.as_ref().unwrap());
        assert_eq!(
            course,
            Course {
                title: "Prov".into(),
                language: Language::En,
                activity: "urn:kursverk:prov".into(),
                endpoint: None,
                by_part: false,
            }
        );
        let with = format!(
            "{toml}[xapi]\nendpoint = \"https://lrs.example.org/xAPI/\"\nactivity-id = \"https://kurser.example.org/prov\"\nlearner = \"email\"\n"
        );
        std::fs::write(dir.path().join("course.toml"), with).unwrap();
        let loaded = crate::load::load(dir.path());
        let course = Course::new(loaded.course.as_ref().unwrap());
        assert_eq!(course.activity, "https://kurser.example.org/prov");
        assert_eq!(course.endpoint.as_deref(), Some("https://lrs.example.org/xAPI/"));
    }
}
