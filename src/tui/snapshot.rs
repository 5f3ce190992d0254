//! Snapshots of the session that the views draw from: sources, the codebook tree and node
//! marks, the open transcript with its codings (and their gutter lanes), passages. The runtime
//! builds them and hands them to `update` in a message.
//!
//! Invariant: these functions only read the session and the state; they return whole values.

use super::msg::Snapshot;
use super::rows::{Doc, MemoRow, NodeInfo, PassageRow, SourceRow, TreeRow, ViewCoding};
use super::state::AppState;
use crate::codebook::Node;
use crate::ids::{NodeId, SourceId};
use crate::query::node_counts;
use crate::session::Session;
use crate::text::turns;
use std::collections::HashSet;

/// Every snapshot, built from the session with the state's expanded nodes (plus `expand`), the
/// open source and the passages shown.
pub fn snapshot(
    session: &Session,
    state: &AppState,
    expand: Vec<NodeId>,
    select: Option<NodeId>,
) -> crate::Result<Snapshot> {
    let mut collapsed = state.codebook.collapsed.clone();
    for id in &expand {
        collapsed.remove(id);
    }
    let (tree, nodes) = tree(session, &collapsed);
    Ok(Snapshot {
        sources: sources(session),
        tree,
        nodes,
        codings: state.transcript.doc.as_ref().map(|d| {
            let (codings, lanes) = codings(session, d, d.id);
            (d.id, codings, lanes)
        }),
        passages: passages(session, state)?,
        orphans: session
            .codings()
            .all()
            .filter(|(_, _, c)| c.is_orphaned())
            .count(),
        memos: session.memos()?.into_iter().map(|m| m.target).collect(),
        expand,
        select,
    })
}

/// The ancestors of a node (itself excluded), to expand so that it shows.
pub fn ancestors(session: &Session, id: NodeId) -> Vec<NodeId> {
    session
        .codebook()
        .ancestry(id)
        .unwrap_or_default()
        .iter()
        .rev()
        .skip(1)
        .map(|n| n.id)
        .collect()
}

fn sources(session: &Session) -> Vec<SourceRow> {
    let counts: std::collections::HashMap<SourceId, usize> = session
        .project()
        .manifest
        .sources
        .iter()
        .map(|s| (s.id, session.codings().of_source(s.id).count()))
        .collect();
    let attrs = &session.project().cases.attributes;
    session
        .project()
        .sources()
        .iter()
        .map(|s| SourceRow {
            id: s.id,
            label: s.label.clone(),
            attributes: attrs
                .iter()
                .filter_map(|a| {
                    session
                        .project()
                        .cases
                        .rows
                        .get(&s.case)
                        .and_then(|r| r.get(a))
                        .cloned()
                })
                .collect(),
            codings: counts.get(&s.id).copied().unwrap_or(0),
        })
        .collect()
}

fn tree(session: &Session, collapsed: &HashSet<NodeId>) -> (Vec<TreeRow>, Vec<NodeInfo>) {
    let counts = node_counts(session, None);
    let mut rows = Vec::new();
    fn walk(
        nodes: &[Node],
        depth: usize,
        collapsed: &HashSet<NodeId>,
        session: &Session,
        counts: &std::collections::HashMap<NodeId, crate::query::NodeCounts>,
        rows: &mut Vec<TreeRow>,
    ) {
        for n in nodes {
            let expanded = !collapsed.contains(&n.id);
            rows.push(TreeRow {
                id: n.id,
                depth,
                name: n.name.clone(),
                path: session.codebook().path_of(n.id).unwrap_or_default(),
                has_children: !n.children.is_empty(),
                expanded,
                codable: n.codable,
                counts: counts.get(&n.id).copied().unwrap_or_default(),
                description: n.description.clone(),
            });
            if expanded {
                walk(&n.children, depth + 1, collapsed, session, counts, rows);
            }
        }
    }
    walk(
        &session.codebook().nodes,
        0,
        collapsed,
        session,
        &counts,
        &mut rows,
    );
    let ids = session.codebook().all_ids();
    let nodes = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let n = session.codebook().node(*id).expect("own id");
            NodeInfo {
                id: *id,
                path: session.codebook().path_of(*id).unwrap_or_default(),
                color: n.color.clone(),
                mark: mark(i),
                codable: n.codable,
            }
        })
        .collect();
    (rows, nodes)
}

/// A letter per node, to tell nodes apart without colour: A–Z, then a–z, then digits.
fn mark(i: usize) -> char {
    const MARKS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    MARKS[i % MARKS.len()] as char
}

/// The passages of the node shown, filtered (`None` when that node is gone or none is shown).
fn passages(session: &Session, state: &AppState) -> crate::Result<Option<Vec<PassageRow>>> {
    let Some(node) = state
        .passages
        .of
        .filter(|n| session.codebook().node(*n).is_some())
    else {
        return Ok(None);
    };
    let filters = parse_filter(session, &state.passages.filter)?;
    Ok(Some(
        crate::query::passages(session, &[node], true, &filters)?
            .into_iter()
            .map(|p| {
                let (before, after) = context(session, p.source, p.start, p.end);
                PassageRow {
                    source: p.source,
                    label: p.label,
                    speaker: p.speaker,
                    start: p.start,
                    end: p.end,
                    text: p.text,
                    case: p.case,
                    coders: p.coders,
                    before,
                    after,
                }
            })
            .collect(),
    ))
}

/// Up to 160 characters before and after a code point range of a source, cut at words.
fn context(session: &Session, source: SourceId, start: usize, end: usize) -> (String, String) {
    const AROUND: usize = 160;
    let Ok(text) = session.text(source) else {
        return Default::default();
    };
    let before = text.slice(start.saturating_sub(AROUND), start);
    let after = text.slice(end, (end + AROUND).min(text.len()));
    let before = match before.split_once(char::is_whitespace) {
        Some((_, rest)) if start > AROUND => format!("…{rest}"),
        _ => before.to_owned(),
    };
    let after = match after.rsplit_once(char::is_whitespace) {
        Some((head, _)) if end + AROUND < text.len() => format!("{head}…"),
        _ => after.to_owned(),
    };
    (before, after)
}

/// Parses the passages filter typed in the TUI with the query grammar (`crate::query::grammar`),
/// the same as the CLI's `--filter`.
pub fn parse_filter(session: &Session, text: &str) -> crate::Result<crate::query::Filters> {
    crate::query::parse_filters(text, session.project(), session.codebook())
}

/// Loads a source for the transcript pane, with its codings (not yet laid out).
pub fn load_doc(session: &Session, id: SourceId) -> crate::Result<Doc> {
    let text = session.text(id)?;
    let meta = session.project().source(&id.to_string())?;
    let units = turns::source_units(meta, &text.text);
    let mut doc = Doc {
        id,
        label: meta.label.clone(),
        case: meta.case.clone(),
        text,
        units,
        speakers: meta
            .speakers
            .iter()
            .map(|s| (s.name.clone(), s.role))
            .collect(),
        codings: vec![],
        lanes: 0,
        layout: vec![],
        layout_width: 0,
    };
    let (codings, lanes) = codings(session, &doc, id);
    doc.codings = codings;
    doc.lanes = lanes;
    Ok(doc)
}

/// The codings of a source as drawn, sorted, each in a gutter lane; and how many lanes.
fn codings(session: &Session, doc: &Doc, id: SourceId) -> (Vec<ViewCoding>, usize) {
    let ix = &doc.text.index;
    let mut codings: Vec<ViewCoding> = session
        .codings()
        .of_source(id)
        .filter(|(_, c)| !c.is_orphaned())
        .filter_map(|(coder, c)| {
            Some(ViewCoding {
                coder: coder.to_owned(),
                id: c.id,
                node: c.node,
                start: ix.byte_of(c.start)?,
                end: ix.byte_of(c.end)?,
                lane: 0,
            })
        })
        .collect();
    codings.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    let mut lane_ends: Vec<usize> = Vec::new();
    for c in &mut codings {
        let lane = lane_ends
            .iter()
            .position(|e| *e <= c.start)
            .unwrap_or(lane_ends.len());
        if lane == lane_ends.len() {
            lane_ends.push(c.end);
        } else {
            lane_ends[lane] = c.end;
        }
        c.lane = lane.min(3);
    }
    (codings, lane_ends.len().clamp(1, 4))
}

/// Every memo for the browser: what it is about in words, when it was last written, its text;
/// the project's first, then by date, newest first.
pub fn memo_rows(session: &Session, lang: super::i18n::Lang) -> crate::Result<Vec<MemoRow>> {
    use crate::memo::Target;
    let fr = lang == super::i18n::Lang::Fr;
    let label = |id: SourceId| {
        session
            .project()
            .source(&id.to_string())
            .map_or_else(|_| id.to_string(), |m| m.label.clone())
    };
    let mut rows: Vec<MemoRow> = session
        .memos()?
        .into_iter()
        .map(|m| {
            let title = match m.target {
                Target::Project => (if fr { "Projet" } else { "Project" }).to_owned(),
                Target::Source(id) => format!("Source {}", label(id)),
                Target::Node(id) => format!(
                    "{} {}",
                    if fr { "Code" } else { "Node" },
                    session.codebook().path_of(id).unwrap_or_default()
                ),
                Target::Coding(id) => {
                    let found = session.codings().all().find(|(_, _, c)| c.id == id);
                    let what = if fr { "Codage" } else { "Coding" };
                    match found {
                        Some((_, source, c)) => {
                            let quote: String = c.quote.chars().take(24).collect();
                            format!("{what} {} « {quote}… »", label(source))
                        }
                        None => what.to_owned(),
                    }
                }
            };
            let date = std::fs::metadata(session.root().join("memos").join(format!("{}.md", m.id)))
                .and_then(|md| md.modified())
                .ok()
                .map(time::OffsetDateTime::from)
                .and_then(|t| {
                    t.format(time::macros::format_description!(
                        "[year]-[month]-[day] [hour]:[minute]"
                    ))
                    .ok()
                })
                .unwrap_or_default();
            MemoRow {
                target: m.target,
                title,
                date,
                text: m.text,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (b.target == Target::Project)
            .cmp(&(a.target == Target::Project))
            .then(b.date.cmp(&a.date))
    });
    Ok(rows)
}
