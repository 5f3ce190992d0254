//! Tests of transactions: commit, a fault at each step before the commit point (nothing
//! changed), a fault after it (completed at the next open), crash states rolled forward or back.

use super::*;
use crate::store::fault::{arm, disarm};
use std::io::ErrorKind;

fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_owned();
    std::fs::create_dir_all(root.join("codings/ana")).unwrap();
    std::fs::write(root.join("codebook.json"), "old codebook").unwrap();
    std::fs::write(root.join("codings/ana/s1.jsonl"), "old s1").unwrap();
    std::fs::write(root.join("codings/ana/s2.jsonl"), "old s2").unwrap();
    std::fs::write(root.join("journal.jsonl"), "{\"op\":\"init\"}\n").unwrap();
    (dir, root)
}

fn files(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(root).unwrap().display().to_string();
                out.push((rel, std::fs::read_to_string(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn try_change(root: &Path) -> Result<Transaction> {
    let mut t = Transaction::new(root);
    t.write(&root.join("codebook.json"), b"new codebook")?;
    t.write(&root.join("codings/ana/s1.jsonl"), b"new s1")?;
    t.write(&root.join("codings/bea/s1.jsonl"), b"bea s1")?;
    t.remove(&root.join("codings/ana/s2.jsonl"))?;
    t.journal(
        &root.join("journal.jsonl"),
        "{\"op\":\"node.merge\"}\n".into(),
    )?;
    Ok(t)
}

fn change(root: &Path) -> Transaction {
    try_change(root).unwrap()
}

fn after() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = [
        ("codebook.json", "new codebook"),
        ("codings/ana/s1.jsonl", "new s1"),
        ("codings/bea/s1.jsonl", "bea s1"),
        (
            "journal.jsonl",
            "{\"op\":\"init\"}\n{\"op\":\"node.merge\"}\n",
        ),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    v.sort();
    v
}

#[test]
fn a_commit_changes_every_file_and_leaves_nothing_behind() {
    let (_d, root) = project();
    change(&root).commit().unwrap();
    assert_eq!(files(&root), after());
}

#[test]
fn a_fault_before_the_commit_point_leaves_the_project_as_it_was() {
    for (point, skip) in [
        (Point::Write, 0),
        (Point::Write, 2),
        (Point::Fsync, 1),
        (Point::Intent, 0),
        (Point::JournalAppend, 0),
    ] {
        let (_d, root) = project();
        let before = files(&root);
        arm(point, skip, ErrorKind::StorageFull);
        let result = try_change(&root).and_then(Transaction::commit);
        disarm();
        let err = result.unwrap_err().to_string();
        assert!(err.contains("injected fault"), "{point:?}: {err}");
        assert_eq!(files(&root), before, "{point:?} {skip}: as it was");
        assert_eq!(recover(&root).unwrap(), Recovery::default());
    }
}

#[test]
fn a_fault_after_the_commit_point_is_completed_at_the_next_open() {
    let (_d, root) = project();
    arm(Point::Rename, 1, ErrorKind::PermissionDenied);
    let err = change(&root).commit().unwrap_err().to_string();
    disarm();
    assert!(err.contains("could not replace"), "{err}");
    assert!(root.join(INTENT).exists());
    let r = recover(&root).unwrap();
    assert!(r.rolled_forward, "{r:?}");
    assert_eq!(files(&root), after());
}

/// The on-disk state of a transaction stopped right after its intent record was written.
fn crashed_before_journal(root: &Path) -> Intent {
    let mut t = change(root);
    t.done = true;
    let offset = std::fs::metadata(root.join("journal.jsonl")).unwrap().len();
    let intent = Intent {
        format: 1,
        id: t.id.clone(),
        writes: t.writes.clone(),
        removes: t.removes.clone(),
        journal: Some(JournalPart {
            file: "journal.jsonl".into(),
            offset,
            line: "{\"op\":\"node.merge\"}\n".into(),
        }),
    };
    write_atomic(&root.join(INTENT), &crate::store::to_json_bytes(&intent)).unwrap();
    intent
}

#[test]
fn a_crash_before_the_journal_line_is_rolled_back() {
    let (_d, root) = project();
    let before = files(&root);
    crashed_before_journal(&root);
    // A torn journal line (the crash hit mid-append) is cut off too.
    std::fs::OpenOptions::new()
        .append(true)
        .open(root.join("journal.jsonl"))
        .unwrap()
        .write_all(b"{\"op\":\"no")
        .unwrap();
    std::fs::write(root.join(".tmp-abc"), "a temp file with a quote").unwrap();
    let r = recover(&root).unwrap();
    assert!(r.rolled_back && r.cleaned == 1, "{r:?}");
    assert_eq!(files(&root), before);
}

#[test]
fn a_crash_after_the_journal_line_is_rolled_forward_even_half_applied() {
    let (_d, root) = project();
    let intent = crashed_before_journal(&root);
    append_line(&root, intent.journal.as_ref().unwrap()).unwrap();
    // Half applied: the first rename was made.
    let (target, staged) = &intent.writes[0];
    std::fs::rename(root.join(staged), root.join(target)).unwrap();
    let r = recover(&root).unwrap();
    assert!(r.rolled_forward, "{r:?}");
    assert_eq!(files(&root), after());
    // Recovering again changes nothing.
    assert_eq!(recover(&root).unwrap(), Recovery::default());
}

#[test]
fn a_dropped_transaction_leaves_no_staged_file() {
    let (_d, root) = project();
    let before = files(&root);
    drop(change(&root));
    assert_eq!(files(&root), before);
}

#[test]
fn a_journal_that_is_a_symbolic_link_is_refused() {
    #[cfg(unix)]
    {
        let (_d, root) = project();
        let outside = tempfile::NamedTempFile::new().unwrap();
        std::fs::remove_file(root.join("journal.jsonl")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("journal.jsonl")).unwrap();
        let err = change(&root).commit().unwrap_err().to_string();
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(
            std::fs::read_to_string(root.join("codebook.json")).unwrap(),
            "old codebook"
        );
        assert_eq!(std::fs::read(outside.path()).unwrap(), b"");
    }
}
