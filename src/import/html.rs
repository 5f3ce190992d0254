//! HTML transcripts (.html, .htm), including noScribe's: tags are removed, block elements
//! (paragraphs, line breaks, list items, headings, table rows) end a line, `<head>`, scripts and
//! styles are left out, entities decoded. noScribe marks each segment with an anchor
//! `<a name="ts_START_END_SPEAKER">` (times in milliseconds): a paragraph's first segment time
//! is written `[hh:mm:ss]` at its start, so each turn keeps its time.
//!
//! Invariants: every character of text content appears once, in document order; markup never
//! leaks into the text; any input gives text or a clean error, never a panic.

use super::entities;

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "hr",
    "dd",
    "dt",
    "pre",
    "body",
    "header",
    "footer",
];
const SKIPPED: &[&str] = &["head", "script", "style", "title", "template", "noscript"];

/// The text of an HTML document, one line per block.
pub fn to_text(html: &str) -> Result<String, String> {
    let mut paragraphs: Vec<(Option<u64>, String)> = vec![(None, String::new())];
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        paragraphs
            .last_mut()
            .expect("one")
            .1
            .push_str(&rest[..open]);
        rest = &rest[open..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |e| &comment[e + 3..]);
            continue;
        }
        let Some(close) = rest.find('>') else {
            paragraphs.last_mut().expect("one").1.push_str(rest);
            rest = "";
            break;
        };
        let tag = &rest[1..close];
        rest = &rest[close + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !closing && SKIPPED.contains(&name.as_str()) {
            let end = format!("</{name}");
            rest = find_ci(rest, &end).map_or("", |e| {
                let after = &rest[e..];
                after.find('>').map_or("", |g| &after[g + 1..])
            });
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            paragraphs.push((None, String::new()));
        } else if name == "td" || name == "th" {
            paragraphs.last_mut().expect("one").1.push(' ');
        } else if name == "a"
            && !closing
            && let Some(ms) = noscribe_time(tag)
        {
            let last = paragraphs.last_mut().expect("one");
            last.0 = last.0.or(Some(ms));
        }
    }
    paragraphs.last_mut().expect("one").1.push_str(rest);
    let mut lines = Vec::new();
    for (time, raw) in paragraphs {
        let collapsed: Vec<&str> = raw
            .split(|c: char| c.is_ascii_whitespace())
            .filter(|w| !w.is_empty())
            .collect();
        let text = entities::decode(&collapsed.join(" "));
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        match time {
            Some(ms) if !text.starts_with('[') => lines.push(format!("[{}] {text}", clock(ms))),
            _ => lines.push(text.to_owned()),
        }
    }
    Ok(lines.join("\n"))
}

/// Byte position of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// The start time (ms) of a noScribe anchor `a name="ts_2380_4700_S00"`.
fn noscribe_time(tag: &str) -> Option<u64> {
    let at = tag.find("ts_")?;
    let mut parts = tag[at + 3..].split('_');
    let start = parts.next()?;
    parts.next()?;
    start.parse().ok()
}

fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_entities_and_no_markup() {
        let html = "<!DOCTYPE html><html><head><title>Entretien</title><style>p{color:red}</style></head>\r\n<body><h1>Entretien n&deg;3</h1><p>Enquêteur&nbsp;: Vous <b>êtes</b> kiné&#x202F;?</p><!-- note --><p>M3 : Oui,<br>depuis l&#39;an 2010.</p><table><tr><td>Âge</td><td>45</td></tr></table><script>alert(1)</script></body></html>";
        assert_eq!(
            to_text(html).unwrap(),
            "Entretien n°3\nEnquêteur\u{a0}: Vous êtes kiné\u{202f}?\nM3 : Oui,\ndepuis l'an 2010.\nÂge 45"
        );
    }

    #[test]
    fn noscribe_anchors_give_each_paragraph_its_time() {
        let html = r#"<html><head><meta name="audio_source" content="x.mp3"></head><body>
<p><span>(Transcribed with noScribe)</span></p>
<p><a name="ts_2380_4700_S00"><span>S00: Bonjour, vous pouvez vous présenter ?</span></a></p>
<p><a name="ts_5200_9100_S01">S01: Oui, je suis </a><a name="ts_9100_12000_S01">infirmière.</a></p>
<p><a name="ts_3725000_3730000_S00">[01:02:05] S00: Merci.</a></p></body></html>"#;
        assert_eq!(
            to_text(html).unwrap(),
            "(Transcribed with noScribe)\n[00:00:02] S00: Bonjour, vous pouvez vous présenter ?\n[00:00:05] S01: Oui, je suis infirmière.\n[01:02:05] S00: Merci."
        );
    }

    #[test]
    fn broken_markup_is_text_not_a_panic() {
        assert_eq!(to_text("<p>a <b").unwrap(), "a <b");
        assert_eq!(to_text("<script>never closed").unwrap(), "");
        assert_eq!(to_text("<!-- open").unwrap(), "");
        assert_eq!(to_text("é<p>ü</p>").unwrap(), "é\nü");
    }
}
