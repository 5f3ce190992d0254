//! The units a search may return ([`AllowedUnits`], computed by the query layer from the
//! DESIGN §4 filters), and a tantivy query that keeps only those, read from fast fields, so
//! filtered searches score only allowed units.
//!
//! Invariant: the filter adds nothing to scores (constant 0), so ranking is the text query's
//! alone; the index never looks at codings or cases itself.

use crate::ids::SourceId;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::{BitSet, DocId, Score, SegmentReader};

/// Code point ranges per source.
pub type Ranges = HashMap<SourceId, Vec<(usize, usize)>>;

/// Which units and matches a search keeps. The default keeps everything.
#[derive(Debug, Default, Clone)]
pub struct AllowedUnits {
    /// Allowed speakers per source, as indices in its speaker list, [`super::NO_SPEAKER`] for
    /// units without one (None: every unit; a source absent from the map: none of its units).
    pub speakers: Option<HashMap<SourceId, HashSet<u64>>>,
    /// Each map: a unit must overlap one of its source's ranges, and a match must lie inside one
    /// (node filters: the coded ranges of the nodes).
    pub within: Vec<Ranges>,
}

impl AllowedUnits {
    pub fn is_empty(&self) -> bool {
        self.speakers.is_none() && self.within.is_empty()
    }

    /// Whether a match at `s..e` of `source` lies inside a range of every `within` map.
    pub fn keeps_match(&self, source: &SourceId, (s, e): (usize, usize)) -> bool {
        self.within.iter().all(|r| {
            r.get(source)
                .is_some_and(|rs| rs.iter().any(|(a, b)| *a <= s && e <= *b))
        })
    }

    /// The rules for one source (looked up once per run of that source's documents); None when
    /// no unit of the source can pass.
    fn rules(&self, source: &SourceId) -> Option<SourceRules<'_>> {
        let speakers = match &self.speakers {
            Some(u) => Some(u.get(source)?),
            None => None,
        };
        let overlap = self
            .within
            .iter()
            .map(|m| m.get(source).map(Vec::as_slice))
            .collect::<Option<Vec<_>>>()?;
        Some(SourceRules { speakers, overlap })
    }
}

/// What a unit of one source must satisfy.
struct SourceRules<'a> {
    speakers: Option<&'a HashSet<u64>>,
    overlap: Vec<&'a [(usize, usize)]>,
}

impl SourceRules<'_> {
    fn keeps(&self, speaker: u64, start: usize, end: usize) -> bool {
        self.speakers.is_none_or(|s| s.contains(&speaker))
            && self
                .overlap
                .iter()
                .all(|rs| rs.iter().any(|(a, b)| *a < end && start < *b))
    }
}

/// The filter as a tantivy query.
#[derive(Debug, Clone)]
pub struct UnitFilter(pub Arc<AllowedUnits>);

impl Query for UnitFilter {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(UnitFilterWeight(self.0.clone())))
    }
}

struct UnitFilterWeight(Arc<AllowedUnits>);

/// Every value of a fast field, indexed by document (all our fields have one value per doc).
fn column(reader: &SegmentReader, name: &str) -> tantivy::Result<Vec<u64>> {
    let col = reader.fast_fields().u64(name)?;
    let max = reader.max_doc();
    if matches!(col.index, tantivy::columnar::ColumnIndex::Full) {
        let mut out = vec![0u64; max as usize];
        col.values.get_range(0, &mut out);
        return Ok(out);
    }
    Ok((0..max).map(|d| col.first(d).unwrap_or(u64::MAX)).collect())
}

impl Weight for UnitFilterWeight {
    fn scorer(&self, reader: &SegmentReader, _boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let (hi, lo) = (column(reader, "src_hi")?, column(reader, "src_lo")?);
        let (speaker, start, end) = (
            column(reader, "speaker_ix")?,
            column(reader, "start")?,
            column(reader, "end")?,
        );
        let alive = reader.alive_bitset();
        let mut bits = BitSet::with_max_value(reader.max_doc());
        let mut last: Option<((u64, u64), Option<SourceRules<'_>>)> = None;
        for doc in 0..reader.max_doc() {
            let i = doc as usize;
            if alive.is_some_and(|a| !a.is_alive(doc)) {
                continue;
            }
            let key = (hi[i], lo[i]);
            if last.as_ref().is_none_or(|(k, _)| *k != key) {
                last = Some((key, self.0.rules(&SourceId::from_u64_pair(key.0, key.1))));
            }
            let rules = last.as_ref().and_then(|(_, r)| r.as_ref());
            if rules.is_some_and(|r| r.keeps(speaker[i], start[i] as usize, end[i] as usize)) {
                bits.insert(doc);
            }
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(bits), 0.0)))
    }

    fn explain(&self, _reader: &SegmentReader, _doc: DocId) -> tantivy::Result<Explanation> {
        Ok(Explanation::new("unit filter", 0.0))
    }
}
