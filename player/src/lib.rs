//! The Kursverk player: the course model, the learner-state machine, and the
//! web layer that runs a course in a browser, inside an LMS or on its own.
//!
//! The crate is split by what may touch the browser:
//!
//! - [`model`] is the course as the packager writes it and the player reads
//!   it (serde types, shared with the packager: one source of truth);
//! - [`core`] decides everything — navigation, scoring, completion, the
//!   values an LMS receives, the suspend-data encoding — in plain Rust with
//!   no `web-sys` types, so it is tested natively;
//! - `web` (compiled for `wasm32` only, with the `web` feature) wires page
//!   events and the SCORM API to `core` and does nothing clever of its own.
//!   The packager, compiled to wasm for the static Studio, uses the model
//!   and core without it (its start function and allocator would take
//!   over the Studio's page).

pub mod core;
pub mod model;

#[cfg(all(target_arch = "wasm32", feature = "web"))]
mod web;
