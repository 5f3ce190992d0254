//! Export-time pseudonymisation of the annex: once the project has a key, every string the annex
//! writes (title, node names and descriptions, verbatims, citations, context, speakers, labels,
//! cases, attribute values, coders, memos, transcripts) goes through it; the project itself is not touched.
//!
//! A citation is not searched: it is made again, by its template (whose literal text went
//! through the key once), from the verbatim's fields as the key left them, so it holds exactly
//! the verbatim as printed. A name the key would find only across two fields of a citation is
//! left to the leak check, which refuses the export.
//!
//! Invariant: applied to the built annex only, after selection and ordering, so the same
//! verbatims come out in the same order as without a key; a verbatim where the key changed
//! nothing keeps its citation as rendered; the result does not depend on the order the
//! sections are taken in.

use super::annex::Annex;
use super::citation::{Citation, CitationData};
use super::items::Verbatim;
use crate::anonymise::Matcher;
use std::collections::HashMap;

/// Replaces every original in the annex's strings; `citation` is the template the verbatims'
/// citations were rendered with.
pub fn apply(annex: &mut Annex, m: &Matcher, citation: &Citation) {
    let fix = |s: &mut String| m.apply_in_place(s);
    fix(&mut annex.title);
    let citation = citation.with_literals(|s| m.apply(s));
    let mut known = Known::default();
    // One thread: the strings the key rewrites are then allocated where the annex's others
    // were, and writing and freeing the annex is as fast as without a key (from rayon's
    // threads, it was slower by more than the search gained).
    for section in &mut annex.sections {
        fix(&mut section.name);
        fix(&mut section.path);
        fix(&mut section.description);
        section.memos.iter_mut().for_each(|s| {
            fix(s);
        });
        for v in &mut section.verbatims {
            if fix_verbatim(m, &mut known, v) {
                v.citation = citation.render(&CitationData {
                    text: &v.text,
                    case: &v.case,
                    label: &v.label,
                    speaker: v.speaker.as_deref().unwrap_or(""),
                    turn: v.turn,
                    time: v.time.as_deref().unwrap_or(""),
                    attributes: &v.attributes,
                });
            }
        }
    }
    for t in &mut annex.transcripts {
        fix(&mut t.label);
        fix(&mut t.case);
        for (k, v) in &mut t.attributes {
            fix(k);
            fix(v);
        }
        for (_, speaker, text) in &mut t.turns {
            if let Some(sp) = speaker {
                known.fix(m, sp);
            }
            fix(text);
        }
    }
}

/// Every field of one verbatim but its citation; says whether a field its citation shows changed.
fn fix_verbatim(m: &Matcher, known: &mut Known, v: &mut Verbatim) -> bool {
    let mut changed = m.apply_in_place(&mut v.text);
    m.apply_in_place(&mut v.before);
    m.apply_in_place(&mut v.after);
    changed |= known.fix(m, &mut v.label);
    changed |= known.fix(m, &mut v.case);
    if let Some(sp) = &mut v.speaker {
        changed |= known.fix(m, sp);
    }
    // Times differ from verbatim to verbatim: searched, not remembered.
    if let Some(time) = &mut v.time {
        changed |= m.apply_in_place(time);
    }
    for a in &mut v.attributes {
        changed |= known.fix(m, a);
    }
    for c in &mut v.coders {
        known.fix(m, c);
    }
    for memo in &mut v.memos {
        m.apply_in_place(memo);
    }
    changed
}

/// What the key made of each short field value met so far (labels, cases, speakers, attribute
/// values, coders): an annex repeats a few hundred of them over thousands of
/// verbatims, and each is searched once.
#[derive(Default)]
struct Known {
    /// Value → its pseudonymised form, or `None` when the key leaves it as it is.
    values: HashMap<String, Option<String>>,
}

impl Known {
    /// Replaces the originals in `s`; says whether it changed.
    fn fix(&mut self, m: &Matcher, s: &mut String) -> bool {
        if let Some(known) = self.values.get(s.as_str()) {
            return match known {
                Some(after) => {
                    s.clone_from(after);
                    true
                }
                None => false,
            };
        }
        let before = s.clone();
        let changed = m.apply_in_place(s);
        self.values.insert(before, changed.then(|| s.clone()));
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymise::{Category, Entry};

    #[test]
    fn repeated_values_are_replaced_like_new_ones() {
        let m = Matcher::from_entries(vec![Entry {
            original: "Orléans".into(),
            pseudonym: "Ville-A".into(),
            category: Category::Place,
            whole_word: true,
        }]);
        let mut known = Known::default();
        for (value, expected) in [
            ("CHU d'Orléans", "CHU d'Ville-A"),
            ("CHU d'Orléans", "CHU d'Ville-A"),
            ("Tours", "Tours"),
            ("Tours", "Tours"),
            ("orleans", "Ville-A"),
            ("", ""),
            ("", ""),
        ] {
            let mut s = value.to_owned();
            assert_eq!(known.fix(&m, &mut s), value != expected);
            assert_eq!(s, expected);
        }
    }
}
