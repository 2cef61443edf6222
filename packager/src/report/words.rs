//! What `kursverk report` says, in the course's language: the CSV's
//! column headers and values, and every message, each text one line with
//! Swedish and English side by side (the shape of
//! [`crate::diagnostics::Say`], made with the same macro), so a reader of
//! a Swedish course never gets an English error, and no text can lack a
//! language.

kursverk_player::catalogue! {
    /// A word or message of `kursverk report`'s.
    pub enum Words;

    /// Column: who (the e-mail address, or the account name).
    ColLearner = "col_learner" { sv: "deltagare", en: "learner" }
    /// Column: the learner's name, as the course or the LMS gave it.
    ColName = "col_name" { sv: "namn", en: "name" }
    /// Column: which part (a chapter, when each chapter is tracked on its own).
    ColPart = "col_part" { sv: "del", en: "part" }
    /// Column: when the learner first completed it.
    ColCompleted = "col_completed" { sv: "slutförd", en: "completed" }
    /// Column: passed or failed.
    ColResult = "col_result" { sv: "resultat", en: "result" }
    /// Column: the best score.
    ColScore = "col_score" { sv: "poäng (%)", en: "score (%)" }
    /// Column: the last time the learner completed, passed or failed.
    ColLast = "col_last" { sv: "senast aktiv", en: "last activity" }
    /// Value: passed (at least once).
    Passed = "passed" { sv: "godkänd", en: "passed" }
    /// Value: failed, never passed.
    Failed = "failed" { sv: "underkänd", en: "failed" }

    /// After the CSV: what it holds.
    Summary = "summary" {
        sv: "{title}: {learners} deltagare har slutfört eller gjort kunskapstestet (slutförda: {completed}, godkända: {passed}; {statements} utsagor lästa från LRS:en).",
        en: "{title}: {learners} learners have completed the course or taken its test (completed: {completed}, passed: {passed}; {statements} statements read from the LRS).",
    }
    /// `--out FILE` written.
    Wrote = "wrote" { sv: "skrev {path}", en: "wrote {path}" }
    /// `--out FILE` not written.
    NotWritten = "not_written" {
        sv: "Kursverk kunde inte skriva {path}. Kontrollera att mappen finns och att du får skriva i den.",
        en: "Kursverk could not write {path}. Check that the folder exists and that you may write to it.",
    }
    /// The course has errors, so its id and language are not known for sure.
    CourseErrors = "course_errors" {
        sv: "{course} har fel (se ovan). Rätta dem först: rapporten behöver kursens id och språk.",
        en: "{course} has errors (see above). Fix them first: the report needs the course's id and language.",
    }
    /// No `--endpoint` and no `[xapi] endpoint`.
    NoEndpoint = "no_endpoint" {
        sv: "Kursverk vet inte vilken LRS den ska fråga. Ange adressen med --endpoint, till exempel --endpoint https://lrs.example.org/xAPI/, eller skriv den som endpoint under [xapi] i course.toml.",
        en: "Kursverk does not know which LRS to ask. Give its address with --endpoint, for example --endpoint https://lrs.example.org/xAPI/, or write it as endpoint under [xapi] in course.toml.",
    }
    /// An endpoint that is no web address.
    BadEndpoint = "bad_endpoint" {
        sv: "Adressen {endpoint} går inte att använda. Den ska börja med https:// (eller http://), till exempel https://lrs.example.org/xAPI/.",
        en: "The address {endpoint} cannot be used. It must start with https:// (or http://), for example https://lrs.example.org/xAPI/.",
    }
    /// A user name but no password.
    NoPassword = "no_password" {
        sv: "Lösenordet till LRS:en saknas. Lägg det i miljövariabeln KURSVERK_LRS_PASSWORD (aldrig på kommandoraden, där andra kan se det).",
        en: "The LRS password is missing. Put it in the environment variable KURSVERK_LRS_PASSWORD (never on the command line, where others can see it).",
    }
    /// No connection at all.
    Unreachable = "unreachable" {
        sv: "Kursverk fick ingen kontakt med LRS:en på {endpoint}: {reason}. Kontrollera adressen, nätverket och att LRS:en är igång.",
        en: "Kursverk could not reach the LRS at {endpoint}: {reason}. Check the address, the network, and that the LRS is running.",
    }
    /// Why: nothing listens there.
    ReasonRefused = "reason_refused" { sv: "ingenting svarar på den adressen", en: "nothing answers at that address" }
    /// Why: the host name is unknown.
    ReasonNoHost = "reason_no_host" { sv: "datornamnet finns inte", en: "there is no computer by that name" }
    /// Why: too slow.
    ReasonTimeout = "reason_timeout" { sv: "den svarade inte i tid", en: "it did not answer in time" }
    /// Why: https failed.
    ReasonTls = "reason_tls" {
        sv: "den säkra anslutningen (https) gick inte att upprätta",
        en: "the secure connection (https) could not be made",
    }
    /// Why: anything else on the way.
    ReasonOther = "reason_other" { sv: "anslutningen bröts", en: "the connection broke" }
    /// 401 or 403.
    Unauthorized = "unauthorized" {
        sv: "LRS:en på {endpoint} godtog inte inloggningen: fel användarnamn eller lösenord, eller ingen behörighet att läsa utsagor. Användarnamnet läses från KURSVERK_LRS_USER (eller --user), lösenordet från KURSVERK_LRS_PASSWORD.",
        en: "The LRS at {endpoint} did not accept the login: a wrong user name or password, or no permission to read statements. The user name is read from KURSVERK_LRS_USER (or --user), the password from KURSVERK_LRS_PASSWORD.",
    }
    /// Something answers, but not as an LRS.
    NotLrs = "not_lrs" {
        sv: "{endpoint} svarar, men inte som en LRS gör ({detail}). Kontrollera adressen: den är LRS:ens xAPI-adress och slutar ofta med /xAPI/.",
        en: "{endpoint} answers, but not as an LRS does ({detail}). Check the address: it is the LRS's xAPI address, and often ends with /xAPI/.",
    }
    /// Detail: an HTTP status.
    DetailStatus = "detail_status" { sv: "status {status}", en: "status {status}" }
    /// Detail: the answer is not a list of statements.
    DetailBody = "detail_body" { sv: "svaret är inga utsagor", en: "the answer holds no statements" }
    /// 5xx.
    LrsFailed = "lrs_failed" {
        sv: "LRS:en på {endpoint} kunde inte svara (status {status}). Försök igen om en stund, eller fråga den som sköter LRS:en.",
        en: "The LRS at {endpoint} could not answer (status {status}). Try again in a while, or ask whoever runs the LRS.",
    }
}

#[cfg(test)]
mod tests {
    use super::Words;
    use kursverk_player::model::Language;

    /// Both languages ask for the same values, and every text says something.
    #[test]
    fn every_language_uses_the_same_values() {
        fn values(text: &str) -> Vec<&str> {
            let mut out: Vec<&str> =
                text.split('{').skip(1).filter_map(|s| s.split_once('}')).map(|(n, _)| n).collect();
            out.sort_unstable();
            out
        }
        for w in Words::ALL {
            let (sv, en) = (w.get(Language::Sv), w.get(Language::En));
            assert!(!sv.is_empty() && !en.is_empty(), "{}", w.key());
            assert_eq!(values(sv), values(en), "{}", w.key());
        }
    }
}
