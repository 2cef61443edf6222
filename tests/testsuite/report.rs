//! `kursverk report` against a real LRS: statements as the players send
//! them are POSTed to Ralph (tests/lrs, started by tests/run), and the
//! binary's CSV is compared byte for byte. Without `LRS_ENDPOINT` those
//! tests say they were skipped, and fail instead when
//! `KURSVERK_REQUIRE_LRS` is set (as tests/run sets it), so CI cannot skip
//! them unseen. What the tool says when the LRS cannot be asked is tested
//! without one.

use std::process::Output;
use std::time::Duration;

use kursverk::report::{Lrs, report};
use kursverk_player::model::Language;
use serde_json::json;

use crate::prelude::*;

const VERBS: &str = "http://adlnet.gov/expapi/verbs/";

/// The test LRS from the environment (`tests/lrs/start`'s lines), or
/// `None` (said on stderr) when there is none and none is required.
fn test_lrs(test: &str) -> Option<Lrs> {
    let endpoint = std::env::var("LRS_ENDPOINT").unwrap_or_default();
    if endpoint.is_empty() {
        let required = std::env::var_os("KURSVERK_REQUIRE_LRS").is_some_and(|v| !v.is_empty());
        assert!(
            !required,
            "{test}: KURSVERK_REQUIRE_LRS is set but LRS_ENDPOINT is not: start the test LRS \
             (tests/lrs/start) and export the LRS_* lines it prints"
        );
        eprintln!(
            "{test}: skipped: no LRS (set LRS_ENDPOINT, LRS_USER, LRS_PASSWORD from tests/lrs/start)"
        );
        return None;
    }
    let var = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.into());
    Some(Lrs {
        endpoint,
        credentials: Some((var("LRS_USER", "kursverk"), var("LRS_PASSWORD", "kursverk-lrs-test"))),
        page_size: None,
    })
}

/// A name no other run of these tests has used: the LRS keeps what every
/// test posted, so each test reports on a course of its own.
fn unique() -> String {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{:x}{:x}", nanos, std::process::id())
}

/// A random-enough UUID (v4 form) for statement ids and registrations.
fn uuid() -> String {
    use std::hash::{BuildHasher, Hasher};
    static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut bytes = [0u8; 16];
    for chunk in bytes.chunks_mut(8) {
        // Each RandomState has keys of its own, random per process.
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
        chunk.copy_from_slice(&h.finish().to_le_bytes());
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// A learner in one registration, sending statements as the players do.
struct Learner {
    actor: serde_json::Value,
    /// The course IRI: in every statement's `grouping`.
    course: String,
    registration: String,
}

impl Learner {
    fn new(actor: serde_json::Value, course: &str) -> Learner {
        Learner { actor, course: course.to_owned(), registration: uuid() }
    }

    /// A statement about the course itself (standalone: the course IRI
    /// is the object).
    fn says(&self, verb: &str, timestamp: &str, result: serde_json::Value) -> serde_json::Value {
        self.about(&self.course, None, verb, timestamp, result)
    }

    /// A statement whose object is `object` (cmi5: an id the LMS made);
    /// `part` adds the AU's `<course IRI>/<part>` to `grouping`.
    fn about(
        &self,
        object: &str,
        part: Option<&str>,
        verb: &str,
        timestamp: &str,
        result: serde_json::Value,
    ) -> serde_json::Value {
        let mut grouping = vec![serde_json::json!({"id": self.course})];
        if let Some(part) = part {
            grouping.push(serde_json::json!({"id": format!("{}/{part}", self.course)}));
        }
        let mut s = serde_json::json!({
            "id": uuid(),
            "actor": self.actor,
            "verb": {"id": format!("{VERBS}{verb}"), "display": {"en-US": verb}},
            "object": {"objectType": "Activity", "id": object,
                       "definition": {"type": "http://adlnet.gov/expapi/activities/course"}},
            "context": {"registration": self.registration,
                        "contextActivities": {"grouping": grouping}},
            "timestamp": timestamp,
        });
        if !result.is_null() {
            s["result"] = result;
        }
        s
    }

    /// An answer to the course's first question.
    fn answers(&self, timestamp: &str, right: bool) -> serde_json::Value {
        let question = format!("{}/fraga-1", self.course);
        let result = json!({"success": right, "response": "b"});
        let mut s = self.about(&question, None, "answered", timestamp, result);
        s["object"]["definition"] = json!({
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "interactionType": "choice"
        });
        s
    }
}

/// POSTs `statements` to the LRS, as a player would.
fn post(lrs: &Lrs, statements: &[serde_json::Value]) {
    let agent: ureq::Agent =
        ureq::Agent::config_builder().timeout_global(Some(Duration::from_secs(60))).build().into();
    let (user, password) = lrs.credentials.clone().unwrap();
    let auth = base64_basic(&user, &password);
    let body = serde_json::to_string(statements).unwrap();
    let url = format!("{}/statements", lrs.endpoint.trim_end_matches('/'));
    let response = agent
        .post(&url)
        .header("X-Experience-API-Version", "1.0.3")
        .header("Authorization", &auth)
        .header("Content-Type", "application/json")
        .send(body.as_str())
        .unwrap_or_else(|e| panic!("POST {url}: {e}"));
    assert_eq!(response.status().as_u16(), 200, "POST {url}");
}

fn base64_basic(user: &str, password: &str) -> String {
    use base64::Engine;
    let pair = format!("{user}:{password}");
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair))
}

/// A course folder whose id is `id`, in `language`, with two chapters
/// (each tracked on its own with `sco = "chapter"` in `extra`).
fn course(id: &str, language: &str, extra: &str) -> TempCourse {
    let toml = format!(
        "id = \"{id}\"\ntitle = \"Rapportprov\"\nlanguage = \"{language}\"\nversion = \"1\"\n\
         chapters = [\"01-intro.md\", \"02-test.md\"]\n{extra}"
    );
    TempCourse::new(&[
        ("course.toml", &toml),
        ("01-intro.md", "# Intro\n\n## Start\n\nText.\n"),
        ("02-test.md", "# Test\n\n## Fråga\n\nText.\n"),
    ])
}

/// `kursverk report` with `args`, the LRS credentials from `lrs` in the
/// environment (and nothing inherited).
fn run_report(course: &std::path::Path, lrs: Option<&Lrs>, args: &[&str]) -> Output {
    let mut command = kursverk();
    command.arg("report").arg(course).args(args);
    command.env_remove("KURSVERK_LRS_USER").env_remove("KURSVERK_LRS_PASSWORD");
    if let Some(Lrs { endpoint, credentials: Some((user, password)), .. }) = lrs {
        command.args(["--endpoint", endpoint]);
        command.env("KURSVERK_LRS_USER", user).env("KURSVERK_LRS_PASSWORD", password);
    }
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The standalone course (the course IRI is the object): one learner
/// failed, then completed and passed; one completed only; one only
/// started. Plus another course's statement and "answered"s around them.
#[test]
fn who_completed_and_passed_from_a_real_lrs() {
    let Some(lrs) = test_lrs("who_completed_and_passed_from_a_real_lrs") else { return };
    let id = format!("rapport-{}", unique());
    let iri = format!("urn:kursverk:{id}");
    let none = serde_json::Value::Null;
    let anna = Learner::new(
        json!({"objectType": "Agent", "mbox": "mailto:anna@example.org", "name": "Anna Berg"}),
        &iri,
    );
    let bo = Learner::new(
        json!({"objectType": "Agent", "name": "Bo Ek",
               "account": {"homePage": "https://personal.example.org", "name": "E1001"}}),
        &iri,
    );
    let cecilia = Learner::new(
        json!({"objectType": "Agent", "mbox": "mailto:cecilia@example.org", "name": "Cecilia Dahl"}),
        &iri,
    );
    // Another course, whose IRI begins with this one's.
    let elsewhere =
        Learner { course: format!("{iri}-annan"), ..Learner::new(cecilia.actor.clone(), "") };
    post(
        &lrs,
        &[
            anna.says("initialized", "2026-04-01T09:00:00.000Z", none.clone()),
            anna.answers("2026-04-01T09:05:00.000Z", false),
            anna.says(
                "failed",
                "2026-04-01T09:10:00.000Z",
                json!({"success": false, "score": {"scaled": 0.5}, "duration": "PT10M"}),
            ),
            anna.answers("2026-04-01T09:20:00.000Z", true),
            // The player's clock in Stockholm: 09:25 UTC.
            anna.says(
                "completed",
                "2026-04-01T11:25:00.000+02:00",
                json!({"completion": true, "duration": "PT25M"}),
            ),
            anna.says(
                "passed",
                "2026-04-01T09:30:00.000Z",
                json!({"success": true, "score": {"scaled": 0.9}, "duration": "PT30M"}),
            ),
            anna.says("terminated", "2026-04-01T09:31:00.000Z", json!({"duration": "PT31M"})),
        ],
    );
    post(
        &lrs,
        &[
            bo.says("initialized", "2026-04-02T12:40:00Z", none.clone()),
            bo.says(
                "completed",
                "2026-04-02T13:00:00Z",
                json!({"completion": true, "duration": "PT20M"}),
            ),
            bo.says("terminated", "2026-04-02T13:01:00Z", none.clone()),
        ],
    );
    post(
        &lrs,
        &[
            cecilia.says("initialized", "2026-04-03T08:00:00Z", none.clone()),
            cecilia.answers("2026-04-03T08:02:00Z", true),
            elsewhere.says("completed", "2026-04-03T08:30:00Z", json!({"completion": true})),
        ],
    );

    let c = course(&id, "sv", "");
    let out = run_report(c.path(), Some(&lrs), &[]);
    let expected = "deltagare,namn,del,slutförd,resultat,poäng (%),senast aktiv\n\
         anna@example.org,Anna Berg,,2026-04-01T09:25:00Z,godkänd,90,2026-04-01T09:30:00Z\n\
         E1001,Bo Ek,,2026-04-02T13:00:00Z,,,2026-04-02T13:00:00Z\n";
    assert_eq!(text(&out.stdout), expected, "stderr: {}", text(&out.stderr));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stderr),
        "Rapportprov: 2 deltagare har slutfört eller gjort kunskapstestet (slutförda: 2, \
         godkända: 1; 4 utsagor lästa från LRS:en).\n"
    );

    // The same rows when the LRS hands them out one per page (Ralph's
    // `more` links, followed from its origin).
    let paged = Lrs { page_size: Some(1), ..lrs.clone() };
    let found = report(&paged, &iri, false).unwrap();
    assert_eq!(text(&found.csv(Language::Sv)), expected);
    assert_eq!(found.statements, 4);
}

/// cmi5, one AU per chapter: the object is an id the LMS made, the course
/// and the AU are in `grouping`, so only `related_activities` finds them.
/// The course says `sco = "chapter"`, so a row per learner and chapter;
/// `--activity` names the IRI, `--out` writes a file, and an English
/// course gets English headers.
#[test]
fn cmi5_parts_from_a_real_lrs() {
    let Some(lrs) = test_lrs("cmi5_parts_from_a_real_lrs") else { return };
    let u = unique();
    let iri = format!("https://kurser.example.org/rapport-{u}");
    let au = |n: u8| format!("https://lms.example.org/cmi5/{u}/au/{n}");
    let (intro, test) = ((au(1), Some("01-intro")), (au(2), Some("02-test")));
    let none = serde_json::Value::Null;
    let dan = Learner::new(
        json!({"objectType": "Agent", "mbox": "mailto:dan@example.org", "name": "Dan Fors"}),
        &iri,
    );
    let eva = Learner::new(
        json!({"objectType": "Agent", "name": "Eva Lind",
               "account": {"homePage": "https://lms.example.org", "name": "E2002"}}),
        &iri,
    );
    post(
        &lrs,
        &[
            dan.about(&intro.0, intro.1, "launched", "2026-04-03T09:50:00Z", none.clone()),
            dan.about(&intro.0, intro.1, "initialized", "2026-04-03T09:50:01Z", none.clone()),
            dan.about(
                &intro.0,
                intro.1,
                "completed",
                "2026-04-03T10:00:00Z",
                json!({"completion": true, "duration": "PT10M"}),
            ),
            dan.about(&intro.0, intro.1, "terminated", "2026-04-03T10:00:05Z", none.clone()),
            dan.about(&test.0, test.1, "initialized", "2026-04-03T10:10:00Z", none.clone()),
            dan.about(
                &test.0,
                test.1,
                "failed",
                "2026-04-03T10:20:00Z",
                json!({"success": false, "score": {"scaled": 0.6}, "duration": "PT10M"}),
            ),
            dan.about(
                &test.0,
                test.1,
                "passed",
                "2026-04-03T10:40:00Z",
                json!({"success": true, "score": {"scaled": 0.8}, "duration": "PT30M"}),
            ),
            dan.about(
                &test.0,
                test.1,
                "completed",
                "2026-04-03T10:40:00Z",
                json!({"completion": true, "duration": "PT30M"}),
            ),
            eva.about(&intro.0, intro.1, "initialized", "2026-04-04T08:00:00Z", none.clone()),
            eva.about(
                &intro.0,
                intro.1,
                "completed",
                "2026-04-04T08:15:00Z",
                json!({"completion": true, "duration": "PT15M"}),
            ),
        ],
    );

    let c = course(&format!("annat-id-{u}"), "en", "sco = \"chapter\"\n");
    let file = c.path().join("rapport.csv");
    let args = ["--activity", &iri, "--out", file.to_str().unwrap()];
    let out = run_report(c.path(), Some(&lrs), &args);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "learner,name,part,completed,result,score (%),last activity\n\
         dan@example.org,Dan Fors,01-intro,2026-04-03T10:00:00Z,,,2026-04-03T10:00:00Z\n\
         dan@example.org,Dan Fors,02-test,2026-04-03T10:40:00Z,passed,80,2026-04-03T10:40:00Z\n\
         E2002,Eva Lind,01-intro,2026-04-04T08:15:00Z,,,2026-04-04T08:15:00Z\n"
    );
    assert!(text(&out.stderr).starts_with(&format!("wrote {}\n", file.display())));
}

/// A wrong password: exit 2, said plainly, nothing on stdout.
#[test]
fn wrong_password_is_said_plainly() {
    let Some(lrs) = test_lrs("wrong_password_is_said_plainly") else { return };
    let wrong = Lrs {
        credentials: lrs.credentials.clone().map(|(user, _)| (user, "fel-lösenord".into())),
        ..lrs.clone()
    };
    let c = course("rapport-fel", "sv", "");
    let out = run_report(c.path(), Some(&wrong), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        format!(
            "LRS:en på {} godtog inte inloggningen: fel användarnamn eller lösenord, eller ingen \
             behörighet att läsa utsagor. Användarnamnet läses från KURSVERK_LRS_USER (eller \
             --user), lösenordet från KURSVERK_LRS_PASSWORD.\n",
            lrs.endpoint
        )
    );
}

/// Nothing listening at the address: exit 2, said in the course's language.
#[test]
fn an_unreachable_lrs_exits_2() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let endpoint = format!("http://127.0.0.1:{port}/xAPI/");
    let lrs = Lrs {
        endpoint: endpoint.clone(),
        credentials: Some(("kursverk".into(), "x".into())),
        page_size: None,
    };
    for (language, said) in [
        (
            "sv",
            format!(
                "Kursverk fick ingen kontakt med LRS:en på {endpoint}: ingenting svarar på den adressen. Kontrollera adressen, nätverket och att LRS:en är igång.\n"
            ),
        ),
        (
            "en",
            format!(
                "Kursverk could not reach the LRS at {endpoint}: nothing answers at that address. Check the address, the network, and that the LRS is running.\n"
            ),
        ),
    ] {
        let c = course("rapport-borta", language, "");
        let out = run_report(c.path(), Some(&lrs), &[]);
        assert_eq!(out.status.code(), Some(2), "{language}");
        assert_eq!(text(&out.stdout), "", "{language}");
        assert_eq!(text(&out.stderr), said, "{language}");
    }
}

/// What must be given, and where: exit 2 before any request.
#[test]
fn missing_address_or_password_exits_2() {
    let c = course("rapport-inget", "sv", "");
    let out = run_report(c.path(), None, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("Kursverk vet inte vilken LRS den ska fråga."),
        "{}",
        text(&out.stderr)
    );

    let out =
        run_report(c.path(), None, &["--endpoint", "lrs.example.org/xAPI", "--user", "rapport"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("Lösenordet till LRS:en saknas."),
        "{}",
        text(&out.stderr)
    );

    let mut command = kursverk();
    command.args(["report"]).arg(c.path()).args(["--endpoint", "lrs.example.org/xAPI"]);
    command.env_remove("KURSVERK_LRS_USER").env_remove("KURSVERK_LRS_PASSWORD");
    let out = command.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("Adressen lrs.example.org/xAPI går inte att använda."),
        "{}",
        text(&out.stderr)
    );

    let out = run_report(&c.path().join("saknas"), None, &[]);
    assert_eq!(out.status.code(), Some(2));

    // The help says where the password goes.
    let help = kursverk().args(["report", "--help"]).output().unwrap();
    assert!(text(&help.stdout).contains("KURSVERK_LRS_PASSWORD"));
}
