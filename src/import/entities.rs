//! HTML character references and entities (`&#39;`, `&amp;`, `&nbsp;`, `&eacute;`) as some
//! transcription tools leave them in .vtt, .srt and .txt exports.
//!
//! Invariant: only well-formed references are replaced; text without any is returned as is.

/// The text with its HTML character references and named entities decoded.
pub fn decode(s: &str) -> String {
    if !has_reference(s) {
        return s.to_owned();
    }
    html_escape::decode_html_entities(s).into_owned()
}

/// Whether `s` holds something like `&name;` or `&#123;` (a plain `R&D` is not one).
pub fn has_reference(s: &str) -> bool {
    s.match_indices('&').any(|(i, _)| {
        let rest = &s[i + 1..];
        let end = rest.find(';').filter(|&e| e > 0 && e <= 32);
        end.is_some_and(|e| {
            let name = &rest[..e];
            match name.strip_prefix('#') {
                Some(num) => {
                    let digits = num.strip_prefix(['x', 'X']).unwrap_or(num);
                    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_hexdigit())
                }
                None => name.chars().all(|c| c.is_ascii_alphanumeric()),
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_entities_are_decoded() {
        assert_eq!(decode("l&#39;accès &amp; la CPTS"), "l'accès & la CPTS");
        assert_eq!(decode("d&rsquo;abord&nbsp;: oui"), "d’abord\u{a0}: oui");
        assert_eq!(decode("&eacute;t&eacute; &#x2019;"), "été ’");
        assert_eq!(decode("R&D et AT&T"), "R&D et AT&T");
        assert!(!has_reference("a & b; c"));
    }
}
