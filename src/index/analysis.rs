//! Text analysis for search (DESIGN §6): a stemmed field (lowercase, French elision of
//! `l' d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu'` before ' or ’, Snowball stem, then fold
//! accents) and a folded-only field; no stop words. The fingerprint changes when the analysis
//! would give other terms (a stemmer update), which forces a rebuild.
//!
//! Invariant: indexing and querying use exactly these analysers, registered on every open.

use crate::model::Language;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language as StemLang, LowerCaser, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

pub const STEMMED: &str = "vb_stemmed";
pub const FOLDED: &str = "vb_folded";

const ELIDED: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
];

/// Drops an elided article or pronoun (`l` of `l'accès`) when an apostrophe follows it.
#[derive(Clone, Copy)]
pub struct ElisionFilter;

impl TokenFilter for ElisionFilter {
    type Tokenizer<T: Tokenizer> = ElisionWrapper<T>;
    fn transform<T: Tokenizer>(self, inner: T) -> ElisionWrapper<T> {
        ElisionWrapper { inner }
    }
}

#[derive(Clone)]
pub struct ElisionWrapper<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for ElisionWrapper<T> {
    type TokenStream<'a> = ElisionStream<'a, T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        ElisionStream {
            text,
            tail: self.inner.token_stream(text),
        }
    }
}

pub struct ElisionStream<'a, S> {
    text: &'a str,
    tail: S,
}

impl<S: TokenStream> TokenStream for ElisionStream<'_, S> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let t = self.tail.token();
            let elided = t.text.len() <= 6
                && self.text[t.offset_to..].starts_with(['\'', '’'])
                && ELIDED.iter().any(|e| e.eq_ignore_ascii_case(&t.text));
            if !elided {
                return true;
            }
        }
        false
    }
    fn token(&self) -> &Token {
        self.tail.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The stemmed analyser for a language.
pub fn stemmed(language: Language) -> TextAnalyzer {
    let lang = match language {
        Language::Fr => StemLang::French,
        Language::En => StemLang::English,
    };
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(ElisionFilter)
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(lang))
        .filter(AsciiFoldingFilter)
        .build()
}

/// The folded analyser: lowercase and accents removed, no stemming.
pub fn folded() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(ElisionFilter)
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Tokens of `text` through an analyser: (byte start, byte end, term).
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push((t.offset_from, t.offset_to, t.text.clone()));
    }
    out
}

/// Identifies the analysis: the schema version, the language, and the terms a fixed sample
/// gives (so a stemmer that changes its output changes the fingerprint).
pub fn fingerprint(language: Language) -> String {
    let sample =
        "réalisées enquêtés médecins l'accès qu'on jusqu'à aujourd'hui généralistes coordination";
    let stems: Vec<String> = tokens(&mut stemmed(language), sample)
        .into_iter()
        .map(|t| t.2)
        .collect();
    let folds: Vec<String> = tokens(&mut folded(), sample)
        .into_iter()
        .map(|t| t.2)
        .collect();
    let lang = match language {
        Language::Fr => "fr",
        Language::En => "en",
    };
    format!("v4|{lang}|{}|{}", stems.join(","), folds.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(a: &mut TextAnalyzer, t: &str) -> Vec<String> {
        tokens(a, t).into_iter().map(|t| t.2).collect()
    }

    #[test]
    fn french_analysis_elides_stems_then_folds() {
        let mut s = stemmed(Language::Fr);
        assert_eq!(terms(&mut s, "L'accès, l’accès"), ["acces", "acces"]);
        assert_eq!(terms(&mut s, "réalisées réalisé"), ["realis", "realis"]);
        assert_eq!(terms(&mut s, "Médecins médecin"), ["medecin", "medecin"]);
        assert_eq!(
            terms(&mut s, "je ne sais pas, on verra"),
            ["je", "ne", "sais", "pas", "on", "verr"]
        );
        assert_eq!(
            terms(&mut folded(), "Enquêteur jusqu'à l'ARS"),
            ["enqueteur", "a", "ars"]
        );
        assert_eq!(
            terms(&mut folded(), "l s d"),
            ["l", "s", "d"],
            "letters without an apostrophe stay"
        );
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "« L’accès aux soins »";
        let t = tokens(&mut stemmed(Language::Fr), text);
        assert_eq!(&text[t[0].0..t[0].1], "accès");
        assert!(fingerprint(Language::Fr).starts_with("v4|fr|realis,"));
    }
}

#[cfg(test)]
mod stemming_examples {
    //! What the French stemmer conflates and what it does not, as documented in the README.
    use super::*;

    fn stem(w: &str) -> String {
        tokens(&mut stemmed(Language::Fr), w).remove(0).2
    }

    #[test]
    fn conflated() {
        for (a, b) in [
            ("médecin", "médecins"),
            ("médecin", "médecine"),
            ("réunion", "réunions"),
            ("infirmière", "infirmier"),
            ("coordinatrice", "coordination"),
            ("réalisé", "réalisées"),
            ("soin", "soins"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
    }

    #[test]
    fn kept_apart() {
        for (a, b) in [
            ("soin", "soigner"),
            ("coordination", "coordonne"),
            ("pharmacie", "pharmacien"),
            ("enquête", "enquêteur"),
            ("territoire", "territorial"),
            ("va", "aller"),
        ] {
            assert_ne!(stem(a), stem(b), "{a} / {b}");
        }
    }
}
