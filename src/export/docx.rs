//! The annex as a Word document, written directly as WordprocessingML (the parts Word needs and no
//! more): the built-in heading styles (`heading 1`…`heading 9`, shown as « Titre 1 »… in a French
//! Word, with outline levels, so the thesis table of contents picks them up), `Title`, `Quote` for
//! verbatims and a grey `Verbatim context` style.
//!
//! Invariants: the same annex gives the same bytes (no time stamps, fixed zip dates and order);
//! all text is XML-escaped; each verbatim is one `Quote` paragraph, its lines joined by breaks.

use super::annex::{Annex, Section};
use super::parts::Part;
use super::pieces::hand_on;
use crate::formats::xml::escape_into;
use crate::model::Language;

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A run of text: (text, bold, italic).
type Run<'a> = (&'a str, bool, bool);

/// A document body being written.
struct Body {
    xml: String,
}

impl Body {
    fn para(&mut self, style: Option<&str>, indent_twips: usize, runs: &[Run]) {
        self.xml.push_str("<w:p>");
        if style.is_some() || indent_twips > 0 {
            self.xml.push_str("<w:pPr>");
            if let Some(s) = style {
                self.xml.push_str(&format!("<w:pStyle w:val=\"{s}\"/>"));
            }
            if indent_twips > 0 {
                self.xml
                    .push_str(&format!("<w:ind w:left=\"{indent_twips}\"/>"));
            }
            self.xml.push_str("</w:pPr>");
        }
        for (text, bold, italic) in runs {
            self.run(text, *bold, *italic);
        }
        self.xml.push_str("</w:p>\n");
    }

    /// A run; newlines in `text` become line breaks.
    fn run(&mut self, text: &str, bold: bool, italic: bool) {
        self.xml.push_str("<w:r>");
        if bold || italic {
            self.xml.push_str("<w:rPr>");
            if bold {
                self.xml.push_str("<w:b/>");
            }
            if italic {
                self.xml.push_str("<w:i/>");
            }
            self.xml.push_str("</w:rPr>");
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.xml.push_str("<w:br/>");
            }
            self.xml.push_str("<w:t xml:space=\"preserve\">");
            escape_into(&mut self.xml, line);
            self.xml.push_str("</w:t>");
        }
        self.xml.push_str("</w:r>");
    }

    fn heading(&mut self, level: usize, text: &str) {
        let style = format!("Heading{}", level.clamp(1, 9));
        self.para(Some(&style), 0, &[(text, false, false)]);
    }
}

fn section(b: &mut Body, annex: &Annex, s: &Section) {
    b.heading(s.depth + 2, &s.heading());
    if annex.show_counts {
        b.para(None, 0, &[(&annex.counts_of(s), false, true)]);
    }
    let memo = format!("{} : ", annex.words().memo);
    for m in &s.memos {
        b.para(None, 0, &[(&memo, true, false), (m, false, false)]);
    }
    for v in &s.verbatims {
        if !v.before.is_empty() {
            b.para(
                Some("VerbatimContext"),
                0,
                &[(&format!("[…] {}", v.before), false, false)],
            );
        }
        b.para(Some("Quote"), 0, &[(v.citation.trim(), false, false)]);
        if !v.after.is_empty() {
            b.para(
                Some("VerbatimContext"),
                0,
                &[(&format!("{} […]", v.after), false, false)],
            );
        }
        for m in &v.memos {
            b.para(None, 567, &[(&memo, false, true), (m, false, false)]);
        }
    }
}

/// The document part's name.
pub(super) const BODY: &str = "word/document.xml";

/// The document part handed to `put` in pieces of about `size` bytes (whole sections and
/// transcripts), as it is written (`usize::MAX`: in one piece).
pub(super) fn document(
    annex: &Annex,
    progress: super::Progress,
    size: usize,
    put: &mut dyn FnMut(String),
) {
    let w = annex.words();
    let mut b = Body {
        xml: String::with_capacity((annex.verbatim_count() * 600 + 16_384).min(size)),
    };
    b.xml.push_str(&format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>\n"
    ));
    b.para(Some("Title"), 0, &[(&annex.title, false, false)]);
    b.heading(1, w.tree);
    for s in &annex.sections {
        let counts = if annex.show_counts {
            format!(" ({})", annex.counts_of(s))
        } else {
            String::new()
        };
        b.para(
            None,
            360 * s.depth,
            &[(&s.heading(), s.depth == 0, false), (&counts, false, true)],
        );
    }
    if annex.descriptions {
        b.heading(1, w.dictionary);
        for s in &annex.sections {
            let d = s.description.trim();
            b.para(None, 0, &[(&s.heading(), true, false)]);
            b.para(
                None,
                360,
                &[(
                    if d.is_empty() { w.no_description } else { d },
                    false,
                    false,
                )],
            );
        }
    }
    b.heading(1, w.verbatims);
    let total = annex.sections.len();
    for (i, s) in annex.sections.iter().enumerate() {
        section(&mut b, annex, s);
        progress(i + 1, total);
        hand_on(&mut b.xml, size, put);
    }
    if !annex.transcripts.is_empty() {
        b.heading(1, w.transcripts);
        for t in &annex.transcripts {
            b.heading(2, &t.label);
            if !t.attributes.is_empty() {
                b.para(None, 0, &[(&t.attributes_line(), false, true)]);
            }
            for (n, who, text) in &t.turns {
                let num = format!("{n}. ");
                let who = who.as_ref().map(|w| format!("{w} : ")).unwrap_or_default();
                b.para(
                    None,
                    0,
                    &[
                        (&num, false, false),
                        (&who, true, false),
                        (text, false, false),
                    ],
                );
            }
            hand_on(&mut b.xml, size, put);
        }
    }
    b.xml.push_str(
        "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1417\" w:right=\"1417\" \
         w:bottom=\"1417\" w:left=\"1417\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/>\
         </w:sectPr></w:body></w:document>\n",
    );
    put(b.xml);
}

fn styles(language: Language) -> String {
    let lang = match language {
        Language::Fr => "fr-FR",
        Language::En => "en-GB",
    };
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {NS}>\
         <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" \
         w:cs=\"Calibri\"/><w:sz w:val=\"22\"/><w:lang w:val=\"{lang}\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/>\
         </w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>\
         <w:qFormat/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>\
         <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>\
         <w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:sz w:val=\"48\"/></w:rPr></w:style>"
    );
    let sizes = [32, 28, 26, 24, 22, 22, 22, 22, 22];
    for (i, size) in sizes.iter().enumerate() {
        let n = i + 1;
        s.push_str(&format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"Heading{n}\"><w:name w:val=\"heading {n}\"/>\
             <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/>\
             <w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before=\"{}\" \
             w:after=\"120\"/><w:outlineLvl w:val=\"{i}\"/></w:pPr><w:rPr><w:b/>\
             <w:sz w:val=\"{size}\"/></w:rPr></w:style>",
            if n == 1 { 360 } else { 240 }
        ));
    }
    s.push_str(
        "<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/>\
         <w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"29\"/>\
         <w:qFormat/><w:pPr><w:spacing w:before=\"60\" w:after=\"120\"/><w:ind w:left=\"567\" \
         w:right=\"567\"/><w:jc w:val=\"both\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"VerbatimContext\">\
         <w:name w:val=\"Verbatim context\"/><w:basedOn w:val=\"Normal\"/><w:pPr>\
         <w:spacing w:after=\"0\"/><w:ind w:left=\"567\" w:right=\"567\"/></w:pPr><w:rPr>\
         <w:color w:val=\"777777\"/><w:sz w:val=\"18\"/></w:rPr></w:style></w:styles>\n",
    );
    s
}

/// The document's parts around its document part (its bytes).
pub(super) fn parts_around(annex: &Annex, body: Vec<u8>) -> Vec<Part> {
    let mut title = String::new();
    escape_into(&mut title, &annex.title);
    vec![
    Part::deflated(
        "[Content_Types].xml",
        b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
</Types>\n",
    ),
    Part::deflated(
        "_rels/.rels",
        b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>\n",
    ),
    Part::deflated(
        "docProps/core.xml",
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties \
             xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
             xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{title}</dc:title>\
             <dc:creator>verbatim</dc:creator></cp:coreProperties>\n"
        )
        .as_bytes(),
    ),
    Part::deflated(
        "word/_rels/document.xml.rels",
        b"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
</Relationships>\n",
    ),
    Part::deflated("word/styles.xml", styles(annex.language)),
    Part::deflated(BODY, body),
    ]
}
