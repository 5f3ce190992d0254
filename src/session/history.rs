//! Undo/redo of model changes as a log of steps. Each step keeps the state before and after
//! of everything it touched (a coder's codings in one source, the codebook, the manifest
//! and cases, or a whole deleted source), so an inverse always has what the change removed — a merge, a forced delete.
//!
//! Invariant: undoing then redoing a step restores exactly the state after it.

use crate::codebook::Codebook;
use crate::coding::Coding;
use crate::ids::SourceId;
use crate::project::Meta;

/// One part of a step.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Codings {
        coder: String,
        source: SourceId,
        before: Vec<Coding>,
        after: Vec<Coding>,
    },
    Codebook {
        before: Box<Codebook>,
        after: Box<Codebook>,
    },
    /// Sources, speakers and cases (`verbatim.json` and `cases.csv`).
    Meta { before: Box<Meta>, after: Box<Meta> },
    /// A whole source — text, every coder's codings, its memos and the cases only it used —
    /// deleted (`present_after` false) or put back (true).
    Source {
        removal: Box<crate::session::SourceRemoval>,
        present_after: bool,
    },
}

/// One user action, as undone or redone in one go.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// What the user did, for messages (`code`, `merge`, …).
    pub label: String,
    pub changes: Vec<Change>,
}

impl Step {
    /// The same step, reversed (before and after swapped, changes in reverse order).
    pub fn inverse(&self) -> Self {
        let changes = self
            .changes
            .iter()
            .rev()
            .map(|c| match c {
                Change::Codings {
                    coder,
                    source,
                    before,
                    after,
                } => Change::Codings {
                    coder: coder.clone(),
                    source: *source,
                    before: after.clone(),
                    after: before.clone(),
                },
                Change::Codebook { before, after } => Change::Codebook {
                    before: after.clone(),
                    after: before.clone(),
                },
                Change::Meta { before, after } => Change::Meta {
                    before: after.clone(),
                    after: before.clone(),
                },
                Change::Source {
                    removal,
                    present_after,
                } => Change::Source {
                    removal: removal.clone(),
                    present_after: !present_after,
                },
            })
            .collect();
        Self {
            label: self.label.clone(),
            changes,
        }
    }
}

/// The session's undo and redo stacks.
#[derive(Debug, Default, Clone)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    pub fn record(&mut self, step: Step) {
        self.undo.push(step);
        self.redo.clear();
    }

    pub fn take_undo(&mut self) -> Option<Step> {
        self.undo.pop()
    }

    pub fn take_redo(&mut self) -> Option<Step> {
        self.redo.pop()
    }

    pub fn push_undone(&mut self, step: Step) {
        self.redo.push(step);
    }

    pub fn push_redone(&mut self, step: Step) {
        self.undo.push(step);
    }

    /// Joins the last two steps into one, labelled `label` (undone and redone together).
    pub fn fuse_last_two(&mut self, label: &str) {
        if self.undo.len() < 2 {
            return;
        }
        let second = self.undo.pop().expect("two steps");
        let first = self.undo.last_mut().expect("two steps");
        first.changes.extend(second.changes);
        first.label = label.to_owned();
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
