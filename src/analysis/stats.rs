//! Coding overview (`verbatim stats`): per node, its codings, verbatims (passages, coders
//! united), sources and cases coded, words coded and their share of the selection's words; the
//! same per source or per case.
//!
//! Invariants: nodes come in codebook order, groups in natural order; a stretch coded by two
//! coders counts once in verbatims and words, twice in codings; with `descendants` a node's
//! figures include its subtree's codings.

use super::ranges::Range;
use super::selection::{Coded, Selection};
use crate::ids::NodeId;
use crate::text::natural_cmp;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The figures of one set of codings.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub codings: usize,
    pub verbatims: usize,
    pub sources: usize,
    pub cases: usize,
    pub words: usize,
    /// Words coded over the selection's words, from 0 to 1.
    pub share: f64,
}

/// One node's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeRow {
    pub node: NodeId,
    pub path: String,
    pub depth: usize,
    #[serde(flatten)]
    pub figures: Figures,
}

/// One (group, node) row of `stats --by source|case`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupRow {
    pub group: String,
    pub node: NodeId,
    pub path: String,
    #[serde(flatten)]
    pub figures: Figures,
}

/// How `stats` groups its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Node,
    Source,
    Case,
}

/// The figures of codings, over `total_words` words.
pub fn figures<'a>(
    sel: &Selection,
    codings: impl IntoIterator<Item = &'a Coded>,
    total_words: usize,
) -> Figures {
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    let mut cases: Vec<&str> = Vec::new();
    for c in codings {
        spans.push((c.source, c.start, c.end));
        cases.push(sel.case_of(c));
    }
    cases.sort_unstable();
    cases.dedup();
    spans.sort_unstable();
    let (mut verbatims, mut words, mut sources) = (0, 0, 0);
    // Sorted by source then start: each source's ranges are united as they come.
    let mut open: Option<(usize, Range)> = None;
    let mut close = |(s, r): (usize, Range)| {
        verbatims += 1;
        words += sel.sources[s].word_spans().count_in(r.0, r.1);
    };
    for &(s, start, end) in spans.iter().filter(|x| x.1 < x.2) {
        match &mut open {
            Some((os, r)) if *os == s && start <= r.1 => r.1 = r.1.max(end),
            _ => {
                if open.as_ref().is_none_or(|(os, _)| *os != s) {
                    sources += 1;
                }
                if let Some(done) = open.replace((s, (start, end))) {
                    close(done);
                }
            }
        }
    }
    if let Some(done) = open {
        close(done);
    }
    Figures {
        codings: spans.len(),
        verbatims,
        sources,
        cases: cases.len(),
        words,
        share: if total_words == 0 {
            0.0
        } else {
            words as f64 / total_words as f64
        },
    }
}

/// Codings grouped by node.
pub fn by_node(sel: &Selection) -> HashMap<NodeId, Vec<&Coded>> {
    let mut map: HashMap<NodeId, Vec<&Coded>> = HashMap::new();
    for c in &sel.codings {
        map.entry(c.node).or_default().push(c);
    }
    map
}

/// The codings of a node (and its subtree when `descendants`).
pub fn node_codings<'a>(
    sel: &Selection,
    buckets: &HashMap<NodeId, Vec<&'a Coded>>,
    node: NodeId,
    descendants: bool,
) -> Vec<&'a Coded> {
    let ids = if descendants {
        sel.codebook.subtree_ids(node)
    } else {
        vec![node]
    };
    ids.iter()
        .filter_map(|id| buckets.get(id))
        .flat_map(|v| v.iter().copied())
        .collect()
}

/// Every node of the codebook with its figures, in codebook order.
pub fn nodes(sel: &Selection, descendants: bool) -> Vec<NodeRow> {
    let total = sel.total_words();
    let buckets = by_node(sel);
    sel.codebook
        .all_ids()
        .into_iter()
        .map(|id| {
            let list = node_codings(sel, &buckets, id, descendants);
            NodeRow {
                node: id,
                path: sel.codebook.path_of(id).unwrap_or_default(),
                depth: sel.codebook.ancestry(id).map_or(1, |a| a.len()),
                figures: figures(sel, list, total),
            }
        })
        .collect()
}

/// Figures per source or case and node (groups in natural order, nodes in codebook order);
/// groups and nodes without codings are left out. Share is over the group's words.
pub fn groups(sel: &Selection, by: By, descendants: bool) -> Vec<GroupRow> {
    let mut group_words: BTreeMap<String, usize> = BTreeMap::new();
    for s in &sel.sources {
        for u in s.units.iter().filter(|u| u.kept) {
            let key = if by == By::Case {
                u.case.clone()
            } else {
                s.label.clone()
            };
            *group_words.entry(key).or_default() += s.word_spans().count_in(u.start, u.end);
        }
    }
    let key = |c: &Coded| match by {
        By::Case => sel.case_of(c).to_owned(),
        _ => sel.sources[c.source].label.clone(),
    };
    let mut keys: Vec<String> = group_words.keys().cloned().collect();
    keys.sort_by(|a, b| natural_cmp(a, b));
    let mut buckets: HashMap<(&str, NodeId), Vec<&Coded>> = HashMap::new();
    let labels: Vec<String> = sel.codings.iter().map(key).collect();
    for (c, k) in sel.codings.iter().zip(&labels) {
        buckets.entry((k.as_str(), c.node)).or_default().push(c);
    }
    let order = sel.codebook.all_ids();
    let subtrees: Vec<Vec<NodeId>> = order
        .iter()
        .map(|&id| {
            if descendants {
                sel.codebook.subtree_ids(id)
            } else {
                vec![id]
            }
        })
        .collect();
    let mut out = Vec::new();
    for g in keys {
        for (id, ids) in order.iter().zip(&subtrees) {
            let list: Vec<&Coded> = ids
                .iter()
                .filter_map(|n| buckets.get(&(g.as_str(), *n)))
                .flat_map(|v| v.iter().copied())
                .collect();
            if list.is_empty() {
                continue;
            }
            out.push(GroupRow {
                group: g.clone(),
                node: *id,
                path: sel.codebook.path_of(*id).unwrap_or_default(),
                figures: figures(sel, list, group_words[&g]),
            });
        }
    }
    out
}
