//! On-disk primitives: atomic writes, transactions over several files, stable JSON, format
//! numbers, the project lock, and a fault-injection seam for tests.
//!
//! Invariants: a write either fully replaces a file or leaves the old one intact (temp file in
//! the same folder, fsync, rename, fsync the folder); JSON is pretty-printed with a stable key
//! order and a trailing newline; a file with a newer `format` is refused, never rewritten.

mod atomic;
pub mod fault;
mod json;
mod lock;
mod plain;
pub mod txn;

pub use atomic::{fsync_dir, write_atomic, write_atomic_with, write_cache};
pub use json::{read_json, to_json_bytes, write_json};
pub use lock::ProjectLock;
pub use plain::{read_plain, read_plain_text, utf8};
pub use txn::{Recovery, Transaction, recover};
