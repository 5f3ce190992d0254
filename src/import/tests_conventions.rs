//! Fixture tests of speaker conventions as real tools write them (all text invented): for each
//! shape, several variants (French, accents, CRLF), with the expected convention, speakers,
//! turns and roles; and the colon phrases that must stay text.

use super::*;
use crate::model::Role::{Interviewer as I, Other as O, Participant as P};
use crate::text::turns::{Convention, split_units_as};

/// Imports `input` as `file` and checks its convention and (speaker, role, turns).
fn check(file: &str, input: &str, convention: Convention, expected: &[(&str, Role, usize)]) {
    let p = prepare_bytes(file, input.as_bytes()).unwrap();
    assert_eq!(p.convention, convention, "{file}: {:?}", p.speakers);
    let names: Vec<String> = p.speakers.iter().map(|s| s.name.clone()).collect();
    let units = split_units_as(&p.text, &names, &p.convention);
    let got: Vec<(&str, Role, usize)> = p
        .speakers
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let n = units.iter().filter(|u| u.speaker == Some(i)).count();
            (s.name.as_str(), s.role, n)
        })
        .collect();
    assert_eq!(got, expected, "{file}");
    assert!(p.note.is_none(), "{file}: {:?}", p.note);
}

/// The text of each turn of `input` (after its label), in order.
fn bodies(file: &str, input: &str) -> Vec<(Option<String>, String)> {
    let p = prepare_bytes(file, input.as_bytes()).unwrap();
    let names: Vec<String> = p.speakers.iter().map(|s| s.name.clone()).collect();
    split_units_as(&p.text, &names, &p.convention)
        .into_iter()
        .map(|u| {
            let who = u.speaker.map(|i| names[i].clone());
            (who, p.text[u.body_start..u.end].to_owned())
        })
        .collect()
}

#[test]
fn zoom_names_with_parentheses_apostrophes_dots_and_digits() {
    let fr = "Anne Durand (CPTS): Bonjour à tous, vous m’entendez ?\r\nDr. M. Leroy: Oui, très bien.\r\nSaurabh’s iPad: Moi aussi.\r\nAnne Durand (CPTS): On commence par vous ?\r\nDr. M. Leroy: D'accord.\r\nSaurabh’s iPad: Ça marche.\r\n";
    check(
        "zoom.txt",
        fr,
        Convention::Colon,
        &[
            ("Anne Durand (CPTS)", I, 2),
            ("Dr. M. Leroy", P, 2),
            ("Saurabh’s iPad", P, 2),
        ],
    );
    let en = "[00:00:02] Moderator 2: Welcome, who starts?\n[00:00:05] Participant 12: I can.\nso I work in a clinic\n[00:00:11] Participant 7: Me next.\n[00:00:15] Moderator 2: Thanks. Anyone else?\n[00:00:18] Participant 12: No.";
    check(
        "meeting.txt",
        en,
        Convention::Colon,
        &[
            ("Moderator 2", I, 2),
            ("Participant 12", P, 2),
            ("Participant 7", P, 1),
        ],
    );
    let accents = "Élise O’Brien: Et la coordination ?\nJean-Marc d’Allier: Elle a changé.\nÉlise O’Brien: Comment ?\nJean-Marc d’Allier: On se parle.";
    check(
        "accents.txt",
        accents,
        Convention::Colon,
        &[("Élise O’Brien", I, 2), ("Jean-Marc d’Allier", P, 2)],
    );
}

#[test]
fn zoom_vtt_names_only_on_the_first_cue_of_a_turn() {
    let vtt = "WEBVTT\r\n\r\n1\r\n00:00:01.000 --> 00:00:03.000\r\nAnne Durand (CPTS): Bonjour, vous m&#39;entendez ?\r\n\r\n2\r\n00:00:03.200 --> 00:00:05.000\r\nje répète la question.\r\n\r\n3\r\n00:00:06.000 --> 00:00:08.000\r\nSaurabh’s iPad: Oui, très bien.\r\n\r\n4\r\n00:00:09.000 --> 00:00:10.000\r\nAnne Durand (CPTS): Parfait, on démarre ?\r\n\r\n5\r\n00:00:10.500 --> 00:00:12.000\r\nSaurabh’s iPad: Allons-y.\r\n";
    let got = bodies("zoom.vtt", vtt);
    assert_eq!(
        got[0],
        (
            Some("Anne Durand (CPTS)".into()),
            "Bonjour, vous m'entendez ? je répète la question.".into()
        )
    );
    assert_eq!(got.len(), 4);
    assert_eq!(got[3].0.as_deref(), Some("Saurabh’s iPad"));
}

#[test]
fn header_lines_with_the_text_below() {
    let otter = "Emma  0:00\r\nSo, how did you start?\r\n\r\nLucas  0:04\r\nAs a nurse, in 2012.\r\nThen I moved.\r\n\r\nEmma  0:09\r\nWhy did you move?\r\n\r\nLucas  0:12\r\nFor the family.\r\n\r\nTranscribed by https://otter.ai\r\n";
    check(
        "otter.txt",
        otter,
        Convention::Header,
        &[("Emma", I, 2), ("Lucas", P, 2)],
    );
    let got = bodies("otter.txt", otter);
    assert_eq!(got[1].1, "As a nurse, in 2012.\nThen I moved.");
    assert_eq!(
        got.last().unwrap(),
        &(None, "Transcribed by https://otter.ai".to_owned())
    );
    let word = "Chercheur  (0:01 - 0:11)\nBonjour, pouvez-vous vous présenter ?\n\nInfirmière  (0:12 - 0:30)\nOui, je travaille à l’hôpital depuis dix ans.\n\nChercheur  (0:31 - 0:35)\nEt avant ?\n\nInfirmière  (0:36 - 0:50)\nEn libéral.\n";
    check(
        "word.txt",
        word,
        Convention::Header,
        &[("Chercheur", I, 2), ("Infirmière", P, 2)],
    );
    let bracketed = "[Chercheuse] (0:01 - 0:11)\r\nVous êtes kiné ?\r\n[Élodie] (0:12 - 0:20)\r\nOui.\r\n[Chercheuse] (0:21 - 0:25)\r\nDepuis quand ?\r\n[Élodie] (0:26 - 0:40)\r\nDeux ans.\r\n";
    check(
        "crochets.txt",
        bracketed,
        Convention::Header,
        &[("Chercheuse", I, 2), ("Élodie", P, 2)],
    );
    let speakers = "Speaker 1  00:00:03\nWhat do you do?\n\nSpeaker 2  00:12:03\nI coordinate the team.\n\nSpeaker 1  00:12:40\nFor how long?\n\nSpeaker 2  00:12:44\nThree years.";
    check(
        "speakers.txt",
        speakers,
        Convention::Header,
        &[("Speaker 1", I, 2), ("Speaker 2", P, 2)],
    );
}

#[test]
fn webvtt_voices_and_webex_cue_identifiers() {
    let voices = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Anne Durand>Vous êtes pharmacienne ?\n\n00:00:02.500 --> 00:00:04.000\n<v Zoé Petit>Oui, à Vannes.\n\n00:00:04.500 --> 00:00:06.000\n<v Anne Durand>Et la CPTS ?\n\n00:00:06.500 --> 00:00:08.000\n<v Zoé Petit>J&apos;y suis.";
    check(
        "voix.vtt",
        voices,
        Convention::Colon,
        &[("Anne Durand", I, 2), ("Zoé Petit", P, 2)],
    );
    let webex = "WEBVTT\r\n\r\n1 \"Anne Durand\" (1063281152)\r\n00:00:01.000 --> 00:00:03.000\r\nBonjour, on y va ?\r\n\r\n2 \"Marc Éloi\" (2041100000)\r\n00:00:03.500 --> 00:00:05.000\r\nOui.\r\n\r\n3 \"Anne Durand\" (1063281152)\r\n00:00:05.500 --> 00:00:07.000\r\nVous êtes médecin ?\r\n\r\n4 \"Marc Éloi\" (2041100000)\r\n00:00:07.500 --> 00:00:09.000\r\nGénéraliste.\r\n";
    check(
        "webex.vtt",
        webex,
        Convention::Colon,
        &[("Anne Durand", I, 2), ("Marc Éloi", P, 2)],
    );
    let srt = "1\n00:00:01,000 --> 00:00:02,000\nAnimatrice: Qui commence ?\n\n2\n00:00:02,500 --> 00:00:04,000\nP1: Moi.\n\n3\n00:00:04,100 --> 00:00:05,000\net je continue.\n\n4\n00:00:06,000 --> 00:00:07,000\nP2: Puis moi.\n";
    check(
        "groupe.srt",
        srt,
        Convention::Colon,
        &[("Animatrice", I, 1), ("P1", P, 1), ("P2", P, 1)],
    );
}

#[test]
fn bracketed_codes() {
    let ids =
        "[id1] Vous travaillez où ?\n[id2] À Lorient.\n[id1] Depuis longtemps ?\n[id2] Cinq ans.";
    check(
        "ids.txt",
        ids,
        Convention::Bracket,
        &[("id1", I, 2), ("id2", P, 2)],
    );
    let codes = "[INT] Comment ça se passe ?\r\n[P3] Bien, globalement.\r\n[INT] Et les réunions ?\r\n[P3] Le soir, toujours.\r\n";
    check(
        "codes.txt",
        codes,
        Convention::Bracket,
        &[("INT", I, 2), ("P3", P, 2)],
    );
    let names = "[Chercheur] Qu’est-ce qui a changé ?\n[Élise] La coordination.\nelle a pris du temps\n[Chercheur] Pourquoi ?\n[Élise] Les réunions.";
    check(
        "noms.txt",
        names,
        Convention::Bracket,
        &[("Chercheur", I, 2), ("Élise", P, 2)],
    );
}

#[test]
fn abbreviations_and_question_answer_letters() {
    let int = "INT. Vous exercez où ?\nRÉP. À Brest.\nINT. Seul ?\nRÉP. En maison de santé.";
    check(
        "int.txt",
        int,
        Convention::Abbreviation,
        &[("INT.", I, 2), ("RÉP.", P, 2)],
    );
    let qr = "Q. Vous êtes infirmière ?\r\nR. Oui.\r\nQ. Depuis quand ?\r\nR. Vingt ans.\r\n";
    check(
        "qr.txt",
        qr,
        Convention::Abbreviation,
        &[("Q.", I, 2), ("R.", P, 2)],
    );
    let colon =
        "Q : Qu’en pensez-vous ?\nR : C’est utile.\nQ : Pourquoi ?\nR : On se connaît mieux.";
    check(
        "qr2.txt",
        colon,
        Convention::Colon,
        &[("Q", I, 2), ("R", P, 2)],
    );
    let en = "Q: What changed?\nA: The meetings.\nQ: When?\nA: Last year.";
    check("qa.txt", en, Convention::Colon, &[("Q", I, 2), ("A", P, 2)]);
}

#[test]
fn dialogue_dashes_after_a_named_first_turn() {
    let one = "Chercheuse : Bonjour, vous pouvez vous présenter ?\n— Oui, je suis aide-soignante.\n— Depuis longtemps ?\n— Huit ans.";
    check(
        "tirets.txt",
        one,
        Convention::Dashes,
        &[("Chercheuse", I, 2), ("Participant", P, 2)],
    );
    let got = bodies("tirets.txt", one);
    assert_eq!(
        got[2],
        (Some("Chercheuse".into()), "Depuis longtemps ?".into())
    );
    let two = "Enquêteur : Vous êtes pharmacien ?\r\nM. Rivière : Oui, à Quimper.\r\n– Et la CPTS ?\r\n– J’y suis depuis le début.\r\n– Qu’est-ce que ça change ?\r\n– Beaucoup.\r\n";
    check(
        "tirets2.txt",
        two,
        Convention::Dashes,
        &[("Enquêteur", I, 3), ("M. Rivière", P, 3)],
    );
    let three = "Animateur : Qui veut commencer ?\n— Moi.\n— Allez-y.\n— Je suis kiné.";
    check(
        "tirets3.txt",
        three,
        Convention::Dashes,
        &[("Animateur", I, 2), ("Participant", P, 2)],
    );
}

#[test]
fn no_false_speakers_each_example_stays_one_unit() {
    for (file, text) in [
        (
            "a.txt",
            "Pagan names as well: the old gods were kept in the villages for a long time.",
        ),
        (
            "b.txt",
            "Résultat des courses : on a tout perdu, et il a fallu recommencer.",
        ),
        (
            "c.txt",
            "H5b: Les médecins qui coordonnent se sentent moins seuls.",
        ),
        (
            "d.txt",
            "RQ1: Comment la CPTS change-t-elle le travail des infirmières ?",
        ),
        (
            "e.txt",
            "Il m’a dit : « reviens demain », alors je suis revenue.",
        ),
    ] {
        let p = prepare_bytes(file, text.as_bytes()).unwrap();
        assert!(p.speakers.is_empty(), "{file}: {:?}", p.speakers);
        assert_eq!(
            crate::text::turns::split_units(&p.text, &[]).len(),
            1,
            "{file}"
        );
    }
    let report = "Rapport intermédiaire\r\nH1: Le temps manque.\r\nH5b: Les réunions aident.\r\nRQ1: Qui coordonne ?\r\nRQ2: Avec quels moyens ?\r\nConclusion provisoire.\r\n";
    let p = prepare_bytes("rapport.txt", report.as_bytes()).unwrap();
    assert!(p.speakers.is_empty(), "{:?}", p.speakers);
    assert_eq!(p.kind, SourceKind::Document);
}

#[test]
fn few_irregular_speakers_make_paragraphs_with_a_note() {
    let mut doc = String::from("Enquêteur : une seule question, au début ?\n");
    for i in 0..12 {
        doc.push_str(&format!("Paragraphe {i} du compte rendu, sans locuteur.\n"));
    }
    let p = prepare_bytes("cr.txt", doc.as_bytes()).unwrap();
    assert!(p.speakers.is_empty());
    let note = p.note.unwrap();
    assert!(note.contains("kept as paragraphs"), "{note}");
    let quoted = "Compte rendu.\nP1 : je ne sais pas.\nDeux paragraphes plus loin.\nP2 : moi non plus.\nFin du texte.\nAnnexe.\nSignatures.";
    let p = prepare_bytes("cr2.txt", quoted.as_bytes()).unwrap();
    assert!(p.speakers.is_empty());
    assert!(p.note.unwrap().contains("'P1'"));
}

#[test]
fn roles_from_names_else_who_asks_most() {
    for name in [
        "Chercheur",
        "Chercheuse",
        "Interviewer",
        "Moderator",
        "Animateur",
        "Animatrice",
        "Facilitator",
        "Chercheuse 2",
        "Moderator (Anne)",
    ] {
        assert_eq!(guess_role_of(name), I, "{name}");
    }
    assert_eq!(guess_role_of("Observatrice"), O);
    assert_eq!(guess_role_of("Dr. M. Leroy"), P);
}

fn guess_role_of(name: &str) -> Role {
    crate::text::turns::guess_role(name)
}

#[test]
fn html_entities_are_decoded_in_txt_srt_and_vtt() {
    let p = prepare_bytes(
        "e.txt",
        "INT : C&#39;est loin&nbsp;?\r\nP1 : Oui &amp; non.".as_bytes(),
    )
    .unwrap();
    assert_eq!(p.text, "INT : C'est loin\u{a0}?\nP1 : Oui & non.");
    let srt = "1\n00:00:01,000 --> 00:00:02,000\nl&#39;équipe &amp; moi&nbsp;!\n";
    assert_eq!(
        prepare_bytes("e.srt", srt.as_bytes()).unwrap().text,
        "[00:00:01] l'équipe & moi\u{a0}!"
    );
}

#[test]
fn subtitles_without_speakers_group_per_sentence_or_pause_in_file_order() {
    let srt = "1\n00:00:01,000 --> 00:00:02,000\nOn commence\n\n2\n00:00:02,100 --> 00:00:03,000\nmaintenant.\n\n3\n00:00:03,100 --> 00:00:04,000\nLa suite vient\n\n4\n00:00:09,000 --> 00:00:10,000\naprès une pause\n\n5\n00:00:00,000 --> 00:00:01,000\net la liste recommence\n";
    let p = prepare_bytes("s.srt", srt.as_bytes()).unwrap();
    assert_eq!(
        p.text,
        "[00:00:01] On commence maintenant.\n[00:00:03] La suite vient\n[00:00:09] après une pause\n[00:00:00] et la liste recommence"
    );
    let units = crate::text::turns::split_units(&p.text, &[]);
    assert_eq!(units.len(), 4);
    assert_eq!(units[2].time.as_deref(), Some("00:00:09"));
}
