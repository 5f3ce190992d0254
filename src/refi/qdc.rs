//! `.qdc` codebooks: our code tree written as a REFI-QDA `CodeBook`, and any program's `.qdc` read
//! into one (hierarchy, names, descriptions, colours, `isCodable`).
//!
//! Invariants: node ids travel as GUIDs both ways, so a `.qdc` → codebook → `.qdc` round trip
//! keeps them; a code without a usable GUID gets one derived from its path (the same file gives
//! the same ids); sibling names are made unique (`Nom (2)`) and every such change, dropped colour
//! and dropped Set is in the report.

use super::dom::{self, El};
use super::xmlout::{Xml, v};
use super::{CODEBOOK_NS, guid, is_rgb, origin, parse_guid, read_color};
use crate::codebook::{Codebook, Node};
use crate::error::{Error, Result};
use crate::ids::NodeId;
use std::collections::HashSet;
use std::path::Path;
use uuid::Uuid;

/// What reading a codebook changed or left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodebookReport {
    /// Sets (groups of codes): we have no node groups, so they are not imported.
    pub sets_dropped: Vec<String>,
    /// `old name → new name` for siblings that had the same name, or none.
    pub renamed: Vec<String>,
    /// Colours that could not be read (`name: value`).
    pub colours_dropped: Vec<String>,
    /// Codes whose GUID was missing, unreadable or repeated (they got a new id).
    pub new_ids: Vec<String>,
}

impl CodebookReport {
    /// One line per thing to tell the user.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.sets_dropped.is_empty() {
            out.push(format!(
                "{} set(s) of codes not imported (verbatim has no code sets): {}",
                self.sets_dropped.len(),
                self.sets_dropped.join(", ")
            ));
        }
        for r in &self.renamed {
            out.push(format!("renamed a code: {r}"));
        }
        for c in &self.colours_dropped {
            out.push(format!("colour not understood, left out: {c}"));
        }
        if !self.new_ids.is_empty() {
            out.push(format!(
                "{} code(s) had no usable GUID and got a new one: {}",
                self.new_ids.len(),
                self.new_ids.join(", ")
            ));
        }
        out
    }
}

/// Writes `<Code>` elements for `nodes`; `notes` gives the Note ids to reference from a node
/// (project files only: a `.qdc` has no notes).
pub(crate) fn write_codes(x: &mut Xml, nodes: &[Node], notes: &dyn Fn(NodeId) -> Vec<Uuid>) {
    for n in nodes {
        let color = n
            .color
            .as_deref()
            .filter(|c| is_rgb(c))
            .map(|c| c.to_uppercase());
        let attrs = [
            ("guid", v(guid(n.id))),
            ("name", v(n.name.clone())),
            ("isCodable", v(if n.codable { "true" } else { "false" })),
            ("color", color),
        ];
        let refs = notes(n.id);
        if n.description.is_empty() && n.children.is_empty() && refs.is_empty() {
            x.empty("Code", &attrs);
            continue;
        }
        x.open("Code", &attrs);
        if !n.description.is_empty() {
            x.text("Description", &n.description);
        }
        for r in refs {
            x.empty("NoteRef", &[("targetGUID", v(guid(r)))]);
        }
        write_codes(x, &n.children, notes);
        x.close("Code");
    }
}

/// The `.qdc` of a codebook.
pub fn write(codebook: &Codebook) -> String {
    let mut x = Xml::new();
    x.open(
        "CodeBook",
        &[("xmlns", v(CODEBOOK_NS)), ("origin", v(origin()))],
    );
    if !codebook.nodes.is_empty() {
        x.open("Codes", &[]);
        write_codes(&mut x, &codebook.nodes, &|_| Vec::new());
        x.close("Codes");
    }
    x.close("CodeBook");
    x.out
}

/// Reads `<Code>` elements under `parent` into nodes.
pub(crate) fn read_codes(
    parent: &El,
    path: &str,
    seen: &mut HashSet<Uuid>,
    report: &mut CodebookReport,
) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::new();
    for (i, c) in parent.all("Code").enumerate() {
        let raw = c.attr("name").unwrap_or("").trim();
        let base = if raw.is_empty() {
            format!("(sans nom {})", i + 1)
        } else {
            raw.to_owned()
        };
        let mut name = base.clone();
        let mut k = 2;
        while out.iter().any(|n| n.name == name) {
            name = format!("{base} ({k})");
            k += 1;
        }
        if name != raw {
            report
                .renamed
                .push(format!("'{raw}' under '{path}' → '{name}'"));
        }
        let own_path = if path.is_empty() {
            crate::codebook::escape_segment(&name)
        } else {
            format!("{path}/{}", crate::codebook::escape_segment(&name))
        };
        let id = match c.attr("guid").and_then(parse_guid) {
            Some(id) if seen.insert(id) => id,
            _ => {
                report.new_ids.push(own_path.clone());
                let id = Uuid::new_v5(
                    &Uuid::NAMESPACE_URL,
                    format!("refi-code:{own_path}").as_bytes(),
                );
                seen.insert(id);
                id
            }
        };
        let color = c.attr("color").and_then(|raw| {
            let got = read_color(raw);
            if got.is_none() && !raw.trim().is_empty() {
                report.colours_dropped.push(format!("{name}: {raw}"));
            }
            got
        });
        let codable = !matches!(c.attr("isCodable").map(str::trim), Some("false" | "0"));
        out.push(Node {
            id: NodeId(id),
            name,
            color,
            description: c.child_text("Description").unwrap_or("").trim().to_owned(),
            codable,
            children: read_codes(c, &own_path, seen, report),
            extra: Default::default(),
        });
    }
    out
}

/// Names of the Sets of a codebook or project (dropped: we have no node groups).
pub(crate) fn set_names(root: &El) -> Vec<String> {
    root.child("Sets")
        .map(|s| {
            s.all("Set")
                .map(|set| set.attr("name").unwrap_or("(unnamed)").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Reads a `.qdc` file's text. Errors name the file.
pub fn read(origin_path: &Path, xml: &str) -> Result<(Codebook, CodebookReport)> {
    let root = dom::parse(xml).map_err(|e| Error::bad_input(origin_path, e))?;
    if root.name != "CodeBook" {
        return Err(Error::bad_input(
            origin_path,
            format!(
                "is not a REFI-QDA codebook (its root is <{}>, not <CodeBook>)",
                root.name
            ),
        ));
    }
    let mut report = CodebookReport::default();
    let nodes = root
        .child("Codes")
        .map(|codes| read_codes(codes, "", &mut HashSet::new(), &mut report))
        .unwrap_or_default();
    report.sets_dropped = set_names(&root);
    crate::codebook::check_tree(&nodes).map_err(|reason| Error::bad_input(origin_path, reason))?;
    Ok((
        Codebook {
            format: crate::model::FORMAT,
            nodes,
            extra: Default::default(),
        },
        report,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested_codes(levels: usize, name: &str) -> String {
        let mut xml = String::from("<CodeBook><Codes>");
        for i in 0..levels {
            xml.push_str(&format!("<Code name=\"{name}{i}\">"));
        }
        xml.push_str(&"</Code>".repeat(levels));
        xml.push_str("</Codes></CodeBook>");
        xml
    }

    #[test]
    fn the_codebook_limits_apply_to_a_qdc() {
        let (cb, _) = read(Path::new("ok.qdc"), &nested_codes(32, "n")).unwrap();
        assert_eq!(cb.len(), 32);
        let err = read(Path::new("deep.qdc"), &nested_codes(33, "n"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("deep.qdc: node '"), "{err}");
        assert!(err.contains("at most 32 levels"), "{err}");
        let err = read(Path::new("tab.qdc"), &nested_codes(1, "a&#9;b"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("control character"), "{err}");
        // Far too deep: refused while parsing, without building the tree.
        let err = read(Path::new("abyss.qdc"), &nested_codes(100_000, "n"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("nests elements deeper than"), "{err}");
    }

    #[test]
    fn a_codebook_survives_a_round_trip_with_its_ids() {
        let xml = include_str!("../../tests/fixtures/refi/minimal.qdc");
        let (cb, report) = read(Path::new("minimal.qdc"), xml).unwrap();
        assert_eq!(cb.nodes.len(), 2);
        assert!(!cb.nodes[0].codable);
        assert_eq!(cb.nodes[0].children[0].color.as_deref(), Some("#1F77B4"));
        assert_eq!(report.sets_dropped, ["Round 1"]);
        let again = read(Path::new("x.qdc"), &write(&cb)).unwrap().0;
        assert_eq!(again, cb);
    }

    #[test]
    fn a_flat_codebook_with_duplicates_and_loose_values_is_read_with_a_report() {
        let xml = r#"<CodeBook xmlns="urn:QDA-XML:codebook:1:0"><Codes>
            <Code guid="bad" name="Freins" isCodable="true" color="rgb(255,0,0)"/>
            <Code name="Freins" color="red"/>
            <Code guid="{1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d}" name=""/>
            </Codes><Sets/></CodeBook>"#;
        let (cb, report) = read(Path::new("t.qdc"), xml).unwrap();
        let names: Vec<&str> = cb.nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["Freins", "Freins (2)", "(sans nom 3)"]);
        assert_eq!(cb.nodes[0].color.as_deref(), Some("#FF0000"));
        assert_eq!(report.colours_dropped, ["Freins (2): red"]);
        assert_eq!(report.new_ids.len(), 2);
        assert_eq!(
            cb.nodes[2].id,
            parse_guid("1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D").unwrap()
        );
        assert!(
            report.sets_dropped.is_empty(),
            "an empty <Sets/> drops nothing"
        );
        let again = read(Path::new("t.qdc"), xml).unwrap().0;
        assert_eq!(again, cb, "the same file gives the same ids");
    }
}
