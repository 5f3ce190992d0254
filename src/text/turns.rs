//! Speaker turns: where they start in a stored text, and whose they are. A source records its
//! [`Convention`] — `M3 : …` / `[00:12:03] Speaker 2: …` lines, header lines (`Emma  0:00` with
//! the text below), bracketed codes (`[id1] …`), abbreviations (`INT. …`), dialogue dashes, or a
//! user's pattern — and its speaker names; [`source_units`] cuts its text into units with them.
//! [`detect`] guesses both for a new or re-examined text.
//!
//! Invariants: units never overlap, are in text order, and cover every non-blank line; a turn
//! starts only at a line whose label is one of the given speaker names (compared accent- and
//! case-insensitively), so a user's edit of the speaker list is always honoured; the text is
//! never changed by detection, so re-detecting never moves a coding.

mod detect;
mod labels;
mod pattern;
mod roles;

pub use crate::model::Convention;
use crate::model::SourceMeta;
pub use detect::{
    DetectedSpeaker, Detection, colon_speakers, describe_as, describe_speakers, detect,
    detect_speakers, detect_with_pattern,
};
pub use pattern::compile as compile_pattern;
pub use roles::guess_role;

use super::fold_for_match;
use labels::{Prefix, is_space};
use std::collections::HashMap;

/// One unit of a transcript: a speaker turn (possibly several lines) or a plain line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Byte range of the whole unit in the text (label included), without the final newline.
    pub start: usize,
    pub end: usize,
    /// Index into the speaker names given to [`split_units`], for a turn.
    pub speaker: Option<usize>,
    /// Byte offset where the spoken text starts (after the label and colon, or after a header
    /// line); `end` when the turn holds no text.
    pub body_start: usize,
    /// The timestamp written at the start of the unit, as in the text (`00:12:03`).
    pub time: Option<String>,
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

/// The units of a source's text, with its speakers and convention.
pub fn source_units(meta: &SourceMeta, text: &str) -> Vec<Unit> {
    split_units_as(text, &meta.speaker_names(), &meta.convention)
}

/// Cuts `text` into units, using `speakers` as the names that start a `Name: text` turn.
pub fn split_units(text: &str, speakers: &[String]) -> Vec<Unit> {
    split_units_as(text, speakers, &Convention::Colon)
}

/// Finds the speaker label of a line in a given convention, among known names.
struct Matcher<'a> {
    speakers: &'a [String],
    known: HashMap<String, usize>,
    convention: &'a Convention,
    pattern: Option<regex::Regex>,
}

impl<'a> Matcher<'a> {
    fn new(speakers: &'a [String], convention: &'a Convention) -> Self {
        let known = speakers
            .iter()
            .enumerate()
            .map(|(i, n)| (fold_for_match(n.trim()), i))
            .collect();
        let pattern = match convention {
            Convention::Pattern(p) => pattern::compile(p).ok(),
            _ => None,
        };
        Self {
            speakers,
            known,
            convention,
            pattern,
        }
    }

    fn lookup(&self, label: &str) -> Option<usize> {
        let label = label.trim_matches(is_space);
        self.speakers
            .iter()
            .position(|n| n.trim() == label)
            .or_else(|| self.known.get(&fold_for_match(label)).copied())
    }

    /// The speaker, body offset (in the line) and time of a turn starting at `line`.
    fn turn_start<'l>(&self, line: &'l str) -> Option<(usize, usize, Option<&'l str>)> {
        if self.known.is_empty() {
            return None;
        }
        let found: Prefix<'l> = match self.convention {
            Convention::Colon | Convention::Dashes => return self.colon(line),
            Convention::Header => labels::header(line)?,
            Convention::Bracket => labels::bracket(line)?,
            Convention::Abbreviation => labels::abbreviation(line)?,
            Convention::Pattern(_) => pattern::find(self.pattern.as_ref()?, line)?,
        };
        Some((self.lookup(found.label)?, found.body_start, found.time))
    }

    /// `[time] Name (time) :` against known names, whatever their shape (names from subtitles
    /// or typed by the user may hold lowercase words or dots).
    fn colon<'l>(&self, line: &'l str) -> Option<(usize, usize, Option<&'l str>)> {
        let mut pos = line.len() - line.trim_start_matches(is_space).len();
        let mut time = None;
        if let Some((t, len)) = labels::leading_time(&line[pos..]) {
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
        let index = match self.lookup(label) {
            Some(i) => i,
            None => {
                let open = label.rfind('(')?;
                let inner = label[open + 1..].strip_suffix(')')?;
                let t = labels::time_or_range(inner)?;
                time = time.or(Some(t));
                label = label[..open].trim_end_matches(is_space);
                self.lookup(label)?
            }
        };
        let after = &rest[colon + 1..];
        let body = after.len() - after.trim_start_matches(is_space).len();
        Some((index, pos + colon + 1 + body, time))
    }
}

/// Cuts `text` into units in the given convention, using `speakers` as the names that start a
/// turn.
pub fn split_units_as(text: &str, speakers: &[String], convention: &Convention) -> Vec<Unit> {
    let matcher = Matcher::new(speakers, convention);
    let dashes = *convention == Convention::Dashes;
    let mut units: Vec<Unit> = Vec::new();
    let mut in_turn = false;
    // The last two distinct speakers, most recent first: a dialogue dash gives the turn to the
    // other one.
    let mut recent: (Option<usize>, Option<usize>) = (None, None);
    let mut offset = 0;
    for line in text.split('\n') {
        let (start, end) = (offset, offset + line.len());
        offset = end + 1;
        if line.trim().is_empty() {
            continue;
        }
        let mut turn = matcher.turn_start(line);
        if turn.is_none() && dashes && in_turn {
            let other = recent.1.or_else(|| {
                let last = recent.0?;
                // Only between exactly two speakers, and only when the last one is one of
                // them (detection tries labels beyond the list: a fuzzed text overflowed here).
                (speakers.len() == 2 && last < 2).then(|| 1 - last)
            });
            turn = labels::dash(line).and_then(|body| Some((other?, body, None)));
        }
        match turn {
            Some((i, body_start, time)) => {
                in_turn = true;
                if recent.0 != Some(i) {
                    recent = (Some(i), recent.0);
                }
                units.push(Unit {
                    start,
                    end,
                    speaker: Some(i),
                    body_start: start + body_start,
                    time: time.map(str::to_owned),
                });
            }
            None if in_turn && !labels::is_footer(line) => {
                if let Some(last) = units.last_mut() {
                    last.end = end;
                }
            }
            None => {
                in_turn = false;
                units.push(Unit {
                    start,
                    end,
                    speaker: None,
                    body_start: start,
                    time: plain_time(line),
                });
            }
        }
    }
    for u in &mut units {
        let body = &text[u.body_start.min(u.end)..u.end];
        u.body_start = u.end - body.trim_start().len();
    }
    units
}

/// The `[00:00:04]` opening a line without a speaker (subtitle groups keep their time).
fn plain_time(line: &str) -> Option<String> {
    let trimmed = line.trim_start_matches(is_space);
    if !trimmed.starts_with('[') {
        return None;
    }
    labels::leading_time(trimmed).map(|(t, _)| t.to_owned())
}

#[cfg(test)]
mod tests;
