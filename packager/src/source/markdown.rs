//! Walking pulldown-cmark's events: the few helpers every reader of a
//! chapter shares (where a block ends, its plain text, its HTML, the
//! `[!MARKER]` line of a block quote).
//!
//! Every event keeps its byte range, so anything read from it can be
//! located in the author's file.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd, html};

/// A Markdown event with its byte range.
pub(crate) type Ev<'a> = (Event<'a>, Range<usize>);

/// Index of the event that closes the block starting at `i`.
pub(crate) fn block_end(events: &[Ev<'_>], i: usize) -> usize {
    if !matches!(events[i].0, Event::Start(_)) {
        return i;
    }
    let mut depth = 0usize;
    for (j, (ev, _)) in events.iter().enumerate().skip(i) {
        match ev {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// Renders events to HTML. The page title is the page's `h1`, so a `###`
/// in the script becomes an `h2` on the page, and so on down.
pub(crate) fn render(events: &[Ev<'_>]) -> String {
    let up = |level: HeadingLevel| {
        if level > HeadingLevel::H2 {
            HeadingLevel::try_from(level as usize - 1).unwrap_or(level)
        } else {
            level
        }
    };
    let mut out = String::new();
    html::push_html(
        &mut out,
        events.iter().map(|(e, _)| match e {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                Event::Start(Tag::Heading {
                    level: up(*level),
                    id: id.clone(),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                })
            }
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(up(*level))),
            e => e.clone(),
        }),
    );
    out
}

pub(crate) fn inline_text(events: &[Ev<'_>]) -> String {
    let mut s = String::new();
    for (ev, _) in events {
        match ev {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_owned()
}

/// `[!KIND] rest` on the first line of a block quote: the kind, the rest of
/// the line, and the line's byte range.
pub(crate) fn marker(text: &str, block: &[Ev<'_>]) -> Option<(String, String, Range<usize>)> {
    let (Event::Start(Tag::Paragraph), range) = block.get(1)? else { return None };
    let line_end = text[range.start..].find('\n').map_or(range.end, |n| range.start + n);
    let line = &text[range.start..line_end];
    let inner = line.strip_prefix("[!")?;
    let close = inner.find(']')?;
    Some((
        inner[..close].to_uppercase(),
        inner[close + 1..].trim().to_owned(),
        range.start..line_end,
    ))
}

/// The events of a marked block quote without the quote and the marker
/// line.
pub(crate) fn body<'a>(block: &[Ev<'a>], header: &Range<usize>) -> Vec<Ev<'a>> {
    let inner = &block[1..block.len() - 1];
    let para_end = block_end(inner, 0);
    let kept: Vec<Ev<'a>> = inner[1..para_end]
        .iter()
        .filter(|(ev, r)| {
            r.start > header.end || (r.start >= header.end && !matches!(ev, Event::SoftBreak))
        })
        .cloned()
        .collect();
    let mut out = Vec::new();
    if !kept.is_empty() {
        out.push(inner[0].clone());
        out.extend(kept);
        out.push(inner[para_end].clone());
    }
    out.extend_from_slice(&inner[para_end + 1..]);
    out
}
