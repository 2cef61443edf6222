//! Question blocks: the marker line's id and settings, and the body of each
//! kind of question.
//!
//! Every kind is written the same way — a `> [!KIND] id settings` marker, the
//! question, then its answers — so authors learn one pattern:
//! a task list for choice questions, a numbered list for ordering, `left =
//! right` items for matching, a plain list for a scale, and `Svar:`,
//! `Rätt:`, `Fel:` lines for the answer key and the feedback.

use kursverk_player::core::text::escape_html as escape;
use kursverk_player::model::Kind;
use pulldown_cmark::{Event, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, Diagnostics, M, Span};
use crate::source::markdown::{Ev, block_end, inline_text, render};

/// Settings after the id on the marker line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// `försök=N`: tries (0: no limit).
    pub attempts: u32,
    /// `visa-svar`: show the right answer once the tries are used up.
    pub show_answer: bool,
    /// `vikt=N`: weight in the score.
    pub weight: u32,
    /// `valfri`: not needed for the `questions` completion rule.
    pub optional: bool,
    /// `exakt`: fill-in answers must match case and spacing.
    pub exact: bool,
    /// `flerval`: checkboxes even when one option is right.
    pub multiple: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            attempts: 0,
            show_answer: false,
            weight: 1,
            optional: false,
            exact: false,
            multiple: false,
        }
    }
}

/// A question as written.
#[derive(Debug)]
pub struct RawAsk {
    /// What kind.
    pub kind: Kind,
    /// The id after the marker, with its span.
    pub id: Option<(String, Span)>,
    /// The marker line.
    pub span: Span,
    /// Blocks before the question itself.
    pub lead: String,
    /// The question itself, inline HTML (for a `<legend>` or `<label>`).
    pub prompt: String,
    /// The question as plain text.
    pub text: String,
    /// Options, items or scale points, in the author's order.
    pub options: Vec<RawOption>,
    /// Matching: the right-hand items, each once, in the author's order.
    pub targets: Vec<String>,
    /// Fill-in: accepted answers.
    pub accepted: Vec<String>,
    /// Feedback for a right answer.
    pub right: String,
    /// Feedback for a wrong answer.
    pub wrong: String,
    /// Settings from the marker line.
    pub settings: Settings,
}

/// One option, item or scale point.
#[derive(Debug)]
pub struct RawOption {
    /// `[x]` in a choice question.
    pub correct: bool,
    /// The text, rendered inline.
    pub html: String,
    /// Feedback when chosen.
    pub feedback: String,
    /// Matching: index into `targets`.
    pub target: usize,
}

/// A setting that is on when named (`visa-svar`); false when given a value
/// (`visa-svar=2`), which makes it unknown.
fn switch(setting: &mut bool, value: &str) -> bool {
    if value.is_empty() {
        *setting = true;
    }
    value.is_empty()
}

/// Reads `id setting setting=value …` from the marker line.
fn settings(
    text: &str,
    rest: &Span,
    diags: &mut Diagnostics,
) -> (Option<(String, Span)>, Settings) {
    let line = &text[rest.range.clone()];
    let mut id = None;
    let mut s = Settings::default();
    let mut offset = 0;
    for (n, token) in line.split_whitespace().enumerate() {
        let at = line[offset..].find(token).map_or(offset, |i| offset + i);
        offset = at + token.len();
        let span =
            Span { file: rest.file, range: rest.range.start + at..rest.range.start + offset };
        let (key, value) = token.split_once('=').unwrap_or((token, ""));
        let number = || value.parse::<u32>().ok().filter(|n| *n > 0);
        let known = match key {
            "försök" | "attempts" => number().map(|n| s.attempts = n).is_some(),
            "vikt" | "weight" => number().map(|n| s.weight = n).is_some(),
            "visa-svar" | "show-answer" => switch(&mut s.show_answer, value),
            "valfri" | "optional" => switch(&mut s.optional, value),
            "exakt" | "exact" => switch(&mut s.exact, value),
            "flerval" | "multiple" => switch(&mut s.multiple, value),
            _ if n == 0 && value.is_empty() => {
                id = Some((token.to_owned(), span.clone()));
                true
            }
            _ => false,
        };
        if !known {
            diags.push(Diagnostic::error(
                M::UnknownQuestionSetting { setting: token.to_owned() },
                Some(span),
            ));
        }
    }
    (id, s)
}

/// What a labelled line after the question is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Label {
    Answer,
    Right,
    Wrong,
}

/// `Svar:`, `Rätt:` or `Fel:` (or their English words) at the start of
/// `text`, and what follows it.
pub(crate) fn label(text: &str) -> Option<(Label, &str)> {
    let (head, rest) = text.split_once(':')?;
    let label = match head.trim().to_lowercase().as_str() {
        "svar" | "answer" | "rätt svar" => Label::Answer,
        "rätt" | "right" | "correct" => Label::Right,
        "fel" | "wrong" | "incorrect" => Label::Wrong,
        _ => return None,
    };
    Some((label, rest.trim()))
}

/// Parses a question of `kind` from its body (the block quote without the
/// marker line). `rest` is the span of the marker line after `[!KIND]`.
pub fn question(
    kind: Kind,
    text: &str,
    body: &[Ev<'_>],
    rest: Span,
    header: Span,
    diags: &mut Diagnostics,
) -> Option<RawAsk> {
    let (id, settings) = settings(text, &rest, diags);
    if settings.show_answer && settings.attempts == 0 {
        diags.push(Diagnostic::warning(M::ShowAnswerNoTries, Some(rest.clone())));
    }
    let at = |r: &std::ops::Range<usize>| Span { file: header.file, range: r.clone() };
    let mut prompt: Vec<Ev<'_>> = Vec::new();
    let mut list: Option<(usize, usize)> = None;
    let mut ask = RawAsk {
        kind,
        id,
        span: header.clone(),
        lead: String::new(),
        prompt: String::new(),
        text: String::new(),
        options: Vec::new(),
        targets: Vec::new(),
        accepted: Vec::new(),
        right: String::new(),
        wrong: String::new(),
        settings,
    };
    let mut answer: Option<(String, Span)> = None;
    let mut i = 0;
    while i < body.len() {
        let end = block_end(body, i);
        let block = &body[i..=end];
        let plain = inline_text(block);
        match &body[i].0 {
            // A reflection's prompt is everything, lists included.
            _ if kind == Kind::Reflection => prompt.extend_from_slice(block),
            Event::Start(Tag::Paragraph) if label(&plain).is_some() => {
                // `Svar:`, `Rätt:` and `Fel:` lines often follow each other
                // without a blank line: each labelled line starts a part.
                for (l, value, html, range) in labelled_lines(&block[1..block.len() - 1]) {
                    match l {
                        Label::Answer => answer = Some((value, at(&range))),
                        Label::Right => ask.right = html,
                        Label::Wrong => ask.wrong = html,
                    }
                }
            }
            Event::Start(Tag::List(_)) if list.is_none() => list = Some((i, end)),
            _ if list.is_none() => prompt.extend_from_slice(block),
            _ => diags.push(Diagnostic::error(M::TextAfterAnswers, Some(at(&body[i].1)))),
        }
        i = end + 1;
    }
    if prompt.is_empty() {
        diags.push(Diagnostic::error(M::QuestionNoText, Some(header.clone())));
    }
    split_prompt(&mut ask, &prompt);
    let items = list.map(|(s, e)| items(body, s, e)).unwrap_or_default();
    let needs_list = matches!(kind, Kind::Choice | Kind::Ordering | Kind::Matching | Kind::Scale);
    if needs_list && items.is_empty() {
        let message = match kind {
            Kind::Choice => M::ChoiceNoAnswers,
            Kind::Ordering => M::OrderingNoItems,
            Kind::Matching => M::MatchingNoPairs,
            _ => M::ScaleNoPoints,
        };
        diags.push(Diagnostic::error(message, Some(header.clone())));
        return None;
    }
    if !needs_list
        && kind != Kind::Reflection
        && let Some((s, _)) = list
    {
        diags.push(Diagnostic::error(M::ListNotWanted, Some(at(&body[s].1))));
    }
    match kind {
        Kind::Choice => choice(&mut ask, items, &header, diags),
        Kind::Ordering | Kind::Scale => plain_items(&mut ask, items, &header, diags),
        Kind::Matching => pairs(&mut ask, items, &header, diags),
        Kind::TrueFalse | Kind::FillIn => keyed(&mut ask, answer, &header, diags),
        Kind::Reflection => {}
    }
    // The guide asks for feedback on every graded question: a learner who
    // answers wrong should learn why.
    let graded = !matches!(kind, Kind::Scale | Kind::Reflection);
    let feedback = !ask.right.is_empty()
        || !ask.wrong.is_empty()
        || ask.options.iter().any(|o| !o.feedback.is_empty());
    if graded && !feedback {
        diags.push(Diagnostic::warning(M::NoFeedback, Some(header.clone())));
    }
    if ask.options.len() > 26 {
        diags.push(Diagnostic::error(M::TooManyAnswers, Some(header.clone())));
    }
    Some(ask)
}

/// A choice question's answers: a task list, `[x]` right.
fn choice(
    ask: &mut RawAsk,
    items: Vec<(Item, std::ops::Range<usize>)>,
    header: &Span,
    diags: &mut Diagnostics,
) {
    let at = |r: &std::ops::Range<usize>| Span { file: header.file, range: r.clone() };
    for (item, span) in items {
        match item.checked {
            Some(correct) => ask.options.push(RawOption {
                correct,
                html: item.html,
                feedback: item.feedback,
                target: 0,
            }),
            None => diags.push(Diagnostic::error(M::AnswerUnmarked, Some(at(&span)))),
        }
    }
    if !ask.options.is_empty() && !ask.options.iter().any(|o| o.correct) {
        diags.push(Diagnostic::error(M::NoRightAnswer, Some(header.clone())));
    }
}

/// Ordering items (in the right order) or scale points: a plain list.
fn plain_items(
    ask: &mut RawAsk,
    items: Vec<(Item, std::ops::Range<usize>)>,
    header: &Span,
    diags: &mut Diagnostics,
) {
    let at = |r: &std::ops::Range<usize>| Span { file: header.file, range: r.clone() };
    for (item, span) in items {
        if item.checked.is_some() {
            diags.push(Diagnostic::error(M::CheckboxNotChoice, Some(at(&span))));
        }
        ask.options.push(RawOption {
            correct: false,
            html: item.html,
            feedback: item.feedback,
            target: 0,
        });
    }
    if ask.options.len() < 2 {
        diags.push(Diagnostic::error(M::TooFewItems, Some(header.clone())));
    }
}

/// Matching pairs: `- left = right`.
fn pairs(
    ask: &mut RawAsk,
    items: Vec<(Item, std::ops::Range<usize>)>,
    header: &Span,
    diags: &mut Diagnostics,
) {
    let at = |r: &std::ops::Range<usize>| Span { file: header.file, range: r.clone() };
    for (item, span) in items {
        let pair = [" = ", " → ", " -> "].iter().find_map(|sep| item.plain.split_once(sep));
        let Some((left, right)) = pair else {
            diags.push(Diagnostic::error(M::PairWithoutEquals, Some(at(&span))));
            continue;
        };
        let right = right.trim().to_owned();
        let target = match ask.targets.iter().position(|t| *t == right) {
            Some(t) => t,
            None => {
                ask.targets.push(right);
                ask.targets.len() - 1
            }
        };
        let html = escape(left.trim());
        ask.options.push(RawOption { correct: false, html, feedback: item.feedback, target });
    }
    if ask.options.len() < 2 {
        diags.push(Diagnostic::error(M::TooFewPairs, Some(header.clone())));
    }
}

/// True/false and fill-in: the `Svar:` line.
fn keyed(ask: &mut RawAsk, answer: Option<(String, Span)>, header: &Span, diags: &mut Diagnostics) {
    let kind = ask.kind;
    let Some((value, span)) = answer else {
        let message =
            if kind == Kind::TrueFalse { M::TrueFalseNoAnswer } else { M::FillInNoAnswer };
        diags.push(Diagnostic::error(message, Some(header.clone())));
        return;
    };
    if kind == Kind::TrueFalse {
        let truth = match value.to_lowercase().as_str() {
            "sant" | "true" | "ja" | "yes" => Some(true),
            "falskt" | "false" | "nej" | "no" => Some(false),
            _ => None,
        };
        match truth {
            Some(t) => ask.accepted.push(if t { "t".into() } else { "f".into() }),
            None => {
                diags.push(Diagnostic::error(M::NotTrueFalse { value: value.clone() }, Some(span)))
            }
        }
    } else {
        ask.accepted =
            value.split('|').map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()).collect();
        if ask.accepted.is_empty() {
            diags.push(Diagnostic::error(M::EmptyAnswer, Some(span)));
        }
    }
}

/// The legend holds the question's last paragraph, inline (a legend may
/// not contain paragraphs); anything before it is a lead-in.
fn split_prompt(ask: &mut RawAsk, prompt: &[Ev<'_>]) {
    ask.text = inline_text(prompt);
    if ask.kind == Kind::Reflection {
        ask.prompt = render(prompt);
        return;
    }
    let last_para = prompt
        .iter()
        .rposition(|(ev, _)| matches!(ev, Event::Start(Tag::Paragraph)))
        .filter(|&i| block_end(prompt, i) == prompt.len() - 1);
    match last_para {
        Some(i) => {
            ask.lead = render(&prompt[..i]);
            ask.prompt = render(&prompt[i + 1..prompt.len() - 1]);
        }
        None => ask.lead = render(prompt),
    }
}

/// Splits a paragraph's inline events into labelled parts: each line that
/// starts with a label begins a part; other lines continue the last one.
/// Returns (label, plain text after the label, HTML, range) per part.
fn labelled_lines(inline: &[Ev<'_>]) -> Vec<(Label, String, String, std::ops::Range<usize>)> {
    let mut lines: Vec<Vec<Ev<'_>>> = vec![Vec::new()];
    for ev in inline {
        match ev.0 {
            Event::SoftBreak | Event::HardBreak => lines.push(Vec::new()),
            _ => lines.last_mut().expect("never empty").push(ev.clone()),
        }
    }
    let mut parts: Vec<(Label, Vec<Ev<'_>>)> = Vec::new();
    for line in lines {
        match (label(&inline_text(&line)), parts.last_mut()) {
            (Some((l, _)), _) => parts.push((l, line)),
            (None, Some((_, events))) => {
                events.push((Event::SoftBreak, 0..0));
                events.extend(line);
            }
            (None, None) => {}
        }
    }
    parts
        .into_iter()
        .filter_map(|(l, events)| {
            let plain = inline_text(&events);
            let (head, value) = plain.split_once(':')?;
            let html = render(&events);
            let html =
                html.strip_prefix(head).and_then(|h| h.strip_prefix(':')).unwrap_or(&html).trim();
            let range = events.first()?.1.start..events.last()?.1.end;
            Some((l, value.trim().to_owned(), format!("<p>{html}</p>"), range))
        })
        .collect()
}

/// A list item: an optional task marker, its first line, feedback after.
struct Item {
    checked: Option<bool>,
    html: String,
    plain: String,
    feedback: String,
}

fn items(body: &[Ev<'_>], start: usize, end: usize) -> Vec<(Item, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut i = start + 1;
    while i < end {
        let e = block_end(body, i);
        if matches!(body[i].0, Event::Start(Tag::Item)) {
            out.push((item(&body[i + 1..e]), body[i].1.clone()));
        }
        i = e + 1;
    }
    out
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

/// One list item: `[x] text` on the first line, feedback after.
fn item(item: &[Ev<'_>]) -> Item {
    let in_para = matches!(item.first(), Some((Event::Start(Tag::Paragraph), _)));
    let mut i = usize::from(in_para);
    let checked = match item.get(i) {
        Some((Event::TaskListMarker(c), _)) => {
            i += 1;
            Some(*c)
        }
        _ => None,
    };
    // The text: inline events up to the first line break.
    let mut text = Vec::new();
    let mut depth = 0usize;
    while let Some((ev, _)) = item.get(i) {
        match ev {
            Event::Start(t) if is_inline(t) => depth += 1,
            Event::End(_) if depth > 0 => depth -= 1,
            Event::SoftBreak | Event::HardBreak if depth == 0 => break,
            Event::Start(_) | Event::End(_) => break,
            _ => {}
        }
        text.push(item[i].clone());
        i += 1;
    }
    let mut feedback = String::new();
    if matches!(item.get(i), Some((Event::SoftBreak | Event::HardBreak, _))) {
        i += 1;
        let mut inline = Vec::new();
        while let Some((ev, _)) = item.get(i) {
            match ev {
                Event::End(TagEnd::Paragraph) => break,
                Event::Start(t) if !is_inline(t) => break,
                _ => inline.push(item[i].clone()),
            }
            i += 1;
        }
        feedback.push_str(&format!("<p>{}</p>", render(&inline)));
    }
    if matches!(item.get(i), Some((Event::End(TagEnd::Paragraph), _))) {
        i += 1;
    }
    feedback.push_str(&render(item.get(i..).unwrap_or(&[])));
    Item {
        checked,
        html: render(&text),
        plain: inline_text(&text),
        feedback: feedback.trim().to_owned(),
    }
}
