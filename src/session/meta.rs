//! Source, speaker and case edits as undoable steps: renaming a source, setting a speaker's
//! role and case, setting a case attribute, importing a cases table. The project makes each edit
//! in memory; the session saves the manifest and `cases.csv` together with the journal line
//! (one transaction) and records the step.
//!
//! Invariant: a refused or failed edit leaves the project, in memory and on disk, as it was.

use super::Session;
use super::history::{Change, Step};
use crate::cases::CasesImportReport;
use crate::error::Result;
use crate::model::Role;
use crate::project::Project;
use std::path::Path;

impl Session {
    /// Renames a source; its case follows when it was named after the source.
    pub fn rename_source(&mut self, old: &str, new: &str) -> Result<()> {
        self.meta_step("source.rename", |p| p.rename_source(old, new))
    }

    /// Sets a speaker's role and, optionally, case (a name not yet known is added).
    pub fn set_speaker(
        &mut self,
        source: &str,
        name: &str,
        role: Role,
        case: Option<&str>,
    ) -> Result<()> {
        self.meta_step("speaker.set", |p| p.set_speaker(source, name, role, case))
    }

    /// Sets one attribute of a case.
    pub fn set_case_attribute(&mut self, case: &str, attribute: &str, value: &str) -> Result<()> {
        self.meta_step("case.set", |p| p.set_case_attribute(case, attribute, value))
    }

    /// Merges a cases CSV file into the cases.
    pub fn import_cases(&mut self, path: &Path) -> Result<CasesImportReport> {
        let bytes = crate::formats::read_input(path)?;
        let mut report = None;
        self.meta_step("cases.import", |p| {
            let r = p.merge_cases(path, &bytes)?;
            let ids = r.updated.clone();
            report = Some(r);
            Ok(ids)
        })?;
        Ok(report.expect("set by the edit"))
    }

    /// Makes `edit` on the project in memory, then saves and records it as one step.
    pub(crate) fn meta_step(
        &mut self,
        label: &str,
        edit: impl FnOnce(&mut Project) -> Result<Vec<String>>,
    ) -> Result<()> {
        self.project.ensure_writer()?;
        let before = self.project.meta();
        let ids = match edit(&mut self.project) {
            Ok(ids) => ids,
            Err(e) => {
                self.project.set_meta(before);
                return Err(e);
            }
        };
        let after = self.project.meta();
        self.project.set_meta(before.clone());
        self.commit(
            Step {
                label: label.into(),
                changes: vec![Change::Meta {
                    before: Box::new(before),
                    after: Box::new(after),
                }],
            },
            &ids,
        )
    }
}
