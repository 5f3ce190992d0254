//! The pseudonymisation key: which original (a person, place, organisation…) becomes which
//! pseudonym. Stored as CSV (`original,pseudonym,category,whole_word`), by default outside the
//! project, in the user data folder under the project id (`<data>/keys/<project-id>.csv`), so it
//! never lands in git or an export.
//!
//! Invariants: originals are unique once folded (case, accents, apostrophes); no pseudonym holds
//! an original of the key (so applying the key twice changes nothing more); the file is written
//! atomically, entries sorted by folded original, so it diffs well.

use super::matcher::{Matcher, fold};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// What an original names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Category {
    Person,
    Place,
    Organisation,
    #[default]
    Other,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Place => "place",
            Self::Organisation => "organisation",
            Self::Other => "other",
        }
    }
}

impl std::str::FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_lowercase().as_str() {
            "person" | "personne" => Ok(Self::Person),
            "place" | "lieu" => Ok(Self::Place),
            "organisation" | "organization" | "structure" => Ok(Self::Organisation),
            "other" | "autre" | "" => Ok(Self::Other),
            _ => Err(format!(
                "unknown category '{s}' (expected person, place, organisation or other)"
            )),
        }
    }
}

/// One line of the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub original: String,
    pub pseudonym: String,
    pub category: Category,
    /// Match whole words only (the default); `false` also replaces inside longer words.
    pub whole_word: bool,
}

/// A key: its entries, sorted by folded original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Key {
    entries: Vec<Entry>,
}

const HEADER: [&str; 4] = ["original", "pseudonym", "category", "whole_word"];

/// Where a project's key lives by default: `<data>/keys/<project-id>.csv`.
pub fn default_path(project_id: uuid::Uuid) -> Result<PathBuf> {
    let dirs = crate::config::Dirs::locate()?;
    Ok(dirs.data.join("keys").join(format!("{project_id}.csv")))
}

impl Key {
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn matcher(&self) -> Matcher {
        Matcher::new(self)
    }

    /// Reads a key file; a missing file is an empty key.
    pub fn load(path: &Path) -> Result<Self> {
        match std::fs::read(path) {
            Ok(bytes) => Self::from_csv(path, &bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(Error::io("could not read", path, e)),
        }
    }

    /// Parses CSV (with or without the header line; `,` or `;` separated, BOM allowed).
    pub fn from_csv(path: &Path, bytes: &[u8]) -> Result<Self> {
        let text = std::str::from_utf8(bytes)
            .map_err(|_| Error::bad_input(path, "the key is not UTF-8 text"))?;
        let text = crate::text::normalize(text);
        let first = text.lines().next().unwrap_or("");
        let delimiter = if first.contains(';') && !first.contains(',') {
            b';'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        // Each line's entry, in order; reading stops at the first line that is not one.
        let mut lines: Vec<(usize, Result<Entry>)> = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let line = i + 1;
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let e = Error::bad_input(path, format!("line {line} is not valid CSV ({e})"));
                    lines.push((line, Err(e)));
                    break;
                }
            };
            let cell = |n: usize| record.get(n).map(str::trim).unwrap_or("");
            if line == 1 && cell(0).eq_ignore_ascii_case("original") {
                continue;
            }
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let entry =
                parse_entry(&cell).map_err(|e| Error::bad_input(path, format!("line {line}: {e}")));
            let bad = entry.is_err();
            lines.push((line, entry));
            if bad {
                break;
            }
        }
        if lines.iter().all(|(_, e)| e.is_ok()) {
            let entries: Vec<Entry> = lines
                .iter()
                .filter_map(|(_, e)| e.as_ref().ok().cloned())
                .collect();
            if let Some(key) = Self::all_at_once(entries) {
                return Ok(key);
            }
        }
        // Added one by one, for the first error, on the line where it arises.
        let mut key = Self::default();
        for (line, entry) in lines {
            key.add(entry?)
                .map_err(|e| Error::bad_input(path, format!("line {line}: {e}")))?;
        }
        Ok(key)
    }

    /// The key made by adding `entries` in order, when none is refused and no two are alike
    /// once folded; `None` otherwise. Then adding them one by one gives this key (no entry
    /// replaces another, and a pseudonym holding an original of some of the entries holds one
    /// of all of them), with one matcher built to check the pseudonyms instead of one per entry.
    fn all_at_once(entries: Vec<Entry>) -> Option<Self> {
        let mut entries: Vec<(String, Entry)> = entries
            .into_iter()
            .map(normalized)
            .map(|e| (fold(&e.original), e))
            .collect();
        if entries.iter().any(|(_, e)| refused(e).is_some()) {
            return None;
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        if entries.windows(2).any(|w| w[0].0 == w[1].0) {
            return None;
        }
        let entries: Vec<Entry> = entries.into_iter().map(|(_, e)| e).collect();
        let matcher = Matcher::for_few_texts(entries.clone());
        if entries
            .iter()
            .any(|e| !matcher.find(&e.pseudonym).is_empty())
        {
            return None;
        }
        Some(Self { entries })
    }

    /// The key as CSV, header first, entries sorted.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        w.write_record(HEADER).expect("in memory");
        for e in &self.entries {
            let whole = if e.whole_word { "yes" } else { "no" };
            w.write_record([&e.original, &e.pseudonym, e.category.as_str(), whole])
                .expect("in memory");
        }
        w.into_inner().expect("in memory")
    }

    /// Writes the key atomically, creating its folder.
    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("could not create", dir, e))?;
        }
        crate::store::write_atomic(path, &self.to_csv())
    }

    /// Adds an entry, or replaces the one with the same original. Refuses an empty original or
    /// pseudonym, and a pseudonym that holds an original (it would be replaced again).
    pub fn add(&mut self, entry: Entry) -> std::result::Result<(), String> {
        let entry = normalized(entry);
        if let Some(refusal) = refused(&entry) {
            return Err(refusal);
        }
        let folded = fold(&entry.original);
        let mut next = self.clone();
        next.entries.retain(|e| fold(&e.original) != folded);
        next.entries.push(entry);
        next.entries.sort_by_key(|e| fold(&e.original));
        let matcher = Matcher::for_few_texts(next.entries.clone());
        for e in &next.entries {
            if let Some(hit) = matcher.find(&e.pseudonym).first() {
                let other = &next.entries[hit.entry].original;
                return Err(format!(
                    "the pseudonym '{}' (for '{}') contains the original '{other}', so it would be replaced again; choose another pseudonym",
                    e.pseudonym, e.original
                ));
            }
        }
        *self = next;
        Ok(())
    }

    /// Removes the entry for an original (matched folded); false when there was none.
    pub fn remove(&mut self, original: &str) -> bool {
        let folded = fold(original.trim());
        let before = self.entries.len();
        self.entries.retain(|e| fold(&e.original) != folded);
        self.entries.len() != before
    }

    /// Adds every entry of `other` (replacing same originals); returns how many were added.
    pub fn merge(&mut self, other: &Key) -> std::result::Result<usize, String> {
        for e in &other.entries {
            self.add(e.clone())?;
        }
        Ok(other.entries.len())
    }
}

/// One line's entry from its cells (original, pseudonym, category, whole word).
fn parse_entry<'a>(cell: &impl Fn(usize) -> &'a str) -> std::result::Result<Entry, String> {
    let category = cell(2).parse()?;
    let whole_word = match cell(3).to_lowercase().as_str() {
        "" | "yes" | "oui" | "true" | "1" => true,
        "no" | "non" | "false" | "0" => false,
        other => return Err(format!("whole_word is '{other}', expected yes or no")),
    };
    Ok(Entry {
        original: cell(0).to_owned(),
        pseudonym: cell(1).to_owned(),
        category,
        whole_word,
    })
}

/// The entry as stored: original and pseudonym trimmed and normalised.
fn normalized(entry: Entry) -> Entry {
    Entry {
        original: crate::text::normalize(entry.original.trim()),
        pseudonym: crate::text::normalize(entry.pseudonym.trim()),
        ..entry
    }
}

/// Why a (normalised) entry is refused on its own, if it is.
fn refused(entry: &Entry) -> Option<String> {
    if entry.original.is_empty() {
        return Some("the original is empty".into());
    }
    if fold(&entry.original).trim().is_empty() {
        // Only accents or marks: folded, it would match everywhere.
        return Some(format!(
            "the original '{}' has no letter, digit or sign to match",
            entry.original
        ));
    }
    if entry.pseudonym.is_empty() {
        return Some(format!("the pseudonym for '{}' is empty", entry.original));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(o: &str, p: &str) -> Entry {
        Entry {
            original: o.into(),
            pseudonym: p.into(),
            category: Category::Person,
            whole_word: true,
        }
    }

    #[test]
    fn csv_round_trip_sorted_by_folded_original() {
        let mut key = Key::default();
        key.add(entry("Orléans", "Ville-A")).unwrap();
        key.add(entry("Dr Martin", "Dr B")).unwrap();
        key.add(Entry {
            category: Category::Organisation,
            whole_word: false,
            ..entry("CPTS Loire", "CPTS X")
        })
        .unwrap();
        let csv = String::from_utf8(key.to_csv()).unwrap();
        assert_eq!(
            csv,
            "original,pseudonym,category,whole_word\nCPTS Loire,CPTS X,organisation,no\nDr Martin,Dr B,person,yes\nOrléans,Ville-A,person,yes\n"
        );
        let back = Key::from_csv(Path::new("k.csv"), csv.as_bytes()).unwrap();
        assert_eq!(back, key);
    }

    #[test]
    fn same_original_in_other_case_replaces_the_entry() {
        let mut key = Key::default();
        key.add(entry("Orléans", "Ville-A")).unwrap();
        key.add(entry("ORLEANS", "Ville-B")).unwrap();
        assert_eq!(key.entries().len(), 1);
        assert_eq!(key.entries()[0].pseudonym, "Ville-B");
        assert!(key.remove("orleans"));
        assert!(key.is_empty());
        assert!(!key.remove("orleans"));
    }

    #[test]
    fn refuses_pseudonyms_that_would_be_replaced_again() {
        let mut key = Key::default();
        key.add(entry("Martin", "Bernard")).unwrap();
        let err = key.add(entry("Bernard", "Claude")).unwrap_err();
        assert!(err.contains("contains the original 'Bernard'"), "{err}");
        assert!(key.add(entry("Dupont", "Dupont-Martin")).is_err());
        assert!(key.add(entry("", "x")).is_err());
        let err = key.add(entry("\u{301}\u{300}", "x")).unwrap_err();
        assert!(err.contains("has no letter"), "{err}");
        assert!(key.add(entry("x", " ")).is_err());
        assert_eq!(key.entries().len(), 1);
    }

    #[test]
    fn reads_semicolons_bom_crlf_and_french_words_and_names_bad_lines() {
        let text = "\u{feff}original;pseudonym;category;whole_word\r\nMme Leroy;Mme A;personne;oui\r\nSaint-Jean;Ville-B;lieu;non\r\n";
        let key = Key::from_csv(Path::new("k.csv"), text.as_bytes()).unwrap();
        assert_eq!(key.entries().len(), 2);
        assert_eq!(key.entries()[0].category, Category::Person);
        assert!(!key.entries()[1].whole_word);
        let err = Key::from_csv(Path::new("k.csv"), b"a,b,person,maybe\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "k.csv: line 1: whole_word is 'maybe', expected yes or no"
        );
        let err = Key::from_csv(Path::new("k.csv"), b"a,b,colour\n").unwrap_err();
        assert!(
            err.to_string().contains("line 1: unknown category"),
            "{err}"
        );
    }

    proptest::proptest! {
        /// Reading a key at once gives what adding its lines one by one gives: the same key,
        /// or the same first error on the same line.
        #[test]
        fn a_key_read_at_once_is_the_key_added_line_by_line(
            lines in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "Martin", "MARTIN", "Orléans", "orleans", "Bernard", "Dupont", "\u{301}",
                        "", "Saint-Jean", "Jean",
                    ]),
                    proptest::sample::select(vec![
                        "Bernard", "Ville-A", "Claude", "Dupont-X", "Jean-Paul", "", "P1",
                    ]),
                    proptest::sample::select(vec!["person", "lieu", "", "colour"]),
                    proptest::sample::select(vec!["yes", "non", "", "maybe"]),
                ),
                0..8,
            )
        ) {
            let csv: String = lines
                .iter()
                .map(|(o, p, c, w)| format!("{o},{p},{c},{w}\n"))
                .collect();
            let path = Path::new("k.csv");
            let mut expected = Ok(Key::default());
            for (i, (o, p, c, w)) in lines.iter().enumerate() {
                let line = i + 1;
                let Ok(key) = &mut expected else { break };
                if [o, p, c, w].iter().all(|x| x.is_empty()) {
                    continue;
                }
                let cells = [*o, *p, *c, *w];
                let added = parse_entry(&|n: usize| cells[n])
                    .and_then(|e| key.add(e))
                    .map_err(|e| format!("k.csv: line {line}: {e}"));
                if let Err(e) = added {
                    expected = Err(e);
                }
            }
            let got = Key::from_csv(path, csv.as_bytes()).map_err(|e| e.to_string());
            proptest::prop_assert_eq!(got, expected);
        }
    }
}
