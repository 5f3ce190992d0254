//! The annex as one self-contained HTML file: inline style, a table of contents linking to an
//! anchor on every node (and transcript), verbatims as block quotes.
//!
//! Invariant: every piece of project text goes through [`escape`]; nothing is fetched (no
//! external style, script or font), so the file opens the same offline.

use super::annex::{Annex, Section};
use super::pieces::hand_on;
use crate::formats::xml::escape_into;

const STYLE: &str = "body{font-family:Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;\
padding:0 1em;line-height:1.5;color:#222}nav ul{list-style:none;padding-left:1.2em}\
nav>ul{padding-left:0}.counts{color:#666;font-size:.9em}blockquote{margin:.8em 0 .8em 1.5em;\
padding-left:.8em;border-left:3px solid #ccc;font-style:italic}.context{color:#777;\
font-size:.9em;font-style:normal}dt{font-weight:bold;margin-top:.6em}.turn{margin:.3em 0}\
.who{font-weight:bold}.memo{margin-left:1.5em;font-size:.9em}.n{color:#888;display:inline-block;min-width:2.5em}";

fn esc(out: &mut String, text: &str) {
    escape_into(out, text);
}

/// Escaped text with newlines as `<br>`.
fn esc_lines(out: &mut String, text: &str) {
    for (i, l) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>\n");
        }
        esc(out, l.trim());
    }
}

fn tree(out: &mut String, annex: &Annex) {
    let mut depth: Option<usize> = None;
    for s in &annex.sections {
        match depth {
            None => out.push_str("<ul>\n<li>"),
            Some(d) if s.depth > d => {
                for _ in d..s.depth {
                    out.push_str("<ul>\n<li>");
                }
            }
            Some(d) => {
                out.push_str("</li>\n");
                for _ in s.depth..d {
                    out.push_str("</ul></li>\n");
                }
                out.push_str("<li>");
            }
        }
        out.push_str(&format!("<a href=\"#{}\">", s.anchor));
        esc(out, &s.heading());
        out.push_str("</a>");
        if annex.show_counts {
            out.push_str(" <span class=\"counts\">(");
            esc(out, &annex.counts_of(s));
            out.push_str(")</span>");
        }
        depth = Some(s.depth);
    }
    if let Some(d) = depth {
        out.push_str("</li>\n");
        for _ in 0..d {
            out.push_str("</ul></li>\n");
        }
        out.push_str("</ul>\n");
    }
}

fn section(out: &mut String, annex: &Annex, s: &Section) {
    let level = (s.depth + 2).min(6);
    out.push_str(&format!("<h{level} id=\"{}\">", s.anchor));
    esc(out, &s.heading());
    out.push_str(&format!("</h{level}>\n"));
    if annex.show_counts {
        out.push_str("<p class=\"counts\">");
        esc(out, &annex.counts_of(s));
        out.push_str("</p>\n");
    }
    let memo = annex.words().memo;
    for m in &s.memos {
        out.push_str(&format!("<p class=\"memo\"><b>{memo} :</b> "));
        esc_lines(out, m);
        out.push_str("</p>\n");
    }
    for v in &s.verbatims {
        out.push_str("<blockquote>");
        if !v.before.is_empty() {
            out.push_str("<p class=\"context\">[…] ");
            esc(out, &v.before);
            out.push_str("</p>");
        }
        out.push_str("<p>");
        esc_lines(out, &v.citation);
        out.push_str("</p>");
        if !v.after.is_empty() {
            out.push_str("<p class=\"context\">");
            esc(out, &v.after);
            out.push_str(" […]</p>");
        }
        out.push_str("</blockquote>\n");
        for m in &v.memos {
            out.push_str(&format!("<p class=\"memo\"><i>{memo} :</i> "));
            esc_lines(out, m);
            out.push_str("</p>\n");
        }
    }
}

/// The annex handed to `put` in pieces of about `size` bytes (whole sections and transcripts),
/// as they are written (`usize::MAX`: in one piece).
pub fn write(annex: &Annex, progress: super::Progress, size: usize, put: &mut dyn FnMut(String)) {
    let w = annex.words();
    let lang = match annex.language {
        crate::model::Language::Fr => "fr",
        crate::model::Language::En => "en",
    };
    let mut out = String::with_capacity((annex.verbatim_count() * 450 + 8192).min(size));
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
    ));
    esc(&mut out, &annex.title);
    out.push_str(&format!(
        "</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>"
    ));
    esc(&mut out, &annex.title);
    out.push_str("</h1>\n<nav>\n<h2>");
    esc(&mut out, w.contents);
    out.push_str("</h2>\n<ul>\n");
    out.push_str(&format!("<li><a href=\"#arbre\">{}</a></li>\n", w.tree));
    if annex.descriptions {
        out.push_str(&format!(
            "<li><a href=\"#dictionnaire\">{}</a></li>\n",
            w.dictionary
        ));
    }
    out.push_str(&format!("<li><a href=\"#verbatims\">{}</a>", w.verbatims));
    tree(&mut out, annex);
    out.push_str("</li>\n");
    if !annex.transcripts.is_empty() {
        out.push_str(&format!(
            "<li><a href=\"#retranscriptions\">{}</a><ul>\n",
            w.transcripts
        ));
        for t in &annex.transcripts {
            out.push_str(&format!("<li><a href=\"#{}\">", t.anchor));
            esc(&mut out, &t.label);
            out.push_str("</a></li>\n");
        }
        out.push_str("</ul></li>\n");
    }
    out.push_str("</ul>\n</nav>\n");
    out.push_str(&format!("<h1 id=\"arbre\">{}</h1>\n", w.tree));
    tree(&mut out, annex);
    if annex.descriptions {
        out.push_str(&format!(
            "<h1 id=\"dictionnaire\">{}</h1>\n<dl>\n",
            w.dictionary
        ));
        for s in &annex.sections {
            out.push_str("<dt>");
            esc(&mut out, &s.heading());
            out.push_str("</dt><dd>");
            let d = s.description.trim();
            esc_lines(&mut out, if d.is_empty() { w.no_description } else { d });
            out.push_str("</dd>\n");
        }
        out.push_str("</dl>\n");
    }
    out.push_str(&format!("<h1 id=\"verbatims\">{}</h1>\n", w.verbatims));
    let total = annex.sections.len();
    for (i, s) in annex.sections.iter().enumerate() {
        section(&mut out, annex, s);
        progress(i + 1, total);
        hand_on(&mut out, size, put);
    }
    if !annex.transcripts.is_empty() {
        out.push_str(&format!(
            "<h1 id=\"retranscriptions\">{}</h1>\n",
            w.transcripts
        ));
        for t in &annex.transcripts {
            out.push_str(&format!("<h2 id=\"{}\">", t.anchor));
            esc(&mut out, &t.label);
            out.push_str("</h2>\n");
            if !t.attributes.is_empty() {
                out.push_str("<p class=\"counts\">");
                esc(&mut out, &t.attributes_line());
                out.push_str("</p>\n");
            }
            for (n, who, text) in &t.turns {
                out.push_str(&format!("<p class=\"turn\"><span class=\"n\">{n}.</span> "));
                if let Some(who) = who {
                    out.push_str("<span class=\"who\">");
                    esc(&mut out, who);
                    out.push_str(" :</span> ");
                }
                esc_lines(&mut out, text);
                out.push_str("</p>\n");
            }
            hand_on(&mut out, size, put);
        }
    }
    out.push_str("</body>\n</html>\n");
    put(out);
}
