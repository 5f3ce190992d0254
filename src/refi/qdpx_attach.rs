//! What a `.qdpx` attaches to its sources, once they are in the new project: cases (a named
//! case becomes the case of its sources; variables become case attributes, also when given on
//! an anonymous case or on the document itself) and notes (memos on the project, a node, a
//! source or a coding — whatever the note annotates).
//!
//! Invariants: sources are handled in file order, each with its own placement (a GUID given
//! twice cannot send one source's memos to another); a note on nothing becomes a project memo;
//! a note that cannot be read is reported, never dropped silently.

use super::archive::QdpxArchive;
use super::guid;
use super::qde_read::{RProject, RSelection, RSource};
use super::qdpx_import::Placed;
use crate::codebook::Codebook;
use crate::error::Result;
use crate::ids::MemoId;
use crate::ids::SourceId;
use crate::ids::{CodingId, NodeId};
use crate::memo::{Memo, Target};
use crate::project::Project;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Placed sources by the GUID the file gave them (the first, when a GUID repeats).
fn by_guid<'a>(sources: &[(&RSource, &'a Placed)]) -> HashMap<Uuid, &'a Placed> {
    let mut out = HashMap::new();
    for (s, p) in sources {
        if let Some(g) = s.guid {
            out.entry(g).or_insert(*p);
        }
    }
    out
}

/// Cases (named ones become the case of their sources), variables as attributes.
pub(super) fn cases(
    rp: &RProject,
    project: &mut Project,
    sources: &[(&RSource, &Placed)],
) -> Result<usize> {
    let placed = by_guid(sources);
    let var = |id: &Uuid| {
        rp.variables
            .get(id)
            .cloned()
            .unwrap_or_else(|| "variable".into())
    };
    let mut values: Vec<(String, String, String)> = Vec::new();
    for c in &rp.cases {
        let of_case: Vec<&Placed> = c
            .sources
            .iter()
            .filter_map(|s| placed.get(s).copied())
            .collect();
        let case_names: Vec<String> = match &c.name {
            Some(n) => vec![n.clone()],
            None => of_case.iter().map(|p| p.label.clone()).collect(),
        };
        if let Some(name) = &c.name {
            for p in &of_case {
                set_case(project, p.id, name);
            }
        }
        for case in &case_names {
            for (v, value) in &c.values {
                values.push((case.clone(), var(v), value.clone()));
            }
        }
    }
    for (s, p) in sources {
        let case = project
            .manifest
            .sources
            .iter()
            .find(|m| m.id == p.id)
            .map(|m| m.case.clone());
        for (v, value) in &s.values {
            values.push((case.clone().unwrap_or_default(), var(v), value.clone()));
        }
    }
    let referenced: Vec<String> = project.referenced_cases().map(str::to_owned).collect();
    project
        .cases
        .ensure_cases(referenced.iter().map(String::as_str));
    for (case, attr, value) in values {
        project.cases.ensure_cases([case.as_str()]);
        project.cases.set(&case, &attr, &value)?;
    }
    project.save_cases()?;
    project.save_manifest()?;
    Ok(project.cases.rows.len())
}

/// Makes `case` the case of a source and of its participants.
fn set_case(project: &mut Project, source: SourceId, case: &str) {
    if let Some(m) = project.manifest.sources.iter_mut().find(|m| m.id == source) {
        let old = std::mem::replace(&mut m.case, case.to_owned());
        for s in &mut m.speakers {
            if s.case.as_deref() == Some(old.as_str()) {
                s.case = Some(case.to_owned());
            }
        }
    }
}

/// Notes become memos on what they annotate; a note on nothing becomes a project memo.
pub(super) fn memos(
    rp: &RProject,
    archive: &QdpxArchive,
    project: &Project,
    sources: &[(&RSource, &Placed)],
    selection_coding: &HashMap<Uuid, CodingId>,
    notes_out: &mut Vec<String>,
) -> Result<usize> {
    let placed = by_guid(sources);
    let source_of = |g: &Uuid| placed.get(g).map(|p| Target::Source(p.id));
    // What a selection's notes and description are on: its first imported coding, else its source.
    let on_selection = |sel: &RSelection, src: Target| {
        sel.guid
            .and_then(|g| selection_coding.get(&g))
            .map_or(src, |c| Target::Coding(*c))
    };
    let node_ids: HashSet<NodeId> = Codebook {
        format: crate::model::FORMAT,
        nodes: rp.nodes.clone(),
        extra: Default::default(),
    }
    .all_ids()
    .into_iter()
    .collect();
    let mut targets: Vec<(Uuid, Target)> = Vec::new();
    targets.extend(rp.project_notes.iter().map(|n| (*n, Target::Project)));
    targets.extend(
        rp.code_notes
            .iter()
            .map(|(code, n)| (*n, Target::Node(NodeId(*code)))),
    );
    for (s, p) in sources {
        let src = Target::Source(p.id);
        targets.extend(s.notes.iter().map(|n| (*n, src)));
        for sel in &s.selections {
            let on = on_selection(sel, src);
            targets.extend(sel.notes.iter().map(|n| (*n, on)));
            for c in &sel.codings {
                let t = c.guid.map_or(on, Target::Coding);
                targets.extend(c.notes.iter().map(|n| (*n, t)));
            }
        }
    }
    for c in &rp.cases {
        if let Some(src) = c.sources.first().and_then(source_of) {
            targets.extend(c.notes.iter().map(|n| (*n, src)));
        }
    }
    for (note, item) in &rp.linked_notes {
        let t = source_of(item)
            .or_else(|| selection_coding.get(item).map(|c| Target::Coding(*c)))
            .or_else(|| {
                node_ids
                    .contains(&NodeId(*item))
                    .then_some(Target::Node(NodeId(*item)))
            });
        if let Some(t) = t {
            targets.push((*note, t));
        }
    }
    let mut written = 0;
    let mut used: HashSet<Uuid> = HashSet::new();
    let mut write = |id: Uuid, target: Target, text: String| -> Result<()> {
        let id = if used.insert(id) { id } else { Uuid::new_v4() };
        crate::memo::write(
            project.root(),
            &Memo {
                id: MemoId(id),
                target,
                text,
            },
        )?;
        written += 1;
        Ok(())
    };
    let text_of = |n: &super::qde_read::RNote| -> Option<String> {
        n.inline.clone().or_else(|| {
            let name = n.path.as_deref()?.strip_prefix("internal://")?;
            archive
                .internal(name)
                .map(|b| String::from_utf8_lossy(b).into_owned())
        })
    };
    let mut referenced: HashSet<Uuid> = HashSet::new();
    for (note, target) in targets {
        let Some(n) = rp.notes.get(&note) else {
            notes_out.push(format!(
                "not imported: a reference to note {} that the file does not hold",
                guid(note)
            ));
            continue;
        };
        referenced.insert(note);
        match text_of(n) {
            Some(t) => write(note, target, crate::text::normalize(&t))?,
            None => notes_out.push(format!(
                "not imported: note '{}' has no readable text",
                n.name
            )),
        }
    }
    for (id, n) in &rp.notes {
        if referenced.contains(id) {
            continue;
        }
        if let Some(t) = text_of(n) {
            let title = if n.name.is_empty() {
                String::new()
            } else {
                format!("{}\n\n", n.name)
            };
            write(
                *id,
                Target::Project,
                crate::text::normalize(&format!("{title}{t}")),
            )?;
        }
    }
    if let Some(d) = &rp.description {
        write(Uuid::new_v4(), Target::Project, d.clone())?;
    }
    for (s, p) in sources {
        let src = Target::Source(p.id);
        if let Some(d) = s.description.as_ref().filter(|d| !d.is_empty()) {
            write(Uuid::new_v4(), src, d.clone())?;
        }
        for sel in &s.selections {
            if let Some(d) = sel.description.as_ref().filter(|d| !d.is_empty()) {
                let on = on_selection(sel, src);
                let quote = sel.name.clone().unwrap_or_default();
                let text = match on {
                    Target::Source(_) if !quote.is_empty() => format!("« {quote} »\n\n{d}"),
                    _ => d.clone(),
                };
                write(Uuid::new_v4(), on, text)?;
            }
        }
    }
    Ok(written)
}
