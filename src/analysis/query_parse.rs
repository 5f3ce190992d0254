//! The coding query language: `"NODEPATH"`, `text:"WORDS"`, AND, OR, NOT, NEAR[/N] and
//! parentheses, parsed into an [`Expr`] against a codebook (the grammar is in `query`).
//!
//! Invariants: operators are read in any case; a node is named by its path or by a name only
//! one node has; a parse error is one sentence naming the character where it happened.

use crate::codebook::Codebook;
use crate::error::{Error, Result};
use crate::ids::NodeId;
use crate::text::fold_for_match;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    Node(NodeId),
    Text(String),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    /// `None`: the same turn; `Some(n)`: within n words.
    Near(Box<Expr>, Box<Expr>, Option<usize>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Open,
    Close,
    And,
    Or,
    Not,
    Near(Option<usize>),
    Quoted(String),
    Text(String),
}

fn bad(at: usize, what: &str) -> Error {
    Error::Invalid(format!("query, at character {}: {what}", at + 1))
}

fn lex(src: &str) -> Result<Vec<(usize, Tok)>> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let quoted = |i: &mut usize| -> Result<String> {
        let start = *i;
        let q = chars[*i];
        let close = if q == '«' { '»' } else { q };
        *i += 1;
        let mut s = String::new();
        while *i < chars.len() && chars[*i] != close {
            if chars[*i] == '\\' && *i + 1 < chars.len() && chars[*i + 1] == close {
                *i += 1;
            }
            s.push(chars[*i]);
            *i += 1;
        }
        if *i >= chars.len() {
            return Err(bad(start, "a quote is not closed"));
        }
        *i += 1;
        Ok(s.trim().to_owned())
    };
    while i < chars.len() {
        let c = chars[i];
        let at = i;
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push((at, Tok::Open));
            i += 1;
        } else if c == ')' {
            out.push((at, Tok::Close));
            i += 1;
        } else if matches!(c, '"' | '«' | '“') {
            let mut s = quoted(&mut i)?;
            if c == '“' {
                s = s.trim_end_matches('”').to_owned();
            }
            out.push((at, Tok::Quoted(s)));
        } else {
            let mut word = String::new();
            while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '(' | ')') {
                if word.to_lowercase() == "text:" && matches!(chars[i], '"' | '«') {
                    break;
                }
                word.push(chars[i]);
                i += 1;
            }
            let lower = word.to_lowercase();
            let tok = match lower.as_str() {
                "and" => Tok::And,
                "or" => Tok::Or,
                "not" => Tok::Not,
                "near" => Tok::Near(None),
                "text:" if i < chars.len() && matches!(chars[i], '"' | '«') => {
                    Tok::Text(quoted(&mut i)?)
                }
                _ if lower.starts_with("near/") => {
                    Tok::Near(Some(lower[5..].parse().map_err(|_| {
                        bad(at, "NEAR/ must be followed by a number of words")
                    })?))
                }
                _ if lower.starts_with("text:") && lower.len() > 5 => {
                    Tok::Text(word[5..].to_owned())
                }
                _ => {
                    return Err(bad(
                        at,
                        &format!("'{word}' is not an operator; write node paths in quotes"),
                    ));
                }
            };
            out.push((at, tok));
        }
    }
    Ok(out)
}

struct Parser<'a> {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    codebook: &'a Codebook,
    len: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.1)
    }
    fn at(&self) -> usize {
        self.toks.get(self.pos).map_or(self.len, |t| t.0)
    }
    fn or(&mut self) -> Result<Expr> {
        let mut e = self.and()?;
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            e = Expr::Or(Box::new(e), Box::new(self.and()?));
        }
        Ok(e)
    }
    fn and(&mut self) -> Result<Expr> {
        let mut e = self.not()?;
        while self.peek() == Some(&Tok::And) {
            self.pos += 1;
            e = Expr::And(Box::new(e), Box::new(self.not()?));
        }
        Ok(e)
    }
    fn not(&mut self) -> Result<Expr> {
        if self.peek() == Some(&Tok::Not) {
            self.pos += 1;
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.near()
    }
    fn near(&mut self) -> Result<Expr> {
        let mut e = self.atom()?;
        while let Some(Tok::Near(n)) = self.peek().cloned() {
            self.pos += 1;
            e = Expr::Near(Box::new(e), Box::new(self.atom()?), n);
        }
        Ok(e)
    }
    fn atom(&mut self) -> Result<Expr> {
        let at = self.at();
        match self.toks.get(self.pos).map(|t| t.1.clone()) {
            Some(Tok::Open) => {
                self.pos += 1;
                let e = self.or()?;
                if self.peek() != Some(&Tok::Close) {
                    return Err(bad(self.at(), "a parenthesis is not closed"));
                }
                self.pos += 1;
                Ok(e)
            }
            Some(Tok::Quoted(p)) => {
                self.pos += 1;
                Ok(Expr::Node(
                    resolve(self.codebook, &p).map_err(|e| bad(at, &e.to_string()))?,
                ))
            }
            Some(Tok::Text(t)) => {
                self.pos += 1;
                if t.trim().is_empty() {
                    return Err(bad(at, "text: needs words to search"));
                }
                Ok(Expr::Text(t))
            }
            Some(_) => Err(bad(
                at,
                "expected a node in quotes, text:\"…\" or a parenthesis",
            )),
            None => Err(bad(at, "the query ends too early")),
        }
    }
}

/// A node path, or a name that only one node has.
fn resolve(codebook: &Codebook, p: &str) -> Result<NodeId> {
    if let Ok(id) = codebook.resolve(p) {
        return Ok(id);
    }
    let hits: Vec<NodeId> = codebook
        .all_ids()
        .into_iter()
        .filter(|id| {
            codebook
                .node(*id)
                .is_some_and(|n| fold_for_match(&n.name) == fold_for_match(p))
        })
        .collect();
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(Error::Invalid(format!("no node is named '{p}'"))),
        _ => Err(Error::Invalid(format!(
            "several nodes are named '{p}'; give its full path"
        ))),
    }
}

/// Parses a query against a codebook.
pub fn parse(src: &str, codebook: &Codebook) -> Result<Expr> {
    let toks = lex(src)?;
    let len = src.chars().count();
    if toks.is_empty() {
        return Err(Error::Invalid("the query is empty".into()));
    }
    let mut p = Parser {
        toks,
        pos: 0,
        codebook,
        len,
    };
    let e = p.or()?;
    if p.pos < p.toks.len() {
        return Err(bad(
            p.at(),
            "unexpected text after the end of the query (missing AND or OR?)",
        ));
    }
    Ok(e)
}
