//! The pure heart of the player: no DOM, no LMS, no `web-sys`.
//!
//! Everything that decides something — where the learner is, what counts as
//! an answer, when a course is completed or passed, which values an LMS
//! should receive and how saved state is encoded — lives here as plain Rust,
//! so it is tested natively with `cargo test` and the web layer stays a thin
//! translation between browser events and these functions.

pub mod calc;
pub mod cmi;
pub mod restore;
pub mod state;
pub mod suspend;
pub mod text;
pub mod xapi;

pub use state::{Answer, AnswerError, Completion, IdMap, Score, State, Success};
