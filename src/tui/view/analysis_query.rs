//! Drawing the co-occurrence table (coded nodes by coded nodes, heat-shaded, the cell under
//! the cursor reversed, columns scrolling to keep it in view) and the coding-query view (the
//! saved queries to pick from, or the expression with its passages).
//!
//! Invariant: pure drawing of the popup's data; the cursor's row and column are always shown.

use super::super::analysis_i18n::A;
use super::super::analysis_rows::{AnalysisView, CoData, QueryData};
use super::super::state::AppState;
use super::analysis::{first_shown, fit, heat, selected_style};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn cooccurrence(
    frame: &mut Frame<'_>,
    r: Rect,
    c: &CoData,
    view: &AnalysisView,
    state: &AppState,
) {
    const CELL: usize = 10;
    let name_w = 26.min(r.width as usize / 3);
    let shown = ((r.width as usize).saturating_sub(name_w) / CELL).max(1);
    let first_col = view.ask.column.saturating_sub(shown - 1);
    let cols: Vec<usize> = (first_col..c.names.len()).take(shown).collect();
    let mut head = fit(state.ui.lang.a(A::Node), name_w);
    for j in &cols {
        head.push_str(&format!("{:>CELL$}", fit(&c.names[*j], CELL - 1)));
    }
    let mut lines = vec![
        Line::raw(format!("{} · o", c.within)),
        Line::from(Span::styled(
            head,
            Style::default().add_modifier(Modifier::BOLD),
        )),
    ];
    let height = (r.height as usize).saturating_sub(3);
    let first = first_shown(view.ask.row, height);
    let colored = state.ui.theme.colored();
    for (i, row) in c.cells.iter().enumerate().skip(first).take(height) {
        let on_row = i == view.ask.row;
        let name = fit(&c.names[i], name_w);
        let mut spans = vec![if on_row {
            Span::styled(name, Style::default().add_modifier(Modifier::BOLD))
        } else {
            Span::raw(name)
        }];
        for j in &cols {
            let v = row[*j];
            let style = if on_row && *j == view.ask.column {
                selected_style()
            } else if i == *j {
                Style::default().add_modifier(Modifier::DIM)
            } else {
                heat(v, c.max, colored)
            };
            spans.push(Span::styled(format!("{v:>CELL$}"), style));
        }
        lines.push(Line::from(spans));
    }
    // The full path of the pair under the cursor, under the table.
    if let (Some(a), Some(b)) = (c.paths.get(view.ask.row), c.paths.get(view.ask.column)) {
        lines.push(Line::styled(format!("{a} × {b}"), state.ui.theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), r);
}

pub fn query(frame: &mut Frame<'_>, r: Rect, q: &QueryData, row: usize, state: &AppState) {
    let lang = state.ui.lang;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let width = r.width as usize;
    let mut lines = Vec::new();
    let items: Vec<String> = if q.picking() {
        lines.push(Line::styled(lang.a(A::Query).to_owned(), bold));
        let mut items = vec![lang.a(A::NewQuery).to_owned()];
        items.extend(q.saved.iter().map(|(n, e)| format!("{n}  —  {e}")));
        if q.saved.is_empty() {
            lines.push(Line::styled(lang.a(A::NoSavedQuery), state.ui.theme.dim()));
        }
        items
    } else {
        let head = if q.name.is_empty() {
            q.expr.clone()
        } else {
            format!("{} — {}", q.name, q.expr)
        };
        lines.push(Line::styled(head, bold));
        if let Some(e) = &q.error {
            lines.push(Line::raw(""));
            frame.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .style(state.ui.theme.base()),
                r,
            );
            let below = Rect::new(r.x, r.y + 2, r.width, r.height.saturating_sub(2));
            frame.render_widget(Paragraph::new(e.as_str()).wrap(Wrap { trim: false }), below);
            return;
        }
        let mut counts = format!("{} {}", q.hits.len(), lang.a(A::Passages));
        if !q.name.is_empty() {
            counts.push_str(&format!(" · {}", lang.a(A::QueryAnnex)));
        }
        lines.push(Line::styled(counts, state.ui.theme.dim()));
        q.hits
            .iter()
            .map(|j| format!("{:<5} {}–{}  {}", j.label, j.start, j.end, j.text))
            .collect()
    };
    let height = (r.height as usize).saturating_sub(lines.len());
    let first = first_shown(row, height);
    for (i, item) in items.iter().enumerate().skip(first).take(height) {
        let text = fit(item, width);
        lines.push(if i == row {
            Line::from(Span::styled(text, selected_style()))
        } else {
            Line::from(Span::styled(text, state.ui.theme.base()))
        });
    }
    frame.render_widget(Paragraph::new(lines), r);
}
