//! `u`: uncoding at the cursor (or the selection), choosing the node when several are there,
//! and asking first when a coding that would disappear has a memo — the memo then moves to
//! the source's memo with the coding's quote, instead of being stranded.
//!
//! Invariant: no memo is left attached to a coding that an uncode removes.

use super::super::i18n::T;
use super::super::msg::Effect;
use super::super::state::{AppState, Mode, PickFor, Popup};
use super::{picker, to_cp};
use crate::ids::CodingId;
use crate::ids::NodeId;
use crate::memo::Target;
use crate::text::CharRange;

pub(super) fn uncode(state: &mut AppState) -> Vec<Effect> {
    let Some(doc) = &state.transcript.doc else {
        return vec![];
    };
    let at = state.transcript.cursor;
    let mine: Vec<_> = doc
        .codings
        .iter()
        .filter(|c| c.coder == state.ui.coder && c.start <= at && at < c.end)
        .collect();
    if mine.is_empty() {
        state.ui.message = Some(state.ui.lang.t(T::NoCodingHere).into());
        return vec![];
    }
    let mut nodes: Vec<NodeId> = mine.iter().map(|c| c.node).collect();
    nodes.dedup();
    let first = mine[0].node;
    let range = state.selection().unwrap_or((mine[0].start, mine[0].end));
    let Some(range) = to_cp(state, range) else {
        return vec![];
    };
    if nodes.len() == 1 {
        state.transcript.mode = Mode::Normal;
        return uncode_or_ask(state, range, first);
    }
    picker::open(state, PickFor::Uncode(range), nodes, None);
    vec![]
}

/// Uncodes a code point range of the open source for a node, or asks first when a coding it
/// removes entirely has a memo.
pub(super) fn uncode_or_ask(state: &mut AppState, range: CharRange, node: NodeId) -> Vec<Effect> {
    let Some(doc) = &state.transcript.doc else {
        return vec![];
    };
    let source = doc.id;
    let uncode = Effect::Uncode {
        source,
        range,
        node,
    };
    let ix = &doc.text.index;
    let with_memo: Vec<(CodingId, String)> = doc
        .codings
        .iter()
        .filter(|c| c.coder == state.ui.coder && c.node == node)
        .filter(|c| {
            ix.char_pos(c.start).is_some_and(|s| s >= range.start)
                && ix.char_pos(c.end).is_some_and(|e| e <= range.end)
        })
        .filter(|c| state.memos.contains(&Target::Coding(c.id)))
        .map(|c| (c.id, doc.text.text[c.start..c.end].trim().to_owned()))
        .collect();
    if with_memo.is_empty() {
        return vec![uncode];
    }
    let path = state.node(node).map(|n| n.path.clone()).unwrap_or_default();
    let mut on_yes: Vec<Effect> = with_memo
        .iter()
        .map(|(id, quote)| Effect::MoveMemo {
            from: Target::Coding(*id),
            to: Target::Source(source),
            heading: format!("« {} » ({path})", short(quote)),
        })
        .collect();
    on_yes.push(uncode);
    let question = if state.french() {
        format!(
            "Ce codage a un mémo. Décoder et déplacer le mémo dans celui de la source {} ? (n : garder le codage)",
            doc.label
        )
    } else {
        format!(
            "This coding has a memo. Uncode and move the memo to the memo of source {}? (n: keep the coding)",
            doc.label
        )
    };
    state.popup = Some(Popup::Confirm { question, on_yes });
    vec![]
}

/// A quote cut to 60 characters for a heading.
fn short(quote: &str) -> String {
    let one_line = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &one_line[..i]),
        None => one_line,
    }
}
