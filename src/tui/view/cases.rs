//! The cases table drawn: case ids down the side, one column per attribute, the cell under the
//! cursor reversed (a case id when the cursor is on their column); columns and rows scroll to
//! keep it in view.

use super::super::action::Action;
use super::super::i18n::T;
use super::super::project_rows::CasesView;
use super::super::state::AppState;
use super::centered;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

const MAX_COL: usize = 22;

/// `text` cut or padded to `w` columns.
fn fit(text: &str, w: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
            > w.saturating_sub(1)
        {
            out.push('…');
            break;
        }
        out.push(c);
    }
    let pad = w.saturating_sub(out.width());
    out + &" ".repeat(pad)
}

pub fn render(frame: &mut Frame<'_>, area: Rect, v: &CasesView, state: &AppState) {
    let lang = state.ui.lang;
    let r = centered(
        area,
        area.width.saturating_sub(4).max(20),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, r);
    let keys = |a: Action| state.ui.keymap.hint(a).unwrap_or("?").to_owned();
    let hint = format!(
        "↑↓←→ · {} {} · {} {} · {} {} · {} {} · {} {} · Esc",
        keys(Action::Confirm),
        lang.t(T::EditValue),
        keys(Action::NodeAddChild),
        lang.t(T::AddAttribute),
        keys(Action::NodeRename),
        lang.t(T::RenameAttribute),
        keys(Action::NodeDelete),
        lang.t(T::DeleteAttribute),
        keys(Action::Undo),
        lang.t(T::UndoWord),
    );
    let b = Block::default()
        .borders(Borders::ALL)
        .title(format!(
            " {} ({} · {}) ",
            lang.t(T::CasesTitle),
            v.rows.len(),
            v.attributes.len()
        ))
        .title_bottom(format!(" {hint} "));
    let inner = b.inner(r);
    frame.render_widget(b, r);
    let width = |i: usize| {
        let head = v.attributes[i].width();
        let cells = v.rows.iter().map(|r| r.1[i].width()).max().unwrap_or(0);
        head.max(cells).clamp(6, MAX_COL) + 2
    };
    let first_w = v
        .rows
        .iter()
        .map(|r| r.0.width())
        .max()
        .unwrap_or(4)
        .clamp(4, 16)
        + 2;
    let room = (inner.width as usize).saturating_sub(first_w);
    // The first column shown: the cursor's column fits on the right.
    let mut start = 0;
    while start < v.col && (start..=v.col).map(width).sum::<usize>() > room {
        start += 1;
    }
    let mut shown = Vec::new();
    let mut used = 0;
    for i in start..v.attributes.len() {
        if used + width(i) > room && !shown.is_empty() {
            break;
        }
        used += width(i);
        shown.push(i);
    }
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let mut lines = vec![Line::from(
        std::iter::once(Span::styled(
            fit(lang.t(T::CaseLabel), first_w),
            if v.on_case {
                bold.add_modifier(Modifier::UNDERLINED)
            } else {
                bold
            },
        ))
        .chain(shown.iter().map(|&i| {
            let style = if i == v.col && !v.on_case {
                bold.add_modifier(Modifier::UNDERLINED)
            } else {
                bold
            };
            Span::styled(fit(&v.attributes[i], width(i)), style)
        }))
        .collect::<Vec<_>>(),
    )];
    if v.attributes.is_empty() {
        lines.push(Line::raw(lang.t(T::NoAttributes)));
    }
    let visible = (inner.height as usize).saturating_sub(1).max(1);
    let top = v.row.saturating_sub(visible - 1);
    for (ri, (case, values)) in v.rows.iter().enumerate().skip(top).take(visible) {
        let case_style = if ri == v.row && v.on_case {
            bold.add_modifier(Modifier::REVERSED)
        } else {
            bold
        };
        let mut spans = vec![Span::styled(fit(case, first_w), case_style)];
        for &i in &shown {
            let style = if ri == v.row && i == v.col && !v.on_case {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            spans.push(Span::styled(fit(&values[i], width(i)), style));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
