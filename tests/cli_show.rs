//! CLI tests of the small scripting commands: `show --offsets`, `codings list --json`, a closed
//! pipe ending a command quietly, and search refusing parentheses with a sentence.

mod common;

use common::Workspace;
use predicates::prelude::*;
use std::io::Read;
use std::process::Stdio;

fn project_with_text(ws: &Workspace, text: &str) -> std::path::PathBuf {
    let p = ws.project();
    std::fs::write(ws.path().join("E1.txt"), text).unwrap();
    ws.cmd()
        .args(["--project", "p", "import", "E1.txt"])
        .assert()
        .success();
    p
}

#[test]
fn show_prints_code_point_offsets_that_code_accepts() {
    let ws = Workspace::new();
    let p = project_with_text(
        &ws,
        "Enquêteur : Ça va, l’équipe ?\nM1 : Très bien, merci.\nEnquêteur : Et le soir ?\nM1 : Épuisée.",
    );
    let out = ws
        .cmd()
        .args(["--project", "p", "show", "E1", "--offsets"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with("[12-29) Enquêteur: Ça va, l’équipe ?\n[35-52) M1: Très bien, merci.\n"),
        "{stdout}"
    );
    let units = ws.json(&p, &["show", "E1"]);
    assert_eq!(units["units"][1]["text"], "Très bien, merci.");
    assert_eq!(units["units"][1]["speaker"], "M1");
    ws.cmd()
        .args(["--project", "p", "codebook", "add", "Soir"])
        .assert()
        .success();
    ws.cmd()
        .args(["--project", "p", "code", "E1", "35", "45", "Soir"])
        .assert()
        .success();
    let codings = ws.json(&p, &["codings", "list"]);
    let c = &codings["codings"][0];
    assert_eq!(c["quote"], "Très bien,");
    assert_eq!(c["path"], "Soir");
    assert_eq!(c["label"], "E1");
    assert_eq!(c["id"].as_str().unwrap().len(), 36);
    ws.cmd()
        .args(["--project", "p", "codings", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(c["id"].as_str().unwrap()));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let ws = Workspace::new();
    let mut text = String::new();
    for i in 0..4000 {
        text.push_str(&format!("Enquêteur : question {i} ?\nM1 : réponse {i}.\n"));
    }
    project_with_text(&ws, &text);
    for args in [
        &["show", "E1", "--offsets"][..],
        &["show", "E1", "--json"][..],
        &["show", "E1"][..],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("verbatim"))
            .current_dir(ws.path())
            .env("VERBATIM_HOME", ws.path().join("home"))
            .args(["--project", "p"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child
            .stdout
            .as_mut()
            .unwrap()
            .read_exact(&mut first)
            .unwrap();
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert!(status.success(), "{args:?}: {status:?}");
    }
}

#[test]
fn search_and_is_accepted_and_parentheses_refused() {
    let ws = Workspace::new();
    project_with_text(
        &ws,
        "Enquêteur : Et le soir ?\nM1 : Le médecin vient le soir.\nEnquêteur : Bien.\nM1 : Oui.",
    );
    let and = ws.json(&ws.path().join("p"), &["search", "médecin AND soir"]);
    assert_eq!(and["hits"].as_array().unwrap().len(), 1);
    ws.cmd()
        .args(["--project", "p", "search", "(médecin OR kiné) soir"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("parentheses"));
}
