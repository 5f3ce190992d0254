//! Where the words of a source text are, so a query counts the words of any range by two binary
//! searches instead of segmenting the text again (the overview, the matrix in words and the
//! methods report count the words of tens of thousands of coded ranges).
//!
//! Invariants: words are UAX #29 words (as `text::word_count`), as code point ranges, sorted and
//! disjoint; a range counts every word it touches, so a word cut by the range's edge counts once
//! (as counting the words of the cut slice does); an empty or reversed range counts none.

use super::ranges::Range;
use unicode_segmentation::UnicodeSegmentation;

/// The code point spans of a text's words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordSpans {
    starts: Vec<u32>,
    ends: Vec<u32>,
}

impl WordSpans {
    /// Segments a text once (offsets in code points).
    pub fn of(text: &str) -> Self {
        let mut spans = Self::default();
        let (mut byte, mut cp) = (0usize, 0usize);
        for (at, word) in text.unicode_word_indices() {
            cp += text[byte..at].chars().count();
            let start = cp;
            cp += word.chars().count();
            byte = at + word.len();
            spans.starts.push(start as u32);
            spans.ends.push(cp as u32);
        }
        spans
    }

    /// How many words the text has.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Words touching the code points `start..end`.
    pub fn count_in(&self, start: usize, end: usize) -> usize {
        if start >= end {
            return 0;
        }
        let begun = self.starts.partition_point(|&s| (s as usize) < end);
        let over = self.ends.partition_point(|&e| (e as usize) <= start);
        begun.saturating_sub(over)
    }

    /// Words touching each of some ranges, summed.
    pub fn count_ranges(&self, ranges: &[Range]) -> usize {
        ranges.iter().map(|&(s, e)| self.count_in(s, e)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::word_count;

    #[test]
    fn whole_units_count_as_word_count_does() {
        let text = "Enquêteur : l'accès aux soins ?\nP1 : (rires) « Bon… » 40-50 ans, l’hôpital.\n";
        let spans = WordSpans::of(text);
        assert_eq!(spans.len(), word_count(text));
        let chars: Vec<char> = text.chars().collect();
        let line = chars.iter().position(|&c| c == '\n').unwrap() + 1;
        let first: String = chars[..line].iter().collect();
        let second: String = chars[line..].iter().collect();
        assert_eq!(spans.count_in(0, line), word_count(&first));
        assert_eq!(spans.count_in(line, chars.len()), word_count(&second));
    }

    #[test]
    fn a_word_cut_by_an_edge_counts_once_and_empty_ranges_none() {
        let spans = WordSpans::of("un deux trois");
        assert_eq!(spans.count_in(1, 5), 2, "« n de » touches un and deux");
        assert_eq!(spans.count_in(2, 3), 0, "a space alone");
        assert_eq!(spans.count_in(5, 5), 0);
        assert_eq!(spans.count_in(9, 3), 0);
        assert_eq!(spans.count_ranges(&[(0, 2), (8, 13)]), 2);
        assert_eq!(spans.count_in(0, 1000), 3);
    }
}
