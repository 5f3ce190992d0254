//! The selection engine: from codings to filtered stretches of text, behind `passages` and the
//! annex; it starts from [`super::walk`], the one walk over codings that node-filtered search
//! and the analysis selection share.
//!
//! Invariants: sources come in natural label order, stretches by position within each group;
//! the coders are united (overlapping or touching codings of a group become one stretch that
//! names every coder and node); orphaned codings never count; the speaker, case and role of a
//! stretch are those of the unit (turn or paragraph) containing its start; the `also:` filter
//! keeps a stretch that overlaps a coding of those nodes (same coder filter).

use super::filters::Filters;
use super::walk::{SourceCodings, each_source};
use crate::coding::SourceText;
use crate::error::Result;
use crate::ids::NodeId;
use crate::model::SourceMeta;
use crate::session::Session;
use crate::text::turns;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// What to select: the codings of which nodes, into which groups, through which filters.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// For a node, the groups its codings go to (a node absent here is not selected).
    pub groups: HashMap<NodeId, Vec<usize>>,
    pub filters: Filters,
    /// Also join stretches separated only by white space (two codings of consecutive sentences
    /// make one verbatim in the annex; `passages` keeps them apart).
    pub join_across_spaces: bool,
}

impl Selection {
    /// One group: `nodes`, each with its descendants when `descendants`.
    pub fn of_nodes(
        session: &Session,
        nodes: &[NodeId],
        descendants: bool,
        filters: Filters,
    ) -> Self {
        let mut groups = HashMap::new();
        for n in nodes {
            let ids = if descendants {
                session.codebook().subtree_ids(*n)
            } else {
                vec![*n]
            };
            for id in ids {
                groups.insert(id, vec![0]);
            }
        }
        Self {
            groups,
            filters,
            join_across_spaces: false,
        }
    }
}

/// A selected stretch of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stretch<'s> {
    /// Code point range in the source text.
    pub start: usize,
    pub end: usize,
    /// The coders of the codings united here (borrowed from the session's codings).
    pub coders: BTreeSet<&'s str>,
    pub nodes: BTreeSet<NodeId>,
    /// The unit containing `start` (index into [`SourceSelection::units`]).
    pub unit: Option<usize>,
    /// The speaker of that unit (index into the source's speakers).
    pub speaker: Option<usize>,
    /// The speaker's case, else the source's.
    pub case: String,
}

/// What was selected in one source, with what the caller needs to present it.
pub struct SourceSelection<'s> {
    pub meta: &'s SourceMeta,
    pub text: Arc<SourceText>,
    pub units: Vec<turns::Unit>,
    /// Kept stretches per group, groups in increasing order (groups with nothing kept omitted).
    pub groups: Vec<(usize, Vec<Stretch<'s>>)>,
}

/// A coded stretch before merging: range, coder, node.
pub type Span<'s> = (usize, usize, &'s str, NodeId);

/// Walks the sources that have codings in the selection ([`each_source`], the one walk over
/// codings), calling `each` once per source with the stretches the filters keep. Texts are read
/// only for those sources. The `also:` filter keeps a whole stretch when it overlaps a coding of
/// those nodes (the analysis selection decides coding by coding instead).
pub fn select_each<'s>(
    session: &'s Session,
    sel: &Selection,
    mut each: impl FnMut(SourceSelection<'s>) -> Result<()>,
) -> Result<()> {
    each_source(session, &sel.filters, |sc| {
        match select_source(session, sel, sc) {
            Some(selected) => each(selected),
            None => Ok(()),
        }
    })
}

/// [`select_each`] on every core: `each` maps each source's selection to a result, sources
/// worked on at once; the results come back in the sources' order (natural label order), and
/// the first error in that order is the one returned.
pub fn select_map<'s, T: Send>(
    session: &'s Session,
    sel: &Selection,
    each: impl Fn(SourceSelection<'s>) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    use rayon::prelude::*;
    let mut sources = Vec::new();
    each_source(session, &sel.filters, |sc| {
        if !sc.codings.is_empty() {
            sources.push(sc.clone());
        }
        Ok(())
    })?;
    let results: Vec<Option<Result<T>>> = sources
        .par_iter()
        .map(|sc| select_source(session, sel, sc).map(&each))
        .collect();
    results.into_iter().flatten().collect()
}

/// What the selection keeps of one source (`None` when nothing, or when its text cannot be
/// read: the session keeps it in `unreadable_texts` for the front ends to name, and the
/// selection goes on without it).
fn select_source<'s>(
    session: &'s Session,
    sel: &Selection,
    sc: &SourceCodings<'s>,
) -> Option<SourceSelection<'s>> {
    let f = &sel.filters;
    let meta = sc.meta;
    let mut spans: BTreeMap<usize, Vec<Span<'s>>> = BTreeMap::new();
    for &(coder, c) in &sc.codings {
        for &g in sel.groups.get(&c.node).into_iter().flatten() {
            spans
                .entry(g)
                .or_default()
                .push((c.start, c.end, coder, c.node));
        }
    }
    if spans.is_empty() {
        return None;
    }
    // A text that cannot be read is left out, never the whole selection: the session keeps
    // it in `unreadable_texts` for the front ends to name.
    let Ok(text) = session.text(meta.id) else {
        return None;
    };
    let units = turns::source_units(meta, &text.text);
    let mut groups = Vec::new();
    for (g, list) in spans {
        let mut merged = merge_spans(list);
        if sel.join_across_spaces {
            merged = join_across_spaces(&text, merged);
        }
        let kept: Vec<Stretch<'s>> = merged
            .into_iter()
            .filter(|(start, end, _, _)| sc.meets_also(*start, *end))
            .filter_map(|(start, end, coders, nodes)| {
                let byte = text.index.byte_of(start).unwrap_or(0);
                let unit = turns::index_containing(&units, byte);
                let speaker = unit.and_then(|i| units[i].speaker);
                let who = speaker.map(|i| &meta.speakers[i]);
                let case = who
                    .and_then(|s| s.case.clone())
                    .unwrap_or_else(|| meta.case.clone());
                f.admits(&session.project().cases, &case, who)
                    .then_some(Stretch {
                        start,
                        end,
                        coders,
                        nodes,
                        unit,
                        speaker,
                        case,
                    })
            })
            .collect();
        if !kept.is_empty() {
            groups.push((g, kept));
        }
    }
    if groups.is_empty() {
        return None;
    }
    Some(SourceSelection {
        meta,
        text,
        units,
        groups,
    })
}

type Merged<'s> = (usize, usize, BTreeSet<&'s str>, BTreeSet<NodeId>);

/// Merges overlapping or touching spans into (start, end, coders, nodes), in order.
pub fn merge_spans(mut spans: Vec<Span<'_>>) -> Vec<Merged<'_>> {
    spans.sort_by_key(|s| (s.0, s.1));
    let mut out: Vec<Merged> = Vec::new();
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

/// Joins merged stretches separated only by white space.
fn join_across_spaces<'s>(text: &SourceText, merged: Vec<Merged<'s>>) -> Vec<Merged<'s>> {
    let mut out: Vec<Merged<'s>> = Vec::with_capacity(merged.len());
    for m in merged {
        match out.last_mut() {
            Some(last) if text.slice(last.1, m.0).trim().is_empty() => {
                last.1 = m.1;
                last.2.extend(m.2);
                last.3.extend(m.3);
            }
            _ => out.push(m),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_spans_of_two_coders_become_one_passage() {
        let (a, b) = (NodeId::random(), NodeId::random());
        let merged = merge_spans(vec![
            (10, 20, "sg", a),
            (0, 5, "sg", a),
            (15, 30, "mb", b),
            (30, 31, "mb", a),
            (40, 50, "sg", a),
        ]);
        let ranges: Vec<(usize, usize)> = merged.iter().map(|m| (m.0, m.1)).collect();
        assert_eq!(ranges, [(0, 5), (10, 31), (40, 50)]);
        assert_eq!(
            merged[1].2.iter().copied().collect::<Vec<_>>(),
            ["mb", "sg"]
        );
        assert_eq!(merged[1].3.len(), 2);
    }

    #[test]
    fn stretches_separated_by_spaces_join_with_their_coders() {
        let (a, b) = (NodeId::random(), NodeId::random());
        let text = SourceText::new("un deux.  trois quatre. cinq".into());
        let merged = merge_spans(vec![(0, 8, "sg", a), (10, 23, "mb", b)]);
        let joined = join_across_spaces(&text, merged);
        assert_eq!((joined[0].0, joined[0].1), (0, 23));
        assert_eq!(joined[0].2.len(), 2);
        assert_eq!(joined[0].3.len(), 2);
        let apart = merge_spans(vec![(0, 3, "sg", a), (10, 15, "sg", a)]);
        assert_eq!(join_across_spaces(&text, apart).len(), 2);
    }
}
