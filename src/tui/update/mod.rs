//! The pure heart of the TUI: `update(state, msg)` changes the state and returns the effects
//! (model changes, loads) for the runtime to carry out. No I/O happens here.
//!
//! Invariants: after every message the cursor is a char boundary of the open text and is on
//! screen; a popup, when open, receives the keys first; `q` inside a text input is a letter.

mod analysis;
mod apply;
mod cases;
mod codebook;
mod fields;
mod files;
pub mod help;
mod key_review;
pub mod motion;
mod palette;
pub mod picker;
mod popups;
pub(super) mod search;
mod sources;
mod uncode;

use crate::ids::SourceId;
use crate::text::CharRange;
pub use palette::palette_matches;
pub use popups::{memo_matches, source_matches, takes_text};
use popups::{popup_action, text_key};

use super::action::Action;
use super::i18n::T;
use super::layout::transcript_rows;
use super::msg::{Effect, MouseMsg, Msg, NodeRef, TextKey};
use super::state::{AppState, Focus, InputFor, Mode, PickFor, Popup};

/// Applies one message: the only place the state changes.
pub fn update(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    let field = fields::text_field(state);
    let effects = match msg {
        Msg::Resize(w, h) => {
            state.ui.width = w;
            state.ui.height = h;
            apply::relayout(state);
            vec![]
        }
        Msg::Char(c) => text_key(state, TextKey::Char(c)),
        Msg::Paste(text) => fields::paste(state, &text),
        Msg::Action(a) if popups::takes_text(state) => match TextKey::of_action(a) {
            Some(k) => text_key(state, k),
            // The file browser's own keys (mark, import, pages).
            None if matches!(state.popup, Some(Popup::Files(_))) => popup_action(state, a),
            None => vec![],
        },
        Msg::Mouse(kind, x, y) => mouse(state, kind, x, y),
        Msg::Action(a) if state.popup.is_some() => popup_action(state, a),
        Msg::Action(a) => action(state, a),
        Msg::Done(done) => apply::done(state, done),
    };
    motion::keep_visible(state, transcript_rows(state));
    if fields::text_field(state) != field || field.is_none() {
        state.edit_cursor = None;
    }
    effects
}

fn action(state: &mut AppState, a: Action) -> Vec<Effect> {
    state.ui.message = None;
    match a {
        Action::Quit => state.ui.quit = true,
        Action::Help => state.popup = Some(Popup::Help { scroll: 0 }),
        Action::Palette => {
            state.popup = Some(Popup::Palette {
                query: String::new(),
                selected: 0,
            })
        }
        Action::Search => {
            state.popup = Some(Popup::Search {
                query: state.search.query.clone(),
                selected: 0,
            });
        }
        Action::CodeHits => return search::code_hits(state),
        Action::NextMatch | Action::PrevMatch => search::step_match(state, a == Action::NextMatch),
        Action::JumpSource => {
            state.popup = Some(Popup::SourcePicker {
                query: String::new(),
                selected: 0,
            })
        }
        Action::Cancel => state.transcript.mode = Mode::Normal,
        Action::FocusNext | Action::FocusPrev => {
            state.ui.focus = cycle(state.ui.focus, a == Action::FocusNext)
        }
        Action::FocusSources => state.ui.focus = Focus::Sources,
        Action::FocusTranscript => state.ui.focus = Focus::Transcript,
        Action::FocusCodebook => state.ui.focus = Focus::Codebook,
        Action::FocusPassages => state.ui.focus = Focus::Passages,
        Action::Undo => return vec![Effect::Undo],
        Action::Redo => return vec![Effect::Redo],
        Action::ToggleTint => state.transcript.tint = !state.transcript.tint,
        Action::ToggleMouse => state.ui.mouse = !state.ui.mouse,
        Action::ToggleAttributes => state.sources.show_attributes = !state.sources.show_attributes,
        Action::NextPassage | Action::PrevPassage => {
            return step_passage(state, a == Action::NextPassage);
        }
        Action::Memo => return memo(state),
        Action::Memos => return vec![Effect::ListMemos],
        Action::SwitchCoder => {
            state.popup = Some(Popup::Input {
                purpose: InputFor::Coder,
                text: state.ui.coder.clone(),
            })
        }
        Action::Export => return vec![Effect::OpenExport],
        Action::KeyReview => return vec![Effect::Key(super::key_review::KeyOp::Review)],
        Action::Analysis => return analysis::open(),
        Action::AnalysisCooccurrence => {
            return analysis::open_at(super::analysis_rows::Tab::Cooccurrence);
        }
        Action::AnalysisQuery => return analysis::open_at(super::analysis_rows::Tab::Query),
        Action::PassagesReader => {
            state.passages.reader = !state.passages.reader;
            state.ui.focus = if state.passages.reader {
                Focus::Passages
            } else {
                Focus::Transcript
            };
        }
        Action::PassageDetails => state.passages.details = !state.passages.details,
        Action::SourceRename
        | Action::SourceDelete
        | Action::SourceReplace
        | Action::SourceSpeakers
        | Action::SpeakerRole
        | Action::SpeakerCase
        | Action::SpeakersRedetect
        | Action::SpeakersPattern => return sources::action(state, a),
        Action::Import => return files::browse(super::project_rows::FilesFor::Import),
        Action::Projects => {
            return vec![Effect::Project(
                super::project_rows::ProjectOp::ListProjects,
            )];
        }
        Action::Check => return vec![Effect::Project(super::project_rows::ProjectOp::Check)],
        Action::Cases => return vec![Effect::Project(super::project_rows::ProjectOp::Cases)],
        Action::Mark => {}
        Action::PassagesFilter => {
            state.popup = Some(Popup::Input {
                purpose: InputFor::PassagesFilter,
                text: state.passages.filter.clone(),
            });
        }
        _ => {
            // A codebook action from another pane focuses the codebook and acts there.
            if a.name().starts_with("node_") {
                state.ui.focus = Focus::Codebook;
            }
            return match state.ui.focus {
                Focus::Transcript => transcript(state, a),
                Focus::Codebook => codebook::action(state, a),
                Focus::Sources => list(state, a),
                Focus::Passages => list(state, a),
            };
        }
    }
    vec![]
}

/// Click to place the cursor, drag to select, wheel to scroll (transcript only; popups ignore
/// the mouse).
fn mouse(state: &mut AppState, kind: MouseMsg, x: u16, y: u16) -> Vec<Effect> {
    if state.popup.is_some() || state.transcript.doc.is_none() {
        return vec![];
    }
    match kind {
        MouseMsg::ScrollDown | MouseMsg::ScrollUp => {
            let doc = state.transcript.doc.as_ref().expect("checked");
            state.transcript.cursor = motion::by_rows(
                doc,
                state.transcript.cursor,
                if kind == MouseMsg::ScrollDown { 3 } else { -3 },
            );
        }
        MouseMsg::Up => state.transcript.drag_from = None,
        MouseMsg::Down | MouseMsg::Drag => {
            let Some(at) = super::layout::byte_at(state, x, y) else {
                return vec![];
            };
            state.ui.focus = Focus::Transcript;
            if kind == MouseMsg::Down {
                state.transcript.drag_from = Some(at);
                state.transcript.mode = Mode::Normal;
            } else if let Some(from) = state.transcript.drag_from {
                state.transcript.mode = Mode::Visual { anchor: from };
            }
            state.transcript.cursor = at;
        }
    }
    vec![]
}

fn cycle(f: Focus, forward: bool) -> Focus {
    let order = [
        Focus::Sources,
        Focus::Transcript,
        Focus::Codebook,
        Focus::Passages,
    ];
    let i = order.iter().position(|x| *x == f).unwrap_or(1);
    order[(i + if forward { 1 } else { 3 }) % 4]
}

/// Up/down/confirm in the sources and passages lists.
fn list(state: &mut AppState, a: Action) -> Vec<Effect> {
    let (len, sel) = match state.ui.focus {
        Focus::Sources => (state.sources.rows.len(), &mut state.sources.selected),
        _ => (state.passages.rows.len(), &mut state.passages.selected),
    };
    match a {
        Action::Up => *sel = sel.saturating_sub(1),
        Action::Down => *sel = (*sel + 1).min(len.saturating_sub(1)),
        Action::Top => *sel = 0,
        Action::Bottom => *sel = len.saturating_sub(1),
        Action::Confirm | Action::Right => {
            return match state.ui.focus {
                Focus::Sources => state
                    .sources
                    .rows
                    .get(state.sources.selected)
                    .map(|s| vec![Effect::OpenSource(s.id)])
                    .unwrap_or_default(),
                _ => jump_to_passage(state),
            };
        }
        _ => {}
    }
    vec![]
}

fn jump_to_passage(state: &mut AppState) -> Vec<Effect> {
    let Some(p) = state.passages.rows.get(state.passages.selected) else {
        return vec![];
    };
    state.ui.focus = Focus::Transcript;
    state.passages.reader = false;
    vec![Effect::JumpTo {
        source: p.source,
        start: p.start,
        end: p.end,
    }]
}

/// `>`/`<`: the next (previous) passage after (before) the cursor, in source order; with no
/// transcript open, the next in the list.
fn step_passage(state: &mut AppState, forward: bool) -> Vec<Effect> {
    if state.passages.rows.is_empty() {
        state.ui.message = Some(state.ui.lang.t(T::NoPassages).into());
        return vec![];
    }
    let order = |id: SourceId| state.sources.rows.iter().position(|s| s.id == id);
    let here = state
        .transcript
        .doc
        .as_ref()
        .and_then(|d| Some((order(d.id)?, d.text.index.cp_of(state.transcript.cursor)?)));
    let keyed = state
        .passages
        .rows
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some(((order(p.source)?, p.start), i)));
    let found = match (here, forward) {
        (Some(h), true) => keyed.filter(|(k, _)| *k > h).min().map(|(_, i)| i),
        (Some(h), false) => keyed.filter(|(k, _)| *k < h).max().map(|(_, i)| i),
        (None, true) => Some((state.passages.selected + 1).min(state.passages.rows.len() - 1)),
        (None, false) => Some(state.passages.selected.saturating_sub(1)),
    };
    let Some(i) = found else {
        state.ui.message = Some(state.ui.lang.t(T::NoMorePassages).into());
        return vec![];
    };
    state.passages.selected = i;
    let p = &state.passages.rows[i];
    vec![Effect::JumpTo {
        source: p.source,
        start: p.start,
        end: p.end,
    }]
}

/// Actions on the transcript: motion, selection, coding.
fn transcript(state: &mut AppState, a: Action) -> Vec<Effect> {
    let Some(doc) = &state.transcript.doc else {
        return vec![];
    };
    let text = &doc.text.text;
    let page = transcript_rows(state).saturating_sub(1).max(1) as isize;
    let at = state.transcript.cursor;
    // Extending a selection's end by sentence or turn stops on the text (issue 16, loss 3).
    let extending = matches!(state.transcript.mode, Mode::Visual { anchor } if anchor <= at);
    let to = match a {
        Action::SentenceNext if extending => motion::sentence_end(doc, at),
        Action::TurnNext if extending => motion::turn_end(doc, at),
        Action::SentencePrev | Action::TurnPrev
            if extending
                && matches!(state.transcript.mode, Mode::Visual { anchor }
                    if motion::end_before(doc, at, a == Action::TurnPrev) > anchor) =>
        {
            motion::end_before(doc, at, a == Action::TurnPrev)
        }
        Action::Left => motion::prev_grapheme(text, at),
        Action::Right => motion::next_grapheme(text, at),
        Action::Up => motion::by_rows(doc, at, -1),
        Action::Down => motion::by_rows(doc, at, 1),
        Action::WordNext => motion::word_next(text, at),
        Action::WordPrev => motion::word_prev(text, at),
        Action::WordEnd => motion::word_end(text, at),
        Action::SentenceNext => motion::sentence_next(text, at),
        Action::SentencePrev => motion::sentence_prev(text, at),
        Action::TurnNext => motion::turn_next(doc, at),
        Action::TurnPrev => motion::turn_prev(doc, at),
        Action::PageDown => motion::by_rows(doc, at, page),
        Action::PageUp => motion::by_rows(doc, at, -page),
        Action::Top => 0,
        Action::Bottom => motion::prev_grapheme(text, text.len()),
        Action::NextCoding => doc
            .codings
            .iter()
            .map(|c| c.start)
            .filter(|&s| s > at)
            .min()
            .unwrap_or(at),
        Action::PrevCoding => doc
            .codings
            .iter()
            .map(|c| c.start)
            .filter(|&s| s < at)
            .max()
            .unwrap_or(at),
        _ => return transcript_command(state, a),
    };
    state.transcript.cursor = to.min(text.len());
    vec![]
}

fn transcript_command(state: &mut AppState, a: Action) -> Vec<Effect> {
    match a {
        Action::Visual => {
            state.transcript.mode = match state.transcript.mode {
                Mode::Normal => Mode::Visual {
                    anchor: state.transcript.cursor,
                },
                Mode::Visual { .. } => Mode::Normal,
            };
        }
        Action::SelectTurn => {
            if let Some((s, e)) = turn_bytes(state) {
                state.transcript.mode = Mode::Visual { anchor: s };
                state.transcript.cursor = motion::prev_grapheme(
                    &state.transcript.doc.as_ref().expect("open").text.text,
                    e,
                )
                .max(s);
            }
        }
        Action::Code => open_code_picker(state),
        Action::CodeAgain => return code_again(state),
        Action::Uncode => return uncode::uncode(state),
        Action::JumpTo => {
            state.popup = Some(Popup::Input {
                purpose: InputFor::JumpTo,
                text: String::new(),
            })
        }
        Action::Copy => return copy(state),
        _ => {}
    }
    vec![]
}

/// The byte range to code: the selection, else the turn at the cursor (without its label).
fn target_bytes(state: &AppState) -> Option<(usize, usize)> {
    state.selection().or_else(|| turn_bytes(state))
}

fn turn_bytes(state: &AppState) -> Option<(usize, usize)> {
    let doc = state.transcript.doc.as_ref()?;
    let u = crate::text::turns::unit_containing(&doc.units, state.transcript.cursor)?;
    Some((u.body_start.min(u.end), u.end))
}

/// The code point range of a byte range of the open source (what the core's coding calls take).
fn to_cp(state: &AppState, (s, e): (usize, usize)) -> Option<CharRange> {
    state.transcript.doc.as_ref()?.text.index.char_range(s, e)
}

fn open_code_picker(state: &mut AppState) {
    let Some(bytes) = target_bytes(state) else {
        state.ui.message = Some(state.ui.lang.t(T::SelectFirst).into());
        return;
    };
    let Some(range) = to_cp(state, bytes).filter(|r| !r.is_empty()) else {
        return;
    };
    let in_vivo = state.selection().and_then(|(s, e)| {
        let words = state.transcript.doc.as_ref()?.text.text[s..e]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let words = words
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_owned();
        (!words.is_empty() && words.chars().count() <= 60).then_some(words)
    });
    let candidates = state
        .codebook
        .nodes
        .iter()
        .filter(|n| n.codable)
        .map(|n| n.id)
        .collect::<Vec<_>>();
    picker::open(state, PickFor::Code(range), candidates, in_vivo);
}

fn code_again(state: &mut AppState) -> Vec<Effect> {
    let (Some(node), Some(doc)) = (state.codebook.last_node, &state.transcript.doc) else {
        return vec![];
    };
    let source = doc.id;
    let Some(range) = target_bytes(state).and_then(|b| to_cp(state, b)) else {
        return vec![];
    };
    state.transcript.mode = Mode::Normal;
    vec![Effect::Code {
        source,
        range,
        node: NodeRef::Id(node),
    }]
}

fn copy(state: &mut AppState) -> Vec<Effect> {
    let Some(doc) = &state.transcript.doc else {
        return vec![];
    };
    let range = state.selection().or_else(|| {
        doc.codings
            .iter()
            .find(|c| c.start <= state.transcript.cursor && state.transcript.cursor < c.end)
            .map(|c| (c.start, c.end))
    });
    let Some((s, e)) = range else {
        state.ui.message = Some(state.ui.lang.t(T::NoCodingHere).into());
        return vec![];
    };
    let speaker = crate::text::turns::unit_containing(&doc.units, s)
        .and_then(|u| u.speaker)
        .map(|i| doc.speakers[i].0.clone());
    let who = speaker.map(|sp| format!(", {sp}")).unwrap_or_default();
    vec![Effect::Copy(format!(
        "« {} » ({}{who})",
        doc.text.text[s..e].trim(),
        doc.label
    ))]
}

fn memo(state: &mut AppState) -> Vec<Effect> {
    use crate::memo::Target;
    let target = match state.ui.focus {
        Focus::Codebook => state.selected_node().map(Target::Node),
        Focus::Sources => state
            .sources
            .rows
            .get(state.sources.selected)
            .map(|s| Target::Source(s.id)),
        _ => state.transcript.doc.as_ref().map(|d| {
            d.codings
                .iter()
                .find(|c| c.start <= state.transcript.cursor && state.transcript.cursor < c.end)
                .map_or(Target::Source(d.id), |c| Target::Coding(c.id))
        }),
    };
    target
        .map(|t| vec![Effect::OpenMemo(t)])
        .unwrap_or_default()
}
