//! Read-only views of a session: coding counts per node (with and without descendants) and the
//! passages of nodes with filters.
//!
//! Invariant: nothing here changes the session or touches the disk beyond reading texts.

use super::Session;
use crate::coding::passages::{Filters, Passage, Span, merge_spans};
use crate::error::Result;
use crate::model::Role;
use crate::text::{fold_for_match, turns};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use uuid::Uuid;

/// Codings and sources of a node, alone and with its descendants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct NodeCounts {
    pub codings: usize,
    pub sources: usize,
    pub codings_total: usize,
    pub sources_total: usize,
}

/// Counts for every node (over all coders, or one).
pub fn node_counts(session: &Session, coder: Option<&str>) -> HashMap<Uuid, NodeCounts> {
    let mut own: HashMap<Uuid, (usize, HashSet<Uuid>)> = HashMap::new();
    for (c, source, coding) in session.codings.all() {
        if coder.is_some_and(|w| w != c) || coding.is_orphaned() {
            continue;
        }
        let e = own.entry(coding.node).or_default();
        e.0 += 1;
        e.1.insert(source);
    }
    let mut out = HashMap::new();
    for id in session.codebook.all_ids() {
        let mut total = 0;
        let mut sources: HashSet<Uuid> = HashSet::new();
        for sub in session.codebook.subtree_ids(id) {
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

impl Session {
    /// The passages of `nodes` (each with its descendants when `descendants`), filtered.
    pub fn passages(
        &self,
        nodes: &[Uuid],
        descendants: bool,
        filters: &Filters,
    ) -> Result<Vec<Passage>> {
        let selected: HashSet<Uuid> = nodes
            .iter()
            .flat_map(|n| {
                if descendants {
                    self.codebook.subtree_ids(*n)
                } else {
                    vec![*n]
                }
            })
            .collect();
        let also: Option<HashSet<Uuid>> = filters.also_nodes.as_ref().map(|ns| {
            ns.iter()
                .flat_map(|n| self.codebook.subtree_ids(*n))
                .collect()
        });
        let mut out = Vec::new();
        for meta in self.project.sources() {
            let coded = |set: &HashSet<Uuid>| -> Vec<Span> {
                self.codings
                    .of_source(meta.id)
                    .filter(|(coder, c)| {
                        set.contains(&c.node)
                            && !c.is_orphaned()
                            && filters.coder.as_deref().is_none_or(|w| w == *coder)
                    })
                    .map(|(coder, c)| (c.start, c.end, coder.to_owned(), c.node))
                    .collect()
            };
            let spans = coded(&selected);
            if spans.is_empty() {
                continue;
            }
            let also_spans = also.as_ref().map(coded);
            let text = self.text(meta.id)?;
            let names = meta.speaker_names();
            let units = turns::split_units_as(&text.text, &names, &meta.convention);
            for (start, end, coders, nodes) in merge_spans(spans) {
                if let Some(a) = &also_spans
                    && !a.iter().any(|(s, e, _, _)| *s < end && start < *e)
                {
                    continue;
                }
                let byte = text.index.byte_of(start).unwrap_or(0);
                let speaker = turns::unit_containing(&units, byte)
                    .and_then(|u| u.speaker)
                    .map(|i| &meta.speakers[i]);
                let case = speaker
                    .and_then(|s| s.case.clone())
                    .unwrap_or_else(|| meta.case.clone());
                if !self.keep(filters, &case, speaker) {
                    continue;
                }
                out.push(Passage {
                    source: meta.id,
                    label: meta.label.clone(),
                    case,
                    speaker: speaker.map(|s| s.name.clone()),
                    start,
                    end,
                    text: text.slice(start, end).to_owned(),
                    coders: coders.into_iter().collect(),
                    nodes: order_nodes(self, nodes),
                });
            }
        }
        Ok(out)
    }

    pub(crate) fn keep(
        &self,
        f: &Filters,
        case: &str,
        speaker: Option<&crate::model::Speaker>,
    ) -> bool {
        if f.case.as_deref().is_some_and(|c| c != case) {
            return false;
        }
        let row = self.project.cases.rows.get(case);
        if !f.attrs.iter().all(|(k, v)| {
            row.and_then(|r| r.get(k))
                .is_some_and(|x| fold_for_match(x) == fold_for_match(v))
        }) {
            return false;
        }
        if let Some(s) = &f.speaker
            && speaker.is_none_or(|sp| fold_for_match(&sp.name) != fold_for_match(s))
        {
            return false;
        }
        let role: Option<Role> = speaker.map(|s| s.role);
        if f.role.is_some_and(|r| role != Some(r)) {
            return false;
        }
        !(f.exclude_role.is_some() && role == f.exclude_role)
    }
}

fn order_nodes(session: &Session, nodes: BTreeSet<Uuid>) -> Vec<Uuid> {
    let order = session.codebook.all_ids();
    let mut v: Vec<Uuid> = nodes.into_iter().collect();
    v.sort_by_key(|n| order.iter().position(|o| o == n).unwrap_or(usize::MAX));
    v
}
