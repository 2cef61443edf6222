//! xAPI statements, and the cmi5 rules for when to send which.
//!
//! A course tracked over xAPI (a cmi5 package in an LMS, or the web build
//! reporting to an organisation's own LRS) tells the LRS what happened as
//! statements. cmi5 (`../shared/cmi5/cmi5_spec.md`, sections 9 and 10) is
//! strict about them: `initialized` first and `terminated` last in a
//! session, `completed` and `passed` at most once per registration, never
//! `failed` after `passed`, at most one of `passed`/`failed` per session,
//! nothing but `initialized`/`terminated` in Browse and Review modes, fixed
//! categories and result members per verb, a scaled score. Those rules are
//! decided here, in plain Rust tested natively; the web layer only adds the
//! LMS's context template, sends, and retries.
//!
//! Statements are written as JSON text with [`JsonObject`] (no JSON
//! library in the player: see the size budget).

use crate::core::cmi::{self, Version};
use crate::core::state::{Answer, Completion, State, Success};
use crate::core::suspend;
use crate::core::text::{JsonObject, json_string};
use crate::model::{Course, Kind, Question};

/// The category of statements cmi5 defines (9.6.2.1).
pub const CATEGORY_CMI5: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
/// The category of statements that count for moveOn (9.6.2.2).
pub const CATEGORY_MOVEON: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
/// The context extension that holds the session id (9.6.3.1).
pub const SESSION_ID: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
/// The context extension that holds the LMS's mastery score (9.6.3.2).
pub const MASTERY_SCORE: &str = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
/// The xAPI version every request names.
pub const XAPI_VERSION: &str = "1.0.3";
/// The State API document an LMS writes before a cmi5 launch (10.0).
pub const LAUNCH_DATA: &str = "LMS.LaunchData";
/// The State API document the player keeps its saved state in.
pub const STATE_ID: &str = "https://kursverk.se/xapi/state";

/// The verbs the player uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// The session has started (first statement).
    Initialized,
    /// A question was answered (cmi5 "allowed", not "defined").
    Answered,
    /// The learner has done what completes the course.
    Completed,
    /// The learner passed the scored questions.
    Passed,
    /// The learner failed the scored questions.
    Failed,
    /// The session has ended (last statement).
    Terminated,
}

impl Verb {
    /// The verb's IRI and its display word.
    pub fn id(self) -> (&'static str, &'static str) {
        match self {
            Verb::Initialized => ("http://adlnet.gov/expapi/verbs/initialized", "initialized"),
            Verb::Answered => ("http://adlnet.gov/expapi/verbs/answered", "answered"),
            Verb::Completed => ("http://adlnet.gov/expapi/verbs/completed", "completed"),
            Verb::Passed => ("http://adlnet.gov/expapi/verbs/passed", "passed"),
            Verb::Failed => ("http://adlnet.gov/expapi/verbs/failed", "failed"),
            Verb::Terminated => ("http://adlnet.gov/expapi/verbs/terminated", "terminated"),
        }
    }
}

/// The launch mode an LMS gives (10.2.2). Standalone is always Normal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Results are recorded.
    Normal,
    /// Looking around: no completion or result statements.
    Browse,
    /// Looking back at completed material: no completion or result statements.
    Review,
}

impl Mode {
    /// The mode named `name`; an unknown name is Normal (the spec knows no
    /// others, and recording too much is safer than losing a completion).
    pub fn from_name(name: &str) -> Mode {
        match name {
            "Browse" => Mode::Browse,
            "Review" => Mode::Review,
            _ => Mode::Normal,
        }
    }
}

/// What has been sent: `completed` and `passed` for the whole registration
/// (kept with the saved state), `result` (passed or failed) for this session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sent {
    /// `completed` was sent in this registration.
    pub completed: bool,
    /// `passed` was sent in this registration.
    pub passed: bool,
    /// `passed` or `failed` was sent in this session.
    pub result: bool,
}

/// The completion and result statements `state` calls for now, in order.
///
/// A `failed` the learner can still put right (a quiz retry is left) waits
/// for the session's end (`ending`): cmi5 allows one of passed/failed per
/// session, so sending it at once would hold back a `passed` later in the
/// same session.
pub fn due(course: &Course, state: &State, mode: Mode, sent: &Sent, ending: bool) -> Vec<Verb> {
    let mut out = Vec::new();
    if mode != Mode::Normal {
        return out;
    }
    if !sent.completed && state.completion(course) == Completion::Completed {
        out.push(Verb::Completed);
    }
    if !sent.result && !sent.passed {
        match state.success(course) {
            Success::Passed => out.push(Verb::Passed),
            Success::Failed if ending || !state.can_retry(course) => out.push(Verb::Failed),
            _ => {}
        }
    }
    out
}

/// Notes that `verb` was sent.
pub fn mark(sent: &mut Sent, verb: Verb) {
    match verb {
        Verb::Completed => sent.completed = true,
        Verb::Passed => {
            sent.passed = true;
            sent.result = true;
        }
        Verb::Failed => sent.result = true,
        _ => {}
    }
}

/// The session the statements belong to.
#[derive(Debug, Clone)]
pub struct Session {
    /// The learner, as an xAPI agent (JSON).
    pub actor: String,
    /// The registration (a UUID).
    pub registration: String,
    /// This session's id.
    pub session: String,
    /// The activity the statements are about: the launch's `activityId`
    /// in cmi5, the course's own IRI standalone.
    pub object: String,
    /// The course's own IRI, added to every statement's grouping.
    pub course: String,
    /// Whether this is a cmi5 launch (cmi5 categories on the statements cmi5
    /// defines).
    pub cmi5: bool,
    /// The mastery score the LMS gave (a JSON number, 0–1), which passed
    /// and failed name in their context (9.6.3.2).
    pub mastery: Option<String>,
}

/// One statement about the session: `verb` at `at_ms` (ms since 1970), with
/// a `duration` of `duration_ms` where cmi5 wants one, and the score where it
/// may have one. `id` is a fresh UUID (it makes resending safe).
pub fn statement(
    s: &Session,
    course: &Course,
    state: &State,
    id: &str,
    verb: Verb,
    at_ms: u64,
    duration_ms: u64,
) -> String {
    let mut result = JsonObject::new();
    match verb {
        Verb::Completed => {
            result.flag("completion", true);
        }
        Verb::Passed | Verb::Failed => {
            result.flag("success", verb == Verb::Passed);
            if let Some(pct) = state.counted_percent(course) {
                result.member(
                    "score",
                    &JsonObject::new()
                        .member("scaled", &cmi::scaled(pct))
                        .num("raw", pct)
                        .num("min", 0)
                        .num("max", 100)
                        .end(),
                );
            }
        }
        _ => {}
    }
    let timed = matches!(verb, Verb::Completed | Verb::Passed | Verb::Failed | Verb::Terminated);
    if timed {
        result.str("duration", &duration(duration_ms));
    }
    let moveon = matches!(verb, Verb::Completed | Verb::Passed | Verb::Failed);
    let mut categories = Vec::new();
    if s.cmi5 {
        categories.push(CATEGORY_CMI5);
        if moveon {
            categories.push(CATEGORY_MOVEON);
        }
    }
    let object = JsonObject::new().str("id", &s.object).str("objectType", "Activity").end();
    let mut out = head(s, id, verb, at_ms, &object);
    if timed || moveon {
        out.member("result", &result.end());
    }
    let mastery = s.mastery.as_deref().filter(|_| matches!(verb, Verb::Passed | Verb::Failed));
    out.member("context", &context(s, &categories, None, mastery)).end()
}

/// An `answered` statement for `question`; `None` if the answer does not
/// fit the question. A reflection's text stays out of it: it is about the
/// learner's own cases, and statements are read by whoever reads the LRS
/// (the text is kept only in the learner's saved state).
#[allow(clippy::too_many_arguments)]
pub fn answered(
    s: &Session,
    course: &Course,
    question: &Question,
    answer: &Answer,
    correct: Option<bool>,
    id: &str,
    at_ms: u64,
    latency_ms: u64,
) -> Option<String> {
    let r = cmi::response(Version::Scorm2004, question, answer)?;
    let mut definition = JsonObject::new();
    definition
        .str("type", "http://adlnet.gov/expapi/activities/cmi.interaction")
        .member("name", &lang_map(course, &question.text))
        .str("interactionType", r.kind);
    if let Some(pattern) = &r.pattern {
        definition.member("correctResponsesPattern", &format!("[{}]", json_string(pattern)));
    }
    let object = JsonObject::new()
        .str("id", &format!("{}/{}", s.course, question.id))
        .str("objectType", "Activity")
        .member("definition", &definition.end())
        .end();
    let mut result = JsonObject::new();
    if let Some(c) = correct {
        result.flag("success", c);
    }
    if question.kind != Kind::Reflection {
        result.str("response", &r.response);
    }
    result.str("duration", &duration(latency_ms));
    let parent = JsonObject::new().str("id", &s.object).str("objectType", "Activity").end();
    Some(
        head(s, id, Verb::Answered, at_ms, &object)
            .member("result", &result.end())
            .member("context", &context(s, &[], Some(&parent), None))
            .end(),
    )
}

/// id, actor, verb, object and timestamp.
fn head(s: &Session, id: &str, verb: Verb, at_ms: u64, object: &str) -> JsonObject {
    let (iri, word) = verb.id();
    let verb = JsonObject::new()
        .str("id", iri)
        .member("display", &JsonObject::new().str("en-US", word).end())
        .end();
    let mut out = JsonObject::new();
    out.str("id", id)
        .member("actor", &s.actor)
        .member("verb", &verb)
        .member("object", object)
        .str("timestamp", &cmi::format_timestamp(at_ms));
    out
}

/// The context the player adds; the web layer lays the LMS's context
/// template over it (the template's values win, its lists are kept).
fn context(
    s: &Session,
    categories: &[&str],
    parent: Option<&str>,
    mastery: Option<&str>,
) -> String {
    let activity = |id: &&str| JsonObject::new().str("id", id).str("objectType", "Activity").end();
    let mut activities = JsonObject::new();
    if !categories.is_empty() {
        activities.list("category", categories, activity);
    }
    activities.list("grouping", &[s.course.as_str()], activity);
    if let Some(parent) = parent {
        activities.member("parent", &format!("[{parent}]"));
    }
    let mut extensions = JsonObject::new();
    extensions.str(SESSION_ID, &s.session);
    if let Some(m) = mastery {
        extensions.member(MASTERY_SCORE, m);
    }
    JsonObject::new()
        .str("registration", &s.registration)
        .member("contextActivities", &activities.end())
        .member("extensions", &extensions.end())
        .end()
}

fn lang_map(course: &Course, text: &str) -> String {
    JsonObject::new().str(course.language.tag(), text).end()
}

/// An ISO 8601 duration (`PT1H2M3.45S`), as xAPI and cmi5 want.
pub fn duration(ms: u64) -> String {
    Version::Scorm2004.format_duration(ms)
}

/// The player's own State API document: the same compact saved state SCORM
/// gets, and what this registration has sent.
pub fn state_document(course: &Course, state: &State, sent: &Sent) -> String {
    JsonObject::new()
        .str("suspend", &suspend::encode(course, state, Version::Scorm2004))
        .flag("completed", sent.completed)
        .flag("passed", sent.passed)
        .end()
}

/// An agent for a standalone learner: an e-mail address, or an employee
/// number as an account at `home`.
pub fn agent(email: bool, id: &str, home: &str) -> String {
    let mut out = JsonObject::new();
    out.str("objectType", "Agent");
    if email {
        out.str("mbox", &format!("mailto:{}", id.trim()));
    } else {
        out.member(
            "account",
            &JsonObject::new().str("homePage", home).str("name", id.trim()).end(),
        );
    }
    out.end()
}

/// Whether `id` looks like an e-mail address (something@domain.part): a
/// typo caught before it becomes the learner's identity in the LRS.
pub fn plausible_email(id: &str) -> bool {
    let id = id.trim();
    match id.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !id.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// A version 4 UUID from 16 random bytes (the web layer has the randomness).
pub fn uuid(bytes: [u8; 16]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut b = bytes;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(HEX[(byte >> 4) as usize] as char);
        out.push(HEX[(byte & 15) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::state::tests::course;
    use miniserde::json::{Value, from_str};

    fn session(cmi5: bool) -> Session {
        Session {
            actor: agent(true, "anna@example.org", ""),
            registration: "11111111-2222-4333-8444-555555555555".into(),
            session: "s-1".into(),
            object: "https://lms.example.org/au/9".into(),
            course: "urn:kursverk:test".into(),
            cmi5,
            mastery: cmi5.then(|| "0.8".into()),
        }
    }

    fn get<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
        path.split('.').try_fold(v, |v, k| match v {
            Value::Object(o) => o.get(k),
            Value::Array(a) => a.get(k.parse::<usize>().ok()?),
            _ => None,
        })
    }

    fn text(v: &Value, path: &str) -> String {
        match get(v, path) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Bool(b)) => b.to_string(),
            Some(Value::Number(n)) => n.to_string(),
            other => panic!("{path}: {other:?}"),
        }
    }

    fn parse(json: &str) -> Value {
        from_str(json).unwrap_or_else(|_| panic!("not JSON: {json}"))
    }

    /// Answers every question of the test course right.
    fn finished(c: &Course) -> State {
        let mut st = State::new(c);
        for i in 0..c.pages.len() {
            st.goto(c, i);
        }
        for q in &c.questions {
            let answer = match q.kind {
                Kind::Reflection | Kind::FillIn => {
                    Answer::Text(q.accepted.first().cloned().unwrap_or("Min text".into()))
                }
                Kind::Ordering => Answer::Choice(q.options.iter().map(|o| o.id.clone()).collect()),
                Kind::Matching => {
                    Answer::Choice(q.options.iter().map(|o| o.matches.clone()).collect())
                }
                _ => Answer::Choice(
                    q.options.iter().filter(|o| o.correct).map(|o| o.id.clone()).collect(),
                ),
            };
            let _ = st.answer(c, &q.id, answer);
        }
        st
    }

    #[test]
    fn cmi5_statements_have_the_categories_results_and_context_cmi5_wants() {
        let c = course(2, 80);
        let st = finished(&c);
        let s = session(true);
        let init = parse(&statement(&s, &c, &st, "id-1", Verb::Initialized, 0, 0));
        assert_eq!(text(&init, "verb.id"), "http://adlnet.gov/expapi/verbs/initialized");
        assert_eq!(text(&init, "object.id"), "https://lms.example.org/au/9");
        assert_eq!(text(&init, "actor.mbox"), "mailto:anna@example.org");
        assert_eq!(text(&init, "context.registration"), s.registration);
        let Some(Value::Object(ext)) = get(&init, "context.extensions") else { panic!() };
        assert!(matches!(ext.get(SESSION_ID), Some(Value::String(id)) if id == "s-1"));
        assert_eq!(text(&init, "context.contextActivities.category.0.id"), CATEGORY_CMI5);
        assert!(get(&init, "context.contextActivities.category.1").is_none());
        assert_eq!(text(&init, "context.contextActivities.grouping.0.id"), "urn:kursverk:test");
        assert!(get(&init, "result").is_none(), "initialized has no result");
        assert_eq!(text(&init, "timestamp"), "1970-01-01T00:00:00.00Z");

        let passed = parse(&statement(&s, &c, &st, "id-2", Verb::Passed, 1000, 65_250));
        assert_eq!(text(&passed, "result.success"), "true");
        assert_eq!(text(&passed, "result.score.scaled"), "1");
        assert_eq!(text(&passed, "result.duration"), "PT0H1M5.25S");
        assert_eq!(text(&passed, "context.contextActivities.category.1.id"), CATEGORY_MOVEON);
        assert!(get(&passed, "result.completion").is_none());
        let Some(Value::Object(ext)) = get(&passed, "context.extensions") else { panic!() };
        assert!(matches!(ext.get(MASTERY_SCORE), Some(Value::Number(_))), "{ext:?}");
        let Some(Value::Object(ext)) = get(&init, "context.extensions") else { panic!() };
        assert!(ext.get(MASTERY_SCORE).is_none());

        let done = parse(&statement(&s, &c, &st, "id-3", Verb::Completed, 1000, 1000));
        assert_eq!(text(&done, "result.completion"), "true");
        assert!(get(&done, "result.score").is_none() && get(&done, "result.success").is_none());

        let end = parse(&statement(&s, &c, &st, "id-4", Verb::Terminated, 1000, 1000));
        assert_eq!(text(&end, "result.duration"), "PT0H0M1.00S");
        assert!(get(&end, "result.success").is_none());
        assert!(get(&end, "context.contextActivities.category.1").is_none());
    }

    #[test]
    fn standalone_statements_carry_no_cmi5_category() {
        let c = course(2, 80);
        let st = State::new(&c);
        let v = parse(&statement(&session(false), &c, &st, "i", Verb::Completed, 0, 0));
        assert!(get(&v, "context.contextActivities.category").is_none());
        assert_eq!(text(&v, "result.completion"), "true");
    }

    #[test]
    fn completion_and_result_once_per_registration_and_none_in_browse_mode() {
        let c = course(2, 80);
        let st = finished(&c);
        let mut sent = Sent::default();
        assert_eq!(due(&c, &st, Mode::Browse, &sent, true), vec![]);
        assert_eq!(due(&c, &st, Mode::Review, &sent, true), vec![]);
        let now = due(&c, &st, Mode::Normal, &sent, false);
        assert_eq!(now, vec![Verb::Completed, Verb::Passed]);
        for v in now {
            mark(&mut sent, v);
        }
        assert_eq!(due(&c, &st, Mode::Normal, &sent, true), vec![]);
        // A new session of the same registration: still nothing again.
        sent.result = false;
        assert_eq!(due(&c, &st, Mode::Normal, &sent, true), vec![]);
    }

    #[test]
    fn a_failed_result_that_can_be_retried_waits_for_the_end_of_the_session() {
        let c = course(2, 80);
        let mut st = State::new(&c);
        st.answer(&c, "single", Answer::Choice(vec!["a".into()])).unwrap();
        st.answer(&c, "multi", Answer::Choice(vec!["a".into()])).unwrap();
        assert_eq!(st.success(&c), Success::Failed);
        let sent = Sent::default();
        assert_eq!(due(&c, &st, Mode::Normal, &sent, false), vec![]);
        assert_eq!(due(&c, &st, Mode::Normal, &sent, true), vec![Verb::Failed]);
        let mut no_retries = c.clone();
        no_retries.quiz_retries = 0;
        assert_eq!(due(&no_retries, &st, Mode::Normal, &sent, false), vec![Verb::Failed]);
        // Never a failed after a passed in the registration.
        let passed = Sent { passed: true, ..Sent::default() };
        assert_eq!(due(&c, &st, Mode::Normal, &passed, true), vec![]);
    }

    #[test]
    fn answered_statements_say_the_response_but_never_a_reflection() {
        let c = course(2, 80);
        let st = finished(&c);
        let s = session(true);
        for q in &c.questions {
            let answer = st.answers.get(&q.id).unwrap();
            let correct = q.graded().then(|| crate::core::state::is_correct(q, answer));
            let json = answered(&s, &c, q, answer, correct, "a", 5, 1500).unwrap();
            let v = parse(&json);
            assert_eq!(text(&v, "verb.id"), "http://adlnet.gov/expapi/verbs/answered");
            assert_eq!(text(&v, "object.id"), format!("urn:kursverk:test/{}", q.id));
            assert!(get(&v, "context.contextActivities.category").is_none(), "not cmi5-defined");
            assert_eq!(text(&v, "context.contextActivities.parent.0.id"), s.object);
            assert_eq!(text(&v, "result.duration"), "PT0H0M1.50S");
            if q.kind == Kind::Reflection {
                assert!(get(&v, "result.response").is_none());
                assert!(!json.contains("Min text"));
            } else {
                assert!(get(&v, "result.response").is_some(), "{json}");
            }
        }
    }

    #[test]
    fn state_document_holds_the_saved_state_and_what_was_sent() {
        let c = course(2, 80);
        let st = finished(&c);
        let sent = Sent { completed: true, passed: false, result: true };
        let v = parse(&state_document(&c, &st, &sent));
        let restored = suspend::decode(&c, &text(&v, "suspend"));
        assert_eq!(restored.answers.iter().count(), st.answers.iter().count());
        assert_eq!(text(&v, "completed"), "true");
        assert_eq!(text(&v, "passed"), "false");
    }

    #[test]
    fn agents_and_uuids() {
        assert_eq!(
            agent(false, " 4711 ", "https://intra.example.org"),
            r#"{"objectType":"Agent","account":{"homePage":"https://intra.example.org","name":"4711"}}"#
        );
        assert!(plausible_email("anna.berg@kommun.example.se"));
        for bad in ["anna", "anna@", "@x.se", "anna@kommun", "an na@x.se", "a@b@c.se"] {
            assert!(!plausible_email(bad), "{bad}");
        }
        let u = uuid([0xff; 16]);
        assert_eq!(u, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid([0; 16]), "00000000-0000-4000-8000-000000000000");
    }

    #[test]
    fn json_text_is_escaped() {
        let c = course(2, 80);
        let mut s = session(false);
        s.registration = "a\"b\\c\nd\u{1}".into();
        let v = parse(&statement(&s, &c, &State::new(&c), "i", Verb::Initialized, 0, 0));
        assert_eq!(text(&v, "context.registration"), "a\"b\\c\nd\u{1}");
    }
}
