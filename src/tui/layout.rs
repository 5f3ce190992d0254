//! Screen geometry, a pure function of the terminal size and focus, shared by the views and by
//! `update` (page sizes, wrap width).
//!
//! Invariants: at 80×24 and wider the transcript gets at least 60 columns (side panes collapse
//! into one tabbed column below 110 columns); rects never overlap.

use super::state::{AppState, Focus};
use ratatui::layout::Rect;

/// Which side pane the tabbed column shows (narrow terminals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Sources,
    Codebook,
    Passages,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub header: Rect,
    pub status: Rect,
    pub transcript: Rect,
    pub sources: Option<Rect>,
    pub passages: Option<Rect>,
    pub codebook: Option<Rect>,
    /// In narrow mode: the tabbed side column and what it shows.
    pub tabbed: Option<(Rect, Side)>,
}

/// Columns below which the side panes collapse into tabs.
pub const WIDE: u16 = 110;

pub fn geometry(state: &AppState) -> Geometry {
    let (w, h) = (state.ui.width.max(20), state.ui.height.max(6));
    let header = Rect::new(0, 0, w, 1);
    let status = Rect::new(0, h - 1, w, 1);
    let body_h = h - 2;
    if w >= WIDE {
        let left = (w / 5).clamp(22, 34);
        let right = (w / 4).clamp(28, 44);
        let top = body_h / 2;
        return Geometry {
            header,
            status,
            sources: Some(Rect::new(0, 1, left, top)),
            passages: Some(Rect::new(0, 1 + top, left, body_h - top)),
            transcript: Rect::new(left, 1, w - left - right, body_h),
            codebook: Some(Rect::new(w - right, 1, right, body_h)),
            tabbed: None,
        };
    }
    let side_w = if w >= 76 { (w - 60).min(30) } else { 0 };
    let side = match state.ui.focus {
        Focus::Codebook => Side::Codebook,
        Focus::Passages => Side::Passages,
        _ => last_side(state),
    };
    Geometry {
        header,
        status,
        transcript: Rect::new(side_w, 1, w - side_w, body_h),
        sources: None,
        passages: None,
        codebook: None,
        tabbed: (side_w > 0).then_some((Rect::new(0, 1, side_w, body_h), side)),
    }
}

fn last_side(state: &AppState) -> Side {
    if state.passages.of.is_some() && state.ui.focus == Focus::Transcript {
        Side::Codebook
    } else {
        Side::Sources
    }
}

/// Text rows visible in the transcript pane.
pub fn transcript_rows(state: &AppState) -> usize {
    geometry(state).transcript.height.saturating_sub(2) as usize
}

/// Gutter columns of the transcript: one per coding lane, plus a space.
pub fn gutter_width(state: &AppState) -> u16 {
    state.transcript.doc.as_ref().map_or(1, |d| d.lanes as u16) + 1
}

/// Width available to the wrapped text.
pub fn transcript_text_width(state: &AppState) -> usize {
    geometry(state)
        .transcript
        .width
        .saturating_sub(2 + gutter_width(state)) as usize
}

/// The byte offset of the text under a screen cell of the transcript pane, if any.
pub fn byte_at(state: &AppState, x: u16, y: u16) -> Option<usize> {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    let doc = state.transcript.doc.as_ref()?;
    let pane = geometry(state).transcript;
    let (left, top) = (pane.x + 1 + gutter_width(state), pane.y + 1);
    if x < left || y < top || x >= pane.x + pane.width - 1 || y >= pane.y + pane.height - 1 {
        return None;
    }
    let row = *doc
        .layout
        .get(state.transcript.scroll + (y - top) as usize)?;
    let column = (x - left) as usize;
    let mut used = 0;
    for (i, g) in doc.text.text[row.start..row.end].grapheme_indices(true) {
        used += g.width();
        if used > column {
            return Some(row.start + i);
        }
    }
    Some(row.end)
}
