//! What the author wrote: `course.toml` and the chapter files, read into
//! raw types that keep the span of everything a later check may point at.
//!
//! Nothing here looks across files (unique ids, files that must exist):
//! that is [`crate::load`]'s work. The order of the modules is the order
//! of reading: the settings, the text made safe, Markdown events, a
//! chapter's pages, and the special blocks in them.

pub mod blocks;
pub mod chapter;
pub mod config;
pub mod duration;
pub mod markdown;
pub mod names;
