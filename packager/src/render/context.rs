//! What the templates see: the course's chapters, pages and blocks, with
//! each question's view joined to its model at render time.
//!
//! A question's facts — its kind, whether it takes several answers, its
//! tries, whether it shows the answer — have one owner, the player's model
//! (`course.player.questions`). The page's view of a question holds only
//! what the page shows (HTML of the prompt, options, feedback), and this
//! module puts the two side by side for the template, so nothing is copied
//! into the validated course.

use serde::Serialize;

use crate::model::{Block, Chapter, Course, Page, QuestionView};

/// A chapter for the templates.
#[derive(Serialize)]
pub(super) struct ChapterCtx<'a> {
    title: &'a str,
    slug: &'a str,
    exercise_minutes: u32,
    exercise_count: usize,
    exercise_time: &'a str,
    pages: Vec<PageCtx<'a>>,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    index: usize,
    id: &'a str,
    title: &'a str,
    blocks: Vec<BlockCtx<'a>>,
}

/// A block as it serialises in the validated course, except questions.
#[derive(Serialize)]
#[serde(untagged)]
enum BlockCtx<'a> {
    Question(QuestionCtx<'a>),
    Other(&'a Block),
}

/// A question: the model's facts and the page's view, side by side.
#[derive(Serialize)]
struct QuestionCtx<'a> {
    r#type: &'static str,
    kind: &'static str,
    multiple: bool,
    attempts: u32,
    show_answer: bool,
    #[serde(flatten)]
    view: &'a QuestionView,
}

/// `chapters` (the course's, or a selection of them) for the templates.
pub(super) fn chapters<'a>(course: &'a Course, chapters: &'a [Chapter]) -> Vec<ChapterCtx<'a>> {
    chapters
        .iter()
        .map(|c| ChapterCtx {
            title: &c.title,
            slug: &c.slug,
            exercise_minutes: c.exercise_minutes,
            exercise_count: c.exercise_count,
            exercise_time: &c.exercise_time,
            pages: c.pages.iter().map(|p| page(course, p)).collect(),
        })
        .collect()
}

fn page<'a>(course: &'a Course, page: &'a Page) -> PageCtx<'a> {
    let model = &course.player.pages[page.index];
    PageCtx {
        index: page.index,
        id: &model.id,
        title: &model.title,
        blocks: page
            .blocks
            .iter()
            .map(|b| match b {
                Block::Question(view) => {
                    let q = course
                        .player
                        .question(&view.id)
                        .expect("the loader gives every question view its model");
                    BlockCtx::Question(QuestionCtx {
                        r#type: "question",
                        kind: q.kind.name(),
                        multiple: q.multiple,
                        attempts: q.attempts,
                        show_answer: q.show_answer,
                        view,
                    })
                }
                other => BlockCtx::Other(other),
            })
            .collect(),
    }
}
