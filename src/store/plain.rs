//! Reading the project's own files (manifest, codebook, codings, memos, `cases.csv`): never
//! through a symbolic link, so a link planted in a project folder cannot make verbatim read,
//! index or export a file from elsewhere on the machine.
//!
//! Invariant: every reader of a project file goes through [`read_plain`]; a link is an error
//! naming the file, and a missing file stays `NotFound` for callers that treat it as empty.

use std::io::{Error, ErrorKind};
use std::path::Path;

/// The bytes of a project file; a symbolic link is refused with a sentence saying why.
pub fn read_plain(path: &Path) -> std::io::Result<Vec<u8>> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "it is a symbolic link; verbatim reads only plain files inside the project \
             (put the file itself in its place)",
        ));
    }
    std::fs::read(path)
}

/// `bytes` as text when they are UTF-8. The check is simdutf8's, several times the standard
/// library's speed on accented text; a refusal is the standard library's error, naming the first
/// bad byte.
pub fn utf8(bytes: &[u8]) -> Result<&str, std::str::Utf8Error> {
    simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes))
}

/// [`read_plain`] as UTF-8 text.
pub fn read_plain_text(path: &Path) -> std::io::Result<String> {
    String::from_utf8(read_plain(path)?).map_err(|e| Error::new(ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_reads_text_and_refuses_in_the_standard_library_s_words() {
        assert_eq!(utf8("l’accès « oui »".as_bytes()), Ok("l’accès « oui »"));
        assert_eq!(
            utf8(b"d\xe9j\xe0").unwrap_err().to_string(),
            "invalid utf-8 sequence of 1 bytes from index 1"
        );
    }

    #[test]
    fn plain_files_are_read_and_links_refused_with_a_reason() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("codebook.json");
        std::fs::write(&file, "{}").unwrap();
        assert_eq!(read_plain(&file).unwrap(), b"{}");
        let missing = read_plain(&dir.path().join("nope")).unwrap_err();
        assert_eq!(missing.kind(), ErrorKind::NotFound);
        #[cfg(unix)]
        {
            let outside = tempfile::NamedTempFile::new().unwrap();
            let link = dir.path().join("cases.csv");
            std::os::unix::fs::symlink(outside.path(), &link).unwrap();
            let err = read_plain(&link).unwrap_err();
            assert!(err.to_string().contains("symbolic link"), "{err}");
        }
    }
}
