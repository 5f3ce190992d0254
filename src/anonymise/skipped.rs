//! Names skipped in review: candidates the researcher looked at and chose not to put in the key
//! (a common word in capitals, a drug, a public figure), so `anonymise suggest` and the TUI
//! review list do not propose them again. Kept beside the key (`<id>.csv` → `<id>.skipped.txt`),
//! outside the project like it: one name a line, `#` lines are comments.
//!
//! Invariants: names are compared folded (case, accents, apostrophes), whole — skipping
//! `Dr Martin` does not skip `Martin`; the file is written atomically, names sorted by their
//! folded form, so it is deterministic and diffs well; a missing file is an empty list.

use super::fold::fold;
use super::suggest::Candidate;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The skipped names, sorted by folded name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    /// (folded, as written), sorted by folded, unique.
    names: Vec<(String, String)>,
}

const HEADER: &str = "# Names skipped in review: `verbatim anonymise suggest` does not propose them again (--show-skipped lists them).\n";

/// The file beside a key file: `k.csv` → `k.skipped.txt`.
pub fn path_beside(key: &Path) -> PathBuf {
    key.with_extension("skipped.txt")
}

impl Skipped {
    /// Reads the list; a missing file is an empty list.
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(Error::io("could not read", path, e)),
        };
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| Error::bad_input(path, "the skipped names are not UTF-8 text"))?;
        let mut s = Self::default();
        for line in crate::text::normalize(text).lines() {
            if !line.trim_start().starts_with('#') {
                s.add(line);
            }
        }
        Ok(s)
    }

    /// Writes the list atomically, creating its folder.
    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("could not create", dir, e))?;
        }
        let mut text = String::from(HEADER);
        for (_, name) in &self.names {
            text.push_str(name);
            text.push('\n');
        }
        crate::store::write_atomic(path, text.as_bytes())
    }

    /// Adds a name; false when it is empty or already there.
    pub fn add(&mut self, name: &str) -> bool {
        let name = name.trim();
        let folded = fold(name);
        if folded.trim().is_empty() {
            return false;
        }
        match self.names.binary_search_by(|(f, _)| f.cmp(&folded)) {
            Ok(_) => false,
            Err(i) => {
                self.names.insert(i, (folded, name.to_owned()));
                true
            }
        }
    }

    /// Removes a name (matched folded); false when it was not there.
    pub fn remove(&mut self, name: &str) -> bool {
        let folded = fold(name.trim());
        match self.names.binary_search_by(|(f, _)| f.cmp(&folded)) {
            Ok(i) => {
                self.names.remove(i);
                true
            }
            Err(_) => false,
        }
    }

    pub fn contains(&self, name: &str) -> bool {
        let folded = fold(name.trim());
        self.names.binary_search_by(|(f, _)| f.cmp(&folded)).is_ok()
    }

    /// The names as written, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|(_, n)| n.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Leaves out the candidates that were skipped; returns how many were.
    pub fn leave_out(&self, candidates: &mut Vec<Candidate>) -> usize {
        let before = candidates.len();
        candidates.retain(|c| !self.contains(&c.text));
        before - candidates.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymise::Kind;

    fn candidate(text: &str) -> Candidate {
        Candidate {
            text: text.into(),
            kind: Kind::Capitalised,
            count: 1,
            source: "E01".into(),
            example: String::new(),
        }
    }

    #[test]
    fn names_match_folded_and_whole() {
        let mut s = Skipped::default();
        assert!(s.add("Dr Martin"));
        assert!(!s.add("dr MARTIN"), "the same name folded");
        assert!(s.add("Hôtel-Dieu"));
        assert!(!s.add("  "));
        assert!(s.contains("HOTEL-DIEU") && s.contains("dr martin"));
        assert!(
            !s.contains("Martin"),
            "a part of a skipped name is not skipped"
        );
        let mut found = vec![
            candidate("Martin"),
            candidate("Dr Martin"),
            candidate("Paul"),
        ];
        assert_eq!(s.leave_out(&mut found), 1);
        let left: Vec<&str> = found.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(left, ["Martin", "Paul"]);
        assert!(s.remove("DR martin") && !s.remove("Dr Martin"));
    }

    #[test]
    fn saved_sorted_beside_the_key_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_beside(&dir.path().join("keys").join("id.csv"));
        assert_eq!(path.file_name().unwrap(), "id.skipped.txt");
        assert!(Skipped::load(&path).unwrap().is_empty());
        let mut s = Skipped::default();
        for n in ["Zoé", "Élodie", "CHU", "l’Aubépine"] {
            s.add(n);
        }
        s.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# Names skipped"));
        assert!(text.ends_with("CHU\nÉlodie\nl’Aubépine\nZoé\n"), "{text}");
        assert_eq!(Skipped::load(&path).unwrap(), s);
        std::fs::write(&path, b"\xff\n").unwrap();
        let err = Skipped::load(&path).unwrap_err().to_string();
        assert!(err.contains("not UTF-8"), "{err}");
    }
}
