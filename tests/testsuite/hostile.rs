//! Hostile and unusual input: whatever a course folder holds, the package
//! is well-formed, no author text runs as script or ends the course data
//! early, nothing outside the folder is read, and problems are reported in
//! output that stays small.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use kursverk::Target;
use kursverk::diagnostics::Severity;
use proptest::prelude::*;
use scraper::{Html, Selector};

use crate::prelude::*;

/// Builds `course` for SCORM 2004 and returns `index.html` and
/// `imsmanifest.xml`.
fn package(course: &Path) -> (String, String) {
    let out = tempfile::tempdir().unwrap();
    let report = kursverk::build(course, &[Target::Scorm2004], out.path()).unwrap();
    assert!(report.ok(), "{}", report.diagnostics.render(&report.sources));
    let zip = std::fs::File::open(&report.written[0]).unwrap();
    let mut archive = zip::ZipArchive::new(zip).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    };
    (read("index.html"), read("imsmanifest.xml"))
}

/// What a browser makes of the page: the course data is whole (the
/// embedded JSON, read back from the parsed DOM, is the course's JSON), the
/// only scripts are the player's, no element carries an event handler or a
/// script URL, and every page section survived.
fn assert_page_is_safe(html: &str, course: &Path) {
    let loaded = kursverk::load::load(course);
    let model = loaded.course.expect("the course builds");
    let doc = Html::parse_document(html);
    let sel = |s: &str| Selector::parse(s).unwrap();
    let data: Vec<_> = doc.select(&sel("script#kv-course")).collect();
    assert_eq!(data.len(), 1, "one course data element");
    let json: String = data[0].text().collect();
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("the course data is JSON");
    let expected: serde_json::Value = serde_json::from_str(&model.player.to_json()).unwrap();
    assert_eq!(parsed, expected, "the course data as the browser sees it");
    let scripts: Vec<String> = doc
        .select(&sel("script"))
        .map(|s| s.value().attr("src").unwrap_or("inline").to_owned())
        .collect();
    assert_eq!(scripts, ["inline", "player/kursverk.js"], "the page's scripts");
    for el in doc.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "an event handler: <{} {name}=\"{value}\">",
                el.value().name()
            );
            let v = value.to_ascii_lowercase().replace(|c: char| c.is_whitespace(), "");
            assert!(
                !(v.starts_with("javascript:") || v.starts_with("vbscript:")),
                "a script URL: <{} {name}=\"{value}\">",
                el.value().name()
            );
        }
    }
    let pages = doc.select(&sel("section.kv-page")).count();
    assert_eq!(pages, model.player.pages.len(), "every page is in the document");
    assert!(doc.select(&sel("#kv-next")).next().is_some(), "the navigation after the pages");
}

/// The manifest is well-formed XML.
fn assert_xml(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("imsmanifest.xml is not well-formed: {e}\n{xml}"),
        }
    }
}

fn warnings(loaded: &kursverk::load::Loaded) -> Vec<(usize, usize, String)> {
    loaded
        .diagnostics
        .items
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| {
            let (l, c) = loaded.sources.line_col(d.span.as_ref().unwrap());
            (l, c, said(loaded, d))
        })
        .collect()
}

fn one_chapter(text: &str) -> TempCourse {
    TempCourse::new(&[("course.toml", &course_toml(&["kap.md"])), ("kap.md", text)])
}

#[test]
fn a_comment_and_a_script_tag_in_the_text_cannot_swallow_the_page() {
    let c = one_chapter(
        "# Kapitel\n\n## Sida ett\n\nSå här börjar en kommentar: `<!--` och ett skript: \
         `<script>` och slutet `</script>`.\n\n## Sida två\n\nMer text & mer.\n",
    );
    let (html, _) = package(c.path());
    assert!(!html.contains("<!--"), "no comment opens in the page");
    assert_page_is_safe(&html, c.path());
}

#[test]
fn author_html_is_shown_as_text_with_a_located_warning() {
    let c = one_chapter(
        "# Kapitel\n\n## Sida\n\nText <img src=x onerror=alert(1)> och <b>fet</b>.\n\n\
         <script>alert(1)</script>\n\n> [!FAKTA]\n> <a href=\"javascript:alert(1)\">klick</a>\n",
    );
    let loaded = c.load();
    assert_eq!(
        warnings(&loaded),
        [(5, 6, "HTML-kod visas som text för deltagarna; den används inte.".to_owned())],
        "one warning, at the first HTML"
    );
    let (html, _) = package(c.path());
    assert!(html.contains("Text &lt;img src=x onerror=alert(1)&gt; och &lt;b&gt;fet&lt;/b&gt;."));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_page_is_safe(&html, c.path());
}

#[test]
fn script_links_are_refused_where_they_are() {
    let c = one_chapter(
        "# Kapitel\n\n## Sida\n\n[Ett](javascript:alert(1)) och [två](JavaScript:void(0)).\n\n\
         > [!FRÅGA] q\n> Vilken?\n>\n> - [x] [Tre](data:text/html,<b>x</b>)\n> - [ ] Fyra\n\n\
         [Bra](https://example.org), [post](mailto:a@b.se), [sida](#page-sida).\n",
    );
    let errors = errors(&c.load());
    let at: Vec<(usize, usize)> = errors.iter().map(|(_, l, c, _)| (*l, *c)).collect();
    assert_eq!(at, [(5, 1), (5, 32), (10, 9)], "{errors:#?}");
    assert!(errors[0].3.contains("Länken `javascript:alert(1)` kan inte användas."));
    for dest in
        ["javascript:x", " JAVA\tSCRIPT:x", "java\u{1}script:x", "vbscript:x", "file:///etc"]
    {
        assert!(!kursverk::source::names::safe_link(dest), "{dest:?}");
    }
    for dest in
        ["https://a.se", "http://a.se", "mailto:a@b.se", "tel:+46", "#page-x", "a/b.html", "?q=a:b"]
    {
        assert!(kursverk::source::names::safe_link(dest), "{dest:?}");
    }
}

#[test]
fn heading_attributes_other_than_a_page_id_are_refused() {
    let c = one_chapter(
        "# Kapitel\n\n## Sida {#sida onclick=alert(1)}\n\nText.\n\n### Under {.kv-page}\n\n\
         Text.\n\n### Annan {#kv-course}\n\nText.\n\n## Bra {#bra}\n\nText.\n",
    );
    let errors = errors(&c.load());
    let lines: Vec<usize> = errors.iter().map(|(_, l, _, _)| *l).collect();
    assert_eq!(lines, [3, 7, 11], "{errors:#?}");
    assert!(errors[0].3.contains("Bara en sidrubrik (`##`) kan ha något inom `{…}`"));
}

#[test]
fn control_characters_never_reach_the_manifest() {
    let c = TempCourse::new(&[
        (
            "course.toml",
            &course_toml(&["kap.md"])
                .replace("title = \"Prov på åäö\"", "title = \"Prov\\u0001 på\\u001F åäö\""),
        ),
        ("kap.md", "# Kapi\u{1}tel\n\n## Sida\u{0}\n\nRad ett\u{b}rad två.\u{7f}\n"),
    ]);
    let loaded = c.load();
    let w = warnings(&loaded);
    assert!(
        w.iter().any(|(l, col, m)| (*l, *col) == (1, 7) && m.contains("4 osynliga styrtecken")),
        "{w:#?}"
    );
    let (html, manifest) = package(c.path());
    assert_xml(&manifest);
    assert!(manifest.contains("<title>Prov  på  åäö</title>"), "{manifest}");
    assert!(!html.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')));
    assert!(html.contains("Rad ett rad två."));
}

#[test]
fn different_image_names_stay_different_in_the_package() {
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
    let names = [
        "min bild.svg",
        "min-bild.svg",
        "år.svg",
        "ar.svg",
        "a#b.svg",
        "a?b.svg",
        "Ω.svg",
        "日本.svg",
    ];
    let text: String = names.iter().map(|n| format!("![Bild {n}](<bilder/{n}>)\n\n")).collect();
    let chapter = format!("# Kapitel\n\n## Sida\n\n{text}![Igen](bilder/ar.svg)\n");
    let mut files: Vec<(String, String)> =
        vec![("course.toml".into(), course_toml(&["kap.md"])), ("kap.md".into(), chapter)];
    for n in names {
        files.push((format!("bilder/{n}"), svg.into()));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let c = TempCourse::new(&refs);
    let loaded = c.load();
    let course =
        loaded.course.unwrap_or_else(|| panic!("{}", loaded.diagnostics.render(&loaded.sources)));
    let targets: std::collections::BTreeSet<&str> =
        course.media.iter().map(|m| m.target.as_str()).collect();
    assert_eq!(targets.len(), names.len(), "{targets:#?}");
    assert!(targets.contains("media/bilder/ar.svg"), "a plain name stays as it is: {targets:#?}");
    assert!(
        targets.iter().all(|t| t.is_ascii() && !t.contains(['#', '?', ' ', '%'])),
        "{targets:#?}"
    );
    assert!(!targets.contains("media/bilder/.svg"), "{targets:#?}");
    // Stable: the same name always becomes the same one.
    assert_eq!(
        kursverk::source::names::media_target("bilder/Ω.svg"),
        kursverk::source::names::media_target("bilder/Ω.svg")
    );
}

#[cfg(unix)]
#[test]
fn a_linked_chapter_outside_the_folder_is_not_read() {
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("hemligt.md"), "# Hemligt\n\nLösenord: hunter2\n").unwrap();
    let c = TempCourse::new(&[("course.toml", &course_toml(&["kap.md"]))]);
    std::os::unix::fs::symlink(secret.path().join("hemligt.md"), c.path().join("kap.md")).unwrap();
    let loaded = c.load();
    let e = errors(&loaded);
    assert_eq!(e.len(), 1, "{e:#?}");
    assert!(
        e[0].3.contains("Kapitelfilen `kap.md` är en länk till en fil utanför kursmappen."),
        "{e:#?}"
    );
    let shown = loaded.diagnostics.render(&loaded.sources);
    assert!(!shown.contains("hunter2"), "{shown}");
}

#[test]
fn many_problems_on_one_long_line_give_short_output() {
    let images: String = (0..8000).map(|i| format!("![b](saknas/{i}.png) ")).collect();
    let c = one_chapter(&format!("# Kapitel\n\n## Sida\n\n{images}\n"));
    let loaded = c.load();
    assert_eq!(errors(&loaded).len(), 8000);
    let shown = loaded.diagnostics.render(&loaded.sources);
    assert!(shown.len() < 10_000, "{} bytes of output", shown.len());
    assert!(shown.contains("kap.md:5:1"), "{shown}");
    assert!(shown.contains("7990 problem till av samma slag (KV0309)"), "{shown}");

    let list: Vec<&str> = vec!["kap.md"; 5000];
    let c = TempCourse::new(&[
        ("course.toml", &course_toml(&list)),
        ("kap.md", "# K\n\n## S\n\nText.\n"),
    ]);
    let loaded = c.load();
    assert_eq!(errors(&loaded).len(), 4999);
    let shown = loaded.diagnostics.render(&loaded.sources);
    assert!(shown.len() < 10_000, "{} bytes of output", shown.len());
}

#[test]
fn a_deeply_nested_formula_is_a_located_error() {
    let deep = format!("{}a{}", "(".repeat(5000), ")".repeat(5000));
    let minus = format!("{}a", "-".repeat(5000));
    for formula in [deep, minus] {
        let c = one_chapter(&format!(
            "# Kapitel\n\n## Sida\n\n> [!KALKYL] k\n> #### Indata\n> - `a` Antal: 1 st\n>\n\
             > #### Resultat\n> - Summa: `{formula}` st\n"
        ));
        let e = errors(&c.load());
        assert!(
            e.iter().any(|(_, l, _, m)| *l == 10
                && m.contains("har fler än 32 parenteser eller minustecken inuti varandra")),
            "{e:#?}"
        );
    }
}

#[test]
fn absurd_durations_are_refused() {
    assert!(kursverk::source::duration::parse("99999999999999999999 tim").is_err());
    assert!(kursverk::source::duration::parse("1001 tim").is_err());
    assert_eq!(kursverk::source::duration::parse("1000 tim"), Ok(60_000));
}

#[test]
fn a_huge_chapter_is_refused_before_it_is_read() {
    let c = one_chapter("# K\n\n## S\n\nText.\n");
    let big = "Ord och mer ord.\n\n".repeat(300_000); // 5.4 MB
    std::fs::write(c.path().join("kap.md"), big).unwrap();
    let e = errors(&c.load());
    assert!(
        e.iter().any(|(f, l, _, m)| f == "course.toml"
            && *l == 6
            && m.contains("ett kapitel får vara högst 4 MB")),
        "{e:#?}"
    );
}

#[cfg(unix)]
#[test]
fn exit_codes_hold_when_stderr_is_closed() {
    let good = one_chapter("# K\n\n## S\n\nText.\n");
    let bad = one_chapter("# K\n\n## S\n\n![](saknas.png)\n");
    let out = tempfile::tempdir().unwrap();
    for (course, code) in [(&good, 0), (&bad, 1)] {
        let status = Command::new("sh")
            .arg("-c")
            .arg("exec \"$0\" build \"$1\" --out \"$2\" 2>&-")
            .arg(env!("CARGO_BIN_EXE_kursverk"))
            .arg(course.path())
            .arg(out.path())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(code));
    }
}

/// Pieces of text a course about the web, a careless paste or an attacker
/// might hold.
fn hostile_piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<SCRIPT",
        "<img src=x onerror=alert(1)>",
        "&",
        "&amp;",
        "\"",
        "'",
        "<",
        ">",
        "`<!--`",
        "`</script>`",
        "]]>",
        "\u{1}",
        "\u{b}",
        "\u{0}",
        "\u{feff}",
        "\u{fffe}",
        "\u{202e}",
        "[l](javascript:alert(1))",
        "[l](https://a.se)",
        "{onclick=x}",
        "{#id}",
        "\n",
        "\n\n",
        "\n## Sida\n",
        "\n### Rubrik\n",
        "> ",
        "> [!FAKTA]\n> ",
        "*",
        "_",
        "**",
        "`",
        "\\",
        "Å",
        "ö",
        "日本",
        "text ",
        "- ",
        "1. ",
        "| a | b |\n|---|---|\n| c | d |\n",
        "<style>",
        "</textarea>",
        "<?xml",
        "<![CDATA[",
        "javascript:",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever the chapter says (within what builds), the manifest is
    /// well-formed XML and the page is safe; loading never panics.
    #[test]
    fn every_package_is_well_formed_whatever_the_text(
        title in prop::collection::vec(hostile_piece(), 0..4),
        body in prop::collection::vec(hostile_piece(), 0..40),
    ) {
        let title: String = title.concat().replace('\n', " ");
        let chapter = format!("# Kapitel {title}\n\n## Sida {title}\n\n{}\n", body.concat());
        let c = one_chapter(&chapter);
        let loaded = c.load();
        if loaded.course.is_some() {
            let (html, manifest) = package(c.path());
            assert_xml(&manifest);
            assert_page_is_safe(&html, c.path());
        }
        // Rendering the problems never panics either.
        let _ = loaded.diagnostics.render(&loaded.sources);
    }
}
