//! The annex is faithful to the coding (issue 15, item 6), in every writer: one coding is one
//! verbatim unless `--join-adjacent`; a heading whose verbatims are all in its sub-categories
//! says how many its subtree holds; `--memos` puts node memos under their heading and coding
//! memos under their verbatim; CSV/XLSX carry a coder column. DOCX/ODT are read from their XML
//! here, and rendered by LibreOffice in an ignored test that `.ci/run` runs.

mod common;

use common::{ANNEX_VERBATIMS, Workspace, code_line};
use std::io::Read;
use std::path::{Path, PathBuf};

const NODE: &str = "I - Parcours et exercice/I.B - Organisation du travail";
/// Two consecutive sentences of E03, coded apart (white space between them).
const FIRST: &str = "Les deux soirs, oui, je les tiens, j’y tiens absolument.";
const SECOND: &str = "Le reste, c’est plus flou.";
const NODE_MEMO: &str = "Mémo du nœud : l’organisation « au quotidien ».";
const CODING_MEMO: &str = "Mémo de codage : dit avec insistance.";

/// The sample project with the two sentences coded apart under I.B (coder sg, the first also by
/// mb), a memo on the node and one on the second coding; the parent `I - Parcours et exercice`
/// has no coding of its own.
fn project(ws: &Workspace) -> PathBuf {
    let p = ws.coded_sample();
    let file = ws.path().join("two.jsonl");
    std::fs::write(
        &file,
        [
            code_line(&p, "E03", FIRST, NODE),
            code_line(&p, "E03", SECOND, NODE),
        ]
        .join("\n"),
    )
    .unwrap();
    let out = ws
        .cmd()
        .args([
            "--project",
            "p",
            "--coder",
            "sg",
            "code",
            "--progress",
            "--jsonl",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let second_id = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("ok "))
        .nth(1)
        .and_then(|l| l.split_whitespace().nth(1))
        .expect("the second coding's id")
        .to_owned();
    ws.code_lines("mb", &[code_line(&p, "E03", FIRST, NODE)]);
    for (target, text) in [
        (format!("node:{NODE}"), NODE_MEMO),
        (format!("coding:{second_id}"), CODING_MEMO),
    ] {
        ws.cmd()
            .args(["--project", "p", "memo", "add", &target, text])
            .assert()
            .success();
    }
    p
}

fn export(ws: &Workspace, file: &str, args: &[&str]) -> PathBuf {
    let out = ws.path().join(file);
    ws.cmd()
        .args(["--project", "p", "export", "-o"])
        .arg(&out)
        .args(args)
        .assert()
        .success();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn entry(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// XML text with the apostrophes and quotes as the writers escape them, for searching.
fn xml(s: &str) -> String {
    s.replace('\'', "&apos;").replace('"', "&quot;")
}

#[test]
fn markdown_one_verbatim_per_coding_unless_join_adjacent() {
    let ws = Workspace::new();
    project(&ws);
    let md = read(&export(&ws, "a.md", &[]));
    assert!(md.contains(&format!("> « {FIRST} » (E03)\n")), "{md}");
    assert!(md.contains(&format!("> « {SECOND} » (E03)\n")), "{md}");
    assert!(md.contains("*2 verbatims, 1 entretien*"), "{md}");
    let joined = read(&export(&ws, "j.md", &["--join-adjacent"]));
    assert!(
        joined.contains(&format!("> « {FIRST} {SECOND} » (E03)\n")),
        "{joined}"
    );
    assert!(joined.contains("*1 verbatim, 1 entretien*"));
    assert!(!joined.contains(&format!("> « {SECOND}")));
}

#[test]
fn a_parent_with_only_coded_children_counts_its_subtree() {
    let ws = Workspace::new();
    let p = project(&ws);
    // One more coding under another child of the same parent, in another source.
    let (l, n, node) = ANNEX_VERBATIMS[1];
    ws.code_lines("sg", &[code_line(&p, l, n, node)]);
    let md = read(&export(&ws, "a.md", &[]));
    assert!(
        md.contains("## 1 I - Parcours et exercice") || md.contains("## I - Parcours et exercice"),
        "{md}"
    );
    assert!(
        md.contains("*3 verbatims dans les sous-catégories, 2 entretiens*"),
        "{md}"
    );
    assert!(
        md.contains("- [I - Parcours et exercice](#")
            && md.contains("(3 verbatims dans les sous-catégories, 2 entretiens)"),
        "the tree says it too: {md}"
    );
    // A node with nothing below keeps its plain zero; with --rollup the parent holds its own.
    assert!(md.contains("*0 verbatims, 0 entretiens*"));
    let rolled = read(&export(&ws, "r.md", &["--rollup"]));
    assert!(!rolled.contains("dans les sous-catégories"), "{rolled}");
    let html = read(&export(&ws, "a.html", &[]));
    assert!(html.contains("3 verbatims dans les sous-catégories, 2 entretiens"));
}

#[test]
fn a_passage_coded_on_two_children_counts_once_in_their_heading() {
    let ws = Workspace::new();
    let p = project(&ws);
    let sibling = "I - Parcours et exercice/I.C - Patientèle";
    ws.code_lines("sg", &[code_line(&p, "E03", FIRST, sibling)]);
    let md = read(&export(&ws, "a.md", &[]));
    assert!(
        md.contains("*2 verbatims dans les sous-catégories, 1 entretien*"),
        "FIRST once, SECOND once: {md}"
    );
    // Each child still lists it.
    assert_eq!(md.matches(&format!("> « {FIRST} » (E03)\n")).count(), 2);
}

#[test]
fn a_memo_longer_than_a_cell_is_cut_in_xlsx_with_a_marker_and_a_warning() {
    let ws = Workspace::new();
    let p = project(&ws);
    let codings = ws.json(&p, &["codings", "list"]);
    let id = codings["codings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["quote"] == FIRST)
        .and_then(|c| c["id"].as_str())
        .expect("the first coding")
        .to_owned();
    let long = format!(
        "Début. {}Fin.",
        "Une phrase de mémo assez longue. ".repeat(1_200)
    );
    assert!(long.chars().count() > 32_767);
    ws.cmd()
        .args([
            "--project",
            "p",
            "memo",
            "add",
            &format!("coding:{id}"),
            &long,
        ])
        .assert()
        .success();
    let out = ws.path().join("m.xlsx");
    let run = ws
        .cmd()
        .args(["--project", "p", "export", "--memos", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains("the memo cell of") && stderr.contains("is cut to fit one cell"),
        "{stderr}"
    );
    let strings = entry(&out, "xl/sharedStrings.xml");
    assert!(
        strings.contains("Début. Une phrase"),
        "the memo's start is kept"
    );
    assert!(strings.contains("caractères de plus]"), "with the marker");
    assert!(!strings.contains("Fin."), "its end is cut");
    // Other formats keep it whole.
    assert!(read(&export(&ws, "m.md", &["--memos"])).contains("longue. Fin."));
}

#[test]
fn memos_under_headings_and_verbatims_only_when_asked() {
    let ws = Workspace::new();
    project(&ws);
    let plain = read(&export(&ws, "a.md", &[]));
    assert!(!plain.contains("Mémo du nœud") && !plain.contains("Mémo de codage"));
    let md = read(&export(&ws, "m.md", &["--memos"]));
    let heading = md.find("I.B - Organisation du travail {#").unwrap();
    let node_memo = md.find("l’organisation « au quotidien »").unwrap();
    let first = md.find(&format!("> « {FIRST}")).unwrap();
    let second = md.find(&format!("> « {SECOND}")).unwrap();
    let coding_memo = md.find("dit avec insistance").unwrap();
    assert!(heading < node_memo && node_memo < first, "{md}");
    assert!(
        second < coding_memo,
        "the coding memo under its verbatim: {md}"
    );
    assert_eq!(md.matches("dit avec insistance").count(), 1);
    let html = read(&export(&ws, "m.html", &["--memos"]));
    assert!(html.contains("<p class=\"memo\"><b>Mémo :</b> Mémo du nœud"));
    assert!(html.contains("<p class=\"memo\"><i>Mémo :</i> Mémo de codage"));
    let html_second = html.find(SECOND).unwrap();
    assert!(html.find("Mémo de codage").unwrap() > html_second);
    // Joined, the memo follows the one verbatim the coding went into.
    let joined = read(&export(&ws, "j.md", &["--memos", "--join-adjacent"]));
    assert_eq!(joined.matches("dit avec insistance").count(), 1);
}

#[test]
fn csv_and_xlsx_have_a_coder_column_and_a_memo_column_when_asked() {
    let ws = Workspace::new();
    project(&ws);
    let csv = read(&export(&ws, "a.csv", &[]));
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(&head[head.len() - 2..], ["coder", "text"]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "one row per coding");
    let coder = head.len() - 2;
    assert_eq!(&rows[0][coder], "mb, sg", "both coders of the first");
    assert_eq!(&rows[0][coder + 1], FIRST);
    assert_eq!(&rows[1][coder], "sg");
    let joined = read(&export(&ws, "j.csv", &["--join-adjacent"]));
    assert_eq!(
        csv::Reader::from_reader(joined.as_bytes())
            .records()
            .count(),
        1
    );
    let with = read(&export(&ws, "m.csv", &["--memos"]));
    let mut r = csv::Reader::from_reader(with.as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(&head[head.len() - 3..], ["coder", "memo", "text"]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][head.len() - 2], "");
    assert_eq!(&rows[1][head.len() - 2], CODING_MEMO);
    let xlsx = export(&ws, "m.xlsx", &["--memos"]);
    let strings = entry(&xlsx, "xl/sharedStrings.xml");
    for needle in ["coder", "memo", "mb, sg", CODING_MEMO, FIRST, SECOND] {
        assert!(strings.contains(&xml(needle)), "{needle}");
    }
    let sheet = entry(&xlsx, "xl/worksheets/sheet1.xml");
    assert_eq!(
        sheet.matches("<row ").count(),
        3,
        "header and one row per coding"
    );
    let joined = export(&ws, "j.xlsx", &["--join-adjacent"]);
    let sheet = entry(&joined, "xl/worksheets/sheet1.xml");
    assert_eq!(sheet.matches("<row ").count(), 2);
}

#[test]
fn docx_and_odt_one_quote_per_coding_subtree_counts_and_memos() {
    let ws = Workspace::new();
    project(&ws);
    for (name, part, quote) in [
        ("a.docx", "word/document.xml", "<w:pStyle w:val=\"Quote\"/>"),
        ("a.odt", "content.xml", "text:style-name=\"Quotations\""),
    ] {
        let doc = entry(&export(&ws, name, &[]), part);
        assert_eq!(
            doc.matches(quote).count(),
            2,
            "{name}: one quote per coding"
        );
        assert!(
            doc.contains("2 verbatims dans les sous-catégories, 1 entretien"),
            "{name}"
        );
        assert!(!doc.contains("Mémo de codage"), "{name}");
        let joined = format!("j-{name}");
        let doc = entry(&export(&ws, &joined, &["--join-adjacent"]), part);
        assert_eq!(doc.matches(quote).count(), 1, "{name} joined");
        let memos = format!("m-{name}");
        let doc = entry(&export(&ws, &memos, &["--memos"]), part);
        let node_memo = doc.find(&xml("l’organisation « au quotidien »")).unwrap();
        let first = doc.find(&xml(FIRST)).unwrap();
        let second = doc.find(&xml(SECOND)).unwrap();
        let coding_memo = doc.find("dit avec insistance").unwrap();
        assert!(
            node_memo < first && second < coding_memo,
            "{name}: memos in place"
        );
    }
}

#[test]
fn the_key_reaches_memos() {
    let ws = Workspace::new();
    project(&ws);
    ws.cmd()
        .args(["--project", "p", "memo", "add", &format!("node:{NODE}")])
        .arg("Vu avec Madame Rousseau-Léger.")
        .assert()
        .success();
    ws.cmd()
        .args([
            "--project",
            "p",
            "anonymise",
            "key",
            "add",
            "Rousseau-Léger",
            "Durand",
        ])
        .assert()
        .success();
    let md = read(&export(&ws, "k.md", &["--memos"]));
    assert!(md.contains("Vu avec Madame Durand."), "{md}");
    assert!(!md.to_lowercase().contains("rousseau"));
}

/// PDF text of `file` through LibreOffice (own profile) and pdftotext, white space collapsed.
fn pdf_text(ws: &Workspace, file: &Path) -> String {
    let profile = ws.path().join(format!(
        "lo-{}",
        file.extension().unwrap().to_str().unwrap()
    ));
    let outdir = ws.path().join("pdf");
    let status = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&outdir)
        .arg(file)
        .output()
        .expect("LibreOffice (soffice) is needed; .ci/run installs it");
    let pdf = outdir.join(file.with_extension("pdf").file_name().unwrap());
    assert!(
        pdf.exists(),
        "LibreOffice did not convert {}: {}",
        file.display(),
        String::from_utf8_lossy(&status.stderr)
    );
    let out = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed; .ci/run installs it");
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils: .ci/run installs them and runs it"]
fn libreoffice_renders_each_coding_and_the_memos() {
    let ws = Workspace::new();
    project(&ws);
    for name in ["f.docx", "f.odt"] {
        let text = pdf_text(&ws, &export(&ws, name, &["--memos"]));
        for needle in [
            format!("« {FIRST} » (E03)"),
            format!("« {SECOND} » (E03)"),
            "2 verbatims dans les sous-catégories, 1 entretien".to_owned(),
            "Mémo : Mémo du nœud".to_owned(),
            format!("Mémo : {CODING_MEMO}"),
        ] {
            assert!(text.contains(&needle), "{name}: {needle} not in {text}");
        }
    }
}
