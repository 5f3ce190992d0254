//! `verbatim check` exits 1 when it reports a problem; `check --repair` moves codings on a node
//! that is gone to `Lost and found` (undoable, journalled); with `--yes` it removes files and
//! case rows nothing refers to, listing them first without it.

mod common;

use common::{ANNEX_VERBATIMS, Workspace, annex_code_lines};
use predicates::prelude::*;
use std::path::Path;

fn coded(ws: &Workspace) -> std::path::PathBuf {
    let p = ws.coded_sample();
    let lines = annex_code_lines(&p);
    ws.code_lines("ana", &lines);
    p
}

fn journal_ops(p: &Path) -> Vec<String> {
    std::fs::read_to_string(p.join("journal.jsonl"))
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["op"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[test]
fn codings_on_a_vanished_node_go_to_lost_and_found() {
    let ws = Workspace::new();
    let p = coded(&ws);
    ws.cmd()
        .args(["--project", "p", "check"])
        .assert()
        .success();
    // As a writer killed in the middle of a merge used to leave it: the node is gone from the
    // codebook, its codings are still there.
    let path = p.join("codebook.json");
    let mut book: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    book["nodes"].as_array_mut().unwrap().remove(0);
    std::fs::write(&path, serde_json::to_vec_pretty(&book).unwrap()).unwrap();
    ws.cmd()
        .args(["--project", "p", "check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("not in the codebook"))
        .stderr(predicate::str::contains("check --repair"));
    ws.cmd()
        .args(["--project", "p", "check", "--repair"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "coding(s) moved to 'Lost and found'",
        ));
    ws.cmd()
        .args(["--project", "p", "check"])
        .assert()
        .success();
    let passages = ws.json(&p, &["passages", "Lost and found"]);
    let quotes: Vec<&str> = passages["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["text"].as_str().unwrap())
        .collect();
    assert!(quotes.contains(&ANNEX_VERBATIMS[0].1), "{quotes:?}");
    assert!(quotes.contains(&ANNEX_VERBATIMS[1].1), "{quotes:?}");
    assert_eq!(
        journal_ops(&p).last().unwrap(),
        "check.repair.lost-and-found"
    );
}

#[test]
fn unreferenced_files_and_unused_cases_are_listed_then_removed_with_yes() {
    let ws = Workspace::new();
    let p = coded(&ws);
    std::fs::write(
        p.join("sources/restes.txt"),
        "Texte d'un import interrompu.",
    )
    .unwrap();
    let stray = p.join(format!("codings/ana/{}.jsonl", uuid::Uuid::new_v4()));
    std::fs::write(&stray, "").unwrap();
    let cases = std::fs::read_to_string(p.join("cases.csv")).unwrap();
    let columns = cases.lines().next().unwrap().split(',').count();
    std::fs::write(
        p.join("cases.csv"),
        format!("{cases}Ancien-E01{}\n", ",".repeat(columns - 1)),
    )
    .unwrap();
    ws.cmd()
        .args(["--project", "p", "check"])
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("sources/restes.txt: no source refers to this file")
                .and(predicate::str::contains("case 'Ancien-E01' is not used")),
        );
    ws.cmd()
        .args(["--project", "p", "check", "--repair"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("to remove: sources/restes.txt"));
    assert!(
        p.join("sources/restes.txt").exists(),
        "nothing removed without --yes"
    );
    ws.cmd()
        .args(["--project", "p", "check", "--repair", "--yes"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("removed sources/restes.txt")
                .and(predicate::str::contains("removed case 'Ancien-E01'")),
        );
    assert!(!p.join("sources/restes.txt").exists());
    assert!(!stray.exists());
    assert!(
        !std::fs::read_to_string(p.join("cases.csv"))
            .unwrap()
            .contains("Ancien-E01")
    );
    assert_eq!(journal_ops(&p).last().unwrap(), "check.repair.remove");
    ws.cmd()
        .args(["--project", "p", "check"])
        .assert()
        .success();
}

#[cfg(unix)]
#[test]
fn a_transcript_that_is_a_symbolic_link_is_never_read() {
    let ws = Workspace::new();
    let p = coded(&ws);
    let outside = ws.path().join("ailleurs.txt");
    std::fs::write(&outside, "Texte hors du projet, jamais lu.").unwrap();
    let file = common::source_file(&p, "E05");
    std::fs::remove_file(&file).unwrap();
    std::os::unix::fs::symlink(&outside, &file).unwrap();
    let out = ws.cmd().args(["--project", "p", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("E05") && stdout.contains("symbolic link"),
        "{stdout}"
    );
    assert!(!stdout.contains("hors du projet"), "{stdout}");
}

/// The codings of a coder, a memo, `cases.csv` and `codebook.json` replaced by links to files
/// outside the project: each is refused with a sentence naming it, nothing outside is read.
#[cfg(unix)]
#[test]
fn project_files_that_are_symbolic_links_are_refused() {
    let ws = Workspace::new();
    let p = coded(&ws);
    ws.cmd()
        .args(["--project", "p", "memo", "add", "project", "Une note."])
        .assert()
        .success();
    let memo = std::fs::read_dir(p.join("memos"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|f| f.extension().is_some_and(|x| x == "md"))
        .expect("a memo file");
    let codings = std::fs::read_dir(p.join("codings/ana"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .next()
        .expect("a codings file");
    let files = [
        (codings, ["codings", "list"]),
        (memo, ["memo", "list"]),
        (p.join("cases.csv"), ["cases", "list"]),
        (p.join("codebook.json"), ["codebook", "list"]),
    ];
    for (file, command) in files {
        let saved = ws.path().join("saved");
        std::fs::copy(&file, &saved).unwrap();
        let outside = ws.path().join("dehors");
        std::fs::copy(&file, &outside).unwrap();
        std::fs::remove_file(&file).unwrap();
        std::os::unix::fs::symlink(&outside, &file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        ws.cmd()
            .args(["--project", "p"])
            .args(command)
            .assert()
            .failure()
            .stderr(predicate::str::contains("symbolic link").and(predicate::str::contains(name)));
        std::fs::remove_file(&file).unwrap();
        std::fs::copy(&saved, &file).unwrap();
    }
    ws.cmd()
        .args(["--project", "p", "check"])
        .assert()
        .success();
    ws.cmd()
        .args(["--project", "p", "memo", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Une note"));
}

/// One transcript gone from `sources/`: `sources` lists every other one (and exits 1 naming
/// it), search searches the others, passages and the annex go on without it and say so.
#[test]
fn a_missing_transcript_no_longer_stops_the_whole_project() {
    let ws = Workspace::new();
    let p = coded(&ws);
    std::fs::remove_file(common::source_file(&p, "E01")).unwrap();
    let out = ws
        .cmd()
        .args(["--project", "p", "sources"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert!(stdout.contains("E02") && stdout.contains("E08"), "{stdout}");
    assert!(stderr.contains("E01: could not read"), "{stderr}");
    assert!(
        stderr.contains("1 transcript could not be read"),
        "{stderr}"
    );
    ws.cmd()
        .args(["--project", "p", "search", "hôpital"])
        .assert()
        .success()
        .stdout(predicate::str::contains("E02"))
        .stderr(predicate::str::contains("not searched E01"));
    ws.cmd()
        .args([
            "--project",
            "p",
            "passages",
            "I - Parcours et exercice",
            "--descendants",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("CHU"))
        .stderr(predicate::str::contains("warning: E01 left out"));
    ws.cmd()
        .args(["--project", "p", "export", "-o", "annexe.md"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: E01 left out"));
    let annex = std::fs::read_to_string(ws.path().join("annexe.md")).unwrap();
    assert!(annex.contains("au CHU"), "{annex}");
    assert!(!annex.contains("patientèle assez âgée"), "{annex}");
}
