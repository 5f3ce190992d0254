//! A coding query's result as an annex (`verbatim export --query NAME`, and the TUI's
//! coding-query view): the query runs over the selection the annex's filters give (through the
//! query layer, as `verbatim query` does), and each passage becomes a verbatim of one section
//! named after the query, written by the export module in any annex format.
//!
//! Invariants: the passages are exactly those `verbatim query` lists under the same filters;
//! each names the coders and nodes of the expression whose codings overlap it (none for a
//! passage found by text alone), so `--memos` brings their coding memos along.

use super::query::{self, Expr, Hit};
use super::selection::Selection;
use crate::error::Result;
use crate::export::passages_annex::{self, Heading, Passage};
use crate::export::{Annex, Options};
use crate::ids::{NodeId, SourceId};
use crate::session::Session;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The annex of a saved query (`queries/NAME.txt`).
pub fn saved(session: &Session, options: &Options, name: &str) -> Result<Annex> {
    let expr = query::load(session.root(), name)?;
    of_expr(session, options, name, &expr)
}

/// The annex of an expression, under the heading `name`.
pub fn of_expr(session: &Session, options: &Options, name: &str, expr: &str) -> Result<Annex> {
    let parsed = query::parse(expr, session.codebook())?;
    let sel = Selection::from_session(session, &options.filters)?;
    let hits = query::run(&sel, &parsed);
    let heading = Heading {
        name: name.to_owned(),
        description: expr.trim().to_owned(),
    };
    passages_annex::build(session, options, &heading, &passages(&sel, &parsed, &hits))
}

/// The hits with the coders and nodes of the expression whose codings overlap each.
pub fn passages(sel: &Selection, e: &Expr, hits: &[Hit]) -> Vec<Passage> {
    let mut nodes: HashSet<NodeId> = HashSet::new();
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match e {
            Expr::Node(n) => nodes.extend(sel.node_set(*n, true)),
            Expr::Text(_) => {}
            Expr::Not(a) => stack.push(a),
            Expr::And(a, b) | Expr::Or(a, b) | Expr::Near(a, b, _) => {
                stack.push(a);
                stack.push(b);
            }
        }
    }
    let index: HashMap<SourceId, usize> = sel
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let mut by_source: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, c) in sel.codings.iter().enumerate() {
        if nodes.contains(&c.node) {
            by_source.entry(c.source).or_default().push(i);
        }
    }
    hits.iter()
        .map(|h| {
            let mut coders = BTreeSet::new();
            let mut found = BTreeSet::new();
            let codings = index.get(&h.source).and_then(|i| by_source.get(i));
            for &i in codings.into_iter().flatten() {
                let c = &sel.codings[i];
                if c.start < h.end && h.start < c.end {
                    coders.insert(c.coder.clone());
                    found.insert(c.node);
                }
            }
            Passage {
                source: h.source,
                start: h.start,
                end: h.end,
                coders,
                nodes: found,
            }
        })
        .collect()
}
