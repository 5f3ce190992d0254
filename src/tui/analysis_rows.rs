//! The plain data of the analysis views (overview, matrix, word frequency, intercoder
//! agreement, saturation, co-occurrence, coding queries): what `update` asks the runtime to compute ([`AnalysisAsk`]) and what
//! the popup shows ([`AnalysisView`]): the figures of one view, where the cursor is, and a list
//! of passages opened from a row or a cell, each of which jumps to its place. No behaviour.
//!
//! Invariant: a leaf like `rows` — it names only typed ids (`SourceId`, `NodeId`) and plain values; a view always holds
//! the ask it was computed from, so moving to another view or changing an option asks again.

use crate::ids::{NodeId, SourceId};

/// The analysis views, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Overview,
    Matrix,
    Words,
    Agreement,
    Saturation,
    Cooccurrence,
    Query,
}

impl Tab {
    pub const ALL: [Tab; 7] = [
        Tab::Overview,
        Tab::Matrix,
        Tab::Words,
        Tab::Agreement,
        Tab::Saturation,
        Tab::Cooccurrence,
        Tab::Query,
    ];

    /// The next (or previous) view, round.
    pub fn step(self, forward: bool) -> Tab {
        let i = Self::ALL.iter().position(|t| *t == self).unwrap_or(0);
        let n = Self::ALL.len();
        Self::ALL[(i + if forward { 1 } else { n - 1 }) % n]
    }
}

/// What is opened from the view: its passages are listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Open {
    /// A node's passages (overview).
    Node(NodeId),
    /// A matrix cell's passages.
    Cell { row: usize, column: usize },
    /// A word's occurrences in context (word frequency).
    Word(String),
    /// A co-occurrence cell's passages (nodes `row` and `column` both apply).
    Pair { row: usize, column: usize },
}

/// What to compute: the view, its options, the cursor, what is opened.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnalysisAsk {
    pub tab: Tab,
    /// Overview: the column sorted on (0: codebook order).
    pub sort: usize,
    /// Matrix: which columns (an index into the choices: attributes, then sources, cases).
    pub columns: usize,
    /// Agreement: leave out the text neither coder coded.
    pub exclude_uncoded: bool,
    /// Saturation: interviews in label order (else in the order they were first coded).
    pub by_label: bool,
    /// Co-occurrence: both nodes within the same text (0), turn (1) or interview (2).
    pub within: usize,
    /// Coding query: the expression run (empty: the saved queries are listed to pick one).
    pub query: String,
    /// Coding query: the saved query's name when one was picked.
    pub query_name: String,
    /// The row (and matrix column) under the cursor.
    pub row: usize,
    pub column: usize,
    pub open: Option<Open>,
}

/// A place to jump to, with what to show of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jump {
    pub source: SourceId,
    pub label: String,
    pub start: usize,
    pub end: usize,
    /// A line to show: the passage, or the word in its context.
    pub text: String,
    /// Who or what it is about (a node path, "claire ≠ marc").
    pub note: String,
}

/// Passages opened from a row or a cell; Enter jumps to the selected one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JumpList {
    pub title: String,
    pub rows: Vec<Jump>,
    pub selected: usize,
}

/// One node of the overview.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewRow {
    pub node: NodeId,
    pub path: String,
    pub name: String,
    pub depth: usize,
    pub codings: usize,
    pub verbatims: usize,
    pub sources: usize,
    pub cases: usize,
    pub words: usize,
    pub share: f64,
}

/// The matrix: nodes (with their subtrees) by attribute values, sources or cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixData {
    /// What the columns are (`Profession`, `sources`…), and every choice.
    pub by: String,
    pub choices: Vec<String>,
    pub columns: Vec<String>,
    /// (node name with its depth, cells, row total).
    pub rows: Vec<MatrixRow>,
    pub column_totals: Vec<usize>,
    /// The largest cell (for the shading).
    pub max: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow {
    pub node: NodeId,
    pub name: String,
    pub depth: usize,
    pub cells: Vec<usize>,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WordRow {
    pub word: String,
    pub count: usize,
    pub share: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WordsData {
    pub total_words: usize,
    pub rows: Vec<WordRow>,
}

/// One node's agreement.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementRow {
    pub path: String,
    pub percent: Option<f64>,
    pub kappa: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AgreementData {
    pub coders: Vec<String>,
    pub percent: Option<f64>,
    pub kappa: Option<f64>,
    pub alpha: Option<f64>,
    pub exclude_uncoded: bool,
    /// Nodes both coders used or one did, lowest kappa first.
    pub nodes: Vec<AgreementRow>,
    pub disagreements: Vec<Jump>,
}

/// One interview of the saturation curve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaturationStep {
    pub label: String,
    pub new: usize,
    pub cumulative: usize,
}

/// The co-occurrence table: coded nodes by coded nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoData {
    /// What "both apply" means, in words.
    pub within: String,
    pub names: Vec<String>,
    pub paths: Vec<String>,
    /// `cells[i][j]`: passages where nodes i and j both apply (the diagonal: a node's own).
    pub cells: Vec<Vec<usize>>,
    /// The largest cell off the diagonal (for the shading).
    pub max: usize,
}

/// The coding-query view: the saved queries to pick from, or a query's passages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryData {
    /// (name, expression) of every saved query.
    pub saved: Vec<(String, String)>,
    pub expr: String,
    pub name: String,
    /// Why the expression gives nothing (it does not parse), in one sentence.
    pub error: Option<String>,
    pub hits: Vec<Jump>,
}

impl QueryData {
    /// Whether the saved queries are listed (no expression run yet): row 0 writes a new one.
    pub fn picking(&self) -> bool {
        self.expr.is_empty()
    }
}

/// What the view shows.
#[derive(Debug, Clone, PartialEq)]
pub enum TabData {
    Overview(Vec<OverviewRow>),
    Matrix(MatrixData),
    Words(WordsData),
    Agreement(AgreementData),
    Saturation(Vec<SaturationStep>),
    Cooccurrence(CoData),
    Query(QueryData),
    /// Nothing to show, and why (no codings, a single coder).
    Nothing(String),
}

/// The analysis popup.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisView {
    pub ask: AnalysisAsk,
    /// The Passages filter the figures were computed under (as typed; empty for none).
    pub filter: String,
    pub data: TabData,
    pub list: Option<JumpList>,
}

impl AnalysisView {
    /// How many rows the cursor moves through (the opened list's, else the view's).
    pub fn rows(&self) -> usize {
        match &self.list {
            Some(l) => l.rows.len(),
            None => self.data_rows(),
        }
    }

    /// How many rows the view itself has.
    pub fn data_rows(&self) -> usize {
        match &self.data {
            TabData::Overview(r) => r.len(),
            TabData::Matrix(m) => m.rows.len(),
            TabData::Words(w) => w.rows.len(),
            TabData::Agreement(a) => a.disagreements.len(),
            TabData::Saturation(s) => s.len(),
            TabData::Cooccurrence(c) => c.names.len(),
            TabData::Query(q) if q.picking() => q.saved.len() + 1,
            TabData::Query(q) => q.hits.len(),
            TabData::Nothing(_) => 0,
        }
    }
}
