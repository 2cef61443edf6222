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

use kursverk_player::core::text::fnv1a;
use kursverk_player::model::Language;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::diagnostics::{Diagnostic, Diagnostics, FileId, Span};
use crate::question::{self, RawAsk};

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
    Calculator(crate::calc::Calculator),
    /// A group exercise.
    Exercise(RawExercise),
    /// A chapter's overview: its stated total time and goals.
    Overview(RawOverview),
}

/// The named parts of an exercise or overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// Syfte: why the exercise is done.
    Purpose,
    /// Mål: competence goals.
    Goals,
    /// Förberedelse för ledaren.
    LeaderPreparation,
    /// Förberedelse för deltagarna.
    ParticipantPreparation,
    /// Reflektion: questions for the group.
    Reflection,
}

impl Section {
    const ALL: [(Section, &'static str, &'static str); 5] = [
        (Section::Purpose, "Syfte", "Purpose"),
        (Section::Goals, "Mål", "Goals"),
        (Section::LeaderPreparation, "Förberedelse för ledaren", "Preparation for the leader"),
        (
            Section::ParticipantPreparation,
            "Förberedelse för deltagarna",
            "Preparation for the participants",
        ),
        (Section::Reflection, "Reflektion", "Reflection"),
    ];

    fn from_heading(text: &str) -> Option<Section> {
        let t = text.trim().trim_end_matches(':').to_lowercase();
        Section::ALL
            .iter()
            .find(|(_, sv, en)| t == sv.to_lowercase() || t == en.to_lowercase())
            .map(|(s, _, _)| *s)
    }

    /// The heading in the course language.
    pub fn label(self, language: Language) -> &'static str {
        let (_, sv, en) = Section::ALL.iter().find(|(s, _, _)| *s == self).expect("all listed");
        if language == Language::Sv { sv } else { en }
    }
}

/// A duration line (`Tid: 1 tim 10 min`): minutes, as written, where.
#[derive(Debug, Clone)]
pub struct Duration {
    /// Parsed minutes.
    pub minutes: u32,
    /// As the author wrote it.
    pub text: String,
    /// The line.
    pub span: Span,
}

/// A group exercise as written.
#[derive(Debug)]
pub struct RawExercise {
    /// The id after the marker.
    pub id: Option<(String, Span)>,
    /// The marker line.
    pub span: Span,
    /// How long it takes (required).
    pub duration: Option<Duration>,
    /// Text before the first section.
    pub intro: String,
    /// The sections, rendered.
    pub sections: Vec<(Section, String)>,
}

/// A chapter overview as written.
#[derive(Debug)]
pub struct RawOverview {
    /// The marker line.
    pub span: Span,
    /// The total the author states, if any.
    pub duration: Option<Duration>,
    /// Text before the first section.
    pub intro: String,
    /// The sections, rendered.
    pub sections: Vec<(Section, String)>,
}

/// A Markdown event with its byte range.
pub(crate) type Ev<'a> = (Event<'a>, Range<usize>);

/// The package path an image is copied to: `media/` plus its path in the
/// course folder, made ASCII (LMSs and zip tools mangle other names).
///
/// Names that are already plain (lowercase ASCII letters, digits, `-`, `_`)
/// stay as they are. Any other name gets a readable ASCII form plus eight
/// hex digits of a hash of the name as written, so two different names
/// never become one (`min bild.svg` and `min-bild.svg`, `år` and `ar`,
/// `Ω.svg` and `日本.svg`), and a name always becomes the same one.
pub fn media_target(dest: &str) -> String {
    let parts: Vec<String> = dest
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .map(|p| {
            let (stem, ext) = p.rsplit_once('.').unwrap_or((p, ""));
            let plain = |s: &str| {
                s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
            };
            let stem = if !stem.is_empty() && plain(stem) && plain(ext) {
                stem.to_owned()
            } else {
                let readable = slug(stem, usize::MAX);
                let hash = format!("{:08x}", fnv1a(p.as_bytes()));
                if readable.is_empty() { hash } else { format!("{readable}-{hash}") }
            };
            let ext: String = ext
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            if ext.is_empty() { stem } else { format!("{stem}.{ext}") }
        })
        .collect();
    format!("media/{}", parts.join("/"))
}

/// Whether a link may appear in a page: web, e-mail and phone addresses,
/// and addresses without a scheme (paths and `#fragments`). Anything else —
/// `javascript:`, `data:`, `vbscript:`, `file:` — could run script in the
/// LMS or leave it, and is refused. Browsers ignore whitespace and control
/// characters inside a scheme, so they are ignored here too.
pub fn safe_link(dest: &str) -> bool {
    let plain: String = dest
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| !matches!(c, '/' | '?' | '#'))
        .collect();
    match plain.split_once(':') {
        None => true,
        Some((scheme, _)) => {
            matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https" | "mailto" | "tel")
        }
    }
}

/// A chapter's text with the characters no page or manifest may hold
/// (control characters other than tab and line breaks — Word's Shift+Enter
/// is U+000B — and the non-characters U+FFFE and U+FFFF) replaced by
/// characters of the same length in bytes, so every span still points at
/// the author's text. Returns where the first one was, if any, and how many
/// there were.
pub fn replace_control_chars(text: &mut String) -> Option<(usize, usize)> {
    let bad = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r') && (c as u32) < 0x80)
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    let first = text.find(bad)?;
    let count = text.chars().filter(|c| bad(*c)).count();
    *text = text
        .chars()
        .map(|c| match c {
            c if !bad(c) => c,
            '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
            _ => ' ',
        })
        .collect();
    Some((first, count))
}

/// Whether an image reference is a URL rather than a file in the course.
pub fn is_url(dest: &str) -> bool {
    dest.contains("://") || dest.starts_with("data:") || dest.starts_with("//")
}

/// An ASCII id from text: lowercase letters and digits joined by `-`, at
/// most `max_words` words.
pub fn slug(text: &str, max_words: usize) -> String {
    let mut out = String::new();
    let mut words = 0;
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            'í' | 'ï' => 'i',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                words += 1;
                if words >= max_words {
                    break;
                }
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Parses one chapter file.
pub fn chapter(
    text: &str,
    file: FileId,
    language: Language,
    diags: &mut Diagnostics,
) -> RawChapter {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut chapter = RawChapter::default();
    let mut html_warned = false;
    let events: Vec<Ev<'_>> = Parser::new_ext(text, opts)
        .into_offset_iter()
        .map(|(ev, range)| {
            let span = Span { file, range: range.clone() };
            let ev = match ev {
                // Images go to media/ in the package; the loader checks them.
                Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                    chapter.images.push((dest_url.to_string(), span));
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
                        diags.push(
                            Diagnostic::warning("HTML is shown as text, not used", Some(span))
                                .label("shown to learners as written")
                                .hint(
                                    "use Markdown instead (**fet**, *kursiv*, [länk](https://…)); \
                                     to show code, put it in `backticks`",
                                ),
                        );
                    }
                    Event::Text(raw)
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                    if !safe_link(&dest_url) {
                        diags.push(
                            Diagnostic::error(
                                format!("the link `{dest_url}` cannot be used"),
                                Some(span),
                            )
                            .label("not a web, e-mail or phone address")
                            .hint("links go to https://…, mailto:… or tel:…, or to a page in the course (#page-id)"),
                        );
                    }
                    Event::Start(Tag::Link { link_type, dest_url, title, id })
                }
                // `{#id}` names a page (`##`); nothing else goes in braces.
                Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                    let page = level == HeadingLevel::H2;
                    if !classes.is_empty() || !attrs.is_empty() || (!page && id.is_some()) {
                        let line = text[range.clone()].lines().next().unwrap_or("");
                        let span = Span { file, range: range.start..range.start + line.len() };
                        diags.push(
                            Diagnostic::error(
                                "only a page heading (`##`) can have something in `{…}`, and only its id",
                                Some(span),
                            )
                            .label("not allowed here")
                            .hint("write `## Page title {#page-id}`, or remove the `{…}`"),
                        );
                    }
                    let id = if page { id } else { None };
                    Event::Start(Tag::Heading { level, id, classes: Vec::new(), attrs: Vec::new() })
                }
                ev => ev,
            };
            (ev, range)
        })
        .collect();
    let span = |range: &Range<usize>| Span { file, range: range.clone() };

    let mut i = 0;
    let mut seen_title = false;
    let mut pending_html: Vec<Ev<'_>> = Vec::new();
    while i < events.len() {
        let end = block_end(&events, i);
        let block = &events[i..=end];
        let range = &events[i].1;
        match &events[i].0 {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) => {
                if seen_title {
                    diags.push(
                        Diagnostic::error(
                            "a chapter has exactly one `#` heading",
                            Some(span(range)),
                        )
                        .label("second `#` heading")
                        .hint(
                            "start a new page with `##`, or put this in a chapter file of its own",
                        ),
                    );
                } else {
                    chapter.title = inline_text(block);
                }
                seen_title = true;
            }
            _ if !seen_title => {
                diags.push(
                    Diagnostic::error("the chapter must start with its title", Some(span(range)))
                        .label("text before the chapter title")
                        .hint("put the chapter title on the first line, as `# Title`"),
                );
                seen_title = true;
            }
            Event::Start(Tag::Heading { level: HeadingLevel::H2, id, .. }) => {
                flush(&mut pending_html, &mut chapter, file);
                chapter.pages.push(RawPage {
                    title: inline_text(block),
                    id: id.as_ref().map(|s| s.to_string()),
                    span: span(range),
                    blocks: Vec::new(),
                });
            }
            Event::Start(Tag::BlockQuote(_)) if marker(text, block).is_some() => {
                flush(&mut pending_html, &mut chapter, file);
                let (kind, rest, header) = marker(text, block).expect("checked above");
                let header = span(&header);
                if let Some(b) = special_block(text, block, &kind, &rest, header, language, diags) {
                    current_page(&mut chapter, file).blocks.push(b);
                }
            }
            _ => pending_html.extend_from_slice(block),
        }
        i = end + 1;
    }
    flush(&mut pending_html, &mut chapter, file);
    if !seen_title || chapter.title.is_empty() {
        diags.push(
            Diagnostic::error("the chapter has no title", Some(span(&(0..0))))
                .hint("put the chapter title on the first line, as `# Title`"),
        );
    }
    // Intro text before the first `##` is a page titled like the chapter.
    if let Some(first) = chapter.pages.first_mut()
        && first.title.is_empty()
    {
        first.title = chapter.title.clone();
    }
    if chapter.pages.is_empty() && seen_title {
        diags
            .push(Diagnostic::error("the chapter has no pages", Some(span(&(0..0)))).hint(
                "add text under the title, or `## Page title` headings with text under them",
            ));
    }
    chapter
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
fn marker(text: &str, block: &[Ev<'_>]) -> Option<(String, String, Range<usize>)> {
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
fn body<'a>(block: &[Ev<'a>], header: &Range<usize>) -> Vec<Ev<'a>> {
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
    let sv = language == Language::Sv;
    let callout = |kind: &'static str, sv_label: &str, en_label: &str| {
        let label = if !rest.is_empty() {
            rest.to_owned()
        } else if sv {
            sv_label.to_owned()
        } else {
            en_label.to_owned()
        };
        Some(RawBlock::Callout { kind, label, html: render(&body) })
    };
    let id = || {
        let token = rest.split_whitespace().next()?;
        let start = header.range.start + text[header.range.clone()].find(token)?;
        Some((token.to_owned(), Span { file: header.file, range: start..start + token.len() }))
    };
    match kind {
        "FAKTA" | "NOTE" => callout("fact", "Fakta", "Note"),
        "TIPS" | "TIP" => callout("tip", "Tips", "Tip"),
        "VIKTIGT" | "IMPORTANT" => callout("important", "Viktigt", "Important"),
        "VARNING" | "WARNING" | "CAUTION" => callout("warning", "Varning", "Warning"),
        "KALKYL" | "KALKYLATOR" | "CALCULATOR" => {
            let Some((id, _)) = id() else {
                diags.push(
                    Diagnostic::error("the calculator needs an id", Some(header))
                        .hint("write an id after the marker: `> [!KALKYL] jamforelse`"),
                );
                return None;
            };
            Some(RawBlock::Calculator(crate::calc::calculator(id, &body, &header, language, diags)))
        }
        k if question::kind(k).is_some() => {
            let kind = question::kind(k).expect("checked");
            let line = &text[header.range.clone()];
            let after = line.find(']').map_or(line.len(), |i| i + 1);
            let rest =
                Span { file: header.file, range: header.range.start + after..header.range.end };
            question::question(kind, text, &body, rest, header, diags).map(RawBlock::Question)
        }
        "ÖVNING" | "EXERCISE" => {
            let Sectioned { duration, time_line, intro, sections } =
                sectioned(&body, &header, diags);
            let names = |s: Section| format!("`#### {}`", s.label(language));
            if !time_line {
                diags.push(
                    Diagnostic::error("the exercise has no duration", Some(header.clone())).hint(
                        if sv {
                            "add a line `> Tid: 40 min` under the marker"
                        } else {
                            "add a line `> Time: 40 min` under the marker"
                        },
                    ),
                );
            }
            for required in [Section::Purpose, Section::LeaderPreparation] {
                if !sections.iter().any(|(s, _)| *s == required) {
                    diags.push(
                        Diagnostic::error(
                            format!("the exercise has no {} section", names(required)),
                            Some(header.clone()),
                        )
                        .hint(format!(
                            "add {} with its text under it, each line starting with `>`",
                            names(required)
                        )),
                    );
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
        "ÖVERSIKT" | "OVERVIEW" => {
            let Sectioned { duration, intro, sections, .. } = sectioned(&body, &header, diags);
            Some(RawBlock::Overview(RawOverview { span: header, duration, intro, sections }))
        }
        other => {
            diags.push(
                Diagnostic::error(format!("unknown block `[!{other}]`"), Some(header))
                    .label("not a block Kursverk knows")
                    .hint(
                        "use one of [!FRÅGA], [!SANT-FALSKT], [!FYLL-I], [!ORDNING], [!PARA], \
                         [!SKALA], [!REFLEKTION], [!KALKYL], [!FAKTA], [!TIPS], [!VIKTIGT], \
                         [!VARNING], [!ÖVNING], [!ÖVERSIKT] (see docs/course-format.md)",
                    ),
            );
            None
        }
    }
}

/// An exercise or overview body, split up.
struct Sectioned {
    duration: Option<Duration>,
    /// Whether there was a `Tid:` line (readable or not).
    time_line: bool,
    intro: String,
    sections: Vec<(Section, String)>,
}

/// Splits an exercise or overview body into its `Tid:` line, the text
/// before the first section heading, and the named sections.
fn sectioned(body: &[Ev<'_>], header: &Span, diags: &mut Diagnostics) -> Sectioned {
    let mut duration = None;
    let mut time_line = false;
    let mut intro: Vec<Ev<'_>> = Vec::new();
    let mut sections: Vec<(Section, Vec<Ev<'_>>)> = Vec::new();
    let mut i = 0;
    let span = |r: &Range<usize>| Span { file: header.file, range: r.clone() };
    while i < body.len() {
        let end = block_end(body, i);
        let block = &body[i..=end];
        match &body[i].0 {
            Event::Start(Tag::Heading { .. }) => {
                let name = inline_text(block);
                match Section::from_heading(&name) {
                    Some(s) if sections.iter().any(|(x, _)| *x == s) => diags.push(
                        Diagnostic::error(
                            format!("the section `{name}` appears twice"),
                            Some(span(&body[i].1)),
                        )
                        .hint("put all of its text under one heading"),
                    ),
                    Some(s) => sections.push((s, Vec::new())),
                    None => diags.push(
                        Diagnostic::error(
                            format!("unknown section `{name}`"),
                            Some(span(&body[i].1)),
                        )
                        .label("not a section Kursverk knows")
                        .hint(
                            "the sections are: Syfte, Mål, Förberedelse för ledaren, \
                                 Förberedelse för deltagarna, Reflektion",
                        ),
                    ),
                }
            }
            Event::Start(Tag::Paragraph)
                if sections.is_empty() && duration_line(block).is_some() =>
            {
                time_line = true;
                let written = duration_line(block).expect("checked");
                // The paragraph may have started on the marker line: point
                // at its text only.
                let inner = &block[1..block.len() - 1];
                let line = match (inner.first(), inner.last()) {
                    (Some(a), Some(b)) => a.1.start..b.1.end,
                    _ => body[i].1.clone(),
                };
                match crate::duration::parse(&written) {
                    Ok(minutes) => {
                        duration = Some(Duration { minutes, text: written, span: span(&line) })
                    }
                    Err(why) => diags.push(
                        Diagnostic::error(
                            format!("cannot read the time: {why}"),
                            Some(span(&line)),
                        )
                        .label("not a duration")
                        .hint("write it like `Tid: 40 min`, `Tid: 1 tim 10 min` or `Tid: 2 tim`"),
                    ),
                }
            }
            _ => match sections.last_mut() {
                Some((_, events)) => events.extend_from_slice(block),
                None => intro.extend_from_slice(block),
            },
        }
        i = end + 1;
    }
    let sections = sections.into_iter().map(|(s, events)| (s, render(&events))).collect();
    Sectioned { duration, time_line, intro: render(&intro), sections }
}

/// `Tid: 40 min` (or `Time:`): the text after the colon.
fn duration_line(block: &[Ev<'_>]) -> Option<String> {
    let text = inline_text(block);
    let (label, rest) = text.split_once(':')?;
    matches!(label.trim().to_lowercase().as_str(), "tid" | "time" | "tidsåtgång" | "duration")
        .then(|| rest.trim().to_owned())
}
