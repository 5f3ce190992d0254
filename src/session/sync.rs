//! Keeping codings anchored when source texts change outside verbatim. On open, each source is
//! checked by size and mtime against `.verbatim/state.json`, then by sha256 against the
//! manifest; a changed source has its codings re-anchored (through a diff with
//! `.verbatim/anchored/<id>.txt` when that copy exists, else by quote and context).
//!
//! Invariants: read-only sessions only re-anchor in memory; a writer saves the result (codings,
//! manifest sha256/size, anchored copy, state) before anything else; nothing is ever dropped —
//! what cannot be placed is marked orphaned and listed.

use super::Session;
use crate::coding::SourceText;
use crate::coding::anchor::{Placement, reanchor};
use crate::error::{Error, Result};
use crate::formats::sha256_hex;
use crate::ids::CodingId;
use crate::ids::{NodeId, SourceId};
use crate::store;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A coding named in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodingRef {
    pub coder: String,
    pub source: SourceId,
    pub label: String,
    pub id: CodingId,
    pub node: NodeId,
    pub start: usize,
    pub end: usize,
    /// For a moved coding, where it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_end: Option<usize>,
    pub quote: String,
}

/// What `verbatim check` reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AnchorReport {
    pub kept: Vec<CodingRef>,
    pub moved: Vec<CodingRef>,
    pub orphaned: Vec<CodingRef>,
    /// Problems with files: missing texts, codings of unknown sources or nodes, bad ranges.
    pub problems: Vec<String>,
    /// Sources whose text changed since the manifest was written.
    #[serde(skip)]
    pub changed: Vec<SourceId>,
    /// Sources found unchanged at open, each with the place in `kept` where its kept codings
    /// belong: they are listed by [`Session::check`] (as they are when it runs), not copied at
    /// every open — on a coded project that copy of every quote was a tenth of opening it.
    #[serde(skip)]
    pub unlisted: Vec<(usize, SourceId)>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct State {
    format: u32,
    #[serde(default)]
    sources: BTreeMap<SourceId, FileState>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FileState {
    size: u64,
    mtime_ns: u128,
    sha256: String,
}

pub fn write_anchored(root: &Path, source: SourceId, text: &str) -> Result<()> {
    let path = crate::paths::anchored_text(root, source);
    let dir = path.parent().expect("anchored folder");
    std::fs::create_dir_all(dir).map_err(|e| Error::io("could not create", dir, e))?;
    store::write_cache(&path, text.as_bytes())
}

fn state_path(root: &Path) -> PathBuf {
    crate::paths::state_file(root)
}

fn file_state(path: &Path) -> Option<(u64, u128)> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some((meta.len(), mtime))
}

impl Session {
    /// Checks every source for outside changes and re-anchors the codings of changed ones (in
    /// memory). Returns the report; `changed` lists the sources that need saving.
    pub(super) fn sync(&mut self) -> Result<AnchorReport> {
        let root = self.project.root().to_owned();
        let state: State = std::fs::read(state_path(&root))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        let mut report = AnchorReport::default();
        let sources: Vec<(SourceId, String, Result<PathBuf>, String)> = self
            .project
            .manifest
            .sources
            .iter()
            .map(|s| {
                (
                    s.id,
                    s.label.clone(),
                    self.project.source_path(s),
                    s.sha256.clone(),
                )
            })
            .collect();
        for (id, label, path, sha) in sources {
            let path = match path {
                Ok(p) => p,
                Err(e) => {
                    report.problems.push(format!("{label}: {e}"));
                    continue;
                }
            };
            let Some((size, mtime)) = file_state(&path) else {
                report.problems.push(format!(
                    "{label}: the text file {} is missing",
                    path.display()
                ));
                continue;
            };
            let cached = state.sources.get(&id);
            if cached.is_some_and(|c| c.size == size && c.mtime_ns == mtime && c.sha256 == sha) {
                self.list_unchanged(id, &label, &mut report);
                continue;
            }
            let raw = std::fs::read(&path).map_err(|e| Error::io("could not read", &path, e))?;
            if sha256_hex(&raw) == sha {
                self.list_unchanged(id, &label, &mut report);
                continue;
            }
            self.forget_text(id);
            let new = self.text(id)?;
            let old = std::fs::read_to_string(crate::paths::anchored_text(&root, id))
                .ok()
                .filter(|o| sha256_hex(o.as_bytes()) == sha);
            self.reanchor_source(id, &label, old.as_deref(), &new, &mut report);
            report.changed.push(id);
            // In memory the manifest now describes the current text (the search index keys on
            // it); a writer saves it in `save_sync`.
            let meta = self.project.source_by_id_mut(id);
            meta.sha256 = sha256_hex(new.text.as_bytes());
            meta.size = new.text.len() as u64;
        }
        let known: std::collections::HashSet<SourceId> =
            self.project.manifest.sources.iter().map(|s| s.id).collect();
        let nodes: std::collections::HashSet<NodeId> =
            self.codebook.all_ids().into_iter().collect();
        // Each coder's list of a source is looked up once (not once per coding); the problems
        // are the same, in the same order.
        for (coder, lists) in &self.codings.by_coder {
            for (source, list) in lists {
                let source_known = known.contains(source);
                for c in list {
                    if !source_known {
                        report.problems.push(format!(
                            "codings/{coder}/{source}.jsonl: no source has this id"
                        ));
                    } else if !nodes.contains(&c.node) {
                        report.problems.push(format!("codings/{coder}/{source}.jsonl: coding {} refers to node {} that is not in the codebook", c.id, c.node));
                    }
                }
            }
        }
        Ok(report)
    }

    /// An unchanged source at open: its orphaned codings are listed, its kept ones only
    /// placed (see [`AnchorReport::unlisted`]).
    fn list_unchanged(&self, source: SourceId, label: &str, report: &mut AnchorReport) {
        for (coder, c) in self.codings.of_source(source) {
            if c.is_orphaned() {
                report
                    .orphaned
                    .push(coding_ref(coder, source, label, c, None));
            }
        }
        report.unlisted.push((report.kept.len(), source));
    }

    /// Every kept coding: those listed at open, and in their places those of the sources
    /// found unchanged then, as they are now (a source deleted since has none).
    fn all_kept(&self) -> Vec<CodingRef> {
        let listed = &self.report.kept;
        let labels: std::collections::HashMap<SourceId, &str> = self
            .project
            .manifest
            .sources
            .iter()
            .map(|s| (s.id, s.label.as_str()))
            .collect();
        let mut kept = Vec::with_capacity(listed.len());
        let mut from = 0;
        for &(at, source) in &self.report.unlisted {
            kept.extend_from_slice(&listed[from..at]);
            from = at;
            let Some(label) = labels.get(&source) else {
                continue;
            };
            kept.extend(
                self.codings
                    .of_source(source)
                    .filter(|(_, c)| !c.is_orphaned())
                    .map(|(coder, c)| coding_ref(coder, source, label, c, None)),
            );
        }
        kept.extend_from_slice(&listed[from..]);
        kept
    }

    pub(super) fn reanchor_source(
        &mut self,
        source: SourceId,
        label: &str,
        old: Option<&str>,
        new: &SourceText,
        report: &mut AnchorReport,
    ) {
        let coders: Vec<String> = self.codings.by_coder.keys().cloned().collect();
        for coder in coders {
            let mut list = self.codings.list(&coder, source).to_vec();
            if list.is_empty() {
                continue;
            }
            let placements = reanchor(old, new, &mut list);
            for (c, p) in list.iter().zip(placements) {
                match p {
                    Placement::Kept => report.kept.push(coding_ref(&coder, source, label, c, None)),
                    Placement::Moved { start, end } => {
                        report
                            .moved
                            .push(coding_ref(&coder, source, label, c, Some((start, end))))
                    }
                    Placement::Orphaned => report
                        .orphaned
                        .push(coding_ref(&coder, source, label, c, None)),
                }
            }
            self.codings.set_list(&coder, source, list);
        }
    }

    /// Saves what [`Session::sync`] changed (writer only) and refreshes the state cache.
    pub(super) fn save_sync(&mut self) -> Result<()> {
        let root = self.project.root().to_owned();
        let changed = std::mem::take(&mut self.report.changed);
        if !changed.is_empty() {
            // The normalised texts, the manifest's hashes, every coder's codings and the
            // anchored copies change together or not at all: a copy or hash left behind would
            // have the next open move the codings a second time.
            let mut txn = self.project.transaction()?;
            for &id in &changed {
                let text = self.text(id)?;
                let meta = self.project.source_by_id_mut(id);
                let path = root.join(&meta.file);
                if std::fs::read(&path)
                    .map(|b| b != text.text.as_bytes())
                    .unwrap_or(true)
                {
                    txn.write(&path, text.text.as_bytes())?;
                }
                meta.sha256 = sha256_hex(text.text.as_bytes());
                meta.size = text.text.len() as u64;
                let coders: Vec<String> = self.codings.by_coder.keys().cloned().collect();
                for coder in coders {
                    self.codings.stage(&mut txn, &coder, id)?;
                }
                txn.write(
                    &crate::paths::anchored_text(&root, id),
                    text.text.as_bytes(),
                )?;
            }
            self.project.stage_manifest(&mut txn)?;
            self.project.commit(
                txn,
                "reanchor",
                &changed.iter().map(SourceId::to_string).collect::<Vec<_>>(),
            )?;
            self.history.clear();
        }
        self.write_state()
    }

    pub(super) fn write_state(&self) -> Result<()> {
        let root = self.project.root();
        let mut state = State {
            format: 1,
            sources: BTreeMap::new(),
        };
        for s in &self.project.manifest.sources {
            if let Some((size, mtime_ns)) = file_state(&root.join(&s.file)) {
                state.sources.insert(
                    s.id,
                    FileState {
                        size,
                        mtime_ns,
                        sha256: s.sha256.clone(),
                    },
                );
            }
        }
        // Unchanged (every open of an untouched project): not written again, so opening
        // writes and flushes nothing.
        let bytes = store::to_json_bytes(&state);
        if std::fs::read(state_path(root)).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        let dir = crate::paths::cache_dir(root);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("could not create", &dir, e))?;
        store::write_atomic(&state_path(root), &bytes)
    }

    /// A full check: re-reads every text and verifies every coding's range and quote.
    pub fn check(&self) -> Result<AnchorReport> {
        let mut report = self.report.clone();
        report.kept = self.all_kept();
        report.unlisted.clear();
        for s in self.project.sources() {
            let Ok(text) = self.text(s.id) else { continue };
            for (coder, c) in self.codings.of_source(s.id) {
                if c.is_orphaned() {
                    continue;
                }
                if c.start >= c.end || c.end > text.len() {
                    report.problems.push(format!("{}: coding {} of {coder} has range {}..{} outside the text ({} characters)", s.label, c.id, c.start, c.end, text.len()));
                } else if text.slice(c.start, c.end) != c.quote {
                    report.problems.push(format!(
                        "{}: coding {} of {coder} no longer matches its quote at {}..{}",
                        s.label, c.id, c.start, c.end
                    ));
                }
            }
        }
        report.problems.extend(self.stranded_memos()?);
        Ok(report)
    }

    /// One sentence per memo whose source, node or coding no longer exists (unreachable
    /// from the TUI and the exports, but kept on disk).
    fn stranded_memos(&self) -> Result<Vec<String>> {
        use crate::memo::Target;
        let codings: std::collections::HashSet<CodingId> =
            self.codings.all().map(|(_, _, c)| c.id).collect();
        Ok(self
            .memos()?
            .into_iter()
            .filter_map(|m| {
                let (kind, id) = match m.target {
                    Target::Project => return None,
                    Target::Source(id) if self.project.source(&id.to_string()).is_err() => {
                        ("source", id.0)
                    }
                    Target::Node(id) if self.codebook.node(id).is_none() => ("node", id.0),
                    Target::Coding(id) if !codings.contains(&id) => ("coding", id.0),
                    _ => return None,
                };
                Some(format!(
                    "memos/{}.md is attached to {kind} {id}, which no longer exists",
                    m.id
                ))
            })
            .collect())
    }
}

fn coding_ref(
    coder: &str,
    source: SourceId,
    label: &str,
    c: &crate::coding::Coding,
    old: Option<(usize, usize)>,
) -> CodingRef {
    CodingRef {
        coder: coder.to_owned(),
        source,
        label: label.to_owned(),
        id: c.id,
        node: c.node,
        start: c.start,
        end: c.end,
        old_start: old.map(|o| o.0),
        old_end: old.map(|o| o.1),
        quote: c.quote.clone(),
    }
}
