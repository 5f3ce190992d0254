//! Each query's result as a [`Table`] with French or English headers: what the CLI prints and
//! writes to .csv, .md and .xlsx.
//!
//! Invariants: one row per item of the result, in its order; shares and percentages are shown
//! in percent with one decimal; kappa and alpha with three decimals, empty when undefined.

use super::agreement::{Agreement, ItemUnit};
use super::cooccurrence::{Cooccurrence, Within};
use super::matrix::{Matrix, Measure};
use super::saturation::Step;
use super::stats::{GroupRow, NodeRow};
use super::table::{Table, Value, tr};
use super::words::{Frequencies, Occurrence};
use crate::model::Language;

fn pct(x: f64) -> Value {
    Value::Float(100.0 * x, 1)
}

pub fn stats_nodes(rows: &[NodeRow], l: Language) -> Table {
    Table {
        title: tr(l, "Coding overview", "Vue d'ensemble du codage"),
        header: vec![
            tr(l, "node", "nœud"),
            tr(l, "codings", "codages"),
            tr(l, "verbatims", "verbatims"),
            tr(l, "sources", "sources"),
            tr(l, "cases", "cas"),
            tr(l, "words", "mots"),
            tr(l, "% of words", "% des mots"),
        ],
        rows: rows
            .iter()
            .map(|r| {
                let f = &r.figures;
                vec![
                    Value::text(&r.path),
                    Value::Int(f.codings),
                    Value::Int(f.verbatims),
                    Value::Int(f.sources),
                    Value::Int(f.cases),
                    Value::Int(f.words),
                    pct(f.share),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}

pub fn stats_groups(rows: &[GroupRow], by_case: bool, l: Language) -> Table {
    Table {
        title: tr(l, "Coding overview", "Vue d'ensemble du codage"),
        header: vec![
            if by_case {
                tr(l, "case", "cas")
            } else {
                tr(l, "source", "source")
            },
            tr(l, "node", "nœud"),
            tr(l, "codings", "codages"),
            tr(l, "verbatims", "verbatims"),
            tr(l, "words", "mots"),
            tr(l, "% of words", "% des mots"),
        ],
        rows: rows
            .iter()
            .map(|r| {
                let f = &r.figures;
                vec![
                    Value::text(&r.group),
                    Value::text(&r.path),
                    Value::Int(f.codings),
                    Value::Int(f.verbatims),
                    Value::Int(f.words),
                    pct(f.share),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}

pub fn measure_name(m: Measure, l: Language) -> String {
    match m {
        Measure::Codings => tr(l, "codings", "codages"),
        Measure::Cases => tr(l, "cases", "cas"),
        Measure::Words => tr(l, "words", "mots"),
    }
}

pub fn matrix(m: &Matrix, l: Language) -> Table {
    let mut header = vec![tr(l, "node", "nœud")];
    header.extend(m.columns.iter().cloned());
    header.push(tr(l, "total", "total"));
    let mut rows: Vec<Vec<Value>> = m
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![Value::text(&r.path)];
            row.extend(r.cells.iter().map(|c| match c.percent {
                Some(p) => Value::Float(p, 1),
                None => Value::Int(c.value),
            }));
            row.push(Value::Int(r.total));
            row
        })
        .collect();
    let mut totals = vec![Value::text(tr(l, "total", "total"))];
    totals.extend(m.column_totals.iter().map(|t| Value::Int(*t)));
    totals.push(Value::Int(m.total));
    rows.push(totals);
    let percent = m
        .rows
        .first()
        .and_then(|r| r.cells.first())
        .is_some_and(|c| c.percent.is_some());
    Table {
        title: tr(l, "Matrix", "Matrice"),
        header,
        rows,
        notes: vec![format!(
            "{}: {}{}",
            tr(l, "Cells count", "Les cellules comptent"),
            measure_name(m.measure, l),
            if percent {
                tr(l, " (cells in %)", " (cellules en %)")
            } else {
                String::new()
            }
        )],
    }
}

pub fn cooccurrence(c: &Cooccurrence, l: Language) -> Table {
    let mut header = vec![tr(l, "node", "nœud")];
    header.extend(c.nodes.iter().map(|n| n.path.clone()));
    let within = match c.within {
        Within::Overlap => tr(l, "overlapping text", "texte en commun"),
        Within::Turn => tr(l, "the same turn", "le même tour de parole"),
        Within::Source => tr(l, "the same source", "la même source"),
    };
    Table {
        title: tr(l, "Co-occurrence", "Cooccurrences"),
        header,
        rows: c
            .nodes
            .iter()
            .zip(&c.cells)
            .map(|(n, row)| {
                let mut r = vec![Value::text(&n.path)];
                r.extend(row.iter().map(|x| Value::Int(x.count)));
                r
            })
            .collect(),
        notes: vec![format!(
            "{}: {within}",
            tr(
                l,
                "Both nodes apply within",
                "Les deux nœuds s'appliquent dans"
            )
        )],
    }
}

pub fn words(f: &Frequencies, l: Language) -> Table {
    Table {
        title: tr(l, "Word frequency", "Fréquence des mots"),
        header: vec![
            tr(l, "word", "mot"),
            tr(l, "count", "occurrences"),
            tr(l, "% of words", "% des mots"),
            tr(l, "forms", "formes"),
        ],
        rows: f
            .words
            .iter()
            .map(|w| {
                vec![
                    Value::text(&w.word),
                    Value::Int(w.count),
                    Value::Float(100.0 * w.share, 2),
                    Value::text(w.forms.join(", ")),
                ]
            })
            .collect(),
        notes: vec![format!(
            "{}: {}",
            tr(l, "Words counted", "Mots comptés"),
            f.total_words
        )],
    }
}

pub fn occurrences(list: &[Occurrence], l: Language) -> Table {
    Table {
        title: tr(l, "Keyword in context", "Mot en contexte"),
        header: vec![
            tr(l, "source", "source"),
            tr(l, "start", "début"),
            tr(l, "before", "avant"),
            tr(l, "word", "mot"),
            tr(l, "after", "après"),
        ],
        rows: list
            .iter()
            .map(|o| {
                vec![
                    Value::text(&o.label),
                    Value::Int(o.start),
                    Value::text(&o.before),
                    Value::text(&o.word),
                    Value::text(&o.after),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}

/// What an agreement was computed over, in a sentence.
pub fn agreement_basis(a: &Agreement, l: Language) -> String {
    let unit = match a.unit {
        ItemUnit::Char => tr(l, "characters", "caractères"),
        ItemUnit::Turn => tr(
            l,
            "units (turns or paragraphs)",
            "unités (tours de parole ou paragraphes)",
        ),
    };
    let uncoded = if a.exclude_uncoded {
        tr(
            l,
            "text no coder coded is left out (--exclude-uncoded)",
            "le texte qu'aucun codeur n'a codé est exclu (--exclude-uncoded)",
        )
    } else {
        tr(
            l,
            "text no coder coded counts as agreement",
            "le texte qu'aucun codeur n'a codé compte comme un accord",
        )
    };
    format!(
        "{} {}: {unit}; {uncoded}.",
        tr(l, "Coders", "Codeurs"),
        a.coders.join(", ")
    )
}

pub fn agreement(a: &Agreement, l: Language) -> Table {
    let two = a.coders.len() == 2;
    let mut header = vec![tr(l, "node", "nœud")];
    if two {
        header.extend([
            tr(l, "agreement %", "accord %"),
            "kappa".into(),
            tr(l, "both", "les deux"),
            format!("{} {}", a.coders[0], tr(l, "only", "seul")),
            format!("{} {}", a.coders[1], tr(l, "only", "seul")),
            tr(l, "neither", "aucun"),
        ]);
    }
    header.push("alpha".into());
    let mut rows: Vec<Vec<Value>> = a
        .nodes
        .iter()
        .map(|n| {
            let mut r = vec![Value::text(&n.path)];
            if let Some(f) = &n.figures {
                r.extend([
                    f.percent.map_or(Value::Empty, pct),
                    Value::opt(f.kappa, 3),
                    Value::Int(f.table.both),
                    Value::Int(f.table.first_only),
                    Value::Int(f.table.second_only),
                    Value::Int(f.table.neither),
                ]);
            }
            r.push(Value::opt(n.alpha, 3));
            r
        })
        .collect();
    let mut total = vec![Value::text(tr(l, "all nodes", "tous les nœuds"))];
    if let Some(f) = &a.overall {
        total.extend([
            f.percent.map_or(Value::Empty, pct),
            Value::opt(f.kappa, 3),
            Value::Int(f.table.both),
            Value::Int(f.table.first_only),
            Value::Int(f.table.second_only),
            Value::Int(f.table.neither),
        ]);
    }
    total.push(Value::opt(a.overall_alpha, 3));
    rows.push(total);
    Table {
        title: tr(l, "Intercoder agreement", "Accord intercodeurs"),
        header,
        rows,
        notes: vec![agreement_basis(a, l)],
    }
}

pub fn disagreements(a: &Agreement, l: Language) -> Table {
    Table {
        title: tr(l, "Disagreements", "Désaccords"),
        header: vec![
            tr(l, "node", "nœud"),
            tr(l, "source", "source"),
            tr(l, "start", "début"),
            tr(l, "end", "fin"),
            tr(l, "coded by", "codé par"),
            tr(l, "not by", "pas par"),
            tr(l, "text", "texte"),
        ],
        rows: a
            .disagreements
            .iter()
            .map(|d| {
                vec![
                    Value::text(&d.path),
                    Value::text(&d.label),
                    Value::Int(d.start),
                    Value::Int(d.end),
                    Value::text(d.coded_by.join(", ")),
                    Value::text(d.not_coded_by.join(", ")),
                    Value::text(d.text.replace('\n', " ")),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}

pub fn saturation(steps: &[Step], l: Language) -> Table {
    Table {
        title: tr(l, "Saturation", "Saturation"),
        header: vec![
            tr(l, "source", "source"),
            tr(l, "nodes used", "nœuds utilisés"),
            tr(l, "new", "nouveaux"),
            tr(l, "cumulative", "cumul"),
            tr(l, "new nodes", "nouveaux nœuds"),
        ],
        rows: steps
            .iter()
            .map(|s| {
                vec![
                    Value::text(&s.label),
                    Value::Int(s.nodes),
                    Value::Int(s.new.len()),
                    Value::Int(s.cumulative),
                    Value::text(s.new.join("; ")),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}
