//! Tests of preparing imports: empty files, normalisation, NFD file names, docx/odt, focus groups.

use super::*;
use crate::formats::testzip::zip_of;

#[test]
fn empty_and_blank_files_are_refused() {
    let err = prepare_bytes("vide.txt", b"").unwrap_err().to_string();
    assert_eq!(err, "vide.txt: is empty: it holds no text to import");
    assert!(prepare_bytes("blanc.txt", b"\xEF\xBB\xBF \r\n\t\r\n").is_err());
}

#[test]
fn text_is_normalised_before_anything_is_stored() {
    let p = prepare_bytes(
        "E1.txt",
        "\u{feff}Enque\u{302}teur : Vous e\u{302}tes ?\r\nM1 : Oui.\r\n".as_bytes(),
    )
    .unwrap();
    assert_eq!(p.text, "Enquêteur : Vous êtes ?\nM1 : Oui.");
    assert_eq!(p.label, "E1");
    assert_eq!(p.speakers.len(), 2);
    assert_eq!(p.speakers[0].role, Role::Interviewer);
    assert_eq!(p.kind, SourceKind::Interview);
}

#[test]
fn nfd_file_names_give_nfc_labels() {
    let p = prepare_bytes("Entretien ge\u{301}ne\u{301}raliste.md", b"texte").unwrap();
    assert_eq!(p.label, "Entretien généraliste");
    assert_eq!(p.kind, SourceKind::Document);
}

#[test]
fn docx_and_odt_come_through_prepare() {
    let docx = zip_of(&[("word/document.xml", br#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>INT: Bonjour ?</w:t></w:r></w:p><w:p><w:r><w:t>P1: Oui.</w:t></w:r></w:p></w:body></w:document>"#)]);
    let p = prepare_bytes("a.docx", &docx).unwrap();
    assert_eq!(p.text, "INT: Bonjour ?\nP1: Oui.");
    assert_eq!(
        p.speakers
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["INT", "P1"]
    );
    let err = prepare_bytes("b.odt", b"PK\x03\x04 not really")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("b.odt: is not a valid .odt file"), "{err}");
}

#[test]
fn three_participants_make_a_focus_group() {
    let t = "Animatrice : Qui commence ?\nP1 : Moi.\nP2 : Puis moi.\nP3 : Et moi.";
    assert_eq!(
        prepare_bytes("fg.txt", t.as_bytes()).unwrap().kind,
        SourceKind::FocusGroup
    );
}
