//! `import-table`: the open answers of a questionnaire (CSV, .xlsx, .xls, .ods) made into sources
//! to code like interviews. One source per respondent, its text the questions asked each followed
//! by the answer; or, `--by-column`, one source per question with one speaker turn per
//! respondent (`R12: answer`). Each respondent is a case, its attributes taken from the other
//! columns (or those named with `--attrs`).
//!
//! Invariants: all or nothing (every source, the case attributes, the manifest and the journal
//! line in one transaction); nothing left out silently (respondents without an answer are in the
//! report); a bad table is refused with one sentence naming the file and the row or column.

mod build;
mod columns;
pub mod read;

pub use build::{Plan, plan};

use crate::error::{Error, Result};
use crate::import::{ImportOptions, commit, read_input};
use crate::project::Project;
use std::collections::HashSet;
use std::path::Path;

/// What to read from the table.
#[derive(Debug, Clone, Default)]
pub struct TableOptions {
    /// The column holding each respondent's id; without it respondents are numbered in file order.
    pub id: Option<String>,
    /// The columns holding the open answers (at least one).
    pub text: Vec<String>,
    /// The columns to keep as case attributes; by default every other named column.
    pub attrs: Option<Vec<String>>,
    /// One source per text column, one unit per respondent.
    pub by_column: bool,
    /// Put before each respondent id to make its case id (default: none with `id`, `R` without).
    pub prefix: Option<String>,
    /// The sheet of a spreadsheet to read (default: the first).
    pub sheet: Option<String>,
}

/// What `import-table` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableReport {
    /// Labels of the sources created.
    pub sources: Vec<String>,
    /// Respondents with at least one answer (each a case).
    pub respondents: usize,
    /// Attribute columns stored on the respondents' cases.
    pub attributes: Vec<String>,
    /// Respondents without any answer in the text columns, with where they are: no source or
    /// unit was made for them.
    pub without_answer: Vec<(String, String)>,
}

/// Imports the table at `path` into `project`.
pub fn import_table(
    project: &mut Project,
    path: &Path,
    opts: &TableOptions,
) -> Result<TableReport> {
    project.ensure_writer()?;
    let bytes = read_input(path)?;
    let plan = plan(path, &bytes, opts)?;
    let taken: HashSet<&str> = project
        .manifest
        .sources
        .iter()
        .map(|s| s.label.as_str())
        .collect();
    for (p, at) in plan.sources.iter().zip(&plan.origins) {
        if taken.contains(p.label.as_str()) {
            return Err(Error::bad_input(
                path,
                format!(
                    "{at}: a source is already labelled '{}' (was this table imported before?); \
                     nothing was imported: delete or rename that source, or give --prefix",
                    p.label
                ),
            ));
        }
    }
    let before = project.cases.clone();
    project
        .cases
        .ensure_cases(plan.attributes.iter().map(|(case, _)| case.as_str()));
    for (case, values) in &plan.attributes {
        for (name, value) in values {
            project.cases.set(case, name, value)?;
        }
    }
    let batch = plan
        .sources
        .into_iter()
        .map(|p| (path.to_path_buf(), p))
        .collect();
    match commit(project, batch, &ImportOptions::default()) {
        Ok(created) => Ok(TableReport {
            sources: created.into_iter().map(|(label, _)| label).collect(),
            respondents: plan.attributes.len(),
            attributes: plan.attribute_names,
            without_answer: plan.without_answer,
        }),
        Err(e) => {
            project.cases = before;
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests;
