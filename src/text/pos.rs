//! Positions counted in Unicode code points ([`CharPos`], [`CharRange`]): what files, CLI
//! arguments, JSON output and the core's coding API use, as REFI-QDA does. Byte offsets (what
//! Rust strings index by) stay bare `usize`, so the two cannot be mixed without a visible
//! conversion: [`crate::text::CodePointIndex::char_pos`] / [`crate::text::CodePointIndex::char_range`]
//! from bytes, [`crate::text::CodePointIndex::byte_at`] back.
//!
//! Invariants: a range is `start..end`, end exclusive, in normalised text; building one never
//! checks it against a text (`SourceText::check_range` does, with a sentence naming the source);
//! on disk a position is its number (`serde(transparent)`).

use std::fmt;

/// A position in a text, counted in code points from 0.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct CharPos(pub usize);

impl CharPos {
    /// The code point count.
    pub const fn get(self) -> usize {
        self.0
    }
}

impl fmt::Display for CharPos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A range of a text in code points, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct CharRange {
    pub start: CharPos,
    pub end: CharPos,
}

impl CharRange {
    /// The range `start..end` (code points).
    pub const fn new(start: usize, end: usize) -> Self {
        Self {
            start: CharPos(start),
            end: CharPos(end),
        }
    }

    /// `(start, end)` as code point counts, for the loops inside the core.
    pub const fn bounds(self) -> (usize, usize) {
        (self.start.0, self.end.0)
    }

    /// Number of code points covered (0 when `end <= start`).
    pub const fn len(self) -> usize {
        self.end.0.saturating_sub(self.start.0)
    }

    /// Whether the range covers nothing.
    pub const fn is_empty(self) -> bool {
        self.len() == 0
    }
}

impl fmt::Display for CharRange {
    /// `start..end`, as error messages and the CLI write a range.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_knows_its_length_and_prints_as_the_cli_writes_it() {
        let r = CharRange::new(3, 8);
        assert_eq!(r.bounds(), (3, 8));
        assert_eq!(r.len(), 5);
        assert!(!r.is_empty());
        assert!(CharRange::new(8, 3).is_empty());
        assert_eq!(r.to_string(), "3..8");
        assert_eq!(serde_json::to_string(&CharPos(7)).unwrap(), "7");
    }
}
