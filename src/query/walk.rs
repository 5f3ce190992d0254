//! The one walk over codings behind every selection: source by source, in natural label order,
//! the codings a filter's coder rule keeps and the ranges its `also:` nodes cover. Passages, the
//! annex ([`super::select_each`]), node-filtered search ([`super::allowed_units`]) and the
//! analysis selection all start from it, so they agree on which codings count.
//!
//! Invariants: orphaned codings never appear, in the codings or in the `also:` ranges; with a
//! `coder:` filter both hold only that coder's codings; the `also:` nodes count with their
//! descendants; every source of the manifest is visited (with or without codings), and nothing
//! is read but the codings (texts are the caller's to read); nothing is allocated per coding.

use super::filters::Filters;
use crate::coding::Coding;
use crate::error::Result;
use crate::ids::NodeId;
use crate::model::SourceMeta;
use crate::session::Session;
use std::collections::HashSet;

/// One source's codings as every selection starts from them.
#[derive(Debug, Clone)]
pub struct SourceCodings<'s> {
    pub meta: &'s SourceMeta,
    /// (coder, coding): not orphaned, by the filter's coder (every coder when none), in coder
    /// name order then stored order.
    pub codings: Vec<(&'s str, &'s Coding)>,
    /// Ranges (code points) of the codings of the `also:` nodes, same coder rule (None: no
    /// `also:` filter).
    pub also: Option<Vec<(usize, usize)>>,
}

impl SourceCodings<'_> {
    /// Whether `start..end` overlaps a range of the `also:` nodes (true without that filter).
    pub fn meets_also(&self, start: usize, end: usize) -> bool {
        self.also
            .as_ref()
            .is_none_or(|a| a.iter().any(|&(s, e)| s < end && start < e))
    }
}

/// Calls `each` for every source of the session, in natural label order, with its codings kept
/// by `filters.coder` and the ranges of `filters.also_nodes`. The other filters (case, speaker,
/// role) depend on units, which the caller cuts when it needs them.
pub fn each_source<'s>(
    session: &'s Session,
    filters: &Filters,
    mut each: impl FnMut(&SourceCodings<'s>) -> Result<()>,
) -> Result<()> {
    let also: Option<HashSet<NodeId>> = filters.also_nodes.as_ref().map(|ns| {
        ns.iter()
            .flat_map(|n| session.codebook().subtree_ids(*n))
            .collect()
    });
    let coder = filters.coder.as_deref();
    for meta in session.project().sources() {
        let mut kept = SourceCodings {
            meta,
            codings: Vec::new(),
            also: also.as_ref().map(|_| Vec::new()),
        };
        for (who, c) in session.codings().of_source(meta.id) {
            if c.is_orphaned() || coder.is_some_and(|w| w != who) {
                continue;
            }
            if let (Some(set), Some(ranges)) = (&also, &mut kept.also)
                && set.contains(&c.node)
            {
                ranges.push((c.start, c.end));
            }
            kept.codings.push((who, c));
        }
        each(&kept)?;
    }
    Ok(())
}
