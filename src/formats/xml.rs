//! Small helpers shared by the XML writers (DOCX, ODT, REFI-QDA): escaping text for XML and a zip
//! archive with fixed dates and entry order, so the same annex gives the same bytes.
//!
//! Invariant: escaped text is well-formed XML 1.0 character data — `& < > " '` are escaped and
//! characters XML 1.0 forbids (control characters other than tab and newline) are dropped.

use crate::error::{Error, Result};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// Appends `text` to `out`, escaped for XML content or attribute values.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// `text` escaped for XML.
#[cfg(test)]
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 8);
    escape_into(&mut s, text);
    s
}

/// A zip archive written in memory with fixed dates.
pub struct Archive {
    zip: ZipWriter<Cursor<Vec<u8>>>,
}

fn zip_err(e: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("could not write the archive: {e}"))
}

impl Default for Archive {
    fn default() -> Self {
        Self::new()
    }
}

impl Archive {
    pub fn new() -> Self {
        Self {
            zip: ZipWriter::new(Cursor::new(Vec::new())),
        }
    }

    fn options(method: CompressionMethod) -> SimpleFileOptions {
        SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644)
    }

    /// Adds an entry stored without compression (ODF's `mimetype` must be).
    pub fn stored(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        self.zip
            .start_file(name, Self::options(CompressionMethod::Stored))
            .map_err(zip_err)?;
        self.zip.write_all(bytes).map_err(zip_err)
    }

    /// Adds a deflated entry.
    pub fn deflated(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        self.zip
            .start_file(name, Self::options(CompressionMethod::Deflated))
            .map_err(zip_err)?;
        self.zip.write_all(bytes).map_err(zip_err)
    }

    pub fn finish(self) -> Result<Vec<u8>> {
        Ok(self.zip.finish().map_err(zip_err)?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>\u{1}\u{c}\tz"),
            "&lt;script&gt;alert(&apos;x&apos;) &amp; &quot;y&quot;&lt;/script&gt;\tz"
        );
    }

    #[test]
    fn archives_are_identical_twice() {
        let make = || {
            let mut a = Archive::new();
            a.stored("mimetype", b"x").unwrap();
            a.deflated("content.xml", b"<a/>").unwrap();
            a.finish().unwrap()
        };
        assert_eq!(make(), make());
    }
}
