//! Exercise blocks, chapter overviews, multi-SCO packages and the printed
//! guide, on small courses and on the real handläggning course.

use std::io::Read;

use kursverk::Target;
use kursverk::diagnostics::Severity;
use kursverk::model::Block;

use crate::prelude::*;

const EXERCISE: &str = "# Paket\n\n> [!ÖVERSIKT]\n> Tid: 1 tim\n>\n> #### Mål\n> - Ett mål\n\n\
## Första övningen\n\n> [!ÖVNING] forsta\n> Tid: 40 min\n>\n> #### Syfte\n> Att öva.\n>\n\
> #### Förberedelse för ledaren\n> Boka rum.\n\n\
## Andra övningen\n\n> [!ÖVNING] andra\n> Tid: 1 h 5 min\n>\n> #### Syfte\n> Att öva mer.\n>\n\
> #### Förberedelse för ledaren\n> Skriv ut.\n>\n> #### Förberedelse för deltagarna\n> Läs.\n";

fn course(chapter: &str) -> TempCourse {
    TempCourse::new(&[("course.toml", &course_toml(&["kap.md"])), ("kap.md", chapter)])
}

#[test]
fn exercises_are_parsed_with_durations_and_sections() {
    let loaded = course(EXERCISE).load();
    let course = loaded.course.as_ref().expect("valid");
    let chapter = &course.chapters[0];
    assert_eq!((chapter.exercise_count, chapter.exercise_minutes), (2, 105));
    assert_eq!(chapter.exercise_time, "1 tim 45 min");
    let exercises: Vec<_> = chapter
        .pages
        .iter()
        .flat_map(|p| &p.blocks)
        .filter_map(|b| if let Block::Exercise(e) = b { Some(e) } else { None })
        .collect();
    assert_eq!(exercises[1].id, "andra");
    assert_eq!(exercises[1].title, "Andra övningen");
    assert_eq!(exercises[1].minutes, 65);
    let labels: Vec<&str> = exercises[1].sections.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["Syfte", "Förberedelse för ledaren", "Förberedelse för deltagarna"]);
    // The stated 1 tim disagrees with 1 tim 45 min: a warning on line 4.
    let warnings: Vec<_> =
        loaded.diagnostics.items.iter().filter(|d| d.severity == Severity::Warning).collect();
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        said(&loaded, warnings[0]),
        "Den angivna tiden 1 tim stämmer inte med summan av kapitlets 2 övningar, 1 tim 45 min."
    );
    assert_eq!(loaded.sources.line_col(warnings[0].span.as_ref().unwrap()), (4, 3));
}

#[test]
fn exercise_errors_are_located() {
    let bad = EXERCISE
        .replace("Tid: 40 min", "Tid: fyrtio min")
        .replace("#### Förberedelse för deltagarna", "#### Förberedelse för alla")
        .replace("> #### Syfte\n> Att öva mer.\n>\n", "");
    let c = course(&bad);
    let loaded = c.load();
    assert!(loaded.course.is_none());
    let errors = errors(&loaded);
    let has = |line: usize, col: usize, text: &str| {
        errors
            .iter()
            .any(|(f, l, cl, m)| f == "kap.md" && *l == line && *cl == col && m.contains(text))
    };
    assert!(has(12, 3, "tiden ska skrivas med siffror."), "{errors:#?}");
    assert!(has(22, 3, "Övningen har ingen del `#### Syfte`."), "{errors:#?}");
    assert!(has(28, 3, "Kursverk känner inte till delen `Förberedelse för alla`."), "{errors:#?}");
    assert_eq!(errors.len(), 3, "one error per problem: {errors:#?}");
}

#[test]
fn the_handlaggning_course_is_nine_packages_of_exercises_and_reflections() {
    let loaded = kursverk::load::load(&repo().join("courses/handlaggning"));
    let course = loaded.course.expect("the handläggning course loads");
    assert_eq!(course.chapters.len(), 10);
    assert!(course.sco_per_chapter);
    let with_exercises = course.chapters.iter().filter(|c| c.exercise_count > 0).count();
    assert_eq!(with_exercises, 9);
    let exercises: usize = course.chapters.iter().map(|c| c.exercise_count).sum();
    assert!(exercises >= 55, "{exercises} exercises");
    let reflections = course
        .player
        .questions
        .iter()
        .filter(|q| q.kind == kursverk_player::model::Kind::Reflection)
        .count();
    assert!(reflections >= 10);
    // Only warnings (stated totals that disagree with the sums).
    assert!(loaded.diagnostics.items.iter().all(|d| d.severity == Severity::Warning));
}

fn zip_text(zip: &std::path::Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn multi_sco_package_has_one_item_and_sco_per_chapter_sharing_the_player() {
    let out = tempfile::tempdir().unwrap();
    let report = kursverk::build(
        &repo().join("courses/handlaggning"),
        &[Target::Scorm12, Target::Scorm2004],
        out.path(),
    )
    .unwrap();
    assert!(report.ok());
    let course = kursverk::load::load(&repo().join("courses/handlaggning")).course.unwrap();
    for zip in &report.written {
        let manifest = zip_text(zip, "imsmanifest.xml");
        assert_eq!(manifest.matches("<item ").count(), course.chapters.len());
        let scos = manifest.matches("scormtype=\"sco\"").count()
            + manifest.matches("scormType=\"sco\"").count();
        assert_eq!(scos, course.chapters.len());
        assert_eq!(
            manifest.matches("<dependency identifierref=\"handlaggning-shared\"/>").count(),
            course.chapters.len()
        );
        assert_eq!(
            manifest.matches("href=\"player/kursverk_bg.wasm\"").count(),
            1,
            "the player is shared"
        );
        for chapter in &course.chapters {
            let page = zip_text(zip, &format!("{}.html", chapter.slug));
            assert!(
                page.contains(&format!("\"id\":\"handlaggning-{}\"", chapter.slug)),
                "own id per SCO"
            );
            assert!(
                page.contains(&format!("<title>{}</title>", chapter.title)),
                "{}",
                chapter.title
            );
        }
    }
}

#[test]
fn split_writes_one_zip_per_chapter() {
    let toml = course_toml(&["a.md", "b.md"]) + "sco = \"chapter\"\nsplit = true\n";
    let c = TempCourse::new(&[
        ("course.toml", &toml),
        ("a.md", "# A\n\n## Sida\n\nText.\n"),
        ("b.md", "# B\n\n## Sida\n\nText.\n"),
    ]);
    let out = tempfile::tempdir().unwrap();
    let report = kursverk::build(c.path(), &[Target::Scorm12], out.path()).unwrap();
    let names: Vec<String> = report
        .written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["test-a-scorm12.zip", "test-b-scorm12.zip"]);
    let page = zip_text(&report.written[1], "index.html");
    assert!(page.contains("\"id\":\"test-b\"") && page.contains(">B</p>"), "{page}");
}

#[test]
fn print_guide_has_every_exercise_and_computed_totals() {
    let dir = repo().join("courses/handlaggning");
    let course = kursverk::load::load(&dir).course.unwrap();
    let out = tempfile::tempdir().unwrap();
    let report = kursverk::build(&dir, &[Target::Print], out.path()).unwrap();
    let html = std::fs::read_to_string(&report.written[0]).unwrap();
    assert!(html.contains("Studiehandledning"));
    // tera's HTML escaping.
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('\'', "&#x27;")
            .replace('/', "&#x2F;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut total = 0;
    for chapter in &course.chapters {
        total += chapter.exercise_minutes;
        if chapter.exercise_count == 0 {
            continue;
        }
        let sum_row = format!(
            "<td>Summa {}</td><td class=\"num\">{}</td>",
            escape(&chapter.title),
            chapter.exercise_time
        );
        assert!(html.contains(&sum_row), "missing {sum_row}");
        for block in chapter.pages.iter().flat_map(|p| &p.blocks) {
            if let Block::Exercise(e) = block {
                assert!(html.contains(&format!("<h3>{}</h3>", escape(&e.title))), "{}", e.title);
                assert!(html.contains(&format!(
                    "<td>{}</td><td class=\"num\">{}</td>",
                    escape(&e.title),
                    escape(&e.duration)
                )));
            }
        }
    }
    let grand = kursverk::source::duration::format(total, true);
    assert!(html.contains(&format!("<td>Total tid</td><td class=\"num\">{grand}</td>")), "{grand}");
}
