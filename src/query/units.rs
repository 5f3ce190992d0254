//! Filtered search: the filters and node restrictions turned into the set of units the index may
//! return ([`AllowedUnits`]), and a search over a session's sources with them.
//!
//! Invariants: speakers are allowed from the manifest alone (no text is read); node ranges are
//! the codings of the nodes with their descendants, coders filtered as for passages, orphaned
//! codings left out — taken from [`super::walk`], the walk passages and analyses go through.

use super::filters::Filters;
use super::walk::each_source;
use crate::coding::SourceText;
use crate::error::Result;
use crate::ids::{NodeId, SourceId};
use crate::index::{AllowedUnits, Hit, NO_SPEAKER, Ranges, SearchIndex, SourceTexts};
use crate::model::SourceMeta;
use crate::session::Session;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What to search and how.
#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    pub filters: Filters,
    /// Only matches inside codings of these nodes (with descendants).
    pub nodes: Vec<NodeId>,
    pub limit: usize,
}

/// Runs `query` over the session's sources, restricted as `opts` says.
pub fn search(
    index: &SearchIndex,
    session: &Session,
    query: &str,
    opts: &SearchOptions,
) -> Result<Vec<Hit>> {
    let allowed = allowed_units(session, &opts.nodes, &opts.filters);
    index.search(&Texts::of(session), query, &allowed, opts.limit)
}

/// The units and matches a search with these filters may return.
pub fn allowed_units(session: &Session, nodes: &[NodeId], f: &Filters) -> AllowedUnits {
    AllowedUnits {
        speakers: allowed_speakers(session, f),
        within: coded_ranges(session, nodes, f),
    }
}

/// Speakers allowed by the case, attribute, speaker and role filters, per source, as indices in
/// its speaker list (`NO_SPEAKER` for units without one).
fn allowed_speakers(session: &Session, f: &Filters) -> Option<HashMap<SourceId, HashSet<u64>>> {
    if f.admits_everyone() {
        return None;
    }
    let cases = &session.project().cases;
    let mut out = HashMap::new();
    for meta in &session.project().manifest.sources {
        let mut ok: HashSet<u64> = meta
            .speakers
            .iter()
            .enumerate()
            .filter(|(_, sp)| f.admits(cases, sp.case.as_deref().unwrap_or(&meta.case), Some(sp)))
            .map(|(i, _)| i as u64)
            .collect();
        if f.admits(cases, &meta.case, None) {
            ok.insert(NO_SPEAKER);
        }
        if !ok.is_empty() {
            out.insert(meta.id, ok);
        }
    }
    Some(out)
}

/// Coded ranges (code points) per source: those of `nodes` with their descendants (when some
/// are given), then those of the `also:` nodes (when that filter is set), from one walk.
fn coded_ranges(session: &Session, nodes: &[NodeId], f: &Filters) -> Vec<Ranges> {
    let set: Option<HashSet<NodeId>> = (!nodes.is_empty()).then(|| {
        nodes
            .iter()
            .flat_map(|n| session.codebook().subtree_ids(*n))
            .collect()
    });
    let (mut of_nodes, mut of_also): (Ranges, Ranges) = (HashMap::new(), HashMap::new());
    let walked = each_source(session, f, |sc| {
        if let Some(set) = &set {
            let ranges: Vec<(usize, usize)> = sc
                .codings
                .iter()
                .filter(|(_, c)| set.contains(&c.node))
                .map(|(_, c)| (c.start, c.end))
                .collect();
            if !ranges.is_empty() {
                of_nodes.insert(sc.meta.id, ranges);
            }
        }
        if let Some(also) = sc.also.as_ref().filter(|a| !a.is_empty()) {
            of_also.insert(sc.meta.id, also.clone());
        }
        Ok(())
    });
    debug_assert!(walked.is_ok(), "the walk fails only when the callback does");
    let mut within = Vec::new();
    if set.is_some() {
        within.push(of_nodes);
    }
    if f.also_nodes.as_ref().is_some_and(|n| !n.is_empty()) {
        within.push(of_also);
    }
    within
}

/// A session's sources as the index reads them.
struct Texts<'s> {
    session: &'s Session,
    by_id: HashMap<SourceId, &'s SourceMeta>,
}

impl<'s> Texts<'s> {
    fn of(session: &'s Session) -> Self {
        let by_id = session
            .project()
            .manifest
            .sources
            .iter()
            .map(|s| (s.id, s))
            .collect();
        Self { session, by_id }
    }
}

impl SourceTexts for Texts<'_> {
    fn meta(&self, source: SourceId) -> Option<&SourceMeta> {
        self.by_id.get(&source).copied()
    }

    fn text(&self, source: SourceId) -> Result<Arc<SourceText>> {
        self.session.text(source)
    }
}
