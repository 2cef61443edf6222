//! Kursverk's integration tests: one test binary, one module per area
//! (mdBook's `tests/testsuite` layout). They build real courses from
//! `courses/` and small courses written into temporary folders.

mod all_courses;
mod authoring_errors;
mod budget;
mod cmi5;
mod course_length;
mod exercises;
mod fixtures;
mod hostile;
mod inspect;
mod packages;
mod prelude;
mod print;
mod questions;
mod report;
mod skeleton;
mod studio;
mod suspend_sizes;
mod theme;
