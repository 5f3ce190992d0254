//! Normalisation of imported text: no BOM, LF line endings, NFC, no stray control characters.
//!
//! Invariant: `normalize(normalize(x)) == normalize(x)`, and the result never contains `\r`,
//! a BOM, or C0 controls other than `\n` and `\t`.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Normalises text for storage: strips a leading BOM, turns CRLF, CR, U+2028 and U+2029 into
/// LF, drops C0 control characters other than tab and newline (and DEL), then applies NFC.
pub fn normalize(input: &str) -> String {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let bytes = input.as_bytes();
    // Only C0 controls (bar \n and \t), DEL, and U+2028/U+2029 (E2 80 A8/A9) need rewriting;
    // E2 alone is the lead byte of ’ « … — and must not send every French text the slow way.
    let needs_cleanup = bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && b != b'\n' && b != b'\t')
            || b == 0x7f
            || (b == 0xe2
                && bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xa8 | 0xa9)))
    });
    let cleaned: std::borrow::Cow<'_, str> = if needs_cleanup {
        let mut out = String::with_capacity(input.len());
        let mut chars = input.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push('\n');
                }
                '\u{2028}' | '\u{2029}' => out.push('\n'),
                '\n' | '\t' => out.push(c),
                c if (c as u32) < 0x20 || c == '\u{7f}' => {}
                c => out.push(c),
            }
        }
        out.into()
    } else {
        input.into()
    };
    match is_nfc_quick(cleaned.chars()) {
        IsNormalized::Yes => cleaned.into_owned(),
        _ => cleaned.nfc().collect(),
    }
}

/// Folds text for loose matching of names: NFD, combining marks removed, lowercase.
/// `Enquêteur` and `ENQUETEUR` fold to the same string.
pub fn fold_for_match(input: &str) -> String {
    input
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_crlf() {
        assert_eq!(normalize("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn composes_nfd_accents() {
        let nfd = "me\u{301}decin"; // e + combining acute
        assert_eq!(normalize(nfd), "médecin");
        assert_eq!(normalize(nfd).chars().count(), 7);
    }

    #[test]
    fn keeps_tabs_nbsp_and_guillemets_drops_controls() {
        assert_eq!(
            normalize("M3\u{a0}: «\u{a0}oui\u{a0}»\t\u{7}x"),
            "M3\u{a0}: «\u{a0}oui\u{a0}»\tx"
        );
        assert_eq!(normalize("a\u{2028}b"), "a\nb");
    }

    #[test]
    fn is_idempotent_on_mixed_input() {
        let once = normalize("\u{feff}E\u{301}\r\n\r\n(rires)\u{0}\r");
        assert_eq!(normalize(&once), once);
    }

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold_for_match("Enquêteur"), "enqueteur");
        assert_eq!(fold_for_match("ÉLÈVE"), "eleve");
    }
}
