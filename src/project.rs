//! A project folder (DESIGN §3): create, open read-only or as the one writer, stage its files
//! in transactions, and the source/case/speaker edits of the manifest and `cases.csv` (its
//! [`Meta`]), made in memory: `Session` saves them as undoable steps.
//!
//! Invariants: only a writer (holding `.verbatim/lock`) saves; every save is atomic; every case
//! referenced by a source or speaker has a row in `cases.csv`; labels are unique; an edit that
//! fails leaves the manifest and cases as they were.

use crate::cases::{CaseTable, CasesImportReport};
use crate::error::{Error, Result};
use crate::ids::SourceId;
use crate::model::{FORMAT, Language, Manifest, Role, SourceMeta};
use crate::paths;
use crate::store::{self, ProjectLock, Transaction};
use crate::text::natural_cmp;
use std::path::{Path, PathBuf};

pub use crate::paths::{CASES, CODEBOOK, MANIFEST};

/// The manifest and the case table: what source, speaker and case edits change together.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub manifest: Manifest,
    pub cases: CaseTable,
}

/// An open project.
#[derive(Debug)]
pub struct Project {
    root: PathBuf,
    pub manifest: Manifest,
    pub cases: CaseTable,
    lock: Option<ProjectLock>,
    coder: String,
}

impl Project {
    /// Creates a new project in `dir` (created if missing, refused if it holds a project).
    pub fn init(dir: &Path, name: Option<&str>, language: Language) -> Result<Self> {
        if dir.join(MANIFEST).exists() {
            return Err(Error::Invalid(format!(
                "{} already holds a verbatim project",
                dir.display()
            )));
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io("could not create", dir, e))?;
        let lock = ProjectLock::acquire(dir)?;
        let name = name.map(str::to_owned).unwrap_or_else(|| folder_name(dir));
        for sub in [paths::SOURCES, paths::CODINGS, paths::MEMOS] {
            let p = dir.join(sub);
            std::fs::create_dir_all(&p).map_err(|e| Error::io("could not create", &p, e))?;
        }
        store::write_atomic(&dir.join(".gitignore"), GITIGNORE.as_bytes())?;
        store::write_atomic(&dir.join(".gitattributes"), b"journal.jsonl merge=union\n")?;
        store::write_json(
            &dir.join(CODEBOOK),
            &serde_json::json!({"format": FORMAT, "nodes": []}),
        )?;
        let project = Self {
            root: dir.to_owned(),
            manifest: Manifest::new(&name, language),
            cases: CaseTable::default(),
            lock: Some(lock),
            coder: crate::config::default_coder(),
        };
        project.save_cases()?;
        project.save_manifest()?;
        project.journal("init", &[project.manifest.id.to_string()])?;
        Ok(project)
    }

    /// Opens a project for reading; takes no lock and never writes.
    pub fn open(dir: &Path) -> Result<Self> {
        let manifest_path = dir.join(MANIFEST);
        if !manifest_path.is_file() {
            return Err(Error::NotAProject(dir.to_owned()));
        }
        finish_interrupted(dir);
        let manifest: Manifest = store::read_json(&manifest_path, FORMAT)?;
        let cases = CaseTable::read(&dir.join(CASES))?;
        Ok(Self {
            root: dir.to_owned(),
            manifest,
            cases,
            lock: None,
            coder: crate::config::default_coder(),
        })
    }

    /// Opens a project as its one writer, or fails if another process writes to it.
    pub fn open_writer(dir: &Path) -> Result<Self> {
        if !dir.join(MANIFEST).is_file() {
            return Err(Error::NotAProject(dir.to_owned()));
        }
        let lock = ProjectLock::acquire(dir)?;
        store::recover(dir)?;
        ensure_gitignore(dir);
        let mut project = Self::open(dir)?;
        project.lock = Some(lock);
        Ok(project)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn coder(&self) -> &str {
        &self.coder
    }

    pub fn set_coder(&mut self, coder: &str) -> Result<()> {
        if !crate::config::valid_coder(coder) {
            return Err(Error::Invalid(format!(
                "coder name '{coder}' may only hold letters, digits, '-', '_' and '.'"
            )));
        }
        self.coder = coder.to_owned();
        Ok(())
    }

    /// Whether this process holds the project's write lock.
    pub fn is_writer(&self) -> bool {
        self.lock.is_some()
    }

    fn require_writer(&self) -> Result<()> {
        match self.lock {
            Some(_) => Ok(()),
            None => Err(Error::Invalid(
                "this project was opened read-only: nothing can be changed".into(),
            )),
        }
    }

    /// Saves `verbatim.json`, sources in natural label order.
    pub fn save_manifest(&self) -> Result<()> {
        self.require_writer()?;
        let mut manifest = self.manifest.clone();
        manifest
            .sources
            .sort_by(|a, b| natural_cmp(&a.label, &b.label));
        store::write_json(&self.root.join(MANIFEST), &manifest)
    }

    /// Saves `cases.csv`, first adding a row for every case a source or speaker refers to.
    pub fn save_cases(&self) -> Result<()> {
        self.require_writer()?;
        let mut cases = self.cases.clone();
        cases.ensure_cases(self.referenced_cases());
        store::write_atomic(&self.root.join(CASES), &cases.to_csv())
    }

    /// Appends an operation to the journal (on its own: only for a new project; changes
    /// journal through [`Project::commit`]).
    pub fn journal(&self, op: &str, ids: &[String]) -> Result<()> {
        self.require_writer()?;
        crate::journal::append(&self.root, &self.coder, op, ids)
    }

    /// A transaction on this project's files (writer only).
    pub fn transaction(&self) -> Result<Transaction> {
        self.require_writer()?;
        Ok(Transaction::new(&self.root))
    }

    /// The manifest and cases as they are in memory.
    pub fn meta(&self) -> Meta {
        Meta {
            manifest: self.manifest.clone(),
            cases: self.cases.clone(),
        }
    }

    pub(crate) fn set_meta(&mut self, meta: Meta) {
        (self.manifest, self.cases) = (meta.manifest, meta.cases);
    }

    /// Stages `verbatim.json` and `cases.csv` as `meta` has them.
    pub(crate) fn stage_meta(&self, txn: &mut Transaction, meta: &Meta) -> Result<()> {
        let mut cases = meta.cases.clone();
        cases.ensure_cases(meta.manifest.sources.iter().flat_map(|s| {
            std::iter::once(s.case.as_str())
                .chain(s.speakers.iter().filter_map(|sp| sp.case.as_deref()))
        }));
        txn.write(&self.root.join(CASES), &cases.to_csv())?;
        let mut manifest = meta.manifest.clone();
        manifest
            .sources
            .sort_by(|a, b| natural_cmp(&a.label, &b.label));
        txn.write(&self.root.join(MANIFEST), &store::to_json_bytes(&manifest))
    }

    /// Stages `verbatim.json` (sources in natural label order).
    pub fn stage_manifest(&self, txn: &mut Transaction) -> Result<()> {
        let mut manifest = self.manifest.clone();
        manifest
            .sources
            .sort_by(|a, b| natural_cmp(&a.label, &b.label));
        txn.write(&self.root.join(MANIFEST), &store::to_json_bytes(&manifest))
    }

    /// Stages `cases.csv`, with a row for every case a source or speaker refers to.
    pub fn stage_cases(&self, txn: &mut Transaction) -> Result<()> {
        let mut cases = self.cases.clone();
        cases.ensure_cases(self.referenced_cases());
        txn.write(&self.root.join(CASES), &cases.to_csv())
    }

    /// Commits a transaction with its journal line: every file and the line, or nothing.
    pub fn commit(&self, mut txn: Transaction, op: &str, ids: &[String]) -> Result<()> {
        self.require_writer()?;
        txn.journal(
            &self.root.join(crate::journal::FILE),
            crate::journal::line(&self.coder, op, ids),
        )?;
        txn.commit()
    }

    /// Stages the manifest and the cases and commits them with a journal line; on an error the
    /// in-memory manifest and cases go back to `before`.
    fn commit_meta(
        &mut self,
        before: (Manifest, CaseTable),
        op: &str,
        ids: &[String],
    ) -> Result<()> {
        let result = self.transaction().and_then(|mut txn| {
            self.stage_cases(&mut txn)?;
            self.stage_manifest(&mut txn)?;
            self.commit(txn, op, ids)
        });
        if result.is_err() {
            (self.manifest, self.cases) = before;
        }
        result
    }

    /// Sources in natural label order.
    pub fn sources(&self) -> Vec<&SourceMeta> {
        let mut v: Vec<&SourceMeta> = self.manifest.sources.iter().collect();
        v.sort_by(|a, b| natural_cmp(&a.label, &b.label));
        v
    }

    /// Finds a source by id or label.
    pub fn source(&self, id_or_label: &str) -> Result<&SourceMeta> {
        let wanted = id_or_label.trim();
        self.manifest
            .sources
            .iter()
            .find(|s| s.label == wanted || s.id.to_string().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| Error::Invalid(format!("no source with label or id '{wanted}'")))
    }

    /// The manifest entry of a source known by id (panics on an unknown id: callers hold one).
    pub(crate) fn source_by_id_mut(&mut self, id: SourceId) -> &mut SourceMeta {
        self.manifest
            .sources
            .iter_mut()
            .find(|s| s.id == id)
            .expect("a known source id")
    }

    fn source_mut(&mut self, id_or_label: &str) -> Result<&mut SourceMeta> {
        let id = self.source(id_or_label)?.id;
        Ok(self
            .manifest
            .sources
            .iter_mut()
            .find(|s| s.id == id)
            .expect("just found"))
    }

    /// Reads the stored text of a source.
    /// Only a plain file inside the project is read: a path leaving the project, or a symbolic
    /// link (which could point anywhere), is refused with a sentence naming it.
    pub fn text(&self, source: &SourceMeta) -> Result<String> {
        let path = self.source_path(source)?;
        std::fs::read_to_string(&path).map_err(|e| Error::io("could not read", &path, e))
    }

    /// The path of a source's text file, checked to be a plain file inside the project.
    pub fn source_path(&self, source: &SourceMeta) -> Result<PathBuf> {
        let path = crate::paths::source_text(&self.root, &source.file).map_err(|reason| {
            Error::bad_input(
                &self.root.join(MANIFEST),
                format!("source '{}' {reason}", crate::limits::shown(&source.label)),
            )
        })?;
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::bad_input(
                &path,
                "is a symbolic link; verbatim only reads plain files inside the project",
            ));
        }
        Ok(path)
    }

    /// Cases referred to by sources and speakers.
    pub fn referenced_cases(&self) -> impl Iterator<Item = &str> {
        self.manifest.sources.iter().flat_map(|s| {
            std::iter::once(s.case.as_str())
                .chain(s.speakers.iter().filter_map(|sp| sp.case.as_deref()))
        })
    }

    /// Whether a case id exists (referenced, or a row of `cases.csv`).
    pub fn has_case(&self, case: &str) -> bool {
        self.cases.rows.contains_key(case) || self.referenced_cases().any(|c| c == case)
    }

    /// Number of codings stored for a source, over all coders.
    pub fn coding_count(&self, source: &SourceMeta) -> usize {
        let Ok(coders) = std::fs::read_dir(paths::codings_dir(&self.root)) else {
            return 0;
        };
        coders
            .filter_map(|c| {
                std::fs::read_to_string(c.ok()?.path().join(format!("{}.jsonl", source.id))).ok()
            })
            .map(|text| text.lines().filter(|l| !l.trim().is_empty()).count())
            .sum()
    }

    /// Renames a source in memory; its case follows when it was named after the source.
    /// Returns the ids for the journal.
    pub(crate) fn rename_source(&mut self, old: &str, new: &str) -> Result<Vec<String>> {
        self.require_writer()?;
        let new = new.trim();
        validate_label(new)?;
        if self.manifest.sources.iter().any(|s| s.label == new) {
            return Err(Error::Invalid(format!(
                "a source is already labelled '{new}'"
            )));
        }
        let source = self.source_mut(old)?;
        let old_label = std::mem::replace(&mut source.label, new.to_owned());
        let id = source.id.to_string();
        if source.case == old_label {
            source.case = new.to_owned();
            for sp in &mut source.speakers {
                if sp.case.as_deref() == Some(old_label.as_str()) {
                    sp.case = Some(new.to_owned());
                }
            }
            if !self.referenced_cases().any(|c| c == old_label) {
                self.cases.rename(&old_label, new);
            }
        }
        Ok(vec![id])
    }

    /// Sets a speaker's role and, optionally, case, in memory (a speaker name not yet known is
    /// added). Returns the ids for the journal.
    pub(crate) fn set_speaker(
        &mut self,
        source: &str,
        name: &str,
        role: Role,
        case: Option<&str>,
    ) -> Result<Vec<String>> {
        self.require_writer()?;
        let name = name.trim();
        if name.is_empty() || name.contains('\n') || name.contains(':') {
            return Err(Error::Invalid(format!(
                "speaker name '{name}' must be one line without ':'"
            )));
        }
        let src = self.source_mut(source)?;
        let id = src.id.to_string();
        let case = case
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned);
        match src.speakers.iter_mut().find(|s| s.name == name) {
            Some(sp) => {
                sp.role = role;
                if case.is_some() {
                    sp.case = case;
                }
            }
            None => src.speakers.push(crate::model::Speaker {
                name: name.to_owned(),
                role,
                case,
                extra: Default::default(),
            }),
        }
        Ok(vec![id])
    }

    /// Sets one attribute of a case, in memory. Returns the ids for the journal.
    pub(crate) fn set_case_attribute(
        &mut self,
        case: &str,
        attribute: &str,
        value: &str,
    ) -> Result<Vec<String>> {
        self.require_writer()?;
        if !self.has_case(case) {
            return Err(Error::Invalid(format!("no case named '{case}'")));
        }
        let mut cases = self.cases.clone();
        cases.ensure_cases(self.referenced_cases());
        cases.set(case, attribute, value)?;
        self.cases = cases;
        Ok(vec![case.to_owned()])
    }

    /// Merges a cases CSV file into the project's cases and saves them (a project being made:
    /// the demo, benchmarks; once a session is open, `Session::import_cases`).
    pub fn import_cases(&mut self, path: &Path) -> Result<CasesImportReport> {
        let bytes = crate::formats::read_input(path)?;
        self.import_cases_bytes(path, &bytes)
    }

    /// [`Project::import_cases`] from bytes already read from `origin`.
    pub fn import_cases_bytes(&mut self, origin: &Path, bytes: &[u8]) -> Result<CasesImportReport> {
        let before = (self.manifest.clone(), self.cases.clone());
        let report = self.merge_cases(origin, bytes)?;
        self.commit_meta(before, "cases.import", &report.updated)?;
        Ok(report)
    }

    /// Merges the cases CSV in `bytes` (read from `origin`) into the cases, in memory.
    pub(crate) fn merge_cases(&mut self, origin: &Path, bytes: &[u8]) -> Result<CasesImportReport> {
        self.require_writer()?;
        let (incoming, lines) = crate::cases::parse_for_import(origin, bytes)?;
        let refs: Vec<String> = self.referenced_cases().map(str::to_owned).collect();
        let mut cases = self.cases.clone();
        cases.ensure_cases(refs.iter().map(String::as_str));
        let report = cases.merge(incoming, &lines, |id| {
            refs.iter().any(|r| r == id) || self.cases.rows.contains_key(id)
        });
        self.cases = cases;
        Ok(report)
    }

    pub(crate) fn ensure_writer(&self) -> Result<()> {
        self.require_writer()
    }
}

/// What a new project's `.gitignore` holds: the disposable caches, and the staged and temp
/// files of writes in progress (they may hold quotes of transcripts).
pub const GITIGNORE: &str = ".verbatim/\n.txn-*\n.tmp-*\n";

/// Adds the staged/temp patterns to the `.gitignore` of a project made before they existed
/// (best effort: a project without a `.gitignore` is left without).
fn ensure_gitignore(dir: &Path) {
    let path = dir.join(".gitignore");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let missing: Vec<&str> = GITIGNORE
        .lines()
        .filter(|p| !text.lines().any(|l| l.trim() == *p))
        .collect();
    if missing.is_empty() {
        return;
    }
    let mut new = text.clone();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    for p in missing {
        new.push_str(p);
        new.push('\n');
    }
    let _ = store::write_atomic(&path, new.as_bytes());
}

/// Before a read-only open: when a writer was interrupted mid-transaction and no writer runs now,
/// finish its transaction under the lock so that the files read agree with each other. Best
/// effort: a project that cannot be written (read-only media) is read as it is.
fn finish_interrupted(dir: &Path) {
    if !dir.join(store::txn::INTENT).exists() {
        return;
    }
    if let Ok(_lock) = ProjectLock::acquire(dir) {
        let _ = store::recover(dir);
    }
}

/// A label names a source in commands and exports: one line, not empty, at most 100 characters.
pub fn validate_label(label: &str) -> Result<()> {
    if label.is_empty() || label.chars().count() > 100 || label.chars().any(char::is_control) {
        return Err(Error::Invalid(format!(
            "label '{label}' must be 1 to 100 characters on one line"
        )));
    }
    Ok(())
}

fn folder_name(dir: &Path) -> String {
    std::path::absolute(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "verbatim".to_owned())
}
