//! Keys in the analysis popup: Tab and ⇧Tab go from view to view, the arrows move the cursor
//! (←→ through the matrix's columns), `o` changes the view's option (the overview's sort, the
//! matrix's columns, counting or leaving out uncoded text in agreement, the saturation order),
//! Enter opens the passages behind a row or a cell — or, in a list of passages or of
//! disagreements, goes to the passage in its transcript — and Esc goes back, then closes.
//!
//! Invariant: changing the view or an option asks the runtime again (the popup keeps showing
//! the last figures until they come); moving the cursor never does.

use super::super::action::Action;
use super::super::analysis_i18n::A;
use super::super::analysis_rows::{AnalysisAsk, Jump, Open, Tab, TabData};
use super::super::msg::Effect;
use super::super::state::{AppState, Focus, Popup};
use crate::ids::SourceId;

const PAGE: usize = 10;

/// Opens the analysis popup on the overview.
pub(super) fn open() -> Vec<Effect> {
    vec![Effect::Analysis(AnalysisAsk::default())]
}

pub(super) fn popup_action(state: &mut AppState, a: Action) -> Vec<Effect> {
    let lang = state.ui.lang;
    let Some(Popup::Analysis(view)) = &mut state.popup else {
        return vec![];
    };
    let rows = view.rows();
    let cursor = match &mut view.list {
        Some(list) => &mut list.selected,
        None => &mut view.ask.row,
    };
    let last = rows.saturating_sub(1);
    match a {
        Action::Up => *cursor = cursor.saturating_sub(1),
        Action::Down => *cursor = (*cursor + 1).min(last),
        Action::PageUp => *cursor = cursor.saturating_sub(PAGE),
        Action::PageDown => *cursor = (*cursor + PAGE).min(last),
        Action::Top => *cursor = 0,
        Action::Bottom => *cursor = last,
        Action::Left | Action::Right if view.list.is_none() => {
            if let TabData::Matrix(m) = &view.data {
                let columns = m.columns.len().saturating_sub(1);
                view.ask.column = if a == Action::Left {
                    view.ask.column.saturating_sub(1)
                } else {
                    (view.ask.column + 1).min(columns)
                };
            }
        }
        Action::FocusNext | Action::FocusPrev => {
            let ask = AnalysisAsk {
                tab: view.ask.tab.step(a == Action::FocusNext),
                row: 0,
                column: 0,
                open: None,
                ..view.ask.clone()
            };
            return vec![Effect::Analysis(ask)];
        }
        Action::AnalysisOption if view.list.is_none() => {
            let mut ask = view.ask.clone();
            match ask.tab {
                Tab::Overview => ask.sort = (ask.sort + 1) % 6,
                Tab::Matrix => {
                    ask.columns += 1;
                    ask.column = 0;
                }
                Tab::Agreement => ask.exclude_uncoded = !ask.exclude_uncoded,
                Tab::Saturation => ask.by_label = !ask.by_label,
                Tab::Words => return vec![],
            }
            ask.row = 0;
            return vec![Effect::Analysis(ask)];
        }
        Action::Confirm => {
            if let Some(list) = &view.list {
                let jump = list.rows.get(list.selected).cloned();
                return jump.map(|j| go_to(state, &j)).unwrap_or_default();
            }
            let row = view.ask.row;
            let open = match &view.data {
                TabData::Overview(r) => r.get(row).map(|r| Open::Node(r.node)),
                TabData::Matrix(m) => match m.rows.get(row) {
                    Some(r) if r.cells.get(view.ask.column).is_some_and(|v| *v > 0) => {
                        Some(Open::Cell {
                            row,
                            column: view.ask.column,
                        })
                    }
                    Some(_) => {
                        state.ui.message = Some(lang.a(A::EmptyCell).to_owned());
                        None
                    }
                    None => None,
                },
                TabData::Words(w) => w.rows.get(row).map(|w| Open::Word(w.word.clone())),
                TabData::Agreement(d) => {
                    let jump = d.disagreements.get(row).cloned();
                    return jump.map(|j| go_to(state, &j)).unwrap_or_default();
                }
                TabData::Saturation(_) | TabData::Nothing(_) => None,
            };
            if let Some(open) = open {
                let ask = AnalysisAsk {
                    open: Some(open),
                    ..view.ask.clone()
                };
                return vec![Effect::Analysis(ask)];
            }
        }
        Action::Cancel if view.list.is_some() => {
            view.list = None;
            view.ask.open = None;
        }
        Action::Cancel | Action::Quit | Action::Help | Action::Analysis => state.popup = None,
        _ => {}
    }
    vec![]
}

/// Closes the popup and goes to a passage in its transcript.
fn go_to(state: &mut AppState, j: &Jump) -> Vec<Effect> {
    state.popup = None;
    state.ui.focus = Focus::Transcript;
    state.passages.reader = false;
    vec![Effect::JumpTo {
        source: SourceId(j.source),
        start: j.start,
        end: j.end,
    }]
}
