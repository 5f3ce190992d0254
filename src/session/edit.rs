//! Every model change a user can make, as one undoable step each: coding, uncoding, coding a
//! turn or a speaker, batch coding, and the codebook operations (which may touch codings).
//! Positions and ranges are [`CharPos`] and [`CharRange`] (code points): a caller holding byte
//! offsets converts them once, through the text's `CodePointIndex`.
//!
//! Invariants: a step is validated whole before anything is written (a batch with one bad line
//! writes nothing); a merge unites overlapping codings; a delete that would remove codings is
//! refused unless forced, and the forced one keeps what it removed in the undo step.

use super::{Change, Session, Step};
use crate::coding::{self, Coding};
use crate::error::{Error, Result};
use crate::ids::CodingId;
use crate::ids::{NodeId, SourceId};
use crate::journal::now_rfc3339;
use crate::text::{CharPos, CharRange, fold_for_match, turns};
use std::collections::{BTreeMap, HashMap};

/// One line of a batch: source (id or label), range, node (path or id).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct BatchItem {
    pub source: String,
    pub start: usize,
    pub end: usize,
    pub node: String,
}

/// What loading a codebook template did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    pub added: Vec<String>,
    pub existing: Vec<String>,
}

impl Session {
    fn codable(&self, node: NodeId) -> Result<()> {
        let n = self
            .codebook
            .node(node)
            .ok_or_else(|| Error::Invalid(format!("no node with id {node}")))?;
        if !n.codable {
            return Err(Error::Invalid(format!(
                "node '{}' is a folder (not codable); code one of its children or make it codable",
                n.name
            )));
        }
        Ok(())
    }

    pub(super) fn codings_change(
        &self,
        coder: &str,
        source: SourceId,
        after: Vec<Coding>,
    ) -> Change {
        Change::Codings {
            coder: coder.to_owned(),
            source,
            before: self.codings.list(coder, source).to_vec(),
            after,
        }
    }

    /// Codes a range (code points) of a source with a node. Returns the coding's id.
    pub fn code(
        &mut self,
        coder: &str,
        source: SourceId,
        range: CharRange,
        node: NodeId,
    ) -> Result<CodingId> {
        self.codable(node)?;
        let text = self.text(source)?;
        text.check_range(range, &self.project.source(&source.to_string())?.label)?;
        let mut list = self.codings.list(coder, source).to_vec();
        let id = coding::apply(&mut list, &text, node, range, &now_rfc3339());
        let step = Step {
            label: "code".into(),
            changes: vec![self.codings_change(coder, source, list)],
        };
        self.commit(
            step,
            &[id.to_string(), node.to_string(), source.to_string()],
        )?;
        Ok(id)
    }

    /// Removes a range (code points) from a coder's codings of a source (of one node, when
    /// given).
    pub fn uncode(
        &mut self,
        coder: &str,
        source: SourceId,
        range: CharRange,
        node: Option<NodeId>,
    ) -> Result<()> {
        let text = self.text(source)?;
        let label = self.project.source(&source.to_string())?.label.clone();
        text.check_range(range, &label)?;
        let mut list = self.codings.list(coder, source).to_vec();
        if !coding::uncode(&mut list, &text, node, range, &now_rfc3339()) {
            return Err(Error::Invalid(format!(
                "no coding of {coder} overlaps {range} in {label}"
            )));
        }
        let step = Step {
            label: "uncode".into(),
            changes: vec![self.codings_change(coder, source, list)],
        };
        let mut ids = vec![source.to_string()];
        ids.extend(node.map(|n| n.to_string()));
        self.commit(step, &ids)
    }

    /// Codes the speaker turn (or paragraph) containing position `at`, without its label.
    pub fn code_unit_at(
        &mut self,
        coder: &str,
        source: SourceId,
        at: CharPos,
        node: NodeId,
    ) -> Result<CodingId> {
        let range = self.unit_range_at(source, at)?;
        self.code(coder, source, range, node)
    }

    /// The range (label excluded) of the unit containing `at`.
    pub fn unit_range_at(&self, source: SourceId, at: CharPos) -> Result<CharRange> {
        let text = self.text(source)?;
        let meta = self.project.source(&source.to_string())?;
        let byte = text
            .index
            .byte_at(at.min(CharPos(text.len())))
            .unwrap_or(text.text.len());
        let units = turns::source_units(meta, &text.text);
        let unit = turns::unit_containing(&units, byte).ok_or_else(|| {
            Error::Invalid(format!(
                "position {at} of {} is not inside a turn or paragraph",
                meta.label
            ))
        })?;
        Ok(text
            .index
            .char_range(unit.body_start, unit.end)
            .expect("unit bounds are char boundaries"))
    }

    /// Codes every turn of a speaker (in every source, or in one). Returns how many turns.
    pub fn code_speaker(
        &mut self,
        coder: &str,
        speaker: &str,
        node: NodeId,
        only: Option<SourceId>,
    ) -> Result<usize> {
        self.codable(node)?;
        let wanted = fold_for_match(speaker.trim());
        let at = now_rfc3339();
        let mut changes = Vec::new();
        let mut turns_coded = 0;
        for meta in self.project.sources() {
            if only.is_some_and(|o| o != meta.id) {
                continue;
            }
            let names = meta.speaker_names();
            let Some(who) = names.iter().position(|n| fold_for_match(n) == wanted) else {
                continue;
            };
            let text = self.text(meta.id)?;
            let mut list = self.codings.list(coder, meta.id).to_vec();
            let ranges: Vec<CharRange> =
                turns::split_units_as(&text.text, &names, &meta.convention)
                    .into_iter()
                    .filter(|u| u.speaker == Some(who))
                    .map(|u| {
                        text.index
                            .char_range(u.body_start, u.end)
                            .expect("unit bounds are char boundaries")
                    })
                    .filter(|r| !r.is_empty())
                    .collect();
            turns_coded += ranges.len();
            coding::apply_all(&mut list, &text, node, &ranges, &at);
            changes.push(self.codings_change(coder, meta.id, list));
        }
        if turns_coded == 0 {
            return Err(Error::Invalid(format!(
                "no turn of a speaker named '{}' was found",
                speaker.trim()
            )));
        }
        self.commit(
            Step {
                label: "code.speaker".into(),
                changes,
            },
            &[node.to_string()],
        )?;
        Ok(turns_coded)
    }

    /// Codes a batch in one step; every item is checked first, and one bad item writes nothing.
    /// Codes code point ranges of sources with one node, in one undoable step (each distinct
    /// range once: the units of search hits, say). Returns how many ranges were coded.
    pub fn code_ranges(
        &mut self,
        coder: &str,
        node: NodeId,
        ranges: &[(SourceId, CharRange)],
    ) -> Result<usize> {
        let mut ranges = ranges.to_vec();
        ranges.sort_unstable();
        ranges.dedup();
        let items: Vec<(usize, BatchItem)> = ranges
            .into_iter()
            .enumerate()
            .map(|(i, (source, range))| {
                let item = BatchItem {
                    source: source.to_string(),
                    start: range.start.get(),
                    end: range.end.get(),
                    node: node.to_string(),
                };
                (i + 1, item)
            })
            .collect();
        self.code_batch(coder, &items)
    }

    /// Creates the node at `path` and codes ranges with it, as one undoable step (the TUI's
    /// "code every hit" with "+ new node"). Nothing is left behind when coding fails.
    pub fn code_ranges_in_new_node(
        &mut self,
        coder: &str,
        path: &str,
        ranges: &[(SourceId, CharRange)],
    ) -> Result<(NodeId, usize)> {
        let node = self.add_node(path)?;
        match self.code_ranges(coder, node, ranges) {
            Ok(n) => {
                self.history.fuse_last_two("code.batch");
                Ok((node, n))
            }
            Err(e) => {
                self.undo()?;
                self.history.take_redo();
                Err(e)
            }
        }
    }

    pub fn code_batch(&mut self, coder: &str, items: &[(usize, BatchItem)]) -> Result<usize> {
        self.code_batch_ids(coder, items).map(|ids| ids.len())
    }

    /// Codes every item in one step (one transaction: all or none); returns each item's
    /// coding id, in item order: the id of the coding it is part of at the end (items of one
    /// node that overlap or touch become one coding, as if coded one by one in text order).
    pub fn code_batch_ids(
        &mut self,
        coder: &str,
        items: &[(usize, BatchItem)],
    ) -> Result<Vec<CodingId>> {
        let at = now_rfc3339();
        // Every item is checked before anything is coded; sources and nodes are looked up once
        // per distinct name.
        let mut sources: HashMap<&str, SourceId> = HashMap::new();
        let mut nodes: HashMap<&str, NodeId> = HashMap::new();
        let mut by_source: BTreeMap<SourceId, Vec<(usize, NodeId, CharRange)>> = BTreeMap::new();
        for (i, (line, item)) in items.iter().enumerate() {
            let context = |e: Error| Error::Invalid(format!("line {line}: {e}"));
            let source = match sources.get(item.source.as_str()) {
                Some(s) => *s,
                None => {
                    let s = self.source_id(&item.source).map_err(context)?;
                    sources.insert(&item.source, s);
                    s
                }
            };
            let node = match nodes.get(item.node.as_str()) {
                Some(n) => *n,
                None => {
                    let n = self.codebook.resolve(&item.node).map_err(context)?;
                    self.codable(n).map_err(context)?;
                    nodes.insert(&item.node, n);
                    n
                }
            };
            let text = self.text(source)?;
            let range = CharRange::new(item.start, item.end);
            text.check_range(range, &item.source).map_err(context)?;
            by_source.entry(source).or_default().push((i, node, range));
        }
        let mut ids = vec![CodingId::random(); items.len()];
        let mut lists = BTreeMap::new();
        for (source, list_items) in by_source {
            let text = self.text(source)?;
            let mut list = self.codings.list(coder, source).to_vec();
            let pairs: Vec<(NodeId, CharRange)> =
                list_items.iter().map(|&(_, n, r)| (n, r)).collect();
            let got = coding::apply_each(&mut list, &text, &pairs, &at);
            for (&(i, _, _), id) in list_items.iter().zip(got) {
                ids[i] = id;
            }
            lists.insert(source, list);
        }
        let changes = lists
            .into_iter()
            .map(|(s, l)| self.codings_change(coder, s, l))
            .collect();
        self.commit(
            Step {
                label: "code.batch".into(),
                changes,
            },
            &[],
        )?;
        Ok(ids)
    }
}
