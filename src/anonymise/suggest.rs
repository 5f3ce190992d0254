//! Candidates for the key: words of the transcripts that look like names of people, places or
//! structures, for the researcher to review (`verbatim anonymise suggest`).
//!
//! What counts as a candidate: a title and the capitalised words after it (`Dr Martin`,
//! `Madame Leroy`, `M. Petit`); a capitalised word after `à`, `de`, `d'`, `sur`, `en` (a place:
//! `à Orléans`); a street or structure word with the words naming it (`rue des Lilas`,
//! `CHU de Tours`, `EHPAD Les Tilleuls`); a speaker name that is not a code or a role; any other
//! run of capitalised words not at the start of a sentence (or of a turn, or of a quotation).
//!
//! Invariants: pure (texts in, candidates out), deterministic (sorted by count, then text);
//! what the key already replaces is never suggested; each candidate has one example.

use super::matcher::{Matcher, fold};
use std::collections::BTreeMap;
use unicode_segmentation::UnicodeSegmentation;

/// Why a word was suggested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Title,
    Place,
    Structure,
    Speaker,
    Capitalised,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Place => "place",
            Self::Structure => "structure",
            Self::Speaker => "speaker",
            Self::Capitalised => "capitalised",
        }
    }
}

/// One candidate with how often it occurs and where first.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Candidate {
    pub text: String,
    pub kind: Kind,
    pub count: usize,
    /// Label of the source of the example.
    pub source: String,
    /// A few words around the first occurrence.
    pub example: String,
}

const TITLES: &[&str] = &[
    "dr",
    "docteur",
    "docteure",
    "madame",
    "monsieur",
    "mme",
    "mlle",
    "mademoiselle",
    "m",
    "pr",
    "professeur",
    "maitre",
    "me",
];
/// Lower-case words before a place (`à`, not the verb `a`).
const PLACE_WORDS: &[&str] = &["à", "de", "d", "sur", "en", "vers", "près"];
const STRUCTURES: &[&str] = &[
    "rue",
    "avenue",
    "boulevard",
    "bd",
    "place",
    "chemin",
    "allee",
    "impasse",
    "route",
    "quai",
    "hopital",
    "clinique",
    "chu",
    "chr",
    "ch",
    "ehpad",
    "cabinet",
    "pharmacie",
    "msp",
    "cpts",
    "maison",
    "centre",
    "lycee",
    "college",
    "ecole",
    "mairie",
    "residence",
    "foyer",
    "cmp",
];
/// Function words allowed inside a structure's name (`rue des Lilas`, `CHU de Tours`).
const LINKS: &[&str] = &[
    "de", "des", "du", "la", "le", "les", "d", "l", "sur", "en", "et",
];
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu",
];

#[derive(Debug, Clone)]
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    folded: String,
    capital: bool,
    sentence_start: bool,
}

/// Splits `text` into words, an elided article (`d'`, `l’`) made a word of its own.
fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    for (i, w) in text.unicode_word_indices() {
        let mut parts = vec![(i, w)];
        if let Some(pos) = w.find(['\'', '’']) {
            let head = &w[..pos];
            if ELISIONS.contains(&fold(head).as_str()) {
                let tail_at = pos + w[pos..].chars().next().map_or(1, char::len_utf8);
                parts = vec![(i, head), (i + tail_at, &w[tail_at..])];
            }
        }
        for (start, t) in parts {
            if t.is_empty() {
                continue;
            }
            let before = text[..start].trim_end_matches(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '«' | '"' | '“' | '(' | '[' | '—' | '–' | '-' | '#' | '_' | '*'
                    )
            });
            // After a note like `(rires)` or a time stamp, a new sentence starts too.
            let sentence_start = before.is_empty()
                || before.ends_with(['.', '!', '?', '…', ':', '\n', ';', ')', ']'])
                || text[before.len()..start].contains('\n');
            out.push(Word {
                start,
                end: start + t.len(),
                text: t,
                folded: fold(t),
                capital: t.chars().next().is_some_and(char::is_uppercase),
                sentence_start,
            });
        }
    }
    out
}

/// Whether two neighbouring words are joined only by a space or a hyphen (one name).
fn joined(text: &str, a: &Word, b: &Word) -> bool {
    let gap = &text[a.end..b.start];
    matches!(gap, "-" | " " | "\u{a0}")
}

/// An acronym (`ARS`, `CPTS`, `EHPAD`): in these transcripts a common noun far more often than a
/// name, so not suggested on its own.
fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// Whether `a` ends in `.` (the `M.` of `M. Petit`) or not, and the gap to `b` is a space.
fn after_title(text: &str, a: &Word, b: &Word) -> bool {
    let gap = &text[a.end..b.start];
    matches!(gap, " " | "\u{a0}" | ". " | ".\u{a0}")
}

fn looks_like_code(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters <= 2 || name.chars().any(|c| c.is_ascii_digit()) || name.ends_with('.')
}

const ROLE_WORDS: &[&str] = &[
    "enqueteur",
    "enqueteuse",
    "enquetrice",
    "interviewer",
    "intervieweur",
    "participant",
    "participante",
    "speaker",
    "locuteur",
    "chercheur",
    "chercheuse",
    "animateur",
    "animatrice",
    "moderateur",
    "moderatrice",
    "int",
    "question",
    "reponse",
];

/// The candidates in `texts` ((source label, text) pairs) and `speakers` (speaker names with
/// the label of a source they speak in), leaving out what `known` already replaces.
pub fn suggest(
    texts: &[(&str, &str)],
    speakers: &[(&str, &str)],
    known: &Matcher,
) -> Vec<Candidate> {
    let mut found: BTreeMap<String, Candidate> = BTreeMap::new();
    let mut note = |text: &str, kind: Kind, source: &str, example: String| {
        let text = text.trim().to_owned();
        if text.chars().filter(|c| c.is_alphabetic()).count() < 2 || known.contains_any(&text) {
            return;
        }
        let entry = found.entry(fold(&text)).or_insert_with(|| Candidate {
            text: text.clone(),
            kind,
            count: 0,
            source: source.to_owned(),
            example,
        });
        entry.count += 1;
        entry.kind = entry.kind.min(kind);
    };
    for (label, text) in texts {
        let ws = words(text);
        let mut i = 0;
        while i < ws.len() {
            let w = &ws[i];
            // A run of capitalised words joined by spaces or hyphens, from i + 1.
            let run_end = |from: usize| {
                let mut j = from;
                while j < ws.len()
                    && ws[j].capital
                    && (j == from || joined(text, &ws[j - 1], &ws[j]))
                {
                    j += 1;
                }
                j
            };
            let span = |a: usize, b: usize| &text[ws[a].start..ws[b - 1].end];
            let example = |a: usize, b: usize| excerpt(text, ws[a].start, ws[b - 1].end);
            if TITLES.contains(&w.folded.as_str())
                && i + 1 < ws.len()
                && after_title(text, w, &ws[i + 1])
            {
                let end = run_end(i + 1);
                if end > i + 1 {
                    note(span(i, end), Kind::Title, label, example(i, end));
                    i = end;
                    continue;
                }
            }
            if STRUCTURES.contains(&w.folded.as_str()) {
                // The structure word, then (links, capitalised words) as often as they come:
                // `CPTS du Pays de Vère`, `rue des Lilas`.
                let close = |a: usize| {
                    a + 1 < ws.len() && text[ws[a].end..ws[a + 1].start].chars().count() <= 1
                };
                let mut last = i + 1;
                loop {
                    let mut k = last;
                    while k < ws.len() && LINKS.contains(&ws[k].folded.as_str()) && close(k - 1) {
                        k += 1;
                    }
                    if k >= ws.len() || !close(k - 1) || !ws[k].capital {
                        break;
                    }
                    last = run_end(k);
                }
                if last > i + 1 {
                    note(span(i, last), Kind::Structure, label, example(i, last));
                    i = last;
                    continue;
                }
            }
            let lower = w.text.to_lowercase();
            if PLACE_WORDS.contains(&lower.as_str()) && i + 1 < ws.len() {
                let next = &ws[i + 1];
                let gap = &text[w.end..next.start];
                let is_title = TITLES.contains(&next.folded.as_str());
                if next.capital && !is_acronym(next.text) && !is_title && gap.chars().count() <= 1 {
                    let end = run_end(i + 1);
                    note(span(i + 1, end), Kind::Place, label, example(i, end));
                    i = end;
                    continue;
                }
            }
            if w.capital && !w.sentence_start && !looks_like_code(w.text) && !is_acronym(w.text) {
                let end = run_end(i);
                note(span(i, end), Kind::Capitalised, label, example(i, end));
                i = end;
                continue;
            }
            i += 1;
        }
    }
    for (name, label) in speakers {
        let folded = fold(name);
        if looks_like_code(name) || ROLE_WORDS.iter().any(|r| folded.contains(r)) {
            continue;
        }
        note(name, Kind::Speaker, label, format!("{name} :"));
    }
    let mut out: Vec<Candidate> = found.into_values().collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
    out
}

/// About six words either side of a byte range, on one line.
fn excerpt(text: &str, start: usize, end: usize) -> String {
    let before: Vec<&str> = text[..start].split_whitespace().collect();
    let after: Vec<&str> = text[end..].split_whitespace().collect();
    let b = before[before.len().saturating_sub(6)..].join(" ");
    let a = after[..after.len().min(6)].join(" ");
    let glue_b = if text[..start].ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let glue_a = if text[end..].starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    format!("…{b}{glue_b}{}{glue_a}{a}…", &text[start..end])
}
