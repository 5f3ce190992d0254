//! The query layer: which codings and passages match a filter. One grammar for filters written
//! as text (CLI flags, the TUI `f` prompt, the export dialog, saved queries) and one selection
//! engine (codings → stretches of text, coders united, DESIGN §4 filters) under `passages`, the
//! annex, node-filtered search and the analyses.
//!
//! How to use it:
//! 1. Text to [`Filters`]: [`parse_filters`]`(text, &project, &codebook)`, or in two steps
//!    [`FilterExpr::parse`] (syntax only, pure) then [`FilterExpr::resolve`] (names, values,
//!    cases and node paths checked against the project; unknown ones fail with one sentence
//!    listing close matches). CLI flags build a [`FilterExpr`] with [`FilterExpr::push`] and
//!    [`FilterExpr::attr_flag`], so they obey the same rules. Grammar: [`grammar`].
//! 2. Passages: [`passages()`]`(&session, &nodes, descendants, &filters)`; counts per node:
//!    [`node_counts`].
//! 3. Anything else built on codings (annex sections, matrices, agreement): describe it as a
//!    [`Selection`] (node → groups, filters, whether to join across white space) and walk it with
//!    [`select_each`], which hands over, source by source, the kept [`Stretch`]es with their
//!    unit, speaker and case, plus the text and its units ([`select_map`]: the same, sources
//!    worked on at once on every core, results back in source order).
//! 4. Codings source by source, before units and merging (the analysis selection):
//!    [`each_source`] gives each source's [`SourceCodings`] under the coder and `also:`
//!    filters; [`select_each`] and [`allowed_units`] walk through it too.
//! 5. Search: [`search`] with [`SearchOptions`], or [`allowed_units`] to get the precomputed
//!    [`crate::index::AllowedUnits`] the index takes.
//! 6. Whether one case and speaker pass: [`Filters::admits`] (reads the case table only).
//!
//! Invariants: nothing here writes; the same filters give the same answer in every front end;
//! results come by source in natural label order, then by position.

pub mod filters;
pub mod grammar;
pub mod passages;
pub mod resolve;
pub mod select;
pub mod units;
pub mod walk;

pub use filters::Filters;
pub use grammar::{FilterExpr, Key, Term};
pub use passages::{NodeCounts, Passage, node_counts, passages};
pub use resolve::parse_filters;
pub use select::{Selection, SourceSelection, Stretch, merge_spans, select_each, select_map};
pub use units::{SearchOptions, allowed_units, search};
pub use walk::{SourceCodings, each_source};

#[cfg(test)]
mod tests;
