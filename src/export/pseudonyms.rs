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
        for v in &mut section.verbatims {
            // The citation holds the verbatim: one search serves both.
            m.apply_with_inner(&mut v.citation, &mut v.text);
            for s in [&mut v.label, &mut v.case, &mut v.before, &mut v.after] {
                fix(s);
            }
            if let Some(sp) = &mut v.speaker {
                fix(sp);
            }
            v.attributes.iter_mut().for_each(fix);
            v.coders.iter_mut().for_each(fix);
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
        for (_, speaker, text) in &mut t.turns {
            if let Some(sp) = speaker {
                fix(sp);
            }
            fix(text);
        }
    });
}
