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

pub use super::query_parse::{Expr, parse};
use super::ranges::{self, Range};
use super::selection::Selection;
use crate::error::{Error, Result};
use crate::ids::NodeId;
use crate::ids::SourceId;
use crate::text::fold_for_match;
use serde::Serialize;
use std::collections::HashMap;

/// One passage of a query's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub source: SourceId,
    pub label: String,
    pub case: String,
    pub speaker: Option<String>,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The passages an expression gives over a selection.
pub fn run(sel: &Selection, e: &Expr) -> Vec<Hit> {
    let ctx = Ctx::new(sel, e);
    let mut out = Vec::new();
    for (si, s) in sel.sources.iter().enumerate() {
        for (start, end) in ctx.eval(si, e) {
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

/// What evaluation needs at hand: each source's codings by node, and each node of the
/// expression with its subtree (found once, not once per source).
struct Ctx<'a> {
    sel: &'a Selection,
    /// Per source: node → raw ranges.
    coded: Vec<HashMap<NodeId, Vec<Range>>>,
    subtrees: HashMap<NodeId, Vec<NodeId>>,
}

impl<'a> Ctx<'a> {
    fn new(sel: &'a Selection, e: &Expr) -> Self {
        let mut coded: Vec<HashMap<NodeId, Vec<Range>>> = vec![HashMap::new(); sel.sources.len()];
        for c in &sel.codings {
            coded[c.source]
                .entry(c.node)
                .or_default()
                .push((c.start, c.end));
        }
        let mut subtrees = HashMap::new();
        let mut stack = vec![e];
        while let Some(e) = stack.pop() {
            match e {
                Expr::Node(n) => {
                    subtrees
                        .entry(*n)
                        .or_insert_with(|| sel.node_set(*n, true).into_iter().collect());
                }
                Expr::Text(_) => {}
                Expr::Not(a) => stack.push(a),
                Expr::And(a, b) | Expr::Or(a, b) | Expr::Near(a, b, _) => {
                    stack.push(a);
                    stack.push(b);
                }
            }
        }
        Self {
            sel,
            coded,
            subtrees,
        }
    }

    fn kept(&self, si: usize) -> Vec<Range> {
        ranges::union(
            self.sel.sources[si]
                .units
                .iter()
                .filter(|u| u.kept)
                .map(|u| (u.start, u.end))
                .collect(),
        )
    }

    fn eval(&self, si: usize, e: &Expr) -> Vec<Range> {
        let sel = self.sel;
        match e {
            Expr::Node(n) => {
                let raw: Vec<Range> = self.subtrees[n]
                    .iter()
                    .filter_map(|id| self.coded[si].get(id))
                    .flatten()
                    .copied()
                    .collect();
                if raw.is_empty() {
                    return raw;
                }
                ranges::intersect(&ranges::union(raw), &self.kept(si))
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
                (Expr::Text(t), other) | (other, Expr::Text(t)) => self
                    .eval(si, other)
                    .into_iter()
                    .filter(|r| !text_matches(sel, si, t, *r).is_empty())
                    .collect(),
                _ => {
                    let left = self.eval(si, a);
                    if left.is_empty() {
                        return left;
                    }
                    ranges::intersect(&left, &self.eval(si, b))
                }
            },
            Expr::Or(a, b) => ranges::union([self.eval(si, a), self.eval(si, b)].concat()),
            Expr::Not(a) => ranges::subtract(&self.kept(si), &self.eval(si, a)),
            Expr::Near(a, b, n) => {
                let (ra, rb) = (self.eval(si, a), self.eval(si, b));
                if ra.is_empty() || rb.is_empty() {
                    return Vec::new();
                }
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
                        s.word_spans().count_in(lo, hi) <= *n
                    }
                };
                let keep_a = ra.iter().filter(|x| rb.iter().any(|y| close(x, y)));
                let keep_b = rb.iter().filter(|y| ra.iter().any(|x| close(x, y)));
                ranges::union(keep_a.chain(keep_b).copied().collect())
            }
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

/// Every saved query as (name, expression), in natural name order; files that are not
/// `NAME.txt` with a valid name are not queries and are left out.
pub fn saved(root: &std::path::Path) -> Result<Vec<(String, String)>> {
    let dir = queries_dir(root);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io("could not list the saved queries in", &dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(name) = file.to_str().and_then(|f| f.strip_suffix(".txt")) else {
            continue;
        };
        if check_name(name).is_ok() {
            out.push((name.to_owned(), load(root, name)?));
        }
    }
    out.sort_by(|a, b| crate::text::natural_cmp(&a.0, &b.0));
    Ok(out)
}

/// Saves a query as `queries/NAME.txt` (checked first; the session must be the writer).
pub fn save(
    session: &crate::session::Session,
    name: &str,
    expr: &str,
) -> Result<std::path::PathBuf> {
    check_name(name)?;
    parse(expr, session.codebook())?;
    session.project().ensure_writer()?;
    let path = queries_dir(session.root()).join(format!("{name}.txt"));
    std::fs::create_dir_all(queries_dir(session.root()))
        .map_err(|e| Error::io("could not create", &queries_dir(session.root()), e))?;
    crate::store::write_atomic(&path, format!("{}\n", expr.trim()).as_bytes())?;
    session
        .project()
        .journal("query.save", &[name.to_owned()])?;
    Ok(path)
}

#[cfg(test)]
#[path = "tests_query.rs"]
mod tests;
