//! Popups: help (every binding of the active keymap), command palette, code picker, source
//! picker, one-line inputs, confirmations and the export dialog.

use super::super::analysis_i18n::A as AnalysisText;
use super::super::i18n::T;
use super::super::state::{AppState, InputFor, PickFor, Popup};
use super::super::update::picker::{Entry, entries};
use super::super::update::search::plural;
use super::super::update::{palette_matches, source_matches};
use super::centered;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};

pub fn render(frame: &mut Frame<'_>, area: Rect, popup: &Popup, state: &AppState) {
    match popup {
        Popup::Help { scroll } => help(frame, area, *scroll, state),
        Popup::Palette { query, selected } => {
            let items: Vec<String> = palette_matches(state, query)
                .iter()
                .map(|a| {
                    let keys = state.ui.keymap.keys_for(*a).join(" ");
                    format!("{keys:<10} {}", a.describe(state.french()))
                })
                .collect();
            chooser(
                frame,
                area,
                state.ui.lang.t(T::Palette),
                (query, state.edit_cursor),
                items,
                *selected,
            );
        }
        Popup::Picker(p) => {
            let title = match (&p.purpose, &state.search.plan) {
                (PickFor::Code { .. }, _) => state.ui.lang.t(T::PickCode).to_owned(),
                (PickFor::Uncode { .. }, _) => state.ui.lang.t(T::PickUncode).to_owned(),
                (PickFor::MergeInto(_), _) => state.ui.lang.t(T::PickMerge).to_owned(),
                (PickFor::CodeHits, Some(plan)) => {
                    let n = plan.units.len();
                    let filter = if plan.filter.is_empty() {
                        state.ui.lang.t(T::NoFilter).to_owned()
                    } else {
                        plan.filter.clone()
                    };
                    if state.french() {
                        format!("Coder {n} {} ({filter}) avec…", plural(n, "tour", "tours"))
                    } else {
                        format!("Code {n} {} ({filter}) with…", plural(n, "turn", "turns"))
                    }
                }
                (PickFor::CodeHits, None) => state.ui.lang.t(T::PickCode).to_owned(),
            };
            let items: Vec<String> = entries(state, p)
                .into_iter()
                .map(|e| match e {
                    Entry::Node(id) => state.node(id).map(|n| n.path.clone()).unwrap_or_default(),
                    Entry::New(path) => format!("+ {}: {path}", state.ui.lang.t(T::NewNode)),
                })
                .collect();
            chooser(
                frame,
                area,
                &title,
                (&p.query, state.edit_cursor),
                items,
                p.selected,
            );
        }
        Popup::Search { query, selected } => {
            let items: Vec<String> = state
                .search
                .hits
                .iter()
                .map(|h| {
                    format!(
                        "{} {} · {}",
                        h.label,
                        h.speaker.as_deref().unwrap_or(""),
                        h.snippet
                    )
                })
                .collect();
            let title = format!(
                "{} — {} {}",
                state.ui.lang.t(T::Search),
                state.search.hits.len(),
                state.ui.lang.t(T::Hits)
            );
            chooser(
                frame,
                area,
                &title,
                (query, state.edit_cursor),
                items,
                *selected,
            );
        }
        Popup::SourcePicker { query, selected } => {
            let items: Vec<String> = source_matches(state, query)
                .iter()
                .filter_map(|id| state.sources.rows.iter().find(|s| s.id == *id))
                .map(|s| format!("{:<8} {}", s.label, s.attributes.join(" · ")))
                .collect();
            chooser(
                frame,
                area,
                state.ui.lang.t(T::JumpSource),
                (query, state.edit_cursor),
                items,
                *selected,
            );
        }
        Popup::Input { purpose, text } => {
            let title = match purpose {
                InputFor::RenameNode(_) => state.ui.lang.t(T::Rename),
                InputFor::AddNode { .. } => state.ui.lang.t(T::AddNode),
                InputFor::Describe(_) => state.ui.lang.t(T::Describe),
                InputFor::JumpTo => state.ui.lang.t(T::JumpTo),
                InputFor::Memo(_) => state.ui.lang.t(T::Memo),
                InputFor::PassagesFilter => state.ui.lang.t(T::Filter),
                InputFor::Coder => state.ui.lang.t(T::CoderPrompt),
                InputFor::RenameSource(_) => state.ui.lang.t(T::RenameSource),
                InputFor::SpeakerCase { .. } => state.ui.lang.t(T::SpeakerCasePrompt),
                InputFor::SpeakerPattern(_) => state.ui.lang.t(T::SpeakerPatternPrompt),
                InputFor::NewProject => state.ui.lang.t(T::NewProjectPrompt),
                InputFor::CaseValue { .. } => state.ui.lang.t(T::EditValuePrompt),
                InputFor::AddAttribute => state.ui.lang.t(T::AddAttributePrompt),
                InputFor::RenameAttribute(_) => state.ui.lang.t(T::RenameAttributePrompt),
                InputFor::RenameCase(_) => state.ui.lang.t(T::RenameCasePrompt),
                InputFor::AnalysisQuery(_) => state.ui.lang.a(AnalysisText::QueryPrompt),
                InputFor::CodeQuery(_) => state.ui.lang.a(AnalysisText::CodeInto),
            };
            let tall = purpose.multiline();
            let r = centered(area, 90, if tall { 16 } else { 7 });
            frame.render_widget(Clear, r);
            let b = Block::default()
                .borders(Borders::ALL)
                .title(format!(" {title} "));
            // The cursor drawn where it is; the text scrolled to keep its line in view.
            let at = super::super::editor::clamp(text, state.edit_cursor);
            let shown = format!("{}▏{}", &text[..at], &text[at..]);
            let line = text[..at].matches('\n').count();
            let rows = usize::from(r.height.saturating_sub(2)).max(1);
            let scroll = line.saturating_sub(rows - 1) as u16;
            frame.render_widget(
                Paragraph::new(shown)
                    .wrap(Wrap { trim: false })
                    .scroll((scroll, 0))
                    .block(b),
                r,
            );
        }
        Popup::Confirm { question, .. } => {
            let rows = question.chars().count() / 50 + 1;
            let r = centered(area, 64, rows as u16 + 5);
            frame.render_widget(Clear, r);
            let b = Block::default().borders(Borders::ALL);
            let lines = vec![
                Line::raw(question.clone()),
                Line::raw(""),
                Line::raw(state.ui.lang.t(T::YesNo)),
            ];
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(b), r);
        }
        Popup::Export(form) => export_form(frame, area, form, state),
        Popup::Speakers(v) => super::speakers::render(frame, area, v, state),
        Popup::Files(b) => super::files::browser(frame, area, b, state),
        Popup::Projects { rows, selected } => {
            super::files::projects(frame, area, rows, *selected, state)
        }
        Popup::Report(r) => super::files::report(frame, area, r, state),
        Popup::KeyReview(r) => super::key_review::render(frame, area, r, state),
        Popup::Cases(v) => super::cases::render(frame, area, v, state),
        Popup::Analysis(v) => super::analysis::render(frame, area, v, state),
        Popup::Memos {
            query,
            selected,
            rows,
        } => {
            let items: Vec<String> = super::super::update::memo_matches(rows, query)
                .into_iter()
                .map(|i| {
                    let m = &rows[i];
                    let first = m.text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                    let first: String = first.trim().chars().take(30).collect();
                    format!("{:<16} {first:<30}  {}", m.date, m.title)
                })
                .collect();
            let title = format!("{} ({})", state.ui.lang.t(T::MemosTitle), rows.len());
            chooser(
                frame,
                area,
                &title,
                (query, state.edit_cursor),
                items,
                *selected,
            );
        }
    }
}

/// The export dialog: one row per option, the selected one reversed, a hint line under them.
fn export_form(
    frame: &mut Frame<'_>,
    area: Rect,
    form: &super::super::export_form::ExportForm,
    state: &AppState,
) {
    let rows = form.rows(state.french());
    let r = centered(area, 86, rows.len() as u16 + 4);
    frame.render_widget(Clear, r);
    let b = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", state.ui.lang.t(T::ExportTitle)));
    let inner = b.inner(r);
    frame.render_widget(b, r);
    // The row being typed into shows its cursor.
    let width = usize::from(inner.width).saturating_sub(33);
    let items: Vec<ListItem<'_>> = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, value))| match form.text() {
            Some(text) if i == form.row && value == text => ListItem::new(format!(
                "{label:<28} {}",
                super::field_line(text, state.edit_cursor, width)
            )),
            _ => ListItem::new(format!("{label:<28} {value}")),
        })
        .collect();
    let l = List::new(items).highlight_symbol("▶ ").highlight_style(
        ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::REVERSED),
    );
    let mut ls = ListState::default().with_selected(Some(form.row));
    let list_area = Rect::new(
        inner.x,
        inner.y,
        inner.width,
        inner.height.saturating_sub(1),
    );
    frame.render_stateful_widget(l, list_area, &mut ls);
    frame.render_widget(
        Paragraph::new(state.ui.lang.t(T::ExportHint)),
        Rect::new(
            inner.x,
            inner.y + inner.height.saturating_sub(1),
            inner.width,
            1,
        ),
    );
}

fn chooser(
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    (query, cursor): (&str, Option<usize>),
    items: Vec<String>,
    selected: usize,
) {
    let r = centered(area, 100, 18);
    frame.render_widget(Clear, r);
    let b = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "));
    let inner = b.inner(r);
    frame.render_widget(b, r);
    frame.render_widget(
        Paragraph::new(format!(
            "> {}",
            super::field_line(query, cursor, usize::from(inner.width).saturating_sub(2))
        )),
        Rect::new(inner.x, inner.y, inner.width, 1),
    );
    let list_area = Rect::new(
        inner.x,
        inner.y + 1,
        inner.width,
        inner.height.saturating_sub(1),
    );
    let l = List::new(items.into_iter().map(ListItem::new).collect::<Vec<_>>())
        .highlight_symbol("▶ ")
        .highlight_style(
            ratatui::style::Style::default().add_modifier(ratatui::style::Modifier::REVERSED),
        );
    let mut ls = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(l, list_area, &mut ls);
}

fn help(frame: &mut Frame<'_>, area: Rect, scroll: usize, state: &AppState) {
    let r = centered(area, 96, area.height.saturating_sub(2));
    frame.render_widget(Clear, r);
    let lines: Vec<Line<'_>> = super::super::update::help::help_lines(state)
        .into_iter()
        .skip(scroll)
        .map(Line::raw)
        .collect();
    let b = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", state.ui.lang.t(T::Help)))
        .title_bottom(format!(" {} ", state.ui.lang.t(T::HelpKeys)));
    frame.render_widget(Paragraph::new(lines).block(b), r);
}
