//! File formats at the bottom of the core, knowing nothing of projects: reading an input file
//! within the size limit, decoding its bytes to text ([`decode`]), reading XML parts out of zip
//! documents ([`zipxml`]), writing escaped XML and deterministic zip archives ([`xml`]), and the
//! SHA-256 fingerprint of a text. Import, export, cases and REFI exchange all build on these.
//!
//! Invariants: nothing here touches a project folder; an input over [`MAX_FILE_BYTES`] is refused
//! before it is read; decoding never guesses silently; written archives are the same bytes twice.

pub mod decode;
#[cfg(test)]
pub(crate) mod testzip;
pub mod xml;
pub mod zipxml;

use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Largest file we import.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Reads a file we are about to import, refusing folders, missing files and files over the limit.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io("could not open", path, e))?;
    if !meta.is_file() {
        return Err(Error::bad_input(path, "is not a regular file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::bad_input(
            path,
            format!(
                "is {} MB, over the {} MB limit for one file; split it and import the parts",
                meta.len() / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    std::fs::read(path).map_err(|e| Error::io("could not read", path, e))
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
