//! Keys verbatim does not know (written by a newer version or another tool) survive a rewrite of
//! the file that holds them: the manifest and its sources and speakers, the codebook and its
//! nodes, and codings. RELIABILITY.md §3 names this test.

mod common;

use common::{Workspace, code_line};
use serde_json::{Value, json};
use std::path::Path;

fn read_json(p: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

fn write_json(p: &Path, v: &Value) {
    std::fs::write(p, serde_json::to_vec_pretty(v).unwrap()).unwrap();
}

/// The one coding file of `coder`.
fn coding_file(project: &Path, coder: &str) -> std::path::PathBuf {
    let dir = project.join("codings").join(coder);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.pop().unwrap()
}

#[test]
fn unknown_keys_in_every_project_file_survive_the_commands_that_rewrite_it() {
    let ws = Workspace::new();
    let p = ws.coded_sample();
    ws.code_lines(
        "alice",
        &[code_line(
            &p,
            "E01",
            "Alors c'est une patientèle assez âgée, hein.",
            "I - Parcours et exercice/I.C - Patientèle",
        )],
    );

    // Another version's keys, at every level of every file.
    let manifest_path = p.join("verbatim.json");
    let mut m = read_json(&manifest_path);
    m["future_top"] = json!({"kept": [1, 2, 3]});
    m["sources"][0]["future_source"] = json!("gardé");
    m["sources"][0]["speakers"][0]["future_speaker"] = json!(true);
    write_json(&manifest_path, &m);
    let codebook_path = p.join("codebook.json");
    let mut b = read_json(&codebook_path);
    b["future_book"] = json!(7);
    b["nodes"][0]["future_node"] = json!({"couleur": "ocre"});
    b["nodes"][0]["children"][0]["future_child"] = json!(null);
    write_json(&codebook_path, &b);
    let codings_path = coding_file(&p, "alice");
    let line = std::fs::read_to_string(&codings_path).unwrap();
    let mut c: Value = serde_json::from_str(line.trim()).unwrap();
    c["future_coding"] = json!({"confiance": 0.8});
    std::fs::write(&codings_path, format!("{c}\n")).unwrap();

    // Commands that rewrite each file.
    for args in [
        &["sources", "rename", "E02", "E20"][..],
        &["cases", "set", "E03", "Région", "Nord"],
        &["codebook", "add", "VII - Émergent"],
    ] {
        ws.cmd()
            .args(["--project", "p"])
            .args(args)
            .assert()
            .success();
    }
    ws.code_lines(
        "alice",
        &[code_line(
            &p,
            "E01",
            "patientèle",
            "I - Parcours et exercice/I.C - Patientèle",
        )],
    );

    let m = read_json(&manifest_path);
    assert_eq!(m["future_top"], json!({"kept": [1, 2, 3]}));
    assert_eq!(m["sources"][0]["future_source"], json!("gardé"));
    assert_eq!(
        m["sources"][0]["speakers"][0]["future_speaker"],
        json!(true)
    );
    assert!(
        m["sources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["label"] == "E20"),
        "the rename was written"
    );
    let b = read_json(&codebook_path);
    assert_eq!(b["future_book"], json!(7));
    assert_eq!(b["nodes"][0]["future_node"], json!({"couleur": "ocre"}));
    let child = b["nodes"][0]["children"][0].as_object().unwrap();
    assert!(
        child.contains_key("future_child"),
        "a null value is kept too"
    );
    assert!(
        b["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["name"] == "VII - Émergent"),
        "the node was added"
    );
    let lines: Vec<Value> = std::fs::read_to_string(&codings_path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "the new coding was written beside the old");
    assert_eq!(
        lines
            .iter()
            .filter(|l| l["future_coding"] == json!({"confiance": 0.8}))
            .count(),
        1
    );

    // And `check` finds nothing wrong with a project that holds them.
    ws.cmd()
        .args(["--project", "p", "check"])
        .assert()
        .success();
}
