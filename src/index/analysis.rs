//! Text analysis for search (DESIGN §6): a stemmed field (lowercase, French elision of
//! `l' d' j' m' n' s' t' c' qu' jusqu' lorsqu' puisqu'` before ' or ’, Snowball stem, then fold
//! accents) and a folded-only field; no stop words. The fingerprint changes when the analysis
//! would give other terms (a stemmer update), which forces a rebuild.
//!
//! Invariant: indexing and querying use exactly these analysers, registered on every open.

use crate::model::Language;
use std::collections::HashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language as StemLang, LowerCaser, RawTokenizer, RemoveLongFilter,
    SimpleTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
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

/// Maps each token's text through `map` (an analyser that turns one whole token into one term),
/// remembering the answers: transcripts repeat the same few thousand words, so most tokens cost a
/// hash lookup instead of lowercasing, stemming and folding again. The terms are those `map`
/// gives, by construction.
#[derive(Clone)]
pub struct MemoFilter {
    map: TextAnalyzer,
}

/// Past this many remembered words the memory starts afresh (bounds it on odd corpora).
const MEMO_LIMIT: usize = 200_000;

impl TokenFilter for MemoFilter {
    type Tokenizer<T: Tokenizer> = MemoWrapper<T>;
    fn transform<T: Tokenizer>(self, inner: T) -> MemoWrapper<T> {
        MemoWrapper {
            inner,
            map: self.map,
            memo: HashMap::new(),
        }
    }
}

#[derive(Clone)]
pub struct MemoWrapper<T> {
    inner: T,
    map: TextAnalyzer,
    memo: HashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for MemoWrapper<T> {
    type TokenStream<'a> = MemoStream<'a, T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.memo.len() > MEMO_LIMIT {
            self.memo.clear();
        }
        MemoStream {
            tail: self.inner.token_stream(text),
            map: &mut self.map,
            memo: &mut self.memo,
        }
    }
}

pub struct MemoStream<'a, S> {
    tail: S,
    map: &'a mut TextAnalyzer,
    memo: &'a mut HashMap<String, String>,
}

impl<S: TokenStream> TokenStream for MemoStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let term = match self.memo.get(token.text.as_str()) {
            Some(term) => term,
            None => {
                let mut one = self.map.token_stream(&token.text);
                let term = if one.advance() {
                    one.token().text.clone()
                } else {
                    token.text.clone()
                };
                self.memo.entry(token.text.clone()).or_insert(term)
            }
        };
        token.text.clear();
        token.text.push_str(term);
        true
    }
    fn token(&self) -> &Token {
        self.tail.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

fn stem_lang(language: Language) -> StemLang {
    match language {
        Language::Fr => StemLang::French,
        Language::En => StemLang::English,
    }
}

/// Words, elisions dropped, overlong tokens dropped, then each word mapped by `per_token`.
fn words_then(per_token: TextAnalyzer) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(ElisionFilter)
        .filter(RemoveLongFilter::limit(40))
        .filter(MemoFilter { map: per_token })
        .build()
}

/// The stemmed analyser for a language.
pub fn stemmed(language: Language) -> TextAnalyzer {
    words_then(
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(stem_lang(language)))
            .filter(AsciiFoldingFilter)
            .build(),
    )
}

/// The folded analyser: lowercase and accents removed, no stemming.
pub fn folded() -> TextAnalyzer {
    words_then(
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build(),
    )
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

    /// The analysers as plain chains, without the memory: the memoised ones must give the same.
    fn plain(language: Option<Language>) -> TextAnalyzer {
        let b = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(ElisionFilter)
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser);
        match language {
            Some(l) => b
                .filter(Stemmer::new(stem_lang(l)))
                .filter(AsciiFoldingFilter)
                .build(),
            None => b.filter(AsciiFoldingFilter).build(),
        }
    }

    #[test]
    fn memoised_analysers_give_the_plain_chains_terms() {
        let text = "L'Œuvre des Médecins, médecins ŒUVRE œuvre ÉTÉ été; Straße straße \
                    qu'on Qu’ON jusqu'à l'accès L'ACCÈS naïve NAÏVE coordinatrices 12h30 \
                    x1234567890123456789012345678901234567890123 fin";
        for lang in [Language::Fr, Language::En] {
            let mut memo = stemmed(lang);
            // Twice: the second pass answers from memory.
            for _ in 0..2 {
                assert_eq!(
                    tokens(&mut memo, text),
                    tokens(&mut plain(Some(lang)), text)
                );
            }
        }
        let mut memo = folded();
        for _ in 0..2 {
            assert_eq!(tokens(&mut memo, text), tokens(&mut plain(None), text));
        }
    }

    proptest::proptest! {
        #[test]
        fn memoised_analysers_agree_on_any_text(
            words in proptest::collection::vec("[a-zA-Zéèêàçœ’'ÉÀŒ ,.«»]{0,12}", 0..30)
        ) {
            let text = words.join(" ");
            let mut memo = stemmed(Language::Fr);
            let _ = tokens(&mut memo, &text);
            proptest::prop_assert_eq!(
                tokens(&mut memo, &text),
                tokens(&mut plain(Some(Language::Fr)), &text)
            );
            proptest::prop_assert_eq!(tokens(&mut folded(), &text), tokens(&mut plain(None), &text));
        }
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
