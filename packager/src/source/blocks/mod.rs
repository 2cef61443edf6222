//! The special blocks of a chapter: block quotes whose first line is a
//! `[!MARKER]` — questions, calculators, exercises, overviews and boxes.
//!
//! [`NAMES`] is the one table of the markers an author can write; the
//! chapter reader looks blocks up in it, and so do the checks for a marker
//! without its `!` and for a misspelt one.

use kursverk_player::model::Kind;

use crate::words::W;

pub mod calc;
pub mod question;
pub mod sections;

/// What a marker starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// A box headed by its kind's word (`[!FAKTA]`, …).
    Box(W),
    /// A question of a kind.
    Question(Kind),
    /// `[!KALKYL]`.
    Calculator,
    /// `[!ÖVNING]`.
    Exercise,
    /// `[!ÖVERSIKT]`.
    Overview,
}

/// Every marker, Swedish and English (and a few other spellings GitHub's
/// alerts or habit suggest).
pub const NAMES: &[(&str, Block)] = &[
    ("FRÅGA", Block::Question(Kind::Choice)),
    ("QUESTION", Block::Question(Kind::Choice)),
    ("SANT-FALSKT", Block::Question(Kind::TrueFalse)),
    ("TRUE-FALSE", Block::Question(Kind::TrueFalse)),
    ("FYLL-I", Block::Question(Kind::FillIn)),
    ("FILL-IN", Block::Question(Kind::FillIn)),
    ("ORDNING", Block::Question(Kind::Ordering)),
    ("ORDERING", Block::Question(Kind::Ordering)),
    ("PARA", Block::Question(Kind::Matching)),
    ("MATCHING", Block::Question(Kind::Matching)),
    ("SKALA", Block::Question(Kind::Scale)),
    ("SCALE", Block::Question(Kind::Scale)),
    ("REFLEKTION", Block::Question(Kind::Reflection)),
    ("REFLECTION", Block::Question(Kind::Reflection)),
    ("FAKTA", Block::Box(W::Fact)),
    ("NOTE", Block::Box(W::Fact)),
    ("TIPS", Block::Box(W::Tip)),
    ("TIP", Block::Box(W::Tip)),
    ("VIKTIGT", Block::Box(W::Important)),
    ("IMPORTANT", Block::Box(W::Important)),
    ("VARNING", Block::Box(W::Warning)),
    ("WARNING", Block::Box(W::Warning)),
    ("CAUTION", Block::Box(W::Warning)),
    ("KALKYL", Block::Calculator),
    ("KALKYLATOR", Block::Calculator),
    ("CALCULATOR", Block::Calculator),
    ("ÖVNING", Block::Exercise),
    ("EXERCISE", Block::Exercise),
    ("ÖVERSIKT", Block::Overview),
    ("OVERVIEW", Block::Overview),
];

/// The block a marker names.
pub fn block(marker: &str) -> Option<Block> {
    NAMES.iter().find(|(name, _)| *name == marker).map(|(_, b)| *b)
}

/// The marker closest to a misspelt one (`FRÅAG` → `FRÅGA`), if one is
/// close enough to be what the author meant.
pub fn nearest(written: &str) -> Option<&'static str> {
    NAMES
        .iter()
        .map(|(n, _)| (strsim::levenshtein(written, n), *n))
        .filter(|(d, n)| *d <= 2 && *d < n.chars().count() / 2 + 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}
