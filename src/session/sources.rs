//! A source's whole life after import: deleting it (with the codings and memos that go with it,
//! listed first; an undoable step, so `Session::undo` puts it all back) and replacing
//! its text by a corrected or re-transcribed file (codings re-anchored through the diff, as for
//! hand edits; those that cannot be placed are kept as orphans and listed).
//!
//! Invariants: each operation is one transaction (text, codings, memos, manifest together);
//! nothing is dropped silently — what a delete removes is returned whole; the search index and
//! caches follow because they key on the manifest.

use super::Session;
use super::history::{Change, Step};
use super::sync::AnchorReport;
use crate::coding::{Coding, SourceText};
use crate::error::{Error, Result};
use crate::formats::sha256_hex;
use crate::memo::{self, Memo, Target};
use crate::model::SourceMeta;
use crate::project::Meta;
use crate::store::Transaction;
use std::path::Path;

/// Everything a source deletion removes, enough to put it back.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceRemoval {
    pub source: SourceMeta,
    pub text: String,
    /// Each coder's codings of the source.
    pub codings: Vec<(String, Vec<Coding>)>,
    /// Memos on the source or on one of its codings.
    pub memos: Vec<Memo>,
    /// Cases no other source or speaker uses any more, with their attributes (removed too).
    pub cases: Vec<(String, std::collections::BTreeMap<String, String>)>,
}

impl SourceRemoval {
    pub fn coding_count(&self) -> usize {
        self.codings.iter().map(|(_, l)| l.len()).sum()
    }
}

impl Session {
    /// Writes an import whose files were read beforehand (the TUI reads them on a worker
    /// thread, showing progress): labels checked, all or nothing unless `keep_going`.
    pub fn import_batch(
        &mut self,
        batch: crate::import::PreparedBatch,
        opts: &crate::import::ImportOptions,
    ) -> Result<crate::import::ImportReport> {
        let report = crate::import::commit_batch(&mut self.project, batch, opts)?;
        // Earlier steps hold manifests without the new sources: undoing them would lose them.
        if !report.imported.is_empty() {
            self.history.clear();
        }
        Ok(report)
    }

    /// Imports the open answers of a table (`import-table`): sources, respondents' cases and
    /// attributes in one transaction. Earlier steps are forgotten, as for any import.
    pub fn import_table(
        &mut self,
        path: &Path,
        opts: &crate::import::table::TableOptions,
    ) -> Result<crate::import::table::TableReport> {
        let report = crate::import::table::import_table(&mut self.project, path, opts)?;
        self.history.clear();
        Ok(report)
    }

    /// What deleting `source` would remove (for the confirmation), without removing it.
    pub fn source_removal(&self, source: &str) -> Result<SourceRemoval> {
        let meta = self.project.source(source)?.clone();
        let text = self.text(meta.id)?.text.clone();
        let codings: Vec<(String, Vec<Coding>)> = self
            .codings
            .by_coder
            .iter()
            .filter_map(|(coder, m)| {
                let l = m.get(&meta.id)?;
                (!l.is_empty()).then(|| (coder.clone(), l.clone()))
            })
            .collect();
        let coding_ids: Vec<crate::ids::CodingId> = codings
            .iter()
            .flat_map(|(_, l)| l.iter().map(|c| c.id))
            .collect();
        let memos = self
            .memos()?
            .into_iter()
            .filter(|m| match m.target {
                Target::Source(s) => s == meta.id,
                Target::Coding(c) => coding_ids.contains(&c),
                _ => false,
            })
            .collect();
        let mut mine: Vec<&str> = vec![meta.case.as_str()];
        mine.extend(meta.speakers.iter().filter_map(|s| s.case.as_deref()));
        let others: Vec<&str> = self
            .project
            .manifest
            .sources
            .iter()
            .filter(|s| s.id != meta.id)
            .flat_map(|s| {
                std::iter::once(s.case.as_str())
                    .chain(s.speakers.iter().filter_map(|sp| sp.case.as_deref()))
            })
            .collect();
        let mut cases: Vec<(String, std::collections::BTreeMap<String, String>)> = Vec::new();
        for case in mine {
            if !others.contains(&case)
                && !cases.iter().any(|(c, _)| c == case)
                && let Some(row) = self.project.cases.rows.get(case)
            {
                cases.push((case.to_owned(), row.clone()));
            }
        }
        Ok(SourceRemoval {
            source: meta,
            text,
            codings,
            memos,
            cases,
        })
    }

    /// Deletes a source, its codings (every coder's) and the memos on it or its codings, in one
    /// transaction, as an undoable step (undo puts it all back). Returns what was removed.
    pub fn delete_source(&mut self, source: &str) -> Result<SourceRemoval> {
        self.project.ensure_writer()?;
        let removal = self.source_removal(source)?;
        let step = Step {
            label: "source.delete".into(),
            changes: vec![Change::Source {
                removal: Box::new(removal.clone()),
                present_after: false,
            }],
        };
        self.commit(step, &[removal.source.id.to_string()])?;
        Ok(removal)
    }

    /// Puts back a deleted source with its codings and memos, as an undoable step (for a
    /// deletion made outside this session's history).
    pub fn restore_source(&mut self, removal: &SourceRemoval) -> Result<()> {
        self.project.ensure_writer()?;
        let step = Step {
            label: "source.restore".into(),
            changes: vec![Change::Source {
                removal: Box::new(removal.clone()),
                present_after: true,
            }],
        };
        self.commit(step, &[removal.source.id.to_string()])
    }

    /// Stages removing the source of `removal` (`present` false) or putting it back (true):
    /// its text and anchored copy, codings, memos, and the manifest and cases that result,
    /// which are returned.
    pub(super) fn stage_source(
        &self,
        txn: &mut Transaction,
        removal: &SourceRemoval,
        present: bool,
    ) -> Result<Meta> {
        let id = removal.source.id;
        let root = self.root().to_owned();
        let sources = &self.project.manifest.sources;
        let mut meta = self.project.meta();
        if present {
            if sources.iter().any(|s| s.id == id) {
                return Err(Error::Invalid(format!(
                    "source {} is already in the project",
                    removal.source.label
                )));
            }
            if sources.iter().any(|s| s.label == removal.source.label) {
                return Err(Error::Invalid(format!(
                    "a source is already labelled '{}'; rename it before restoring",
                    removal.source.label
                )));
            }
            txn.write(&root.join(&removal.source.file), removal.text.as_bytes())?;
            txn.write(
                &crate::paths::anchored_text(&root, id),
                removal.text.as_bytes(),
            )?;
            for (coder, list) in &removal.codings {
                crate::coding::stage_list(txn, coder, id, list)?;
            }
            for m in &removal.memos {
                memo::stage(txn, m)?;
            }
            meta.manifest.sources.push(removal.source.clone());
            for (case, row) in &removal.cases {
                meta.cases.rows.insert(case.clone(), row.clone());
            }
        } else {
            if !sources.iter().any(|s| s.id == id) {
                return Err(Error::Invalid(format!(
                    "source {} is no longer in the project",
                    removal.source.label
                )));
            }
            txn.remove(&root.join(&removal.source.file))?;
            txn.remove(&crate::paths::anchored_text(&root, id))?;
            for (coder, _) in &removal.codings {
                crate::coding::stage_list(txn, coder, id, &[])?;
            }
            for m in &removal.memos {
                memo::stage_delete(txn, m.id)?;
            }
            meta.manifest.sources.retain(|s| s.id != id);
            for (case, _) in &removal.cases {
                meta.cases.rows.remove(case);
            }
        }
        self.project.stage_meta(txn, &meta)?;
        Ok(meta)
    }

    /// Takes in memory what [`Session::stage_source`] staged, once committed.
    pub(super) fn take_source(&mut self, removal: &SourceRemoval, present: bool, meta: Meta) {
        let id = removal.source.id;
        self.project.set_meta(meta);
        for (coder, list) in &removal.codings {
            let list = if present { list.clone() } else { Vec::new() };
            self.codings.set_list(coder, id, list);
        }
        self.forget_text(id);
        let memos = self.memos.get_mut().unwrap_or_else(|e| e.into_inner());
        match memos {
            Some(all) if !present => all.retain(|m| !removal.memos.iter().any(|r| r.id == m.id)),
            _ => *memos = None,
        }
    }

    /// Replaces a source's text by a new file's (read and converted as at import), moving every
    /// coding through the diff of the two texts. Returns where each coding went.
    pub fn replace_source(&mut self, source: &str, file: &Path) -> Result<AnchorReport> {
        self.project.ensure_writer()?;
        let meta = self.project.source(source)?.clone();
        let prepared = crate::import::prepare_file(file)?;
        let old = self.text(meta.id)?;
        if prepared.text == old.text {
            return Err(Error::bad_input(
                file,
                format!(
                    "has the same text as source {}: nothing to replace",
                    meta.label
                ),
            ));
        }
        let new = SourceText::new(prepared.text.clone());
        let saved_codings = self.codings.clone();
        let mut report = AnchorReport::default();
        self.reanchor_source(meta.id, &meta.label, Some(&old.text), &new, &mut report);
        let detection = crate::text::turns::Detection {
            convention: prepared.convention.clone(),
            speakers: crate::text::turns::describe_as(
                &prepared.text,
                prepared.speakers.iter().map(|s| s.name.clone()).collect(),
                &prepared.convention,
            ),
            note: None,
        };
        let speakers =
            super::speakers::merged_speakers(&meta.speakers, &detection, meta.kind, &meta.label);
        let root = self.root().to_owned();
        let before = self.project.manifest.clone();
        let result = self.project.transaction().and_then(|mut txn| {
            txn.write(&root.join(&meta.file), prepared.text.as_bytes())?;
            txn.write(
                &crate::paths::anchored_text(&root, meta.id),
                prepared.text.as_bytes(),
            )?;
            let coders: Vec<String> = self.codings.by_coder.keys().cloned().collect();
            for coder in coders {
                self.codings.stage(&mut txn, &coder, meta.id)?;
            }
            let m = self.project.source_by_id_mut(meta.id);
            m.sha256 = sha256_hex(prepared.text.as_bytes());
            m.size = prepared.text.len() as u64;
            m.imported_from = prepared.file_name.clone();
            m.imported_at = crate::journal::now_rfc3339();
            m.speakers = speakers;
            m.convention = prepared.convention.clone();
            self.project.stage_manifest(&mut txn)?;
            self.project
                .commit(txn, "source.replace", &[meta.id.to_string()])
        });
        if let Err(e) = result {
            self.project.manifest = before;
            self.codings = saved_codings;
            return Err(e);
        }
        self.forget_text(meta.id);
        self.history.clear();
        Ok(report)
    }
}

#[cfg(test)]
mod tests;
