//! The plain data the panes show — sources, the open transcript with its codings, codebook
//! rows, passages, search hits — built by the runtime from the session and handed to `update`
//! in messages. No behaviour here, and no dependency on the rest of the TUI but the wrap rows.
//!
//! Invariant: byte offsets (into the open text) and code points (in the source) are named as
//! such on every field; ids are the core's typed ids (`SourceId`, `NodeId`, `CodingId`), never a
//! bare UUID.

use super::wrap::Row;
use crate::coding::SourceText;
use crate::ids::{CodingId, NodeId, SourceId};
use crate::model::Role;
use crate::query::NodeCounts;
use crate::text::turns::Unit;
use std::sync::Arc;
use unicode_segmentation::UnicodeSegmentation;

/// A source in the sources pane.
#[derive(Debug, Clone)]
pub struct SourceRow {
    pub id: SourceId,
    pub label: String,
    pub attributes: Vec<String>,
    pub codings: usize,
}

/// A coding of the open source, as drawn.
#[derive(Debug, Clone)]
pub struct ViewCoding {
    pub coder: String,
    pub id: CodingId,
    pub node: NodeId,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Gutter column (0-based) this coding is drawn in.
    pub lane: usize,
}

/// The open transcript.
#[derive(Debug, Clone)]
pub struct Doc {
    pub id: SourceId,
    pub label: String,
    pub case: String,
    pub text: Arc<SourceText>,
    pub units: Vec<Unit>,
    /// Speaker names and roles, indexed as in `units`.
    pub speakers: Vec<(String, Role)>,
    pub codings: Vec<ViewCoding>,
    pub lanes: usize,
    pub layout: Vec<Row>,
    pub layout_width: usize,
}

impl Doc {
    /// A byte range trimmed so that it never ends on blanks or inside a speaker's label, nor
    /// starts in one: what a selection covers.
    pub fn trim_to_text(&self, (mut s, mut e): (usize, usize)) -> (usize, usize) {
        let doc = self;
        let text = &doc.text.text;
        if let Some(u) = crate::text::turns::unit_containing(&doc.units, s)
            && s < u.body_start
            && u.body_start < e
        {
            s = u.body_start;
        }
        let before_end = doc.units.partition_point(|u| u.start < e);
        if let Some(u) = before_end.checked_sub(1).map(|i| &doc.units[i])
            && e <= u.body_start
            && u.start > s
        {
            e = u.start;
        }
        while e > s {
            let p = text[..e]
                .grapheme_indices(true)
                .next_back()
                .map_or(0, |(i, _)| i);
            if !text[p..e].trim().is_empty() {
                break;
            }
            e = p;
        }
        (s, e.max(s))
    }
}

/// A node of the codebook pane, flattened in tree order.
#[derive(Debug, Clone)]
pub struct TreeRow {
    pub id: NodeId,
    pub depth: usize,
    pub name: String,
    pub path: String,
    pub has_children: bool,
    pub expanded: bool,
    pub codable: bool,
    pub counts: NodeCounts,
    /// The node's description (empty: none).
    pub description: String,
}

/// A node as the picker and the drawing need it.
#[derive(Debug, Clone)]
pub struct NodeInfo {
    pub id: NodeId,
    pub path: String,
    pub color: Option<String>,
    /// A letter that tells nodes apart without colour.
    pub mark: char,
    pub codable: bool,
}

/// A passage in the passages panel.
#[derive(Debug, Clone)]
pub struct PassageRow {
    pub source: SourceId,
    pub label: String,
    pub speaker: Option<String>,
    /// Code point range.
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub case: String,
    pub coders: Vec<String>,
    /// Up to a few words of the text before and after, for context.
    pub before: String,
    pub after: String,
}

/// A memo in the memo browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoRow {
    pub target: crate::memo::Target,
    /// What it is about, in words (`Source E01`, `Node II.B - Freins`, `Coding E01 « … »`).
    pub title: String,
    /// When its file was last written (`2026-03-14 09:30`), if known.
    pub date: String,
    pub text: String,
}

/// A search hit, as listed and highlighted.
#[derive(Debug, Clone)]
pub struct HitRow {
    pub source: SourceId,
    pub label: String,
    pub speaker: Option<String>,
    pub unit_start: usize,
    pub unit_end: usize,
    pub snippet: String,
    /// Every match in the unit, code points in the source.
    pub matches: Vec<(usize, usize)>,
}

/// Every hit of the last search that the filters allow, gathered before "code every hit" asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HitsPlan {
    pub query: String,
    /// The filter as typed (empty for none).
    pub filter: String,
    /// The units to code: source and code point range, each once.
    pub units: Vec<(crate::ids::SourceId, crate::text::CharRange)>,
    /// How many of them are interviewer turns.
    pub interviewer: usize,
}
