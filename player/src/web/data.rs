//! Reads the course data embedded in the page.
//!
//! The browser parses the JSON (`JSON.parse`) and this walks the result
//! into [`crate::model`] types, so the player carries no JSON parser of its
//! own — about a tenth of its size. The packager writes the data from the
//! same model types (miniserde, tested to round-trip natively); this reader
//! uses the model's field names and its `NAMES` tables for enums, which a
//! model test holds to what the packager writes.

use js_sys::{Array, JSON, Reflect};
use wasm_bindgen::JsValue;

use crate::model::{
    Calculator, ChoiceOption, Course, Formula, Kind, Language, Page, Question, Rule, Status12,
    Text, by_name,
};

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn string(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_default()
}

fn number(v: &JsValue, key: &str) -> f64 {
    get(v, key).as_f64().unwrap_or(0.0)
}

fn flag(v: &JsValue, key: &str) -> bool {
    get(v, key).as_bool().unwrap_or(false)
}

fn list<T>(v: &JsValue, key: &str, item: impl Fn(&JsValue) -> Option<T>) -> Option<Vec<T>> {
    let a = get(v, key);
    if !Array::is_array(&a) {
        return None;
    }
    Array::from(&a).iter().map(|x| item(&x)).collect()
}

fn strings(v: &JsValue, key: &str) -> Option<Vec<String>> {
    list(v, key, JsValue::as_string)
}

/// The course in `json`, or `None` if it is not course data.
pub(crate) fn course(json: &str) -> Option<Course> {
    let v = JSON::parse(json).ok()?;
    Some(Course {
        id: string(&v, "id"),
        title: string(&v, "title"),
        language: by_name(&Language::NAMES, &string(&v, "language"))?,
        version: string(&v, "version"),
        mastery_score: number(&v, "mastery_score") as u8,
        pages: list(&v, "pages", |p| {
            Some(Page { id: string(p, "id"), title: string(p, "title") })
        })?,
        questions: list(&v, "questions", question)?,
        completion: list(&v, "completion", |r| by_name(&Rule::NAMES, &r.as_string()?))?,
        status12: by_name(&Status12::NAMES, &string(&v, "status12"))?,
        quiz_retries: number(&v, "quiz_retries") as u32,
        quiz_best: flag(&v, "quiz_best"),
        calculators: list(&v, "calculators", |c| {
            Some(Calculator {
                id: string(c, "id"),
                inputs: strings(c, "inputs")?,
                outputs: list(c, "outputs", |f| {
                    Some(Formula {
                        name: string(f, "name"),
                        rpn: strings(f, "rpn")?,
                        decimals: number(f, "decimals") as u32,
                    })
                })?,
            })
        })?,
        texts: list(&v, "texts", |t| {
            Some(Text { key: string(t, "key"), value: string(t, "value") })
        })?,
    })
}

fn question(q: &JsValue) -> Option<Question> {
    Some(Question {
        id: string(q, "id"),
        page: number(q, "page") as usize,
        kind: by_name(&Kind::NAMES, &string(q, "type"))?,
        text: string(q, "text"),
        multiple: flag(q, "multiple"),
        options: list(q, "options", |o| {
            Some(ChoiceOption {
                id: string(o, "id"),
                correct: flag(o, "correct"),
                matches: string(o, "matches"),
            })
        })?,
        accepted: strings(q, "accepted")?,
        exact: flag(q, "exact"),
        attempts: number(q, "attempts") as u32,
        show_answer: flag(q, "show_answer"),
        weight: number(q, "weight") as u32,
        quiz: flag(q, "quiz"),
        required: flag(q, "required"),
    })
}
