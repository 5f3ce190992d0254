//! Tests of speaker detection: every convention, the colon sentences that must not become turns.

use super::*;
use crate::model::Role;

fn names(text: &str) -> Vec<(String, Role)> {
    detect_speakers(text)
        .into_iter()
        .map(|s| (s.name, s.role))
        .collect()
}

#[test]
fn french_conventions_are_turns() {
    let t = "Enquêteur : Bonjour, vous êtes médecin ?\nM3 : Oui. (rires)\nEnquêteur : D'accord.\nM3\u{a0}: Voilà.";
    assert_eq!(
        names(t),
        [
            ("Enquêteur".into(), Role::Interviewer),
            ("M3".into(), Role::Participant)
        ]
    );
}

#[test]
fn timestamped_and_english_conventions_are_turns() {
    let t =
        "[00:12:03] Speaker 2: so what?\n[00:12:09] Speaker 1: well.\nSpeaker 1 (00:01:02): yes";
    let found = detect_speakers(t);
    assert_eq!(found[0].name, "Speaker 2");
    assert_eq!(found[1].name, "Speaker 1");
    assert_eq!(found[1].turns, 2);
    let units = split_units(t, &["Speaker 2".into(), "Speaker 1".into()]);
    assert_eq!(units.len(), 3);
    assert_eq!(units[0].time.as_deref(), Some("00:12:03"));
    assert_eq!(units[2].time.as_deref(), Some("00:01:02"));
    assert_eq!(&t[units[2].body_start..units[2].end], "yes");
}

#[test]
fn short_codes_and_abbreviations_are_turns() {
    let t = "INT: Vous travaillez où ?\nP1: À Rennes.\nHF : « Je ne sais pas »\nHF : Non.\nE. : Merci.\nQ : Et alors ?";
    assert_eq!(
        names(t),
        [
            ("INT".into(), Role::Interviewer),
            ("P1".into(), Role::Participant),
            ("HF".into(), Role::Participant),
            ("E.".into(), Role::Interviewer),
            ("Q".into(), Role::Interviewer),
        ]
    );
}

#[test]
fn sentences_with_a_colon_are_not_turns() {
    let t = "Il m'a dit : « non »\nDeux choses : d'abord le temps, ensuite l'argent.\n\
             Bref : on verra.\nBref : on verra encore.\nRendez-vous à 10:30 demain.\n\
             Voir http://exemple.fr\nDate : 12 mars 2024";
    assert!(names(t).is_empty(), "{:?}", names(t));
    assert_eq!(split_units(t, &[]).len(), 7);
}

#[test]
fn a_plain_name_counts_only_when_it_recurs() {
    assert!(names("Marie : bonjour").is_empty());
    assert_eq!(
        names("Marie : bonjour\nPaul : salut ?\nMarie : ça va\nPaul : oui").len(),
        2
    );
}

#[test]
fn the_questioner_becomes_the_interviewer_when_no_name_says_so() {
    let t = "Speaker 1: Vous faites quoi ?\nSpeaker 2: Je soigne.\nSpeaker 1: Et depuis quand ?\nSpeaker 2: Dix ans.";
    assert_eq!(
        names(t),
        [
            ("Speaker 1".into(), Role::Interviewer),
            ("Speaker 2".into(), Role::Participant)
        ]
    );
}

#[test]
fn turns_span_continuation_lines_and_header_lines_stay_units() {
    let t = "Entretien n°3, le 12 mars\n\nEnquêteur : Question ?\nsuite de la question\n\nM3 : Réponse.";
    let units = split_units(t, &["Enquêteur".into(), "M3".into()]);
    assert_eq!(units.len(), 3);
    assert_eq!(units[0].speaker, None);
    assert_eq!(
        &t[units[1].start..units[1].end],
        "Enquêteur : Question ?\nsuite de la question"
    );
    assert_eq!(&t[units[1].body_start..units[1].body_start + 8], "Question");
    assert_eq!(units[2].speaker, Some(1));
}

#[test]
fn known_names_match_without_accents_or_case() {
    let units = split_units("ENQUETEUR : oui\nenquêteur : non", &["Enquêteur".into()]);
    assert_eq!(units.iter().filter(|u| u.speaker == Some(0)).count(), 2);
}

#[test]
fn roles_are_guessed_from_names() {
    assert_eq!(guess_role("Enquêtrice"), Role::Interviewer);
    assert_eq!(guess_role("Enquêteur 2"), Role::Interviewer);
    assert_eq!(guess_role("E1"), Role::Participant);
    assert_eq!(guess_role("Observatrice"), Role::Other);
    assert_eq!(guess_role("Dr Martin"), Role::Participant);
}

#[test]
fn unit_containing_finds_what_a_linear_search_finds() {
    let text = "M1 : Bonjour.\n\nEnquêteur : Et alors ?\nsuite\nM1 : Oui.";
    let units = split_units(text, &["M1".into(), "Enquêteur".into()]);
    for byte in 0..=text.len() + 2 {
        let linear = units.iter().find(|u| u.start <= byte && byte <= u.end);
        assert_eq!(unit_containing(&units, byte), linear, "byte {byte}");
    }
    assert_eq!(unit_containing(&[], 3), None);
}
