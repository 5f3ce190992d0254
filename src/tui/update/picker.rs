//! The fuzzy code picker: accent- and case-insensitive matching of node paths (nucleo-matcher,
//! smart normalisation), with two extra entries — a new node named as typed, and an in-vivo
//! node named with the selected words.
//!
//! Invariant: entries are the matches in score order, then the creation entries.

use super::super::state::{AppState, Picker};
use crate::ids::NodeId;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// One line of the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Node(NodeId),
    /// Create a node with this path.
    New(String),
}

/// Opens the picker over `candidates` (in tree order) for a purpose.
pub fn open(
    state: &mut AppState,
    purpose: super::super::state::PickFor,
    candidates: Vec<NodeId>,
    in_vivo: Option<String>,
) {
    let mut p = Picker {
        purpose,
        query: String::new(),
        candidates,
        matches: vec![],
        selected: 0,
        in_vivo,
    };
    refilter(state, &mut p);
    state.popup = Some(super::super::state::Popup::Picker(p));
}

/// Recomputes the matches of a picker's query.
pub fn refilter(state: &AppState, picker: &mut Picker) {
    let paths: Vec<(NodeId, String)> = picker
        .candidates
        .iter()
        .filter_map(|id| state.node(*id).map(|n| (*id, n.path.clone())))
        .collect();
    picker.matches = rank(&picker.query, &paths);
    picker.selected = 0;
}

/// Ranks `(id, text)` pairs against a query (all of them, in order, for an empty query).
pub fn rank<Id: Copy>(query: &str, items: &[(Id, String)]) -> Vec<Id> {
    if query.trim().is_empty() {
        return items.iter().map(|(id, _)| *id).collect();
    }
    let mut matcher = Matcher::new(Config::DEFAULT.match_paths());
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize, Id)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, (id, text))| {
            pattern
                .score(Utf32Str::new(text, &mut buf), &mut matcher)
                .map(|s| (s, i, *id))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, _, id)| id).collect()
}

/// The picker's lines: matches, then "new node" and "in vivo" when they apply.
pub fn entries(state: &AppState, picker: &Picker) -> Vec<Entry> {
    let mut out: Vec<Entry> = picker.matches.iter().map(|id| Entry::Node(*id)).collect();
    use super::super::state::PickFor;
    if !matches!(picker.purpose, PickFor::Code { .. } | PickFor::CodeHits) {
        return out;
    }
    let parent = state
        .selected_node()
        .and_then(|id| state.node(id))
        .map(|n| n.path.clone());
    let under = |name: &str| match &parent {
        Some(p) if !name.contains('/') => format!("{p}/{}", crate::codebook::escape_segment(name)),
        _ => name.to_owned(),
    };
    let q = picker.query.trim();
    if !q.is_empty() && !state.codebook.nodes.iter().any(|n| n.path == under(q)) {
        out.push(Entry::New(under(q)));
    }
    if let Some(words) = picker.in_vivo.as_deref().filter(|w| !w.is_empty()) {
        let name = crate::codebook::escape_segment(words);
        if !out.contains(&Entry::New(under(&name))) {
            out.push(Entry::New(under(&name)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn matching_ignores_accents_and_case() {
        let items = vec![
            (
                Uuid::from_u128(1),
                "II - Freins/II.B.1 - Manque de temps".to_owned(),
            ),
            (
                Uuid::from_u128(2),
                "II - Leviers/Interconnaissance".to_owned(),
            ),
            (
                Uuid::from_u128(3),
                "III - Accès aux soins/Délais".to_owned(),
            ),
        ];
        assert_eq!(rank("acces", &items), [Uuid::from_u128(3)]);
        assert_eq!(rank("DELAI", &items), [Uuid::from_u128(3)]);
        assert_eq!(rank("inter", &items)[0], Uuid::from_u128(2));
        assert_eq!(rank("", &items).len(), 3);
    }
}
