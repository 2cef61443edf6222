//! A question as written to the player's model of it and the page's view.

use kursverk_player::core::text::{escape_html as escape, fnv1a};
use kursverk_player::model::{ChoiceOption, Kind, Language, Question};

use crate::model::{AnswerKey, OptionView, QuestionView};
use crate::source::blocks::question::RawAsk;
use crate::words::W;

/// A stable shuffle: the same id always gives the same order, never the
/// original one (for two or more items).
fn shuffled<T: Clone>(items: &[T], seed: &str) -> Vec<T> {
    let mut state = fnv1a(seed.as_bytes());
    let mut order: Vec<usize> = (0..items.len()).collect();
    for i in (1..order.len()).rev() {
        state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        order.swap(i, (state >> 8) as usize % (i + 1));
    }
    if order.len() > 1 && order.iter().enumerate().all(|(i, o)| i == *o) {
        order.rotate_left(1);
    }
    order.into_iter().map(|i| items[i].clone()).collect()
}

/// The player's model of a question and the page's view of it.
pub(super) fn build(
    ask: RawAsk,
    id: String,
    page: usize,
    quiz: bool,
    language: Language,
) -> (Question, QuestionView) {
    let letter = |i: usize| ((b'a' + (i % 26) as u8) as char).to_string();
    let mut options: Vec<OptionView> = ask
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| OptionView {
            id: letter(i),
            html: o.html.clone(),
            feedback: o.feedback.clone(),
        })
        .collect();
    let mut model_options: Vec<ChoiceOption> = ask
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| ChoiceOption {
            id: letter(i),
            correct: o.correct,
            matches: if ask.kind == Kind::Matching {
                (o.target + 1).to_string()
            } else {
                String::new()
            },
        })
        .collect();
    let mut targets = Vec::new();
    let mut answer_key = AnswerKey::default();
    let list = |items: Vec<String>, list: &'static str| AnswerKey { list, items };
    match ask.kind {
        Kind::Choice => {
            answer_key = list(
                ask.options.iter().filter(|o| o.correct).map(|o| o.html.clone()).collect(),
                "ul",
            );
        }
        Kind::TrueFalse => {
            let (t, f) = (W::True.get(language), W::False.get(language));
            let truth = ask.accepted.first().map(String::as_str) == Some("t");
            options = vec![
                OptionView { id: "t".into(), html: t.into(), feedback: String::new() },
                OptionView { id: "f".into(), html: f.into(), feedback: String::new() },
            ];
            model_options = vec![
                ChoiceOption { id: "t".into(), correct: truth, matches: String::new() },
                ChoiceOption { id: "f".into(), correct: !truth, matches: String::new() },
            ];
            answer_key = list(vec![(if truth { t } else { f }).to_owned()], "p");
        }
        Kind::FillIn => {
            let first = ask.accepted.first().map(String::as_str).unwrap_or("");
            answer_key = list(vec![escape(first)], "p");
        }
        Kind::Ordering => {
            answer_key = list(ask.options.iter().map(|o| o.html.clone()).collect(), "ol");
            options = shuffled(&options, &id);
        }
        Kind::Matching => {
            let all: Vec<OptionView> = ask
                .targets
                .iter()
                .enumerate()
                .map(|(i, t)| OptionView {
                    id: (i + 1).to_string(),
                    html: escape(t),
                    feedback: String::new(),
                })
                .collect();
            answer_key = list(
                ask.options
                    .iter()
                    .map(|o| format!("{} → {}", o.html, escape(&ask.targets[o.target])))
                    .collect(),
                "ul",
            );
            targets = shuffled(&all, &id);
        }
        Kind::Scale | Kind::Reflection => {}
    }
    let s = &ask.settings;
    let multiple = ask.kind == Kind::Choice
        && (s.multiple || ask.options.iter().filter(|o| o.correct).count() > 1);
    let model = Question {
        id: id.clone(),
        page,
        kind: ask.kind,
        text: ask.text.clone(),
        multiple,
        options: model_options,
        accepted: if ask.kind == Kind::FillIn { ask.accepted.clone() } else { Vec::new() },
        exact: s.exact,
        attempts: s.attempts,
        show_answer: s.show_answer,
        weight: s.weight,
        quiz,
        required: !s.optional,
    };
    let view = QuestionView {
        id,
        lead: ask.lead,
        prompt: ask.prompt,
        options,
        targets,
        right: ask.right,
        wrong: ask.wrong,
        answer_key,
    };
    (model, view)
}
