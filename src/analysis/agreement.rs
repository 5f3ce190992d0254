//! Intercoder agreement (`verbatim agreement`): per node and per source, percent agreement and
//! Cohen's kappa between two coders over characters (as NVivo) or over units (turns or
//! paragraphs); Krippendorff's nominal alpha over units for any number of coders; and the list
//! of disagreements (stretches some coders coded and others did not).
//!
//! Invariants: the items are the characters (or units) of the kept units of every source, so a
//! filter narrows them; `exclude_uncoded` leaves out items no coder coded and the result always
//! says which was used (counting them as agreement inflates kappa); per-node figures pool their
//! sources' tables; nodes come in codebook order, sources in natural order.

pub use super::kappa::{Alpha, Table2, krippendorff_nominal};
use super::ranges::{self, Range};
use super::selection::{Selection, SourceView};
use crate::ids::{NodeId, SourceId};
use serde::Serialize;
use std::collections::HashMap;

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemUnit {
    Char,
    Turn,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub coders: Vec<String>,
    /// Nodes compared (each alone); empty for every node of the codebook.
    pub nodes: Vec<NodeId>,
    pub unit: ItemUnit,
    pub exclude_uncoded: bool,
}

/// Figures for one table (two coders).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub table: Table2,
    pub percent: Option<f64>,
    pub kappa: Option<f64>,
}

impl Figures {
    fn of(table: Table2) -> Self {
        Self {
            percent: table.percent(),
            kappa: table.kappa(),
            table,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceFigures {
    pub source: SourceId,
    pub label: String,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeAgreement {
    pub node: NodeId,
    pub path: String,
    /// Two coders: pooled over sources (those where nobody coded the node count as agreed
    /// "not coded" unless `exclude_uncoded`).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub figures: Option<Figures>,
    /// Two coders: the sources where one of them coded the node, in source order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceFigures>,
    /// Krippendorff's nominal alpha over units (every coder; with two, over units too).
    pub alpha: Option<f64>,
}

/// A stretch (or unit) some coders coded with a node and others did not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disagreement {
    pub node: NodeId,
    pub path: String,
    pub source: SourceId,
    pub label: String,
    pub start: usize,
    pub end: usize,
    pub coded_by: Vec<String>,
    pub not_coded_by: Vec<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub coders: Vec<String>,
    pub unit: ItemUnit,
    pub exclude_uncoded: bool,
    /// Two coders: every node's tables pooled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overall: Option<Figures>,
    /// Alpha over every (unit, node) item.
    pub overall_alpha: Option<f64>,
    pub nodes: Vec<NodeAgreement>,
    pub disagreements: Vec<Disagreement>,
}

/// The items of a source: its kept units' ranges (the whole text when every unit is kept).
fn domain(s: &SourceView) -> Vec<Range> {
    if s.units.iter().all(|u| u.kept) {
        return vec![(0, s.text.len())];
    }
    ranges::union(
        s.units
            .iter()
            .filter(|u| u.kept)
            .map(|u| (u.start, u.end))
            .collect(),
    )
}

/// Agreement between `opts.coders` over a selection.
///
/// One sorted pass: the compared codings are sorted by (node, source, coder), so each node's
/// sources come as consecutive runs; within a run every item count comes from interval
/// arithmetic on the coders' united ranges (characters) or from one merge of their sorted
/// touched-unit lists (units), and Krippendorff's alpha adds each vote pattern once with the
/// number of units that show it.
pub fn agreement(sel: &Selection, opts: &Options) -> Agreement {
    let nodes = if opts.nodes.is_empty() {
        sel.codebook.all_ids()
    } else {
        opts.nodes.clone()
    };
    let m = opts.coders.len();
    let coder_index: HashMap<&str, usize> = opts
        .coders
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    // Every compared coding as (node, source, coder, range), sorted: a node's codings are one
    // run, its sources sub-runs in source order.
    let mut coded: Vec<(NodeId, usize, usize, Range)> = sel
        .codings
        .iter()
        .filter_map(|c| {
            let k = *coder_index.get(c.coder.as_str())?;
            Some((c.node, c.source, k, (c.start, c.end)))
        })
        .collect();
    coded.sort_unstable();
    let mut runs: HashMap<NodeId, (usize, usize)> = HashMap::new();
    for (i, c) in coded.iter().enumerate() {
        runs.entry(c.0).or_insert((i, i)).1 = i + 1;
    }
    let domains: Vec<Vec<Range>> = sel.sources.iter().map(domain).collect();
    let kept: Vec<Vec<Range>> = sel
        .sources
        .iter()
        .map(|s| {
            s.units
                .iter()
                .filter(|u| u.kept)
                .map(|u| (u.start, u.end))
                .collect()
        })
        .collect();
    // Characters in each source's domain, counted once (not once per node).
    let sizes: Vec<usize> = domains.iter().map(|d| ranges::length(d)).collect();
    let items_of = |si: usize| match opts.unit {
        ItemUnit::Char => sizes[si],
        ItemUnit::Turn => kept[si].len(),
    };
    let all_items: usize = (0..sel.sources.len()).map(items_of).sum();
    let all_units: usize = kept.iter().map(Vec::len).sum();
    let nobody = vec![Some(0); m];
    // The votes of a unit `c` coders touched (the others did not), for alpha.
    let patterns: Vec<Vec<Option<u32>>> = (0..=m)
        .map(|c| (0..m).map(|k| Some(u32::from(k < c))).collect())
        .collect();
    let two = m == 2;
    let mut out_nodes = Vec::new();
    let mut disagreements = Vec::new();
    let mut overall = Table2::default();
    let mut all_alpha = Alpha::default();
    let mut raw: Vec<Vec<Range>> = vec![Vec::new(); m];
    for node in nodes {
        let path = sel.codebook.path_of(node).unwrap_or_default();
        let mut pooled = Table2::default();
        let mut per_source = Vec::new();
        let mut alpha = Alpha::default();
        let (mut rest_items, mut rest_units) = (all_items, all_units);
        let run = runs.get(&node).map_or(&coded[..0], |&(a, b)| &coded[a..b]);
        for group in run.chunk_by(|x, y| x.1 == y.1) {
            let si = group[0].1;
            let (src, dom, kept) = (&sel.sources[si], &domains[si], &kept[si]);
            rest_items -= items_of(si);
            rest_units -= kept.len();
            for c in group {
                raw[c.2].push(c.3);
            }
            let sets: Vec<Vec<Range>> = raw
                .iter_mut()
                .map(|l| ranges::clip(&ranges::union(std::mem::take(l)), dom))
                .collect();
            // Votes only for the units some coder touched; the others are agreed "not coded".
            let touched: Vec<Vec<usize>> = sets.iter().map(|s| touched_units(s, kept)).collect();
            let votes = unit_votes(&touched, kept, opts.unit == ItemUnit::Turn);
            let untouched = if opts.exclude_uncoded {
                0
            } else {
                kept.len() - votes.touched
            };
            for (c, &n) in votes.by_count.iter().enumerate() {
                alpha.add(&patterns[c], n);
            }
            alpha.add(&nobody, untouched);
            let table = match (two, opts.unit) {
                (false, _) => Table2::default(),
                (true, ItemUnit::Char) => {
                    char_table(&sets[0], &sets[1], sizes[si], opts.exclude_uncoded)
                }
                (true, ItemUnit::Turn) => {
                    let mut t = votes.two;
                    t.neither += untouched;
                    t
                }
            };
            let pieces = match opts.unit {
                ItemUnit::Turn => votes.split,
                ItemUnit::Char => char_pieces(&sets),
            };
            disagreements.extend(disagree(sel, node, &path, si, pieces, &opts.coders));
            if two {
                pooled.add(&table);
                per_source.push(SourceFigures {
                    source: src.id,
                    label: src.label.clone(),
                    figures: Figures::of(table),
                });
            }
        }
        // Nobody coded this node in the other sources: every item there is agreed "not coded".
        if !opts.exclude_uncoded {
            alpha.add(&nobody, rest_units);
            pooled.neither += rest_items;
        }
        overall.add(&pooled);
        all_alpha.merge(&alpha);
        out_nodes.push(NodeAgreement {
            node,
            path,
            figures: two.then(|| Figures::of(pooled)),
            sources: per_source,
            alpha: alpha.value(),
        });
    }
    Agreement {
        coders: opts.coders.clone(),
        unit: opts.unit,
        exclude_uncoded: opts.exclude_uncoded,
        overall: two.then(|| Figures::of(overall)),
        overall_alpha: all_alpha.value(),
        nodes: out_nodes,
        disagreements,
    }
}

/// What the coders' touched units say, in one merge of their sorted lists.
struct UnitVotes {
    /// Units some coder touched.
    touched: usize,
    /// `by_count[c]`: units exactly `c` coders touched (`by_count[0]` stays 0).
    by_count: Vec<usize>,
    /// Two coders: the table over the touched units (`neither` is 0).
    two: Table2,
    /// When asked: the units some coders touched and others did not, with who did.
    split: Vec<(Range, Vec<usize>)>,
}

fn unit_votes(touched: &[Vec<usize>], kept: &[Range], split: bool) -> UnitVotes {
    let m = touched.len();
    let mut out = UnitVotes {
        touched: 0,
        by_count: vec![0; m + 1],
        two: Table2::default(),
        split: Vec::new(),
    };
    let mut at = vec![0usize; m];
    let mut who: Vec<usize> = Vec::with_capacity(m);
    // The next unit any coder touched, while there is one.
    while let Some(u) = (0..m).filter_map(|k| touched[k].get(at[k])).min().copied() {
        who.clear();
        for k in 0..m {
            if touched[k].get(at[k]) == Some(&u) {
                who.push(k);
                at[k] += 1;
            }
        }
        out.touched += 1;
        out.by_count[who.len()] += 1;
        if m == 2 {
            match who.as_slice() {
                [_, _] => out.two.both += 1,
                [0] => out.two.first_only += 1,
                _ => out.two.second_only += 1,
            }
        }
        if split && who.len() < m {
            out.split.push((kept[u], who.clone()));
        }
    }
    out
}

/// The indices of the units (sorted, disjoint ranges) that a union of ranges touches.
fn touched_units(set: &[Range], units: &[Range]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for &(s, e) in set {
        let first = units.partition_point(|u| u.1 <= s);
        let last = units.partition_point(|u| u.0 < e);
        for u in first..last {
            if out.last() != Some(&u) {
                out.push(u);
            }
        }
    }
    out
}

/// The 2×2 table over characters of two coders' united ranges in a domain of `size` characters.
pub fn char_table(a: &[Range], b: &[Range], size: usize, exclude_uncoded: bool) -> Table2 {
    let both = ranges::length(&ranges::intersect(a, b));
    let (la, lb) = (ranges::length(a), ranges::length(b));
    let neither = if exclude_uncoded {
        0
    } else {
        size.saturating_sub(la + lb - both)
    };
    Table2 {
        both,
        first_only: la - both,
        second_only: lb - both,
        neither,
    }
}

/// The 2×2 table over units from two coders' 0/1 votes.
pub fn unit_table(votes: &[Vec<Option<u32>>]) -> Table2 {
    let mut t = Table2::default();
    for v in votes {
        match (v[0], v[1]) {
            (Some(1), Some(1)) => t.both += 1,
            (Some(1), _) => t.first_only += 1,
            (_, Some(1)) => t.second_only += 1,
            _ => t.neither += 1,
        }
    }
    t
}

/// Where coders disagree over characters in one source: the stretches between the coders'
/// range edges covered by some and not all, with who covered them (adjacent stretches covered
/// by the same coders joined). One cursor per coder over its sorted ranges.
fn char_pieces(sets: &[Vec<Range>]) -> Vec<(Range, Vec<usize>)> {
    let m = sets.len();
    let mut cuts: Vec<usize> = sets.iter().flatten().flat_map(|r| [r.0, r.1]).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut at = vec![0usize; m];
    let mut who: Vec<usize> = Vec::with_capacity(m);
    let mut out: Vec<(Range, Vec<usize>)> = Vec::new();
    for w in cuts.windows(2) {
        // Each window lies wholly inside or outside every coder's ranges.
        who.clear();
        for (k, set) in sets.iter().enumerate() {
            while at[k] < set.len() && set[at[k]].1 <= w[0] {
                at[k] += 1;
            }
            if at[k] < set.len() && set[at[k]].0 <= w[0] {
                who.push(k);
            }
        }
        if who.is_empty() || who.len() == m {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.0.1 == w[0] && last.1 == who => last.0.1 = w[1],
            _ => out.push(((w[0], w[1]), who.clone())),
        }
    }
    out
}

/// The disagreements of a node in one source, from its pieces (range, who coded it).
fn disagree(
    sel: &Selection,
    node: NodeId,
    path: &str,
    si: usize,
    pieces: Vec<(Range, Vec<usize>)>,
    coders: &[String],
) -> Vec<Disagreement> {
    let src = &sel.sources[si];
    let sets_len = coders.len();
    pieces
        .into_iter()
        .filter(|(_, who)| !who.is_empty() && who.len() < sets_len)
        .map(|((start, end), who)| Disagreement {
            node,
            path: path.to_owned(),
            source: src.id,
            label: src.label.clone(),
            start,
            end,
            coded_by: who.iter().map(|&k| coders[k].clone()).collect(),
            not_coded_by: (0..coders.len())
                .filter(|k| !who.contains(k))
                .map(|k| coders[k].clone())
                .collect(),
            text: src.text.slice(start, end).to_owned(),
        })
        .collect()
}
