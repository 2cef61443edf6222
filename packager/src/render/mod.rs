//! Pages: the course as HTML, rendered with tera from built-in templates.
//!
//! All text is rendered at build time, so a page shows as soon as plain
//! HTML would — before the player has loaded, and even if it never does.
//! The player only switches pages and handles the forms.

use anyhow::{Context, Result};
use serde::Serialize;
use tera::Tera;

use kursverk_player::core::text::fill;
use kursverk_player::model::{Kind, Language};

use crate::model::{Block, Chapter, Course, Page};
use crate::words::W;

mod context;

const INDEX: &str = include_str!("../../templates/index.html");
const PRINT: &str = include_str!("../../templates/print.html");

/// One template per kind of block, included by `index.html`.
const BLOCKS: [(&str, &str); 8] = [
    ("blocks/html.html", include_str!("../../templates/blocks/html.html")),
    ("blocks/callout.html", include_str!("../../templates/blocks/callout.html")),
    ("blocks/reflection.html", include_str!("../../templates/blocks/reflection.html")),
    ("blocks/question.html", include_str!("../../templates/blocks/question.html")),
    ("blocks/calculator.html", include_str!("../../templates/blocks/calculator.html")),
    ("blocks/summary.html", include_str!("../../templates/blocks/summary.html")),
    ("blocks/exercise.html", include_str!("../../templates/blocks/exercise.html")),
    ("blocks/overview.html", include_str!("../../templates/blocks/overview.html")),
];

/// The built-in parts a theme may replace, with their sources.
const BUILT_IN_PARTIALS: [(&str, &str); 2] = [
    ("header.html", include_str!("../../templates/partials/header.html")),
    ("footer.html", include_str!("../../templates/partials/footer.html")),
];

#[derive(Serialize)]
struct PrintContext<'a> {
    /// The chapters that have something to print, with only such pages.
    chapters: Vec<context::ChapterCtx<'a>>,
    title: &'a str,
    lang: &'static str,
    description: Option<&'a str>,
    guide: bool,
    total_time: String,
    exercise_total: usize,
    /// The guide's words by key (the player's texts and the packager's
    /// [`W`]), and `kind`: guide or booklet.
    p: std::collections::BTreeMap<&'static str, &'static str>,
}

/// JSON that can sit inside `<script type="application/json">` whatever
/// the course says. `<`, `>` and `&` occur in JSON only inside strings, where
/// `\u003c` means the same to `JSON.parse`; written as themselves, `</script`
/// would end the element and `<!--` followed by `<script` would make the
/// browser swallow the rest of the page.
pub fn script_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// The template set.
pub struct Renderer {
    tera: Tera,
}

#[derive(Serialize)]
struct Context_<'a> {
    chapters: Vec<context::ChapterCtx<'a>>,
    title: &'a str,
    lang: &'static str,
    course_json: String,
    xapi_json: Option<String>,
    xapi: Option<XapiPage>,
    texts: std::collections::BTreeMap<&'static str, &'static str>,
    target: &'a str,
    page_count: usize,
    progress_text: String,
    has_reflections: bool,
    embed_wasm: bool,
    theme: &'a crate::model::Theme,
}

impl Renderer {
    /// Loads the built-in templates, and the theme's in place of the parts
    /// it replaces.
    pub fn new(theme: &crate::model::Theme) -> Result<Renderer> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        for (name, source) in BUILT_IN_PARTIALS {
            let source =
                theme.templates.iter().find(|(n, _)| n == name).map_or(source, |(_, s)| s.as_str());
            tera.add_raw_template(name, source).with_context(|| format!("template {name}"))?;
        }
        for (name, source) in BLOCKS {
            tera.add_raw_template(name, source).with_context(|| format!("template {name}"))?;
        }
        tera.add_raw_template("index.html", INDEX).context("built-in template index.html")?;
        tera.add_raw_template("print.html", PRINT).context("built-in template print.html")?;
        // The player's stylesheet, inlined in each page's head (`raw`: CSS is not a template).
        let css =
            format!("{{% raw %}}{}{{% endraw %}}", crate::player_assets::PLAYER_CSS.trim_end());
        tera.add_raw_template("kursverk.css", &css).context("built-in stylesheet")?;
        Ok(Renderer { tera })
    }

    /// The course's `index.html`. `target` is the run-time the page is for
    /// (`scorm12`, `scorm2004`, `cmi5` or `web`): the player looks for that
    /// API only. A cmi5 page, and a web page that reports to an LRS, carry
    /// their xAPI settings beside the course data.
    /// The web target loads the wasm from a script (`file://` forbids
    /// fetch).
    pub fn index(&self, course: &Course, target: &str) -> Result<String> {
        use kursverk_player::model::T;
        let language = course.player.language;
        let pages = course.player.pages.len();
        let xapi = course.xapi_settings(target);
        let ctx = Context_ {
            chapters: context::chapters(course, &course.chapters),
            title: &course.player.title,
            lang: course.player.language.tag(),
            course_json: script_safe_json(&course.player.to_json()),
            xapi_json: xapi
                .as_ref()
                .map(|x| script_safe_json(&kursverk_player::model::xapi::write(x))),
            xapi: xapi.as_ref().map(|x| XapiPage::new(x, language)),
            texts: language.texts().collect(),
            target,
            page_count: pages,
            progress_text: fill(
                T::PageOf.get(language),
                &[("n", "1"), ("total", &pages.to_string())],
            ),
            has_reflections: course.player.questions.iter().any(|q| q.kind == Kind::Reflection),
            embed_wasm: target == "web",
            theme: &course.theme,
        };
        let ctx = tera::Context::from_serialize(&ctx).context("template context")?;
        self.tera.render("index.html", &ctx).context("rendering index.html")
    }

    /// The printable guide: for a course with exercises, a facilitator
    /// guide (every exercise with purpose, time and preparations, and two
    /// appendices: all exercises with computed totals, all preparations);
    /// otherwise a companion booklet with the course text in reading order.
    ///
    /// Paper has no player, so only what reads on paper is printed: text,
    /// boxes, reflection questions (as questions to think about), exercises
    /// and overviews. A page with none of these (only questions to answer,
    /// a calculator, or the result page) is left out with its heading. So
    /// is the quiz: a chapter that holds quiz questions on every page after
    /// its first (apart from pages left out anyway, such as the result
    /// page) is the test, and its text only introduces and closes questions
    /// the booklet does not have. A chapter with nothing left is left out,
    /// from the contents too. Exercises are always printed.
    pub fn print(&self, course: &Course) -> Result<String> {
        let guide = course.chapters.iter().any(|c| c.exercise_count > 0);
        let language = course.player.language;
        let minutes: u32 = course.chapters.iter().map(|c| c.exercise_minutes).sum();
        let chapters: Vec<Chapter> = course
            .chapters
            .iter()
            .filter(|c| !is_test(course, c))
            .map(|c| Chapter {
                pages: c.pages.iter().filter(|p| printable(course, p)).cloned().collect(),
                ..c.clone()
            })
            .filter(|c| !c.pages.is_empty())
            .collect();
        let ctx = PrintContext {
            chapters: context::chapters(course, &chapters),
            title: &course.player.title,
            lang: language.tag(),
            description: course.description.as_deref(),
            guide,
            total_time: crate::source::duration::format(minutes, language == Language::Sv),
            exercise_total: course.chapters.iter().map(|c| c.exercise_count).sum(),
            p: language
                .texts()
                .chain(W::ALL.iter().map(|w| (w.key(), w.get(language))))
                .chain([("kind", if guide { W::Guide } else { W::Booklet }.get(language))])
                .collect(),
        };
        let ctx = tera::Context::from_serialize(&ctx).context("template context")?;
        self.tera.render("print.html", &ctx).context("rendering print.html")
    }
}

/// Whether a block reads on paper (see [`Renderer::print`]).
fn printed(course: &Course, block: &Block) -> bool {
    match block {
        Block::Html { html } | Block::Callout { html, .. } => !html.trim().is_empty(),
        Block::Question(q) => {
            course.player.question(&q.id).is_some_and(|q| q.kind == Kind::Reflection)
        }
        Block::Exercise(_) | Block::Overview(_) => true,
        _ => false,
    }
}

/// Whether a page has anything to print.
fn printable(course: &Course, page: &Page) -> bool {
    page.blocks.iter().any(|b| printed(course, b))
}

/// Whether a chapter is the quiz: it holds quiz questions, and every page
/// after its first that has anything to print holds some, and it has no
/// exercise.
fn is_test(course: &Course, chapter: &Chapter) -> bool {
    let quiz_on =
        |page: &Page| course.player.questions.iter().any(|q| q.quiz && q.page == page.index);
    chapter.exercise_count == 0
        && chapter.pages.iter().any(quiz_on)
        && chapter.pages.iter().skip(1).all(|p| quiz_on(p) || !printable(course, p))
}

/// The parts of the page a theme may replace with templates of its own
/// (`templates/<name>` in the course or theme folder).
pub const PARTIALS: &[&str] = &[BUILT_IN_PARTIALS[0].0, BUILT_IN_PARTIALS[1].0];

/// What a page tracked over xAPI shows of its own: the exit button (cmi5)
/// and the form that asks who the learner is (a web build that reports to
/// an LRS), rendered here like every other text of the page.
#[derive(Serialize)]
struct XapiPage {
    exit: Option<&'static str>,
    ask: Option<Ask>,
}

#[derive(Serialize)]
struct Ask {
    heading: &'static str,
    why: &'static str,
    label: &'static str,
    start: &'static str,
    email: bool,
}

impl XapiPage {
    fn new(x: &kursverk_player::model::xapi::Xapi, language: Language) -> XapiPage {
        use kursverk_player::model::xapi::{Learner, X};
        let ask = matches!(x.learner, Learner::Email | Learner::Number).then(|| {
            let email = x.learner == Learner::Email;
            Ask {
                heading: X::WhoHeading.get(language),
                why: X::WhoWhy.get(language),
                label: if email { X::WhoEmail } else { X::WhoNumber }.get(language),
                start: X::WhoStart.get(language),
                email,
            }
        });
        XapiPage { exit: (x.learner == Learner::Launch).then(|| X::Exit.get(language)), ask }
    }
}
