//! The runtime's side of pseudonymisation in the TUI: finding the candidates for the review
//! list (the same as `verbatim anonymise suggest`, names skipped before left out), adding an
//! accepted one to the project's key (in the user data folder, never in the project) or a
//! skipped one to the list beside it, and applying the key to what the user copies with its
//! citation.
//!
//! Invariants: with a key, a copy never holds an original (a key that cannot be read copies
//! nothing and says why); the project itself is never written here.

use super::i18n::{Lang, T};
use super::key_review::{Candidate, KeyDone, KeyOp, KeyReview};
use super::msg::{Done, Msg};
use super::state::AppState;
use crate::anonymise::{self, Category, Key, Kind, Skipped};
use crate::session::Session;

/// At most this many candidates are listed (most frequent first).
const LIMIT: usize = 300;

/// Carries out a key operation.
pub(super) fn run(session: &Session, state: &AppState, op: KeyOp) -> crate::Result<Vec<Msg>> {
    let path = anonymise::default_path(session.project().manifest.id)?;
    let mut key = Key::load(&path)?;
    match op {
        KeyOp::Review => {
            let skipped = Skipped::load(&anonymise::skipped::path_beside(&path))?;
            let review = review(session, &key, &skipped, state.ui.lang)?;
            Ok(vec![Msg::Done(Done::Key(KeyDone::Review(Box::new(
                review,
            ))))])
        }
        KeyOp::Add(entry) => {
            let original = entry.original.clone();
            key.add(entry).map_err(crate::Error::Invalid)?;
            key.save(&path)?;
            Ok(vec![Msg::Done(Done::Key(KeyDone::Added {
                original,
                entries: key.entries().len(),
            }))])
        }
        KeyOp::Skip(name) => {
            let path = anonymise::skipped::path_beside(&path);
            let mut skipped = Skipped::load(&path)?;
            if skipped.add(&name) {
                skipped.save(&path)?;
            }
            Ok(vec![])
        }
    }
}

/// The candidates of every source, each with a proposed pseudonym (`Personne 3`, `Lieu 2`,
/// `Structure 1`, numbered after the key's entries of the same category).
fn review(session: &Session, key: &Key, skipped: &Skipped, lang: Lang) -> crate::Result<KeyReview> {
    let mut texts = Vec::new();
    let mut speakers = Vec::new();
    for meta in session.project().sources() {
        texts.push((meta.label.as_str(), session.text(meta.id)?));
        for sp in &meta.speakers {
            speakers.push((sp.name.as_str(), meta.label.as_str()));
        }
    }
    let texts: Vec<(&str, &str)> = texts.iter().map(|(l, t)| (*l, t.text.as_str())).collect();
    let mut found = anonymise::suggest(&texts, &speakers, &key.matcher());
    skipped.leave_out(&mut found);
    found.truncate(LIMIT);
    let next = |category: Category| {
        key.entries()
            .iter()
            .filter(|e| e.category == category)
            .count()
            + 1
    };
    let mut numbers: std::collections::HashMap<&'static str, usize> = Default::default();
    let rows = found
        .into_iter()
        .map(|c| {
            let category = match c.kind {
                Kind::Place => Category::Place,
                Kind::Structure => Category::Organisation,
                Kind::Title | Kind::Speaker | Kind::Capitalised => Category::Person,
            };
            let n = numbers
                .entry(category.as_str())
                .or_insert_with(|| next(category));
            let pseudonym = format!("{} {n}", word(category, lang));
            *n += 1;
            Candidate {
                original: c.text,
                pseudonym,
                category,
                kind: c.kind.as_str(),
                count: c.count,
                source: c.source,
                example: c.example,
            }
        })
        .collect();
    Ok(KeyReview {
        rows,
        selected: 0,
        editing: None,
        entries: key.entries().len(),
    })
}

/// The word a proposed pseudonym starts with.
pub(super) fn word(category: Category, lang: Lang) -> &'static str {
    match (category, lang) {
        (Category::Person, Lang::Fr) => "Personne",
        (Category::Person, Lang::En) => "Person",
        (Category::Place, Lang::Fr) => "Lieu",
        (Category::Place, Lang::En) => "Place",
        (Category::Organisation, _) => "Structure",
        (Category::Other, Lang::Fr) => "Autre",
        (Category::Other, Lang::En) => "Other",
    }
}

/// The text to copy and the message: with a key, pseudonymised.
pub(super) fn copy(
    session: &Session,
    state: &AppState,
    text: String,
) -> crate::Result<(String, Msg)> {
    let lang = state.ui.lang;
    Ok(
        match anonymise::project_matcher(session.project().manifest.id)? {
            Some(m) => (
                m.apply(&text),
                super::runtime::info(lang.t(T::CopiedPseudonymised)),
            ),
            None => (text, super::runtime::info(lang.t(T::Copied))),
        },
    )
}
