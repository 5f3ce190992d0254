//! CLI tests of search on the sample corpus: each query kind, accents, case and elisions,
//! every filter, `code --search`, and freshness (codings, codebook and cases are read at query
//! time; an import or a source edit is searchable on the next query).

mod common;

use common::{Workspace, range_of, source_file, source_text};
use predicates::prelude::*;
use std::path::Path;

const TEMPS: &str = "II - La CPTS vécue/II.B - Freins/II.B.1 - Manque de temps";

fn setup() -> (Workspace, std::path::PathBuf) {
    let ws = Workspace::new();
    let p = ws.coded_sample();
    (ws, p)
}

fn hits(ws: &Workspace, p: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut a = vec!["search"];
    a.extend_from_slice(args);
    a.extend_from_slice(&["--limit", "500"]);
    ws.json(p, &a)["hits"].as_array().unwrap().clone()
}

/// The matched words of every hit, from the snippets.
fn matched(h: &[serde_json::Value]) -> Vec<String> {
    h.iter()
        .flat_map(|x| {
            let chars: Vec<char> = x["snippet"]["text"].as_str().unwrap().chars().collect();
            x["snippet"]["matches"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |m| {
                    chars[m[0].as_u64().unwrap() as usize..m[1].as_u64().unwrap() as usize]
                        .iter()
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn labels(h: &[serde_json::Value]) -> std::collections::BTreeSet<String> {
    h.iter()
        .map(|x| x["label"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn words_are_found_without_accents_or_case_and_stemmed() {
    let (ws, p) = setup();
    let h = hits(&ws, &p, &["MEDECIN"]);
    assert!(h.len() > 20);
    let words = matched(&h);
    assert!(
        words.iter().any(|w| w == "médecins")
            && words.iter().any(|w| w == "Médecin" || w == "médecin"),
        "{words:?}"
    );
    let h = hits(&ws, &p, &["réunion"]);
    assert!(
        matched(&h).iter().any(|w| w == "réunions"),
        "the stem joins singular and plural"
    );
    let plural = matched(&hits(&ws, &p, &["coordinatrices"]));
    assert!(
        plural.iter().any(|w| w == "coordinatrice"),
        "a plural query finds the singular: {plural:?}"
    );
    let folded = matched(&hits(&ws, &p, &["HOPITAL"]));
    assert!(
        folded.iter().any(|w| w == "hôpital"),
        "no accents, upper case: {folded:?}"
    );
}

#[test]
fn elisions_with_straight_and_typographic_apostrophes() {
    let (ws, p) = setup();
    let straight = hits(&ws, &p, &["l'accès"]);
    let curly = hits(&ws, &p, &["l’accès"]);
    assert_eq!(straight.len(), curly.len());
    assert!(
        matched(&straight)
            .iter()
            .all(|w| w.to_lowercase().starts_with("accè")),
        "{:?}",
        matched(&straight)
    );
    assert!(
        labels(&straight).contains("E03"),
        "E03 is typeset with ’ and must be found"
    );
    assert!(!hits(&ws, &p, &["qu'on"]).is_empty());
}

#[test]
fn phrases_or_not_and_prefixes() {
    let (ws, p) = setup();
    let h = hits(&ws, &p, &["\"soins non programmés\""]);
    assert!(h.len() >= 5);
    assert!(
        matched(&h)
            .iter()
            .all(|w| w.to_lowercase() == "soins non programmés"),
        "{:?}",
        matched(&h)
    );
    assert!(hits(&ws, &p, &["\"programmés non soins\""]).is_empty());
    let either = hits(&ws, &p, &["kinésithérapeute OR pharmacienne"]);
    let both: std::collections::BTreeSet<String> = matched(&either)
        .into_iter()
        .map(|w| w.to_lowercase())
        .collect();
    assert!(
        both.contains("kinésithérapeute") && both.contains("pharmacienne"),
        "{both:?}"
    );
    for q in ["réunions -soir", "réunions NOT soir"] {
        let h = hits(&ws, &p, &[q]);
        assert!(!h.is_empty());
        for x in &h {
            let text = source_text(&p, x["label"].as_str().unwrap());
            let unit: String = text
                .chars()
                .skip(x["unit_start"].as_u64().unwrap() as usize)
                .take(
                    (x["unit_end"].as_u64().unwrap() - x["unit_start"].as_u64().unwrap()) as usize,
                )
                .collect();
            assert!(!unit.to_lowercase().contains("soir"), "{q}: {unit}");
        }
    }
    let pre = matched(&hits(&ws, &p, &["coordinat*"]));
    assert!(
        pre.iter().any(|w| w == "coordinatrice")
            && pre.iter().any(|w| w.starts_with("coordination")),
        "{pre:?}"
    );
}

#[test]
fn positions_are_code_points_in_the_source() {
    let (ws, p) = setup();
    for x in hits(&ws, &p, &["hôpital"]).iter().take(10) {
        let text = source_text(&p, x["label"].as_str().unwrap());
        let (s, e) = (
            x["start"].as_u64().unwrap() as usize,
            x["end"].as_u64().unwrap() as usize,
        );
        let word: String = text.chars().skip(s).take(e - s).collect();
        assert_eq!(word.to_lowercase(), "hôpital");
    }
}

#[test]
fn filters_case_attribute_speaker_and_roles() {
    let (ws, p) = setup();
    assert_eq!(
        labels(&hits(&ws, &p, &["temps", "--case", "E02"])),
        ["E02".to_owned()].into()
    );
    let f = labels(&hits(&ws, &p, &["temps", "--attr", "Sexe=F"]));
    assert!(
        f.iter()
            .all(|l| ["E02", "E03", "E04", "E06"].contains(&l.as_str()))
            && f.len() >= 3,
        "{f:?}"
    );
    let m1 = hits(&ws, &p, &["temps", "--speaker", "M1"]);
    assert!(!m1.is_empty() && m1.iter().all(|x| x["speaker"] == "M1"));
    let no_int = hits(&ws, &p, &["temps", "--exclude-role", "interviewer"]);
    let interviewers = ["Enquêteur", "Enquêtrice", "INT", "E.", "Intervenant 1"];
    assert!(
        no_int
            .iter()
            .all(|x| !interviewers.contains(&x["speaker"].as_str().unwrap_or("")))
    );
    let only_int = hits(&ws, &p, &["temps", "--role", "interviewer"]);
    assert!(
        !only_int.is_empty()
            && only_int
                .iter()
                .all(|x| interviewers.contains(&x["speaker"].as_str().unwrap_or("")))
    );
    assert_eq!(
        hits(&ws, &p, &["temps"]).len(),
        no_int.len() + only_int.len()
    );
}

#[test]
fn node_filters_reflect_coding_uncoding_moves_merges_and_coders_at_once() {
    let (ws, p) = setup();
    assert!(hits(&ws, &p, &["temps", "--node", TEMPS]).is_empty());
    let (s, e) = range_of(
        &p,
        "E01",
        "Le temps, je vous l'ai dit. C'est le premier frein, de loin.",
    );
    ws.cmd()
        .args([
            "--project",
            "p",
            "--coder",
            "sg",
            "code",
            "E01",
            &s.to_string(),
            &e.to_string(),
            TEMPS,
        ])
        .assert()
        .success();
    let h = hits(&ws, &p, &["temps", "--node", TEMPS]);
    assert_eq!(h.len(), 1);
    assert_eq!(
        (h[0]["start"].as_u64().unwrap() as usize),
        s + 3,
        "the match inside the coded range"
    );
    assert_eq!(
        hits(&ws, &p, &["frein", "--node", "II - La CPTS vécue"]).len(),
        1,
        "descendants count"
    );
    assert!(
        hits(&ws, &p, &["journées", "--node", TEMPS]).is_empty(),
        "a match outside the coded range does not count"
    );
    assert!(
        ws.json(&p, &["--coder", "mb", "search", "temps", "--node", TEMPS])["hits"]
            .as_array()
            .unwrap()
            .is_empty(),
        "another coder"
    );
    ws.cmd()
        .args([
            "--project",
            "p",
            "codebook",
            "move",
            TEMPS,
            "V - Perspectives",
        ])
        .assert()
        .success();
    assert_eq!(
        hits(
            &ws,
            &p,
            &[
                "temps",
                "--node",
                "V - Perspectives/II.B.1 - Manque de temps"
            ]
        )
        .len(),
        1,
        "after a move"
    );
    ws.cmd()
        .args([
            "--project",
            "p",
            "codebook",
            "merge",
            "V - Perspectives/II.B.1 - Manque de temps",
            "V - Perspectives/V.B - Pérennité du modèle",
        ])
        .assert()
        .success();
    assert_eq!(
        hits(
            &ws,
            &p,
            &[
                "temps",
                "--node",
                "V - Perspectives/V.B - Pérennité du modèle"
            ]
        )
        .len(),
        1,
        "after a merge"
    );
    let (ms, me) = range_of(&p, "E01", "C'est le premier frein, de loin.");
    ws.cmd()
        .args([
            "--project",
            "p",
            "--coder",
            "sg",
            "uncode",
            "E01",
            &ms.to_string(),
            &me.to_string(),
        ])
        .assert()
        .success();
    assert!(
        hits(&ws, &p, &["frein", "--node", "V - Perspectives"]).is_empty(),
        "after an uncode"
    );
    assert_eq!(
        hits(
            &ws,
            &p,
            &[
                "temps",
                "--node",
                "V - Perspectives",
                "--also-node",
                "V - Perspectives/V.B - Pérennité du modèle"
            ]
        )
        .len(),
        1
    );
}

#[test]
fn a_case_change_an_import_and_a_source_edit_are_seen_by_the_next_query() {
    let (ws, p) = setup();
    assert!(labels(&hits(&ws, &p, &["temps", "--attr", "Région=Sud"])).contains("E03"));
    ws.cmd()
        .args(["--project", "p", "cases", "set", "E03", "Région", "Nord"])
        .assert()
        .success();
    assert!(!labels(&hits(&ws, &p, &["temps", "--attr", "Région=Sud"])).contains("E03"));
    std::fs::write(
        ws.path().join("E09.txt"),
        "Enquêteur : Et la téléconsultation ?\nP9 : Un zéphyr de nouveautés.\nMarie : Un autre zéphyr.",
    )
    .unwrap();
    ws.cmd()
        .args(["--project", "p", "import", "E09.txt"])
        .assert()
        .success();
    assert_eq!(
        labels(&hits(&ws, &p, &["zéphyr"])),
        ["E09".to_owned()].into()
    );
    assert!(
        hits(&ws, &p, &["zéphyr", "--speaker", "Marie"]).is_empty(),
        "Marie is not a speaker yet"
    );
    ws.cmd()
        .args([
            "--project",
            "p",
            "speakers",
            "set",
            "E09",
            "Marie",
            "--role",
            "participant",
        ])
        .assert()
        .success();
    let marie = hits(&ws, &p, &["zéphyr", "--speaker", "Marie"]);
    assert_eq!(
        marie.len(),
        1,
        "a new speaker splits the turns: the source is re-indexed"
    );
    assert_eq!(marie[0]["speaker"], "Marie");
    assert_eq!(hits(&ws, &p, &["zéphyr", "--speaker", "P9"]).len(), 1);
    let file = source_file(&p, "E05");
    let text =
        std::fs::read_to_string(&file)
            .unwrap()
            .replacen("Bonjour", "Bonjour ornithorynque", 1);
    std::fs::write(&file, text).unwrap();
    assert_eq!(
        labels(&hits(&ws, &p, &["ornithorynque"])),
        ["E05".to_owned()].into()
    );
}

#[test]
fn code_search_codes_each_hit_unit_and_asks_for_yes_above_50() {
    let (ws, p) = setup();
    ws.cmd()
        .args(["--project", "p", "code", "--search", "médecin", TEMPS])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("pass --yes"));
    ws.cmd()
        .args([
            "--project",
            "p",
            "code",
            "--search",
            "\"soins non programmés\"",
            "III - Missions/III.B - Soins non programmés",
            "--exclude-role",
            "interviewer",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("coded"));
    let passages = ws.json(
        &p,
        &["passages", "III - Missions/III.B - Soins non programmés"],
    );
    let list = passages["passages"].as_array().unwrap();
    assert!(list.len() >= 3);
    assert!(list.iter().all(|x| {
        x["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("soins non programmés")
    }));
}

#[test]
fn a_bad_query_is_one_clear_sentence() {
    let (ws, _) = setup();
    ws.cmd()
        .args(["--project", "p", "search", "\"ouvert"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unclosed quote"));
    ws.cmd()
        .args(["--project", "p", "search", "-temps"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no word to search for"));
}
