//! Running a query: ranked units from tantivy, restricted to the [`AllowedUnits`] the query
//! layer computed from the filters (DESIGN §4) — then exact match positions and a snippet.
//!
//! Invariant: positions are code points in the source text; snippet match ranges are code
//! points within the snippet text. The index reads sources only through [`SourceTexts`]; it
//! knows nothing of sessions, codings or cases.

use super::SearchIndex;
use super::filter::{AllowedUnits, UnitFilter};
use super::query;
use crate::coding::SourceText;
use crate::error::Result;
use crate::ids::SourceId;
use crate::model::SourceMeta;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query};

/// What a search reads besides the index: the sources' metadata and texts.
pub trait SourceTexts {
    fn meta(&self, source: SourceId) -> Option<&SourceMeta>;
    fn text(&self, source: SourceId) -> Result<Arc<SourceText>>;
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
    pub source: SourceId,
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

/// The most units one query looks at.
const MAX_HITS: usize = 100_000;

impl SearchIndex {
    /// Runs `query_text` over the units `allowed` keeps, best first, at most `limit` hits.
    pub fn search(
        &self,
        sources: &dyn SourceTexts,
        query_text: &str,
        allowed: &AllowedUnits,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        let parsed = query::parse(query_text, self.language)?;
        let mut matcher = parsed.matcher(self.language);
        let f = self.fields;
        let mut q: Box<dyn Query> = parsed.to_query(f.text, f.folded);
        let post_filter = !allowed.is_empty();
        if post_filter {
            let filter: Box<dyn Query> = Box::new(UnitFilter(Arc::new(allowed.clone())));
            q = Box::new(BooleanQuery::new(vec![
                (Occur::Must, q),
                (Occur::Must, filter),
            ]));
        }
        let want = limit.clamp(1, MAX_HITS);
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
        let mut hits = Vec::new();
        let mut columns = Columns::default();
        for window in windows {
            hits.clear();
            let top = searcher
                .search(&q, &TopDocs::with_limit(window).order_by_score())
                .map_err(super::tantivy_err)?;
            let exhausted = top.len() < window;
            self.collect(
                sources,
                &searcher,
                top,
                &mut columns,
                &mut matcher,
                allowed,
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
        sources: &dyn SourceTexts,
        searcher: &tantivy::Searcher,
        top: Vec<(f32, tantivy::DocAddress)>,
        columns: &mut Columns,
        matcher: &mut query::Matcher,
        allowed: &AllowedUnits,
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
            let source_text = sources.text(source)?;
            let text = source_text.slice(unit_start, unit_end);
            let to_cp = |byte: usize| unit_start + text[..byte].chars().count();
            let spans: Vec<(usize, usize)> = matcher
                .spans(text)
                .into_iter()
                .map(|(s, e)| (to_cp(s), to_cp(e)))
                .collect();
            let matches: Vec<(usize, usize)> = spans
                .into_iter()
                .filter(|m| allowed.keeps_match(&source, *m))
                .collect();
            let Some(&(start, end)) = matches.first() else {
                continue;
            };
            let meta = sources.meta(source);
            let speaker = doc
                .speaker
                .and_then(|i| meta?.speakers.get(i))
                .map(|s| s.name.clone());
            hits.push(Hit {
                source,
                label: meta.map_or("", |m| m.label.as_str()).to_owned(),
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
    source: SourceId,
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
                source: SourceId::from_u64_pair(hi, lo),
                unit: unit as usize,
                speaker: (sp != super::NO_SPEAKER).then_some(sp as usize),
                start: start as usize,
                end: end as usize,
            }),
            _ => None,
        })
    }
}
