//! CLI tests of `sources`, `sources rename`, `speakers set`, `cases import|list|set` and `demo`.

mod common;

use common::Workspace;
use predicates::prelude::*;

#[test]
fn rename_moves_the_case_and_keeps_codings_by_id() {
    let ws = Workspace::new();
    let p = ws.sample_project();
    let before = ws.json(&p, &["sources"]);
    let id = before["sources"][1]["id"].as_str().unwrap().to_owned();
    // A real coding (rename opens a session, which reads every coding).
    let codings = p.join("codings/tester");
    for args in [
        &["codebook", "add", "Thème"][..],
        &["code", "E02", "0", "5", "Thème"],
    ] {
        ws.cmd()
            .args(["--project", "p"])
            .args(args)
            .assert()
            .success();
    }
    let line = std::fs::read_to_string(codings.join(format!("{id}.jsonl"))).unwrap();
    ws.cmd()
        .args(["--project", "p", "sources", "rename", "E02", "E10"])
        .assert()
        .success();
    let after = ws.json(&p, &["sources"]);
    let labels: Vec<&str> = after["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["E01", "E03", "E04", "E05", "E06", "E07", "E08", "E10"],
        "natural order"
    );
    let renamed = &after["sources"][7];
    assert_eq!(renamed["id"], id.as_str());
    assert_eq!(renamed["case"], "E10");
    assert_eq!(renamed["speakers"][1]["case"], "E10");
    assert_eq!(renamed["codings"], 1);
    assert_eq!(
        std::fs::read_to_string(codings.join(format!("{id}.jsonl"))).unwrap(),
        line
    );
    let cases = ws.json(&p, &["cases", "list"]);
    let e10 = cases["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["case"] == "E10")
        .unwrap();
    assert_eq!(e10["attributes"]["Profession"], "Infirmière libérale");
    assert!(
        !cases["cases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["case"] == "E02")
    );
    ws.cmd()
        .args(["--project", "p", "sources", "rename", "E01", "E10"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already labelled 'E10'"));
    ws.cmd()
        .args(["--project", "p", "sources", "rename", "E99", "X"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no source with label or id 'E99'"));
}

#[test]
fn speakers_set_changes_roles_and_makes_a_speaker_a_case() {
    let ws = Workspace::new();
    let p = ws.sample_project();
    ws.cmd()
        .args([
            "--project",
            "p",
            "speakers",
            "set",
            "E07",
            "Intervenant 1",
            "--role",
            "other",
        ])
        .assert()
        .success();
    ws.cmd()
        .args([
            "--project",
            "p",
            "speakers",
            "set",
            "E07",
            "Intervenant 2",
            "--role",
            "participant",
            "--case",
            "ARS-1",
        ])
        .assert()
        .success();
    let sources = ws.json(&p, &["sources"]);
    let e07 = &sources["sources"][6];
    assert_eq!(e07["speakers"][0]["role"], "other");
    assert_eq!(e07["speakers"][1]["case"], "ARS-1");
    ws.cmd()
        .args([
            "--project",
            "p",
            "cases",
            "set",
            "ARS-1",
            "Profession",
            "Chargé de mission",
        ])
        .assert()
        .success();
    let cases = ws.json(&p, &["cases", "list"]);
    let c = cases["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["case"] == "ARS-1")
        .unwrap();
    assert_eq!(c["sources"][0], "E07");
    assert_eq!(c["attributes"]["Profession"], "Chargé de mission");
}

#[test]
fn cases_import_merges_reports_unknown_ids_and_reads_windows_1252() {
    let ws = Workspace::new();
    let p = ws.sample_project();
    std::fs::write(
        ws.path().join("extra.csv"),
        b"id;R\xe9gion;Statut\nE01;Nord;Lib\xe9ral\nE77;Sud;Salari\xe9\n",
    )
    .unwrap();
    ws.cmd()
        .args(["--project", "p", "cases", "import", "extra.csv"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("updated 1 cases: E01")
                .and(predicate::str::contains("new attributes: Statut")),
        )
        .stderr(predicate::str::contains(
            "extra.csv: line 3: no source or speaker has case 'E77'",
        ));
    let cases = ws.json(&p, &["cases", "list"]);
    let e01 = &cases["cases"][0];
    assert_eq!(e01["attributes"]["Région"], "Nord");
    assert_eq!(e01["attributes"]["Statut"], "Libéral");
    assert_eq!(e01["attributes"]["Sexe"], "H", "other attributes kept");
    let csv = std::fs::read_to_string(p.join("cases.csv")).unwrap();
    assert!(
        csv.starts_with(
            "case,Profession,Sexe,Tranche d'âge,Région,Structure,Durée (min),Statut\nE01,"
        ),
        "{csv}"
    );
    ws.cmd()
        .args(["--project", "p", "cases", "set", "E05", "Sexe", ""])
        .assert()
        .success();
    assert!(
        ws.json(&p, &["cases", "list"])["cases"][4]["attributes"]
            .get("Sexe")
            .is_none()
    );
    ws.cmd()
        .args(["--project", "p", "cases", "set", "E99", "Sexe", "F"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no case named 'E99'"));
}

#[test]
fn a_ragged_cases_file_names_its_line_and_changes_nothing() {
    let ws = Workspace::new();
    let p = ws.sample_project();
    let before = std::fs::read(p.join("cases.csv")).unwrap();
    std::fs::write(
        ws.path().join("bad.csv"),
        "case,Age\nE01,40\nE02,30,extra\n",
    )
    .unwrap();
    ws.cmd()
        .args(["--project", "p", "cases", "import", "bad.csv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad.csv: line 3 has 3 fields where the header has 2",
        ));
    assert_eq!(std::fs::read(p.join("cases.csv")).unwrap(), before);
}

#[test]
fn the_demo_is_built_once_from_the_embedded_corpus_and_opened_without_arguments() {
    let ws = Workspace::new();
    let out = ws.cmd().arg("demo").output().unwrap();
    assert!(out.status.success());
    let path = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(path.ends_with("demo") && path.contains("home"), "{path}");
    let manifest = std::path::Path::new(&path).join("verbatim.json");
    let first = std::fs::read(&manifest).unwrap();
    ws.cmd().arg("demo").assert().success();
    assert_eq!(std::fs::read(&manifest).unwrap(), first, "built once");
    ws.cmd().assert().success().stdout(
        predicate::str::contains("CPTS-demo")
            .and(predicate::str::contains("8 sources"))
            .and(predicate::str::contains("codebook of 29 nodes")),
    );
    ws.cmd().args(["demo", "--reset"]).assert().success();
    assert_ne!(
        std::fs::read(&manifest).unwrap(),
        first,
        "rebuilt with new ids"
    );
}

#[test]
fn opening_the_current_folder_prefers_its_project() {
    let ws = Workspace::new();
    ws.sample_project();
    ws.cmd()
        .current_dir(ws.path().join("p"))
        .assert()
        .success()
        .stdout(predicate::str::contains("verbatim · p ·"));
}
