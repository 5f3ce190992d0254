//! Filtered search: the filters and node restrictions turned into the set of units the index may
//! return ([`AllowedUnits`]), and a search over a session's sources with them.
//!
//! Invariants: speakers are allowed from the manifest alone (no text is read); node ranges are
//! the codings of the nodes with their descendants, coders filtered as for passages, orphaned
//! codings left out — the same rules as [`super::select`].

use super::filters::Filters;
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
    let mut within = Vec::new();
    if let Some(r) = coded_ranges(session, nodes, f) {
        within.push(r);
    }
    if let Some(r) = f
        .also_nodes
        .as_ref()
        .and_then(|n| coded_ranges(session, n, f))
    {
        within.push(r);
    }
    AllowedUnits {
        speakers: allowed_speakers(session, f),
        within,
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

/// Coded ranges (code points) of nodes with their descendants, per source (None: no filter).
fn coded_ranges(session: &Session, nodes: &[NodeId], f: &Filters) -> Option<Ranges> {
    if nodes.is_empty() {
        return None;
    }
    let set: HashSet<NodeId> = nodes
        .iter()
        .flat_map(|n| session.codebook().subtree_ids(NodeId(n.0)))
        .collect();
    let mut out: Ranges = HashMap::new();
    for (coder, source, c) in session.codings().all() {
        if set.contains(&c.node)
            && !c.is_orphaned()
            && f.coder.as_deref().is_none_or(|w| w == coder)
        {
            out.entry(source).or_default().push((c.start, c.end));
        }
    }
    Some(out)
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
