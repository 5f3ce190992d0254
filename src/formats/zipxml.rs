//! Reading one XML part out of a zip-based document (.docx, .odt) with limits, and walking its
//! elements and text with quick-xml, for the docx and odt extractors.
//!
//! Invariants: a part larger than [`MAX_PART_BYTES`] once inflated is refused (zip bombs), the
//! size being checked on the bytes actually inflated, not the archive's claim; a DOCTYPE is
//! refused (no entity expansion, ever).

use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// Largest inflated XML part we accept.
pub const MAX_PART_BYTES: u64 = 200 * 1024 * 1024;

/// Reads `name` from the zip archive in `bytes`. Errors are reasons, to be joined to a file name.
pub fn read_part(bytes: &[u8], name: &str, what: &str) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("is not a valid {what} file (the zip archive is damaged: {e})"))?;
    let entry = archive
        .by_name(name)
        .map_err(|_| format!("is not a valid {what} file (the archive has no {name})"))?;
    let mut xml = Vec::new();
    entry
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| format!("is not a valid {what} file ({name} cannot be inflated: {e})"))?;
    if xml.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "is refused: its {name} inflates to more than {} MB",
            MAX_PART_BYTES / (1024 * 1024)
        ));
    }
    String::from_utf8(xml).map_err(|_| format!("is not a valid {what} file ({name} is not UTF-8)"))
}

/// What the extractors are told as the XML is walked.
pub trait XmlVisitor {
    /// An element opens (`empty` when it closes at once). Names are local names (no prefix).
    fn open(&mut self, name: &str, attr: &dyn Fn(&str) -> Option<String>, empty: bool);
    /// An element closes (not called for empty elements).
    fn close(&mut self, name: &str);
    /// Character data, entities resolved.
    fn text(&mut self, text: &str);
}

/// Walks `xml`, calling `visitor`. Errors are reasons with the byte position.
pub fn walk(xml: &str, visitor: &mut dyn XmlVisitor) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("has broken XML near byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(e) => {
                let attr = |key: &str| attribute(&e, key);
                visitor.open(local(e.name().as_ref()), &attr, false);
            }
            Event::Empty(e) => {
                let attr = |key: &str| attribute(&e, key);
                visitor.open(local(e.name().as_ref()), &attr, true);
            }
            Event::End(e) => visitor.close(local(e.name().as_ref())),
            Event::Text(t) => visitor.text(&t.xml10_content()),
            Event::CData(t) => visitor.text(&t.into_inner()),
            Event::GeneralRef(r) => visitor.text(&resolve_reference(r).unwrap_or_default()),
            Event::DocType(_) => return Err("is refused: its XML declares a DOCTYPE".into()),
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// A character reference or one of XML's five predefined entities; `None` for anything else
/// (an entity we never expand).
pub(crate) fn resolve_reference(r: quick_xml::events::BytesRef<'_>) -> Option<String> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c.to_string()),
        _ => quick_xml::escape::resolve_predefined_entity(&r.into_inner()).map(str::to_owned),
    }
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

fn attribute(e: &quick_xml::events::BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| local(a.key.as_ref()) == key)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::default())
                .ok()
                .map(|v| v.into_owned())
        })
}
