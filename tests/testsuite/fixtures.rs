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

use kursverk::diagnostics::Severity;

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
                let severity = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                let at = d.span.as_ref().map_or(String::new(), |s| {
                    let (line, col) = loaded.sources.line_col(s);
                    format!("{}:{line}:{col}: ", loaded.sources.name(s.file))
                });
                format!("{severity}: {at}{}", d.message)
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
