//! The `kursverk` command: a thin shell over the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use kursverk::Target;
use kursverk::diagnostics::{Diagnostics, Say};
use kursverk_player::core::text::fill;
use kursverk_player::model::Language;

/// Turns a course folder (course.toml and one Markdown file per chapter)
/// into zip files a learning platform accepts (SCORM 1.2 and 2004), a web
/// version that needs no platform, and a guide to print.
#[derive(Parser, Debug)]
#[command(
    name = "kursverk",
    version,
    after_help = "Examples:\n  kursverk new min-kurs          start a course from a small example\n  kursverk check min-kurs        list every problem, build nothing\n  kursverk build min-kurs        write dist/<id>-scorm12.zip and dist/<id>-scorm2004.zip\n  kursverk inspect paket.zip     check a zip before you upload it\n\nHow to write a course: docs/course-format.md (in Swedish)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Start a new course: a folder with a small course to change.
    ///
    /// Example: kursverk new min-kurs
    New {
        /// The folder to create (it must not hold files already).
        dir: PathBuf,
        /// The course's language.
        #[arg(long, value_enum, default_value = "sv")]
        language: LanguageArg,
    },
    /// Check a course folder without building it: every problem, all at once.
    ///
    /// Example: kursverk check courses/kugghjul --pages
    ///
    /// Exits with 0 when the course can be built (warnings allowed), 1 when
    /// it has errors, 2 when the folder cannot be read.
    Check {
        /// The course folder (holds course.toml).
        course: PathBuf,
        /// Also list every page's link (`index.html#page-<id>`) and title.
        #[arg(long)]
        pages: bool,
        /// `human` (for reading) or `json` (for editors and CI: one array
        /// on stdout, one object per problem).
        #[arg(long, value_enum, default_value = "human")]
        format: FormatArg,
    },
    /// Check a SCORM or cmi5 zip before you upload it: ours or another tool's.
    ///
    /// Example: kursverk inspect dist/kugghjul-scorm12.zip
    ///
    /// Reads the zip as a strict LMS (Moodle) would: the manifest (or
    /// cmi5.xml), the official schemas, every file, the start page, the pass
    /// mark, file names and types. Exits with 0 when it can be uploaded (warnings
    /// allowed), 1 when an LMS would refuse or break it, 2 when the file
    /// cannot be read.
    Inspect {
        /// The zip file.
        package: PathBuf,
        /// `human` (for reading) or `json` (for programs).
        #[arg(long, value_enum, default_value = "human")]
        format: FormatArg,
        /// The language of the findings.
        #[arg(long, value_enum, default_value = "sv")]
        language: LanguageArg,
    },
    /// See the course while you write it: the Studio, in your browser.
    ///
    /// Example: kursverk serve courses/kugghjul --open
    ///
    /// Shows the course as learners see it inside a real SCORM runtime,
    /// every call it makes to the LMS, and every problem with its place.
    /// Each time you save a file the course is built again and the page
    /// follows, on the page you were on. Only this computer can open it
    /// (127.0.0.1). Stop it with Ctrl-C.
    Serve {
        /// The course folder (holds course.toml).
        course: PathBuf,
        /// The port to use; a free one when left out.
        #[arg(long)]
        port: Option<u16>,
        /// Open the Studio in your web browser.
        #[arg(long)]
        open: bool,
    },
    /// Write the Studio as a page that needs no installation at all.
    ///
    /// Example: kursverk studio --out studio
    ///
    /// Open studio/index.html in a web browser (it works offline, from the
    /// disk, or put it on any web server): open a course folder, edit its
    /// files, see the course and its problems, and download the same
    /// packages `kursverk build` makes.
    Studio {
        /// Where to write it.
        #[arg(long, default_value = "studio")]
        out: PathBuf,
    },
    /// Build a course folder into zip files for a learning platform.
    ///
    /// Example: kursverk build courses/kugghjul --target web
    ///
    /// Writes into dist/ unless --out says otherwise. When the course has
    /// errors nothing is written: the problems are listed, and it exits
    /// with 1 (2 when the folder cannot be read).
    Build {
        /// The course folder (holds course.toml).
        course: PathBuf,
        /// What to build; both SCORM versions when left out.
        #[arg(long, value_enum)]
        target: Option<TargetArg>,
        /// Where to write the packages.
        #[arg(long, default_value = "dist")]
        out: PathBuf,
    },
    /// Who has completed and passed a course: read from a Learning Record
    /// Store (LRS), as CSV.
    ///
    /// Example: kursverk report courses/kugghjul --out kugghjul.csv
    ///
    /// For a course that reports to an LRS (xAPI or cmi5) instead of a
    /// learning platform. One row per learner (and per part, when each
    /// chapter is tracked on its own): first completed, passed or failed,
    /// best score in percent, last activity, times in UTC; the headers in
    /// the course's language. The user name comes from KURSVERK_LRS_USER
    /// (or --user), the password only from KURSVERK_LRS_PASSWORD: never
    /// give a password on the command line, where other users of the
    /// computer and the shell's history can see it. Exits with 0 when the
    /// report is written, 1 when the course has errors, 2 when the LRS
    /// cannot be asked (no address, unreachable, wrong login, not an LRS).
    Report {
        /// The course folder (holds course.toml).
        course: PathBuf,
        /// The LRS's xAPI address (default: endpoint under [xapi] in
        /// course.toml).
        #[arg(long, value_name = "URL")]
        endpoint: Option<String>,
        /// The course's activity IRI in the LRS (default: activity-id
        /// under [xapi] in course.toml, else urn:kursverk:<course id>).
        #[arg(long, value_name = "IRI")]
        activity: Option<String>,
        /// The LRS user name (default: $KURSVERK_LRS_USER). The password
        /// is always read from $KURSVERK_LRS_PASSWORD.
        #[arg(long)]
        user: Option<String>,
        /// Write the CSV to this file instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum LanguageArg {
    /// Swedish.
    Sv,
    /// English.
    En,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FormatArg {
    /// For people: each problem with its place in the file and what to do.
    Human,
    /// For programs: a JSON array on stdout.
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum TargetArg {
    /// SCORM 1.2 (the most widely supported).
    Scorm12,
    /// SCORM 2004 4th edition.
    Scorm2004,
    /// A folder that runs from a double-clicked index.html, without an LMS.
    Web,
    /// A printable guide: facilitator guide, or companion booklet.
    Print,
    /// A cmi5 package: for LMSs that launch xAPI courses and keep their
    /// results in a Learning Record Store.
    Cmi5,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::New { dir, language } => {
            let language = Language::from(language);
            if kursverk::skeleton::holds_files(&dir) {
                let folder = dir.display().to_string();
                say(&format!("{}\n", fill(Say::NotEmpty.get(language), &[("folder", &folder)])));
                return ExitCode::from(2);
            }
            match kursverk::skeleton::new_course(&dir, language) {
                Ok(_) => {
                    let d = dir.display();
                    say(&match language {
                        kursverk_player::model::Language::Sv => format!(
                            "Kursen finns nu i {d}. Ändra texterna, och bygg den med:\n  kursverk build {d}\n"
                        ),
                        kursverk_player::model::Language::En => format!(
                            "The course is in {d}. Change its texts, and build it with:\n  kursverk build {d}\n"
                        ),
                    });
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    say(&format!("error: {e:#}\n"));
                    ExitCode::from(2)
                }
            }
        }
        Command::Check { course, pages, format } => check(&course, pages, format),
        Command::Serve { course, port, open } => serve(course, port, open),
        Command::Studio { out } => match kursverk::studio::write_static(&out) {
            Ok(_) => {
                let dir = out.display().to_string();
                say(&format!("{}\n", fill(Say::StudioWritten.get(Language::Sv), &[("dir", &dir)])));
                ExitCode::SUCCESS
            }
            Err(e) => {
                say(&format!("error: {e:#}\n"));
                ExitCode::from(2)
            }
        },
        Command::Inspect { package, format, language } => {
            inspect(&package, format, language.into())
        }
        Command::Report { course, endpoint, activity, user, out } => {
            report(&course, endpoint, activity, user, out.as_deref())
        }
        Command::Build { course, target, out } => {
            if let Err(code) = course_folder(&course, FormatArg::Human) {
                return code;
            }
            let targets = match target {
                Some(TargetArg::Scorm12) => vec![Target::Scorm12],
                Some(TargetArg::Scorm2004) => vec![Target::Scorm2004],
                Some(TargetArg::Web) => vec![Target::Web],
                Some(TargetArg::Print) => vec![Target::Print],
                Some(TargetArg::Cmi5) => vec![Target::Cmi5],
                None => vec![Target::Scorm12, Target::Scorm2004],
            };
            match kursverk::build(&course, &targets, &out) {
                Ok(report) => {
                    let diagnostics = &report.diagnostics;
                    let language = diagnostics.language;
                    say(&diagnostics.render(&report.sources));
                    let course = course.display().to_string();
                    if !report.ok() {
                        say(&summary(diagnostics, &course));
                        say(&format!(
                            "{}\n",
                            fill(Say::NotBuilt.get(language), &[("course", &course)])
                        ));
                        return ExitCode::from(1);
                    }
                    for path in &report.written {
                        let path = path.display().to_string();
                        say(&format!("{}\n", fill(Say::Wrote.get(language), &[("path", &path)])));
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    say(&format!("error: {e:#}\n"));
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// `kursverk check`: load, report, write nothing.
fn check(course: &std::path::Path, pages: bool, format: FormatArg) -> ExitCode {
    if let Err(code) = course_folder(course, format) {
        return code;
    }
    let loaded = kursverk::load::load(course);
    let (errors, _) = loaded.diagnostics.counts();
    let code = if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS };
    if format == FormatArg::Json {
        let _ = std::io::stdout()
            .lock()
            .write_all(loaded.diagnostics.to_json(&loaded.sources).as_bytes());
        return code;
    }
    let language = loaded.diagnostics.language;
    say(&loaded.diagnostics.render(&loaded.sources));
    if pages && let Some(c) = &loaded.course {
        let mut out = String::new();
        for chapter in &c.chapters {
            out.push_str(&format!("{}\n", chapter.title));
            for page in &chapter.pages {
                let p = &c.player.pages[page.index];
                out.push_str(&format!("  index.html#page-{}  {}\n", p.id, p.title));
            }
        }
        let _ = std::io::stdout().lock().write_all(out.as_bytes());
    } else if pages {
        say(&format!("{}\n", Say::PagesLater.get(language)));
    }
    say(&summary(&loaded.diagnostics, &course.display().to_string()));
    code
}

/// `kursverk inspect`: a zip as a strict LMS reads it.
fn inspect(package: &std::path::Path, format: FormatArg, language: Language) -> ExitCode {
    let bytes = match std::fs::read(package) {
        Ok(bytes) => bytes,
        Err(_) => {
            if format == FormatArg::Json {
                let _ = std::io::stdout().lock().write_all(b"null\n");
            }
            let file = package.display().to_string();
            say(&format!("{}\n", fill(Say::NoFile.get(language), &[("file", &file)])));
            return ExitCode::from(2);
        }
    };
    let found = kursverk::inspect::inspect(&bytes);
    let text = match format {
        FormatArg::Human => found.render_human(language),
        FormatArg::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&found.to_json(language)).unwrap_or_default()
        ),
    };
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    if found.has_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// `kursverk report`: the course's statements in an LRS, as CSV.
fn report(
    course: &std::path::Path,
    endpoint: Option<String>,
    activity: Option<String>,
    user: Option<String>,
    out: Option<&std::path::Path>,
) -> ExitCode {
    use kursverk::report::{Error, Lrs, words::Words};
    if let Err(code) = course_folder(course, FormatArg::Human) {
        return code;
    }
    let loaded = kursverk::load::load(course);
    let Some(model) = &loaded.course else {
        say(&loaded.diagnostics.render(&loaded.sources));
        let folder = course.display().to_string();
        let language = loaded.diagnostics.language;
        say(&format!("{}\n", fill(Words::CourseErrors.get(language), &[("course", &folder)])));
        return ExitCode::from(1);
    };
    let settings = kursverk::report::Course::new(model);
    let language = settings.language;
    let fail = |error: Error| {
        say(&format!("{}\n", error.say(language)));
        ExitCode::from(2)
    };
    let Some(endpoint) = endpoint.or(settings.endpoint.clone()) else {
        return fail(Error::NoEndpoint);
    };
    let user = user.or_else(|| std::env::var("KURSVERK_LRS_USER").ok()).filter(|u| !u.is_empty());
    let credentials = match (user, std::env::var("KURSVERK_LRS_PASSWORD")) {
        (None, _) => None,
        (Some(user), Ok(password)) => Some((user, password)),
        (Some(_), Err(_)) => return fail(Error::NoPassword),
    };
    let lrs = Lrs { endpoint, credentials, page_size: None };
    let activity = activity.unwrap_or_else(|| settings.activity.clone());
    let found = match kursverk::report::report(&lrs, &activity, settings.by_part) {
        Ok(found) => found,
        Err(error) => return fail(error),
    };
    let csv = found.csv(language);
    match out {
        None => {
            if std::io::stdout().lock().write_all(&csv).is_err() {
                return ExitCode::from(2);
            }
        }
        Some(path) => {
            let path_text = path.display().to_string();
            if std::fs::write(path, &csv).is_err() {
                let said = fill(Words::NotWritten.get(language), &[("path", &path_text)]);
                say(&format!("{said}\n"));
                return ExitCode::from(2);
            }
            say(&format!("{}\n", fill(Words::Wrote.get(language), &[("path", &path_text)])));
        }
    }
    say(&format!("{}\n", found.summary(&settings)));
    ExitCode::SUCCESS
}

impl From<LanguageArg> for Language {
    fn from(l: LanguageArg) -> Language {
        match l {
            LanguageArg::Sv => Language::Sv,
            LanguageArg::En => Language::En,
        }
    }
}

/// `kursverk serve`: the Studio until Ctrl-C.
fn serve(course: PathBuf, port: Option<u16>, open: bool) -> ExitCode {
    if let Err(code) = course_folder(&course, FormatArg::Human) {
        return code;
    }
    // Ctrl-C ends the Studio; nothing is left behind (it writes no files).
    let _ = ctrlc::set_handler(|| {
        say("\n");
        std::process::exit(0);
    });
    let options = kursverk::studio::Options { dir: course, port };
    let mut language = Language::Sv;
    let result = kursverk::studio::serve(&options, |addr, lang| {
        language = lang;
        let url = format!("http://{addr}/");
        // The address goes to stdout, for scripts (and tests) to read.
        let _ = writeln!(std::io::stdout().lock(), "{url}");
        say(&format!("{}\n", fill(Say::Serving.get(lang), &[("url", &url)])));
        if open {
            let _ = opener::open_browser(&url);
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(kursverk::studio::ServeError::Port(port)) => {
            let port = port.to_string();
            say(&format!("{}\n", fill(Say::PortBusy.get(language), &[("port", &port)])));
            ExitCode::from(2)
        }
        Err(kursverk::studio::ServeError::Other(e)) => {
            say(&format!("error: {e:#}\n"));
            ExitCode::from(2)
        }
    }
}

/// `kurs: 2 fel, 1 varningar`, in the course's language.
fn summary(diagnostics: &Diagnostics, course: &str) -> String {
    let (errors, warnings) = diagnostics.counts();
    let (errors, warnings) = (errors.to_string(), warnings.to_string());
    let values = [("course", course), ("errors", errors.as_str()), ("warnings", warnings.as_str())];
    format!("{}\n", fill(Say::Summary.get(diagnostics.language), &values))
}

/// The course folder must exist: otherwise the tool cannot run (exit 2),
/// which is not a problem in the course (exit 1). Said in Swedish, the
/// language of a course whose `course.toml` cannot be read; as an empty
/// JSON array too, so a program reading stdout gets valid JSON.
fn course_folder(course: &std::path::Path, format: FormatArg) -> Result<(), ExitCode> {
    if course.is_dir() {
        return Ok(());
    }
    let _ = format; // stdout stays empty: exit 2 says the tool could not run
    let folder = course.display().to_string();
    say(&format!("{}\n", fill(Say::NoFolder.get(Language::Sv), &[("folder", &folder)])));
    Err(ExitCode::from(2))
}

/// Writes to stderr. A closed or full stderr (a CI step that closed it, a
/// full disk) must not turn the build's exit code into a panic's: the
/// outcome is in the exit code and the files written.
fn say(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
