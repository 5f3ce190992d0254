//! Fault tests through the storage layer's seam (`store::fault`): a full disk while staging, a
//! failing fsync, intent record, journal append or rename, during multi-file operations (node
//! merge, node delete, coding, memo, source rename, import, re-anchoring after a hand edit).
//! Before the commit point: a clear error and every project file as it was. After it (a failing
//! rename): an error, and the next open completes the operation whole.

mod common;

use common::{Workspace, annex_code_lines, open_writer, snapshot};
use std::io::ErrorKind;
use std::path::Path;
use verbatim::session::Session;
use verbatim::store::fault::{Point, arm, disarm};
use verbatim::text::CharRange;

/// The coded sample, with codings by two coders.
fn coded(ws: &Workspace) -> std::path::PathBuf {
    let p = ws.coded_sample();
    let lines = annex_code_lines(&p);
    ws.code_lines("ana", &lines);
    ws.code_lines("bea", &lines[..3]);
    p
}

type Op = fn(&mut Session) -> verbatim::Result<()>;

fn ops() -> Vec<(&'static str, Op)> {
    vec![
        ("merge", |s| {
            let from = s
                .codebook()
                .resolve("I - Parcours et exercice/I.C - Patientèle")?;
            let into = s
                .codebook()
                .resolve("I - Parcours et exercice/I.A - Installation et trajectoire")?;
            s.merge_nodes(from, into).map(drop)
        }),
        ("delete", |s| {
            let id = s.codebook().resolve("I - Parcours et exercice")?;
            s.delete_node(id, true).map(drop)
        }),
        ("code", |s| {
            let node = s
                .codebook()
                .resolve("I - Parcours et exercice/I.C - Patientèle")?;
            let source = s.source_id("E04")?;
            s.code("ana", source, CharRange::new(10, 40), node)
                .map(drop)
        }),
        ("memo", |s| {
            s.add_memo(verbatim::memo::Target::Project, "Relire « E04 »")
                .map(drop)
        }),
        ("rename", |s| s.rename_source("E01", "E01-bis")),
    ]
}

#[test]
fn a_fault_before_the_commit_point_leaves_every_file_as_it_was() {
    for (name, op) in ops() {
        for point in [
            Point::Write,
            Point::Fsync,
            Point::Intent,
            Point::JournalAppend,
        ] {
            let ws = Workspace::new();
            let p = coded(&ws);
            let mut s = Session::open_writer(&p).unwrap();
            if name == "undo" {
                // A change made, then the fault armed for its undo only.
                let node = s
                    .codebook()
                    .resolve("I - Parcours et exercice/I.C - Patientèle")
                    .unwrap();
                let source = s.source_id("E05").unwrap();
                s.code("ana", source, CharRange::new(0, 20), node).unwrap();
                let before = snapshot(&p);
                arm(point, 0, ErrorKind::StorageFull);
                let err = s.undo().unwrap_err().to_string();
                disarm();
                assert!(err.contains("injected fault"), "{name} {point:?}: {err}");
                assert_eq!(snapshot(&p), before, "{name} {point:?}");
                assert!(s.can_undo(), "{name} {point:?}: still undoable");
                continue;
            }
            let before = snapshot(&p);
            arm(point, 0, ErrorKind::StorageFull);
            let err = op(&mut s).unwrap_err().to_string();
            disarm();
            assert!(err.contains("injected fault"), "{name} {point:?}: {err}");
            assert_eq!(
                snapshot(&p),
                before,
                "{name} {point:?}: every file as it was"
            );
            drop(s);
            // The project opens, and nothing is left to recover.
            let s = open_writer(&p);
            assert!(s.report().problems.is_empty(), "{:?}", s.report().problems);
            drop(s);
            assert_eq!(snapshot(&p), before, "{name} {point:?}: after reopening");
        }
    }
}

#[test]
fn a_fault_after_the_commit_point_is_completed_at_the_next_open() {
    for (name, op) in ops() {
        let ws = Workspace::new();
        let p = coded(&ws);
        // The reference: the same operation without a fault.
        let reference = Workspace::new();
        let q = coded(&reference);
        let mut r = Session::open_writer(&q).unwrap();
        op(&mut r).unwrap();
        drop(r);
        let mut s = Session::open_writer(&p).unwrap();
        // The second rename: the first is the intent record's own (atomic write).
        arm(Point::Rename, 1, ErrorKind::PermissionDenied);
        let err = op(&mut s).unwrap_err().to_string();
        disarm();
        assert!(err.contains("injected fault"), "{name}: {err}");
        drop(s);
        let s = open_writer(&p);
        assert!(
            s.report().problems.is_empty(),
            "{name}: {:?}",
            s.report().problems
        );
        assert_eq!(
            without_times(&p),
            without_times(&q),
            "{name}: completed whole"
        );
    }
}

/// Project files as (folder, line count), sorted: what two runs of the same operation on two
/// copies share (file names, ids and times differ).
fn without_times(p: &Path) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = snapshot(p)
        .into_iter()
        .map(|(f, bytes)| {
            let rel = f.strip_prefix(p).unwrap();
            let name = match rel.parent() {
                Some(dir) if !dir.as_os_str().is_empty() => format!("{}/*", dir.display()),
                _ => rel.display().to_string(),
            };
            let lines = bytes.iter().filter(|b| **b == b'\n').count();
            (name, lines)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_failing_reanchoring_save_leaves_the_hand_edit_to_the_next_open() {
    let ws = Workspace::new();
    let p = coded(&ws);
    let file = common::source_file(&p, "E01");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("Une ligne ajoutée à la main.\n{text}")).unwrap();
    let before = snapshot(&p);
    for point in [Point::Write, Point::Intent, Point::JournalAppend] {
        arm(point, 0, ErrorKind::StorageFull);
        let err = Session::open_writer(&p).unwrap_err().to_string();
        disarm();
        assert!(err.contains("injected fault"), "{point:?}: {err}");
        assert_eq!(snapshot(&p), before, "{point:?}");
    }
    let s = open_writer(&p);
    assert!(!s.report().moved.is_empty());
    drop(s);
    // Saved once: the next open finds nothing to move.
    let s = open_writer(&p);
    assert!(s.report().moved.is_empty(), "{:?}", s.report().moved);
    let check = s.check().unwrap();
    assert!(check.problems.is_empty(), "{:?}", check.problems);
}
