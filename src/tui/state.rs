//! Everything the TUI shows, as plain data: the open transcript with its layout and codings,
//! the source list, the codebook rows, the passages panel, popups, mode and messages.
//! `update` changes it (purely); `effects` refreshes its model snapshots after a change;
//! views only read it.
//!
//! Invariants: `cursor` and `anchor` are char boundaries of the open text; `layout` is the
//! wrap of that text at the transcript's current width.

use super::i18n::Lang;
use super::keymap::Keymap;
use super::theme::Theme;
use super::wrap::Row;
use crate::coding::SourceText;
use crate::model::Role;
use crate::session::NodeCounts;
use crate::text::turns::Unit;
use std::collections::HashSet;
use std::sync::Arc;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Sources,
    Transcript,
    Codebook,
    Passages,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Selecting from `anchor` (a byte offset) to the cursor.
    Visual {
        anchor: usize,
    },
}

/// A source in the sources pane.
#[derive(Debug, Clone)]
pub struct SourceRow {
    pub id: Uuid,
    pub label: String,
    pub attributes: Vec<String>,
    pub codings: usize,
}

/// A coding of the open source, as drawn.
#[derive(Debug, Clone)]
pub struct ViewCoding {
    pub coder: String,
    pub id: Uuid,
    pub node: Uuid,
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// Gutter column (0-based) this coding is drawn in.
    pub lane: usize,
}

/// The open transcript.
#[derive(Debug, Clone)]
pub struct Doc {
    pub id: Uuid,
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

/// A node of the codebook pane, flattened in tree order.
#[derive(Debug, Clone)]
pub struct TreeRow {
    pub id: Uuid,
    pub depth: usize,
    pub name: String,
    pub path: String,
    pub has_children: bool,
    pub expanded: bool,
    pub codable: bool,
    pub counts: NodeCounts,
}

/// A node as the picker and the drawing need it.
#[derive(Debug, Clone)]
pub struct NodeInfo {
    pub id: Uuid,
    pub path: String,
    pub color: Option<String>,
    /// A letter that tells nodes apart without colour.
    pub mark: char,
    pub codable: bool,
}

/// A passage in the passages panel.
#[derive(Debug, Clone)]
pub struct PassageRow {
    pub source: Uuid,
    pub label: String,
    pub speaker: Option<String>,
    /// Code point range.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// What the code picker is choosing a node for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickFor {
    /// Code this code point range of the open source.
    Code { start: usize, end: usize },
    /// Uncode this range for the chosen node (among those offered).
    Uncode { start: usize, end: usize },
    /// Merge this node into the chosen one.
    MergeInto(Uuid),
    /// Code the unit of every search hit.
    CodeHits,
}

/// A search hit, as listed and highlighted.
#[derive(Debug, Clone)]
pub struct HitRow {
    pub source: Uuid,
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
    pub units: Vec<(Uuid, usize, usize)>,
    /// How many of them are interviewer turns.
    pub interviewer: usize,
}

/// A fuzzy picker over node paths (or, with `sources`, over source labels).
#[derive(Debug, Clone)]
pub struct Picker {
    pub purpose: PickFor,
    pub query: String,
    /// Candidate node ids, in tree order.
    pub candidates: Vec<Uuid>,
    /// Matching candidates, best first.
    pub matches: Vec<Uuid>,
    pub selected: usize,
    /// The selected words, offered as a new node name (in-vivo coding).
    pub in_vivo: Option<String>,
}

/// What a one-line input is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputFor {
    RenameNode(Uuid),
    AddNode { parent: Option<Uuid> },
    Describe(Uuid),
    JumpTo,
    Memo(crate::memo::Target),
    PassagesFilter,
}

#[derive(Debug, Clone)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    Palette {
        query: String,
        selected: usize,
    },
    Picker(Picker),
    Search {
        query: String,
        selected: usize,
    },
    SourcePicker {
        query: String,
        selected: usize,
    },
    Input {
        purpose: InputFor,
        text: String,
    },
    Confirm {
        question: String,
        on_yes: Vec<super::effects::Effect>,
    },
    Export(Box<super::export_form::ExportForm>),
}

/// The whole TUI state.
#[derive(Debug, Clone)]
pub struct AppState {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub project: String,
    pub coder: String,
    pub width: u16,
    pub height: u16,
    pub focus: Focus,
    pub mode: Mode,
    pub popup: Option<Popup>,
    pub sources: Vec<SourceRow>,
    pub source_selected: usize,
    pub show_attributes: bool,
    pub doc: Option<Doc>,
    /// Byte offset of the cursor in the open text.
    pub cursor: usize,
    /// First layout row shown.
    pub scroll: usize,
    pub tree: Vec<TreeRow>,
    pub tree_selected: usize,
    pub collapsed: HashSet<Uuid>,
    pub nodes: Vec<NodeInfo>,
    pub passages: Vec<PassageRow>,
    pub passage_selected: usize,
    pub passages_of: Option<Uuid>,
    /// The passages filter as typed (`case:E01 Sexe=F -role:interviewer`).
    pub passage_filter: String,
    pub last_node: Option<Uuid>,
    pub cut_node: Option<Uuid>,
    pub tint: bool,
    pub message: Option<String>,
    pub saved: bool,
    pub orphans: usize,
    /// Text waiting to be copied to the terminal clipboard (OSC 52) after the next draw.
    pub clipboard: Option<String>,
    pub quit: bool,
    /// Whether the app captures the mouse (the runtime applies changes to the terminal).
    pub mouse: bool,
    /// Everything that has a memo (sources, nodes, codings, the project), for the ✎ marks.
    pub memos: HashSet<crate::memo::Target>,
    /// The last search and its hits (highlighted in the transcript, for n/N).
    pub search_query: String,
    pub hits: Vec<HitRow>,
    /// Every hit to code, while "code every hit" asks for the node and the go-ahead.
    pub hits_plan: Option<HitsPlan>,
    /// Whether the search index is still being built in the background.
    pub indexing: bool,
    /// Progress of an export running in the background: (sections written, all).
    pub exporting: Option<(usize, usize)>,
    /// Where a mouse drag started (byte offset), while the button is down.
    pub drag_from: Option<usize>,
}

impl AppState {
    pub fn node(&self, id: Uuid) -> Option<&NodeInfo> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The selected node of the codebook pane.
    pub fn selected_node(&self) -> Option<Uuid> {
        self.tree.get(self.tree_selected).map(|r| r.id)
    }

    /// The selection as a byte range (`None` in normal mode).
    pub fn selection(&self) -> Option<(usize, usize)> {
        let Mode::Visual { anchor } = self.mode else {
            return None;
        };
        let doc = self.doc.as_ref()?;
        let (a, b) = (anchor.min(self.cursor), anchor.max(self.cursor));
        let (s, e) = (a, next_boundary(&doc.text.text, b));
        let (ts, te) = super::update::motion::trim_to_text(doc, (s, e));
        // A selection of blanks alone stays as it is (there is no text to trim it to).
        Some(if ts < te { (ts, te) } else { (s, e) })
    }

    pub fn french(&self) -> bool {
        self.lang == Lang::Fr
    }
}

/// The byte offset after the grapheme at `at`.
pub fn next_boundary(text: &str, at: usize) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    text[at..]
        .graphemes(true)
        .next()
        .map_or(text.len(), |g| at + g.len())
}
