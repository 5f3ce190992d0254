//! The text fields of the popups as a whole: which one takes the keys (the cursor starts
//! again at the end when another does) and text pasted into it.
//!
//! Invariant: a paste never submits a field and never reaches a list whose letters are
//! commands.

use super::super::msg::{Effect, TextKey};
use super::super::state::{AppState, Popup};
use super::popups::{takes_text, text_key};

/// Which text field takes the keys (the popup's kind and, in a form, the row being edited), for
/// the cursor to start again at the end when it changes.
pub(super) fn text_field(state: &AppState) -> Option<(std::mem::Discriminant<Popup>, usize)> {
    let popup = state.popup.as_ref().filter(|_| takes_text(state))?;
    let sub = match popup {
        Popup::Export(f) => f.row,
        Popup::KeyReview(r) => r.editing.as_ref().map_or(0, |_| r.selected + 1),
        _ => 0,
    };
    Some((std::mem::discriminant(popup), sub))
}

/// Text pasted into the open field: as it is into a memo or a description (tabs too); on one line
/// elsewhere (line breaks and tabs become spaces, a final one dropped) so that a pasted line
/// never submits a field; nothing when no field takes text (a list's letters are commands).
pub(super) fn paste(state: &mut AppState, text: &str) -> Vec<Effect> {
    let field = match &state.popup {
        Some(Popup::KeyReview(r)) => r.editing.is_some(),
        Some(Popup::Export(form)) => form.text().is_some(),
        _ => takes_text(state),
    };
    if !field {
        return vec![];
    }
    let multiline =
        matches!(&state.popup, Some(Popup::Input { purpose, .. }) if purpose.multiline());
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = if multiline {
        text.as_str()
    } else {
        text.trim_end_matches('\n')
    };
    let mut effects = Vec::new();
    for c in text.chars() {
        let c = match c {
            '\n' | '\t' if multiline => c,
            '\n' | '\t' => ' ',
            c if c.is_control() => continue,
            c => c,
        };
        effects.extend(text_key(state, TextKey::Char(c)));
    }
    // One search for the whole paste: the last.
    if let Some(last) = effects.iter().rposition(|e| matches!(e, Effect::Search(_))) {
        let mut i = 0;
        effects.retain(|e| {
            i += 1;
            i - 1 == last || !matches!(e, Effect::Search(_))
        });
    }
    effects
}
