//! Codings: a node applied to a range of a source by a coder, stored one per line in
//! `codings/<coder>/<source-id>.jsonl`, sorted by (start, end, node); [`anchor`] places them again
//! when a text changed (anchoring lives beside the codings it serves).
//!
//! Ranges come in as [`crate::text::CharRange`] ([`apply`], [`uncode`], [`make_coding`],
//! [`SourceText::check_range`]); a stored coding keeps plain numbers (its JSON line) and gives
//! its range with [`Coding::range`].
//!
//! Invariants: offsets are code points, end exclusive, `start < end <= text length` for every
//! coding that is not orphaned; `quote` is exactly the coded text and `before`/`after` are up to
//! 40 code points of context; an orphaned coding is kept with its last known range, never dropped.

pub mod anchor;
mod apply_all;
mod ops;
mod stored;

pub use apply_all::{apply_all, apply_each};
pub use ops::{SourceText, apply, make_coding, refresh as ops_refresh, uncode};

use crate::error::{Error, Result};
use crate::ids::{CodingId, NodeId, SourceId};
use crate::store;
use crate::text::CharRange;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// How many code points of context a coding keeps on each side.
pub const CONTEXT: usize = 40;

/// Whether a coding could be placed in its source's current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Orphaned,
}

/// One coding, as stored (read by the hand-written reader in `coding/stored.rs`, which keeps unknown
/// keys as fast as the derived one would drop them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coding {
    pub id: CodingId,
    pub node: NodeId,
    pub start: usize,
    pub end: usize,
    pub quote: String,
    #[serde(default)]
    pub before: String,
    #[serde(default)]
    pub after: String,
    #[serde(default)]
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Keys this build does not know, written back after the others.
    #[serde(flatten)]
    pub extra: crate::model::Extra,
}

impl Coding {
    pub fn is_orphaned(&self) -> bool {
        self.status == Some(Status::Orphaned)
    }

    /// Its range in code points.
    pub fn range(&self) -> CharRange {
        CharRange::new(self.start, self.end)
    }
}

/// Every coding of a project: coder → source id → codings (sorted).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Codings {
    pub by_coder: BTreeMap<String, BTreeMap<SourceId, Vec<Coding>>>,
}

impl Codings {
    /// Reads `codings/*/*.jsonl`. A line that does not parse is an error naming file and line.
    /// The files are read and parsed in parallel (on a coded project, the largest part of
    /// opening it); the error reported is the first in listing order, as when read in turn.
    pub fn load(root: &Path) -> Result<Self> {
        use rayon::prelude::*;
        let dir = crate::paths::codings_dir(root);
        let mut out = Self::default();
        let Ok(coders) = std::fs::read_dir(&dir) else {
            return Ok(out);
        };
        let mut files: Vec<(String, SourceId, std::path::PathBuf)> = Vec::new();
        for coder in coders.filter_map(|e| e.ok()).filter(|e| e.path().is_dir()) {
            let name = coder.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            for file in std::fs::read_dir(coder.path())
                .map_err(|e| Error::io("could not read folder", &coder.path(), e))?
            {
                let path = file
                    .map_err(|e| Error::io("could not read folder", &coder.path(), e))?
                    .path();
                if let Some(source) = source_of_file(&path) {
                    files.push((name.clone(), source, path));
                }
            }
        }
        let lists: Vec<Result<Vec<Coding>>> = files
            .par_iter()
            .map(|(_, _, path)| read_jsonl(path))
            .collect();
        for ((name, source, _), list) in files.into_iter().zip(lists) {
            let list = list?;
            if !list.is_empty() {
                out.by_coder.entry(name).or_default().insert(source, list);
            }
        }
        Ok(out)
    }

    /// The codings of one coder in one source.
    pub fn list(&self, coder: &str, source: SourceId) -> &[Coding] {
        self.by_coder
            .get(coder)
            .and_then(|m| m.get(&source))
            .map_or(&[], Vec::as_slice)
    }

    /// Replaces the codings of one coder in one source (in memory).
    pub fn set_list(&mut self, coder: &str, source: SourceId, mut list: Vec<Coding>) {
        sort(&mut list);
        if list.is_empty() {
            if let Some(map) = self.by_coder.get_mut(coder) {
                map.remove(&source);
                if map.is_empty() {
                    self.by_coder.remove(coder);
                }
            }
        } else {
            self.by_coder
                .entry(coder.to_owned())
                .or_default()
                .insert(source, list);
        }
    }

    /// Every coding of a source with its coder, coders in name order.
    pub fn of_source(&self, source: SourceId) -> impl Iterator<Item = (&str, &Coding)> {
        self.by_coder
            .iter()
            .filter_map(move |(coder, m)| m.get(&source).map(|l| (coder.as_str(), l)))
            .flat_map(|(coder, l)| l.iter().map(move |c| (coder, c)))
    }

    /// Every (coder, source, coding).
    pub fn all(&self) -> impl Iterator<Item = (&str, SourceId, &Coding)> {
        self.by_coder.iter().flat_map(|(coder, m)| {
            m.iter()
                .flat_map(move |(s, l)| l.iter().map(move |c| (coder.as_str(), *s, c)))
        })
    }

    pub fn count(&self) -> usize {
        self.by_coder
            .values()
            .flat_map(|m| m.values())
            .map(Vec::len)
            .sum()
    }

    /// Stages the codings of one coder in one source into a transaction (the file removed when
    /// there are none).
    pub fn stage(&self, txn: &mut store::Transaction, coder: &str, source: SourceId) -> Result<()> {
        stage_list(txn, coder, source, self.list(coder, source))
    }

    /// Saves the codings of one coder in one source (removing the file when there are none).
    pub fn save(&self, root: &Path, coder: &str, source: SourceId) -> Result<()> {
        let path = file_of(root, coder, source);
        let list = self.list(coder, source);
        if list.is_empty() {
            return match std::fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    Err(Error::io("could not remove", &path, e))
                }
                _ => Ok(()),
            };
        }
        let dir = path.parent().expect("codings/<coder>");
        std::fs::create_dir_all(dir).map_err(|e| Error::io("could not create", dir, e))?;
        store::write_atomic_with(&path, |w| {
            for c in list {
                serde_json::to_writer(&mut *w, c)?;
                w.write_all(b"\n")?;
            }
            Ok(())
        })
    }
}

/// Stages `list` (in any order) as the codings of one coder in one source.
pub fn stage_list(
    txn: &mut store::Transaction,
    coder: &str,
    source: SourceId,
    list: &[Coding],
) -> Result<()> {
    let path = file_of(txn.root(), coder, source);
    if list.is_empty() {
        return txn.remove(&path);
    }
    let mut sorted: Vec<&Coding> = list.iter().collect();
    sorted.sort_by_key(|c| sort_key(c));
    txn.write_with(&path, |w| {
        for c in sorted {
            serde_json::to_writer(&mut *w, c)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    })
}

/// Sorts codings by (start, end, node), the file order.
pub fn sort(list: &mut [Coding]) {
    list.sort_by_key(sort_key);
}

fn sort_key(c: &Coding) -> (usize, usize, NodeId, CodingId) {
    (c.start, c.end, c.node, c.id)
}

/// `codings/<coder>/<source-id>.jsonl`.
pub fn file_of(root: &Path, coder: &str, source: SourceId) -> std::path::PathBuf {
    crate::paths::codings_file(root, coder, source)
}

fn source_of_file(path: &Path) -> Option<SourceId> {
    if path.extension()? != "jsonl" {
        return None;
    }
    SourceId::parse_str(&path.file_stem()?.to_string_lossy()).ok()
}

fn read_jsonl(path: &Path) -> Result<Vec<Coding>> {
    let bytes = crate::store::read_plain(path).map_err(|e| Error::io("could not read", path, e))?;
    let text = crate::store::utf8(&bytes).map_err(|e| {
        Error::io(
            "could not read",
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        )
    })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let c: Coding = serde_json::from_str(line).map_err(|e| {
            Error::bad_input(path, format!("line {}: not a valid coding ({e})", i + 1))
        })?;
        out.push(c);
    }
    sort(&mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn codings() -> impl Strategy<Value = Vec<(usize, usize, u8, String, bool)>> {
        proptest::collection::vec(
            (
                0usize..5000,
                1usize..300,
                0u8..4,
                "\\PC{0,30}",
                any::<bool>(),
            ),
            0..60,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn no_coding_is_lost_across_save_and_load(items in codings()) {
            let dir = tempfile::tempdir().unwrap();
            let nodes: Vec<NodeId> = (0..4).map(|_| NodeId::random()).collect();
            let source = SourceId::random();
            let list: Vec<Coding> = items
                .iter()
                .map(|(s, l, n, q, orphan)| Coding {
                    id: CodingId::random(),
                    node: nodes[*n as usize],
                    start: *s,
                    end: s + l,
                    quote: q.clone(),
                    before: q.chars().rev().collect(),
                    after: format!("« {q} »\n"),
                    at: "2026-11-23T00:00:00Z".into(),
                    status: orphan.then_some(Status::Orphaned),
                    extra: Default::default(),
                })
                .collect();
            let mut store = Codings::default();
            store.set_list("sg", source, list.clone());
            store.save(dir.path(), "sg", source).unwrap();
            let loaded = Codings::load(dir.path()).unwrap();
            prop_assert_eq!(loaded.count(), list.len());
            prop_assert_eq!(&loaded, &store);
            let mut sorted = list;
            sort(&mut sorted);
            prop_assert_eq!(loaded.list("sg", source), sorted.as_slice());
        }
    }

    #[test]
    fn a_broken_line_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let source = SourceId::random();
        let path = file_of(dir.path(), "sg", source);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "\n{\"oops\": 1}\n").unwrap();
        let err = Codings::load(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains(&format!("{source}.jsonl: line 2: not a valid coding")),
            "{err}"
        );
    }

    /// Read in parallel, many files of several coders load as read one by one, and the one
    /// broken file among them is still the one named.
    #[test]
    fn many_files_of_several_coders_load_whole_and_a_broken_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Codings::default();
        for (i, coder) in ["ab", "cd", "ef"].iter().cycle().take(60).enumerate() {
            let source = SourceId::random();
            let list = (0..3)
                .map(|j| Coding {
                    id: CodingId::random(),
                    node: NodeId::random(),
                    start: i + j,
                    end: i + j + 5,
                    quote: format!("« citation {i}.{j} » d’après"),
                    before: String::new(),
                    after: String::new(),
                    at: "2026-11-30T00:00:00Z".into(),
                    status: None,
                    extra: Default::default(),
                })
                .collect();
            store.set_list(coder, source, list);
            store.save(dir.path(), coder, source).unwrap();
        }
        assert_eq!(Codings::load(dir.path()).unwrap(), store);
        let latin1 = SourceId::random();
        let path = file_of(dir.path(), "ab", latin1);
        std::fs::write(&path, b"{\"quote\": \"d\xe9j\xe0\"}\n").unwrap();
        let err = Codings::load(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains(&format!(
                "{latin1}.jsonl: invalid utf-8 sequence of 1 bytes from index 12"
            )),
            "{err}"
        );
        std::fs::remove_file(&path).unwrap();
        let broken = SourceId::random();
        let path = file_of(dir.path(), "cd", broken);
        std::fs::write(&path, "{\"id\": 3}\n").unwrap();
        let err = Codings::load(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains(&format!("{broken}.jsonl: line 1: not a valid coding")),
            "{err}"
        );
    }
}
