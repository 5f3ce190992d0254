//! Atomic file replacement: write to a temp file beside the target, fsync it, rename it over the
//! target, then fsync the folder so the rename itself survives a crash.

use crate::error::{Error, Result};
use std::io::{BufWriter, Write};
use std::path::Path;

/// Atomically replaces `path` with `bytes`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Atomically replaces `path` with what `fill` writes. If `fill` fails, the old file is left
/// intact and the temp file is removed.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .tempfile_in(dir)
        .map_err(|e| Error::io("could not create a temporary file in", dir, e))?;
    let mut writer = BufWriter::new(tmp);
    super::fault::check(super::fault::Point::Write)
        .and_then(|()| fill(&mut writer))
        .and_then(|()| writer.flush())
        .map_err(|e| Error::io("could not write", path, e))?;
    let tmp = writer
        .into_inner()
        .map_err(|e| Error::io("could not write", path, e.into_error()))?;
    super::fault::check(super::fault::Point::Fsync)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io("could not flush", path, e))?;
    super::fault::check(super::fault::Point::Rename)
        .map_err(|e| Error::io("could not replace", path, e))?;
    tmp.persist(path)
        .map_err(|e| Error::io("could not replace", path, e.error))?;
    fsync_dir(dir)
}

/// Replaces a file in a derived cache (under `.verbatim/`): written whole then renamed into place,
/// without the fsyncs — a cache lost in a crash is rebuilt, and project files never use this.
pub fn write_cache(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .tempfile_in(dir)
        .map_err(|e| Error::io("could not create a temporary file in", dir, e))?;
    tmp.write_all(bytes)
        .map_err(|e| Error::io("could not write", path, e))?;
    tmp.persist(path)
        .map_err(|e| Error::io("could not replace", path, e.error))?;
    Ok(())
}

/// Flushes a folder's entries (new names, renames) to disk. A no-op where folders cannot be
/// opened (Windows).
pub fn fsync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let f = std::fs::File::open(dir).map_err(|e| Error::io("could not open folder", dir, e))?;
        f.sync_all()
            .map_err(|e| Error::io("could not flush folder", dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
    }

    #[test]
    fn a_write_failing_midway_leaves_the_old_file_and_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("codebook.json");
        write_atomic(&p, b"old content").unwrap();
        let err = write_atomic_with(&p, |w| {
            w.write_all(b"half of the new")?;
            Err(std::io::Error::other("disk full"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("disk full"), "{err}");
        assert_eq!(std::fs::read(&p).unwrap(), b"old content");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["codebook.json"]);
    }
}
