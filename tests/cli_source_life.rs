//! CLI tests of a source's life: re-importing says so and points to `sources replace`; replace
//! keeps codings on their words; delete refuses without --yes when it cannot ask, then removes
//! the source with its codings and memos.

mod common;

use common::Workspace;
use predicates::prelude::*;

const E1: &str = "Enquêteur : Vous êtes kiné ?\nP1 : Oui, à Brest, depuis dix ans.\nEnquêteur : Et le soir ?\nP1 : Les réunions tombent le soir.";

#[test]
fn reimport_replace_and_delete() {
    let ws = Workspace::new();
    let p = ws.project();
    std::fs::write(ws.path().join("E1.txt"), E1).unwrap();
    let run = |args: &[&str]| {
        let mut c = ws.cmd();
        c.args(["--project", "p"]).args(args);
        c
    };
    run(&["import", "E1.txt"]).assert().success();
    run(&["import", "E1.txt"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "is already imported, as source 'E1'",
        ))
        .stderr(predicate::str::contains("verbatim sources replace E1"));
    run(&["codebook", "add", "Lieux"]).assert().success();
    run(&["code", "E1", "41", "46", "Lieux"]).assert().success();
    run(&["memo", "add", "source:E1", "Entretien calme."])
        .assert()
        .success();
    std::fs::write(
        ws.path().join("E1-v2.txt"),
        "Enquêteur : Bonjour ! Vous êtes kiné ?\r\nP1 : Oui, à Brest, depuis dix ans.\r\n",
    )
    .unwrap();
    run(&["sources", "replace", "E1", "E1-v2.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 moved, 0 orphaned"));
    let passages = ws.json(&p, &["passages", "Lieux"]);
    assert_eq!(passages["passages"][0]["text"], "Brest");
    run(&["sources", "delete", "E1"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "1 coding(s) and 1 memo(s) go with it",
        ))
        .stderr(predicate::str::contains("--yes"));
    run(&["sources", "delete", "E1", "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "deleted E1 with 1 coding(s) and 1 memo(s)",
        ));
    let sources = ws.json(&p, &["sources"]);
    assert!(sources["sources"].as_array().unwrap().is_empty());
    let hits = ws.json(&p, &["search", "Brest"]);
    assert!(hits["hits"].as_array().unwrap().is_empty());
    run(&["check"]).assert().success();
}
