//! Memo operations of a session: add, edit and delete, journalled (memo text never goes to the
//! journal). Memos are not part of undo: they are text the user types and sees.
//!
//! Invariant: `memos/` is read once per session (the TUI asks for the memos after every change);
//! this session's own writes update that copy as they go to disk.

use super::Session;
use crate::error::{Error, Result};
use crate::ids::{CodingId, MemoId};
use crate::memo::{self, Memo, Target};

impl Session {
    /// Resolves `project`, `source:LABEL|ID`, `node:PATH|ID` or `coding:ID` to a memo target.
    pub fn memo_target(&self, spec: &str) -> Result<Target> {
        let spec = spec.trim();
        if spec == "project" {
            return Ok(Target::Project);
        }
        let bad = || {
            Error::Invalid(format!(
                "memo target '{spec}' must be project, source:LABEL, node:PATH or coding:ID"
            ))
        };
        let (kind, rest) = spec.split_once(':').ok_or_else(bad)?;
        match kind {
            "source" => Ok(Target::Source(self.source_id(rest)?)),
            "node" => Ok(Target::Node(self.codebook.resolve(rest)?)),
            "coding" => {
                let id = CodingId::parse_str(rest.trim()).map_err(|_| bad())?;
                if !self.codings.all().any(|(_, _, c)| c.id == id) {
                    return Err(Error::Invalid(format!("no coding with id {id}")));
                }
                Ok(Target::Coding(id))
            }
            _ => Err(bad()),
        }
    }

    pub fn memos(&self) -> Result<Vec<Memo>> {
        let mut cache = self.memos.lock().unwrap_or_else(|e| e.into_inner());
        if cache.is_none() {
            *cache = Some(memo::list(self.root())?);
        }
        Ok(cache.clone().unwrap_or_default())
    }

    /// Records a memo written to disk in the session's copy (replacing one with its id).
    fn remember(&mut self, m: Memo) -> Result<()> {
        let mut all = self.memos()?;
        all.retain(|x| x.id != m.id);
        all.push(m);
        all.sort_by_key(|x| (x.target, x.id));
        *self.memos.get_mut().unwrap_or_else(|e| e.into_inner()) = Some(all);
        Ok(())
    }

    /// Adds a memo; returns its id.
    pub fn add_memo(&mut self, target: Target, text: &str) -> Result<MemoId> {
        self.project.ensure_writer()?;
        let text = crate::text::normalize(text);
        crate::limits::check_memo_text(&text).map_err(Error::Invalid)?;
        let m = Memo {
            id: MemoId::random(),
            target,
            text,
        };
        let mut txn = self.project.transaction()?;
        memo::stage(&mut txn, &m)?;
        let id = m.id;
        self.project
            .commit(txn, "memo.add", &[id.to_string(), target.to_string()])?;
        self.remember(m)?;
        Ok(id)
    }

    /// Replaces a memo's text.
    pub fn edit_memo(&mut self, id: MemoId, text: &str) -> Result<()> {
        self.project.ensure_writer()?;
        let mut m = self
            .memos()?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| Error::Invalid(format!("no memo with id {id}")))?;
        let text = crate::text::normalize(text);
        crate::limits::check_memo_text(&text).map_err(Error::Invalid)?;
        m.text = text;
        let mut txn = self.project.transaction()?;
        memo::stage(&mut txn, &m)?;
        self.project.commit(txn, "memo.edit", &[id.to_string()])?;
        self.remember(m)
    }

    pub fn delete_memo(&mut self, id: MemoId) -> Result<()> {
        self.project.ensure_writer()?;
        if !self.memos()?.iter().any(|m| m.id == id) {
            return Err(Error::Invalid(format!("no memo with id {id}")));
        }
        let mut txn = self.project.transaction()?;
        memo::stage_delete(&mut txn, id)?;
        self.project.commit(txn, "memo.delete", &[id.to_string()])?;
        if let Some(all) = self.memos.get_mut().unwrap_or_else(|e| e.into_inner()) {
            all.retain(|x| x.id != id);
        }
        Ok(())
    }
}
