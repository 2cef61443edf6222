//! Helpers shared by the test modules.

use std::path::{Path, PathBuf};

use kursverk::diagnostics::Severity;
use kursverk::load::Loaded;

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_owned()
}

/// Every course under `courses/` (a folder with a `course.toml`), sorted:
/// tests over "every course" find a new course without being told.
pub(crate) fn course_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(repo().join("courses"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("course.toml").is_file())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no course folders in courses/");
    dirs
}

/// A course folder in a temp dir, made from (file name, contents) pairs.
pub(crate) struct TempCourse {
    pub(crate) dir: tempfile::TempDir,
}

impl TempCourse {
    pub(crate) fn new(files: &[(&str, &str)]) -> TempCourse {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        TempCourse { dir }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn load(&self) -> Loaded {
        kursverk::load::load(self.path())
    }
}

/// A minimal valid course.toml listing `chapters`.
pub(crate) fn course_toml(chapters: &[&str]) -> String {
    let list: Vec<String> = chapters.iter().map(|c| format!("\"{c}\"")).collect();
    format!(
        "id = \"test\"\ntitle = \"Prov på åäö\"\nlanguage = \"sv\"\nversion = \"1\"\n\
         mastery-score = 80\nchapters = [{}]\n",
        list.join(", ")
    )
}

/// Each error as (file name, line, column, message).
pub(crate) fn errors(loaded: &Loaded) -> Vec<(String, usize, usize, String)> {
    loaded
        .diagnostics
        .items
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let span = d.span.as_ref().expect("every authoring error has a place");
            let (line, col) = loaded.sources.line_col(span);
            (loaded.sources.name(span.file).to_owned(), line, col, said(loaded, d))
        })
        .collect()
}

/// A problem's message as the author reads it: in the course's language,
/// values filled in.
pub(crate) fn said(loaded: &Loaded, d: &kursverk::diagnostics::Diagnostic) -> String {
    d.text(loaded.diagnostics.language).message
}

/// The kursverk binary.
pub(crate) fn kursverk() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_kursverk"))
}
