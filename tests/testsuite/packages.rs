//! The real courses build into packages that validate against the official
//! SCORM schemas, list every file they carry, and are byte-identical from
//! one build to the next.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use kursverk::Target;
use kursverk_player::model::Kind;

use crate::prelude::*;

fn build(course: &Path, out: &Path) -> Vec<PathBuf> {
    let report = kursverk::build(course, &[Target::Scorm12, Target::Scorm2004], out).unwrap();
    assert!(report.ok(), "{}", report.diagnostics.render(&report.sources));
    report.written
}

fn unzip(zip: &Path) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            (f.name().unwrap().to_string(), bytes)
        })
        .collect()
}

fn xmllint() -> &'static str {
    let ok = Command::new("xmllint").arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "xmllint is needed to validate manifests: apt-get install libxml2-utils (tests/run does it)"
    );
    "xmllint"
}

#[test]
fn every_manifest_validates_against_the_official_schemas() {
    let xsd = repo().parent().unwrap().join("shared/scorm/xsd");
    assert!(xsd.is_dir(), "the official SCORM schemas are expected in {}", xsd.display());
    for course in course_dirs() {
        let out = tempfile::tempdir().unwrap();
        for zip in build(&course, out.path()) {
            let dir = out.path().join(zip.file_stem().unwrap());
            std::fs::create_dir_all(&dir).unwrap();
            let files = unzip(&zip);
            for (name, bytes) in &files {
                let path = dir.join(name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, bytes).unwrap();
            }
            let version =
                if zip.to_string_lossy().contains("scorm12") { "scorm12" } else { "scorm2004" };
            let result = Command::new(xmllint())
                .args(["--noout", "--schema"])
                .arg(xsd.join(version).join("all.xsd"))
                .arg(dir.join("imsmanifest.xml"))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&result.stderr);
            assert!(
                result.status.success() && stderr.contains("validates"),
                "{}: {stderr}",
                zip.display()
            );
        }
    }
}

#[test]
fn manifest_lists_every_file_and_names_its_schema_files() {
    let out = tempfile::tempdir().unwrap();
    for zip in build(&repo().join("courses/kugghjul"), out.path()) {
        let files = unzip(&zip);
        let names: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        let manifest =
            &files.iter().find(|(n, _)| n == "imsmanifest.xml").expect("manifest at the root").1;
        let manifest = std::str::from_utf8(manifest).unwrap();
        let listed: BTreeSet<&str> =
            manifest.split("<file href=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
        let expected: BTreeSet<&str> =
            names.iter().copied().filter(|n| *n != "imsmanifest.xml").collect();
        assert_eq!(listed, expected, "{}", zip.display());
        // The schema files the manifest names are in the package root.
        let location = manifest.split("xsi:schemaLocation=\"").nth(1).unwrap();
        let location = &location[..location.find('"').unwrap()];
        for xsd in location.split_whitespace().skip(1).step_by(2) {
            assert!(names.contains(xsd), "{xsd} is named but not shipped");
        }
        assert!(names.iter().all(|n| n.is_ascii()), "file names must be ASCII");
        assert!(names.contains("player/kursverk_bg.wasm") && names.contains("index.html"));
    }
}

#[test]
fn swedish_titles_survive_into_manifest_and_page() {
    let c = TempCourse::new(&[
        ("course.toml", &course_toml(&["kap.md"])),
        ("kap.md", "# Kapitel om åäö\n\n## Sida med ÅÄÖ & \\<tecken>\n\nText.\n"),
    ]);
    let out = tempfile::tempdir().unwrap();
    for zip in build(c.path(), out.path()) {
        let files = unzip(&zip);
        let get = |n: &str| {
            String::from_utf8(files.iter().find(|(f, _)| f == n).unwrap().1.clone()).unwrap()
        };
        assert!(get("imsmanifest.xml").contains("<title>Prov på åäö</title>"));
        let page = get("index.html");
        assert!(page.contains("<title>Prov på åäö</title>"));
        assert!(
            page.contains("Sida med ÅÄÖ &amp; &lt;tecken&gt;"),
            "titles are escaped, not dropped"
        );
        assert!(page.contains("<html lang=\"sv\""));
    }
}

#[test]
fn the_same_course_builds_to_identical_zips() {
    let course = repo().join("courses/kugghjul");
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = build(&course, a.path());
    let second = build(&course, b.path());
    assert_eq!(first.len(), 2);
    for (x, y) in first.iter().zip(&second) {
        assert_eq!(x.file_name(), y.file_name());
        assert!(
            std::fs::read(x).unwrap() == std::fs::read(y).unwrap(),
            "{} differs between builds",
            x.display()
        );
    }
}

#[test]
fn kugghjul_has_what_the_course_needs() {
    let loaded = kursverk::load::load(&repo().join("courses/kugghjul"));
    let course = loaded.course.expect("the Kugghjul course loads");
    let p = &course.player;
    let knowledge = p.questions.iter().filter(|q| q.kind == Kind::Choice).count();
    let reflection = p.questions.iter().filter(|q| q.kind == Kind::Reflection).count();
    assert!(knowledge >= 6, "{knowledge} knowledge questions");
    assert!(reflection >= 3, "{reflection} reflection questions");
    assert!(p.mastery_score > 0);
    assert_eq!(p.language.tag(), "sv");
    assert!(loaded.diagnostics.items.is_empty(), "{}", loaded.diagnostics.render(&loaded.sources));
}

#[test]
fn cli_writes_both_packages_by_default_and_one_with_target() {
    let out = tempfile::tempdir().unwrap();
    let course = repo().join("courses/kugghjul");
    let status =
        kursverk().arg("build").arg(&course).arg("--out").arg(out.path()).status().unwrap();
    assert!(status.success());
    assert!(out.path().join("kugghjul-scorm12.zip").is_file());
    assert!(out.path().join("kugghjul-scorm2004.zip").is_file());
    let one = tempfile::tempdir().unwrap();
    let status = kursverk()
        .args(["build", "--target", "scorm12", "--out"])
        .arg(one.path())
        .arg(&course)
        .status()
        .unwrap();
    assert!(status.success());
    let written: Vec<_> =
        std::fs::read_dir(one.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(written, vec![std::ffi::OsString::from("kugghjul-scorm12.zip")]);
}

/// The course data in every real package, as the player reads it: the
/// player's own reader ([`kursverk_player::model::format::read_checked`],
/// the one the browser runs over `JSON.parse`'s result) gets back exactly
/// the model the packager built, and every member written is read.
#[test]
fn the_player_reads_every_package_s_course_data_whole() {
    for course in course_dirs() {
        let out = tempfile::tempdir().unwrap();
        let model = kursverk::load::load(&course).course.expect("the course builds");
        for zip in build(&course, out.path()) {
            for (name, bytes) in unzip(&zip).iter().filter(|(n, _)| n.ends_with(".html")) {
                let html = String::from_utf8(bytes.clone()).unwrap();
                let start = html.find("id=\"kv-course\">").expect("course data") + 15;
                let end = start + html[start..].find("</script>").unwrap();
                // The page escapes < > & as \u003c, \u003e, \u0026: JSON.parse reads them back.
                let read = kursverk_player::model::format::read_checked(&html[start..end])
                    .unwrap_or_else(|e| panic!("{}: {name}: {e}", zip.display()));
                let expected =
                    match model.chapters.iter().position(|c| format!("{}.html", c.slug) == *name) {
                        // One SCO per chapter: that chapter's course.
                        Some(i) if model.sco_per_chapter => model.chapter_course(i).player,
                        _ => model.player.clone(),
                    };
                assert_eq!(read, expected, "{}: {name}", zip.display());
                assert!(!read.pages.is_empty() && !read.texts.is_empty());
            }
        }
    }
}
