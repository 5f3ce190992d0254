//! Writing the REFI-QDA exchange files of a project: the whole project (`.qdpx`) or its codebook
//! (`.qdc`), for other QDA programs. `export::write` hands these two formats here.
//!
//! Invariants: with a pseudonymisation key (and unless names are kept), the files come from a
//! pseudonymised copy made in memory from a read-only session, never from the project itself;
//! the leak check runs on the final bytes and refuses, writing nothing; the write is atomic.

use crate::error::Result;
use crate::session::Session;
use std::path::Path;

/// Which exchange file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exchange {
    /// The project (`.qdpx`).
    Project,
    /// The codebook alone (`.qdc`).
    Codebook,
}

/// What writing an exchange file did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// Codes written.
    pub codes: usize,
    /// Codings written (those with a place in the text).
    pub codings: usize,
    pub bytes: usize,
    pub warnings: Vec<String>,
}

/// Writes `what` of `session` to `path`; `keep_names` skips pseudonymisation, `allow_leaks`
/// the leak check.
pub fn write(
    session: &Session,
    what: Exchange,
    path: &Path,
    keep_names: bool,
    allow_leaks: bool,
) -> Result<Written> {
    let key = crate::anonymise::project_matcher(session.project().manifest.id)?;
    let pseudonymised;
    let session = match &key {
        Some(k) if !keep_names => {
            let mut copy = Session::open(session.root())?;
            copy.pseudonymise(k)?;
            pseudonymised = copy;
            &pseudonymised
        }
        _ => session,
    };
    let mut warnings = Vec::new();
    let bytes = match what {
        Exchange::Codebook => super::qdc::write(session.codebook()).into_bytes(),
        Exchange::Project => {
            let out = super::qde_write::build(session)?;
            if out.orphaned_skipped > 0 {
                warnings.push(format!(
                    "{} orphaned coding(s) left out: they have no place in the text (see `verbatim check`)",
                    out.orphaned_skipped
                ));
            }
            super::qde_write::zip(&out)?
        }
    };
    if let Some(key) = &key
        && !allow_leaks
    {
        crate::anonymise::leaks::refuse(key, &bytes, path)?;
    }
    crate::store::write_atomic(path, &bytes)?;
    Ok(Written {
        codes: session.codebook().len(),
        codings: session
            .codings()
            .all()
            .filter(|(_, _, c)| !c.is_orphaned())
            .count(),
        bytes: bytes.len(),
        warnings,
    })
}
