//! The annex as an OpenDocument text (ODT 1.3), written directly: `mimetype` first and stored,
//! then manifest, meta, styles and content. Headings are `text:h` with outline levels in the
//! standard `Heading 1`… styles (« Titre 1 »… in a French LibreOffice), so the thesis table of
//! contents picks them up; verbatims use the standard `Quotations` style.
//!
//! Invariants: the same annex gives the same bytes; all text is XML-escaped, and runs of spaces,
//! tabs and newlines become `text:s`, `text:tab` and `text:line-break` so nothing collapses.

use super::annex::{Annex, Section};
use super::parts::Part;
use super::pieces::hand_on;
use crate::formats::xml::escape_into;
use crate::model::Language;

const NS: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" office:version=\"1.3\"";

/// Appends text with ODF white-space rules: extra spaces as `text:s`, tabs, line breaks.
fn text_into(out: &mut String, text: &str) {
    let mut spaces = 0usize;
    let flush = |out: &mut String, spaces: &mut usize| {
        if *spaces > 0 {
            out.push(' ');
            if *spaces > 1 {
                out.push_str(&format!("<text:s text:c=\"{}\"/>", *spaces - 1));
            }
            *spaces = 0;
        }
    };
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, ' ' | '\t' | '\n') {
            escape_into(out, &text[start..i]);
            start = i + c.len_utf8();
            match c {
                ' ' => spaces += 1,
                '\t' => {
                    flush(out, &mut spaces);
                    out.push_str("<text:tab/>");
                }
                _ => {
                    flush(out, &mut spaces);
                    out.push_str("<text:line-break/>");
                }
            }
        } else if spaces > 0 {
            flush(out, &mut spaces);
        }
    }
    escape_into(out, &text[start..]);
    flush(out, &mut spaces);
}

/// A run: (text, automatic text style or "").
type Run<'a> = (&'a str, &'a str);

fn para(out: &mut String, style: &str, runs: &[Run]) {
    out.push_str(&format!("<text:p text:style-name=\"{style}\">"));
    for (text, span) in runs {
        if span.is_empty() {
            text_into(out, text);
        } else {
            out.push_str(&format!("<text:span text:style-name=\"{span}\">"));
            text_into(out, text);
            out.push_str("</text:span>");
        }
    }
    out.push_str("</text:p>\n");
}

fn heading(out: &mut String, level: usize, text: &str) {
    let level = level.clamp(1, 10);
    out.push_str(&format!(
        "<text:h text:style-name=\"Heading_20_{level}\" text:outline-level=\"{level}\">"
    ));
    text_into(out, text);
    out.push_str("</text:h>\n");
}

fn section(out: &mut String, annex: &Annex, s: &Section) {
    heading(out, s.depth + 2, &s.heading());
    if annex.show_counts {
        para(out, "Standard", &[(&annex.counts_of(s), "Ti")]);
    }
    let memo = format!("{} : ", annex.words().memo);
    for m in &s.memos {
        para(out, "Standard", &[(&memo, "Tb"), (m, "")]);
    }
    for v in &s.verbatims {
        if !v.before.is_empty() {
            para(
                out,
                "Verbatim_20_context",
                &[(&format!("[…] {}", v.before), "")],
            );
        }
        para(out, "Quotations", &[(v.citation.trim(), "")]);
        if !v.after.is_empty() {
            para(
                out,
                "Verbatim_20_context",
                &[(&format!("{} […]", v.after), "")],
            );
        }
        for m in &v.memos {
            para(out, "Ind1", &[(&memo, "Ti"), (m, "")]);
        }
    }
}

/// The content part's name.
pub(super) const BODY: &str = "content.xml";

/// The content part handed to `put` in pieces of about `size` bytes (whole sections and
/// transcripts), as it is written (`usize::MAX`: in one piece).
pub(super) fn content(
    annex: &Annex,
    progress: super::Progress,
    size: usize,
    put: &mut dyn FnMut(String),
) {
    let w = annex.words();
    let mut out = String::with_capacity((annex.verbatim_count() * 500 + 16_384).min(size));
    out.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content {NS}>\
         <office:automatic-styles>\
         <style:style style:name=\"Tb\" style:family=\"text\"><style:text-properties \
         fo:font-weight=\"bold\"/></style:style>\
         <style:style style:name=\"Ti\" style:family=\"text\"><style:text-properties \
         fo:font-style=\"italic\"/></style:style>"
    ));
    for d in 1..=9 {
        out.push_str(&format!(
            "<style:style style:name=\"Ind{d}\" style:family=\"paragraph\" \
             style:parent-style-name=\"Standard\"><style:paragraph-properties \
             fo:margin-left=\"{:.2}cm\"/></style:style>",
            0.63 * d as f64
        ));
    }
    out.push_str("</office:automatic-styles><office:body><office:text>\n");
    para(&mut out, "Title", &[(&annex.title, "")]);
    heading(&mut out, 1, w.tree);
    for s in &annex.sections {
        let style = if s.depth == 0 {
            "Standard".to_owned()
        } else {
            format!("Ind{}", s.depth.min(9))
        };
        let counts = if annex.show_counts {
            format!(" ({})", annex.counts_of(s))
        } else {
            String::new()
        };
        let name_style = if s.depth == 0 { "Tb" } else { "" };
        para(
            &mut out,
            &style,
            &[(&s.heading(), name_style), (&counts, "Ti")],
        );
    }
    if annex.descriptions {
        heading(&mut out, 1, w.dictionary);
        for s in &annex.sections {
            let d = s.description.trim();
            para(&mut out, "Standard", &[(&s.heading(), "Tb")]);
            para(
                &mut out,
                "Ind1",
                &[(if d.is_empty() { w.no_description } else { d }, "")],
            );
        }
    }
    heading(&mut out, 1, w.verbatims);
    let total = annex.sections.len();
    for (i, s) in annex.sections.iter().enumerate() {
        section(&mut out, annex, s);
        progress(i + 1, total);
        hand_on(&mut out, size, put);
    }
    if !annex.transcripts.is_empty() {
        heading(&mut out, 1, w.transcripts);
        for t in &annex.transcripts {
            heading(&mut out, 2, &t.label);
            if !t.attributes.is_empty() {
                para(&mut out, "Standard", &[(&t.attributes_line(), "Ti")]);
            }
            for (n, who, text) in &t.turns {
                let num = format!("{n}. ");
                let who = who.as_ref().map(|w| format!("{w} : ")).unwrap_or_default();
                para(
                    &mut out,
                    "Standard",
                    &[(&num, ""), (&who, "Tb"), (text, "")],
                );
            }
            hand_on(&mut out, size, put);
        }
    }
    out.push_str("</office:text></office:body></office:document-content>\n");
    put(out);
}

fn styles(language: Language) -> String {
    let (lang, country) = match language {
        Language::Fr => ("fr", "FR"),
        Language::En => ("en", "GB"),
    };
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles {NS}><office:styles>\
         <style:default-style style:family=\"paragraph\"><style:paragraph-properties \
         fo:margin-top=\"0cm\" fo:margin-bottom=\"0.21cm\"/><style:text-properties \
         fo:font-size=\"11pt\" fo:language=\"{lang}\" fo:country=\"{country}\"/>\
         </style:default-style>\
         <style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>\
         <style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" \
         style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"text\"/>\
         <style:style style:name=\"Title\" style:family=\"paragraph\" \
         style:parent-style-name=\"Standard\" style:next-style-name=\"Text_20_body\" \
         style:class=\"chapter\"><style:paragraph-properties fo:margin-bottom=\"0.42cm\"/>\
         <style:text-properties fo:font-size=\"24pt\"/></style:style>\
         <style:style style:name=\"Heading\" style:family=\"paragraph\" \
         style:parent-style-name=\"Standard\" style:next-style-name=\"Text_20_body\" \
         style:class=\"text\"><style:paragraph-properties fo:margin-top=\"0.42cm\" \
         fo:margin-bottom=\"0.21cm\" fo:keep-with-next=\"always\"/><style:text-properties \
         fo:font-weight=\"bold\"/></style:style>"
    );
    let sizes = [16, 14, 13, 12, 11, 11, 11, 11, 11, 11];
    for (i, size) in sizes.iter().enumerate() {
        let n = i + 1;
        s.push_str(&format!(
            "<style:style style:name=\"Heading_20_{n}\" style:display-name=\"Heading {n}\" \
             style:family=\"paragraph\" style:parent-style-name=\"Heading\" \
             style:next-style-name=\"Text_20_body\" style:default-outline-level=\"{n}\" \
             style:class=\"text\"><style:text-properties fo:font-size=\"{size}pt\" \
             fo:font-weight=\"bold\"/></style:style>"
        ));
    }
    s.push_str(
        "<style:style style:name=\"Quotations\" style:family=\"paragraph\" \
         style:parent-style-name=\"Standard\" style:class=\"html\"><style:paragraph-properties \
         fo:margin-left=\"1cm\" fo:margin-right=\"1cm\" fo:margin-top=\"0.1cm\" \
         fo:margin-bottom=\"0.21cm\" fo:text-align=\"justify\"/><style:text-properties \
         fo:font-style=\"italic\"/></style:style>\
         <style:style style:name=\"Verbatim_20_context\" style:display-name=\"Verbatim context\" \
         style:family=\"paragraph\" style:parent-style-name=\"Standard\"><style:paragraph-properties \
         fo:margin-left=\"1cm\" fo:margin-right=\"1cm\" fo:margin-bottom=\"0cm\"/>\
         <style:text-properties fo:color=\"#777777\" fo:font-size=\"9pt\"/></style:style>\
         </office:styles><office:automatic-styles><style:page-layout style:name=\"pm1\">\
         <style:page-layout-properties fo:page-width=\"21cm\" fo:page-height=\"29.7cm\" \
         fo:margin-top=\"2.5cm\" fo:margin-bottom=\"2.5cm\" fo:margin-left=\"2.5cm\" \
         fo:margin-right=\"2.5cm\"/></style:page-layout></office:automatic-styles>\
         <office:master-styles><style:master-page style:name=\"Standard\" \
         style:page-layout-name=\"pm1\"/></office:master-styles></office:document-styles>\n",
    );
    s
}

/// The document's parts around its content part (its bytes).
pub(super) fn parts_around(annex: &Annex, body: Vec<u8>) -> Vec<Part> {
    let mut title = String::new();
    escape_into(&mut title, &annex.title);
    vec![
    Part::stored("mimetype", b"application/vnd.oasis.opendocument.text"),
    Part::deflated(
        "META-INF/manifest.xml",
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest \
xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.3\">\
<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" \
manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>\
<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
<manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\
<manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>\
</manifest:manifest>\n",
    ),
    Part::deflated(
        "meta.xml",
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta {NS}><office:meta>\
             <dc:title>{title}</dc:title><meta:generator>verbatim</meta:generator>\
             </office:meta></office:document-meta>\n"
        )
        .as_bytes(),
    ),
    Part::deflated("styles.xml", styles(annex.language)),
    Part::deflated(BODY, body),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_survives_and_markup_is_escaped() {
        let mut s = String::new();
        text_into(&mut s, "a  b\tc\nd <x>");
        assert_eq!(
            s,
            "a <text:s text:c=\"1\"/>b<text:tab/>c<text:line-break/>d &lt;x&gt;"
        );
    }
}
