//! The project's write lock, held for as long as a writer lives. A second writer is refused at
//! once, never made to wait.
//!
//! On Unix the lock is an exclusive advisory lock on the project folder itself: deleting
//! `.verbatim/` (a cache, `git clean -fdX` does it) or any file while a writer runs cannot remove
//! it. The file `.verbatim/lock` is locked as well, as verbatim always did, so that older
//! versions running beside this one still see the writer. Elsewhere only that file is locked.
//!
//! Invariant: the lock is never on a data file (atomic renames would move it away); a writer
//! also checks that the folder can be written, so a read-only project is never opened to write.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

/// Holds the project's write lock until dropped.
#[derive(Debug)]
pub struct ProjectLock {
    _folder: Option<File>,
    _file: Option<File>,
}

fn try_lock(file: &File, root: &Path, what: &Path) -> Result<()> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(TryLockError::WouldBlock) => Err(Error::Locked(root.to_owned())),
        Err(TryLockError::Error(e)) => Err(Error::io("could not lock", what, e)),
    }
}

impl ProjectLock {
    /// Takes the write lock of the project in `root`, or fails with [`Error::Locked`] (another
    /// writer) or [`Error::ReadOnly`] (the folder cannot be written).
    pub fn acquire(root: &Path) -> Result<Self> {
        #[cfg(unix)]
        let folder = {
            let f = File::open(root).map_err(|e| Error::io("could not open", root, e))?;
            try_lock(&f, root, root)?;
            Some(f)
        };
        #[cfg(not(unix))]
        let folder: Option<File> = None;
        let dir = crate::paths::cache_dir(root);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            return Err(read_only_or(root, "could not create", &dir, e));
        }
        let path = crate::paths::lock_file(root);
        let file = match OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
        {
            Ok(f) => f,
            Err(e) => return Err(read_only_or(root, "could not open", &path, e)),
        };
        try_lock(&file, root, &path)?;
        probe_writable(root)?;
        Ok(Self {
            _folder: folder,
            _file: Some(file),
        })
    }
}

/// [`Error::ReadOnly`] for a permission or read-only-media error, else the I/O error.
fn read_only_or(root: &Path, action: &'static str, path: &Path, e: std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            Error::ReadOnly(root.to_owned())
        }
        _ => Error::io(action, path, e),
    }
}

/// Creates and removes a temp file in the project folder: files are replaced there.
fn probe_writable(root: &Path) -> Result<()> {
    let probe = super::fault::check(super::fault::Point::Write)
        .and_then(|()| tempfile::Builder::new().prefix(".tmp-").tempfile_in(root));
    match probe {
        Ok(_) => Ok(()),
        Err(e) => Err(read_only_or(root, "could not write in", root, e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_until_the_first_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let first = ProjectLock::acquire(dir.path()).unwrap();
        let err = ProjectLock::acquire(dir.path()).unwrap_err();
        assert!(
            err.to_string()
                .contains("is in use by another verbatim process"),
            "{err}"
        );
        drop(first);
        ProjectLock::acquire(dir.path()).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn deleting_the_cache_folder_does_not_let_a_second_writer_in() {
        let dir = tempfile::tempdir().unwrap();
        let first = ProjectLock::acquire(dir.path()).unwrap();
        std::fs::remove_dir_all(dir.path().join(".verbatim")).unwrap();
        let err = ProjectLock::acquire(dir.path()).unwrap_err();
        assert!(matches!(err, Error::Locked(_)), "{err}");
        drop(first);
        ProjectLock::acquire(dir.path()).unwrap();
    }
}
