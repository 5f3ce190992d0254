//! Pseudonymisation: the key (original → pseudonym, kept outside the project), candidates for
//! it, finding and replacing originals in any text, and moving code point offsets through those
//! replacements.
//!
//! Invariants: the key never lives inside the project folder by default; matching is case-,
//! accent- and apostrophe-insensitive and respects word boundaries; replacing with a key twice
//! gives the same text as once (a key refuses pseudonyms that hold an original).

pub mod key;
pub mod matcher;
pub mod suggest;

pub use key::{Category, Entry, Key, default_path};
pub use matcher::{Edit, Hit, Matcher, OffsetMap, fold};
pub use suggest::{Candidate, Kind, suggest};

#[cfg(test)]
mod tests;
