//! Linear cost, the small proof (issue 12 item 7; `benches/scale.rs` times the 49 MB case): a
//! 1.2 MB transcript with 5,000 codings is edited by hand, then `check` re-anchors every coding
//! through the diff and, without the anchored copy, by quote and context; `code --speaker`
//! codes its 12,000 turns of one speaker. Each step took seconds to minutes when its cost grew
//! with the square of the size; here the whole test runs in seconds even in a debug build (no
//! timing is asserted: the results are).

mod common;

use common::{Workspace, source_file, source_text};

const TURNS: usize = 12_000;
const CODED: usize = 5_000;

fn transcript() -> String {
    let mut t = String::from("Entretien n°1 — transcription intégrale\n");
    for k in 0..TURNS {
        t.push_str(&format!(
            "Enquêteur : Et pour la question {k} ?\nP1 : Réponse {k} : on s’organise « comme on peut », franchement.\n"
        ));
    }
    t
}

/// The first line of `check`'s report: "N codings kept, N moved, N orphaned".
fn check_summary(ws: &Workspace) -> String {
    let out = ws.cmd().args(["--project", "p", "check"]).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn check_and_code_speaker_stay_fast_on_a_long_coded_transcript() {
    let ws = Workspace::new();
    let p = ws.project();
    std::fs::write(ws.path().join("long.txt"), transcript()).unwrap();
    ws.cmd()
        .args(["--project", "p", "import", "long.txt", "--label", "E1"])
        .assert()
        .success();
    for node in ["Organisation", "Parole de P1"] {
        ws.cmd()
            .args(["--project", "p", "codebook", "add", node])
            .assert()
            .success();
    }
    // One coding on the words "Réponse k : on s’organise" of the first CODED answers.
    let text = source_text(&p, "E1");
    let mut lines = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("P1 : ") && lines.len() < CODED {
            let start = at + "P1 : ".chars().count();
            let len = line["P1 : ".len()..]
                .split(" « ")
                .next()
                .unwrap()
                .chars()
                .count();
            lines.push(
                serde_json::json!({"source": "E1", "start": start, "end": start + len, "node": "Organisation"})
                    .to_string(),
            );
        }
        at += line.chars().count();
    }
    std::fs::write(ws.path().join("codings.jsonl"), lines.join("\n")).unwrap();
    ws.cmd()
        .args(["--project", "p", "code", "--jsonl", "codings.jsonl"])
        .assert()
        .success();
    assert_eq!(
        check_summary(&ws),
        format!("{CODED} codings kept, 0 moved, 0 orphaned")
    );

    // A hand edit: a line added at the top, a word removed mid-text (outside every coding).
    let file = source_file(&p, "E1");
    let mid = text.len() / 2;
    let word = mid + text[mid..].find("franchement").unwrap();
    let edited = format!(
        "Note : enregistrement repris après une coupure.\n{}{}",
        &text[..word],
        &text[word + "franchement".len()..]
    );
    std::fs::write(&file, edited).unwrap();
    let moved = format!("0 codings kept, {CODED} moved, 0 orphaned");
    assert_eq!(check_summary(&ws), moved, "through the diff");
    std::fs::remove_dir_all(p.join(".verbatim")).unwrap();
    assert_eq!(check_summary(&ws), moved, "by quote and context");

    ws.cmd()
        .args(["--project", "p", "code", "--speaker", "P1", "Parole de P1"])
        .assert()
        .success()
        .stdout(format!("coded {TURNS} turns of P1 with Parole de P1\n"));
    assert_eq!(
        check_summary(&ws),
        format!("{} codings kept, 0 moved, 0 orphaned", CODED + TURNS)
    );
}
