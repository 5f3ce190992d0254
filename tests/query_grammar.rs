//! One filter grammar, two front ends: each filter text below is run through the CLI
//! (`passages NODE --filter TEXT`) and typed into the TUI's `f` prompt, and both must select
//! the same passages — including values with spaces, quoted or not, and attribute names with
//! apostrophes. Unknown names and values fail the same way, with the close matches named.

mod common;

use common::Workspace;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeSet;
use std::path::Path;
use verbatim::ids::SourceId;
use verbatim::session::Session;
use verbatim::tui::testing::{App, Depth, Keymap, Lang, Theme};

const NODE: &str = "II - La CPTS vécue/II.B - Freins/II.B.1 - Manque de temps";

/// The sample with every turn of every speaker coded to NODE.
fn project(ws: &Workspace) -> std::path::PathBuf {
    let p = ws.coded_sample();
    let mut s = Session::open_writer(&p).unwrap();
    let node = s.codebook().resolve(NODE).unwrap();
    let sources: Vec<(SourceId, Vec<String>)> = s
        .project()
        .sources()
        .iter()
        .map(|m| (m.id, m.speaker_names()))
        .collect();
    for (id, speakers) in sources {
        for sp in speakers {
            s.code_speaker("sg", &sp, node, Some(verbatim::SourceId(id.0)))
                .unwrap();
        }
    }
    p
}

type Row = (String, Option<String>, usize, usize);

fn cli(ws: &Workspace, p: &Path, filter: &str) -> Vec<Row> {
    ws.json(p, &["passages", NODE, "--filter", filter])["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["label"].as_str().unwrap().to_owned(),
                x["speaker"].as_str().map(str::to_owned),
                x["start"].as_u64().unwrap() as usize,
                x["end"].as_u64().unwrap() as usize,
            )
        })
        .collect()
}

fn press(a: &mut App, code: KeyCode) {
    a.key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// Opens the TUI on NODE's passages and types `filter` at the `f` prompt.
fn tui(p: &Path, filter: &str) -> (Vec<Row>, Option<String>) {
    let session = Session::open_writer(p).unwrap();
    let node = session.codebook().resolve(NODE).unwrap();
    let mut a = App::new(
        session,
        Keymap::default_keys(),
        Lang::En,
        Theme {
            depth: Depth::TrueColor,
        },
        140,
        40,
    );
    press(&mut a, KeyCode::Char('3'));
    let row = a
        .state()
        .codebook
        .tree
        .iter()
        .position(|r| r.id == node)
        .unwrap();
    press(&mut a, KeyCode::Char('g'));
    for _ in 0..row {
        press(&mut a, KeyCode::Char('j'));
    }
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.state().passages.of, Some(node));
    press(&mut a, KeyCode::Char('f'));
    for c in filter.chars() {
        press(&mut a, KeyCode::Char(c));
    }
    press(&mut a, KeyCode::Enter);
    let rows = a
        .state()
        .passages
        .rows
        .iter()
        .map(|r| (r.label.clone(), r.speaker.clone(), r.start, r.end))
        .collect();
    (rows, a.state().ui.message.clone())
}

fn labels(rows: &[Row]) -> BTreeSet<&str> {
    rows.iter().map(|r| r.0.as_str()).collect()
}

#[test]
fn the_cli_and_the_tui_read_filters_alike() {
    let ws = Workspace::new();
    let p = project(&ws);
    let all = cli(&ws, &p, "");
    assert!(
        labels(&all).len() == 8,
        "every source coded: {:?}",
        labels(&all)
    );
    let doctors = ["E01", "E03", "E08"];
    for (filter, want) in [
        ("Profession=\"Médecin généraliste\"", &doctors[..]),
        ("Profession=Médecin généraliste", &doctors[..]),
        ("profession=«medecin generaliste»", &doctors[..]),
        ("Profession=Médecin généraliste Sexe=H", &["E01", "E08"][..]),
        ("Sexe=H Profession=Médecin généraliste", &["E01", "E08"][..]),
        ("Tranche d'âge=50-60 ans", &["E01", "E04"][..]),
        (
            "\"Tranche d'âge\"=\"40-50 ans\" Région=Centre",
            &["E02", "E06"][..],
        ),
        ("case:E02 -role:interviewer", &["E02"][..]),
        (
            "Structure=Maison de santé role:participant",
            &["E01", "E05"][..],
        ),
    ] {
        let by_cli = cli(&ws, &p, filter);
        let (by_tui, message) = tui(&p, filter);
        assert_eq!(
            labels(&by_cli),
            want.iter().copied().collect(),
            "CLI, {filter}"
        );
        assert_eq!(by_tui, by_cli, "TUI and CLI, {filter} ({message:?})");
        assert!(by_cli.len() < all.len(), "{filter} filters something out");
    }
    let (rows, _) = tui(&p, "-role:interviewer");
    assert!(rows.iter().all(|r| r.1.as_deref() != Some("Enquêteur")));
}

#[test]
fn unknown_names_and_values_are_refused_alike_with_close_matches() {
    let ws = Workspace::new();
    let p = project(&ws);
    for (filter, says) in [
        (
            "Profession=Médecin",
            "no case has Profession = 'Médecin' (did you mean 'Médecin généraliste'?)",
        ),
        (
            "Profesion=x",
            "no case attribute is named 'Profesion' (did you mean 'Profession'?)",
        ),
        ("case:E9", "no case is named 'E9' (did you mean"),
    ] {
        ws.cmd()
            .args(["--project", "p", "passages", NODE, "--filter", filter])
            .assert()
            .code(1)
            .stderr(predicates::str::contains(says));
        let (_, message) = tui(&p, filter);
        assert!(
            message.as_deref().is_some_and(|m| m.contains(says)),
            "TUI, {filter}: {message:?}"
        );
    }
    ws.cmd()
        .args([
            "--project",
            "p",
            "passages",
            NODE,
            "--attr",
            "Profession=Médecin généraliste",
        ])
        .assert()
        .success();
}
