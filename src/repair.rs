//! What `verbatim check` finds beyond anchoring, and what `check --repair` fixes: codings on a
//! node that is not in the codebook (moved to a `Lost and found` node, undoable), files no
//! manifest entry refers to (transcripts in `sources/`, codings of an unknown source), case
//! rows no source or speaker refers to, and a codebook beyond the limits.
//!
//! Invariants: nothing is removed without `yes`; each repair is one transaction with its own
//! journal line; coding text is never dropped (lost codings keep their range and quote).

use crate::coding::Coding;
use crate::error::Result;
use crate::ids::{NodeId, SourceId};
use crate::session::{Change, Session, Step};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The name of the node that receives codings whose node is gone.
pub const LOST_AND_FOUND: &str = "Lost and found";

/// What a scan found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    /// (coder, source) → number of codings on a node that is not in the codebook.
    pub lost_codings: BTreeMap<(String, SourceId), usize>,
    /// Files (relative to the project) that nothing refers to.
    pub unreferenced_files: Vec<PathBuf>,
    /// Rows of `cases.csv` that no source or speaker refers to.
    pub orphan_cases: Vec<String>,
    /// The codebook breaks a limit (written by an older verbatim).
    pub codebook: Option<String>,
}

impl Findings {
    pub fn is_empty(&self) -> bool {
        self.lost_codings.is_empty()
            && self.unreferenced_files.is_empty()
            && self.orphan_cases.is_empty()
            && self.codebook.is_none()
    }

    /// One line per problem, for `check`.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let lost: usize = self.lost_codings.values().sum();
        if lost > 0 {
            out.push(format!(
                "{lost} coding(s) refer to a node that is not in the codebook (`check --repair` moves them to '{LOST_AND_FOUND}')"
            ));
        }
        for f in &self.unreferenced_files {
            out.push(format!(
                "{}: no source refers to this file (`check --repair --yes` removes it)",
                f.display()
            ));
        }
        for c in &self.orphan_cases {
            out.push(format!(
                "cases.csv: case '{}' is not used by any source or speaker (`check --repair --yes` removes it)",
                crate::limits::shown(c)
            ));
        }
        if let Some(c) = &self.codebook {
            out.push(format!("codebook.json: {c}"));
        }
        out
    }
}

/// Looks for what `check --repair` can fix.
pub fn scan(s: &Session) -> Result<Findings> {
    let mut out = Findings::default();
    let known: BTreeSet<SourceId> = s.project().manifest.sources.iter().map(|m| m.id).collect();
    let nodes: BTreeSet<NodeId> = s.codebook().all_ids().into_iter().collect();
    for (coder, source, c) in s.codings().all() {
        if known.contains(&source) && !nodes.contains(&c.node) {
            *out.lost_codings
                .entry((coder.to_owned(), source))
                .or_default() += 1;
        }
    }
    let root = s.root();
    let files: BTreeSet<PathBuf> = s
        .project()
        .manifest
        .sources
        .iter()
        .map(|m| PathBuf::from(&m.file))
        .collect();
    for f in list_files(&crate::paths::sources_dir(root)) {
        let rel = PathBuf::from(crate::paths::SOURCES).join(&f);
        if !files.contains(&rel) {
            out.unreferenced_files.push(rel);
        }
    }
    for coder in list_dirs(&crate::paths::codings_dir(root)) {
        for f in list_files(&crate::paths::coder_dir(root, &coder)) {
            let id = f
                .strip_suffix(".jsonl")
                .and_then(|stem| SourceId::parse_str(stem).ok());
            if id.is_some_and(|id| !known.contains(&id)) {
                out.unreferenced_files
                    .push(PathBuf::from(crate::paths::CODINGS).join(&coder).join(&f));
            }
        }
    }
    let referenced: BTreeSet<&str> = s.project().referenced_cases().collect();
    out.orphan_cases = s
        .project()
        .cases
        .rows
        .keys()
        .filter(|c| !referenced.contains(c.as_str()))
        .cloned()
        .collect();
    out.codebook = s.codebook().check_limits().err();
    Ok(out)
}

/// What a repair did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Repaired {
    /// Codings moved to the Lost and found node.
    pub moved_to_lost_and_found: usize,
    /// Files removed (with `yes`).
    pub removed_files: Vec<PathBuf>,
    /// Case rows removed (with `yes`).
    pub removed_cases: Vec<String>,
}

/// Repairs what can be repaired safely: lost codings always (an undoable step); unreferenced
/// files and orphan case rows only when `yes`.
pub fn repair(s: &mut Session, found: &Findings, yes: bool) -> Result<Repaired> {
    let mut done = Repaired::default();
    if !found.lost_codings.is_empty() {
        done.moved_to_lost_and_found = lost_and_found(s, found)?;
    }
    if yes && (!found.unreferenced_files.is_empty() || !found.orphan_cases.is_empty()) {
        s.remove_unreferenced(&found.unreferenced_files, &found.orphan_cases)?;
        done.removed_files = found.unreferenced_files.clone();
        done.removed_cases = found.orphan_cases.clone();
    }
    Ok(done)
}

fn lost_and_found(s: &mut Session, found: &Findings) -> Result<usize> {
    let mut codebook = s.codebook().clone();
    let target = match codebook.resolve(LOST_AND_FOUND) {
        Ok(id) => id,
        Err(_) => codebook.add_path(LOST_AND_FOUND)?.0,
    };
    let mut changes = Vec::new();
    if codebook != *s.codebook() {
        changes.push(Change::Codebook {
            before: Box::new(s.codebook().clone()),
            after: Box::new(codebook.clone()),
        });
    }
    let mut moved = 0;
    for (coder, source) in found.lost_codings.keys() {
        let before: Vec<Coding> = s.codings().list(coder, *source).to_vec();
        let after: Vec<Coding> = before
            .iter()
            .cloned()
            .map(|mut c| {
                if codebook.node(c.node).is_none() {
                    c.node = target;
                    moved += 1;
                }
                c
            })
            .collect();
        changes.push(Change::Codings {
            coder: coder.clone(),
            source: *source,
            before,
            after,
        });
    }
    s.commit(
        Step {
            label: "check.repair.lost-and-found".into(),
            changes,
        },
        &[target.to_string()],
    )?;
    Ok(moved)
}

fn list_files(dir: &std::path::Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    out.sort();
    out
}

fn list_dirs(dir: &std::path::Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}
