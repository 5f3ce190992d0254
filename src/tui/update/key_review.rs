//! Keys in the key review list (`ctrl-p`): ↑↓ choose a candidate; Enter or `a` accepts it into
//! the project's key with the pseudonym shown; `e` edits the pseudonym (Enter accepts, Esc
//! leaves the edit); `c` changes the category; `s` skips it (nothing is added to the key; the
//! name is remembered beside it and not proposed again); Esc closes.
//!
//! Invariant: only an accepted candidate reaches the key, with exactly the pseudonym shown; a
//! row leaves the list when the runtime says it was added (a refusal keeps it, with why).

use super::super::i18n::T;
use super::super::key_review::{KeyDone, KeyOp, KeyReview};
use super::super::msg::{Effect, TextKey};
use super::super::state::{AppState, Popup};
use crate::anonymise::{Category, Entry};

/// A key typed while the review list is open.
pub(super) fn key(state: &mut AppState, mut r: Box<KeyReview>, key: TextKey) -> Vec<Effect> {
    if let Some(text) = r.editing.as_mut() {
        if key.edit_line(text, &mut state.edit_cursor).is_some() {
            state.popup = Some(Popup::KeyReview(r));
            return vec![];
        }
        match key {
            TextKey::Esc => r.editing = None,
            TextKey::Enter | TextKey::Save => {
                let text = r.editing.take().unwrap_or_default();
                if let Some(row) = r.rows.get_mut(r.selected)
                    && !text.trim().is_empty()
                {
                    row.pseudonym = text.trim().to_owned();
                }
                return accept(state, r);
            }
            _ => {}
        }
        state.popup = Some(Popup::KeyReview(r));
        return vec![];
    }
    let len = r.rows.len();
    match key {
        TextKey::Esc => return vec![],
        TextKey::Up => r.selected = r.selected.saturating_sub(1),
        TextKey::Down => r.selected = (r.selected + 1).min(len.saturating_sub(1)),
        TextKey::Enter | TextKey::Char('a') => return accept(state, r),
        TextKey::Char('e') => {
            r.editing = r.rows.get(r.selected).map(|c| c.pseudonym.clone());
        }
        TextKey::Char('c') => {
            if let Some(row) = r.rows.get_mut(r.selected) {
                row.category = next_category(row.category);
            }
        }
        TextKey::Char('s') if r.selected < len => {
            let skipped = r.rows.remove(r.selected);
            r.selected = r.selected.min(r.rows.len().saturating_sub(1));
            state.ui.message = Some(format!(
                "{} {}",
                state.ui.lang.t(T::KeySkipped),
                skipped.original
            ));
            state.popup = Some(Popup::KeyReview(r));
            return vec![Effect::Key(KeyOp::Skip(skipped.original))];
        }
        _ => {}
    }
    state.popup = Some(Popup::KeyReview(r));
    vec![]
}

/// Asks the runtime to add the selected row to the key (the list stays open).
fn accept(state: &mut AppState, r: Box<KeyReview>) -> Vec<Effect> {
    let entry = r.rows.get(r.selected).map(|c| Entry {
        original: c.original.clone(),
        pseudonym: c.pseudonym.clone(),
        category: c.category,
        whole_word: true,
    });
    state.popup = Some(Popup::KeyReview(r));
    entry
        .map(|e| vec![Effect::Key(KeyOp::Add(e))])
        .unwrap_or_default()
}

fn next_category(c: Category) -> Category {
    match c {
        Category::Person => Category::Place,
        Category::Place => Category::Organisation,
        Category::Organisation => Category::Other,
        Category::Other => Category::Person,
    }
}

/// The runtime's answers: the list opens, or an accepted row leaves it.
pub(super) fn done(state: &mut AppState, d: KeyDone) {
    match d {
        KeyDone::Review(r) => {
            if r.rows.is_empty() {
                state.ui.message = Some(state.ui.lang.t(T::KeyNoCandidates).into());
            } else {
                state.popup = Some(Popup::KeyReview(r));
            }
        }
        KeyDone::Added { original, entries } => {
            if let Some(Popup::KeyReview(r)) = &mut state.popup {
                if let Some(i) = r.rows.iter().position(|c| c.original == original) {
                    let row = r.rows.remove(i);
                    state.ui.message = Some(format!(
                        "{} {} → {} ({entries})",
                        state.ui.lang.t(T::KeyAdded),
                        row.original,
                        row.pseudonym
                    ));
                }
                r.entries = entries;
                r.selected = r.selected.min(r.rows.len().saturating_sub(1));
            }
        }
    }
}
