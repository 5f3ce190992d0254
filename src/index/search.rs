//! Running a query: ranked units from tantivy, restricted by the core's filters (DESIGN §4) —
//! case, attributes, speaker and role become the set of allowed units; `--node` keeps a hit only
//! where a match falls inside a coded range — then exact match positions and a snippet.
//!
//! Invariant: positions are code points in the source text; snippet match ranges are code
//! points within the snippet text.

use super::SearchIndex;
use super::filter::{UnitFilter, UnitSpec};
use super::query;
use crate::coding::passages::Filters;
use crate::error::Result;
use crate::session::Session;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query};
use uuid::Uuid;

/// What to search and how.
#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    pub filters: Filters,
    /// Only matches inside codings of these nodes (with descendants).
    pub nodes: Vec<Uuid>,
    pub limit: usize,
}

/// A snippet of the unit around the first match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    pub text: String,
    /// Match ranges in code points within `text`.
    pub matches: Vec<(usize, usize)>,
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub source: Uuid,
    pub label: String,
    pub speaker: Option<String>,
    /// Code point range of the first match in the source.
    pub start: usize,
    pub end: usize,
    pub score: f32,
    pub snippet: Snippet,
    /// The unit (turn or paragraph) the hit is in: its number and code point range.
    pub unit: usize,
    pub unit_start: usize,
    pub unit_end: usize,
    /// Every match in the unit, code points in the source.
    pub matches: Vec<(usize, usize)>,
}

type Ranges = HashMap<Uuid, Vec<(usize, usize)>>;

/// The most units one query looks at.
const MAX_HITS: usize = 100_000;

impl SearchIndex {
    /// Runs `query` with options against the session's project.
    pub fn search(
        &self,
        session: &Session,
        query_text: &str,
        opts: &SearchOptions,
    ) -> Result<Vec<Hit>> {
        let parsed = query::parse(query_text, self.language)?;
        let mut matcher = parsed.matcher(self.language);
        let f = self.fields;
        let allowed = allowed_speakers(session, &opts.filters);
        let node_ranges = coded_ranges(session, &opts.nodes, &opts.filters);
        let also_ranges = opts
            .filters
            .also_nodes
            .as_ref()
            .map(|n| coded_ranges(session, n, &opts.filters))
            .unwrap_or_default();
        let mut q: Box<dyn Query> = parsed.to_query(f.text, f.folded);
        let spec = UnitSpec {
            speakers: allowed,
            overlap: [&node_ranges, &also_ranges]
                .into_iter()
                .flatten()
                .cloned()
                .collect(),
        };
        let spec_empty = spec.is_empty();
        if !spec_empty {
            let filter: Box<dyn Query> = Box::new(UnitFilter(std::sync::Arc::new(spec)));
            q = Box::new(BooleanQuery::new(vec![
                (Occur::Must, q),
                (Occur::Must, filter),
            ]));
        }
        let want = opts.limit.clamp(1, MAX_HITS);
        let post_filter = !spec_empty;
        // With filters, candidates are widened in stages until enough survive.
        let windows: Vec<usize> = if post_filter {
            vec![
                (want * 20).min(MAX_HITS),
                (want * 200).min(MAX_HITS),
                MAX_HITS,
            ]
        } else {
            vec![want]
        };
        let searcher = self.reader.searcher();
        let labels: HashMap<Uuid, &str> = session
            .project
            .manifest
            .sources
            .iter()
            .map(|s| (s.id, s.label.as_str()))
            .collect();
        let mut hits = Vec::new();
        let mut columns = Columns::default();
        for window in windows {
            hits.clear();
            let top = searcher
                .search(&q, &TopDocs::with_limit(window).order_by_score())
                .map_err(super::tantivy_err)?;
            let exhausted = top.len() < window;
            self.collect(
                session,
                &searcher,
                top,
                &mut columns,
                &mut matcher,
                &labels,
                &node_ranges,
                &also_ranges,
                want,
                &mut hits,
            )?;
            if hits.len() >= want || exhausted {
                break;
            }
        }
        Ok(hits)
    }

    /// Turns ranked candidates into hits, applying the filters, until `want` hits.
    #[allow(clippy::too_many_arguments)]
    fn collect(
        &self,
        session: &Session,
        searcher: &tantivy::Searcher,
        top: Vec<(f32, tantivy::DocAddress)>,
        columns: &mut Columns,
        matcher: &mut query::Matcher,
        labels: &HashMap<Uuid, &str>,
        node_ranges: &Option<Ranges>,
        also_ranges: &Option<Ranges>,
        want: usize,
        hits: &mut Vec<Hit>,
    ) -> Result<()> {
        for (score, addr) in top {
            if hits.len() >= want {
                break;
            }
            // The filter query already kept only allowed units; here, only matches count.
            let Some(doc) = columns.get(searcher, addr)? else {
                continue;
            };
            let UnitDoc {
                source,
                unit,
                start: unit_start,
                end: unit_end,
                ..
            } = doc;
            let source_text = session.text(source)?;
            let text = source_text.slice(unit_start, unit_end);
            let to_cp = |byte: usize| unit_start + text[..byte].chars().count();
            let inside = |r: &Option<Ranges>, (s, e): (usize, usize)| {
                r.as_ref().is_none_or(|r| {
                    r.get(&source)
                        .is_some_and(|rs| rs.iter().any(|(a, b)| *a <= s && e <= *b))
                })
            };
            let spans: Vec<(usize, usize)> = matcher
                .spans(text)
                .into_iter()
                .map(|(s, e)| (to_cp(s), to_cp(e)))
                .collect();
            let matches: Vec<(usize, usize)> = spans
                .into_iter()
                .filter(|m| inside(node_ranges, *m) && inside(also_ranges, *m))
                .collect();
            let Some(&(start, end)) = matches.first() else {
                continue;
            };
            let meta = session.project.source(&source.to_string())?;
            let speaker = doc
                .speaker
                .and_then(|i| meta.speakers.get(i))
                .map(|s| s.name.clone());
            hits.push(Hit {
                source,
                label: labels.get(&source).copied().unwrap_or("").to_owned(),
                speaker,
                start,
                end,
                score,
                snippet: snippet(text, unit_start, &matches),
                unit,
                unit_start,
                unit_end,
                matches,
            });
        }
        Ok(())
    }
}

/// Speakers allowed by the case, attribute, speaker and role filters, per source, as indices in
/// its speaker list (`NO_SPEAKER` for units without one). Read from the manifest only: no text.
fn allowed_speakers(session: &Session, f: &Filters) -> Option<HashMap<Uuid, HashSet<u64>>> {
    if f.case.is_none()
        && f.attrs.is_empty()
        && f.speaker.is_none()
        && f.role.is_none()
        && f.exclude_role.is_none()
    {
        return None;
    }
    let mut out = HashMap::new();
    for meta in &session.project.manifest.sources {
        let mut ok: HashSet<u64> = meta
            .speakers
            .iter()
            .enumerate()
            .filter(|(_, sp)| session.keep(f, sp.case.as_deref().unwrap_or(&meta.case), Some(sp)))
            .map(|(i, _)| i as u64)
            .collect();
        if session.keep(f, &meta.case, None) {
            ok.insert(super::NO_SPEAKER);
        }
        if !ok.is_empty() {
            out.insert(meta.id, ok);
        }
    }
    Some(out)
}

/// Coded ranges (code points) of nodes with their descendants, per source (None: no filter).
fn coded_ranges(session: &Session, nodes: &[Uuid], f: &Filters) -> Option<Ranges> {
    if nodes.is_empty() {
        return None;
    }
    let set: HashSet<Uuid> = nodes
        .iter()
        .flat_map(|n| session.codebook.subtree_ids(*n))
        .collect();
    let mut out: Ranges = HashMap::new();
    for (coder, source, c) in session.codings.all() {
        if set.contains(&c.node)
            && !c.is_orphaned()
            && f.coder.as_deref().is_none_or(|w| w == coder)
        {
            out.entry(source).or_default().push((c.start, c.end));
        }
    }
    Some(out)
}

/// Up to about 160 characters of the unit around the first match, cut at spaces.
fn snippet(text: &str, unit_start: usize, matches: &[(usize, usize)]) -> Snippet {
    let chars: Vec<char> = text.chars().collect();
    let (first_s, first_e) = matches[0];
    let (ms, me) = (first_s - unit_start, first_e - unit_start);
    let mut from = ms.saturating_sub(60);
    while from > 0 && from < ms && !chars[from - 1].is_whitespace() {
        from += 1;
    }
    let mut to = (me + 100).min(chars.len());
    while to < chars.len() && to > me && !chars[to].is_whitespace() {
        to -= 1;
    }
    let body: String = chars[from..to].iter().collect();
    let (lead, trail) = (
        if from > 0 { "…" } else { "" },
        if to < chars.len() { "…" } else { "" },
    );
    let shift = lead.chars().count();
    let text = format!("{lead}{}{trail}", body.replace('\n', " "));
    let matches = matches
        .iter()
        .map(|(s, e)| (s - unit_start, e - unit_start))
        .filter(|(s, e)| *s >= from && *e <= to)
        .map(|(s, e)| (s - from + shift, e - from + shift))
        .collect();
    Snippet { text, matches }
}

type ColumnSet = [tantivy::columnar::Column<u64>; 6];

/// What the fast fields say of one document.
struct UnitDoc {
    source: Uuid,
    unit: usize,
    speaker: Option<usize>,
    start: usize,
    end: usize,
}

/// Fast-field columns per segment: source id (two halves), unit number, speaker, unit range.
#[derive(Default)]
struct Columns {
    by_segment: HashMap<u32, ColumnSet>,
}

impl Columns {
    fn get(
        &mut self,
        searcher: &tantivy::Searcher,
        addr: tantivy::DocAddress,
    ) -> Result<Option<UnitDoc>> {
        let c = match self.by_segment.entry(addr.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let ff = searcher.segment_reader(addr.segment_ord).fast_fields();
                let col = |name: &str| ff.u64(name).map_err(super::tantivy_err);
                e.insert([
                    col("src_hi")?,
                    col("src_lo")?,
                    col("unit")?,
                    col("speaker_ix")?,
                    col("start")?,
                    col("end")?,
                ])
            }
        };
        let v = |i: usize| c[i].first(addr.doc_id);
        Ok(match (v(0), v(1), v(2), v(3), v(4), v(5)) {
            (Some(hi), Some(lo), Some(unit), Some(sp), Some(start), Some(end)) => Some(UnitDoc {
                source: Uuid::from_u64_pair(hi, lo),
                unit: unit as usize,
                speaker: (sp != super::NO_SPEAKER).then_some(sp as usize),
                start: start as usize,
                end: end as usize,
            }),
            _ => None,
        })
    }
}
