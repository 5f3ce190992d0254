//! Folding text for matching, fast: `’` and `'` alike, white space alike, accents off,
//! lowercase — one pass over the bytes, ASCII by table, the Latin letters of French by a table
//! built once, anything else by Unicode decomposition. The folded bytes go to a [`Sink`]: a
//! buffer, or a search that steps through them as they come (one loop serves both).
//!
//! Invariants: [`fold_into`] gives the same bytes as [`fold`]; the origin it keeps answers, for
//! any folded byte offset, the byte offset in the original text of the character that byte
//! comes from (the original length at the end) — the answers of a table of one offset per folded
//! byte, but stored only for non-ASCII characters (an ASCII character always folds to one byte).

use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Folds one character onto `out`.
pub(super) fn fold_char_into(c: char, out: &mut Vec<u8>) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{2032}' => out.push(b'\''),
        c if c.is_whitespace() => out.push(b' '),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase() as u8),
        c => {
            let mut buf = [0u8; 4];
            for d in std::iter::once(c).nfd() {
                if !unicode_normalization::char::is_combining_mark(d) {
                    for l in d.to_lowercase() {
                        out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
                    }
                }
            }
        }
    }
}

/// Characters below this are folded by table.
const TABLED: u32 = 0x250;

struct Tables {
    ascii: [u8; 128],
    /// Folds of U+0080..[`TABLED`].
    latin: Vec<Box<[u8]>>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut ascii = [0u8; 128];
    for (b, slot) in ascii.iter_mut().enumerate() {
        let mut out = Vec::new();
        fold_char_into(char::from(b as u8), &mut out);
        *slot = out[0];
    }
    let latin = (0x80..TABLED)
        .map(|u| {
            let mut out = Vec::new();
            if let Some(c) = char::from_u32(u) {
                fold_char_into(c, &mut out);
            }
            out.into_boxed_slice()
        })
        .collect();
    Tables { ascii, latin }
});

/// Folds a whole string the way texts are folded for matching.
pub fn fold(s: &str) -> String {
    let mut out = Folded::default();
    fold_into(s, &mut out, false);
    String::from_utf8(out.bytes).expect("folding keeps UTF-8")
}

/// Where one non-ASCII character went: `fstart..fend` in the folded bytes came from
/// `ostart..oend` in the original (`fstart == fend` when it folded to nothing, as a lone
/// combining accent does).
#[derive(Debug, Clone, Copy)]
struct Mark {
    fstart: usize,
    fend: usize,
    ostart: usize,
    oend: usize,
}

/// A folded text, and (when asked for) where its non-ASCII characters came from.
#[derive(Debug, Default)]
pub struct Folded {
    pub bytes: Vec<u8>,
    marks: Vec<Mark>,
}

/// Folds `text` into `out` (cleared first); with `origins`, keeps what [`Folded::origin`] needs.
pub fn fold_into(text: &str, out: &mut Folded, origins: bool) {
    out.clear();
    push(text, out, origins);
}

/// Folds `text` onto the end of `out`'s bytes (no origins): the pieces of a line folded as one
/// text, which the leak check's probe is checked against.
#[cfg(test)]
pub fn fold_onto(text: &str, out: &mut Folded) {
    push(text, out, false);
}

/// Where folded bytes go: a buffer, or a search that steps through them as they come.
pub trait Sink {
    /// How many folded bytes came so far.
    fn folded_len(&self) -> usize;
    /// Folded bytes.
    fn put(&mut self, bytes: &[u8]);
    /// The ASCII bytes `rest` starts with, each folded by `table`; how many there were.
    fn put_ascii_run(&mut self, rest: &[u8], table: &[u8; 128]) -> usize;
    /// One character outside the tables, folded by `fold_char_into`.
    fn put_other(&mut self, c: char);
}

impl Sink for Vec<u8> {
    fn folded_len(&self) -> usize {
        self.len()
    }
    fn put(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
    fn put_ascii_run(&mut self, rest: &[u8], table: &[u8; 128]) -> usize {
        let run = rest.iter().position(|&b| b >= 0x80).unwrap_or(rest.len());
        self.extend(rest[..run].iter().map(|&b| table[b as usize]));
        run
    }
    fn put_other(&mut self, c: char) {
        fold_char_into(c, self);
    }
}

/// Folds `text` into `sink`, the bytes [`fold_into`] would give, one pass, nothing kept but
/// the origins (in `out`, cleared first: [`Folded::origin`] and [`Folded::splits_char`]
/// answer as after [`fold_into`] with origins; `out.bytes` stays empty).
pub fn fold_through(text: &str, sink: &mut impl Sink, out: &mut Folded) {
    out.clear();
    walk(text, sink, Some(&mut out.marks));
}

/// What each ASCII byte folds to (an ASCII character always folds to one ASCII byte).
pub(super) fn ascii_table() -> &'static [u8; 128] {
    &TABLES.ascii
}

/// Folds `text` onto the end of `sink` (no origins).
pub fn fold_to(text: &str, sink: &mut impl Sink) {
    walk(text, sink, None);
}

fn push(text: &str, out: &mut Folded, origins: bool) {
    out.bytes.reserve(text.len());
    walk(text, &mut out.bytes, origins.then_some(&mut out.marks));
}

/// The one folding loop: ASCII by table, the Latin letters of French by table, anything else
/// by decomposition; a mark for each non-ASCII character when `marks` are kept.
#[inline(always)]
fn walk(text: &str, sink: &mut impl Sink, mut marks: Option<&mut Vec<Mark>>) {
    let t = &*TABLES;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        i += sink.put_ascii_run(&bytes[i..], &t.ascii);
        if i == bytes.len() {
            break;
        }
        let c = text[i..].chars().next().expect("a character starts here");
        let fstart = sink.folded_len();
        match u32::from(c) {
            u if u < TABLED => sink.put(&t.latin[(u - 0x80) as usize]),
            _ => sink.put_other(c),
        }
        let len = c.len_utf8();
        if let Some(marks) = marks.as_deref_mut() {
            marks.push(Mark {
                fstart,
                fend: sink.folded_len(),
                ostart: i,
                oend: i + len,
            });
        }
        i += len;
    }
}

impl Folded {
    /// Empties the folded text (its buffer kept).
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.marks.clear();
    }

    /// The mark holding folded byte `p`, or the number of marks wholly before it.
    fn locate(&self, p: usize) -> Result<Mark, usize> {
        let i = self.marks.partition_point(|m| m.fend <= p);
        match self.marks.get(i) {
            Some(m) if m.fstart <= p => Ok(*m),
            _ => Err(i),
        }
    }

    /// Byte offset in the original of the character folded byte `p` comes from (the original
    /// length for `p` = the folded length). Needs `origins` when folded.
    pub fn origin(&self, p: usize) -> usize {
        match self.locate(p) {
            Ok(m) => m.ostart,
            Err(0) => p,
            Err(i) => {
                let m = self.marks[i - 1];
                m.oend + (p - m.fend)
            }
        }
    }

    /// Whether `p` falls inside one character's folded bytes (not at its first byte).
    pub fn splits_char(&self, p: usize) -> bool {
        self.locate(p).is_ok_and(|m| m.fstart < p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition: one original offset per folded byte.
    fn dense(text: &str) -> (Vec<u8>, Vec<usize>) {
        let (mut bytes, mut origin) = (Vec::new(), Vec::new());
        for (i, c) in text.char_indices() {
            let before = bytes.len();
            fold_char_into(c, &mut bytes);
            origin.extend(std::iter::repeat_n(i, bytes.len() - before));
        }
        origin.push(text.len());
        (bytes, origin)
    }

    fn agrees(text: &str) {
        let (bytes, origin) = dense(text);
        let mut f = Folded::default();
        fold_into(text, &mut f, true);
        assert_eq!(f.bytes, bytes, "{text:?}");
        for p in 0..=bytes.len() {
            assert_eq!(f.origin(p), origin[p], "{text:?} at {p}");
            let split = p > 0 && p < bytes.len() && origin[p - 1] == origin[p];
            assert_eq!(f.splits_char(p), split, "{text:?} at {p}");
        }
        // Folded through a sink, the same bytes and the same origins.
        let (mut sink, mut through) = (Vec::new(), Folded::default());
        fold_through(text, &mut sink, &mut through);
        assert_eq!(sink, bytes, "{text:?}");
        assert!(through.bytes.is_empty());
        for p in 0..=bytes.len() {
            assert_eq!(through.origin(p), f.origin(p), "{text:?} at {p}");
            assert_eq!(through.splits_char(p), f.splits_char(p), "{text:?} at {p}");
        }
    }

    #[test]
    fn folds_case_accents_apostrophes_and_spaces() {
        assert_eq!(
            fold("L’Hôtel-Dieu\u{a0}d'ORLÉANS\tÆ"),
            "l'hotel-dieu d'orleans æ"
        );
        assert_eq!(fold("He\u{301}le\u{300}ne"), "helene");
        assert_eq!(fold("İstanbul ǅ ẞ"), "istanbul ǆ ß");
    }

    #[test]
    fn origins_agree_with_one_offset_per_byte() {
        for text in [
            "",
            "abc",
            "é",
            "Élodie et ÉLODIE",
            "He\u{301}le\u{300}ne",
            "\u{301}début",
            "fin\u{301}",
            "İİ x ǅ ẞ ﬁ Å",
            "d’Orléans\u{a0}»",
            "日本 Ω",
        ] {
            agrees(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn origins_agree_on_any_text(text in "\\PC{0,40}") {
            agrees(&text);
        }
    }
}
