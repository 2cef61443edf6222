//! The course data: how a [`Course`] travels from the packager to the
//! player, written once.
//!
//! The packager writes it as JSON inside `index.html`; in the browser the
//! player lets `JSON.parse` do the parsing (no JSON parser in the wasm) and
//! walks the result with [`read`]. Both directions are in this file and use
//! the same key constants, so the format has one definition. [`read`] is
//! generic over [`Json`]: the web layer implements it for `JsValue`, and the
//! tests for miniserde's value, so the player's actual reader is tested
//! natively against the packager's actual output. A missing key or a value
//! of the wrong type is an error, never a silent default.

use std::cell::RefCell;

use crate::core::text::{JsonObject as Object, json_string};

use super::{
    Calculator, ChoiceOption, Course, Formula, Kind, Language, Page, Question, Rule, Status12,
    Text, by_name,
};

/// The keys, one constant each.
mod key {
    pub(super) const ID: &str = "id";
    pub(super) const TITLE: &str = "title";
    pub(super) const LANGUAGE: &str = "language";
    pub(super) const VERSION: &str = "version";
    pub(super) const MASTERY_SCORE: &str = "mastery_score";
    pub(super) const PAGES: &str = "pages";
    pub(super) const QUESTIONS: &str = "questions";
    pub(super) const COMPLETION: &str = "completion";
    pub(super) const STATUS12: &str = "status12";
    pub(super) const QUIZ_RETRIES: &str = "quiz_retries";
    pub(super) const QUIZ_BEST: &str = "quiz_best";
    pub(super) const CALCULATORS: &str = "calculators";
    pub(super) const TEXTS: &str = "texts";
    pub(super) const PAGE: &str = "page";
    pub(super) const TYPE: &str = "type";
    pub(super) const TEXT: &str = "text";
    pub(super) const MULTIPLE: &str = "multiple";
    pub(super) const OPTIONS: &str = "options";
    pub(super) const ACCEPTED: &str = "accepted";
    pub(super) const EXACT: &str = "exact";
    pub(super) const ATTEMPTS: &str = "attempts";
    pub(super) const SHOW_ANSWER: &str = "show_answer";
    pub(super) const WEIGHT: &str = "weight";
    pub(super) const QUIZ: &str = "quiz";
    pub(super) const REQUIRED: &str = "required";
    pub(super) const CORRECT: &str = "correct";
    pub(super) const MATCHES: &str = "matches";
    pub(super) const INPUTS: &str = "inputs";
    pub(super) const OUTPUTS: &str = "outputs";
    pub(super) const NAME: &str = "name";
    pub(super) const RPN: &str = "rpn";
    pub(super) const DECIMALS: &str = "decimals";
    pub(super) const KEY: &str = "key";
    pub(super) const VALUE: &str = "value";
}

/// A parsed JSON value, as much of it as the reader needs.
pub trait Json: Sized {
    /// The member `key` of an object; `None` if missing or not an object.
    fn get(&self, key: &str) -> Option<Self>;
    /// The value as a string.
    fn string(&self) -> Option<String>;
    /// The value as a number.
    fn number(&self) -> Option<f64>;
    /// The value as a boolean.
    fn boolean(&self) -> Option<bool>;
    /// The items of an array.
    fn items(&self) -> Option<Vec<Self>>;
}

pub(crate) fn string<V: Json>(v: &V, key: &str) -> Option<String> {
    v.get(key)?.string()
}

fn int<V: Json, N: TryFrom<u64>>(v: &V, key: &str) -> Option<N> {
    let n = v.get(key)?.number()?;
    if n < 0.0 || n.fract() != 0.0 || n > u64::MAX as f64 {
        return None;
    }
    N::try_from(n as u64).ok()
}

fn flag<V: Json>(v: &V, key: &str) -> Option<bool> {
    v.get(key)?.boolean()
}

fn list<V: Json, T>(v: &V, key: &str, item: impl Fn(&V) -> Option<T>) -> Option<Vec<T>> {
    v.get(key)?.items()?.iter().map(item).collect()
}

pub(crate) fn strings<V: Json>(v: &V, key: &str) -> Option<Vec<String>> {
    list(v, key, V::string)
}

pub(crate) fn named<V: Json, T: Copy>(v: &V, key: &str, table: &[(T, &str)]) -> Option<T> {
    by_name(table, &string(v, key)?)
}

/// Reads course data; `None` if anything is missing or of the wrong type.
pub fn read<V: Json>(v: &V) -> Option<Course> {
    use key::*;
    Some(Course {
        id: string(v, ID)?,
        title: string(v, TITLE)?,
        language: named(v, LANGUAGE, &Language::NAMES)?,
        version: string(v, VERSION)?,
        mastery_score: int(v, MASTERY_SCORE)?,
        pages: list(v, PAGES, |p| Some(Page { id: string(p, ID)?, title: string(p, TITLE)? }))?,
        questions: list(v, QUESTIONS, question)?,
        completion: list(v, COMPLETION, |r| by_name(&Rule::NAMES, &r.string()?))?,
        status12: named(v, STATUS12, &Status12::NAMES)?,
        quiz_retries: int(v, QUIZ_RETRIES)?,
        quiz_best: flag(v, QUIZ_BEST)?,
        calculators: list(v, CALCULATORS, |c| {
            Some(Calculator {
                id: string(c, ID)?,
                inputs: strings(c, INPUTS)?,
                outputs: list(c, OUTPUTS, |f| {
                    Some(Formula {
                        name: string(f, NAME)?,
                        rpn: strings(f, RPN)?,
                        decimals: int(f, DECIMALS)?,
                    })
                })?,
            })
        })?,
        texts: list(v, TEXTS, |t| Some(Text { key: string(t, KEY)?, value: string(t, VALUE)? }))?,
    })
}

fn question<V: Json>(q: &V) -> Option<Question> {
    use key::*;
    Some(Question {
        id: string(q, ID)?,
        page: int(q, PAGE)?,
        kind: named(q, TYPE, &Kind::NAMES)?,
        text: string(q, TEXT)?,
        multiple: flag(q, MULTIPLE)?,
        options: list(q, OPTIONS, |o| {
            Some(ChoiceOption {
                id: string(o, ID)?,
                correct: flag(o, CORRECT)?,
                matches: string(o, MATCHES)?,
            })
        })?,
        accepted: strings(q, ACCEPTED)?,
        exact: flag(q, EXACT)?,
        attempts: int(q, ATTEMPTS)?,
        show_answer: flag(q, SHOW_ANSWER)?,
        weight: int(q, WEIGHT)?,
        quiz: flag(q, QUIZ)?,
        required: flag(q, REQUIRED)?,
    })
}

/// Writes course data as compact JSON, members in a fixed order (the
/// package must be byte-identical from one build to the next).
pub fn write(c: &Course) -> String {
    use key::*;
    let mut o = Object::new();
    o.str(ID, &c.id)
        .str(TITLE, &c.title)
        .str(LANGUAGE, name(&Language::NAMES, c.language))
        .str(VERSION, &c.version)
        .num(MASTERY_SCORE, c.mastery_score)
        .list(PAGES, &c.pages, |p| Object::new().str(ID, &p.id).str(TITLE, &p.title).end())
        .list(QUESTIONS, &c.questions, write_question)
        .list(COMPLETION, &c.completion, |r| json_string(name(&Rule::NAMES, *r)))
        .str(STATUS12, name(&Status12::NAMES, c.status12))
        .num(QUIZ_RETRIES, c.quiz_retries)
        .flag(QUIZ_BEST, c.quiz_best)
        .list(CALCULATORS, &c.calculators, |k| {
            Object::new()
                .str(ID, &k.id)
                .list(INPUTS, &k.inputs, |s| json_string(s))
                .list(OUTPUTS, &k.outputs, |f| {
                    Object::new()
                        .str(NAME, &f.name)
                        .list(RPN, &f.rpn, |s| json_string(s))
                        .num(DECIMALS, f.decimals)
                        .end()
                })
                .end()
        })
        .list(TEXTS, &c.texts, |t| Object::new().str(KEY, &t.key).str(VALUE, &t.value).end());
    o.end()
}

fn write_question(q: &Question) -> String {
    use key::*;
    Object::new()
        .str(ID, &q.id)
        .num(PAGE, q.page)
        .str(TYPE, name(&Kind::NAMES, q.kind))
        .str(TEXT, &q.text)
        .flag(MULTIPLE, q.multiple)
        .list(OPTIONS, &q.options, |o| {
            Object::new().str(ID, &o.id).flag(CORRECT, o.correct).str(MATCHES, &o.matches).end()
        })
        .list(ACCEPTED, &q.accepted, |s| json_string(s))
        .flag(EXACT, q.exact)
        .num(ATTEMPTS, q.attempts)
        .flag(SHOW_ANSWER, q.show_answer)
        .num(WEIGHT, q.weight)
        .flag(QUIZ, q.quiz)
        .flag(REQUIRED, q.required)
        .end()
}

pub(crate) fn name<T: Copy + PartialEq>(table: &[(T, &'static str)], value: T) -> &'static str {
    table.iter().find(|(v, _)| *v == value).map_or("", |(_, n)| n)
}

/// miniserde's JSON value: how native code (the packager's tests, the
/// player's own) reads course data with the same reader as the browser.
impl Json for miniserde::json::Value {
    fn get(&self, key: &str) -> Option<Self> {
        match self {
            miniserde::json::Value::Object(o) => o.get(key).cloned(),
            _ => None,
        }
    }

    fn string(&self) -> Option<String> {
        match self {
            miniserde::json::Value::String(s) => Some(s.clone()),
            _ => None,
        }
    }

    fn number(&self) -> Option<f64> {
        match self {
            miniserde::json::Value::Number(miniserde::json::Number::U64(n)) => Some(*n as f64),
            miniserde::json::Value::Number(miniserde::json::Number::I64(n)) => Some(*n as f64),
            miniserde::json::Value::Number(miniserde::json::Number::F64(n)) => Some(*n),
            _ => None,
        }
    }

    fn boolean(&self) -> Option<bool> {
        match self {
            miniserde::json::Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    fn items(&self) -> Option<Vec<Self>> {
        match self {
            miniserde::json::Value::Array(a) => Some(a.to_vec()),
            _ => None,
        }
    }
}

/// Reads course data strictly, for tests and tools: like [`read`], and
/// also an error when the JSON holds a member the reader never reads (the
/// writer and the reader have drifted apart).
pub fn read_checked(json: &str) -> Result<Course, String> {
    let value: miniserde::json::Value =
        miniserde::json::from_str(json).map_err(|_| "not JSON".to_owned())?;
    let read_keys = RefCell::new(Vec::new());
    let traced = Traced { value: value.clone(), path: String::new(), read: &read_keys };
    let course = read(&traced).ok_or("a member is missing or of the wrong type")?;
    let keys: Vec<&str> = course.texts.iter().map(|t| t.key.as_str()).collect();
    let catalogue: Vec<&str> = super::T::ALL.iter().map(|t| t.key()).collect();
    if keys != catalogue {
        return Err(format!("the texts are not the catalogue's, in its order: {keys:?}"));
    }
    let mut written = Vec::new();
    paths(&value, "", &mut written);
    let read_keys = read_keys.borrow();
    let unread: Vec<&String> = written.iter().filter(|p| !read_keys.contains(p)).collect();
    if unread.is_empty() { Ok(course) } else { Err(format!("never read: {unread:?}")) }
}

/// A value that records every key the reader asked for, so a test can
/// tell which keys the writer wrote that the reader never reads.
#[derive(Clone)]
struct Traced<'a> {
    value: miniserde::json::Value,
    path: String,
    read: &'a RefCell<Vec<String>>,
}

impl Json for Traced<'_> {
    fn get(&self, key: &str) -> Option<Self> {
        let path = format!("{}.{key}", self.path);
        self.read.borrow_mut().push(path.clone());
        Some(Traced { value: self.value.get(key)?, path, read: self.read })
    }
    fn string(&self) -> Option<String> {
        self.value.string()
    }
    fn number(&self) -> Option<f64> {
        self.value.number()
    }
    fn boolean(&self) -> Option<bool> {
        self.value.boolean()
    }
    fn items(&self) -> Option<Vec<Self>> {
        let items = self.value.items()?;
        Some(
            items
                .into_iter()
                .map(|value| Traced { value, path: format!("{}[]", self.path), read: self.read })
                .collect(),
        )
    }
}

/// Every member path in a value (`.questions[].options[].id`).
fn paths(v: &miniserde::json::Value, at: &str, out: &mut Vec<String>) {
    match v {
        miniserde::json::Value::Object(o) => {
            for (k, x) in o.iter() {
                let p = format!("{at}.{k}");
                out.push(p.clone());
                paths(x, &p, out);
            }
        }
        miniserde::json::Value::Array(a) => {
            for x in a.iter() {
                paths(x, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_reads_what_the_writer_writes() {
        let mut c = crate::core::state::tests::course(3, 80);
        c.calculators.push(Calculator {
            id: "k".into(),
            inputs: vec!["a".into()],
            outputs: vec![Formula { name: "x".into(), rpn: vec!["a".into()], decimals: 1 }],
        });
        c.title = "Nästa \"sida\" </script> \\ \u{1}".into();
        c.texts =
            Language::En.texts().map(|(k, v)| Text { key: k.into(), value: v.into() }).collect();
        let json = write(&c);
        assert_eq!(read_checked(&json), Ok(c.clone()), "{json}");
        c.texts.swap(0, 1);
        assert!(read_checked(&write(&c)).is_err(), "texts out of catalogue order");
    }

    #[test]
    fn missing_keys_and_wrong_types_are_errors() {
        let c = crate::core::state::tests::course(2, 80);
        let json = write(&c);
        let value = |j: &str| miniserde::json::from_str::<miniserde::json::Value>(j).unwrap();
        assert!(read(&value(&json)).is_some());
        for (from, to) in [
            ("\"mastery_score\":80", "\"mastery_scor\":80"),
            ("\"mastery_score\":80", "\"mastery_score\":\"80\""),
            ("\"mastery_score\":80", "\"mastery_score\":-1"),
            ("\"mastery_score\":80", "\"mastery_score\":800"),
            ("\"type\":\"choice\"", "\"type\":\"choise\""),
            ("\"required\":true", "\"required\":1"),
        ] {
            assert!(json.contains(from), "{from}");
            assert_eq!(read(&value(&json.replacen(from, to, 1))), None, "{to}");
        }
    }
}
