//! The help screen's content: every action with its keys, grouped by where it acts (everywhere,
//! the transcript, the codebook, the passages, the sources, text fields, the analysis views), and its scrolling (↑↓, pages, g/G),
//! kept within the content.
//!
//! Invariant: every action appears exactly once; the keys of the file browser and of a text
//! field's cursor are listed under their group too, from the active keymap.

use super::super::action::Action;
use super::super::i18n::T;
use super::super::state::{AppState, Popup};

/// Where an action acts, for grouping.
fn group(a: Action) -> usize {
    use Action as A;
    match a {
        A::Up
        | A::Down
        | A::Left
        | A::Right
        | A::WordNext
        | A::WordPrev
        | A::WordEnd
        | A::SentenceNext
        | A::SentencePrev
        | A::TurnNext
        | A::TurnPrev
        | A::PageDown
        | A::PageUp
        | A::Top
        | A::Bottom
        | A::JumpTo
        | A::Visual
        | A::SelectTurn
        | A::Code
        | A::CodeAgain
        | A::Uncode
        | A::NextCoding
        | A::PrevCoding
        | A::NextMatch
        | A::PrevMatch
        | A::Copy
        | A::ToggleTint => 1,
        A::NodeAddChild
        | A::NodeAddSibling
        | A::NodeRename
        | A::NodeMerge
        | A::NodeDelete
        | A::NodeMoveUp
        | A::NodeMoveDown
        | A::NodeIndent
        | A::NodeOutdent
        | A::NodeCut
        | A::NodePaste
        | A::NodeColor
        | A::NodeDescribe
        | A::NodeCodable => 2,
        A::NextPassage | A::PrevPassage | A::PassagesFilter => 3,
        A::SourceRename
        | A::SourceDelete
        | A::SourceReplace
        | A::SourceSpeakers
        | A::SpeakerRole
        | A::SpeakerCase
        | A::SpeakersRedetect
        | A::SpeakersPattern
        | A::Import
        | A::Cases
        | A::Mark => 4,
        A::Save | A::DeleteBack | A::DeleteWord | A::DeleteForward => 5,
        A::Analysis | A::AnalysisCooccurrence | A::AnalysisQuery | A::AnalysisOption => 6,
        _ => 0,
    }
}

const GROUPS: [T; 6] = [
    T::HelpEverywhere,
    T::Transcript,
    T::Codebook,
    T::Passages,
    T::Sources,
    T::HelpTextFields,
];

/// The help lines: a heading per group, then `keys  description  (name)`.
pub fn help_lines(state: &AppState) -> Vec<String> {
    let mut out = Vec::new();
    let analysis = state.ui.lang.a(super::super::analysis_i18n::A::Title);
    let titles = GROUPS.iter().map(|t| state.ui.lang.t(*t)).chain([analysis]);
    for (g, title) in titles.enumerate() {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.push(format!("── {title} ──"));
        for a in Action::ALL.iter().filter(|a| group(**a) == g) {
            out.push(format!(
                "{:<16} {}  ({})",
                state.ui.keymap.keys_for(*a).join(" "),
                a.describe(state.french()),
                a.name()
            ));
        }
        out.extend(context_lines(state, g));
    }
    out
}

/// The keys a group has in its own context (the file browser's, a text field's cursor moves),
/// from the active keymap.
fn context_lines(state: &AppState, g: usize) -> Vec<String> {
    use super::super::keymap::Context;
    let keys = |c: Context, actions: &[Action]| {
        actions
            .iter()
            .flat_map(|a| state.ui.keymap.keys_in(c, *a))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let line = |keys: String, t: T| format!("{keys:<16} {}", state.ui.lang.t(t));
    match g {
        4 => vec![line(
            keys(Context::Files, &[Action::Import]),
            T::HelpBrowserImport,
        )],
        5 => vec![
            line(
                keys(Context::Text, &[Action::Left, Action::Right]),
                T::HelpCursorChar,
            ),
            line(
                keys(Context::Text, &[Action::WordPrev, Action::WordNext]),
                T::HelpCursorWord,
            ),
            line(
                keys(Context::Text, &[Action::Top, Action::Bottom]),
                T::HelpCursorLine,
            ),
        ],
        _ => vec![],
    }
}

/// Rows of the help popup that show content.
pub fn help_rows(state: &AppState) -> usize {
    usize::from(state.ui.height.saturating_sub(4)).max(1)
}

/// Scrolls the help screen; true when the action was a scroll.
pub(super) fn scroll(state: &mut AppState, a: Action) -> bool {
    let Some(Popup::Help { scroll }) = &state.popup else {
        return false;
    };
    let max = help_lines(state).len().saturating_sub(help_rows(state));
    let page = help_rows(state).saturating_sub(1).max(1);
    let to = match a {
        Action::Down => scroll + 1,
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll + page,
        Action::PageUp => scroll.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => max,
        _ => return false,
    };
    state.popup = Some(Popup::Help {
        scroll: to.min(max),
    });
    true
}
