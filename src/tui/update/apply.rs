//! The runtime's answers applied to the state: fresh snapshots, a loaded source, search hits,
//! loaded memo and description texts, the export dialog and its progress.
//!
//! Invariant: after a snapshot, every selection index is within its list and the open
//! transcript's layout matches the pane's width.

use super::super::layout::transcript_text_width;
use super::super::msg::{Done, Effect, Snapshot};
use super::super::state::{AppState, Focus, InputFor, Mode, Popup};
use super::super::wrap::wrap;

pub(super) fn done(state: &mut AppState, done: Done) -> Vec<Effect> {
    match done {
        Done::Info(text) => state.ui.message = Some(text),
        Done::Refreshed(snap) => refreshed(state, *snap),
        Done::Opened { doc, at } => {
            let id = doc.id;
            state.transcript.doc = Some(*doc);
            state.transcript.mode = Mode::Normal;
            if let Some(i) = state.sources.rows.iter().position(|s| s.id == id) {
                state.sources.selected = i;
            }
            relayout(state);
            match at {
                Some(cp) => jump(state, cp),
                None => {
                    state.transcript.cursor = 0;
                    state.transcript.scroll = 0;
                    state.ui.focus = Focus::Transcript;
                }
            }
        }
        Done::Jumped(cp) => jump(state, cp),
        Done::Hits { query, hits } => {
            if query == state.search.query {
                state.search.hits = hits;
            }
            state.ui.indexing = false;
        }
        Done::Indexing(building) => {
            state.ui.indexing = building;
            // A search typed while the index was being built is answered now.
            if !building
                && matches!(state.popup, Some(Popup::Search { .. }))
                && !state.search.query.is_empty()
            {
                return vec![Effect::Search(state.search.query.clone())];
            }
        }
        Done::HitsPlanned(plan) => {
            state.search.plan = Some(plan);
            super::search::code_hits_picker(state);
        }
        Done::MemoList(rows) => {
            state.popup = Some(Popup::Memos {
                query: String::new(),
                selected: 0,
                rows,
            })
        }
        Done::Coder(name) => state.ui.coder = name,
        Done::LastNode(id) => state.codebook.last_node = Some(id),
        Done::Memo(target, text) => {
            state.popup = Some(Popup::Input {
                purpose: InputFor::Memo(target),
                text,
            })
        }
        Done::Description(id, text) => {
            state.popup = Some(Popup::Input {
                purpose: InputFor::Describe(id),
                text,
            })
        }
        Done::ExportDialog(d) => {
            state.popup = Some(Popup::Export(Box::new(
                super::super::export_form::ExportForm {
                    choices: d.choices,
                    row: 0,
                    attributes: d.attributes,
                    node: d.node,
                },
            )))
        }
        Done::Exporting(progress) => state.ui.exporting = progress,
        Done::Source(d) => return super::sources::done(state, d),
        Done::Project(d) => return super::files::done(state, d),
        Done::Key(d) => super::key_review::done(state, d),
        Done::Analysis(v) => state.popup = Some(Popup::Analysis(v)),
    }
    vec![]
}

/// Puts the cursor at a code point, its row in the middle of the pane.
fn jump(state: &mut AppState, cp: usize) {
    let rows = super::super::layout::transcript_rows(state);
    if let Some(doc) = &state.transcript.doc {
        state.transcript.cursor = doc.text.index.byte_of(cp).unwrap_or(0);
        let row = super::super::wrap::row_of(&doc.layout, state.transcript.cursor);
        state.transcript.scroll = row.saturating_sub(rows / 2);
    }
}

fn refreshed(state: &mut AppState, snap: Snapshot) {
    for id in &snap.expand {
        state.codebook.collapsed.remove(id);
    }
    let cb = &mut state.codebook;
    cb.tree = snap.tree;
    cb.nodes = snap.nodes;
    if let Some(i) = snap
        .select
        .and_then(|id| cb.tree.iter().position(|r| r.id == id))
    {
        cb.selected = i;
    }
    cb.selected = cb.selected.min(cb.tree.len().saturating_sub(1));
    state.sources.rows = snap.sources;
    state.sources.selected = state
        .sources
        .selected
        .min(state.sources.rows.len().saturating_sub(1));
    if let (Some(doc), Some((id, codings, lanes))) = (&mut state.transcript.doc, snap.codings)
        && doc.id == id
    {
        doc.codings = codings;
        doc.lanes = lanes;
    }
    match snap.passages {
        Some(rows) => {
            state.passages.rows = rows;
            state.passages.selected = state
                .passages
                .selected
                .min(state.passages.rows.len().saturating_sub(1));
        }
        None => {
            state.passages.rows.clear();
            state.passages.of = None;
        }
    }
    state.ui.orphans = snap.orphans;
    state.memos = snap.memos;
    state.ui.saved = true;
}

/// Re-wraps the open text when the transcript width changed.
pub fn relayout(state: &mut AppState) {
    let width = transcript_text_width(state);
    let Some(doc) = state.transcript.doc.as_mut() else {
        return;
    };
    if doc.layout_width != width || doc.layout.is_empty() {
        doc.layout = wrap(&doc.text.text, width);
        doc.layout_width = width;
    }
}
