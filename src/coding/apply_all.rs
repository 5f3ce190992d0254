//! Coding many ranges with one node in one sweep (every turn of a speaker, say): the same
//! result as [`super::apply`] called on each range in text order, in time linear in the number
//! of codings and ranges (after sorting) instead of their product.
//!
//! Invariants: as for [`super::apply`]: a range that overlaps or touches a coding of the same
//! node unites with it (one coding left, keeping the id of the earliest); a coding no range
//! touches, a coding of another node and an orphaned coding are kept as they were; a range lying
//! inside a coding changes nothing.

use super::{Coding, SourceText, make_coding, sort};
use crate::ids::{CodingId, NodeId};
use crate::text::CharRange;

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
    let mut ranges = ranges.to_vec();
    ranges.sort_unstable();
    let (mut same, mut out): (Vec<Coding>, Vec<Coding>) = list
        .drain(..)
        .partition(|c| c.node == node && !c.is_orphaned());
    same.sort_by_key(|c| (c.start, c.end, c.id));
    let mut pending = same.into_iter().peekable();
    let mut group: Option<Group> = None;
    for (start, end) in ranges.into_iter().map(CharRange::bounds) {
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
                out.push(g.finish(text, node, at));
                None
            }
            None => None,
        };
        group = Some(unite(joined, touched, start, end));
    }
    out.extend(group.map(|g| g.finish(text, node, at)));
    out.extend(pending);
    sort(&mut out);
    *list = out;
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
            ranges in proptest::collection::vec((0usize..200, 1usize..40), 0..25),
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
            let ranges: Vec<CharRange> = ranges.iter().map(|&(s, l)| CharRange::new(s, s + l)).collect();
            let mut sorted = ranges.clone();
            sorted.sort_unstable();
            let mut one_by_one = list.clone();
            for &r in &sorted {
                apply(&mut one_by_one, &text, nodes[0], r, "new");
            }
            let mut swept = list.clone();
            apply_all(&mut swept, &text, nodes[0], &ranges, "new");
            prop_assert_eq!(shape(&swept, &before), shape(&one_by_one, &before));
            prop_assert_eq!(swept.len(), one_by_one.len());
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
