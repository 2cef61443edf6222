//! The Learning Record Store: connecting (a cmi5 launch, or a standalone
//! course that asks who the learner is), sending statements in order, and
//! keeping the saved state in the State API.
//!
//! Only in the `xapi` build of the player (cmi5 packages and web builds with
//! `[xapi]`), so SCORM packages carry none of it. What to send and when is
//! decided in [`crate::core::xapi`]; this layer adds the LMS's context
//! template, talks HTTP and retries. Statements wait in one queue and are
//! posted in order, one request at a time, each with its own id, so a retry
//! after a lost answer is harmless (the LRS keeps one copy). The learner's
//! answers never depend on the LRS: the local copy is written first, as
//! in an LMS.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, JSON, Object, Reflect};
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlInputElement, RequestInit, Response, Window};

use super::dom;
use crate::core::xapi::{self, LAUNCH_DATA, Mode, STATE_ID, Sent, Session, XAPI_VERSION};
use crate::model::xapi::{Learner, X, Xapi};

/// Seconds to wait before each retry of a failed request; the last pause
/// repeats for as long as the page is open.
const RETRY_SECONDS: [i32; 4] = [1, 3, 10, 30];

/// A connected LRS.
pub(crate) struct Lrs {
    endpoint: String,
    auth: String,
    agent: String,
    /// The LMS's context template (cmi5), laid over every statement's context.
    template: JsValue,
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

/// Statements waiting to be sent, in order, and whether a request is out.
struct Outbox {
    endpoint: String,
    auth: String,
    queue: Vec<String>,
    busy: bool,
    failures: usize,
    /// The latest state document not yet stored, and whether one is out.
    state_url: String,
    state: Option<String>,
    state_busy: bool,
}

struct Global(RefCell<Option<Outbox>>);
// SAFETY: wasm32 without atomics has one thread (see `app::Global`).
unsafe impl Sync for Global {}
static OUTBOX: Global = Global(RefCell::new(None));

/// The settings a page carries (`#kv-xapi`), if it is tracked over xAPI.
pub(crate) fn settings(doc: &Document) -> Option<Xapi> {
    let text = dom::one(doc, "#kv-xapi")?.text_content()?;
    super::data::read(&text, crate::model::xapi::read)
}

/// Connects, then calls `done` with the LRS and what it held — or with
/// `None` when there is none to reach (the course then runs on this
/// browser's copy alone and says so).
pub(crate) fn connect(win: &Window, doc: &Document, course_id: &str, x: &Xapi, done: Ready) {
    let params = params(win);
    let param = |name: &str| params.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    match x.learner {
        Learner::Launch => {
            let (Some(endpoint), Some(fetch), Some(actor), Some(registration), Some(activity)) = (
                param("endpoint"),
                param("fetch"),
                param("actor").and_then(|a| normalize(&a)),
                param("registration"),
                param("activityId"),
            ) else {
                return done(None);
            };
            let session = Session {
                actor,
                registration,
                session: String::new(),
                object: activity,
                course: x.activity.clone(),
                cmi5: true,
                mastery: None,
            };
            token(
                win,
                &fetch,
                Box::new(move |auth| match auth {
                    Some(auth) => launch_data(endpoint, auth, session, done),
                    None => done(None),
                }),
            );
        }
        Learner::Link => {
            let (Some(actor), auth) = (param("actor").and_then(|a| normalize(&a)), param("auth"))
            else {
                return done(None);
            };
            let auth = auth.unwrap_or_else(|| x.auth.clone());
            standalone(win, course_id, x, actor, auth, done);
        }
        Learner::Email | Learner::Number => {
            let key = format!("kursverk:{course_id}:xapi-learner");
            let storage = win.local_storage().ok().flatten();
            let known = storage.as_ref().and_then(|s| s.get_item(&key).ok().flatten());
            let email = x.learner == Learner::Email;
            let (home, auth) = (x.home.clone(), x.auth.clone());
            let x2 = x.clone();
            let id = course_id.to_owned();
            let win2 = win.clone();
            let go = move |who: String| {
                let actor = xapi::agent(email, &who, &home);
                standalone(&win2, &id, &x2, actor, auth, done);
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
fn standalone(win: &Window, course_id: &str, x: &Xapi, actor: String, auth: String, done: Ready) {
    let key =
        format!("kursverk:{course_id}:xapi-registration:{}", js_sys::encode_uri_component(&actor));
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
    let session = Session {
        actor,
        registration,
        session: uuid(),
        object: x.activity.clone(),
        course: x.activity.clone(),
        cmi5: false,
        mastery: None,
    };
    let lrs = Lrs {
        endpoint: x.endpoint.clone(),
        auth,
        agent: String::new(),
        template: JsValue::UNDEFINED,
        return_url: None,
        session,
        mode: Mode::Normal,
        sent: Sent::default(),
        mastery: None,
    };
    saved_state(lrs, done);
}

/// cmi5 8.2: the auth token, fetched once per launch. A reload of the same
/// launch (the fetch URL answers only once) finds it in this tab's session
/// storage, which ends with the tab.
fn token(win: &Window, fetch: &str, done: Box<dyn FnOnce(Option<String>)>) {
    let key = format!("kursverk:token:{fetch}");
    let storage = win.session_storage().ok().flatten();
    if let Some(t) = storage.as_ref().and_then(|s| s.get_item(&key).ok().flatten()) {
        return done(Some(t));
    }
    request(
        "POST",
        fetch,
        None,
        None,
        false,
        Box::new(move |status, body| {
            let token = (status == 200)
                .then(|| JSON::parse(&body).ok())
                .flatten()
                .and_then(|v| Reflect::get(&v, &"auth-token".into()).ok())
                .and_then(|t| t.as_string())
                .map(|t| format!("Basic {t}"));
            if let (Some(t), Some(s)) = (&token, storage) {
                let _ = s.set_item(&key, t);
            }
            done(token)
        }),
    );
}

/// cmi5 10: the LMS's launch data (mode, mastery score, return address,
/// context template with the session id).
fn launch_data(endpoint: String, auth: String, mut session: Session, done: Ready) {
    let mut lrs = Lrs {
        endpoint,
        auth,
        agent: String::new(),
        template: JsValue::UNDEFINED,
        return_url: None,
        session: session.clone(),
        mode: Mode::Normal,
        sent: Sent::default(),
        mastery: None,
    };
    let url = lrs.state_url(LAUNCH_DATA);
    request(
        "GET",
        &url,
        Some(&lrs.auth.clone()),
        None,
        false,
        Box::new(move |status, body| {
            let Some(data) = (status == 200).then(|| JSON::parse(&body).ok()).flatten() else {
                return done(None);
            };
            let get = |k: &str| Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
            let template = get("contextTemplate");
            let sid = Reflect::get(&template, &"extensions".into())
                .and_then(|e| Reflect::get(&e, &xapi::SESSION_ID.into()))
                .ok()
                .and_then(|s| s.as_string());
            let Some(sid) = sid else { return done(None) };
            session.session = sid;
            lrs.session = session;
            lrs.template = template;
            lrs.mode = Mode::from_name(&get("launchMode").as_string().unwrap_or_default());
            lrs.return_url = get("returnURL").as_string().filter(|u| !u.is_empty());
            let mastery = get("masteryScore");
            if let Some(m) = mastery.as_f64().filter(|m| (0.0..=1.0).contains(m)) {
                lrs.mastery = Some((m * 100.0).ceil() as u8);
                // As the LMS wrote it, for the statements' context.
                lrs.session.mastery = JSON::stringify(&mastery).ok().and_then(|s| s.as_string());
            }
            saved_state(lrs, done);
        }),
    );
}

/// The player's own State API document, if the LRS has one.
fn saved_state(mut lrs: Lrs, done: Ready) {
    lrs.agent = lrs.session.actor.clone();
    let url = lrs.state_url(STATE_ID);
    request(
        "GET",
        &url,
        Some(&lrs.auth.clone()),
        None,
        false,
        Box::new(move |status, body| {
            // Unknown (the LRS failed to answer): the course goes on with this
            // browser's copy, and stores no state this session, so it cannot
            // overwrite a newer one kept from another computer.
            let known = status == 200 || status == 404;
            let doc = if status == 200 { JSON::parse(&body).ok() } else { None };
            let field = |k: &str| doc.as_ref().and_then(|d| Reflect::get(d, &k.into()).ok());
            lrs.sent.completed = field("completed").and_then(|v| v.as_bool()).unwrap_or(false);
            lrs.sent.passed = field("passed").and_then(|v| v.as_bool()).unwrap_or(false);
            let suspend = field("suspend").and_then(|v| v.as_string());
            if let Ok(mut slot) = OUTBOX.0.try_borrow_mut() {
                *slot = Some(Outbox {
                    endpoint: lrs.endpoint.clone(),
                    auth: lrs.auth.clone(),
                    queue: Vec::new(),
                    busy: false,
                    failures: 0,
                    state_url: if known { lrs.state_url(STATE_ID) } else { String::new() },
                    state: None,
                    state_busy: false,
                });
            }
            done(Some((lrs, Saved { suspend })))
        }),
    );
}

impl Lrs {
    fn state_url(&self, state_id: &str) -> String {
        let enc = |s: &str| String::from(js_sys::encode_uri_component(s));
        format!(
            "{}activities/state?activityId={}&agent={}&registration={}&stateId={}",
            self.endpoint,
            enc(&self.session.object),
            enc(&self.session.actor),
            enc(&self.session.registration),
            enc(state_id)
        )
    }

    /// Queues `statement` (JSON from [`crate::core::xapi`]) with the LMS's
    /// context template laid over its context, and sends what waits.
    pub(crate) fn send(&self, statement: &str, keepalive: bool) {
        let Ok(value) = JSON::parse(statement) else { return };
        if let Ok(context) = Reflect::get(&value, &"context".into()) {
            merge_template(&context, &self.template);
        }
        let Some(json) = JSON::stringify(&value).ok().and_then(|s| s.as_string()) else { return };
        with_outbox(|o| o.queue.push(json));
        flush(keepalive);
    }

    /// Stores `document` as the player's state (the newest wins; one
    /// request at a time).
    pub(crate) fn save(&self, document: String, keepalive: bool) {
        with_outbox(|o| o.state = Some(document));
        flush_state(keepalive);
    }
}

/// Lays the LMS's context template over `context`: the template's values
/// win (cmi5 10.2.1: the AU must not overwrite them), and its activity lists
/// are kept, with the player's own activities added after them.
fn merge_template(context: &JsValue, template: &JsValue) {
    if !template.is_object() {
        return;
    }
    let keys = Object::keys(template.unchecked_ref::<Object>());
    for key in keys.iter() {
        let theirs = Reflect::get(template, &key).unwrap_or(JsValue::UNDEFINED);
        let ours = Reflect::get(context, &key).unwrap_or(JsValue::UNDEFINED);
        let name = key.as_string().unwrap_or_default();
        if (name == "contextActivities" || name == "extensions") && ours.is_object() {
            for inner in Object::keys(theirs.unchecked_ref::<Object>()).iter() {
                let t = Reflect::get(&theirs, &inner).unwrap_or(JsValue::UNDEFINED);
                let o = Reflect::get(&ours, &inner).unwrap_or(JsValue::UNDEFINED);
                let value = if Array::is_array(&o) {
                    let list: Array =
                        if Array::is_array(&t) { t.unchecked_into() } else { Array::of1(&t) };
                    list.concat(o.unchecked_ref::<Array>()).into()
                } else {
                    t
                };
                let _ = Reflect::set(&ours, &inner, &value);
            }
        } else {
            let _ = Reflect::set(context, &key, &theirs);
        }
    }
}

fn with_outbox(f: impl FnOnce(&mut Outbox)) {
    if let Ok(mut slot) = OUTBOX.0.try_borrow_mut()
        && let Some(o) = slot.as_mut()
    {
        f(o);
    }
}

/// Posts every waiting statement in one request, unless one is out. On
/// success they leave the queue; on failure they stay and are retried.
fn flush(keepalive: bool) {
    let mut job = None;
    with_outbox(|o| {
        if (!o.busy || keepalive) && !o.queue.is_empty() {
            o.busy = true;
            let body = format!("[{}]", o.queue.join(","));
            job = Some((format!("{}statements", o.endpoint), o.auth.clone(), body, o.queue.len()));
        }
    });
    let Some((url, auth, body, n)) = job else { return };
    request(
        "POST",
        &url,
        Some(&auth),
        Some(&body),
        keepalive,
        Box::new(move |status, _| {
            let mut retry = None;
            with_outbox(|o| {
                o.busy = false;
                // 200 with the ids, or 204 when the LRS already had them all.
                if status == 200 || status == 204 {
                    o.queue.drain(..n.min(o.queue.len()));
                    o.failures = 0;
                } else {
                    o.failures += 1;
                    retry = Some(RETRY_SECONDS[(o.failures - 1).min(RETRY_SECONDS.len() - 1)]);
                }
            });
            match retry {
                Some(seconds) => {
                    dom::warn(&format!("kursverk: the LRS answered {status} to statements"));
                    later(seconds, || flush(false));
                }
                None => flush(false),
            }
        }),
    );
}

fn flush_state(keepalive: bool) {
    let mut job = None;
    with_outbox(|o| {
        if (!o.state_busy || keepalive)
            && !o.state_url.is_empty()
            && let Some(doc) = o.state.take()
        {
            o.state_busy = true;
            job = Some((o.state_url.clone(), o.auth.clone(), doc));
        }
    });
    let Some((url, auth, doc)) = job else { return };
    let body = doc.clone();
    request(
        "PUT",
        &url,
        Some(&auth),
        Some(&body),
        keepalive,
        Box::new(move |status, _| {
            let mut failed = false;
            with_outbox(|o| {
                o.state_busy = false;
                if !(200..300).contains(&status) {
                    failed = true;
                    // A newer document, if one came meanwhile, wins.
                    o.state.get_or_insert(doc);
                }
            });
            if failed {
                later(RETRY_SECONDS[1], || flush_state(false));
            } else {
                flush_state(false);
            }
        }),
    );
}

/// Whether every statement has reached the LRS.
pub(crate) fn delivered() -> bool {
    let mut done = true;
    with_outbox(|o| done = o.queue.is_empty() && !o.busy);
    done
}

/// The registration a cmi5 launch names, for keeping this learner's local
/// copy when the LMS cannot be reached.
pub(crate) fn launch_registration(win: &Window) -> Option<String> {
    params(win).into_iter().find(|(k, _)| k == "registration").map(|(_, v)| v)
}

pub(crate) fn later(seconds: i32, f: fn()) {
    if let Some(win) = web_sys::window() {
        let f = Closure::once_into_js(f);
        let _ = win.set_timeout_with_callback_and_timeout_and_arguments_0(
            f.unchecked_ref(),
            seconds * 1000,
        );
    }
}

/// One HTTP request; `done` gets the status (0 when it never arrived) and
/// the body. `auth` is `None` for the one request that is not xAPI (the
/// cmi5 token), else the `Authorization` value (empty: none).
fn request(
    method: &str,
    url: &str,
    auth: Option<&str>,
    body: Option<&str>,
    keepalive: bool,
    done: Done,
) {
    let Some(win) = web_sys::window() else { return done(0, String::new()) };
    let init = RequestInit::new();
    init.set_method(method);
    let headers = Object::new();
    let header = |k: &str, v: &str| {
        let _ = Reflect::set(&headers, &k.into(), &v.into());
    };
    if let Some(auth) = auth {
        header("X-Experience-API-Version", XAPI_VERSION);
        if !auth.is_empty() {
            header("Authorization", auth);
        }
    }
    if let Some(body) = body {
        header("Content-Type", "application/json");
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    // `keepalive` (the request outlives the page) is not in web-sys's
    // stable API yet.
    let _ = Reflect::set(&init, &"keepalive".into(), &keepalive.into());
    let done: Rc<RefCell<Option<Done>>> = Rc::new(RefCell::new(Some(done)));
    let finish = {
        let done = done.clone();
        move |status: u16, text: String| {
            if let Some(f) = done.borrow_mut().take() {
                f(status, text);
            }
        }
    };
    let failed = finish.clone();
    let on_error = Closure::once_into_js(move |_: JsValue| failed(0, String::new()));
    let on_response = Closure::once_into_js(move |r: JsValue| {
        let r: Response = r.unchecked_into();
        let status = r.status();
        let after = finish.clone();
        let read = Closure::once_into_js(move |t: JsValue| {
            after(status, t.as_string().unwrap_or_default())
        });
        let empty = Closure::once_into_js(move |_: JsValue| finish(status, String::new()));
        if let Ok(p) = r.text() {
            then(&p, &read, &empty);
        }
    });
    then(&win.fetch_with_str_and_init(url, &init), &on_response, &on_error);
}

/// What connecting calls when it is over.
pub(crate) type Ready = Box<dyn FnOnce(Option<(Lrs, Saved)>)>;

/// What a request calls when it is over.
type Done = Box<dyn FnOnce(u16, String)>;

/// `promise.then(ok, err)` with closures that free themselves once called.
fn then(promise: &js_sys::Promise, ok: &JsValue, err: &JsValue) {
    if let Ok(f) = Reflect::get(promise, &"then".into()) {
        let _ = f.unchecked_ref::<js_sys::Function>().call2(promise, ok, err);
    }
}

/// The launch URL's query parameters, decoded.
fn params(win: &Window) -> Vec<(String, String)> {
    let search = win.location().search().unwrap_or_default();
    let decode = |s: &str| {
        js_sys::decode_uri_component(&s.replace('+', " "))
            .ok()
            .map(String::from)
            .unwrap_or_default()
    };
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

/// An agent from the launch URL, as the browser writes JSON (so no text of
/// the URL reaches a statement unparsed).
fn normalize(actor: &str) -> Option<String> {
    let value = JSON::parse(actor).ok().filter(JsValue::is_object)?;
    JSON::stringify(&value).ok()?.as_string()
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
