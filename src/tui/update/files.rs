//! The project-level popups: the file browser (walk folders, type to narrow the listing, mark
//! files, import them or a whole folder, pick a corrected file or a project folder), the
//! projects list (new project, open a folder, recent projects) and reports with places to jump
//! to (an import's, check's).
//!
//! Invariant: these popups change nothing themselves; choosing returns effects.

use super::super::action::Action;
use super::super::editor::EditKey;
use super::super::msg::{Effect, TextKey};
use super::super::project_rows::{FilesFor, ProjectDone, ProjectOp};
use super::super::source_rows::SourceOp;
use super::super::state::{AppState, Focus, InputFor, Popup};
use std::path::PathBuf;

fn list(dir: PathBuf, purpose: FilesFor, marked: std::collections::BTreeSet<PathBuf>) -> Effect {
    Effect::Project(ProjectOp::ListDir {
        dir,
        purpose,
        marked,
    })
}

/// Opens the file browser for a purpose.
pub(super) fn browse(purpose: FilesFor) -> Vec<Effect> {
    vec![Effect::Project(ProjectOp::Browse(purpose))]
}

/// Moves a list selection; true when the action was a move.
fn step(selected: &mut usize, len: usize, a: Action, page: usize) -> bool {
    let last = len.saturating_sub(1);
    *selected = match a {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (*selected + 1).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::PageDown => (*selected + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => return false,
    };
    true
}

/// Keys in the file browser, the projects list and reports.
pub(super) fn popup_action(state: &mut AppState, a: Action) -> Vec<Effect> {
    let page = usize::from(state.ui.height.saturating_sub(8)).max(1);
    match state.popup.as_mut() {
        Some(Popup::Files(b)) => {
            let shown = b.shown().len();
            if step(&mut b.selected, shown, a, page) {
                return vec![];
            }
            let purpose = b.purpose.clone();
            let marked = b.marked.clone();
            let current = b.current().map(|(p, e)| (p, e.is_dir, e.is_project));
            match (a, current) {
                (Action::Cancel | Action::Quit, _) => state.popup = None,
                (Action::Left, _) => {
                    if let Some(parent) = b.dir.parent() {
                        return vec![list(parent.to_owned(), purpose, marked)];
                    }
                }
                (Action::Confirm, Some((path, _, true))) if purpose == FilesFor::OpenProject => {
                    state.popup = None;
                    return vec![Effect::Project(ProjectOp::Open(path))];
                }
                (Action::Confirm | Action::Right, Some((path, true, _))) => {
                    return vec![list(path, purpose, marked)];
                }
                (Action::Mark, Some((path, _, _))) if purpose == FilesFor::Import => {
                    if !b.marked.remove(&path) {
                        b.marked.insert(path);
                    }
                    b.selected = (b.selected + 1).min(shown.saturating_sub(1));
                }
                (Action::Confirm, Some((path, false, _))) => {
                    state.popup = None;
                    return match purpose {
                        FilesFor::Import if marked.is_empty() => {
                            vec![Effect::Project(ProjectOp::Import(vec![path]))]
                        }
                        FilesFor::Import => {
                            vec![Effect::Project(ProjectOp::Import(
                                marked.into_iter().collect(),
                            ))]
                        }
                        FilesFor::Replace(id) => vec![Effect::Source(SourceOp::Replace(
                            id,
                            path.display().to_string(),
                        ))],
                        FilesFor::OpenProject => vec![],
                    };
                }
                (Action::Import, _) if purpose == FilesFor::Import => {
                    let paths = if marked.is_empty() {
                        vec![b.dir.clone()]
                    } else {
                        marked.into_iter().collect()
                    };
                    state.popup = None;
                    return vec![Effect::Project(ProjectOp::Import(paths))];
                }
                (Action::Import | Action::Confirm, _) if purpose == FilesFor::OpenProject => {
                    let dir = b.dir.clone();
                    state.popup = None;
                    return vec![Effect::Project(ProjectOp::Open(dir))];
                }
                _ => {}
            }
        }
        Some(Popup::Projects { rows, selected }) => {
            if step(selected, rows.len() + 2, a, page) {
                return vec![];
            }
            match a {
                Action::Cancel | Action::Quit => state.popup = None,
                Action::Confirm => {
                    let chosen = *selected;
                    let path = chosen
                        .checked_sub(2)
                        .and_then(|i| rows.get(i))
                        .map(|r| r.path.clone());
                    state.popup = None;
                    match (chosen, path) {
                        (0, _) => {
                            state.popup = Some(Popup::Input {
                                purpose: InputFor::NewProject,
                                text: String::new(),
                            })
                        }
                        (1, _) => return browse(FilesFor::OpenProject),
                        (_, Some(path)) => return vec![Effect::Project(ProjectOp::Open(path))],
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        Some(Popup::Report(r)) => {
            if step(&mut r.selected, r.items.len(), a, page) {
                return vec![];
            }
            match a {
                Action::Cancel | Action::Quit => state.popup = None,
                Action::Confirm => {
                    let jump = r.items.get(r.selected).and_then(|i| i.jump);
                    if let Some((source, at)) = jump {
                        state.popup = None;
                        state.ui.focus = Focus::Transcript;
                        state.passages.reader = false;
                        return vec![Effect::JumpTo {
                            source,
                            start: at,
                            end: at,
                        }];
                    }
                }
                _ => {}
            }
        }
        _ => {}
    }
    vec![]
}

/// A key typed while the file browser is open: letters narrow the listing (the filter edited
/// like every text field); Esc clears the filter, then closes; with no filter, ← and → go to
/// the parent folder and into the one under the cursor.
pub(super) fn text_key(
    state: &mut AppState,
    mut b: Box<super::super::project_rows::FileBrowser>,
    key: TextKey,
) -> Vec<Effect> {
    let empty = b.filter.is_empty();
    let action = match key {
        TextKey::Esc if !empty => {
            b.filter.clear();
            b.selected = 0;
            None
        }
        TextKey::Esc => Some(Action::Cancel),
        TextKey::Enter => Some(Action::Confirm),
        TextKey::Up => Some(Action::Up),
        TextKey::Down => Some(Action::Down),
        TextKey::Left if empty => Some(Action::Left),
        TextKey::Right if empty => Some(Action::Right),
        TextKey::Edit(EditKey::Home) if empty => Some(Action::Top),
        TextKey::Edit(EditKey::End) if empty => Some(Action::Bottom),
        _ => {
            if key.edit_line(&mut b.filter, &mut state.edit_cursor) == Some(true) {
                b.selected = 0;
            }
            None
        }
    };
    state.popup = Some(Popup::Files(b));
    action.map(|a| popup_action(state, a)).unwrap_or_default()
}

/// The runtime's answers about project-level work.
pub(super) fn done(state: &mut AppState, d: ProjectDone) -> Vec<Effect> {
    match d {
        ProjectDone::Listing(b) => state.popup = Some(Popup::Files(b)),
        ProjectDone::Importing(p) => state.ui.importing = p,
        ProjectDone::Projects(rows) => {
            state.popup = Some(Popup::Projects { rows, selected: 0 });
        }
        ProjectDone::SwitchTo(path) => {
            state.ui.switch_to = Some(path);
            state.ui.quit = true;
        }
        ProjectDone::Report(r) => state.popup = Some(Popup::Report(r)),
        ProjectDone::Cases(v) => state.popup = Some(Popup::Cases(v)),
    }
    vec![]
}
