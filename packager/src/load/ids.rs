//! Ids: pages, questions and exercises get stable ids (the author's, or
//! one made from the title), unique in the course and with suspend-data
//! keys that do not collide.

use std::collections::HashMap;

use kursverk_player::core::suspend;

use super::Loader;
use crate::diagnostics::{Diagnostic, M, Span};
use crate::source::blocks::question::RawAsk;
use crate::source::blocks::sections::RawExercise;
use crate::source::names;

/// A question id with where it came from.
pub(super) struct IdSource {
    id: String,
    explicit: bool,
    span: Span,
}

impl Loader {
    pub(super) fn exercise_id(
        &mut self,
        e: &RawExercise,
        title: &str,
        seen: &mut HashMap<String, Span>,
    ) -> String {
        let (id, span) = match &e.id {
            Some((id, span)) => (id.clone(), span.clone()),
            None => (slug_or(title, "ovning"), e.span.clone()),
        };
        if !valid_id(&id) {
            self.diags
                .push(Diagnostic::error(M::BadExerciseId { id: id.clone() }, Some(span.clone())));
        } else if let Some(first) = seen.get(&id) {
            self.diags.push(
                Diagnostic::error(M::ExerciseIdTwice { id: id.clone() }, Some(span.clone()))
                    .related(first.clone()),
            );
        }
        seen.insert(id.clone(), span);
        id
    }

    pub(super) fn page_id(
        &mut self,
        title: &str,
        explicit: Option<&str>,
        span: &Span,
        seen: &mut HashMap<String, Span>,
    ) -> String {
        if let Some(id) = explicit {
            if !valid_id(id) {
                self.diags.push(Diagnostic::error(
                    M::BadPageId { id: id.to_owned() },
                    Some(span.clone()),
                ));
            } else if let Some(first) = seen.get(id) {
                self.diags.push(
                    Diagnostic::error(M::PageIdTwice { id: id.to_owned() }, Some(span.clone()))
                        .related(first.clone()),
                );
            }
            seen.insert(id.to_owned(), span.clone());
            return id.to_owned();
        }
        let base = match slug_or(title, "sida") {
            s if s.is_empty() => "sida".to_owned(),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 2;
        while seen.contains_key(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        seen.insert(id.clone(), span.clone());
        id
    }

    pub(super) fn question_id(&mut self, q: &RawAsk, seen: &mut Vec<IdSource>) -> String {
        if let Some((id, span)) = &q.id {
            if !valid_id(id) {
                self.diags.push(Diagnostic::error(
                    M::BadQuestionId { id: id.clone() },
                    Some(span.clone()),
                ));
            } else if let Some(first) = seen.iter().find(|s| s.explicit && &s.id == id) {
                let first = first.span.clone();
                self.diags.push(
                    Diagnostic::error(M::QuestionIdTwice { id: id.clone() }, Some(span.clone()))
                        .related(first),
                );
            }
            seen.push(IdSource { id: id.clone(), explicit: true, span: span.clone() });
            return id.clone();
        }
        let base = slug_or(&q.text, "fraga");
        let mut id = base.clone();
        let mut n = 2;
        while seen.iter().any(|s| s.id == id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        seen.push(IdSource { id: id.clone(), explicit: false, span: q.span.clone() });
        id
    }

    /// Saved state refers to questions by a short key of their id; two ids
    /// with one key would mix up answers.
    pub(super) fn check_keys(&mut self, ids: &[IdSource]) {
        let mut keys: HashMap<String, &IdSource> = HashMap::new();
        for s in ids {
            if let Some(first) = keys.insert(suspend::key(&s.id), s)
                && first.id != s.id
            {
                self.diags.push(
                    Diagnostic::error(
                        M::IdsClash { first: first.id.clone(), second: s.id.clone() },
                        Some(s.span.clone()),
                    )
                    .related(first.span.clone()),
                );
            }
        }
    }
}

pub(super) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

fn slug_or(text: &str, fallback: &str) -> String {
    let s = names::slug(text, 6);
    let s: String = s.chars().take(48).collect();
    let s = s.trim_end_matches('-').to_owned();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{fallback}-{s}").trim_end_matches('-').to_owned()
    } else {
        s
    }
}
