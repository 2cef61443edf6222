//! Every question type, the calculator, and the course.toml settings for
//! scoring and completion: valid syntax builds the model the player needs,
//! invalid syntax gets a located error.

use kursverk::model::Block;
use kursverk_player::model::{Kind, Rule, Status12};

use crate::prelude::*;

fn chapter(body: &str) -> TempCourse {
    let text = format!("# Kapitel\n\n## Sida\n\n{body}");
    TempCourse::new(&[("course.toml", &course_toml(&["kap.md"])), ("kap.md", &text)])
}

fn only_question(body: &str) -> kursverk_player::model::Question {
    let loaded = chapter(body).load();
    let course =
        loaded.course.unwrap_or_else(|| panic!("{}", loaded.diagnostics.render(&loaded.sources)));
    course.player.questions.into_iter().next().expect("one question")
}

fn error_at(body: &str, line: usize, col: usize, message: &str) {
    let loaded = chapter(body).load();
    let errors = errors(&loaded);
    assert!(
        errors.iter().any(|(_, l, c, m)| *l == line && *c == col && m.contains(message)),
        "expected {line}:{col} `{message}`, got {errors:#?}"
    );
}

#[test]
fn choice_with_settings_and_general_feedback() {
    let q = only_question(
        "> [!FRÅGA] val försök=2 visa-svar vikt=3 flerval\n> Vilken?\n>\n> - [ ] A\n>   Nej.\n> - [x] B\n>\n\
         > Rätt: Bra!\n> Fel: Läs igen.\n",
    );
    assert_eq!(
        (q.kind, q.attempts, q.show_answer, q.weight, q.multiple),
        (Kind::Choice, 2, true, 3, true)
    );
    assert_eq!(
        q.options.iter().filter(|o| o.correct).map(|o| o.id.as_str()).collect::<Vec<_>>(),
        ["b"]
    );
    let loaded = chapter(
        "> [!FRÅGA] val\n> Vilken?\n>\n> - [x] A\n> - [ ] B\n>\n> Rätt: Bra!\n> Fel: Läs igen.\n",
    )
    .load();
    let course = loaded.course.unwrap();
    let Block::Question(view) = &course.chapters[0].pages[0].blocks[0] else { panic!() };
    assert_eq!((view.right.as_str(), view.wrong.as_str()), ("<p>Bra!</p>", "<p>Läs igen.</p>"));
}

#[test]
fn true_false() {
    let q = only_question("> [!SANT-FALSKT] tf\n> Jorden är platt.\n>\n> Svar: falskt\n");
    assert_eq!(q.kind, Kind::TrueFalse);
    let right: Vec<_> = q.options.iter().filter(|o| o.correct).map(|o| o.id.as_str()).collect();
    assert_eq!(right, ["f"]);
    error_at(
        "> [!SANT-FALSKT] tf\n> Jorden är platt.\n>\n> Svar: kanske\n",
        8,
        3,
        "`kanske` är varken sant eller falskt.",
    );
    error_at("> [!SANT-FALSKT] tf\n> Jorden är platt.\n", 5, 3, "Frågan har inget svar.");
}

#[test]
fn fill_in() {
    let q =
        only_question("> [!FYLL-I] tid exakt\n> Hur lång tid?\n>\n> Svar: sex veckor | 6 veckor\n");
    assert_eq!((q.kind, q.exact), (Kind::FillIn, true));
    assert_eq!(q.accepted, ["sex veckor", "6 veckor"]);
    error_at(
        "> [!FYLL-I] tid\n> Hur lång tid?\n>\n> - sex\n",
        8,
        3,
        "Den här sortens fråga har ingen lista med svar.",
    );
}

#[test]
fn ordering_is_shown_shuffled() {
    let loaded =
        chapter("> [!ORDNING] steg\n> Ordna.\n>\n> 1. Ett\n> 2. Två\n> 3. Tre\n> 4. Fyra\n").load();
    let course = loaded.course.unwrap();
    let q = &course.player.questions[0];
    assert_eq!(q.kind, Kind::Ordering);
    assert_eq!(q.options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(), ["a", "b", "c", "d"]);
    let Block::Question(view) = &course.chapters[0].pages[0].blocks[0] else { panic!() };
    let shown: Vec<&str> = view.options.iter().map(|o| o.id.as_str()).collect();
    assert_ne!(shown, ["a", "b", "c", "d"], "never shown in the right order");
    error_at(
        "> [!ORDNING] steg\n> Ordna.\n>\n> 1. Ett\n",
        5,
        3,
        "Frågan behöver minst två punkter.",
    );
}

#[test]
fn matching_pairs() {
    let loaded = chapter(
        "> [!PARA] par\n> Para ihop.\n>\n> - Skolan = vardagen\n> - BUP → hälsan\n> - Socialtjänsten -> utredningen\n",
    )
    .load();
    let course = loaded.course.unwrap();
    let q = &course.player.questions[0];
    assert_eq!(q.kind, Kind::Matching);
    assert_eq!(q.options.iter().map(|o| o.matches.as_str()).collect::<Vec<_>>(), ["1", "2", "3"]);
    let Block::Question(view) = &course.chapters[0].pages[0].blocks[0] else { panic!() };
    let mut targets: Vec<&str> = view.targets.iter().map(|t| t.html.as_str()).collect();
    targets.sort();
    assert_eq!(targets, ["hälsan", "utredningen", "vardagen"]);
    error_at(
        "> [!PARA] par\n> Para ihop.\n>\n> - Skolan vardagen\n> - BUP = hälsan\n",
        8,
        3,
        "Paret saknar `=`.",
    );
}

#[test]
fn scale_is_not_graded() {
    let q = only_question(
        "> [!SKALA] kansla\n> Hur säker är du?\n>\n> - Inte alls\n> - Lite\n> - Mycket\n",
    );
    assert_eq!((q.kind, q.graded(), q.options.len()), (Kind::Scale, false, 3));
}

#[test]
fn unknown_settings_and_kinds_are_located() {
    error_at(
        "> [!FRÅGA] q försk=2\n> Vad?\n>\n> - [x] Ja\n",
        5,
        14,
        "Kursverk känner inte till inställningen `försk=2`.",
    );
    error_at("> [!FLERVAL] q\n> Vad?\n", 5, 3, "Kursverk känner inte till blocket `[!FLERVAL]`.");
}

#[test]
fn calculator_formulas_are_checked_and_computed() {
    let body = "> [!KALKYL] tid\n> Räkna.\n>\n> #### Indata\n> - `veckor` Veckor: 17 veckor (1–52)\n\
                > - `timpris` Kostnad per timme: 450 kr\n>\n> #### Resultat\n> - Kostnad: `veckor * 40 * timpris` kr\n\
                > - Per vecka: `timpris / 1,5` kr (1 decimal)\n";
    let loaded = chapter(body).load();
    let course =
        loaded.course.unwrap_or_else(|| panic!("{}", loaded.diagnostics.render(&loaded.sources)));
    let calc = &course.player.calculators[0];
    assert_eq!(calc.inputs, ["veckor", "timpris"]);
    assert_eq!(calc.outputs[1].decimals, 1);
    let Block::Calculator(view) = &course.chapters[0].pages[0].blocks[0] else { panic!() };
    assert_eq!(view.initial, ["306\u{a0}000", "300,0"]);
    assert_eq!(view.inputs[0].min.as_deref(), Some("1"));
    assert_eq!(view.inputs[0].max.as_deref(), Some("52"));
    let bad = body.replace("veckor * 40 * timpris", "veckor * 40 * timlon");
    error_at(
        &bad,
        13,
        14,
        "Formeln `veckor * 40 * timlon` kan inte räknas ut: `timlon` finns inte under #### Indata.",
    );
}

#[test]
fn completion_status_and_quiz_settings() {
    let toml = course_toml(&["a.md", "quiz.md"])
        + "completion = [\"pages\", \"quiz\"]\nscorm12-status = \"completed\"\n[quiz]\nchapters = [\"quiz.md\"]\nretries = 1\ncounts = \"latest\"\n";
    let c = TempCourse::new(&[
        ("course.toml", &toml),
        ("a.md", "# A\n\n## Sida\n\n> [!FRÅGA] ovning\n> Vad?\n>\n> - [x] Ja\n> - [ ] Nej\n"),
        ("quiz.md", "# Test\n\n## Fråga\n\n> [!FRÅGA] prov\n> Vad?\n>\n> - [x] Ja\n> - [ ] Nej\n"),
    ]);
    let course = c.load().course.unwrap();
    let p = &course.player;
    assert_eq!(p.completion, [Rule::Pages, Rule::Quiz]);
    assert_eq!(p.status12, Status12::Completed);
    assert_eq!((p.quiz_retries, p.quiz_best), (1, false));
    let quiz: Vec<(&str, bool)> = p.questions.iter().map(|q| (q.id.as_str(), q.quiz)).collect();
    assert_eq!(quiz, [("ovning", false), ("prov", true)]);
    // A graded course gets a result page at the end.
    assert_eq!(p.pages.last().unwrap().id, "ditt-resultat");
    let bad = c.path().join("course.toml");
    std::fs::write(&bad, toml.replace("\"quiz\"]", "\"allt\"]")).unwrap();
    let loaded = c.load();
    assert!(errors(&loaded).iter().any(|(f, l, _, m)| f == "course.toml"
        && *l == 7
        && m.contains("`allt` är inget av de värden som `completion` kan ha.")));
}

#[test]
fn subheadings_stay_on_their_page_one_level_down() {
    let loaded = chapter("Text.\n\n### Underrubrik\n\nMer text.\n\n#### Ännu lägre\n").load();
    let course = loaded.course.unwrap();
    let pages = &course.chapters[0].pages;
    assert_eq!(pages.len(), 1, "### does not start a page");
    let Block::Html { html } = &pages[0].blocks[0] else { panic!() };
    assert!(
        html.contains("<h2>Underrubrik</h2>") && html.contains("<h3>Ännu lägre</h3>"),
        "{html}"
    );
}

#[test]
fn answer_and_feedback_lines_may_follow_each_other() {
    let q = only_question(
        "> [!SANT-FALSKT] tf
> Jorden är platt.
>
> Svar: falskt
> Rätt: Bra.
> Fel: Nej,
> den är rund.
",
    );
    assert_eq!(q.options.iter().find(|o| o.correct).unwrap().id, "f");
    let loaded = chapter(
        "> [!SANT-FALSKT] tf
> Jorden är platt.
>
> Svar: falskt
> Rätt: Bra.
> Fel: Nej,
> den är rund.
",
    )
    .load();
    let course = loaded.course.unwrap();
    let Block::Question(view) = &course.chapters[0].pages[0].blocks[0] else { panic!() };
    assert_eq!(view.right, "<p>Bra.</p>");
    assert_eq!(view.wrong, "<p>Nej,\nden är rund.</p>");
}
