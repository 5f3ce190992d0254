//! Coding many ranges in one sweep per node (every turn of a speaker, a batch of codings): the
//! same result as [`super::apply`] called on each range in text order, in time linear in the
//! number of codings and ranges (after sorting) instead of their product.
//!
//! Invariants: as for [`super::apply`]: a range that overlaps or touches a coding of the same
//! node unites with it (one coding left, keeping the id of the earliest); a coding no range
//! touches, a coding of another node and an orphaned coding are kept as they were; a range lying
//! inside a coding changes nothing.

use super::{Coding, SourceText, make_coding, sort};
use crate::ids::{CodingId, NodeId};
use crate::text::CharRange;
use std::collections::{BTreeMap, BTreeSet};

/// The coding being built from the ranges seen so far (the only one a later range can touch,
/// the ranges coming in order of start).
struct Group {
    lo: usize,
    hi: usize,
    id: CodingId,
    /// The coding as it was, while the group is one coding no range has changed.
    unchanged: Option<Coding>,
}

impl Group {
    fn finish(self, text: &SourceText, node: NodeId, at: &str) -> Coding {
        self.unchanged.unwrap_or_else(|| {
            make_coding(text, self.id, node, CharRange::new(self.lo, self.hi), at)
        })
    }
}

/// Codes every range `start..end` of `ranges` with `node` in `list`, as if
/// [`super::apply`] were called on each in order of (start, end).
pub fn apply_all(
    list: &mut Vec<Coding>,
    text: &SourceText,
    node: NodeId,
    ranges: &[CharRange],
    at: &str,
) {
    let items: Vec<(NodeId, CharRange)> = ranges.iter().map(|r| (node, *r)).collect();
    apply_each(list, text, &items, at);
}

/// Codes each (node, range) of `items` in `list`, as if [`super::apply`] were called on each
/// in order of (node, start, end); returns, in item order, the id of the coding each item is
/// part of at the end.
pub fn apply_each(
    list: &mut Vec<Coding>,
    text: &SourceText,
    items: &[(NodeId, CharRange)],
    at: &str,
) -> Vec<CodingId> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_unstable_by_key(|&i| (items[i].0, items[i].1));
    let nodes: BTreeSet<NodeId> = items.iter().map(|(n, _)| *n).collect();
    let mut by_node: BTreeMap<NodeId, Vec<Coding>> = BTreeMap::new();
    let mut out = Vec::with_capacity(list.len() + items.len());
    for c in list.drain(..) {
        if nodes.contains(&c.node) && !c.is_orphaned() {
            by_node.entry(c.node).or_default().push(c);
        } else {
            out.push(c);
        }
    }
    let mut ids = vec![None; items.len()];
    for same in order.chunk_by(|&a, &b| items[a].0 == items[b].0) {
        let node = items[same[0]].0;
        let mut existing = by_node.remove(&node).unwrap_or_default();
        existing.sort_by_key(|c| (c.start, c.end, c.id));
        sweep(&mut out, existing, text, node, same, items, &mut ids, at);
    }
    sort(&mut out);
    *list = out;
    ids.into_iter()
        .map(|id| id.expect("every item is in a coding"))
        .collect()
}

/// One node's sweep: `order` lists its items by (start, end); `existing` are its codings by
/// start. Finished codings go to `out`, each item's final coding id to `ids`.
#[allow(clippy::too_many_arguments)]
fn sweep(
    out: &mut Vec<Coding>,
    existing: Vec<Coding>,
    text: &SourceText,
    node: NodeId,
    order: &[usize],
    items: &[(NodeId, CharRange)],
    ids: &mut [Option<CodingId>],
    at: &str,
) {
    let mut pending = existing.into_iter().peekable();
    let mut group: Option<Group> = None;
    // The items of the current group, given its id when it is finished.
    let mut members: Vec<usize> = Vec::new();
    let mut finish = |g: Group, members: &mut Vec<usize>, out: &mut Vec<Coding>| {
        for i in members.drain(..) {
            ids[i] = Some(g.id);
        }
        out.push(g.finish(text, node, at));
    };
    for &i in order {
        let (start, end) = items[i].1.bounds();
        // Codings that start before this range ends are reached now: they touch it, or no
        // later range (starting no earlier) can touch them.
        let mut touched = Vec::new();
        while let Some(c) = pending.next_if(|c| c.start <= end) {
            if start <= c.end {
                touched.push(c);
            } else {
                out.push(c);
            }
        }
        let joined = match group.take() {
            Some(g) if start <= g.hi => Some(g),
            Some(g) => {
                finish(g, &mut members, out);
                None
            }
            None => None,
        };
        group = Some(unite(joined, touched, start, end));
        members.push(i);
    }
    if let Some(g) = group {
        finish(g, &mut members, out);
    }
    out.extend(pending);
}

/// What [`super::apply`] does with one range and the codings it touches (the current group,
/// then codings of the list).
fn unite(group: Option<Group>, touched: Vec<Coding>, start: usize, end: usize) -> Group {
    let count = usize::from(group.is_some()) + touched.len();
    let mut lo = start;
    let mut hi = end;
    // The id of the touched coding with the smallest (start, id), else a new one.
    let mut first: Option<(usize, CodingId)> = None;
    let mut consider = |s: usize, e: usize, id: CodingId| {
        lo = lo.min(s);
        hi = hi.max(e);
        if first.is_none_or(|f| (s, id) < f) {
            first = Some((s, id));
        }
    };
    if let Some(g) = &group {
        consider(g.lo, g.hi, g.id);
    }
    for c in &touched {
        consider(c.start, c.end, c.id);
    }
    let id = first.map_or_else(CodingId::random, |f| f.1);
    if count == 1 {
        if let Some(g) = group
            && (g.lo, g.hi) == (lo, hi)
        {
            return g;
        }
        if let Some(c) = touched.into_iter().next()
            && (c.start, c.end) == (lo, hi)
        {
            return Group {
                lo,
                hi,
                id,
                unchanged: Some(c),
            };
        }
    }
    Group {
        lo,
        hi,
        id,
        unchanged: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coding::{Status, apply};
    use proptest::prelude::*;

    /// A coding as compared between the two ways: its id only when it was there before.
    fn shape(
        list: &[Coding],
        before: &[CodingId],
    ) -> Vec<(usize, usize, NodeId, String, String, Option<CodingId>)> {
        let mut v: Vec<_> = list
            .iter()
            .map(|c| {
                (
                    c.start,
                    c.end,
                    c.node,
                    c.quote.clone(),
                    c.at.clone(),
                    before.contains(&c.id).then_some(c.id),
                )
            })
            .collect();
        v.sort();
        v
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn the_sweep_gives_what_coding_one_range_at_a_time_gives(
            existing in proptest::collection::vec((0usize..200, 1usize..40, 0u8..3, any::<bool>()), 0..25),
            ranges in proptest::collection::vec((0u8..2, 0usize..200, 1usize..40), 0..25),
        ) {
            let text = SourceText::new("Enquêteur : Et ensuite ? P1 : « Bon… » (rires) ".repeat(6));
            let nodes = [NodeId::random(), NodeId::random(), NodeId::random()];
            let mut list: Vec<Coding> = existing
                .iter()
                .map(|&(s, l, n, orphan)| {
                    let mut c = make_coding(&text, CodingId::random(), nodes[n as usize], CharRange::new(s, s + l), "old");
                    c.status = orphan.then_some(Status::Orphaned);
                    c
                })
                .collect();
            sort(&mut list);
            let before: Vec<CodingId> = list.iter().map(|c| c.id).collect();
            let items: Vec<(NodeId, CharRange)> = ranges
                .iter()
                .map(|&(n, s, l)| (nodes[n as usize], CharRange::new(s, s + l)))
                .collect();
            let mut sorted = items.clone();
            sorted.sort_unstable();
            let mut one_by_one = list.clone();
            for &(n, r) in &sorted {
                apply(&mut one_by_one, &text, n, r, "new");
            }
            let mut swept = list.clone();
            let ids = apply_each(&mut swept, &text, &items, "new");
            prop_assert_eq!(shape(&swept, &before), shape(&one_by_one, &before));
            prop_assert_eq!(swept.len(), one_by_one.len());
            // Each item's id is that of the coding of its node now covering it.
            prop_assert_eq!(ids.len(), items.len());
            for (id, (n, r)) in ids.iter().zip(&items) {
                let c = swept.iter().find(|c| c.id == *id);
                prop_assert!(c.is_some_and(|c| c.node == *n && !c.is_orphaned()
                    && c.start <= r.start.get() && r.end.get() <= c.end));
            }
        }
    }

    #[test]
    fn turns_touching_a_coding_unite_with_it_and_keep_its_id() {
        let text = SourceText::new("abcdefghijklmnopqrstuvwxyz".into());
        let node = NodeId::random();
        let other = NodeId::random();
        let mut list = vec![
            make_coding(
                &text,
                CodingId::random(),
                node,
                CharRange::new(5, 10),
                "old",
            ),
            make_coding(
                &text,
                CodingId::random(),
                other,
                CharRange::new(5, 10),
                "old",
            ),
            make_coding(
                &text,
                CodingId::random(),
                node,
                CharRange::new(20, 24),
                "old",
            ),
        ];
        sort(&mut list);
        let kept = list
            .iter()
            .find(|c| c.node == node && c.start == 5)
            .unwrap()
            .id;
        let ranges = [(12, 14), (2, 5), (21, 23)].map(|(s, e)| CharRange::new(s, e));
        apply_all(&mut list, &text, node, &ranges, "new");
        let mine: Vec<(usize, usize, &str)> = list
            .iter()
            .filter(|c| c.node == node)
            .map(|c| (c.start, c.end, c.at.as_str()))
            .collect();
        assert_eq!(mine, [(2, 10, "new"), (12, 14, "new"), (20, 24, "old")]);
        assert_eq!(list.iter().find(|c| c.start == 2).unwrap().id, kept);
        assert_eq!(
            list.iter().find(|c| c.start == 2).unwrap().quote,
            "cdefghij"
        );
        assert_eq!(list.iter().filter(|c| c.node == other).count(), 1);
    }
}
