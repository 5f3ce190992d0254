//! Text handling shared by every part of verbatim: normalisation of imported text (NFC, LF),
//! natural ordering of labels, UAX #29 word counts, code point positions ([`CharPos`],
//! [`CharRange`]) and their byte offsets, and speaker turns.
//!
//! Invariant: every text the core stores or indexes has gone through [`normalize`], so offsets
//! computed on it (code points, end exclusive) are stable across machines and tools.

mod natural;
mod normalize;
mod offsets;
mod pos;
pub mod turns;

pub use natural::{natural_cmp, natural_sort_by_key};
pub use normalize::{fold_for_match, normalize};
pub use offsets::CodePointIndex;
pub use pos::{CharPos, CharRange};

use unicode_segmentation::UnicodeSegmentation;

/// Number of words in `text`, as UAX #29 defines them (`l'accès` is one word, `40-50` two).
pub fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_follow_uax29_with_french_elisions() {
        assert_eq!(word_count("l'accès aux soins"), 3);
        assert_eq!(word_count("l’accès aux soins"), 3);
        assert_eq!(word_count("(rires) « Bon… » 40-50 ans"), 5);
        assert_eq!(word_count(""), 0);
    }
}
