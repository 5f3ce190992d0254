//! Coding queries (`verbatim query`): an expression over nodes and text, evaluated to passages.
//!
//! Grammar (operators in any case; `"…"` is a node path, or a node name when it is unique):
//! `expr := or; or := and (OR and)*; and := not (AND not)*; not := NOT not | near;
//! near := atom (NEAR[/N] atom)*; atom := ( expr ) | "NODEPATH" | text:"WORDS" | text:WORD`.
//! A node stands for its codings and its descendants'; AND keeps the text both sides cover
//! (with a text search on one side, it keeps the other side's passages that contain it); OR
//! unites; NOT is what the kept units hold outside its operand; A NEAR B keeps the passages of
//! A and B that share a turn, NEAR/N those within N words of each other; a lone text search
//! gives the turns that contain it (accents and case ignored).
//!
//! Invariants: evaluation is pure over a selection; results are united ranges in source order,
//! so a passage appears once; a parse error is one sentence naming the position.

use super::ranges::{self, Range};
use super::selection::Selection;
use crate::codebook::Codebook;
use crate::error::{Error, Result};
use crate::text::fold_for_match;
use serde::Serialize;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    Node(Uuid),
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
fn resolve(codebook: &Codebook, p: &str) -> Result<Uuid> {
    if let Ok(id) = codebook.resolve(p) {
        return Ok(id);
    }
    let hits: Vec<Uuid> = codebook
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

/// One passage of a query's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub source: Uuid,
    pub label: String,
    pub case: String,
    pub speaker: Option<String>,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The passages an expression gives over a selection.
pub fn run(sel: &Selection, e: &Expr) -> Vec<Hit> {
    let mut out = Vec::new();
    for (si, s) in sel.sources.iter().enumerate() {
        for (start, end) in eval(sel, si, e) {
            let u = &s.units[s.unit_at(start)];
            out.push(Hit {
                source: s.id,
                label: s.label.clone(),
                case: u.case.clone(),
                speaker: u.speaker.clone(),
                start,
                end,
                text: s.text.slice(start, end).to_owned(),
            });
        }
    }
    out
}

fn kept(sel: &Selection, si: usize) -> Vec<Range> {
    ranges::union(
        sel.sources[si]
            .units
            .iter()
            .filter(|u| u.kept)
            .map(|u| (u.start, u.end))
            .collect(),
    )
}

fn eval(sel: &Selection, si: usize, e: &Expr) -> Vec<Range> {
    match e {
        Expr::Node(n) => {
            let set = sel.node_set(*n, true);
            let raw = sel
                .codings
                .iter()
                .filter(|c| c.source == si && set.contains(&c.node))
                .map(|c| (c.start, c.end))
                .collect();
            ranges::intersect(&ranges::union(raw), &kept(sel, si))
        }
        Expr::Text(t) => {
            let s = &sel.sources[si];
            let units: Vec<Range> = s
                .units
                .iter()
                .filter(|u| u.kept)
                .map(|u| (u.start, u.end))
                .filter(|r| !text_matches(sel, si, t, *r).is_empty())
                .collect();
            ranges::union(units)
        }
        Expr::And(a, b) => match (a.as_ref(), b.as_ref()) {
            (Expr::Text(t), other) | (other, Expr::Text(t)) => eval(sel, si, other)
                .into_iter()
                .filter(|r| !text_matches(sel, si, t, *r).is_empty())
                .collect(),
            _ => ranges::intersect(&eval(sel, si, a), &eval(sel, si, b)),
        },
        Expr::Or(a, b) => ranges::union([eval(sel, si, a), eval(sel, si, b)].concat()),
        Expr::Not(a) => ranges::subtract(&kept(sel, si), &eval(sel, si, a)),
        Expr::Near(a, b, n) => {
            let (ra, rb) = (eval(sel, si, a), eval(sel, si, b));
            let s = &sel.sources[si];
            let close = |x: &Range, y: &Range| match n {
                None => s.unit_at(x.0) == s.unit_at(y.0) || ranges::overlaps(&[*x], &[*y]),
                Some(n) => {
                    let (lo, hi) = if x.1 <= y.0 {
                        (x.1, y.0)
                    } else if y.1 <= x.0 {
                        (y.1, x.0)
                    } else {
                        return true;
                    };
                    crate::text::word_count(s.text.slice(lo, hi)) <= *n
                }
            };
            let keep_a = ra.iter().filter(|x| rb.iter().any(|y| close(x, y)));
            let keep_b = rb.iter().filter(|y| ra.iter().any(|x| close(x, y)));
            ranges::union(keep_a.chain(keep_b).copied().collect())
        }
    }
}

/// Where `needle` occurs (accents and case ignored) inside a range of a source.
fn text_matches(sel: &Selection, si: usize, needle: &str, (a, b): Range) -> Vec<usize> {
    let hay = fold_for_match(sel.sources[si].text.slice(a, b));
    let needle = fold_for_match(needle.trim());
    if needle.is_empty() {
        return Vec::new();
    }
    hay.match_indices(&needle).map(|(i, _)| i).collect()
}

/// Where a project keeps its saved queries.
pub fn queries_dir(root: &std::path::Path) -> std::path::PathBuf {
    crate::paths::queries_dir(root)
}

/// Checks a saved query's name (it becomes a file name).
pub fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.chars().count() <= 100
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' ' | '.'));
    if ok {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "query name '{name}': use letters, digits, spaces, '-', '_' or '.' (not first), at most 100"
        )))
    }
}

/// Reads a saved query's expression.
pub fn load(root: &std::path::Path, name: &str) -> Result<String> {
    check_name(name)?;
    let path = queries_dir(root).join(format!("{name}.txt"));
    let text = std::fs::read_to_string(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Invalid(format!(
                "no saved query named '{name}' (looked for {})",
                path.display()
            ))
        } else {
            Error::io("could not read the saved query", &path, e)
        }
    })?;
    Ok(text.trim().to_owned())
}

/// Saves a query as `queries/NAME.txt` (checked first; the session must be the writer).
pub fn save(
    session: &crate::session::Session,
    name: &str,
    expr: &str,
) -> Result<std::path::PathBuf> {
    check_name(name)?;
    parse(expr, &session.codebook)?;
    session.project.ensure_writer()?;
    let path = queries_dir(session.root()).join(format!("{name}.txt"));
    std::fs::create_dir_all(queries_dir(session.root()))
        .map_err(|e| Error::io("could not create", &queries_dir(session.root()), e))?;
    crate::store::write_atomic(&path, format!("{}\n", expr.trim()).as_bytes())?;
    session.project.journal("query.save", &[name.to_owned()])?;
    Ok(path)
}

#[cfg(test)]
#[path = "tests_query.rs"]
mod tests;
