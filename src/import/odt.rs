//! Text of an OpenDocument .odt: the paragraphs and headings of `content.xml`, one per line, with
//! `text:s` spaces, tabs and line breaks; notes, annotations and tracked deletions left out.
//!
//! Invariant: white space follows ODF rules (runs of spaces, tabs and newlines in the XML collapse
//! to one space; explicit `text:s`, `text:tab`, `text:line-break` are kept exactly).

use crate::formats::zipxml::{XmlVisitor, read_part, walk};

/// Extracts the text of an .odt. Errors are reasons, to be joined to the file name.
pub fn extract(bytes: &[u8]) -> Result<String, String> {
    let xml = read_part(bytes, "content.xml", ".odt")?;
    let mut v = Odt::default();
    walk(&xml, &mut v)?;
    Ok(v.out.trim_end_matches('\n').to_owned())
}

#[derive(Default)]
struct Odt {
    out: String,
    in_body: bool,
    /// Depth inside a paragraph or heading (they can nest through frames).
    in_para: usize,
    skip: usize,
    /// Whether the last character written was collapsible white space (or a line start).
    after_space: bool,
}

const SKIPPED: &[&str] = &["note", "annotation", "tracked-changes", "sequence-decls"];

impl XmlVisitor for Odt {
    fn open(&mut self, name: &str, attr: &dyn Fn(&str) -> Option<String>, empty: bool) {
        if name == "body" {
            self.in_body = !empty;
            return;
        }
        if !self.in_body {
            return;
        }
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
            "p" | "h" if empty => self.out.push('\n'),
            "p" | "h" => {
                self.in_para += 1;
                self.after_space = true;
            }
            "s" => {
                let n = attr("c")
                    .and_then(|c| c.parse::<usize>().ok())
                    .unwrap_or(1)
                    .min(1000);
                self.out.extend(std::iter::repeat_n(' ', n));
                self.after_space = false;
            }
            "tab" => {
                self.out.push('\t');
                self.after_space = false;
            }
            "line-break" => {
                self.out.push('\n');
                self.after_space = true;
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        if name == "body" || !self.in_body {
            self.in_body = false;
            return;
        }
        if SKIPPED.contains(&name) {
            self.skip = self.skip.saturating_sub(1);
            return;
        }
        if self.skip == 0 && matches!(name, "p" | "h") {
            self.in_para = self.in_para.saturating_sub(1);
            self.out.push('\n');
            self.after_space = true;
        }
    }

    fn text(&mut self, text: &str) {
        if self.skip > 0 || self.in_para == 0 {
            return;
        }
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                if !self.after_space {
                    self.out.push(' ');
                    self.after_space = true;
                }
            } else {
                self.out.push(c);
                self.after_space = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::testzip::zip_of;

    fn odt(body: &str) -> Vec<u8> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:automatic-styles><text:p>style junk</text:p></office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
        );
        zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", xml.as_bytes()),
        ])
    }

    #[test]
    fn paragraphs_spaces_tabs_and_breaks() {
        let d = odt(
            r#"<text:h>Entretien 3</text:h><text:p>Enquêteur :<text:s/>Bonjour<text:s text:c="2"/>vous<text:tab/>êtes
            <text:span>là</text:span> ?<text:line-break/>suite</text:p><text:p/><text:p>M3 : oui</text:p>"#,
        );
        assert_eq!(
            extract(&d).unwrap(),
            "Entretien 3\nEnquêteur : Bonjour  vous\têtes là ?\nsuite\n\nM3 : oui"
        );
    }

    #[test]
    fn notes_annotations_and_deletions_are_left_out() {
        let d = odt(
            r#"<text:tracked-changes><text:changed-region><text:deletion><text:p>effacé</text:p></text:deletion></text:changed-region></text:tracked-changes><text:p>Texte<text:note><text:note-body><text:p>note</text:p></text:note-body></text:note> gardé<office:annotation><text:p>commentaire</text:p></office:annotation></text:p>"#,
        );
        assert_eq!(extract(&d).unwrap(), "Texte gardé");
    }

    #[test]
    fn an_archive_without_content_is_refused() {
        assert!(
            extract(&zip_of(&[("mimetype", b"x")]))
                .unwrap_err()
                .contains("no content.xml")
        );
    }
}
