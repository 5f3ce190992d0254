//! Reading a `project.qde` (from any program) into plain data: users, codebook, variables, cases,
//! text sources with their selections and codings, notes and what points at them. Nothing here
//! touches the disk; [`super::qdpx_import`] builds the project from it.
//!
//! Invariants: every element we do not bring in (media, PDF and image sources, graphs, sets,
//! links between other things than a note and a coded item) is named in `dropped`; GUIDs are
//! compared as UUIDs (any case, braces or not).

use super::dom::El;
use super::parse_guid;
use super::qdc::{CodebookReport, read_codes, set_names};
use crate::codebook::Node;
use crate::ids::{CodingId, NodeId};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// One coding of a selection (or of a whole source).
#[derive(Debug, Clone)]
pub struct RCoding {
    /// Becomes the coding's id when it is not taken.
    pub guid: Option<CodingId>,
    pub node: Option<NodeId>,
    pub user: Option<Uuid>,
    pub at: Option<String>,
    pub notes: Vec<Uuid>,
}

/// A text selection as written: positions in the file's own unit.
#[derive(Debug, Clone)]
pub struct RSelection {
    pub guid: Option<Uuid>,
    pub start: usize,
    pub end: usize,
    pub name: Option<String>,
    pub description: Option<String>,
    pub codings: Vec<RCoding>,
    pub notes: Vec<Uuid>,
}

/// A text source.
#[derive(Debug, Clone)]
pub struct RSource {
    pub guid: Option<Uuid>,
    pub name: String,
    pub plain_path: Option<String>,
    pub inline: Option<String>,
    pub selections: Vec<RSelection>,
    /// Codings of the whole document.
    pub whole: Vec<RCoding>,
    pub notes: Vec<Uuid>,
    /// Document variables (MAXQDA): variable → value.
    pub values: Vec<(Uuid, String)>,
    pub description: Option<String>,
}

/// A case: its name (anonymous cases hold one document's attributes), values and sources.
#[derive(Debug, Clone)]
pub struct RCase {
    pub name: Option<String>,
    pub values: Vec<(Uuid, String)>,
    pub sources: Vec<Uuid>,
    pub notes: Vec<Uuid>,
}

/// A note: inline text, or a file.
#[derive(Debug, Clone)]
pub struct RNote {
    pub name: String,
    pub inline: Option<String>,
    pub path: Option<String>,
}

/// A whole project as read.
#[derive(Debug, Default)]
pub struct RProject {
    pub name: String,
    pub origin: String,
    pub users: HashMap<Uuid, String>,
    pub nodes: Vec<Node>,
    pub codebook: CodebookReport,
    /// Notes attached to codes.
    pub code_notes: Vec<(Uuid, Uuid)>,
    pub variables: BTreeMap<Uuid, String>,
    pub cases: Vec<RCase>,
    pub sources: Vec<RSource>,
    pub notes: BTreeMap<Uuid, RNote>,
    pub project_notes: Vec<Uuid>,
    pub description: Option<String>,
    /// Note → the item it annotates, from NVivo-style links.
    pub linked_notes: Vec<(Uuid, Uuid)>,
    /// What is not imported, one line each.
    pub dropped: Vec<String>,
}

fn guid_of(e: &El, attr: &str) -> Option<Uuid> {
    e.attr(attr).and_then(parse_guid)
}

fn note_refs(e: &El) -> Vec<Uuid> {
    e.all("NoteRef")
        .filter_map(|n| guid_of(n, "targetGUID"))
        .collect()
}

fn value_of(vv: &El) -> Option<(Uuid, String)> {
    let var = vv
        .child("VariableRef")
        .and_then(|r| guid_of(r, "targetGUID"))?;
    let value = vv
        .children
        .iter()
        .find(|c| c.name.ends_with("Value"))
        .map(|c| c.text.trim().to_owned())
        .unwrap_or_default();
    Some((var, value))
}

fn coding(c: &El) -> RCoding {
    RCoding {
        guid: guid_of(c, "guid").map(CodingId),
        node: (c.child("CodeRef").and_then(|r| guid_of(r, "targetGUID"))).map(NodeId),
        user: guid_of(c, "creatingUser"),
        at: c.attr("creationDateTime").map(str::to_owned),
        notes: note_refs(c),
    }
}

fn position(e: &El, attr: &str) -> Option<usize> {
    e.attr(attr)?
        .trim()
        .parse::<i64>()
        .ok()
        .map(|n| n.max(0) as usize)
}

fn text_source(s: &El, dropped: &mut Vec<String>) -> RSource {
    let name = s.attr("name").unwrap_or("").trim().to_owned();
    let mut selections = Vec::new();
    for sel in s.all("PlainTextSelection") {
        match (position(sel, "startPosition"), position(sel, "endPosition")) {
            (Some(start), Some(end)) => selections.push(RSelection {
                guid: guid_of(sel, "guid"),
                start,
                end,
                name: sel.attr("name").map(str::to_owned),
                description: sel.child_text("Description").map(|d| d.trim().to_owned()),
                codings: sel.all("Coding").map(coding).collect(),
                notes: note_refs(sel),
            }),
            _ => dropped.push(format!(
                "a selection of '{name}' without readable positions ({})",
                sel.attr("name").unwrap_or("no name")
            )),
        }
    }
    RSource {
        guid: guid_of(s, "guid"),
        name,
        plain_path: s.attr("plainTextPath").map(str::to_owned),
        inline: s.child_text("PlainTextContent").map(str::to_owned),
        selections,
        whole: s.all("Coding").map(coding).collect(),
        notes: note_refs(s),
        values: s.all("VariableValue").filter_map(value_of).collect(),
        description: s.child_text("Description").map(|d| d.trim().to_owned()),
    }
}

/// Reads a project's root element.
pub fn read(root: &El) -> RProject {
    let mut p = RProject {
        name: root.attr("name").unwrap_or("").trim().to_owned(),
        origin: root.attr("origin").unwrap_or("").to_owned(),
        ..Default::default()
    };
    if let Some(users) = root.child("Users") {
        for (i, u) in users.all("User").enumerate() {
            if let Some(id) = guid_of(u, "guid") {
                let name = u
                    .attr("name")
                    .or(u.attr("id"))
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map_or_else(|| format!("user{}", i + 1), str::to_owned);
                p.users.insert(id, name);
            }
        }
    }
    if let Some(codes) = root.child("CodeBook").and_then(|c| c.child("Codes")) {
        p.nodes = read_codes(codes, "", &mut HashSet::new(), &mut p.codebook);
        for c in codes.descendants().into_iter().filter(|c| c.name == "Code") {
            if let Some(id) = guid_of(c, "guid") {
                p.code_notes
                    .extend(note_refs(c).into_iter().map(|n| (id, n)));
            }
        }
    }
    if let Some(vars) = root.child("Variables") {
        for var in vars.all("Variable") {
            if let Some(id) = guid_of(var, "guid") {
                p.variables
                    .insert(id, var.attr("name").unwrap_or("variable").trim().to_owned());
            }
        }
    }
    if let Some(cases) = root.child("Cases") {
        for c in cases.all("Case") {
            p.cases.push(RCase {
                name: c
                    .attr("name")
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_owned),
                values: c.all("VariableValue").filter_map(value_of).collect(),
                sources: c
                    .all("SourceRef")
                    .filter_map(|r| guid_of(r, "targetGUID"))
                    .collect(),
                notes: note_refs(c),
            });
            if c.child("SelectionRef").is_some() {
                p.dropped
                    .push("selection references of a case (cases are whole sources here)".into());
            }
        }
    }
    if let Some(sources) = root.child("Sources") {
        for s in &sources.children {
            let name = s.attr("name").unwrap_or("(no name)");
            match s.name.as_str() {
                "TextSource" => p.sources.push(text_source(s, &mut p.dropped)),
                other => p.dropped.push(format!(
                    "{} '{name}' ({} selections): only text sources are imported",
                    other.trim_end_matches("Source").to_owned() + " source",
                    s.descendants()
                        .iter()
                        .filter(|d| d.name.ends_with("Selection"))
                        .count()
                )),
            }
        }
    }
    if let Some(notes) = root.child("Notes") {
        for n in notes.all("Note") {
            if let Some(id) = guid_of(n, "guid") {
                p.notes.insert(
                    id,
                    RNote {
                        name: n.attr("name").unwrap_or("").trim().to_owned(),
                        inline: n.child_text("PlainTextContent").map(str::to_owned),
                        path: n.attr("plainTextPath").map(str::to_owned),
                    },
                );
                if n.child("PlainTextSelection").is_some() {
                    p.dropped.push(format!(
                        "the selections inside note '{}'",
                        n.attr("name").unwrap_or("")
                    ));
                }
            }
        }
    }
    if let Some(links) = root.child("Links") {
        for l in links.all("Link") {
            let (o, t) = (guid_of(l, "originGUID"), guid_of(l, "targetGUID"));
            match (o, t) {
                (Some(o), Some(t)) if p.notes.contains_key(&o) => p.linked_notes.push((o, t)),
                (Some(o), Some(t)) if p.notes.contains_key(&t) => p.linked_notes.push((t, o)),
                _ => p.dropped.push(format!(
                    "link '{}' (links other than a note on an item are not imported)",
                    l.attr("name").unwrap_or("")
                )),
            }
        }
    }
    let sets = set_names(root);
    if !sets.is_empty() {
        p.dropped.push(format!(
            "{} set(s): {} (verbatim has no sets)",
            sets.len(),
            sets.join(", ")
        ));
    }
    if let Some(g) = root.child("Graphs") {
        p.dropped
            .push(format!("{} graph(s)", g.all("Graph").count()));
    }
    p.description = root
        .child_text("Description")
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_owned);
    p.project_notes = note_refs(root);
    p
}
