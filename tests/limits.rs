//! The limits, through the CLI: the same node-depth and node-name rule for `codebook add`,
//! `codebook load` (our JSON templates), `codebook import` (`.qdc`) and `import-qdpx`; every
//! refusal one sentence naming the file or argument, with the project left as it was.

mod common;

use common::Workspace;
use predicates::prelude::*;
use std::io::Write;
use std::path::Path;

fn chain(levels: usize) -> String {
    (1..=levels)
        .map(|i| format!("niveau {i}"))
        .collect::<Vec<_>>()
        .join("/")
}

fn codebook_bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p.join("codebook.json")).unwrap()
}

#[test]
fn codebook_add_refuses_a_33rd_level_and_what_it_writes_it_reads() {
    let ws = Workspace::new();
    let p = ws.project();
    let before = codebook_bytes(&p);
    ws.cmd()
        .args(["--project", "p", "codebook", "add", &chain(63)])
        .assert()
        .failure()
        .stderr(predicate::str::contains("at most 32 levels deep"));
    assert_eq!(codebook_bytes(&p), before, "nothing written");
    ws.cmd()
        .args(["--project", "p", "codebook", "add", &chain(32)])
        .assert()
        .success();
    // The project opens again, and shows the deepest node.
    ws.cmd()
        .args(["--project", "p", "codebook", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("niveau 32"));
    // A control character is refused; a backslash is kept.
    ws.cmd()
        .args(["--project", "p", "codebook", "add", "Freins/a\tb"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("control character"));
    ws.cmd()
        .args(["--project", "p", "codebook", "add", "C:\\brouillon"])
        .assert()
        .success();
    ws.cmd()
        .args(["--project", "p", "codebook", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("C:\\brouillon"));
}

#[test]
fn templates_and_qdc_files_follow_the_same_rule() {
    let ws = Workspace::new();
    let p = ws.project();
    let before = codebook_bytes(&p);
    // A JSON template 40 levels deep.
    let mut node = serde_json::json!({"name": "feuille"});
    for i in 0..39 {
        node = serde_json::json!({"name": format!("n{i}"), "children": [node]});
    }
    let template = ws.path().join("profond.json");
    std::fs::write(&template, serde_json::json!({"nodes": [node]}).to_string()).unwrap();
    ws.cmd()
        .args(["--project", "p", "codebook", "load"])
        .arg(&template)
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("profond.json")
                .and(predicate::str::contains("at most 32 levels")),
        );
    // A .qdc with a name on two lines.
    let qdc = ws.path().join("lignes.qdc");
    std::fs::write(
        &qdc,
        "<CodeBook><Codes><Code name=\"deux&#10;lignes\"/></Codes></CodeBook>",
    )
    .unwrap();
    ws.cmd()
        .args(["--project", "p", "codebook", "import"])
        .arg(&qdc)
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("lignes.qdc")
                .and(predicate::str::contains("control character")),
        );
    assert_eq!(codebook_bytes(&p), before, "nothing written");
}

#[test]
fn a_qdpx_with_codes_too_deep_is_refused_with_nothing_written() {
    let ws = Workspace::new();
    let mut qde = String::from("<?xml version=\"1.0\"?><Project name=\"x\"><CodeBook><Codes>");
    for i in 0..40 {
        qde.push_str(&format!(
            "<Code guid=\"{}\" name=\"c{i}\">",
            uuid::Uuid::new_v4()
        ));
    }
    qde.push_str(&"</Code>".repeat(40));
    qde.push_str("</Codes></CodeBook></Project>");
    let file = ws.path().join("profond.qdpx");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&file).unwrap());
    z.start_file("project.qde", zip::write::SimpleFileOptions::default())
        .unwrap();
    z.write_all(qde.as_bytes()).unwrap();
    z.finish().unwrap();
    ws.cmd()
        .arg("import-qdpx")
        .arg(&file)
        .arg("q")
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("profond.qdpx")
                .and(predicate::str::contains("at most 32 levels")),
        );
    assert!(!ws.path().join("q").exists());
}

/// A memo from standard input (`-`): stored normalised (CRLF, an escape sequence), and one over
/// the memo size refused with a sentence, with nothing written.
#[test]
fn memos_are_normalised_and_at_most_a_megabyte() {
    let ws = Workspace::new();
    let p = ws.project();
    ws.cmd()
        .args(["--project", "p", "memo", "add", "project", "-"])
        .write_stdin("Relire E04.\r\nPuis \u{1b}[31mE05.\r\n")
        .assert()
        .success();
    let memo = std::fs::read_dir(p.join("memos"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|f| f.extension().is_some_and(|x| x == "md"))
        .expect("a memo file");
    let stored = std::fs::read_to_string(&memo).unwrap();
    assert!(
        stored.contains("Relire E04.\nPuis [31mE05.\n"),
        "{stored:?}"
    );
    let journal = std::fs::read(p.join("journal.jsonl")).unwrap();
    ws.cmd()
        .args(["--project", "p", "memo", "add", "project", "-"])
        .write_stdin("mot ".repeat(300_000))
        .assert()
        .failure()
        .stderr(predicate::str::contains("over the 1024 kB a memo may hold"));
    assert_eq!(std::fs::read_dir(p.join("memos")).unwrap().count(), 1);
    assert_eq!(std::fs::read(p.join("journal.jsonl")).unwrap(), journal);
}
