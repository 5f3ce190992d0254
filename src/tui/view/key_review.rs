//! The key review popup: each candidate name with the pseudonym and category it would enter the
//! key with, how often it occurs and one example; the selected row reversed, the pseudonym being
//! edited shown with a cursor, the keys in the bottom border.

use super::super::i18n::{Lang, T};
use super::super::key_review::KeyReview;
use super::super::state::AppState;
use super::centered;
use crate::anonymise::Category;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

fn category(lang: Lang, c: Category) -> &'static str {
    lang.t(match c {
        Category::Person => T::KeyPerson,
        Category::Place => T::KeyPlace,
        Category::Organisation => T::KeyOrganisation,
        Category::Other => T::KeyOther,
    })
}

/// A string cut to `n` characters (with `…`).
fn cut(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

pub fn render(frame: &mut Frame<'_>, area: Rect, r: &KeyReview, state: &AppState) {
    let lang = state.ui.lang;
    let rect = centered(area, 110, area.height.saturating_sub(2).min(30));
    frame.render_widget(Clear, rect);
    let rows = usize::from(rect.height.saturating_sub(2)).max(1);
    // Keep the selected row in view.
    let first = r.selected.saturating_sub(rows.saturating_sub(1));
    let mut lines = Vec::new();
    if r.rows.is_empty() {
        lines.push(Line::raw(lang.t(T::KeyNoCandidates)));
    }
    for (i, c) in r.rows.iter().enumerate().skip(first).take(rows) {
        let pseudonym = match (&r.editing, i == r.selected) {
            (Some(text), true) => super::field_line(text, state.edit_cursor, 40),
            _ => c.pseudonym.clone(),
        };
        let text = format!(
            "{}{:<24} → {:<18} {:<12} {:>4}×  {}: {}",
            if i == r.selected { "▶ " } else { "  " },
            cut(&c.original, 24),
            cut(&pseudonym, 18),
            category(lang, c.category),
            c.count,
            c.source,
            c.example.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        lines.push(if i == r.selected {
            Line::styled(text, Style::default().add_modifier(Modifier::REVERSED))
        } else {
            Line::raw(text)
        });
    }
    let hint = if r.editing.is_some() {
        lang.t(T::KeyEditHint)
    } else {
        lang.t(T::KeyReviewHint)
    };
    let b = Block::default()
        .borders(Borders::ALL)
        .title(format!(
            " {} ({}) · {} {} ",
            lang.t(T::KeyReviewTitle),
            r.rows.len(),
            lang.t(T::KeyEntries),
            r.entries
        ))
        .title_bottom(format!(" {hint} "));
    frame.render_widget(Paragraph::new(lines).block(b), rect);
}
