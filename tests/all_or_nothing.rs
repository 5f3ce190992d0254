//! Commands that are all or nothing say so truthfully: `code --jsonl --progress` lists each
//! line's coding only once the whole batch is saved, a batch with one bad line codes nothing,
//! and `code --create` with a bad range creates no node.

mod common;

use common::{Workspace, annex_code_lines, snapshot};
use predicates::prelude::*;

#[test]
fn code_jsonl_progress_lists_every_line_once_the_batch_is_saved() {
    let ws = Workspace::new();
    let p = ws.coded_sample();
    let mut lines = annex_code_lines(&p);
    lines.insert(1, String::new());
    let file = ws.path().join("batch.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let out = ws
        .cmd()
        .args(["--project", "p", "code", "--progress", "--jsonl"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let oks: Vec<(usize, String)> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("ok "))
        .map(|l| {
            let (n, id) = l.split_once(' ').unwrap();
            (n.parse().unwrap(), id.to_owned())
        })
        .collect();
    assert_eq!(
        oks.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        [1, 3, 4, 5],
        "file line numbers, the blank line skipped"
    );
    let saved: String = std::fs::read_dir(p.join("codings/tester"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    for (_, id) in &oks {
        assert!(saved.contains(id.as_str()), "coding {id} is on disk");
    }
    assert!(stdout.contains("coded 4 ranges (saved together)"));
    // The help says what it does.
    ws.cmd().args(["code", "--help"]).assert().success().stdout(
        predicate::str::contains("one transaction").and(predicate::str::contains("--progress")),
    );
}

#[test]
fn a_batch_with_one_bad_line_codes_nothing() {
    let ws = Workspace::new();
    let p = ws.coded_sample();
    let mut lines = annex_code_lines(&p);
    lines.push(r#"{"source": "E01", "start": 5, "end": 999999, "node": "I - Parcours et exercice/I.C - Patientèle"}"#.into());
    let file = ws.path().join("batch.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    let before = snapshot(&p);
    ws.cmd()
        .args(["--project", "p", "code", "--progress", "--jsonl"])
        .arg(&file)
        .assert()
        .failure()
        .stdout(predicate::str::contains("ok ").not())
        .stderr(predicate::str::contains("line 5"));
    assert_eq!(snapshot(&p), before);
}

#[test]
fn code_create_with_a_bad_range_creates_no_node() {
    let ws = Workspace::new();
    let p = ws.coded_sample();
    let before = snapshot(&p);
    ws.cmd()
        .args([
            "--project",
            "p",
            "code",
            "--create",
            "E01",
            "10",
            "99999999",
            "Nouveau/Code",
        ])
        .assert()
        .failure();
    assert_eq!(snapshot(&p), before, "no node created");
}
