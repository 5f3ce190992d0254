//! Passages (the verbatims of nodes as researchers retrieve them) and coding counts per node.
//!
//! Invariants: passages come by source (natural label order) then position; a stretch coded by
//! two coders appears once, naming both; a passage's nodes are in codebook order; nothing here
//! writes.

use super::filters::Filters;
use super::select::{Selection, select_each};
use crate::error::Result;
use crate::ids::{NodeId, SourceId};
use crate::session::Session;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// One retrieved verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    pub source: SourceId,
    pub label: String,
    pub case: String,
    pub speaker: Option<String>,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub coders: Vec<String>,
    pub nodes: Vec<NodeId>,
}

/// The passages of `nodes` (each with its descendants when `descendants`), filtered.
pub fn passages(
    session: &Session,
    nodes: &[NodeId],
    descendants: bool,
    filters: &Filters,
) -> Result<Vec<Passage>> {
    let sel = Selection::of_nodes(session, nodes, descendants, filters.clone());
    let order: HashMap<NodeId, usize> = session
        .codebook()
        .all_ids()
        .into_iter()
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let mut out = Vec::new();
    select_each(session, &sel, |s| {
        for (_, stretches) in s.groups {
            for st in stretches {
                let mut nodes: Vec<NodeId> = st.nodes.into_iter().collect();
                nodes.sort_by_key(|n| order.get(n).copied().unwrap_or(usize::MAX));
                out.push(Passage {
                    source: s.meta.id,
                    label: s.meta.label.clone(),
                    case: st.case,
                    speaker: st.speaker.map(|i| s.meta.speakers[i].name.clone()),
                    start: st.start,
                    end: st.end,
                    text: s.text.slice(st.start, st.end).to_owned(),
                    coders: st.coders.into_iter().map(str::to_owned).collect(),
                    nodes,
                });
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// Codings and sources of a node, alone and with its descendants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct NodeCounts {
    pub codings: usize,
    pub sources: usize,
    pub codings_total: usize,
    pub sources_total: usize,
}

/// Counts for every node (over all coders, or one); orphaned codings do not count.
pub fn node_counts(session: &Session, coder: Option<&str>) -> HashMap<NodeId, NodeCounts> {
    let mut own: HashMap<NodeId, (usize, HashSet<SourceId>)> = HashMap::new();
    for (c, source, coding) in session.codings().all() {
        if coder.is_some_and(|w| w != c) || coding.is_orphaned() {
            continue;
        }
        let e = own.entry(coding.node).or_default();
        e.0 += 1;
        e.1.insert(source);
    }
    let mut out = HashMap::new();
    for id in session.codebook().all_ids() {
        let mut total = 0;
        let mut sources: HashSet<SourceId> = HashSet::new();
        for sub in session.codebook().subtree_ids(id) {
            if let Some((n, s)) = own.get(&sub) {
                total += n;
                sources.extend(s);
            }
        }
        let (codings, direct) = own.get(&id).map_or((0, 0), |(n, s)| (*n, s.len()));
        out.insert(
            id,
            NodeCounts {
                codings,
                sources: direct,
                codings_total: total,
                sources_total: sources.len(),
            },
        );
    }
    out
}
