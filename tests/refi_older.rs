//! REFI-QDA projects from older writers: a `.qdpx` whose `plainTextPath` has no `internal://`
//! prefix (qualitative-coding 1.3) imports its texts and codings; a text truly missing is named
//! with the codings it takes with it.

mod common;

use common::Workspace;
use std::io::Write;
use verbatim::session::Session;
use zip::write::SimpleFileOptions;

fn qdpx(path: &std::path::Path, entries: &[(&str, &[u8])]) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        z.start_file(*name, SimpleFileOptions::default()).unwrap();
        z.write_all(bytes).unwrap();
    }
    z.finish().unwrap();
}

fn source(guid: &str, name: &str, path: &str, start: usize, end: usize, sel: &str) -> String {
    format!(
        "<TextSource guid=\"{guid}\" name=\"{name}\" plainTextPath=\"{path}\">\
         <PlainTextSelection guid=\"{sel}\" startPosition=\"{start}\" endPosition=\"{end}\">\
         <Coding guid=\"{sel}\"><CodeRef targetGUID=\"1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D\"/>\
         </Coding></PlainTextSelection></TextSource>"
    )
}

fn project(sources: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1:0\" \
         name=\"qc\" origin=\"qualitative-coding 1.3\"><CodeBook><Codes><Code \
         guid=\"1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D\" name=\"Confiance\" isCodable=\"true\"/>\
         </Codes></CodeBook><Sources>{sources}</Sources></Project>"
    )
}

const E1: &str = "Enquêteur : Vous êtes kiné ?\nP1 : Oui, à Brest, depuis dix ans.\n";
const E2: &str = "Enquêteur : Et la CPTS ?\nP2 : Je m’y suis inscrite l’an dernier.\n";

#[test]
fn plain_text_paths_without_internal_are_found_in_the_archive() {
    let ws = Workspace::new();
    let file = ws.path().join("qc.qdpx");
    let sources = source(
        "0B2C4E6A-3F1D-4C8B-A0E2-5D7F1B3C9A41",
        "E1",
        "E1.txt",
        41,
        46,
        "2C4D5E6F-7A8B-4C9D-8E0F-1A2B3C4D5E61",
    ) + &source(
        "0B2C4E6A-3F1D-4C8B-A0E2-5D7F1B3C9A42",
        "E2",
        "sources/E2.txt",
        42,
        50,
        "2C4D5E6F-7A8B-4C9D-8E0F-1A2B3C4D5E62",
    );
    qdpx(
        &file,
        &[
            ("project.qde", project(&sources).as_bytes()),
            ("sources/E1.txt", E1.as_bytes()),
            ("sources/E2.txt", E2.as_bytes()),
        ],
    );
    let out = ws
        .cmd()
        .arg("import-qdpx")
        .arg(&file)
        .arg("p")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = Session::open(&ws.path().join("p")).unwrap();
    assert_eq!(s.project().manifest.sources.len(), 2);
    let mut quotes: Vec<String> = s.codings().all().map(|(_, _, c)| c.quote.clone()).collect();
    quotes.sort();
    assert_eq!(quotes, ["Brest", "inscrite"]);
}

#[test]
fn a_missing_text_names_the_codings_it_drops() {
    let ws = Workspace::new();
    let file = ws.path().join("qc.qdpx");
    let sources = source(
        "0B2C4E6A-3F1D-4C8B-A0E2-5D7F1B3C9A41",
        "E1",
        "E1.txt",
        34,
        39,
        "2C4D5E6F-7A8B-4C9D-8E0F-1A2B3C4D5E61",
    ) + &source(
        "0B2C4E6A-3F1D-4C8B-A0E2-5D7F1B3C9A42",
        "E2",
        "/home/someone/qc/corpus/E2.txt",
        30,
        38,
        "2C4D5E6F-7A8B-4C9D-8E0F-1A2B3C4D5E62",
    );
    qdpx(
        &file,
        &[
            ("project.qde", project(&sources).as_bytes()),
            ("sources/E1.txt", E1.as_bytes()),
        ],
    );
    let out = ws
        .cmd()
        .arg("import-qdpx")
        .arg(&file)
        .arg("p")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("source 'E2': its text (/home/someone/qc/corpus/E2.txt) is not in the archive; its 1 coding is not imported (Confiance)"),
        "{err}"
    );
}
