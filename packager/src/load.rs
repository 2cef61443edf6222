//! Loading a course folder: `course.toml` and the chapter files in, a
//! validated [`Course`] (or every problem found) out.
//!
//! This is where raw input becomes the validated model (ripgrep's
//! `LowArgs` → `HiArgs`): cross-file rules such as unique ids, files that
//! must exist and paths that must stay inside the course folder are checked
//! here, and every problem is collected, never just the first.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use kursverk_player::core::suspend;
use kursverk_player::core::text::fill;
use kursverk_player::model::{self as player, Language};

use crate::config::{self, Counts, CourseToml, Sco};
use crate::diagnostics::{Diagnostic, Diagnostics, FileId, Sources, Span};
use crate::model::{Block, Chapter, Course, Exercise, ExerciseSection, Media, Overview, Page};
use crate::parse::{self, RawBlock, RawChapter};
use crate::question::{self, RawAsk};

/// The largest chapter file read. A long real chapter is some tens of
/// kilobytes; the limit keeps a wrong or hostile file from taking the
/// machine's memory (parsing needs several times the text).
pub const MAX_CHAPTER_BYTES: u64 = 4 << 20;

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
    let course = if loader.diags.has_errors() { None } else { course };
    Loaded { course, diagnostics: loader.diags, sources: loader.sources }
}

struct Loader {
    dir: PathBuf,
    language: Language,
    sources: Sources,
    diags: Diagnostics,
}

/// What the chapters add up to.
struct Built {
    pages: Vec<player::Page>,
    questions: Vec<player::Question>,
    chapters: Vec<Chapter>,
    media: Vec<Media>,
    calculators: Vec<player::Calculator>,
}

/// A question id with where it came from.
struct IdSource {
    id: String,
    explicit: bool,
    span: Span,
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

    fn course(&mut self) -> Option<Course> {
        let toml_path = self.dir.join("course.toml");
        let text = match std::fs::read_to_string(&toml_path) {
            Ok(t) => t,
            Err(e) => {
                self.error(
                    Diagnostic::error(format!("cannot read {}: {e}", toml_path.display()), None)
                        .hint("a course is a folder with a course.toml file and one Markdown file per chapter"),
                );
                return None;
            }
        };
        let file = self.sources.add("course.toml".into(), &toml_path, text.clone());
        let mut raw: CourseToml = match toml::from_str(&text) {
            Ok(raw) => raw,
            Err(e) => {
                let span = e.span().map(|range| Span { file, range });
                let message = e.message().trim().to_owned();
                let hint = if message.contains("unknown field") {
                    format!("the keys course.toml knows are: {}", config::keys().join(", "))
                } else if message.contains("missing field") {
                    "see docs/course-format.md for the keys every course needs".to_owned()
                } else {
                    "check the line against docs/course-format.md: text goes in \"quotes\", lists in [brackets]"
                        .to_owned()
                };
                self.error(Diagnostic::error(format!("course.toml: {message}"), span).hint(hint));
                return None;
            }
        };
        let at = |s: std::ops::Range<usize>| Some(Span { file, range: s });
        // Escapes such as "\u0001" put control characters into strings,
        // which no manifest may hold.
        let texts = [&mut raw.title, &mut raw.version].into_iter();
        let texts = texts.chain(raw.description.as_mut()).chain(raw.authors.iter_mut());
        let replaced = texts.map(|t| parse::replace_control_chars(t).is_some()).filter(|r| *r);
        if replaced.count() > 0 {
            self.diags.push(
                Diagnostic::warning("invisible control characters replaced by spaces", at(0..0))
                    .hint("remove the `\\u…` escapes of control characters from course.toml"),
            );
        }

        let id = raw.id.get_ref().clone();
        if !valid_id(&id) || id.starts_with(|c: char| c.is_ascii_digit()) {
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
                let stem = name.rsplit('/').next().unwrap_or(name).trim_end_matches(".md");
                chapters.push((parse::slug(stem, usize::MAX), raw_chapter));
            }
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
                    let stem = name.rsplit('/').next().unwrap_or(name).trim_end_matches(".md");
                    parse::slug(stem, usize::MAX)
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
        let Built { pages, questions, chapters, media, calculators } = built;
        Some(Course {
            player: player::Course {
                id,
                title: raw.title,
                language,
                version: raw.version,
                mastery_score: mastery.clamp(0, 100) as u8,
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
        })
    }

    fn chapter(&mut self, name: &str, span: Span, language: Language) -> Option<RawChapter> {
        let path = self.dir.join(name);
        let inside = Path::new(name).components().all(|c| matches!(c, Component::Normal(_)));
        if !inside {
            self.error(
                Diagnostic::error(
                    format!("chapter `{name}` is outside the course folder"),
                    Some(span),
                )
                .hint("chapter files live in the course folder; write just the file name"),
            );
            return None;
        }
        // A link (symlink) may lead out of the folder even when the name
        // does not: judge where the file really is, as for images.
        if let (Ok(real), Ok(dir)) = (path.canonicalize(), self.dir.canonicalize())
            && !real.starts_with(&dir)
        {
            self.error(
                Diagnostic::error(
                    format!("chapter `{name}` is outside the course folder"),
                    Some(span),
                )
                .label("a link to a file elsewhere")
                .hint("copy the chapter file into the course folder instead of linking to it"),
            );
            return None;
        }
        if let Ok(meta) = std::fs::metadata(&path)
            && meta.len() > MAX_CHAPTER_BYTES
        {
            self.error(
                Diagnostic::error(
                    format!(
                        "chapter file `{name}` is {} MB; a chapter may be at most {} MB",
                        meta.len().div_ceil(1 << 20),
                        MAX_CHAPTER_BYTES >> 20
                    ),
                    Some(span),
                )
                .label("this file is too large")
                .hint("split it into several chapters; is it really the text you meant to list?"),
            );
            return None;
        }
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                let others = self.unlisted_markdown(name);
                let hint = if others.is_empty() {
                    format!("create {name} in the course folder, or remove it from `chapters`")
                } else {
                    format!(
                        "check the spelling; Markdown files in the folder: {}",
                        others.join(", ")
                    )
                };
                let what = if e.kind() == std::io::ErrorKind::NotFound {
                    "does not exist".to_owned()
                } else {
                    format!("cannot be read: {e}")
                };
                self.error(
                    Diagnostic::error(format!("chapter file `{name}` {what}"), Some(span))
                        .label("listed here")
                        .hint(hint),
                );
                return None;
            }
        };
        let mut text = text;
        let replaced = parse::replace_control_chars(&mut text);
        let file = self.sources.add(name.to_owned(), &path, text);
        if let Some((at, count)) = replaced {
            self.diags.push(
                Diagnostic::warning(
                    format!("{count} invisible control character(s) replaced by spaces"),
                    Some(Span { file, range: at..at + 1 }),
                )
                .label("the first one is here")
                .hint("delete them; Word adds one for each Shift+Enter"),
            );
        }
        let text = self.sources.text(file).to_owned();
        Some(parse::chapter(&text, file, language, &mut self.diags))
    }

    fn unlisted_markdown(&self, _missing: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.ends_with(".md"))
            .collect();
        names.sort();
        names
    }

    #[allow(clippy::type_complexity)]
    fn build(&mut self, raw: Vec<(String, RawChapter)>, quiz_chapters: &[String]) -> Built {
        let mut pages = Vec::new();
        let mut calculators = Vec::new();
        let mut calculator_ids: HashMap<String, Span> = HashMap::new();
        let mut questions = Vec::new();
        let mut chapters = Vec::new();
        let mut media: Vec<Media> = Vec::new();
        let mut media_seen: HashMap<String, (PathBuf, Span)> = HashMap::new();
        let mut page_ids: HashMap<String, Span> = HashMap::new();
        let mut question_ids: Vec<IdSource> = Vec::new();
        let mut exercise_ids: HashMap<String, Span> = HashMap::new();

        for (slug, ch) in raw {
            for (dest, span) in &ch.images {
                let Some(m) = self.image(dest, span) else { continue };
                match media_seen.get(&m.target) {
                    None => {
                        media_seen.insert(m.target.clone(), (m.source.clone(), span.clone()));
                        media.push(m);
                    }
                    Some((source, _)) if same_file(source, &m.source) => {}
                    Some((_, first)) => self.error(
                        Diagnostic::error(
                            format!(
                                "two images would get the same name in the package: `{}`",
                                m.target
                            ),
                            Some(span.clone()),
                        )
                        .related(first.clone(), "the other image")
                        .hint("rename one of the two image files"),
                    ),
                }
            }
            let mut out_pages = Vec::new();
            let mut exercises: Vec<(u32, Span)> = Vec::new();
            let mut overview: Option<Option<parse::Duration>> = None;
            for p in ch.pages {
                let mut exercise_on_page: Option<Span> = None;
                let index = pages.len();
                let id = self.page_id(&p.title, p.id.as_deref(), &p.span, &mut page_ids);
                let mut blocks = Vec::new();
                for b in p.blocks {
                    blocks.push(match b {
                        RawBlock::Html(html) => Block::Html { html },
                        RawBlock::Callout { kind, label, html } => {
                            Block::Callout { kind, label, html }
                        }
                        RawBlock::Question(ask) => {
                            let id = self.question_id(&ask, &mut question_ids);
                            let in_quiz = quiz_chapters.contains(&slug);
                            let (model, view) =
                                question::build(ask, id, index, in_quiz, self.language);
                            questions.push(model);
                            Block::Question(view)
                        }
                        RawBlock::Calculator(c) => {
                            if let Some(first) = calculator_ids.insert(c.id.clone(), p.span.clone())
                            {
                                self.error(
                                    Diagnostic::error(
                                        format!("two calculators have the id `{}`", c.id),
                                        Some(p.span.clone()),
                                    )
                                    .related(first, "first used here")
                                    .hint("rename one of them"),
                                );
                            }
                            calculators.push(player::Calculator {
                                id: c.id.clone(),
                                inputs: c.inputs.iter().map(|i| i.name.clone()).collect(),
                                outputs: c.formulas.clone(),
                            });
                            Block::Calculator(c)
                        }
                        RawBlock::Exercise(e) => {
                            if let Some(first) = &exercise_on_page {
                                self.error(
                                    Diagnostic::error(
                                        "a page holds one exercise",
                                        Some(e.span.clone()),
                                    )
                                    .related(first.clone(), "the page's exercise")
                                    .hint(
                                        "start a new page (`## Exercise title`) for this exercise",
                                    ),
                                );
                            }
                            exercise_on_page = Some(e.span.clone());
                            let id = self.exercise_id(&e, &p.title, &mut exercise_ids);
                            let minutes = e.duration.as_ref().map_or(0, |d| d.minutes);
                            exercises.push((minutes, e.span.clone()));
                            Block::Exercise(Exercise {
                                id,
                                title: p.title.clone(),
                                minutes,
                                duration: e.duration.map(|d| d.text).unwrap_or_default(),
                                intro: e.intro,
                                sections: self.sections(e.sections),
                            })
                        }
                        RawBlock::Overview(o) => {
                            if overview.is_some() {
                                self.error(
                                    Diagnostic::error(
                                        "a chapter has one overview",
                                        Some(o.span.clone()),
                                    )
                                    .hint("merge the two overviews into one"),
                                );
                            }
                            overview = Some(o.duration.clone());
                            Block::Overview(Overview {
                                stated: o.duration.map(|d| d.text),
                                total: 0,
                                total_text: String::new(),
                                intro: o.intro,
                                sections: self.sections(o.sections),
                            })
                        }
                    });
                }
                pages.push(player::Page { id: id.clone(), title: p.title.clone() });
                out_pages.push(Page { index, id, title: p.title, blocks });
            }
            let total: u32 = exercises.iter().map(|(m, _)| m).sum();
            self.check_total(overview.flatten(), total, exercises.len());
            for block in out_pages.iter_mut().flat_map(|p| p.blocks.iter_mut()) {
                if let Block::Overview(o) = block {
                    let say = |t: player::T| t.get(self.language);
                    o.total = total;
                    o.total_text = format!(
                        "{}, {}",
                        crate::duration::format(total, self.language == Language::Sv),
                        match exercises.len() {
                            1 => say(player::T::OneExercise).to_owned(),
                            n => fill(say(player::T::ExerciseCount), &[("n", &n.to_string())]),
                        }
                    );
                }
            }
            chapters.push(Chapter {
                title: ch.title,
                slug,
                pages: out_pages,
                exercise_minutes: total,
                exercise_count: exercises.len(),
                exercise_time: crate::duration::format(total, self.language == Language::Sv),
            });
        }
        self.check_keys(&question_ids);
        media.sort_by(|a, b| a.target.cmp(&b.target));
        Built { pages, questions, chapters, media, calculators }
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
        let (id, title) = match language {
            Language::Sv => ("ditt-resultat", "Ditt resultat"),
            Language::En => ("your-result", "Your result"),
        };
        let id = if built.pages.iter().any(|p| p.id == id) {
            format!("{id}-kursverk")
        } else {
            id.to_owned()
        };
        built.pages.push(player::Page { id: id.clone(), title: title.to_owned() });
        chapter.pages.push(Page {
            index,
            id,
            title: title.to_owned(),
            blocks: vec![Block::Summary],
        });
    }

    fn sections(&self, raw: Vec<(parse::Section, String)>) -> Vec<ExerciseSection> {
        raw.into_iter()
            .map(|(kind, html)| ExerciseSection {
                kind,
                label: kind.label(self.language).to_owned(),
                html,
            })
            .collect()
    }

    /// Warns where a chapter's stated total disagrees with the sum of its
    /// exercises: the printed guide shows the computed sum, and the author
    /// should know which one is wrong.
    fn check_total(&mut self, stated: Option<parse::Duration>, total: u32, count: usize) {
        let Some(stated) = stated else { return };
        if stated.minutes != total {
            let sv = self.language == Language::Sv;
            let approximate = if crate::duration::is_approximate(&stated.text) {
                " (it is stated as approximate)"
            } else {
                ""
            };
            self.diags.push(
                Diagnostic::warning(
                    format!(
                        "the stated time {} differs from the sum of the chapter's {count} exercises, {}{approximate}",
                        stated.text,
                        crate::duration::format(total, sv)
                    ),
                    Some(stated.span.clone()),
                )
                .label("stated here")
                .hint("check the exercises' times and correct this line; the printed guide shows the computed sum"),
            );
        }
    }

    fn exercise_id(
        &mut self,
        e: &parse::RawExercise,
        title: &str,
        seen: &mut HashMap<String, Span>,
    ) -> String {
        let (id, span) = match &e.id {
            Some((id, span)) => (id.clone(), span.clone()),
            None => (slug_or(title, "ovning"), e.span.clone()),
        };
        if !valid_id(&id) {
            self.error(
                Diagnostic::error(format!("`{id}` cannot be an exercise id"), Some(span.clone()))
                    .hint("use lowercase letters a-z, digits and `-`"),
            );
        } else if let Some(first) = seen.get(&id) {
            self.error(
                Diagnostic::error(format!("two exercises have the id `{id}`"), Some(span.clone()))
                    .related(first.clone(), "first used here")
                    .hint("every exercise needs its own id; rename one of them"),
            );
        }
        seen.insert(id.clone(), span);
        id
    }

    fn page_id(
        &mut self,
        title: &str,
        explicit: Option<&str>,
        span: &Span,
        seen: &mut HashMap<String, Span>,
    ) -> String {
        if let Some(id) = explicit {
            if !valid_id(id) {
                self.error(
                    Diagnostic::error(format!("`{id}` cannot be a page id"), Some(span.clone()))
                        .hint("use lowercase letters a-z, digits and `-`"),
                );
            } else if let Some(first) = seen.get(id) {
                self.error(
                    Diagnostic::error(format!("two pages have the id `{id}`"), Some(span.clone()))
                        .related(first.clone(), "first used here")
                        .hint("give one of the pages another {#id}"),
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

    fn question_id(&mut self, q: &RawAsk, seen: &mut Vec<IdSource>) -> String {
        if let Some((id, span)) = &q.id {
            if !valid_id(id) {
                self.error(
                    Diagnostic::error(
                        format!("`{id}` cannot be a question id"),
                        Some(span.clone()),
                    )
                    .label("not a valid id")
                    .hint("use lowercase letters a-z, digits and `-`, e.g. `sex-veckor`"),
                );
            } else if let Some(first) = seen.iter().find(|s| s.explicit && &s.id == id) {
                let first = first.span.clone();
                self.error(
                    Diagnostic::error(
                        format!("two questions have the id `{id}`"),
                        Some(span.clone()),
                    )
                    .label("used again here")
                    .related(first, "first used here")
                    .hint("every question needs its own id; rename one of them"),
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
    fn check_keys(&mut self, ids: &[IdSource]) {
        let mut keys: HashMap<String, &IdSource> = HashMap::new();
        for s in ids {
            if let Some(first) = keys.insert(suspend::key(&s.id), s)
                && first.id != s.id
            {
                self.diags.push(
                    Diagnostic::error(
                        format!("the ids `{}` and `{}` clash in saved progress", first.id, s.id),
                        Some(s.span.clone()),
                    )
                    .related(first.span.clone(), "clashes with this one")
                    .hint("rename one of the two questions (any other id will do)"),
                );
            }
        }
    }

    fn image(&mut self, dest: &str, span: &Span) -> Option<Media> {
        if parse::is_url(dest) {
            self.error(
                Diagnostic::error("images must be files in the course folder", Some(span.clone()))
                    .label("an address on the internet")
                    .hint(
                        "download the image into the course folder and refer to it by its path; \
                           a course must work without a network",
                    ),
            );
            return None;
        }
        let rel = Path::new(dest);
        let escapes = rel.is_absolute()
            || rel.components().any(|c| matches!(c, Component::ParentDir | Component::Prefix(_)));
        let path = self.dir.join(rel);
        let canonical_dir = self.dir.canonicalize().ok()?;
        let inside = path.canonicalize().map(|p| p.starts_with(&canonical_dir));
        if escapes || matches!(inside, Ok(false)) {
            self.error(
                Diagnostic::error(
                    format!("the image `{dest}` is outside the course folder"),
                    Some(span.clone()),
                )
                .label("this path leads out of the course folder")
                .hint(
                    "copy the image into the course folder (e.g. bilder/) and use a path inside it",
                ),
            );
            return None;
        }
        if !path.is_file() {
            self.error(
                Diagnostic::error(format!("the image `{dest}` does not exist"), Some(span.clone()))
                    .label("no such file")
                    .hint("check the spelling; the path is relative to the course folder"),
            );
            return None;
        }
        Some(Media { source: path, target: parse::media_target(dest) })
    }
}

/// Whether two paths name one file (`bilder/a.svg` and `./bilder/a.svg`).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

fn slug_or(text: &str, fallback: &str) -> String {
    let s = parse::slug(text, 6);
    let s: String = s.chars().take(48).collect();
    let s = s.trim_end_matches('-').to_owned();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{fallback}-{s}").trim_end_matches('-').to_owned()
    } else {
        s
    }
}
