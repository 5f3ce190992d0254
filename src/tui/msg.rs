//! The TUI's two vocabularies between its parts: a [`Msg`] is something that happened (an
//! action from the keymap, a typed character, a resize, a mouse event, or the runtime's answer
//! to an effect); an [`Effect`] is work `update` asks the runtime to do (a model change, a
//! load, a search, an export). `update` is the only writer of the state: the runtime reads it
//! and answers with messages.
//!
//! Invariant: a leaf — it names only the core's types, the action vocabulary, the editor's keys
//! and the plain data
//! of [`super::rows`], [`super::source_rows`], [`super::project_rows`], [`super::key_review`]
//! and [`super::export_choices`].

use super::action::Action;
use super::editor::EditKey;
use super::export_choices::ExportChoices;
use super::rows::{Doc, HitRow, HitsPlan, NodeInfo, PassageRow, SourceRow, TreeRow, ViewCoding};
use crate::ids::{NodeId, SourceId};
use crate::memo::Target;
use crate::text::CharRange;
use std::collections::HashSet;

/// What `update` is given.
#[derive(Debug, Clone)]
pub enum Msg {
    /// An action, from the keymap (in every context: panes, text fields, confirmations).
    Action(Action),
    /// A printable character typed into a text field.
    Char(char),
    /// Text pasted (the terminal's bracketed paste), for the open text field.
    Paste(String),
    Resize(u16, u16),
    /// A mouse event at a screen cell (column, row).
    Mouse(MouseMsg, u16, u16),
    /// The runtime's answers.
    Done(Done),
}

/// What the runtime answers after carrying out an effect (or noticing a worker finished).
#[derive(Debug, Clone)]
pub enum Done {
    /// A line for the status bar.
    Info(String),
    /// Fresh snapshots of the model after a change.
    Refreshed(Box<Snapshot>),
    /// A source was loaded; put the cursor at this code point (at the start when `None`).
    Opened { doc: Box<Doc>, at: Option<usize> },
    /// The open source stays; put the cursor at this code point.
    Jumped(usize),
    /// The hits of a search.
    Hits { query: String, hits: Vec<HitRow> },
    /// The search index is being built (true) or ready (false).
    Indexing(bool),
    /// Every hit "code every hit" would code.
    HitsPlanned(HitsPlan),
    /// Every memo, for the browser.
    MemoList(Vec<super::rows::MemoRow>),
    /// The current coder changed.
    Coder(String),
    /// A node was coded with (for `.`).
    LastNode(NodeId),
    /// The memo text of a target, to edit.
    Memo(Target, String),
    /// The description of a node, to edit.
    Description(NodeId, String),
    /// Open the export dialog with these.
    ExportDialog(Box<ExportDialog>),
    /// An export's progress: (sections written, all); `None` once it has stopped.
    Exporting(Option<(usize, usize)>),
    /// About sources (delete planned, speakers loaded, a source gone).
    Source(super::source_rows::SourceDone),
    /// About the project (a folder listed, import progress, projects, reports).
    Project(super::project_rows::ProjectDone),
    /// About the pseudonymisation key (the review list, an entry added).
    Key(super::key_review::KeyDone),
    /// An analysis view, computed.
    Analysis(Box<super::analysis_rows::AnalysisView>),
}

/// What the export dialog opens with.
#[derive(Debug, Clone)]
pub struct ExportDialog {
    pub choices: ExportChoices,
    pub attributes: Vec<String>,
    /// The node selected in the codebook: id and path.
    pub node: Option<(NodeId, String)>,
}

/// Everything the panes show of the model, rebuilt after each change.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub sources: Vec<SourceRow>,
    pub tree: Vec<TreeRow>,
    pub nodes: Vec<NodeInfo>,
    /// The open source's codings (its id, the codings, the gutter lanes), when one is open.
    pub codings: Option<(SourceId, Vec<ViewCoding>, usize)>,
    /// The passages of the node shown (`None`: that node is gone, show none).
    pub passages: Option<Vec<PassageRow>>,
    pub orphans: usize,
    pub memos: HashSet<Target>,
    /// Nodes to expand (the ancestors of `select`) and the node to select, after an add or move.
    pub expand: Vec<NodeId>,
    pub select: Option<NodeId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseMsg {
    Down,
    Drag,
    Up,
    ScrollDown,
    ScrollUp,
}

/// An editing key for a text field, as the popups see it (from an action or a character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKey {
    Char(char),
    Backspace,
    Enter,
    Esc,
    Up,
    Down,
    /// ←/→: change a choice in a form.
    Left,
    Right,
    /// ctrl-s: save a multi-line field.
    Save,
    /// ctrl-k in the search popup: code every hit.
    CodeAll,
    /// Cursor moves and deletions of the text editor (home, end, words, lines, ctrl-w).
    Edit(super::editor::EditKey),
}

impl TextKey {
    /// The editing key an action stands for in a text field, if any.
    pub fn of_action(a: Action) -> Option<Self> {
        Some(match a {
            Action::Confirm => Self::Enter,
            Action::Cancel => Self::Esc,
            Action::Up => Self::Up,
            Action::Down | Action::FocusNext => Self::Down,
            Action::Left => Self::Left,
            Action::Right => Self::Right,
            Action::Save => Self::Save,
            Action::DeleteBack => Self::Backspace,
            Action::CodeHits => Self::CodeAll,
            Action::Top => Self::Edit(EditKey::Home),
            Action::Bottom => Self::Edit(EditKey::End),
            Action::WordPrev => Self::Edit(EditKey::WordLeft),
            Action::WordNext => Self::Edit(EditKey::WordRight),
            Action::DeleteWord => Self::Edit(EditKey::DeleteWord),
            Action::DeleteForward => Self::Edit(EditKey::DeleteForward),
            _ => return None,
        })
    }

    /// Applies the key to a one-line field and its cursor (`None`: at the end of the text) with
    /// the text editor: typing and deleting at the cursor, ←/→, Home/End, word moves, ctrl-w.
    /// `None` when it is not an editing key of a one-line field (Enter, Esc, ↑/↓, ctrl-s,
    /// ctrl-k); else whether the text changed.
    pub fn edit_line(self, text: &mut String, cursor: &mut Option<usize>) -> Option<bool> {
        use super::editor;
        let at = editor::clamp(text, *cursor);
        let before = text.len();
        let to = match self {
            Self::Char(c) if c != '\n' => editor::insert(text, at, c),
            Self::Backspace => editor::backspace(text, at),
            Self::Left => editor::edit(text, at, EditKey::Left),
            Self::Right => editor::edit(text, at, EditKey::Right),
            Self::Edit(EditKey::Up | EditKey::Down) => return None,
            Self::Edit(k) => editor::edit(text, at, k),
            _ => return None,
        };
        *cursor = Some(to);
        Some(text.len() != before)
    }
}

/// A node given by id, or a path to create first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeRef {
    Id(NodeId),
    New(String),
}

/// Work for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    OpenSource(SourceId),
    /// Open a source (if needed) and put the cursor at a code point range's start.
    JumpTo {
        source: SourceId,
        start: usize,
        end: usize,
    },
    Code {
        source: SourceId,
        range: CharRange,
        node: NodeRef,
    },
    Uncode {
        source: SourceId,
        range: CharRange,
        node: NodeId,
    },
    Undo,
    Redo,
    AddNode(String),
    RenameNode(NodeId, String),
    DescribeNode(NodeId, String),
    OpenDescription(NodeId),
    MergeNodes {
        from: NodeId,
        into: NodeId,
    },
    DeleteNode(NodeId),
    MoveNode {
        id: NodeId,
        parent: Option<NodeId>,
        index: Option<usize>,
    },
    CycleColor(NodeId),
    /// Whether the node can be coded with (a heading only, when not).
    SetCodable(NodeId, bool),
    OpenMemo(Target),
    SaveMemo(Target, String),
    /// Move a memo to another target, appended under a heading to the memo already there.
    MoveMemo {
        from: Target,
        to: Target,
        heading: String,
    },
    /// Search (answered once the background index is ready).
    Search(String),
    /// Gather every hit of the last search that the filters allow, then open the picker.
    PlanCodeHits,
    /// Code the unit of every gathered hit (one undoable step, the node created in it).
    CodeHits(NodeRef),
    /// Open the export dialog with the last choices.
    OpenExport,
    /// Export as chosen (with the node selected when the dialog opened).
    Export(Box<ExportChoices>, Option<NodeId>),
    /// List every memo for the browser.
    ListMemos,
    /// Make this the current coder.
    SetCoder(String),
    /// Copy text to the terminal's clipboard.
    Copy(String),
    /// Rebuild the snapshots (the tree after a collapse, the passages after a filter).
    Refresh,
    /// Work on a source (rename, delete, replace, speakers).
    Source(super::source_rows::SourceOp),
    /// Project-level work (list a folder, import, projects, check).
    Project(super::project_rows::ProjectOp),
    /// Work on the pseudonymisation key (review the candidates, add one).
    Key(super::key_review::KeyOp),
    /// Compute an analysis view.
    Analysis(super::analysis_rows::AnalysisAsk),
    /// Code a coding query's passages into a new node: (expression, node path).
    CodeQuery(String, String),
}
