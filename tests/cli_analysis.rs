//! CLI tests of the analysis commands on a coded copy of the sample: stats, matrix,
//! cooccurrence, words, agreement, codings merge, saturation, report; their JSON envelope and
//! their files (.csv, .xlsx, .md, .svg); bad arguments refused with one sentence.

mod common;

use common::{Workspace, code_line};
use predicates::prelude::*;

const TEMPS: &str = "II - La CPTS vécue/II.B - Freins/II.B.1 - Manque de temps";
const FREINS: &str = "II - La CPTS vécue/II.B - Freins";
const INTER: &str = "II - La CPTS vécue/II.C - Leviers/II.C.1 - Interconnaissance";

/// The sample coded by sg (three passages) and mb (two, one shared with sg).
fn setup() -> (Workspace, std::path::PathBuf) {
    let ws = Workspace::new();
    let p = ws.coded_sample();
    ws.code_lines(
        "sg",
        &[
            code_line(
                &p,
                "E02",
                "J'ai commencé à l'hôpital, au CHU, en cardiologie",
                TEMPS,
            ),
            code_line(
                &p,
                "E01",
                "Alors c'est une patientèle assez âgée, hein.",
                INTER,
            ),
            code_line(&p, "E01", "Alors c'est une patientèle assez âgée", TEMPS),
        ],
    );
    ws.code_lines(
        "mb",
        &[
            code_line(
                &p,
                "E02",
                "J'ai commencé à l'hôpital, au CHU, en cardiologie",
                TEMPS,
            ),
            code_line(&p, "E03", "Les deux soirs, oui, je les tiens", INTER),
        ],
    );
    (ws, p)
}

#[test]
fn stats_matrix_and_cooccurrence_as_json() {
    let (ws, p) = setup();
    let stats = ws.json(&p, &["stats"]);
    assert_eq!(stats["format"], 1);
    let temps = stats["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["path"] == TEMPS)
        .unwrap();
    assert_eq!(
        (
            temps["codings"].as_u64(),
            temps["verbatims"].as_u64(),
            temps["sources"].as_u64()
        ),
        (Some(3), Some(2), Some(2))
    );
    let m = ws.json(
        &p,
        &[
            "matrix",
            FREINS,
            INTER,
            "--by",
            "Profession",
            "--descendants",
        ],
    );
    let m = &m["matrix"];
    let cols: Vec<&str> = m["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(
        cols.contains(&"Médecin généraliste") && cols.contains(&"Infirmière libérale"),
        "{cols:?}"
    );
    let mg = cols
        .iter()
        .position(|c| *c == "Médecin généraliste")
        .unwrap();
    assert_eq!(m["rows"][0]["cells"][mg]["value"], 1);
    assert_eq!(m["rows"][1]["cells"][mg]["value"], 2);
    assert_eq!(m["total"], 5);
    let c = ws.json(&p, &["cooccurrence", TEMPS, INTER]);
    assert_eq!(c["cooccurrence"]["cells"][0][1]["count"], 1);
    assert_eq!(
        c["cooccurrence"]["cells"][0][1]["passages"][0]["label"],
        "E01"
    );
}

#[test]
fn agreement_states_what_was_counted_and_lists_disagreements() {
    let (ws, p) = setup();
    let a = ws.json(&p, &["agreement", "--coders", "sg,mb", "--node", TEMPS]);
    let a = &a["agreement"];
    assert_eq!(a["exclude_uncoded"], false);
    assert_eq!(a["unit"], "char");
    let k = a["nodes"][0]["kappa"].as_f64().unwrap();
    assert!(k > 0.0 && k < 1.0, "{k}");
    let ex = ws.json(
        &p,
        &[
            "agreement",
            "--coders",
            "sg,mb",
            "--node",
            TEMPS,
            "--exclude-uncoded",
        ],
    );
    assert_eq!(ex["agreement"]["exclude_uncoded"], true);
    assert!(ex["agreement"]["nodes"][0]["kappa"].as_f64().unwrap() < k);
    ws.cmd()
        .args([
            "--project",
            "p",
            "agreement",
            "--coders",
            "sg,mb",
            "--disagreements",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Alors c'est une patientèle")
                .and(predicate::str::contains("sg")),
        );
    ws.cmd()
        .args(["--project", "p", "agreement", "--coders", "sg,zz"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no codings by a coder named 'zz'"));
}

#[test]
fn files_are_written_as_csv_xlsx_md_and_svg() {
    let (ws, p) = setup();
    for (args, file, expect) in [
        (vec!["stats"], "stats.csv", "Manque de temps"),
        (vec!["matrix", TEMPS, "--by", "Sexe"], "m.md", "| nœud |"),
        (vec!["words", "--top", "10"], "w.svg", "<svg"),
        (
            vec!["saturation", "--order", "label", "--lang", "en"],
            "s.svg",
            "cumulative nodes",
        ),
        (vec!["report"], "r.md", "Durée"),
    ] {
        let out = ws.path().join(file);
        ws.cmd()
            .args(["--project", "p"])
            .args(&args)
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains(expect), "{file}: {text}");
    }
    let x = ws.path().join("m.xlsx");
    ws.cmd()
        .args(["--project", "p", "matrix", TEMPS, "--by", "source", "-o"])
        .arg(&x)
        .assert()
        .success();
    assert!(std::fs::read(&x).unwrap().starts_with(b"PK"));
    ws.cmd()
        .args([
            "--project",
            "p",
            "cooccurrence",
            "--within",
            "turn",
            "-o",
            "x.pdf",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("x.pdf: unknown output format"));
    ws.cmd()
        .args(["--project", "p", "matrix", TEMPS, "--by", "Age"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "not source, case or a case attribute",
        ));
    let _ = p;
}

#[test]
fn words_saturation_and_consensus_merge() {
    let (ws, p) = setup();
    let w = ws.json(&p, &["words", "--top", "5"]);
    assert_eq!(w["words"]["words"].as_array().unwrap().len(), 5);
    let inner = ws.json(
        &p,
        &["words", "--node", TEMPS, "--exact", "--min-length", "4"],
    );
    let list: Vec<&str> = inner["words"]["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["word"].as_str().unwrap())
        .collect();
    assert!(
        list.contains(&"cardiologie") && list.contains(&"patientèle"),
        "{list:?}"
    );
    let kwic = ws.json(&p, &["words", "--kwic", "cardiologie"]);
    assert!(!kwic["occurrences"].as_array().unwrap().is_empty());
    let s = ws.json(&p, &["saturation", "--order", "label"]);
    let steps = s["saturation"].as_array().unwrap();
    assert_eq!(steps[0]["label"], "E01");
    assert_eq!(steps[0]["cumulative"], 2);
    ws.cmd()
        .args([
            "--project",
            "p",
            "codings",
            "merge",
            "--coders",
            "sg,mb",
            "--into",
            "consensus",
            "--agreed-only",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 passages coded for consensus"));
    let passages = ws.json(&p, &["--coder", "consensus", "passages", TEMPS]);
    assert_eq!(passages["passages"].as_array().unwrap().len(), 1);
}

#[test]
fn a_saved_query_runs_again_after_new_codings_and_codes_a_node() {
    let (ws, p) = setup();
    let q = format!("\"{TEMPS}\" OR \"{INTER}\"");
    let first = ws.json(&p, &["query", &q, "--save", "temps ou inter"]);
    assert_eq!(first["passages"].as_array().unwrap().len(), 3);
    assert!(p.join("queries/temps ou inter.txt").is_file());
    ws.code_lines(
        "sg",
        &[code_line(
            &p,
            "E08",
            "On a recruté une coordinatrice",
            TEMPS,
        )],
    );
    let again = ws.json(&p, &["query", "--run", "temps ou inter"]);
    assert_eq!(again["passages"].as_array().unwrap().len(), 4);
    let narrowed = ws.json(&p, &["query", &format!("\"{TEMPS}\" AND text:cardiologie")]);
    assert_eq!(narrowed["passages"].as_array().unwrap().len(), 1);
    ws.cmd()
        .args([
            "--project",
            "p",
            "query",
            "--run",
            "temps ou inter",
            "--code",
            "Requêtes/Temps ou inter",
        ])
        .assert()
        .success();
    let coded = ws.json(&p, &["passages", "Requêtes/Temps ou inter"]);
    assert_eq!(coded["passages"].as_array().unwrap().len(), 4);
    ws.cmd()
        .args(["--project", "p", "query", "\"Nope\" OR"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("query, at character"));
    ws.cmd()
        .args(["--project", "p", "query", "--run", "absent"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no saved query named 'absent'"));
}
