//! A working session on a project: the project files, the codebook, every coding and the undo
//! history, loaded together. The CLI and the TUI drive the model only through this type.
//!
//! Invariants: a writer session holds the project lock; every model change is saved at once,
//! in order (atomic writes), and journalled; a read-only session re-anchors in memory and never
//! writes; texts and memos are loaded lazily, once.

mod codebook_ops;
mod edit;
#[doc(hidden)]
pub mod fixture;
mod growth;
pub mod history;
mod memos;
mod meta;
mod pseudonymise;
mod renumber;
mod sources;
mod speakers;
pub mod sync;

pub use edit::{BatchItem, LoadReport};
pub use history::{Change, History, Step};
pub use pseudonymise::KeyReport;
pub use renumber::RenumberOrder;
pub use sources::SourceRemoval;
pub use speakers::{PreviewSpeaker, PreviewTurn, SpeakerPreview};
pub use sync::{AnchorReport, CodingRef};

use crate::codebook::Codebook;
use crate::coding::{Codings, SourceText};
use crate::error::{Error, Result};
use crate::ids::SourceId;
use crate::project::{CODEBOOK, Project};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// An open project with its codebook, codings and history.
#[derive(Debug)]
pub struct Session {
    project: Project,
    codebook: Codebook,
    codings: Codings,
    history: History,
    /// What re-anchoring found when the session opened (or last synced).
    report: AnchorReport,
    texts: Mutex<HashMap<SourceId, Arc<SourceText>>>,
    /// Sources whose text could not be read (label → reason), for readers that go on without
    /// them (passages, export) and must say so.
    unreadable: Mutex<std::collections::BTreeMap<String, String>>,
    /// The memos, read from `memos/` once, then kept up to date by this session's changes.
    memos: Mutex<Option<Vec<crate::memo::Memo>>>,
}

impl Session {
    /// Opens read-only: takes no lock, writes nothing; changed sources are re-anchored in memory.
    pub fn open(dir: &Path) -> Result<Self> {
        Self::load(Project::open(dir)?)
    }

    /// Opens as the project's one writer; re-anchoring results are saved at once.
    pub fn open_writer(dir: &Path) -> Result<Self> {
        let mut session = Self::load(Project::open_writer(dir)?)?;
        session.save_sync()?;
        Ok(session)
    }

    /// Opens as the writer, or read-only when the project folder cannot be written (the TUI):
    /// [`Session::is_read_only`] tells which. Another writer is still an error.
    pub fn open_for_editing(dir: &Path) -> Result<Self> {
        match Self::open_writer(dir) {
            Err(Error::ReadOnly(_)) => Self::open(dir),
            other => other,
        }
    }

    /// Whether this session only reads (no lock held).
    pub fn is_read_only(&self) -> bool {
        !self.project.is_writer()
    }

    fn load(project: Project) -> Result<Self> {
        let codebook = Codebook::read(&project.root().join(CODEBOOK))?;
        let codings = Codings::load(project.root())?;
        let mut session = Self {
            project,
            codebook,
            codings,
            history: History::default(),
            report: AnchorReport::default(),
            texts: Mutex::new(HashMap::new()),
            unreadable: Mutex::default(),
            memos: Mutex::new(None),
        };
        session.report = session.sync()?;
        Ok(session)
    }

    pub fn root(&self) -> &Path {
        self.project.root()
    }

    /// The project: manifest, sources, speakers and cases. Changed only through this session.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The code tree.
    pub fn codebook(&self) -> &Codebook {
        &self.codebook
    }

    /// Every coding, by coder and source.
    pub fn codings(&self) -> &Codings {
        &self.codings
    }

    /// What re-anchoring found when the session opened (or last synced). The kept codings of
    /// the sources found unchanged are listed by [`Session::check`], not here (see
    /// [`AnchorReport::unlisted`]).
    pub fn report(&self) -> &AnchorReport {
        &self.report
    }

    /// Marks a source's text as changed (a new fingerprint) in memory only, without touching the
    /// disk, so that caches keyed on it (the search index) see a new text. For tests and benches.
    #[doc(hidden)]
    pub fn simulate_changed_text(&mut self, source: SourceId, fingerprint: &str) {
        if let Some(m) = self
            .project
            .manifest
            .sources
            .iter_mut()
            .find(|m| m.id == source)
        {
            m.sha256 = fingerprint.to_owned();
        }
    }

    pub fn coder(&self) -> &str {
        self.project.coder()
    }

    /// Codes this session's later codings under `coder` (refused unless a valid coder name).
    pub fn set_coder(&mut self, coder: &str) -> Result<()> {
        self.project.set_coder(coder)
    }

    /// The text of a source, loaded once.
    pub fn text(&self, source: SourceId) -> Result<Arc<SourceText>> {
        if let Some(t) = self
            .texts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&source)
        {
            return Ok(t.clone());
        }
        let meta = self
            .project
            .manifest
            .sources
            .iter()
            .find(|s| s.id == source)
            .ok_or_else(|| Error::Invalid(format!("no source with id {source}")))?;
        let raw = self.project.text(meta).inspect_err(|e| {
            self.unreadable
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(meta.label.clone(), e.to_string());
        })?;
        // Read and indexed outside the lock, so several threads read texts at once (two that
        // read the same one keep the first).
        let text = Arc::new(SourceText::new(crate::text::normalize(&raw)));
        let mut cache = self.texts.lock().unwrap_or_else(|e| e.into_inner());
        Ok(cache.entry(source).or_insert(text).clone())
    }

    /// The sources whose text this session could not read so far (label, reason), in label
    /// order: the passages and the export go on without them, and the front ends name them.
    pub fn unreadable_texts(&self) -> Vec<(String, String)> {
        let seen = self.unreadable.lock().unwrap_or_else(|e| e.into_inner());
        seen.iter().map(|(l, r)| (l.clone(), r.clone())).collect()
    }

    pub(crate) fn forget_text(&self, source: SourceId) {
        self.texts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&source);
    }

    /// Resolves a source label or id.
    pub fn source_id(&self, id_or_label: &str) -> Result<SourceId> {
        Ok(self.project.source(id_or_label)?.id)
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Applies a step's `after` states, saves them, journals the step and records it for undo.
    pub fn commit(&mut self, step: Step, ids: &[String]) -> Result<()> {
        self.apply_changes(&step.changes, &step.label, ids)?;
        self.history.record(step);
        Ok(())
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self) -> Result<Option<String>> {
        let Some(step) = self.history.take_undo() else {
            return Ok(None);
        };
        if let Err(e) = self.apply_changes(
            &step.inverse().changes,
            &format!("undo.{}", step.label),
            &[],
        ) {
            self.history.push_redone(step);
            return Err(e);
        }
        let label = step.label.clone();
        self.history.push_undone(step);
        Ok(Some(label))
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self) -> Result<Option<String>> {
        let Some(step) = self.history.take_redo() else {
            return Ok(None);
        };
        if let Err(e) = self.apply_changes(&step.changes, &format!("redo.{}", step.label), &[]) {
            self.history.push_undone(step);
            return Err(e);
        }
        let label = step.label.clone();
        self.history.push_redone(step);
        Ok(Some(label))
    }

    /// Saves the `after` states of `changes` and the journal line `op` as one transaction, then
    /// takes them in memory: on an error, files and memory are as they were.
    fn apply_changes(&mut self, changes: &[Change], op: &str, ids: &[String]) -> Result<()> {
        growth::check(
            changes,
            self.project.manifest.sources.len(),
            self.codebook.len(),
            self.codings.count(),
        )?;
        let mut txn = self.project.transaction()?;
        // The manifest and cases each source change leaves, in order.
        let mut source_metas = Vec::new();
        for change in changes {
            match change {
                Change::Codings {
                    coder,
                    source,
                    after,
                    ..
                } => crate::coding::stage_list(&mut txn, coder, *source, after)?,
                Change::Codebook { after, .. } => txn.write(
                    &self.project.root().join(CODEBOOK),
                    &crate::store::to_json_bytes(&**after),
                )?,
                Change::Meta { after, .. } => self.project.stage_meta(&mut txn, after)?,
                Change::Source {
                    removal,
                    present_after,
                } => source_metas.push(self.stage_source(&mut txn, removal, *present_after)?),
            }
        }
        let mut source_metas = source_metas.into_iter();
        self.project.commit(txn, op, ids)?;
        for change in changes {
            match change {
                Change::Codings {
                    coder,
                    source,
                    after,
                    ..
                } => {
                    self.codings.set_list(coder, *source, after.clone());
                    // A cache: a copy missing after a failure is made again next time.
                    let _ = self.ensure_anchored_copy(*source);
                }
                Change::Codebook { after, .. } => self.codebook = (**after).clone(),
                Change::Meta { after, .. } => self.project.set_meta((**after).clone()),
                Change::Source {
                    removal,
                    present_after,
                } => {
                    let meta = source_metas.next().expect("staged above");
                    self.take_source(removal, *present_after, meta);
                }
            }
        }
        Ok(())
    }

    /// Keeps `.verbatim/anchored/<id>.txt`, the text a source's codings are anchored to.
    fn ensure_anchored_copy(&self, source: SourceId) -> Result<()> {
        let path = crate::paths::anchored_text(self.project.root(), source);
        if path.exists() {
            return Ok(());
        }
        let text = self.text(source)?;
        sync::write_anchored(self.project.root(), source, &text.text)
    }
}

#[cfg(test)]
mod tests;
