//! Export-time pseudonymisation of the annex: once the project has a key, every string the annex
//! writes (title, node names and descriptions, verbatims, citations, context, speakers, labels,
//! cases, attribute values, coders, memos, transcripts) goes through it; the project itself is not touched.
//!
//! Invariant: applied to the built annex only, after selection and ordering, so the same
//! verbatims come out in the same order as without a key; each string is replaced on its own
//! (sections in parallel), so the result does not depend on the threads.

use super::annex::Annex;
use crate::anonymise::Matcher;
use rayon::prelude::*;

/// Replaces every original in the annex's strings.
pub fn apply(annex: &mut Annex, m: &Matcher) {
    let fix = |s: &mut String| {
        m.apply_in_place(s);
    };
    fix(&mut annex.title);
    annex.sections.par_iter_mut().for_each(|section| {
        fix(&mut section.name);
        fix(&mut section.path);
        fix(&mut section.description);
        section.memos.iter_mut().for_each(fix);
        let mut last = Last::default();
        // Where the verbatim stood in the last citation (the same template: often the same).
        let mut text_at = None;
        for v in &mut section.verbatims {
            // The citation holds the verbatim: one search serves both.
            text_at = m.apply_with_inner(&mut v.citation, &mut v.text, text_at);
            fix(&mut v.before);
            fix(&mut v.after);
            last.fix(m, 0, &mut v.label);
            last.fix(m, 1, &mut v.case);
            if let Some(sp) = &mut v.speaker {
                last.fix(m, 2, sp);
            }
            for (i, a) in v.attributes.iter_mut().enumerate() {
                last.fix(m, 3 + i, a);
            }
            let first = 3 + v.attributes.len();
            for (i, c) in v.coders.iter_mut().enumerate() {
                last.fix(m, first + i, c);
            }
            v.memos.iter_mut().for_each(fix);
        }
    });
    annex.transcripts.par_iter_mut().for_each(|t| {
        fix(&mut t.label);
        fix(&mut t.case);
        for (k, v) in &mut t.attributes {
            fix(k);
            fix(v);
        }
        let mut last = Last::default();
        for (_, speaker, text) in &mut t.turns {
            if let Some(sp) = speaker {
                last.fix(m, 0, sp);
            }
            fix(text);
        }
    });
}

/// The value each field (label, case, speaker, attribute, coder…) had in the verbatim before,
/// and what the key made of it: many repeat from one verbatim to the next (one source's run),
/// and are then not searched again. The slots' buffers are reused from value to value.
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
    fn fix(&mut self, m: &Matcher, field: usize, s: &mut String) {
        if field >= self.slots.len() {
            self.slots.resize_with(field + 1, Slot::default);
        }
        let slot = &mut self.slots[field];
        if slot.set && slot.before == *s {
            if slot.changed {
                s.clone_from(&slot.after);
            }
            return;
        }
        slot.set = true;
        slot.before.clone_from(s);
        slot.changed = m.apply_in_place(s);
        if slot.changed {
            slot.after.clone_from(s);
        }
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
            last.fix(&m, 0, &mut s);
            assert_eq!(s, expected);
        }
    }
}
