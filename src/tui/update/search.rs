//! Search in the TUI: jumping to a hit, moving between matches in the open transcript (`n`/`N`)
//! and coding every hit's unit: gathered by the runtime, a node from the picker, then asked.
//!
//! Invariant: hits are the runtime's last search results; nothing here runs a search.

use super::super::i18n::T;
use super::super::msg::{Effect, NodeRef};
use super::super::state::{AppState, Focus, PickFor, Popup};
use super::picker;

/// Closes the search and puts the cursor on a hit's first match.
pub fn jump_to_hit(state: &mut AppState, i: usize) -> Vec<Effect> {
    let Some(h) = state.search.hits.get(i) else {
        return vec![];
    };
    let (start, end) = h
        .matches
        .first()
        .copied()
        .unwrap_or((h.unit_start, h.unit_start));
    state.ui.focus = Focus::Transcript;
    vec![Effect::JumpTo {
        source: h.source,
        start,
        end,
    }]
}

/// Moves the cursor to the next (or previous) search match in the open transcript.
pub fn step_match(state: &mut AppState, forward: bool) {
    let Some(doc) = &state.transcript.doc else {
        return;
    };
    let at = doc.text.index.cp_of(state.transcript.cursor).unwrap_or(0);
    let mut starts: Vec<usize> = state
        .search
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
        Some(&cp) => {
            state.transcript.cursor = doc
                .text
                .index
                .byte_of(cp)
                .unwrap_or(state.transcript.cursor)
        }
        None => state.ui.message = Some(state.ui.lang.t(T::NoMoreMatches).into()),
    }
}

/// "Code every hit": asks the runtime to gather every hit the filters allow (not only those
/// listed), which then opens the picker.
pub fn code_hits(state: &mut AppState) -> Vec<Effect> {
    if state.search.query.trim().is_empty() {
        state.ui.message = Some(state.ui.lang.t(T::NoHits).into());
        return vec![];
    }
    vec![Effect::PlanCodeHits]
}

/// Opens the code picker once every hit has been gathered.
pub fn code_hits_picker(state: &mut AppState) {
    let candidates = state
        .codebook
        .nodes
        .iter()
        .filter(|n| n.codable)
        .map(|n| n.id)
        .collect();
    picker::open(state, PickFor::CodeHits, candidates, None);
}

/// Asks before coding every gathered hit with a node: how many, which filters, how many are
/// interviewer turns.
pub fn confirm_code_hits(state: &mut AppState, node: NodeRef, path: &str) -> Vec<Effect> {
    let Some(plan) = &state.search.plan else {
        return vec![];
    };
    let n = plan.units.len();
    let fr = state.french();
    let filter = if plan.filter.is_empty() {
        if fr { "aucun" } else { "none" }.to_owned()
    } else {
        plan.filter.clone()
    };
    let mut question = if fr {
        format!(
            "Coder {n} {} de « {} » avec « {path} » ? Filtre : {filter}.",
            plural(n, "tour", "tours"),
            plan.query
        )
    } else {
        format!(
            "Code {n} {} of '{}' with '{path}'? Filter: {filter}.",
            plural(n, "turn", "turns"),
            plan.query
        )
    };
    if plan.interviewer > 0 {
        let i = plan.interviewer;
        question.push_str(&if fr {
            format!(" Dont {i} de l'enquêteur (filtre -role:interviewer pour les exclure).")
        } else {
            format!(
                " {i} of them are interviewer turns (filter -role:interviewer to leave them out)."
            )
        });
    }
    state.popup = Some(Popup::Confirm {
        question,
        on_yes: vec![Effect::CodeHits(node)],
    });
    vec![]
}

/// The singular or the plural, by count.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
