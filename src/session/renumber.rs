//! Renumbering sources for an annex: every source gets a new label `<prefix>01…<prefix>n` in a
//! chosen order, and the new labels replace the old ones everywhere they appear — the manifest,
//! cases named after their source (`cases.csv`, speakers' cases), and, for code-like labels
//! (`E3`, `IDE2`: letters and digits), the transcripts, codings, memos and node names too.
//!
//! Invariants: one pass maps every old label to its new one at once (so `E1→E2, E2→E1` swaps);
//! codings move with the text as in pseudonymisation; all files change in one transaction.

use super::Session;
use crate::anonymise::{Category, Entry, Matcher};
use crate::error::{Error, Result};
use crate::text::natural_cmp;
use std::cmp::Ordering;

/// The order of the new numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenumberOrder {
    /// The current labels' natural order.
    Label,
    /// A case attribute's value (natural order, missing last), then label.
    Attribute(String),
    /// The case attribute `Date` (`YYYY-MM-DD` or `DD/MM/YYYY`) when there is one, else the
    /// import time; then label.
    Date,
}

impl std::str::FromStr for RenumberOrder {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "label" => Ok(Self::Label),
            "date" => Ok(Self::Date),
            _ => match s.strip_prefix("attr:") {
                Some(a) if !a.trim().is_empty() => Ok(Self::Attribute(a.trim().to_owned())),
                _ => Err(Error::Invalid(format!(
                    "--order '{s}' is not one of label, date, attr:NAME"
                ))),
            },
        }
    }
}

/// `14/03/2026` or `2026-03-14` as `2026-03-14`, so dates sort as text.
fn sortable_date(v: &str) -> Option<String> {
    let v = v.trim();
    let parts: Vec<&str> = v.split(['/', '-', '.']).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => Some(format!("{y}-{m:0>2}-{d:0>2}")),
        [d, m, y] if y.len() == 4 => Some(format!("{y}-{m:0>2}-{d:0>2}")),
        _ => None,
    }
}

/// A label that is a code (letters and digits), safe to replace inside texts.
fn code_like(label: &str) -> bool {
    label.chars().any(|c| c.is_alphabetic()) && label.chars().any(|c| c.is_ascii_digit())
}

impl Session {
    /// The (old, new) labels a renumbering would give, in the new order.
    pub fn renumber_plan(
        &self,
        order: &RenumberOrder,
        prefix: &str,
    ) -> Result<Vec<(String, String)>> {
        if prefix.is_empty() || prefix.chars().any(|c| c.is_whitespace() || c == '/') {
            return Err(Error::Invalid(format!(
                "--prefix '{prefix}' must be a word without spaces or '/'"
            )));
        }
        let cases = &self.project.cases;
        let value = |case: &str, attr: &str| -> Option<String> {
            let key = cases
                .attributes
                .iter()
                .find(|a| a.eq_ignore_ascii_case(attr))?;
            cases
                .rows
                .get(case)?
                .get(key)
                .filter(|v| !v.trim().is_empty())
                .cloned()
        };
        if let RenumberOrder::Attribute(a) = order
            && !cases.attributes.iter().any(|x| x == a)
        {
            return Err(Error::Invalid(format!(
                "--order 'attr:{a}': no case attribute is named '{a}'"
            )));
        }
        let mut sources: Vec<(&str, Option<String>)> = self
            .project
            .manifest
            .sources
            .iter()
            .map(|s| {
                let k = match order {
                    RenumberOrder::Label => None,
                    RenumberOrder::Attribute(a) => value(&s.case, a),
                    RenumberOrder::Date => Some(
                        value(&s.case, "date")
                            .and_then(|d| sortable_date(&d))
                            .unwrap_or_else(|| s.imported_at.clone()),
                    ),
                };
                (s.label.as_str(), k)
            })
            .collect();
        sources.sort_by(|a, b| {
            let by_key = match (&a.1, &b.1) {
                (Some(x), Some(y)) => natural_cmp(x, y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            by_key.then_with(|| natural_cmp(a.0, b.0))
        });
        let width = sources.len().to_string().len().max(2);
        Ok(sources
            .iter()
            .enumerate()
            .map(|(i, (old, _))| (old.to_string(), format!("{prefix}{:0width$}", i + 1)))
            .collect())
    }

    /// Renumbers every source (writer only) and saves every file that names an old label.
    pub fn renumber(
        &mut self,
        order: &RenumberOrder,
        prefix: &str,
    ) -> Result<Vec<(String, String)>> {
        self.project.ensure_writer()?;
        let plan = self.renumber_plan(order, prefix)?;
        let entry = |old: &str, new: &str| Entry {
            original: old.to_owned(),
            pseudonym: new.to_owned(),
            category: Category::Other,
            whole_word: true,
        };
        // Code-like labels everywhere (texts included); other labels, and cases named after
        // their source, in the manifest and cases only.
        let everywhere = Matcher::from_entries(
            plan.iter()
                .filter(|(o, n)| o != n && code_like(o))
                .map(|(o, n)| entry(o, n))
                .collect(),
        );
        let mut report = self.pseudonymise(&everywhere)?;
        let others: Vec<(String, String)> = plan
            .iter()
            .filter(|(o, n)| o != n && !code_like(o))
            .cloned()
            .collect();
        for (old, new) in &others {
            let meta = self
                .project
                .manifest
                .sources
                .iter_mut()
                .find(|s| s.label == *old)
                .expect("a planned label");
            meta.label = new.clone();
            if meta.case == *old {
                meta.case = new.clone();
                if let Some(row) = self.project.cases.rows.remove(old) {
                    self.project.cases.rows.insert(new.clone(), row);
                }
            }
            report.manifest_fields += 1;
        }
        if !report.is_empty() {
            self.save_rewrite(&report, &everywhere, "sources.renumber")?;
        }
        Ok(plan)
    }
}
