//! Applying and removing codings on one coder's list for one source.
//!
//! Invariants: coding a range that overlaps or touches a coding of the same node extends it
//! (union, one coding left); uncoding part of a coding trims it, or splits it in two when the
//! range is strictly inside; orphaned codings are never touched; quotes and context are always
//! recomputed from the text.

use super::{CONTEXT, Coding, sort};
use crate::error::{Error, Result};
use crate::ids::CodingId;
use crate::ids::NodeId;
use crate::text::{CharRange, CodePointIndex};

/// A source text with its code point index, built once and shared.
#[derive(Debug, Clone)]
pub struct SourceText {
    pub text: String,
    pub index: CodePointIndex,
}

impl SourceText {
    pub fn new(text: String) -> Self {
        let index = CodePointIndex::new(&text);
        Self { text, index }
    }

    /// Length in code points.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The text between two code point offsets (clamped to the text).
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let end = end.min(self.len());
        let start = start.min(end);
        &self.text[self.index.byte_of(start).unwrap_or(0)
            ..self.index.byte_of(end).unwrap_or(self.text.len())]
    }

    /// Checks a range given by a user: `start < end <= len`.
    pub fn check_range(&self, range: CharRange, label: &str) -> Result<()> {
        let (start, end) = range.bounds();
        if start >= end {
            return Err(Error::Invalid(format!(
                "the range {start}..{end} is empty (start must be before end)"
            )));
        }
        if end > self.len() {
            return Err(Error::Invalid(format!(
                "the range {start}..{end} goes past the end of {label}, which has {} characters",
                self.len()
            )));
        }
        Ok(())
    }
}

/// A coding of `node` on `range`, with quote and context taken from the text.
pub fn make_coding(
    text: &SourceText,
    id: CodingId,
    node: NodeId,
    range: CharRange,
    at: &str,
) -> Coding {
    let (start, end) = range.bounds();
    let mut c = Coding {
        id,
        node,
        start,
        end,
        quote: String::new(),
        before: String::new(),
        after: String::new(),
        at: at.to_owned(),
        status: None,
        extra: Default::default(),
    };
    refresh(text, &mut c);
    c
}

/// Recomputes quote and context of a coding from its range.
pub fn refresh(text: &SourceText, c: &mut Coding) {
    c.quote = text.slice(c.start, c.end).to_owned();
    c.before = text
        .slice(c.start.saturating_sub(CONTEXT), c.start)
        .to_owned();
    c.after = text.slice(c.end, c.end + CONTEXT).to_owned();
}

/// Codes `range` with `node` in `list`, merging with codings of the same node it overlaps
/// or touches. Returns the id of the resulting coding.
pub fn apply(
    list: &mut Vec<Coding>,
    text: &SourceText,
    node: NodeId,
    range: CharRange,
    at: &str,
) -> CodingId {
    let (start, end) = range.bounds();
    let touching: Vec<usize> = (0..list.len())
        .filter(|&i| {
            let c = &list[i];
            c.node == node && !c.is_orphaned() && c.start <= end && start <= c.end
        })
        .collect();
    let (mut lo, mut hi) = (start, end);
    for &i in &touching {
        lo = lo.min(list[i].start);
        hi = hi.max(list[i].end);
    }
    let id = touching
        .iter()
        .map(|&i| &list[i])
        .min_by_key(|c| (c.start, c.id))
        .map_or_else(CodingId::random, |c| c.id);
    if touching.len() == 1 && list[touching[0]].start == lo && list[touching[0]].end == hi {
        return id;
    }
    for &i in touching.iter().rev() {
        list.remove(i);
    }
    list.push(make_coding(text, id, node, CharRange::new(lo, hi), at));
    sort(list);
    id
}

/// Removes `range` from the codings in `list` (of `node` only, when given): trims, splits
/// or deletes them. Returns whether anything changed.
pub fn uncode(
    list: &mut Vec<Coding>,
    text: &SourceText,
    node: Option<NodeId>,
    range: CharRange,
    at: &str,
) -> bool {
    let (start, end) = range.bounds();
    let mut changed = false;
    let mut out = Vec::with_capacity(list.len() + 1);
    for mut c in list.drain(..) {
        let hit =
            !c.is_orphaned() && node.is_none_or(|n| n == c.node) && c.start < end && start < c.end;
        if !hit {
            out.push(c);
            continue;
        }
        changed = true;
        let (keep_left, keep_right) = (c.start < start, end < c.end);
        match (keep_left, keep_right) {
            (false, false) => {}
            (true, false) => {
                c.end = start;
                refresh(text, &mut c);
                c.at = at.to_owned();
                out.push(c);
            }
            (false, true) => {
                c.start = end;
                refresh(text, &mut c);
                c.at = at.to_owned();
                out.push(c);
            }
            (true, true) => {
                let right = make_coding(
                    text,
                    CodingId::random(),
                    c.node,
                    CharRange::new(end, c.end),
                    at,
                );
                c.end = start;
                refresh(text, &mut c);
                c.at = at.to_owned();
                out.push(c);
                out.push(right);
            }
        }
    }
    sort(&mut out);
    *list = out;
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> SourceText {
        SourceText::new("Enquêteur : Et le temps ?\nM3 : Le temps, c'est le problème. Les réunions tombent le soir.".into())
    }

    #[test]
    fn overlapping_or_touching_codings_of_a_node_are_united() {
        let t = text();
        let n = NodeId::random();
        let mut list = Vec::new();
        let a = apply(&mut list, &t, n, CharRange::new(31, 40), "t");
        let b = apply(&mut list, &t, n, CharRange::new(35, 50), "t");
        assert_eq!(a, b);
        assert_eq!(list.len(), 1);
        apply(&mut list, &t, n, CharRange::new(50, 60), "t");
        assert_eq!((list[0].start, list[0].end), (31, 60));
        assert_eq!(list[0].quote, t.slice(31, 60));
        apply(&mut list, &t, NodeId::random(), CharRange::new(31, 40), "t");
        assert_eq!(list.len(), 2, "another node overlaps without merging");
    }

    #[test]
    fn uncode_trims_and_splits() {
        let t = text();
        let n = NodeId::random();
        let mut list = Vec::new();
        apply(&mut list, &t, n, CharRange::new(10, 60), "t");
        assert!(uncode(&mut list, &t, Some(n), CharRange::new(50, 70), "t"));
        assert_eq!((list[0].start, list[0].end), (10, 50));
        assert!(uncode(&mut list, &t, None, CharRange::new(0, 20), "t"));
        assert_eq!((list[0].start, list[0].end), (20, 50));
        let id = list[0].id;
        assert!(uncode(&mut list, &t, Some(n), CharRange::new(30, 35), "t"));
        assert_eq!(
            list.iter().map(|c| (c.start, c.end)).collect::<Vec<_>>(),
            [(20, 30), (35, 50)]
        );
        assert_eq!(list[0].id, id, "the left part keeps the id");
        assert!(
            !uncode(
                &mut list,
                &t,
                Some(NodeId::random()),
                CharRange::new(0, 80),
                "t"
            ),
            "another node: nothing"
        );
        assert!(uncode(&mut list, &t, None, CharRange::new(0, 80), "t"));
        assert!(list.is_empty());
    }

    #[test]
    fn context_is_forty_code_points_each_side() {
        let t = SourceText::new("é".repeat(100));
        let c = make_coding(
            &t,
            CodingId::random(),
            NodeId::random(),
            CharRange::new(50, 52),
            "t",
        );
        assert_eq!(c.before.chars().count(), 40);
        assert_eq!(c.after.chars().count(), 40);
        assert_eq!(c.quote, "éé");
        assert!(
            t.check_range(CharRange::new(90, 101), "E1")
                .unwrap_err()
                .to_string()
                .contains("past the end of E1, which has 100 characters")
        );
    }
}
