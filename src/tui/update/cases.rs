//! The cases table in the TUI: move between cells, Enter edits a value (empty clears it), a
//! adds an attribute, r renames the one under the cursor, d deletes it (asked first), z/Z undo
//! and redo — each change an undoable step of the session. Left of the first attribute is the
//! case id column: Enter or r there renames the case (its sources and speakers follow).
//!
//! Invariant: the table itself changes nothing; each edit is an effect.

use super::super::action::Action;
use super::super::msg::Effect;
use super::super::project_rows::ProjectOp;
use super::super::state::{AppState, InputFor, Popup};

/// Keys in the cases table.
pub(super) fn popup_action(state: &mut AppState, a: Action) -> Vec<Effect> {
    let fr = state.french();
    let Some(Popup::Cases(v)) = state.popup.as_mut() else {
        return vec![];
    };
    let rows = v.rows.len();
    let cols = v.attributes.len();
    match a {
        Action::Up => v.row = v.row.saturating_sub(1),
        Action::Down => v.row = (v.row + 1).min(rows.saturating_sub(1)),
        Action::Left | Action::WordPrev if v.col == 0 => v.on_case = true,
        Action::Left | Action::WordPrev => v.col -= 1,
        Action::Right | Action::WordNext if v.on_case => v.on_case = false,
        Action::Right | Action::WordNext => v.col = (v.col + 1).min(cols.saturating_sub(1)),
        Action::Top => v.row = 0,
        Action::Bottom => v.row = rows.saturating_sub(1),
        Action::Cancel | Action::Quit => state.popup = None,
        Action::Undo => return vec![Effect::Undo, Effect::Project(ProjectOp::Cases)],
        Action::Redo => return vec![Effect::Redo, Effect::Project(ProjectOp::Cases)],
        Action::Confirm | Action::NodeRename if v.on_case => {
            if let Some((case, _)) = v.rows.get(v.row) {
                state.popup = Some(Popup::Input {
                    purpose: InputFor::RenameCase(case.clone()),
                    text: case.clone(),
                });
            }
        }
        Action::Confirm => {
            if let Some((case, attribute, value)) = v.cell() {
                let purpose = InputFor::CaseValue {
                    case: case.to_owned(),
                    attribute: attribute.to_owned(),
                };
                let text = value.to_owned();
                state.popup = Some(Popup::Input { purpose, text });
            }
        }
        Action::NodeAddChild | Action::NodeAddSibling => {
            state.popup = Some(Popup::Input {
                purpose: InputFor::AddAttribute,
                text: String::new(),
            })
        }
        Action::NodeRename => {
            if let Some(name) = v.attributes.get(v.col).cloned() {
                state.popup = Some(Popup::Input {
                    purpose: InputFor::RenameAttribute(name.clone()),
                    text: name,
                });
            }
        }
        Action::NodeDelete => {
            if let Some(name) = v.attributes.get(v.col).cloned() {
                let filled = v
                    .rows
                    .iter()
                    .filter(|r| r.1.get(v.col).is_some_and(|x| !x.is_empty()))
                    .count();
                let question = if fr {
                    format!(
                        "Supprimer l'attribut « {name} » et ses {filled} valeur(s) ? (z l'annule)"
                    )
                } else {
                    format!(
                        "Delete the attribute '{name}' and its {filled} value(s)? (z undoes it)"
                    )
                };
                state.popup = Some(Popup::Confirm {
                    question,
                    on_yes: vec![
                        Effect::Project(ProjectOp::DeleteAttribute(name)),
                        Effect::Project(ProjectOp::Cases),
                    ],
                });
            }
        }
        _ => {}
    }
    vec![]
}

/// An input of the cases table, submitted.
pub(super) fn submit(purpose: InputFor, text: String) -> Vec<Effect> {
    let text = text.trim().to_owned();
    match purpose {
        InputFor::CaseValue { case, attribute } => vec![Effect::Project(ProjectOp::SetCase {
            case,
            attribute,
            value: text,
        })],
        InputFor::AddAttribute if !text.is_empty() => {
            vec![Effect::Project(ProjectOp::AddAttribute(text))]
        }
        InputFor::RenameAttribute(old) if !text.is_empty() => {
            vec![Effect::Project(ProjectOp::RenameAttribute(old, text))]
        }
        InputFor::RenameCase(old) if !text.is_empty() && text != old => {
            vec![Effect::Project(ProjectOp::RenameCase(old, text))]
        }
        _ => vec![Effect::Project(ProjectOp::Cases)],
    }
}
