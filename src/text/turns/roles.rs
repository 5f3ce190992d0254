//! Roles guessed from speaker names (`Enquêteur`, `Chercheuse`, `Moderator`, `INT`, `Q` are
//! interviewers) and the words that never make a speaker on their own (`Alors :`, `Résultat :`).
//!
//! Invariant: names are compared folded (no accents, lowercase), so `ENQUÊTRICE` and
//! `enquetrice` get the same role.

use crate::model::Role;
use crate::text::fold_for_match;

pub(super) const INTERVIEWER_WORDS: &[&str] = &[
    "enqueteur",
    "enquetrice",
    "enqueteuse",
    "enq",
    "intervieweur",
    "intervieweuse",
    "interviewer",
    "interviewers",
    "int",
    "interv",
    "q",
    "question",
    "e",
    "i",
    "investigateur",
    "investigatrice",
    "chercheur",
    "chercheuse",
    "researcher",
    "animateur",
    "animatrice",
    "moderateur",
    "moderatrice",
    "moderator",
    "facilitator",
    "facilitateur",
    "facilitatrice",
    "interrogateur",
    "interrogatrice",
];
pub(super) const PARTICIPANT_WORDS: &[&str] = &[
    "participant",
    "participante",
    "interviewe",
    "interviewee",
    "repondant",
    "repondante",
    "reponse",
    "rep",
    "r",
    "a",
    "p",
    "speaker",
    "intervenant",
    "intervenante",
    "locuteur",
    "locutrice",
    "patient",
    "patiente",
    "respondent",
];
pub(super) const OTHER_WORDS: &[&str] = &[
    "observateur",
    "observatrice",
    "observer",
    "interprete",
    "interpreter",
    "traducteur",
    "traductrice",
];
/// Words that open ordinary sentences or headings and must never become a speaker on their own.
const NOT_SPEAKERS: &[&str] = &[
    "alors",
    "bref",
    "donc",
    "enfin",
    "voila",
    "mais",
    "et",
    "ou",
    "puis",
    "ensuite",
    "exemple",
    "resultat",
    "resultats",
    "conclusion",
    "attention",
    "remarque",
    "note",
    "nb",
    "ps",
    "rq",
    "cf",
    "ok",
    "bon",
    "ben",
    "bah",
    "oui",
    "non",
    "date",
    "lieu",
    "duree",
    "heure",
    "objet",
    "theme",
    "titre",
    "sujet",
    "contexte",
    "source",
    "transcription",
    "entretien",
    "consigne",
    "rappel",
    "verbatim",
    "il",
    "elle",
    "ils",
    "elles",
    "je",
    "on",
    "nous",
    "vous",
    "tu",
    "le",
    "la",
    "les",
    "un",
    "une",
    "des",
    "ce",
    "the",
    "a",
    "an",
    "and",
    "but",
    "so",
    "he",
    "she",
    "we",
    "they",
    "it",
    "i",
    "example",
    "result",
    "results",
    "summary",
    "table",
    "figure",
    "chapter",
    "section",
    "question",
    "hypothesis",
    "hypothese",
];

/// Guesses a role from a speaker name: interviewer words (`Enquêteur`, `INT`, `Q`, `E.`,
/// `Chercheuse 2`, `Moderator (Anne)`), other roles (`Observateur`), else participant.
pub fn guess_role(name: &str) -> Role {
    let folded = fold_for_match(name.trim());
    let without_note = match folded.find('(') {
        Some(i) if i > 0 => folded[..i].trim(),
        _ => folded.as_str(),
    };
    let base = without_note.trim_end_matches('.').trim();
    let stem = base.trim_end_matches(|c: char| c.is_ascii_digit()).trim();
    let word_with_number = stem.chars().count() >= 3 && stem.len() < base.len();
    let first = base.split_whitespace().next().unwrap_or("");
    let first_is_long_word = first.chars().count() >= 5 && first.len() < base.len();
    let is = |set: &[&str]| {
        set.contains(&base)
            || (word_with_number && set.contains(&stem))
            || (first_is_long_word && set.contains(&first))
    };
    if is(INTERVIEWER_WORDS) {
        Role::Interviewer
    } else if is(OTHER_WORDS) {
        Role::Other
    } else {
        Role::Participant
    }
}

/// Whether a label that is not a role word nor a code may be a speaker after `turns` turns: not
/// a sentence opener, and words in lowercase only when it recurs often.
pub(super) fn weak_label_ok(label: &str, turns: usize) -> bool {
    let first = label.split_whitespace().next().unwrap_or("");
    let first = fold_for_match(first);
    let first = first.trim_end_matches('.');
    if NOT_SPEAKERS.contains(&first) && !super::labels::is_role_word(label) {
        return false;
    }
    const PARTICLES: &[&str] = &[
        "de", "du", "des", "la", "le", "van", "von", "da", "di", "d'",
    ];
    let has_lowercase_word = label.split_whitespace().any(|w| {
        w.chars().all(|c| !c.is_alphabetic() || c.is_lowercase())
            && w.chars().any(char::is_alphabetic)
            && !w.chars().any(|c| c.is_ascii_digit())
            && !PARTICLES.contains(&w)
    });
    !has_lowercase_word || turns >= 3
}
