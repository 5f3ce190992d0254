//! The project's write lock: an exclusive advisory lock on the dedicated file `.verbatim/lock`,
//! held for as long as a writer lives. A second writer is refused at once, never made to wait.
//!
//! Invariant: the lock file is never a data file (atomic renames would move the lock away).

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

/// Holds the project's write lock until dropped.
#[derive(Debug)]
pub struct ProjectLock {
    _file: File,
}

impl ProjectLock {
    /// Takes the write lock of the project in `root`, or fails with [`Error::Locked`].
    pub fn acquire(root: &Path) -> Result<Self> {
        let dir = root.join(".verbatim");
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("could not create", &dir, e))?;
        let path = dir.join("lock");
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io("could not open", &path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(TryLockError::WouldBlock) => Err(Error::Locked(root.to_owned())),
            Err(TryLockError::Error(e)) => Err(Error::io("could not lock", &path, e)),
        }
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
}
