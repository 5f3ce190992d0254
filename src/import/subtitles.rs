//! SubRip (.srt) and WebVTT (.vtt) transcripts: cues are merged into speaker turns, written as
//! `[hh:mm:ss] Name : text` lines, one per turn. Speakers come from `<v Name>` voices, from a
//! Webex cue identifier (`12 "Anne Durand" (1063281152)`) or from a `Name: text` cue (Zoom) when
//! the file's labels say they are speakers; cues without a speaker continue the current turn.
//! Without speakers, cues are grouped per sentence or pause, each group keeping its time.
//!
//! Invariants: every cue's text appears once, in the order of the file (a cue list restarting at
//! 00:00:00 stays in file order); tags are removed and HTML entities decoded, the words are
//! kept; a block that is neither a cue nor a WebVTT note/style is an error with its line.

use crate::text::turns;

struct Cue {
    start_ms: u64,
    end_ms: u64,
    speaker: Option<String>,
    text: String,
}

/// The transcript text and the speaker names (in order of first appearance).
pub type Converted = (String, Vec<String>);

pub fn srt_to_text(input: &str) -> Result<Converted, String> {
    Ok(merge(parse(input, false)?))
}

pub fn vtt_to_text(input: &str) -> Result<Converted, String> {
    let first = input.lines().next().unwrap_or("");
    if !first.trim_start_matches('\u{feff}').starts_with("WEBVTT") {
        return Err("line 1: a WebVTT file must start with WEBVTT".into());
    }
    Ok(merge(parse(input, true)?))
}

fn parse(input: &str, vtt: bool) -> Result<Vec<Cue>, String> {
    let mut cues = Vec::new();
    let mut block: Vec<(usize, &str)> = Vec::new();
    for (i, line) in input.lines().chain(std::iter::once("")).enumerate() {
        if !line.trim().is_empty() {
            block.push((i + 1, line));
            continue;
        }
        if block.is_empty() {
            continue;
        }
        let lines = std::mem::take(&mut block);
        let first = lines[0].1.trim();
        if vtt
            && (first.starts_with("WEBVTT")
                || first.starts_with("NOTE")
                || first == "STYLE"
                || first == "REGION")
        {
            continue;
        }
        let Some(timing) = lines.iter().position(|(_, l)| l.contains("-->")) else {
            return Err(format!(
                "line {}: expected a cue timing line like 00:00:01,000 --> 00:00:04,000",
                lines[0].0
            ));
        };
        let (line_no, timing_line) = lines[timing];
        let (start_ms, end_ms) = parse_timing(timing_line).ok_or_else(|| {
            format!(
                "line {line_no}: cannot read the cue timing '{}'",
                timing_line.trim()
            )
        })?;
        let raw: Vec<&str> = lines[timing + 1..].iter().map(|(_, l)| *l).collect();
        let (voice, text) = cue_text(&raw.join(" "));
        let speaker = voice.or_else(|| lines[..timing].iter().find_map(|(_, l)| webex_name(l)));
        if !text.is_empty() {
            cues.push(Cue {
                start_ms,
                end_ms,
                speaker,
                text,
            });
        }
    }
    label_cues(&mut cues);
    Ok(cues)
}

/// A Webex cue identifier `12 "Anne Durand" (1063281152)`: the quoted name.
fn webex_name(line: &str) -> Option<String> {
    let open = line.find('"')?;
    let close = line.rfind('"')?;
    let name = clean_name(line.get(open + 1..close)?);
    (close > open + 1 && !name.is_empty()).then_some(name)
}

/// Takes `Name: text` labels from cues without a voice when the labels, read like a text's, are
/// speakers (a colon phrase occurring once stays in the cue's text).
fn label_cues(cues: &mut [Cue]) {
    let unvoiced: Vec<&str> = cues
        .iter()
        .filter(|c| c.speaker.is_none())
        .map(|c| c.text.as_str())
        .collect();
    if unvoiced.is_empty() {
        return;
    }
    let names = turns::colon_speakers(&unvoiced);
    if names.is_empty() {
        return;
    }
    for cue in cues.iter_mut().filter(|c| c.speaker.is_none()) {
        let units = turns::split_units(&cue.text, &names);
        if let Some(u) = units
            .first()
            .filter(|u| u.speaker.is_some() && u.start == 0)
        {
            let name = names[u.speaker.expect("a turn")].clone();
            cue.text = cue.text[u.body_start..].to_owned();
            cue.speaker = Some(clean_name(&name));
        }
    }
}

fn parse_timing(line: &str) -> Option<(u64, u64)> {
    let (a, b) = line.split_once("-->")?;
    let end = b.split_whitespace().next()?;
    Some((parse_time(a.trim())?, parse_time(end)?))
}

/// `hh:mm:ss,mmm`, `hh:mm:ss.mmm` or `mm:ss.mmm` in milliseconds; None for anything else (a
/// non-digit, a number too large).
fn parse_time(t: &str) -> Option<u64> {
    let (clock, millis) = t.split_once([',', '.']).unwrap_or((t, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<u64> = clock
        .split(':')
        .map(|p| digits(p).then(|| p.parse().ok()).flatten())
        .collect::<Option<_>>()?;
    let secs = match parts.as_slice() {
        [h, m, s] => h
            .checked_mul(3600)?
            .checked_add(m.checked_mul(60)?)?
            .checked_add(*s)?,
        [m, s] => m.checked_mul(60)?.checked_add(*s)?,
        _ => return None,
    };
    if !digits(millis) {
        return None;
    }
    let ms: u64 = format!("{millis:0<3}")[..3].parse().ok()?;
    secs.checked_mul(1000)?.checked_add(ms)
}

/// The speaker (from a `<v Name>` voice or a `Name:` label) and the cue's plain text.
fn cue_text(raw: &str) -> (Option<String>, String) {
    let mut speaker = None;
    let mut text = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            text.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        if speaker.is_none() && (tag.starts_with("v ") || tag.starts_with("v.")) {
            let name = tag.split_once(' ').map_or("", |(_, n)| n);
            speaker = Some(clean_name(name)).filter(|n| !n.is_empty());
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    let text = decode_entities(&text);
    let text = text
        .split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (speaker, text)
}

fn clean_name(name: &str) -> String {
    name.replace(':', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn decode_entities(s: &str) -> String {
    super::entities::decode(s).replace(['\u{200e}', '\u{200f}'], "")
}

/// Merges cues into turns: a new turn when the speaker changes; without a speaker, a new group
/// after a sentence ends, after a pause of 2 s or more, or when the cue list starts again.
fn merge(cues: Vec<Cue>) -> Converted {
    let mut names: Vec<String> = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    let (mut last_start, mut last_end) = (0, 0);
    for cue in cues {
        let ends_sentence = lines
            .last()
            .is_some_and(|l| l.trim_end().ends_with(['.', '?', '!', '…']));
        let continues = match (&cue.speaker, &current) {
            (Some(s), Some(c)) => s == c,
            (None, Some(_)) => true,
            (None, None) => {
                !lines.is_empty()
                    && !ends_sentence
                    && cue.start_ms >= last_start
                    && cue.start_ms < last_end + 2000
            }
            (Some(_), None) => false,
        };
        if continues {
            let line = lines.last_mut().expect("a turn is open");
            line.push(' ');
            line.push_str(&cue.text);
        } else {
            let stamp = format_time(cue.start_ms);
            match &cue.speaker {
                Some(name) => {
                    if !names.contains(name) {
                        names.push(name.clone());
                    }
                    lines.push(format!("[{stamp}] {name} : {}", cue.text));
                }
                None => lines.push(format!("[{stamp}] {}", cue.text)),
            }
            if cue.speaker.is_some() {
                current.clone_from(&cue.speaker);
            }
        }
        (last_start, last_end) = (cue.start_ms, cue.end_ms);
    }
    (lines.join("\n"), names)
}

fn format_time(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_timestamps_are_refused_never_a_panic() {
        assert_eq!(parse_time("00:00:01,50é"), None);
        assert_eq!(parse_time("00:00:01,é50"), None);
        assert_eq!(parse_time("00:00:01,"), None);
        assert_eq!(parse_time("99999999999999999:00:00,000"), None);
        assert_eq!(parse_time("+1:00,000"), None);
        assert_eq!(parse_time("00:01:02,5"), Some(62_500));
        assert_eq!(parse_time("01:02.123456"), Some(62_123));
        let srt = "1\n00:00:01,50é --> 00:00:02,000\nBonjour\n\n";
        // A cue whose timing does not read is an error (or skipped), never a panic.
        let got = srt_to_text(srt);
        assert!(got.is_err() || !got.unwrap().0.contains("00:00:01"));
        let vtt = "WEBVTT\n\n00:00:01.5é0 --> 00:00:02.000\nSalut\n";
        let got = vtt_to_text(vtt);
        assert!(got.is_err() || !got.unwrap().0.contains("00:00:01"));
    }

    #[test]
    fn vtt_voices_become_turns_with_timestamps() {
        let vtt = "WEBVTT\n\nNOTE exporté\n\n1\n00:00:01.000 --> 00:00:03.500\n<v Enquêteur>Bonjour, vous êtes kiné ?</v>\n\n\
                   00:00:04.000 --> 00:00:06.000 align:start\n<v Kiné 1>Oui, depuis <i>dix</i> ans.\n\n\
                   00:00:06.100 --> 00:00:08.000\n<v Kiné 1>En libéral &amp; en cabinet.\n\n\
                   01:02:03.000 --> 01:02:04.000\n<v.loud Enquêteur>Merci.";
        let (text, names) = vtt_to_text(vtt).unwrap();
        assert_eq!(names, ["Enquêteur", "Kiné 1"]);
        assert_eq!(
            text,
            "[00:00:01] Enquêteur : Bonjour, vous êtes kiné ?\n[00:00:04] Kiné 1 : Oui, depuis dix ans. En libéral & en cabinet.\n[01:02:03] Enquêteur : Merci."
        );
    }

    #[test]
    fn srt_name_prefixes_and_unvoiced_cues() {
        let srt = "1\n00:00:01,000 --> 00:00:02,000\nINT: Vous commencez quand ?\n\n2\n00:00:02,500 --> 00:00:04,000\nP1: Vers huit heures,\n\n3\n00:00:04,100 --> 00:00:05,000\net je finis tard.\n";
        let (text, names) = srt_to_text(srt).unwrap();
        assert_eq!(names, ["INT", "P1"]);
        assert_eq!(
            text,
            "[00:00:01] INT : Vous commencez quand ?\n[00:00:02] P1 : Vers huit heures, et je finis tard."
        );
    }

    #[test]
    fn malformed_blocks_name_their_line() {
        assert_eq!(
            vtt_to_text("hello").unwrap_err(),
            "line 1: a WebVTT file must start with WEBVTT"
        );
        let err = srt_to_text("1\n00:00:01,000 --> 00:00:02,000\nok\n\njust text\n").unwrap_err();
        assert!(
            err.starts_with("line 5: expected a cue timing line"),
            "{err}"
        );
        let err = srt_to_text("1\n00:0x:01 --> 00:00:02,000\nok\n").unwrap_err();
        assert!(
            err.starts_with("line 2: cannot read the cue timing"),
            "{err}"
        );
    }
}
