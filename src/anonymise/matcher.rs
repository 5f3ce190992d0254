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
use aho_corasick::{AhoCorasick, MatchKind};
use unicode_normalization::UnicodeNormalization;

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

/// A compiled key, ready to search many texts.
#[derive(Debug, Clone)]
pub struct Matcher {
    entries: Vec<Entry>,
    automaton: Option<AhoCorasick>,
}

/// A text folded for matching, with the byte offset in the original text of the character each
/// folded byte comes from (plus the original length at the end).
struct Folded {
    text: String,
    origin: Vec<usize>,
}

/// Folds one character: `’` and `'` alike, white space alike, accents off, lowercase.
fn fold_char(c: char, out: &mut String) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{2032}' => out.push('\''),
        c if c.is_whitespace() => out.push(' '),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => {
            for d in std::iter::once(c).nfd() {
                if !unicode_normalization::char::is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            }
        }
    }
}

/// Folds a whole string the way texts are folded for matching.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

fn fold_with_origin(text: &str) -> Folded {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let before = folded.len();
        fold_char(c, &mut folded);
        origin.extend(std::iter::repeat_n(i, folded.len() - before));
    }
    origin.push(text.len());
    Folded {
        text: folded,
        origin,
    }
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
        let patterns: Vec<String> = entries.iter().map(|e| fold(&e.original)).collect();
        let automaton = if patterns.iter().all(|p| p.is_empty()) {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .expect("key patterns are plain strings"),
            )
        };
        Self { entries, automaton }
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
        let folded = fold_with_origin(text);
        let origin = &folded.origin;
        let mut candidates: Vec<Hit> = Vec::new();
        for m in ac.find_overlapping_iter(&folded.text) {
            let (fs, fe) = (m.start(), m.end());
            // A match must start and end on whole original characters.
            if fs > 0 && origin[fs - 1] == origin[fs] {
                continue;
            }
            if fe < folded.text.len() && origin[fe] == origin[fe - 1] {
                continue;
            }
            let (start, end) = (origin[fs], origin[fe]);
            let entry = m.pattern().as_usize();
            if self.entries[entry].whole_word {
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                if before.is_some_and(is_word_char) || after.is_some_and(is_word_char) {
                    continue;
                }
            }
            candidates.push(Hit { start, end, entry });
        }
        candidates.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut hits: Vec<Hit> = Vec::with_capacity(candidates.len());
        for c in candidates {
            if hits.last().is_none_or(|h| c.start >= h.end) {
                hits.push(c);
            }
        }
        hits
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
            let pseudonym = shaped_like(&self.entries[h.entry].pseudonym, found);
            let old_len = found.chars().count();
            let new_len = pseudonym.chars().count();
            out.push_str(&pseudonym);
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
        if self.is_empty() {
            return text.to_owned();
        }
        self.replace(text).0
    }
}

/// The pseudonym in capitals when the original was written in capitals (`MARTIN` → `BERNARD`).
fn shaped_like(pseudonym: &str, found: &str) -> String {
    let letters: Vec<char> = found.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        pseudonym.to_uppercase()
    } else {
        pseudonym.to_owned()
    }
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
