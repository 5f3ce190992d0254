//! REFI-QDA interoperability through the CLI: the sample project to .qdpx and back, .qdc round
//! trips, byte-identical exports, our semantic checks on every export and XSD validation with
//! `xmllint --schema` (tests marked ignored: `.ci/run` installs xmllint and runs them), imports of the official examples and of
//! fixtures built here (a flat codebook with an empty `<Sets/>`, offsets counting CRLF as two or
//! as one, offsets in UTF-16 units), and every hostile archive refused with nothing written.

mod common;

use common::{
    ANNEX_VERBATIMS, Workspace, annex_code_lines, code_line, fixtures, valid_qdc, valid_qdpx,
};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use verbatim::memo::Target;
use verbatim::session::Session;
use zip::write::SimpleFileOptions;

/// The sample with codings by two coders and a memo of every kind.
fn rich_sample(ws: &Workspace) -> PathBuf {
    let p = ws.coded_sample();
    let lines = annex_code_lines(&p);
    ws.code_lines("sg", &lines);
    let (l, n, node) = ANNEX_VERBATIMS[0];
    ws.code_lines("mb", &[code_line(&p, l, n, node)]);
    let s = Session::open(&p).unwrap();
    let coding = s.codings().list("sg", s.source_id("E01").unwrap())[0].id;
    drop(s);
    for (target, text) in [
        (
            "project".to_owned(),
            "Penser à relire « l'accès » & <co>\nsur deux lignes",
        ),
        ("node:II - La CPTS vécue".to_owned(), "Mémo du thème II"),
        ("source:E02".to_owned(), "Entretien tendu au début."),
        (format!("coding:{coding}"), "Verbatim clé pour II.C."),
    ] {
        ws.cmd()
            .args(["--project", "p", "memo", "add", &target, text])
            .assert()
            .success();
    }
    p
}

fn export_qdpx(ws: &Workspace, project: &str, name: &str) -> PathBuf {
    let out = ws.path().join(name);
    ws.cmd()
        .args(["--project", project, "export", "-o"])
        .arg(&out)
        .assert()
        .success();
    out
}

/// What must survive a round trip, independent of ids that may change.
#[derive(Debug, PartialEq)]
struct Summary {
    tree: Vec<(String, Option<String>, String, bool)>,
    node_ids: Vec<verbatim::NodeId>,
    sources: Vec<(String, String)>,
    cases_csv: String,
    codings: BTreeSet<(String, String, usize, usize, String)>,
    memos: BTreeSet<(String, String)>,
}

fn summary(root: &Path) -> Summary {
    let s = Session::open(root).unwrap();
    let ids = s.codebook().all_ids();
    let tree = ids
        .iter()
        .map(|id| {
            let n = s.codebook().node(*id).unwrap();
            (
                s.codebook().path_of(*id).unwrap(),
                n.color.clone(),
                n.description.clone(),
                n.codable,
            )
        })
        .collect();
    let mut sources: Vec<(String, String)> = s
        .project()
        .sources()
        .iter()
        .map(|m| (m.label.clone(), s.text(m.id).unwrap().text.clone()))
        .collect();
    sources.sort();
    let label_of = |id: uuid::Uuid| {
        s.project()
            .manifest
            .sources
            .iter()
            .find(|m| m.id == id)
            .unwrap()
            .label
            .clone()
    };
    let codings = s
        .codings()
        .all()
        .map(|(coder, src, c)| {
            (
                coder.to_owned(),
                label_of(src.0),
                c.start,
                c.end,
                s.codebook().path_of(c.node).unwrap(),
            )
        })
        .collect();
    let memos = s
        .memos()
        .unwrap()
        .into_iter()
        .map(|m| {
            let on = match m.target {
                Target::Project => "project".to_owned(),
                Target::Node(n) => format!("node {}", s.codebook().path_of(n).unwrap()),
                Target::Source(x) => format!("source {}", label_of(x.0)),
                Target::Coding(c) => {
                    let (coder, src, coding) =
                        s.codings().all().find(|(_, _, x)| x.id == c).unwrap();
                    format!(
                        "coding {coder} {} {}..{}",
                        label_of(src.0),
                        coding.start,
                        coding.end
                    )
                }
            };
            (on, m.text)
        })
        .collect();
    Summary {
        tree,
        node_ids: ids,
        sources,
        cases_csv: std::fs::read_to_string(root.join("cases.csv")).unwrap(),
        codings,
        memos,
    }
}

#[test]
fn the_sample_project_travels_to_qdpx_and_back_unchanged() {
    let ws = Workspace::new();
    let p = rich_sample(&ws);
    let file = export_qdpx(&ws, "p", "sample.qdpx");
    valid_qdpx(ws.path(), &file);
    let again = export_qdpx(&ws, "p", "again.qdpx");
    assert!(
        std::fs::read(&file).unwrap() == std::fs::read(&again).unwrap(),
        "two exports of the same project are byte-identical"
    );
    ws.cmd()
        .arg("import-qdpx")
        .arg(&file)
        .arg("back")
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "8 sources, 29 nodes, 5 codings, 8 cases, 4 memos",
        ));
    let back = ws.path().join("back");
    let (a, b) = (summary(&p), summary(&back));
    assert_eq!(a.tree, b.tree, "codebook");
    assert_eq!(a.node_ids, b.node_ids, "node ids travel as GUIDs");
    assert_eq!(a.sources, b.sources, "labels and texts");
    assert_eq!(a.cases_csv, b.cases_csv, "cases and attributes");
    assert_eq!(a.codings, b.codings, "codings per coder");
    assert_eq!(a.memos, b.memos, "memos on the same things");
    assert_eq!(a.memos.len(), 4);
    // And the imported project exports to the same codebook and codings.
    valid_qdpx(ws.path(), &export_qdpx(&ws, "back", "back.qdpx"));
}

#[test]
#[ignore = "needs xmllint (libxml2-utils): .ci/run runs it"]
fn exports_are_valid_against_the_refi_qda_schemas() {
    let ws = Workspace::new();
    rich_sample(&ws);
    let file = export_qdpx(&ws, "p", "sample.qdpx");
    common::xsd_valid_qdpx(ws.path(), &file);
    ws.cmd()
        .arg("import-qdpx")
        .arg(&file)
        .arg("back")
        .assert()
        .success();
    common::xsd_valid_qdpx(ws.path(), &export_qdpx(&ws, "back", "back.qdpx"));
    let qdc = ws.path().join("grille.qdc");
    ws.cmd()
        .args(["--project", "p", "export", "-o"])
        .arg(&qdc)
        .assert()
        .success();
    common::xsd_valid_qdc(&qdc);
    let ws2 = Workspace::new();
    ws2.project();
    ws2.cmd()
        .args(["--project", "p", "codebook", "import"])
        .arg(fixtures().join("minimal.qdc"))
        .assert()
        .success();
    let out = ws2.path().join("out.qdc");
    ws2.cmd()
        .args(["--project", "p", "codebook", "export"])
        .arg(&out)
        .assert()
        .success();
    common::xsd_valid_qdc(&out);
}

#[test]
fn a_qdc_goes_through_a_codebook_and_comes_out_equivalent() {
    let ws = Workspace::new();
    ws.project();
    ws.cmd()
        .args(["--project", "p", "codebook", "import"])
        .arg(fixtures().join("minimal.qdc"))
        .assert()
        .success()
        .stdout(predicates::str::contains("3 nodes added"))
        .stderr(
            predicates::str::contains("set(s) of codes not imported")
                .and(predicates::str::contains("Round 1")),
        );
    let out = ws.path().join("out.qdc");
    ws.cmd()
        .args(["--project", "p", "codebook", "export"])
        .arg(&out)
        .assert()
        .success();
    valid_qdc(&out);
    let read = |f: &Path| {
        verbatim::refi::qdc::read(f, &std::fs::read_to_string(f).unwrap())
            .unwrap()
            .0
    };
    assert_eq!(read(&fixtures().join("minimal.qdc")), read(&out));
    // Merged by path into a codebook that has some of it: a report, nothing duplicated.
    ws.cmd()
        .args(["--project", "p", "codebook", "import"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::contains("0 nodes added, 3 already there"));
    // Our own codebook: out and back through .qdc.
    let ws2 = Workspace::new();
    ws2.coded_sample();
    let ours = ws2.path().join("grille.qdc");
    ws2.cmd()
        .args(["--project", "p", "export", "-o"])
        .arg(&ours)
        .assert()
        .success();
    valid_qdc(&ours);
    let cb = read(&ours);
    let stored = Session::open(&ws2.path().join("p"))
        .unwrap()
        .codebook()
        .clone();
    assert_eq!(
        cb, stored,
        "ids, names, colours, descriptions, codable, hierarchy"
    );
}

#[test]
fn a_flat_codebook_ending_in_an_empty_sets_is_imported() {
    let ws = Workspace::new();
    ws.project();
    let qdc = ws.path().join("taguette.qdc");
    std::fs::write(
        &qdc,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" \
         origin=\"Taguette 1.4.1\"><Codes><Code guid=\"8A2F0B1E-55C1-5A4B-9E0C-1D2E3F405162\" \
         name=\"freins.temps\" isCodable=\"true\"></Code><Code \
         guid=\"9B3F1C2F-66D2-5B5C-8F1D-2E3F40516273\" name=\"leviers\" isCodable=\"true\"></Code>\
         </Codes><Sets></Sets></CodeBook>",
    )
    .unwrap();
    ws.cmd()
        .args(["--project", "p", "codebook", "import"])
        .arg(&qdc)
        .assert()
        .success()
        .stdout(predicates::str::contains("2 nodes added"))
        .stderr(predicates::str::contains("set").not());
    let s = Session::open(&ws.path().join("p")).unwrap();
    assert!(
        s.codebook().resolve("freins.temps").is_ok() && s.codebook().resolve("leviers").is_ok()
    );
}

use predicates::prelude::PredicateBooleanExt;

/// Writes a .qdpx from (entry name, bytes).
fn qdpx(path: &Path, entries: &[(&str, &[u8])]) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        z.start_file(*name, SimpleFileOptions::default()).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

#[test]
fn the_official_examples_are_imported() {
    let ws = Workspace::new();
    ws.cmd()
        .arg("import-qdpx")
        .arg(fixtures().join("minimal.qdpx"))
        .arg("min")
        .assert()
        .success()
        .stdout(predicates::str::contains("1 sources, 2 nodes, 1 codings"));
    ws.cmd()
        .arg("import-qdpx")
        .arg(fixtures().join("minimal.qdpx"))
        .arg("min")
        .assert()
        .code(1)
        .stderr(predicates::str::contains("already exists and is not empty"));
    let s = Session::open(&ws.path().join("min")).unwrap();
    let (coder, _, c) = s.codings().all().next().unwrap();
    assert_eq!(coder, "Alice");
    assert_eq!(c.quote, "I never trusted them");
    assert_eq!(s.project().manifest.sources[0].label, "Interview 01");
    assert_eq!(s.project().manifest.name, "Interview study");
    // The extended example, zipped here with its source file.
    let src = fixtures().join("minimal-project/sources/9B2C4E6A-3F1D-4C8B-A0E2-5D7F1B3C9A40.txt");
    let file = ws.path().join("extended.qdpx");
    qdpx(
        &file,
        &[
            (
                "Project.qde",
                &std::fs::read(fixtures().join("project-extended.qde")).unwrap(),
            ),
            (
                "Sources/9B2C4E6A-3F1D-4C8B-A0E2-5D7F1B3C9A40.txt",
                &std::fs::read(src).unwrap(),
            ),
        ],
    );
    ws.cmd()
        .arg("import-qdpx")
        .arg(&file)
        .arg("ext")
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "1 sources, 2 nodes, 2 codings, 1 cases, 1 memos",
        ))
        .stderr(predicates::str::contains(
            "not imported: 1 set(s): Round 1 interviews",
        ));
    let s = Session::open(&ws.path().join("ext")).unwrap();
    let source = &s.project().manifest.sources[0];
    assert_eq!(source.case, "Participant 01");
    let row = &s.project().cases.rows["Participant 01"];
    assert_eq!(row["Age"], "34");
    assert_eq!(row["Interview date"], "2024-04-30");
    let memo = &s.memos().unwrap()[0];
    assert_eq!(memo.text, "Strong wording; compare with interview 3.");
    assert!(
        matches!(memo.target, Target::Coding(_)),
        "the note is on the coded selection"
    );
}

/// A one-source project whose selection of `needle` is written at `start..end`.
fn fixture_qde(origin: &str, start: usize, end: usize, needle: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Project xmlns=\"urn:QDA-XML:project:1:0\" \
         name=\"fixture\" origin=\"{origin}\"><Users><User guid=\"5E1A2B3C-4D5E-4F60-8A7B-9C0D1E2F3A4B\" \
         name=\"Marie Dupont\"/></Users><CodeBook><Codes><Code guid=\"1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D\" \
         name=\"Confiance\" isCodable=\"true\" color=\"rgb(31,119,180)\"/></Codes></CodeBook><Sources>\
         <TextSource guid=\"9B2C4E6A-3F1D-4C8B-A0E2-5D7F1B3C9A40\" name=\"E1.txt\" \
         plainTextPath=\"internal://9b2c4e6a-3f1d-4c8b-a0e2-5d7f1b3c9a40.txt\">\
         <PlainTextSelection guid=\"3C4D5E6F-7A8B-4C9D-8E0F-1A2B3C4D5E6F\" name=\"{needle}\" \
         startPosition=\"{start}\" endPosition=\"{end}\"><Coding guid=\"4D5E6F7A-8B9C-4D0E-9F1A-2B3C4D5E6F7A\" \
         creatingUser=\"5E1A2B3C-4D5E-4F60-8A7B-9C0D1E2F3A4B\"><CodeRef \
         targetGUID=\"1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D\"/></Coding></PlainTextSelection>\
         </TextSource></Sources></Project>"
    )
}

const TEXT: &str = "Enquêteur : Vous allez au café ?\r\nP1 : 🙂 Je n'y vais jamais, à vrai dire.\r\n\
                    Enquêteur : Pourquoi ?\r\nP1 : On ne s'y sent pas accueilli.\r\n";
const NEEDLE: &str = "On ne s'y sent pas accueilli.";

/// Imports the fixture with the selection at the given positions; returns the coded quote and
/// the command's output.
fn import_fixture(ws: &Workspace, name: &str, origin: &str, start: usize) -> (String, String) {
    let end = start + NEEDLE.chars().count();
    let file = ws.path().join(format!("{name}.qdpx"));
    let qde = fixture_qde(origin, start, end, NEEDLE);
    qdpx(
        &file,
        &[
            (&format!("{name}.qde"), qde.as_bytes()),
            (
                "Sources/9B2C4E6A-3F1D-4C8B-A0E2-5D7F1B3C9A40.TXT",
                TEXT.as_bytes(),
            ),
        ],
    );
    let out = ws
        .cmd()
        .arg("import-qdpx")
        .arg(&file)
        .arg(name)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = Session::open(&ws.path().join(name)).unwrap();
    let (coder, _, c) = s.codings().all().next().expect("one coding");
    assert_eq!(coder, "Marie_Dupont");
    assert!(
        !s.text(s.project().manifest.sources[0].id)
            .unwrap()
            .text
            .contains('\r')
    );
    (
        c.quote.clone(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn offsets_counting_crlf_as_two_as_one_or_in_utf16_units_are_recognised() {
    let ws = Workspace::new();
    let raw_cp = TEXT.chars().count() - TEXT.chars().rev().position(|c| c == 'O').unwrap() - 1;
    let crlfs_before = TEXT[..TEXT.find(NEEDLE).unwrap()].matches("\r\n").count();
    // NVivo (Windows): raw code points, CRLF counted as two.
    let (q, out) = import_fixture(&ws, "nvivo", "NVivo 14", raw_cp);
    assert_eq!(q, NEEDLE);
    assert!(!out.contains("remapped"), "{out}");
    // ATLAS.ti: CRLF counted as one.
    let (q, out) = import_fixture(&ws, "atlas", "ATLAS.ti 23", raw_cp - crlfs_before);
    assert_eq!(q, NEEDLE);
    assert!(out.contains("CRLF counted once"), "{out}");
    // QualCoder-style UTF-16 units: the emoji counts twice.
    let (q, out) = import_fixture(&ws, "utf16", "QualCoder 3.6", raw_cp + 1);
    assert_eq!(q, NEEDLE);
    assert!(out.contains("UTF-16 units"), "{out}");
}

/// Imports `file` into `dir`, expecting a refusal that says `why` and leaves nothing.
fn refused(ws: &Workspace, file: &Path, why: &str) {
    let target = ws.path().join("hostile");
    ws.cmd()
        .arg("import-qdpx")
        .arg(file)
        .arg(&target)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(why));
    assert!(!target.exists(), "{why}: nothing is created");
    let leftovers: Vec<_> = std::fs::read_dir(ws.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".verbatim-import")
        })
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind");
}

#[test]
fn hostile_archives_are_refused_with_nothing_written() {
    let ws = Workspace::new();
    let qde = fixture_qde("x", 0, 4, "Enqu");
    let text = TEXT.as_bytes();
    for (name, entry, why) in [
        ("dotdot", "sources/../../evil.txt", "leaves the archive"),
        ("absolute", "/etc/evil.txt", "is an absolute path"),
        ("drive", "C:/evil.txt", "names a drive"),
    ] {
        let f = ws.path().join(format!("{name}.qdpx"));
        qdpx(&f, &[("project.qde", qde.as_bytes()), (entry, text)]);
        refused(&ws, &f, why);
    }
    // A symbolic link.
    let f = ws.path().join("link.qdpx");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&f).unwrap());
    z.start_file("project.qde", SimpleFileOptions::default())
        .unwrap();
    z.write_all(qde.as_bytes()).unwrap();
    z.add_symlink(
        "sources/9B2C4E6A-3F1D-4C8B-A0E2-5D7F1B3C9A40.txt",
        "/etc/passwd",
        SimpleFileOptions::default(),
    )
    .unwrap();
    z.finish().unwrap();
    refused(&ws, &f, "is a symbolic link");
    // Too many files.
    let f = ws.path().join("many.qdpx");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&f).unwrap());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..=verbatim::refi::archive::MAX_FILES {
        z.start_file(format!("sources/{i}.txt"), stored).unwrap();
    }
    z.finish().unwrap();
    refused(&ws, &f, "entries (at most 10000)");
    // A DOCTYPE with an entity.
    let f = ws.path().join("doctype.qdpx");
    let evil = qde.replacen(
        "<Project",
        "<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Project",
        1,
    );
    qdpx(&f, &[("project.qde", evil.as_bytes())]);
    refused(&ws, &f, "DOCTYPE");
    // Not a zip, and a zip without a project.
    let f = ws.path().join("broken.qdpx");
    std::fs::write(&f, b"PK\x03\x04 not really").unwrap();
    refused(&ws, &f, "is not a .qdpx archive");
    let f = ws.path().join("empty.qdpx");
    qdpx(&f, &[("readme.txt", b"hello")]);
    refused(&ws, &f, "has no .qde file");
}

#[test]
fn an_archive_inflating_past_the_limit_is_refused() {
    // The real limit is 1 GiB; the same check with a small limit, through the core.
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    z.start_file("project.qde", SimpleFileOptions::default())
        .unwrap();
    z.write_all(&vec![b' '; 5_000_000]).unwrap();
    z.finish().unwrap();
    let bytes = buf.into_inner();
    assert!(bytes.len() < 50_000, "a small archive that inflates a lot");
    let e = verbatim::refi::archive::QdpxArchive::from_bytes_limited(
        Path::new("bomb.qdpx"),
        &bytes,
        1_000_000,
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("bomb.qdpx") && e.contains("inflates to more than"),
        "{e}"
    );
}

#[test]
fn what_cannot_be_imported_is_listed() {
    let ws = Workspace::new();
    let qde = fixture_qde("MAXQDA 24", 0, 9, "Enquêteur").replace(
        "</Sources>",
        "<PDFSource guid=\"6A7B8C9D-0E1F-4A2B-8C3D-4E5F6A7B8C9D\" name=\"Rapport.pdf\" \
         path=\"internal://6A7B8C9D-0E1F-4A2B-8C3D-4E5F6A7B8C9D.pdf\"><PDFSelection \
         guid=\"7B8C9D0E-1F2A-4B3C-9D4E-5F6A7B8C9D0E\" page=\"1\" firstX=\"0\" firstY=\"0\" \
         secondX=\"9\" secondY=\"9\"/></PDFSource><AudioSource \
         guid=\"8C9D0E1F-2A3B-4C4D-8E5F-6A7B8C9D0E1F\" name=\"E1.m4a\" \
         path=\"relative:///E1.m4a\"/></Sources><Links><Link \
         guid=\"9D0E1F2A-3B4C-4D5E-9F6A-7B8C9D0E1F2A\" name=\"cause\" \
         originGUID=\"1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D\" \
         targetGUID=\"1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D\"/></Links><Graphs><Graph \
         guid=\"0E1F2A3B-4C5D-4E6F-8A7B-8C9D0E1F2A3B\"/></Graphs>",
    );
    let file = ws.path().join("maxqda.qdpx");
    qdpx(
        &file,
        &[
            ("Projet.qde", qde.as_bytes()),
            (
                "sources/9B2C4E6A-3F1D-4C8B-A0E2-5D7F1B3C9A40.txt",
                TEXT.as_bytes(),
            ),
        ],
    );
    let out = ws
        .cmd()
        .arg("import-qdpx")
        .arg(&file)
        .arg("m")
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for said in [
        "PDF source 'Rapport.pdf' (1 selections)",
        "Audio source 'E1.m4a'",
        "link 'cause'",
        "1 graph(s)",
    ] {
        assert!(err.contains(said), "{said} not in: {err}");
    }
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 sources, 1 nodes, 1 codings"));
}

#[test]
fn two_sources_sharing_a_guid_keep_their_own_codings() {
    let ws = Workspace::new();
    let qde = fixture_qde("x", 0, 9, "Enquêteur");
    let start = qde.find("<TextSource").unwrap();
    let end = qde.find("</TextSource>").unwrap() + "</TextSource>".len();
    let second = qde[start..end]
        .replace("name=\"E1.txt\"", "name=\"E2.txt\"")
        .replace(
            "internal://9b2c4e6a-3f1d-4c8b-a0e2-5d7f1b3c9a40.txt",
            "internal://second.txt",
        )
        .replace(
            "4D5E6F7A-8B9C-4D0E-9F1A-2B3C4D5E6F7A",
            "5E6F7A8B-9C0D-4E1F-8A2B-3C4D5E6F7A8B",
        )
        .replace("name=\"Enquêteur\"", "name=\"Autre cho\"");
    let qde = format!("{}{second}{}", &qde[..end], &qde[end..]);
    let file = ws.path().join("twice.qdpx");
    qdpx(
        &file,
        &[
            ("project.qde", qde.as_bytes()),
            (
                "sources/9B2C4E6A-3F1D-4C8B-A0E2-5D7F1B3C9A40.txt",
                TEXT.as_bytes(),
            ),
            ("sources/second.txt", "Autre chose encore.\n".as_bytes()),
        ],
    );
    ws.cmd()
        .arg("import-qdpx")
        .arg(&file)
        .arg("t")
        .assert()
        .success();
    let s = Session::open(&ws.path().join("t")).unwrap();
    let mut quotes: Vec<(String, String)> = s
        .codings()
        .all()
        .map(|(_, src, c)| {
            let label = &s
                .project()
                .manifest
                .sources
                .iter()
                .find(|m| m.id == src)
                .unwrap()
                .label;
            (label.clone(), c.quote.clone())
        })
        .collect();
    quotes.sort();
    assert_eq!(
        quotes,
        [
            ("E1".to_owned(), "Enquêteur".to_owned()),
            ("E2".to_owned(), "Autre cho".to_owned())
        ]
    );
}
