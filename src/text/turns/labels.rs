//! The shapes a speaker label takes at the start of a line, one recogniser per convention:
//! `Name: text` (with `[time]` or `(time)`), header lines `Emma  0:00` / `[Chercheur] (0:01 -
//! 0:11)`, bracketed codes `[id1] text`, abbreviations `INT. text`, dialogue dashes `— text`.
//!
//! Invariants: each recogniser looks at one line only, never panics on any input, and returns
//! byte offsets inside that line, on character boundaries.

use super::roles::{INTERVIEWER_WORDS, OTHER_WORDS, PARTICIPANT_WORDS};
use crate::text::fold_for_match;

/// The start of a line that looks like a speaker label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Prefix<'a> {
    pub label: &'a str,
    pub time: Option<&'a str>,
    /// Byte offset in the line where the spoken text starts (the line's length for a header).
    pub body_start: usize,
    /// A role word or a numbered code: a speaker even when it occurs once.
    pub strong: bool,
}

pub(super) fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\u{a0}' || c == '\u{202f}'
}

fn lead(line: &str) -> usize {
    line.len() - line.trim_start_matches(is_space).len()
}

/// Parses `[00:12:03] `, `00:12:03 - ` or `(00:12:03) ` at the start of `s`.
pub(super) fn leading_time(s: &str) -> Option<(&str, usize)> {
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
pub(super) fn timestamp_len(s: &str) -> Option<usize> {
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

fn is_timestamp(s: &str) -> bool {
    !s.is_empty() && timestamp_len(s) == Some(s.len())
}

/// `0:01`, `0:01 - 0:11` or `0:01–0:11`: the start time of a time or a time range.
pub(super) fn time_or_range(s: &str) -> Option<&str> {
    let s = s.trim_matches(is_space);
    if is_timestamp(s) {
        return Some(s);
    }
    let (a, b) = s.split_once(['-', '–'])?;
    let (a, b) = (a.trim_matches(is_space), b.trim_matches(is_space));
    (is_timestamp(a) && is_timestamp(b)).then_some(a)
}

/// A `Name: text` label: `[time] Name (time) : text`, `Anne Durand (CPTS): text`.
pub(super) fn colon(line: &str) -> Option<Prefix<'_>> {
    let mut pos = lead(line);
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
        if let Some(t) = time_or_range(inner) {
            time = time.or(Some(t));
            label = label[..open].trim_end_matches(is_space);
        } else if !affiliation_ok(inner) {
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

/// The `(CPTS)` after a name in a Zoom label: a few words, no sentence punctuation.
fn affiliation_ok(inner: &str) -> bool {
    !inner.trim().is_empty()
        && inner.chars().count() <= 40
        && inner.chars().all(|c| {
            c.is_alphanumeric()
                || is_space(c)
                || matches!(c, '.' | '-' | '_' | '/' | '&' | '\'' | '’')
        })
}

/// Byte position of the colon ending a label: the first `:` outside parentheses, within 64 bytes.
fn find_label_colon(s: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        if i > 64 {
            return None;
        }
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ':' if depth == 0 => return Some(i),
            '«' | '»' | '"' | ',' | ';' | '!' | '?' | '…' => return None,
            _ => {}
        }
    }
    None
}

/// Checks that `label` looks like a speaker: up to six words of letters, digits, dots, dashes and
/// inner apostrophes (`Saurabh’s iPad`, `Dr. M. Leroy`), optionally ending with a parenthesised
/// affiliation, the first capitalised or a code. Returns whether it is a strong label (a role
/// word or a numbered code).
pub(super) fn label_shape(label: &str) -> Option<bool> {
    let name = match label.rfind('(') {
        Some(open) if label.ends_with(')') => label[..open].trim_end_matches(is_space),
        _ => label,
    };
    let words: Vec<&str> = name.split(is_space).filter(|w| !w.is_empty()).collect();
    if words.is_empty() || words.len() > 6 || label.chars().count() > 60 {
        return None;
    }
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '#');
    let word_ok = |w: &&str| {
        let inner_apostrophe =
            |(i, c): (usize, char)| matches!(c, '\'' | '’') && i > 0 && i + c.len_utf8() < w.len();
        w.char_indices()
            .all(|(i, c)| allowed(c) || inner_apostrophe((i, c)))
    };
    if !words.iter().all(word_ok) {
        return None;
    }
    let first = words[0].chars().next()?;
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return None;
    }
    Some(is_role_word(name) || is_numbered(&words))
}

fn is_numbered(words: &[&str]) -> bool {
    words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
        && words.iter().any(|w| w.chars().any(char::is_alphabetic))
}

/// Whether `label` is a role word (`Enquêteur`, `INT`, `Q`, `E.`, `Speaker 2`), accents and
/// case ignored.
pub(super) fn is_role_word(label: &str) -> bool {
    let folded = fold_for_match(label);
    let base = folded.trim_end_matches('.').trim();
    let stem = base.trim_end_matches(|c: char| c.is_ascii_digit()).trim();
    let word = if stem.chars().count() >= 3 {
        stem
    } else {
        base
    };
    [INTERVIEWER_WORDS, PARTICIPANT_WORDS, OTHER_WORDS]
        .iter()
        .any(|set| set.contains(&word))
}

/// A header line: `Emma  0:00`, `Speaker 2  00:12:03`, `Chercheur  (0:01 - 0:11)`,
/// `[Chercheur] (0:01 - 0:11)`, `[Anne Durand] 10:02:13` — a label and a time, nothing after.
pub(super) fn header(line: &str) -> Option<Prefix<'_>> {
    let start = lead(line);
    let t = line[start..].trim_end_matches(is_space);
    let (label_part, time) = if let Some(body) = t.strip_suffix(')') {
        let open = body.rfind('(')?;
        (&t[..open], time_or_range(&body[open + 1..])?)
    } else {
        let split = t.rfind(is_space)?;
        let last = t[split..].trim_start_matches(is_space);
        (&t[..split], time_or_range(last)?)
    };
    let label_part = label_part.trim_end_matches(is_space);
    if label_part.len() == t.len() || label_part.is_empty() {
        return None;
    }
    let label = match label_part.strip_prefix('[') {
        Some(inner) => inner.strip_suffix(']')?.trim_matches(is_space),
        None => label_part,
    };
    if label.contains([':', '[', ']']) {
        return None;
    }
    let strong = label_shape(label)?;
    Some(Prefix {
        label,
        time: Some(time),
        body_start: line.len(),
        strong,
    })
}

/// A bracketed code opening a line: `[id1] text`, `[INT] text`, `[Chercheur] text`. Timestamps
/// and lowercase notes (`[rires]`, `[inaudible]`) are not codes.
pub(super) fn bracket(line: &str) -> Option<Prefix<'_>> {
    if header(line).is_some() {
        return None;
    }
    let start = lead(line);
    let rest = line[start..].strip_prefix('[')?;
    let close = rest.find(']')?;
    let label = &rest[..close];
    if label.is_empty() || label.chars().count() > 24 || is_timestamp(label) {
        return None;
    }
    if !label
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
    {
        return None;
    }
    let after = &rest[close + 1..];
    let body = after.len() - after.trim_start_matches(is_space).len();
    if body == 0 || after.trim().is_empty() {
        return None;
    }
    let has_digit = label.chars().any(|c| c.is_ascii_digit());
    let has_letter = label.chars().any(char::is_alphabetic);
    let upper = label.chars().all(|c| !c.is_lowercase());
    let strong = has_letter && (has_digit || is_role_word(label));
    if !(has_letter && (strong || upper || label.starts_with(char::is_uppercase))) {
        return None;
    }
    Some(Prefix {
        label,
        time: None,
        body_start: start + 1 + close + 1 + body,
        strong,
    })
}

/// An abbreviation opening a line: `INT. text`, `RÉP. text`, `Q. text` — one to five capitals
/// (a single letter only when it is a role letter) and a dot.
pub(super) fn abbreviation(line: &str) -> Option<Prefix<'_>> {
    let start = lead(line);
    let rest = &line[start..];
    let dot = rest.find('.')?;
    let word = &rest[..dot];
    let n = word.chars().count();
    if n == 0 || n > 5 || !word.chars().all(|c| c.is_uppercase()) {
        return None;
    }
    if n == 1 && !is_role_word(word) {
        return None;
    }
    let after = &rest[dot + 1..];
    let body = after.len() - after.trim_start_matches(is_space).len();
    if body == 0 || after.trim().is_empty() {
        return None;
    }
    Some(Prefix {
        label: &rest[..=dot],
        time: None,
        body_start: start + dot + 1 + body,
        strong: is_role_word(word),
    })
}

/// The byte offset of the text after a dialogue dash (`— ` or `– `) opening a line.
pub(super) fn dash(line: &str) -> Option<usize> {
    let start = lead(line);
    let rest = &line[start..];
    let after = rest.strip_prefix('—').or_else(|| rest.strip_prefix('–'))?;
    let body = after.len() - after.trim_start_matches(is_space).len();
    (body > 0 && !after.trim().is_empty()).then(|| line.len() - after.len() + body)
}

/// A footer written by a transcription service (`Transcribed by https://otter.ai`): never part
/// of a turn.
pub(super) fn is_footer(line: &str) -> bool {
    let folded = fold_for_match(line.trim_matches(is_space));
    let folded = folded.trim_start_matches(['(', '[']);
    [
        "transcribed by ",
        "transcribed with ",
        "transcrit par ",
        "transcrit avec ",
        "transcription par ",
        "transcription by ",
    ]
    .iter()
    .any(|p| folded.starts_with(p))
        && folded.split_whitespace().count() <= 8
}
