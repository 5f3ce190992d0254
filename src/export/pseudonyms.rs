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
//! nothing keeps its citation as rendered; the result does not depend on the threads (they
//! only search).

use super::annex::Annex;
use super::citation::{Citation, CitationData};
use super::items::Verbatim;
use crate::anonymise::{Hit, Matcher};
use rayon::prelude::*;

/// Replaces every original in the annex's strings; `citation` is the template the verbatims'
/// citations were rendered with.
pub fn apply(annex: &mut Annex, m: &Matcher, citation: &Citation) {
    let fix = |s: &mut String| m.apply_in_place(s);
    fix(&mut annex.title);
    let citation = citation.with_literals(|s| m.apply(s));
    let mut last = Last::default();
    // The verbatims are searched on every core, then changed on this thread: the strings the
    // key rewrites are then allocated where the annex's others were, and writing and freeing
    // the annex stay as fast as without a key (changed on rayon's threads, they were slower
    // by more than the threads gained).
    let found: Vec<Vec<Vec<Hit>>> = annex
        .sections
        .par_iter()
        .map(|s| {
            s.verbatims
                .iter()
                .map(|v| m.find_to_apply(&v.text))
                .collect()
        })
        .collect();
    for (section, found) in annex.sections.iter_mut().zip(found) {
        fix(&mut section.name);
        fix(&mut section.path);
        fix(&mut section.description);
        section.memos.iter_mut().for_each(|s| {
            fix(s);
        });
        for (v, hits) in section.verbatims.iter_mut().zip(found) {
            if fix_verbatim(m, &mut last, v, &hits) {
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
                last.fix(m, 0, sp);
            }
            fix(text);
        }
    }
}

/// Every field of one verbatim but its citation (`text_hits`: the key's hits in its text);
/// says whether a field its citation shows changed.
fn fix_verbatim(m: &Matcher, last: &mut Last, v: &mut Verbatim, text_hits: &[Hit]) -> bool {
    let mut changed = m.splice(&mut v.text, text_hits);
    m.apply_in_place(&mut v.before);
    m.apply_in_place(&mut v.after);
    changed |= last.fix(m, 0, &mut v.label);
    changed |= last.fix(m, 1, &mut v.case);
    if let Some(sp) = &mut v.speaker {
        changed |= last.fix(m, 2, sp);
    }
    // Times differ from verbatim to verbatim: searched, not remembered.
    if let Some(time) = &mut v.time {
        changed |= m.apply_in_place(time);
    }
    for (i, a) in v.attributes.iter_mut().enumerate() {
        changed |= last.fix(m, 3 + i, a);
    }
    let first = 3 + v.attributes.len();
    for (i, c) in v.coders.iter_mut().enumerate() {
        last.fix(m, first + i, c);
    }
    for memo in &mut v.memos {
        m.apply_in_place(memo);
    }
    changed
}

/// The value each field (label, case, speaker, attribute, coder…) had in the verbatim before,
/// and what the key made of it: many repeat from one verbatim to the next (one source's run),
/// and are then not searched again; a new value is probed, which is about as quick as looking it
/// up in a table of every value met. The slots' buffers are reused from value to value.
#[derive(Default)]
struct Last {
    slots: Vec<Slot>,
}

#[derive(Default)]
struct Slot {
    /// Whether `before` holds a value yet.
    set: bool,
    before: String,
    /// What the key made of `before`, when it changed it.
    changed: bool,
    after: String,
}

impl Last {
    /// Replaces the originals in `s` (field number `field`); says whether it changed.
    fn fix(&mut self, m: &Matcher, field: usize, s: &mut String) -> bool {
        if field >= self.slots.len() {
            self.slots.resize_with(field + 1, Slot::default);
        }
        let slot = &mut self.slots[field];
        if slot.set && slot.before == *s {
            if slot.changed {
                s.clone_from(&slot.after);
            }
            return slot.changed;
        }
        slot.set = true;
        slot.before.clone_from(s);
        slot.changed = m.apply_in_place(s);
        if slot.changed {
            slot.after.clone_from(s);
        }
        slot.changed
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
        let mut last = Last::default();
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
            assert_eq!(last.fix(&m, 0, &mut s), value != expected);
            assert_eq!(s, expected);
        }
    }
}
