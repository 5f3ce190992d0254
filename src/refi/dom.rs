//! A small XML tree for reading REFI-QDA files: elements by local name (any namespace, or none,
//! is accepted: vendors write `1.0`, `1:0`, `0:4`…), attributes by local name, text content.
//!
//! Invariants: a DOCTYPE (and so any entity declaration) is refused before anything is built;
//! character and predefined entity references are resolved, nothing else is expanded; elements
//! nest at most [`crate::limits::MAX_XML_DEPTH`] deep, so walking a tree never exhausts the stack.

use quick_xml::events::{BytesStart, Event};

/// One element.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct El {
    /// Local name, without prefix.
    pub name: String,
    /// Attributes by local name, in document order.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<El>,
    /// Character data directly inside this element.
    pub text: String,
}

impl El {
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The first child with this local name.
    pub fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child with this local name.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of a child element (`<Description>…</Description>`), if any.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    /// Every descendant (this element excluded), depth first.
    pub fn descendants(&self) -> Vec<&El> {
        let mut out = Vec::new();
        let mut stack: Vec<&El> = self.children.iter().rev().collect();
        while let Some(e) = stack.pop() {
            out.push(e);
            stack.extend(e.children.iter().rev());
        }
        out
    }
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

fn element(e: &BytesStart<'_>) -> El {
    let attrs = e
        .attributes()
        .flatten()
        .filter(|a| !a.key.as_ref().starts_with("xmlns"))
        .map(|a| {
            let value = a
                .normalized_value(quick_xml::XmlVersion::default())
                .map(|v| v.into_owned())
                .unwrap_or_default();
            (local(a.key.as_ref()).to_owned(), value)
        })
        .collect();
    El {
        name: local(e.name().as_ref()).to_owned(),
        attrs,
        ..El::default()
    }
}

/// Parses `xml` into its root element. Errors are reasons (to follow a file name).
pub fn parse(xml: &str) -> Result<El, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<El> = vec![El::default()];
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("has broken XML near byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::DocType(_) => {
                return Err(
                    "is refused: its XML declares a DOCTYPE (entities are never expanded)".into(),
                );
            }
            Event::Start(e) => {
                if stack.len() > crate::limits::MAX_XML_DEPTH {
                    return Err(format!(
                        "nests elements deeper than {} levels",
                        crate::limits::MAX_XML_DEPTH
                    ));
                }
                stack.push(element(&e));
            }
            Event::Empty(e) => {
                let el = element(&e);
                stack.last_mut().expect("root").children.push(el);
            }
            Event::End(_) => {
                let done = stack.pop().expect("open element");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => return Err("has broken XML: an element closes twice".into()),
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.into_inner());
                }
            }
            Event::GeneralRef(r) => {
                let Some(resolved) = crate::formats::zipxml::resolve_reference(r) else {
                    return Err("uses an undeclared entity".into());
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err("has broken XML: an element is never closed".into());
    }
    let mut doc = stack.pop().expect("document");
    match doc.children.len() {
        1 => Ok(doc.children.remove(0)),
        _ => Err("has no single root element".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_any_namespace_by_local_name_and_refuses_doctypes() {
        let root = parse(
            "<?xml version=\"1.0\"?><q:CodeBook xmlns:q=\"urn:QDA-XML:codebook:1:0\">\
             <q:Codes><q:Code guid=\"a\" name=\"L&apos;accès &amp; co\"><q:Description>d&#233;j&#xE0;\
             </q:Description></q:Code></q:Codes></q:CodeBook>",
        )
        .unwrap();
        assert_eq!(root.name, "CodeBook");
        let code = root.child("Codes").unwrap().child("Code").unwrap();
        assert_eq!(code.attr("name"), Some("L'accès & co"));
        assert_eq!(code.child_text("Description"), Some("déjà"));
        let e = parse("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>").unwrap_err();
        assert!(e.contains("DOCTYPE"), "{e}");
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("").is_err());
    }
}
