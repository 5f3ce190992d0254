//! Saturation (`verbatim saturation`): interview after interview, how many nodes were used for
//! the first time, and the cumulative count — the curve that flattens when coding saturates.
//!
//! Invariants: in `coded` order sources come by their first coding's date (ties and sources
//! without dates in natural label order, uncoded sources last); in `label` order, natural label
//! order; a node counts once, in the first source that uses it; a source the filters leave
//! out entirely (no unit kept: another case, or only speakers filtered out) is not a step.

use super::selection::Selection;
use crate::ids::{NodeId, SourceId};
use crate::text::natural_cmp;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    Coded,
    Label,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub source: SourceId,
    pub label: String,
    /// Nodes this source uses.
    pub nodes: usize,
    /// Nodes used here for the first time (paths, codebook order).
    pub new: Vec<String>,
    pub cumulative: usize,
}

pub fn saturation(sel: &Selection, order: Order) -> Vec<Step> {
    let mut used: BTreeMap<usize, BTreeSet<NodeId>> = BTreeMap::new();
    let mut first_at: BTreeMap<usize, String> = BTreeMap::new();
    for c in &sel.codings {
        used.entry(c.source).or_default().insert(c.node);
        if !c.at.is_empty() {
            let e = first_at.entry(c.source).or_insert_with(|| c.at.clone());
            if c.at < *e {
                *e = c.at.clone();
            }
        }
    }
    let mut idx: Vec<usize> = (0..sel.sources.len())
        .filter(|&i| {
            let units = &sel.sources[i].units;
            units.is_empty() || units.iter().any(|u| u.kept)
        })
        .collect();
    idx.sort_by(|&a, &b| {
        let key = |i: usize| match order {
            Order::Label => (0, String::new()),
            Order::Coded => match (used.contains_key(&i), first_at.get(&i)) {
                (false, _) => (2, String::new()),
                (true, Some(at)) => (0, at.clone()),
                (true, None) => (1, String::new()),
            },
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| natural_cmp(&sel.sources[a].label, &sel.sources[b].label))
    });
    let order_of: BTreeMap<NodeId, usize> = sel
        .codebook
        .all_ids()
        .into_iter()
        .enumerate()
        .map(|(i, n)| (n, i))
        .collect();
    let mut seen: HashSet<NodeId> = HashSet::new();
    idx.into_iter()
        .map(|i| {
            let nodes = used.get(&i).cloned().unwrap_or_default();
            let mut new: Vec<NodeId> = nodes.iter().filter(|n| seen.insert(**n)).copied().collect();
            new.sort_by_key(|n| order_of.get(n).copied().unwrap_or(usize::MAX));
            Step {
                source: sel.sources[i].id,
                label: sel.sources[i].label.clone(),
                nodes: nodes.len(),
                new: new
                    .iter()
                    .map(|n| sel.codebook.path_of(*n).unwrap_or_default())
                    .collect(),
                cumulative: seen.len(),
            }
        })
        .collect()
}
