//! CLI tests of `import-table`: a French Excel CSV (`;`, Windows-1252) by respondent with case
//! attributes, a hand-made .xlsx by column, and a refusal that names the line and leaves the
//! project unchanged.

mod common;

use common::Workspace;
use predicates::prelude::*;
use std::path::Path;

fn fixture(ws: &Workspace, name: &str) -> String {
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tables")
        .join(name);
    std::fs::copy(&from, ws.path().join(name)).unwrap();
    name.to_owned()
}

#[test]
fn survey_answers_become_sources_with_case_attributes() {
    let ws = Workspace::new();
    let p = ws.project();
    let csv = fixture(&ws, "excel-fr-cp1252.csv");
    let run = |args: &[&str]| {
        let mut c = ws.cmd();
        c.args(["--project", "p"]).args(args);
        c
    };
    run(&[
        "import-table",
        &csv,
        "--id",
        "Code",
        "--text",
        "Pourquoi ce métier ?,Une journée type",
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains(
        "imported E01\nimported E02\nimported E04",
    ))
    .stderr(predicate::str::contains(
        "no answer from respondent E03 (line 6): nothing imported for it",
    ))
    .stderr(predicate::str::contains(
        "3 source(s) from 3 respondent(s), attributes Âge, Ville",
    ));
    let cases = std::fs::read_to_string(p.join("cases.csv")).unwrap();
    assert!(cases.contains("E02,51,Quimper"), "{cases}");
    let shown = run(&["show", "E01"]).assert().success();
    let out = String::from_utf8(shown.get_output().stdout.clone()).unwrap();
    assert!(out.contains("Le soir, l’administratif."), "{out}");

    let xlsx = fixture(&ws, "saisie-fusionnee.xlsx");
    run(&[
        "import-table",
        &xlsx,
        "--id",
        "répondant",
        "--text",
        "Ce qui vous aide",
        "--attrs",
        "Site",
        "--by-column",
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains("imported Ce qui vous aide"));
    let sources = ws.json(&p, &["sources"]);
    let text = sources.to_string();
    assert!(text.contains("Ce qui vous aide"), "{text}");
    let cases = std::fs::read_to_string(p.join("cases.csv")).unwrap();
    assert!(cases.contains("B2,") && cases.contains("Brest"), "{cases}");
}

#[test]
fn a_bad_table_is_refused_whole() {
    let ws = Workspace::new();
    let p = ws.project();
    std::fs::write(
        ws.path().join("t.csv"),
        "id;réponse\r\nA1;oui\r\nA2;non\r\nA1;peut-être\r\n",
    )
    .unwrap();
    ws.cmd()
        .args([
            "--project",
            "p",
            "import-table",
            "t.csv",
            "--id",
            "id",
            "--text",
            "réponse",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "t.csv: line 4: respondent 'A1' appears twice (also line 2)",
        ));
    let manifest = std::fs::read_to_string(p.join("verbatim.json")).unwrap();
    assert!(!manifest.contains("A2"), "{manifest}");
}
