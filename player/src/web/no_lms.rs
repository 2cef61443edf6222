//! The xAPI build has no SCORM API: a cmi5 package or a web build that
//! reports to an LRS never looks for one. [`Lms`] is uninhabited, so
//! `Option<Lms>` is always `None` and the compiler drops every SCORM path
//! of the app (what keeps this build within the player's size budget).

use wasm_bindgen::JsValue;
use web_sys::Window;

use crate::core::cmi::Version;

/// No LMS API: a value of this type cannot exist.
pub(crate) enum Lms {}

/// Never finds an API.
pub(crate) fn find(_: &Window, _: Version) -> Option<JsValue> {
    None
}

impl Lms {
    pub(crate) fn initialize(_: JsValue, _: Version) -> Option<Lms> {
        None
    }

    pub(crate) fn get(&self, _: &str) -> String {
        match *self {}
    }

    pub(crate) fn set(&mut self, _: &str, _: &str) -> bool {
        match *self {}
    }

    pub(crate) fn commit(&mut self) -> bool {
        match *self {}
    }

    pub(crate) fn terminate(&mut self) {
        match *self {}
    }
}
