//! verbatim — the core of a keyboard-first tool for qualitative analysis of interview
//! transcripts. This library knows nothing of terminals: the TUI and the CLI are thin front ends
//! over it, and anything one can do, the other can do headless.
//!
//! Map of the crate (DESIGN.md §2):
//! - [`model`]: the plain data stored on disk (manifest, sources, speakers).
//! - [`text`]: normalisation (NFC, LF), natural order, words, offsets, speaker turns.
//! - [`store`]: atomic writes, stable JSON, format numbers, the project lock.
//! - [`project`]: a project folder opened read-only or as its one writer.
//! - [`import`]: transcripts in (.txt, .md, .docx, .odt, .rtf, .html, .srt, .vtt, Whisper .json).
//! - [`cases`]: cases and attributes (`cases.csv`).
//! - [`codebook`]: the code tree (`codebook.json`).
//! - [`export`]: the thesis annex (DOCX, ODT, Markdown, HTML, CSV, XLSX).
//! - [`analysis`]: overview, matrix, co-occurrence, word frequency, agreement, saturation, report.
//! - [`query`]: the filter grammar and the selection engine (codings → passages, filtered).
//! - [`demo`]: the demo project built from the embedded sample corpus.
//! - [`anonymise`]: the pseudonymisation key (outside the project), matching and replacing names.
//! - [`limits`]: one rule per limit (node names and depth, nesting of what is read), the same
//!   for every way in.
//! - [`repair`]: what `check` finds beyond anchoring (lost codings, unreferenced files, unused
//!   cases) and what `check --repair` fixes.
//! - [`journal`], [`config`], [`error`].
//! - `tui` (feature `tui`): the terminal front end; the core above never depends on it.
//!
//! Invariants kept throughout: offsets count Unicode code points in normalised text; every write
//! is atomic and made by the lock holder; files are written in a stable order.

pub mod analysis;
pub mod anonymise;
pub mod cases;
pub mod codebook;
pub mod coding;
pub mod config;
pub mod demo;
pub mod error;
pub mod export;
pub mod import;
pub mod index;
pub mod journal;
pub mod limits;
pub mod memo;
pub mod model;
pub mod overview;
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
pub use project::Project;
