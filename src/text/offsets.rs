//! Conversion between byte offsets (what Rust strings index by) and code point offsets (what
//! every file, CLI argument and JSON output of verbatim uses, as REFI-QDA does).
//!
//! The typed forms ([`CodePointIndex::char_range`], [`CodePointIndex::byte_range`]) are the ones
//! to use where a range crosses into the core's coding API ([`CharRange`]).
//!
//! Invariant: for every char boundary `b`, `byte_of(cp_of(b)) == b`; offsets past the end are
//! reported as `None`, never clamped silently.

use super::pos::{CharPos, CharRange};

/// A lookup table from code point offsets to byte offsets for one text, built once per source.
#[derive(Debug, Clone)]
pub struct CodePointIndex {
    /// Byte offset of every code point, plus the text length as a final entry.
    bytes: Vec<u32>,
    ascii: bool,
    len_bytes: usize,
}

impl CodePointIndex {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                bytes: Vec::new(),
                ascii: true,
                len_bytes: text.len(),
            };
        }
        let mut bytes: Vec<u32> = text.char_indices().map(|(i, _)| i as u32).collect();
        bytes.push(text.len() as u32);
        Self {
            bytes,
            ascii: false,
            len_bytes: text.len(),
        }
    }

    /// Number of code points in the text.
    pub fn len(&self) -> usize {
        if self.ascii {
            self.len_bytes
        } else {
            self.bytes.len() - 1
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Byte offset of code point `cp` (`cp == len()` gives the text length).
    pub fn byte_of(&self, cp: usize) -> Option<usize> {
        if self.ascii {
            return (cp <= self.len_bytes).then_some(cp);
        }
        self.bytes.get(cp).map(|b| *b as usize)
    }

    /// Code point offset of byte offset `byte`, which must be a char boundary.
    pub fn cp_of(&self, byte: usize) -> Option<usize> {
        if self.ascii {
            return (byte <= self.len_bytes).then_some(byte);
        }
        self.bytes.binary_search(&(byte as u32)).ok()
    }

    /// Byte offset of a code point position (`None` past the end).
    pub fn byte_at(&self, at: CharPos) -> Option<usize> {
        self.byte_of(at.0)
    }

    /// The code point position of byte offset `byte` (`None` when not a char boundary).
    pub fn char_pos(&self, byte: usize) -> Option<CharPos> {
        self.cp_of(byte).map(CharPos)
    }

    /// The code point range of the byte range `start..end` (both must be char boundaries).
    pub fn char_range(&self, start: usize, end: usize) -> Option<CharRange> {
        Some(CharRange {
            start: self.char_pos(start)?,
            end: self.char_pos(end)?,
        })
    }

    /// The byte range of a code point range (`None` when it goes past the end).
    pub fn byte_range(&self, range: CharRange) -> Option<(usize, usize)> {
        Some((self.byte_at(range.start)?, self.byte_at(range.end)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn maps_accents_and_emoji() {
        let t = "é👍a";
        let ix = CodePointIndex::new(t);
        assert_eq!(ix.len(), 3);
        assert_eq!(ix.byte_of(1), Some(2));
        assert_eq!(ix.byte_of(2), Some(6));
        assert_eq!(ix.byte_of(3), Some(7));
        assert_eq!(ix.byte_of(4), None);
        assert_eq!(ix.cp_of(1), None, "not a char boundary");
        assert_eq!(ix.char_range(2, 7), Some(CharRange::new(1, 3)));
        assert_eq!(ix.byte_range(CharRange::new(1, 3)), Some((2, 7)));
        assert_eq!(ix.char_range(1, 7), None);
        assert_eq!(ix.byte_at(CharPos(4)), None);
    }

    proptest! {
        #[test]
        fn round_trips_on_any_text(s in "\\PC{0,60}") {
            let ix = CodePointIndex::new(&s);
            for (cp, (b, _)) in s.char_indices().enumerate() {
                prop_assert_eq!(ix.byte_of(cp), Some(b));
                prop_assert_eq!(ix.cp_of(b), Some(cp));
            }
            prop_assert_eq!(ix.byte_of(ix.len()), Some(s.len()));
            prop_assert_eq!(ix.len(), s.chars().count());
        }
    }
}
