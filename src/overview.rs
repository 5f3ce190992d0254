//! Read-only summaries of a project: per-source figures (words, turns, speakers, codings) and
//! per-case attributes, as `sources` and `cases list` print them.
//!
//! Invariants: summaries are in natural label (or case id) order; computing them never writes.

use crate::error::Result;
use crate::ids::SourceId;
use crate::model::{SourceKind, Speaker};
use crate::project::Project;
use crate::text::{self, natural_cmp, turns};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// One row of `verbatim sources`.
#[derive(Debug, Clone, Serialize)]
pub struct SourceSummary {
    pub id: SourceId,
    pub label: String,
    pub case: String,
    pub kind: SourceKind,
    pub words: usize,
    pub turns: usize,
    pub speakers: Vec<Speaker>,
    /// How the text writes its speaker turns (`colon`, `header`, …; see `model::Convention`).
    pub convention: String,
    pub codings: usize,
    /// Why the text could not be read (missing, a symbolic link…): the row is still listed,
    /// with no words or turns, so one broken transcript never hides the others.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// One row of `verbatim cases list`.
#[derive(Debug, Clone, Serialize)]
pub struct CaseSummary {
    pub case: String,
    pub sources: Vec<String>,
    pub attributes: BTreeMap<String, String>,
}

/// Figures for every source, in natural label order; a source whose text cannot be read is
/// listed with its [`SourceSummary::problem`].
pub fn sources(project: &Project) -> Result<Vec<SourceSummary>> {
    Ok(project
        .sources()
        .into_par_iter()
        .map(|s| {
            let (words, turns, problem) = match project.text(s) {
                Ok(body) => {
                    let units = turns::source_units(s, &body);
                    let turns = units.iter().filter(|u| u.speaker.is_some()).count();
                    (text::word_count(&body), turns, None)
                }
                Err(e) => (0, 0, Some(e.to_string())),
            };
            SourceSummary {
                id: s.id,
                label: s.label.clone(),
                case: s.case.clone(),
                kind: s.kind,
                words,
                turns,
                speakers: s.speakers.clone(),
                convention: s.convention.name().to_owned(),
                codings: project.coding_count(s),
                problem,
            }
        })
        .collect())
}

/// Every case with its sources and attributes, in natural order of case id.
pub fn cases(project: &Project) -> Vec<CaseSummary> {
    let mut table = project.cases.clone();
    table.ensure_cases(project.referenced_cases());
    let mut out: Vec<CaseSummary> = table
        .rows
        .into_iter()
        .map(|(case, attributes)| {
            let sources = project
                .sources()
                .into_iter()
                .filter(|s| {
                    s.case == case
                        || s.speakers
                            .iter()
                            .any(|sp| sp.case.as_deref() == Some(case.as_str()))
                })
                .map(|s| s.label.clone())
                .collect();
            CaseSummary {
                case,
                sources,
                attributes,
            }
        })
        .collect();
    out.sort_by(|a, b| natural_cmp(&a.case, &b.case));
    out
}
