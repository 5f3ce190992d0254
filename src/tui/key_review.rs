//! The plain data of the key review list (issue 15, item 2): the candidates `anonymise suggest`
//! finds, each with the pseudonym and category it would enter the key with; the work `update`
//! asks of the runtime ([`KeyOp`]) and its answers ([`KeyDone`]). No behaviour here.
//!
//! Invariant: a leaf like `rows` — it names only the core's plain types.

use crate::anonymise::{Category, Entry};

/// One candidate as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub original: String,
    /// What it would be replaced with (proposed, or edited by the user).
    pub pseudonym: String,
    pub category: Category,
    /// Why it was suggested (title, place, structure, speaker, capitalised).
    pub kind: &'static str,
    pub count: usize,
    /// The label of the source of the example, and a few words around it.
    pub source: String,
    pub example: String,
}

/// The review popup.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyReview {
    pub rows: Vec<Candidate>,
    pub selected: usize,
    /// The pseudonym being edited for the selected row.
    pub editing: Option<String>,
    /// Entries in the project's key.
    pub entries: usize,
}

/// Work on the key, for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyOp {
    /// Find the candidates and open the review list.
    Review,
    /// Add an entry to the project's key (saved at once).
    Add(Entry),
    /// Remember a name as skipped (beside the key), so it is not proposed again.
    Skip(String),
}

/// The runtime's answers about the key.
#[derive(Debug, Clone)]
pub enum KeyDone {
    /// The review list, loaded.
    Review(Box<KeyReview>),
    /// An entry was added: its original, and the key's size now.
    Added { original: String, entries: usize },
}
