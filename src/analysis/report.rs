//! The methods report (`verbatim report`): the figures a methods section and the COREQ checklist
//! ask for — sources, cases, words transcribed, durations when a duration attribute exists,
//! nodes per level, codings per coder, agreement when there are two coders, the first and last
//! coding dates, and the distribution of each case attribute — and its Markdown rendering.
//!
//! Invariants: computed from a selection (pure); the agreement figure is over characters with
//! text no coder coded counted, and the report says so; a duration value that cannot be read
//! is counted as missing, never guessed.

use super::agreement::{self, ItemUnit};
use super::selection::Selection;
use crate::text::{fold_for_match, natural_cmp};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Durations {
    pub attribute: String,
    pub cases_with_value: usize,
    pub total_minutes: f64,
    pub mean_minutes: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementSummary {
    pub coders: Vec<String>,
    pub unit: ItemUnit,
    pub exclude_uncoded: bool,
    pub percent: Option<f64>,
    pub kappa: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    pub attribute: String,
    /// (value, cases), natural order of values; "—" for cases without a value.
    pub values: Vec<(String, usize)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub sources: usize,
    pub cases: usize,
    pub words: usize,
    pub durations: Option<Durations>,
    pub nodes: usize,
    pub nodes_per_level: Vec<usize>,
    pub codings: usize,
    pub codings_per_coder: BTreeMap<String, usize>,
    pub agreement: Option<AgreementSummary>,
    pub first_coding: Option<String>,
    pub last_coding: Option<String>,
    pub attributes: Vec<Distribution>,
}

/// Reads a duration in minutes: `45`, `45 min`, `1h05`, `1 h 5`, `01:05:00`, `1:05`.
pub fn minutes(value: &str) -> Option<f64> {
    let v = value.trim().to_lowercase().replace(',', ".");
    if v.is_empty() {
        return None;
    }
    if v.contains(':') {
        let parts: Vec<f64> = v
            .split(':')
            .map(|p| p.trim().parse().ok())
            .collect::<Option<_>>()?;
        return match parts.as_slice() {
            [h, m, s] => Some(h * 60.0 + m + s / 60.0),
            [h, m] => Some(h * 60.0 + m),
            _ => None,
        };
    }
    if let Some((h, m)) = v.split_once('h') {
        let h: f64 = h.trim().parse().ok()?;
        let m = m.trim().trim_end_matches("min").trim();
        let m: f64 = if m.is_empty() { 0.0 } else { m.parse().ok()? };
        return Some(h * 60.0 + m);
    }
    v.trim_end_matches("minutes")
        .trim_end_matches("min")
        .trim()
        .parse()
        .ok()
}

pub fn report(sel: &Selection) -> Report {
    let cases: BTreeSet<&str> = sel
        .sources
        .iter()
        .flat_map(|s| s.units.iter().map(|u| u.case.as_str()))
        .collect();
    let duration_attr = sel.cases.attributes.iter().find(|a| {
        ["duree", "duration", "temps d'entretien"]
            .iter()
            .any(|k| fold_for_match(a).contains(k))
    });
    let durations = duration_attr.map(|a| {
        let values: Vec<f64> = cases
            .iter()
            .filter_map(|c| {
                sel.cases
                    .rows
                    .get(*c)
                    .and_then(|r| r.get(a))
                    .and_then(|v| minutes(v))
            })
            .collect();
        let total: f64 = values.iter().sum();
        Durations {
            attribute: a.clone(),
            cases_with_value: values.len(),
            total_minutes: total,
            mean_minutes: if values.is_empty() {
                0.0
            } else {
                total / values.len() as f64
            },
        }
    });
    let mut nodes_per_level: Vec<usize> = Vec::new();
    for id in sel.codebook.all_ids() {
        let depth = sel.codebook.ancestry(id).map_or(1, |a| a.len());
        if nodes_per_level.len() < depth {
            nodes_per_level.resize(depth, 0);
        }
        nodes_per_level[depth - 1] += 1;
    }
    let mut per_coder: BTreeMap<String, usize> = BTreeMap::new();
    for c in &sel.codings {
        *per_coder.entry(c.coder.clone()).or_default() += 1;
    }
    let dates: Vec<&str> = sel
        .codings
        .iter()
        .map(|c| c.at.as_str())
        .filter(|a| !a.is_empty())
        .collect();
    let coders = sel.coders();
    let agreement = (coders.len() == 2).then(|| {
        let a = agreement::agreement(
            sel,
            &agreement::Options {
                coders: coders.clone(),
                nodes: Vec::new(),
                unit: ItemUnit::Char,
                exclude_uncoded: false,
            },
        );
        let f = a
            .overall
            .unwrap_or_else(|| unreachable!("two coders give pooled figures"));
        AgreementSummary {
            coders,
            unit: ItemUnit::Char,
            exclude_uncoded: false,
            percent: f.percent,
            kappa: f.kappa,
        }
    });
    let attributes = sel
        .cases
        .attributes
        .iter()
        .map(|a| {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for c in &cases {
                let v = sel
                    .cases
                    .rows
                    .get(*c)
                    .and_then(|r| r.get(a))
                    .filter(|v| !v.trim().is_empty());
                *counts
                    .entry(v.cloned().unwrap_or_else(|| "—".into()))
                    .or_default() += 1;
            }
            let mut values: Vec<(String, usize)> = counts.into_iter().collect();
            values.sort_by(|x, y| natural_cmp(&x.0, &y.0));
            Distribution {
                attribute: a.clone(),
                values,
            }
        })
        .collect();
    Report {
        sources: sel.sources.len(),
        cases: cases.len(),
        words: sel.total_words(),
        durations,
        nodes: sel.codebook.all_ids().len(),
        nodes_per_level,
        codings: sel.codings.len(),
        codings_per_coder: per_coder,
        agreement,
        first_coding: dates.iter().min().map(|s| s.to_string()),
        last_coding: dates.iter().max().map(|s| s.to_string()),
        attributes,
    }
}

#[cfg(test)]
mod tests {
    use super::minutes;

    #[test]
    fn durations_in_the_shapes_people_write_them() {
        assert_eq!(minutes("45"), Some(45.0));
        assert_eq!(minutes("45 min"), Some(45.0));
        assert_eq!(minutes("1h05"), Some(65.0));
        assert_eq!(minutes("1 h 5"), Some(65.0));
        assert_eq!(minutes("01:05:30"), Some(65.5));
        assert_eq!(minutes("1:05"), Some(65.0));
        assert_eq!(minutes("52,5"), Some(52.5));
        assert_eq!(minutes("environ une heure"), None);
        assert_eq!(minutes(""), None);
    }
}
