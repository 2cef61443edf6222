//! The Studio (`kursverk serve`) previews exactly what `kursverk build`
//! packages — one pipeline — and none of its own code goes into a package.
//! (Its page in three browsers: `tests/e2e/studio.test.mjs`.)

use std::io::Read;

use kursverk::Target;
use kursverk::studio::Studio;

use crate::prelude::*;

#[test]
fn the_preview_is_the_built_package_byte_for_byte() {
    let course = repo().join("courses/kugghjul");
    let out = tempfile::tempdir().unwrap();
    let report =
        kursverk::build(&course, &[Target::Scorm12, Target::Scorm2004], out.path()).unwrap();
    assert!(report.ok());
    let studio = Studio::new(&course);
    for (version, zip) in
        [("scorm12", "kugghjul-scorm12.zip"), ("scorm2004", "kugghjul-scorm2004.zip")]
    {
        let bytes = std::fs::read(out.path().join(zip)).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut names = Vec::new();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap();
            let mut packaged = Vec::new();
            entry.read_to_end(&mut packaged).unwrap();
            let name = entry.name().unwrap().to_string();
            let previewed = studio.with(|s| s.files.get(&(version, name.clone())).cloned());
            assert_eq!(previewed.as_deref(), Some(&packaged[..]), "{version}: {name}");
            // The live-reload code and the Studio's LMS stay out of packages.
            let text = String::from_utf8_lossy(&packaged);
            assert!(
                !text.contains("kvStudio") && !text.contains("/api/state"),
                "{version}: {name}"
            );
            names.push(name);
        }
        let previewed = studio.with(|s| s.files.keys().filter(|(v, _)| *v == version).count());
        assert_eq!(previewed, names.len(), "{version}: the preview has no file the package lacks");
    }
    studio.with(|s| {
        assert!(s.ok);
        assert_eq!(s.language, "sv");
        assert_eq!(s.problems, "[]\n");
    });
}

#[test]
fn a_build_with_errors_keeps_the_last_good_preview() {
    let c = TempCourse::new(&[
        ("course.toml", &course_toml(&["kap.md"])),
        ("kap.md", "# Kapitel\n\n## Sida\n\nText.\n"),
    ]);
    let studio = Studio::new(c.path());
    let good = studio.with(|s| (s.generation, s.files.clone()));
    assert!(!good.1.is_empty());
    std::fs::write(c.path().join("kap.md"), "# Kapitel\n\n## Sida\n\n![](saknas.png)\n").unwrap();
    studio.rebuild();
    studio.with(|s| {
        assert!(!s.ok);
        assert!(s.generation > good.0);
        assert_eq!(s.files, good.1, "the last good preview stays");
        assert!(s.problems.contains("\"code\": \"KV0305\""), "{}", s.problems);
        assert!(s.problems.contains("Bilden saknar alternativtext"), "{}", s.problems);
    });
}

/// A course read into memory (as a Studio in a browser holds the folder it
/// opened) checks and builds to the same bytes as the course on disk.
#[test]
fn a_course_in_memory_builds_the_same_bytes() {
    use std::sync::Arc;

    use kursverk::files::Memory;

    for name in ["kugghjul", "handlaggning"] {
        let dir = repo().join("courses").join(name);
        let mut memory = Memory::new();
        let mut stack = vec![dir.clone()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path.strip_prefix(repo()).unwrap().to_owned();
                    memory.insert(rel, std::fs::read(&path).unwrap());
                }
            }
        }
        let targets = [Target::Scorm12, Target::Scorm2004, Target::Web, Target::Print];
        let on_disk = kursverk::make(&kursverk::load::load(&dir), &targets).unwrap();
        let rel = dir.strip_prefix(repo()).unwrap();
        let loaded = kursverk::load::load_from(rel, Arc::new(memory));
        assert!(loaded.diagnostics.items.is_empty(), "{name}: {:?}", loaded.diagnostics.items);
        let in_memory = kursverk::make(&loaded, &targets).unwrap();
        assert_eq!(on_disk.len(), in_memory.len());
        for (a, b) in on_disk.iter().zip(&in_memory) {
            assert!(a == b, "{name}: {} differs", a.name());
        }
    }
}
