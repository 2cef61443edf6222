//! Reads the course data embedded in the page.
//!
//! The browser parses the JSON (`JSON.parse`) and the model's own reader
//! ([`crate::model::format::read`]) walks the result through this thin
//! [`Json`] view of a `JsValue`, so the player carries no JSON parser of
//! its own — about a tenth of its size — and the format is defined once.

use js_sys::{Array, JSON, Reflect};
use wasm_bindgen::JsValue;

use crate::model::Course;
use crate::model::format::{self, Json};

pub(crate) struct Js(JsValue);

impl Json for Js {
    fn get(&self, key: &str) -> Option<Js> {
        if !self.0.is_object() {
            return None;
        }
        let v = Reflect::get(&self.0, &JsValue::from_str(key)).ok()?;
        (!v.is_undefined()).then_some(Js(v))
    }

    fn string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn items(&self) -> Option<Vec<Js>> {
        Array::is_array(&self.0).then(|| Array::from(&self.0).iter().map(Js).collect())
    }
}

/// What `reader` makes of `json` (settings beside the course data).
#[cfg(feature = "xapi")]
pub(crate) fn read<T>(json: &str, reader: impl Fn(&Js) -> Option<T>) -> Option<T> {
    reader(&Js(JSON::parse(json).ok()?))
}

/// The course in `json`, or `None` if it is not course data.
pub(crate) fn course(json: &str) -> Option<Course> {
    format::read(&Js(JSON::parse(json).ok()?))
}
