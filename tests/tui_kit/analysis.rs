//! Shared helpers of the analysis popup's TUI tests: the coded demo, the open analysis view,
//! where the transcript's cursor is, and the screen as one string for assertion messages.

use super::{Fixture, screen};
use verbatim::config::Dirs;
use verbatim::tui::testing::{AnalysisView, App, Popup};

/// The demo as a user gets it: coded by claire and marc, with memos.
pub fn coded() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let dirs = Dirs {
        config: dir.path().join("config"),
        data: dir.path().join("data"),
    };
    let root = verbatim::demo::ensure_demo(&dirs, false).unwrap();
    Fixture { dir, root }
}

/// The analysis popup's view; panics when the popup is not open.
pub fn view(a: &App) -> &AnalysisView {
    match &a.state().popup {
        Some(Popup::Analysis(v)) => v,
        other => panic!("the analysis popup is not open: {other:?}"),
    }
}

/// The code point where the transcript's cursor is, and the open source's label.
pub fn cursor(a: &App) -> (String, usize) {
    let doc = a.state().transcript.doc.as_ref().expect("a source is open");
    (
        doc.label.clone(),
        doc.text.index.cp_of(a.state().transcript.cursor).unwrap(),
    )
}

/// The screen as drawn now, rows joined by newlines.
pub fn text(a: &App) -> String {
    screen(a).join("\n")
}
