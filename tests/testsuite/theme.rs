//! An organisation's look: `[theme]` in course.toml or a shared theme
//! folder, checked at build time (contrast, font list, logo, templates)
//! and carried into every page.

use std::io::Read;

use kursverk::Target;

use crate::prelude::*;

const CHAPTER: &str = "# Kapitel\n\n## Sida\n\nText med en [länk](https://example.org).\n";
const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>";

fn course(theme: &str, extra: &[(&str, &str)]) -> TempCourse {
    let toml = format!("{}\n[theme]\n{theme}\n", course_toml(&["kap.md"]));
    let mut files = vec![("course.toml", toml.as_str()), ("kap.md", CHAPTER)];
    files.extend_from_slice(extra);
    TempCourse::new(&files)
}

fn index_html(c: &TempCourse) -> String {
    let out = tempfile::tempdir().unwrap();
    let report = kursverk::build(c.path(), &[Target::Scorm12], out.path()).unwrap();
    assert!(report.ok(), "{}", report.diagnostics.render(&report.sources));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&report.written[0]).unwrap()).unwrap();
    let mut html = String::new();
    zip.by_name("index.html").unwrap().read_to_string(&mut html).unwrap();
    html
}

#[test]
fn a_light_accent_colour_is_refused_with_its_contrast() {
    let c = course("accent = \"#7fb2e5\"", &[]);
    let e = errors(&c.load());
    assert!(
        e.iter().any(|(f, l, col, m)| f == "course.toml"
            && *l == 9
            && *col == 10
            && m.contains("Accentfärgen `#7fb2e5` är för ljus: kontrasten mot bakgrunden är bara")
            && m.contains("2,0:1")),
        "{e:#?}"
    );
    assert_eq!(e.len(), 1, "one problem, reported once: {e:#?}");
    let shown = c.load();
    let text = shown.diagnostics.render(&shown.sources);
    assert!(text.contains("accent = \"#517395\""), "a darker shade that passes: {text}");
    let e = errors(&course("accent = \"#517395\"", &[]).load());
    assert!(e.is_empty(), "the suggested shade passes: {e:#?}");
    let e = errors(&course("accent = \"blå\"", &[]).load());
    assert!(
        e.iter().any(|(_, _, _, m)| m.contains("`blå` är ingen färg Kursverk kan läsa.")),
        "{e:#?}"
    );
}

#[test]
fn a_font_list_cannot_break_out_of_its_css() {
    let e = errors(&course("font = \"Inter; } body { display: none\"", &[]).load());
    assert!(
        e.iter().any(
            |(_, l, _, m)| *l == 9 && m.contains("Listan med typsnitt kan inte innehålla `;`.")
        ),
        "{e:#?}"
    );
}

#[test]
fn a_logo_needs_a_text_and_must_be_an_image_in_the_folder() {
    let e = errors(&course("logo = \"logo.svg\"", &[("logo.svg", SVG)]).load());
    assert!(e.iter().any(|(_, _, _, m)| m.contains("Logotypen behöver en text.")), "{e:#?}");
    let e = errors(&course("logo = \"../logo.svg\"\nlogo-alt = \"X\"", &[]).load());
    assert!(e.iter().any(|(_, _, _, m)| m.contains("Logotypen `../logo.svg`")), "{e:#?}");
    let e = errors(&course("logo = \"logo.txt\"\nlogo-alt = \"X\"", &[("logo.txt", "x")]).load());
    assert!(
        e.iter().any(|(_, _, _, m)| m.contains("är inte en bild som en webbläsare kan visa.")),
        "{e:#?}"
    );
}

#[test]
fn templates_must_replace_a_part_that_exists_and_compile() {
    let c =
        course("", &[("templates/sidfot.html", "<p>x</p>"), ("templates/footer.html", "{% if %}")]);
    let e = errors(&c.load());
    assert!(
        e.iter().any(|(f, _, _, m)| f == "templates/sidfot.html"
            && m.contains("ersätter ingen del av sidan.")),
        "{e:#?}"
    );
    assert!(
        e.iter()
            .any(|(f, _, _, m)| f == "templates/footer.html" && m.contains("går inte att använda.")),
        "{e:#?}"
    );
}

#[test]
fn a_shared_theme_folder_gives_the_page_its_look() {
    let c = TempCourse::new(&[
        (
            "kurs/course.toml",
            &format!(
                "{}\n[theme]\nfolder = \"../tema\"\nfont = \"Georgia, serif\"\n",
                course_toml(&["kap.md"])
            ),
        ),
        ("kurs/kap.md", CHAPTER),
        (
            "tema/theme.toml",
            "logo = \"logo.svg\"\nlogo-alt = \"Myndigheten\"\naccent = \"#004d40\"\nfont = \"Arial\"\n",
        ),
        ("tema/logo.svg", SVG),
        (
            "tema/templates/footer.html",
            "<footer class=\"org-footer\"><p>Myndigheten för {{ title }}</p></footer>",
        ),
    ]);
    let course = c;
    let loaded = kursverk::load::load(&course.path().join("kurs"));
    let model =
        loaded.course.unwrap_or_else(|| panic!("{}", loaded.diagnostics.render(&loaded.sources)));
    assert_eq!(model.theme.accent.as_deref(), Some("#004d40"));
    assert_eq!(model.theme.font.as_deref(), Some("Georgia, serif"), "the course's own key wins");
    assert_eq!(model.theme.logo.as_deref(), Some("media/theme/logo.svg"));
    assert!(model.media.iter().any(|m| m.target == "media/theme/logo.svg"));
    let out = tempfile::tempdir().unwrap();
    let report =
        kursverk::build(&course.path().join("kurs"), &[Target::Scorm12], out.path()).unwrap();
    assert!(report.ok());
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&report.written[0]).unwrap()).unwrap();
    let mut html = String::new();
    zip.by_name("index.html").unwrap().read_to_string(&mut html).unwrap();
    assert!(zip.by_name("media/theme/logo.svg").is_ok(), "the logo is in the package");
    assert!(html.contains("--accent:#004d40"), "the accent colour in the page");
    assert!(html.contains("font-family:Georgia, serif"), "the font in the page");
    assert!(
        html.contains("<img class=\"kv-logo\" src=\"media/theme/logo.svg\" alt=\"Myndigheten\">"),
        "the logo in the header: {}",
        &html[html.find("<header").unwrap()..html.find("</header>").unwrap()]
    );
    assert!(
        html.contains("<footer class=\"org-footer\"><p>Myndigheten för Prov på åäö</p></footer>"),
        "the theme's footer"
    );
}

#[test]
fn without_a_theme_the_page_is_as_before() {
    let c = TempCourse::new(&[("course.toml", &course_toml(&["kap.md"])), ("kap.md", CHAPTER)]);
    let html = index_html(&c);
    assert!(
        !html.contains("<img class=\"kv-logo\"") && !html.contains("<style>:root{--accent:"),
        "no theme, no theme markup"
    );
}
