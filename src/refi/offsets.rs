//! Offsets of imported REFI-QDA selections. Programs disagree on what a position counts: the
//! spec says code points, but some count a CRLF as one position, some count UTF-16 units. For
//! each source we try every convention that could differ on its text and keep the one whose
//! slices match the selections' names (the selected text, for most programs); then positions
//! are mapped from the raw text to our stored text (no BOM, LF, NFC).
//!
//! Invariants: the stored text is exactly [`crate::text::normalize`] of the raw text; a mapped
//! range never goes past the text; without usable names the spec's convention (code points)
//! is kept, or ATLAS.ti's (CRLF as one) for its files.

use crate::coding::anchor::EditMap;
use std::cell::OnceCell;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// What one position counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Unicode code points of the raw text (the spec).
    CodePoints,
    /// Code points, a CRLF pair counted once.
    CrlfAsOne,
    /// UTF-16 code units.
    Utf16,
    /// UTF-16 code units, a CRLF pair counted once.
    Utf16CrlfAsOne,
}

impl Unit {
    pub fn describe(self) -> &'static str {
        match self {
            Unit::CodePoints => "code points",
            Unit::CrlfAsOne => "code points with CRLF counted once",
            Unit::Utf16 => "UTF-16 units",
            Unit::Utf16CrlfAsOne => "UTF-16 units with CRLF counted once",
        }
    }
}

/// A raw text (BOM removed) with its stored form and the maps between them.
pub struct RawText {
    chars: Vec<char>,
    /// Stored position (before NFC) of each raw char boundary.
    cleaned_at: Vec<usize>,
    /// From the cleaned text to the NFC text, when NFC changed anything.
    nfc: Option<EditMap>,
    /// The text as we store it.
    pub text: String,
    /// Position tables by [`Unit`], made once each when first needed.
    tables: [OnceCell<Vec<usize>>; 4],
}

impl RawText {
    pub fn new(raw: &str) -> Self {
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        let chars: Vec<char> = raw.chars().collect();
        let mut cleaned = String::with_capacity(raw.len());
        let mut cleaned_at = Vec::with_capacity(chars.len() + 1);
        let mut pos = 0;
        for (i, &c) in chars.iter().enumerate() {
            cleaned_at.push(pos);
            let out = match c {
                '\r' if chars.get(i + 1) == Some(&'\n') => None,
                '\r' | '\u{2028}' | '\u{2029}' => Some('\n'),
                '\n' | '\t' => Some(c),
                c if (c as u32) < 0x20 || c == '\u{7f}' => None,
                c => Some(c),
            };
            if let Some(o) = out {
                cleaned.push(o);
                pos += 1;
            }
        }
        cleaned_at.push(pos);
        let (text, nfc) = match is_nfc_quick(cleaned.chars()) {
            IsNormalized::Yes => (cleaned, None),
            _ => {
                let text: String = cleaned.nfc().collect();
                let map = (text != cleaned).then(|| EditMap::diff(&cleaned, &text));
                (text, map)
            }
        };
        Self {
            chars,
            cleaned_at,
            nfc,
            text,
            tables: Default::default(),
        }
    }

    /// Whether conventions other than code points could give other numbers on this text.
    pub fn ambiguous(&self) -> bool {
        self.chars.iter().any(|c| *c == '\r' || c.len_utf16() > 1)
    }

    /// Position of each raw char boundary under `unit` (made once per unit).
    fn table(&self, unit: Unit) -> &[usize] {
        self.tables[unit as usize].get_or_init(|| self.make_table(unit))
    }

    fn make_table(&self, unit: Unit) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.chars.len() + 1);
        let mut pos = 0;
        for (i, &c) in self.chars.iter().enumerate() {
            out.push(pos);
            let crlf_one = matches!(unit, Unit::CrlfAsOne | Unit::Utf16CrlfAsOne)
                && c == '\r'
                && self.chars.get(i + 1) == Some(&'\n');
            pos += match unit {
                _ if crlf_one => 0,
                Unit::CodePoints | Unit::CrlfAsOne => 1,
                Unit::Utf16 | Unit::Utf16CrlfAsOne => c.len_utf16(),
            };
        }
        out.push(pos);
        out
    }

    /// Raw char index of position `p` under a unit's table, `None` past the end.
    fn raw_index(table: &[usize], p: usize) -> Option<usize> {
        (p <= *table.last()?).then(|| table.partition_point(|&x| x < p))
    }

    /// Stored range of a raw char range.
    fn stored(&self, start: usize, end: usize) -> (usize, usize) {
        let (s, e) = (self.cleaned_at[start], self.cleaned_at[end]);
        match &self.nfc {
            Some(m) => (m.map_start(s), m.map_end(e).max(m.map_start(s))),
            None => (s, e),
        }
    }

    fn raw_slice(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }
}

/// Loose comparison of a selection's text with its name: white space collapsed, NFC, and a name
/// cut with `…` (ATLAS.ti) matching the start.
fn matches_name(slice: &str, name: &str) -> bool {
    let squash = |s: &str| -> String {
        s.nfc()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (slice, name) = (squash(slice), squash(name));
    if name.is_empty() {
        return false;
    }
    match name.strip_suffix('…').or_else(|| name.strip_suffix("...")) {
        Some(head) if !head.is_empty() => slice.starts_with(head.trim_end()),
        _ => slice == name,
    }
}

/// The unit the selections of one source use: (start, end, name) as written in the file.
pub fn detect(raw: &RawText, selections: &[(usize, usize, Option<String>)], atlas: bool) -> Unit {
    let default = if atlas {
        Unit::CrlfAsOne
    } else {
        Unit::CodePoints
    };
    if !raw.ambiguous() {
        return Unit::CodePoints;
    }
    let mut candidates = vec![default];
    candidates.extend(
        [
            Unit::CodePoints,
            Unit::CrlfAsOne,
            Unit::Utf16,
            Unit::Utf16CrlfAsOne,
        ]
        .into_iter()
        .filter(|u| *u != default),
    );
    let score = |unit: Unit| -> usize {
        let table = raw.table(unit);
        selections
            .iter()
            .filter(|(s, e, name)| {
                let (Some(s), Some(e), Some(name)) = (
                    RawText::raw_index(table, *s),
                    RawText::raw_index(table, *e),
                    name.as_deref(),
                ) else {
                    return false;
                };
                s <= e && matches_name(&raw.raw_slice(s, e), name)
            })
            .count()
    };
    let mut best = (default, score(default));
    for u in candidates.into_iter().skip(1) {
        let s = score(u);
        if s > best.1 {
            best = (u, s);
        }
    }
    best.0
}

/// Maps a selection to the stored text: `None` when it falls outside the text or ends before
/// it starts.
pub fn map(raw: &RawText, unit: Unit, start: usize, end: usize) -> Option<(usize, usize)> {
    if start > end {
        return None;
    }
    let table = raw.table(unit);
    let (s, e) = (
        RawText::raw_index(table, start)?,
        RawText::raw_index(table, end)?,
    );
    Some(raw.stored(s, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    fn slice(text: &str, (s, e): (usize, usize)) -> String {
        text.chars().skip(s).take(e - s).collect()
    }

    #[test]
    fn the_stored_text_is_the_normalised_text() {
        for raw in [
            "\u{feff}A: e\u{301}té\r\nB: ok\r\n",
            "x\ry\u{2028}z\u{1}",
            "🙂 l'accès",
            "",
        ] {
            assert_eq!(RawText::new(raw).text, normalize(raw), "{raw:?}");
        }
    }

    #[test]
    fn each_convention_is_detected_from_the_selection_names() {
        let raw = "Q: Le café ?\r\nA: 🙂 Je n'y vais jamais.\r\n";
        let t = RawText::new(raw);
        let want = "Je n'y vais jamais.";
        let cp = raw.chars().position(|c| c == 'J').unwrap();
        let len = want.chars().count();
        // Code points, CRLF counted once, UTF-16 units (the emoji counts twice).
        for (unit, start) in [
            (Unit::CodePoints, cp),
            (Unit::CrlfAsOne, cp - 1),
            (Unit::Utf16, cp + 1),
            (Unit::Utf16CrlfAsOne, cp),
        ] {
            let sel = [(start, start + len, Some(want.to_owned()))];
            let got = detect(&t, &sel, false);
            let range = map(&t, got, start, start + len).unwrap();
            assert_eq!(slice(&t.text, range), want, "{unit:?} read as {got:?}");
        }
        // Without names: the spec's code points, or ATLAS.ti's CRLF-as-one.
        assert_eq!(detect(&t, &[(0, 1, None)], false), Unit::CodePoints);
        assert_eq!(detect(&t, &[(0, 1, None)], true), Unit::CrlfAsOne);
        assert_eq!(map(&t, Unit::CodePoints, 5, 999), None);
        assert_eq!(map(&t, Unit::CodePoints, 9, 5), None);
    }

    #[test]
    fn decomposed_accents_map_to_their_composed_form() {
        let raw = "Ils ont e\u{301}te\u{301} re\u{301}unis.";
        let t = RawText::new(raw);
        let start = raw.chars().position(|c| c == 'r').unwrap();
        let end = raw.chars().count() - 1;
        let range = map(&t, Unit::CodePoints, start, end).unwrap();
        assert_eq!(slice(&t.text, range), "réunis");
        assert!(matches_name("réunis", "re\u{301}unis"));
        assert!(matches_name("une longue phrase ici", "une longue…"));
    }

    proptest::proptest! {
        #[test]
        fn mapped_ranges_stay_inside_and_in_order(
            raw in "[a-zé\u{301}\r\n 🙂]{0,40}",
            a in 0usize..45,
            b in 0usize..45,
        ) {
            let t = RawText::new(&raw);
            let len = t.text.chars().count();
            for unit in [Unit::CodePoints, Unit::CrlfAsOne, Unit::Utf16, Unit::Utf16CrlfAsOne] {
                if let Some((s, e)) = map(&t, unit, a.min(b), a.max(b)) {
                    proptest::prop_assert!(s <= e && e <= len, "{unit:?} {s}..{e} of {len}");
                }
            }
        }
    }
}
