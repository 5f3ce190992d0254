//! `verbatim sources renumber`: new labels everywhere (manifest, cases, texts, codings, memos,
//! exports), no old label left, every coding on the same words.

mod common;

use common::Workspace;
use predicates::str::contains;
use std::path::Path;

fn has_old_label(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len().saturating_sub(2) {
        let boundary_before = i == 0 || !chars[i - 1].is_alphanumeric();
        if chars[i] == 'E'
            && chars[i + 1] == '0'
            && chars[i + 2].is_ascii_digit()
            && boundary_before
            && chars.get(i + 3).is_none_or(|c| !c.is_alphanumeric())
        {
            return Some(
                chars[i.saturating_sub(20)..(i + 10).min(chars.len())]
                    .iter()
                    .collect(),
            );
        }
    }
    None
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn renumbering_leaves_no_old_label_in_the_project_or_an_export() {
    let ws = Workspace::new();
    let p = ws.sample_project();
    let run = |args: &[&str]| {
        ws.cmd()
            .arg("--project")
            .arg(&p)
            .args(args)
            .assert()
            .success()
    };
    run(&["codebook", "add", "Parcours"]);
    // E06's heading names its label; code it, and a memo refers to another interview.
    let text = std::fs::read_to_string(
        std::fs::read_dir(p.join("sources"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|f| {
                std::fs::read_to_string(f)
                    .unwrap()
                    .contains("Entretien E06")
            })
            .unwrap(),
    )
    .unwrap();
    let at = text[..text.find("Entretien E06").unwrap()].chars().count();
    run(&[
        "code",
        "E06",
        &at.to_string(),
        &(at + 13).to_string(),
        "Parcours",
    ]);
    run(&["code", "E02", "0", "40", "Parcours"]);
    run(&["memo", "add", "project", "Comparer E02 et E06, puis E08."]);
    let before = ws
        .cmd()
        .arg("--project")
        .arg(&p)
        .args(["passages", "Parcours", "--json"])
        .output()
        .unwrap()
        .stdout;

    ws.cmd()
        .arg("--project")
        .arg(&p)
        .args([
            "sources",
            "renumber",
            "--order",
            "attr:Profession",
            "--prefix",
            "P",
            "--dry-run",
        ])
        .assert()
        .success()
        .stdout(contains(" -> P01"));
    ws.cmd()
        .arg("--project")
        .arg(&p)
        .args([
            "sources",
            "renumber",
            "--order",
            "attr:Profession",
            "--prefix",
            "P",
        ])
        .assert()
        .success()
        .stdout(contains("-> P08"));

    let mut files = Vec::new();
    walk(&p, &mut files);
    for f in &files {
        let text = String::from_utf8_lossy(&std::fs::read(f).unwrap()).into_owned();
        assert!(
            has_old_label(&text).is_none(),
            "{}: {:?}",
            f.display(),
            has_old_label(&text)
        );
    }
    let out = ws.path().join("annexe.md");
    ws.cmd()
        .arg("--project")
        .arg(&p)
        .args(["export", "--transcripts", "-o"])
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(has_old_label(&md).is_none(), "{:?}", has_old_label(&md));
    assert!(md.contains("Entretien P"), "the heading was relabelled");
    // The same passages, on the same words (their labels changed).
    let after = ws
        .cmd()
        .arg("--project")
        .arg(&p)
        .args(["passages", "Parcours", "--json"])
        .output()
        .unwrap()
        .stdout;
    let texts = |bytes: &[u8]| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        let mut t: Vec<String> = v["passages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                x["text"]
                    .as_str()
                    .unwrap()
                    .replace("E06", "?")
                    .replace("E0", "?")
            })
            .collect();
        t.sort();
        t
    };
    let (b, a) = (texts(&before), texts(&after));
    assert_eq!(b.len(), 2);
    assert_eq!(a.len(), 2);
    assert!(a.iter().any(|t| t.starts_with("Entretien P0")), "{a:?}");
    assert!(b.iter().any(|t| t.starts_with("Entretien ?")), "{b:?}");
    // Cases follow: `cases list` knows the new ids only.
    ws.cmd()
        .arg("--project")
        .arg(&p)
        .args(["cases", "list"])
        .assert()
        .success()
        .stdout(contains("P01"));
}

#[test]
fn a_bad_order_or_prefix_is_one_sentence() {
    let ws = Workspace::new();
    let p = ws.sample_project();
    let before = std::fs::read(p.join("verbatim.json")).unwrap();
    ws.cmd()
        .arg("--project")
        .arg(&p)
        .args(["sources", "renumber", "--order", "attr:Nope"])
        .assert()
        .code(1)
        .stderr(contains("no case attribute is named 'Nope'"));
    ws.cmd()
        .arg("--project")
        .arg(&p)
        .args(["sources", "renumber", "--prefix", "E 1"])
        .assert()
        .code(1)
        .stderr(contains("--prefix 'E 1'"));
    assert_eq!(before, std::fs::read(p.join("verbatim.json")).unwrap());
}
