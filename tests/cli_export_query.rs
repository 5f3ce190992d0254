//! `verbatim export --query NAME` (issue 14, item 4): a saved coding query's passages as an
//! annex, one heading named after the query, in every annex format family — Markdown and HTML
//! (text), CSV and XLSX (tables), DOCX and ODT (office zips) — with the annex's own options
//! (citation, filters, title) and clear refusals.

mod common;

use common::{Workspace, code_line};
use predicates::prelude::*;
use std::io::Read;
use std::path::{Path, PathBuf};

const TEMPS: &str = "II - La CPTS vécue/II.B - Freins/II.B.1 - Manque de temps";
const INTER: &str = "II - La CPTS vécue/II.C - Leviers/II.C.1 - Interconnaissance";
const OTHER: &str = "II - La CPTS vécue/II.B - Freins/II.B.3 - Lourdeur administrative";

const CARDIO: &str = "J'ai commencé à l'hôpital, au CHU, en cardiologie";
const AGEE: &str = "Alors c'est une patientèle assez âgée";
const SOIRS: &str = "Les deux soirs, oui, je les tiens";
const RECRUTE: &str = "On a recruté une coordinatrice";

/// The sample coded with TEMPS, INTER and a node the query leaves out; the query
/// "temps ou inter" saved.
fn setup() -> (Workspace, PathBuf) {
    let ws = Workspace::new();
    let p = ws.coded_sample();
    ws.code_lines(
        "sg",
        &[
            code_line(&p, "E02", CARDIO, TEMPS),
            code_line(&p, "E01", AGEE, INTER),
            code_line(&p, "E08", RECRUTE, OTHER),
        ],
    );
    ws.code_lines("mb", &[code_line(&p, "E03", SOIRS, INTER)]);
    let q = format!("\"{TEMPS}\" OR \"{INTER}\"");
    ws.cmd()
        .args(["--project", "p", "query", &q, "--save", "temps ou inter"])
        .assert()
        .success();
    (ws, p)
}

fn export(ws: &Workspace, file: &str, extra: &[&str]) -> PathBuf {
    let out = ws.path().join(file);
    ws.cmd()
        .args(["--project", "p", "export", "--query", "temps ou inter"])
        .args(extra)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote"));
    out
}

fn zip_entry(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// `'` as the office writers may store it.
fn office_text(xml: &str) -> String {
    xml.replace("&apos;", "'").replace("&#39;", "'")
}

#[test]
fn markdown_holds_the_querys_passages_under_its_name_and_nothing_else() {
    let (ws, _p) = setup();
    let md = std::fs::read_to_string(export(&ws, "q.md", &["--descriptions"])).unwrap();
    assert!(md.contains("temps ou inter"), "{md}");
    for passage in [CARDIO, AGEE, SOIRS] {
        assert!(md.contains(passage), "{passage} missing:\n{md}");
    }
    assert!(!md.contains(RECRUTE), "a node outside the query: {md}");
    assert!(
        !md.contains("Lourdeur administrative"),
        "no other heading: {md}"
    );
    assert!(
        md.contains(&format!("\"{TEMPS}\" OR \"{INTER}\"")),
        "the code dictionary gives the expression: {md}"
    );
    // In source order: E01 before E02 before E03.
    let at = |s: &str| md.find(s).unwrap();
    assert!(at(AGEE) < at(CARDIO) && at(CARDIO) < at(SOIRS), "{md}");
    // The same project and options give the same bytes.
    let again = std::fs::read_to_string(export(&ws, "q2.md", &["--descriptions"])).unwrap();
    assert_eq!(md, again);
}

#[test]
fn the_annex_options_apply_citation_title_and_filters() {
    let (ws, _p) = setup();
    let md = std::fs::read_to_string(export(
        &ws,
        "q.md",
        &[
            "--citation",
            "{text} [{label}]",
            "--title",
            "Annexe 4",
            "--case",
            "E02",
        ],
    ))
    .unwrap();
    assert!(md.contains("Annexe 4"), "{md}");
    assert!(
        md.contains(&format!("{CARDIO} \\[E02\\]")),
        "the citation: {md}"
    );
    assert!(!md.contains(AGEE) && !md.contains(SOIRS), "filtered: {md}");
}

#[test]
fn html_csv_and_xlsx_hold_the_passages() {
    let (ws, _p) = setup();
    let html = std::fs::read_to_string(export(&ws, "q.html", &[])).unwrap();
    assert!(html.contains("temps ou inter") && html.contains("cardiologie"));
    let csv = std::fs::read_to_string(export(&ws, "q.csv", &[])).unwrap();
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(
        rows.iter()
            .all(|row| row.iter().any(|c| c == "temps ou inter")),
        "{csv}"
    );
    let xlsx = export(&ws, "q.xlsx", &[]);
    let strings = office_text(&zip_entry(&xlsx, "xl/sharedStrings.xml"));
    let sheet = zip_entry(&xlsx, "xl/worksheets/sheet1.xml");
    let all = format!("{strings}{sheet}");
    for passage in [CARDIO, AGEE, SOIRS] {
        assert!(all.contains(passage), "{passage} missing in the workbook");
    }
    assert!(!all.contains(RECRUTE));
}

#[test]
fn docx_and_odt_hold_the_passages() {
    let (ws, _p) = setup();
    let docx = office_text(&zip_entry(&export(&ws, "q.docx", &[]), "word/document.xml"));
    let odt = office_text(&zip_entry(&export(&ws, "q.odt", &[]), "content.xml"));
    for xml in [&docx, &odt] {
        assert!(xml.contains("temps ou inter"));
        for passage in [CARDIO, AGEE, SOIRS] {
            assert!(xml.contains(passage), "{passage} missing");
        }
        assert!(!xml.contains(RECRUTE));
    }
}

#[test]
fn refusals_name_the_problem_and_write_nothing() {
    let (ws, _p) = setup();
    let out = ws.path().join("x.md");
    ws.cmd()
        .args(["--project", "p", "export", "--query", "absent", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no saved query named 'absent'"));
    assert!(!out.exists());
    let qdpx = ws.path().join("x.qdpx");
    ws.cmd()
        .args([
            "--project",
            "p",
            "export",
            "--query",
            "temps ou inter",
            "-o",
        ])
        .arg(&qdpx)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--query exports an annex"));
    assert!(!qdpx.exists());
    ws.cmd()
        .args(["--project", "p", "export", "--query", "temps ou inter"])
        .args(["--node", TEMPS, "-o"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--node"));
    assert!(!out.exists());
}
