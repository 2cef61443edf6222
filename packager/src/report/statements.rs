//! From xAPI statements to one row per learner (and part): the report's
//! rules, apart from any network, so they are tested on fixtures.
//!
//! The LRS is asked for what relates to the course, but the rules do not
//! trust it to have filtered: a statement counts only when the course's
//! activity is its object or one of its context activities, so an LRS that
//! ignores `related_activities` (or `activity`) still gives the right rows.
//! A statement seen twice (a page boundary that moved while the report
//! read) counts once.

use std::collections::{BTreeMap, HashSet};

use serde::Deserialize;

use super::time::Instant;

/// The verbs the report reads.
pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
/// A passed test (cmi5: the AU's mastery score reached).
pub const PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
/// A failed test.
pub const FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";

/// One page of `GET statements`: xAPI's StatementResult.
#[derive(Debug, Deserialize)]
pub struct StatementResult {
    /// The statements of this page.
    pub statements: Vec<Statement>,
    /// Where the next page is: absent, empty or a (relative) URL.
    #[serde(default)]
    pub more: Option<String>,
}

/// The parts of a statement the report reads; everything else is ignored.
#[derive(Debug, Default, Deserialize)]
pub struct Statement {
    /// The statement's UUID.
    #[serde(default)]
    pub id: Option<String>,
    /// Who.
    #[serde(default)]
    pub actor: Option<Actor>,
    /// Did what.
    #[serde(default)]
    pub verb: Option<Verb>,
    /// To what.
    #[serde(default)]
    pub object: Option<Object>,
    /// Score, success, completion.
    #[serde(default)]
    pub result: Option<Outcome>,
    /// Where it belongs (course, part).
    #[serde(default)]
    pub context: Option<Context>,
    /// When it happened, as the sender wrote it.
    #[serde(default)]
    pub timestamp: Option<String>,
    /// When the LRS stored it (the fallback for `timestamp`).
    #[serde(default)]
    pub stored: Option<String>,
}

/// An Agent (or identified Group): one of its identifiers, and a name.
#[derive(Debug, Default, Deserialize)]
pub struct Actor {
    /// `mailto:…`.
    #[serde(default)]
    pub mbox: Option<String>,
    /// The SHA-1 of an mbox.
    #[serde(default)]
    pub mbox_sha1sum: Option<String>,
    /// An OpenID URI.
    #[serde(default)]
    pub openid: Option<String>,
    /// An account on a system (an employee number, an LMS's user).
    #[serde(default)]
    pub account: Option<Account>,
    /// What the learner is called.
    #[serde(default)]
    pub name: Option<String>,
}

/// An account: a name on a home page.
#[derive(Debug, Default, Deserialize)]
pub struct Account {
    /// The system the name belongs to.
    #[serde(default, rename = "homePage")]
    pub home_page: Option<String>,
    /// The name (id) there.
    #[serde(default)]
    pub name: Option<String>,
}

/// A verb: its IRI.
#[derive(Debug, Default, Deserialize)]
pub struct Verb {
    /// `http://adlnet.gov/expapi/verbs/…`.
    #[serde(default)]
    pub id: String,
}

/// A statement's object: an activity's id (or nothing the report reads).
#[derive(Debug, Default, Deserialize)]
pub struct Object {
    /// The activity IRI.
    #[serde(default)]
    pub id: Option<String>,
}

/// A statement's result.
#[derive(Debug, Default, Deserialize)]
pub struct Outcome {
    /// The score.
    #[serde(default)]
    pub score: Option<Score>,
}

/// A score; the report reads the scaled one (−1…1, cmi5: 0…1).
#[derive(Debug, Default, Deserialize)]
pub struct Score {
    /// The scaled score.
    #[serde(default)]
    pub scaled: Option<f64>,
}

/// A statement's context.
#[derive(Debug, Default, Deserialize)]
pub struct Context {
    /// parent, grouping, category, other.
    #[serde(default, rename = "contextActivities")]
    pub context_activities: Option<ContextActivities>,
}

/// The four lists of context activities.
#[derive(Debug, Default, Deserialize)]
pub struct ContextActivities {
    /// The activity directly above.
    #[serde(default)]
    pub parent: OneOrMany,
    /// Activities it belongs to (the course, in cmi5 also the AU).
    #[serde(default)]
    pub grouping: OneOrMany,
    /// Profiles (cmi5's category).
    #[serde(default)]
    pub category: OneOrMany,
    /// Anything else.
    #[serde(default)]
    pub other: OneOrMany,
}

/// xAPI 1.0.0 allowed one activity where 1.0.3 wants a list; LRSs answer
/// either.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One activity.
    One(Object),
    /// A list.
    Many(Vec<Object>),
}

impl Default for OneOrMany {
    fn default() -> Self {
        OneOrMany::Many(Vec::new())
    }
}

impl OneOrMany {
    fn ids(&self) -> impl Iterator<Item = &str> {
        let list = match self {
            OneOrMany::One(one) => std::slice::from_ref(one),
            OneOrMany::Many(many) => many.as_slice(),
        };
        list.iter().filter_map(|a| a.id.as_deref())
    }
}

/// Passed or failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Passed at least once.
    Passed,
    /// Failed, and never passed.
    Failed,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The e-mail address (without `mailto:`) or the account name.
    pub learner: String,
    /// The name the latest statement gave.
    pub name: String,
    /// The part: a chapter slug or `kurs` (cmi5), empty for the course as one.
    pub part: String,
    /// The first `completed`.
    pub completed: Option<Instant>,
    /// `passed` wins over any `failed`.
    pub verdict: Option<Verdict>,
    /// The best scaled score, in percent, rounded.
    pub score: Option<i64>,
    /// The latest statement's time.
    pub last: Option<Instant>,
}

/// What is known of one learner in one part so far.
#[derive(Debug, Default)]
struct Learner {
    name: Option<(Option<Instant>, String, String)>, // (time, statement id, name): the latest wins
    completed: Option<Instant>,
    passed: bool,
    failed: bool,
    best: Option<f64>,
    last: Option<Instant>,
}

/// The statements of one course, added one at a time, as rows.
#[derive(Debug)]
pub struct Tally {
    activity: String,
    part_prefix: String,
    by_part: bool,
    seen: HashSet<String>,
    /// Keyed by (learner in lower case, learner, part, the agent's full
    /// identifier): sorted by learner as people sort, then part, and two
    /// accounts of one name on two systems stay apart.
    learners: BTreeMap<(String, String, String, String), Learner>,
    counted: usize,
}

impl Tally {
    /// An empty tally for the course whose activity IRI is `activity`;
    /// `by_part`: a row per learner and part (the course is tracked in
    /// parts, one per chapter), else one per learner.
    pub fn new(activity: &str, by_part: bool) -> Tally {
        let activity = activity.trim_end_matches('/').to_owned();
        Tally {
            part_prefix: format!("{activity}/"),
            by_part,
            activity,
            seen: HashSet::new(),
            learners: BTreeMap::new(),
            counted: 0,
        }
    }

    /// How many statements counted.
    pub fn counted(&self) -> usize {
        self.counted
    }

    /// Counts `statement` if it is a completed, passed or failed of this
    /// course by an identified learner (and not seen before).
    pub fn add(&mut self, statement: &Statement) {
        let verb = statement.verb.as_ref().map_or("", |v| v.id.as_str());
        if ![COMPLETED, PASSED, FAILED].contains(&verb) {
            return;
        }
        let Some((learner, key)) = statement.actor.as_ref().and_then(identify) else { return };
        let Some(part) = self.part(statement) else { return };
        if let Some(id) = &statement.id
            && !self.seen.insert(id.clone())
        {
            return;
        }
        self.counted += 1;
        let when = [&statement.timestamp, &statement.stored]
            .into_iter()
            .find_map(|t| t.as_deref().and_then(Instant::parse));
        let entry = self.learners.entry((learner.to_lowercase(), learner, part, key)).or_default();
        if let Some(name) = statement.actor.as_ref().and_then(|a| a.name.as_deref())
            && !name.trim().is_empty()
        {
            let candidate =
                (when, statement.id.clone().unwrap_or_default(), name.trim().to_owned());
            if entry.name.as_ref().is_none_or(|old| candidate > *old) {
                entry.name = Some(candidate);
            }
        }
        match verb {
            COMPLETED => entry.completed = earliest(entry.completed, when),
            PASSED => entry.passed = true,
            _ => entry.failed = true,
        }
        let scaled = statement.result.as_ref().and_then(|r| r.score.as_ref()?.scaled);
        if let Some(scaled) = scaled.filter(|s| s.is_finite()) {
            let scaled = scaled.clamp(-1.0, 1.0);
            entry.best = Some(entry.best.map_or(scaled, |b| b.max(scaled)));
        }
        entry.last = entry.last.max(when);
    }

    /// The part a statement of this course belongs to (`""`: the course as
    /// a whole, and every statement when not `by_part`), or `None` when it
    /// is not this course's at all. A part is `<course IRI>/<part>` as the
    /// object or a context activity (cmi5's AU publisher id in `grouping`;
    /// `kurs` for a course that is one AU).
    fn part(&self, statement: &Statement) -> Option<String> {
        let object = statement.object.as_ref().and_then(|o| o.id.as_deref());
        let context = statement.context.as_ref().and_then(|c| c.context_activities.as_ref());
        let lists =
            context.into_iter().flat_map(|c| [&c.parent, &c.grouping, &c.category, &c.other]);
        let ids: Vec<&str> = object.into_iter().chain(lists.flat_map(OneOrMany::ids)).collect();
        let mut parts: Vec<&str> = ids
            .iter()
            .filter_map(|id| id.strip_prefix(&self.part_prefix))
            .filter(|p| !p.is_empty())
            .collect();
        parts.sort_unstable();
        match parts.first() {
            Some(part) if self.by_part => Some((*part).to_owned()),
            Some(_) => Some(String::new()),
            None => {
                ids.iter().any(|id| id.trim_end_matches('/') == self.activity).then(String::new)
            }
        }
    }

    /// One row per learner and part, sorted by learner, then part.
    pub fn rows(&self) -> Vec<Row> {
        self.learners
            .iter()
            .map(|((_, learner, part, _), l)| Row {
                learner: learner.clone(),
                name: l.name.as_ref().map(|(_, _, n)| n.clone()).unwrap_or_default(),
                part: part.clone(),
                completed: l.completed,
                verdict: if l.passed {
                    Some(Verdict::Passed)
                } else if l.failed {
                    Some(Verdict::Failed)
                } else {
                    None
                },
                score: l.best.map(|s| (s * 100.0).round() as i64),
                last: l.last,
            })
            .collect()
    }
}

fn earliest(a: Option<Instant>, b: Option<Instant>) -> Option<Instant> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// (what the report shows, the full identifier) of an actor; `None` for
/// an anonymous one. The mbox without `mailto:`, the account's name (its
/// home page only in the key), else the hashed mbox or the OpenID.
fn identify(actor: &Actor) -> Option<(String, String)> {
    fn nonempty(s: &Option<String>) -> Option<&str> {
        s.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    if let Some(mbox) = nonempty(&actor.mbox) {
        // Addresses are compared (and shown) in lower case, as mail systems
        // treat them.
        let address = mbox.strip_prefix("mailto:").unwrap_or(mbox).to_lowercase();
        return Some((address.clone(), format!("mbox:{address}")));
    }
    if let Some(account) = &actor.account
        && let Some(name) = nonempty(&account.name)
    {
        let home = nonempty(&account.home_page).unwrap_or("");
        return Some((name.to_owned(), format!("account:{home}|{name}")));
    }
    if let Some(sha) = nonempty(&actor.mbox_sha1sum) {
        return Some((sha.to_owned(), format!("sha1:{sha}")));
    }
    nonempty(&actor.openid).map(|o| (o.to_owned(), format!("openid:{o}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const COURSE: &str = "urn:kursverk:kugghjul";

    fn tally(fixture: &str) -> Tally {
        tally_by(fixture, true)
    }

    fn tally_by(fixture: &str, by_part: bool) -> Tally {
        let page: StatementResult = serde_json::from_str(fixture).unwrap();
        let mut tally = Tally::new(COURSE, by_part);
        for s in &page.statements {
            tally.add(s);
        }
        tally
    }

    fn show(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| {
                format!(
                    "{}|{}|{}|{}|{}|{}|{}",
                    r.learner,
                    r.name,
                    r.part,
                    r.completed.map(Instant::utc).unwrap_or_default(),
                    match r.verdict {
                        Some(Verdict::Passed) => "passed",
                        Some(Verdict::Failed) => "failed",
                        None => "",
                    },
                    r.score.map(|s| s.to_string()).unwrap_or_default(),
                    r.last.map(Instant::utc).unwrap_or_default(),
                )
            })
            .collect()
    }

    /// The standalone course: the course IRI is the object; one row per
    /// learner; passed wins over an earlier failed, the best score counts,
    /// the first completed, and offsets are compared as instants.
    #[test]
    fn standalone_course() {
        let tally = tally(include_str!("fixtures/standalone.json"));
        assert_eq!(
            show(&tally.rows()),
            [
                "anna@example.org|Anna Berg||2026-03-02T08:20:00Z|passed|85|2026-03-02T08:31:00Z",
                "bo@example.org|Bo Ek||2026-03-03T12:00:00Z|||2026-03-03T12:00:00Z",
                "E1234|Cecilia Dahl|||failed|40|2026-03-04T09:10:00Z",
            ]
        );
        // Anna's duplicate, the other course's, the unknown verb, the
        // anonymous actor and the unrelated activity did not count.
        assert_eq!(tally.counted(), 7);
    }

    /// cmi5 with one AU per chapter: the object is the LMS's activity id,
    /// the part comes from the grouping; one row per learner and part.
    #[test]
    fn cmi5_parts() {
        let tally = tally(include_str!("fixtures/cmi5-parts.json"));
        assert_eq!(
            show(&tally.rows()),
            [
                "anna@example.org|Anna Berg|01-inledning|2026-03-02T08:05:00Z|||2026-03-02T08:05:00Z",
                "anna@example.org|Anna Berg|02-test|2026-03-02T08:30:00Z|passed|100|2026-03-02T08:30:00Z",
                "E77|Dan Fors|kurs|2026-03-05T10:00:00Z|passed|90|2026-03-05T10:00:00Z",
            ]
        );
        // A course tracked as one part: one row per learner.
        let tally = tally_by(include_str!("fixtures/cmi5-parts.json"), false);
        assert_eq!(
            show(&tally.rows()),
            [
                "anna@example.org|Anna Berg||2026-03-02T08:05:00Z|passed|100|2026-03-02T08:30:00Z",
                "E77|Dan Fors||2026-03-05T10:00:00Z|passed|90|2026-03-05T10:00:00Z",
            ]
        );
    }

    /// Two accounts with the same name on two systems are two learners; a
    /// mailto is compared without case; a lone score of 0.845 rounds to 85;
    /// statements without a timestamp fall back to `stored`.
    #[test]
    fn identities_and_rounding() {
        let page = r#"{"statements": [
          {"id": "1", "actor": {"account": {"homePage": "https://a.example.org", "name": "E1"}},
           "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"},
           "object": {"id": "urn:kursverk:kugghjul"}, "result": {"score": {"scaled": 0.845}},
           "stored": "2026-03-01T10:00:00Z"},
          {"id": "2", "actor": {"account": {"homePage": "https://b.example.org", "name": "E1"}},
           "verb": {"id": "http://adlnet.gov/expapi/verbs/failed"},
           "object": {"id": "urn:kursverk:kugghjul"}, "timestamp": "2026-03-01T11:00:00Z"},
          {"id": "3", "actor": {"mbox": "mailto:Eva@Example.org", "name": "Eva"},
           "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
           "object": {"id": "urn:kursverk:kugghjul"}, "timestamp": "2026-03-01T12:00:00Z"},
          {"id": "4", "actor": {"mbox": "mailto:eva@example.org", "name": "Eva Lind"},
           "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
           "object": {"id": "urn:kursverk:kugghjul"}, "timestamp": "2026-03-01T13:00:00Z"}
        ]}"#;
        assert_eq!(
            show(&tally(page).rows()),
            [
                "E1||||passed|85|2026-03-01T10:00:00Z",
                "E1||||failed||2026-03-01T11:00:00Z",
                "eva@example.org|Eva Lind||2026-03-01T12:00:00Z|||2026-03-01T13:00:00Z",
            ]
        );
    }

    /// Whatever order the statements come in, the rows are the same.
    #[test]
    fn order_does_not_matter() {
        let page: StatementResult =
            serde_json::from_str(include_str!("fixtures/standalone.json")).unwrap();
        let mut forward = Tally::new(COURSE, true);
        page.statements.iter().for_each(|s| forward.add(s));
        let mut backward = Tally::new(COURSE, true);
        page.statements.iter().rev().for_each(|s| backward.add(s));
        assert_eq!(forward.rows(), backward.rows());
    }

    /// xAPI 1.0.0's single context activity, and a `more` link.
    #[test]
    fn reads_older_shapes() {
        let page = r#"{"more": "/xAPI/statements?page=2", "statements": [
          {"id": "1", "actor": {"mbox": "mailto:a@example.org"},
           "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
           "object": {"id": "https://lms.example.org/x"},
           "context": {"contextActivities": {"grouping": {"id": "urn:kursverk:kugghjul/kurs"}}},
           "timestamp": "2026-03-01T12:00:00Z"}]}"#;
        let parsed: StatementResult = serde_json::from_str(page).unwrap();
        assert_eq!(parsed.more.as_deref(), Some("/xAPI/statements?page=2"));
        assert_eq!(
            show(&tally(page).rows()),
            ["a@example.org||kurs|2026-03-01T12:00:00Z|||2026-03-01T12:00:00Z"]
        );
    }
}
