//! `kursverk new`: a small course to start from, in Swedish or English.
//!
//! The skeleton (`packager/skeleton/<language>/`) has one example of each
//! block — text, an image with its text, a box, every kind of question, a
//! reflection, a quiz, a calculator, an exercise — with words that say what
//! to change. It builds to every target without a warning (a test holds
//! it to that), so an author's first build succeeds.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use kursverk_player::model::Language;

/// The files of each language's skeleton: (path in the course, contents).
fn files(language: Language) -> &'static [(&'static str, &'static [u8])] {
    macro_rules! skeleton {
        ($dir:literal, $($name:literal),*) => {
            &[$(($name, include_bytes!(concat!("../skeleton/", $dir, "/", $name)) as &[u8])),*]
        };
    }
    match language {
        Language::Sv => skeleton!(
            "sv",
            "course.toml",
            "01-kapitel.md",
            "02-kunskapstest.md",
            "bilder/exempel.svg"
        ),
        Language::En => {
            skeleton!("en", "course.toml", "01-chapter.md", "02-quiz.md", "images/example.svg")
        }
    }
}

/// Whether `dir` already holds files (`new` never writes over them).
pub fn holds_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
}

/// Writes a new course into `dir`, which must not exist or be empty.
/// Returns the files written.
pub fn new_course(dir: &Path, language: Language) -> Result<Vec<PathBuf>> {
    if holds_files(dir) {
        bail!(
            "{} already holds files; choose a new folder name so nothing is overwritten",
            dir.display()
        );
    }
    let mut written = Vec::new();
    for (name, bytes) in files(language) {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("inside the folder"))
            .with_context(|| format!("cannot create {}", dir.display()))?;
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
