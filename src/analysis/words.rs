//! Word frequency (`verbatim words`): the words of the kept units (or of one node's passages),
//! counted exactly or grouped by stem, without stop words and short words, with each word's
//! share; and a word's occurrences in context (keyword in context).
//!
//! Invariants: a word is a UAX #29 word in lower case, with a French elided article or pronoun
//! (`l'`, `qu'`…) dropped; shares are over every word of the scope (stop words included); ties
//! are broken alphabetically so the order is stable; a stem group is shown by its most frequent
//! form.

use super::ranges::{self, Range};
use super::selection::Selection;
use super::stopwords::{StopWords, normal};
use crate::ids::{NodeId, SourceId};
use crate::model::Language;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use unicode_segmentation::UnicodeSegmentation;

const ELIDED: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
];

#[derive(Debug, Clone)]
pub struct Options {
    /// Only the passages of this node (with its descendants).
    pub node: Option<NodeId>,
    pub stem: bool,
    pub min_length: usize,
    pub top: Option<usize>,
    pub stop: StopWords,
    pub language: Language,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordCount {
    pub word: String,
    pub count: usize,
    /// Count over every word of the scope, from 0 to 1.
    pub share: f64,
    /// With stemming: the forms grouped under this word, most frequent first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub forms: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Frequencies {
    pub total_words: usize,
    pub words: Vec<WordCount>,
}

/// One occurrence of a word with its context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    pub source: SourceId,
    pub label: String,
    pub start: usize,
    pub end: usize,
    pub before: String,
    pub word: String,
    pub after: String,
}

/// A shown word, its count, and the forms grouped under it.
type Group = (String, usize, Vec<(String, usize)>);

/// A word as counted: lower case, ’ as ', elided prefix dropped.
pub fn form(word: &str) -> String {
    let w = normal(word);
    if let Some(i) = w.find('\'') {
        let (head, tail) = (&w[..i], &w[i + 1..]);
        if !tail.is_empty() && ELIDED.contains(&head) {
            return tail.to_owned();
        }
    }
    w
}

/// The ranges of each source the counting covers.
pub fn scope(sel: &Selection, node: Option<NodeId>) -> Vec<Vec<Range>> {
    let kept: Vec<Vec<Range>> = sel
        .sources
        .iter()
        .map(|s| {
            s.units
                .iter()
                .filter(|u| u.kept)
                .map(|u| (u.start, u.end))
                .collect()
        })
        .collect();
    let Some(node) = node else { return kept };
    let set = sel.node_set(node, true);
    let mut coded: Vec<Vec<Range>> = vec![Vec::new(); sel.sources.len()];
    for c in sel.codings.iter().filter(|c| set.contains(&c.node)) {
        coded[c.source].push((c.start, c.end));
    }
    coded
        .into_iter()
        .zip(kept)
        .map(|(c, k)| ranges::intersect(&ranges::union(c), &ranges::union(k)))
        .collect()
}

/// Counts the words of a selection.
pub fn frequencies(sel: &Selection, opts: &Options) -> Frequencies {
    let scope = scope(sel, opts.node);
    let (total, counts) = sel
        .sources
        .par_iter()
        .zip(scope.par_iter())
        .map(|(s, rs)| {
            let mut map: HashMap<String, usize> = HashMap::new();
            let mut total = 0;
            for &(a, b) in rs {
                for w in s.text.slice(a, b).unicode_words() {
                    total += 1;
                    *map.entry(w.to_owned()).or_default() += 1;
                }
            }
            (total, map)
        })
        .reduce(
            || (0, HashMap::new()),
            |(t1, mut m1), (t2, m2)| {
                for (k, v) in m2 {
                    *m1.entry(k).or_default() += v;
                }
                (t1 + t2, m1)
            },
        );
    let mut forms: HashMap<String, usize> = HashMap::new();
    for (raw, n) in counts {
        let f = form(&raw);
        if f.chars().count() < opts.min_length.max(1) || opts.stop.contains(&f) {
            continue;
        }
        *forms.entry(f).or_default() += n;
    }
    let mut groups: Vec<Group> = if opts.stem {
        let mut analyzer = crate::index::analysis::stemmed(opts.language);
        let mut by_stem: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        for (f, n) in forms {
            let key = stem_key(&mut analyzer, &f);
            by_stem.entry(key).or_default().push((f, n));
        }
        by_stem
            .into_values()
            .map(|mut list| {
                list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                let count = list.iter().map(|x| x.1).sum();
                (list[0].0.clone(), count, list)
            })
            .collect()
    } else {
        forms.into_iter().map(|(f, n)| (f, n, Vec::new())).collect()
    };
    groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if let Some(top) = opts.top {
        groups.truncate(top);
    }
    Frequencies {
        total_words: total,
        words: groups
            .into_iter()
            .map(|(word, count, list)| WordCount {
                word,
                count,
                share: if total == 0 {
                    0.0
                } else {
                    count as f64 / total as f64
                },
                forms: if list.len() > 1 {
                    list.into_iter().map(|x| x.0).collect()
                } else {
                    Vec::new()
                },
            })
            .collect(),
    }
}

fn stem_key(analyzer: &mut tantivy::tokenizer::TextAnalyzer, form: &str) -> String {
    let tokens = crate::index::analysis::tokens(analyzer, form);
    tokens
        .into_iter()
        .map(|t| t.2)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every occurrence of `word` (or of a word of the same stem) with `context` characters around.
pub fn occurrences(sel: &Selection, opts: &Options, word: &str, context: usize) -> Vec<Occurrence> {
    let scope = scope(sel, opts.node);
    let mut analyzer = crate::index::analysis::stemmed(opts.language);
    let target = form(word);
    let target_key = stem_key(&mut analyzer, &target);
    let mut keys: HashMap<String, bool> = HashMap::new();
    let mut out = Vec::new();
    for (s, rs) in sel.sources.iter().zip(&scope) {
        for &(a, b) in rs {
            let piece = s.text.slice(a, b);
            let base = s.text.index.byte_of(a).unwrap_or(0);
            for (at, w) in piece.unicode_word_indices() {
                let f = form(w);
                let hit = if opts.stem {
                    *keys
                        .entry(f.clone())
                        .or_insert_with(|| stem_key(&mut analyzer, &f) == target_key)
                } else {
                    f == target
                };
                if !hit {
                    continue;
                }
                let start = s.text.index.cp_of(base + at).unwrap_or(0);
                let end = start + w.chars().count();
                out.push(Occurrence {
                    source: s.id,
                    label: s.label.clone(),
                    start,
                    end,
                    before: s
                        .text
                        .slice(start.saturating_sub(context), start)
                        .replace('\n', " "),
                    word: w.to_owned(),
                    after: s
                        .text
                        .slice(end, (end + context).min(s.text.len()))
                        .replace('\n', " "),
                });
            }
        }
    }
    out
}
