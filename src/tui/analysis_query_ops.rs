//! The runtime side of the co-occurrence and coding-query views: the node × node table with
//! the passages behind a cell, the saved queries to pick from, a query's passages, and coding
//! those passages into a new node — all through the core (`analysis::cooccurrence`,
//! `analysis::query`), over the selection the Passages filter keeps, as `verbatim
//! cooccurrence` and `verbatim query` do with the same filter flags.
//!
//! Invariants: only [`code_query`] writes, as one undoable step of the session; an expression
//! that does not parse is shown in the view as one sentence, never an error popup.

use super::analysis_i18n::A;
use super::analysis_ops::jumps;
use super::analysis_rows::{AnalysisAsk, CoData, Jump, JumpList, Open, QueryData, TabData};
use super::i18n::Lang;
use crate::analysis::{Selection, cooccurrence, query};
use crate::error::Result;
use crate::ids::SourceId;
use crate::session::Session;
use crate::text::CharRange;

/// The co-occurrence of every coded node, with the cell asked for opened.
pub fn cooccurrence_view(
    sel: &Selection,
    lang: Lang,
    ask: &mut AnalysisAsk,
) -> (TabData, Option<JumpList>) {
    ask.within %= 3;
    let (within, words) = match ask.within {
        0 => (cooccurrence::Within::Overlap, A::SameText),
        1 => (cooccurrence::Within::Turn, A::SameTurn),
        _ => (cooccurrence::Within::Source, A::SameInterview),
    };
    let nodes = cooccurrence::coded_nodes(sel);
    let co = cooccurrence::cooccurrence(sel, &nodes, within);
    ask.column = ask.column.min(nodes.len().saturating_sub(1));
    let names: Vec<String> = nodes
        .iter()
        .map(|n| {
            sel.codebook
                .node(*n)
                .map_or_else(String::new, |n| n.name.clone())
        })
        .collect();
    let list = match ask.open {
        Some(Open::Pair { row, column }) => co.cells.get(row).and_then(|r| {
            let cell = r.get(column)?;
            let note = format!("{} × {}", co.nodes[row].path, co.nodes[column].path);
            Some(JumpList {
                title: format!("{} × {}", names[row], names[column]),
                rows: jumps(sel, &cell.passages, &note),
                selected: 0,
            })
        }),
        _ => None,
    };
    let cells: Vec<Vec<usize>> = co
        .cells
        .iter()
        .map(|r| r.iter().map(|c| c.count).collect())
        .collect();
    let max = cells
        .iter()
        .enumerate()
        .flat_map(|(i, r)| r.iter().enumerate().filter(move |(j, _)| *j != i))
        .map(|(_, v)| *v)
        .max()
        .unwrap_or(0);
    let data = CoData {
        within: format!("{} {}", lang.a(A::BothWithin), lang.a(words)),
        names,
        paths: co.nodes.into_iter().map(|n| n.path).collect(),
        cells,
        max,
    };
    (TabData::Cooccurrence(data), list)
}

/// The saved queries, or the passages of the query asked for.
pub fn query_view(session: &Session, sel: &Selection, ask: &AnalysisAsk) -> Result<TabData> {
    let saved = query::saved(session.root())?;
    let mut data = QueryData {
        saved,
        expr: ask.query.trim().to_owned(),
        name: ask.query_name.clone(),
        error: None,
        hits: Vec::new(),
    };
    if data.expr.is_empty() {
        return Ok(TabData::Query(data));
    }
    match query::parse(&data.expr, session.codebook()) {
        Ok(e) => {
            data.hits = query::run(sel, &e)
                .into_iter()
                .map(|h| Jump {
                    source: h.source,
                    label: h.label,
                    start: h.start,
                    end: h.end,
                    text: h.text.replace('\n', " "),
                    note: h.speaker.unwrap_or_default(),
                })
                .collect();
        }
        Err(e) => data.error = Some(e.to_string()),
    }
    Ok(TabData::Query(data))
}

/// Codes the passages of `expr` (under the Passages filter `filter`) into the new node `path`
/// as `coder`, in one undoable step; says how many.
pub fn code_query(
    session: &mut Session,
    coder: &str,
    filter: &str,
    expr: &str,
    path: &str,
) -> Result<(crate::ids::NodeId, usize)> {
    let parsed = query::parse(expr, session.codebook())?;
    let filters = super::snapshot::parse_filter(session, filter)?;
    let sel = Selection::from_session(session, &filters)?;
    let ranges: Vec<(SourceId, CharRange)> = query::run(&sel, &parsed)
        .iter()
        .map(|h| (h.source, CharRange::new(h.start, h.end)))
        .collect();
    if ranges.is_empty() {
        return Err(crate::Error::Invalid(format!(
            "the query gives no passage; nothing to code into '{path}'"
        )));
    }
    session.code_ranges_in_new_node(coder, path.trim(), &ranges)
}
