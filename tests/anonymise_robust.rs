//! `anonymise apply` is all-or-nothing, the journal included: a failure before the commit point
//! leaves every file (the journal too) as it was; one after it is completed whole, journal
//! rewritten, at the next open. Two sibling nodes the key would give the same name are refused
//! with one sentence naming both, and nothing changes.

mod common;

use common::{Workspace, snapshot};
use std::io::ErrorKind;
use std::path::Path;
use verbatim::anonymise::{Category, Entry, Key, Matcher};
use verbatim::store::fault::{Point, arm, disarm};

fn matcher(pairs: &[(&str, &str)]) -> Matcher {
    let mut k = Key::default();
    for (o, p) in pairs {
        k.add(Entry {
            original: (*o).into(),
            pseudonym: (*p).into(),
            category: Category::Person,
            whole_word: true,
        })
        .unwrap();
    }
    k.matcher()
}

const KEY: &[(&str, &str)] = &[("Garnier", "Gé"), ("Montclar", "Ville-Alpha")];

fn journal(p: &Path) -> String {
    std::fs::read_to_string(p.join("journal.jsonl")).unwrap()
}

/// The sample, with a source label holding a name and a journal line naming a case after one.
fn project(ws: &Workspace) -> std::path::PathBuf {
    let p = ws.sample_project();
    let mut s = common::open_writer(&p);
    s.rename_source("E01", "E01 Garnier").unwrap();
    drop(s);
    // As `case.set` journals a case named after a person.
    verbatim::journal::append(&p, "tester", "case.set", &["Garnier".into()]).unwrap();
    assert!(
        journal(&p).contains("Garnier"),
        "the premise: a name in the journal"
    );
    p
}

#[test]
fn a_fault_before_the_commit_point_leaves_the_journal_and_every_file_as_they_were() {
    let ws = Workspace::new();
    let p = project(&ws);
    let m = matcher(KEY);
    for point in [Point::Write, Point::Fsync, Point::Intent] {
        let before = snapshot(&p);
        let mut s = common::open_writer(&p);
        arm(point, 0, ErrorKind::StorageFull);
        let err = s.apply_key(&m).unwrap_err().to_string();
        disarm();
        assert!(err.contains("injected fault"), "{point:?}: {err}");
        drop(s);
        assert_eq!(snapshot(&p), before, "{point:?}: every file as it was");
        let s = common::open_writer(&p);
        assert!(s.report().problems.is_empty(), "{:?}", s.report().problems);
        drop(s);
        assert_eq!(snapshot(&p), before, "{point:?}: after reopening");
    }
    let lines = journal(&p).lines().count();
    let mut s = common::open_writer(&p);
    s.apply_key(&m).unwrap();
    drop(s);
    let after = journal(&p);
    assert!(!after.contains("Garnier"), "{after}");
    assert!(after.contains("[\"Gé\"]"), "{after}");
    assert_eq!(after.lines().count(), lines + 1, "one line for the apply");
    assert!(after.lines().last().unwrap().contains("anonymise.apply"));
}

#[test]
fn a_fault_after_the_commit_point_is_completed_journal_included_at_the_next_open() {
    let ws = Workspace::new();
    let p = project(&ws);
    let reference = Workspace::new();
    let q = project(&reference);
    let m = matcher(KEY);
    let mut r = common::open_writer(&q);
    r.apply_key(&m).unwrap();
    drop(r);
    let mut s = common::open_writer(&p);
    // The second rename: the first is the intent record's own (atomic write).
    arm(Point::Rename, 1, ErrorKind::PermissionDenied);
    let err = s.apply_key(&m).unwrap_err().to_string();
    disarm();
    assert!(err.contains("injected fault"), "{err}");
    drop(s);
    let s = common::open_writer(&p);
    assert!(s.report().problems.is_empty(), "{:?}", s.report().problems);
    assert!(s.project().source("E01 Gé").is_ok());
    drop(s);
    let after = journal(&p);
    assert!(!after.contains("Garnier"), "{after}");
    assert_eq!(
        after.lines().count(),
        journal(&q).lines().count(),
        "the same journal as without the fault"
    );
    for (file, bytes) in snapshot(&p) {
        assert!(
            verbatim::anonymise::scan_bytes(&m, &bytes).is_empty(),
            "{} still holds a name",
            file.display()
        );
    }
}

#[test]
fn siblings_the_key_would_merge_are_refused_in_one_sentence() {
    let ws = Workspace::new();
    let p = ws.sample_project();
    let mut s = common::open_writer(&p);
    s.add_node("Lieux/Autour de Montclar").unwrap();
    s.add_node("Lieux/Autour de Ville-Alpha").unwrap();
    drop(s);
    let before = snapshot(&p);
    let mut s = common::open_writer(&p);
    let err = s.apply_key(&matcher(KEY)).unwrap_err().to_string();
    drop(s);
    assert!(
        err.contains("'Autour de Montclar'")
            && err.contains("under 'Lieux'")
            && err.contains("the same name 'Autour de Ville-Alpha'"),
        "{err}"
    );
    assert_eq!(snapshot(&p), before, "nothing changed");
    // Through the CLI: the same sentence, and the export-time mode refuses to write too.
    ws.cmd()
        .arg("--project")
        .arg(&p)
        .args(["anonymise", "key", "add", "Montclar", "Ville-Alpha"])
        .assert()
        .success();
    ws.cmd()
        .arg("--project")
        .arg(&p)
        .args(["anonymise", "apply", "--yes"])
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "the same name 'Autour de Ville-Alpha'",
        ));
    assert_eq!(snapshot(&p), before, "nothing changed");
}
