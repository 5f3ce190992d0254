//! Reading a `.qdpx` archive safely: every entry is checked before anything is used — no path
//! leaving the archive (`../`, absolute, drive letters, backslashes), no symbolic links, at most
//! [`MAX_FILES`] entries and [`MAX_TOTAL`] bytes once inflated (counted on the bytes actually
//! inflated, not the archive's claims) — then the one `.qde` and the files are kept in memory.
//!
//! Invariants: a refused archive is refused whole, with one sentence naming the file and the
//! entry; file lookups ignore case (`Sources/` and `sources/` are both found).

use crate::error::{Error, Result};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// Most entries an archive may have.
pub const MAX_FILES: usize = 10_000;
/// Most bytes all entries may inflate to.
pub const MAX_TOTAL: u64 = 1024 * 1024 * 1024;

/// A checked archive: its project XML and its other files.
#[derive(Debug)]
pub struct QdpxArchive {
    /// The `.qde` entry's name, as written.
    pub qde_name: String,
    pub qde: String,
    /// Lower-case entry name → bytes.
    files: HashMap<String, Vec<u8>>,
}

/// Why an entry name is unsafe, if it is.
fn unsafe_name(name: &str) -> Option<&'static str> {
    if name.contains('\0') {
        return Some("has a NUL byte in its name");
    }
    if name.starts_with('/') || name.starts_with('\\') {
        return Some("is an absolute path");
    }
    if name.len() > 1 && name.as_bytes()[1] == b':' {
        return Some("names a drive");
    }
    if name.contains('\\') {
        return Some("uses backslashes");
    }
    if name.split('/').any(|part| part == "..") {
        return Some("leaves the archive (`..`)");
    }
    None
}

impl QdpxArchive {
    /// Opens and checks `path`.
    pub fn open(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io("could not read", path, e))?;
        Self::from_bytes(path, &bytes)
    }

    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Self> {
        Self::from_bytes_limited(path, bytes, MAX_TOTAL)
    }

    /// Like [`QdpxArchive::from_bytes`] with another inflated-size limit (tests use a small one).
    pub fn from_bytes_limited(path: &Path, bytes: &[u8], max_total: u64) -> Result<Self> {
        let bad = |why: String| Error::bad_input(path, why);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| bad(format!("is not a .qdpx archive (the zip is damaged: {e})")))?;
        if zip.len() > MAX_FILES {
            return Err(bad(format!(
                "is refused: it holds {} entries (at most {MAX_FILES})",
                zip.len()
            )));
        }
        let mut files = HashMap::new();
        let mut total: u64 = 0;
        let mut qdes: Vec<String> = Vec::new();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).map_err(|e| {
                bad(format!(
                    "is not a .qdpx archive (entry {i} is damaged: {e})"
                ))
            })?;
            let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
            if let Some(why) = unsafe_name(&name) {
                return Err(bad(format!("is refused: its entry '{name}' {why}")));
            }
            if entry.is_symlink() {
                return Err(bad(format!(
                    "is refused: its entry '{name}' is a symbolic link"
                )));
            }
            if entry.is_dir() {
                continue;
            }
            let room = max_total - total;
            let mut data = Vec::new();
            (&mut entry)
                .take(room + 1)
                .read_to_end(&mut data)
                .map_err(|e| {
                    bad(format!(
                        "has an entry '{name}' that cannot be inflated: {e}"
                    ))
                })?;
            total += data.len() as u64;
            if total > max_total {
                return Err(bad(format!(
                    "is refused: it inflates to more than {} bytes",
                    max_total
                )));
            }
            if !name.contains('/') && name.to_lowercase().ends_with(".qde") {
                qdes.push(name.clone());
            }
            files.insert(name.to_lowercase(), data);
        }
        let qde_name = match qdes.len() {
            0 => return Err(bad("is not a REFI-QDA project: it has no .qde file".into())),
            1 => qdes.remove(0),
            _ => match qdes.iter().find(|q| q.eq_ignore_ascii_case("project.qde")) {
                Some(q) => q.clone(),
                None => {
                    return Err(bad(format!(
                        "holds several .qde files ({}); which one is the project is unclear",
                        qdes.join(", ")
                    )));
                }
            },
        };
        let raw = files.remove(&qde_name.to_lowercase()).unwrap_or_default();
        let raw = raw.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&raw);
        let qde = String::from_utf8(raw.to_vec())
            .map_err(|_| bad(format!("has a {qde_name} that is not UTF-8")))?;
        Ok(Self {
            qde_name,
            qde,
            files,
        })
    }

    /// The bytes of an `internal://NAME` file (looked up in `sources/`, any case).
    pub fn internal(&self, name: &str) -> Option<&[u8]> {
        let n = name.to_lowercase();
        self.files
            .get(&format!("sources/{n}"))
            .or_else(|| self.files.get(&n))
            .map(Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_names_are_recognised() {
        for bad in ["../x.txt", "sources/../../x", "/etc/passwd", "C:/x", "a\\b"] {
            assert!(unsafe_name(bad).is_some(), "{bad}");
        }
        for ok in ["project.qde", "sources/ABC.txt", "Sources/a..b.txt"] {
            assert!(unsafe_name(ok).is_none(), "{ok}");
        }
    }
}
