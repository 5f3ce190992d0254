//! Turning a file's bytes into text: UTF-8 (with or without BOM), UTF-16 (BOM, or detected from
//! its NUL pattern), else Windows-1252/Latin-1 — and refusing binary files with a reason.
//!
//! Invariant: decoding never guesses silently past a doubt: bytes that are not plausible text in
//! any of these encodings give an error naming the file and the first bad byte offset.

use crate::error::{Error, Result};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::path::Path;

/// Decodes a transcript file's bytes.
pub fn decode_text_bytes(path: &Path, bytes: &[u8]) -> Result<String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_strict(path, encoding, &bytes[bom_len..]);
    }
    if let Some(reason) = known_binary(bytes) {
        return Err(Error::bad_input(path, reason));
    }
    if bytes.contains(&0) {
        return match utf16_without_bom(bytes) {
            Some(encoding) => {
                let text = decode_strict(path, encoding, bytes)?;
                check_plausible_text(path, &text)?;
                Ok(text)
            }
            None => Err(Error::bad_input(
                path,
                "looks like a binary file, not a transcript (it contains NUL bytes)",
            )),
        };
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => decode_windows_1252(path, bytes)?,
    };
    check_plausible_text(path, &text)?;
    Ok(text)
}

/// Decodes a small table (cases CSV): UTF-8 with or without BOM, else Windows-1252.
pub fn decode_table_bytes(path: &Path, bytes: &[u8]) -> Result<String> {
    decode_text_bytes(path, bytes)
}

fn decode_strict(path: &Path, encoding: &'static Encoding, bytes: &[u8]) -> Result<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
        .ok_or_else(|| {
            Error::bad_input(
                path,
                format!(
                    "could not be decoded as {} (it starts with that encoding's byte order mark)",
                    encoding.name()
                ),
            )
        })
}

fn decode_windows_1252(path: &Path, bytes: &[u8]) -> Result<String> {
    // Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned in Windows-1252; text that uses them,
    // or other C1 controls, is in some other encoding we cannot tell apart safely.
    if let Some(at) = bytes
        .iter()
        .position(|b| matches!(b, 0x81 | 0x8d | 0x8f | 0x90 | 0x9d))
    {
        return Err(Error::bad_input(
            path,
            format!(
                "could not be decoded: it is not UTF-8, UTF-16 or Windows-1252 (byte 0x{:02X} at offset {at}); save it as UTF-8 and import it again",
                bytes[at]
            ),
        ));
    }
    let (text, _, _) = WINDOWS_1252.decode(bytes);
    Ok(text.into_owned())
}

/// UTF-16 without BOM shows NUL in every other byte for Latin text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let pairs = bytes.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even_nuls = bytes.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nuls = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_nuls * 10 >= pairs * 6 && even_nuls * 10 < pairs {
        Some(UTF_16LE)
    } else if even_nuls * 10 >= pairs * 6 && odd_nuls * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn known_binary(bytes: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"PK\x03\x04") {
        Some(
            "is a zip archive (a .docx or .odt saved under another name?), not plain text; give it its real extension",
        )
    } else if starts(b"%PDF") {
        Some("is a PDF file under another name; give it the .pdf extension and import it again")
    } else if starts(b"\xD0\xCF\x11\xE0") {
        Some("is an old Word .doc file; save it as .docx or .odt and import that")
    } else if starts(b"{\\rtf") {
        Some("is an RTF file; save it as .docx, .odt or .txt and import that")
    } else {
        None
    }
}

fn check_plausible_text(path: &Path, text: &str) -> Result<()> {
    let controls = text
        .chars()
        .filter(|c| {
            (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'))
                || ('\u{80}'..='\u{9f}').contains(c)
        })
        .count();
    if controls * 100 > text.chars().count().max(1) {
        return Err(Error::bad_input(
            path,
            "looks like a binary file, not a transcript (too many control characters)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Result<String> {
        decode_text_bytes(Path::new("t.txt"), bytes)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("médecin".as_bytes()).unwrap(), "médecin");
        assert_eq!(decode(b"\xEF\xBB\xBFm\xC3\xA9decin").unwrap(), "médecin");
    }

    #[test]
    fn utf16_with_bom_and_without() {
        let mut with_bom = vec![0xFF, 0xFE];
        for u in "Enquêteur : oui".encode_utf16() {
            with_bom.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&with_bom).unwrap(), "Enquêteur : oui");
        assert_eq!(decode(&with_bom[2..]).unwrap(), "Enquêteur : oui");
        let be: Vec<u8> = "M3 : non"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(decode(&be).unwrap(), "M3 : non");
    }

    #[test]
    fn windows_1252_is_detected() {
        assert_eq!(
            decode(b"l\x92acc\xe8s \xab oui \xbb \x85").unwrap(),
            "l’accès « oui » …"
        );
    }

    #[test]
    fn binary_and_undecodable_bytes_are_refused() {
        assert!(
            decode(b"\x00\x01\x02\x03\x00\xff")
                .unwrap_err()
                .to_string()
                .contains("binary file")
        );
        assert!(
            decode(b"%PDF-1.7 ...")
                .unwrap_err()
                .to_string()
                .contains("PDF")
        );
        let err = decode(b"abc \x81 def").unwrap_err().to_string();
        assert!(
            err.contains("could not be decoded") && err.contains("0x81 at offset 4"),
            "{err}"
        );
    }
}
