//! The packager's own words in every course language: box and section
//! headings, the result page, true/false, and the print guide's words
//! (beside the player's texts, which the guide uses too: `contents`,
//! `exercise`, `duration`).
//!
//! One table, made with the same macro as the player's texts
//! ([`kursverk_player::model::T`]), so every word Kursverk shows a learner
//! or a reader is written once, with every language on one line.

kursverk_player::catalogue! {
    /// A word or phrase of the packager's.
    pub enum W;

    /// Heading of a fact box.
    Fact = "fact" { sv: "Fakta", en: "Note" }
    /// Heading of a tip box.
    Tip = "tip" { sv: "Tips", en: "Tip" }
    /// Heading of an important box.
    Important = "important" { sv: "Viktigt", en: "Important" }
    /// Heading of a warning box.
    Warning = "warning" { sv: "Varning", en: "Warning" }
    /// A true/false question's "true".
    True = "true" { sv: "Sant", en: "True" }
    /// A true/false question's "false".
    False = "false" { sv: "Falskt", en: "False" }
    /// The result page's title.
    ResultTitle = "result_title" { sv: "Ditt resultat", en: "Your result" }
    /// The result page's id.
    ResultId = "result_id" { sv: "ditt-resultat", en: "your-result" }
    /// Exercise section: why it is done.
    Purpose = "purpose" { sv: "Syfte", en: "Purpose" }
    /// Exercise section: competence goals.
    Goals = "goals" { sv: "Mål", en: "Goals" }
    /// Exercise section: the leader's preparation.
    LeaderPreparation = "leader" { sv: "Förberedelse för ledaren", en: "Preparation for the leader" }
    /// Exercise section: the participants' preparation.
    ParticipantPreparation = "participants" {
        sv: "Förberedelse för deltagarna",
        en: "Preparation for the participants",
    }
    /// Exercise section: questions for the group.
    Reflection = "reflection" { sv: "Reflektion", en: "Reflection" }
    /// Print: a course with exercises.
    Guide = "guide" { sv: "Studiehandledning", en: "Facilitator guide" }
    /// Print: a course without exercises.
    Booklet = "booklet" { sv: "Kompletterande häfte", en: "Companion booklet" }
    /// Print: total time.
    Total = "total" { sv: "Total tid", en: "Total time" }
    /// Print: the sum row.
    Sum = "sum" { sv: "Summa", en: "Total" }
    /// Print: "exercise" in running text.
    ExerciseWord = "exercise_word" { sv: "övning", en: "exercise" }
    /// Print: "exercises" in running text.
    ExercisesWord = "exercises_word" { sv: "övningar", en: "exercises" }
    /// Print: the first appendix.
    Appendix1 = "appendix1" { sv: "Bilaga 1. Alla övningar och tider", en: "Appendix 1. All exercises and times" }
    /// Print: the second appendix.
    Appendix2 = "appendix2" {
        sv: "Bilaga 2. Förberedelser för varje övning",
        en: "Appendix 2. Preparations for each exercise",
    }
    /// Print: a reflection question's heading.
    Reflect = "reflect" { sv: "Att fundera på", en: "To reflect on" }
    /// Print: the time the source states.
    Stated = "stated" { sv: "Angiven tid i underlaget", en: "Time stated in the source" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kursverk_player::model::Language;

    #[test]
    fn every_word_has_a_unique_key_and_every_language() {
        let mut keys: Vec<&str> = W::ALL.iter().map(|w| w.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), W::ALL.len());
        for w in W::ALL {
            for (l, _) in Language::NAMES {
                assert!(!w.get(l).is_empty(), "{w:?} in {l:?}");
            }
        }
    }
}
