//! Export-time pseudonymisation of what the annex holds besides its verbatims: once the project
//! has a key, the title, node names, paths, descriptions and memos, and the transcripts annex
//! (labels, cases, attributes, speakers, every turn) go through it; the project itself is not
//! touched. The verbatims were printed through the key as they were collected
//! ([`super::names`]): their texts, fields and citations.
//!
//! Invariant: applied to the built annex, after selection and ordering; the result does not
//! depend on the threads (each transcript is changed by one of them, on its own).

use super::annex::Annex;
use super::names::Names;
use rayon::prelude::*;

/// Replaces every original in the annex's strings but its verbatims' (already printed through
/// the key); nothing to do without a key.
pub fn apply(annex: &mut Annex) {
    let Some(m) = annex.key.take() else {
        return;
    };
    let fix = |s: &mut String| {
        m.apply_in_place(s);
    };
    fix(&mut annex.title);
    for section in &mut annex.sections {
        fix(&mut section.name);
        fix(&mut section.path);
        fix(&mut section.description);
        section.memos.iter_mut().for_each(fix);
    }
    annex.transcripts.par_iter_mut().for_each(|t| {
        let mut names = Names::new(Some(&m));
        t.label = names.field(&t.label);
        t.case = names.field(&t.case);
        for (k, v) in &mut t.attributes {
            *k = names.field(k);
            *v = names.field(v);
        }
        for (_, speaker, text) in &mut t.turns {
            if let Some(sp) = speaker {
                *sp = names.field(sp);
            }
            names.text(text);
        }
    });
    annex.key = Some(m);
}
