//! A user's speaker pattern (`--speaker-pattern`, `speakers detect --pattern`): a regular
//! expression matched at the start of each line. Its named group `speaker` (else its first
//! group, else the whole match without a final colon) is the speaker; a group `time` is the
//! turn's time; the spoken text starts after the match.
//!
//! Invariant: a pattern is compiled with size limits, so a hostile one is refused, never slow.

use super::labels::{Prefix, is_space};

/// Compiles a speaker pattern, or says in one sentence what is wrong with it.
pub fn compile(pattern: &str) -> Result<regex::Regex, String> {
    let re = regex::RegexBuilder::new(pattern)
        .size_limit(1 << 20)
        .dfa_size_limit(1 << 20)
        .build()
        .map_err(|e| {
            let first = e.to_string();
            let last = first.lines().last().unwrap_or("").trim().to_owned();
            format!("the speaker pattern '{pattern}' is not a valid regular expression ({last})")
        })?;
    if re.is_match("") {
        return Err(format!(
            "the speaker pattern '{pattern}' matches an empty line; it must match a speaker label"
        ));
    }
    Ok(re)
}

/// The speaker label at the start of `line`, if the pattern matches there.
pub(super) fn find<'l>(re: &regex::Regex, line: &'l str) -> Option<Prefix<'l>> {
    let lead = line.len() - line.trim_start_matches(is_space).len();
    let s = &line[lead..];
    let caps = re.captures(s)?;
    let whole = caps.get(0)?;
    if whole.start() != 0 || whole.is_empty() {
        return None;
    }
    let label = caps
        .name("speaker")
        .or_else(|| caps.get(1).filter(|_| re.captures_len() > 1))
        .map(|m| m.as_str())
        .unwrap_or_else(|| {
            whole
                .as_str()
                .trim_end_matches(|c: char| c == ':' || is_space(c))
        });
    let label = label.trim_matches(is_space);
    if label.is_empty() {
        return None;
    }
    let after = &s[whole.end()..];
    let body = after.len() - after.trim_start_matches(is_space).len();
    Some(Prefix {
        label,
        time: caps.name("time").map(|m| m.as_str()),
        body_start: lead + whole.end() + body,
        strong: true,
    })
}
