//! `kursverk new`: the course it writes builds to every target without a
//! single warning, in both languages, and it never writes over files.

use kursverk::Target;
use kursverk_player::model::Language;

use crate::prelude::*;

#[test]
fn a_new_course_builds_everywhere_without_a_warning() {
    for language in [Language::Sv, Language::En] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("ny-kurs");
        let written = kursverk::skeleton::new_course(&dir, language).unwrap();
        assert!(written.len() >= 4, "{written:?}");
        let out = tmp.path().join("dist");
        let targets = [Target::Scorm12, Target::Scorm2004, Target::Web, Target::Print];
        let report = kursverk::build(&dir, &targets, &out).unwrap();
        let shown = report.diagnostics.render(&report.sources);
        assert!(report.ok() && report.diagnostics.items.is_empty(), "{language:?}:\n{shown}");
        let course = kursverk::load::load(&dir).course.unwrap();
        assert_eq!(course.player.language, language);
        let kinds: std::collections::BTreeSet<&str> =
            course.player.questions.iter().map(|q| q.kind.name()).collect();
        assert_eq!(kinds.len(), 7, "one question of every kind: {kinds:?}");
        assert!(!course.player.calculators.is_empty() && !course.media.is_empty());
        assert!(course.chapters.iter().any(|c| c.exercise_count > 0), "an exercise");
    }
}

#[test]
fn new_never_writes_over_files() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("kurs");
    let run = || kursverk().arg("new").arg(&dir).output().unwrap();
    let first = run();
    assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
    assert!(
        String::from_utf8_lossy(&first.stderr).contains("kursverk build"),
        "says what to do next"
    );
    std::fs::write(dir.join("course.toml"), "id = \"mitt\"\n").unwrap();
    let second = run();
    assert_eq!(second.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&second.stderr).contains("har redan filer"));
    assert_eq!(std::fs::read_to_string(dir.join("course.toml")).unwrap(), "id = \"mitt\"\n");
}
