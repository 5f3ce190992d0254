//! Consensus (`verbatim codings merge`): pools coders' codings into another coder after review —
//! their union, or only what every one of them coded (`agreed_only`).
//!
//! Invariants: the plan is computed from the selection (pure); writing goes through
//! `Session::code_batch`, so the merge is one journalled, undoable step, all or nothing, and
//! codings the target coder already has are united with the new ones, never replaced.

use super::ranges::{self, Range};
use super::selection::Selection;
use crate::error::{Error, Result};
use crate::ids::{NodeId, SourceId};
use crate::query::Filters;
use crate::session::{BatchItem, Session};
use std::collections::BTreeMap;

/// One range to code: source, node, start, end.
pub type Planned = (SourceId, NodeId, usize, usize);

/// The ranges the consensus coder gets, by source order, node, then position.
pub fn plan(sel: &Selection, coders: &[String], agreed_only: bool) -> Vec<Planned> {
    let mut by: BTreeMap<(usize, NodeId), Vec<Vec<Range>>> = BTreeMap::new();
    for c in &sel.codings {
        if let Some(k) = coders.iter().position(|x| *x == c.coder) {
            by.entry((c.source, c.node))
                .or_insert_with(|| vec![Vec::new(); coders.len()])[k]
                .push((c.start, c.end));
        }
    }
    let mut out = Vec::new();
    for ((s, node), lists) in by {
        let sets: Vec<Vec<Range>> = lists.into_iter().map(ranges::union).collect();
        let result = if agreed_only {
            sets.iter()
                .skip(1)
                .fold(sets[0].clone(), |acc, x| ranges::intersect(&acc, x))
        } else {
            ranges::union(sets.into_iter().flatten().collect())
        };
        out.extend(
            result
                .into_iter()
                .map(|(a, b)| (sel.sources[s].id, node, a, b)),
        );
    }
    out
}

/// Writes the consensus of `coders` into coder `into`; returns how many ranges were coded.
pub fn merge_coders(
    session: &mut Session,
    coders: &[String],
    into: &str,
    agreed_only: bool,
) -> Result<usize> {
    if coders.len() < 2 {
        return Err(Error::Invalid(
            "--coders needs at least two coders, separated by commas".into(),
        ));
    }
    for c in coders {
        if !session.codings().by_coder.contains_key(c) {
            return Err(Error::Invalid(format!(
                "--coders: no codings by a coder named '{c}'"
            )));
        }
        if c == into {
            return Err(Error::Invalid(format!(
                "--into '{into}' is one of the coders being merged; choose a new name"
            )));
        }
    }
    let sel = Selection::from_session(session, &Filters::default())?;
    let planned = plan(&sel, coders, agreed_only);
    if planned.is_empty() {
        return Ok(0);
    }
    let items: Vec<(usize, BatchItem)> = planned
        .iter()
        .enumerate()
        .map(|(i, (source, node, start, end))| {
            (
                i + 1,
                BatchItem {
                    source: source.to_string(),
                    start: *start,
                    end: *end,
                    node: node.to_string(),
                },
            )
        })
        .collect();
    session.code_batch(into, &items)
}
