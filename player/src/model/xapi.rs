//! Where a course reports when it reports over xAPI, and who the learner
//! is there.
//!
//! Only a cmi5 package and a web build with `[xapi]` in `course.toml` carry
//! these settings (their own small JSON element in the page, next to the
//! course data), so SCORM packages stay exactly as they were. Read and
//! written here, with one set of keys, like the course data in
//! [`super::format`].

use super::format::{Json, name, named, string};
use crate::core::text::{JsonObject, json_string};

/// The xAPI settings of a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Xapi {
    /// The course's own activity IRI (its publisher id): every statement
    /// names it among its context activities, so a report finds a course's
    /// statements whatever launched it.
    pub activity: String,
    /// The LRS's xAPI endpoint, ending in `/`. Empty in a cmi5 package:
    /// the LMS gives it at launch.
    pub endpoint: String,
    /// How the learner is identified.
    pub learner: Learner,
    /// For [`Learner::Number`]: the `homePage` of the learner's account
    /// (the organisation's address).
    pub home: String,
    /// The `Authorization` header for a standalone course (empty: none, or
    /// a per-learner token in the link). Anyone who opens the course can
    /// read it, so it must only allow writing statements.
    pub auth: String,
    /// The player's xAPI words ([`X`]) in the course's language, in
    /// catalogue order (here rather than in the course data, so SCORM
    /// packages do not carry them).
    pub texts: Vec<String>,
}

impl Xapi {
    /// The text `x`.
    pub fn text(&self, x: X) -> &str {
        let i = X::ALL.iter().position(|t| *t == x).unwrap_or(0);
        self.texts.get(i).map_or("", String::as_str)
    }
}

crate::catalogue! {
    /// A text only a course tracked over xAPI shows.
    pub enum X;

    /// Heading of the form that asks who the learner is.
    WhoHeading = "who_heading" {
        sv: "Vem går kursen?",
        en: "Who is taking the course?",
    }
    /// Why the form asks.
    WhoWhy = "who_why" {
        sv: "Kursen meddelar din organisation när du har gått den. Skriv in dig en gång, så kommer den här webbläsaren ihåg det.",
        en: "The course tells your organisation when you have completed it. Enter this once and this browser remembers it.",
    }
    /// Label: e-mail address.
    WhoEmail = "who_email" {
        sv: "Din e-postadress på jobbet",
        en: "Your work e-mail address",
    }
    /// Label: employee number.
    WhoNumber = "who_number" {
        sv: "Ditt anställningsnummer",
        en: "Your employee number",
    }
    /// Button: start the course.
    WhoStart = "who_start" {
        sv: "Börja kursen",
        en: "Start the course",
    }
    /// Error: not an e-mail address.
    WhoBadEmail = "who_bad_email" {
        sv: "Skriv hela e-postadressen, till exempel namn.efternamn@kommun.se.",
        en: "Enter the whole e-mail address, for example first.last@example.org.",
    }
    /// Error: nothing typed.
    WhoEmpty = "who_empty" {
        sv: "Fyll i fältet för att börja.",
        en: "Fill in the field to start.",
    }
    /// Notice: the course reports to an LRS without an LMS.
    Reporting = "reporting" {
        sv: "Kursen meddelar din organisation hur det går för dig. Dina svar sparas också i den här webbläsaren. Använder andra den här datorn? Välj Glöm mina svar när du är klar.",
        en: "The course tells your organisation how you are doing. Your answers are also saved in this browser. Do others use this computer too? Choose Forget my answers when you are done.",
    }
    /// Notice: a cmi5 launch that could not reach the LMS.
    NoLms = "no_lms" {
        sv: "Kursen kunde inte nå lärplattformen. Dina svar sparas i den här webbläsaren, men ditt resultat kommer inte fram. Stäng kursen och starta den igen från lärplattformen.",
        en: "The course could not reach the learning platform. Your answers are saved in this browser, but your result does not reach it. Close the course and start it again from the learning platform.",
    }
    /// Notice: the course has ended (cmi5, no address to return to).
    Ended = "ended" {
        sv: "Kursen är avslutad och ditt resultat har skickats. Du kan stänga fönstret.",
        en: "The course has ended and your result has been sent. You can close this window.",
    }
    /// Notice: the LRS has not taken the latest statements (after two tries).
    Trouble = "trouble" {
        sv: "Kursen kunde inte skicka dina senaste svar. De finns kvar i den här webbläsaren, och kursen försöker igen.",
        en: "The course could not send your latest answers. They are kept in this browser, and the course will try again.",
    }
    /// Notice: a cmi5 launch whose session has already ended (a reload).
    Relaunch = "relaunch" {
        sv: "Den här kursstarten är avslutad. Dina svar är sparade. Stäng fönstret och starta kursen igen från lärplattformen för att fortsätta.",
        en: "This launch of the course has ended. Your answers are saved. Close this window and start the course again from the learning platform to go on.",
    }
    /// Button: leave the course (cmi5), back to the LMS.
    Exit = "exit" {
        sv: "Avsluta kursen",
        en: "Exit the course",
    }
}

/// Who the learner is, for the LRS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Learner {
    /// cmi5: the LMS names the learner in the launch URL.
    Launch,
    /// The learner types their e-mail address once.
    Email,
    /// The learner types their employee number once.
    Number,
    /// The link names the learner (`?actor=` with an xAPI agent, and
    /// optionally `&auth=` with a per-learner token).
    Link,
}

impl Learner {
    /// Every way, with its name in `course.toml` and the page.
    pub const NAMES: [(Learner, &'static str); 4] = [
        (Learner::Launch, "cmi5"),
        (Learner::Email, "email"),
        (Learner::Number, "number"),
        (Learner::Link, "link"),
    ];
}

mod key {
    pub(super) const ACTIVITY: &str = "activity";
    pub(super) const ENDPOINT: &str = "endpoint";
    pub(super) const LEARNER: &str = "learner";
    pub(super) const HOME: &str = "home";
    pub(super) const AUTH: &str = "auth";
    pub(super) const TEXTS: &str = "texts";
}

/// Reads the settings; `None` if anything is missing or wrong.
pub fn read<V: Json>(v: &V) -> Option<Xapi> {
    use key::*;
    Some(Xapi {
        activity: string(v, ACTIVITY)?,
        endpoint: string(v, ENDPOINT)?,
        learner: named(v, LEARNER, &Learner::NAMES)?,
        home: string(v, HOME)?,
        auth: string(v, AUTH)?,
        texts: super::format::strings(v, TEXTS)?,
    })
}

/// Writes the settings as compact JSON.
pub fn write(x: &Xapi) -> String {
    use key::*;
    JsonObject::new()
        .str(ACTIVITY, &x.activity)
        .str(ENDPOINT, &x.endpoint)
        .str(LEARNER, name(&Learner::NAMES, x.learner))
        .str(HOME, &x.home)
        .str(AUTH, &x.auth)
        .list(TEXTS, &x.texts, |t| json_string(t))
        .end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let x = Xapi {
            activity: "urn:kursverk:kugghjul".into(),
            endpoint: "https://lrs.example.org/xapi/".into(),
            learner: Learner::Number,
            home: "https://intra.example.org".into(),
            auth: "Basic \"x\"".into(),
            texts: X::ALL.iter().map(|t| t.get(crate::model::Language::Sv).to_owned()).collect(),
        };
        let json = write(&x);
        let value: miniserde::json::Value = miniserde::json::from_str(&json).unwrap();
        let back = read(&value).unwrap();
        assert_eq!(back.text(X::Exit), "Avsluta kursen");
        assert_eq!(back, x);
    }
}
