//! Question forms: reading an answer out of a form, putting a saved answer
//! back, showing feedback, and moving ordering items with the keyboard.
//!
//! Each kind of question is plain HTML the packager rendered (radio
//! buttons, check boxes, a text field, a list with move buttons, selects);
//! this module only reads and writes those controls.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlFormElement, HtmlInputElement, HtmlSelectElement};

use super::dom;
use crate::core::Answer;
use crate::core::text::fill as fill_text;
use crate::model::{Course, Kind, Question, T};

/// The answer the form holds, or the text key of what is missing.
pub(crate) fn read(form: &Element, q: &Question) -> Result<Answer, T> {
    let values = |sel: &str| -> Vec<String> {
        dom::all_in(form, sel)
            .iter()
            .map(|e| e.unchecked_ref::<HtmlInputElement>().value())
            .collect()
    };
    match q.kind {
        Kind::FillIn => {
            let text = values("input[type=text]").pop().unwrap_or_default();
            if text.trim().is_empty() { Err(T::ChooseFirst) } else { Ok(Answer::Text(text)) }
        }
        Kind::Ordering => Ok(Answer::Choice(
            dom::all_in(form, "li[data-item]")
                .iter()
                .filter_map(|li| li.get_attribute("data-item"))
                .collect(),
        )),
        Kind::Matching => {
            let picks: Vec<String> = dom::all_in(form, "select")
                .iter()
                .map(|s| s.unchecked_ref::<HtmlSelectElement>().value())
                .collect();
            if picks.iter().any(String::is_empty) {
                Err(T::AnswerAll)
            } else {
                Ok(Answer::Choice(picks))
            }
        }
        _ => {
            let chosen = values("input:checked");
            if chosen.is_empty() { Err(T::ChooseFirst) } else { Ok(Answer::Choice(chosen)) }
        }
    }
}

/// Puts a saved answer back into the form.
pub(crate) fn fill(form: &Element, q: &Question, answer: &Answer) {
    match (q.kind, answer) {
        (Kind::FillIn, Answer::Text(text)) => {
            for i in dom::all_in(form, "input[type=text]") {
                i.unchecked_ref::<HtmlInputElement>().set_value(text);
            }
        }
        (Kind::Ordering, Answer::Choice(order)) => {
            let Some(list) = form.query_selector("ol").ok().flatten() else { return };
            for id in order {
                if let Some(li) =
                    list.query_selector(&format!("li[data-item=\"{id}\"]")).ok().flatten()
                {
                    let _ = list.append_child(&li);
                }
            }
        }
        (Kind::Matching, Answer::Choice(picks)) => {
            for (select, pick) in dom::all_in(form, "select").iter().zip(picks) {
                select.unchecked_ref::<HtmlSelectElement>().set_value(pick);
            }
        }
        (_, Answer::Choice(chosen)) => {
            for input in dom::all_in(form, "input") {
                let i = input.unchecked_ref::<HtmlInputElement>();
                i.set_checked(chosen.contains(&i.value()));
            }
        }
        _ => {}
    }
}

/// Shows what the learner needs after answering: right or wrong, the
/// feedback of the chosen options and of the question, tries left, and the
/// right answer once the tries are used up. Also announced to screen
/// readers (the feedback element is a live region) and never by colour
/// alone (the verdict is text).
pub(crate) fn feedback(
    course: &Course,
    form: &Element,
    q: &Question,
    answer: &Answer,
    tries_left: Option<u32>,
) {
    let correct = q.graded().then(|| crate::core::state::is_correct(q, answer));
    let mut html = String::new();
    if let Some(correct) = correct {
        let verdict = course.text(if correct { T::Correct } else { T::Wrong });
        html.push_str(&format!("<p class=\"kv-verdict\">{verdict}</p>"));
    } else {
        html.push_str(&format!("<p>{}</p>", course.text(T::Saved)));
    }
    if let Answer::Choice(chosen) = answer
        && matches!(q.kind, Kind::Choice | Kind::TrueFalse | Kind::Scale)
    {
        for option in chosen {
            if let Some(fb) = form
                .query_selector(&format!(".kv-option-feedback[data-option=\"{option}\"]"))
                .ok()
                .flatten()
            {
                html.push_str(&fb.inner_html());
            }
        }
    }
    let general = match correct {
        Some(true) => ".kv-right-feedback",
        Some(false) => ".kv-wrong-feedback",
        None => "",
    };
    if let Some(fb) =
        (!general.is_empty()).then(|| form.query_selector(general).ok().flatten()).flatten()
    {
        html.push_str(&fb.inner_html());
    }
    let out_of_tries = tries_left == Some(0) && correct == Some(false);
    if let Some(n) = tries_left {
        if let Some(t) = form.query_selector(".kv-tries").ok().flatten() {
            t.set_text_content(Some(&fill_text(
                course.text(T::TriesLeft),
                &[("n", &n.to_string())],
            )));
        }
        if out_of_tries {
            html.push_str(&format!("<p>{}</p>", course.text(T::NoTries)));
            if q.show_answer
                && let Some(key) = form.query_selector(".kv-answer-key").ok().flatten()
            {
                html.push_str(&key.inner_html());
            }
        }
        // Settled: right, or no tries left. Disabling the control that has
        // focus would drop keyboard focus to the page: move it to the
        // feedback, which is what the learner wants to read next.
        let settled = correct == Some(true) || out_of_tries;
        let had_focus = settled
            && form
                .owner_document()
                .and_then(|d| d.active_element())
                .is_some_and(|a| form.contains(Some(&a)));
        lock(form, settled);
        if had_focus && let Some(fb) = form.query_selector(".kv-feedback").ok().flatten() {
            dom::focus(&fb);
        }
    }
    show(form, &html, correct);
}

/// Writes `html` into the form's live region and marks it right/wrong.
pub(crate) fn show(form: &Element, html: &str, correct: Option<bool>) {
    if let Some(fb) = form.query_selector(".kv-feedback").ok().flatten() {
        fb.set_inner_html(html);
    }
    let classes = form.class_list();
    let _ = classes.toggle_with_force("kv-correct", correct == Some(true));
    let _ = classes.toggle_with_force("kv-wrong", correct == Some(false));
}

/// Disables (or enables) every control of a settled question.
pub(crate) fn lock(form: &Element, locked: bool) {
    for control in dom::all_in(form, "input, select, button") {
        dom::set_disabled(&control, locked);
    }
}

/// Clears a form for a new attempt: controls back to their first state,
/// ordering items back in the order first shown.
pub(crate) fn reset(form: &Element) {
    form.unchecked_ref::<HtmlFormElement>().reset();
    if let Some(list) = form.query_selector("ol[data-order]").ok().flatten() {
        let order = list.get_attribute("data-order").unwrap_or_default();
        for id in order.split_whitespace() {
            if let Some(li) = list.query_selector(&format!("li[data-item=\"{id}\"]")).ok().flatten()
            {
                let _ = list.append_child(&li);
            }
        }
    }
    lock(form, false);
    show(form, "", None);
}

/// Moves an ordering item one place up or down; returns the text to
/// announce (`{item}: position {n} of {total}`).
pub(crate) fn move_item(course: &Course, button: &Element) -> Option<String> {
    let li = button.closest("li[data-item]").ok()??;
    let list = li.parent_element()?;
    let up = button.get_attribute("data-move").as_deref() == Some("up");
    if up {
        let prev = li.previous_element_sibling()?;
        list.insert_before(&li, Some(&prev)).ok()?;
    } else {
        let next = li.next_element_sibling()?;
        list.insert_before(&next, Some(&li)).ok()?;
    }
    dom::focus(button);
    let items = dom::all_in(&list, "li[data-item]");
    let n = items.iter().position(|x| *x == li)? + 1;
    let text = li.query_selector(".kv-item-text").ok()??.text_content()?;
    Some(fill_text(
        course.text(T::Moved),
        &[("item", text.trim()), ("n", &n.to_string()), ("total", &items.len().to_string())],
    ))
}
