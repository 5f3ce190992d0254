//! Drawing the analysis popup: the tabs of the views, the view under them (the overview table,
//! the matrix with its heat shading, the word frequency bars, the agreement figures with the
//! disagreements, the saturation chart — the last three in `analysis_charts`; co-occurrence and
//! coding queries in `analysis_query`), or the list of
//! passages opened from a row or a cell, and the keys at the bottom.
//!
//! Invariant: pure drawing of the popup's data; the cursor's row is always on screen.

use super::super::analysis_i18n::A;
use super::super::analysis_rows::{AnalysisView, JumpList, MatrixData, OverviewRow, Tab, TabData};
use super::super::i18n::Lang;
use super::super::state::AppState;
use super::{analysis_charts, analysis_query};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn render(frame: &mut Frame<'_>, area: Rect, view: &AnalysisView, state: &AppState) {
    let lang = state.ui.lang;
    let r = area;
    frame.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(if view.filter.is_empty() {
            format!(" {} ", lang.a(A::Title))
        } else {
            format!(" {} · ⏷ {} ", lang.a(A::Title), view.filter)
        })
        .border_style(state.ui.theme.focused_border());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    if inner.height < 4 {
        return;
    }
    frame.render_widget(Paragraph::new(tabs(view.ask.tab, lang)), line(inner, 0));
    let hints = match &view.data {
        _ if view.list.is_some() => A::ListHints,
        TabData::Query(q) if q.picking() => A::QueryHints,
        TabData::Query(_) => A::QueryResultHints,
        _ => A::Hints,
    };
    let dim = state.ui.theme.dim();
    frame.render_widget(
        Paragraph::new(Span::styled(lang.a(hints), dim)),
        line(inner, inner.height - 1),
    );
    let body = Rect::new(inner.x, inner.y + 2, inner.width, inner.height - 3);
    if let Some(list) = &view.list {
        return jump_list(frame, body, list, state);
    }
    match &view.data {
        TabData::Overview(rows) => overview(frame, body, rows, view, lang),
        TabData::Matrix(m) => matrix(frame, body, m, view, state),
        TabData::Words(w) => analysis_charts::words(frame, body, w, view.ask.row, state),
        TabData::Agreement(a) => analysis_charts::agreement(frame, body, a, view.ask.row, state),
        TabData::Saturation(s) => analysis_charts::saturation(frame, body, s, view, state),
        TabData::Cooccurrence(c) => analysis_query::cooccurrence(frame, body, c, view, state),
        TabData::Query(q) => analysis_query::query(frame, body, q, view.ask.row, state),
        TabData::Nothing(why) => frame.render_widget(Paragraph::new(why.as_str()), body),
    }
}

/// One row of a rect.
pub(super) fn line(r: Rect, y: u16) -> Rect {
    Rect::new(r.x, r.y + y, r.width, 1)
}

fn tabs(current: Tab, lang: Lang) -> Line<'static> {
    let mut spans = Vec::new();
    for (i, t) in Tab::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" │ "));
        }
        let name = lang.tab(*t).to_string();
        spans.push(if *t == current {
            Span::styled(
                format!("[{name}]"),
                Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED),
            )
        } else {
            Span::raw(name)
        });
    }
    Line::from(spans)
}

/// The first row to show so that `selected` is on screen in `height` rows.
pub(super) fn first_shown(selected: usize, height: usize) -> usize {
    selected.saturating_sub(height.saturating_sub(1))
}

/// Cuts or pads to `width` characters.
pub(super) fn fit(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n > width {
        s.chars().take(width.saturating_sub(1)).collect::<String>() + "…"
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

pub(super) fn selected_style() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}

fn overview(frame: &mut Frame<'_>, r: Rect, rows: &[OverviewRow], view: &AnalysisView, lang: Lang) {
    let heads = [
        A::Codings,
        A::Verbatims,
        A::Sources,
        A::Cases,
        A::WordsCoded,
        A::Share,
    ];
    let name_w = (r.width as usize).saturating_sub(6 * 10 + 1).max(12);
    let mut head = fit(lang.a(A::Node), name_w);
    for (i, h) in heads.iter().enumerate() {
        let mark = if view.ask.sort == i + 1 { "▼" } else { "" };
        head.push_str(&format!("{:>10}", format!("{}{mark}", lang.a(*h))));
    }
    let sort = match view.ask.sort {
        0 => lang.a(A::CodebookOrder).to_owned(),
        n => lang.a(heads[(n - 1).min(5)]).to_owned(),
    };
    let mut lines = vec![
        Line::from(Span::styled(
            head,
            Style::default().add_modifier(Modifier::BOLD),
        )),
        Line::raw(format!("({} {sort} · o)", lang.a(A::SortedBy))),
    ];
    let height = (r.height as usize).saturating_sub(2);
    let first = first_shown(view.ask.row, height);
    for (i, row) in rows.iter().enumerate().skip(first).take(height) {
        let indent = "  ".repeat(row.depth.saturating_sub(1));
        let mut text = fit(&format!("{indent}{}", row.name), name_w);
        for v in [
            row.codings,
            row.verbatims,
            row.sources,
            row.cases,
            row.words,
        ] {
            text.push_str(&format!("{v:>10}"));
        }
        text.push_str(&format!("{:>9.1}%", row.share * 100.0));
        lines.push(if i == view.ask.row {
            Line::from(Span::styled(text, selected_style()))
        } else {
            Line::raw(text)
        });
    }
    frame.render_widget(Paragraph::new(lines), r);
}

/// The shading of a matrix cell: stronger as the value nears the largest.
pub(super) fn heat(value: usize, max: usize, colored: bool) -> Style {
    if value == 0 || max == 0 {
        return Style::default();
    }
    let level = (value * 4).div_ceil(max).clamp(1, 4) as u8;
    if !colored {
        return if level >= 3 {
            Style::default().add_modifier(Modifier::BOLD)
        } else {
            Style::default()
        };
    }
    let shade = [(60, 40, 20), (110, 70, 25), (170, 100, 30), (230, 130, 35)][level as usize - 1];
    Style::default()
        .bg(Color::Rgb(shade.0, shade.1, shade.2))
        .fg(Color::White)
}

fn matrix(frame: &mut Frame<'_>, r: Rect, m: &MatrixData, view: &AnalysisView, state: &AppState) {
    let lang = state.ui.lang;
    const CELL: usize = 12;
    let name_w = 26.min(r.width as usize / 3);
    let room = (r.width as usize).saturating_sub(name_w + CELL);
    let shown = (room / CELL).max(1);
    let first_col = view.ask.column.saturating_sub(shown - 1);
    let cols: Vec<usize> = (first_col..m.columns.len()).take(shown).collect();
    let mut head = fit(lang.a(A::Node), name_w);
    for c in &cols {
        head.push_str(&format!("{:>CELL$}", fit(&m.columns[*c], CELL - 1)));
    }
    head.push_str(&format!("{:>CELL$}", lang.a(A::Total)));
    let choices = m.choices.join(", ");
    let mut lines = vec![
        Line::raw(format!(
            "{} {} · {} · o: {choices}",
            lang.a(A::ColumnsBy),
            m.by,
            lang.a(A::Codings)
        )),
        Line::from(Span::styled(
            head,
            Style::default().add_modifier(Modifier::BOLD),
        )),
    ];
    let height = (r.height as usize).saturating_sub(3);
    let first = first_shown(view.ask.row, height);
    let colored = state.ui.theme.colored();
    for (i, row) in m.rows.iter().enumerate().skip(first).take(height) {
        let indent = "  ".repeat(row.depth.saturating_sub(1));
        let name = fit(&format!("{indent}{}", row.name), name_w);
        let on_row = i == view.ask.row;
        let mut spans = vec![if on_row {
            Span::styled(name, Style::default().add_modifier(Modifier::BOLD))
        } else {
            Span::raw(name)
        }];
        for c in &cols {
            let v = row.cells[*c];
            let text = format!("{v:>CELL$}");
            let style = if on_row && *c == view.ask.column {
                selected_style()
            } else {
                heat(v, m.max, colored)
            };
            spans.push(Span::styled(text, style));
        }
        spans.push(Span::raw(format!("{:>CELL$}", row.total)));
        lines.push(Line::from(spans));
    }
    let mut totals = fit(lang.a(A::Total), name_w);
    for c in &cols {
        totals.push_str(&format!("{:>CELL$}", m.column_totals[*c]));
    }
    lines.push(Line::from(Span::styled(
        totals,
        Style::default().add_modifier(Modifier::BOLD),
    )));
    frame.render_widget(Paragraph::new(lines), r);
}

fn jump_list(frame: &mut Frame<'_>, r: Rect, list: &JumpList, state: &AppState) {
    let mut lines = vec![Line::from(Span::styled(
        format!("{} ({})", list.title, list.rows.len()),
        Style::default().add_modifier(Modifier::BOLD),
    ))];
    let height = (r.height as usize).saturating_sub(1);
    let first = first_shown(list.selected, height);
    let width = r.width as usize;
    for (i, j) in list.rows.iter().enumerate().skip(first).take(height) {
        let text = fit(
            &format!("{:<5} {}–{}  {}", j.label, j.start, j.end, j.text),
            width,
        );
        lines.push(if i == list.selected {
            Line::from(Span::styled(text, selected_style()))
        } else {
            Line::from(Span::styled(text, state.ui.theme.base()))
        });
    }
    frame.render_widget(Paragraph::new(lines), r);
}
