//! CLI tests of `init`, `import` and the bad inputs it must refuse without changing the project.

mod common;

use common::{Workspace, snapshot};
use predicates::prelude::*;

#[test]
fn the_sample_corpus_imports_with_words_turns_and_speaker_roles() {
    let ws = Workspace::new();
    let p = ws.sample_project();
    let out = ws.json(&p, &["sources"]);
    assert_eq!(out["format"], 1);
    let sources = out["sources"].as_array().unwrap();
    let labels: Vec<&str> = sources
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        ["E01", "E02", "E03", "E04", "E05", "E06", "E07", "E08"]
    );
    for s in sources {
        let words = s["words"].as_u64().unwrap();
        assert!(
            (2500..=6000).contains(&words),
            "{}: {words} words",
            s["label"]
        );
        assert!(
            s["turns"].as_u64().unwrap() >= 40,
            "{}: {} turns",
            s["label"],
            s["turns"]
        );
        let speakers = s["speakers"].as_array().unwrap();
        assert_eq!(speakers.len(), 2, "{}", s["label"]);
        assert_eq!(
            speakers
                .iter()
                .filter(|sp| sp["role"] == "interviewer")
                .count(),
            1,
            "{}",
            s["label"]
        );
        let participant = speakers
            .iter()
            .find(|sp| sp["role"] == "participant")
            .unwrap();
        assert_eq!(participant["case"], s["case"]);
        assert_eq!(s["codings"], 0);
    }
    let names: Vec<&str> = sources
        .iter()
        .map(|s| s["speakers"][0]["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Enquêteur",
            "INT",
            "Enquêtrice",
            "E.",
            "Enquêteur",
            "Enquêtrice",
            "Intervenant 1",
            "Enquêteur"
        ]
    );
}

#[test]
fn stored_texts_are_nfc_lf_without_bom_and_the_manifest_is_stable_json() {
    let ws = Workspace::new();
    let p = ws.sample_project();
    let manifest = std::fs::read_to_string(p.join("verbatim.json")).unwrap();
    assert!(manifest.ends_with("}\n"));
    let m: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    for s in m["sources"].as_array().unwrap() {
        let text = std::fs::read_to_string(p.join(s["file"].as_str().unwrap())).unwrap();
        assert!(
            !text.contains('\r') && !text.starts_with('\u{feff}'),
            "{}",
            s["label"]
        );
        assert_eq!(s["size"].as_u64().unwrap(), text.len() as u64);
        assert!(!s["imported_from"].as_str().unwrap().contains('/'));
    }
    let e04 = m["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"] == "E04")
        .unwrap();
    let text = std::fs::read_to_string(p.join(e04["file"].as_str().unwrap())).unwrap();
    assert!(
        text.contains("pharmacienne titulaire ici, à Montclar"),
        "Windows-1252 decoded"
    );
}

#[test]
fn init_writes_the_project_skeleton_and_refuses_an_existing_project() {
    let ws = Workspace::new();
    let p = ws.project();
    for f in [
        "verbatim.json",
        "codebook.json",
        "cases.csv",
        ".gitignore",
        ".gitattributes",
        "journal.jsonl",
    ] {
        assert!(p.join(f).is_file(), "{f}");
    }
    assert_eq!(
        std::fs::read_to_string(p.join(".gitattributes")).unwrap(),
        "journal.jsonl merge=union\n"
    );
    assert_eq!(
        std::fs::read_to_string(p.join(".gitignore")).unwrap(),
        ".verbatim/\n.txn-*\n.tmp-*\n",
        "caches, and the staged and temp files of writes in progress"
    );
    ws.cmd()
        .args(["init", "p"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already holds a verbatim project"));
}

fn import_err(ws: &Workspace, file: &str, bytes: &[u8]) -> String {
    let p = ws.path().join("p");
    if !p.exists() {
        ws.project();
    }
    let before = snapshot(&p);
    std::fs::write(ws.path().join(file), bytes).unwrap();
    let out = ws
        .cmd()
        .args(["--project", "p", "import", file])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(snapshot(&p), before, "the project must be unchanged");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "one sentence: {err}");
    err
}

#[test]
fn bad_inputs_get_one_clear_sentence_and_change_nothing() {
    let ws = Workspace::new();
    let err = import_err(
        &ws,
        "binaire.txt",
        b"\x00\x01\x02\x00\x10\x11\x00\xff\xfe\x00",
    );
    assert!(
        err.contains("binaire.txt: looks like a binary file"),
        "{err}"
    );
    let err = import_err(&ws, "inconnu.txt", b"caf\xe9 \x81\x8d au lait");
    assert!(
        err.contains("inconnu.txt: could not be decoded") && err.contains("0x81"),
        "{err}"
    );
    let err = import_err(&ws, "casse.docx", b"PK\x03\x04 this is not a real archive");
    assert!(
        err.contains("casse.docx: is not a valid .docx file (the zip archive is damaged"),
        "{err}"
    );
    let err = import_err(&ws, "casse.odt", b"PK\x03\x04\x14\x00");
    assert!(err.contains("casse.odt: is not a valid .odt file"), "{err}");
    let err = import_err(&ws, "vide.txt", b"");
    assert!(err.contains("vide.txt: is empty"), "{err}");
    let err = import_err(&ws, "faux.txt", b"%PDF-1.7\n...");
    assert!(err.contains("faux.txt: is a PDF file"), "{err}");
    let pdf = |name: &str| {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/pdf")
                .join(name),
        )
        .unwrap()
    };
    let err = import_err(&ws, "scan.pdf", &pdf("scan-sans-texte.pdf"));
    assert!(err.contains("scan.pdf: has no text to import"), "{err}");
    let err = import_err(&ws, "verrou.pdf", &pdf("mot-de-passe.pdf"));
    assert!(
        err.contains("verrou.pdf: is protected by a password"),
        "{err}"
    );
    let err = import_err(&ws, "mal.vtt", b"WEBVTT\n\nnot a cue\n");
    assert!(
        err.contains("mal.vtt: line 3: expected a cue timing line"),
        "{err}"
    );
}

#[test]
fn a_file_over_50_mb_is_refused_with_the_limit() {
    let ws = Workspace::new();
    let p = ws.project();
    let big = ws.path().join("enorme.txt");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(51 * 1024 * 1024)
        .unwrap();
    let before = snapshot(&p);
    ws.cmd()
        .args(["--project", "p", "import", "enorme.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "enorme.txt: is 51 MB, over the 50 MB limit",
        ));
    assert_eq!(snapshot(&p), before);
}

#[test]
fn a_broken_manifest_is_reported_with_line_and_column_and_left_as_it_is() {
    let ws = Workspace::new();
    let p = ws.project();
    let broken = "{\n  \"format\": 1,\n  \"id\": oops\n}\n";
    std::fs::write(p.join("verbatim.json"), broken).unwrap();
    ws.cmd()
        .args(["--project", "p", "sources"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "verbatim.json is not valid JSON at line 3, column 9",
        ));
    ws.cmd()
        .args(["--project", "p", "import", "../x.txt"])
        .assert()
        .code(1);
    assert_eq!(
        std::fs::read_to_string(p.join("verbatim.json")).unwrap(),
        broken
    );
}

#[test]
fn a_newer_format_is_refused() {
    let ws = Workspace::new();
    let p = ws.project();
    let path = p.join("verbatim.json");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"format\": 1", "\"format\": 9");
    std::fs::write(&path, &text).unwrap();
    ws.cmd()
        .args(["--project", "p", "sources"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "has format 9, newer than this verbatim understands (1)",
        ));
}

#[test]
fn a_folder_with_a_bad_file_imports_nothing_unless_asked_to_keep_going() {
    let ws = Workspace::new();
    let p = ws.project();
    let dir = ws.path().join("lot");
    std::fs::create_dir_all(dir.join("sous-dossier")).unwrap();
    std::fs::write(dir.join("E1.txt"), "Enquêteur : Bonjour ?\nM1 : Bonjour.").unwrap();
    std::fs::write(dir.join("sous-dossier/E2.md"), "INT: Oui ?\nP2: Non.").unwrap();
    std::fs::write(dir.join("E3.docx"), b"PK\x03\x04broken").unwrap();
    std::fs::write(dir.join("notes.pdf.bak"), b"x").unwrap();
    let before = snapshot(&p);
    ws.cmd()
        .args(["--project", "p", "import", "lot"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("nothing was imported: 1 of 3 files could not be imported")
                .and(predicate::str::contains("E3.docx")),
        );
    assert_eq!(snapshot(&p), before);
    ws.cmd()
        .args(["--project", "p", "import", "lot", "--keep-going"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("imported E1").and(predicate::str::contains("imported E2")),
        )
        .stderr(
            predicate::str::contains("not imported")
                .and(predicate::str::contains("E3.docx"))
                .and(predicate::str::contains("skipped")),
        );
    let labels: Vec<String> = ws.json(&p, &["sources"])["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(labels, ["E1", "E2"]);
}

#[test]
fn an_existing_label_is_refused_unless_a_new_one_is_given() {
    let ws = Workspace::new();
    ws.project();
    std::fs::write(ws.path().join("E1.txt"), "texte").unwrap();
    ws.cmd()
        .args(["--project", "p", "import", "E1.txt"])
        .assert()
        .success();
    ws.cmd()
        .args(["--project", "p", "import", "E1.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is already imported, as source 'E1' (with the same text)",
        ))
        .stderr(predicate::str::contains("with --label NEW"));
    ws.cmd()
        .args([
            "--project",
            "p",
            "import",
            "E1.txt",
            "--label",
            "../../E1 bis",
        ])
        .assert()
        .success();
    let p = ws.path().join("p");
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(p.join("verbatim.json")).unwrap()).unwrap();
    let files: Vec<&str> = m["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    assert!(
        files
            .iter()
            .all(|f| f.starts_with("sources/") && f.ends_with(".txt") && !f.contains(".."))
    );
}

#[test]
fn utf16_and_crlf_files_import_as_nfc_lf() {
    let ws = Workspace::new();
    let p = ws.project();
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Enque\u{302}teur : Ça va ?\r\nM2 : Oui.\r\n".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    std::fs::write(ws.path().join("E2.txt"), bytes).unwrap();
    ws.cmd()
        .args(["--project", "p", "import", "E2.txt"])
        .assert()
        .success();
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(p.join("verbatim.json")).unwrap()).unwrap();
    let text = std::fs::read_to_string(p.join(m["sources"][0]["file"].as_str().unwrap())).unwrap();
    assert_eq!(text, "Enquêteur : Ça va ?\nM2 : Oui.");
}

#[test]
fn a_second_writer_is_refused_while_the_lock_is_held() {
    let ws = Workspace::new();
    let p = ws.project();
    std::fs::write(ws.path().join("E1.txt"), "texte").unwrap();
    let _held = verbatim::store::ProjectLock::acquire(&p).unwrap();
    ws.cmd()
        .args(["--project", "p", "import", "E1.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is in use by another verbatim process",
        ));
    ws.cmd()
        .args(["--project", "p", "sources"])
        .assert()
        .success();
}

#[test]
fn no_progress_bar_is_drawn_when_stderr_is_not_a_terminal() {
    let ws = Workspace::new();
    let corpus = ws.corpus();
    ws.project();
    let out = ws
        .cmd()
        .args(["--project", "p", "import"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains('\r') && !err.contains("files ("), "{err}");
    assert!(err.contains("8 imported"), "{err}");
}

#[test]
fn usage_errors_exit_with_2() {
    let ws = Workspace::new();
    ws.cmd().args(["import"]).assert().code(2);
    ws.cmd()
        .args(["speakers", "set", "E1", "M1", "--role", "chef"])
        .assert()
        .code(2);
}

#[test]
fn a_text_pdf_imports_with_its_speakers() {
    let ws = Workspace::new();
    let p = ws.project();
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pdf/entretien-e07.pdf"),
        ws.path().join("E07.pdf"),
    )
    .unwrap();
    ws.cmd()
        .args(["--project", "p", "import", "E07.pdf"])
        .assert()
        .success()
        .stdout(predicate::str::contains("imported E07"));
    let out = ws.json(&p, &["sources"]);
    let s = &out["sources"][0];
    assert_eq!(s["label"], "E07", "{out}");
    let text = out.to_string();
    assert!(text.contains("Enquêtrice") && text.contains("P7"), "{text}");
}
