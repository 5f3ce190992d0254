//! Popups that take keys: the code picker, the palette, the source picker, one-line and memo
//! inputs, confirmations — what each key does there and what choosing an entry sets off.
//!
//! Invariant: closing a popup never changes the model; choosing returns effects.

use super::super::action::Action;
use super::super::export_form::Outcome;
use super::super::msg::{Effect, NodeRef};
use super::super::msg::{Msg, TextKey};
use super::super::state::{AppState, Focus, InputFor, Mode, PickFor, Picker, Popup};
use super::picker::{self, Entry};
use super::update;
use crate::ids::SourceId;

/// Whether the open popup has a text field (its keys are the keymap's `[text]` section and
/// printable characters).
pub fn takes_text(state: &AppState) -> bool {
    matches!(
        state.popup,
        Some(
            Popup::Picker(_)
                | Popup::Palette { .. }
                | Popup::SourcePicker { .. }
                | Popup::Search { .. }
                | Popup::Input { .. }
                | Popup::Export(_)
                | Popup::Memos { .. }
                | Popup::KeyReview(_)
                | Popup::Files(_)
        )
    )
}

pub(super) fn popup_action(state: &mut AppState, a: Action) -> Vec<Effect> {
    if matches!(state.popup, Some(Popup::Help { .. })) && super::help::scroll(state, a) {
        return vec![];
    }
    if matches!(state.popup, Some(Popup::Analysis(_))) {
        return super::analysis::popup_action(state, a);
    }
    if matches!(state.popup, Some(Popup::Speakers(_))) {
        return super::sources::popup_action(state, a);
    }
    if matches!(state.popup, Some(Popup::Cases(_))) {
        return super::cases::popup_action(state, a);
    }
    if matches!(
        state.popup,
        Some(Popup::Files(_) | Popup::Projects { .. } | Popup::Report(_))
    ) {
        return super::files::popup_action(state, a);
    }
    match (&state.popup, a) {
        (Some(Popup::Confirm { on_yes, .. }), Action::Confirm) => {
            let fx = on_yes.clone();
            state.popup = None;
            fx
        }
        (_, Action::Cancel | Action::Quit | Action::Help) => {
            state.popup = None;
            vec![]
        }
        _ => vec![],
    }
}

/// Keys typed into a popup's text field.
pub(super) fn text_key(state: &mut AppState, key: TextKey) -> Vec<Effect> {
    let Some(popup) = state.popup.take() else {
        return vec![];
    };
    match popup {
        Popup::Picker(mut p) => {
            let entries = picker::entries(state, &p);
            match edit_query(
                key,
                &mut p.query,
                &mut state.edit_cursor,
                &mut p.selected,
                entries.len(),
            ) {
                Edit::Close => return vec![],
                Edit::Choose => {
                    let entry = entries.get(p.selected).cloned();
                    // A new path the codebook cannot hold (too deep, a bad name) is refused
                    // here with its sentence, the picker kept open with what was typed.
                    if let Some(Entry::New(path)) = &entry
                        && let Err(e) = new_path_allowed(path)
                    {
                        state.ui.message = Some(e);
                        state.popup = Some(Popup::Picker(p));
                        return vec![];
                    }
                    return choose(state, &p, entry);
                }
                Edit::Changed => picker::refilter(state, &mut p),
                Edit::Moved => {}
            }
            state.popup = Some(Popup::Picker(p));
        }
        Popup::Search {
            mut query,
            mut selected,
        } => {
            if key == TextKey::CodeAll {
                state.popup = Some(Popup::Search { query, selected });
                return super::search::code_hits(state);
            }
            match edit_query(
                key,
                &mut query,
                &mut state.edit_cursor,
                &mut selected,
                state.search.hits.len(),
            ) {
                Edit::Close => return vec![],
                Edit::Choose => return super::search::jump_to_hit(state, selected),
                Edit::Changed => {
                    state.popup = Some(Popup::Search {
                        query: query.clone(),
                        selected,
                    });
                    state.search.query = query.clone();
                    return vec![Effect::Search(query)];
                }
                Edit::Moved => state.popup = Some(Popup::Search { query, selected }),
            }
        }
        Popup::Palette {
            mut query,
            mut selected,
        } => {
            let names = super::palette_matches(state, &query);
            match edit_query(
                key,
                &mut query,
                &mut state.edit_cursor,
                &mut selected,
                names.len(),
            ) {
                Edit::Close => return vec![],
                Edit::Choose => {
                    return names
                        .get(selected)
                        .map(|a| update(state, Msg::Action(*a)))
                        .unwrap_or_default();
                }
                Edit::Changed | Edit::Moved => {
                    state.popup = Some(Popup::Palette { query, selected })
                }
            }
        }
        Popup::SourcePicker {
            mut query,
            mut selected,
        } => {
            let found = source_matches(state, &query);
            match edit_query(
                key,
                &mut query,
                &mut state.edit_cursor,
                &mut selected,
                found.len(),
            ) {
                Edit::Close => return vec![],
                Edit::Choose => {
                    return found
                        .get(selected)
                        .map(|id| vec![Effect::OpenSource(*id)])
                        .unwrap_or_default();
                }
                Edit::Changed | Edit::Moved => {
                    state.popup = Some(Popup::SourcePicker { query, selected })
                }
            }
        }
        Popup::Input { purpose, mut text } => {
            use super::super::editor::{self, EditKey};
            let at = editor::clamp(&text, state.edit_cursor);
            let multiline = purpose.multiline();
            let cursor = match key {
                TextKey::Esc => return vec![],
                TextKey::Enter if multiline => editor::insert(&mut text, at, '\n'),
                TextKey::Enter | TextKey::Save => return submit_input(state, purpose, text),
                TextKey::Backspace => editor::backspace(&mut text, at),
                TextKey::Char(c) => editor::insert(&mut text, at, c),
                TextKey::Left => editor::edit(&mut text, at, EditKey::Left),
                TextKey::Right => editor::edit(&mut text, at, EditKey::Right),
                TextKey::Up => editor::edit(&mut text, at, EditKey::Up),
                TextKey::Down => editor::edit(&mut text, at, EditKey::Down),
                TextKey::Edit(k) => editor::edit(&mut text, at, k),
                TextKey::CodeAll => at,
            };
            state.edit_cursor = Some(cursor);
            state.popup = Some(Popup::Input { purpose, text });
        }
        Popup::Memos {
            mut query,
            mut selected,
            rows,
        } => {
            let found = memo_matches(&rows, &query);
            match edit_query(
                key,
                &mut query,
                &mut state.edit_cursor,
                &mut selected,
                found.len(),
            ) {
                Edit::Close => return vec![],
                Edit::Choose => {
                    return found
                        .get(selected)
                        .map(|i| vec![Effect::OpenMemo(rows[*i].target)])
                        .unwrap_or_default();
                }
                Edit::Changed | Edit::Moved => {
                    state.popup = Some(Popup::Memos {
                        query,
                        selected,
                        rows,
                    })
                }
            }
        }
        Popup::KeyReview(r) => return super::key_review::key(state, r, key),
        Popup::Files(b) => return super::files::text_key(state, b, key),
        Popup::Export(mut form) => match form.key(key, &mut state.edit_cursor) {
            Outcome::Close => {}
            Outcome::Stay => state.popup = Some(Popup::Export(form)),
            Outcome::Export => {
                let node = form.node.as_ref().map(|n| n.0);
                return vec![Effect::Export(Box::new(form.choices), node)];
            }
        },
        other => state.popup = Some(other),
    }
    vec![]
}

/// What a key did to a query field with a list under it.
enum Edit {
    Close,
    Choose,
    Changed,
    Moved,
}

/// Edits a query (with the text editor, at `cursor`) and its list selection (the picker, the
/// palette, the search, the source picker, the memo browser).
fn edit_query(
    key: TextKey,
    query: &mut String,
    cursor: &mut Option<usize>,
    selected: &mut usize,
    len: usize,
) -> Edit {
    match key {
        TextKey::Esc => return Edit::Close,
        TextKey::Enter | TextKey::Save => return Edit::Choose,
        TextKey::Up => *selected = selected.saturating_sub(1),
        TextKey::Down => *selected = (*selected + 1).min(len.saturating_sub(1)),
        _ => {
            if key.edit_line(query, cursor) == Some(true) {
                *selected = 0;
                return Edit::Changed;
            }
        }
    }
    Edit::Moved
}

fn choose(state: &mut AppState, p: &Picker, entry: Option<Entry>) -> Vec<Effect> {
    let Some(entry) = entry else { return vec![] };
    let source = state.transcript.doc.as_ref().map(|d| d.id);
    state.transcript.mode = Mode::Normal;
    match (&p.purpose, entry, source) {
        (PickFor::Code(range), Entry::Node(id), Some(source)) => vec![Effect::Code {
            source,
            range: *range,
            node: NodeRef::Id(id),
        }],
        (PickFor::Code(range), Entry::New(path), Some(source)) => vec![Effect::Code {
            source,
            range: *range,
            node: NodeRef::New(path),
        }],
        (PickFor::Uncode(range), Entry::Node(id), Some(_)) => {
            super::uncode::uncode_or_ask(state, *range, id)
        }
        (PickFor::CodeHits, Entry::Node(id), _) => {
            let path = state.node(id).map(|n| n.path.clone()).unwrap_or_default();
            super::search::confirm_code_hits(state, NodeRef::Id(id), &path)
        }
        (PickFor::CodeHits, Entry::New(path), _) => {
            super::search::confirm_code_hits(state, NodeRef::New(path.clone()), &path)
        }
        (PickFor::MergeInto(from), Entry::Node(into), _) => {
            vec![Effect::MergeNodes { from: *from, into }]
        }
        _ => vec![],
    }
}

fn submit_input(state: &mut AppState, purpose: InputFor, text: String) -> Vec<Effect> {
    match purpose {
        InputFor::RenameNode(id) if !text.trim().is_empty() => vec![Effect::RenameNode(id, text)],
        InputFor::AddNode { parent } if !text.trim().is_empty() => {
            let name = crate::codebook::escape_segment(text.trim());
            let path = match parent.and_then(|p| state.node(p)) {
                Some(n) => format!("{}/{name}", n.path),
                None => name,
            };
            if let Err(e) = new_path_allowed(&path) {
                state.ui.message = Some(e);
                state.popup = Some(Popup::Input {
                    purpose: InputFor::AddNode { parent },
                    text,
                });
                return vec![];
            }
            vec![Effect::AddNode(path)]
        }
        InputFor::Describe(id) => vec![Effect::DescribeNode(id, text)],
        InputFor::Coder if !text.trim().is_empty() => {
            vec![Effect::SetCoder(text.trim().to_owned())]
        }
        InputFor::Memo(target) => vec![Effect::SaveMemo(target, text)],
        InputFor::RenameSource(_) | InputFor::SpeakerCase { .. } | InputFor::SpeakerPattern(_) => {
            super::sources::submit(state, purpose, text)
        }
        InputFor::CaseValue { .. }
        | InputFor::AddAttribute
        | InputFor::RenameAttribute(_)
        | InputFor::RenameCase(_) => super::cases::submit(purpose, text),
        InputFor::NewProject if !text.trim().is_empty() => vec![Effect::Project(
            super::super::project_rows::ProjectOp::Create(text.trim().to_owned()),
        )],
        InputFor::PassagesFilter => {
            state.passages.filter = text.trim().to_owned();
            state.passages.selected = 0;
            let mut fx = vec![Effect::Refresh];
            // The hits follow the filter, so `n`, the list and ctrl-k never use stale ones.
            if !state.search.query.is_empty() {
                fx.push(Effect::Search(state.search.query.clone()));
            }
            fx
        }
        InputFor::AnalysisQuery(_) | InputFor::CodeQuery(_) => {
            super::analysis::submit(state, purpose, text)
        }
        InputFor::JumpTo => {
            if let (Ok(cp), Some(doc)) = (text.trim().parse::<usize>(), &state.transcript.doc) {
                state.transcript.cursor =
                    doc.text.index.byte_of(cp.min(doc.text.len())).unwrap_or(0);
                state.ui.focus = Focus::Transcript;
            }
            vec![]
        }
        _ => vec![],
    }
}

/// Whether a node path may be created (depth and names within the codebook's limits), as one
/// sentence when not.
pub(super) fn new_path_allowed(path: &str) -> Result<(), String> {
    crate::codebook::Codebook::default()
        .check_new_path(path)
        .map_err(|e| e.to_string())
}

/// The memos (indexes into `rows`) whose title or text holds every word of the query.
pub fn memo_matches(rows: &[super::super::rows::MemoRow], query: &str) -> Vec<usize> {
    let words: Vec<String> = crate::text::fold_for_match(query)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    rows.iter()
        .enumerate()
        .filter(|(_, m)| {
            let hay = crate::text::fold_for_match(&format!("{} {}", m.title, m.text));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Sources whose label matches the source picker query.
pub fn source_matches(state: &AppState, query: &str) -> Vec<SourceId> {
    let items: Vec<(SourceId, String)> = state
        .sources
        .rows
        .iter()
        .map(|s| (s.id, format!("{} {}", s.label, s.attributes.join(" "))))
        .collect();
    picker::rank(query, &items)
}
