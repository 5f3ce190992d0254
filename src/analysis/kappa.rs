//! The agreement coefficients themselves, over counts: percent agreement and Cohen's kappa from
//! a two-coder 2×2 table, and Krippendorff's alpha for nominal data from any number of coders
//! with missing values.
//!
//! Invariants: a coefficient that is undefined (no items, or no variation for alpha) is `None`,
//! never NaN; kappa is 1 when both coders agree on every item even if only one category is
//! used (as NVivo reports it), and alpha is `None` then (Krippendorff: no variation to judge).

use serde::Serialize;
use std::collections::BTreeMap;

/// Two coders' decisions on items (characters or units) for one node.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Table2 {
    /// Coded by both.
    pub both: usize,
    /// Coded by the first coder only.
    pub first_only: usize,
    /// Coded by the second coder only.
    pub second_only: usize,
    /// Coded by neither (0 with `--exclude-uncoded`).
    pub neither: usize,
}

impl Table2 {
    pub fn items(&self) -> usize {
        self.both + self.first_only + self.second_only + self.neither
    }

    pub fn add(&mut self, o: &Table2) {
        self.both += o.both;
        self.first_only += o.first_only;
        self.second_only += o.second_only;
        self.neither += o.neither;
    }

    /// Share of items on which the coders agree, from 0 to 1.
    pub fn percent(&self) -> Option<f64> {
        let n = self.items();
        (n > 0).then(|| (self.both + self.neither) as f64 / n as f64)
    }

    /// Cohen's kappa: (po − pe) / (1 − pe).
    pub fn kappa(&self) -> Option<f64> {
        let n = self.items() as f64;
        if n == 0.0 {
            return None;
        }
        let po = (self.both + self.neither) as f64 / n;
        let first_yes = (self.both + self.first_only) as f64 / n;
        let second_yes = (self.both + self.second_only) as f64 / n;
        let pe = first_yes * second_yes + (1.0 - first_yes) * (1.0 - second_yes);
        if (1.0 - pe).abs() < 1e-12 {
            return Some(if po >= 1.0 - 1e-12 { 1.0 } else { 0.0 });
        }
        Some((po - pe) / (1.0 - pe))
    }
}

/// Krippendorff's alpha for nominal values: `units[u][coder]` is a coder's value for a unit,
/// `None` when missing. Units with fewer than two values are not pairable and left out.
pub fn krippendorff_nominal(units: &[Vec<Option<u32>>]) -> Option<f64> {
    let mut acc = Alpha::default();
    for unit in units {
        acc.add(unit, 1);
    }
    acc.value()
}

/// Krippendorff's nominal alpha built unit by unit (a coincidence matrix), so large item sets
/// need no list; `add(values, n)` counts the same unit `n` times.
#[derive(Debug, Clone, Default)]
pub struct Alpha {
    coincidences: BTreeMap<(u32, u32), f64>,
}

impl Alpha {
    pub fn add(&mut self, unit: &[Option<u32>], times: usize) {
        let values = || unit.iter().flatten();
        let m = values().count();
        if m < 2 || times == 0 {
            return;
        }
        let share = times as f64 / (m - 1) as f64;
        for (i, a) in values().enumerate() {
            for (j, b) in values().enumerate() {
                if i != j {
                    *self.coincidences.entry((*a, *b)).or_default() += share;
                }
            }
        }
    }

    pub fn merge(&mut self, other: &Alpha) {
        for (k, v) in &other.coincidences {
            *self.coincidences.entry(*k).or_default() += v;
        }
    }

    /// α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k; `None` when undefined.
    pub fn value(&self) -> Option<f64> {
        let o = &self.coincidences;
        let mut n_c: BTreeMap<u32, f64> = BTreeMap::new();
        for ((c, _), v) in o {
            *n_c.entry(*c).or_default() += v;
        }
        let n: f64 = n_c.values().sum();
        if n <= 1.0 {
            return None;
        }
        let observed: f64 = o.iter().filter(|((c, k), _)| c != k).map(|(_, v)| v).sum();
        let mut expected = 0.0;
        for (c, nc) in &n_c {
            for (k, nk) in &n_c {
                if c != k {
                    expected += nc * nk;
                }
            }
        }
        if expected == 0.0 {
            return None;
        }
        Some(1.0 - (n - 1.0) * observed / expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, eps: f64) -> bool {
        (a - b).abs() < eps
    }

    #[test]
    fn kappa_of_the_fifty_item_worked_example_is_0_40() {
        // 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: po = 0.70, pe = 0.5·0.6 + 0.5·0.4 = 0.50.
        let t = Table2 {
            both: 20,
            first_only: 5,
            second_only: 10,
            neither: 15,
        };
        assert!(close(t.percent().unwrap(), 0.70, 1e-12));
        assert!(close(t.kappa().unwrap(), 0.40, 1e-12));
    }

    #[test]
    fn perfect_and_empty_tables() {
        let perfect = Table2 {
            both: 7,
            first_only: 0,
            second_only: 0,
            neither: 3,
        };
        assert_eq!(perfect.kappa(), Some(1.0));
        let all_neither = Table2 {
            neither: 10,
            ..Table2::default()
        };
        assert_eq!(all_neither.kappa(), Some(1.0));
        assert_eq!(all_neither.percent(), Some(1.0));
        assert_eq!(Table2::default().kappa(), None);
        assert_eq!(Table2::default().percent(), None);
    }

    #[test]
    fn a_coder_coding_everything_gives_kappa_zero() {
        let t = Table2 {
            both: 30,
            first_only: 70,
            second_only: 0,
            neither: 0,
        };
        assert_eq!(t.kappa(), Some(0.0));
        assert!(close(t.percent().unwrap(), 0.30, 1e-12));
    }

    #[test]
    fn krippendorff_published_example_with_missing_values_is_0_743() {
        // Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers,
        // 12 units, nominal data, missing values shown as None.
        let rows: [[Option<u32>; 12]; 4] = [
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(1),
                Some(4),
                Some(1),
                Some(2),
                None,
                None,
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(2),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                None,
                Some(3),
            ],
            [
                None,
                Some(3),
                Some(3),
                Some(3),
                Some(2),
                Some(3),
                Some(4),
                Some(2),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
            [
                Some(1),
                Some(2),
                Some(3),
                Some(3),
                Some(2),
                Some(4),
                Some(4),
                Some(1),
                Some(2),
                Some(5),
                Some(1),
                None,
            ],
        ];
        let units: Vec<Vec<Option<u32>>> = (0..12)
            .map(|u| rows.iter().map(|r| r[u]).collect())
            .collect();
        let alpha = krippendorff_nominal(&units).unwrap();
        assert!(close(alpha, 0.743, 0.0005), "alpha = {alpha}");
    }

    #[test]
    fn krippendorff_without_variation_is_undefined() {
        let units = vec![vec![Some(1), Some(1)], vec![Some(1), Some(1)]];
        assert_eq!(krippendorff_nominal(&units), None);
        let units = vec![vec![Some(1), Some(0)], vec![Some(0), Some(1)]];
        assert!(krippendorff_nominal(&units).unwrap() < 0.0);
    }
}
