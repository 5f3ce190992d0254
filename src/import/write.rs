//! Writing a batch of prepared transcripts into a project: labels checked, texts written
//! (atomically, before the manifest), cases and manifest saved, the journal appended.
//!
//! Invariant: on error nothing the batch wrote stays behind and the manifest is unchanged.

use super::{Collected, Prepared, collect, prepare_file_with};
use crate::error::{Error, Result};
use crate::ids::SourceId;
use crate::model::{Role, SourceKind, SourceMeta};
use crate::project::{Project, validate_label};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Choices for an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Label for the one file imported (refused with several files).
    pub label: Option<String>,
    /// Kind to give every source, instead of the guess from its speakers.
    pub kind: Option<SourceKind>,
    /// Import the good files when some fail, and report the others, instead of importing none.
    pub keep_going: bool,
    /// A regular expression for the speaker labels, instead of detecting them.
    pub speaker_pattern: Option<String>,
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Labels of the sources created, with the file each came from.
    pub imported: Vec<(String, PathBuf)>,
    /// Files that were not imported, with the reason.
    pub failed: Vec<(PathBuf, String)>,
    /// Files in the folders that are not transcripts.
    pub skipped: Vec<PathBuf>,
    /// Labels of imported sources whose speaker detection is unsure, with the reason.
    pub notes: Vec<(String, String)>,
    /// Files refused because they are already imported (also in `failed`), each with the label
    /// of the source it matches: `sources replace` (the TUI's `R`) puts the new version there.
    pub already: Vec<(PathBuf, String)>,
}

/// Imports files and folders into `project`, calling `progress(done, total)` as files are read.
pub fn import_paths(
    project: &mut Project,
    paths: &[PathBuf],
    opts: &ImportOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ImportReport> {
    project.ensure_writer()?;
    let batch = prepare_paths(paths, opts, progress)?;
    commit_batch(project, batch, opts)
}

/// Files read and converted but not yet written: the first half of an import, which needs no
/// project (the TUI runs it on a worker thread, showing its progress).
#[derive(Debug)]
pub struct PreparedBatch {
    total: usize,
    results: Vec<(PathBuf, Result<Prepared>)>,
    skipped: Vec<PathBuf>,
}

impl PreparedBatch {
    /// How many files were read.
    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}

/// Reads and converts every transcript of `paths` (folders are walked), calling
/// `progress(done, total)` as files are read. Writes nothing.
pub fn prepare_paths(
    paths: &[PathBuf],
    opts: &ImportOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<PreparedBatch> {
    let Collected { files, skipped } = collect(paths)?;
    if files.is_empty() {
        return Err(Error::Invalid(format!(
            "no transcript to import in {} (verbatim imports .{})",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            super::EXTENSIONS.join(", .")
        )));
    }
    if opts.label.is_some() && files.len() > 1 {
        return Err(Error::Invalid(format!(
            "--label names one source, but {} files were given",
            files.len()
        )));
    }
    if let Some(p) = &opts.speaker_pattern {
        crate::text::turns::compile_pattern(p).map_err(Error::Invalid)?;
    }
    let done = AtomicUsize::new(0);
    let total = files.len();
    let results: Vec<(PathBuf, Result<Prepared>)> = files
        .into_par_iter()
        .map(|path| {
            let r = prepare_file_with(&path, opts.speaker_pattern.as_deref());
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            (path, r)
        })
        .collect();
    Ok(PreparedBatch {
        total,
        results,
        skipped,
    })
}

/// Writes a prepared batch into `project` (the second half of an import): labels checked, all
/// or nothing unless `keep_going`.
pub fn commit_batch(
    project: &mut Project,
    batch: PreparedBatch,
    opts: &ImportOptions,
) -> Result<ImportReport> {
    project.ensure_writer()?;
    let PreparedBatch {
        total,
        results,
        skipped,
    } = batch;
    let mut batch = Vec::new();
    let mut failed = Vec::new();
    for (path, r) in results {
        match r {
            Ok(p) => batch.push((path, p)),
            Err(Error::BadInput { reason, .. }) => failed.push((path, reason)),
            Err(e) => failed.push((path, e.to_string())),
        }
    }
    let (batch, conflicts, already) = check_labels(project, batch, opts)?;
    failed.extend(conflicts);
    if !failed.is_empty() && !opts.keep_going {
        return Err(refusal(&failed, total));
    }
    let notes: Vec<(String, String)> = batch
        .iter()
        .filter_map(|(_, p)| Some((p.label.clone(), p.note.clone()?)))
        .collect();
    let imported = commit(project, batch, opts)?;
    Ok(ImportReport {
        imported,
        failed,
        skipped,
        notes,
        already,
    })
}

fn refusal(failed: &[(PathBuf, String)], total: usize) -> Error {
    if total == 1 {
        let (path, reason) = &failed[0];
        return Error::bad_input(path, reason.clone());
    }
    let lines: Vec<String> = failed
        .iter()
        .map(|(p, r)| format!("  {}: {r}", p.display()))
        .collect();
    Error::Invalid(format!(
        "nothing was imported: {} of {total} files could not be imported:\n{}\nfix or remove them, or pass --keep-going to import the others",
        failed.len(),
        lines.join("\n")
    ))
}

type Checked = (
    Vec<(PathBuf, Prepared)>,
    Vec<(PathBuf, String)>,
    Vec<(PathBuf, String)>,
);

/// Gives each file its label and sets aside those whose label is taken.
fn check_labels(
    project: &Project,
    batch: Vec<(PathBuf, Prepared)>,
    opts: &ImportOptions,
) -> Result<Checked> {
    let mut taken: HashSet<String> = project
        .manifest
        .sources
        .iter()
        .map(|s| s.label.clone())
        .collect();
    let mut ok = Vec::new();
    let mut conflicts = Vec::new();
    let mut already = Vec::new();
    for (path, mut p) in batch {
        if let Some(label) = &opts.label {
            p.label = label.trim().to_owned();
        }
        let sha = crate::formats::sha256_hex(p.text.as_bytes());
        let same =
            project.manifest.sources.iter().find(|s| {
                s.sha256 == sha || (s.label == p.label && s.imported_from == p.file_name)
            });
        if let Some(s) = same.filter(|_| opts.label.is_none()) {
            let how = if s.sha256 == sha {
                "with the same text"
            } else {
                "from a file of this name"
            };
            let reason = format!(
                "is already imported, as source '{}' ({how}); to put this version in its place, \
                 run `verbatim sources replace {} {}` (codings follow the changes), or import it \
                 as a new source with --label NEW",
                s.label,
                s.label,
                path.display()
            );
            already.push((path.clone(), s.label.clone()));
            conflicts.push((path, reason));
        } else if let Err(e) = validate_label(&p.label) {
            conflicts.push((path, e.to_string()));
        } else if !taken.insert(p.label.clone()) {
            let reason = format!(
                "a source is already labelled '{}'; import it with --label NEW",
                p.label
            );
            conflicts.push((path, reason));
        } else {
            ok.push((path, p));
        }
    }
    Ok((ok, conflicts, already))
}

/// Writes prepared transcripts into the project and saves it. Returns the labels created.
pub fn commit(
    project: &mut Project,
    batch: Vec<(PathBuf, Prepared)>,
    opts: &ImportOptions,
) -> Result<Vec<(String, PathBuf)>> {
    // One transaction: the texts, their anchored copies, the cases, the manifest and the
    // journal line — a killed import leaves no transcript that the manifest does not list.
    let now_count = project.manifest.sources.len();
    crate::limits::check_count(
        crate::limits::Counted::Sources,
        now_count,
        now_count + batch.len(),
    )
    .map_err(|reason| Error::Invalid(format!("{reason}; nothing was imported")))?;
    let mut txn = project.transaction()?;
    let now = crate::journal::now_rfc3339();
    let mut metas = Vec::new();
    for (path, p) in &batch {
        let meta = new_source(p, opts, &now);
        let file = project.root().join(&meta.file);
        if file.exists() {
            return Err(Error::Invalid(format!(
                "{} already exists; nothing was imported",
                file.display()
            )));
        }
        txn.write(&file, p.text.as_bytes())?;
        txn.write(
            &crate::paths::anchored_text(project.root(), meta.id),
            p.text.as_bytes(),
        )?;
        metas.push((meta, path.clone()));
    }
    let before = project.manifest.sources.len();
    project
        .manifest
        .sources
        .extend(metas.iter().map(|(m, _)| m.clone()));
    let ids: Vec<String> = metas.iter().map(|(m, _)| m.id.to_string()).collect();
    let saved = project
        .stage_cases(&mut txn)
        .and_then(|()| project.stage_manifest(&mut txn))
        .and_then(|()| project.commit(txn, "import", &ids));
    if let Err(e) = saved {
        project.manifest.sources.truncate(before);
        return Err(e);
    }
    Ok(metas.into_iter().map(|(m, p)| (m.label, p)).collect())
}

fn new_source(p: &Prepared, opts: &ImportOptions, now: &str) -> SourceMeta {
    let id = uuid::Uuid::new_v4();
    let kind = opts.kind.unwrap_or(p.kind);
    let mut speakers = p.speakers.clone();
    if kind == SourceKind::Interview {
        for s in speakers.iter_mut().filter(|s| s.role == Role::Participant) {
            s.case = Some(p.label.clone());
        }
    }
    SourceMeta {
        id: SourceId(id),
        label: p.label.clone(),
        case: p.label.clone(),
        file: format!("sources/{id}.txt"),
        sha256: crate::formats::sha256_hex(p.text.as_bytes()),
        size: p.text.len() as u64,
        imported_from: p.file_name.clone(),
        imported_at: now.to_owned(),
        kind,
        speakers,
        convention: p.convention.clone(),
        extra: Default::default(),
    }
}
