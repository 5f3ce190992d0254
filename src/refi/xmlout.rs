//! Writing REFI-QDA XML: an indented element writer that escapes text and attribute values
//! (newlines and tabs in attributes as character references, so a reader gets them back).
//!
//! Invariant: output is well-formed UTF-8 XML; attributes are written in the order given.

use crate::formats::xml::escape_into;

/// An XML document being written.
pub struct Xml {
    pub out: String,
    depth: usize,
}

/// An attribute: name and value (`None` leaves it out).
pub type Attr<'a> = (&'a str, Option<String>);

impl Xml {
    pub fn new() -> Self {
        Self {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            depth: 0,
        }
    }

    fn start(&mut self, name: &str, attrs: &[Attr]) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            if let Some(v) = v {
                self.out.push(' ');
                self.out.push_str(k);
                self.out.push_str("=\"");
                for c in v.chars() {
                    match c {
                        '\n' => self.out.push_str("&#10;"),
                        '\t' => self.out.push_str("&#9;"),
                        '\r' => self.out.push_str("&#13;"),
                        c => {
                            let mut b = [0u8; 4];
                            escape_into(&mut self.out, c.encode_utf8(&mut b));
                        }
                    }
                }
                self.out.push('"');
            }
        }
    }

    /// `<name …>` and a new indentation level.
    pub fn open(&mut self, name: &str, attrs: &[Attr]) {
        self.start(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    /// `<name …/>`.
    pub fn empty(&mut self, name: &str, attrs: &[Attr]) {
        self.start(name, attrs);
        self.out.push_str("/>\n");
    }

    pub fn close(&mut self, name: &str) {
        self.depth -= 1;
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push_str(&format!("</{name}>\n"));
    }

    /// `<name>text</name>` on one line (the text escaped, its newlines kept).
    pub fn text(&mut self, name: &str, text: &str) {
        self.start(name, &[]);
        self.out.push('>');
        escape_into(&mut self.out, text);
        self.out.push_str(&format!("</{name}>\n"));
    }
}

/// `Some(value)`, for attribute lists.
pub fn v(s: impl Into<String>) -> Option<String> {
    Some(s.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_keep_newlines_and_markup_is_escaped() {
        let mut x = Xml::new();
        x.open("A", &[("name", v("l'a\n<b>")), ("skip", None)]);
        x.text("Description", "x & y\nz");
        x.close("A");
        assert_eq!(
            x.out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<A name=\"l&apos;a&#10;&lt;b&gt;\">\n  \
             <Description>x &amp; y\nz</Description>\n</A>\n"
        );
        let back = super::super::dom::parse(&x.out).unwrap();
        assert_eq!(back.attr("name"), Some("l'a\n<b>"));
    }
}
