//! Co-occurrence (`verbatim cooccurrence`): for each pair of nodes, the passages where both
//! apply — overlapping text, the same turn, or the same source — each cell listing them.
//!
//! Invariants: the table is symmetric; the diagonal holds a node's own passages (its united
//! ranges, its turns or its sources); coders are united; nodes keep the order asked.

use super::matrix::PassageRef;
use super::ranges::{self, Range};
use super::selection::Selection;
use crate::ids::NodeId;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What "both apply" means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Within {
    /// The two codings share text.
    Overlap,
    /// The two codings start in the same turn (or paragraph).
    Turn,
    /// Both nodes are coded in the source.
    Source,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeRef {
    pub node: NodeId,
    pub path: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoCell {
    pub count: usize,
    pub passages: Vec<PassageRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cooccurrence {
    pub within: Within,
    pub nodes: Vec<NodeRef>,
    /// `cells[i][j]`: passages where nodes i and j both apply.
    pub cells: Vec<Vec<CoCell>>,
}

/// Where one node applies, per source index: united ranges, or the units (turns) touched.
struct Footprint {
    ranges: BTreeMap<usize, Vec<Range>>,
    units: BTreeMap<usize, BTreeSet<usize>>,
}

/// The nodes with at least one coding in the selection, in codebook order.
pub fn coded_nodes(sel: &Selection) -> Vec<NodeId> {
    let used: BTreeSet<NodeId> = sel.codings.iter().map(|c| c.node).collect();
    sel.codebook
        .all_ids()
        .into_iter()
        .filter(|n| used.contains(n))
        .collect()
}

/// The co-occurrence table of `nodes` (each on its own, without descendants).
pub fn cooccurrence(sel: &Selection, nodes: &[NodeId], within: Within) -> Cooccurrence {
    let index: BTreeMap<NodeId, usize> = nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let mut raw: Vec<BTreeMap<usize, Vec<Range>>> = vec![BTreeMap::new(); nodes.len()];
    let mut units: Vec<BTreeMap<usize, BTreeSet<usize>>> = vec![BTreeMap::new(); nodes.len()];
    for c in &sel.codings {
        if let Some(&i) = index.get(&c.node) {
            raw[i].entry(c.source).or_default().push((c.start, c.end));
            units[i].entry(c.source).or_default().insert(c.unit);
        }
    }
    let prints: Vec<Footprint> = raw
        .into_iter()
        .zip(units)
        .map(|(r, u)| Footprint {
            ranges: r.into_iter().map(|(s, l)| (s, ranges::union(l))).collect(),
            units: u,
        })
        .collect();
    let mut cells: Vec<Vec<CoCell>> = vec![Vec::with_capacity(nodes.len()); nodes.len()];
    for i in 0..nodes.len() {
        for j in 0..nodes.len() {
            let cell = if j < i {
                cells[j][i].clone()
            } else {
                both(sel, &prints[i], &prints[j], within)
            };
            cells[i].push(cell);
        }
    }
    Cooccurrence {
        within,
        nodes: nodes
            .iter()
            .map(|&n| NodeRef {
                node: n,
                path: sel.codebook.path_of(n).unwrap_or_default(),
            })
            .collect(),
        cells,
    }
}

fn both(sel: &Selection, a: &Footprint, b: &Footprint, within: Within) -> CoCell {
    let reference = |s: usize, (start, end): Range| PassageRef {
        source: sel.sources[s].id,
        label: sel.sources[s].label.clone(),
        start,
        end,
    };
    let mut passages = Vec::new();
    for (s, ra) in &a.ranges {
        let Some(rb) = b.ranges.get(s) else { continue };
        match within {
            Within::Overlap => passages.extend(
                ranges::intersect(ra, rb)
                    .into_iter()
                    .map(|r| reference(*s, r)),
            ),
            Within::Turn => {
                let src = &sel.sources[*s];
                for u in a.units[s].intersection(&b.units[s]) {
                    passages.push(reference(*s, (src.units[*u].start, src.units[*u].end)));
                }
            }
            Within::Source => passages.push(reference(*s, (0, sel.sources[*s].text.len()))),
        }
    }
    CoCell {
        count: passages.len(),
        passages,
    }
}
