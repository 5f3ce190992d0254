//! The annex as Pandoc-friendly Markdown: a YAML title block, ATX headings with `{#id}` anchors,
//! verbatims as block quotes, line breaks inside a verbatim as backslash-newline.
//!
//! Invariant: transcript text never becomes markup — Markdown's active characters are
//! backslash-escaped, and so is anything at a line start that would open a list or heading.

use super::annex::{Annex, Section};
use super::pieces::hand_on;

/// Escapes text for Markdown where no line starts (headings, link texts, emphasis).
pub fn escape_inline(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '#'
                | '|'
                | '~'
                | '^'
                | '$'
                | '{'
                | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes one line of a paragraph (callers split on newlines first), including a line start
/// that would open a list or a heading.
pub fn escape(line: &str) -> String {
    let mut out = escape_inline(line);
    // A line start that would open a list item, a heading underline or a numbered list.
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else if let Some(d) = out.find(|c: char| !c.is_ascii_digit())
        && d > 0
        && out[d..].starts_with(['.', ')'])
    {
        out.insert(d, '\\');
    }
    out
}

/// Several lines of text, escaped and joined with hard line breaks.
fn lines(text: &str) -> String {
    text.split('\n')
        .map(|l| escape(l.trim()))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\\\n")
}

fn heading(out: &mut String, level: usize, text: &str, anchor: Option<&str>) {
    out.push_str(&"#".repeat(level.clamp(1, 6)));
    out.push(' ');
    out.push_str(&escape_inline(text));
    if let Some(a) = anchor {
        out.push_str(&format!(" {{#{a}}}"));
    }
    out.push_str("\n\n");
}

fn quote(out: &mut String, text: &str) {
    for l in text.split('\n') {
        out.push_str("> ");
        out.push_str(l);
        out.push('\n');
    }
}

fn section(out: &mut String, annex: &Annex, s: &Section) {
    heading(out, s.depth + 2, &s.heading(), Some(&s.anchor));
    if annex.show_counts {
        out.push_str(&format!("*{}*\n\n", annex.counts_of(s)));
    }
    let memo = annex.words().memo;
    for m in &s.memos {
        out.push_str(&format!("**{memo} :** {}\n\n", lines(m)));
    }
    for v in &s.verbatims {
        let mut body = String::new();
        if !v.before.is_empty() {
            body.push_str(&format!("*[…] {}*\\\n", escape_inline(&v.before)));
        }
        body.push_str(&lines(&v.citation));
        if !v.after.is_empty() {
            body.push_str(&format!("\\\n*{} […]*", escape_inline(&v.after)));
        }
        quote(out, &body);
        out.push('\n');
        for m in &v.memos {
            out.push_str(&format!("*{memo} :* {}\n\n", lines(m)));
        }
    }
}

/// The annex handed to `put` in pieces of about `size` bytes (whole sections and transcripts),
/// as they are written (`usize::MAX`: in one piece).
pub fn write(annex: &Annex, progress: super::Progress, size: usize, put: &mut dyn FnMut(String)) {
    let w = annex.words();
    let mut out = String::with_capacity((annex.verbatim_count() * 400 + 4096).min(size));
    let lang = match annex.language {
        crate::model::Language::Fr => "fr",
        crate::model::Language::En => "en",
    };
    out.push_str(&format!(
        "---\ntitle: \"{}\"\nlang: {lang}\n---\n\n",
        annex.title.replace('\\', "\\\\").replace('"', "\\\"")
    ));
    heading(&mut out, 1, w.tree, Some("arbre"));
    for s in &annex.sections {
        out.push_str(&"    ".repeat(s.depth));
        out.push_str(&format!(
            "- [{}](#{})",
            escape_inline(&s.heading()),
            s.anchor
        ));
        if annex.show_counts {
            out.push_str(&format!(" ({})", annex.counts_of(s)));
        }
        out.push('\n');
    }
    out.push('\n');
    if annex.descriptions {
        heading(&mut out, 1, w.dictionary, Some("dictionnaire"));
        for s in &annex.sections {
            let d = s.description.trim();
            let d = if d.is_empty() {
                w.no_description.to_owned()
            } else {
                lines(d)
            };
            out.push_str(&format!("**{}**\\\n{d}\n\n", escape_inline(&s.heading())));
        }
    }
    heading(&mut out, 1, w.verbatims, Some("verbatims"));
    let total = annex.sections.len();
    for (i, s) in annex.sections.iter().enumerate() {
        section(&mut out, annex, s);
        progress(i + 1, total);
        hand_on(&mut out, size, put);
    }
    if !annex.transcripts.is_empty() {
        heading(&mut out, 1, w.transcripts, Some("retranscriptions"));
        for t in &annex.transcripts {
            heading(&mut out, 2, &t.label, Some(&t.anchor));
            if !t.attributes.is_empty() {
                out.push_str(&format!("*{}*\n\n", escape_inline(&t.attributes_line())));
            }
            for (n, who, text) in &t.turns {
                out.push_str(&format!("**{n}.** "));
                if let Some(who) = who {
                    out.push_str(&format!("**{} :** ", escape_inline(who)));
                }
                out.push_str(&lines(text));
                out.push_str("\n\n");
            }
            hand_on(&mut out, size, put);
        }
    }
    put(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_line_starts() {
        assert_eq!(
            escape("<script>*x*</script>"),
            "\\<script\\>\\*x\\*\\</script\\>"
        );
        assert_eq!(escape("- non, jamais"), "\\- non, jamais");
        assert_eq!(escape("12. Enquêteur"), "12\\. Enquêteur");
        assert_eq!(escape("# titre"), "\\# titre");
        assert_eq!(escape("l'accès « aux soins »"), "l'accès « aux soins »");
    }
}
