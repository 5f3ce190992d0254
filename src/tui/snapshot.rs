//! Snapshots of the session that the views draw from: sources, the codebook tree and node
//! marks, the open transcript with its codings (and their gutter lanes) and layout, passages.
//!
//! Invariant: these functions only read the session; they rebuild state fields wholesale.

use super::state::{AppState, Doc, NodeInfo, PassageRow, SourceRow, TreeRow, ViewCoding};
use super::view::layout::transcript_text_width;
use super::wrap::wrap;
use crate::codebook::Node;
use crate::session::{Session, node_counts};
use crate::text::turns;
use uuid::Uuid;

pub(super) fn select_node(session: &Session, state: &mut AppState, id: Uuid) {
    for a in session
        .codebook
        .ancestry(id)
        .unwrap_or_default()
        .iter()
        .rev()
        .skip(1)
    {
        state.collapsed.remove(&a.id);
    }
    refresh_tree(session, state);
    if let Some(i) = state.tree.iter().position(|r| r.id == id) {
        state.tree_selected = i;
    }
}

/// Refreshes every snapshot from the session.
pub fn refresh(session: &Session, state: &mut AppState) -> crate::Result<()> {
    refresh_tree(session, state);
    refresh_sources(session, state);
    if let Some(id) = state.doc.as_ref().map(|d| d.id) {
        refresh_codings(session, state, id);
    }
    refresh_passages(session, state)?;
    state.orphans = session
        .codings
        .all()
        .filter(|(_, _, c)| c.is_orphaned())
        .count();
    state.memos = session.memos()?.into_iter().map(|m| m.target).collect();
    state.saved = true;
    Ok(())
}

pub fn refresh_sources(session: &Session, state: &mut AppState) {
    let counts: std::collections::HashMap<Uuid, usize> = session
        .project
        .manifest
        .sources
        .iter()
        .map(|s| (s.id, session.codings.of_source(s.id).count()))
        .collect();
    let attrs = &session.project.cases.attributes;
    state.sources = session
        .project
        .sources()
        .iter()
        .map(|s| SourceRow {
            id: s.id,
            label: s.label.clone(),
            attributes: attrs
                .iter()
                .filter_map(|a| {
                    session
                        .project
                        .cases
                        .rows
                        .get(&s.case)
                        .and_then(|r| r.get(a))
                        .cloned()
                })
                .collect(),
            codings: counts.get(&s.id).copied().unwrap_or(0),
        })
        .collect();
    state.source_selected = state
        .source_selected
        .min(state.sources.len().saturating_sub(1));
}

pub fn refresh_tree(session: &Session, state: &mut AppState) {
    let counts = node_counts(session, None);
    let mut rows = Vec::new();
    fn walk(
        nodes: &[Node],
        depth: usize,
        state: &AppState,
        session: &Session,
        counts: &std::collections::HashMap<Uuid, crate::session::NodeCounts>,
        rows: &mut Vec<TreeRow>,
    ) {
        for n in nodes {
            let expanded = !state.collapsed.contains(&n.id);
            rows.push(TreeRow {
                id: n.id,
                depth,
                name: n.name.clone(),
                path: session.codebook.path_of(n.id).unwrap_or_default(),
                has_children: !n.children.is_empty(),
                expanded,
                codable: n.codable,
                counts: counts.get(&n.id).copied().unwrap_or_default(),
            });
            if expanded {
                walk(&n.children, depth + 1, state, session, counts, rows);
            }
        }
    }
    walk(
        &session.codebook.nodes,
        0,
        state,
        session,
        &counts,
        &mut rows,
    );
    state.tree = rows;
    state.tree_selected = state.tree_selected.min(state.tree.len().saturating_sub(1));
    let ids = session.codebook.all_ids();
    state.nodes = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let n = session.codebook.node(*id).expect("own id");
            NodeInfo {
                id: *id,
                path: session.codebook.path_of(*id).unwrap_or_default(),
                color: n.color.clone(),
                mark: mark(i),
                codable: n.codable,
            }
        })
        .collect();
}

/// A letter per node, to tell nodes apart without colour: A–Z, then a–z, then digits.
fn mark(i: usize) -> char {
    const MARKS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    MARKS[i % MARKS.len()] as char
}

fn refresh_passages(session: &Session, state: &mut AppState) -> crate::Result<()> {
    let Some(node) = state
        .passages_of
        .filter(|n| session.codebook.node(*n).is_some())
    else {
        state.passages.clear();
        state.passages_of = None;
        return Ok(());
    };
    let filters = parse_filter(session, &state.passage_filter)?;
    state.passages = session
        .passages(&[node], true, &filters)?
        .into_iter()
        .map(|p| PassageRow {
            source: p.source,
            label: p.label,
            speaker: p.speaker,
            start: p.start,
            end: p.end,
            text: p.text,
        })
        .collect();
    state.passage_selected = state
        .passage_selected
        .min(state.passages.len().saturating_sub(1));
    Ok(())
}

/// Parses the passages filter typed in the TUI: `case:C`, `K=V` (a case attribute),
/// `speaker:S`, `role:R`, `-role:R`, `coder:C`, `also:NODEPATH`; `_` stands for a space.
pub fn parse_filter(
    session: &Session,
    text: &str,
) -> crate::Result<crate::coding::passages::Filters> {
    use crate::error::Error;
    let mut f = crate::coding::passages::Filters::default();
    let role = |v: &str| v.parse::<crate::model::Role>().map_err(Error::Invalid);
    for token in text.split_whitespace() {
        let token = token.replace('_', " ");
        match token.split_once(':') {
            Some(("case", v)) => f.case = Some(v.to_owned()),
            Some(("speaker", v)) => f.speaker = Some(v.to_owned()),
            Some(("role", v)) => f.role = Some(role(v)?),
            Some(("-role", v)) => f.exclude_role = Some(role(v)?),
            Some(("coder", v)) => f.coder = Some(v.to_owned()),
            Some(("also", v)) => f
                .also_nodes
                .get_or_insert_with(Vec::new)
                .push(session.codebook.resolve(v)?),
            _ => match token.split_once('=') {
                Some((k, v)) if session.project.cases.attributes.iter().any(|a| a == k) => {
                    f.attrs.push((k.to_owned(), v.to_owned()))
                }
                _ => {
                    return Err(Error::Invalid(format!(
                        "filter '{token}' is not case:, K=V (a case attribute), speaker:, role:, -role:, coder: or also:"
                    )));
                }
            },
        }
    }
    Ok(f)
}

/// Opens a source in the transcript pane.
pub fn open_source(session: &Session, state: &mut AppState, id: Uuid) -> crate::Result<()> {
    let text = session.text(id)?;
    let meta = session.project.source(&id.to_string())?;
    let units = turns::source_units(meta, &text.text);
    state.doc = Some(Doc {
        id,
        label: meta.label.clone(),
        case: meta.case.clone(),
        text,
        units,
        speakers: meta
            .speakers
            .iter()
            .map(|s| (s.name.clone(), s.role))
            .collect(),
        codings: vec![],
        lanes: 0,
        layout: vec![],
        layout_width: 0,
    });
    if let Some(i) = state.sources.iter().position(|s| s.id == id) {
        state.source_selected = i;
    }
    state.mode = super::state::Mode::Normal;
    refresh_codings(session, state, id);
    Ok(())
}

fn refresh_codings(session: &Session, state: &mut AppState, id: Uuid) {
    let Some(doc) = state.doc.as_mut() else {
        return;
    };
    let ix = &doc.text.index;
    let mut codings: Vec<ViewCoding> = session
        .codings
        .of_source(id)
        .filter(|(_, c)| !c.is_orphaned())
        .filter_map(|(coder, c)| {
            Some(ViewCoding {
                coder: coder.to_owned(),
                id: c.id,
                node: c.node,
                start: ix.byte_of(c.start)?,
                end: ix.byte_of(c.end)?,
                lane: 0,
            })
        })
        .collect();
    codings.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    let mut lane_ends: Vec<usize> = Vec::new();
    for c in &mut codings {
        let lane = lane_ends
            .iter()
            .position(|e| *e <= c.start)
            .unwrap_or(lane_ends.len());
        if lane == lane_ends.len() {
            lane_ends.push(c.end);
        } else {
            lane_ends[lane] = c.end;
        }
        c.lane = lane.min(3);
    }
    doc.lanes = lane_ends.len().clamp(1, 4);
    doc.codings = codings;
    doc.layout_width = 0;
    relayout(state);
}

/// Re-wraps the open text when the transcript width changed.
pub fn relayout(state: &mut AppState) {
    let width = transcript_text_width(state);
    let Some(doc) = state.doc.as_mut() else {
        return;
    };
    if doc.layout_width != width || doc.layout.is_empty() {
        doc.layout = wrap(&doc.text.text, width);
        doc.layout_width = width;
    }
}
