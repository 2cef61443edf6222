//! The special blocks of a chapter: block quotes whose first line is a
//! `[!MARKER]` — questions, calculators, exercises and overviews. (Fact
//! boxes need nothing beyond their marker; [`super::chapter`] reads them.)

pub mod calc;
pub mod question;
pub mod sections;
