//! A zipped annex (DOCX, ODT) as its parts before they are zipped: the export's leak check reads
//! the parts exactly as they go into the archive instead of inflating the archive again, and
//! [`zip`] packs them, in the order given, with fixed dates.
//!
//! Invariant: `zip(parts)` holds exactly `parts` (names, bytes, order), so a check of the parts
//! is a check of the file written.

use crate::error::Result;
use crate::formats::xml::Archive;

/// One entry of the archive.
pub struct Part {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    /// Stored without compression (ODF's `mimetype` must be).
    pub stored: bool,
}

impl Part {
    pub fn deflated(name: &'static str, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            name,
            bytes: bytes.into(),
            stored: false,
        }
    }

    pub fn stored(name: &'static str, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            stored: true,
            ..Self::deflated(name, bytes)
        }
    }
}

/// The archive of `parts`.
pub fn zip(parts: &[Part]) -> Result<Vec<u8>> {
    let mut archive = Archive::new();
    for p in parts {
        if p.stored {
            archive.stored(p.name, &p.bytes)?;
        } else {
            archive.deflated(p.name, &p.bytes)?;
        }
    }
    archive.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_archive_holds_the_parts_in_order() {
        let parts = [
            Part::stored("mimetype", &b"application/x"[..]),
            Part::deflated("content.xml", "<a>é</a>".repeat(100)),
        ];
        let bytes = zip(&parts).unwrap();
        assert_eq!(bytes, zip(&parts).unwrap(), "the same bytes twice");
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for (i, p) in parts.iter().enumerate() {
            let mut entry = z.by_index(i).unwrap();
            assert_eq!(entry.name().unwrap(), p.name);
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            assert_eq!(content, p.bytes);
        }
    }
}
