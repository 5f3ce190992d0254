//! Everything the TUI shows, as plain data, one part per pane: the source list, the open
//! transcript with its layout and codings, the codebook rows, the passages panel, the search,
//! plus popups and the status line. `update` is its only writer (the runtime answers effects
//! with messages); views only read it.
//!
//! Invariants: `cursor` and `anchor` are char boundaries of the open text; `layout` is the
//! wrap of that text at the transcript's current width.

use super::i18n::Lang;
use super::keymap::Keymap;
pub use super::rows::{
    Doc, HitRow, HitsPlan, NodeInfo, PassageRow, SourceRow, TreeRow, ViewCoding,
};
use super::theme::Theme;
use crate::ids::{NodeId, SourceId};
use crate::memo::Target;
use crate::text::CharRange;
use std::collections::HashSet;

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

/// What the code picker is choosing a node for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickFor {
    /// Code this range of the open source.
    Code(CharRange),
    /// Uncode this range for the chosen node (among those offered).
    Uncode(CharRange),
    /// Merge this node into the chosen one.
    MergeInto(NodeId),
    /// Code the unit of every search hit.
    CodeHits,
}

/// A fuzzy picker over node paths (or, with `sources`, over source labels).
#[derive(Debug, Clone)]
pub struct Picker {
    pub purpose: PickFor,
    pub query: String,
    /// Candidate node ids, in tree order.
    pub candidates: Vec<NodeId>,
    /// Matching candidates, best first.
    pub matches: Vec<NodeId>,
    pub selected: usize,
    /// The selected words, offered as a new node name (in-vivo coding).
    pub in_vivo: Option<String>,
}

/// What a one-line input is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputFor {
    RenameNode(NodeId),
    AddNode {
        parent: Option<NodeId>,
    },
    Describe(NodeId),
    JumpTo,
    Memo(crate::memo::Target),
    PassagesFilter,
    Coder,
    RenameSource(SourceId),
    /// The case of a speaker (empty: none).
    SpeakerCase {
        source: SourceId,
        name: String,
        role: crate::model::Role,
    },
    /// A regular expression for the speaker labels, to detect them again with.
    SpeakerPattern(SourceId),
    /// The folder of a new project.
    NewProject,
    /// A value of the cases table.
    CaseValue {
        case: String,
        attribute: String,
    },
    AddAttribute,
    RenameAttribute(String),
    /// A case id (its sources and speakers follow).
    RenameCase(String),
    /// A coding query to run in the analysis popup (the view it came from).
    AnalysisQuery(Box<super::analysis_rows::AnalysisAsk>),
    /// The new node a coding query's passages are coded into (the expression).
    CodeQuery(String),
}

impl InputFor {
    /// Whether the field takes several lines (Enter: a new line, ctrl-s: save): memos and
    /// node descriptions.
    pub fn multiline(&self) -> bool {
        matches!(self, Self::Memo(_) | Self::Describe(_))
    }
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
        on_yes: Vec<super::msg::Effect>,
    },
    Export(Box<super::export_form::ExportForm>),
    /// The memo browser: every memo, filtered by the words typed.
    Memos {
        query: String,
        selected: usize,
        rows: Vec<super::rows::MemoRow>,
    },
    /// A source's speakers: convention, roles, cases, re-detection.
    Speakers(Box<super::source_rows::SpeakersView>),
    /// The file browser (import, replace, open a project folder).
    Files(Box<super::project_rows::FileBrowser>),
    /// Recent projects, with "new project" and "open a folder" first.
    Projects {
        rows: Vec<super::project_rows::ProjectRow>,
        selected: usize,
    },
    /// A report with places to jump to (an import's, check's).
    Report(Box<super::project_rows::Report>),
    /// The names to pseudonymise, to accept into the key, edit or skip.
    KeyReview(Box<super::key_review::KeyReview>),
    /// The cases table, editable.
    Cases(Box<super::project_rows::CasesView>),
    /// The analysis views (overview, matrix, words, agreement, saturation).
    Analysis(Box<super::analysis_rows::AnalysisView>),
}

/// The whole TUI state, one part per pane. `update` is its only writer.
#[derive(Debug, Clone)]
pub struct AppState {
    pub ui: Ui,
    pub sources: SourcesPane,
    pub transcript: TranscriptPane,
    pub codebook: CodebookPane,
    pub passages: PassagesPane,
    pub search: SearchState,
    pub popup: Option<Popup>,
    /// Everything that has a memo (sources, nodes, codings, the project), for the ✎ marks.
    pub memos: HashSet<Target>,
    /// The cursor (byte offset) in the open popup's text field (an input, a query, the field
    /// being edited in a form); `None`: at the end of its text. Back to `None` whenever another
    /// field (or none) takes the keys.
    pub edit_cursor: Option<usize>,
}

/// What belongs to no pane: language, theme, keys, size, focus, the status line.
#[derive(Debug, Clone)]
pub struct Ui {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub project: String,
    pub coder: String,
    pub width: u16,
    pub height: u16,
    pub focus: Focus,
    pub message: Option<String>,
    pub saved: bool,
    pub orphans: usize,
    pub quit: bool,
    /// Whether the app captures the mouse (the runtime applies changes to the terminal).
    pub mouse: bool,
    /// Whether the search index is still being built in the background.
    pub indexing: bool,
    /// Progress of an export running in the background: (sections written, all).
    pub exporting: Option<(usize, usize)>,
    /// Progress of an import being read in the background: (files read, all).
    pub importing: Option<(usize, usize)>,
    /// Another project to open once this one is closed.
    pub switch_to: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Default)]
pub struct SourcesPane {
    pub rows: Vec<SourceRow>,
    pub selected: usize,
    pub show_attributes: bool,
}

/// The open transcript and where the cursor is.
#[derive(Debug, Clone)]
pub struct TranscriptPane {
    pub doc: Option<Doc>,
    /// Byte offset of the cursor in the open text.
    pub cursor: usize,
    /// First layout row shown.
    pub scroll: usize,
    pub mode: Mode,
    pub tint: bool,
    /// Where a mouse drag started (byte offset), while the button is down.
    pub drag_from: Option<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct CodebookPane {
    pub tree: Vec<TreeRow>,
    pub selected: usize,
    pub collapsed: HashSet<NodeId>,
    /// Every node, in tree order (collapsed ones too).
    pub nodes: Vec<NodeInfo>,
    pub last_node: Option<NodeId>,
    pub cut_node: Option<NodeId>,
}

#[derive(Debug, Clone, Default)]
pub struct PassagesPane {
    pub rows: Vec<PassageRow>,
    pub selected: usize,
    /// The node whose passages are shown.
    pub of: Option<NodeId>,
    /// The passages filter as typed (`case:E01 Sexe=F -role:interviewer`).
    pub filter: String,
    /// The passages read in full in the wide pane (instead of the transcript).
    pub reader: bool,
    /// Each passage's citation and context shown.
    pub details: bool,
}

/// The last search and its hits (highlighted in the transcript, for n/N).
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub query: String,
    pub hits: Vec<HitRow>,
    /// Every hit to code, while "code every hit" asks for the node and the go-ahead.
    pub plan: Option<HitsPlan>,
}

impl AppState {
    /// The state before anything is loaded.
    pub fn new(ui: Ui) -> Self {
        Self {
            ui,
            sources: SourcesPane::default(),
            transcript: TranscriptPane {
                doc: None,
                cursor: 0,
                scroll: 0,
                mode: Mode::Normal,
                tint: true,
                drag_from: None,
            },
            codebook: CodebookPane::default(),
            passages: PassagesPane::default(),
            search: SearchState::default(),
            popup: None,
            memos: HashSet::new(),
            edit_cursor: None,
        }
    }
}

impl AppState {
    pub fn node(&self, id: NodeId) -> Option<&NodeInfo> {
        self.codebook.nodes.iter().find(|n| n.id == id)
    }

    /// The selected node of the codebook pane.
    pub fn selected_node(&self) -> Option<NodeId> {
        self.codebook.tree.get(self.codebook.selected).map(|r| r.id)
    }

    /// The selection as a byte range (`None` in normal mode).
    pub fn selection(&self) -> Option<(usize, usize)> {
        let Mode::Visual { anchor } = self.transcript.mode else {
            return None;
        };
        let doc = self.transcript.doc.as_ref()?;
        let cursor = self.transcript.cursor;
        let (a, b) = (anchor.min(cursor), anchor.max(cursor));
        let (s, e) = (a, next_boundary(&doc.text.text, b));
        let (ts, te) = doc.trim_to_text((s, e));
        // A selection of blanks alone stays as it is (there is no text to trim it to).
        Some(if ts < te { (ts, te) } else { (s, e) })
    }

    pub fn french(&self) -> bool {
        self.ui.lang == Lang::Fr
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
