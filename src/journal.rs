//! The audit trail `journal.jsonl`: one line per operation with time, coder and ids — never
//! transcript text, so it can be shared without leaking data. Two coders' journals merge with
//! git's union driver (`.gitattributes`).
//!
//! Invariant: append-only; a line is written whole with one `write` and flushed to disk.

use crate::error::{Error, Result};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

#[derive(Serialize)]
struct Entry<'a> {
    at: String,
    coder: &'a str,
    op: &'a str,
    ids: &'a [String],
}

/// The journal's file name, at the project root.
pub const FILE: &str = crate::paths::JOURNAL;

/// The journal line (with its newline) of one operation.
pub fn line(coder: &str, op: &str, ids: &[String]) -> String {
    let mut line = serde_json::to_string(&Entry {
        at: now_rfc3339(),
        coder,
        op,
        ids,
    })
    .expect("journal entries serialise");
    line.push('\n');
    line
}

/// Appends one operation to the project's journal (outside a transaction: `init` only; every
/// change to project files journals through [`crate::store::Transaction::journal`]).
pub fn append(root: &Path, coder: &str, op: &str, ids: &[String]) -> Result<()> {
    let path = root.join(FILE);
    let line = line(coder, op, ids);
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| Error::io("could not open", &path, e))?;
    f.write_all(line.as_bytes())
        .and_then(|()| f.sync_data())
        .map_err(|e| Error::io("could not append to", &path, e))
}

/// The current UTC time as `2026-11-23T09:15:02Z`.
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
