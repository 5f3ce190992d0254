//! The filter grammar (DESIGN §4 filters written as text), parsed in one place for the CLI
//! flags, the TUI `f` prompt, the export dialog and saved queries.
//!
//! ```text
//! filter := term*                       terms are separated by white space
//! term   := KEY ":" value               KEY: case, speaker, role, -role, coder, also
//!         | NAME "=" value              NAME: a case attribute
//! value  := "…" | «…» | words           a quoted value may hold spaces and ':' or '='
//! ```
//!
//! Unquoted values run on over the following words until the next term (a word starting with
//! `KEY:` or holding `=`), so `Profession=Médecin généraliste role:participant` is read as two
//! terms. An unquoted attribute name with spaces (`Tranche d'âge=40-50 ans`) is recognised when
//! `known_attributes` lists it; otherwise quote it (`"Tranche d'âge"=40-50 ans`).
//!
//! Invariants: parsing is pure (no session); it fails only on syntax (an unclosed quote, a word
//! before any term, an empty value) with one sentence naming the offending text; names and
//! values are checked against the project later, by [`super::resolve`]. [`FilterExpr`]'s
//! `Display` writes a text that parses back to the same terms.

use crate::error::{Error, Result};
use std::fmt;

/// What a term filters on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Case,
    /// A case attribute, by name.
    Attr(String),
    Speaker,
    Role,
    ExcludeRole,
    Coder,
    /// A node path a passage must overlap (with descendants).
    Also,
}

impl Key {
    const NAMED: [(&'static str, Key); 6] = [
        ("case", Key::Case),
        ("speaker", Key::Speaker),
        ("role", Key::Role),
        ("-role", Key::ExcludeRole),
        ("coder", Key::Coder),
        ("also", Key::Also),
    ];

    fn named(word: &str) -> Option<(Key, &str)> {
        let (k, rest) = word.split_once(':')?;
        Self::NAMED
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(k))
            .map(|(_, key)| (key.clone(), rest))
    }
}

/// One `key:value` or `NAME=value` term, value unquoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub key: Key,
    pub value: String,
}

/// A parsed filter: terms in the order written (all must hold).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterExpr {
    pub terms: Vec<Term>,
}

impl FilterExpr {
    /// Parses filter text; `known_attributes` lets unquoted attribute names hold spaces.
    pub fn parse(text: &str, known_attributes: &[String]) -> Result<Self> {
        let words = split_words(text)?;
        let mut terms: Vec<Term> = Vec::new();
        // Words of the current term's unquoted value (None once it is quoted or closed).
        let mut open: Option<Vec<String>> = None;
        // Unquoted words before the first term: the start of an attribute name, or an error.
        let mut leading: Vec<String> = Vec::new();
        let close = |terms: &mut Vec<Term>, open: &mut Option<Vec<String>>| {
            if let (Some(words), Some(last)) = (open.take(), terms.last_mut()) {
                last.value = words.join(" ");
            }
        };
        for w in words {
            if let Some((key, rest)) = (!w.quoted).then(|| Key::named(&w.text)).flatten() {
                not_a_term(&leading)?;
                close(&mut terms, &mut open);
                terms.push(Term {
                    key,
                    value: String::new(),
                });
                open = start_value(&mut terms, rest, w.quoted_tail)?;
            } else if let Some((name, rest)) = (!w.quoted).then(|| w.text.split_once('=')).flatten()
            {
                let mut name = unquote_name(name);
                if !leading.is_empty() {
                    name = format!("{} {name}", leading.join(" "));
                    leading.clear();
                }
                // Words at the end of the previous unquoted value may begin the name.
                if let Some(prev) = open.as_mut() {
                    for take in (1..prev.len()).rev() {
                        let candidate = format!("{} {name}", prev[prev.len() - take..].join(" "));
                        if known_attributes.contains(&candidate) {
                            prev.truncate(prev.len() - take);
                            name = candidate;
                            break;
                        }
                    }
                }
                close(&mut terms, &mut open);
                if name.is_empty() {
                    return Err(Error::Invalid(format!(
                        "filter '{}': the attribute name before '=' is missing",
                        w.text
                    )));
                }
                terms.push(Term {
                    key: Key::Attr(name),
                    value: String::new(),
                });
                open = start_value(&mut terms, rest, w.quoted_tail)?;
            } else if let Some(words) = open.as_mut() {
                if w.quoted {
                    return Err(Error::Invalid(format!(
                        "filter: the quoted \"{}\" follows an unquoted value; quote the whole value",
                        w.text
                    )));
                }
                words.push(w.text);
            } else if w.quoted {
                not_a_term(&[w.text])?;
            } else {
                leading.push(w.text);
            }
        }
        not_a_term(&leading)?;
        close(&mut terms, &mut open);
        if let Some(t) = terms.iter().find(|t| t.value.trim().is_empty()) {
            return Err(Error::Invalid(format!(
                "filter '{}' has no value",
                Term::display_key(&t.key)
            )));
        }
        Ok(Self { terms })
    }

    /// One term, as a CLI flag gives it (`--case E01` is `(Key::Case, "E01")`); `--attr K=V`
    /// goes through [`FilterExpr::attr_flag`].
    pub fn push(&mut self, key: Key, value: &str) {
        self.terms.push(Term {
            key,
            value: unquote(value.trim()).to_owned(),
        });
    }

    /// A `--attr NAME=VALUE` flag: the name is everything before the first `=` (quotes around
    /// the name or the value are removed).
    pub fn attr_flag(&mut self, flag: &str) -> Result<()> {
        let (k, v) = flag.split_once('=').ok_or_else(|| {
            Error::Invalid(format!("--attr '{flag}' must be of the form NAME=VALUE"))
        })?;
        self.push(Key::Attr(unquote_name(k)), v);
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Fails on words that start no term (and continue none).
fn not_a_term(words: &[String]) -> Result<()> {
    match words.first() {
        None => Ok(()),
        Some(w) => Err(Error::Invalid(format!(
            "filter '{w}' is not case:, NAME=VALUE (a case attribute), speaker:, role:, -role:, coder: or also:"
        ))),
    }
}

/// Starts the value of the term just pushed: `rest` is what followed `key:` or `=` in the word.
fn start_value(
    terms: &mut [Term],
    rest: &str,
    quoted_tail: Option<String>,
) -> Result<Option<Vec<String>>> {
    let last = terms.last_mut().expect("a term was just pushed");
    if let Some(q) = quoted_tail {
        last.value = q;
        return Ok(None);
    }
    Ok(Some(if rest.is_empty() {
        vec![]
    } else {
        vec![rest.to_owned()]
    }))
}

fn unquote_name(name: &str) -> String {
    unquote(name.trim()).trim().to_owned()
}

/// `"x"` or `«x»` (with or without inner spaces) as `x`; anything else unchanged.
fn unquote(s: &str) -> &str {
    for (open, close) in QUOTES {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return inner.trim_matches(|c: char| c == ' ' || c == '\u{a0}' || c == '\u{202f}');
        }
    }
    s
}

const QUOTES: [(char, char); 3] = [('"', '"'), ('«', '»'), ('“', '”')];

/// A word of filter text: either plain (maybe ending in a quoted value, `K="a b"`), or a whole
/// quoted string.
struct Word {
    /// The text before any quote (for `K="a b"`: `K=`), or the quoted text when `quoted`.
    text: String,
    quoted: bool,
    /// For `K="a b"` / `case:"a b"`: the quoted value.
    quoted_tail: Option<String>,
}

/// Splits text at white space outside quotes.
fn split_words(text: &str) -> Result<Vec<Word>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut plain = String::new();
        let mut tail: Option<String> = None;
        let mut whole_quoted = false;
        while let Some(&(_, c)) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            if let Some((_, close)) = QUOTES.iter().find(|(o, _)| *o == c) {
                chars.next();
                let mut inner = String::new();
                let mut closed = false;
                for (_, d) in chars.by_ref() {
                    if d == *close {
                        closed = true;
                        break;
                    }
                    inner.push(d);
                }
                if !closed {
                    return Err(Error::Invalid(format!(
                        "filter: the quote opened at '{}' is not closed",
                        &text[i..]
                    )));
                }
                let inner = inner
                    .trim_matches(|c: char| c == ' ' || c == '\u{a0}' || c == '\u{202f}')
                    .to_owned();
                if plain.is_empty() {
                    // A quoted word: `"Tranche d'âge"=x` continues with `=x`.
                    if chars.peek().is_some_and(|(_, d)| *d == '=' || *d == ':') {
                        plain = format!("\"{inner}\"");
                        continue;
                    }
                    whole_quoted = true;
                    plain = inner;
                } else {
                    tail = Some(inner);
                }
                break;
            }
            plain.push(c);
            chars.next();
        }
        // Anything glued after a closing quote belongs to the same word.
        while let Some(&(_, c)) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            plain.push(c);
            chars.next();
        }
        out.push(Word {
            text: plain,
            quoted: whole_quoted,
            quoted_tail: tail,
        });
    }
    Ok(out)
}

impl Term {
    fn display_key(key: &Key) -> String {
        match key {
            Key::Attr(name) => format!("{}=", quote_if_needed(name, true)),
            k => {
                let name = Key::NAMED
                    .iter()
                    .find(|(_, x)| x == k)
                    .map_or("", |(n, _)| n);
                format!("{name}:")
            }
        }
    }
}

fn quote_if_needed(s: &str, name: bool) -> String {
    let special = |c: char| c.is_whitespace() || c == '"' || (name && (c == '=' || c == ':'));
    if s.chars().any(special) || (!name && (s.contains('=') || s.contains(':'))) {
        if s.contains('"') {
            format!("«{s}»")
        } else {
            format!("\"{s}\"")
        }
    } else {
        s.to_owned()
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (key, value) = (
            Term::display_key(&self.key),
            quote_if_needed(&self.value, false),
        );
        write!(f, "{key}{value}")
    }
}

impl fmt::Display for FilterExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, t) in self.terms.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{t}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "grammar_tests.rs"]
mod tests;
