//! Where a course reports when it reports over xAPI, and who the learner
//! is there.
//!
//! Only a cmi5 package and a web build with `[xapi]` in `course.toml` carry
//! these settings (their own small JSON element in the page, next to the
//! course data), so SCORM packages stay exactly as they were. Read and
//! written here, with one set of keys, like the course data in
//! [`super::format`].

use super::format::{Json, name, named, string};
use crate::core::text::JsonObject;

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
        };
        let json = write(&x);
        let value: miniserde::json::Value = miniserde::json::from_str(&json).unwrap();
        assert_eq!(read(&value), Some(x));
    }
}
