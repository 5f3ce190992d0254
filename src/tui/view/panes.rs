//! The side panes: sources (label, coding count, case attributes on demand), the codebook tree
//! (counts of codings and sources with descendants), and the passages of the selected node;
//! in narrow terminals one tabbed column shows one of them.

use super::super::i18n::T;
use super::super::layout::Side;
use super::super::state::{AppState, Focus};
use super::{block, focused};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

pub fn sources(frame: &mut Frame<'_>, area: Rect, state: &AppState) {
    let title = format!(" {} ", state.ui.lang.t(T::Sources));
    let open = state.transcript.doc.as_ref().map(|d| d.id);
    let items: Vec<ListItem<'_>> = state
        .sources
        .rows
        .iter()
        .map(|s| {
            let mark = if Some(s.id) == open { "▶ " } else { "  " };
            let memo = if state.memos.contains(&crate::memo::Target::Source(s.id)) {
                "✎"
            } else {
                " "
            };
            let mut text = format!("{mark}{:<6} {:>4} {memo}", s.label, s.codings);
            if state.sources.show_attributes {
                text.push_str("  ");
                text.push_str(&s.attributes.join(" · "));
            }
            ListItem::new(text)
        })
        .collect();
    list(
        frame,
        area,
        title,
        items,
        state.sources.selected,
        focused(state, Focus::Sources),
        state,
    );
}

pub fn codebook(frame: &mut Frame<'_>, area: Rect, state: &AppState) {
    // The two numbers after each node: its codings and the sources coded, subtree included.
    let (codings, sources) = {
        use super::super::analysis_i18n::A;
        (state.ui.lang.a(A::Codings), state.ui.lang.a(A::Sources))
    };
    let title = format!(" {} ({codings} · {sources}) ", state.ui.lang.t(T::Codebook));
    let width = area.width.saturating_sub(4) as usize;
    let items: Vec<ListItem<'_>> = state
        .codebook
        .tree
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let arrow = match (r.has_children, r.expanded) {
                (true, true) => "▾ ",
                (true, false) => "▸ ",
                _ => "· ",
            };
            let counts = format!(" {} {}", r.counts.codings_total, r.counts.sources_total);
            let indent = "  ".repeat(r.depth);
            let room = width.saturating_sub(indent.chars().count() + 2 + counts.chars().count());
            let name: String = if r.name.chars().count() > room {
                r.name
                    .chars()
                    .take(room.saturating_sub(1))
                    .collect::<String>()
                    + "…"
            } else {
                r.name.clone()
            };
            let pad = " ".repeat(room.saturating_sub(name.chars().count()));
            let color = state.ui.theme.node_color(
                state
                    .codebook
                    .nodes
                    .get(i)
                    .and_then(|_| state.node(r.id))
                    .and_then(|n| n.color.as_deref()),
                state
                    .codebook
                    .nodes
                    .iter()
                    .position(|n| n.id == r.id)
                    .unwrap_or(0),
            );
            let mark = match (color, state.node(r.id)) {
                (Some(c), _) if r.codable => Span::styled("■ ", Style::default().fg(c)),
                (None, Some(n)) if r.codable => Span::raw(format!("{} ", n.mark)),
                _ => Span::raw("  "),
            };
            let cut = if state.codebook.cut_node == Some(r.id) {
                "✂"
            } else if state.memos.contains(&crate::memo::Target::Node(r.id)) {
                "✎"
            } else {
                ""
            };
            ListItem::new(Line::from(vec![
                Span::raw(indent),
                Span::raw(arrow),
                mark,
                Span::raw(format!("{cut}{name}{pad}")),
                Span::styled(counts, state.ui.theme.dim()),
            ]))
        })
        .collect();
    list(
        frame,
        area,
        title,
        items,
        state.codebook.selected,
        focused(state, Focus::Codebook),
        state,
    );
    codebook_labels(frame, area, state);
}

/// The selected node in full — path, whether it is a heading only, description — on the
/// bottom border.
fn codebook_labels(frame: &mut Frame<'_>, area: Rect, state: &AppState) {
    if area.height < 3 || area.width < 12 {
        return;
    }
    let lang = state.ui.lang;
    let Some(r) = state.codebook.tree.get(state.codebook.selected) else {
        return;
    };
    let mut detail = if r.codable {
        format!(" {}", r.path)
    } else {
        format!(" {}: {}", lang.t(T::NotCodable), r.path)
    };
    if let Some(first) = r.description.lines().find(|l| !l.trim().is_empty()) {
        detail.push_str(&format!(" — {}", first.trim()));
    }
    detail.push(' ');
    let room = area.width.saturating_sub(2) as usize;
    let shown: String = if detail.chars().count() > room {
        detail
            .chars()
            .take(room.saturating_sub(1))
            .collect::<String>()
            + "…"
    } else {
        detail
    };
    frame.render_widget(
        Paragraph::new(shown),
        Rect::new(area.x + 1, area.y + area.height - 1, area.width - 2, 1),
    );
}

pub fn passages(frame: &mut Frame<'_>, area: Rect, state: &AppState) {
    let node = state
        .passages
        .of
        .and_then(|n| state.node(n))
        .map(|n| n.path.rsplit('/').next().unwrap_or("").to_owned());
    let title = match &node {
        Some(n) => format!(
            " {}: {n} ({}) ",
            state.ui.lang.t(T::Passages),
            state.passages.rows.len()
        ),
        None => format!(" {} ", state.ui.lang.t(T::Passages)),
    };
    if state.passages.rows.is_empty() {
        let b = block(title, focused(state, Focus::Passages), state);
        frame.render_widget(
            Paragraph::new(if state.passages.of.is_some() {
                format!("0 · ⏷ {}", state.passages.filter)
            } else {
                state.ui.lang.t(T::NoPassages).to_owned()
            })
            .wrap(Wrap { trim: true })
            .block(b),
            area,
        );
        return;
    }
    let width = area.width.saturating_sub(4) as usize;
    let items: Vec<ListItem<'_>> = state
        .passages
        .rows
        .iter()
        .map(|p| {
            let who = p.speaker.as_deref().unwrap_or("");
            let text: String = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let head = format!("{} {who}", p.label);
            let body: String = text
                .chars()
                .take(width.saturating_mul(2).saturating_sub(4))
                .collect();
            ListItem::new(vec![
                Line::styled(head, state.ui.theme.speaker()),
                Line::raw(format!("« {body} »")),
            ])
        })
        .collect();
    let b = block(title, focused(state, Focus::Passages), state);
    let mut inner = b.inner(area);
    frame.render_widget(b, area);
    if !state.passages.filter.is_empty() {
        let filter = Line::styled(format!("⏷ {}", state.passages.filter), state.ui.theme.dim());
        frame.render_widget(
            Paragraph::new(filter),
            Rect::new(inner.x, inner.y, inner.width, 1),
        );
        inner = Rect::new(
            inner.x,
            inner.y + 1,
            inner.width,
            inner.height.saturating_sub(1),
        );
    }
    let l = List::new(items).highlight_style(state.ui.theme.highlight());
    let mut ls = ListState::default().with_selected(Some(state.passages.selected));
    frame.render_stateful_widget(l, inner, &mut ls);
}

pub fn tabbed(frame: &mut Frame<'_>, area: Rect, side: Side, state: &AppState) {
    match side {
        Side::Sources => sources(frame, area, state),
        Side::Codebook => codebook(frame, area, state),
        Side::Passages => passages(frame, area, state),
    }
}

fn list(
    frame: &mut Frame<'_>,
    area: Rect,
    title: String,
    items: Vec<ListItem<'_>>,
    selected: usize,
    focus: bool,
    state: &AppState,
) {
    let l = List::new(items)
        .block(block(title, focus, state))
        .highlight_style(state.ui.theme.highlight());
    let mut ls = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(l, area, &mut ls);
}
