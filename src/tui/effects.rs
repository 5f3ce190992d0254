//! Carrying out what `update` asks: model changes through the [`Session`] (each saved at once),
//! loads (a source, passages, a memo), and refreshing the state's snapshots afterwards.
//!
//! Invariants: after any effect, the state's codings, tree, counts and passages reflect the
//! session; an error becomes a message, never a crash, and leaves the model as it was.

use super::i18n::T;
use super::indexer::Indexer;
use super::snapshot::{open_source, refresh, refresh_tree, relayout, select_node};
use super::state::HitRow;
use super::state::{AppState, InputFor, Popup};
use crate::index::SearchOptions;
use crate::memo::Target;
use crate::session::Session;
use uuid::Uuid;

/// A node given by id, or a path to create first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeRef {
    Id(Uuid),
    New(String),
}

/// Work for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    OpenSource(Uuid),
    /// Open a source (if needed) and put the cursor at a code point range's start.
    JumpTo {
        source: Uuid,
        start: usize,
        end: usize,
    },
    Code {
        source: Uuid,
        start: usize,
        end: usize,
        node: NodeRef,
    },
    Uncode {
        source: Uuid,
        start: usize,
        end: usize,
        node: Uuid,
    },
    Undo,
    Redo,
    AddNode(String),
    RenameNode(Uuid, String),
    DescribeNode(Uuid, String),
    OpenDescription(Uuid),
    MergeNodes {
        from: Uuid,
        into: Uuid,
    },
    DeleteNode(Uuid),
    MoveNode {
        id: Uuid,
        parent: Option<Uuid>,
        index: Option<usize>,
    },
    CycleColor(Uuid),
    ShowPassages(Uuid),
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
    /// Export as chosen (with the node selected when the dialog opened); run by the app, which
    /// owns the worker.
    Export(Box<super::export_form::ExportChoices>, Option<Uuid>),
    RefreshTree,
    RefreshPassages,
    Relayout,
}

/// Carries out effects in order.
pub fn run(session: &mut Session, index: &mut Indexer, state: &mut AppState, effects: Vec<Effect>) {
    for effect in effects {
        let result = match effect {
            Effect::Search(q) => search(session, index, state, &q),
            Effect::PlanCodeHits => plan_code_hits(session, index, state),
            Effect::CodeHits(node) => code_hits(session, state, node),
            other => run_one(session, state, other),
        };
        if let Err(e) = result {
            state.message = Some(e.to_string());
        }
    }
}

/// Runs a search as the user types; a half-typed query keeps the previous hits, silently.
pub(super) fn search(
    session: &Session,
    index: &mut Indexer,
    state: &mut AppState,
    q: &str,
) -> crate::Result<()> {
    state.search_query = q.to_owned();
    index.poll();
    state.indexing = index.is_building();
    let Some(ready) = index.ready() else {
        if let Indexer::Failed(e) = index {
            return Err(crate::Error::Invalid(e.clone()));
        }
        state.message = Some(state.lang.t(T::Indexing).into());
        return Ok(());
    };
    let filters = super::snapshot::parse_filter(session, &state.passage_filter)?;
    let opts = SearchOptions {
        filters,
        nodes: vec![],
        limit: 200,
    };
    let Ok(hits) = ready.search(session, q, &opts) else {
        return Ok(());
    };
    state.hits = hits
        .into_iter()
        .map(|h| HitRow {
            source: h.source,
            label: h.label,
            speaker: h.speaker,
            unit_start: h.unit_start,
            unit_end: h.unit_end,
            snippet: h.snippet.text,
            matches: h.matches,
        })
        .collect();
    state.message = Some(format!("{} {}", state.hits.len(), state.lang.t(T::Hits)));
    Ok(())
}

/// The id of a node, creating it first when given as a new path.
fn resolve_node(session: &mut Session, node: NodeRef) -> crate::Result<Uuid> {
    match node {
        NodeRef::Id(id) => Ok(id),
        NodeRef::New(path) => session
            .codebook
            .resolve(&path)
            .or_else(|_| session.add_node(&path)),
    }
}

/// Gathers every hit of the last search that the filters allow (the list shows the best 200),
/// counts the interviewer turns among them, and opens the picker.
fn plan_code_hits(
    session: &Session,
    index: &mut Indexer,
    state: &mut AppState,
) -> crate::Result<()> {
    index.poll();
    let Some(ready) = index.ready() else {
        state.message = Some(state.lang.t(T::Indexing).into());
        return Ok(());
    };
    let opts = SearchOptions {
        filters: super::snapshot::parse_filter(session, &state.passage_filter)?,
        nodes: vec![],
        limit: usize::MAX,
    };
    let hits = ready.search(session, &state.search_query, &opts)?;
    let mut units: Vec<(Uuid, usize, usize)> = Vec::new();
    let mut interviewer = 0;
    let mut seen = std::collections::HashSet::new();
    for h in &hits {
        if !seen.insert((h.source, h.unit_start, h.unit_end)) {
            continue;
        }
        units.push((h.source, h.unit_start, h.unit_end));
        let role = session
            .project
            .source(&h.source.to_string())
            .ok()
            .and_then(|m| {
                m.speakers
                    .iter()
                    .find(|s| Some(&s.name) == h.speaker.as_ref())
                    .map(|s| s.role)
            });
        if role == Some(crate::model::Role::Interviewer) {
            interviewer += 1;
        }
    }
    if units.is_empty() {
        state.message = Some(state.lang.t(T::NoHits).into());
        return Ok(());
    }
    state.hits_plan = Some(super::state::HitsPlan {
        query: state.search_query.clone(),
        filter: state.passage_filter.clone(),
        units,
        interviewer,
    });
    super::update::search::code_hits_picker(state);
    Ok(())
}

/// Codes the unit of every gathered hit with a node, in one undoable step (a new node is
/// created in that same step).
fn code_hits(session: &mut Session, state: &mut AppState, node: NodeRef) -> crate::Result<()> {
    let Some(plan) = state.hits_plan.take() else {
        return Ok(());
    };
    let coder = state.coder.clone();
    let (node, n) = match node {
        NodeRef::Id(id) => (id, session.code_ranges(&coder, id, &plan.units)?),
        NodeRef::New(path) => match session.codebook.resolve(&path) {
            Ok(id) => (id, session.code_ranges(&coder, id, &plan.units)?),
            Err(_) => session.code_ranges_in_new_node(&coder, &path, &plan.units)?,
        },
    };
    state.last_node = Some(node);
    state.message = Some(format!(
        "{} {} ({n})",
        state.lang.t(T::Coded),
        session.codebook.path_of(node).unwrap_or_default()
    ));
    refresh(session, state)
}

fn run_one(session: &mut Session, state: &mut AppState, effect: Effect) -> crate::Result<()> {
    let coder = state.coder.clone();
    let changed = match effect {
        Effect::OpenSource(id) => {
            open_source(session, state, id)?;
            state.cursor = 0;
            state.scroll = 0;
            state.focus = super::state::Focus::Transcript;
            false
        }
        Effect::JumpTo { source, start, .. } => {
            if state.doc.as_ref().is_none_or(|d| d.id != source) {
                open_source(session, state, source)?;
            }
            let doc = state.doc.as_ref().expect("opened");
            state.cursor = doc.text.index.byte_of(start).unwrap_or(0);
            false
        }
        Effect::Code {
            source,
            start,
            end,
            node,
        } => {
            let node = resolve_node(session, node)?;
            session.code(&coder, source, start, end, node)?;
            state.last_node = Some(node);
            let path = session.codebook.path_of(node).unwrap_or_default();
            state.message = Some(format!("{} {path}", state.lang.t(T::Coded)));
            true
        }
        Effect::Uncode {
            source,
            start,
            end,
            node,
        } => {
            session.uncode(&coder, source, start, end, Some(node))?;
            state.message = Some(state.lang.t(T::Uncoded).into());
            true
        }
        Effect::Undo => {
            state.message = Some(match session.undo()? {
                Some(l) => format!("{} {l}", state.lang.t(T::Undone)),
                None => state.lang.t(T::NothingToUndo).into(),
            });
            true
        }
        Effect::Redo => {
            state.message = Some(match session.redo()? {
                Some(l) => format!("{} {l}", state.lang.t(T::Redone)),
                None => state.lang.t(T::NothingToRedo).into(),
            });
            true
        }
        Effect::AddNode(path) => {
            let id = session.add_node(&path)?;
            select_node(session, state, id);
            true
        }
        Effect::RenameNode(id, name) => {
            session.rename_node(id, &name)?;
            true
        }
        Effect::DescribeNode(id, text) => {
            session.describe_node(id, &text)?;
            true
        }
        Effect::OpenDescription(id) => {
            let text = session
                .codebook
                .node(id)
                .map(|n| n.description.clone())
                .unwrap_or_default();
            state.popup = Some(Popup::Input {
                purpose: InputFor::Describe(id),
                text,
            });
            false
        }
        Effect::MergeNodes { from, into } => {
            let moved = session.merge_nodes(from, into)?;
            state.message = Some(format!("{} {moved}", state.lang.t(T::Merged)));
            select_node(session, state, into);
            true
        }
        Effect::DeleteNode(id) => {
            let removed = session.delete_node(id, true)?;
            state.message = Some(format!("{} {removed}", state.lang.t(T::Deleted)));
            true
        }
        Effect::MoveNode { id, parent, index } => {
            session.move_node(id, parent, index)?;
            if let Some(p) = parent {
                state.collapsed.remove(&p);
            }
            select_node(session, state, id);
            state.message = Some(state.lang.t(T::Moved).into());
            true
        }
        Effect::CycleColor(id) => {
            let index = session
                .codebook
                .all_ids()
                .iter()
                .position(|n| *n == id)
                .unwrap_or(0);
            let current = session.codebook.node(id).and_then(|n| n.color.clone());
            session.color_node(id, Some(&next_color(current.as_deref(), index)))?;
            true
        }
        Effect::ShowPassages(id) => {
            state.passages_of = Some(id);
            state.passage_selected = 0;
            true
        }
        Effect::OpenMemo(target) => {
            let text = session
                .memos()?
                .into_iter()
                .find(|m| m.target == target)
                .map(|m| m.text)
                .unwrap_or_default();
            state.popup = Some(Popup::Input {
                purpose: InputFor::Memo(target),
                text,
            });
            false
        }
        Effect::SaveMemo(target, text) => {
            match session.memos()?.into_iter().find(|m| m.target == target) {
                Some(m) => session.edit_memo(m.id, &text)?,
                None if !text.trim().is_empty() => drop(session.add_memo(target, &text)?),
                None => {}
            }
            true
        }
        Effect::MoveMemo { from, to, heading } => {
            move_memo(session, from, to, &heading)?;
            true
        }
        Effect::RefreshTree => {
            refresh_tree(session, state);
            false
        }
        Effect::RefreshPassages => true,
        Effect::OpenExport => {
            super::exporter::open_dialog(session, state);
            false
        }
        Effect::Search(_) | Effect::PlanCodeHits | Effect::CodeHits(_) | Effect::Export(..) => {
            false
        }
        Effect::Relayout => {
            relayout(state);
            false
        }
    };
    if changed {
        refresh(session, state)?;
    }
    Ok(())
}

/// Moves the memo of `from` (if any) into the memo of `to`, under a heading.
fn move_memo(session: &mut Session, from: Target, to: Target, heading: &str) -> crate::Result<()> {
    let memos = session.memos()?;
    let Some(moved) = memos.iter().find(|m| m.target == from) else {
        return Ok(());
    };
    let block = format!("{heading}\n{}", moved.text.trim_end());
    match memos.iter().find(|m| m.target == to) {
        Some(there) => {
            session.edit_memo(there.id, &format!("{}\n\n{block}", there.text.trim_end()))?
        }
        None => drop(session.add_memo(to, &block)?),
    }
    session.delete_memo(moved.id)
}

const COLORS: [&str; 12] = [
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
    "#9C755F", "#BAB0AC", "#86BCB6", "#D37295",
];

fn next_color(current: Option<&str>, index: usize) -> String {
    let i = current
        .and_then(|c| COLORS.iter().position(|x| x.eq_ignore_ascii_case(c)))
        .map_or(index, |i| i + 1);
    COLORS[i % COLORS.len()].to_owned()
}
