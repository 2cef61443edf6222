//! Every authoring mistake is reported with file, line, column, the line
//! itself and a hint — all of them at once, never a panic.

use crate::prelude::*;

const GOOD_CHAPTER: &str = "# Kapitel\n\n## Sida ett\n\nText.\n";

fn one_chapter(text: &str) -> TempCourse {
    TempCourse::new(&[("course.toml", &course_toml(&["kap.md"])), ("kap.md", text)])
}

fn assert_error(course: &TempCourse, file: &str, line: usize, col: usize, message: &str) {
    let loaded = course.load();
    assert!(loaded.course.is_none(), "a course with errors must not build");
    let errors = errors(&loaded);
    assert!(
        errors
            .iter()
            .any(|(f, l, c, m)| f == file && *l == line && *c == col && m.contains(message)),
        "expected {file}:{line}:{col} `{message}`, got {errors:#?}"
    );
}

#[test]
fn missing_chapter_file() {
    let c = TempCourse::new(&[
        ("course.toml", &course_toml(&["kap.md", "saknas.md"])),
        ("kap.md", GOOD_CHAPTER),
    ]);
    assert_error(&c, "course.toml", 6, 23, "chapter file `saknas.md` does not exist");
}

#[test]
fn unknown_block() {
    let c = one_chapter("# Kapitel\n\n## Sida\n\n> [!FRÅGOR] x\n> Text\n");
    assert_error(&c, "kap.md", 5, 3, "unknown block `[!FRÅGOR]`");
}

#[test]
fn question_without_a_correct_answer() {
    let c =
        one_chapter("# Kapitel\n\n## Sida\n\n> [!FRÅGA] q1\n> Vad?\n>\n> - [ ] Ett\n> - [ ] Två\n");
    assert_error(&c, "kap.md", 5, 3, "the question has no correct answer");
}

#[test]
fn image_that_does_not_exist() {
    let c = one_chapter("# Kapitel\n\n## Sida\n\nSe bilden: ![En graf](bilder/graf.png)\n");
    assert_error(&c, "kap.md", 5, 12, "the image `bilder/graf.png` does not exist");
}

#[test]
fn image_outside_the_course_folder() {
    let c = one_chapter("# Kapitel\n\n## Sida\n\n![Lösenord](../../etc/passwd)\n");
    assert_error(&c, "kap.md", 5, 1, "is outside the course folder");
}

#[test]
fn duplicate_question_ids() {
    let c = one_chapter(
        "# Kapitel\n\n## Sida\n\n> [!REFLEKTION] tanke\n> Fundera.\n\n\
         ## Sida två\n\n> [!FRÅGA] tanke\n> Vad?\n>\n> - [x] Ja\n> - [ ] Nej\n",
    );
    assert_error(&c, "kap.md", 10, 12, "two questions have the id `tanke`");
}

#[test]
fn invalid_toml() {
    let c = TempCourse::new(&[
        ("course.toml", "id = \"test\"\ntitle = Kugghjul utan citattecken\n"),
        ("kap.md", GOOD_CHAPTER),
    ]);
    let loaded = c.load();
    let errors = errors(&loaded);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let (file, line, _, message) = &errors[0];
    assert_eq!((file.as_str(), *line), ("course.toml", 2), "{message}");
    assert!(message.starts_with("course.toml:"), "{message}");
}

#[test]
fn unknown_key_in_course_toml_names_the_known_ones() {
    let c = TempCourse::new(&[
        ("course.toml", &format!("{}tittel = \"x\"\n", course_toml(&["kap.md"]))),
        ("kap.md", GOOD_CHAPTER),
    ]);
    let loaded = c.load();
    assert_error(&c, "course.toml", 7, 1, "unknown field `tittel`");
    let text = loaded.diagnostics.render(&loaded.sources);
    assert!(text.contains("mastery-score"), "{text}");
}

#[test]
fn answer_without_checkbox_and_text_after_answers() {
    let c = one_chapter(
        "# Kapitel\n\n## Sida\n\n> [!FRÅGA] q\n> Vad?\n>\n> - [x] Ja\n> - Kanske\n>\n> Efteråt.\n",
    );
    assert_error(&c, "kap.md", 9, 3, "an answer without `[ ]` or `[x]`");
    assert_error(&c, "kap.md", 11, 3, "text after the answers");
}

#[test]
fn bad_ids_and_values_in_course_toml() {
    let c = TempCourse::new(&[
        (
            "course.toml",
            "id = \"Min Kurs\"\ntitle = \"T\"\nlanguage = \"de\"\nversion = \"1\"\n\
             mastery-score = 120\nchapters = [\"kap.md\"]\n",
        ),
        ("kap.md", GOOD_CHAPTER),
    ]);
    assert_error(&c, "course.toml", 1, 6, "`Min Kurs` cannot be a course id");
    assert_error(&c, "course.toml", 3, 12, "unknown language `de`");
    assert_error(&c, "course.toml", 5, 17, "the mastery score is a percentage");
}

#[test]
fn chapter_must_start_with_its_title() {
    let c = one_chapter("Inledning utan rubrik.\n\n# Kapitel\n\n## Sida\n\nText.\n");
    assert_error(&c, "kap.md", 1, 1, "the chapter must start with its title");
}

/// The command line shows every problem at once, each with its line and
/// a hint, and exits with 1.
#[test]
fn cli_reports_all_problems_at_once() {
    let c = TempCourse::new(&[
        ("course.toml", &course_toml(&["kap.md", "saknas.md"])),
        (
            "kap.md",
            "# Kapitel\n\n## Sida\n\n> [!OKÄND]\n> x\n\n![Bild](finns-inte.png)\n\n\
             > [!FRÅGA] q\n> Vad?\n>\n> - [ ] Ett\n",
        ),
    ]);
    let out = kursverk()
        .arg("build")
        .arg(c.path())
        .arg("--out")
        .arg(c.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    for expected in [
        "course.toml:6:23",
        "kap.md:5:3",
        "kap.md:8:1",
        "kap.md:10:3",
        "> [!OKÄND]",
        "hint:",
        "4 error(s)",
    ] {
        assert!(stderr.contains(expected), "missing `{expected}` in:\n{stderr}");
    }
    assert!(!c.path().join("out").exists(), "nothing is written when the course has errors");
}

/// `kursverk check` reports like `build`, writes nothing, and says by its
/// exit code whether the course can be built (0), has errors (1), or could
/// not be read (2); `--pages` lists every page's link.
#[test]
fn check_reports_without_writing() {
    let good =
        TempCourse::new(&[("course.toml", &course_toml(&["kap.md"])), ("kap.md", GOOD_CHAPTER)]);
    let bad = one_chapter("# Kapitel\n\n## Sida\n\n![Bild](finns-inte.png)\n");
    let cwd = tempfile::tempdir().unwrap();
    let run =
        |args: &[&std::ffi::OsStr]| kursverk().current_dir(cwd.path()).args(args).output().unwrap();
    let out = run(&["check".as_ref(), good.path().as_os_str(), "--pages".as_ref()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("index.html#page-sida-ett  Sida ett"), "{stdout}");
    let out = run(&["check".as_ref(), bad.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("kap.md:5:1") && stderr.contains("1 error(s)"), "{stderr}");
    let out = run(&["check".as_ref(), cwd.path().join("saknas").as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 0, "check wrote nothing");
    assert!(!good.path().join("dist").exists() && !bad.path().join("dist").exists());
}

/// A course whose saved progress comes near the 4,096 characters a SCORM
/// 1.2 LMS keeps gets a warning that says how near and what to do.
#[test]
fn saved_progress_near_the_scorm12_limit_is_a_warning() {
    let pages = |n: usize| {
        let mut text = String::from("# Kapitel\n\n");
        for i in 0..n {
            text.push_str(&format!("## Sida {i}\n\nText.\n\n"));
        }
        text
    };
    let warnings = |n: usize| -> Vec<String> {
        let loaded = one_chapter(&pages(n)).load();
        loaded.diagnostics.items.iter().map(|d| d.message.clone()).collect()
    };
    assert!(warnings(100).is_empty(), "{:?}", warnings(100));
    let near = warnings(950);
    assert!(near.iter().any(|m| m.contains("nearly fills what SCORM 1.2 keeps")), "{near:?}");
    let over = warnings(1100);
    assert!(over.iter().any(|m| m.contains("does not fit in what SCORM 1.2 keeps")), "{over:?}");
}
