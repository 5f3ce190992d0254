//! The input of every analysis query: the sources with their units (turns or paragraphs, in code
//! points, each with its speaker, role and case), and the codings kept by the DESIGN §4 filters.
//!
//! Invariants: sources are in natural label order; a coding belongs to the unit holding its start
//! (as passages and their filters decide); orphaned codings never enter; a unit left out by a
//! speaker, role, case or attribute filter is marked `kept: false` and none of its codings enter;
//! the codings come from the query layer's one walk ([`crate::query::each_source`]), so the
//! `coder:` and `also:` filters count the same codings as `passages` and search.
//! A selection is plain data: tests and benchmarks build one by hand with [`Selection::push_source`].

use super::word_index::WordSpans;
use crate::cases::CaseTable;
use crate::codebook::Codebook;
use crate::coding::SourceText;
use crate::error::Result;
use crate::ids::{NodeId, SourceId};
use crate::model::{Role, Speaker};
use crate::query::Filters;
use crate::session::Session;
use crate::text::turns;
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, OnceLock};

/// One unit of a source: a speaker turn, or a paragraph when the text has no turns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitView {
    pub start: usize,
    pub end: usize,
    /// Where the spoken text starts (after the speaker label), as a code point.
    pub body: usize,
    pub speaker: Option<String>,
    pub role: Option<Role>,
    /// The speaker's case, else the source's.
    pub case: String,
    /// Whether the filters keep this unit.
    pub kept: bool,
}

/// One source as the queries see it.
#[derive(Debug, Clone)]
pub struct SourceView {
    pub id: SourceId,
    pub label: String,
    pub case: String,
    pub text: Arc<SourceText>,
    pub units: Vec<UnitView>,
    /// The text's words, segmented on first use (set `text` before asking).
    words: OnceLock<Arc<WordSpans>>,
}

impl SourceView {
    /// A source with its units cut at the given speakers' turns (all kept).
    pub fn new(id: SourceId, label: &str, case: &str, text: &str, speakers: &[Speaker]) -> Self {
        let text = Arc::new(SourceText::new(text.to_owned()));
        let names: Vec<String> = speakers.iter().map(|s| s.name.clone()).collect();
        let units = turns::split_units(&text.text, &names)
            .into_iter()
            .map(|u| {
                let speaker = u.speaker.map(|i| &speakers[i]);
                UnitView {
                    start: text.index.cp_of(u.start).unwrap_or(0),
                    end: text.index.cp_of(u.end).unwrap_or(text.len()),
                    body: text.index.cp_of(u.body_start).unwrap_or(0),
                    speaker: speaker.map(|s| s.name.clone()),
                    role: speaker.map(|s| s.role),
                    case: speaker
                        .and_then(|s| s.case.clone())
                        .unwrap_or_else(|| case.to_owned()),
                    kept: true,
                }
            })
            .collect();
        Self {
            id,
            label: label.to_owned(),
            case: case.to_owned(),
            text,
            units,
            words: OnceLock::new(),
        }
    }

    /// Where the words of the text are (segmented once, on first use).
    pub fn word_spans(&self) -> &WordSpans {
        self.words
            .get_or_init(|| Arc::new(WordSpans::of(&self.text.text)))
    }

    /// Words touching each of some ranges of the text, summed.
    pub fn words_in(&self, ranges: &[super::ranges::Range]) -> usize {
        self.word_spans().count_ranges(ranges)
    }

    /// The index of the unit holding code point `at` (the last unit when past the end).
    pub fn unit_at(&self, at: usize) -> usize {
        self.units
            .partition_point(|u| u.start <= at)
            .saturating_sub(1)
    }

    /// Words in the kept units of this source.
    pub fn kept_words(&self) -> usize {
        self.units
            .iter()
            .filter(|u| u.kept)
            .map(|u| self.word_spans().count_in(u.start, u.end))
            .sum()
    }
}

/// One coding kept by the filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coded {
    /// Index into [`Selection::sources`].
    pub source: usize,
    /// Index into that source's units (the unit holding `start`).
    pub unit: usize,
    pub coder: String,
    pub node: NodeId,
    pub start: usize,
    pub end: usize,
    /// When it was made (RFC 3339), as stored.
    pub at: String,
}

/// Sources, units and codings for the analysis queries, with the codebook and cases they need.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub sources: Vec<SourceView>,
    pub codings: Vec<Coded>,
    pub codebook: Codebook,
    pub cases: CaseTable,
}

impl Selection {
    /// An empty selection over a codebook and a case table.
    pub fn new(codebook: Codebook, cases: CaseTable) -> Self {
        Self {
            codebook,
            cases,
            ..Self::default()
        }
    }

    /// Adds a source; returns its index.
    pub fn push_source(&mut self, source: SourceView) -> usize {
        self.sources.push(source);
        self.sources.len() - 1
    }

    /// Adds a coding of a source already pushed (its unit is found from `start`).
    pub fn push_coding(
        &mut self,
        source: usize,
        coder: &str,
        node: NodeId,
        start: usize,
        end: usize,
    ) {
        let unit = self.sources[source].unit_at(start);
        self.codings.push(Coded {
            source,
            unit,
            coder: coder.to_owned(),
            node,
            start,
            end,
            at: String::new(),
        });
    }

    /// The case a coding counts for (its unit's).
    pub fn case_of(&self, c: &Coded) -> &str {
        &self.sources[c.source].units[c.unit].case
    }

    /// Every coder with at least one coding here, in name order.
    pub fn coders(&self) -> Vec<String> {
        let set: std::collections::BTreeSet<&str> =
            self.codings.iter().map(|c| c.coder.as_str()).collect();
        set.into_iter().map(str::to_owned).collect()
    }

    /// Words in every kept unit.
    pub fn total_words(&self) -> usize {
        self.segment_words();
        self.sources.iter().map(SourceView::kept_words).sum()
    }

    /// Segments every source's words not segmented yet, on every core (the first query that
    /// counts words pays it once per selection).
    pub fn segment_words(&self) {
        let todo: Vec<&SourceView> = self
            .sources
            .iter()
            .filter(|s| s.words.get().is_none())
            .collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if todo.len() < 2 || threads < 2 {
            todo.iter().for_each(|s| {
                s.word_spans();
            });
            return;
        }
        let chunk = todo.len().div_ceil(threads);
        std::thread::scope(|scope| {
            for part in todo.chunks(chunk) {
                scope.spawn(move || {
                    part.iter().for_each(|s| {
                        s.word_spans();
                    })
                });
            }
        });
    }

    /// A node and, when `descendants`, its subtree.
    pub fn node_set(&self, node: NodeId, descendants: bool) -> HashSet<NodeId> {
        if descendants {
            self.codebook.subtree_ids(node).into_iter().collect()
        } else {
            HashSet::from([node])
        }
    }

    /// Builds the selection of a session under filters (coders united unless `filters.coder`),
    /// from the query layer's walk over codings ([`crate::query::each_source`]). Every source
    /// enters, coded or not (its words count); a text that cannot be read fails the selection.
    /// The `also:` filter keeps a coding that overlaps a coding of those nodes (`passages`
    /// decides stretch by stretch instead).
    pub fn from_session(session: &Session, filters: &Filters) -> Result<Self> {
        let mut sel = Self::new(session.codebook().clone(), session.project().cases.clone());
        crate::query::each_source(session, filters, |sc| {
            let meta = sc.meta;
            let text = session.text(meta.id)?;
            let mut view = SourceView::new(meta.id, &meta.label, &meta.case, "", &[]);
            view.text = text.clone();
            view.units = turns::source_units(meta, &text.text)
                .into_iter()
                .map(|u| {
                    let speaker = u.speaker.map(|i| &meta.speakers[i]);
                    let case = speaker
                        .and_then(|s| s.case.clone())
                        .unwrap_or_else(|| meta.case.clone());
                    let kept = filters.admits(&session.project().cases, &case, speaker);
                    UnitView {
                        start: text.index.cp_of(u.start).unwrap_or(0),
                        end: text.index.cp_of(u.end).unwrap_or(text.len()),
                        body: text.index.cp_of(u.body_start).unwrap_or(0),
                        speaker: speaker.map(|s| s.name.clone()),
                        role: speaker.map(|s| s.role),
                        case,
                        kept,
                    }
                })
                .collect();
            let index = sel.push_source(view);
            let view = &sel.sources[index];
            let mut kept = Vec::new();
            for &(coder, c) in &sc.codings {
                let unit = view.unit_at(c.start);
                if !view.units.get(unit).is_some_and(|u| u.kept) || !sc.meets_also(c.start, c.end) {
                    continue;
                }
                kept.push(Coded {
                    source: index,
                    unit,
                    coder: coder.to_owned(),
                    node: c.node,
                    start: c.start,
                    end: c.end,
                    at: c.at.clone(),
                });
            }
            sel.codings.extend(kept);
            Ok(())
        })?;
        Ok(sel)
    }

    /// Attribute values of the cases, as `case → attribute → value`.
    pub fn attributes(&self) -> &BTreeMap<String, BTreeMap<String, String>> {
        &self.cases.rows
    }
}
