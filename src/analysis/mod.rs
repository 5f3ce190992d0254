//! Analysis: the queries that turn a coded corpus into the tables and figures of a results
//! chapter and a methods section — coding overview, matrix, co-occurrence, word frequency,
//! intercoder agreement, consensus, saturation and the methods report.
//!
//! Every query is a pure function over a [`Selection`] (the sources, units and codings kept by
//! the DESIGN §4 filters), so the CLI, the TUI and the benchmarks compute the same figures, and
//! tests can build a selection by hand. Invariants: nothing here writes (the consensus merge
//! plans its codings and hands them to `Session`); results come in a stable order (codebook
//! order for nodes, natural label order for sources and cases); offsets are code points.

pub mod agreement;
pub mod cooccurrence;
pub mod kappa;
pub mod matrix;
pub mod merge;
pub mod query;
pub mod query_annex;
pub mod query_parse;
pub mod ranges;
pub mod report;
pub mod report_md;
pub mod saturation;
pub mod selection;
pub mod stats;
pub mod stopwords;
pub mod svg;
pub mod table;
pub mod tables;
pub mod word_index;
pub mod words;

pub use selection::{Coded, Selection, SourceView, UnitView};

#[cfg(test)]
mod fixture;
#[cfg(test)]
mod tests_agreement;
#[cfg(test)]
mod tests_tables;
