//! The project-level popups drawn: the file browser (the filter typed, folder, entries with
//! marks, what is left out, the keys), the projects list and reports.

use super::super::action::Action;
use super::super::i18n::T;
use super::super::project_rows::{FileBrowser, FilesFor, ProjectRow, Report};
use super::super::state::AppState;
use super::centered;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph};

/// A bordered list with a title, a line above it and a hint below it.
fn framed_list(
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    top: &str,
    items: Vec<String>,
    selected: usize,
    hint: &str,
) {
    let r = centered(area, 124, area.height.saturating_sub(2).min(26));
    frame.render_widget(Clear, r);
    let b = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .title_bottom(format!(" {hint} "));
    let inner = b.inner(r);
    frame.render_widget(b, r);
    frame.render_widget(
        Paragraph::new(top.to_owned()),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );
    let l = List::new(items.into_iter().map(ListItem::new).collect::<Vec<_>>())
        .highlight_symbol("▶ ")
        .highlight_style(Style::default().add_modifier(Modifier::REVERSED));
    let mut ls = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(
        l,
        Rect::new(
            inner.x,
            inner.y + 1,
            inner.width,
            inner.height.saturating_sub(1),
        ),
        &mut ls,
    );
}

pub fn browser(frame: &mut Frame<'_>, area: Rect, b: &FileBrowser, state: &AppState) {
    let lang = state.ui.lang;
    let items = b
        .shown()
        .into_iter()
        .map(|e| {
            let path = b.dir.join(&e.name);
            let mark = if b.marked.contains(&path) {
                "✓ "
            } else {
                "  "
            };
            match (e.is_dir, e.is_project) {
                (true, true) => format!("{mark}{}/  ({})", e.name, lang.t(T::AProject)),
                (true, false) => format!("{mark}{}/", e.name),
                _ => format!("{mark}{}", e.name),
            }
        })
        .collect();
    let mut top = b.dir.display().to_string();
    if b.hidden > 0 {
        let t = if b.hidden == 1 {
            T::FileLeftOut
        } else {
            T::FilesLeftOut
        };
        top.push_str(&format!("  · {} {}", b.hidden, lang.t(t)));
    }
    if !b.marked.is_empty() {
        let t = if b.marked.len() == 1 {
            T::MarkedOne
        } else {
            T::Marked
        };
        top.push_str(&format!("  · {} {}", b.marked.len(), lang.t(t)));
    }
    if !b.filter.is_empty() {
        let field = super::field_line(&b.filter, state.edit_cursor, 30);
        let shown = b.shown().len();
        top = format!(
            "{} {field}  ({shown}/{})  · {top}",
            lang.t(T::FilterLabel),
            b.entries.len()
        );
    }
    let (title, hint) = match b.purpose {
        FilesFor::Import => (T::ImportTitle, T::ImportHint),
        FilesFor::Replace(_) => (T::ReplaceSource, T::PickFileHint),
        FilesFor::OpenProject => (T::OpenFolder, T::OpenFolderHint),
    };
    // The browser's own keys as the keymap binds them.
    let keys = |a| {
        state
            .ui
            .keymap
            .keys_in(super::super::keymap::Context::Files, a)
            .join("/")
    };
    let hint = lang
        .t(hint)
        .replace("{mark}", &keys(Action::Mark))
        .replace("{import}", &keys(Action::Import));
    framed_list(frame, area, lang.t(title), &top, items, b.selected, &hint);
}

pub fn projects(
    frame: &mut Frame<'_>,
    area: Rect,
    rows: &[ProjectRow],
    selected: usize,
    state: &AppState,
) {
    let lang = state.ui.lang;
    let mut items = vec![
        format!("+ {}", lang.t(T::NewProject)),
        format!("  {}", lang.t(T::OpenFolder)),
    ];
    items.extend(rows.iter().map(|r| {
        format!(
            "  {:<28} {:>4} {}  {}",
            r.name,
            r.sources,
            lang.t(T::Sources).to_lowercase(),
            r.path.display()
        )
    }));
    let top = format!("{}: {}", lang.t(T::Current), state.ui.project);
    framed_list(
        frame,
        area,
        lang.t(T::ProjectsTitle),
        &top,
        items,
        selected,
        lang.t(T::ListHint),
    );
}

pub fn report(frame: &mut Frame<'_>, area: Rect, r: &Report, state: &AppState) {
    let items = r.items.iter().map(|i| i.text.clone()).collect();
    framed_list(
        frame,
        area,
        &r.title,
        "",
        items,
        r.selected,
        state.ui.lang.t(T::ReportHint),
    );
}
