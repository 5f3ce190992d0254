//! Keys in the analysis popup: Tab and ⇧Tab go from view to view (`&` and `Q` straight to the
//! co-occurrence and coding-query views), the arrows move the cursor (←→ through the matrix's
//! and the co-occurrence table's columns), `o` changes the view's option (the overview's sort,
//! the matrix's columns, counting or leaving out uncoded text in agreement, the saturation
//! order, what co-occurring means), Enter opens the passages behind a row or a cell — or, in a
//! list of passages, disagreements or a query's result, goes to the passage in its transcript —
//! and Esc goes back, then closes. In the coding-query view Enter runs a saved query (or, on
//! the first row, asks for one), `Q` edits the expression and `c` codes the result into a new
//! node.
//!
//! Invariant: changing the view or an option asks the runtime again (the popup keeps showing
//! the last figures until they come); moving the cursor never does.

use super::super::action::Action;
use super::super::analysis_i18n::A;
use super::super::analysis_rows::{AnalysisAsk, Jump, Open, Tab, TabData};
use super::super::msg::Effect;
use super::super::state::{AppState, Focus, InputFor, Popup};

const PAGE: usize = 10;

/// Opens the analysis popup on the overview.
pub(super) fn open() -> Vec<Effect> {
    open_at(Tab::Overview)
}

/// Opens the analysis popup on a view.
pub(super) fn open_at(tab: Tab) -> Vec<Effect> {
    vec![Effect::Analysis(AnalysisAsk {
        tab,
        ..AnalysisAsk::default()
    })]
}

/// What a text typed for the analysis popup sets off: a coding query to run, or the new node
/// a query's passages are coded into.
pub(super) fn submit(state: &mut AppState, purpose: InputFor, text: String) -> Vec<Effect> {
    match purpose {
        InputFor::AnalysisQuery(ask) => vec![Effect::Analysis(AnalysisAsk {
            tab: Tab::Query,
            query: text.trim().to_owned(),
            query_name: String::new(),
            row: 0,
            open: None,
            ..*ask
        })],
        InputFor::CodeQuery(expr) if !text.trim().is_empty() => {
            if let Err(e) = super::popups::new_path_allowed(text.trim()) {
                state.ui.message = Some(e);
                state.popup = Some(Popup::Input {
                    purpose: InputFor::CodeQuery(expr),
                    text,
                });
                return vec![];
            }
            vec![Effect::CodeQuery(expr, text.trim().to_owned())]
        }
        _ => vec![],
    }
}

/// Asks for a coding query to run, starting from `text`.
fn ask_query(state: &mut AppState, ask: AnalysisAsk, text: String) {
    state.edit_cursor = None;
    state.popup = Some(Popup::Input {
        purpose: InputFor::AnalysisQuery(Box::new(ask)),
        text,
    });
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
            let columns = match &view.data {
                TabData::Matrix(m) => m.columns.len(),
                TabData::Cooccurrence(c) => c.names.len(),
                _ => 0,
            };
            view.ask.column = if a == Action::Left {
                view.ask.column.saturating_sub(1)
            } else {
                (view.ask.column + 1).min(columns.saturating_sub(1))
            };
        }
        Action::AnalysisCooccurrence if view.ask.tab != Tab::Cooccurrence => {
            return open_at(Tab::Cooccurrence);
        }
        Action::AnalysisQuery if view.ask.tab != Tab::Query => {
            let ask = AnalysisAsk {
                tab: Tab::Query,
                row: 0,
                column: 0,
                open: None,
                ..view.ask.clone()
            };
            return vec![Effect::Analysis(ask)];
        }
        Action::AnalysisQuery => {
            let (ask, text) = (view.ask.clone(), view.ask.query.clone());
            ask_query(state, ask, text);
        }
        Action::Code if view.list.is_none() => {
            if let TabData::Query(q) = &view.data
                && !q.picking()
                && !q.hits.is_empty()
            {
                let expr = q.expr.clone();
                state.edit_cursor = None;
                state.popup = Some(Popup::Input {
                    purpose: InputFor::CodeQuery(expr),
                    text: String::new(),
                });
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
                Tab::Cooccurrence => {
                    ask.within += 1;
                    ask.column = 0;
                }
                Tab::Words | Tab::Query => return vec![],
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
                TabData::Cooccurrence(c) => match c.cells.get(row) {
                    Some(r) if r.get(view.ask.column).is_some_and(|v| *v > 0) => Some(Open::Pair {
                        row,
                        column: view.ask.column,
                    }),
                    Some(_) => {
                        state.ui.message = Some(lang.a(A::EmptyCell).to_owned());
                        None
                    }
                    None => None,
                },
                TabData::Query(q) if q.picking() => {
                    let mut ask = view.ask.clone();
                    match row.checked_sub(1).and_then(|i| q.saved.get(i)) {
                        Some((name, expr)) => {
                            ask.query = expr.clone();
                            ask.query_name = name.clone();
                            ask.row = 0;
                            return vec![Effect::Analysis(ask)];
                        }
                        None => {
                            ask_query(state, ask, String::new());
                            return vec![];
                        }
                    }
                }
                TabData::Query(q) => {
                    let jump = q.hits.get(row).cloned();
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
        Action::Cancel if view.ask.tab == Tab::Query && !view.ask.query.is_empty() => {
            let ask = AnalysisAsk {
                query: String::new(),
                query_name: String::new(),
                row: 0,
                ..view.ask.clone()
            };
            return vec![Effect::Analysis(ask)];
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
        source: j.source,
        start: j.start,
        end: j.end,
    }]
}
