//! The transcript pane: soft-wrapped text with a gutter of coding stripes (one lane per
//! overlapping coding, in the node's colour, or its letter without colour), speaker labels in
//! bold, interviewer turns in italics, timestamps dimmed, coded spans underlined in their
//! node's colour, the selection and the cursor.

use super::super::state::{AppState, Doc, Focus};
use super::super::wrap::Row;
use super::{block, focused};
use crate::model::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_segmentation::UnicodeSegmentation;

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState) {
    let title = match &state.transcript.doc {
        Some(d) => format!(" {} ", d.label),
        None => format!(" {} ", state.ui.lang.t(super::super::i18n::T::Transcript)),
    };
    let mut b = block(title, focused(state, Focus::Transcript), state);
    if let Some(here) = codes_at_cursor(state) {
        b = b.title_bottom(here);
    }
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let Some(doc) = &state.transcript.doc else {
        frame.render_widget(
            Paragraph::new(state.ui.lang.t(super::super::i18n::T::NoSource)),
            inner,
        );
        return;
    };
    let rows = doc
        .layout
        .iter()
        .skip(state.transcript.scroll)
        .take(inner.height as usize);
    let found = search_matches(doc, state);
    let lines: Vec<Line<'_>> = rows.map(|r| line(doc, *r, state, &found)).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The nodes coded at the cursor, with their coders (` II.B.1 - Manque de temps (sg) `).
fn codes_at_cursor(state: &AppState) -> Option<String> {
    let doc = state.transcript.doc.as_ref()?;
    let mut names: Vec<String> = doc
        .codings
        .iter()
        .filter(|c| c.start <= state.transcript.cursor && state.transcript.cursor < c.end)
        .filter_map(|c| {
            let memo = if state.memos.contains(&crate::memo::Target::Coding(c.id)) {
                " ✎"
            } else {
                ""
            };
            let name = state
                .node(c.node)?
                .path
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_owned();
            Some(format!("{name} ({}){memo}", c.coder))
        })
        .collect();
    names.dedup();
    (!names.is_empty()).then(|| format!(" {} ", names.join(" · ")))
}

/// Byte ranges of the last search's matches in the open transcript.
fn search_matches(doc: &Doc, state: &AppState) -> Vec<(usize, usize)> {
    let ix = &doc.text.index;
    state
        .search
        .hits
        .iter()
        .filter(|h| h.source == doc.id)
        .flat_map(|h| h.matches.iter())
        .filter_map(|(s, e)| Some((ix.byte_of(*s)?, ix.byte_of(*e)?)))
        .collect()
}

fn line<'a>(doc: &'a Doc, row: Row, state: &AppState, found: &[(usize, usize)]) -> Line<'a> {
    let theme = &state.ui.theme;
    let here: Vec<&super::super::state::ViewCoding> = doc
        .codings
        .iter()
        .take_while(|c| c.start < row.end.max(row.start + 1))
        .filter(|c| c.end > row.start)
        .collect();
    let mut spans: Vec<Span<'a>> = Vec::with_capacity(16);
    for lane in 0..doc.lanes {
        let c = here.iter().find(|c| c.lane == lane);
        spans.push(match c {
            Some(c) => {
                let (index, node) = state
                    .codebook
                    .nodes
                    .iter()
                    .enumerate()
                    .find(|(_, n)| n.id == c.node)
                    .map_or((0, None), |(i, n)| (i, Some(n)));
                let color = theme.node_color(node.and_then(|n| n.color.as_deref()), index);
                match color {
                    Some(col) => Span::styled("▌", Style::default().fg(col)),
                    None => Span::raw(node.map_or('?', |n| n.mark).to_string()),
                }
            }
            None => Span::raw(" "),
        });
    }
    spans.push(Span::raw(" "));
    let unit = doc.units.iter().rfind(|u| u.start <= row.start);
    let unit = unit.filter(|u| row.start <= u.end);
    let interviewer = unit.and_then(|u| u.speaker).is_some_and(|i| {
        doc.speakers
            .get(i)
            .is_some_and(|s| s.1 == Role::Interviewer)
    });
    let label_end = unit
        .filter(|u| u.speaker.is_some())
        .map_or(0, |u| u.body_start);
    let time_end = unit
        .and_then(|u| {
            u.time.as_ref().map(|t| {
                u.start + doc.text.text[u.start..].find(t.as_str()).unwrap_or(0) + t.len() + 1
            })
        })
        .unwrap_or(0);
    let selection = state.selection();
    let text = &doc.text.text[row.start..row.end];
    let mut run = String::new();
    let mut run_style = Style::default();
    for (i, g) in text.grapheme_indices(true) {
        let at = row.start + i;
        let mut style = if interviewer {
            theme.interviewer()
        } else {
            theme.base()
        };
        if at < time_end {
            style = style.patch(theme.dim());
        } else if at < label_end {
            style = style.patch(theme.speaker());
        }
        if state.transcript.tint
            && let Some(c) = here.iter().find(|c| c.start <= at && at < c.end)
        {
            let index = state
                .codebook
                .nodes
                .iter()
                .position(|n| n.id == c.node)
                .unwrap_or(0);
            let color =
                theme.node_color(state.node(c.node).and_then(|n| n.color.as_deref()), index);
            style = style.patch(theme.coded(color));
        }
        if found.iter().any(|(s, e)| *s <= at && at < *e) {
            style = style.patch(theme.search_match());
        }
        if selection.is_some_and(|(s, e)| s <= at && at < e) {
            style = style.patch(theme.selection());
        }
        if at == state.transcript.cursor && state.ui.focus == Focus::Transcript {
            style = style.patch(theme.cursor());
        }
        if style != run_style && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), run_style));
        }
        run_style = style;
        run.push_str(if g == "\t" { " " } else { g });
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, run_style));
    }
    if state.transcript.cursor == row.end
        && (row.start == row.end || state.transcript.cursor == doc.text.text.len())
        && state.ui.focus == Focus::Transcript
    {
        spans.push(Span::styled(" ", theme.cursor()));
    }
    Line::from(spans)
}
