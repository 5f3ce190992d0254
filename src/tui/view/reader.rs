//! The passages reader: the passages of the node shown, each verbatim in full and wrapped, in
//! the wide pane instead of the transcript; with details on, each one's citation (source,
//! speaker, case, position, coders) and the text around it.
//!
//! Invariant: the selected passage is always on screen (the list scrolls to it).

use super::super::i18n::T;
use super::super::rows::PassageRow;
use super::super::state::{AppState, Focus};
use super::super::wrap::wrap;
use super::{block, focused};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

pub fn render(frame: &mut Frame<'_>, area: Rect, state: &AppState) {
    let node = state
        .passages
        .of
        .and_then(|n| state.node(n))
        .map_or(String::new(), |n| n.path.clone());
    let n = state.passages.rows.len();
    let title = format!(" {}: {node} ({n}) ", state.ui.lang.t(T::Passages));
    let b = block(title, focused(state, Focus::Passages), state);
    if state.passages.rows.is_empty() {
        frame.render_widget(
            Paragraph::new(state.ui.lang.t(T::NoPassages))
                .wrap(Wrap { trim: true })
                .block(b),
            area,
        );
        return;
    }
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let width = usize::from(inner.width.saturating_sub(2)).max(10);
    let items: Vec<ListItem<'_>> = state
        .passages
        .rows
        .iter()
        .map(|p| ListItem::new(lines(p, width, state)))
        .collect();
    let l = List::new(items)
        .highlight_symbol("▌ ")
        .highlight_style(state.ui.theme.highlight());
    let mut ls = ListState::default().with_selected(Some(state.passages.selected));
    frame.render_stateful_widget(l, inner, &mut ls);
}

/// One passage: its head line, the text wrapped in full, the details when asked, a blank line.
fn lines<'a>(p: &PassageRow, width: usize, state: &AppState) -> Vec<Line<'a>> {
    let who = p.speaker.as_deref().unwrap_or("—");
    let mut out = vec![Line::styled(
        format!("{} · {who}", p.label),
        state.ui.theme.speaker(),
    )];
    let wrapped = |text: &str, out: &mut Vec<Line<'a>>, dim: bool| {
        for row in wrap(text, width) {
            let line = text[row.start..row.end].trim_end().to_owned();
            out.push(if dim {
                Line::styled(line, state.ui.theme.dim())
            } else {
                Line::raw(line)
            });
        }
    };
    if state.passages.details && !p.before.trim().is_empty() {
        wrapped(p.before.trim(), &mut out, true);
    }
    wrapped(&format!("« {} »", p.text.trim()), &mut out, false);
    if state.passages.details {
        if !p.after.trim().is_empty() {
            wrapped(p.after.trim(), &mut out, true);
        }
        let cite = format!(
            "({}, {who}, {} {}, {}–{}, {})",
            p.label,
            state.ui.lang.t(T::CaseLabel),
            p.case,
            p.start,
            p.end,
            p.coders.join(", ")
        );
        out.push(Line::styled(cite, state.ui.theme.dim()));
    }
    out.push(Line::raw(""));
    out
}
