//! Matrix coding (`verbatim matrix`): rows are nodes, columns the values of a case attribute, the
//! sources or the cases; each cell counts codings, cases or words, lists the passages behind it,
//! and may carry its share of the row or column total.
//!
//! Invariants: rows keep the order asked, columns natural order (a case without a value for the
//! attribute falls in the column "—", shown only when used); totals are computed by the same
//! measure over the union of what they sum (a case coded under two nodes counts once in a
//! column total of cases), so a total is not always the sum of its cells.

use super::ranges::{self, Range};
use super::selection::{Coded, Selection};
use super::stats::{by_node, node_codings};
use crate::ids::{NodeId, SourceId};
use crate::text::natural_cmp;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The label of the column of cases without a value.
pub const NO_VALUE: &str = "—";

/// What the columns are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Columns {
    Attribute(String),
    Source,
    Case,
}

/// What a cell counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    Codings,
    Cases,
    Words,
}

/// Which total a percentage is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Percent {
    Row,
    Column,
}

/// A passage behind a cell: coders united, touching codings joined.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PassageRef {
    pub source: SourceId,
    pub label: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub value: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    pub passages: Vec<PassageRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub node: NodeId,
    pub path: String,
    pub cells: Vec<Cell>,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    pub measure: Measure,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    pub column_totals: Vec<usize>,
    pub total: usize,
}

/// The measure of a set of codings.
pub fn measure(sel: &Selection, codings: &[&Coded], m: Measure) -> usize {
    match m {
        Measure::Codings => codings.len(),
        Measure::Cases => codings
            .iter()
            .map(|c| sel.case_of(c))
            .collect::<BTreeSet<_>>()
            .len(),
        Measure::Words => per_source(codings)
            .iter()
            .map(|(s, r)| sel.sources[*s].words_in(r))
            .sum(),
    }
}

/// The united ranges of codings, per source index.
pub fn per_source(codings: &[&Coded]) -> BTreeMap<usize, Vec<Range>> {
    let mut map: BTreeMap<usize, Vec<Range>> = BTreeMap::new();
    for c in codings {
        map.entry(c.source).or_default().push((c.start, c.end));
    }
    map.into_iter()
        .map(|(s, r)| (s, ranges::union(r)))
        .collect()
}

/// The passages of codings, by source order then position.
pub fn passages(sel: &Selection, codings: &[&Coded]) -> Vec<PassageRef> {
    per_source(codings)
        .into_iter()
        .flat_map(|(s, list)| {
            let src = &sel.sources[s];
            list.into_iter().map(move |(start, end)| PassageRef {
                source: src.id,
                label: src.label.clone(),
                start,
                end,
            })
        })
        .collect()
}

/// The column a coding falls in.
fn column_of(sel: &Selection, c: &Coded, columns: &Columns) -> String {
    match columns {
        Columns::Source => sel.sources[c.source].label.clone(),
        Columns::Case => sel.case_of(c).to_owned(),
        Columns::Attribute(a) => sel
            .cases
            .rows
            .get(sel.case_of(c))
            .and_then(|r| r.get(a))
            .filter(|v| !v.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| NO_VALUE.to_owned()),
    }
}

/// The matrix of `nodes` (each with its subtree when `descendants`) by `columns`.
pub fn matrix(
    sel: &Selection,
    nodes: &[NodeId],
    descendants: bool,
    columns: &Columns,
    m: Measure,
    percent: Option<Percent>,
) -> Matrix {
    let mut names: BTreeSet<String> = BTreeSet::new();
    match columns {
        Columns::Source => names.extend(sel.sources.iter().map(|s| s.label.clone())),
        Columns::Case => names.extend(
            sel.sources
                .iter()
                .flat_map(|s| s.units.iter().filter(|u| u.kept).map(|u| u.case.clone())),
        ),
        Columns::Attribute(a) => {
            let cases: BTreeSet<&str> = sel
                .sources
                .iter()
                .flat_map(|s| s.units.iter().map(|u| u.case.as_str()))
                .collect();
            names.extend(cases.iter().filter_map(|c| {
                sel.cases
                    .rows
                    .get(*c)
                    .and_then(|r| r.get(a))
                    .filter(|v| !v.trim().is_empty())
                    .cloned()
            }));
        }
    }
    let buckets = by_node(sel);
    let rows_codings: Vec<Vec<&Coded>> = nodes
        .iter()
        .map(|&n| node_codings(sel, &buckets, n, descendants))
        .collect();
    let keyed: Vec<Vec<(String, &Coded)>> = rows_codings
        .iter()
        .map(|list| {
            list.iter()
                .map(|c| (column_of(sel, c, columns), *c))
                .collect()
        })
        .collect();
    if keyed.iter().flatten().any(|(k, _)| k == NO_VALUE) {
        names.insert(NO_VALUE.to_owned());
    }
    let mut columns_list: Vec<String> = names.into_iter().collect();
    columns_list.sort_by(|a, b| match (a == NO_VALUE, b == NO_VALUE) {
        (true, false) => std::cmp::Ordering::Greater,
        (false, true) => std::cmp::Ordering::Less,
        _ => natural_cmp(a, b),
    });
    let column_totals: Vec<usize> = columns_list
        .iter()
        .map(|col| {
            let list: Vec<&Coded> = keyed
                .iter()
                .flatten()
                .filter(|(k, _)| k == col)
                .map(|(_, c)| *c)
                .collect();
            measure(sel, &dedup(list), m)
        })
        .collect();
    let all: Vec<&Coded> = dedup(rows_codings.iter().flatten().copied().collect());
    let total = measure(sel, &all, m);
    let rows = nodes
        .iter()
        .zip(&keyed)
        .zip(&rows_codings)
        .map(|((&node, keyed), list)| {
            let row_total = measure(sel, list, m);
            let cells = columns_list
                .iter()
                .zip(&column_totals)
                .map(|(col, col_total)| {
                    let in_cell: Vec<&Coded> = keyed
                        .iter()
                        .filter(|(k, _)| k == col)
                        .map(|(_, c)| *c)
                        .collect();
                    let value = measure(sel, &in_cell, m);
                    let of = match percent {
                        Some(Percent::Row) => Some(row_total),
                        Some(Percent::Column) => Some(*col_total),
                        None => None,
                    };
                    Cell {
                        value,
                        percent: of.map(|t| {
                            if t == 0 {
                                0.0
                            } else {
                                100.0 * value as f64 / t as f64
                            }
                        }),
                        passages: passages(sel, &in_cell),
                    }
                })
                .collect();
            Row {
                node,
                path: sel.codebook.path_of(node).unwrap_or_default(),
                cells,
                total: row_total,
            }
        })
        .collect();
    Matrix {
        measure: m,
        columns: columns_list,
        rows,
        column_totals,
        total,
    }
}

/// Codings once each (a node asked twice, or a subtree inside another row, counts once).
fn dedup(mut list: Vec<&Coded>) -> Vec<&Coded> {
    list.sort_by_key(|c| *c as *const Coded as usize);
    list.dedup_by_key(|c| *c as *const Coded as usize);
    list
}
