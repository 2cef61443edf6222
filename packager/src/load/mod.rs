//! Loading a course folder: `course.toml` and the chapter files in, a
//! validated [`Course`] (or every problem found) out.
//!
//! This is where raw input becomes the validated model (ripgrep's
//! `LowArgs` → `HiArgs`): cross-file rules such as unique ids, files that
//! must exist and paths that must stay inside the course folder are checked
//! here, and every problem is collected, never just the first.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use kursverk_player::model::{self as player, Language};

use crate::diagnostics::{Diagnostic, Diagnostics, FileId, Sources, Span};
use crate::model::{Block, Chapter, Course, Media, Page};
use crate::source::chapter::RawChapter;
use crate::source::config::{self, Counts, CourseToml, Sco};
use crate::source::names;
use crate::words::W;

mod files;
mod ids;
mod pages;
mod questions;
mod theme;

pub use files::MAX_CHAPTER_BYTES;

/// The result of loading: the course if it is valid, and every problem.
#[derive(Debug)]
pub struct Loaded {
    /// `Some` when there are no errors (warnings allowed).
    pub course: Option<Course>,
    /// Errors and warnings, in the order found.
    pub diagnostics: Diagnostics,
    /// The files read, for rendering the diagnostics.
    pub sources: Sources,
}

/// Loads and checks the course in `dir`.
pub fn load(dir: &Path) -> Loaded {
    let mut loader = Loader {
        dir: dir.to_owned(),
        language: Language::Sv,
        sources: Sources::default(),
        diags: Diagnostics::default(),
    };
    let course = loader.course();
    loader.diags.sort_by_place();
    let course = if loader.diags.has_errors() { None } else { course };
    Loaded { course, diagnostics: loader.diags, sources: loader.sources }
}

struct Loader {
    dir: PathBuf,
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
    fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// A setting with a fixed set of values (its enum's `NAMES` table):
    /// the value, or a located error with `hint`.
    fn setting<T: Copy>(
        &mut self,
        value: &toml::Spanned<String>,
        file: FileId,
        names: &[(T, &str)],
        what: &str,
        hint: &str,
    ) -> Option<T> {
        let found = player::by_name(names, value.get_ref());
        if found.is_none() {
            self.error(
                Diagnostic::error(
                    format!("unknown {what} `{}`", value.get_ref()),
                    Some(Span { file, range: value.span() }),
                )
                .hint(hint),
            );
        }
        found
    }

    /// `course.toml`, read and parsed; `None` (with the problem recorded)
    /// when it cannot be.
    fn read_toml(&mut self) -> Option<(FileId, CourseToml)> {
        let toml_path = self.dir.join("course.toml");
        let text = match files::read_text(&toml_path) {
            Ok(t) => t,
            Err(files::Unreadable::NotUtf8) => {
                self.error(
                    Diagnostic::error("course.toml is not saved as UTF-8", None)
                        .hint("open it in your editor and save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)"),
                );
                return None;
            }
            Err(files::Unreadable::Io(e)) => {
                self.error(
                    Diagnostic::error(format!("cannot read {}: {e}", toml_path.display()), None)
                        .hint("a course is a folder with a course.toml file and one Markdown file per chapter"),
                );
                return None;
            }
        };
        let file = self.sources.add("course.toml".into(), &toml_path, text.clone());
        let raw: CourseToml = match toml::from_str(&text) {
            Ok(raw) => raw,
            Err(e) => {
                let span = e.span().map(|range| Span { file, range });
                self.error(toml_problem(&text, e.message().trim(), span));
                self.chapters_despite(&text, file);
                return None;
            }
        };
        Some((file, raw))
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
            self.diags.push(
                Diagnostic::warning("invisible control characters replaced by spaces", at(0..0))
                    .hint("remove the `\\u…` escapes of control characters from course.toml"),
            );
        }

        let id = raw.id.get_ref().clone();
        if !ids::valid_id(&id) || id.starts_with(|c: char| c.is_ascii_digit()) {
            self.error(
                Diagnostic::error(format!("`{id}` cannot be a course id"), at(raw.id.span()))
                    .label("not a valid id")
                    .hint("use lowercase letters a-z, digits and `-`, starting with a letter, e.g. \"kugghjul\""),
            );
        }
        let language = self
            .setting(
                &raw.language,
                file,
                &Language::NAMES,
                "language",
                "write language = \"sv\" (Swedish) or language = \"en\" (English)",
            )
            .unwrap_or(Language::Sv);
        self.language = language;
        let mastery = *raw.mastery_score.get_ref();
        if !(0..=100).contains(&mastery) {
            self.error(
                Diagnostic::error(
                    "the mastery score is a percentage",
                    at(raw.mastery_score.span()),
                )
                .label(format!("{mastery} is not between 0 and 100"))
                .hint("write e.g. mastery-score = 80 for 80 % right answers"),
            );
        }
        if raw.chapters.is_empty() {
            self.error(
                Diagnostic::error("the course has no chapters", at(0..0))
                    .hint("list the chapter files: chapters = [\"01-intro.md\", \"02-next.md\"]"),
            );
        }

        let sco = raw.sco.as_ref().and_then(|s| {
            self.setting(
                s,
                file,
                &Sco::NAMES,
                "sco",
                "write sco = \"course\" (one SCO) or sco = \"chapter\" (one SCO per chapter)",
            )
        });
        let sco_per_chapter = sco == Some(Sco::Chapter);
        if raw.split && !sco_per_chapter {
            self.error(
                Diagnostic::error("split = true needs sco = \"chapter\"", at(0..0))
                    .hint("add sco = \"chapter\", or remove split"),
            );
        }
        let quiz_chapters: Vec<String> = match &raw.quiz {
            Some(q) if !q.chapters.is_empty() => q
                .chapters
                .iter()
                .map(|c| {
                    let name = c.get_ref();
                    if !raw.chapters.iter().any(|x| x.get_ref() == name) {
                        self.error(
                            Diagnostic::error(
                                format!("`{name}` is not one of the chapters"),
                                at(c.span()),
                            )
                            .hint("list chapter files from `chapters` here"),
                        );
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
            .and_then(|s| {
                self.setting(s, file, &player::Status12::NAMES, "scorm12-status", "write scorm12-status = \"passed-failed\" or \"completed\"; see docs/course-format.md")
            })
            .unwrap_or(player::Status12::PassedFailed);
        let counts = raw.quiz.as_ref().and_then(|q| q.counts.as_ref()).and_then(|c| {
            self.setting(
                c,
                file,
                &Counts::NAMES,
                "counts",
                "write counts = \"best\" or counts = \"latest\"",
            )
        });
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
        let language = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("language"))
            .filter(|rest| rest.contains("\"en\""))
            .map_or(Language::Sv, |_| Language::En);
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
            let what = if size > limit { "does not fit in" } else { "nearly fills" };
            let hint = if course.sco_per_chapter {
                "split the largest chapter into two, use fewer pages or questions, or publish as SCORM 2004"
            } else {
                "give each chapter its own SCO (sco = \"chapter\"), use fewer pages or questions, or publish as SCORM 2004"
            };
            self.diags.push(
                Diagnostic::warning(
                    format!("saved progress of `{id}` {what} what SCORM 1.2 keeps: up to {size} of {limit} characters"),
                    Some(Span { file, range: 0..0 }),
                )
                .hint(hint),
            );
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
                self.error(
                    Diagnostic::error(format!("chapter `{name}` is listed twice"), Some(span))
                        .related(first, "first listed here")
                        .hint("remove one of them"),
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
            self.error(
                Diagnostic::error("the quiz has no graded questions", at(0..0))
                    .hint("the chapters under [quiz] need questions with right answers"),
            );
        }
        let graded = built.questions.iter().any(|q| q.graded());
        if raw.summary.unwrap_or(graded) {
            self.summary_page(&mut built, language);
        }
        let Built { pages, questions, chapters, mut media, calculators } = built;
        media.extend(logo);
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
        };
        self.check_state_size(&course, file);
        Some(course)
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
            let hint = "the rules are \"pages\" (every page seen), \"questions\" (every required \
                        question answered) and \"quiz\" (the quiz passed)";
            rules.extend(self.setting(r, file, &player::Rule::NAMES, "completion rule", hint));
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
        chapter.pages.push(Page { index, blocks: vec![Block::Summary] });
    }
}

/// A problem TOML found in `course.toml`, said for an author: curly quotes
/// (what Word types) and keys that ended up in a `[group]` get their own
/// words; other problems keep TOML's, with a hint.
fn toml_problem(text: &str, message: &str, span: Option<Span>) -> Diagnostic {
    let line = span.as_ref().map_or("", |s| {
        let start = text[..s.range.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
        text[start..].lines().next().unwrap_or("")
    });
    if line.contains(['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', '\u{ab}', '\u{bb}']) {
        return Diagnostic::error("course.toml has curly quotes “ ” where straight ones \" \" belong", span)
            .label("these quotes")
            .hint("write text in straight quotes: title = \"Min kurs\" (Word and some editors change them; use a plain text editor)");
    }
    if let Some(key) = message.strip_prefix("unknown field `").and_then(|m| m.split('`').next()) {
        // A key after `[quiz]` or `[theme]` belongs to that group.
        let group = text[..span.as_ref().map_or(0, |s| s.range.start)]
            .lines()
            .rev()
            .find_map(|l| l.trim().strip_prefix('[').and_then(|l| l.strip_suffix(']')));
        let top = config::keys();
        if let Some(group) = group
            && top.iter().any(|k| k == key)
        {
            return Diagnostic::error(format!("`{key}` is read as part of [{group}]"), span)
                .label(format!("below [{group}]"))
                .hint(format!("everything below [{group}] belongs to it: move `{key}` above the [{group}] line"));
        }
        return Diagnostic::error(format!("course.toml: {message}"), span)
            .hint(format!("the keys course.toml knows are: {}", top.join(", ")));
    }
    // The key the problem is on, from its line (`minutes = "75"`).
    let key =
        line.split('=').next().map(str::trim).filter(|k| !k.is_empty() && !k.starts_with('['));
    if let Some(key) = key {
        let value = line.split_once('=').map_or("", |(_, v)| v.trim().trim_matches('"'));
        let number = message.starts_with("invalid type: string")
            && (message.contains("expected u") || message.contains("expected i"));
        if number {
            return Diagnostic::error(format!("`{key}` is a number, written here as text"), span)
                .label("a number in quotes")
                .hint(format!("write the number without quotes: {key} = {value}"));
        }
        let text_unquoted = message.contains("expected a string")
            || message.starts_with("invalid float")
            || message.contains("expected nothing");
        if text_unquoted {
            return Diagnostic::error(format!("`{key}` is text, and text goes in quotes"), span)
                .label("not in quotes")
                .hint(format!("write {key} = \"{value}\""));
        }
    }
    let hint = if message.contains("missing field") {
        "see docs/course-format.md for the keys every course needs"
    } else {
        "check the line against docs/course-format.md: text goes in \"quotes\", lists in [brackets]"
    };
    Diagnostic::error(format!("course.toml: {message}"), span).hint(hint)
}
