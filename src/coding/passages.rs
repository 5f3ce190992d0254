//! Passages: the verbatims of one or more nodes, as researchers retrieve them — the union of
//! the coders' codings (a stretch coded by two coders appears once, with both names), filtered
//! by case, attribute, speaker, role, co-coded node and coder.
//!
//! Invariants: passages are ordered by source (natural label order) then position; overlapping
//! or touching codings of the selected nodes become one passage; orphaned codings never appear.

use crate::model::Role;
use serde::Serialize;
use std::collections::BTreeSet;
use uuid::Uuid;

/// Filters of DESIGN §4, resolved to ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub case: Option<String>,
    pub attrs: Vec<(String, String)>,
    pub speaker: Option<String>,
    pub role: Option<Role>,
    pub exclude_role: Option<Role>,
    /// Nodes (with descendants) a passage must overlap.
    pub also_nodes: Option<Vec<Uuid>>,
    pub coder: Option<String>,
}

/// One retrieved verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    pub source: Uuid,
    pub label: String,
    pub case: String,
    pub speaker: Option<String>,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub coders: Vec<String>,
    pub nodes: Vec<Uuid>,
}

/// A coded stretch before merging: range, coder, node.
pub type Span = (usize, usize, String, Uuid);

/// Merges overlapping or touching spans into (start, end, coders, nodes), in order.
pub fn merge_spans(mut spans: Vec<Span>) -> Vec<(usize, usize, BTreeSet<String>, BTreeSet<Uuid>)> {
    spans.sort_by_key(|s| (s.0, s.1));
    let mut out: Vec<(usize, usize, BTreeSet<String>, BTreeSet<Uuid>)> = Vec::new();
    for (s, e, coder, node) in spans {
        match out.last_mut() {
            Some(last) if s <= last.1 => {
                last.1 = last.1.max(e);
                last.2.insert(coder);
                last.3.insert(node);
            }
            _ => out.push((s, e, BTreeSet::from([coder]), BTreeSet::from([node]))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_spans_of_two_coders_become_one_passage() {
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
        let merged = merge_spans(vec![
            (10, 20, "sg".into(), a),
            (0, 5, "sg".into(), a),
            (15, 30, "mb".into(), b),
            (30, 31, "mb".into(), a),
            (40, 50, "sg".into(), a),
        ]);
        let ranges: Vec<(usize, usize)> = merged.iter().map(|m| (m.0, m.1)).collect();
        assert_eq!(ranges, [(0, 5), (10, 31), (40, 50)]);
        assert_eq!(
            merged[1].2.iter().cloned().collect::<Vec<_>>(),
            ["mb", "sg"]
        );
        assert_eq!(merged[1].3.len(), 2);
    }
}
