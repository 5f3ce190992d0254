//! A small project for tests, shared by the unit tests beside the code (`query`, `session`) and
//! the integration tests (`tests/`): one invented French interview, E1 (an interviewer and M1,
//! two turns each), imported into a new project in a temporary folder and opened as its writer.
//! Hidden from the docs: not part of the API.
//!
//! Invariants: E1's text stays as it is (tests code fixed code point ranges of it); nothing is
//! written outside the temporary folder, which lives as long as the returned `TempDir`.

use super::Session;
use crate::import::{ImportOptions, commit, prepare_bytes};
use crate::model::Language;
use crate::project::Project;
use std::path::PathBuf;

/// The interview's text.
pub const E1: &str = "Enquêteur : Et le temps ?\nM1 : Le temps, c'est le problème. Les réunions tombent le soir, après la journée.\nEnquêteur : D'accord.\nM1 : Mais on se connaît mieux, maintenant.";

/// A new French project holding E1 (as `E1.txt`), opened as the writer, with the nodes at
/// `paths` added in order. Panics on any failure (a test fixture).
pub fn e1_project(paths: &[&str]) -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let mut p = Project::init(&root, None, Language::Fr).unwrap();
    commit(
        &mut p,
        vec![(
            PathBuf::from("E1.txt"),
            prepare_bytes("E1.txt", E1.as_bytes()).unwrap(),
        )],
        &ImportOptions::default(),
    )
    .unwrap();
    drop(p);
    let mut s = Session::open_writer(&root).unwrap();
    for path in paths {
        s.add_node(path).unwrap();
    }
    (dir, s)
}
