//! Fixture tests of the formats beyond plain text (all text invented): noScribe and other HTML,
//! Whisper/WhisperX JSON, RTF from Word, WordPad and oTranscribe, and the refusals with a hint
//! (.doc, .qdpx, .qdc); text PDFs from Writer, a scan and a password-protected PDF.

use super::*;
use crate::text::turns::split_units_as;

/// (speaker, time, body) of each unit.
fn units(p: &Prepared) -> Vec<(Option<String>, Option<String>, String)> {
    let names: Vec<String> = p.speakers.iter().map(|s| s.name.clone()).collect();
    split_units_as(&p.text, &names, &p.convention)
        .into_iter()
        .map(|u| {
            (
                u.speaker.map(|i| names[i].clone()),
                u.time,
                p.text[u.body_start..u.end].to_owned(),
            )
        })
        .collect()
}

#[test]
fn noscribe_html_turns_keep_speakers_and_times() {
    let html = "<!DOCTYPE html>\r\n<html><head><meta charset=\"UTF-8\"><meta name=\"audio_source\" content=\"entretien.mp3\"></head><body>\r\n<p style=\"font-weight:bold\">Entretien_07</p>\r\n<p><span>(Transcribed with noScribe vers. 0.6)</span></p>\r\n<p><a name=\"ts_1200_4500_S00\">S00: Bonjour, vous pouvez vous présenter&nbsp;?</a></p>\r\n<p><a name=\"ts_5000_9000_S01\">S01: Oui, je suis sage-femme </a><a name=\"ts_9000_12000_S01\">à Rennes.</a></p>\r\n<p><a name=\"ts_13000_15000_S00\">S00: Depuis quand&nbsp;?</a></p>\r\n<p><a name=\"ts_15500_18000_S01\">S01: Dix ans (rires).</a></p></body></html>";
    let p = prepare_bytes("E7.html", html.as_bytes()).unwrap();
    let got = units(&p);
    assert_eq!(
        got[2],
        (
            Some("S00".into()),
            Some("00:00:01".into()),
            "Bonjour, vous pouvez vous présenter\u{a0}?".into()
        )
    );
    assert_eq!(
        got[3],
        (
            Some("S01".into()),
            Some("00:00:05".into()),
            "Oui, je suis sage-femme à Rennes.".into()
        )
    );
    assert_eq!(p.speakers[0].role, Role::Interviewer);
    assert_eq!(p.speakers[1].role, Role::Participant);
    // Without noScribe's anchors, an HTML page is paragraphs (or turns when it has them).
    let page = "<html><body><h2>Focus group</h2><p>Animatrice : Qui commence ?</p><p>P1 : Moi.</p><p>P2 : Puis moi.</p><p>P3 : Et moi.</p></body></html>";
    let p = prepare_bytes("fg.htm", page.as_bytes()).unwrap();
    assert_eq!(p.kind, SourceKind::FocusGroup);
    let doc = "<p>Un simple <i>compte rendu</i>,</p><p>sans locuteur.</p>";
    let p = prepare_bytes("cr.html", doc.as_bytes()).unwrap();
    assert_eq!(p.text, "Un simple compte rendu,\nsans locuteur.");
    assert!(p.speakers.is_empty());
}

#[test]
fn whisper_and_whisperx_json_keep_each_segment_time() {
    let diarised = r#"{"segments": [
        {"start": 0.0, "end": 2.5, "text": " Vous travaillez où ?", "speaker": "SPEAKER_00"},
        {"start": 2.9, "end": 5.0, "text": " À l’hôpital de Vannes.", "speaker": "SPEAKER_01"},
        {"start": 5.1, "end": 7.0, "text": " Et avant ?", "speaker": "SPEAKER_00"},
        {"start": 7.5, "end": 9.0, "text": " En libéral.", "speaker": "SPEAKER_01"},
        {"start": 9.2, "end": 11.0, "text": " Surtout la nuit.", "speaker": "SPEAKER_01"}
    ]}"#;
    let p = prepare_bytes("whisperx.json", diarised.as_bytes()).unwrap();
    let got = units(&p);
    assert_eq!(got.len(), 5);
    assert_eq!(
        got[4],
        (
            Some("SPEAKER_01".into()),
            Some("00:00:09".into()),
            "Surtout la nuit.".into()
        )
    );
    assert_eq!(p.speakers[0].role, Role::Interviewer);
    let plain = "{\"text\": \" Bonjour. Merci.\", \"segments\": [{\"id\": 0, \"start\": 0.0, \"end\": 1.0, \"text\": \" Bonjour.\"}, {\"id\": 1, \"start\": 61.0, \"end\": 62.0, \"text\": \" Merci.\"}], \"language\": \"fr\"}";
    let p = prepare_bytes("whisper.json", plain.as_bytes()).unwrap();
    let got = units(&p);
    assert_eq!(
        got[1],
        (None, Some("00:01:01".into()), "[00:01:01] Merci.".into())
    );
    let err = prepare_bytes("autre.json", b"{\"name\": 1}")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("is not a Whisper/WhisperX transcript"),
        "{err}"
    );
}

#[test]
fn rtf_from_word_wordpad_and_otranscribe() {
    let word = b"{\\rtf1\\adeflang1025\\ansi\\ansicpg1252\\uc1\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}}{\\*\\rsidtbl \\rsid123}\r\n\\pard\\plain Chercheuse\\~: Vous \\'eates infirmi\\'e8re ?\\par\r\n\\pard Mme L.\\~: Oui, \\u224? l\\rquote h\\'f4pital.\\par\r\n\\pard Chercheuse\\~: Depuis quand ?\\par\r\n\\pard Mme L.\\~: Dix ans.\\par}";
    let p = prepare_bytes("E4.rtf", word).unwrap();
    assert_eq!(
        p.text,
        "Chercheuse\u{a0}: Vous êtes infirmière ?\nMme L.\u{a0}: Oui, à l’hôpital.\nChercheuse\u{a0}: Depuis quand ?\nMme L.\u{a0}: Dix ans."
    );
    assert_eq!(p.speakers.len(), 2);
    assert_eq!(p.speakers[0].role, Role::Interviewer);
    let otranscribe = b"{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Arial;}}\\f0 [00:00:04] INT: D\\u233?j\\u224? ?\\line [00:00:07] P1: Oui.\\line}";
    let p = prepare_bytes("ot.rtf", otranscribe).unwrap();
    assert_eq!(p.speakers.len(), 2);
    assert_eq!(units(&p)[0].1.as_deref(), Some("00:00:04"));
    let err = prepare_bytes("x.rtf", b"PK\x03\x04")
        .unwrap_err()
        .to_string();
    assert!(err.contains("must start with {\\rtf"), "{err}");
}

#[test]
fn doc_qdpx_and_qdc_are_refused_with_what_to_do() {
    let err = prepare_bytes("vieux.doc", b"\xD0\xCF\x11\xE0")
        .unwrap_err()
        .to_string();
    assert!(err.contains("save it as .docx"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    for (name, hint) in [
        ("projet.qdpx", "verbatim import-qdpx"),
        ("codes.qdc", "verbatim codebook import"),
        ("vieux.DOC", "save it as .docx"),
        ("reponses.xlsx", "verbatim import-table"),
        ("cas.csv", "verbatim cases import"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, b"x").unwrap();
        let err = collect(&[path]).unwrap_err().to_string();
        assert!(err.contains(hint), "{name}: {err}");
    }
}

#[test]
fn text_pdfs_from_writer_keep_speakers_roles_and_page_breaks() {
    let read = |name: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pdf")
            .join(name);
        prepare_file(&path)
    };
    let p = read("entretien-e07.pdf").unwrap();
    let speakers: Vec<(&str, Role)> = p
        .speakers
        .iter()
        .map(|s| (s.name.as_str(), s.role))
        .collect();
    assert_eq!(
        speakers,
        [("Enquêtrice", Role::Interviewer), ("P7", Role::Participant)]
    );
    let got = units(&p);
    assert_eq!(got.len(), 6);
    // A line wrapped by the PDF stays in its turn.
    assert_eq!(
        got[1].2,
        "Depuis onze ans, à Lannion. Avant j’étais à l’hôpital, « en poste fixe » comme\non dit."
    );
    // The page break falls between turns 4 and 5.
    assert_eq!(got[4].2, "Et la coordination avec les médecins ?");
    let en = read("interview-en.pdf").unwrap();
    assert_eq!(en.speakers.len(), 2);
    assert_eq!(units(&en).len(), 5);
    let err = read("scan-sans-texte.pdf").unwrap_err().to_string();
    assert!(
        err.contains("scan-sans-texte.pdf: has no text to import"),
        "{err}"
    );
    assert!(err.contains("(OCR)"), "{err}");
    let err = read("mot-de-passe.pdf").unwrap_err().to_string();
    assert!(
        err.contains("mot-de-passe.pdf: is protected by a password"),
        "{err}"
    );
}
