//! The SCORM run-time API: finding it, and calling it defensively.
//!
//! Real LMSs throw from cross-origin frames, refuse values, fail commits and
//! tear frames down without warning. Every call here is wrapped so that none
//! of that can stop the course: failures are logged with the LMS's own error
//! text, and the caller decides whether the learner must be told. Calls are
//! only ever made between one Initialize and one Terminate.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Window;

use super::dom::{log, warn};
use crate::core::cmi::{Methods, Version};

/// How many parents to climb before giving up (the specification's 7 is
/// too few for some portals that nest frames deeply).
const MAX_DEPTH: usize = 500;

/// A connected LMS API.
pub(crate) struct Lms {
    api: JsValue,
    methods: Methods,
    state: Session,
    written: Vec<(String, String)>,
}

#[derive(PartialEq, Eq)]
enum Session {
    Open,
    Ended,
}

/// Finds the API object of `version`: the window, its parents up to the
/// top, then the opener and its parents, as the specification describes.
pub(crate) fn find(win: &Window, version: Version) -> Option<JsValue> {
    let name = JsValue::from_str(version.api_name());
    let search = |start: JsValue| -> Option<JsValue> {
        let mut w = start;
        for _ in 0..MAX_DEPTH {
            if w.is_null() || w.is_undefined() {
                return None;
            }
            // Reflect::get turns a cross-origin SecurityError into Err.
            if let Ok(api) = Reflect::get(&w, &name)
                && api.is_object()
            {
                return Some(api);
            }
            let parent = Reflect::get(&w, &"parent".into()).ok()?;
            if parent.is_null() || parent.is_undefined() || Object::is(&parent, &w) {
                return None;
            }
            w = parent;
        }
        None
    };
    search(win.clone().into())
        .or_else(|| search(Reflect::get(win, &"opener".into()).unwrap_or(JsValue::NULL)))
}

impl Lms {
    /// Initializes the session. `None` if the LMS refuses.
    pub(crate) fn initialize(api: JsValue, version: Version) -> Option<Lms> {
        let lms =
            Lms { api, methods: version.methods(), state: Session::Open, written: Vec::new() };
        match lms.call(lms.methods.initialize, &[""]) {
            Some(r) if truthy(&r) => Some(lms),
            r => {
                lms.report_error(lms.methods.initialize, &r.unwrap_or_default());
                None
            }
        }
    }

    /// Reads a value; empty when unset or refused.
    pub(crate) fn get(&self, element: &str) -> String {
        self.call(self.methods.get_value, &[element]).unwrap_or_default()
    }

    /// Writes a value unless the LMS already has it. Returns false when the
    /// LMS refused it.
    pub(crate) fn set(&mut self, element: &str, value: &str) -> bool {
        let known = self.written.iter().position(|(e, _)| *e == element);
        if known.is_some_and(|i| self.written[i].1 == value) {
            return true;
        }
        let ok = self.call(self.methods.set_value, &[element, value]).is_some_and(|r| truthy(&r));
        if ok {
            match known {
                Some(i) => self.written[i].1 = value.to_owned(),
                None => self.written.push((element.to_owned(), value.to_owned())),
            }
        } else {
            self.report_error(element, value);
        }
        ok
    }

    /// Asks the LMS to persist; false when it could not.
    pub(crate) fn commit(&mut self) -> bool {
        let ok = self.call(self.methods.commit, &[""]).is_some_and(|r| truthy(&r));
        if !ok {
            self.report_error(self.methods.commit, "");
        }
        ok
    }

    /// Ends the session. Safe to call more than once: only the first call
    /// reaches the LMS.
    pub(crate) fn terminate(&mut self) {
        if self.state == Session::Open {
            let _ = self.call(self.methods.terminate, &[""]);
            self.state = Session::Ended;
        }
    }

    fn call(&self, method: &str, args: &[&str]) -> Option<String> {
        if self.state == Session::Ended {
            return None;
        }
        let f = Reflect::get(&self.api, &method.into()).ok()?.dyn_into::<Function>().ok()?;
        let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
        match f.apply(&self.api, &args) {
            Ok(v) => Some(v.as_string().unwrap_or_else(|| {
                if v.as_bool() == Some(true) { "true".into() } else { String::new() }
            })),
            Err(e) => {
                log(&format!("kursverk: the LMS threw from {method}:"), &e);
                None
            }
        }
    }

    fn report_error(&self, what: &str, value: &str) {
        let code = self.call(self.methods.get_last_error, &[]).unwrap_or_default();
        let text = self.call(self.methods.get_error_string, &[&code]).unwrap_or_default();
        warn(&format!("kursverk: the LMS refused {what} = \"{value}\": error {code} {text}"));
    }
}

fn truthy(r: &str) -> bool {
    r == "true"
}
