//! An annex of given passages under one heading: a saved coding query's result
//! (`verbatim export --query NAME`, the TUI's coding-query view). The passages are chosen by
//! the caller (the query runs through the query layer); here they become verbatims exactly as
//! a node's codings do in the annex — the same citation, context, length cut, interviewer turns,
//! order, memos, transcripts annex and pseudonymisation — written by every annex writer.
//!
//! Invariants: one section, holding every passage once, by source (natural label order) then
//! position unless `options.order` says otherwise; a passage in a source that is gone or cannot
//! be read is left out and the front end names it; the tree options (`nodes`, `depth`,
//! `rollup`, `skip_empty`, `numbering`) have nothing to act on and are ignored.

use super::annex::{self, Annex, Section};
use super::citation_setup::CitationSetup;
use super::collect;
use super::names::Names;
use super::options::Options;
use crate::error::Result;
use crate::ids::{NodeId, SourceId};
use crate::model::Language;
use crate::query::{SourceSelection, Stretch};
use crate::session::Session;
use crate::text::turns;
use std::collections::{BTreeSet, HashMap};

/// One passage of the annex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub source: SourceId,
    /// Code point range in the source text.
    pub start: usize,
    pub end: usize,
    /// The coders whose codings make it (empty for a passage found by text alone).
    pub coders: BTreeSet<String>,
    /// The nodes whose codings make it (their coding memos go with it when memos are asked).
    pub nodes: BTreeSet<NodeId>,
}

/// The heading the passages go under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The section's name (a saved query's name).
    pub name: String,
    /// What the code dictionary says of it (the query's expression).
    pub description: String,
}

/// Builds the annex of `passages` under one heading, as `options` ask.
pub fn build(
    session: &Session,
    options: &Options,
    heading: &Heading,
    passages: &[Passage],
) -> Result<Annex> {
    let setup = CitationSetup::new(session, options)?;
    let language = setup.language;
    let memos = if options.memos {
        collect::coding_memos(session)?
    } else {
        HashMap::new()
    };
    let mut by_source: HashMap<SourceId, Vec<&Passage>> = HashMap::new();
    for p in passages {
        by_source.entry(p.source).or_default().push(p);
    }
    let mut verbatims = Vec::new();
    for meta in session.project().sources() {
        let Some(mut list) = by_source.remove(&meta.id) else {
            continue;
        };
        // Left out when unreadable; named by the front end (`Session::unreadable_texts`).
        let Ok(text) = session.text(meta.id) else {
            continue;
        };
        list.sort_by_key(|p| (p.start, p.end));
        let units = turns::source_units(meta, &text.text);
        let u = SourceSelection {
            meta,
            text: text.clone(),
            units,
            groups: Vec::new(),
        };
        let row = session.project().cases.rows.get(&meta.case);
        let mut names = Names::new(setup.printing_key());
        for p in list {
            let end = p.end.min(text.len());
            if p.start >= end {
                continue;
            }
            let byte = text.index.byte_of(p.start).unwrap_or(0);
            let unit = turns::index_containing(&u.units, byte);
            let speaker = unit.and_then(|i| u.units[i].speaker);
            let case = speaker
                .and_then(|i| meta.speakers[i].case.clone())
                .unwrap_or_else(|| meta.case.clone());
            let st = Stretch {
                start: p.start,
                end,
                coders: p.coders.iter().map(String::as_str).collect(),
                nodes: p.nodes.clone(),
                unit,
                speaker,
                case,
            };
            if let Some(mut v) =
                collect::verbatim(session, options, &setup.citation, &u, row, &st, &mut names)
            {
                if !memos.is_empty() {
                    v.memos = collect::memos_of(session, &memos, &u, &st, &names);
                }
                verbatims.push(v);
            }
        }
    }
    annex::sort(&mut verbatims, options.order.clone(), &setup.attributes);
    let sources: BTreeSet<SourceId> = verbatims.iter().map(|v| v.source).collect();
    let section = Section {
        node: NodeId::nil(),
        depth: 0,
        number: String::new(),
        name: heading.name.clone(),
        path: heading.name.clone(),
        description: heading.description.clone(),
        anchor: "query".to_owned(),
        interviews: sources.len(),
        subtree_verbatims: verbatims.len(),
        subtree_interviews: sources.len(),
        memos: Vec::new(),
        verbatims,
    };
    let name = &session.project().manifest.name;
    let title = options.title.clone().unwrap_or_else(|| match language {
        Language::Fr => format!("{name} — requête « {} »", heading.name),
        Language::En => format!("{name} — query “{}”", heading.name),
    });
    annex::finish(session, options, vec![section], setup, title)
}
