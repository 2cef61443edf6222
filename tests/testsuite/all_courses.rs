//! Every real course (each folder under `courses/` with a course.toml, found
//! at run time, so a new course is covered without touching this file)
//! builds to every target with no diagnostic at all: no error and no
//! warning (issue 12: "The five courses build to every target with zero
//! warnings").

use kursverk::Target;

use crate::prelude::*;

const TARGETS: [Target; 4] = [Target::Scorm12, Target::Scorm2004, Target::Web, Target::Print];

#[test]
fn every_course_builds_to_every_target_without_a_single_diagnostic() {
    let mut failures = Vec::new();
    for dir in course_dirs() {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let out = tempfile::tempdir().unwrap();
        let report = match kursverk::build(&dir, &TARGETS, out.path()) {
            Ok(report) => report,
            Err(e) => {
                failures.push(format!("{name}: the build failed: {e:#}"));
                continue;
            }
        };
        let (errors, warnings) = report.diagnostics.counts();
        println!(
            "{name}: ok = {}, {errors} error(s), {warnings} warning(s), {} output(s)",
            report.ok(),
            report.written.len()
        );
        if !report.ok() || !report.diagnostics.items.is_empty() {
            failures.push(format!(
                "{name}: ok = {}, {errors} error(s), {warnings} warning(s):\n{}",
                report.ok(),
                report.diagnostics.render(&report.sources)
            ));
            continue;
        }
        // Each target wrote something, and all of it exists.
        assert!(
            report.written.len() >= TARGETS.len(),
            "{name}: {} outputs for {} targets: {:?}",
            report.written.len(),
            TARGETS.len(),
            report.written
        );
        for path in &report.written {
            assert!(
                path.exists(),
                "{name}: {} was reported written but is missing",
                path.display()
            );
        }
    }
    assert!(failures.is_empty(), "courses with diagnostics:\n\n{}", failures.join("\n\n"));
}
