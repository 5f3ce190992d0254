//! The search language: words (all required; `AND` may be written and changes nothing),
//! "phrases", `OR` between two clauses, `NOT x` or `-x` to exclude, `prefix*`. Parentheses
//! outside a phrase are refused with a sentence (they would silently group nothing). Parsed into clauses, compiled to a tantivy query over the
//! stemmed and folded fields, and into a [`Matcher`] that finds the matching spans in a text
//! (for snippets, exact positions and the node filter).
//!
//! Invariant: a word matches when its stem or its folded form matches, so `medecin` finds
//! `médecins` and `l'accès` finds `accès`; the matcher agrees with the index by using the same
//! analysers.

use super::analysis::{self, tokens};
use crate::error::{Error, Result};
use crate::model::Language;
use tantivy::Term;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

/// One searchable clause, analysed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Clause {
    /// A word or phrase: its stems and folded terms, in order.
    Words {
        stems: Vec<String>,
        folds: Vec<String>,
    },
    /// Words starting with this folded prefix.
    Prefix(String),
}

/// A parsed query: groups of alternatives (all groups required), and exclusions.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    groups: Vec<Vec<Clause>>,
    excluded: Vec<Clause>,
}

/// Splits a query into raw items: words, quoted phrases, `OR`, `NOT`, with `-` kept.
fn lex(q: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut chars = q.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let phrase: String = chars.by_ref().take_while(|c| *c != '"').collect();
            out.push(format!("\"{phrase}"));
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                if c == '"' && (word.is_empty() || word == "-") {
                    chars.next();
                    let phrase: String = chars.by_ref().take_while(|c| *c != '"').collect();
                    word.push('"');
                    word.push_str(&phrase);
                    break;
                }
                word.push(c);
                chars.next();
            }
            out.push(word);
        }
    }
    if q.chars().filter(|c| *c == '"').count() % 2 == 1 {
        return Err(Error::Invalid(format!(
            "the query {q:?} has an unclosed quote"
        )));
    }
    Ok(out)
}

/// Parses a query for a project language.
pub fn parse(q: &str, language: Language) -> Result<Parsed> {
    let mut stem = analysis::stemmed(language);
    let mut fold = analysis::folded();
    let mut parsed = Parsed::default();
    let mut negate = false;
    let mut or_next = false;
    for item in lex(q)? {
        if !item.starts_with('"') && item.contains(['(', ')']) {
            return Err(Error::Invalid(format!(
                "the query {q:?} has parentheses, which search does not group by: words are all \
                 required and OR joins the two words around it (médecin soir OR nuit); put \
                 \"(rires)\" in quotes to find the text itself"
            )));
        }
        match item.as_str() {
            "AND" | "&&" => continue,
            "OR" | "|" => {
                or_next = !parsed.groups.is_empty();
                continue;
            }
            "NOT" => {
                negate = true;
                continue;
            }
            _ => {}
        }
        let (neg, body) = match item.strip_prefix('-') {
            Some(rest) if !rest.is_empty() => (true, rest.to_owned()),
            _ => (negate, item.clone()),
        };
        negate = false;
        let clause = if let Some(phrase) = body.strip_prefix('"') {
            words(&mut stem, &mut fold, phrase)
        } else if let Some(prefix) = body.strip_suffix('*').filter(|p| !p.is_empty()) {
            tokens(&mut fold, prefix)
                .into_iter()
                .next()
                .map(|t| Clause::Prefix(t.2))
        } else {
            words(&mut stem, &mut fold, &body)
        };
        let Some(clause) = clause else { continue };
        if neg {
            parsed.excluded.push(clause);
        } else if or_next {
            parsed
                .groups
                .last_mut()
                .expect("a group before OR")
                .push(clause);
        } else {
            parsed.groups.push(vec![clause]);
        }
        or_next = false;
    }
    if parsed.groups.is_empty() {
        return Err(Error::Invalid(format!(
            "the query {q:?} has no word to search for"
        )));
    }
    Ok(parsed)
}

fn words(
    stem: &mut tantivy::tokenizer::TextAnalyzer,
    fold: &mut tantivy::tokenizer::TextAnalyzer,
    text: &str,
) -> Option<Clause> {
    let stems: Vec<String> = tokens(stem, text).into_iter().map(|t| t.2).collect();
    let folds: Vec<String> = tokens(fold, text).into_iter().map(|t| t.2).collect();
    (!stems.is_empty()).then_some(Clause::Words { stems, folds })
}

impl Parsed {
    /// The tantivy query over the stemmed (`text`) and folded (`folded`) fields.
    pub fn to_query(&self, text: Field, folded: Field) -> Box<dyn Query> {
        let one = |c: &Clause| -> Box<dyn Query> {
            match c {
                Clause::Words { stems, folds } => {
                    let on = |field: Field, terms: &[String]| -> Box<dyn Query> {
                        let terms: Vec<Term> = terms
                            .iter()
                            .map(|t| Term::from_field_text(field, t))
                            .collect();
                        if terms.len() == 1 {
                            Box::new(TermQuery::new(
                                terms[0].clone(),
                                IndexRecordOption::WithFreqsAndPositions,
                            ))
                        } else {
                            Box::new(PhraseQuery::new(terms))
                        }
                    };
                    // The folded field has no positions (smaller, faster to build): it
                    // serves single words; phrases go through the stemmed field.
                    if folds.len() == 1 {
                        Box::new(BooleanQuery::new(vec![
                            (Occur::Should, on(text, stems)),
                            (Occur::Should, on(folded, folds)),
                        ]))
                    } else {
                        on(text, stems)
                    }
                }
                Clause::Prefix(p) => {
                    let pattern = format!("{}.*", escape(p));
                    match RegexQuery::from_pattern(&pattern, folded) {
                        Ok(q) => Box::new(q),
                        Err(_) => Box::new(BooleanQuery::new(vec![])),
                    }
                }
            }
        };
        let mut parts: Vec<(Occur, Box<dyn Query>)> = self
            .groups
            .iter()
            .map(|g| {
                let q: Box<dyn Query> = if g.len() == 1 {
                    one(&g[0])
                } else {
                    Box::new(BooleanQuery::new(
                        g.iter().map(|c| (Occur::Should, one(c))).collect(),
                    ))
                };
                (Occur::Must, q)
            })
            .collect();
        parts.extend(self.excluded.iter().map(|c| (Occur::MustNot, one(c))));
        Box::new(BooleanQuery::new(parts))
    }

    /// A matcher for the positive clauses.
    pub fn matcher(&self, language: Language) -> Matcher {
        Matcher {
            clauses: self.groups.iter().flatten().cloned().collect(),
            stem: analysis::stemmed(language),
            fold: analysis::folded(),
        }
    }
}

fn escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

/// Finds the spans of a text that match a query's positive clauses.
pub struct Matcher {
    clauses: Vec<Clause>,
    stem: tantivy::tokenizer::TextAnalyzer,
    fold: tantivy::tokenizer::TextAnalyzer,
}

impl Matcher {
    /// Byte ranges of `text` matching any clause, in order, merged when they overlap.
    pub fn spans(&mut self, text: &str) -> Vec<(usize, usize)> {
        let stems = tokens(&mut self.stem, text);
        let folds = tokens(&mut self.fold, text);
        let mut out: Vec<(usize, usize)> = Vec::new();
        for clause in &self.clauses {
            match clause {
                Clause::Prefix(p) => out.extend(
                    folds
                        .iter()
                        .filter(|t| t.2.starts_with(p.as_str()))
                        .map(|t| (t.0, t.1)),
                ),
                Clause::Words {
                    stems: ws,
                    folds: wf,
                } => {
                    let n = ws.len();
                    for i in 0..stems.len().saturating_sub(n - 1) {
                        let hit = (0..n).all(|k| {
                            stems[i + k].2 == ws[k]
                                || folds.get(i + k).is_some_and(|f| wf.get(k) == Some(&f.2))
                        });
                        if hit {
                            out.push((stems[i].0, stems[i + n - 1].1));
                        }
                    }
                }
            }
        }
        out.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (s, e) in out {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(q: &str, text: &str) -> Vec<String> {
        let mut m = parse(q, Language::Fr).unwrap().matcher(Language::Fr);
        m.spans(text)
            .into_iter()
            .map(|(s, e)| text[s..e].to_owned())
            .collect()
    }

    #[test]
    fn words_phrases_prefixes_and_elisions_match() {
        assert_eq!(
            spans("medecin", "Les médecins et le Médecin."),
            ["médecins", "Médecin"]
        );
        assert_eq!(
            spans("l'accès", "l’accès aux soins, d'accès"),
            ["accès", "accès"]
        );
        assert_eq!(
            spans(
                "\"soins non programmés\"",
                "les soins non programmés, les soins"
            ),
            ["soins non programmés"]
        );
        assert_eq!(
            spans("coord*", "la coordinatrice coordonne"),
            ["coordinatrice", "coordonne"]
        );
        assert_eq!(
            spans("réunions OR soir -temps", "des réunions le soir"),
            ["réunions", "soir"]
        );
    }

    #[test]
    fn bad_queries_are_refused_with_a_reason() {
        assert!(
            parse("\"ouvert", Language::Fr)
                .unwrap_err()
                .to_string()
                .contains("unclosed quote")
        );
        assert!(
            parse("-temps", Language::Fr)
                .unwrap_err()
                .to_string()
                .contains("no word to search for")
        );
        assert!(parse("  ", Language::Fr).is_err());
    }
}

#[cfg(test)]
mod and_and_parentheses {
    use super::*;

    #[test]
    fn and_is_the_default_and_parentheses_are_refused() {
        let with_and = parse("médecin AND soir", Language::Fr).unwrap();
        let without = parse("médecin soir", Language::Fr).unwrap();
        assert_eq!(with_and.groups, without.groups);
        assert_eq!(with_and.groups.len(), 2);
        let err = parse("(médecin OR infirmière) soir", Language::Fr)
            .unwrap_err()
            .to_string();
        assert!(err.contains("parentheses"), "{err}");
        assert!(parse("\"(rires)\"", Language::Fr).is_ok());
    }
}
