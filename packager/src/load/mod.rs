//! Loading a course folder: `course.toml` and the chapter files in, a
//! validated [`Course`] (or every problem found) out.
//!
//! This is where raw input becomes the validated model (ripgrep's
//! `LowArgs` → `HiArgs`): cross-file rules such as unique ids, files that
//! must exist and paths that must stay inside the course folder are checked
//! here, and every problem is collected, never just the first.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use kursverk_player::model::{self as player, Language};

use crate::diagnostics::{Diagnostic, Diagnostics, FileId, M, Sources, Span};
use crate::files::{Disk, Files};
use crate::model::{Block, Chapter, Course, Media, Page};
use crate::source::chapter::RawChapter;
use crate::source::config::{self, Counts, CourseToml, Sco, XapiToml};
use crate::source::names;
use crate::words::W;

mod files;
mod ids;
mod pages;
mod questions;
mod theme;

pub use files::MAX_CHAPTER_BYTES;

/// The result of loading: the course if it is valid, and every problem.
pub struct Loaded {
    /// `Some` when there are no errors (warnings allowed).
    pub course: Option<Course>,
    /// Errors and warnings, in the order found.
    pub diagnostics: Diagnostics,
    /// The files read, for rendering the diagnostics.
    pub sources: Sources,
    /// Where the files came from: the outputs read the media from there.
    pub files: Arc<dyn Files>,
}

/// A page as the Studios list it: for the table of contents, and to go
/// from a problem's place to the page it is on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PageRef {
    /// Its id (`#page-<id>`).
    pub id: String,
    /// Its heading.
    pub title: String,
    /// The chapter file it is written in (`None` for the result page).
    pub file: Option<String>,
    /// The line it starts on there.
    pub line: Option<usize>,
}

impl Loaded {
    /// The course's pages with where each is written; none when the course
    /// has errors.
    pub fn pages(&self) -> Vec<PageRef> {
        let Some(course) = &self.course else { return Vec::new() };
        let mut pages: Vec<PageRef> = course
            .player
            .pages
            .iter()
            .map(|p| PageRef { id: p.id.clone(), title: p.title.clone(), file: None, line: None })
            .collect();
        for page in course.chapters.iter().flat_map(|c| &c.pages) {
            if let (Some(span), Some(entry)) = (&page.span, pages.get_mut(page.index)) {
                entry.line = Some(self.sources.line_col(span).0);
                entry.file = Some(self.sources.name(span.file).to_owned());
            }
        }
        pages
    }
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loaded")
            .field("course", &self.course)
            .field("diagnostics", &self.diagnostics)
            .finish_non_exhaustive()
    }
}

/// Loads and checks the course in the folder `dir` on disk.
pub fn load(dir: &Path) -> Loaded {
    load_from(dir, Arc::new(Disk))
}

/// Loads and checks the course in `dir` of `files` (the disk, or files a
/// browser read into memory).
pub fn load_from(dir: &Path, files: Arc<dyn Files>) -> Loaded {
    let mut loader = Loader {
        dir: dir.to_owned(),
        files,
        language: Language::Sv,
        sources: Sources::default(),
        diags: Diagnostics::default(),
    };
    let course = loader.course();
    loader.diags.sort_by_place();
    let course = if loader.diags.has_errors() { None } else { course };
    Loaded { course, diagnostics: loader.diags, sources: loader.sources, files: loader.files }
}

struct Loader {
    dir: PathBuf,
    files: Arc<dyn Files>,
    language: Language,
    sources: Sources,
    diags: Diagnostics,
}

/// The course-wide settings from `course.toml`, checked.
struct Settings {
    id: String,
    language: Language,
    mastery: u8,
    sco_per_chapter: bool,
    /// Slugs of the quiz's chapters.
    quiz_chapters: Vec<String>,
    completion: Vec<player::Rule>,
    status12: player::Status12,
    quiz_best: bool,
}

/// What the chapters add up to.
struct Built {
    pages: Vec<player::Page>,
    questions: Vec<player::Question>,
    chapters: Vec<Chapter>,
    media: Vec<Media>,
    calculators: Vec<player::Calculator>,
}

impl Loader {
    /// A setting with a fixed set of values (its enum's `NAMES` table):
    /// the value, or a located error that lists the values.
    fn setting<T: Copy>(
        &mut self,
        value: &toml::Spanned<String>,
        file: FileId,
        names: &[(T, &str)],
        key: &str,
    ) -> Option<T> {
        let found = player::by_name(names, value.get_ref());
        if found.is_none() {
            let known: Vec<String> = names.iter().map(|(_, n)| format!("\"{n}\"")).collect();
            self.diags.push(Diagnostic::error(
                M::UnknownValue {
                    key: key.to_owned(),
                    value: value.get_ref().clone(),
                    known: known.join(", "),
                },
                Some(Span { file, range: value.span() }),
            ));
        }
        found
    }

    /// `course.toml`, read and parsed; `None` (with the problem recorded)
    /// when it cannot be.
    fn read_toml(&mut self) -> Option<(FileId, CourseToml)> {
        let toml_path = self.dir.join("course.toml");
        let text = match files::read_text(&*self.files, &toml_path) {
            Ok(t) => t,
            Err(files::Unreadable::NotUtf8) => {
                self.diags.push(Diagnostic::error(M::TomlNotUtf8, None));
                return None;
            }
            Err(files::Unreadable::Io(e)) => {
                let folder = self.dir.display().to_string();
                self.diags.push(Diagnostic::error(
                    if e.kind() == std::io::ErrorKind::NotFound {
                        M::TomlMissing { folder }
                    } else {
                        M::TomlUnreadable { folder }
                    },
                    None,
                ));
                return None;
            }
        };
        let file = self.sources.add("course.toml".into(), &toml_path, text.clone());
        // TOML stops at its first problem; an author wants them all. Each
        // problem's line is set aside (blanked, so every later offset stays
        // right; a required text key gets an empty value) and the rest read
        // again, until it reads or a problem cannot be set aside.
        let mut attempt = text.clone();
        let mut set_aside = Vec::new();
        for _ in 0..MAX_TOML_PROBLEMS {
            let e = match toml::from_str::<CourseToml>(&attempt) {
                // Any problems are recorded; the rest is checked as usual
                // (and the course is not built: there are errors).
                Ok(raw) => return Some((file, raw)),
                Err(e) => e,
            };
            let span = e.span().map(|range| Span { file, range });
            let missing = e.message().starts_with("missing field");
            self.diags.push(toml_problem(&text, e.message().trim(), span.clone()));
            // A missing key has no line to set aside.
            let line =
                span.filter(|_| !missing).and_then(|s| set_line_aside(&mut attempt, s.range.start));
            match line {
                Some(line) if !set_aside.contains(&line) => set_aside.push(line),
                _ => break,
            }
        }
        self.diags.language = language_despite(&text);
        self.chapters_despite(&text, file);
        None
    }

    /// The course-wide settings, checked; every problem is recorded and a
    /// usable default taken, so the chapters are still checked.
    fn settings(&mut self, raw: &mut CourseToml, file: FileId) -> Settings {
        let at = |s: std::ops::Range<usize>| Some(Span { file, range: s });
        // Escapes such as "\u0001" put control characters into strings,
        // which no manifest may hold.
        let texts = [&mut raw.title, &mut raw.version].into_iter();
        let texts = texts.chain(raw.description.as_mut()).chain(raw.authors.iter_mut());
        let replaced = texts.map(|t| names::replace_control_chars(t).is_some()).filter(|r| *r);
        if replaced.count() > 0 {
            self.diags.push(Diagnostic::warning(M::TomlControlChars, at(0..0)));
        }

        let id = raw.id.get_ref().clone();
        if !ids::valid_id(&id) || id.starts_with(|c: char| c.is_ascii_digit()) {
            self.diags
                .push(Diagnostic::error(M::BadCourseId { id: id.clone() }, at(raw.id.span())));
        }
        let language =
            self.setting(&raw.language, file, &Language::NAMES, "language").unwrap_or(Language::Sv);
        self.language = language;
        self.diags.language = language;
        let mastery = *raw.mastery_score.get_ref();
        if !(0..=100).contains(&mastery) {
            self.diags.push(Diagnostic::error(
                M::MasteryRange { value: mastery.to_string() },
                at(raw.mastery_score.span()),
            ));
        }
        if raw.chapters.is_empty() {
            self.diags.push(Diagnostic::error(M::NoChapters, at(0..0)));
        }

        let sco = raw.sco.as_ref().and_then(|s| self.setting(s, file, &Sco::NAMES, "sco"));
        let sco_per_chapter = sco == Some(Sco::Chapter);
        if raw.split && !sco_per_chapter {
            self.diags.push(Diagnostic::error(M::SplitNeedsSco, at(0..0)));
        }
        let quiz_chapters: Vec<String> = match &raw.quiz {
            Some(q) if !q.chapters.is_empty() => q
                .chapters
                .iter()
                .map(|c| {
                    let name = c.get_ref();
                    if !raw.chapters.iter().any(|x| x.get_ref() == name) {
                        self.diags.push(Diagnostic::error(
                            M::QuizChapterUnknown { name: name.clone() },
                            at(c.span()),
                        ));
                    }
                    names::chapter_slug(name)
                })
                .collect(),
            _ => Vec::new(),
        };
        let completion = self.completion(raw.completion.as_deref(), file);
        let status12 = raw
            .scorm12_status
            .as_ref()
            .and_then(|s| self.setting(s, file, &player::Status12::NAMES, "scorm12-status"))
            .unwrap_or(player::Status12::PassedFailed);
        let counts = raw
            .quiz
            .as_ref()
            .and_then(|q| q.counts.as_ref())
            .and_then(|c| self.setting(c, file, &Counts::NAMES, "counts"));
        let quiz_best = counts != Some(Counts::Latest);
        Settings {
            id,
            language,
            mastery: mastery.clamp(0, 100) as u8,
            sco_per_chapter,
            quiz_chapters,
            completion,
            status12,
            quiz_best,
        }
    }

    /// When `course.toml` cannot be read as a whole, its chapters are still
    /// checked: an author sees every problem at once, not one file at a
    /// time. The chapter list and language are picked out of the text.
    fn chapters_despite(&mut self, text: &str, file: FileId) {
        let language = language_despite(text);
        let Some(key) = text.find("chapters") else { return };
        let Some(open) = text[key..].find('[').map(|i| key + i) else { return };
        let close = text[open..].find(']').map_or(text.len(), |i| open + i);
        let mut at = open;
        while let Some(q) = text[at..close].find('"').map(|i| at + i) {
            let Some(end) = text[q + 1..close].find('"').map(|i| q + 1 + i) else { break };
            let name = &text[q + 1..end];
            if !name.is_empty() {
                let _ = self.chapter(name, Span { file, range: q..end + 1 }, language);
            }
            at = end + 1;
        }
    }

    /// Saved progress must fit the 4,096 characters a SCORM 1.2 LMS keeps
    /// (free text is kept in the browser when it does not): warn when a
    /// course (or a SCO of it) comes within a tenth of that.
    fn check_state_size(&mut self, course: &Course, file: FileId) {
        let limit = kursverk_player::model::scorm::Version::Scorm12.suspend_data_limit();
        let mut sizes: Vec<(String, usize)> = if course.sco_per_chapter {
            (0..course.chapters.len())
                .map(|i| course.chapter_player(i))
                .map(|p| (p.id.clone(), kursverk_player::core::suspend::largest(&p)))
                .collect()
        } else {
            vec![(
                course.player.id.clone(),
                kursverk_player::core::suspend::largest(&course.player),
            )]
        };
        sizes.retain(|(_, size)| size * 10 > limit * 9);
        for (id, size) in sizes {
            let (over, size, limit) = (size > limit, size.to_string(), limit.to_string());
            let message = if over {
                M::StateOverLimit { id, size, limit }
            } else {
                M::StateNearLimit { id, size, limit }
            };
            self.diags.push(Diagnostic::warning(message, Some(Span { file, range: 0..0 })));
        }
    }

    /// Every chapter listed, read and parsed, with its slug.
    fn chapters(
        &mut self,
        raw: &CourseToml,
        file: FileId,
        language: Language,
    ) -> Vec<(String, RawChapter)> {
        let mut chapters = Vec::new();
        let mut seen_files = HashMap::new();
        for entry in &raw.chapters {
            let name = entry.get_ref();
            let span = Span { file, range: entry.span() };
            if let Some(first) = seen_files.insert(name.clone(), span.clone()) {
                self.diags.push(
                    Diagnostic::error(M::ChapterTwice { name: name.clone() }, Some(span))
                        .related(first),
                );
                continue;
            }
            if let Some(raw_chapter) = self.chapter(name, span, language) {
                chapters.push((names::chapter_slug(name), raw_chapter));
            }
        }
        chapters
    }

    fn course(&mut self) -> Option<Course> {
        let (file, mut raw) = self.read_toml()?;
        let settings = self.settings(&mut raw, file);
        let Settings {
            id,
            language,
            mastery,
            sco_per_chapter,
            quiz_chapters,
            completion,
            status12,
            quiz_best,
        } = settings;
        let at = |s: std::ops::Range<usize>| Some(Span { file, range: s });
        let chapters = self.chapters(&raw, file, language);
        let (theme, logo) = self.theme(raw.theme.as_ref(), file);
        let mut built = self.build(chapters, &quiz_chapters);
        if !quiz_chapters.is_empty() && !built.questions.iter().any(|q| q.quiz && q.graded()) {
            self.diags.push(Diagnostic::error(M::QuizNoGraded, at(0..0)));
        }
        let graded = built.questions.iter().any(|q| q.graded());
        if raw.summary.unwrap_or(graded) {
            self.summary_page(&mut built, language);
        }
        let Built { pages, questions, chapters, mut media, calculators } = built;
        media.extend(logo);
        let (activity, lrs) = self.xapi(raw.xapi.as_ref(), &id, language, file);
        let course = Course {
            player: player::Course {
                id,
                title: raw.title,
                language,
                version: raw.version,
                mastery_score: mastery,
                pages,
                questions,
                completion,
                status12,
                quiz_retries: raw.quiz.as_ref().and_then(|q| q.retries).unwrap_or(u32::MAX),
                quiz_best,
                calculators,
                texts: language
                    .texts()
                    .map(|(k, v)| player::Text { key: k.to_owned(), value: v.to_owned() })
                    .collect(),
            },
            authors: raw.authors,
            description: raw.description,
            minutes: raw.minutes,
            chapters,
            media,
            sco_per_chapter,
            split: raw.split,
            theme,
            activity,
            lrs,
        };
        self.check_state_size(&course, file);
        Some(course)
    }

    /// `[xapi]`: the course's IRI, and where and as whom a web build
    /// reports (`None`: it does not).
    fn xapi(
        &mut self,
        raw: Option<&XapiToml>,
        id: &str,
        language: Language,
        file: FileId,
    ) -> (String, Option<player::xapi::Xapi>) {
        use player::xapi::{Learner, Xapi};
        let at = |s: std::ops::Range<usize>| Some(Span { file, range: s });
        let mut activity = format!("urn:kursverk:{id}");
        let Some(raw) = raw else { return (activity, None) };
        if let Some(a) = &raw.activity_id {
            if is_iri(a.get_ref()) {
                activity = a.get_ref().trim().to_owned();
            } else {
                let value = a.get_ref().clone();
                self.diags.push(Diagnostic::error(M::XapiActivity { value }, at(a.span())));
            }
        }
        // "cmi5" (the LMS names the learner) is no author's choice.
        let choices: Vec<(Learner, &str)> =
            Learner::NAMES.into_iter().filter(|(l, _)| *l != Learner::Launch).collect();
        let learner = raw.learner.as_ref().and_then(|l| self.setting(l, file, &choices, "learner"));
        let endpoint = raw.endpoint.as_ref().and_then(|e| {
            let url = e.get_ref().trim();
            let web = (url.starts_with("https://") || url.starts_with("http://"))
                && url.len() > "https://".len()
                && !url.contains(char::is_whitespace);
            if !web {
                let value = e.get_ref().clone();
                self.diags.push(Diagnostic::error(M::XapiEndpoint { value }, at(e.span())));
                return None;
            }
            // Requests are made relative to it: `…/xapi` and `…/xapi/` alike.
            Some(if url.ends_with('/') { url.to_owned() } else { format!("{url}/") })
        });
        // Only an IRI: the table has nothing that reports.
        if raw.endpoint.is_none() && raw.learner.is_none() {
            return (activity, None);
        }
        // Said at what the table has: the learner line, or the endpoint's.
        let near = raw.learner.as_ref().or(raw.endpoint.as_ref()).map_or(0..0, |v| v.span());
        let mut needs = |what: &str| {
            let what = what.to_owned();
            self.diags.push(Diagnostic::error(M::XapiNeeds { what }, at(near.clone())));
        };
        if raw.endpoint.is_none() {
            needs("endpoint");
        }
        if raw.learner.is_none() {
            needs("learner");
        }
        let home = raw.account_home.as_ref().map(|h| h.get_ref().trim().to_owned());
        if learner == Some(Learner::Number) && home.is_none() {
            needs("account-home");
        }
        let (Some(endpoint), Some(learner)) = (endpoint, learner) else {
            return (activity, None);
        };
        let lrs = Xapi {
            activity: activity.clone(),
            endpoint,
            learner,
            home: home.unwrap_or_default(),
            auth: raw.auth.as_ref().map(|a| a.get_ref().trim().to_owned()).unwrap_or_default(),
            texts: crate::model::xapi_texts(language),
        };
        (activity, Some(lrs))
    }

    /// `completion = ["pages", "quiz"]`: every rule must hold.
    fn completion(
        &mut self,
        raw: Option<&[toml::Spanned<String>]>,
        file: FileId,
    ) -> Vec<player::Rule> {
        let Some(raw) = raw else { return vec![player::Rule::Pages] };
        let mut rules = Vec::new();
        for r in raw {
            rules.extend(self.setting(r, file, &player::Rule::NAMES, "completion"));
        }
        if rules.is_empty() {
            rules.push(player::Rule::Pages);
        }
        rules
    }

    /// The result page at the end: the player fills it in.
    fn summary_page(&mut self, built: &mut Built, language: Language) {
        let Some(chapter) = built.chapters.last_mut() else { return };
        let index = built.pages.len();
        let (id, title) = (W::ResultId.get(language), W::ResultTitle.get(language));
        let id = if built.pages.iter().any(|p| p.id == id) {
            format!("{id}-kursverk")
        } else {
            id.to_owned()
        };
        built.pages.push(player::Page { id: id.clone(), title: title.to_owned() });
        chapter.pages.push(Page { index, blocks: vec![Block::Summary], span: None });
    }
}

/// A problem the TOML reader found in `course.toml`, said for an author:
/// the reader's own words never reach them. The cases authors meet (curly
/// quotes from Word, a key that ended up in a `[group]`, a number in
/// quotes, text without) get their own messages; the rest say which line
/// and how a line is written.
fn toml_problem(text: &str, message: &str, span: Option<Span>) -> Diagnostic {
    let line = span.as_ref().map_or("", |s| {
        let start = text[..s.range.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
        text[start..].lines().next().unwrap_or("")
    });
    let quoted = |prefix: &str| {
        message.strip_prefix(prefix).and_then(|m| m.split('`').next()).map(str::to_owned)
    };
    const CURLY: [char; 6] = ['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', '\u{ab}', '\u{bb}'];
    if let (Some(s), Some(i)) = (span.as_ref(), line.find(CURLY)) {
        // Point at the first curly quote, and show the line as it should be.
        let start = text[..s.range.start.min(text.len())].rfind('\n').map_or(0, |n| n + 1);
        let width = line[i..].chars().next().map_or(1, char::len_utf8);
        let at = Span { file: s.file, range: start + i..start + i + width };
        let fixed: String = line
            .split('#')
            .next()
            .unwrap_or(line)
            .trim_end()
            .chars()
            .map(|c| if CURLY.contains(&c) { '"' } else { c })
            .collect();
        return Diagnostic::error(M::TomlCurlyQuotes { fixed }, Some(at));
    }
    if let Some(key) = quoted("unknown field `") {
        // A key after `[quiz]` or `[theme]` belongs to that group.
        let group = text[..span.as_ref().map_or(0, |s| s.range.start)]
            .lines()
            .rev()
            .find_map(|l| l.trim().strip_prefix('[').and_then(|l| l.strip_suffix(']')));
        let top = config::keys();
        if let Some(group) = group
            && top.contains(&key)
        {
            return Diagnostic::error(M::TomlKeyInGroup { key, group: group.to_owned() }, span);
        }
        return Diagnostic::error(M::TomlUnknownKey { key, known: top.join(", ") }, span);
    }
    if let Some(key) = quoted("missing field `") {
        return Diagnostic::error(M::TomlMissingKey { key }, span);
    }
    if let Some(key) = quoted("duplicate key `").or_else(|| quoted("duplicate key: `")) {
        return Diagnostic::error(M::TomlDuplicateKey { key }, span);
    }
    if message.starts_with("missing comma between array elements") {
        return Diagnostic::error(M::TomlMissingComma, span);
    }
    // The key the problem is on, from its line (`minutes = "75"`).
    let key =
        line.split('=').next().map(str::trim).filter(|k| !k.is_empty() && !k.starts_with('['));
    if let Some(key) = key {
        let value = value_of(line);
        let key = key.to_owned();
        let number = message.starts_with("invalid type: string")
            && (message.contains("expected u") || message.contains("expected i"));
        if number {
            // `"80 %"` → `80`: the digits are what the author meant.
            let value: String = value.chars().filter(|c| c.is_ascii_digit()).collect();
            let value = if value.is_empty() { "80".to_owned() } else { value };
            return Diagnostic::error(M::TomlNumberAsText { key, value }, span);
        }
        let text_unquoted = message.contains("expected a string")
            || message.starts_with("invalid float")
            || message.contains("expected nothing")
            || message.starts_with("string values must be quoted");
        if text_unquoted {
            return Diagnostic::error(M::TomlTextUnquoted { key, value }, span);
        }
        if message.starts_with("invalid type") {
            return Diagnostic::error(M::TomlWrongKind { key }, span);
        }
    }
    Diagnostic::error(M::TomlSyntax, span)
}

/// How many problems of `course.toml` are looked for before giving up.
const MAX_TOML_PROBLEMS: usize = 20;

/// Blanks the line at `at` in `text` so TOML can read the rest: spaces in
/// place of its characters (every offset after it stays right), and for
/// the required text keys an empty value, so their absence is not a second
/// problem. Returns the line's start, or `None` when the line cannot be set
/// aside (a `[group]` line, a list over several lines, `chapters`).
fn set_line_aside(text: &mut String, at: usize) -> Option<usize> {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..end];
    let key = line.split('=').next()?.trim();
    let opens_list = line.matches('[').count() > line.matches(']').count();
    if key.is_empty()
        || key.starts_with('[')
        || key == "chapters"
        || opens_list
        || !line.contains('=')
    {
        return None;
    }
    let width = line.chars().count();
    let mut blank = match key {
        "id" => "id=\"kurs\"".to_owned(),
        "language" => "language=\"sv\"".to_owned(),
        "title" | "version" => format!("{key}=\"\""),
        _ => String::new(),
    };
    if blank.chars().count() > width {
        return None;
    }
    blank.push_str(&" ".repeat(width - blank.chars().count()));
    // Same number of bytes: characters become spaces, the rest pads.
    let bytes = end - start;
    blank.push_str(&" ".repeat(bytes.saturating_sub(blank.len())));
    text.replace_range(start..end, &blank);
    Some(start)
}

/// A value as written on its line, without the comment after it.
fn value_of(line: &str) -> String {
    let value = line.split_once('=').map_or("", |(_, v)| v);
    let mut out = String::new();
    let mut quoted = false;
    for c in value.chars() {
        match c {
            '"' | '\u{201c}' | '\u{201d}' => quoted = !quoted,
            '#' if !quoted => break,
            _ => {}
        }
        out.push(c);
    }
    out.trim().trim_matches(['"', '\u{201c}', '\u{201d}']).to_owned()
}

/// The course's language, picked out of a `course.toml` that cannot be
/// read as a whole: the messages are in English only if it clearly says
/// `language = "en"`.
fn language_despite(text: &str) -> Language {
    text.lines()
        .find(|l| l.trim().split('=').next().is_some_and(|k| k.trim() == "language"))
        .filter(|l| value_of(l) == "en")
        .map_or(Language::Sv, |_| Language::En)
}

/// Whether `text` is an absolute IRI: a scheme (`https:`, `urn:`, …) and
/// something after it, without spaces.
fn is_iri(text: &str) -> bool {
    let text = text.trim();
    match text.split_once(':') {
        Some((scheme, rest)) => {
            scheme.len() > 1
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !rest.is_empty()
                && !text.contains(char::is_whitespace)
        }
        None => false,
    }
}
