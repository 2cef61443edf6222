//! Fixture courses, as typst tests its compiler: each folder under
//! `tests/fixtures/invalid/` is a course whose `course.toml` says, in
//! comments, exactly which problems it has (`# error: kap.md:5:3: message`,
//! `# warning: …`); the test holds the loader to that list — no more, no
//! fewer — and snapshots how the problems are shown to the author. Each
//! folder under `tests/fixtures/valid/` builds without a problem, and its
//! manifests, page and print guide are snapshots.
//!
//! A snapshot that changes fails the test; review the change with
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test` and `git
//! diff`) and commit the new snapshot with the change that caused it.

use std::path::{Path, PathBuf};

use crate::prelude::*;

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let root = repo().join("tests/fixtures").join(kind);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("course.toml").is_file())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no fixtures in {}", root.display());
    dirs
}

fn name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

/// `# error: file:line:col: message` lines at the top of course.toml.
fn annotations(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("course.toml"))
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .map(str::to_owned)
        .collect()
}

#[test]
fn invalid_fixtures_have_exactly_their_annotated_problems() {
    let mut wrong = Vec::new();
    for dir in fixtures("invalid") {
        let loaded = kursverk::load::load(&dir);
        let mut found: Vec<String> = loaded
            .diagnostics
            .items
            .iter()
            .map(|d| {
                let severity = d.severity.key();
                let at = d.span.as_ref().map_or(String::new(), |s| {
                    let (line, col) = loaded.sources.line_col(s);
                    format!("{}:{line}:{col}: ", loaded.sources.name(s.file))
                });
                format!("{severity}: {at}{}: {}", d.message.code(), said(&loaded, d))
            })
            .collect();
        let mut expected = annotations(&dir);
        found.sort();
        expected.sort();
        if found != expected {
            wrong.push(format!(
                "{}:\n  found:     {found:#?}\n  annotated: {expected:#?}",
                name(&dir)
            ));
        }
        assert!(
            loaded.course.is_none() || !loaded.diagnostics.has_errors(),
            "{}: a course with errors must not build",
            name(&dir)
        );
        let shown = loaded.diagnostics.render(&loaded.sources);
        insta::assert_snapshot!(format!("invalid-{}", name(&dir)), shown);
    }
    assert!(wrong.is_empty(), "problems that differ from the annotations:\n{}", wrong.join("\n"));
}

/// A file of a package.
fn read_zip(zip: &Path, name: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn valid_fixtures_build_without_a_word_and_match_their_snapshots() {
    use kursverk::Target;
    let css = kursverk::player_assets::PLAYER_CSS.trim_end();
    for dir in fixtures("valid") {
        let name = name(&dir);
        let out = tempfile::tempdir().unwrap();
        let targets = [Target::Scorm12, Target::Scorm2004, Target::Print];
        let report = kursverk::build(&dir, &targets, out.path()).unwrap();
        let shown = report.diagnostics.render(&report.sources);
        assert!(report.ok() && report.diagnostics.items.is_empty(), "{name}:\n{shown}");
        let file = |suffix: &str| {
            report.written.iter().find(|p| p.to_string_lossy().ends_with(suffix)).unwrap().clone()
        };
        for version in ["scorm12", "scorm2004"] {
            let zip = file(&format!("-{version}.zip"));
            insta::assert_snapshot!(
                format!("valid-{name}-manifest-{version}"),
                read_zip(&zip, "imsmanifest.xml")
            );
        }
        // The page, its copy of the stylesheet (assets/kursverk.css) left out.
        let page = read_zip(&file("-scorm2004.zip"), "index.html");
        assert!(page.contains(css), "{name}: the stylesheet is inlined");
        insta::assert_snapshot!(
            format!("valid-{name}-page"),
            page.replace(css, "/* kursverk.css */")
        );
        let print = std::fs::read_to_string(file("-print.html")).unwrap();
        insta::assert_snapshot!(format!("valid-{name}-print"), print);
    }
}
