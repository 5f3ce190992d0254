//! Collects the verbatims of every annex section in one pass over the sources (each text is cut
//! into units once), and the transcripts annex.
//!
//! Invariants: codings of a section in one source that overlap, touch or are separated only by
//! white space become one verbatim;
//! orphaned codings never appear; filters are those of `passages` (DESIGN §4), applied to the
//! unit where a verbatim starts; verbatims come out by source (natural label order) then position.

use super::annex::{Transcript, Verbatim};
use super::citation::{Citation, CitationData};
use super::options::Options;
use crate::coding::SourceText;
use crate::coding::passages::{Filters, Span, merge_spans};
use crate::error::Result;
use crate::model::{Role, SourceMeta};
use crate::session::Session;
use crate::text::turns;
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

/// What the units of one source tell about a position.
struct Units<'a> {
    meta: &'a SourceMeta,
    text: &'a SourceText,
    units: Vec<turns::Unit>,
}

impl Units<'_> {
    /// The timestamp of unit `i`, or the last one written before it.
    fn time(&self, i: usize) -> Option<String> {
        self.units[..=i].iter().rev().find_map(|u| u.time.clone())
    }

    fn is_interviewer(&self, u: &turns::Unit) -> bool {
        u.speaker
            .is_some_and(|s| self.meta.speakers[s].role == Role::Interviewer)
    }
}

/// The verbatims of each of `sections` sections; `targets` gives, for a node, the sections its
/// codings go to.
pub(super) fn verbatims(
    session: &Session,
    options: &Options,
    citation: &Citation,
    targets: &HashMap<Uuid, Vec<usize>>,
    sections: usize,
) -> Result<Vec<Vec<Verbatim>>> {
    let f = &options.filters;
    let also: Option<HashSet<Uuid>> = f.also_nodes.as_ref().map(|ns| {
        ns.iter()
            .flat_map(|n| session.codebook.subtree_ids(*n))
            .collect()
    });
    let mut out: Vec<Vec<Verbatim>> = vec![Vec::new(); sections];
    for meta in session.project.sources() {
        let mut spans: BTreeMap<usize, Vec<Span>> = BTreeMap::new();
        let mut also_spans: Vec<(usize, usize)> = Vec::new();
        for (coder, c) in session.codings.of_source(meta.id) {
            if c.is_orphaned() || f.coder.as_deref().is_some_and(|w| w != coder) {
                continue;
            }
            if also.as_ref().is_some_and(|a| a.contains(&c.node)) {
                also_spans.push((c.start, c.end));
            }
            for &t in targets.get(&c.node).into_iter().flatten() {
                spans
                    .entry(t)
                    .or_default()
                    .push((c.start, c.end, coder.to_owned(), c.node));
            }
        }
        if spans.is_empty() {
            continue;
        }
        let text = session.text(meta.id)?;
        let units = Units {
            meta,
            text: &text,
            units: turns::source_units(meta, &text.text),
        };
        let row = session.project.cases.rows.get(&meta.case);
        for (section, list) in spans {
            for (start, end) in join_adjacent(&text, merge_spans(list)) {
                if also.is_some() && !also_spans.iter().any(|(s, e)| *s < end && start < *e) {
                    continue;
                }
                if let Some(v) = verbatim(session, options, citation, &units, row, start, end) {
                    out[section].push(v);
                }
            }
        }
    }
    Ok(out)
}

/// Ranges of merged spans, with those separated only by white space joined too (two codings
/// of consecutive sentences make one verbatim).
fn join_adjacent<T, U>(
    text: &SourceText,
    merged: Vec<(usize, usize, T, U)>,
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(merged.len());
    for (start, end, _, _) in merged {
        match out.last_mut() {
            Some(last) if text.slice(last.1, start).trim().is_empty() => last.1 = end,
            _ => out.push((start, end)),
        }
    }
    out
}

/// One verbatim from `start..end`, or `None` when the filters leave it out.
fn verbatim(
    session: &Session,
    options: &Options,
    citation: &Citation,
    u: &Units,
    source_row: Option<&BTreeMap<String, String>>,
    start: usize,
    end: usize,
) -> Option<Verbatim> {
    let text = u.text;
    let (b0, b1) = (text.index.byte_of(start)?, text.index.byte_of(end)?);
    let at = turns::index_containing(&u.units, b0);
    let unit = at.map(|i| &u.units[i]);
    let speaker = unit.and_then(|x| x.speaker).map(|i| &u.meta.speakers[i]);
    let case = speaker
        .and_then(|s| s.case.clone())
        .unwrap_or_else(|| u.meta.case.clone());
    if !session.keep(&options.filters, &case, speaker) {
        return None;
    }
    let mut body = if options.keep_interviewer {
        text.text[b0..b1].trim().to_owned()
    } else {
        without_interviewer(u, b0, b1)?
    };
    if let Some(max) = options.max_chars {
        body = cut(&body, max);
    }
    let row = if case == u.meta.case {
        source_row
    } else {
        session.project.cases.rows.get(&case)
    };
    let attributes: Vec<String> = session
        .project
        .cases
        .attributes
        .iter()
        .map(|a| row.and_then(|r| r.get(a)).cloned().unwrap_or_default())
        .collect();
    let turn = at.map_or(0, |i| i + 1);
    let time = at.and_then(|i| u.time(i));
    let citation = citation.render(&CitationData {
        text: &body,
        case: &case,
        label: &u.meta.label,
        speaker: speaker.map_or("", |s| s.name.as_str()),
        turn,
        time: time.as_deref().unwrap_or(""),
        attributes: &attributes,
    });
    let (before, after) = if options.context > 0 {
        (
            last_words(&text.text[..b0], options.context),
            first_words(&text.text[b1..], options.context),
        )
    } else {
        (String::new(), String::new())
    };
    Some(Verbatim {
        label: u.meta.label.clone(),
        case,
        speaker: speaker.map(|s| s.name.clone()),
        start,
        end,
        text: body,
        citation,
        before,
        after,
        attributes,
        turn,
        time,
    })
}

/// The text of `b0..b1` without the interviewer's turns (each gap marked `[…]`); `None` when
/// nothing else is left.
fn without_interviewer(u: &Units, b0: usize, b1: usize) -> Option<String> {
    let mut pieces: Vec<&str> = Vec::new();
    let mut from = b0;
    for unit in u.units.iter().filter(|x| x.start < b1 && b0 <= x.end) {
        if u.is_interviewer(unit) {
            pieces.push(&u.text.text[from..unit.start.max(from)]);
            from = (unit.end + 1).min(b1).max(from);
        }
    }
    pieces.push(&u.text.text[from.min(b1)..b1]);
    let kept: Vec<&str> = pieces
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    (!kept.is_empty()).then(|| kept.join(" […] "))
}

/// Cuts `text` to at most `max` characters at a word boundary, marking the cut `[…]`.
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let byte = text.char_indices().nth(max).map_or(text.len(), |(b, _)| b);
    let head = &text[..byte];
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space > 0 => &head[..space],
        _ => head,
    };
    format!("{} […]", head.trim_end())
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn last_words(before: &str, n: usize) -> String {
    let from = floor_boundary(before, before.len().saturating_sub(n * 40 + 40));
    let words: Vec<&str> = before[from..].split_whitespace().rev().take(n).collect();
    words.into_iter().rev().collect::<Vec<_>>().join(" ")
}

fn first_words(after: &str, n: usize) -> String {
    let to = floor_boundary(after, (n * 40 + 40).min(after.len()));
    after[..to]
        .split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The transcripts annex: every source kept by the case and attribute filters, units numbered.
pub(super) fn transcripts(session: &Session, options: &Options) -> Result<Vec<Transcript>> {
    // A whole transcript is kept or not by its case; speaker and role filters do not apply.
    let by_case = Filters {
        case: options.filters.case.clone(),
        attrs: options.filters.attrs.clone(),
        ..Filters::default()
    };
    let attrs = &session.project.cases.attributes;
    let mut out = Vec::new();
    for meta in session.project.sources() {
        if !session.keep(&by_case, &meta.case, None) {
            continue;
        }
        let row = session.project.cases.rows.get(&meta.case);
        let text = session.text(meta.id)?;
        let units = turns::source_units(meta, &text.text);
        let turns = units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let who = u.speaker.map(|s| {
                    let name = &meta.speakers[s].name;
                    match &u.time {
                        Some(t) => format!("[{t}] {name}"),
                        None => name.clone(),
                    }
                });
                (i + 1, who, text.text[u.body_start..u.end].trim().to_owned())
            })
            .collect();
        out.push(Transcript {
            label: meta.label.clone(),
            case: meta.case.clone(),
            attributes: attrs
                .iter()
                .filter_map(|a| {
                    row.and_then(|r| r.get(a))
                        .filter(|v| !v.is_empty())
                        .map(|v| (a.clone(), v.clone()))
                })
                .collect(),
            anchor: format!("t-{}", meta.id),
            turns,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_a_word_boundary_and_marks_the_cut() {
        assert_eq!(
            cut("on ne se connaissait pas", 100),
            "on ne se connaissait pas"
        );
        assert_eq!(cut("on ne se connaissait pas", 12), "on ne se […]");
        assert_eq!(cut("Anticonstitutionnellement", 5), "Antic […]");
        assert_eq!(cut("éééé éé", 5), "éééé […]");
    }

    #[test]
    fn context_words_around() {
        assert_eq!(last_words("un deux\ntrois  quatre ", 2), "trois quatre");
        assert_eq!(first_words(" cinq six sept", 2), "cinq six");
        assert_eq!(last_words("é", 3), "é");
    }
}
