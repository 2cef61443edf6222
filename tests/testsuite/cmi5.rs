//! cmi5 packages: `cmi5.xml` at the root, valid against the course
//! structure schema (checked by xmllint), one AU per course or per chapter
//! whose launch files are in the zip, `moveOn` and `masteryScore` from the
//! course's rules, the xAPI player inside, and the same bytes every build.
//! SCORM packages stay free of the xAPI player.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use kursverk::Target;
use kursverk::output::Artifact;

use crate::prelude::*;

/// A zip's files: (name, bytes).
type Files = Vec<(String, Vec<u8>)>;

fn make(course: &Path, target: Target) -> Vec<(String, Files)> {
    let loaded = kursverk::load::load(course);
    assert!(loaded.course.is_some(), "{}", loaded.diagnostics.render(&loaded.sources));
    kursverk::make(&loaded, &[target])
        .unwrap()
        .into_iter()
        .filter_map(|a| match a {
            Artifact::File { name, bytes } if name.ends_with(".zip") => Some((name, unzip(&bytes))),
            _ => None,
        })
        .collect()
}

fn unzip(bytes: &[u8]) -> Files {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().unwrap().to_string(), out)
        })
        .collect()
}

fn file<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a str {
    let bytes = &files.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name}")).1;
    std::str::from_utf8(bytes).unwrap()
}

/// The values of `attr` on every `<tag …>` of `xml`.
fn attrs(xml: &str, tag: &str, attr: &str) -> Vec<String> {
    xml.split(&format!("<{tag} "))
        .skip(1)
        .map(|el| {
            let el = &el[..el.find('>').unwrap()];
            el.split(&format!(" {attr}=\""))
                .nth(1)
                .or_else(|| el.strip_prefix(&format!("{attr}=\"")))
                .map(|v| v[..v.find('"').unwrap()].to_owned())
                .unwrap_or_default()
        })
        .collect()
}

fn validate(name: &str, xml: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cmi5.xml");
    std::fs::write(&path, xml).unwrap();
    let xsd = repo().join("packager/assets/cmi5/CourseStructure.xsd");
    let result = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&xsd)
        .arg(&path)
        .output()
        .expect("xmllint is needed: apt-get install libxml2-utils (tests/run does it)");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success() && stderr.contains("validates"), "{name}: {stderr}");
}

#[test]
fn the_schema_in_the_repository_is_the_official_one() {
    let ours = std::fs::read(repo().join("packager/assets/cmi5/CourseStructure.xsd")).unwrap();
    let official = repo().parent().unwrap().join("shared/cmi5/CourseStructure.xsd");
    if let Ok(official) = std::fs::read(&official) {
        assert!(ours == official, "packager/assets/cmi5/CourseStructure.xsd was changed");
    }
}

#[test]
fn every_course_makes_a_valid_cmi5_package_whose_aus_are_in_it() {
    for course in course_dirs() {
        for (name, files) in make(&course, Target::Cmi5) {
            let xml = file(&files, "cmi5.xml");
            validate(&name, xml);
            let names: BTreeSet<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
            let urls: Vec<&str> =
                xml.split("<url>").skip(1).map(|u| &u[..u.find("</url>").unwrap()]).collect();
            assert!(!urls.is_empty(), "{name}: no AU");
            for url in &urls {
                assert!(names.contains(url), "{name}: the AU's {url} is not in the zip");
                let page = file(&files, url);
                assert!(page.contains("data-kv-scorm=\"cmi5\""), "{name}: {url}");
                assert!(page.contains("id=\"kv-xapi\""), "{name}: {url} has no xAPI settings");
                assert!(page.contains("id=\"kv-exit\""), "{name}: {url} has no exit button");
            }
            let ids = attrs(xml, "au", "id");
            let unique: BTreeSet<&String> = ids.iter().collect();
            assert_eq!(unique.len(), ids.len(), "{name}: AU ids must be unique (13.1.4)");
            let course_id = &attrs(xml, "course", "id")[0];
            assert!(ids.iter().all(|id| id != course_id && id.starts_with(course_id.as_str())));
            assert!(names.contains("CourseStructure.xsd") && names.contains("player/kursverk.js"));
            assert!(!names.contains("imsmanifest.xml"), "{name}: a cmi5 package is not SCORM");
        }
    }
}

#[test]
fn move_on_and_mastery_follow_the_course() {
    // Kugghjul has a quiz with a pass mark of 80 %.
    let packages = make(&repo().join("courses/kugghjul"), Target::Cmi5);
    let xml = file(&packages[0].1, "cmi5.xml");
    assert_eq!(attrs(xml, "au", "moveOn"), ["CompletedAndPassed"]);
    assert_eq!(attrs(xml, "au", "masteryScore"), ["0.8"]);
    assert_eq!(attrs(xml, "course", "id"), ["urn:kursverk:kugghjul"]);
    assert_eq!(attrs(xml, "au", "id"), ["urn:kursverk:kugghjul/kurs"]);

    // No scored questions: completed is all there is, and no mastery score.
    let c = TempCourse::new(&[
        ("course.toml", &course_toml(&["kap.md"])),
        ("kap.md", "# Kapitel\n\n## Sida\n\nText.\n"),
    ]);
    let packages = make(c.path(), Target::Cmi5);
    let xml = file(&packages[0].1, "cmi5.xml");
    validate("no questions", xml);
    assert_eq!(attrs(xml, "au", "moveOn"), ["Completed"]);
    assert_eq!(attrs(xml, "au", "masteryScore"), [""]);
}

#[test]
fn one_au_per_chapter_and_one_zip_per_chapter_when_split() {
    let toml = |extra: &str| {
        format!(
            "id = \"delar\"\ntitle = \"Delar\"\nlanguage = \"sv\"\nversion = \"1\"\n\
             chapters = [\"a.md\", \"b.md\"]\nsco = \"chapter\"\n{extra}\
             [xapi]\nactivity-id = \"https://kurser.example.org/delar\"\n"
        )
    };
    let chapter = |t: &str| format!("# {t}\n\n## Sida\n\nText.\n");
    let (a, b) = (chapter("Första"), chapter("Andra"));
    let c = TempCourse::new(&[("course.toml", &toml("")), ("a.md", &a), ("b.md", &b)]);
    let packages = make(c.path(), Target::Cmi5);
    assert_eq!(packages.len(), 1);
    let xml = file(&packages[0].1, "cmi5.xml");
    validate("per chapter", xml);
    assert_eq!(attrs(xml, "course", "id"), ["https://kurser.example.org/delar"]);
    assert_eq!(
        attrs(xml, "au", "id"),
        ["https://kurser.example.org/delar/a", "https://kurser.example.org/delar/b"]
    );
    assert!(xml.contains("<url>a.html</url>") && xml.contains("<url>b.html</url>"));

    let c =
        TempCourse::new(&[("course.toml", &toml("split = true\n")), ("a.md", &a), ("b.md", &b)]);
    let packages = make(c.path(), Target::Cmi5);
    let names: Vec<&str> = packages.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["delar-a-cmi5.zip", "delar-b-cmi5.zip"]);
    for (name, files) in &packages {
        validate(name, file(files, "cmi5.xml"));
    }
}

#[test]
fn scorm_packages_carry_no_xapi_and_cmi5_packages_are_byte_identical() {
    let course = repo().join("courses/kugghjul");
    let player = |target| {
        let packages = make(&course, target);
        let files = &packages[0].1;
        let page = file(files, "index.html").to_owned();
        let wasm = files.iter().find(|(n, _)| n == "player/kursverk_bg.wasm").unwrap().1.clone();
        (page, wasm)
    };
    let (scorm_page, scorm_wasm) = player(Target::Scorm2004);
    let (cmi5_page, cmi5_wasm) = player(Target::Cmi5);
    assert!(!scorm_page.contains("kv-xapi") && cmi5_page.contains("kv-xapi"));
    assert_eq!(scorm_wasm, kursverk::player_assets::PLAYER_WASM);
    assert_eq!(cmi5_wasm, kursverk::player_assets::PLAYER_XAPI_WASM);
    assert!(scorm_wasm != cmi5_wasm);
    assert!(make(&course, Target::Cmi5) == make(&course, Target::Cmi5));
}

#[test]
fn hostile_titles_cannot_break_cmi5_xml() {
    let c = TempCourse::new(&[
        (
            "course.toml",
            "id = \"farlig\"\ntitle = \"</title><au id=\\\"x\\\"> & ]]>\"\nlanguage = \"sv\"\n\
             version = \"1\"\nchapters = [\"kap.md\"]\n",
        ),
        ("kap.md", "# Kapitel\n\n## Sida\n\nText.\n"),
    ]);
    let packages = make(c.path(), Target::Cmi5);
    let xml = file(&packages[0].1, "cmi5.xml");
    validate("hostile", xml);
    assert_eq!(attrs(xml, "au", "id").len(), 1);
    assert!(xml.contains("&lt;/title&gt;&lt;au id=&quot;x&quot;&gt; &amp; ]]&gt;"), "{xml}");
}
