//! Source, speaker and case edits as undoable steps: renaming a source, setting a speaker's
//! role and case, renaming a case, setting a case attribute, importing a cases table. The
//! project makes each edit in memory; the session saves the manifest and `cases.csv` together
//! with the journal line (one transaction) and records the step.
//!
//! Invariant: a refused or failed edit leaves the project, in memory and on disk, as it was.

use super::Session;
use super::history::{Change, Step};
use crate::cases::CasesImportReport;
use crate::error::Result;
use crate::model::Role;
use crate::project::Project;
use std::path::{Path, PathBuf};

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

    /// Renames a case everywhere: its row of the cases table and every source and speaker that
    /// belongs to it. Refused (nothing changed) when the new id is empty, on several lines, or
    /// already a case.
    pub fn rename_case(&mut self, old: &str, new: &str) -> Result<()> {
        self.meta_step("case.rename", |p| {
            let new = new.trim();
            if new.is_empty() || new.contains(['\n', '\r']) {
                return Err(crate::Error::Invalid(format!(
                    "case id '{new}' must be one line and not empty"
                )));
            }
            if !p.has_case(old) {
                return Err(crate::Error::Invalid(format!("there is no case '{old}'")));
            }
            if p.has_case(new) {
                return Err(crate::Error::Invalid(format!(
                    "there is already a case '{new}'"
                )));
            }
            for s in &mut p.manifest.sources {
                if s.case == old {
                    s.case = new.to_owned();
                }
                for sp in &mut s.speakers {
                    if sp.case.as_deref() == Some(old) {
                        sp.case = Some(new.to_owned());
                    }
                }
            }
            p.cases.rename(old, new);
            Ok(vec![format!("case:{old}"), format!("case:{new}")])
        })
    }

    /// Renames an attribute of the cases (its values follow).
    pub fn rename_case_attribute(&mut self, old: &str, new: &str) -> Result<()> {
        self.meta_step("case.attribute.rename", |p| {
            p.cases.rename_attribute(old, new)?;
            Ok(vec![new.trim().to_owned()])
        })
    }

    /// Deletes an attribute of the cases with every value in it.
    pub fn delete_case_attribute(&mut self, name: &str) -> Result<()> {
        self.meta_step("case.attribute.delete", |p| {
            p.cases.remove_attribute(name)?;
            Ok(vec![name.to_owned()])
        })
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

    /// Removes files of the project folder that nothing references and case rows no source uses
    /// (`check --repair --yes`), in one transaction with its journal line; not an undoable step
    /// (the files are gone). On failure nothing changes.
    pub fn remove_unreferenced(&mut self, files: &[PathBuf], cases: &[String]) -> Result<()> {
        let mut txn = self.project.transaction()?;
        for f in files {
            txn.remove(&self.root().join(f))?;
        }
        let before = self.project.cases.clone();
        for c in cases {
            self.project.cases.rows.remove(c);
        }
        self.project.stage_cases(&mut txn)?;
        let mut ids: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        ids.extend(cases.iter().map(|c| format!("case:{c}")));
        if let Err(e) = self.project.commit(txn, "check.repair.remove", &ids) {
            self.project.cases = before;
            return Err(e);
        }
        Ok(())
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
