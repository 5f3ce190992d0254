//! Drawing the TUI: pure functions of `&AppState` into a ratatui frame. Nothing here changes
//! state or touches the model.

mod analysis;
mod analysis_charts;
mod analysis_query;
mod cases;
mod files;
mod key_review;
mod panes;
mod popup;
mod reader;
mod speakers;
mod status;
mod transcript;

use super::state::{AppState, Focus};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders};

/// Draws the whole screen.
pub fn render(frame: &mut Frame<'_>, state: &AppState) {
    let g = super::layout::geometry(state);
    status::header(frame, g.header, state);
    if state.passages.reader {
        reader::render(frame, g.transcript, state);
    } else {
        transcript::render(frame, g.transcript, state);
    }
    if let Some(r) = g.sources {
        panes::sources(frame, r, state);
    }
    if let Some(r) = g.passages {
        panes::passages(frame, r, state);
    }
    if let Some(r) = g.codebook {
        panes::codebook(frame, r, state);
    }
    if let Some((r, side)) = g.tabbed {
        panes::tabbed(frame, r, side, state);
    }
    status::status_bar(frame, g.status, state);
    if let Some(p) = &state.popup {
        popup::render(frame, frame.area(), p, state);
    }
}

/// A bordered block, highlighted when its pane has the focus.
pub(crate) fn block<'a>(title: String, focused: bool, state: &AppState) -> Block<'a> {
    let b = Block::default().borders(Borders::ALL).title(title);
    if focused {
        b.border_style(state.ui.theme.focused_border())
    } else {
        b
    }
}

pub(crate) fn focused(state: &AppState, f: Focus) -> bool {
    state.ui.focus == f && state.popup.is_none()
}

/// A rect of `w`×`h` centred in `area` (clamped).
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(area.width), h.min(area.height));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A one-line field as shown: the text with the cursor (`▏`) where it is, its start cut (marked
/// `…`) so that the cursor stays within `width` columns.
pub(crate) fn field_line(text: &str, cursor: Option<usize>, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let at = super::editor::clamp(text, cursor);
    let (mut before, after) = (&text[..at], &text[at..]);
    let room = width.saturating_sub(2).max(1);
    if before.width() > room {
        while before.width() + 1 > room {
            let mut chars = before.chars();
            chars.next();
            before = chars.as_str();
        }
        return format!("…{before}▏{after}");
    }
    format!("{before}▏{after}")
}
