//! One writer at a time, whatever happens to the caches: deleting `.verbatim/` (as `git clean
//! -fdX` does) while a writer runs never lets a second writer in; a project that cannot be
//! written opens read-only for the TUI and refuses changes with one sentence.

mod common;

use common::{Workspace, snapshot};
use predicates::prelude::*;
use verbatim::session::Session;
use verbatim::store::fault::{Point, arm, disarm};
use verbatim::text::CharRange;

#[test]
fn deleting_the_cache_folder_under_a_writer_does_not_let_a_second_writer_in() {
    let ws = Workspace::new();
    let p = ws.coded_sample();
    let writer = Session::open_writer(&p).unwrap();
    std::fs::remove_dir_all(p.join(".verbatim")).unwrap();
    let before = snapshot(&p);
    ws.cmd()
        .args(["--project", "p", "codebook", "add", "Nouveau thème"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "in use by another verbatim process",
        ));
    assert_eq!(snapshot(&p), before, "nothing written by the second writer");
    // Readers still read.
    ws.cmd()
        .args(["--project", "p", "sources"])
        .assert()
        .success();
    drop(writer);
    ws.cmd()
        .args(["--project", "p", "codebook", "add", "Nouveau thème"])
        .assert()
        .success();
}

#[test]
fn a_project_that_cannot_be_written_opens_read_only() {
    let ws = Workspace::new();
    let p = ws.coded_sample();
    let before = snapshot(&p);
    // The write probe of the lock fails as on a read-only folder.
    arm(Point::Write, 0, std::io::ErrorKind::ReadOnlyFilesystem);
    let err = Session::open_writer(&p).unwrap_err();
    disarm();
    assert!(matches!(err, verbatim::Error::ReadOnly(_)), "{err}");
    assert!(err.to_string().contains("cannot be written"), "{err}");
    arm(Point::Write, 0, std::io::ErrorKind::PermissionDenied);
    let mut s = Session::open_for_editing(&p).unwrap();
    disarm();
    assert!(s.is_read_only());
    let node = s
        .codebook()
        .resolve("I - Parcours et exercice/I.C - Patientèle")
        .unwrap();
    let source = s.source_id("E01").unwrap();
    let err = s
        .code("tester", source, CharRange::new(0, 10), node)
        .unwrap_err();
    assert!(err.to_string().contains("opened read-only"), "{err}");
    assert_eq!(snapshot(&p), before);
    // A writable project opens to write.
    assert!(!Session::open_for_editing(&p).unwrap().is_read_only());
}
