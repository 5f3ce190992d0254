//! Conversion between byte offsets (what Rust strings index by) and code point offsets (what
//! every file, CLI argument and JSON output of verbatim uses, as REFI-QDA does).
//!
//! The typed forms ([`CodePointIndex::char_range`], [`CodePointIndex::byte_range`]) are the ones
//! to use where a range crosses into the core's coding API ([`CharRange`]).
//!
//! Invariant: for every char boundary `b`, `byte_of(cp_of(b)) == b`; offsets past the end are
//! reported as `None`, never clamped silently.

use super::pos::{CharPos, CharRange};

/// A lookup table between code point and byte offsets for one text, built once per source.
///
/// Compact: per block of 64 code points, the byte offset of its first one and each one's UTF-8
/// width less one as two bit planes (24 bytes per 64 code points, where a table of every offset
/// took 256); a position is its block's offset plus a population count, so both directions stay
/// constant time (a binary search over the blocks for `cp_of`).
#[derive(Debug, Clone)]
pub struct CodePointIndex {
    blocks: Vec<Block>,
    len_chars: usize,
    len_bytes: usize,
}

/// 64 code points: where the first starts, and bit `k` of `lo` / `hi` the low / high bit of the
/// `k`-th one's width less one (0 for ASCII, 3 for four-byte characters).
#[derive(Debug, Clone, Copy)]
struct Block {
    base: u32,
    lo: u64,
    hi: u64,
}

const BLOCK: usize = 64;

impl Block {
    /// Bytes taken by the block's first `k` code points (`k < 64`).
    fn prefix(&self, k: usize) -> usize {
        let mask = (1u64 << k) - 1;
        k + (self.lo & mask).count_ones() as usize + 2 * (self.hi & mask).count_ones() as usize
    }
}

impl CodePointIndex {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                blocks: Vec::new(),
                len_chars: text.len(),
                len_bytes: text.len(),
            };
        }
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut block = Block {
            base: 0,
            lo: 0,
            hi: 0,
        };
        // Code points in `block` so far.
        let mut k = 0usize;
        let mut i = 0usize;
        while i < bytes.len() {
            if k == BLOCK {
                blocks.push(block);
                block = Block {
                    base: i as u32,
                    lo: 0,
                    hi: 0,
                };
                k = 0;
            }
            // Eight ASCII bytes at once (their width bits are zero) while they fit the block.
            if k + 8 <= BLOCK
                && let Some(word) = bytes.get(i..i + 8)
                && u64::from_le_bytes(word.try_into().expect("eight bytes")) & 0x8080_8080_8080_8080
                    == 0
            {
                i += 8;
                k += 8;
                continue;
            }
            let lead = bytes[i];
            let extra =
                usize::from(lead >= 0xC0) + usize::from(lead >= 0xE0) + usize::from(lead >= 0xF0);
            block.lo |= ((extra & 1) as u64) << k;
            block.hi |= ((extra >> 1) as u64) << k;
            i += 1 + extra;
            k += 1;
        }
        blocks.push(block);
        Self {
            len_chars: (blocks.len() - 1) * BLOCK + k,
            blocks,
            len_bytes: text.len(),
        }
    }

    fn ascii(&self) -> bool {
        self.len_chars == self.len_bytes
    }

    /// Number of code points in the text.
    pub fn len(&self) -> usize {
        self.len_chars
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Byte offset of code point `cp` (`cp == len()` gives the text length).
    pub fn byte_of(&self, cp: usize) -> Option<usize> {
        if cp >= self.len_chars {
            return (cp == self.len_chars).then_some(self.len_bytes);
        }
        if self.ascii() {
            return Some(cp);
        }
        let b = &self.blocks[cp / BLOCK];
        Some(b.base as usize + b.prefix(cp % BLOCK))
    }

    /// Code point offset of byte offset `byte`, which must be a char boundary.
    pub fn cp_of(&self, byte: usize) -> Option<usize> {
        if byte >= self.len_bytes {
            return (byte == self.len_bytes).then_some(self.len_chars);
        }
        if self.ascii() {
            return Some(byte);
        }
        let at = self.blocks.partition_point(|b| b.base as usize <= byte) - 1;
        let b = &self.blocks[at];
        let want = byte - b.base as usize;
        let in_block = (self.len_chars - at * BLOCK).min(BLOCK);
        let mut taken = 0usize;
        for k in 0..in_block {
            if taken >= want {
                return (taken == want).then_some(at * BLOCK + k);
            }
            taken += 1 + ((b.lo >> k) & 1) as usize + 2 * ((b.hi >> k) & 1) as usize;
        }
        None
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

    #[test]
    fn crosses_blocks_of_sixty_four() {
        let t = format!("{}é{}👍{}", "a".repeat(63), "b".repeat(64), "ç".repeat(130));
        let ix = CodePointIndex::new(&t);
        for (cp, (b, _)) in t.char_indices().enumerate() {
            assert_eq!(ix.byte_of(cp), Some(b), "code point {cp}");
            assert_eq!(ix.cp_of(b), Some(cp), "byte {b}");
        }
        assert_eq!(ix.len(), 63 + 1 + 64 + 1 + 130);
        assert_eq!(ix.cp_of(64), None, "inside é");
        assert_eq!(ix.byte_of(ix.len() + 1), None);
        assert_eq!(ix.cp_of(t.len() + 1), None);
    }

    proptest! {
        #[test]
        fn round_trips_on_any_text(s in "\\PC{0,300}|[a-z é👍]{0,300}") {
            let ix = CodePointIndex::new(&s);
            for (cp, (b, _)) in s.char_indices().enumerate() {
                prop_assert_eq!(ix.byte_of(cp), Some(b));
                prop_assert_eq!(ix.cp_of(b), Some(cp));
            }
            for b in (0..s.len()).filter(|b| !s.is_char_boundary(*b)) {
                prop_assert_eq!(ix.cp_of(b), None);
            }
            prop_assert_eq!(ix.byte_of(ix.len()), Some(s.len()));
            prop_assert_eq!(ix.cp_of(s.len()), Some(ix.len()));
            prop_assert_eq!(ix.byte_of(ix.len() + 1), None);
            prop_assert_eq!(ix.len(), s.chars().count());
        }
    }
}
