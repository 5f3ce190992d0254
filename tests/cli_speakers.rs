//! CLI tests of speaker conventions end to end: import says when detection is unsure,
//! `import --speaker-pattern`, and `speakers detect` (preview, dry run, pattern) keeping every
//! coding on its words.

mod common;

use common::Workspace;
use predicates::prelude::*;

const OTTER: &str = "Emma  0:00\r\nSo how did you start?\r\n\r\nLucas  0:04\r\nAs a nurse, years ago.\r\n\r\nEmma  0:09\r\nAnd then what?\r\n\r\nLucas  0:12\r\nI moved to Brest.\r\n\r\nTranscribed by https://otter.ai\r\n";

fn speakers_of(ws: &Workspace, p: &std::path::Path, label: &str) -> Vec<(String, String)> {
    let out = ws.json(p, &["sources"]);
    let s = out["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"] == label)
        .unwrap()
        .clone();
    s["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|sp| {
            (
                sp["name"].as_str().unwrap().to_owned(),
                sp["role"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn quotes(ws: &Workspace, p: &std::path::Path) -> Vec<String> {
    let out = ws.json(p, &["passages", "Thème"]);
    out["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["text"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn otter_header_turns_import_with_their_convention() {
    let ws = Workspace::new();
    let p = ws.project();
    std::fs::write(ws.path().join("otter.txt"), OTTER).unwrap();
    ws.cmd()
        .args(["--project", "p", "import", "otter.txt"])
        .assert()
        .success();
    let out = ws.json(&p, &["sources"]);
    assert_eq!(out["sources"][0]["convention"], "header");
    assert_eq!(out["sources"][0]["turns"], 4);
    assert_eq!(
        speakers_of(&ws, &p, "otter"),
        [
            ("Emma".to_owned(), "interviewer".to_owned()),
            ("Lucas".to_owned(), "participant".to_owned())
        ]
    );
}

#[test]
fn import_says_when_detection_is_unsure() {
    let ws = Workspace::new();
    ws.project();
    let mut doc = String::from("Enquêteur : une seule question ?\n");
    for i in 0..10 {
        doc.push_str(&format!("Paragraphe {i} du compte rendu.\n"));
    }
    std::fs::write(ws.path().join("cr.txt"), doc).unwrap();
    ws.cmd()
        .args(["--project", "p", "import", "cr.txt"])
        .assert()
        .success()
        .stderr(predicate::str::contains("speakers unsure in cr:"))
        .stderr(predicate::str::contains("verbatim speakers detect cr"));
}

#[test]
fn speakers_detect_with_and_without_a_pattern_keeps_every_coding() {
    let ws = Workspace::new();
    let p = ws.project();
    let text = "<<Ana>> Bonjour, vous êtes kiné ?\n<<Léo>> Oui, depuis dix ans.\n<<Ana>> Et avant ?\n<<Léo>> J’étais étudiant.";
    std::fs::write(ws.path().join("E1.txt"), text).unwrap();
    ws.cmd()
        .args(["--project", "p", "import", "E1.txt"])
        .assert()
        .success();
    assert!(speakers_of(&ws, &p, "E1").is_empty());
    ws.cmd()
        .args(["--project", "p", "codebook", "add", "Thème"])
        .assert()
        .success();
    for (s, e) in [("8", "15"), ("41", "50"), ("60", "69")] {
        ws.cmd()
            .args(["--project", "p", "code", "E1", s, e, "Thème"])
            .assert()
            .success();
    }
    let before = quotes(&ws, &p);
    assert_eq!(before.len(), 3);
    // Without a pattern nothing is found; with one, a dry run shows the turns and saves nothing.
    ws.cmd()
        .args(["--project", "p", "speakers", "detect", "E1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no speakers"));
    ws.cmd()
        .args([
            "--project",
            "p",
            "speakers",
            "detect",
            "E1",
            "--pattern",
            "<<(?P<speaker>[^>]+)>>",
            "--dry-run",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Léo: Oui, depuis dix ans."))
        .stdout(predicate::str::contains("dry run"));
    assert!(speakers_of(&ws, &p, "E1").is_empty());
    ws.cmd()
        .args([
            "--project",
            "p",
            "speakers",
            "detect",
            "E1",
            "--pattern",
            "<<(?P<speaker>[^>]+)>>",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("saved"));
    assert_eq!(
        speakers_of(&ws, &p, "E1"),
        [
            ("Ana".to_owned(), "interviewer".to_owned()),
            ("Léo".to_owned(), "participant".to_owned())
        ]
    );
    assert_eq!(quotes(&ws, &p), before);
    let check = ws.json(&p, &["check"]);
    assert_eq!(check["orphaned"].as_array().map_or(0, Vec::len), 0);
    let hits = ws.json(&p, &["search", "kiné", "--speaker", "Ana"]);
    assert_eq!(hits["hits"].as_array().unwrap().len(), 1);
}

#[test]
fn import_with_a_speaker_pattern_and_a_bad_one() {
    let ws = Workspace::new();
    let p = ws.project();
    std::fs::write(
        ws.path().join("E2.txt"),
        "#Ana# Vous commencez ?\n#Léo# Oui.\n#Ana# Bien.",
    )
    .unwrap();
    ws.cmd()
        .args([
            "--project",
            "p",
            "import",
            "E2.txt",
            "--speaker-pattern",
            "#(\\w+)#",
        ])
        .assert()
        .success();
    assert_eq!(speakers_of(&ws, &p, "E2").len(), 2);
    ws.cmd()
        .args([
            "--project",
            "p",
            "import",
            "E2.txt",
            "--label",
            "E3",
            "--speaker-pattern",
            "([",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a valid regular expression"));
}
