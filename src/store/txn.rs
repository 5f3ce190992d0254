//! Changes to several project files made all-or-nothing: a write-ahead transaction.
//!
//! 1. Each new file is *staged* beside its target (`.txn-<id>-<name>`); at commit every staged
//!    file is fsynced (several at a time) before anything else.
//! 2. An *intent record* (`.txn-intent.json` at the project root, written atomically) lists the
//!    staged files, the files to remove, and the journal line with the journal's length before it.
//! 3. The journal line is appended and flushed: this is the commit point. (A transaction without
//!    a journal line commits when its intent record is written.)
//! 4. The staged files are renamed over their targets, the removals made, the record removed.
//!
//! On open, [`recover`] finishes what a crash interrupted: a record whose journal line is there
//! is rolled forward (renames are idempotent: a staged file already renamed is simply absent);
//! one whose line is not is rolled back (staged files removed, journal cut back to its length).
//! Staged and temp files no record refers to are removed.
//!
//! Invariants: before the commit point no target has changed; after it, every target will have
//! its new content, in this process or at the next open. A dropped, uncommitted transaction
//! removes its staged files. Only the lock holder makes or recovers transactions.

use super::fault::{self, Point};
use super::{fsync_dir, write_atomic};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashSet};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The intent record's file name, at the project root.
pub const INTENT: &str = ".txn-intent.json";
/// Prefix of staged files (and of the intent record): git-ignored, cleaned at open.
pub const STAGED_PREFIX: &str = ".txn-";
/// Prefix of the temp files of single atomic writes.
pub const TEMP_PREFIX: &str = ".tmp-";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct Intent {
    format: u32,
    id: String,
    /// (target, staged file), both relative to the root.
    writes: Vec<(PathBuf, PathBuf)>,
    removes: Vec<PathBuf>,
    journal: Option<JournalPart>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
struct JournalPart {
    file: PathBuf,
    /// The journal's length before the line.
    offset: u64,
    line: String,
}

/// At most this many threads flush a transaction's staged files (the waits are on the disk, not
/// the processor), each given at least [`SYNC_BATCH_MIN`] files.
const SYNC_THREADS: usize = 16;
const SYNC_BATCH_MIN: usize = 8;

/// A transaction being built; nothing under the root changes until [`Transaction::commit`].
#[derive(Debug)]
pub struct Transaction {
    root: PathBuf,
    id: String,
    writes: Vec<(PathBuf, PathBuf)>,
    removes: Vec<PathBuf>,
    /// Every target in `writes` or `removes`: a later change to one of them replaces the
    /// earlier one, and a transaction of thousands of files must not scan both lists each time.
    staged_targets: HashSet<PathBuf>,
    journal: Option<(PathBuf, String)>,
    done: bool,
}

impl Transaction {
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_owned(),
            id: uuid::Uuid::new_v4().simple().to_string()[..12].to_owned(),
            writes: Vec::new(),
            removes: Vec::new(),
            staged_targets: HashSet::new(),
            journal: None,
            done: false,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether nothing has been staged.
    pub fn is_empty(&self) -> bool {
        self.writes.is_empty() && self.removes.is_empty() && self.journal.is_none()
    }

    fn relative(&self, target: &Path) -> Result<PathBuf> {
        let rel = target.strip_prefix(&self.root).unwrap_or(target);
        if rel.is_absolute()
            || rel
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(Error::Invalid(format!(
                "{} is outside the project",
                target.display()
            )));
        }
        Ok(rel.to_owned())
    }

    /// Stages the new content of `target` (absolute, or relative to the root).
    pub fn write(&mut self, target: &Path, bytes: &[u8]) -> Result<()> {
        self.write_with(target, |w| w.write_all(bytes))
    }

    /// Stages the new content of `target`, written by `fill`. A later write to the same target
    /// replaces an earlier one.
    pub fn write_with(
        &mut self,
        target: &Path,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let rel = self.relative(target)?;
        self.forget(&rel);
        let abs = self.root.join(&rel);
        let dir = abs.parent().expect("a file under the root").to_owned();
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("could not create", &dir, e))?;
        let name = rel.file_name().expect("a file name").to_string_lossy();
        let staged_rel = rel.with_file_name(format!("{STAGED_PREFIX}{}-{name}", self.id));
        let staged = self.root.join(&staged_rel);
        let write = || -> std::io::Result<()> {
            fault::check(Point::Write)?;
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&staged)?;
            let mut w = std::io::BufWriter::new(file);
            fill(&mut w)?;
            w.flush()
        };
        if let Err(e) = write() {
            let _ = std::fs::remove_file(&staged);
            return Err(Error::io("could not write", &abs, e));
        }
        self.staged_targets.insert(rel.clone());
        self.writes.push((rel, staged_rel));
        Ok(())
    }

    /// Removes `target` as part of the transaction (nothing if it does not exist then).
    pub fn remove(&mut self, target: &Path) -> Result<()> {
        let rel = self.relative(target)?;
        self.forget(&rel);
        self.staged_targets.insert(rel.clone());
        self.removes.push(rel);
        Ok(())
    }

    fn forget(&mut self, rel: &Path) {
        if !self.staged_targets.remove(rel) {
            return;
        }
        if let Some(i) = self.writes.iter().position(|(t, _)| t == rel) {
            let (_, staged) = self.writes.remove(i);
            let _ = std::fs::remove_file(self.root.join(staged));
        }
        self.removes.retain(|t| t != rel);
    }

    /// Appends `line` (one JSON line, with its newline) to `journal` as the commit record.
    pub fn journal(&mut self, journal: &Path, line: String) -> Result<()> {
        let rel = self.relative(journal)?;
        self.journal = Some((rel, line));
        Ok(())
    }

    /// Commits: after this returns Ok, every change is on disk; after an error before the
    /// commit point, none is (and the error says which file failed).
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        if self.is_empty() {
            return Ok(());
        }
        let result = self.commit_inner();
        if result.is_err() {
            // Before the commit point: undo. After it (the journal line is there), the
            // record stays and the next open rolls forward.
            if !self.committed_on_disk() {
                self.roll_back_own();
            }
        }
        result
    }

    fn commit_inner(&mut self) -> Result<()> {
        self.sync_staged()?;
        let dirs: BTreeSet<PathBuf> = self
            .writes
            .iter()
            .map(|(_, s)| self.root.join(s).parent().expect("dir").to_owned())
            .collect();
        for d in &dirs {
            fsync_dir(d)?;
        }
        let journal = match &self.journal {
            Some((file, line)) => {
                let path = self.root.join(file);
                let offset = match std::fs::symlink_metadata(&path) {
                    Ok(m) if m.file_type().is_symlink() => {
                        return Err(Error::bad_input(
                            &path,
                            "is a symbolic link; verbatim only appends to a real journal file",
                        ));
                    }
                    Ok(m) => m.len(),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0,
                    Err(e) => return Err(Error::io("could not read", &path, e)),
                };
                Some(JournalPart {
                    file: file.clone(),
                    offset,
                    line: line.clone(),
                })
            }
            None => None,
        };
        let intent = Intent {
            format: 1,
            id: self.id.clone(),
            writes: self.writes.clone(),
            removes: self.removes.clone(),
            journal,
        };
        fault::check(Point::Intent)
            .map_err(|e| Error::io("could not write", &self.root.join(INTENT), e))?;
        write_atomic(&self.root.join(INTENT), &super::to_json_bytes(&intent))?;
        if let Some(j) = &intent.journal {
            append_line(&self.root, j)?;
        }
        apply(&self.root, &intent)
    }

    /// Flushes every staged file to disk, several at a time: each flush of a new file waits for
    /// a commit of the file system's journal, and flushes made together share one, so a
    /// transaction of thousands of files (a key applied in place) is not thousands of waits.
    fn sync_staged(&self) -> Result<()> {
        let files: Vec<(PathBuf, PathBuf)> = self
            .writes
            .iter()
            .map(|(target, staged)| (self.root.join(target), self.root.join(staged)))
            .collect();
        for (target, _) in &files {
            fault::check(Point::Fsync).map_err(|e| Error::io("could not write", target, e))?;
        }
        let sync = |chunk: &[(PathBuf, PathBuf)]| -> Result<()> {
            for (target, staged) in chunk {
                std::fs::OpenOptions::new()
                    .write(true)
                    .open(staged)
                    .and_then(|f| f.sync_all())
                    .map_err(|e| Error::io("could not write", target, e))?;
            }
            Ok(())
        };
        let per_thread = files.len().div_ceil(SYNC_THREADS).max(SYNC_BATCH_MIN);
        if files.len() <= per_thread {
            return sync(&files);
        }
        std::thread::scope(|scope| {
            let flushes: Vec<_> = files
                .chunks(per_thread)
                .map(|chunk| scope.spawn(move || sync(chunk)))
                .collect();
            flushes
                .into_iter()
                .try_for_each(|f| f.join().expect("a flush thread does not panic"))
        })
    }

    fn committed_on_disk(&self) -> bool {
        match read_intent(&self.root) {
            Ok(Some(intent)) if intent.id == self.id => journal_has_line(&self.root, &intent),
            _ => false,
        }
    }

    fn roll_back_own(&mut self) {
        if let Ok(Some(intent)) = read_intent(&self.root)
            && intent.id == self.id
        {
            roll_back(&self.root, &intent);
            return;
        }
        for (_, staged) in &self.writes {
            let _ = std::fs::remove_file(self.root.join(staged));
        }
    }
}

impl Drop for Transaction {
    fn drop(&mut self) {
        if !self.done {
            for (_, staged) in &self.writes {
                let _ = std::fs::remove_file(self.root.join(staged));
            }
        }
    }
}

fn append_line(root: &Path, j: &JournalPart) -> Result<()> {
    let path = root.join(&j.file);
    let run = || -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)?;
        fault::check(Point::JournalAppend)?;
        f.write_all(j.line.as_bytes())?;
        fault::check(Point::Fsync)?;
        f.sync_data()
    };
    run().map_err(|e| Error::io("could not append to", &path, e))
}

/// Whether the journal holds the record's line at the record's offset.
fn journal_has_line(root: &Path, intent: &Intent) -> bool {
    let Some(j) = &intent.journal else {
        return true;
    };
    let Ok(mut f) = std::fs::File::open(root.join(&j.file)) else {
        return false;
    };
    let mut buf = vec![0; j.line.len()];
    f.seek(SeekFrom::Start(j.offset)).is_ok()
        && f.read_exact(&mut buf).is_ok()
        && buf == j.line.as_bytes()
}

/// Renames staged files over their targets and makes the removals; idempotent.
fn apply(root: &Path, intent: &Intent) -> Result<()> {
    let mut dirs = BTreeSet::new();
    for (target, staged) in &intent.writes {
        let (to, from) = (root.join(target), root.join(staged));
        if from.exists() {
            fault::check(Point::Rename).map_err(|e| Error::io("could not replace", &to, e))?;
            std::fs::rename(&from, &to).map_err(|e| Error::io("could not replace", &to, e))?;
            dirs.insert(to.parent().expect("dir").to_owned());
        }
    }
    for target in &intent.removes {
        let path = root.join(target);
        match std::fs::remove_file(&path) {
            Ok(()) => {
                dirs.insert(path.parent().expect("dir").to_owned());
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io("could not remove", &path, e)),
        }
    }
    for d in &dirs {
        fsync_dir(d)?;
    }
    let record = root.join(INTENT);
    std::fs::remove_file(&record).map_err(|e| Error::io("could not remove", &record, e))
}

fn roll_back(root: &Path, intent: &Intent) {
    for (_, staged) in &intent.writes {
        let _ = std::fs::remove_file(root.join(staged));
    }
    if let Some(j) = &intent.journal {
        let path = root.join(&j.file);
        if let Ok(f) = std::fs::OpenOptions::new().write(true).open(&path)
            && f.metadata().is_ok_and(|m| m.len() > j.offset)
        {
            let _ = f.set_len(j.offset).and_then(|()| f.sync_all());
        }
    }
    let _ = std::fs::remove_file(root.join(INTENT));
    let _ = fsync_dir(root);
}

fn read_intent(root: &Path) -> Result<Option<Intent>> {
    let path = root.join(INTENT);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| Error::bad_input(&path, format!("is not a transaction record ({e})"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io("could not read", &path, e)),
    }
}

/// What [`recover`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recovery {
    /// An interrupted transaction was completed.
    pub rolled_forward: bool,
    /// An interrupted transaction was undone.
    pub rolled_back: bool,
    /// Leftover staged or temp files removed.
    pub cleaned: usize,
}

/// Finishes or undoes an interrupted transaction, then removes leftover staged and temp files
/// from the project's folders. Call with the project lock held.
pub fn recover(root: &Path) -> Result<Recovery> {
    let mut out = Recovery::default();
    if let Some(intent) = read_intent(root)? {
        if journal_has_line(root, &intent) {
            apply(root, &intent)?;
            out.rolled_forward = true;
        } else {
            roll_back(root, &intent);
            out.rolled_back = true;
        }
    }
    out.cleaned = clean_leftovers(root);
    Ok(out)
}

/// Removes `.txn-*` and `.tmp-*` files from the folders verbatim writes to. Returns how many.
fn clean_leftovers(root: &Path) -> usize {
    let mut dirs = vec![
        root.to_owned(),
        crate::paths::sources_dir(root),
        crate::paths::memos_dir(root),
        crate::paths::cache_dir(root),
        crate::paths::anchored_dir(root),
    ];
    if let Ok(coders) = std::fs::read_dir(crate::paths::codings_dir(root)) {
        dirs.push(crate::paths::codings_dir(root));
        dirs.extend(
            coders
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.path()),
        );
    }
    let mut removed = 0;
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            let leftover = name.starts_with(STAGED_PREFIX) || name.starts_with(TEMP_PREFIX);
            if leftover
                && e.file_type().is_ok_and(|t| t.is_file())
                && std::fs::remove_file(e.path()).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}

#[cfg(test)]
#[path = "txn_tests.rs"]
mod tests;
