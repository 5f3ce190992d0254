//! `verbatim anonymise`: the key kept outside the project, and (later) suggest, apply, check.

mod common;

use common::Workspace;
use predicates::str::contains;

#[test]
fn the_key_lives_in_the_data_folder_under_the_project_id() {
    let ws = Workspace::new();
    let p = ws.project();
    let anon = |args: &[&str]| {
        let mut c = ws.cmd();
        c.arg("--project").arg(&p).arg("anonymise").args(args);
        c
    };
    anon(&["key", "add", "Dr Martin", "Dr B", "--category", "person"])
        .assert()
        .success();
    anon(&[
        "key",
        "add",
        "Orléans",
        "Ville-A",
        "--category",
        "lieu",
        "--partial",
    ])
    .assert()
    .success();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(p.join("verbatim.json")).unwrap()).unwrap();
    let id = manifest["id"].as_str().unwrap();
    let key_file = ws.path().join("home/data/keys").join(format!("{id}.csv"));
    assert_eq!(
        std::fs::read_to_string(&key_file).unwrap(),
        "original,pseudonym,category,whole_word\nDr Martin,Dr B,person,yes\nOrléans,Ville-A,place,no\n"
    );
    // Nothing in the project folder mentions the original.
    for entry in walk(&p) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("Orléans"),
            "{}",
            entry.display()
        );
    }
    anon(&["key", "list"])
        .assert()
        .success()
        .stdout(contains("Dr Martin  Dr B"));
    anon(&["key", "list", "--json"])
        .assert()
        .success()
        .stdout(contains("\"pseudonym\": \"Ville-A\""));
    anon(&["key", "remove", "ORLEANS"]).assert().success();
    anon(&["key", "remove", "Orléans"])
        .assert()
        .code(1)
        .stderr(contains("the key has no original 'Orléans'"));
    let out = ws.path().join("k.csv");
    anon(&["key", "export"]).arg(&out).assert().success();
    std::fs::write(
        ws.path().join("more.csv"),
        "original;pseudonym;category;whole_word\r\nSaint-Jean;Ville-C;place;yes\r\n",
    )
    .unwrap();
    anon(&["key", "import"])
        .arg(ws.path().join("more.csv"))
        .assert()
        .success()
        .stderr(contains("1 entries imported, 2 in all"));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "original,pseudonym,category,whole_word\nDr Martin,Dr B,person,yes\n"
    );
}

#[test]
fn a_bad_key_line_or_pseudonym_is_one_sentence_and_changes_nothing() {
    let ws = Workspace::new();
    let p = ws.project();
    let key = ws.path().join("key.csv");
    let anon = |args: &[&str]| {
        let mut c = ws.cmd();
        c.arg("--project")
            .arg(&p)
            .arg("anonymise")
            .arg("--key")
            .arg(&key)
            .args(args);
        c
    };
    anon(&["key", "add", "Martin", "Bernard"])
        .assert()
        .success();
    anon(&["key", "add", "Bernard", "Claude"])
        .assert()
        .code(1)
        .stderr(contains("contains the original 'Bernard'"));
    anon(&["key", "add", "X", "Y", "--category", "colour"])
        .assert()
        .code(2);
    let bad = ws.path().join("bad.csv");
    std::fs::write(&bad, "Leroy,A,person,yes\nDupont,B,person,perhaps\n").unwrap();
    anon(&["key", "import"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(contains("bad.csv: line 2: whole_word is 'perhaps'"));
    assert_eq!(
        std::fs::read_to_string(&key).unwrap(),
        "original,pseudonym,category,whole_word\nMartin,Bernard,other,yes\n"
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn suggest_lists_the_sample_places_with_counts_and_skips_the_key() {
    let ws = Workspace::new();
    let p = ws.sample_project();
    let run = |args: &[&str]| {
        let mut c = ws.cmd();
        c.arg("--project").arg(&p).arg("anonymise").args(args);
        c
    };
    let out = run(&["suggest", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let candidates = v["candidates"].as_array().unwrap();
    let montclar = candidates
        .iter()
        .find(|c| c["text"] == "Montclar")
        .expect("Montclar suggested");
    assert_eq!(montclar["kind"], "place");
    assert!(montclar["count"].as_u64().unwrap() >= 4);
    assert!(montclar["example"].as_str().unwrap().contains("Montclar"));
    assert!(candidates.iter().any(|c| c["text"] == "Saint-Aubin"));
    run(&["key", "add", "Montclar", "Ville-A", "--category", "place"])
        .assert()
        .success();
    run(&["suggest"])
        .assert()
        .success()
        .stdout(contains("Saint-Aubin"));
    let out = run(&["suggest", "--json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let texts: Vec<&str> = v["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert!(texts.contains(&"Saint-Aubin"));
    assert!(
        texts.iter().all(|t| !t.contains("Montclar")),
        "the key's originals are suggested again: {texts:?}"
    );
}

#[test]
fn names_skipped_in_review_are_not_suggested_again_unless_asked() {
    let ws = Workspace::new();
    let p = ws.sample_project();
    let run = |args: &[&str]| {
        let mut c = ws.cmd();
        c.arg("--project").arg(&p).arg("anonymise").args(args);
        c
    };
    let texts = |args: &[&str]| -> Vec<(String, bool)> {
        let out = run(args).assert().success().get_output().stdout.clone();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        v["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["text"].as_str().unwrap().to_owned(), c["skipped"] == true))
            .collect()
    };
    assert!(texts(&["suggest", "--json"]).contains(&("Saint-Aubin".into(), false)));
    run(&["skip", "SAINT-AUBIN"])
        .assert()
        .success()
        .stderr(contains("1 name(s) skipped"));
    let skipped_file = walk(&ws.path().join("home"))
        .into_iter()
        .find(|f| f.to_string_lossy().ends_with(".skipped.txt"))
        .expect("the skipped names, in the user data folder");
    assert!(!skipped_file.starts_with(&p), "never in the project");
    let left = texts(&["suggest", "--json"]);
    assert!(!left.iter().any(|(t, _)| t == "Saint-Aubin"), "{left:?}");
    assert!(left.iter().any(|(t, _)| t == "Montclar"));
    run(&["suggest"])
        .assert()
        .success()
        .stderr(contains("1 skipped in review not shown"));
    let all = texts(&["suggest", "--json", "--show-skipped"]);
    assert!(all.contains(&("Saint-Aubin".into(), true)), "{all:?}");
    assert!(all.contains(&("Montclar".into(), false)));
    run(&["skip", "--undo", "saint-aubin"]).assert().success();
    assert!(texts(&["suggest", "--json"]).contains(&("Saint-Aubin".into(), false)));
}

/// A small project: one invented interview naming people and places, two codings on them.
fn named_project(ws: &Workspace) -> std::path::PathBuf {
    let p = ws.project();
    let src = ws.path().join("E01.txt");
    std::fs::write(
        &src,
        "Enquêteur : Où exercez-vous ?\nM1 : À Montclar, avec le Dr Garnier. Je viens d’ORLEANS.\n",
    )
    .unwrap();
    let run = |args: &[&str]| ws.ok(&p, args);
    run(&["import", src.to_str().unwrap()]);
    run(&["codebook", "add", "Parcours"]);
    run(&["codebook", "add", "Parcours/Lieux"]);
    // "À Montclar, avec le Dr Garnier." and "d’ORLEANS".
    run(&["code", "E01", "35", "66", "Parcours/Lieux"]);
    run(&["code", "E01", "76", "85", "Parcours"]);
    p
}

fn snapshot(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walk(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(&f).unwrap();
            (f, bytes)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn exports_apply_the_key_and_leave_the_project_byte_identical() {
    let ws = Workspace::new();
    let p = named_project(&ws);
    let anon = |args: &[&str]| {
        let mut c = ws.cmd();
        c.arg("--project").arg(&p).arg("anonymise").args(args);
        c
    };
    anon(&["key", "add", "Montclar", "Ville-A", "--category", "place"])
        .assert()
        .success();
    anon(&["key", "add", "Dr Garnier", "Dr B", "--category", "person"])
        .assert()
        .success();
    anon(&["key", "add", "Orléans", "Ville-C", "--category", "place"])
        .assert()
        .success();
    anon(&["key", "add", "Lieux", "Endroits"])
        .assert()
        .success();
    let before = snapshot(&p);
    for ext in ["md", "html", "csv", "xlsx", "docx", "odt"] {
        let out = ws.path().join(format!("annexe.{ext}"));
        ws.cmd()
            .arg("--project")
            .arg(&p)
            .args(["export", "--transcripts", "-o"])
            .arg(&out)
            .assert()
            .success();
        assert!(out.is_file(), "{ext}");
    }
    assert_eq!(before, snapshot(&p), "the project changed");
    let md = std::fs::read_to_string(ws.path().join("annexe.md")).unwrap();
    assert!(md.contains("À Ville-A, avec le Dr B."), "{md}");
    assert!(md.contains("d’VILLE-C"), "{md}");
    assert!(md.contains("Endroits"), "node names too: {md}");
    for original in ["Montclar", "Garnier", "ORLEANS", "Lieux"] {
        assert!(!md.contains(original), "{original} in {md}");
    }
    // A citation is made from the fields as the key left them, its template's own text too.
    let out = ws.path().join("cited.md");
    ws.cmd()
        .arg("--project")
        .arg(&p)
        .args([
            "export",
            "--citation",
            "« {text} » ({label}, CHU de Montclar)",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.contains("« À Ville-A, avec le Dr B. » (E01, CHU de Ville-A)"),
        "{md}"
    );
    assert!(md.contains("« d’VILLE-C » (E01, CHU de Ville-A)"), "{md}");
    assert!(!md.contains("Montclar"), "{md}");
    assert_eq!(before, snapshot(&p), "the project changed");
    // A name made only by two fields side by side is not replaced: the leak check refuses.
    anon(&["key", "add", "E01 CHU", "Entretien-X"])
        .assert()
        .success();
    let across = ws.path().join("across.md");
    let refused = ws
        .cmd()
        .arg("--project")
        .arg(&p)
        .args(["export", "--citation", "« {text} » ({label} CHU)", "-o"])
        .arg(&across)
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&refused.get_output().stderr).to_string();
    assert!(
        err.contains("E01 CHU") && err.contains("--allow-leaks"),
        "{err}"
    );
    assert!(!across.exists());
}

#[test]
fn the_leak_check_refuses_an_export_holding_a_name_unless_allowed() {
    let ws = Workspace::new();
    let p = named_project(&ws);
    ws.cmd()
        .arg("--project")
        .arg(&p)
        .args(["anonymise", "key", "add", "Orléans", "Ville-C"])
        .assert()
        .success();
    let out = ws.path().join("annexe.docx");
    let export = |extra: &[&str]| {
        let mut c = ws.cmd();
        c.arg("--project")
            .arg(&p)
            .args(["export", "-o"])
            .arg(&out)
            .args(extra);
        c
    };
    // Written as ORLEANS, after an elision with ’: still caught, in the DOCX's XML.
    export(&["--keep-names"])
        .assert()
        .code(1)
        .stderr(contains(
            "annexe.docx was not written: it still holds 1 name(s)",
        ))
        .stderr(contains("word/document.xml, line"))
        .stderr(contains("'Orléans' in «"))
        .stderr(contains("d’ORLEANS"));
    assert!(!out.exists());
    export(&["--keep-names", "--allow-leaks"])
        .assert()
        .success();
    assert!(out.is_file());
    // An ODT, checked part by part like the DOCX.
    let odt = ws.path().join("annexe.odt");
    ws.cmd()
        .arg("--project")
        .arg(&p)
        .args(["export", "--keep-names", "-o"])
        .arg(&odt)
        .assert()
        .code(1)
        .stderr(contains("annexe.odt was not written"))
        .stderr(contains("content.xml, line"))
        .stderr(contains("d’ORLEANS"));
    assert!(!odt.exists());
    // The exchange formats are checked too.
    let qdpx = ws.path().join("projet.qdpx");
    ws.cmd()
        .arg("--project")
        .arg(&p)
        .args(["export", "--keep-names", "-o"])
        .arg(&qdpx)
        .assert()
        .code(1)
        .stderr(contains("projet.qdpx was not written"));
    assert!(!qdpx.exists());
}

/// With a key, verbatims ordered by an attribute follow its values as printed (the order tells
/// nothing of the originals), and interviews are counted by source even when the key prints two
/// labels alike.
#[test]
fn an_attribute_order_follows_printed_values_and_interviews_count_by_source() {
    let ws = Workspace::new();
    let p = ws.project();
    let run = |args: &[&str]| ws.ok(&p, args);
    run(&["codebook", "add", "Lieux"]);
    for (label, town) in [("Albi-1", "Albi"), ("Montclar-1", "Montclar")] {
        let src = ws.path().join(format!("{label}.txt"));
        std::fs::write(
            &src,
            format!("M1 : Je travaille à {town} depuis longtemps.\n"),
        )
        .unwrap();
        run(&["import", src.to_str().unwrap()]);
        run(&["cases", "set", label, "Ville", town]);
        run(&["code", label, "5", "30", "Lieux"]);
    }
    // Montclar prints as a name before Albi's.
    run(&[
        "anonymise",
        "key",
        "add",
        "Montclar",
        "Abbeville",
        "--category",
        "place",
    ]);
    run(&[
        "anonymise",
        "key",
        "add",
        "Albi",
        "Zurich",
        "--category",
        "place",
    ]);
    let out = ws.path().join("annexe.md");
    let export = || {
        run(&[
            "export",
            "--order",
            "attr:Ville",
            "--citation",
            "« {text} » ({attr:Ville}, {case})",
            "-o",
            out.to_str().unwrap(),
        ]);
        std::fs::read_to_string(&out).unwrap()
    };
    let md = export();
    let first = md
        .find("(Abbeville, Abbeville-1)")
        .expect("Montclar's verbatim");
    let second = md.find("(Zurich, Zurich-1)").expect("Albi's verbatim");
    assert!(first < second, "{md}");
    assert!(!md.contains("Montclar") && !md.contains("Albi"), "{md}");
    // Both labels now print as Abbeville-1: still two interviews.
    run(&["anonymise", "key", "remove", "Albi"]);
    run(&[
        "anonymise",
        "key",
        "add",
        "Albi",
        "Abbeville",
        "--category",
        "place",
    ]);
    let md = export();
    assert_eq!(md.matches("(Abbeville, Abbeville-1)").count(), 2, "{md}");
    assert!(md.contains("2 verbatims, 2 entretiens"), "{md}");
}
