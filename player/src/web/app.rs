//! The running course: one [`App`] per page load, reached from every event
//! handler through a thread-local.
//!
//! Saving follows what strict LMSs need: values are written as soon as
//! something changes and committed at once when an answer or the status
//! changes; a page turn's commit waits two seconds (Moodle commits
//! synchronously, so paging would otherwise block on every click). Hidden
//! pages and `pagehide` commit at once, and `pagehide` is also the one place
//! that terminates. A full copy, free text included, is kept in
//! `localStorage`, so nothing is lost when the LMS refuses, fails or is
//! missing.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event, HtmlInputElement, HtmlTextAreaElement, Window};

use super::lms::{self, Lms};
#[cfg(feature = "xapi")]
use super::xapi::{self, Lrs, Saved};
use super::{data, dom, forms};
use crate::core::cmi::{self, Interaction, Version};
use crate::core::restore::{self, LmsCopy};
use crate::core::text::{escape_html as escape, fill};
use crate::core::{Answer, AnswerError, State, calc, suspend};
#[cfg(feature = "xapi")]
use crate::model::xapi::{Learner, X, Xapi};
use crate::model::{Course, Kind, T};

/// The one running course.
///
/// A plain static rather than `thread_local!`: the player runs on the
/// browser's main thread only (the wasm is built without atomics), and the
/// thread-local machinery costs the player kilobytes.
struct Global(RefCell<Option<App>>);

// SAFETY: wasm32-unknown-unknown without the atomics feature has exactly
// one thread, so the RefCell is never reached from two threads.
unsafe impl Sync for Global {}

static APP: Global = Global(RefCell::new(None));

/// Seconds to wait before each retry of a failed commit.
const RETRY_SECONDS: [i32; 4] = [1, 3, 10, 30];

pub(crate) struct App {
    win: Window,
    doc: Document,
    course: Course,
    state: State,
    version: Option<Version>,
    lms: Option<Lms>,
    started: f64,
    page_shown: f64,
    interactions: usize,
    failed_commits: usize,
    commit_pending: bool,
    /// Where this learner's copy lives in `localStorage`; `None` when the
    /// LMS does not say who the learner is (then no copy is kept at all).
    storage_key: Option<String>,
    ended: bool,
    /// The LRS, in the xAPI build when the course reports to one.
    #[cfg(feature = "xapi")]
    lrs: Option<Lrs>,
    /// The xAPI settings the page carries (xAPI build only).
    #[cfg(feature = "xapi")]
    xapi: Option<Xapi>,
}

/// How the course is tracked, once connected: SCORM (or nothing), or an
/// LRS with what it held (`None` inside: it could not be reached).
// Made once per page load: the size difference costs nothing.
#[allow(clippy::large_enum_variant)]
enum Tracking {
    Scorm,
    #[cfg(feature = "xapi")]
    Xapi(Xapi, Option<(Lrs, Saved)>),
}

impl App {
    pub(crate) fn start() -> Result<(), JsValue> {
        let win = web_sys::window().ok_or("no window")?;
        let doc = win.document().ok_or("no document")?;
        let data = dom::one(&doc, "#kv-course").and_then(|e| e.text_content()).unwrap_or_default();
        let course = data::course(&data).ok_or("the course data is not valid")?;
        #[cfg(feature = "xapi")]
        if let Some(x) = xapi::settings(&doc) {
            let id = course.id.clone();
            let (w, d) = (win.clone(), doc.clone());
            xapi::connect(
                &win,
                &doc,
                &id,
                &x.clone(),
                Box::new(move |link| {
                    if let Err(e) = App::run(w, d, course, Tracking::Xapi(x, link)) {
                        web_sys::console::error_2(
                            &"kursverk: could not start the player:".into(),
                            &e,
                        );
                    }
                }),
            );
            return Ok(());
        }
        App::run(win, doc, course, Tracking::Scorm)
    }

    /// Starts the course once it knows how it is tracked.
    fn run(win: Window, doc: Document, course: Course, tracking: Tracking) -> Result<(), JsValue> {
        #[allow(unused_mut)]
        let mut course = course;
        let root = doc.document_element().ok_or("no root element")?;
        let version = root.get_attribute("data-kv-scorm").and_then(|n| Version::from_name(&n));
        let lms = version.and_then(|v| Lms::initialize(lms::find(&win, v)?, v));
        #[allow(unused_mut)]
        let mut storage_key = storage_key(&course.id, version, lms.as_ref());
        #[allow(unused_mut, unused_assignments)]
        let mut saved: Option<Option<String>> = None;
        #[cfg(feature = "xapi")]
        let (lrs, xapi) = match tracking {
            Tracking::Scorm => (None, None),
            Tracking::Xapi(x, link) => {
                let registration = match &link {
                    Some((lrs, _)) => Some(lrs.session.registration.clone()),
                    None => {
                        xapi::launch_registration(&win).filter(|_| x.learner == Learner::Launch)
                    }
                };
                storage_key = match registration {
                    Some(r) => Some(format!("kursverk:{}:xapi:{r}", course.id)),
                    // A link that names nobody: a course on its own, kept in
                    // this browser as the web build keeps it.
                    None if x.learner == Learner::Link => {
                        Some(format!("kursverk:{}:web", course.id))
                    }
                    None => None,
                };
                match link {
                    Some((lrs, s)) => {
                        if let Some(m) = lrs.mastery {
                            course.mastery_score = m;
                        }
                        saved = Some(s.suspend);
                        (Some(lrs), Some(x))
                    }
                    None => (None, Some(x)),
                }
            }
        };
        #[cfg(not(feature = "xapi"))]
        let Tracking::Scorm = tracking;
        let now = js_sys::Date::now();
        let mut app = App {
            state: State::new(&course),
            win,
            doc,
            course,
            version,
            lms,
            started: now,
            page_shown: now,
            interactions: 0,
            failed_commits: 0,
            commit_pending: false,
            storage_key,
            ended: false,
            #[cfg(feature = "xapi")]
            lrs,
            #[cfg(feature = "xapi")]
            xapi,
        };
        app.restore(saved);
        // A link to a page (`index.html#page-<id>`) opens it: always
        // without an LMS (an author looking at a page), and in an LMS when
        // the learner has no place in the course yet.
        if let Some(i) = app.linked_page()
            && (app.lms.is_none() || app.state == State::new(&app.course))
        {
            app.state.goto(&app.course, i);
            // The browser scrolled to the page's section; the course starts
            // at its header, as any page does.
            app.win.scroll_to_with_x_and_y(0.0, 0.0);
        }
        let mode = match (&app.lms, app.version) {
            (Some(_), Some(v)) => v.name(),
            _ => "none",
        };
        root.set_attribute("data-kv-lms", mode)?;
        // A course tracked over xAPI says so itself.
        #[cfg(feature = "xapi")]
        let told = app.start_xapi(&root)?;
        #[cfg(not(feature = "xapi"))]
        let told = false;
        if !told && app.lms.is_none() {
            app.notice(app.t(T::Standalone), false);
            app.offer_forget();
        }
        app.show_restored_answers();
        for form in dom::all(&app.doc, "form.kv-calculator") {
            app.calculate(&form);
        }
        app.show_page(false);
        app.sync();
        if let Ok(mut slot) = APP.0.try_borrow_mut() {
            *slot = Some(app);
        }
        install_listeners()?;
        root.set_attribute("data-kv-ready", "1")?;
        Ok(())
    }

    /// Loads saved state: the LMS's and this learner's local copy, weighed
    /// by [`restore::restore`]. Copies kept before they were keyed by
    /// learner are removed unread: they may be anyone's.
    fn restore(&mut self, xapi: Option<Option<String>>) {
        let storage = self.storage();
        if let (Some(s), Some(v)) = (&storage, self.version) {
            let _ = s.remove_item(&format!("kursverk:{}:{}", self.course.id, v.name()));
        }
        let local = match (&storage, &self.storage_key) {
            (Some(s), Some(key)) => s.get_item(key).ok().flatten(),
            _ => None,
        };
        let (data, location);
        let copy = match (&self.lms, self.version) {
            _ if xapi.is_some() => match xapi.as_ref().and_then(|d| d.as_deref()) {
                Some(d) => LmsCopy::Data(d),
                None => LmsCopy::Empty,
            },
            (Some(lms), Some(v)) => {
                self.interactions = lms.get("cmi.interactions._count").parse().unwrap_or(0);
                data = lms.get(v.suspend_data());
                location = lms.get(v.location());
                if !data.is_empty() {
                    LmsCopy::Data(&data)
                } else if !location.is_empty() {
                    LmsCopy::Location(&location)
                } else {
                    LmsCopy::Empty
                }
            }
            _ => LmsCopy::Absent,
        };
        self.state = restore::restore(&self.course, copy, local.as_deref());
    }

    /// The page the address names (`#page-<id>`), if any.
    fn linked_page(&self) -> Option<usize> {
        let hash = self.win.location().hash().ok()?;
        self.course.page_index(hash.strip_prefix("#page-")?)
    }

    /// Removes this browser's copy of the learner's answers and starts the
    /// course afresh (standalone only: "Forget my answers on this computer").
    fn forget(&mut self) {
        if !self.win.confirm_with_message(self.t(T::ForgetConfirm)).unwrap_or(false) {
            return;
        }
        if let (Some(s), Some(key)) = (self.storage(), &self.storage_key) {
            let _ = s.remove_item(key);
        }
        // Who the learner is and their registration go too: the next
        // person at this computer is asked anew.
        #[cfg(feature = "xapi")]
        if let Some(s) = self.storage() {
            let prefix = format!("kursverk:{}:xapi", self.course.id);
            let keys: Vec<String> = (0..s.length().unwrap_or(0))
                .filter_map(|i| s.key(i).ok().flatten())
                .filter(|k| k.starts_with(&prefix))
                .collect();
            for k in keys {
                let _ = s.remove_item(&k);
            }
        }
        // Nothing may write the copy back while the page goes away.
        self.storage_key = None;
        self.ended = true;
        let _ = self.win.location().reload();
    }

    fn storage(&self) -> Option<web_sys::Storage> {
        // Blocked storage throws; treat it as absent.
        self.win.local_storage().ok().flatten()
    }

    /// Tells the learner something that matters. A `transient` notice
    /// (trouble reaching the LMS) goes away once a commit succeeds again.
    pub(crate) fn notice(&self, text: &str, transient: bool) {
        if let Some(n) = dom::one(&self.doc, "#kv-notice") {
            n.set_text_content(Some(text));
            let _ = n.toggle_attribute_with_force("data-transient", transient);
            dom::set_hidden(&n, false);
        }
    }

    /// Standalone, the answers stay in this browser: a button under the
    /// notice removes them (a shared computer's next user must not see them).
    fn offer_forget(&self) {
        if let Some(n) = dom::one(&self.doc, "#kv-notice") {
            let html = format!(
                "<button type=\"button\" id=\"kv-forget\" class=\"kv-secondary\">{}</button>",
                escape(self.t(T::Forget))
            );
            let _ = n.insert_adjacent_html("afterend", &html);
        }
    }

    fn clear_transient_notice(&self) {
        if let Some(n) = dom::one(&self.doc, "#kv-notice[data-transient]") {
            dom::set_hidden(&n, true);
            let _ = n.remove_attribute("data-transient");
        }
    }

    fn show_page(&self, focus: bool) {
        let current = self.state.current;
        for section in dom::all(&self.doc, ".kv-page") {
            let index = section.get_attribute("data-page").and_then(|p| p.parse::<usize>().ok());
            let here = index == Some(current);
            dom::set_hidden(&section, !here);
            if here
                && focus
                && let Some(h1) = section.query_selector("h1").ok().flatten()
            {
                dom::focus(&h1);
            }
        }
        let last = self.course.pages.len().saturating_sub(1);
        if let Some(b) = dom::one(&self.doc, "#kv-prev") {
            dom::set_disabled(&b, current == 0);
        }
        if let Some(b) = dom::one(&self.doc, "#kv-next") {
            dom::set_disabled(&b, current >= last);
        }
        let label = fill(
            self.t(T::PageOf),
            &[("n", &(current + 1).to_string()), ("total", &self.course.pages.len().to_string())],
        );
        if let Some(p) = dom::one(&self.doc, "#kv-progress-text") {
            p.set_text_content(Some(&label));
        }
        if let Some(p) = dom::one(&self.doc, "#kv-progress") {
            let _ = p.set_attribute("value", &self.state.visited_count().to_string());
        }
        self.update_summary();
        for link in dom::all(&self.doc, "#kv-toc [data-goto]") {
            let i = link.get_attribute("data-goto").and_then(|p| p.parse::<usize>().ok());
            if i == Some(current) {
                let _ = link.set_attribute("aria-current", "page");
            } else {
                let _ = link.remove_attribute("aria-current");
            }
            let seen = i.is_some_and(|i| self.state.visited.get(i) == Some(&true));
            let _ = link.class_list().toggle_with_force("kv-visited", seen);
        }
    }

    /// Moving between pages changes only the bookmark (unless it completes
    /// the course): its commit waits a moment, so a learner paging quickly
    /// through a course does not make a strict LMS (Moodle commits
    /// synchronously) save on every click. Status changes commit at once.
    fn goto(&mut self, index: usize) {
        let before = (self.state.completion(&self.course), self.state.success(&self.course));
        self.state.goto(&self.course, index);
        self.page_shown = js_sys::Date::now();
        self.show_page(true);
        let after = (self.state.completion(&self.course), self.state.success(&self.course));
        if before == after {
            self.write();
            self.commit_soon();
        } else {
            self.sync();
        }
    }

    /// Tells the LMS (and this browser) where the learner is, then commits.
    fn sync(&mut self) {
        self.write();
        self.commit();
    }

    /// Commits in two seconds, unless a commit happens before then.
    fn commit_soon(&mut self) {
        if self.commit_pending || !self.tracked() {
            return;
        }
        self.commit_pending = true;
        let later = Closure::once_into_js(|| {
            with_app(|app| {
                if app.commit_pending {
                    app.commit();
                }
            })
        });
        let _ = self
            .win
            .set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 2000);
    }

    /// Writes the current values to the LMS and this browser, without
    /// committing.
    fn write(&mut self) {
        self.save_locally();
        // After Terminate (pagehide comes before the last visibilitychange)
        // only the local copy may change.
        if self.ended {
            return;
        }
        let mut refused = false;
        if let (Some(lms), Some(v)) = (self.lms.as_mut(), self.version) {
            for (element, value) in cmi::values(&self.course, &self.state, v) {
                refused |= !lms.set(element, &value);
            }
        }
        if refused {
            self.notice(self.t(T::LmsTrouble), true);
        }
        #[cfg(feature = "xapi")]
        self.report(false);
    }

    /// Whether an LMS or LRS hears of the learner's progress.
    fn tracked(&self) -> bool {
        #[cfg(feature = "xapi")]
        if self.lrs.is_some() {
            return true;
        }
        self.lms.is_some()
    }

    /// Commits; on failure retries with growing pauses, and tells the
    /// learner once it has failed twice (their answers are safe locally).
    fn commit(&mut self) {
        self.commit_pending = false;
        #[cfg(feature = "xapi")]
        if let Some(lrs) = self.lrs.as_ref().filter(|_| !self.ended) {
            let sent = lrs.sent;
            lrs.save(crate::core::xapi::state_document(&self.course, &self.state, &sent), false);
        }
        let Some(lms) = self.lms.as_mut().filter(|_| !self.ended) else { return };
        if lms.commit() {
            if self.failed_commits > 0 {
                self.clear_transient_notice();
            }
            self.failed_commits = 0;
            return;
        }
        self.failed_commits += 1;
        if self.failed_commits >= 2 {
            self.notice(self.t(T::LmsTrouble), true);
        }
        if let Some(&seconds) = RETRY_SECONDS.get(self.failed_commits - 1) {
            let retry = Closure::once_into_js(|| with_app(App::commit));
            let _ = self.win.set_timeout_with_callback_and_timeout_and_arguments_0(
                retry.unchecked_ref(),
                seconds * 1000,
            );
        }
    }

    /// Keeps a full copy (free text included) in this browser. Full or
    /// blocked storage is not an error the learner can act on: skip it.
    fn save_locally(&self) {
        if let (Some(s), Some(key)) = (self.storage(), &self.storage_key) {
            let data = suspend::encode(&self.course, &self.state, Version::Scorm2004);
            let _ = s.set_item(key, &data);
        }
    }

    /// Ends the session: final values, session time, exit, commit,
    /// terminate. Runs once, on `pagehide`.
    fn end(&mut self) {
        if self.ended {
            return;
        }
        self.sync();
        #[cfg(feature = "xapi")]
        self.end_xapi();
        self.ended = true;
        if let (Some(lms), Some(v)) = (self.lms.as_mut(), self.version) {
            let millis = (js_sys::Date::now() - self.started).max(0.0) as u64;
            lms.set(v.session_time(), &v.format_duration(millis));
            lms.set(v.exit(), v.exit_value(cmi::finished(&self.course, &self.state)));
            lms.commit();
            lms.terminate();
        }
    }

    /// Records a submitted answer as the next LMS interaction.
    fn record(&mut self, id: &str, correct: Option<bool>) {
        #[cfg(feature = "xapi")]
        self.answered(id, correct);
        let (Some(lms), Some(v)) = (self.lms.as_mut(), self.version) else { return };
        let (Some(question), Some(answer)) = (self.course.question(id), self.state.answers.get(id))
        else {
            return;
        };
        let now = js_sys::Date::now();
        let interaction = Interaction {
            question,
            answer,
            correct,
            latency_ms: (now - self.page_shown).max(0.0) as u64,
            time_ms: now.max(0.0) as u64,
        };
        let (values, shortened) = cmi::interaction(v, self.interactions, &interaction);
        // The record exists once the LMS took its id: the next answer goes
        // to the next index even if some other field was refused, so one
        // refused value never overwrites another answer's record.
        let mut id_taken = false;
        let mut refused = false;
        for (i, (element, value)) in values.iter().enumerate() {
            let ok = lms.set(element, value);
            id_taken |= i == 0 && ok;
            refused |= !ok;
        }
        if id_taken {
            self.interactions += 1;
        }
        if shortened {
            self.notice(self.t(T::TextTooLong), false);
        } else if refused {
            self.notice(self.t(T::LmsTrouble), true);
        }
    }

    fn t(&self, t: T) -> &str {
        self.course.text(t)
    }

    fn on_question(&mut self, form: &Element) {
        let Some(id) = form.get_attribute("data-question") else { return };
        let Some(q) = self.course.question(&id) else { return };
        let answer = match forms::read(form, q) {
            Ok(a) => a,
            Err(missing) => {
                forms::show(form, &format!("<p>{}</p>", self.t(missing)), None);
                return;
            }
        };
        match self.state.answer(&self.course, &id, answer) {
            Ok(correct) => {
                self.show_feedback(form, &id);
                self.record(&id, correct);
                self.sync();
            }
            Err(AnswerError::NoTriesLeft) => {
                forms::show(form, &format!("<p>{}</p>", self.t(T::NoTries)), None)
            }
            Err(_) => {}
        }
    }

    fn show_feedback(&self, form: &Element, id: &str) {
        let (Some(q), Some(answer)) = (self.course.question(id), self.state.answers.get(id)) else {
            return;
        };
        forms::feedback(&self.course, form, q, answer, self.state.tries_left(q));
    }

    fn on_reflection(&mut self, form: &Element, save: bool) {
        let Some(id) = form.get_attribute("data-question") else { return };
        let Some(area) = form.query_selector("textarea").ok().flatten() else { return };
        let Some(text) = Some(area.unchecked_ref::<HtmlTextAreaElement>().value()) else { return };
        if self.state.answer(&self.course, &id, Answer::Text(text)).is_err() {
            return;
        }
        if save {
            forms::show(form, &format!("<p>{}</p>", self.t(T::Saved)), None);
            self.record(&id, None);
            self.sync();
        } else {
            self.save_locally();
        }
    }

    /// Puts restored answers back into the forms.
    fn show_restored_answers(&self) {
        for q in &self.course.questions {
            let Some(answer) = self.state.answers.get(&q.id) else { continue };
            let Some(form) = dom::one(&self.doc, &format!("form[data-question=\"{}\"]", q.id))
            else {
                continue;
            };
            if q.kind == Kind::Reflection {
                if let (Answer::Text(text), Some(a)) =
                    (answer, form.query_selector("textarea").ok().flatten())
                    && let a = a.unchecked_ref::<HtmlTextAreaElement>()
                {
                    a.set_value(text);
                }
            } else {
                forms::fill(&form, q, answer);
                self.show_feedback(&form, &q.id);
            }
        }
    }

    /// Recomputes a calculator's results from its inputs. An empty or
    /// out-of-range input shows `–` rather than a wrong number.
    fn calculate(&self, form: &Element) {
        let Some(id) = form.get_attribute("data-calculator") else { return };
        let Some(calc) = self.course.calculators.iter().find(|c| c.id == id) else { return };
        let mut values = Vec::new();
        for name in &calc.inputs {
            let input = form.query_selector(&format!("input[name=\"{name}\"]")).ok().flatten();
            let input = input.as_ref().map(|i| i.unchecked_ref::<HtmlInputElement>());
            if let Some(i) = input {
                let v = i.value_as_number();
                let ok = i.check_validity() && !v.is_nan();
                let _ = i.set_attribute("aria-invalid", if ok { "false" } else { "true" });
                if ok {
                    values.push((name.as_str(), v));
                }
            }
        }
        for (i, formula) in calc.outputs.iter().enumerate() {
            let text = match calc::evaluate(formula, &values) {
                Some(v) => calc::format_number(v, formula.decimals, self.course.language),
                None => "–".into(),
            };
            if let Some(out) =
                form.query_selector(&format!("output[data-output=\"{i}\"]")).ok().flatten()
            {
                out.set_text_content(Some(&text));
            }
        }
    }

    /// Fills in the result page, if the course has one.
    fn update_summary(&self) {
        let Some(panel) = dom::one(&self.doc, "#kv-summary") else { return };
        let c = &self.course;
        let say = |key: T, pairs: &[(&str, String)]| {
            let pairs: Vec<(&str, &str)> =
                pairs.iter().map(|(k, v)| (k.trim_matches(['{', '}']), v.as_str())).collect();
            fill(self.t(key), &pairs)
        };
        let mut html = format!(
            "<p>{}</p>",
            say(
                T::PagesSeen,
                &[
                    ("{n}", self.state.visited_count().to_string()),
                    ("{total}", c.pages.len().to_string())
                ]
            )
        );
        let (answered, total) = self.state.answered(c);
        if total > 0 {
            html += &format!(
                "<p>{}</p>",
                say(T::Answered, &[("{n}", answered.to_string()), ("{total}", total.to_string())])
            );
        }
        if let Some(score) = self.state.counted_percent(c) {
            html += &format!(
                "<p>{}</p>",
                say(
                    T::ScoreLine,
                    &[("{score}", score.to_string()), ("{mastery}", c.mastery_score.to_string())]
                )
            );
            let passed = self.state.success(c) == crate::core::Success::Passed;
            html += &format!(
                "<p><strong>{}</strong></p>",
                self.t(if passed { T::Passed } else { T::Failed })
            );
        }
        let done = cmi::finished(c, &self.state);
        html +=
            &format!("<p><strong>{}</strong></p>", self.t(if done { T::Done } else { T::NotDone }));
        let todo = self.state.todo(c);
        if !todo.is_empty() {
            html += &format!("<p>{}</p><ul>", self.t(T::StillToDo));
            for (page, unread) in todo {
                let title = escape(&c.pages[page].title);
                let text = fill(
                    self.t(if unread { T::Unread } else { T::Unanswered }),
                    &[("page", &title)],
                );
                html += &format!(
                    "<li><a href=\"#page-{}\" data-goto=\"{page}\">{text}</a></li>",
                    c.pages[page].id
                );
            }
            html += "</ul>";
        }
        if self.state.can_retry(c) {
            html +=
                &format!("<button type=\"button\" id=\"kv-retry\">{}</button>", self.t(T::Retry));
        }
        panel.set_inner_html(&html);
    }

    /// Starts the quiz over and goes to its first page.
    fn retry(&mut self) {
        let Some(page) = self.state.retry(&self.course) else { return };
        for q in self.course.scored() {
            if let Some(form) = dom::one(&self.doc, &format!("form[data-question=\"{}\"]", q.id)) {
                forms::reset(&form);
                if let Some(t) = form.query_selector(".kv-tries").ok().flatten() {
                    t.set_text_content(Some(&fill(
                        self.t(T::TriesLeft),
                        &[("n", &q.attempts.to_string())],
                    )));
                }
            }
        }
        self.goto(page);
    }

    /// The learner's own record: every reflection question with their
    /// answer, as a small HTML document (shown, downloaded or printed).
    fn record_html(&self) -> String {
        let mut body = String::new();
        for q in self.course.questions.iter().filter(|q| q.kind == Kind::Reflection) {
            if let Some(Answer::Text(text)) = self.state.answers.get(&q.id)
                && !text.trim().is_empty()
            {
                body.push_str(&format!(
                    "<h3>{}</h3><p class=\"kv-answer\">{}</p>",
                    escape(&q.text),
                    escape(text).replace('\n', "<br>")
                ));
            }
        }
        if body.is_empty() {
            body = format!("<p>{}</p>", self.t(T::NoReflections));
        }
        body
    }

    fn toggle_record(&self, open: bool) {
        if let Some(list) = dom::one(&self.doc, "#kv-record-list") {
            list.set_inner_html(&self.record_html());
        }
        if let Some(panel) = dom::one(&self.doc, "#kv-record") {
            dom::set_hidden(&panel, !open);
            if open && let Some(h) = panel.query_selector("h2").ok().flatten() {
                dom::focus(&h);
            }
        }
        if let Some(b) = dom::one(&self.doc, "#kv-record-open") {
            let _ = b.set_attribute("aria-expanded", if open { "true" } else { "false" });
            if !open {
                dom::focus(&b);
            }
        }
    }

    fn download_record(&self) {
        let title = escape(&self.course.title);
        let html = format!(
            "<!DOCTYPE html><html lang=\"{}\"><meta charset=\"utf-8\"><title>{title}: {}</title>\
             <h1>{title}</h1><h2>{}</h2>{}</html>",
            self.course.language.tag(),
            self.t(T::MyAnswers),
            self.t(T::MyAnswers),
            self.record_html()
        );
        let url = format!(
            "data:text/html;charset=utf-8,{}",
            String::from(js_sys::encode_uri_component(&html))
        );
        if let Ok(a) = self.doc.create_element("a") {
            let _ = a.set_attribute("href", &url);
            let _ = a.set_attribute("download", &format!("{}-mina-svar.html", self.course.id));
            a.unchecked_ref::<web_sys::HtmlElement>().click();
        }
    }

    fn on_click(&mut self, e: &Event) {
        let target = e.target();
        let hit = |sel: &str| dom::closest(target.clone(), sel).is_some();
        if let Some(button) = dom::closest(target.clone(), "[data-move]") {
            if let Some(text) = forms::move_item(&self.course, &button)
                && let Some(form) = button.closest("form").ok().flatten()
                && let Some(live) = form.query_selector("[data-announce]").ok().flatten()
            {
                live.set_text_content(Some(&text));
            }
        } else if hit("#kv-retry") {
            self.retry();
        } else if hit("#kv-next") {
            self.goto(self.state.current + 1);
        } else if hit("#kv-prev") {
            self.goto(self.state.current.saturating_sub(1));
        } else if hit("#kv-record-open") {
            let open = dom::one(&self.doc, "#kv-record").is_some_and(|p| p.has_attribute("hidden"));
            self.toggle_record(open);
        } else if hit("#kv-record-close") {
            self.toggle_record(false);
        } else if hit("#kv-record-download") {
            self.download_record();
        } else if hit("#kv-forget") {
            self.forget();
        } else if hit("#kv-exit") {
            #[cfg(feature = "xapi")]
            self.exit();
        } else if hit("#kv-record-print") {
            let _ = self.win.print();
        } else if let Some(link) = dom::closest(target, "[data-goto]")
            && let Some(i) = link.get_attribute("data-goto").and_then(|p| p.parse().ok())
        {
            e.prevent_default();
            self.goto(i);
        }
    }
}

/// The xAPI side of the course (xAPI build only): the statements, in the
/// order cmi5 wants them, and the saved state in the State API.
#[cfg(feature = "xapi")]
impl App {
    /// Says how the course is tracked and sends `initialized`. Returns
    /// whether the page is tracked over xAPI (or meant to be).
    fn start_xapi(&mut self, root: &Element) -> Result<bool, JsValue> {
        let Some(x) = self.xapi.clone() else { return Ok(false) };
        let Some(lrs) = &self.lrs else {
            // A cmi5 launch without its LMS (or one reloaded after it
            // ended), or a link without a learner.
            let text = match x.learner {
                Learner::Launch if xapi::relaunched() => x.text(X::Relaunch),
                Learner::Launch => x.text(X::NoLms),
                _ => self.t(T::Standalone),
            };
            self.notice(text, false);
            self.offer_forget();
            return Ok(true);
        };
        root.set_attribute("data-kv-lms", if lrs.session.cmi5 { "cmi5" } else { "xapi" })?;
        if lrs.session.cmi5 {
            if let Some(exit) = dom::one(&self.doc, "#kv-exit") {
                dom::set_hidden(&exit, false);
            }
        } else {
            self.notice(x.text(X::Reporting), false);
            self.offer_forget();
        }
        self.send(crate::core::xapi::Verb::Initialized, false);
        self.report(false);
        Ok(true)
    }

    /// Sends the completion and result statements the state calls for.
    fn report(&mut self, ending: bool) {
        use crate::core::xapi::{due, mark};
        let Some(lrs) = self.lrs.as_ref().filter(|_| !self.ended) else { return };
        let verbs = due(&self.course, &self.state, lrs.mode, &lrs.sent, ending);
        for verb in verbs {
            self.send(verb, ending);
            if let Some(lrs) = self.lrs.as_mut() {
                mark(&mut lrs.sent, verb);
            }
        }
    }

    fn send(&self, verb: crate::core::xapi::Verb, keepalive: bool) {
        let Some(lrs) = &self.lrs else { return };
        let now = js_sys::Date::now();
        let statement = crate::core::xapi::statement(
            &lrs.session,
            &self.course,
            &self.state,
            &xapi::uuid(),
            verb,
            now.max(0.0) as u64,
            (now - self.started).max(0.0) as u64,
        );
        lrs.send(&statement, keepalive);
    }

    /// An `answered` statement for the question just answered.
    fn answered(&self, id: &str, correct: Option<bool>) {
        let Some(lrs) = self.lrs.as_ref().filter(|_| !self.ended) else { return };
        let (Some(q), Some(answer)) = (self.course.question(id), self.state.answers.get(id)) else {
            return;
        };
        let now = js_sys::Date::now();
        if let Some(statement) = crate::core::xapi::answered(
            &lrs.session,
            &self.course,
            q,
            answer,
            correct,
            &xapi::uuid(),
            now.max(0.0) as u64,
            (now - self.page_shown).max(0.0) as u64,
        ) {
            lrs.send(&statement, false);
        }
    }

    /// The end of the session: a result still owed, the state, and
    /// `terminated` last, all sent so they outlive the page.
    fn end_xapi(&mut self) {
        if self.ended || self.lrs.is_none() {
            return;
        }
        self.report(true);
        if let Some(lrs) = &self.lrs {
            let sent = lrs.sent;
            lrs.save(crate::core::xapi::state_document(&self.course, &self.state, &sent), true);
            if lrs.session.cmi5 {
                xapi::ended(&lrs.session.session);
            }
        }
        self.send(crate::core::xapi::Verb::Terminated, true);
    }

    /// The learner leaves through the course's own button: the session
    /// ends, and once the LRS has everything the LMS's return address opens
    /// (without one, the learner is told the course has ended).
    fn exit(&mut self) {
        self.end();
        if let Some(b) = dom::one(&self.doc, "#kv-exit") {
            dom::set_disabled(&b, true);
        }
        match self.lrs.as_ref().and_then(|l| l.return_url.as_deref()) {
            Some(url) => xapi::leave(url),
            None => {
                let text = self.xapi.as_ref().map(|x| x.text(X::Ended)).unwrap_or_default();
                self.notice(text, false);
            }
        }
    }
}

/// The LRS has not taken the latest statements (`on`), or has again: the
/// learner is told, as when an LMS refuses a commit.
#[cfg(feature = "xapi")]
pub(crate) fn lrs_trouble(on: bool) {
    with_app(|app| {
        // A page without its LRS (a reloaded, ended launch) only sends
        // what an earlier page left: its own notice stays.
        let (Some(lrs), Some(x)) = (&app.lrs, &app.xapi) else { return };
        if on {
            app.notice(x.text(X::Trouble), true);
        } else {
            app.clear_transient_notice();
            if !lrs.session.cmi5 {
                app.notice(x.text(X::Reporting), false);
            }
        }
    });
}

/// The `localStorage` key of this learner's copy: course, SCORM version and
/// the LMS's learner id, so two learners sharing a browser never see each
/// other's answers. With an LMS that gives no learner id there is no key:
/// nothing is kept rather than something shared. Without an LMS the copy
/// belongs to whoever uses this browser, who can remove it.
fn storage_key(course: &str, version: Option<Version>, lms: Option<&Lms>) -> Option<String> {
    match (version, lms) {
        (Some(v), Some(lms)) => {
            let learner = lms.get(v.learner_id());
            (!learner.is_empty()).then(|| format!("kursverk:{course}:{}:{learner}", v.name()))
        }
        _ => Some(format!("kursverk:{course}:web")),
    }
}

pub(crate) fn with_app(f: impl FnOnce(&mut App)) {
    // A handler that runs while another holds the app (an LMS call that
    // dispatches events synchronously) is skipped rather than panicking.
    if let Ok(mut slot) = APP.0.try_borrow_mut()
        && let Some(app) = slot.as_mut()
    {
        f(app);
    }
}

fn listen(
    target: &web_sys::EventTarget,
    kind: &str,
    f: impl FnMut(Event) + 'static,
) -> Result<(), JsValue> {
    let closure = Closure::<dyn FnMut(Event)>::new(f);
    target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
    // The listeners live as long as the page.
    closure.forget();
    Ok(())
}

fn install_listeners() -> Result<(), JsValue> {
    let win = web_sys::window().ok_or("no window")?;
    let doc = win.document().ok_or("no document")?;
    listen(&doc, "click", |e| with_app(|app| app.on_click(&e)))?;
    listen(&doc, "submit", |e| {
        if let Some(form) = dom::closest(e.target(), "form.kv-calculator") {
            e.prevent_default();
            with_app(|app| app.calculate(&form));
        } else if let Some(form) = dom::closest(e.target(), "form.kv-question") {
            e.prevent_default();
            with_app(|app| app.on_question(&form));
        } else if let Some(form) = dom::closest(e.target(), "form.kv-reflection") {
            e.prevent_default();
            with_app(|app| app.on_reflection(&form, true));
        }
    })?;
    listen(&doc, "input", |e| {
        if let Some(form) = dom::closest(e.target(), "form.kv-reflection") {
            with_app(|app| app.on_reflection(&form, false));
        } else if let Some(form) = dom::closest(e.target(), "form.kv-calculator") {
            with_app(|app| app.calculate(&form));
        }
    })?;
    let doc2 = doc.clone();
    listen(&doc, "visibilitychange", move |_| {
        if doc2.hidden() {
            with_app(App::sync);
        }
    })?;
    listen(&win, "pagehide", |_| with_app(App::end))?;
    listen(&win, "hashchange", |_| {
        with_app(|app| {
            if let Some(i) = app.linked_page().filter(|i| *i != app.state.current) {
                app.goto(i);
            }
        })
    })?;
    Ok(())
}
