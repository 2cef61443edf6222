//! Chapter files: Markdown in, pages of blocks out, with every problem
//! located.
//!
//! A chapter reads as ordinary Markdown on any code host. Structure comes
//! from plain Markdown: the one `#` heading is the chapter title, each `##`
//! heading starts a page. Questions and boxes are block quotes whose first
//! line is a marker in GitHub's alert style (`> [!FRÅGA] id`), and answer
//! options are a task list (`- [x]` right, `- [ ] ` wrong), so they render
//! as quotes and checkboxes where the course is browsed as text.
//!
//! pulldown-cmark does the Markdown; this module only walks its events (with
//! byte offsets, for spans) and recognises that structure.

use std::ops::Range;

use kursverk_player::model::Language;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag};

use crate::diagnostics::{Diagnostic, Diagnostics, FileId, M, Span};
use crate::source::blocks::question::{self, RawAsk};
use crate::source::blocks::sections::{RawExercise, RawOverview, Section, Sectioned, sectioned};
use crate::source::blocks::{self, Block};
use crate::source::markdown::{Ev, block_end, body, inline_text, marker, render};
use crate::source::names::{is_url, media_target, safe_link};
use crate::words::W;

/// A chapter as written, before ids are checked across the course.
#[derive(Debug, Default)]
pub struct RawChapter {
    /// The `#` heading.
    pub title: String,
    /// Pages in order.
    pub pages: Vec<RawPage>,
    /// Images referenced, as written, with where.
    pub images: Vec<(String, Span)>,
}

/// A page as written.
#[derive(Debug)]
pub struct RawPage {
    /// The heading text.
    pub title: String,
    /// An id given with `{#id}` after the heading.
    pub id: Option<String>,
    /// The heading's span.
    pub span: Span,
    /// The content.
    pub blocks: Vec<RawBlock>,
    /// Whether anything was written on the page, even a block that had
    /// problems (so an empty page is not reported on top of them).
    pub written: bool,
}

/// Content of a page, as written.
#[derive(Debug)]
pub enum RawBlock {
    /// Rendered Markdown.
    Html(String),
    /// A box.
    Callout {
        /// `fact`, `tip`, `important`, `warning`.
        kind: &'static str,
        /// Heading of the box.
        label: String,
        /// Content.
        html: String,
    },
    /// A question of any kind.
    Question(RawAsk),
    /// A calculator.
    Calculator(crate::source::blocks::calc::Calculator),
    /// A group exercise.
    Exercise(RawExercise),
    /// A chapter's overview: its stated total time and goals.
    Overview(RawOverview),
}

/// Parses one chapter file.
pub fn chapter(
    text: &str,
    file: FileId,
    language: Language,
    diags: &mut Diagnostics,
) -> RawChapter {
    let mut chapter = RawChapter::default();
    let events = events(text, file, &mut chapter.images, diags);
    let span = |range: &Range<usize>| Span { file, range: range.clone() };

    let mut i = 0;
    let mut seen_title = false;
    // Whether the block before was a question or a box (a quote right after
    // one is most likely its continuation, cut off by a line without `>`).
    let mut after_question = false;
    let mut after_box = false;
    let mut pending_html: Vec<Ev<'_>> = Vec::new();
    while i < events.len() {
        let end = block_end(&events, i);
        let block = &events[i..=end];
        // A block quote's `[!MARKER]` line, read once.
        let mark = matches!(events[i].0, Event::Start(Tag::BlockQuote(_)))
            .then(|| marker(text, block))
            .flatten();
        let range = &events[i].1;
        match &events[i].0 {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) => {
                if seen_title {
                    diags.push(Diagnostic::error(M::SecondTitle, Some(span(range))));
                } else {
                    chapter.title = inline_text(block);
                }
                seen_title = true;
            }
            _ if !seen_title => {
                diags.push(Diagnostic::error(M::TextBeforeTitle, Some(span(range))));
                seen_title = true;
            }
            Event::Start(Tag::Heading { level: HeadingLevel::H2, id, .. }) => {
                flush(&mut pending_html, &mut chapter, file);
                chapter.pages.push(RawPage {
                    title: inline_text(block),
                    id: id.as_ref().map(|s| s.to_string()),
                    span: span(range),
                    blocks: Vec::new(),
                    written: false,
                });
            }
            Event::Start(Tag::BlockQuote(_)) if mark.is_some() => {
                flush(&mut pending_html, &mut chapter, file);
                let (kind, rest, header) = mark.as_ref().expect("checked above");
                let header = span(header);
                let b = special_block(text, block, kind, rest, header, language, diags);
                let page = current_page(&mut chapter, file);
                page.written = true;
                page.blocks.extend(b);
            }
            Event::Start(Tag::BlockQuote(_)) if marker_without_bang(text, block).is_some() => {
                // `[FRÅGA]` reads as a plain quote: its `- [x]` answers
                // would be shown to learners, ticked.
                let (word, range) = marker_without_bang(text, block).expect("checked above");
                diags.push(Diagnostic::error(
                    M::MarkerWithoutBang { word: word.to_string() },
                    Some(span(&range)),
                ));
                pending_html.extend_from_slice(block);
            }
            Event::Start(Tag::BlockQuote(_)) if after_question => {
                // A line without `>` ended the question; the rest reads as
                // a plain quote, right answers ticked for learners to see.
                let blank = text[..range.start].trim_end_matches(['\n', '\r', ' ', '\t']).len();
                let line_start =
                    text[blank..range.start].find('\n').map_or(blank, |n| blank + n + 1);
                // Answers or feedback would show as text: an error. Other
                // text may be a quotation the author meant: a warning.
                let has_answers =
                    block.iter().any(|(e, _)| matches!(e, Event::Start(Tag::List(_))))
                        || question::label(&inline_text(block)).is_some();
                let problem = if has_answers { Diagnostic::error } else { Diagnostic::warning };
                diags.push(problem(M::QuestionCutShort, Some(span(&(line_start..line_start)))));
                pending_html.extend_from_slice(block);
            }
            Event::Start(Tag::BlockQuote(_)) if after_box => {
                // The rest of a box shows as a plain quote outside it.
                let blank = text[..range.start].trim_end_matches(['\n', '\r', ' ', '\t']).len();
                let line_start =
                    text[blank..range.start].find('\n').map_or(blank, |n| blank + n + 1);
                diags.push(Diagnostic::warning(
                    M::BoxCutShort,
                    Some(span(&(line_start..line_start))),
                ));
                pending_html.extend_from_slice(block);
            }
            _ => pending_html.extend_from_slice(block),
        }
        let named = mark.as_ref().and_then(|(kind, _, _)| blocks::block(kind));
        after_question = matches!(named, Some(Block::Question(_)));
        after_box = matches!(named, Some(Block::Box(_)));
        i = end + 1;
    }
    flush(&mut pending_html, &mut chapter, file);
    if !seen_title || chapter.title.is_empty() {
        diags.push(Diagnostic::error(M::NoTitle, Some(span(&(0..0)))));
    }
    // Intro text before the first `##` is a page titled like the chapter.
    if let Some(first) = chapter.pages.first_mut()
        && first.title.is_empty()
    {
        first.title = chapter.title.clone();
    }
    for page in chapter.pages.iter().filter(|p| !p.written && p.blocks.is_empty()) {
        diags.push(Diagnostic::warning(M::EmptyPage, Some(page.span.clone())));
    }
    if chapter.pages.is_empty() && seen_title {
        diags.push(Diagnostic::error(M::NoPages, Some(span(&(0..0)))));
    }
    chapter
}

/// A block name written without its `!` (`> [FRÅGA] id`): the name and
/// where it is. Only the names Kursverk knows count, so a quote may still
/// start with `[OBS]`.
fn marker_without_bang(text: &str, block: &[Ev<'_>]) -> Option<(String, Range<usize>)> {
    let (Event::Start(Tag::Paragraph), range) = block.get(1)? else { return None };
    let line = text[range.start..].lines().next()?;
    let word = line.strip_prefix('[')?.split(']').next()?;
    blocks::block(word).map(|_| (word.to_owned(), range.start..range.start + word.len() + 2))
}

/// Whether code looks like a Markdown list (`- a`, `* a`, `1. a`).
fn looks_like_list(code: &str) -> bool {
    let first = code.trim_start();
    first.starts_with("- ")
        || first.starts_with("* ")
        || first.starts_with("+ ")
        || first
            .split_once(". ")
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A chapter's Markdown events, made safe: images pointed at their package
/// names (and collected for the loader to check), raw HTML turned into
/// text (with one warning), script links refused, and heading attributes
/// other than a page's id refused and dropped. The page runs in the LMS's
/// origin, so nothing an author writes may become markup the author did
/// not mean (docs/course-format.md).
fn events<'a>(
    text: &'a str,
    file: FileId,
    images: &mut Vec<(String, Span)>,
    diags: &mut Diagnostics,
) -> Vec<Ev<'a>> {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut html_warned = false;
    let events: Vec<Ev<'a>> = Parser::new_ext(text, opts)
        .into_offset_iter()
        .map(|(ev, range)| {
            let span = Span { file, range: range.clone() };
            let ev = match ev {
                // Images go to media/ in the package; the loader checks them.
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    images.push((dest_url.to_string(), span));
                    let dest_url = if is_url(&dest_url) {
                        dest_url
                    } else {
                        CowStr::from(media_target(&dest_url))
                    };
                    Event::Start(Tag::Image { link_type, dest_url, title, id })
                }
                // The page runs in the LMS's origin: author HTML is shown
                // as text, never interpreted (docs/course-format.md).
                Event::Html(raw) | Event::InlineHtml(raw) => {
                    if !html_warned {
                        html_warned = true;
                        diags.push(Diagnostic::warning(M::HtmlAsText, Some(span)));
                    }
                    Event::Text(raw)
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    if !safe_link(&dest_url) {
                        diags.push(Diagnostic::error(
                            M::UnsafeLink { link: dest_url.to_string() },
                            Some(span),
                        ));
                    }
                    Event::Start(Tag::Link { link_type, dest_url, title, id })
                }
                // `{#id}` names a page (`##`); nothing else goes in braces.
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let page = level == HeadingLevel::H2;
                    if !classes.is_empty() || !attrs.is_empty() || (!page && id.is_some()) {
                        let line = text[range.clone()].lines().next().unwrap_or("");
                        let span = Span { file, range: range.start..range.start + line.len() };
                        diags.push(Diagnostic::error(M::HeadingAttributes, Some(span)));
                    }
                    let id = if page { id } else { None };
                    Event::Start(Tag::Heading { level, id, classes: Vec::new(), attrs: Vec::new() })
                }
                ev => ev,
            };
            (ev, range)
        })
        .collect();
    // An image's text is what a screen reader reads and what shows when
    // the image cannot: the guide makes it required.
    for (i, (ev, range)) in events.iter().enumerate() {
        // A list indented with a tab (or four spaces) is a code block in
        // Markdown: the learner would see the dashes in a grey box.
        if let Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented)) = ev
            && let Some((Event::Text(code), _)) = events.get(i + 1)
            && looks_like_list(code)
        {
            let line = text[range.clone()].lines().next().unwrap_or("");
            diags.push(Diagnostic::warning(
                M::IndentedList,
                Some(Span { file, range: range.start..range.start + line.len() }),
            ));
        }
        if matches!(ev, Event::Start(Tag::Image { .. }))
            && inline_text(&events[i..=block_end(&events, i)]).is_empty()
        {
            diags
                .push(Diagnostic::error(M::ImageNoText, Some(Span { file, range: range.clone() })));
        }
    }
    events
}

/// The page that content goes on: the last `##` page, or the chapter's
/// intro page (created on first use).
fn current_page(chapter: &mut RawChapter, file: FileId) -> &mut RawPage {
    if chapter.pages.is_empty() {
        chapter.pages.push(RawPage {
            title: String::new(),
            id: None,
            span: Span { file, range: 0..0 },
            blocks: Vec::new(),
            written: false,
        });
    }
    chapter.pages.last_mut().expect("just ensured")
}

fn flush(pending: &mut Vec<Ev<'_>>, chapter: &mut RawChapter, file: FileId) {
    if pending.is_empty() {
        return;
    }
    let html = render(pending);
    pending.clear();
    current_page(chapter, file).blocks.push(RawBlock::Html(html));
}

#[allow(clippy::too_many_arguments)]
fn special_block(
    text: &str,
    block: &[Ev<'_>],
    kind: &str,
    rest: &str,
    header: Span,
    language: Language,
    diags: &mut Diagnostics,
) -> Option<RawBlock> {
    let body = body(block, &header.range);
    // A box is named by its kind's key (`fact`, …) in the page's classes,
    // and headed by the author's words or the kind's name.
    let callout = |word: W| {
        let label = if rest.is_empty() { word.get(language).to_owned() } else { rest.to_owned() };
        Some(RawBlock::Callout { kind: word.key(), label, html: render(&body) })
    };
    let id = || {
        let token = rest.split_whitespace().next()?;
        let start = header.range.start + text[header.range.clone()].find(token)?;
        Some((token.to_owned(), Span { file: header.file, range: start..start + token.len() }))
    };
    match blocks::block(kind) {
        Some(Block::Box(word)) => callout(word),
        Some(Block::Calculator) => {
            let Some((id, _)) = id() else {
                diags.push(Diagnostic::error(M::CalculatorNoId, Some(header)));
                return None;
            };
            Some(RawBlock::Calculator(crate::source::blocks::calc::calculator(
                id, &body, &header, language, diags,
            )))
        }
        Some(Block::Question(kind)) => {
            let line = &text[header.range.clone()];
            let after = line.find(']').map_or(line.len(), |i| i + 1);
            let rest =
                Span { file: header.file, range: header.range.start + after..header.range.end };
            question::question(kind, text, &body, rest, header, diags).map(RawBlock::Question)
        }
        Some(Block::Exercise) => {
            let Sectioned { duration, time_line, intro, sections } =
                sectioned(&body, &header, diags);
            if !time_line {
                diags.push(Diagnostic::error(M::ExerciseNoTime, Some(header.clone())));
            }
            for required in [Section::Purpose, Section::LeaderPreparation] {
                if !sections.iter().any(|(s, _)| *s == required) {
                    diags.push(Diagnostic::error(
                        M::ExerciseNoSection { section: required.label(language).to_owned() },
                        Some(header.clone()),
                    ));
                }
            }
            Some(RawBlock::Exercise(RawExercise {
                id: id(),
                span: header,
                duration,
                intro,
                sections,
            }))
        }
        Some(Block::Overview) => {
            let Sectioned { duration, intro, sections, .. } = sectioned(&body, &header, diags);
            Some(RawBlock::Overview(RawOverview { span: header, duration, intro, sections }))
        }
        None => {
            let block = kind.to_owned();
            let message = match blocks::nearest(kind) {
                Some(near) => M::UnknownBlockNear { block, near: near.to_owned() },
                None => M::UnknownBlock { block },
            };
            diags.push(Diagnostic::error(message, Some(header)));
            None
        }
    }
}
