//! The Learning Record Store: connecting (a cmi5 launch, or a standalone
//! course that asks who the learner is), and handing statements and the
//! saved state to the transport.
//!
//! Only in the `xapi` build of the player (cmi5 packages and web builds with
//! `[xapi]`), so SCORM packages carry none of it. What to send and when is
//! decided in [`crate::core::xapi`]; the bytes are moved by a small
//! hand-written script, `kvXapi` (`packager/assets/xapi.js`: the cmi5
//! launch requests, the LMS's context template laid over each statement,
//! one ordered queue posted with retries, the State API document, and
//! `keepalive` on the way out), because the same in wasm through web-sys
//! costs more than the player's size budget has. The learner's answers
//! never depend on the LRS: the local copy is written first, as in an LMS.

use std::cell::RefCell;

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlInputElement, Window};

use super::dom;
use crate::core::xapi::{self, Mode, Sent, Session};
use crate::model::xapi::{Learner, X, Xapi};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = kvXapi, js_name = launch)]
    fn js_launch(prefix: &str);
    #[wasm_bindgen(js_namespace = kvXapi, js_name = connect)]
    fn js_connect(
        endpoint: &str,
        auth: &str,
        actor: &str,
        activity: &str,
        registration: &str,
        prefix: &str,
    );
    #[wasm_bindgen(js_namespace = kvXapi, js_name = agent)]
    fn js_agent(text: &str) -> Option<String>;
    #[wasm_bindgen(js_namespace = kvXapi, js_name = ended)]
    fn js_ended(session: &str);
    #[wasm_bindgen(js_namespace = kvXapi, js_name = send)]
    fn js_send(statement: &str, keepalive: bool);
    #[wasm_bindgen(js_namespace = kvXapi, js_name = save)]
    fn js_save(document: &str, keepalive: bool);
    #[wasm_bindgen(js_namespace = kvXapi, js_name = leave)]
    fn js_leave(url: &str);
}

/// A connected LRS.
pub(crate) struct Lrs {
    /// Where the learner goes on exit (cmi5's `returnURL`).
    pub(crate) return_url: Option<String>,
    pub(crate) session: Session,
    pub(crate) mode: Mode,
    pub(crate) sent: Sent,
    /// The mastery score the LMS gives (0–100), which overrides the course's.
    pub(crate) mastery: Option<u8>,
}

/// What the LRS held for this learner when the course started.
pub(crate) struct Saved {
    pub(crate) suspend: Option<String>,
}

/// What connecting calls when it is over (`None`: no LRS to reach; the
/// course then runs on this browser's copy alone and says so).
pub(crate) type Ready = Box<dyn FnOnce(Option<(Lrs, Saved)>)>;

struct Waiting(RefCell<Option<(Ready, String)>>);
struct Flag(std::cell::Cell<bool>);
// SAFETY: as `Waiting`.
unsafe impl Sync for Flag {}
/// The launch's session had already ended (the page was reloaded).
static RELAUNCHED: Flag = Flag(std::cell::Cell::new(false));
// SAFETY: wasm32 without atomics has one thread (see `app::Global`).
unsafe impl Sync for Waiting {}
/// The connection under way: who to tell, and the course's IRI.
static WAITING: Waiting = Waiting(RefCell::new(None));

/// The settings a page carries (`#kv-xapi`), if it is tracked over xAPI.
pub(crate) fn settings(doc: &Document) -> Option<Xapi> {
    let text = dom::one(doc, "#kv-xapi")?.text_content()?;
    super::data::read(&text, crate::model::xapi::read)
}

/// Connects, then calls `done`.
pub(crate) fn connect(win: &Window, doc: &Document, course_id: &str, x: &Xapi, done: Ready) {
    if let Ok(mut w) = WAITING.0.try_borrow_mut() {
        *w = Some((done, x.activity.clone()));
    }
    match x.learner {
        Learner::Launch => js_launch(&outbox(course_id)),
        Learner::Link => {
            let params = web_sys::UrlSearchParams::new_with_str(
                &win.location().search().unwrap_or_default(),
            );
            let get = |k: &str| params.as_ref().ok().and_then(|p| p.get(k));
            match get("actor").and_then(|a| js_agent(&a)) {
                Some(actor) => {
                    let auth = get("auth").unwrap_or_else(|| x.auth.clone());
                    standalone(win, course_id, x, actor, &auth)
                }
                None => kv_xapi_ready(JsValue::NULL),
            }
        }
        Learner::Email | Learner::Number => {
            let key = format!("kursverk:{course_id}:xapi-learner");
            let storage = win.local_storage().ok().flatten();
            let known = storage.as_ref().and_then(|s| s.get_item(&key).ok().flatten());
            let email = x.learner == Learner::Email;
            let (x2, id, win2) = (x.clone(), course_id.to_owned(), win.clone());
            let go = move |who: String| {
                let actor = xapi::agent(email, &who, &x2.home);
                standalone(&win2, &id, &x2, actor, &x2.auth)
            };
            match known {
                Some(who) if !who.is_empty() => go(who),
                _ => ask(
                    doc,
                    x,
                    Box::new(move |who| {
                        if let Some(s) = storage {
                            let _ = s.set_item(&key, &who);
                        }
                        go(who)
                    }),
                ),
            }
        }
    }
}

/// A standalone course: the registration is made once per learner and
/// kept in this browser; the session is this page load.
fn standalone(win: &Window, course_id: &str, x: &Xapi, actor: String, auth: &str) {
    let key = format!(
        "kursverk:{course_id}:xapi-registration:{}",
        String::from(js_sys::encode_uri_component(&actor))
    );
    let storage = win.local_storage().ok().flatten();
    let registration = match storage.as_ref().and_then(|s| s.get_item(&key).ok().flatten()) {
        Some(r) => r,
        None => {
            let r = uuid();
            if let Some(s) = &storage {
                let _ = s.set_item(&key, &r);
            }
            r
        }
    };
    js_connect(&x.endpoint, auth, &actor, &x.activity, &registration, &outbox(course_id));
}

/// Where the transport keeps what has not reached the LRS yet (under the
/// course's `xapi` keys, so "Forget my answers" removes it too).
fn outbox(course_id: &str) -> String {
    format!("kursverk:{course_id}:xapi-outbox")
}

/// Whether this page is a reload of a cmi5 session that has ended.
pub(crate) fn relaunched() -> bool {
    RELAUNCHED.0.get()
}

/// Notes that the session is over, so a reload of it sends nothing more.
pub(crate) fn ended(session: &str) {
    js_ended(session);
}

/// The transport's word that the LRS has not taken the latest statements
/// (after two tries), or has again.
// wasm-bindgen exports only `pub` functions; the crate exports nothing else.
#[allow(unreachable_pub)]
#[wasm_bindgen]
pub fn kv_xapi_trouble(on: bool) {
    super::app::lrs_trouble(on);
}

/// The transport's answer: what the launch and the LRS said (`null`: it
/// could not connect).
// wasm-bindgen exports only `pub` functions; the crate exports nothing else.
#[allow(unreachable_pub)]
#[wasm_bindgen]
pub fn kv_xapi_ready(result: JsValue) {
    let Some((done, course)) = WAITING.0.try_borrow_mut().ok().and_then(|mut w| w.take()) else {
        return;
    };
    let get = |k: &str| Reflect::get(&result, &k.into()).unwrap_or(JsValue::UNDEFINED);
    if !result.is_object() || get("ended").as_bool() == Some(true) {
        RELAUNCHED.0.set(result.is_object());
        return done(None);
    }
    let text = |k: &str| get(k).as_string().unwrap_or_default();
    let cmi5 = get("cmi5").as_bool() == Some(true);
    let mastery = get("mastery").as_f64();
    let session = Session {
        actor: text("actor"),
        registration: text("registration"),
        session: if cmi5 { text("session") } else { uuid() },
        object: if cmi5 { text("activity") } else { course.clone() },
        course,
        cmi5,
        // As the LMS wrote it, for the statements' context.
        mastery: mastery.and_then(|_| js_sys::JSON::stringify(&get("mastery")).ok()?.as_string()),
    };
    let lrs = Lrs {
        return_url: get("returnUrl").as_string(),
        session,
        mode: Mode::from_name(&text("mode")),
        sent: Sent {
            completed: get("completed").as_bool() == Some(true),
            passed: get("passed").as_bool() == Some(true),
            result: false,
        },
        mastery: mastery.map(|m| (m * 100.0).ceil() as u8),
    };
    done(Some((lrs, Saved { suspend: get("suspend").as_string() })))
}

impl Lrs {
    /// Sends `statement` (JSON from [`crate::core::xapi`]).
    pub(crate) fn send(&self, statement: &str, keepalive: bool) {
        js_send(statement, keepalive);
    }

    /// Stores `document` as the player's state (the newest wins).
    pub(crate) fn save(&self, document: String, keepalive: bool) {
        js_save(&document, keepalive);
    }
}

/// Goes to `url` once every statement has reached the LRS.
pub(crate) fn leave(url: &str) {
    js_leave(url);
}

/// The registration a cmi5 launch names, for keeping this learner's local
/// copy when the LMS cannot be reached.
pub(crate) fn launch_registration(win: &Window) -> Option<String> {
    let params = web_sys::UrlSearchParams::new_with_str(&win.location().search().ok()?).ok()?;
    params.get("registration")
}

/// A version 4 UUID from the browser's cryptographic randomness.
pub(crate) fn uuid() -> String {
    let mut bytes = [0u8; 16];
    if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = c.get_random_values_with_u8_array(&mut bytes);
    }
    xapi::uuid(bytes)
}

/// Asks who the learner is, once, in the page's modal dialog (rendered by
/// the packager); `done` gets the answer.
fn ask(doc: &Document, x: &Xapi, done: Box<dyn FnOnce(String)>) {
    let email = x.learner == Learner::Email;
    let Some(dialog) = dom::one(doc, "#kv-learner-dialog") else { return };
    let dialog: web_sys::HtmlDialogElement = dialog.unchecked_into();
    // Escape would close the dialog with nobody named: keep it open.
    let cancel = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| e.prevent_default());
    let _ = dialog.add_event_listener_with_callback("cancel", cancel.as_ref().unchecked_ref());
    cancel.forget();
    let _ = dialog.show_modal();
    let (empty, bad) = (x.text(X::WhoEmpty).to_owned(), x.text(X::WhoBadEmail).to_owned());
    let doc2 = doc.clone();
    let done = RefCell::new(Some(done));
    let submit = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        e.prevent_default();
        let Some(input) = dom::one(&doc2, "#kv-learner-id") else { return };
        let value = input.unchecked_ref::<HtmlInputElement>().value().trim().to_owned();
        let problem = if value.is_empty() {
            Some(&empty)
        } else if email && !xapi::plausible_email(&value) {
            Some(&bad)
        } else {
            None
        };
        if let Some(text) = problem {
            show_error(&doc2, &input, text);
            return;
        }
        if let Some(d) = dom::one(&doc2, "#kv-learner-dialog") {
            d.unchecked_ref::<web_sys::HtmlDialogElement>().close();
        }
        if let Some(f) = done.borrow_mut().take() {
            f(value);
        }
    });
    let _ = dialog.add_event_listener_with_callback("submit", submit.as_ref().unchecked_ref());
    submit.forget();
}

fn show_error(doc: &Document, input: &Element, text: &str) {
    let _ = input.set_attribute("aria-invalid", "true");
    if let Some(p) = dom::one(doc, "#kv-learner-error") {
        p.set_text_content(Some(text));
    }
    dom::focus(input);
}
