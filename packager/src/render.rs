//! Pages: the course as HTML, rendered with tera from built-in templates.
//!
//! All text is rendered at build time, so a page shows as soon as plain
//! HTML would — before the player has loaded, and even if it never does.
//! The player only switches pages and handles the forms.

use anyhow::{Context, Result};
use serde::Serialize;
use tera::Tera;

use crate::model::Course;

const INDEX: &str = include_str!("../templates/index.html");

/// The template set.
pub struct Renderer {
    tera: Tera,
}

#[derive(Serialize)]
struct Context_<'a> {
    course: &'a Course,
    title: &'a str,
    lang: &'static str,
    course_json: String,
    texts: std::collections::BTreeMap<&'static str, &'static str>,
    target: &'a str,
    page_count: usize,
    progress_text: String,
    has_reflections: bool,
    embed_wasm: bool,
}

impl Renderer {
    /// Loads the built-in templates.
    pub fn new() -> Result<Renderer> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_template("index.html", INDEX).context("built-in template index.html")?;
        Ok(Renderer { tera })
    }

    /// The course's `index.html`. `target` is the run-time the page is for
    /// (`scorm12`, `scorm2004` or `web`): the player looks for that API only.
    /// The web target loads the wasm from a script (`file://` forbids
    /// fetch).
    pub fn index(&self, course: &Course, target: &str) -> Result<String> {
        use kursverk_player::model::Kind;
        let texts = course.player.language.texts();
        let pages = course.player.pages.len();
        let ctx = Context_ {
            course,
            title: &course.player.title,
            lang: course.player.language.tag(),
            // `</` would end the script element early.
            course_json: course.player.to_json().replace("</", "<\\/"),
            texts: texts.entries().into_iter().collect(),
            target,
            page_count: pages,
            progress_text: texts.page_of.replace("{n}", "1").replace("{total}", &pages.to_string()),
            has_reflections: course.player.questions.iter().any(|q| q.kind == Kind::Reflection),
            embed_wasm: target == "web",
        };
        let ctx = tera::Context::from_serialize(&ctx).context("template context")?;
        self.tera.render("index.html", &ctx).context("rendering index.html")
    }
}
