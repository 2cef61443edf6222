//! The `kursverk` command: a thin shell over the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use kursverk::Target;

/// Compile course scripts into SCORM packages.
#[derive(Parser, Debug)]
#[command(name = "kursverk", version, about)]
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
    },
    /// Build a course folder into SCORM packages.
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
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum LanguageArg {
    /// Swedish.
    Sv,
    /// English.
    En,
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::New { dir, language } => {
            let language = match language {
                LanguageArg::Sv => kursverk_player::model::Language::Sv,
                LanguageArg::En => kursverk_player::model::Language::En,
            };
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
        Command::Check { course, pages } => check(&course, pages),
        Command::Build { course, target, out } => {
            if let Err(code) = course_folder(&course) {
                return code;
            }
            let targets = match target {
                Some(TargetArg::Scorm12) => vec![Target::Scorm12],
                Some(TargetArg::Scorm2004) => vec![Target::Scorm2004],
                Some(TargetArg::Web) => vec![Target::Web],
                Some(TargetArg::Print) => vec![Target::Print],
                None => vec![Target::Scorm12, Target::Scorm2004],
            };
            match kursverk::build(&course, &targets, &out) {
                Ok(report) => {
                    say(&report.diagnostics.render(&report.sources));
                    let (errors, warnings) = report.diagnostics.counts();
                    if !report.ok() {
                        say(&format!(
                            "error: {} could not be built: {errors} error(s), {warnings} warning(s)\n",
                            course.display()
                        ));
                        return ExitCode::from(1);
                    }
                    for path in &report.written {
                        say(&format!("wrote {}\n", path.display()));
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
fn check(course: &std::path::Path, pages: bool) -> ExitCode {
    if let Err(code) = course_folder(course) {
        return code;
    }
    let loaded = kursverk::load::load(course);
    say(&loaded.diagnostics.render(&loaded.sources));
    let (errors, warnings) = loaded.diagnostics.counts();
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
        say("note: the list of pages comes once the errors are fixed\n");
    }
    say(&format!("{}: {errors} error(s), {warnings} warning(s)\n", course.display()));
    if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// The course folder must exist: otherwise the tool cannot run (exit 2),
/// which is not a problem in the course (exit 1).
fn course_folder(course: &std::path::Path) -> Result<(), ExitCode> {
    if course.is_dir() {
        return Ok(());
    }
    say(&format!("error: there is no folder {}\n", course.display()));
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
