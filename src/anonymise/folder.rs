//! The project folder as a whole: a backup copy outside it before an in-place pseudonymisation,
//! and `anonymise check`, which scans every file in it for an original of the key.
//!
//! Invariants: a backup is a full copy (bar the lock and the search index, a cache) in the user
//! data folder under the project id and the time, never inside the project; the check reads
//! every file except `.git/` (git history keeps the originals: only rewriting it removes them)
//! and writes nothing.

use super::leaks::{Leak, scan_bytes};
use super::matcher::Matcher;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Files of a folder, recursively, in a stable order; `skip` names relative paths to leave out.
fn files(root: &Path, skip: &[&str]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| Error::io("could not read", &dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io("could not read", &dir, e))?;
            let path = entry.path();
            let rel = path.strip_prefix(root).unwrap_or(&path);
            if skip.iter().any(|s| rel == Path::new(s)) {
                continue;
            }
            let kind = entry
                .file_type()
                .map_err(|e| Error::io("could not read", &path, e))?;
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Copies the project to `<data>/backups/<project-id>/<UTC time>/`; returns that folder.
pub fn backup(root: &Path, project_id: uuid::Uuid) -> Result<PathBuf> {
    let dirs = crate::config::Dirs::locate()?;
    let stamp = time::OffsetDateTime::now_utc()
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_else(|_| "backup".into());
    let base = dirs.data.join("backups").join(project_id.to_string());
    let mut to = base.join(&stamp);
    let mut n = 1;
    while to.exists() {
        n += 1;
        to = base.join(format!("{stamp}-{n}"));
    }
    for file in files(root, &[".verbatim/lock", ".verbatim/index", ".git"])? {
        let rel = file.strip_prefix(root).unwrap_or(&file);
        let target = to.join(rel);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("could not create", dir, e))?;
        }
        std::fs::copy(&file, &target).map_err(|e| Error::io("could not copy", &file, e))?;
    }
    Ok(to)
}

/// Every original of the key in the project folder's files (paths relative to the folder).
pub fn check(root: &Path, m: &Matcher) -> Result<Vec<Leak>> {
    let mut leaks = Vec::new();
    for file in files(root, &[".git", ".verbatim/lock"])? {
        let bytes = std::fs::read(&file).map_err(|e| Error::io("could not read", &file, e))?;
        let rel = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        for mut leak in scan_bytes(m, &bytes) {
            leak.place = format!("{rel}, {}", leak.place);
            leaks.push(leak);
        }
    }
    Ok(leaks)
}
