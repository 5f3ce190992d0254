//! The source features in the TUI: rename, delete (what goes with it listed, asked, undoable),
//! replace by a corrected file (picked in the file browser), and the speakers popup — the convention detected, each
//! speaker's role and case, a re-detection (with a pattern of the user's) previewed before it
//! is saved.
//!
//! Invariant: these keys act on the source selected in the sources pane (elsewhere: the open
//! one); nothing changes before the user confirms.

use super::super::action::Action;
use super::super::i18n::T;
use super::super::msg::Effect;
use super::super::source_rows::{SourceDone, SourceOp};
use super::super::state::{AppState, Focus, InputFor, Popup};
use crate::ids::SourceId;
use crate::model::Role;

/// The source these keys act on: the selected one in the sources pane, else the open one.
fn target(state: &AppState) -> Option<SourceId> {
    let selected = state.sources.rows.get(state.sources.selected).map(|s| s.id);
    match state.ui.focus {
        Focus::Sources => selected,
        _ => state.transcript.doc.as_ref().map(|d| d.id).or(selected),
    }
}

/// A source action from the panes or the palette.
pub(super) fn action(state: &mut AppState, a: Action) -> Vec<Effect> {
    let Some(id) = target(state) else {
        state.ui.message = Some(state.ui.lang.t(T::NoSourceSelected).into());
        return vec![];
    };
    let label = state
        .sources
        .rows
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.label.clone())
        .unwrap_or_default();
    match a {
        Action::SourceRename => {
            state.popup = Some(Popup::Input {
                purpose: InputFor::RenameSource(id),
                text: label,
            })
        }
        Action::SourceDelete => return vec![Effect::Source(SourceOp::PlanDelete(id))],
        Action::SourceReplace => {
            return super::files::browse(super::super::project_rows::FilesFor::Replace(id));
        }
        Action::SpeakersPattern => {
            state.popup = Some(Popup::Input {
                purpose: InputFor::SpeakerPattern(id),
                text: String::new(),
            })
        }
        Action::SpeakersRedetect => return vec![Effect::Source(SourceOp::Redetect(id, None))],
        _ => return vec![Effect::Source(SourceOp::Speakers(id))],
    }
    vec![]
}

/// Keys in the speakers popup.
pub(super) fn popup_action(state: &mut AppState, a: Action) -> Vec<Effect> {
    let Some(Popup::Speakers(v)) = &mut state.popup else {
        return vec![];
    };
    let len = v.speakers.len();
    let id = v.source;
    match a {
        Action::Up => v.selected = v.selected.saturating_sub(1),
        Action::Down => v.selected = (v.selected + 1).min(len.saturating_sub(1)),
        Action::Confirm if v.preview.is_some() => {
            let pattern = v.preview.as_ref().and_then(|p| p.pattern.clone());
            return vec![Effect::Source(SourceOp::ApplyDetection(id, pattern))];
        }
        Action::Cancel if v.preview.is_some() => v.preview = None,
        Action::Cancel | Action::Quit => state.popup = None,
        Action::SpeakerRole | Action::Confirm => {
            if let Some(s) = v.speakers.get(v.selected) {
                let role = match s.role {
                    Role::Interviewer => Role::Participant,
                    Role::Participant => Role::Other,
                    Role::Other => Role::Interviewer,
                };
                return vec![Effect::Source(SourceOp::SetSpeaker {
                    source: id,
                    name: s.name.clone(),
                    role,
                    case: s.case.clone(),
                })];
            }
        }
        Action::SpeakerCase => {
            if let Some(s) = v.speakers.get(v.selected) {
                let purpose = InputFor::SpeakerCase {
                    source: id,
                    name: s.name.clone(),
                    role: s.role,
                };
                let text = s.case.clone().unwrap_or_default();
                state.popup = Some(Popup::Input { purpose, text });
            }
        }
        Action::SpeakersRedetect | Action::SourceSpeakers => {
            return vec![Effect::Source(SourceOp::Redetect(id, None))];
        }
        Action::SpeakersPattern => {
            state.popup = Some(Popup::Input {
                purpose: InputFor::SpeakerPattern(id),
                text: String::new(),
            })
        }
        _ => {}
    }
    vec![]
}

/// An input about a source, submitted.
pub(super) fn submit(state: &mut AppState, purpose: InputFor, text: String) -> Vec<Effect> {
    let text = text.trim().to_owned();
    match purpose {
        InputFor::RenameSource(id) if !text.is_empty() => {
            vec![Effect::Source(SourceOp::Rename(id, text))]
        }
        InputFor::SpeakerCase { source, name, role } => {
            vec![Effect::Source(SourceOp::SetSpeaker {
                source,
                name,
                role,
                case: (!text.is_empty()).then_some(text),
            })]
        }
        InputFor::SpeakerPattern(id) => vec![Effect::Source(SourceOp::Redetect(
            id,
            (!text.is_empty()).then_some(text),
        ))],
        _ => {
            state.ui.message = None;
            vec![]
        }
    }
}

/// The runtime's answers about sources.
pub(super) fn done(state: &mut AppState, done: SourceDone) -> Vec<Effect> {
    match done {
        SourceDone::DeletePlanned(id, question) => {
            state.popup = Some(Popup::Confirm {
                question,
                on_yes: vec![Effect::Source(SourceOp::Delete(id))],
            })
        }
        SourceDone::Gone(id) => {
            if state.transcript.doc.as_ref().is_some_and(|d| d.id == id) {
                state.transcript.doc = None;
                state.transcript.cursor = 0;
                state.transcript.scroll = 0;
                state.transcript.mode = super::super::state::Mode::Normal;
            }
            state.passages.rows.retain(|p| p.source != id);
            state.search.hits.retain(|h| h.source != id);
        }
        SourceDone::Speakers(v) => state.popup = Some(Popup::Speakers(v)),
    }
    vec![]
}
