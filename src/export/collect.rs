//! Collects the verbatims of every annex section in one pass over the sources (through the
//! query layer's selection engine: each text is cut into units once; sources worked on at once),
//! printed through the key when the export pseudonymises, and the transcripts annex.
//!
//! Invariants: codings of a section in one source that overlap or touch become one verbatim
//! (with `join_adjacent`, also those separated only by white space); orphaned codings never
//! appear; a verbatim's coding memos are those of the codings it is made of; filters are those of
//! `passages` (DESIGN §4), applied to the unit where a verbatim starts; verbatims come out by
//! source (natural label order) then position.

use super::citation::{Citation, CitationData};
use super::items::{Transcript, Verbatim};
use super::names::Names;
use super::options::Options;
use crate::anonymise::Matcher;
use crate::error::Result;
use crate::ids::{CodingId, NodeId};
use crate::model::Role;
use crate::query::{Selection, SourceSelection, Stretch, select_map};
use crate::session::Session;
use crate::text::turns;
use std::collections::{BTreeMap, HashMap};

/// The verbatims of each of `sections` sections; `targets` gives, for a node, the sections its
/// codings go to; `key`: the key to print names through (`None` keeps them). Sources are
/// worked on at once, on every core.
pub(super) fn verbatims(
    session: &Session,
    options: &Options,
    citation: &Citation,
    key: Option<&Matcher>,
    targets: &HashMap<NodeId, Vec<usize>>,
    sections: usize,
) -> Result<Vec<Vec<Verbatim>>> {
    let sel = Selection {
        groups: targets.clone(),
        filters: options.filters.clone(),
        join_across_spaces: options.join_adjacent,
    };
    let memos = if options.memos {
        coding_memos(session)?
    } else {
        HashMap::new()
    };
    let per_source = select_map(session, &sel, |s| {
        let row = session.project().cases.rows.get(&s.meta.case);
        let mut names = Names::new(key);
        let mut found: Vec<(usize, Verbatim)> = Vec::new();
        for (section, stretches) in &s.groups {
            for st in stretches {
                if let Some(mut v) = verbatim(session, options, citation, &s, row, st, &mut names) {
                    if !memos.is_empty() {
                        v.memos = memos_of(session, &memos, &s, st, &names);
                    }
                    found.push((*section, v));
                }
            }
        }
        Ok(found)
    })?;
    let mut out: Vec<Vec<Verbatim>> = vec![Vec::new(); sections];
    for (section, v) in per_source.into_iter().flatten() {
        out[section].push(v);
    }
    Ok(out)
}

/// Coding id → its memos' texts (memo list order).
pub(super) fn coding_memos(session: &Session) -> Result<HashMap<CodingId, Vec<String>>> {
    let mut out: HashMap<CodingId, Vec<String>> = HashMap::new();
    for m in session.memos()? {
        if let crate::memo::Target::Coding(id) = m.target {
            out.entry(id).or_default().push(m.text.trim().to_owned());
        }
    }
    Ok(out)
}

/// The memos of the codings a stretch is made of: codings of its nodes, by its coders, inside
/// it (the engine united every such coding into the stretch), in position order, printed
/// through `names`.
pub(super) fn memos_of(
    session: &Session,
    memos: &HashMap<CodingId, Vec<String>>,
    u: &SourceSelection,
    st: &Stretch,
    names: &Names,
) -> Vec<String> {
    let mut found: Vec<(usize, usize, &Vec<String>)> = session
        .codings()
        .of_source(u.meta.id)
        .filter(|(coder, c)| {
            !c.is_orphaned()
                && st.nodes.contains(&c.node)
                && st.coders.contains(coder)
                && st.start <= c.start
                && c.end <= st.end
        })
        .filter_map(|(_, c)| memos.get(&c.id).map(|m| (c.start, c.end, m)))
        .collect();
    found.sort_by_key(|(s, e, _)| (*s, *e));
    let mut out: Vec<String> = Vec::new();
    for (_, _, texts) in found {
        for t in texts {
            if !out.contains(t) {
                out.push(t.clone());
            }
        }
    }
    for memo in &mut out {
        names.text(memo);
    }
    out
}

/// The timestamp of unit `i`, or the last one written before it.
fn time_at(units: &[turns::Unit], i: usize) -> Option<String> {
    units[..=i].iter().rev().find_map(|u| u.time.clone())
}

/// One verbatim from a kept stretch, or `None` when nothing is left of it (only the
/// interviewer's words, with those left out); every string printed through `names`, and the
/// citation rendered from them, so it shows exactly the verbatim as printed.
pub(super) fn verbatim(
    session: &Session,
    options: &Options,
    citation: &Citation,
    u: &SourceSelection,
    source_row: Option<&BTreeMap<String, String>>,
    st: &Stretch,
    names: &mut Names,
) -> Option<Verbatim> {
    let text = &u.text;
    let (start, end) = (st.start, st.end);
    let (b0, b1) = (text.index.byte_of(start)?, text.index.byte_of(end)?);
    let speaker = st.speaker.map(|i| names.field(&u.meta.speakers[i].name));
    let mut body = if options.keep_interviewer {
        text.text[b0..b1].trim().to_owned()
    } else {
        without_interviewer(u, b0, b1)?
    };
    // Printed first, then cut: the length counted is the one the reader sees.
    names.text(&mut body);
    if let Some(max) = options.max_chars {
        body = cut(&body, max);
    }
    let row = if st.case == u.meta.case {
        source_row
    } else {
        session.project().cases.rows.get(&st.case)
    };
    let attributes: Vec<String> = session
        .project()
        .cases
        .attributes
        .iter()
        .map(|a| {
            row.and_then(|r| r.get(a))
                .map_or_else(String::new, |v| names.field(v))
        })
        .collect();
    let case = names.field(&st.case);
    let label = names.field(&u.meta.label);
    let at = st.unit;
    let turn = at.map_or(0, |i| i + 1);
    let mut time = at.and_then(|i| time_at(&u.units, i));
    if let Some(t) = &mut time {
        names.text(t);
    }
    let citation = citation.render(&CitationData {
        text: &body,
        case: &case,
        label: &label,
        speaker: speaker.as_deref().unwrap_or(""),
        turn,
        time: time.as_deref().unwrap_or(""),
        attributes: &attributes,
    });
    let (mut before, mut after) = if options.context > 0 {
        (
            last_words(&text.text[..b0], options.context),
            first_words(&text.text[b1..], options.context),
        )
    } else {
        (String::new(), String::new())
    };
    names.text(&mut before);
    names.text(&mut after);
    Some(Verbatim {
        source: u.meta.id,
        label,
        case,
        speaker,
        start,
        end,
        text: body,
        citation,
        before,
        after,
        attributes,
        turn,
        time,
        coders: st.coders.iter().map(|c| names.field(c)).collect(),
        memos: Vec::new(),
    })
}

/// The text of `b0..b1` without the interviewer's turns (each gap marked `[…]`); `None` when
/// nothing else is left.
fn without_interviewer(u: &SourceSelection, b0: usize, b1: usize) -> Option<String> {
    let is_interviewer = |x: &turns::Unit| {
        x.speaker
            .is_some_and(|s| u.meta.speakers[s].role == Role::Interviewer)
    };
    let mut pieces: Vec<&str> = Vec::new();
    let mut from = b0;
    for unit in u.units.iter().filter(|x| x.start < b1 && b0 <= x.end) {
        if is_interviewer(unit) {
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
    let by_case = options.filters.by_case();
    let attrs = &session.project().cases.attributes;
    let mut out = Vec::new();
    for meta in session.project().sources() {
        if !by_case.admits(&session.project().cases, &meta.case, None) {
            continue;
        }
        let row = session.project().cases.rows.get(&meta.case);
        // Left out when unreadable; named by the front end (`Session::unreadable_texts`).
        let Ok(text) = session.text(meta.id) else {
            continue;
        };
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
