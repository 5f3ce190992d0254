//! The citation an annex is written with, worked out once from the project and the export
//! options: the template (`--citation` or the project language's default), the case attribute
//! columns it may name, the language, the parsed [`Citation`] and the project's pseudonymisation
//! key (loaded before any verbatim is collected: verbatims are printed through it as they are
//! made). Both kinds of annex
//! ([`super::annex::build`], [`super::passages_annex::build`]) start from it and hand it to
//! [`super::annex::finish`], so they cite alike.
//!
//! Invariants: the template is parsed (an unknown placeholder or attribute refused, argument
//! named) before any verbatim is collected; `attributes` are the case table's columns in its
//! order, the ones the citation's `{attr:…}` pieces index.

use super::citation::{Citation, default_template};
use super::options::Options;
use crate::anonymise::Matcher;
use crate::error::Result;
use crate::model::Language;
use crate::session::Session;

/// What an annex needs to cite its verbatims.
pub(super) struct CitationSetup {
    /// Case attribute names, in the case table's order.
    pub attributes: Vec<String>,
    /// The project's language (default template, titles).
    pub language: Language,
    /// The template as given or defaulted (quoted in the warning when it has no `{text}`).
    pub template: String,
    /// The citation; its template's own text already through the key when names are printed
    /// through it.
    pub citation: Citation,
    /// The project's key, when it has one (the leak check's, even when names are kept).
    pub key: Option<Matcher>,
    /// Whether the export keeps names (`--keep-names`): the key is then not applied.
    pub keep_names: bool,
}

impl CitationSetup {
    /// The citation `options` ask for on `session`'s project.
    pub fn new(session: &Session, options: &Options) -> Result<Self> {
        let attributes = session.project().cases.attributes.clone();
        let language = session.project().manifest.language;
        let template = options
            .citation
            .clone()
            .unwrap_or_else(|| default_template(language).to_owned());
        let mut citation = Citation::parse(&template, &attributes)?;
        let key = crate::anonymise::project_matcher(session.project().manifest.id)?;
        if let Some(m) = key.as_ref().filter(|_| !options.keep_names) {
            citation = citation.with_literals(|s| m.apply(s));
        }
        Ok(Self {
            attributes,
            language,
            template,
            citation,
            key,
            keep_names: options.keep_names,
        })
    }

    /// The key names are printed through: the project's, unless the export keeps names.
    pub fn printing_key(&self) -> Option<&Matcher> {
        self.key.as_ref().filter(|_| !self.keep_names)
    }
}
