//! CLI tests of the codebook operations, coding and uncoding, passages with every filter, two
//! coders, batch coding, memos and `check` after an outside edit.

mod common;

use common::{Workspace, range_of, source_file};
use predicates::prelude::*;
use std::path::Path;

const TEMPS: &str = "II - La CPTS vécue/II.B - Freins/II.B.1 - Manque de temps";
const FREINS: &str = "II - La CPTS vécue/II.B - Freins";
const INTER: &str = "II - La CPTS vécue/II.C - Leviers/II.C.1 - Interconnaissance";

fn setup() -> (Workspace, std::path::PathBuf) {
    let ws = Workspace::new();
    let p = ws.coded_sample();
    (ws, p)
}

fn code(ws: &Workspace, coder: &str, label: &str, range: (usize, usize), node: &str) {
    ws.cmd()
        .args([
            "--project",
            "p",
            "--coder",
            coder,
            "code",
            label,
            &range.0.to_string(),
            &range.1.to_string(),
            node,
        ])
        .assert()
        .success();
}

fn passages(ws: &Workspace, p: &Path, node: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["passages", node];
    args.extend_from_slice(extra);
    ws.json(p, &args)["passages"].as_array().unwrap().clone()
}

fn jsonl_lines(p: &Path, coder: &str) -> usize {
    let dir = p.join("codings").join(coder);
    std::fs::read_dir(dir).map_or(0, |d| {
        d.map(|e| {
            std::fs::read_to_string(e.unwrap().path())
                .unwrap()
                .lines()
                .count()
        })
        .sum()
    })
}

#[test]
fn overlapping_codings_of_a_node_unite_and_partial_uncode_trims_and_splits() {
    let (ws, p) = setup();
    let (s, e) = range_of(
        &p,
        "E01",
        "Le temps, je vous l'ai dit. C'est le premier frein, de loin.",
    );
    code(&ws, "sg", "E01", (s, s + 20), TEMPS);
    code(&ws, "sg", "E01", (s + 10, e), TEMPS);
    assert_eq!(jsonl_lines(&p, "sg"), 1, "united into one coding");
    let ps = passages(&ws, &p, TEMPS, &[]);
    assert_eq!(ps.len(), 1);
    assert_eq!(
        ps[0]["text"],
        "Le temps, je vous l'ai dit. C'est le premier frein, de loin."
    );
    assert_eq!(
        (
            ps[0]["start"].as_u64().unwrap() as usize,
            ps[0]["end"].as_u64().unwrap() as usize
        ),
        (s, e)
    );
    ws.cmd()
        .args([
            "--project",
            "p",
            "--coder",
            "sg",
            "uncode",
            "E01",
            &(s + 10).to_string(),
            &(s + 20).to_string(),
            TEMPS,
        ])
        .assert()
        .success();
    let ps = passages(&ws, &p, TEMPS, &[]);
    assert_eq!(
        ps.iter()
            .map(|x| x["text"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["Le temps, ", "ai dit. C'est le premier frein, de loin."]
    );
    ws.cmd()
        .args([
            "--project",
            "p",
            "--coder",
            "sg",
            "uncode",
            "E01",
            &(e - 10).to_string(),
            &(e + 5).to_string(),
        ])
        .assert()
        .success();
    assert!(
        passages(&ws, &p, TEMPS, &[])[1]["text"]
            .as_str()
            .unwrap()
            .ends_with("premier frein")
    );
    ws.cmd()
        .args(["--project", "p", "--coder", "sg", "uncode", "E01", "0", "5"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no coding of sg overlaps 0..5 in E01",
        ));
}

#[test]
fn two_coders_are_united_in_reads_unless_one_is_chosen() {
    let (ws, p) = setup();
    let (s, e) = range_of(&p, "E03", "La CPTS, ça dit : vous ne serez pas seule.");
    code(&ws, "sg", "E03", (s, e - 5), INTER);
    code(&ws, "mb", "E03", (s + 5, e), INTER);
    let all = passages(&ws, &p, INTER, &[]);
    assert_eq!(all.len(), 1, "a passage coded by two coders appears once");
    assert_eq!(all[0]["coders"], serde_json::json!(["mb", "sg"]));
    assert_eq!(all[0]["end"].as_u64().unwrap() as usize, e);
    let mb = ws
        .cmd()
        .args([
            "--project",
            "p",
            "--coder",
            "mb",
            "passages",
            INTER,
            "--json",
        ])
        .output()
        .unwrap();
    let mb: serde_json::Value = serde_json::from_slice(&mb.stdout).unwrap();
    assert_eq!(mb["passages"][0]["start"].as_u64().unwrap() as usize, s + 5);
    assert!(p.join("codings/mb").is_dir() && p.join("codings/sg").is_dir());
}

#[test]
fn passages_honour_every_filter() {
    let (ws, p) = setup();
    let q = range_of(
        &p,
        "E01",
        "Qu'est-ce qui freine le plus, selon vous, aujourd'hui, le fonctionnement de la CPTS ?",
    );
    let a = range_of(&p, "E01", "Le temps, je vous l'ai dit.");
    let b = range_of(&p, "E02", "Les réunions, c'est souvent à vingt heures");
    let c = range_of(&p, "E04", "La première, c'est l'essoufflement.");
    for (label, r) in [("E01", q), ("E01", a), ("E02", b), ("E04", c)] {
        code(&ws, "sg", label, r, TEMPS);
    }
    code(&ws, "sg", "E02", (b.0, b.1 + 30), INTER);
    let labels = |v: &[serde_json::Value]| {
        v.iter()
            .map(|x| {
                format!(
                    "{}:{}",
                    x["label"].as_str().unwrap(),
                    x["speaker"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        labels(&passages(&ws, &p, TEMPS, &[])),
        ["E01:Enquêteur", "E01:M1", "E02:IDE2", "E04:Ph."]
    );
    assert_eq!(
        labels(&passages(
            &ws,
            &p,
            TEMPS,
            &["--exclude-role", "interviewer"]
        )),
        ["E01:M1", "E02:IDE2", "E04:Ph."]
    );
    assert_eq!(
        labels(&passages(&ws, &p, TEMPS, &["--role", "interviewer"])),
        ["E01:Enquêteur"]
    );
    assert_eq!(
        labels(&passages(&ws, &p, TEMPS, &["--case", "E02"])),
        ["E02:IDE2"]
    );
    assert_eq!(
        labels(&passages(&ws, &p, TEMPS, &["--attr", "Sexe=F"])),
        ["E02:IDE2", "E04:Ph."]
    );
    assert_eq!(
        labels(&passages(
            &ws,
            &p,
            TEMPS,
            &[
                "--attr",
                "Sexe=F",
                "--attr",
                "Région=Centre",
                "--speaker",
                "ph."
            ]
        )),
        ["E04:Ph."]
    );
    assert_eq!(
        labels(&passages(
            &ws,
            &p,
            TEMPS,
            &["--also-node", "II - La CPTS vécue/II.C - Leviers"]
        )),
        ["E02:IDE2"]
    );
    assert_eq!(
        labels(&passages(
            &ws,
            &p,
            FREINS,
            &["--descendants", "--speaker", "M1"]
        )),
        ["E01:M1"]
    );
    assert!(
        passages(&ws, &p, FREINS, &[]).is_empty(),
        "without --descendants, only the node itself"
    );
    ws.cmd()
        .args(["--project", "p", "passages", TEMPS, "--attr", "Nope=1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no case attribute is named 'Nope'",
        ));
}

#[test]
fn codebook_operations_rename_move_reorder_describe_color_and_refuse_cycles() {
    let (ws, p) = setup();
    let run = |args: &[&str]| {
        ws.cmd()
            .args(["--project", "p", "codebook"])
            .args(args)
            .assert()
    };
    run(&["add", "VI - Nouveau/VI.A - Émergent/Sous \\/ thème"]).success();
    run(&["rename", "VI - Nouveau/VI.A - Émergent", "VI.A - Inductif"]).success();
    run(&["rename", "VI - Nouveau/VI.A - Inductif", "VI.A - Inductif"]).success();
    run(&["add", "VI - Nouveau/VI.B - Autre"]).success();
    run(&["rename", "VI - Nouveau/VI.B - Autre", "VI.A - Inductif"])
        .code(1)
        .stderr(predicate::str::contains("a sibling is already named"));
    run(&["move", "VI - Nouveau", "VI - Nouveau/VI.A - Inductif"])
        .code(1)
        .stderr(predicate::str::contains(
            "under itself or one of its descendants",
        ));
    run(&[
        "move",
        "VI - Nouveau/VI.A - Inductif",
        "V - Perspectives",
        "--position",
        "1",
    ])
    .success();
    run(&["reorder", "V - Perspectives/VI.A - Inductif", "last"]).success();
    run(&[
        "describe",
        "V - Perspectives/VI.A - Inductif",
        "Codes nés du terrain",
    ])
    .success();
    run(&["color", "V - Perspectives/VI.A - Inductif", "#00aa55"]).success();
    run(&["color", "V - Perspectives", "rouge"])
        .code(1)
        .stderr(predicate::str::contains("#RRGGBB"));
    run(&["codable", "VI - Nouveau", "no"]).success();
    let nodes = ws.json(&p, &["codebook", "list"])["nodes"].clone();
    let persp = nodes
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "V - Perspectives")
        .unwrap();
    let moved = persp["children"].as_array().unwrap().last().unwrap();
    assert_eq!(moved["name"], "VI.A - Inductif");
    assert_eq!(moved["path"], "V - Perspectives/VI.A - Inductif");
    assert_eq!(moved["description"], "Codes nés du terrain");
    assert_eq!(moved["color"], "#00AA55");
    assert_eq!(moved["children"][0]["name"], "Sous / thème");
    let nouveau = nodes
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["name"] == "VI - Nouveau")
        .unwrap();
    assert_eq!(nouveau["codable"], false);
    let book = std::fs::read_to_string(p.join("codebook.json")).unwrap();
    assert!(book.starts_with("{\n  \"format\": 1,") && book.ends_with("}\n"));
}

#[test]
fn merge_moves_codings_uniting_overlaps_and_forced_delete_reports_counts() {
    let (ws, p) = setup();
    let (s, e) = range_of(&p, "E06", "L’administratif, sans hésiter.");
    let lourd = "II - La CPTS vécue/II.B - Freins/II.B.3 - Lourdeur administrative";
    code(&ws, "sg", "E06", (s, s + 15), lourd);
    code(&ws, "sg", "E06", (s + 5, e), TEMPS);
    code(&ws, "sg", "E01", range_of(&p, "E01", "Le temps."), TEMPS);
    ws.cmd()
        .args(["--project", "p", "codebook", "merge", lourd, TEMPS])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 codings moved"));
    let ps = passages(&ws, &p, TEMPS, &[]);
    let e06: Vec<_> = ps.iter().filter(|x| x["label"] == "E06").collect();
    assert_eq!(e06.len(), 1);
    assert_eq!(e06[0]["text"], "L’administratif, sans hésiter.");
    assert_eq!(
        jsonl_lines(&p, "sg"),
        2,
        "the overlapping codings became one"
    );
    ws.cmd()
        .args(["--project", "p", "codebook", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Lourdeur").not());
    ws.cmd()
        .args(["--project", "p", "codebook", "delete", FREINS])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "hold 2 codings in 2 sources; delete with --force",
        ));
    ws.cmd()
        .args(["--project", "p", "codebook", "delete", FREINS, "--force"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 codings removed"));
    assert_eq!(jsonl_lines(&p, "sg"), 0);
    ws.cmd()
        .args([
            "--project",
            "p",
            "codebook",
            "merge",
            "I - Parcours et exercice",
            "I - Parcours et exercice/I.A - Installation et trajectoire",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("into one of its descendants"));
}

#[test]
fn turns_speakers_and_batches_are_coded_and_a_bad_batch_writes_nothing() {
    let (ws, p) = setup();
    let (s, _) = range_of(&p, "E05", "Un terrain de jeu.");
    ws.cmd()
        .args([
            "--project",
            "p",
            "code",
            "--turn",
            "E05",
            &(s + 3).to_string(),
            INTER,
        ])
        .assert()
        .success();
    let ps = passages(&ws, &p, INTER, &[]);
    assert!(
        ps[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("(silence) Un terrain de jeu."),
        "{}",
        ps[0]["text"]
    );
    ws.cmd()
        .args([
            "--project",
            "p",
            "code",
            "--speaker",
            "Ph.",
            "III - Missions/III.D - Prévention",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("coded 26 turns of Ph."));
    let batch = ws.path().join("batch.jsonl");
    std::fs::write(&batch, "{\"source\":\"E07\",\"start\":10,\"end\":40,\"node\":\"V - Perspectives/V.B - Pérennité du modèle\"}\n{\"source\":\"E99\",\"start\":1,\"end\":2,\"node\":\"V - Perspectives\"}\n").unwrap();
    let before = jsonl_lines(&p, "tester");
    ws.cmd()
        .args(["--project", "p", "code", "--jsonl"])
        .arg(&batch)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "batch.jsonl: line 2: no source with label or id 'E99'",
        ));
    assert_eq!(jsonl_lines(&p, "tester"), before);
    std::fs::write(&batch, "{\"source\":\"E07\",\"start\":10,\"end\":40,\"node\":\"V - Perspectives/V.B - Pérennité du modèle\"}\n").unwrap();
    ws.cmd()
        .args(["--project", "p", "code", "--jsonl"])
        .arg(&batch)
        .assert()
        .success()
        .stdout(predicate::str::contains("coded 1 ranges"));
    ws.cmd()
        .args([
            "--project",
            "p",
            "code",
            "E07",
            "10",
            "9999999",
            "V - Perspectives/V.B - Pérennité du modèle",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("past the end of E07"));
    ws.cmd()
        .args([
            "--project",
            "p",
            "code",
            "E07",
            "10",
            "20",
            "V - Perspectives",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is a folder"));
    ws.cmd()
        .args([
            "--project",
            "p",
            "code",
            "E07",
            "10",
            "20",
            "Inductif/porte ouverte",
            "--create",
        ])
        .assert()
        .success();
}

#[test]
fn check_reports_moved_and_orphaned_codings_after_an_outside_edit_and_never_drops_them() {
    let (ws, p) = setup();
    let keep = range_of(&p, "E08", "Contre l'abandon.");
    let gone = range_of(
        &p,
        "E08",
        "Voilà comment la CPTS est vraiment née. Dans la crise.",
    );
    code(&ws, "sg", "E08", keep, TEMPS);
    code(&ws, "sg", "E08", gone, INTER);
    let file = source_file(&p, "E08");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text
        .replace("Voilà comment la CPTS est vraiment née. Dans la crise.", "")
        .replace(
            "[00:00:05] Enquêteur : Bonjour docteur",
            "[00:00:05] Enquêteur : Bonjour, bonjour docteur",
        );
    std::fs::write(&file, edited).unwrap();
    let report = ws.json(&p, &["check"]);
    assert_eq!(report["moved"].as_array().unwrap().len(), 1);
    assert_eq!(report["moved"][0]["quote"], "Contre l'abandon.");
    assert_eq!(report["orphaned"].as_array().unwrap().len(), 1);
    assert_eq!(
        report["orphaned"][0]["quote"],
        "Voilà comment la CPTS est vraiment née. Dans la crise."
    );
    ws.cmd()
        .args(["--project", "p", "codebook", "add", "Z"])
        .assert()
        .success();
    let line = std::fs::read_dir(p.join("codings/sg"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect::<String>();
    assert!(
        line.contains("\"status\":\"orphaned\""),
        "the orphan is kept in its file"
    );
    assert_eq!(line.lines().count(), 2);
    let after = ws.json(&p, &["check"]);
    assert_eq!(
        (
            after["kept"].as_array().unwrap().len(),
            after["orphaned"].as_array().unwrap().len()
        ),
        (1, 1)
    );
    assert_eq!(
        passages(&ws, &p, TEMPS, &[])[0]["text"],
        "Contre l'abandon."
    );
}

#[test]
fn memos_are_added_listed_shown_and_refused_on_unknown_targets() {
    let (ws, p) = setup();
    let out = ws
        .cmd()
        .args([
            "--project",
            "p",
            "memo",
            "add",
            &format!("node:{TEMPS}"),
            "Le temps revient dans presque tous les entretiens.",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let id = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    ws.cmd()
        .args(["--project", "p", "memo", "add", "source:E02"])
        .arg("-")
        .write_stdin("Entretien très riche sur les IPA.\nÀ relire.")
        .assert()
        .success();
    ws.cmd()
        .args([
            "--project",
            "p",
            "memo",
            "add",
            "project",
            "Journal de bord",
        ])
        .assert()
        .success();
    let memos = ws.json(&p, &["memo", "list"])["memos"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(memos.len(), 3);
    assert_eq!(memos[0]["target"], "project");
    ws.cmd()
        .args(["--project", "p", "memo", "show", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("Le temps revient"));
    let on_node = ws.json(&p, &["memo", "list", "--target", &format!("node:{TEMPS}")]);
    assert_eq!(on_node["memos"].as_array().unwrap().len(), 1);
    ws.cmd()
        .args(["--project", "p", "memo", "edit", &id, "Corrigé."])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(p.join(format!("memos/{id}.md")))
            .unwrap()
            .ends_with("\n\nCorrigé.\n")
    );
    ws.cmd()
        .args(["--project", "p", "memo", "add", "node:Nope", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no node 'Nope'"));
    let journal = std::fs::read_to_string(p.join("journal.jsonl")).unwrap();
    assert!(
        journal.contains("memo.add") && !journal.contains("Le temps revient"),
        "the journal holds ids, never text"
    );
}
