//! Search in the TUI: jumping to a hit, moving between matches in the open transcript (`n`/`N`)
//! and coding every hit's unit through the picker.
//!
//! Invariant: hits are the runtime's last search results; nothing here runs a search.

use super::super::effects::Effect;
use super::super::i18n::T;
use super::super::state::{AppState, Focus, PickFor};
use super::picker;

/// Closes the search and puts the cursor on a hit's first match.
pub fn jump_to_hit(state: &mut AppState, i: usize) -> Vec<Effect> {
    let Some(h) = state.hits.get(i) else {
        return vec![];
    };
    let (start, end) = h
        .matches
        .first()
        .copied()
        .unwrap_or((h.unit_start, h.unit_start));
    state.focus = Focus::Transcript;
    vec![Effect::JumpTo {
        source: h.source,
        start,
        end,
    }]
}

/// Moves the cursor to the next (or previous) search match in the open transcript.
pub fn step_match(state: &mut AppState, forward: bool) {
    let Some(doc) = &state.doc else { return };
    let at = doc.text.index.cp_of(state.cursor).unwrap_or(0);
    let mut starts: Vec<usize> = state
        .hits
        .iter()
        .filter(|h| h.source == doc.id)
        .flat_map(|h| h.matches.iter().map(|m| m.0))
        .collect();
    starts.sort_unstable();
    let next = if forward {
        starts.iter().find(|&&s| s > at)
    } else {
        starts.iter().rev().find(|&&s| s < at)
    };
    match next {
        Some(&cp) => state.cursor = doc.text.index.byte_of(cp).unwrap_or(state.cursor),
        None => state.message = Some(state.lang.t(T::NoMoreMatches).into()),
    }
}

/// Opens the code picker for every hit of the last search.
pub fn code_hits_picker(state: &mut AppState) -> Vec<Effect> {
    if state.hits.is_empty() {
        state.message = Some(state.lang.t(T::NoHits).into());
        return vec![];
    }
    let candidates = state
        .nodes
        .iter()
        .filter(|n| n.codable)
        .map(|n| n.id)
        .collect();
    picker::open(state, PickFor::CodeHits, candidates, None);
    vec![]
}
