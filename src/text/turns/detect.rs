//! Guessing a text's speaker convention and speakers: each convention's labels are counted, the
//! one that explains the most turns wins, and labels count only when the file's structure says
//! they are speakers (role words, recurring names, codes in a dialogue). A file with few,
//! irregular "speakers" stays paragraphs, and the [`Detection`] says why in one sentence.
//!
//! Invariant: detection reads the text and never changes it.

use super::labels::{self, Prefix, is_role_word};
use super::roles::{guess_role, weak_label_ok};
use super::{Convention, pattern, split_units_as};
use crate::model::Role;
use crate::text::fold_for_match;
use std::collections::HashMap;

/// A speaker found by [`detect`], in order of first appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetectedSpeaker {
    pub name: String,
    pub role: Role,
    pub turns: usize,
}

/// What detection found in a text: the convention, the speakers, and a note when it is unsure or
/// set labels aside (for the import report and `speakers detect`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    pub convention: Convention,
    pub speakers: Vec<DetectedSpeaker>,
    /// Why the result may be wrong, in one sentence; `None` when detection is sure.
    pub note: Option<String>,
}

impl Detection {
    pub fn names(&self) -> Vec<String> {
        self.speakers.iter().map(|s| s.name.clone()).collect()
    }
}

/// The speakers [`detect`] finds (kept for callers that only need the names and roles).
pub fn detect_speakers(text: &str) -> Vec<DetectedSpeaker> {
    detect(text).speakers
}

/// One convention's reading of a text.
struct Reading {
    convention: Convention,
    names: Vec<String>,
    turns: usize,
    /// Labels in this shape that did not count as speakers, with their number of lines.
    set_aside: Vec<(String, usize)>,
}

type Parser = for<'a> fn(&'a str) -> Option<Prefix<'a>>;

fn read_as(lines: &[&str], convention: Convention, parse: Parser) -> Reading {
    let mut order: Vec<&str> = Vec::new();
    let mut stats: HashMap<&str, (usize, bool)> = HashMap::new();
    for line in lines {
        if let Some(p) = parse(line) {
            let entry = stats.entry(p.label).or_insert_with(|| {
                order.push(p.label);
                (0, false)
            });
            entry.0 += 1;
            entry.1 |= p.strong;
        }
    }
    let sure = |label: &str| {
        let (n, strong) = stats[label];
        (strong && is_role_word(label)) || (n >= 2 && weak_label_ok(label, n))
    };
    let recurring: Vec<&str> = order.iter().copied().filter(|l| sure(l)).collect();
    let recurring_turns: usize = recurring.iter().map(|l| stats[l].0).sum();
    let strong_others = order
        .iter()
        .filter(|l| !recurring.contains(l) && stats[*l].1)
        .count();
    let labelled = recurring_turns + strong_others;
    let dialogue = (recurring.len() >= 2 && recurring_turns >= 4)
        || (recurring.iter().any(|l| is_role_word(l))
            && (labelled >= 3 || labelled * 2 >= lines.len()));
    let mut names = Vec::new();
    let mut set_aside = Vec::new();
    let mut turns = 0;
    for label in order {
        let (n, strong) = stats[label];
        // In a dialogue, codes count from their first turn; so do plain names under a header
        // or in brackets, while a `Name:` seen once may be a quoted phrase and stays text.
        let ok = sure(label)
            || (dialogue
                && (strong || (convention != Convention::Colon && weak_label_ok(label, n))));
        if ok {
            names.push(label.to_owned());
            turns += n;
        } else {
            set_aside.push((label.to_owned(), n));
        }
    }
    Reading {
        convention,
        names,
        turns,
        set_aside,
    }
}

/// The `Name:` labels of separate pieces of text (subtitle cues) that count as speakers, with
/// the same rules as in a transcript but without judging the text's layout.
pub fn colon_speakers(pieces: &[&str]) -> Vec<String> {
    read_as(pieces, Convention::Colon, labels::colon).names
}

/// Guesses the convention and speakers of a transcript.
pub fn detect(text: &str) -> Detection {
    let lines: Vec<&str> = text.split('\n').filter(|l| !l.trim().is_empty()).collect();
    let mut readings = vec![
        read_as(&lines, Convention::Colon, labels::colon),
        read_as(&lines, Convention::Header, labels::header),
        read_as(&lines, Convention::Bracket, labels::bracket),
        read_as(&lines, Convention::Abbreviation, labels::abbreviation),
    ];
    if let Some(dashes) = dashes_reading(&lines) {
        readings.push(dashes);
    }
    // The most turns wins; on a tie the earlier (more common) convention.
    let best = (0..readings.len())
        .rev()
        .max_by_key(|&i| readings[i].turns)
        .expect("readings");
    let chosen = readings.swap_remove(best);
    let runner_up = readings.iter().map(|r| r.turns).max().unwrap_or(0);
    let max_turns = count_max_turns(text, &chosen);
    let irregular = chosen.turns < 2
        || (max_turns <= 1 && chosen.turns * 2 < lines.len())
        || (chosen.turns * 5 < lines.len() && max_turns <= 2);
    if irregular {
        let labels: Vec<String> = chosen
            .names
            .iter()
            .chain(chosen.set_aside.iter().map(|(l, _)| l))
            .take(3)
            .map(|l| format!("'{l}'"))
            .collect();
        let n = chosen.turns + chosen.set_aside.iter().map(|(_, n)| n).sum::<usize>();
        let note = (n >= 2 || !chosen.names.is_empty()).then(|| {
            format!(
                "{n} line{} look{} like speaker labels ({}) but too few or irregular for a \
                 transcript: kept as paragraphs without speakers",
                plural(n),
                if n == 1 { "s" } else { "" },
                labels.join(", ")
            )
        });
        return Detection {
            convention: Convention::Colon,
            speakers: Vec::new(),
            note,
        };
    }
    let mut notes = Vec::new();
    if runner_up > 0 && runner_up * 3 >= chosen.turns {
        notes.push(format!(
            "read as {} labels ({}), but {runner_up} lines also fit another convention",
            chosen.convention.name(),
            chosen.convention.example()
        ));
    }
    if !chosen.set_aside.is_empty() {
        let listed: Vec<String> = chosen
            .set_aside
            .iter()
            .take(3)
            .map(|(l, n)| format!("'{l}' ({n}×)"))
            .collect();
        notes.push(format!(
            "labels left in the text as not speakers: {}",
            listed.join(", ")
        ));
    }
    let speakers = describe_as(text, chosen.names, &chosen.convention);
    Detection {
        convention: chosen.convention,
        speakers,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn count_max_turns(text: &str, reading: &Reading) -> usize {
    if reading.names.is_empty() {
        return 0;
    }
    describe_as(text, reading.names.clone(), &reading.convention)
        .iter()
        .map(|s| s.turns)
        .max()
        .unwrap_or(0)
}

/// Dialogue dashes after a named first turn: `Chercheuse : …` then `— …` lines.
fn dashes_reading(lines: &[&str]) -> Option<Reading> {
    let first = lines.iter().position(|l| labels::colon(l).is_some())?;
    let dashed = lines[first..]
        .iter()
        .filter(|l| labels::dash(l).is_some())
        .count();
    if dashed < 2 {
        return None;
    }
    let colon = read_as(lines, Convention::Colon, labels::colon);
    let mut names = colon.names;
    // The named turns before the first dash give the speakers their names.
    let first_dash = lines.iter().position(|l| labels::dash(l).is_some())?;
    // A dash line may come before the first named turn: then no line lies between them.
    for line in &lines[first..first_dash.max(first)] {
        if let Some(p) = labels::colon(line)
            && !names.iter().any(|n| n == p.label)
            && weak_label_ok(p.label, 1)
        {
            names.push(p.label.to_owned());
        }
    }
    if names.is_empty() {
        return None;
    }
    if names.len() == 1 {
        let other = if guess_role(&names[0]) == Role::Interviewer {
            "Participant"
        } else {
            "Interviewer"
        };
        names.push(other.to_owned());
    }
    let named = lines
        .iter()
        .filter(|l| labels::colon(l).is_some_and(|p| names.iter().any(|n| n == p.label)))
        .count();
    Some(Reading {
        convention: Convention::Dashes,
        names,
        turns: named + dashed,
        set_aside: Vec::new(),
    })
}

/// Reads a text with a user's pattern: every label it matches is a speaker.
pub fn detect_with_pattern(text: &str, pattern: &str) -> Result<Detection, String> {
    let re = pattern::compile(pattern)?;
    let mut names: Vec<String> = Vec::new();
    let mut folded: Vec<String> = Vec::new();
    for line in text.split('\n') {
        if let Some(p) = pattern::find(&re, line) {
            let f = fold_for_match(p.label);
            if !folded.contains(&f) {
                folded.push(f);
                names.push(p.label.to_owned());
            }
        }
    }
    if names.is_empty() {
        return Err(format!(
            "the speaker pattern '{pattern}' matches no line of the text"
        ));
    }
    let convention = Convention::Pattern(pattern.to_owned());
    let speakers = describe_as(text, names, &convention);
    Ok(Detection {
        convention,
        speakers,
        note: None,
    })
}

/// Counts the turns of the given `Name: text` speakers and guesses their roles.
pub fn describe_speakers(text: &str, names: Vec<String>) -> Vec<DetectedSpeaker> {
    describe_as(text, names, &Convention::Colon)
}

/// Counts the turns of the given speakers in a convention and guesses their roles (see
/// [`guess_role`]; when no name says who the interviewer is, the speaker who asks the most
/// questions is taken).
pub fn describe_as(
    text: &str,
    names: Vec<String>,
    convention: &Convention,
) -> Vec<DetectedSpeaker> {
    let units = split_units_as(text, &names, convention);
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
