//! Speaker turns: recognising `M3 : …`, `Enquêteur : …`, `[00:12:03] Speaker 2: …`,
//! `Speaker 1 (00:01:02):`, `INT:` / `P1:`, `E. : …` at the start of a line, without firing on
//! ordinary sentences with a colon (`Il m'a dit : « non »`, `Deux choses : d'abord…`).
//!
//! Two entry points: [`detect_speakers`] guesses the speakers of a new transcript (used at
//! import), and [`split_units`] cuts a stored text into units (turns of known speakers, or lines
//! when there are none) — the units the index, the TUI and the exports share.
//!
//! Invariants: units never overlap, are in text order, and cover every non-blank line; a turn
//! starts only at a line whose label is one of the given speaker names (compared accent- and
//! case-insensitively), so a user's edit of the speaker list is always honoured.

use super::fold_for_match;
use crate::model::Role;
use std::collections::HashMap;

/// One unit of a transcript: a speaker turn (possibly several lines) or a plain line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Byte range of the whole unit in the text (label included), without the final newline.
    pub start: usize,
    pub end: usize,
    /// Index into the speaker names given to [`split_units`], for a turn.
    pub speaker: Option<usize>,
    /// Byte offset where the spoken text starts (after the label and colon).
    pub body_start: usize,
    /// The timestamp written at the start of the turn, as in the text (`00:12:03`).
    pub time: Option<String>,
}

/// A speaker found by [`detect_speakers`], in order of first appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetectedSpeaker {
    pub name: String,
    pub role: Role,
    pub turns: usize,
}

/// The start of a line that looks like a speaker label.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Prefix<'a> {
    label: &'a str,
    time: Option<&'a str>,
    body_start: usize,
    strong: bool,
}

/// The unit holding byte `byte` (its label and last character included), if any: units are in
/// text order and never overlap, so a binary search finds it.
pub fn unit_containing(units: &[Unit], byte: usize) -> Option<&Unit> {
    index_containing(units, byte).map(|i| &units[i])
}

/// The index of [`unit_containing`]'s unit.
pub fn index_containing(units: &[Unit], byte: usize) -> Option<usize> {
    let i = units.partition_point(|u| u.start <= byte).checked_sub(1)?;
    (byte <= units[i].end).then_some(i)
}

/// Cuts `text` into units, using `speakers` as the names that start a turn.
pub fn split_units(text: &str, speakers: &[String]) -> Vec<Unit> {
    let known: HashMap<String, usize> = speakers
        .iter()
        .enumerate()
        .map(|(i, n)| (fold_for_match(n.trim()), i))
        .collect();
    let mut units: Vec<Unit> = Vec::new();
    let mut in_turn = false;
    let mut offset = 0;
    for line in text.split('\n') {
        let (start, end) = (offset, offset + line.len());
        offset = end + 1;
        if line.trim().is_empty() {
            continue;
        }
        match known_prefix(line, speakers, &known) {
            Some((i, body_start, time)) => {
                in_turn = true;
                units.push(Unit {
                    start,
                    end,
                    speaker: Some(i),
                    body_start: start + body_start,
                    time: time.map(str::to_owned),
                });
            }
            None if in_turn => {
                if let Some(last) = units.last_mut() {
                    last.end = end;
                }
            }
            None => units.push(Unit {
                start,
                end,
                speaker: None,
                body_start: start,
                time: None,
            }),
        }
    }
    units
}

/// Matches `[time] Name (time) :` at the start of a line against known speaker names, whatever
/// their shape (names from subtitles or typed by the user may hold lowercase words or dots).
fn known_prefix<'a>(
    line: &'a str,
    speakers: &[String],
    known: &HashMap<String, usize>,
) -> Option<(usize, usize, Option<&'a str>)> {
    if known.is_empty() {
        return None;
    }
    let mut pos = line.len() - line.trim_start_matches(is_space).len();
    let mut time = None;
    if let Some((t, len)) = leading_time(&line[pos..]) {
        time = Some(t);
        pos += len;
    }
    let rest = &line[pos..];
    let mut depth = 0i32;
    let colon = rest
        .char_indices()
        .take_while(|(i, _)| *i <= 80)
        .find(|(_, c)| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            *c == ':' && depth == 0
        })?
        .0;
    let mut label = rest[..colon].trim_end_matches(is_space);
    if let Some(open) = label.rfind('(') {
        let inner = label[open + 1..].strip_suffix(')').unwrap_or("");
        if !inner.is_empty() && timestamp_len(inner) == Some(inner.len()) {
            time = time.or(Some(inner));
            label = label[..open].trim_end_matches(is_space);
        }
    }
    // Most labels are written exactly as the speaker's name: look that up before folding.
    let index = match speakers.iter().position(|n| n.trim() == label) {
        Some(i) => i,
        None => *known.get(&fold_for_match(label))?,
    };
    let after = &rest[colon + 1..];
    let body = after.len() - after.trim_start_matches(is_space).len();
    Some((index, pos + colon + 1 + body, time))
}

/// Guesses the speakers of a transcript: labels that look like speaker codes or role names are
/// taken at once; other capitalised labels must recur before they count.
pub fn detect_speakers(text: &str) -> Vec<DetectedSpeaker> {
    let mut order: Vec<&str> = Vec::new();
    let mut stats: HashMap<&str, (usize, bool)> = HashMap::new(); // turns, strong
    for line in text.split('\n') {
        if let Some(p) = parse_prefix(line) {
            let entry = stats.entry(p.label).or_insert_with(|| {
                order.push(p.label);
                (0, false)
            });
            entry.0 += 1;
            entry.1 |= p.strong;
        }
    }
    let names: Vec<String> = order
        .into_iter()
        .filter(|label| {
            let (turns, strong) = stats[label];
            strong || (turns >= 2 && weak_label_ok(label, turns))
        })
        .map(str::to_owned)
        .collect();
    describe_speakers(text, names)
}

/// Counts the turns of the given speakers and guesses their roles (see [`guess_role`]; when no
/// name says who the interviewer is, the speaker who asks the most questions is taken).
pub fn describe_speakers(text: &str, names: Vec<String>) -> Vec<DetectedSpeaker> {
    let units = split_units(text, &names);
    let mut turns = vec![0usize; names.len()];
    let mut questions = vec![0usize; names.len()];
    for unit in &units {
        if let Some(i) = unit.speaker {
            turns[i] += 1;
            if text[unit.body_start..unit.end].contains('?') {
                questions[i] += 1;
            }
        }
    }
    let mut speakers: Vec<DetectedSpeaker> = names
        .into_iter()
        .enumerate()
        .map(|(i, name)| DetectedSpeaker {
            role: guess_role(&name),
            name,
            turns: turns[i],
        })
        .collect();
    if speakers.len() >= 2 && !speakers.iter().any(|s| s.role == Role::Interviewer) {
        let ratio = |i: usize| questions[i] as f64 / turns[i].max(1) as f64;
        let best = (0..speakers.len()).max_by(|a, b| ratio(*a).total_cmp(&ratio(*b)));
        if let Some(i) = best.filter(|i| ratio(*i) >= 1.0 / 3.0) {
            speakers[i].role = Role::Interviewer;
        }
    }
    speakers
}

const INTERVIEWER_WORDS: &[&str] = &[
    "enqueteur",
    "enquetrice",
    "enqueteuse",
    "intervieweur",
    "intervieweuse",
    "interviewer",
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
const PARTICIPANT_WORDS: &[&str] = &[
    "participant",
    "participante",
    "interviewe",
    "interviewee",
    "repondant",
    "repondante",
    "reponse",
    "r",
    "p",
    "speaker",
    "intervenant",
    "intervenante",
    "locuteur",
    "locutrice",
    "patient",
    "patiente",
];
const OTHER_WORDS: &[&str] = &[
    "observateur",
    "observatrice",
    "interprete",
    "traducteur",
    "traductrice",
];
/// Words that open ordinary sentences and must never become a speaker on their own.
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
];

/// Guesses a role from a speaker name: interviewer words (`Enquêteur`, `INT`, `Q`, `E.`),
/// other roles (`Observateur`), else participant.
pub fn guess_role(name: &str) -> Role {
    let folded = fold_for_match(name.trim());
    let base = folded.trim_end_matches('.').trim();
    let stem = base.trim_end_matches(|c: char| c.is_ascii_digit()).trim();
    let word_with_number = stem.chars().count() >= 3 && stem.len() < base.len();
    let is = |set: &[&str]| set.contains(&base) || (word_with_number && set.contains(&stem));
    if is(INTERVIEWER_WORDS) {
        Role::Interviewer
    } else if is(OTHER_WORDS) {
        Role::Other
    } else {
        Role::Participant
    }
}

fn weak_label_ok(label: &str, turns: usize) -> bool {
    let first = label.split_whitespace().next().unwrap_or("");
    if NOT_SPEAKERS.contains(&fold_for_match(first).trim_end_matches('.')) {
        return false;
    }
    let has_lowercase_word = label
        .split_whitespace()
        .any(|w| w.chars().next().is_some_and(char::is_lowercase));
    !has_lowercase_word || turns >= 3
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{a0}' || c == '\u{202f}'
}

/// Parses `[00:12:03] `, `00:12:03 - ` or `(00:12:03) ` at the start of `s`.
fn leading_time(s: &str) -> Option<(&str, usize)> {
    let (open, close) = match s.chars().next()? {
        '[' => (1, Some(']')),
        '(' => (1, Some(')')),
        _ => (0, None),
    };
    let digits_end = open + timestamp_len(&s[open..])?;
    let mut end = digits_end;
    if let Some(c) = close {
        if !s[end..].starts_with(c) {
            return None;
        }
        end += 1;
    }
    let rest = &s[end..];
    let skipped = rest.len()
        - rest
            .trim_start_matches(|c: char| is_space(c) || c == '-' || c == '–')
            .len();
    if skipped == 0 {
        return None;
    }
    Some((&s[open..digits_end], end + skipped))
}

/// Length of a `h:mm`, `hh:mm:ss` or `hh:mm:ss.mmm` timestamp at the start of `s`.
fn timestamp_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut groups = 0;
    loop {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let n = i - start;
        if n == 0 || n > 2 {
            return None;
        }
        groups += 1;
        if i < b.len() && b[i] == b':' && groups < 3 {
            i += 1;
            continue;
        }
        break;
    }
    if groups < 2 {
        return None;
    }
    if i < b.len() && (b[i] == b'.' || b[i] == b',') && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    Some(i)
}

/// Recognises a speaker label at the start of `line`.
fn parse_prefix(line: &str) -> Option<Prefix<'_>> {
    let lead = line.len() - line.trim_start_matches(is_space).len();
    let mut pos = lead;
    let mut time = None;
    if let Some((t, len)) = leading_time(&line[pos..]) {
        time = Some(t);
        pos += len;
    }
    let rest = &line[pos..];
    let colon = find_label_colon(rest)?;
    let after = &rest[colon + 1..];
    if after.starts_with('/') || after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut label = rest[..colon].trim_end_matches(is_space);
    if let Some(open) = label.rfind('(') {
        let inner = label[open + 1..].strip_suffix(')')?;
        if timestamp_len(inner) == Some(inner.len()) {
            time = time.or(Some(inner));
            label = label[..open].trim_end_matches(is_space);
        } else {
            return None;
        }
    }
    let strong = label_shape(label)?;
    let body = after.len() - after.trim_start_matches(is_space).len();
    Some(Prefix {
        label,
        time,
        body_start: pos + colon + 1 + body,
        strong,
    })
}

/// The speaker label at the start of a line, if it looks like one, with the byte offset where the
/// spoken text starts. Used to read `Name: text` in subtitle cues.
pub fn speaker_label(line: &str) -> Option<(&str, usize)> {
    parse_prefix(line).map(|p| (p.label, p.body_start))
}

/// Byte position of the colon ending a label: the first `:` outside parentheses, within 48 bytes.
fn find_label_colon(s: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        if i > 48 {
            return None;
        }
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ':' if depth == 0 => return Some(i),
            '«' | '»' | '"' | ',' | ';' | '!' | '?' | '…' | '\'' | '’' => return None,
            _ => {}
        }
    }
    None
}

/// Checks that `label` looks like a speaker: up to four words of letters and digits, the first
/// capitalised or a code. Returns whether it is a strong label (a role word or a numbered code).
fn label_shape(label: &str) -> Option<bool> {
    let words: Vec<&str> = label.split(is_space).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 4 || label.chars().count() > 40 {
        return None;
    }
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '#');
    if !words.iter().all(|w| w.chars().all(allowed)) {
        return None;
    }
    let first = words[0].chars().next()?;
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return None;
    }
    let folded = fold_for_match(label);
    let base = folded.trim_end_matches('.');
    let numbered = words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
        && words.iter().any(|w| w.chars().any(char::is_alphabetic));
    let role_word = INTERVIEWER_WORDS.contains(&base)
        || PARTICIPANT_WORDS.contains(&base)
        || OTHER_WORDS.contains(&base);
    Some(role_word || numbered)
}

#[cfg(test)]
mod tests;
