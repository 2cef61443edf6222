//! Every real course's `minutes` in course.toml agrees with an estimate of
//! how long the course takes, within 20 %.
//!
//! The estimate (the method the authors' issue 12 states):
//!
//! - **reading**: the words a learner is shown, at 180 words a minute;
//! - **answering**: half a minute for every question of any kind, every
//!   scale and every reflection.
//!
//! "Words shown" are counted in what the learner actually sees, not in the
//! Markdown: the course is loaded with [`kursverk::load::load`] and the words
//! are counted in the rendered HTML of every block, tags stripped. So the
//! question markers, ids, settings, answer keys (`- [x]`, `Svar:`) and the
//! `Fel:` feedback a learner who answers right never sees do not count, and
//! neither does the feedback of options a learner does not choose. Counted
//! per page:
//!
//! - the page title;
//! - text and boxes (with the box's heading, e.g. "Viktigt");
//! - questions: the lead, the question, every option, item, target and scale
//!   point, and what a learner who answers right is shown (the `Rätt:`
//!   feedback and the feedback of the right options);
//! - calculators: the introduction, and the label and unit of every field
//!   and result;
//! - exercises and overviews: the stated time, the introduction, and every
//!   section with its heading.
//!
//! The player's own words (buttons, "Ditt resultat" lines) are not counted.
//! A word is a run of characters between white space that has at least one
//! letter or digit in it (a lone "–" is not a word).

use std::collections::HashMap;

use kursverk::model::{Block, Course};
use kursverk_player::model::Kind;

use crate::prelude::*;

const WORDS_PER_MINUTE: f64 = 180.0;
const MINUTES_PER_QUESTION: f64 = 0.5;
const TOLERANCE: f64 = 0.20;

/// The text of an HTML fragment: tags removed (each replaced by a space, so
/// `<li>a</li><li>b</li>` is two words), the entities the renderer writes
/// decoded.
fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
}

fn words(html: &str) -> usize {
    text_of(html).split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// What the estimate is made of.
#[derive(Debug, Default)]
struct Estimate {
    words: usize,
    questions: usize,
}

impl Estimate {
    fn minutes(&self) -> f64 {
        self.words as f64 / WORDS_PER_MINUTE + self.questions as f64 * MINUTES_PER_QUESTION
    }
}

fn estimate(course: &Course) -> Estimate {
    // The right options of each question, from the player's model.
    let right: HashMap<&str, Vec<&str>> = course
        .player
        .questions
        .iter()
        .filter(|q| q.kind == Kind::Choice)
        .map(|q| {
            (q.id.as_str(), q.options.iter().filter(|o| o.correct).map(|o| o.id.as_str()).collect())
        })
        .collect();
    let mut e = Estimate::default();
    for page in course.chapters.iter().flat_map(|c| &c.pages) {
        e.words += words(&course.player.pages[page.index].title);
        for block in &page.blocks {
            e.words += match block {
                Block::Html { html } => words(html),
                Block::Callout { label, html, .. } => words(label) + words(html),
                Block::Question(q) => {
                    e.questions += 1;
                    let shown_feedback: usize = q
                        .options
                        .iter()
                        .filter(|o| {
                            right.get(q.id.as_str()).is_some_and(|r| r.contains(&o.id.as_str()))
                        })
                        .map(|o| words(&o.feedback))
                        .sum();
                    words(&q.lead)
                        + words(&q.prompt)
                        + q.options.iter().map(|o| words(&o.html)).sum::<usize>()
                        + q.targets.iter().map(|o| words(&o.html)).sum::<usize>()
                        + words(&q.right)
                        + shown_feedback
                }
                Block::Calculator(c) => {
                    words(&c.intro)
                        + c.inputs.iter().map(|i| words(&i.label) + words(&i.unit)).sum::<usize>()
                        + c.outputs.iter().map(|o| words(&o.label) + words(&o.unit)).sum::<usize>()
                }
                Block::Summary => 0,
                Block::Exercise(x) => {
                    words(&x.duration)
                        + words(&x.intro)
                        + x.sections.iter().map(|s| words(&s.label) + words(&s.html)).sum::<usize>()
                }
                Block::Overview(o) => {
                    o.stated.as_deref().map_or(0, words)
                        + words(&o.intro)
                        + o.sections.iter().map(|s| words(&s.label) + words(&s.html)).sum::<usize>()
                }
            };
        }
    }
    e
}

#[test]
fn words_are_counted_in_what_the_learner_sees() {
    assert_eq!(words("<p>Ett <strong>två</strong> tre – fyra</p>"), 4);
    assert_eq!(words("<ul><li>a</li><li>b</li></ul>"), 2);
    assert_eq!(words("Skola &amp; socialtjänst"), 2);
    let c = TempCourse::new(&[
        ("course.toml", &course_toml(&["kap.md"])),
        (
            "kap.md",
            "# Ett kapitel\n\nFem ord i ett stycke.\n\n\
             > [!FRÅGA] f\n> Två ord?\n>\n> - [x] Rätt svar\n>   Bra gjort.\n> - [ ] Fel svar\n>   Syns inte.\n>\n\
             > Rätt: Ja.\n>\n> Fel: Syns inte heller.\n\n\
             > [!REFLEKTION] r\n> Tre ord här?\n",
        ),
    ]);
    let course = c.load().course.unwrap();
    let e = estimate(&course);
    // Title 2 + text 5 + question (2 + options 4 + the right option's
    // feedback 2 + "Ja." 1) + reflection 3 + the result page's title 2.
    assert_eq!((e.words, e.questions), (2 + 5 + 9 + 3 + 2, 2));
}

#[test]
fn every_course_states_its_length_within_20_percent_of_the_estimate() {
    let mut report = Vec::new();
    let mut wrong = Vec::new();
    for dir in course_dirs() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let loaded = kursverk::load::load(&dir);
        let course = loaded.course.unwrap_or_else(|| {
            panic!("{name} does not load:\n{}", loaded.diagnostics.render(&loaded.sources))
        });
        let e = estimate(&course);
        let estimated = e.minutes();
        let line = format!(
            "{name}: {} words / {WORDS_PER_MINUTE} + {} questions × {MINUTES_PER_QUESTION} = {estimated:.1} min; course.toml says {}",
            e.words,
            e.questions,
            course.minutes.map_or("nothing".to_owned(), |m| format!("{m} min")),
        );
        println!("{line}");
        match course.minutes {
            Some(m) if (estimated - m as f64).abs() <= TOLERANCE * m as f64 => {}
            _ => wrong.push(line.clone()),
        }
        report.push(line);
    }
    assert!(
        wrong.is_empty(),
        "`minutes` differs from the estimate by more than {}%:\n  {}\n\nall courses:\n  {}",
        TOLERANCE * 100.0,
        wrong.join("\n  "),
        report.join("\n  ")
    );
}
