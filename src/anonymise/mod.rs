//! Pseudonymisation: the key (original → pseudonym, kept outside the project), candidates for
//! it and the names skipped in review (beside the key), finding and replacing originals in any text, and moving code point offsets through those
//! replacements.
//!
//! Invariants: the key never lives inside the project folder by default; matching is case-,
//! accent- and apostrophe-insensitive and respects word boundaries; replacing with a key twice
//! gives the same text as once (a key refuses pseudonyms that hold an original).

pub mod fold;
pub mod folder;
pub mod key;
pub mod leaks;
pub mod matcher;
mod search;
pub mod skipped;
pub mod suggest;

pub use key::{Category, Entry, Key, default_path};
pub use leaks::{Leak, scan_bytes};
pub use matcher::{Edit, Hit, Matcher, OffsetMap, fold};
pub use skipped::Skipped;
pub use suggest::{Candidate, Kind, suggest};

/// Where the names skipped in review live by default: beside the project's key.
pub fn default_skipped_path(project_id: uuid::Uuid) -> crate::Result<std::path::PathBuf> {
    Ok(skipped::path_beside(&default_path(project_id)?))
}

/// The project's key from its default place (the user data folder, under the project id), as a
/// matcher; `None` when there is no key or it is empty.
pub fn project_matcher(project_id: uuid::Uuid) -> crate::Result<Option<Matcher>> {
    let key = Key::load(&default_path(project_id)?)?;
    Ok((!key.is_empty()).then(|| key.matcher()))
}

#[cfg(test)]
mod tests;
