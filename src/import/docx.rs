//! Text of a Word .docx: the paragraphs of `word/document.xml`, one per line, with tabs and line
//! breaks kept, tracked deletions dropped, insertions kept, and alternate content read once.
//!
//! Invariant: only visible body text is returned; tab-stop definitions, field codes, deleted
//! runs and fallback copies never leak into the transcript.

use crate::formats::zipxml::{XmlVisitor, read_part, walk};

/// Extracts the text of a .docx. Errors are reasons, to be joined to the file name.
pub fn extract(bytes: &[u8]) -> Result<String, String> {
    let xml = read_part(bytes, "word/document.xml", ".docx")?;
    let mut v = Docx::default();
    walk(&xml, &mut v)?;
    Ok(v.out.trim_end_matches('\n').to_owned())
}

#[derive(Default)]
struct Docx {
    out: String,
    in_text: bool,
    /// Depth inside elements whose content is skipped (properties, deletions, fallbacks).
    skip: usize,
}

const SKIPPED: &[&str] = &[
    "pPr",
    "rPr",
    "sectPr",
    "del",
    "moveFrom",
    "Fallback",
    "instrText",
    "delText",
];

impl XmlVisitor for Docx {
    fn open(&mut self, name: &str, _attr: &dyn Fn(&str) -> Option<String>, empty: bool) {
        if SKIPPED.contains(&name) {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        if self.skip > 0 {
            return;
        }
        match name {
            "t" if !empty => self.in_text = true,
            "tab" | "ptab" => self.out.push('\t'),
            "br" | "cr" => self.out.push('\n'),
            "noBreakHyphen" => self.out.push('\u{2011}'),
            "p" if empty => self.out.push('\n'),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        if SKIPPED.contains(&name) {
            self.skip = self.skip.saturating_sub(1);
            return;
        }
        if self.skip > 0 {
            return;
        }
        match name {
            "t" => self.in_text = false,
            "p" => self.out.push('\n'),
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.in_text && self.skip == 0 {
            self.out.push_str(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::testzip::zip_of;

    fn doc(body: &str) -> Vec<u8> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        zip_of(&[("word/document.xml", xml.as_bytes())])
    }

    #[test]
    fn paragraphs_tabs_breaks_and_entities() {
        let d = doc(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>M3</w:t></w:r><w:r><w:t xml:space="preserve"> : l&apos;accès</w:t><w:tab/><w:t>&#171;oui&#187;</w:t><w:br/><w:t>suite</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>Fin</w:t></w:r></w:p>"#,
        );
        assert_eq!(extract(&d).unwrap(), "M3 : l'accès\t«oui»\nsuite\n\nFin");
    }

    #[test]
    fn tracked_changes_keep_insertions_and_drop_deletions() {
        let d = doc(
            r#"<w:p><w:r><w:t>Le </w:t></w:r><w:del><w:r><w:delText>vieux </w:delText></w:r></w:del><w:ins><w:r><w:t>nouveau </w:t></w:r></w:ins><w:r><w:fldChar/><w:instrText>PAGE</w:instrText><w:t>texte</w:t></w:r></w:p>"#,
        );
        assert_eq!(extract(&d).unwrap(), "Le nouveau texte");
    }

    #[test]
    fn broken_archives_are_refused_with_a_reason() {
        assert!(
            extract(b"PK\x03\x04garbage")
                .unwrap_err()
                .contains("zip archive is damaged")
        );
        let no_doc = zip_of(&[("other.xml", b"<a/>")]);
        assert!(
            extract(&no_doc)
                .unwrap_err()
                .contains("no word/document.xml")
        );
        let doctype = zip_of(&[("word/document.xml", b"<!DOCTYPE x [<!ENTITY a 'b'>]><x/>")]);
        assert!(extract(&doctype).unwrap_err().contains("DOCTYPE"));
    }
}
