//! Saved progress of the real courses fits SCORM 1.2's 4,096 characters
//! with every page seen and every question answered (free text excluded:
//! it is stored elsewhere and dropped from suspend data first).

use kursverk_player::core::{Answer, State, suspend};
use kursverk_player::model::scorm::Version;
use kursverk_player::model::{Course, Kind};

use crate::prelude::*;

fn everything_answered(course: &Course) -> State {
    let mut s = State::new(course);
    for i in 0..course.pages.len() {
        s.goto(course, i);
    }
    for q in &course.questions {
        let ids = |it: &mut dyn Iterator<Item = &str>| it.map(str::to_owned).collect::<Vec<_>>();
        let answer = match q.kind {
            Kind::Choice | Kind::TrueFalse => Answer::Choice(ids(&mut q
                .options
                .iter()
                .filter(|o| o.correct)
                .map(|o| o.id.as_str()))),
            Kind::Ordering => Answer::Choice(ids(&mut q.options.iter().map(|o| o.id.as_str()))),
            Kind::Matching => {
                Answer::Choice(ids(&mut q.options.iter().map(|o| o.matches.as_str())))
            }
            Kind::Scale => Answer::Choice(vec![q.options[0].id.clone()]),
            Kind::FillIn => Answer::Text(q.accepted[0].clone()),
            Kind::Reflection => continue,
        };
        s.answer(course, &q.id, answer).unwrap();
    }
    s
}

#[test]
fn real_courses_fit_scorm12_suspend_data() {
    for name in ["kugghjul", "handlaggning"] {
        let course = kursverk::load::load(&repo().join("courses").join(name)).course.unwrap();
        let mut parts = vec![course.player.clone()];
        if course.sco_per_chapter {
            parts.extend((0..course.chapters.len()).map(|i| course.chapter_course(i).player));
        }
        for part in parts {
            let state = everything_answered(&part);
            let data = suspend::encode(&part, &state, Version::Scorm12);
            println!(
                "suspend data, {} ({} pages, {} questions): {} characters",
                part.id,
                part.pages.len(),
                part.questions.len(),
                data.len()
            );
            assert!(data.chars().count() <= 4096, "{}: {} characters", part.id, data.len());
            assert_eq!(suspend::decode(&part, &data).answers, state.answers);
        }
    }
}
