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
    assert_error(&c, "course.toml", 6, 23, "Kapitelfilen `saknas.md` finns inte.");
}

#[test]
fn unknown_block() {
    let c = one_chapter("# Kapitel\n\n## Sida\n\n> [!FRÅGOR] x\n> Text\n");
    assert_error(&c, "kap.md", 5, 3, "Kursverk känner inte till blocket `[!FRÅGOR]`.");
}

#[test]
fn question_without_a_correct_answer() {
    let c =
        one_chapter("# Kapitel\n\n## Sida\n\n> [!FRÅGA] q1\n> Vad?\n>\n> - [ ] Ett\n> - [ ] Två\n");
    assert_error(&c, "kap.md", 5, 3, "Frågan har inget rätt svar.");
}

#[test]
fn image_that_does_not_exist() {
    let c = one_chapter("# Kapitel\n\n## Sida\n\nSe bilden: ![En graf](bilder/graf.png)\n");
    assert_error(&c, "kap.md", 5, 12, "Bilden `bilder/graf.png` finns inte.");
}

#[test]
fn image_outside_the_course_folder() {
    let c = one_chapter("# Kapitel\n\n## Sida\n\n![Lösenord](../../etc/passwd)\n");
    assert_error(&c, "kap.md", 5, 1, "ligger utanför kursmappen.");
}

#[test]
fn duplicate_question_ids() {
    let c = one_chapter(
        "# Kapitel\n\n## Sida\n\n> [!REFLEKTION] tanke\n> Fundera.\n\n\
         ## Sida två\n\n> [!FRÅGA] tanke\n> Vad?\n>\n> - [x] Ja\n> - [ ] Nej\n",
    );
    assert_error(&c, "kap.md", 10, 12, "Två frågor har id `tanke`.");
}

#[test]
fn invalid_toml() {
    let c = TempCourse::new(&[
        ("course.toml", "id = \"test\"\ntitle = Kugghjul utan citattecken\n"),
        ("kap.md", GOOD_CHAPTER),
    ]);
    let loaded = c.load();
    let errors = errors(&loaded);
    // Both problems at once: the line TOML stops at is set aside and the
    // rest read again.
    let messages: Vec<(usize, &str)> = errors.iter().map(|(_, l, _, m)| (*l, m.as_str())).collect();
    assert_eq!(
        messages,
        [
            (1, "course.toml saknar `language`, som varje kurs måste ha."),
            (2, "`title` är en text, och text ska stå inom citattecken.")
        ]
    );
}

#[test]
fn unknown_key_in_course_toml_names_the_known_ones() {
    let c = TempCourse::new(&[
        ("course.toml", &format!("{}tittel = \"x\"\n", course_toml(&["kap.md"]))),
        ("kap.md", GOOD_CHAPTER),
    ]);
    let loaded = c.load();
    assert_error(&c, "course.toml", 7, 1, "Kursverk känner inte till inställningen `tittel`.");
    let text = loaded.diagnostics.render(&loaded.sources);
    assert!(text.contains("mastery-score"), "{text}");
}

#[test]
fn answer_without_checkbox_and_text_after_answers() {
    let c = one_chapter(
        "# Kapitel\n\n## Sida\n\n> [!FRÅGA] q\n> Vad?\n>\n> - [x] Ja\n> - Kanske\n>\n> Efteråt.\n",
    );
    assert_error(&c, "kap.md", 9, 3, "Svaret saknar `[ ]` eller `[x]`.");
    assert_error(&c, "kap.md", 11, 3, "Det står text efter svaren.");
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
    assert_error(&c, "course.toml", 1, 6, "`Min Kurs` kan inte vara kursens id.");
    assert_error(&c, "course.toml", 3, 12, "`de` är inget av de värden som `language` kan ha.");
    assert_error(&c, "course.toml", 5, 17, "Gränsen för godkänt är en procentsats");
}

#[test]
fn chapter_must_start_with_its_title() {
    let c = one_chapter("Inledning utan rubrik.\n\n# Kapitel\n\n## Sida\n\nText.\n");
    assert_error(&c, "kap.md", 1, 1, "Kapitlet ska börja med sin rubrik.");
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
        "gör så här:",
        "fel: 4,",
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
    assert!(stderr.contains("kap.md:5:1") && stderr.contains("fel: 1,"), "{stderr}");
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
        loaded.diagnostics.items.iter().map(|d| said(&loaded, d)).collect()
    };
    assert!(warnings(100).is_empty(), "{:?}", warnings(100));
    let near = warnings(950);
    assert!(near.iter().any(|m| m.contains("nära de 4096 som SCORM 1.2 rymmer")), "{near:?}");
    let over = warnings(1100);
    assert!(over.iter().any(|m| m.contains("fler än de 4096 som SCORM 1.2 rymmer")), "{over:?}");
}

/// `check --format json`: one array on stdout, one object per problem with
/// the fields editors and CI read; exit codes as for people.
#[test]
fn check_json_has_every_field() {
    let bad = one_chapter("# Kapitel\n\n## Sida\n\n![Bild](saknas.png)\n");
    let out = kursverk().args(["check", "--format", "json"]).arg(bad.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let items = json.as_array().expect("an array");
    assert_eq!(items.len(), 1, "{json:#}");
    let d = &items[0];
    // The fields in the order written (serde_json's map sorts them).
    let text = String::from_utf8_lossy(&out.stdout);
    let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_by_key(|k| text.find(&format!("\"{k}\":")).unwrap());
    assert_eq!(
        keys,
        [
            "severity",
            "code",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "message",
            "label",
            "hint"
        ]
    );
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "KV0309");
    assert_eq!(d["file"], "kap.md");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(5), Some(1)));
    assert_eq!((d["end_line"].as_u64(), d["end_column"].as_u64()), (Some(5), Some(20)));
    assert_eq!(d["message"], "Bilden `saknas.png` finns inte.");
    assert!(d["hint"].as_str().unwrap().starts_with("Kontrollera stavningen."), "{d:#}");

    // A clean course: an empty array, exit 0. A folder that is not there:
    // exit 2 and nothing on stdout.
    let good = one_chapter(GOOD_CHAPTER);
    let out = kursverk().args(["check", "--format", "json"]).arg(good.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(),
        serde_json::json!([])
    );
    let out = kursverk()
        .args(["check", "--format", "json"])
        .arg(good.path().join("saknas"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing a program could take for a clean course");
}

/// Before the course's language is known (`course.toml` missing or
/// unreadable) problems are told in Swedish; a course that says
/// `language = "en"` gets English even when the rest of its `course.toml`
/// cannot be read.
#[test]
fn the_language_of_the_messages() {
    let none = TempCourse::new(&[("kap.md", GOOD_CHAPTER)]);
    let loaded = none.load();
    assert_eq!(loaded.diagnostics.items[0].message.code(), "KV0102");
    assert!(
        said(&loaded, &loaded.diagnostics.items[0]).contains("har ingen fil som heter course.toml")
    );
    let english = TempCourse::new(&[
        ("course.toml", "language = \"en\"\nchapters = [\"kap.md\"]\ntitle = Unquoted\n"),
        ("kap.md", "# Chapter\n\n## Page\n\n![](x.png)\n"),
    ]);
    let loaded = english.load();
    let messages: Vec<String> = loaded.diagnostics.items.iter().map(|d| said(&loaded, d)).collect();
    assert_eq!(
        messages,
        [
            "course.toml lacks `id`, which every course needs.",
            "`title` is text, and text goes in quotes.",
            "The image has no alternative text (what screen readers read out).",
        ]
    );
}

/// A file that starts with a byte order mark (Notepad's UTF-8) reads as if
/// it had none: no message, and the title is on line 1.
#[test]
fn a_byte_order_mark_is_accepted_silently() {
    let c = TempCourse::new(&[
        ("course.toml", &format!("\u{feff}{}", course_toml(&["kap.md"]))),
        ("kap.md", &format!("\u{feff}{GOOD_CHAPTER}")),
    ]);
    let loaded = c.load();
    assert!(loaded.diagnostics.items.is_empty(), "{:?}", loaded.diagnostics.items);
    assert_eq!(loaded.course.unwrap().chapters[0].title, "Kapitel");
}
