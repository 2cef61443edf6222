//! The two SCORM run-time versions: their API objects, method names,
//! element names and limits.
//!
//! These are facts both sides use — the packager names its targets, files
//! and manifests by them, the player calls the LMS with them — so they sit
//! in the model, not in the player's runtime core. What values each
//! version wants (formats, interaction records) is the core's business
//! (`core::cmi`).

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

    /// Both versions with their short names.
    pub const NAMES: [(Version, &'static str); 2] =
        [(Version::Scorm12, "scorm12"), (Version::Scorm2004, "scorm2004")];

    /// The short name, as used in package file names, `data-kv-scorm` and
    /// `data-kv-lms`.
    pub fn name(self) -> &'static str {
        match self {
            Version::Scorm12 => Version::NAMES[0].1,
            Version::Scorm2004 => Version::NAMES[1].1,
        }
    }

    /// The version with this short name.
    pub fn from_name(name: &str) -> Option<Version> {
        super::by_name(&Version::NAMES, name)
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

    /// The element holding the learner's id in the LMS.
    pub fn learner_id(self) -> &'static str {
        match self {
            Version::Scorm12 => "cmi.core.student_id",
            Version::Scorm2004 => "cmi.learner_id",
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
}
