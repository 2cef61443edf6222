//! The printed booklet and guide (`--target print`): only what reads on
//! paper. Questions to answer, calculators and the result page need the
//! player, so a page that holds only those is left out with its heading,
//! and so is the quiz chapter, whose text only introduces questions the
//! booklet does not have. No heading may be left with nothing under it.

use std::path::Path;

use kursverk::Target;

use crate::prelude::*;

/// Builds the print target of the course in `dir` and returns its HTML.
fn print(dir: &Path) -> String {
    let out = tempfile::tempdir().unwrap();
    let report = kursverk::build(dir, &[Target::Print], out.path()).unwrap();
    std::fs::read_to_string(&report.written[0]).unwrap()
}

/// What the body of a page is, in order: headings, content (text or an
/// image) and the ends of the boxes that hold them.
#[derive(Debug, PartialEq)]
enum Item {
    Heading(u8, String),
    Content,
    End,
}

fn items(html: &str) -> Vec<Item> {
    let body = &html[html.find("<body").expect("a <body>")..];
    let mut out = Vec::new();
    let mut heading: Option<(u8, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        let gt = lt + rest[lt..].find('>').expect("tags are closed");
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        match &mut heading {
            Some((_, t)) => t.push_str(text),
            None if !text.trim().is_empty() => out.push(Item::Content),
            None => {}
        }
        let name: String =
            tag.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '/').collect();
        match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                heading = Some((name.as_bytes()[1] - b'0', String::new()));
            }
            "/h1" | "/h2" | "/h3" | "/h4" | "/h5" | "/h6" => {
                let (level, text) = heading.take().expect("a heading ends after it starts");
                out.push(Item::Heading(level, text.trim().to_owned()));
            }
            "img" => out.push(Item::Content),
            "/section" | "/article" | "/nav" | "/header" | "/div" | "/body" => out.push(Item::End),
            _ => {}
        }
    }
    out
}

/// Headings with nothing under them: followed by a heading of the same or
/// a higher rank, or by the end of their box. With `strict`, also those
/// followed directly by any heading.
fn empty_headings(html: &str, strict: bool) -> Vec<String> {
    let items = items(html);
    let mut empty = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Item::Heading(level, text) = item else { continue };
        let empty_here = match items.get(i + 1) {
            Some(Item::Content) => false,
            Some(Item::Heading(next, _)) => strict || next <= level,
            Some(Item::End) | None => true,
        };
        if empty_here {
            empty.push(format!("h{level} {text:?} followed by {:?}", items.get(i + 1)));
        }
    }
    empty
}

/// The headings' texts, in order.
fn headings(html: &str) -> Vec<String> {
    items(html)
        .into_iter()
        .filter_map(|i| if let Item::Heading(_, t) = i { Some(t) } else { None })
        .collect()
}

#[test]
fn kugghjul_booklet_has_no_heading_without_text_under_it() {
    let html = print(&repo().join("courses/kugghjul"));
    assert!(html.contains("Kompletterande häfte"));
    assert!(
        html.contains("src=\"data:image/") && !html.contains("src=\"media/"),
        "images are inlined"
    );
    let empty = empty_headings(&html, true);
    assert!(empty.is_empty(), "headings with no text under them:\n{}", empty.join("\n"));
}

#[test]
fn kugghjul_booklet_leaves_out_the_quiz_and_the_result_page() {
    let dir = repo().join("courses/kugghjul");
    let course = kursverk::load::load(&dir).course.unwrap();
    let html = print(&dir);
    let headings = headings(&html);
    // The quiz chapter (its questions count in the quiz) and every page of it.
    let quiz: Vec<&kursverk::model::Chapter> = course
        .chapters
        .iter()
        .filter(|c| {
            c.pages
                .iter()
                .any(|p| course.player.questions.iter().any(|q| q.quiz && q.page == p.index))
        })
        .collect();
    assert_eq!(quiz.len(), 1, "kugghjul has one quiz chapter");
    for page in &quiz[0].pages {
        let title = &course.player.pages[page.index].title;
        assert!(!headings.contains(title), "{title:?} is printed: {headings:#?}");
    }
    for gone in ["Ditt resultat", "Testa dina kunskaper", "Modellen och lagen"] {
        assert!(!headings.iter().any(|h| h == gone), "{gone:?} is printed");
    }
    assert!(!html.contains("Testet har"), "the quiz's introduction is printed");
    // Every other chapter, in reading order, in the contents and the text.
    let mut last = 0;
    for chapter in course.chapters.iter().filter(|c| c.title != quiz[0].title) {
        assert!(
            html.contains(&format!("<li>{}</li>", chapter.title)),
            "{} not in the contents",
            chapter.title
        );
        let at = html[last..].find(&format!("<h2>{}</h2>", chapter.title)).map(|i| i + last);
        last = at.unwrap_or_else(|| panic!("chapter {} missing or out of order", chapter.title));
    }
    assert!(!html.contains(&format!("<li>{}</li>", quiz[0].title)), "the quiz is in the contents");
    // Text pages stay; the practice questions on them do not.
    assert!(headings.iter().any(|h| h == "Att ta med sig"));
    assert!(!html.contains("<form") && !html.contains("<fieldset"));
}

#[test]
fn handlaggning_guide_has_no_heading_without_text_under_it_and_every_chapter() {
    let dir = repo().join("courses/handlaggning");
    let course = kursverk::load::load(&dir).course.unwrap();
    let html = print(&dir);
    let empty = empty_headings(&html, false);
    assert!(empty.is_empty(), "headings with nothing under them:\n{}", empty.join("\n"));
    for chapter in &course.chapters {
        assert!(html.contains(&format!("<h2>{}</h2>", chapter.title)), "{}", chapter.title);
    }
}

const QUESTION: &str =
    "> [!FRÅGA] {id}\n> Vilket svar är rätt?\n>\n> - [x] Det här\n> - [ ] Det här inte\n";

fn question(id: &str) -> String {
    QUESTION.replace("{id}", id)
}

#[test]
fn pages_with_nothing_to_read_and_the_quiz_are_left_out() {
    let read = format!(
        "# Läsa\n\nLite text först.\n\n## Bara en fråga\n\n{}\n## Text och fråga\n\nText att läsa.\n\n{}\n\
         ## Bara en räknare\n\n> [!KALKYL] rakna\n> #### Indata\n> - `a` Ett tal: 2 st (0–10)\n>\n\
         > #### Resultat\n> - Dubbelt: `a * 2` st\n\n## Att tänka på\n\n> [!REFLEKTION] tanke\n> Vad tar du med dig?\n",
        question("ovning-1"),
        question("ovning-2"),
    );
    let quiz = format!(
        "# Prov\n\nTestet har två frågor på två sidor.\n\n## Första\n\n{}\n## Andra\n\n{}\nTack för att du har gått kursen!\n",
        question("prov-1"),
        question("prov-2"),
    );
    let toml =
        format!("{}\n[quiz]\nchapters = [\"prov.md\"]\n", course_toml(&["lasa.md", "prov.md"]));
    let course = TempCourse::new(&[("course.toml", &toml), ("lasa.md", &read), ("prov.md", &quiz)]);
    let html = print(course.path());
    assert_eq!(
        headings(&html),
        ["Prov på åäö", "Innehåll", "Läsa", "Text och fråga", "Att tänka på"],
        "{html}"
    );
    assert!(html.contains("Text att läsa.") && html.contains("Vad tar du med dig?"));
    for gone in ["Testet har", "Tack för att", "Vilket svar", "Dubbelt", "Ditt resultat"] {
        assert!(!html.contains(gone), "{gone:?} is printed");
    }
    assert!(empty_headings(&html, true).is_empty());
}

#[test]
fn quiz_questions_spread_over_text_chapters_leave_the_text() {
    // The quiz is the questions in chapters that are mostly text: those
    // chapters are no test, so their text pages stay.
    let chapter = format!(
        "# Kapitel\n\nInledning.\n\n## Läs\n\nMer text.\n\n## Kontroll\n\n{}\n## Läs mer\n\nÄnnu mer text.\n",
        question("k-1"),
    );
    let toml = format!("{}\n[quiz]\nchapters = [\"kap.md\"]\n", course_toml(&["kap.md"]));
    let course = TempCourse::new(&[("course.toml", &toml), ("kap.md", &chapter)]);
    let html = print(course.path());
    assert_eq!(headings(&html), ["Prov på åäö", "Innehåll", "Kapitel", "Läs", "Läs mer"], "{html}");
}

#[test]
fn no_course_prints_a_heading_with_nothing_under_it() {
    let mut dirs: Vec<_> = std::fs::read_dir(repo().join("courses"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("course.toml").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 2);
    let mut found = Vec::new();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        found.extend(
            empty_headings(&print(&dir), false).into_iter().map(|e| format!("{name}: {e}")),
        );
    }
    assert!(found.is_empty(), "headings with nothing under them:\n{}", found.join("\n"));
}
