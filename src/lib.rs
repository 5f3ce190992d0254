//! verbatim — the core of a keyboard-first tool for qualitative analysis of interview
//! transcripts. This library knows nothing of terminals: the TUI and the CLI are thin front ends
//! over it, and anything one can do, the other can do headless.
//!
//! Map of the crate (DESIGN.md §2), by layer: a module uses only modules of its own layer or
//! below (`python3 /work/shared/tools/modgraph.py src` lists the cycles left; the test at the
//! end of this file fails when a module is missing from this map).
//!
//! Foundations (no project knowledge):
//! - [`error`]: the core's error type, one actionable sentence per error.
//! - [`limits`]: one rule per limit (node names and depth, nesting of what is read), the same
//!   for every way in.
//! - [`text`]: normalisation (NFC, LF), natural order, words, code-point positions
//!   (`CharPos`, `CharRange`) and their byte offsets, speaker turns.
//! - [`store`]: atomic writes, transactions, stable JSON, format numbers, the project lock.
//! - [`config`]: the user's folders (config, demo project) and the coder.
//! - [`journal`]: the audit trail `journal.jsonl`.
//! - [`ids`]: typed identifiers (`SourceId`, `NodeId`, `CodingId`, `MemoId`), stored as UUIDs.
//! - [`paths`]: every path inside a project folder (versioned files and `.verbatim/` caches).
//! - [`formats`]: reading input files, decoding bytes to text, XML in zips, XML and zip writing.
//!
//! Project data:
//! - [`model`]: the plain data stored on disk (manifest, sources, speakers).
//! - [`cases`]: cases and attributes (`cases.csv`).
//! - [`codebook`]: the code tree (`codebook.json`).
//! - [`coding`]: codings per coder and source, and re-anchoring them when a text changes.
//! - [`memo`]: memos (`memos/<id>.md`).
//! - [`project`]: a project folder opened read-only or as its one writer; its source, speaker and
//!   case edits in memory.
//! - [`import`]: transcripts in (.txt, .md, .docx, .odt, .rtf, .pdf, .html, .srt, .vtt, Whisper .json),
//!   and survey answers from tables (`import::table`: .csv, .xlsx, .xls, .ods).
//! - [`session`]: the one writer: codebook, codings, memos, sources and cases changed as undoable,
//!   journalled steps. `session::fixture` (hidden from the docs): the small project tests share.
//! - [`overview`]: read-only per-source and per-case figures.
//! - [`index`]: the full-text search index (a cache), searched within precomputed allowed units.
//!
//! Questions and outputs:
//! - [`query`]: the filter grammar and the selection engine (codings → passages, filtered).
//! - [`analysis`]: overview, matrix, co-occurrence, word frequency, agreement, saturation, report.
//! - [`export`]: the thesis annex (DOCX, ODT, Markdown, HTML, CSV, XLSX);
//!   `export::citation_setup` works out the citation (and loads the key) every kind of annex
//!   starts from; `export::names` prints a source's verbatims through the key as they are
//!   collected; `export::pieces` lets the leak check scan a text annex while it is written.
//! - [`refi`]: REFI-QDA exchange (`.qdc`, `.qdpx`) in and out.
//! - [`anonymise`]: the pseudonymisation key and skipped names (outside the project), matching.
//! - [`repair`]: what `check` finds beyond anchoring (lost codings, unreferenced files, unused
//!   cases) and what `check --repair` fixes.
//! - [`demo`]: the demo project built from the embedded sample corpus.
//! - [`demo_coding`]: the demo's codings by two coders and its memos.
//!
//! Front ends (outside the core):
//! - `tui` (feature `tui`): the terminal front end; the core above never depends on it.
//! - the `verbatim` binary (`src/main.rs`, `src/cli/`): the command line (DESIGN §4).
//!
//! Invariants kept throughout: offsets count Unicode code points in normalised text (typed
//! `text::CharPos`/`CharRange` where they cross the coding API; bytes stay `usize`); every write
//! is atomic and made by the lock holder; files are written in a stable order.

pub mod analysis;
pub mod anonymise;
pub mod cases;
pub mod codebook;
pub mod coding;
pub mod config;
pub mod demo;
pub mod demo_coding;
pub mod error;
pub mod export;
pub mod formats;
pub mod ids;
pub mod import;
pub mod index;
pub mod journal;
pub mod limits;
pub mod memo;
pub mod model;
pub mod overview;
pub mod paths;
pub mod project;
pub mod query;
pub mod refi;
pub mod repair;
pub mod session;
pub mod store;
pub mod text;
#[cfg(feature = "tui")]
pub mod tui;

pub use error::{Error, Result};
pub use ids::{CodingId, MemoId, NodeId, SourceId};
pub use project::Project;

#[cfg(test)]
mod map_tests {
    /// Every module declared here has its line in the map above (and every top-level file or
    /// folder of `src/` is declared).
    #[test]
    fn every_module_is_in_the_map() {
        let lib = include_str!("lib.rs");
        let (map, code) = lib.split_once("\npub mod ").expect("module declarations");
        let declared: Vec<&str> = std::iter::once(code)
            .chain(code.split("\npub mod ").skip(1))
            .filter_map(|d| d.split(';').next())
            .map(str::trim)
            .collect();
        assert!(declared.len() > 20, "{declared:?}");
        for m in &declared {
            assert!(
                map.contains(&format!("[`{m}`]")) || map.contains(&format!("`{m}` (feature")),
                "module {m} is missing from the map in src/lib.rs"
            );
        }
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in std::fs::read_dir(&src).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let m = name.trim_end_matches(".rs");
            if ["lib", "main", "cli"].contains(&m) {
                continue;
            }
            assert!(
                declared.contains(&m),
                "src/{name} is not declared in src/lib.rs"
            );
        }
    }
}
