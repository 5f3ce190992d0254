//! The header (project, open source and its case, saved state, coder) and the status bar (mode,
//! last message, key hints generated from the active keymap).

use super::super::action::Action;
use super::super::i18n::T;
use super::super::state::{AppState, Mode};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn header(frame: &mut Frame<'_>, area: Rect, state: &AppState) {
    let mut left = format!(" verbatim · {}", state.ui.project);
    if let Some(d) = &state.transcript.doc {
        left.push_str(&format!(" · {}", d.label));
        if let Some(s) = state
            .sources
            .rows
            .iter()
            .find(|s| s.id == d.id)
            .filter(|s| !s.attributes.is_empty())
        {
            left.push_str(&format!(", {}", s.attributes.join(", ")));
        }
    }
    let mut right = String::new();
    if state.ui.orphans > 0 {
        right.push_str(&format!(
            "{} {}  ",
            state.ui.orphans,
            state.ui.lang.t(T::Orphans)
        ));
    }
    if state.ui.indexing {
        right.push_str(state.ui.lang.t(T::Indexing));
        right.push_str("  ");
    }
    if let Some((done, total)) = state.ui.exporting {
        let pct = (done * 100).checked_div(total).unwrap_or(0);
        right.push_str(&format!("{} {pct}%  ", state.ui.lang.t(T::Exporting)));
    }
    if let Some((done, total)) = state.ui.importing {
        right.push_str(&format!(
            "{} {done}/{total}  ",
            state.ui.lang.t(T::Importing)
        ));
    }
    if state.ui.saved {
        right.push_str(state.ui.lang.t(T::Saved));
    }
    right.push_str(&format!(
        "   {} {} ",
        state.ui.lang.t(T::CoderLabel),
        state.ui.coder
    ));
    let pad = (area.width as usize).saturating_sub(left.width() + right.width());
    let line = Line::from(vec![
        Span::styled(
            left,
            ratatui::style::Style::default().add_modifier(Modifier::BOLD),
        ),
        Span::raw(" ".repeat(pad)),
        Span::raw(right),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The hints of the codebook pane.
const CODEBOOK_HINTS: &[(Action, &str, &str)] = &[
    (Action::Confirm, "passages", "passages"),
    (Action::NodeAddChild, "add", "ajouter"),
    (Action::NodeRename, "rename", "renommer"),
    (Action::NodeMerge, "merge", "fusionner"),
    (Action::NodeDelete, "delete", "supprimer"),
    (Action::NodeDescribe, "describe", "décrire"),
    (Action::Undo, "undo", "annuler"),
    (Action::Palette, "commands", "commandes"),
    (Action::Help, "help", "aide"),
];

/// The hints of the passages pane.
const PASSAGES_HINTS: &[(Action, &str, &str)] = &[
    (Action::Confirm, "go to", "aller"),
    (Action::PassagesReader, "read in full", "lire en entier"),
    (Action::PassageDetails, "context", "contexte"),
    (Action::PassagesFilter, "filter", "filtrer"),
    (Action::Copy, "copy", "copier"),
    (Action::Palette, "commands", "commandes"),
    (Action::Help, "help", "aide"),
];

/// The hints of the sources pane.
const SOURCES_HINTS: &[(Action, &str, &str)] = &[
    (Action::Confirm, "open", "ouvrir"),
    (Action::SourceRename, "rename", "renommer"),
    (Action::SourceDelete, "delete", "supprimer"),
    (Action::SourceReplace, "replace", "remplacer"),
    (Action::SourceSpeakers, "speakers", "locuteurs"),
    (Action::Undo, "undo", "annuler"),
    (Action::Palette, "commands", "commandes"),
    (Action::Help, "help", "aide"),
];

/// The hints of the transcript.
const HINTS: &[(Action, &str, &str)] = &[
    (Action::Visual, "select", "sélection"),
    (Action::Code, "code", "coder"),
    (Action::CodeAgain, "again", "recoder"),
    (Action::Uncode, "uncode", "décoder"),
    (Action::Undo, "undo", "annuler"),
    (Action::JumpSource, "source", "source"),
    (Action::Palette, "commands", "commandes"),
    (Action::Help, "help", "aide"),
    (Action::Quit, "quit", "quitter"),
];

pub fn status_bar(frame: &mut Frame<'_>, area: Rect, state: &AppState) {
    let mode = match state.transcript.mode {
        Mode::Normal => state.ui.lang.t(T::Normal),
        Mode::Visual { .. } => state.ui.lang.t(T::Visual),
    };
    let mut spans = vec![
        Span::styled(
            format!(" {mode} "),
            ratatui::style::Style::default().add_modifier(Modifier::REVERSED),
        ),
        Span::raw(" "),
    ];
    if let Some(m) = &state.ui.message {
        spans.push(Span::styled(
            format!("{m}  "),
            ratatui::style::Style::default().add_modifier(Modifier::BOLD),
        ));
    }
    let hints = match state.ui.focus {
        super::super::state::Focus::Codebook => CODEBOOK_HINTS,
        super::super::state::Focus::Passages => PASSAGES_HINTS,
        super::super::state::Focus::Sources => SOURCES_HINTS,
        _ => HINTS,
    };
    for (action, en, fr) in hints {
        if let Some(k) = state.ui.keymap.hint(*action) {
            spans.push(Span::styled(
                k.to_owned(),
                ratatui::style::Style::default().add_modifier(Modifier::BOLD),
            ));
            spans.push(Span::raw(format!(
                " {}  ",
                if state.french() { fr } else { en }
            )));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
