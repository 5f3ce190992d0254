//! The annex model: what every export format writes — the selected part of the coding tree in
//! tree order, each node's verbatims with their citations, an optional code dictionary and an
//! optional annex of the full transcripts. Built once by [`build`]; writers only lay it out.
//!
//! Invariants: sections follow the codebook's order (pre-order); a verbatim is one coding of its
//! section's node(s) in one source once overlapping or touching codings are united (with
//! `join_adjacent`, also those separated only by white space), so it appears once per section;
//! a heading's counts cover its subtree (each passage once, interviews counted by source) when
//! only its descendants hold verbatims; with a key, every string is printed through it before
//! the verbatims are ordered (an attribute order follows the values as printed); every string
//! is plain text (writers escape it for their format).

use super::citation_setup::CitationSetup;
use super::collect;
pub use super::items::{Transcript, Verbatim};
use super::options::{Numbering, Options, Order};
use crate::codebook::Node;
use crate::error::{Error, Result};
use crate::ids::{NodeId, SourceId};
use crate::model::Language;
use crate::session::Session;
use crate::text::natural_cmp;
use std::collections::HashMap;

/// The whole annex.
#[derive(Debug, Clone)]
pub struct Annex {
    pub language: Language,
    pub title: String,
    /// Case attribute names (the spreadsheet columns, in the case table's order).
    pub attributes: Vec<String>,
    pub sections: Vec<Section>,
    pub show_counts: bool,
    pub descriptions: bool,
    pub transcripts: Vec<Transcript>,
    /// The CSV dialect (other formats ignore it).
    pub csv: super::options::CsvPreset,
    /// Things the reader should know (a filter that matched nothing, a cell split…).
    pub warnings: Vec<String>,
    /// The project's pseudonymisation key, when it has one: applied to every string (unless
    /// the export keeps names) and used by the leak check on the written bytes.
    pub key: Option<crate::anonymise::Matcher>,
    /// Write even when the leak check finds an original of the key.
    pub allow_leaks: bool,
    /// Memos asked for: node memos under headings, coding memos under verbatims, and a memo
    /// column in the spreadsheets.
    pub memos: bool,
}

/// One node of the tree with its verbatims.
#[derive(Debug, Clone)]
pub struct Section {
    pub node: NodeId,
    /// 0 for the top of the selection.
    pub depth: usize,
    /// The number written before the name (`2.1`), empty when none.
    pub number: String,
    pub name: String,
    /// The node path (DESIGN §4).
    pub path: String,
    pub description: String,
    /// A stable anchor for links (`n-<node id>`).
    pub anchor: String,
    pub verbatims: Vec<Verbatim>,
    /// Distinct sources among the verbatims.
    pub interviews: usize,
    /// Distinct verbatims (source and range: a passage coded on two nodes counts once) of the
    /// section and of every shown descendant section (with `rollup`, the section's own already
    /// hold its descendants', so this is its own count).
    pub subtree_verbatims: usize,
    /// Distinct sources among those.
    pub subtree_interviews: usize,
    /// The node's memos (texts), when memos are asked for.
    pub memos: Vec<String>,
}

impl Section {
    /// The heading text: number and name.
    pub fn heading(&self) -> String {
        if self.number.is_empty() {
            self.name.clone()
        } else {
            format!("{} {}", self.number, self.name)
        }
    }
}

/// Headings and words in the project's language.
pub struct Words {
    pub tree: &'static str,
    pub dictionary: &'static str,
    pub verbatims: &'static str,
    pub transcripts: &'static str,
    pub contents: &'static str,
    pub verbatim_one: &'static str,
    pub verbatim_many: &'static str,
    pub interview_one: &'static str,
    pub interview_many: &'static str,
    pub no_description: &'static str,
    /// After the count of a heading whose verbatims are all in its sub-categories.
    pub in_subcategories: &'static str,
    pub memo: &'static str,
}

impl Annex {
    pub fn words(&self) -> Words {
        match self.language {
            Language::Fr => Words {
                tree: "Arbre de codage",
                dictionary: "Dictionnaire des codes",
                verbatims: "Verbatims par catégorie",
                transcripts: "Retranscriptions",
                contents: "Sommaire",
                verbatim_one: "verbatim",
                verbatim_many: "verbatims",
                interview_one: "entretien",
                interview_many: "entretiens",
                no_description: "(sans description)",
                in_subcategories: "dans les sous-catégories",
                memo: "Mémo",
            },
            Language::En => Words {
                tree: "Coding tree",
                dictionary: "Code dictionary",
                verbatims: "Verbatims by category",
                transcripts: "Transcripts",
                contents: "Contents",
                verbatim_one: "verbatim",
                verbatim_many: "verbatims",
                interview_one: "interview",
                interview_many: "interviews",
                no_description: "(no description)",
                in_subcategories: "in the sub-categories",
                memo: "Memo",
            },
        }
    }

    /// `12 verbatims, 5 entretiens` for a section; for a heading whose verbatims are all in its
    /// sub-categories, `12 verbatims dans les sous-catégories, 5 entretiens`.
    pub fn counts_of(&self, s: &Section) -> String {
        let w = self.words();
        let (n, interviews, below) = if s.verbatims.is_empty() && s.subtree_verbatims > 0 {
            (s.subtree_verbatims, s.subtree_interviews, true)
        } else {
            (s.verbatims.len(), s.interviews, false)
        };
        format!(
            "{n} {}{}, {interviews} {}",
            if n == 1 {
                w.verbatim_one
            } else {
                w.verbatim_many
            },
            if below {
                format!(" {}", w.in_subcategories)
            } else {
                String::new()
            },
            if interviews == 1 {
                w.interview_one
            } else {
                w.interview_many
            }
        )
    }

    /// Number of verbatims in all sections.
    pub fn verbatim_count(&self) -> usize {
        self.sections.iter().map(|s| s.verbatims.len()).sum()
    }
}

/// A node chosen for the annex, before its verbatims are collected.
pub(super) struct Chosen<'a> {
    pub node: &'a Node,
    pub depth: usize,
    pub path: String,
}

/// Builds the annex of `session` as `options` ask.
pub fn build(session: &Session, options: &Options) -> Result<Annex> {
    let setup = CitationSetup::new(session, options)?;
    let language = setup.language;
    let chosen = choose(session, options)?;
    // Which section a node's codings go to: its own, or (past --depth) its deepest shown
    // ancestor; with --rollup, every shown ancestor's too.
    let index: HashMap<NodeId, usize> = chosen
        .iter()
        .enumerate()
        .map(|(i, c)| (c.node.id, i))
        .collect();
    let mut targets: HashMap<NodeId, Vec<usize>> = HashMap::new();
    for id in session.codebook().all_ids() {
        let Some(line) = session.codebook().ancestry(id) else {
            continue;
        };
        let shown: Vec<usize> = line
            .iter()
            .filter_map(|n| index.get(&n.id))
            .copied()
            .collect();
        let Some(&deepest) = shown.last() else {
            continue;
        };
        let t = if options.rollup { shown } else { vec![deepest] };
        targets.insert(id, t);
    }
    let mut verbatims = collect::verbatims(
        session,
        options,
        &setup.citation,
        setup.printing_key(),
        &targets,
        chosen.len(),
    )?;
    for list in &mut verbatims {
        sort(list, options.order.clone(), &setup.attributes);
    }
    let mut sections: Vec<Section> = chosen
        .iter()
        .zip(verbatims)
        .map(|(c, verbatims)| {
            let mut sources: Vec<SourceId> = verbatims.iter().map(|v| v.source).collect();
            sources.sort_unstable();
            sources.dedup();
            Section {
                node: c.node.id,
                depth: c.depth,
                number: String::new(),
                name: c.node.name.clone(),
                path: c.path.clone(),
                description: c.node.description.clone(),
                anchor: format!("n-{}", c.node.id),
                interviews: sources.len(),
                subtree_verbatims: 0,
                subtree_interviews: 0,
                memos: Vec::new(),
                verbatims,
            }
        })
        .collect();
    subtree_counts(&mut sections, options.rollup);
    if options.memos {
        node_memos(session, &mut sections)?;
    }
    if options.skip_empty {
        sections = skip_empty(sections);
    }
    number(&mut sections, options.numbering);
    let title = options.title.clone().unwrap_or_else(|| match language {
        Language::Fr => format!(
            "{} — verbatims par catégorie",
            session.project().manifest.name
        ),
        Language::En => format!(
            "{} — verbatims by category",
            session.project().manifest.name
        ),
    });
    finish(session, options, sections, setup, title)
}

/// The annex around sections already filled, cited as `setup` says: the transcripts annex, the
/// warnings and the pseudonymisation key (also used by [`super::passages_annex`]).
pub(super) fn finish(
    session: &Session,
    options: &Options,
    sections: Vec<Section>,
    setup: CitationSetup,
    title: String,
) -> Result<Annex> {
    let CitationSetup {
        attributes,
        language,
        template,
        citation,
        key,
        keep_names,
    } = setup;
    let transcripts = if options.transcripts {
        collect::transcripts(session, options)?
    } else {
        Vec::new()
    };
    let mut warnings = Vec::new();
    if !citation.has_text() {
        warnings.push(format!(
            "--citation '{template}' has no {{text}}: the verbatims themselves are not printed"
        ));
    }
    let mut annex = Annex {
        language,
        title,
        attributes,
        sections,
        show_counts: options.counts,
        descriptions: options.descriptions,
        transcripts,
        csv: options.csv,
        warnings,
        key,
        allow_leaks: options.allow_leaks,
        memos: options.memos,
    };
    if !keep_names {
        super::pseudonyms::apply(&mut annex);
    }
    Ok(annex)
}

/// The nodes to show, in tree order, with their depth in the selection.
fn choose<'a>(session: &'a Session, options: &Options) -> Result<Vec<Chosen<'a>>> {
    fn walk<'a>(
        nodes: &'a [Node],
        parent: &str,
        depth: usize,
        max: usize,
        out: &mut Vec<Chosen<'a>>,
    ) {
        for n in nodes {
            let own = crate::codebook::escape_segment(&n.name);
            let path = if parent.is_empty() {
                own
            } else {
                format!("{parent}/{own}")
            };
            if depth < max {
                out.push(Chosen {
                    node: n,
                    depth,
                    path: path.clone(),
                });
                walk(&n.children, &path, depth + 1, max, out);
            }
        }
    }
    let max = options.depth.unwrap_or(usize::MAX);
    if max == 0 {
        return Err(Error::Invalid("--depth must be at least 1".into()));
    }
    let mut all = Vec::new();
    walk(&session.codebook().nodes, "", 0, usize::MAX, &mut all);
    if options.nodes.is_empty() {
        all.retain(|c| c.depth < max);
        return Ok(all);
    }
    // Each selected node with its subtree; a node under another selected one is not a new top.
    let mut out: Vec<Chosen> = Vec::new();
    let mut top_depth: Option<usize> = None;
    for c in all {
        match top_depth {
            Some(d) if c.depth > d => {
                if c.depth - d < max {
                    out.push(Chosen {
                        depth: c.depth - d,
                        ..c
                    });
                }
                continue;
            }
            _ => top_depth = None,
        }
        if options.nodes.contains(&c.node.id) {
            top_depth = Some(c.depth);
            out.push(Chosen { depth: 0, ..c });
        }
    }
    Ok(out)
}

pub(super) fn sort(list: &mut [Verbatim], order: Order, attributes: &[String]) {
    match order {
        Order::Source => {}
        Order::Length => list.sort_by_key(|v| std::cmp::Reverse(v.end - v.start)),
        Order::Attribute(name) => {
            let Some(i) = attributes.iter().position(|a| *a == name) else {
                return;
            };
            list.sort_by(
                |a, b| match (a.attributes[i].is_empty(), b.attributes[i].is_empty()) {
                    (false, true) => std::cmp::Ordering::Less,
                    (true, false) => std::cmp::Ordering::Greater,
                    _ => natural_cmp(&a.attributes[i], &b.attributes[i]),
                },
            );
        }
    }
}

/// Fills each section's subtree counts from the sections below it (they follow it in
/// pre-order with a greater depth).
fn subtree_counts(sections: &mut [Section], rollup: bool) {
    for i in 0..sections.len() {
        let below = (i + 1..sections.len()).take_while(|&j| sections[j].depth > sections[i].depth);
        let range = if rollup {
            i..i + 1
        } else {
            i..below.last().map_or(i, |j| j) + 1
        };
        // A passage coded on two nodes of the subtree is one verbatim of it, not two.
        let mut passages: Vec<(SourceId, usize, usize)> = sections[range]
            .iter()
            .flat_map(|s| &s.verbatims)
            .map(|v| (v.source, v.start, v.end))
            .collect();
        passages.sort_unstable();
        passages.dedup();
        let n = passages.len();
        passages.dedup_by_key(|p| p.0);
        let interviews = passages.len();
        sections[i].subtree_verbatims = n;
        sections[i].subtree_interviews = interviews;
    }
}

/// Puts each node's memos (in the memo list's stable order) on its section.
fn node_memos(session: &Session, sections: &mut [Section]) -> Result<()> {
    let mut by_node: HashMap<NodeId, Vec<String>> = HashMap::new();
    for m in session.memos()? {
        if let crate::memo::Target::Node(id) = m.target {
            by_node
                .entry(id)
                .or_default()
                .push(m.text.trim().to_owned());
        }
    }
    for s in sections {
        if let Some(texts) = by_node.remove(&s.node) {
            s.memos = texts;
        }
    }
    Ok(())
}

/// Drops sections that have no verbatims and no descendant with some.
fn skip_empty(sections: Vec<Section>) -> Vec<Section> {
    let mut keep = vec![false; sections.len()];
    for i in (0..sections.len()).rev() {
        let has_own = !sections[i].verbatims.is_empty();
        let has_child = (i + 1..sections.len())
            .take_while(|&j| sections[j].depth > sections[i].depth)
            .any(|j| keep[j]);
        keep[i] = has_own || has_child;
    }
    sections
        .into_iter()
        .zip(keep)
        .filter_map(|(s, k)| k.then_some(s))
        .collect()
}

/// Whether a node name already carries a number (`II.A.1 - …`, `3.2 …`, `A) …`).
pub fn is_numbered(name: &str) -> bool {
    let head: String = name
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    if head.is_empty() || head.len() > 12 {
        return false;
    }
    let rest = name[head.len()..].trim_start();
    let numeric = head
        .split('.')
        .filter(|p| !p.is_empty())
        .all(|p| p.chars().all(|c| c.is_ascii_digit()) || is_roman(p) || p.len() == 1);
    numeric
        && (rest.starts_with(['-', '–', '—', ')', ':']) || head.ends_with('.') && !rest.is_empty())
}

fn is_roman(p: &str) -> bool {
    p.chars().all(|c| "IVXLC".contains(c))
}

/// Numbers the sections `1`, `1.1`, `1.1.2`… unless told not to, or the names carry numbers.
fn number(sections: &mut [Section], numbering: Numbering) {
    if numbering == Numbering::None || sections.iter().any(|s| is_numbered(&s.name)) {
        return;
    }
    let mut counters: Vec<usize> = Vec::new();
    for s in sections {
        counters.truncate(s.depth + 1);
        while counters.len() < s.depth + 1 {
            counters.push(0);
        }
        counters[s.depth] += 1;
        s.number = counters
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(".");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(depth: usize, verbatims: &[(&str, usize, usize)]) -> Section {
        Section {
            node: NodeId::random(),
            depth,
            number: String::new(),
            name: String::new(),
            path: String::new(),
            description: String::new(),
            anchor: String::new(),
            interviews: 0,
            subtree_verbatims: 0,
            subtree_interviews: 0,
            memos: Vec::new(),
            verbatims: verbatims
                .iter()
                .map(|&(label, start, end)| Verbatim {
                    // One source per label.
                    source: SourceId(uuid::Uuid::from_u128(
                        label.bytes().fold(0, |n, b| n * 256 + u128::from(b)),
                    )),
                    label: label.into(),
                    case: String::new(),
                    speaker: None,
                    start,
                    end,
                    text: String::new(),
                    citation: String::new(),
                    before: String::new(),
                    after: String::new(),
                    attributes: Vec::new(),
                    turn: 1,
                    time: None,
                    coders: Vec::new(),
                    memos: Vec::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn subtree_counts_count_a_passage_coded_twice_once() {
        // A heading; a node coded on E01 10..20 whose child is coded on the same passage and on
        // E02; a sibling coded on E01 10..20 too and on E01 30..40.
        let mut s = vec![
            section(0, &[]),
            section(1, &[("E01", 10, 20)]),
            section(2, &[("E01", 10, 20), ("E02", 0, 5)]),
            section(1, &[("E01", 10, 20), ("E01", 30, 40)]),
        ];
        subtree_counts(&mut s, false);
        let counts: Vec<(usize, usize)> = s
            .iter()
            .map(|s| (s.subtree_verbatims, s.subtree_interviews))
            .collect();
        assert_eq!(counts, [(3, 2), (2, 2), (2, 2), (2, 1)]);
    }

    #[test]
    fn recognises_names_that_carry_a_number() {
        for yes in [
            "II.A.1 - Manque de temps",
            "I - Parcours",
            "3.2 - Freins",
            "A) Leviers",
            "1. Contexte",
        ] {
            assert!(is_numbered(yes), "{yes}");
        }
        for no in [
            "Freins",
            "Manque de temps",
            "CPTS : vécu",
            "Interconnaissance",
            "A propos",
        ] {
            assert!(!is_numbered(no), "{no}");
        }
    }
}
