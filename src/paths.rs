//! Every path inside a project folder, in one place (DESIGN §3): the versioned files
//! (`verbatim.json`, `cases.csv`, `codebook.json`, `journal.jsonl`, `sources/`, `codings/`,
//! `memos/`, `queries/`) and the caches under `.verbatim/` (anchored texts, state, index, export
//! choices, lock).
//!
//! Invariant: no other module spells a project-relative file or folder name; they ask here, so
//! the on-disk layout is read from one file. Nothing here touches the disk.

use crate::ids::{MemoId, SourceId};
use std::path::{Path, PathBuf};

/// Where the manifest's `file` of a source is: joined to the root, only when it stays inside the
/// project (plain names only: no `..`, no root, no prefix). The reason, when it does not, is a
/// sentence to follow the source's name.
pub fn source_text(root: &Path, file: &str) -> Result<PathBuf, String> {
    let rel = Path::new(file);
    if rel
        .components()
        .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Err(format!(
            "names the file '{}' outside the project; verbatim only reads files inside it",
            crate::limits::shown(file)
        ));
    }
    Ok(root.join(rel))
}

/// The manifest, at the project's root.
pub const MANIFEST: &str = "verbatim.json";
/// Cases and their attributes.
pub const CASES: &str = "cases.csv";
/// The code tree.
pub const CODEBOOK: &str = "codebook.json";
/// The audit trail.
pub const JOURNAL: &str = "journal.jsonl";
/// The folder of transcripts, relative to the root (the manifest stores `sources/<file>`).
pub const SOURCES: &str = "sources";
/// The folder of codings, one sub-folder per coder.
pub const CODINGS: &str = "codings";
/// The folder of memos.
pub const MEMOS: &str = "memos";
/// The folder of saved coding queries.
pub const QUERIES: &str = "queries";
/// The caches' folder (never versioned).
pub const CACHE: &str = ".verbatim";

/// `sources/`.
pub fn sources_dir(root: &Path) -> PathBuf {
    root.join(SOURCES)
}

/// `codings/`.
pub fn codings_dir(root: &Path) -> PathBuf {
    root.join(CODINGS)
}

/// `codings/<coder>/`.
pub fn coder_dir(root: &Path, coder: &str) -> PathBuf {
    codings_dir(root).join(coder)
}

/// `codings/<coder>/<source-id>.jsonl`.
pub fn codings_file(root: &Path, coder: &str, source: SourceId) -> PathBuf {
    coder_dir(root, coder).join(format!("{source}.jsonl"))
}

/// `memos/`.
pub fn memos_dir(root: &Path) -> PathBuf {
    root.join(MEMOS)
}

/// `memos/<id>.md`.
pub fn memo_file(root: &Path, id: MemoId) -> PathBuf {
    memos_dir(root).join(format!("{id}.md"))
}

/// `queries/`.
pub fn queries_dir(root: &Path) -> PathBuf {
    root.join(QUERIES)
}

/// `.verbatim/`.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join(CACHE)
}

/// `.verbatim/anchored/`: the text each source's codings were last anchored to.
pub fn anchored_dir(root: &Path) -> PathBuf {
    cache_dir(root).join("anchored")
}

/// `.verbatim/anchored/<source-id>.txt`.
pub fn anchored_text(root: &Path, source: SourceId) -> PathBuf {
    anchored_dir(root).join(format!("{source}.txt"))
}

/// `.verbatim/state.json`: sizes and dates of the texts when last checked.
pub fn state_file(root: &Path) -> PathBuf {
    cache_dir(root).join("state.json")
}

/// `.verbatim/index/`: the full-text search index.
pub fn index_dir(root: &Path) -> PathBuf {
    cache_dir(root).join("index")
}

/// `.verbatim/export.json`: the TUI's last export choices.
pub fn export_choices(root: &Path) -> PathBuf {
    cache_dir(root).join("export.json")
}

/// `.verbatim/lock`: the writer's lock file.
pub fn lock_file(root: &Path) -> PathBuf {
    cache_dir(root).join("lock")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_text_stays_inside_the_project() {
        let root = Path::new("/p");
        assert_eq!(
            source_text(root, "sources/a.txt").unwrap(),
            Path::new("/p/sources/a.txt")
        );
        for outside in [
            "../x.txt",
            "/etc/passwd",
            "sources/../../x.txt",
            "./sources/a.txt",
        ] {
            let e = source_text(root, outside).unwrap_err();
            assert!(e.contains("outside the project"), "{outside}: {e}");
        }
        assert!(source_text(root, "sources/\u{1b}[2J.txt").is_ok());
        assert!(
            source_text(root, "../\u{1b}[2J")
                .unwrap_err()
                .contains("\\u{1b}"),
            "shown escaped"
        );
    }

    #[test]
    fn the_layout_is_the_documented_one() {
        let r = Path::new("p");
        let id = SourceId::nil();
        assert_eq!(
            codings_file(r, "sg", id),
            Path::new("p/codings/sg/00000000-0000-0000-0000-000000000000.jsonl")
        );
        assert_eq!(
            anchored_text(r, id),
            Path::new("p/.verbatim/anchored/00000000-0000-0000-0000-000000000000.txt")
        );
        assert_eq!(
            memo_file(r, MemoId::nil()).parent().unwrap(),
            Path::new("p/memos")
        );
        assert_eq!(index_dir(r), Path::new("p/.verbatim/index"));
        assert_eq!(lock_file(r), Path::new("p/.verbatim/lock"));
    }
}
