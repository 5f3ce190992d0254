//! The speakers popup: the source's convention (name and an example), each speaker with its
//! role, case and number of turns, and — after a re-detection — what the new detection finds,
//! with its first turns, before it is saved.

use super::super::i18n::{Lang, T};
use super::super::source_rows::{SpeakerRow, SpeakersView};
use super::super::state::AppState;
use super::centered;
use crate::model::Role;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub fn role(lang: Lang, r: Role) -> &'static str {
    lang.t(match r {
        Role::Interviewer => T::RoleInterviewer,
        Role::Participant => T::RoleParticipant,
        Role::Other => T::RoleOther,
    })
}

fn speaker_line(lang: Lang, s: &SpeakerRow, cases: bool) -> String {
    let case = if cases {
        format!(
            "  {} {}",
            lang.t(T::CaseLabel),
            s.case.as_deref().unwrap_or("—")
        )
    } else {
        String::new()
    };
    let turns = if lang == Lang::Fr { "tours" } else { "turns" };
    format!(
        "{:<24} {:<12} {:>4} {turns}{case}",
        s.name,
        role(lang, s.role),
        s.turns
    )
}

pub fn render(frame: &mut Frame<'_>, area: Rect, v: &SpeakersView, state: &AppState) {
    let lang = state.ui.lang;
    let r = centered(area, 96, area.height.saturating_sub(2).min(30));
    frame.render_widget(Clear, r);
    let mut lines = vec![
        Line::raw(format!(
            "{} {} — {}",
            lang.t(T::ConventionLabel),
            v.convention.0,
            v.convention.1
        )),
        Line::raw(""),
    ];
    if v.speakers.is_empty() {
        lines.push(Line::raw(lang.t(T::NoSpeakers)));
    }
    for (i, s) in v.speakers.iter().enumerate() {
        let text = format!(
            "{}{}",
            if i == v.selected { "▶ " } else { "  " },
            speaker_line(lang, s, true)
        );
        lines.push(if i == v.selected && v.preview.is_none() {
            Line::styled(text, Style::default().add_modifier(Modifier::REVERSED))
        } else {
            Line::raw(text)
        });
    }
    let hint = if let Some(p) = &v.preview {
        lines.push(Line::raw(""));
        let mut head = format!(
            "── {} ({} {} — {}) ──",
            lang.t(T::PreviewTitle),
            lang.t(T::ConventionLabel),
            p.convention.0,
            p.convention.1
        );
        if !p.changed {
            head.push(' ');
            head.push_str(lang.t(T::Unchanged));
        }
        lines.push(Line::styled(
            head,
            Style::default().add_modifier(Modifier::BOLD),
        ));
        if let Some(note) = &p.note {
            lines.push(Line::raw(format!("⚠ {note}")));
        }
        if p.speakers.is_empty() {
            lines.push(Line::raw(lang.t(T::NoSpeakers)));
        }
        for s in &p.speakers {
            lines.push(Line::raw(format!("  {}", speaker_line(lang, s, false))));
        }
        lines.push(Line::raw(""));
        for (who, text) in &p.first_turns {
            let who = who.as_deref().unwrap_or("¶");
            lines.push(Line::raw(format!("  {who}: {text}")));
        }
        lang.t(T::PreviewHint)
    } else {
        lang.t(T::SpeakersHint)
    };
    let b = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} {} ", lang.t(T::SpeakersTitle), v.label))
        .title_bottom(format!(" {hint} "));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(b), r);
}
