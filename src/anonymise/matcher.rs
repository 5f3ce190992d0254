//! Finding a key's originals in a text and replacing them with their pseudonyms.
//!
//! Matching is case- and accent-insensitive (`ORLEANS` finds `Orléans`), treats `'` and `’` alike
//! and any white space (NBSP included) alike, and for whole-word entries requires a word boundary
//! on both sides: `Martin` does not hit `Martine`, but does hit `d'Martin`-style elisions
//! (`d'Orléans`, `l’Hôtel-Dieu`), since an apostrophe is not a letter.
//!
//! Invariants: matches never overlap and come in text order; where two originals could match at
//! one place, the longest wins (`Saint-Martin` before `Martin`); offsets are byte offsets into
//! the text given, always on character boundaries; a replacement reports every edit in code
//! points so codings can be moved exactly.

use super::key::{Entry, Key};
use super::search::{Automaton, Candidate, Scratch};

pub use super::fold::fold;

/// One place where an original occurs: byte range in the text, and the key entry's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

/// One replacement made, in code points: `old_start..old_end` became `new_len` code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    pub old_start: usize,
    pub old_end: usize,
    pub new_start: usize,
    pub new_len: usize,
}

impl Candidate {
    fn hit(&self) -> Hit {
        Hit {
            start: self.start,
            end: self.end,
            entry: self.entry,
        }
    }
}

/// Texts up to this many bytes are probed before they are searched.
const SHORT: usize = 256;

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// A compiled key, ready to search many texts.
#[derive(Debug, Clone)]
pub struct Matcher {
    entries: Vec<Entry>,
    automaton: Option<Automaton>,
    /// For each ASCII byte, whether an original's folded form may start with what it folds to
    /// (all true when an original folds to nothing).
    may_start: [bool; 128],
    /// Each entry's pseudonym in capitals, for a name found in capitals.
    upper: Vec<String>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl Matcher {
    pub fn new(key: &Key) -> Self {
        Self::from_entries(key.entries().to_vec())
    }

    /// A matcher over entries that need not form a valid key (a relabelling, where new labels
    /// are old ones: every original is replaced in one pass, so `E1→E2, E2→E1` swaps them).
    pub fn from_entries(entries: Vec<Entry>) -> Self {
        Self::build(entries, true)
    }

    /// A matcher for a few short texts (checking a key's pseudonyms as it is edited): quicker
    /// to build, slower to scan.
    pub(super) fn for_few_texts(entries: Vec<Entry>) -> Self {
        Self::build(entries, false)
    }

    fn build(entries: Vec<Entry>, scan_much: bool) -> Self {
        let patterns: Vec<String> = entries.iter().map(|e| fold(&e.original)).collect();
        let automaton = Automaton::build(&patterns, scan_much);
        let mut first = [false; 256];
        let mut empty = false;
        for p in &patterns {
            match p.as_bytes().first() {
                Some(&b) => first[usize::from(b)] = true,
                None => empty = true,
            }
        }
        let ascii = super::fold::ascii_table();
        let may_start = std::array::from_fn(|b| empty || first[usize::from(ascii[b])]);
        let upper = entries.iter().map(|e| e.pseudonym.to_uppercase()).collect();
        Self {
            entries,
            automaton,
            may_start,
            upper,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.automaton.is_none()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every place an original occurs in `text`, in order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        self.with_scratch(|sc| {
            ac.candidates(text, sc);
            self.resolve(text, sc.candidates.iter().map(Candidate::hit))
        })
    }

    fn with_scratch<T>(&self, f: impl FnOnce(&mut Scratch) -> T) -> T {
        SCRATCH.with_borrow_mut(|sc| {
            let out = f(sc);
            sc.trim();
            out
        })
    }

    /// The hits among `candidates` (ranges in `text`): those of whole-word entries with a
    /// letter or digit just outside them dropped; then, from the left, the longest of those
    /// starting at one place, and none overlapping one already kept.
    fn resolve(&self, text: &str, candidates: impl Iterator<Item = Hit>) -> Vec<Hit> {
        let mut kept: Vec<Hit> = candidates
            .filter(|c| {
                !self.entries[c.entry].whole_word
                    || !(text[..c.start]
                        .chars()
                        .next_back()
                        .is_some_and(is_word_char)
                        || text[c.end..].chars().next().is_some_and(is_word_char))
            })
            .collect();
        if kept.is_empty() {
            return kept;
        }
        // Equal ranges are equal folded texts: only entries that fold alike (which a key
        // refuses) tie, and the first of them wins.
        kept.sort_unstable_by(|a, b| {
            (a.start, std::cmp::Reverse(a.end), a.entry).cmp(&(
                b.start,
                std::cmp::Reverse(b.end),
                b.entry,
            ))
        });
        let mut hits: Vec<Hit> = Vec::with_capacity(kept.len());
        for c in kept {
            if hits.last().is_none_or(|h| c.start >= h.end) {
                hits.push(c);
            }
        }
        hits
    }

    /// Whether an original may occur in text already folded (into `folded`): never false when
    /// [`Matcher::find`] would find one, and true only for the few texts with a candidate.
    #[cfg(test)]
    pub fn may_occur_in_folded(&self, folded: &[u8]) -> bool {
        self.automaton
            .as_ref()
            .is_some_and(|ac| ac.is_match_folded(folded))
    }

    /// Whether an original may occur in the folded text of the pieces `feed` gives (in order, as
    /// one text), folded and searched as they come: never false when [`Matcher::find`] would
    /// find a name in the pieces put together, and true only for the few texts with a candidate.
    pub fn may_occur_in_pieces(&self, feed: impl FnOnce(&mut dyn FnMut(&str))) -> bool {
        self.automaton.as_ref().is_some_and(|ac| ac.probe(feed))
    }

    /// Whether any original occurs in `text`.
    pub fn contains_any(&self, text: &str) -> bool {
        !self.find(text).is_empty()
    }

    /// The text with every original replaced, and the edits made (code points).
    pub fn replace(&self, text: &str) -> (String, Vec<Edit>) {
        let hits = self.find(text);
        if hits.is_empty() {
            return (text.to_owned(), Vec::new());
        }
        let mut out = String::with_capacity(text.len());
        let mut edits = Vec::with_capacity(hits.len());
        let (mut last, mut old_cp, mut new_cp) = (0usize, 0usize, 0usize);
        for h in hits {
            let between = &text[last..h.start];
            let n = between.chars().count();
            out.push_str(between);
            old_cp += n;
            new_cp += n;
            let found = &text[h.start..h.end];
            let pseudonym = self.pseudonym_for(h.entry, found);
            let old_len = found.chars().count();
            let new_len = pseudonym.chars().count();
            out.push_str(pseudonym);
            edits.push(Edit {
                old_start: old_cp,
                old_end: old_cp + old_len,
                new_start: new_cp,
                new_len,
            });
            old_cp += old_len;
            new_cp += new_len;
            last = h.end;
        }
        out.push_str(&text[last..]);
        (out, edits)
    }

    /// The text with every original replaced (the edits dropped).
    pub fn apply(&self, text: &str) -> String {
        let mut s = text.to_owned();
        self.apply_in_place(&mut s);
        s
    }

    /// Replaces every original in `s`; says whether anything changed. A text without an
    /// original is left as it is, without a copy. A short text (a label, a case, an attribute
    /// value) is first probed, which most pass without a candidate.
    pub fn apply_in_place(&self, s: &mut String) -> bool {
        let hits = self.find_to_apply(s);
        self.splice(s, &hits)
    }

    /// [`Matcher::find`], a short text probed first: what [`Matcher::apply_in_place`] replaces,
    /// found without changing anything (so many texts can be searched at once, then changed).
    pub fn find_to_apply(&self, s: &str) -> Vec<Hit> {
        if s.len() <= SHORT && !(self.may_start_in(s) && self.may_occur_in_pieces(|put| put(s))) {
            return Vec::new();
        }
        self.find(s)
    }

    /// Whether a match may start anywhere in `s`: false only when every byte is ASCII and folds
    /// to a byte no original starts with (a label `E12`, a time `00:12:03`), which a glance at
    /// the bytes tells.
    fn may_start_in(&self, s: &str) -> bool {
        s.bytes()
            .any(|b| b >= 0x80 || self.may_start[usize::from(b)])
    }

    /// Puts the pseudonyms in place of `hits` (found in `s` by [`Matcher::find`] or
    /// [`Matcher::find_to_apply`]); says whether there were any.
    pub fn splice(&self, s: &mut String, hits: &[Hit]) -> bool {
        match hits {
            [] => return false,
            // In the string's own buffer.
            [h] => {
                let p = self.pseudonym_for(h.entry, &s[h.start..h.end]);
                s.replace_range(h.start..h.end, p);
            }
            // Several: the text written out once, not its tail moved for each.
            _ => {
                let mut out = String::with_capacity(s.len() + 16 * hits.len());
                let mut last = 0;
                for h in hits {
                    out.push_str(&s[last..h.start]);
                    out.push_str(self.pseudonym_for(h.entry, &s[h.start..h.end]));
                    last = h.end;
                }
                out.push_str(&s[last..]);
                *s = out;
            }
        }
        true
    }

    /// Entry `entry`'s pseudonym for the name as `found`: in capitals when it was written in
    /// capitals (`MARTIN` → `BERNARD`).
    fn pseudonym_for(&self, entry: usize, found: &str) -> &str {
        if in_capitals(found) {
            &self.upper[entry]
        } else {
            &self.entries[entry].pseudonym
        }
    }
}

/// Whether a name as found is written in capitals: more than one letter, all of them capitals.
fn in_capitals(found: &str) -> bool {
    let mut letters = 0;
    for c in found.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters > 1
}

/// Maps code point offsets through a list of edits (in order, as [`Matcher::replace`] gives).
/// A start inside a replaced name moves to the pseudonym's start, an end inside one to its end,
/// so a coding that took part of a name takes the whole pseudonym.
pub struct OffsetMap<'a> {
    edits: &'a [Edit],
}

impl<'a> OffsetMap<'a> {
    pub fn new(edits: &'a [Edit]) -> Self {
        Self { edits }
    }

    fn shift_before(&self, i: usize) -> isize {
        match i {
            0 => 0,
            _ => {
                let e = self.edits[i - 1];
                (e.new_start + e.new_len) as isize - e.old_end as isize
            }
        }
    }

    /// New position of an old start offset.
    pub fn start(&self, p: usize) -> usize {
        // Edits ending at or before p.
        let i = self.edits.partition_point(|e| e.old_end <= p);
        match self.edits.get(i) {
            Some(e) if e.old_start < p => e.new_start,
            _ => (p as isize + self.shift_before(i)) as usize,
        }
    }

    /// New position of an old end offset (exclusive).
    pub fn end(&self, p: usize) -> usize {
        // Edits starting before p.
        let i = self.edits.partition_point(|e| e.old_start < p);
        if i > 0 {
            let e = self.edits[i - 1];
            if p <= e.old_end {
                return e.new_start + e.new_len;
            }
        }
        (p as isize + self.shift_before(i)) as usize
    }
}

#[cfg(test)]
#[path = "matcher_tests.rs"]
mod tests;
