//! DOCX and ODT annexes: their XML parsed (heading styles with outline levels in tree order, one
//! quote paragraph per verbatim), then each converted to PDF by LibreOffice headless — one
//! conversion at a time, each with its own profile folder — and the verbatims found in the PDF's
//! text. The PDF test needs LibreOffice Writer and poppler-utils: it is marked ignored (plain
//! `cargo test` reports it so) and `.ci/run` installs both and runs it; run by hand, it fails
//! loudly when they are missing rather than pass.

mod common;

use common::{ANNEX_VERBATIMS, Workspace, code_line};
use quick_xml::events::Event;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const VERBATIMS: &[(&str, &str, &str)] = ANNEX_VERBATIMS;

fn project(ws: &Workspace) -> PathBuf {
    let p = ws.coded_sample();
    let lines: Vec<String> = VERBATIMS
        .iter()
        .map(|(l, n, node)| code_line(&p, l, n, node))
        .collect();
    ws.code_lines("sg", &lines);
    p
}

fn export(ws: &Workspace, name: &str) -> PathBuf {
    let out = ws.path().join(name);
    ws.cmd()
        .args([
            "--project",
            "p",
            "export",
            "--descriptions",
            "--transcripts",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    out
}

fn entry(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap().to_owned()
}

fn attr(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == key)
        .map(|a| a.value.into_owned())
}

/// Paragraphs of a document part: (style, outline level, text). `para` names the paragraph
/// elements, `style` the style attribute; `w:pStyle` sets the style inside DOCX paragraphs.
fn paragraphs(xml: &str, para: &[&str]) -> Vec<(String, Option<String>, String)> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut cur: Option<(String, Option<String>, String)> = None;
    loop {
        match r.read_event().expect("well-formed XML") {
            Event::Start(e) if para.contains(&local(e.name().as_ref()).as_str()) => {
                let style = attr(&e, "style-name").unwrap_or_default();
                cur = Some((style, attr(&e, "outline-level"), String::new()));
            }
            Event::Empty(e) => {
                let name = local(e.name().as_ref());
                if let Some(c) = cur.as_mut() {
                    match name.as_str() {
                        "pStyle" => c.0 = attr(&e, "val").unwrap(),
                        "br" | "line-break" => c.2.push('\n'),
                        "s" => c
                            .2
                            .push_str(&" ".repeat(attr(&e, "c").map_or(1, |n| n.parse().unwrap()))),
                        _ => {}
                    }
                }
            }
            Event::Text(t) => {
                if let Some(c) = cur.as_mut() {
                    c.2.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(g) => {
                if let Some(c) = cur.as_mut() {
                    c.2.push_str(
                        quick_xml::escape::resolve_predefined_entity(&g.into_inner()).unwrap(),
                    );
                }
            }
            Event::End(e) if para.contains(&local(e.name().as_ref()).as_str()) => {
                out.extend(cur.take());
            }
            Event::Eof => return out,
            _ => {}
        }
    }
}

const TREE: &[&str] = &[
    "I - Parcours et exercice",
    "I.A - Installation et trajectoire",
    "I.B - Organisation du travail",
    "I.C - Patientèle",
    "II - La CPTS vécue",
    "II.C.2 - Rôle de la coordinatrice",
    "V.B - Pérennité du modèle",
];

/// The headings of `paras` after the "verbatims" heading match the tree, each verbatim is one
/// quote paragraph with its citation.
fn check_structure(
    paras: &[(String, Option<String>, String)],
    heading: &dyn Fn(&str) -> Option<usize>,
    quote: &str,
) {
    let headings: Vec<(usize, &str)> = paras
        .iter()
        .filter_map(|(s, _, t)| heading(s).map(|l| (l, t.as_str())))
        .collect();
    let start = headings
        .iter()
        .position(|(l, t)| *l == 1 && *t == "Verbatims par catégorie")
        .expect("the verbatims heading");
    let body: Vec<(usize, &str)> = headings[start + 1..]
        .iter()
        .take_while(|(l, _)| *l > 1)
        .copied()
        .collect();
    let mut at = 0;
    for name in TREE {
        let i = body[at..]
            .iter()
            .position(|(_, t)| t == name)
            .unwrap_or_else(|| panic!("heading {name} missing or out of order"));
        at += i + 1;
    }
    assert_eq!(
        body.iter()
            .find(|(_, t)| *t == "I - Parcours et exercice")
            .unwrap()
            .0,
        2
    );
    assert_eq!(
        body.iter()
            .find(|(_, t)| *t == "I.A - Installation et trajectoire")
            .unwrap()
            .0,
        3
    );
    assert_eq!(
        body.iter()
            .find(|(_, t)| *t == "II.C.2 - Rôle de la coordinatrice")
            .unwrap()
            .0,
        4
    );
    assert_eq!(body.len(), 29, "every node once");
    let quotes: Vec<&str> = paras
        .iter()
        .filter(|(s, _, _)| s == quote)
        .map(|(_, _, t)| t.as_str())
        .collect();
    assert_eq!(quotes.len(), VERBATIMS.len());
    for (label, needle, _) in VERBATIMS {
        assert_eq!(
            quotes
                .iter()
                .filter(|q| **q == format!("« {needle} » ({label})"))
                .count(),
            1,
            "{needle}"
        );
    }
    assert!(
        headings
            .iter()
            .any(|(l, t)| *l == 1 && *t == "Arbre de codage")
            && headings
                .iter()
                .any(|(l, t)| *l == 1 && *t == "Dictionnaire des codes")
            && headings.iter().any(|(l, t)| *l == 2 && *t == "E08"),
        "tree, dictionary and transcripts"
    );
}

#[test]
fn docx_uses_heading_and_quote_styles_in_tree_order() {
    let ws = Workspace::new();
    project(&ws);
    let docx = export(&ws, "annexe.docx");
    let styles = entry(&docx, "word/styles.xml");
    for n in 1..=9 {
        assert!(styles.contains(&format!(
            "w:styleId=\"Heading{n}\"><w:name w:val=\"heading {n}\"/>"
        )));
        assert!(styles.contains(&format!("<w:outlineLvl w:val=\"{}\"/>", n - 1)));
    }
    assert!(styles.contains("w:styleId=\"Quote\"><w:name w:val=\"Quote\"/>"));
    let paras = paragraphs(&entry(&docx, "word/document.xml"), &["p"]);
    let heading = |s: &str| s.strip_prefix("Heading").map(|n| n.parse().unwrap());
    check_structure(&paras, &heading, "Quote");
    for part in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/_rels/document.xml.rels",
        "docProps/core.xml",
    ] {
        paragraphs(&entry(&docx, part), &["none"]);
    }
}

#[test]
fn odt_uses_outline_headings_and_quotations_in_tree_order() {
    let ws = Workspace::new();
    project(&ws);
    let odt = export(&ws, "annexe.odt");
    let mut z = zip::ZipArchive::new(std::fs::File::open(&odt).unwrap()).unwrap();
    {
        let first = z.by_index(0).unwrap();
        assert_eq!(first.name().unwrap(), "mimetype");
        assert_eq!(first.compression(), zip::CompressionMethod::Stored);
    }
    let paras = paragraphs(&entry(&odt, "content.xml"), &["p", "h"]);
    for (style, level, _) in &paras {
        if let Some(n) = style.strip_prefix("Heading_20_") {
            assert_eq!(level.as_deref(), Some(n), "outline level of {style}");
        }
    }
    let heading = |s: &str| s.strip_prefix("Heading_20_").map(|n| n.parse().unwrap());
    check_structure(&paras, &heading, "Quotations");
    let styles = entry(&odt, "styles.xml");
    assert!(styles.contains("style:name=\"Heading_20_1\" style:display-name=\"Heading 1\""));
    assert!(styles.contains("style:name=\"Quotations\""));
    paragraphs(&entry(&odt, "META-INF/manifest.xml"), &["none"]);
    paragraphs(&entry(&odt, "meta.xml"), &["none"]);
}

/// Converts `file` to PDF with LibreOffice headless (its own profile) and returns the PDF's text
/// with white space collapsed.
fn pdf_text(ws: &Workspace, file: &Path) -> String {
    let missing = |what: &str| -> ! {
        panic!(
            "{what} is needed to check DOCX/ODT exports and was not found; `.ci/run` installs it \
             (apt-get install libreoffice-writer-nogui poppler-utils)"
        )
    };
    let profile = ws.path().join(format!(
        "lo-{}",
        file.extension().unwrap().to_str().unwrap()
    ));
    let outdir = ws.path().join("pdf");
    let status = Command::new("soffice")
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
        .unwrap_or_else(|_| missing("LibreOffice (soffice)"));
    let pdf = outdir.join(file.with_extension("pdf").file_name().unwrap());
    assert!(
        pdf.exists(),
        "LibreOffice did not convert {}: {}",
        file.display(),
        String::from_utf8_lossy(&status.stderr)
    );
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|_| missing("pdftotext (poppler-utils)"));
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils: .ci/run installs them and runs it"]
fn libreoffice_renders_every_verbatim_of_the_docx_and_odt() {
    let ws = Workspace::new();
    project(&ws);
    // One conversion at a time: this test alone runs LibreOffice.
    for name in ["annexe.docx", "annexe.odt"] {
        let text = pdf_text(&ws, &export(&ws, name));
        assert!(
            text.contains("Verbatims par catégorie"),
            "{name}: {text:.300}"
        );
        assert!(text.contains("II.C.2 - Rôle de la coordinatrice"), "{name}");
        for (label, needle, _) in VERBATIMS {
            // pdftotext joins a word hyphenated at a line end (`mi-` `temps` → `mitemps`).
            let squash = |s: &str| s.replace(['-', ' '], "");
            let cited = format!("« {needle} » ({label})");
            assert!(
                squash(&text).contains(&squash(&cited)),
                "{name}: {cited} not in the PDF: {text}"
            );
        }
        assert!(text.contains("Retranscriptions"), "{name}");
    }
}
