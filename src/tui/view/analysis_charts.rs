//! The chart-like analysis views: word frequency as horizontal bars, intercoder agreement (the
//! figures, the nodes with the lowest kappa, the disagreements to go to) and the saturation
//! chart (nodes used so far after each interview, with the new ones).
//!
//! Invariant: pure drawing; bars are scaled to the largest value shown, so the longest fills
//! the room left after the labels.

use super::super::analysis_i18n::A;
use super::super::analysis_rows::{AgreementData, AnalysisView, SaturationStep, WordsData};
use super::super::state::AppState;
use super::analysis::{first_shown, fit, line, selected_style};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};

/// A bar of `value` over `max` in `width` cells (at least one cell for a value above zero).
fn bar(value: usize, max: usize, width: usize) -> String {
    if max == 0 || value == 0 {
        return String::new();
    }
    "█".repeat((value * width / max).max(1))
}

fn percent(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{:.1} %", v * 100.0))
}

fn number(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{v:.2}"))
}

pub fn words(frame: &mut Frame<'_>, r: Rect, w: &WordsData, row: usize, state: &AppState) {
    let lang = state.ui.lang;
    let mut lines = vec![Line::from(Span::styled(
        format!("{} {}", w.total_words, lang.a(A::WordsOf)),
        Style::default().add_modifier(Modifier::BOLD),
    ))];
    let max = w.rows.first().map_or(0, |x| x.count);
    let room = (r.width as usize).saturating_sub(18 + 8 + 8 + 2);
    let height = (r.height as usize).saturating_sub(1);
    let first = first_shown(row, height);
    for (i, x) in w.rows.iter().enumerate().skip(first).take(height) {
        let label = format!(
            "{}{:>7}{:>7.2}% ",
            fit(&x.word, 18),
            x.count,
            x.share * 100.0
        );
        let label = if i == row {
            Span::styled(label, selected_style())
        } else {
            Span::raw(label)
        };
        lines.push(Line::from(vec![label, Span::raw(bar(x.count, max, room))]));
    }
    frame.render_widget(Paragraph::new(lines), r);
}

pub fn agreement(frame: &mut Frame<'_>, r: Rect, a: &AgreementData, row: usize, state: &AppState) {
    let lang = state.ui.lang;
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let basis = if a.exclude_uncoded {
        A::UncodedLeftOut
    } else {
        A::UncodedCounted
    };
    let mut lines = vec![
        Line::from(Span::styled(
            format!(
                "{} — {} {} · {} {} · {} {}",
                a.coders.join(" × "),
                lang.a(A::Percent),
                percent(a.percent),
                lang.a(A::Kappa),
                number(a.kappa),
                lang.a(A::Alpha),
                number(a.alpha)
            ),
            bold,
        )),
        Line::raw(format!("({} · o)", lang.a(basis))),
    ];
    let width = r.width as usize;
    let node_rows = (r.height as usize / 3).min(a.nodes.len());
    for n in a.nodes.iter().take(node_rows) {
        lines.push(Line::raw(format!(
            "{}{:>10}{:>9}",
            fit(&n.path, width.saturating_sub(20)),
            percent(n.percent),
            number(n.kappa)
        )));
    }
    lines.push(Line::from(Span::styled(
        format!("{} ({})", lang.a(A::Disagreements), a.disagreements.len()),
        bold,
    )));
    if a.disagreements.is_empty() {
        lines.push(Line::raw(lang.a(A::NoDisagreement)));
    }
    let height = (r.height as usize).saturating_sub(lines.len());
    let first = first_shown(row, height);
    for (i, d) in a.disagreements.iter().enumerate().skip(first).take(height) {
        let text = fit(&format!("{:<5} {}  — {}", d.label, d.note, d.text), width);
        lines.push(if i == row {
            Line::from(Span::styled(text, selected_style()))
        } else {
            Line::raw(text)
        });
    }
    frame.render_widget(Paragraph::new(lines), r);
}

pub fn saturation(
    frame: &mut Frame<'_>,
    r: Rect,
    steps: &[SaturationStep],
    view: &AnalysisView,
    state: &AppState,
) {
    let lang = state.ui.lang;
    let order = if view.ask.by_label {
        A::OrderLabel
    } else {
        A::OrderCoded
    };
    let total = steps.last().map_or(0, |s| s.cumulative);
    let head = format!(
        "{}: {total} · {} {} {} · ({} +{}) · o",
        lang.a(A::Cumulative),
        steps.len(),
        lang.a(A::Interviews),
        lang.a(order),
        lang.a(A::Cumulative),
        lang.a(A::NewNodes),
    );
    frame.render_widget(
        Paragraph::new(Span::styled(
            head,
            Style::default().add_modifier(Modifier::BOLD),
        )),
        line(r, 0),
    );
    let bars: Vec<Bar<'_>> = steps
        .iter()
        .map(|s| {
            Bar::default()
                .value(s.cumulative as u64)
                .label(Line::from(s.label.clone()))
                .text_value(format!("{} +{}", s.cumulative, s.new))
        })
        .collect();
    let n = steps.len().max(1) as u16;
    let width = ((r.width.saturating_sub(n)) / n).clamp(3, 12);
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(width)
        .bar_gap(1)
        .max(total.max(1) as u64);
    let body = Rect::new(r.x, r.y + 2, r.width, r.height.saturating_sub(2));
    frame.render_widget(chart, body);
}
