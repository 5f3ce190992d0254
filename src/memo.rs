//! Memos: Markdown files `memos/<id>.md` whose first line says what they are about —
//! `target: project`, `target: source:<id>`, `target: node:<id>` or `target: coding:<id>` —
//! followed by a blank line and the text.
//!
//! Invariants: a memo's id and target never change; writes are atomic; listing is in a stable
//! order (target kind, target id, then memo id).

use crate::error::{Error, Result};
use crate::ids::{CodingId, MemoId, NodeId, SourceId};
use crate::store;
use serde::Serialize;
use std::path::Path;
use uuid::Uuid;

/// What a memo is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Project,
    Source(SourceId),
    Node(NodeId),
    Coding(CodingId),
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Project => write!(f, "project"),
            Self::Source(id) => write!(f, "source:{id}"),
            Self::Node(id) => write!(f, "node:{id}"),
            Self::Coding(id) => write!(f, "coding:{id}"),
        }
    }
}

impl Target {
    /// Parses the stored form (`node:<uuid>`…).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s == "project" {
            return Some(Self::Project);
        }
        let (kind, id) = s.split_once(':')?;
        let id = Uuid::parse_str(id.trim()).ok()?;
        match kind {
            "source" => Some(Self::Source(SourceId(id))),
            "node" => Some(Self::Node(NodeId(id))),
            "coding" => Some(Self::Coding(CodingId(id))),
            _ => None,
        }
    }
}

/// A memo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Memo {
    pub id: MemoId,
    #[serde(serialize_with = "as_string")]
    pub target: Target,
    pub text: String,
}

fn as_string<S: serde::Serializer>(t: &Target, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_string())
}

fn path_of(root: &Path, id: MemoId) -> std::path::PathBuf {
    crate::paths::memo_file(root, id)
}

/// Writes a memo (new or replaced).
pub fn write(root: &Path, memo: &Memo) -> Result<()> {
    let dir = crate::paths::memos_dir(root);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io("could not create", &dir, e))?;
    let body = format!("target: {}\n\n{}\n", memo.target, memo.text.trim_end());
    store::write_atomic(&path_of(root, memo.id), body.as_bytes())
}

/// Stages a memo (new or replaced) into a transaction.
pub fn stage(txn: &mut store::Transaction, memo: &Memo) -> Result<()> {
    let body = format!("target: {}\n\n{}\n", memo.target, memo.text.trim_end());
    let path = path_of(txn.root(), memo.id);
    txn.write(&path, body.as_bytes())
}

/// Stages the removal of a memo.
pub fn stage_delete(txn: &mut store::Transaction, id: MemoId) -> Result<()> {
    let path = path_of(txn.root(), id);
    txn.remove(&path)
}

/// Deletes a memo.
pub fn delete(root: &Path, id: MemoId) -> Result<()> {
    let path = path_of(root, id);
    std::fs::remove_file(&path).map_err(|e| Error::io("could not delete", &path, e))
}

/// Reads every memo; a file without a valid first line is an error naming it.
pub fn list(root: &Path) -> Result<Vec<Memo>> {
    let dir = crate::paths::memos_dir(root);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for e in entries.filter_map(|e| e.ok()) {
        let path = e.path();
        let Some(id) = path
            .file_stem()
            .and_then(|s| MemoId::parse_str(&s.to_string_lossy()).ok())
        else {
            continue;
        };
        if path.extension().is_none_or(|x| x != "md") {
            continue;
        }
        let text = crate::store::read_plain_text(&path)
            .map_err(|e| Error::io("could not read", &path, e))?;
        let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
        let target = first
            .strip_prefix("target:")
            .and_then(Target::parse)
            .ok_or_else(|| {
                Error::bad_input(
                    &path,
                    "line 1: expected `target: project|source:<id>|node:<id>|coding:<id>`",
                )
            })?;
        out.push(Memo {
            id,
            target,
            text: rest.trim_start_matches('\n').trim_end().to_owned(),
        });
    }
    out.sort_by_key(|m| (m.target, m.id));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memos_round_trip_and_list_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let node = Uuid::new_v4();
        let a = Memo {
            id: MemoId::random(),
            target: Target::Node(NodeId(node)),
            text: "Le temps revient partout.\n\n« À creuser »".into(),
        };
        let b = Memo {
            id: MemoId::random(),
            target: Target::Project,
            text: "Journal de bord".into(),
        };
        write(dir.path(), &a).unwrap();
        write(dir.path(), &b).unwrap();
        let raw = std::fs::read_to_string(dir.path().join(format!("memos/{}.md", a.id))).unwrap();
        assert!(raw.starts_with(&format!("target: node:{node}\n\n")));
        assert_eq!(list(dir.path()).unwrap(), [b.clone(), a]);
        std::fs::write(
            dir.path().join(format!("memos/{}.md", Uuid::new_v4())),
            "bonjour",
        )
        .unwrap();
        assert!(
            list(dir.path())
                .unwrap_err()
                .to_string()
                .contains("line 1: expected `target:")
        );
    }
}
