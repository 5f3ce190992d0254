//! Rich Text Format (.rtf, from Word, WordPad, oTranscribe): the text of the document body,
//! with `\par` and `\line` ending lines, `\uN` Unicode escapes (and their fallback characters
//! skipped), `\'hh` bytes in the document's code page (`\ansicpg`, Windows-1252 by default), and
//! font tables, styles, pictures, headers, footnotes and other destinations left out.
//!
//! Invariants: groups are balanced or the file is refused with the reason; any input gives text
//! or a clean error, never a panic; nesting is bounded.

use encoding_rs::Encoding;

/// Destinations whose content is not document text.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "footnote",
    "fldinst",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "xmlnstbl",
    "themedata",
    "colorschememapping",
    "datastore",
    "latentstyles",
    "generator",
    "pntext",
    "pntxta",
    "pntxtb",
    "listtext",
    "filetbl",
    "revtbl",
    "bkmkstart",
    "bkmkend",
    "field_inst",
    "mmathPr",
    "shppict",
    "nonshppict",
    "template",
];
const MAX_DEPTH: usize = 200;

#[derive(Clone, Copy)]
struct State {
    skip: bool,
    /// How many fallback characters follow a `\uN`.
    uc: usize,
}

/// The text of an RTF document.
pub fn to_text(bytes: &[u8]) -> Result<String, String> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        .unwrap_or(0);
    if !bytes[start..].starts_with(b"{\\rtf") {
        return Err("is not an RTF file: it must start with {\\rtf".into());
    }
    let mut encoding: &'static Encoding = encoding_rs::WINDOWS_1252;
    let mut out = String::new();
    let mut stack: Vec<State> = Vec::new();
    let mut state = State { skip: false, uc: 1 };
    let mut pending_bytes: Vec<u8> = Vec::new();
    let mut high_surrogate: Option<u16> = None;
    let mut to_skip = 0usize;
    let mut i = start;
    let flush = |pending: &mut Vec<u8>, out: &mut String, enc: &'static Encoding| {
        if !pending.is_empty() {
            out.push_str(&enc.decode_without_bom_handling(pending).0);
            pending.clear();
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'{' => {
                flush(&mut pending_bytes, &mut out, encoding);
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("is nested deeper than {MAX_DEPTH} groups"));
                }
                stack.push(state);
                to_skip = 0;
                i += 1;
            }
            b'}' => {
                flush(&mut pending_bytes, &mut out, encoding);
                state = stack
                    .pop()
                    .ok_or_else(|| format!("has an unmatched }} at byte {i}"))?;
                to_skip = 0;
                i += 1;
            }
            b'\\' => {
                let (word, param, next) = control(bytes, i + 1);
                i = next;
                let mut byte = None;
                if word == "'" {
                    let hex = bytes
                        .get(i..i + 2)
                        .and_then(|h| std::str::from_utf8(h).ok());
                    byte = hex.and_then(|h| u8::from_str_radix(h, 16).ok());
                    if byte.is_some() {
                        i += 2;
                    }
                }
                if to_skip > 0 && word != "u" {
                    to_skip -= 1;
                    continue;
                }
                match word.as_str() {
                    "'" => {
                        if let Some(v) = byte.filter(|_| !state.skip) {
                            pending_bytes.push(v);
                        }
                    }
                    "*" => state.skip = true,
                    "ansicpg" => {
                        if let Some(enc) = param.and_then(code_page) {
                            encoding = enc;
                        }
                    }
                    "uc" => state.uc = param.unwrap_or(1).clamp(0, 10) as usize,
                    "u" => {
                        flush(&mut pending_bytes, &mut out, encoding);
                        let unit = param.unwrap_or(0).rem_euclid(65536) as u16;
                        if !state.skip {
                            push_unit(&mut out, &mut high_surrogate, unit);
                        }
                        to_skip = state.uc;
                    }
                    w if SKIPPED.contains(&w) => state.skip = true,
                    _ if state.skip => {}
                    other => {
                        flush(&mut pending_bytes, &mut out, encoding);
                        if let Some(s) = symbol(other) {
                            out.push_str(s);
                        }
                    }
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                i += 1;
                if to_skip > 0 {
                    to_skip -= 1;
                    continue;
                }
                if !state.skip && (b >= 0x20 || b == b'\t') {
                    pending_bytes.push(b);
                }
            }
        }
    }
    flush(&mut pending_bytes, &mut out, encoding);
    if !stack.is_empty() {
        return Err(format!("ends with {} unclosed group(s)", stack.len()));
    }
    let lines: Vec<&str> = out.split('\n').map(str::trim_end).collect();
    Ok(lines.join("\n").trim().to_owned())
}

/// Reads a control word or symbol after a backslash: its name, numeric parameter, and the
/// position after it (its delimiting space consumed).
fn control(bytes: &[u8], mut i: usize) -> (String, Option<i64>, usize) {
    let Some(&first) = bytes.get(i) else {
        return (String::new(), None, i);
    };
    if !first.is_ascii_alphabetic() {
        return ((first as char).to_string(), None, i + 1);
    }
    let start = i;
    while i < bytes.len() && bytes[i].is_ascii_alphabetic() && i - start < 32 {
        i += 1;
    }
    let word = String::from_utf8_lossy(&bytes[start..i]).into_owned();
    let num_start = i;
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    while i < bytes.len() && bytes[i].is_ascii_digit() && i - num_start < 10 {
        i += 1;
    }
    let param = std::str::from_utf8(&bytes[num_start..i])
        .ok()
        .and_then(|s| s.parse().ok());
    if bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    (word, param, i)
}

fn push_unit(out: &mut String, high: &mut Option<u16>, unit: u16) {
    if (0xD800..0xDC00).contains(&unit) {
        *high = Some(unit);
        return;
    }
    let c = match high.take() {
        Some(h) if (0xDC00..0xE000).contains(&unit) => {
            char::decode_utf16([h, unit]).next().and_then(Result::ok)
        }
        _ => char::from_u32(unit as u32),
    };
    out.push(c.unwrap_or('\u{fffd}'));
}

/// The text a control word stands for.
fn symbol(word: &str) -> Option<&'static str> {
    Some(match word {
        "par" | "line" | "sect" | "page" | "row" => "\n",
        "tab" | "cell" => "\t",
        "~" => "\u{a0}",
        "_" => "\u{2011}",
        "{" => "{",
        "}" => "}",
        "\\" => "\\",
        "emdash" => "—",
        "endash" => "–",
        "lquote" => "‘",
        "rquote" => "’",
        "ldblquote" => "“",
        "rdblquote" => "”",
        "bullet" => "•",
        "emspace" | "enspace" | "qmspace" => " ",
        _ => return None,
    })
}

/// The encoding of a Windows code page number.
fn code_page(cp: i64) -> Option<&'static Encoding> {
    let label = match cp {
        65001 => "utf-8".to_owned(),
        10000 => "macintosh".to_owned(),
        874 => "windows-874".to_owned(),
        1250..=1258 => format!("windows-{cp}"),
        _ => return None,
    };
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_style_rtf_with_tables_accents_and_unicode() {
        let rtf = br"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Calibri;}}{\colortbl;\red0\green0\blue0;}{\*\generator Riched20 10.0;}{\info{\title Entretien}}
\viewkind4\uc1\pard\f0\fs22 Enqu\'eateur : Vous \'eates kin\'e9 ?\par
M3 : Oui, \u8217?\u224?a fait dix ans\~!\par
{\header En-t\'eate}Entretien n\'b03 \endash{} fin\line suite\par}";
        assert_eq!(
            to_text(rtf).unwrap(),
            "Enquêteur : Vous êtes kiné ?\nM3 : Oui, ’àa fait dix ans\u{a0}!\nEntretien n°3 – fin\nsuite"
        );
    }

    #[test]
    fn wordpad_and_otranscribe_shapes() {
        let wordpad = b"{\\rtf1\\ansi\\ansicpg1252\\deff0\\nouicompat{\\fonttbl{\\f0\\fnil Calibri;}}\r\n\\pard\\sa200\\sl276\\slmult1\\f0\\fs22\\lang12 INT: Bonjour\\par\r\nP1: Salut\\par\r\n}\r\n\0";
        assert_eq!(to_text(wordpad).unwrap(), "INT: Bonjour\nP1: Salut");
        let otranscribe = b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Arial;}}\\uc1 [00:01:02] Q : d\\u233\\'e9j\\u224\\'e0 ?\\par [00:01:05] R : \\u-10179?\\u-8704?\\par}";
        assert_eq!(
            to_text(otranscribe).unwrap(),
            "[00:01:02] Q : déjà ?\n[00:01:05] R : \u{1F600}"
        );
    }

    #[test]
    fn broken_rtf_is_refused_with_the_reason() {
        assert!(
            to_text(b"hello")
                .unwrap_err()
                .contains("must start with {\\rtf")
        );
        assert!(to_text(b"{\\rtf1 abc").unwrap_err().contains("unclosed"));
        assert!(to_text(b"{\\rtf1 abc}}").unwrap_err().contains("unmatched"));
        let deep = format!("{{\\rtf1 {}", "{".repeat(500));
        assert!(to_text(deep.as_bytes()).unwrap_err().contains("nested"));
        assert_eq!(
            to_text(b"{\\rtf1 \\").unwrap_err(),
            "ends with 1 unclosed group(s)"
        );
    }
}
