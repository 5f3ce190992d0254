//! Shared by the benchmarks: the deterministic corpus generator, and one temporary folder per
//! bench process for every fixture built there.
//!
//! What stays true: a bench run leaves nothing in the system's temporary folder. The fixtures
//! live in `static`s, which are never dropped, so a `TempDir` of their own would be left behind
//! (the 1,000-source projects are about 200 MB a run); they are made inside `scratch_dir`'s
//! process-wide folder instead, which each bench's `main` removes with `remove_scratch` once
//! divan is done.
#![allow(dead_code, unused_imports)]
pub mod corpus_gen;

use std::sync::OnceLock;

static SCRATCH: OnceLock<tempfile::TempDir> = OnceLock::new();

/// A new temporary folder inside this process's scratch folder (used as `tempfile::tempdir()`).
pub fn scratch_dir() -> std::io::Result<tempfile::TempDir> {
    let scratch = SCRATCH.get_or_init(|| tempfile::tempdir().expect("temp"));
    tempfile::tempdir_in(scratch.path())
}

/// Removes the scratch folder and everything the fixtures left in it (call once, at the end).
pub fn remove_scratch() {
    if let Some(scratch) = SCRATCH.get() {
        let _ = std::fs::remove_dir_all(scratch.path());
    }
}
