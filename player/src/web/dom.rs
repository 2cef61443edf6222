//! Small DOM helpers, so the rest of the web layer reads as intent.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement};

pub(crate) fn all(doc: &Document, selector: &str) -> Vec<Element> {
    let Ok(list) = doc.query_selector_all(selector) else { return Vec::new() };
    // querySelectorAll returns elements only.
    (0..list.length()).filter_map(|i| Some(list.get(i)?.unchecked_into::<Element>())).collect()
}

pub(crate) fn all_in(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else { return Vec::new() };
    // querySelectorAll returns elements only.
    (0..list.length()).filter_map(|i| Some(list.get(i)?.unchecked_into::<Element>())).collect()
}

pub(crate) fn one(doc: &Document, selector: &str) -> Option<Element> {
    doc.query_selector(selector).ok().flatten()
}

pub(crate) fn set_hidden(el: &Element, hidden: bool) {
    // Every element the player touches is an HTML element.
    el.unchecked_ref::<HtmlElement>().set_hidden(hidden);
}

pub(crate) fn set_disabled(el: &Element, disabled: bool) {
    let _ = el.toggle_attribute_with_force("disabled", disabled);
}

pub(crate) fn focus(el: &Element) {
    let _ = el.unchecked_ref::<HtmlElement>().focus();
}

pub(crate) fn closest(target: Option<web_sys::EventTarget>, selector: &str) -> Option<Element> {
    target?.dyn_into::<Element>().ok()?.closest(selector).ok().flatten()
}

#[cfg_attr(feature = "xapi", allow(dead_code))]
pub(crate) fn warn(msg: &str) {
    web_sys::console::warn_1(&JsValue::from_str(msg));
}

#[cfg_attr(feature = "xapi", allow(dead_code))]
pub(crate) fn log(msg: &str, value: &JsValue) {
    web_sys::console::warn_2(&JsValue::from_str(msg), value);
}
