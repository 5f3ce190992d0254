//! From the rows of a table to the sources and case attributes `import-table` writes, without
//! touching a project (so it can be tested and fuzzed on bytes alone).
//!
//! Invariants: every respondent with an answer is in exactly one source (by respondent) or one
//! unit of each question it answered (by column); a respondent id is unique and never empty;
//! cell text is normalised like every transcript (NFC, LF).

use super::TableOptions;
use super::columns::{header_index, resolve, shown};
use super::read::{Grid, Row, read_grid};
use crate::error::{Error, Result};
use crate::import::Prepared;
use crate::model::{Convention, Role, SourceKind, Speaker};
use crate::project::validate_label;
use crate::text;
use std::collections::HashMap;
use std::path::Path;

/// The sources and case attributes a table gives.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub sources: Vec<Prepared>,
    /// Where each source comes from, for messages ("row 4", "column D").
    pub origins: Vec<String>,
    /// Each respondent's case id with its attribute values, in file order.
    pub attributes: Vec<(String, Vec<(String, String)>)>,
    /// The attribute names, in column order.
    pub attribute_names: Vec<String>,
    /// Respondents without any answer, with where they are.
    pub without_answer: Vec<(String, String)>,
}

struct Respondent {
    at: String,
    case: String,
    answers: Vec<String>,
}

/// Reads the table in `bytes` (its kind told by `path`) and plans its sources.
pub fn plan(path: &Path, bytes: &[u8], opts: &TableOptions) -> Result<Plan> {
    let bad = |reason: String| Error::bad_input(path, reason);
    if opts.text.is_empty() {
        return Err(Error::Invalid(
            "name the column(s) of open answers with --text COL[,COL…]".into(),
        ));
    }
    let grid = read_grid(path, bytes, opts.sheet.as_deref())?;
    let mut specs: Vec<&str> = opts.id.iter().map(String::as_str).collect();
    specs.extend(opts.text.iter().map(String::as_str));
    specs.extend(opts.attrs.iter().flatten().map(String::as_str));
    let h = header_index(&grid, &specs).map_err(bad)?;
    let header = &grid.rows[h];
    let find = |spec: &str| resolve(&grid, header, spec).map_err(bad);
    let id_col = opts.id.as_deref().map(find).transpose()?;
    let text_cols = opts
        .text
        .iter()
        .map(|s| find(s))
        .collect::<Result<Vec<_>>>()?;
    let mut attr_cols = match &opts.attrs {
        Some(names) => names.iter().map(|s| find(s)).collect::<Result<Vec<_>>>()?,
        None => (0..header.cells.len())
            .filter(|i| !header.cells[*i].trim().is_empty())
            .filter(|i| Some(*i) != id_col && !text_cols.contains(i))
            .collect(),
    };
    attr_cols.dedup();
    let name_of = |i: usize| {
        let h = shown(&header.cells[i]);
        if h.is_empty() { grid.column(i) } else { h }
    };
    let attribute_names: Vec<String> = attr_cols.iter().map(|&i| name_of(i)).collect();
    for (k, name) in attribute_names.iter().enumerate() {
        if let Some(j) = attribute_names[..k].iter().position(|n| n == name) {
            return Err(bad(format!(
                "{} and {} are both named '{name}'; choose the attribute columns with --attrs",
                grid.column(attr_cols[j]),
                grid.column(attr_cols[k])
            )));
        }
    }
    let (respondents, attributes, without_answer) =
        respondents(&grid, &grid.rows[h + 1..], id_col, &text_cols, opts).map_err(bad)?;
    let attributes: Vec<(String, Vec<(String, String)>)> = attributes
        .into_iter()
        .map(|(case, values)| {
            let named = attr_cols
                .iter()
                .zip(&attribute_names)
                .filter_map(|(&i, n)| {
                    let v = values.get(i).filter(|v| !v.is_empty())?;
                    Some((n.clone(), v.clone()))
                })
                .collect();
            (case, named)
        })
        .collect();
    if respondents.is_empty() {
        return Err(bad(format!(
            "has no answer in the text column(s) {} below its header ({})",
            text_cols
                .iter()
                .map(|&i| format!("'{}'", name_of(i)))
                .collect::<Vec<_>>()
                .join(", "),
            grid.at(header)
        )));
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let questions: Vec<String> = text_cols
        .iter()
        .map(|&i| {
            let q = text::normalize(&header.cells[i]);
            let q = q.split_whitespace().collect::<Vec<_>>().join(" ");
            if q.is_empty() { grid.column(i) } else { q }
        })
        .collect();
    let (sources, origins) = if opts.by_column {
        by_column(&grid, &file_name, &questions, &text_cols, &respondents).map_err(bad)?
    } else {
        by_respondent(&file_name, &questions, &respondents)
    };
    Ok(Plan {
        sources,
        origins,
        attributes,
        attribute_names,
        without_answer,
    })
}

type Read = (
    Vec<Respondent>,
    Vec<(String, Vec<String>)>,
    Vec<(String, String)>,
);

/// The respondents below the header: ids checked, answers and attribute cells read.
fn respondents(
    grid: &Grid,
    rows: &[Row],
    id_col: Option<usize>,
    text_cols: &[usize],
    opts: &TableOptions,
) -> std::result::Result<Read, String> {
    let prefix = opts
        .prefix
        .clone()
        .unwrap_or_else(|| if id_col.is_some() { "" } else { "R" }.to_owned());
    let cell = |row: &Row, i: usize| {
        text::normalize(row.cells.get(i).map_or("", String::as_str))
            .trim()
            .to_owned()
    };
    let mut seen: HashMap<String, String> = HashMap::new();
    let (mut out, mut attributes, mut without) = (Vec::new(), Vec::new(), Vec::new());
    let mut ordinal = 0;
    for row in rows {
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        ordinal += 1;
        let at = grid.at(row);
        let answers: Vec<String> = text_cols.iter().map(|&i| cell(row, i)).collect();
        let id = match id_col {
            Some(i) => {
                let id = cell(row, i);
                if id.is_empty() {
                    if answers.iter().all(String::is_empty) {
                        continue;
                    }
                    return Err(format!(
                        "{at}: the id ({}) is empty though the row has an answer",
                        grid.column(i)
                    ));
                }
                id
            }
            None => ordinal.to_string(),
        };
        let case = format!("{prefix}{id}");
        validate_label(&case).map_err(|e| format!("{at}: respondent id {e}"))?;
        if let Some(first) = seen.insert(case.clone(), at.clone()) {
            return Err(format!(
                "{at}: respondent '{case}' appears twice (also {first})"
            ));
        }
        if answers.iter().all(String::is_empty) {
            without.push((case, at));
            continue;
        }
        let values = (0..row.cells.len().max(1))
            .map(|i| cell(row, i))
            .collect::<Vec<_>>();
        attributes.push((case.clone(), values));
        out.push(Respondent { at, case, answers });
    }
    Ok((out, attributes, without))
}

/// One source per respondent: each question answered, then its answer.
fn by_respondent(
    file_name: &str,
    questions: &[String],
    respondents: &[Respondent],
) -> (Vec<Prepared>, Vec<String>) {
    let sources = respondents
        .iter()
        .map(|r| {
            let text = questions
                .iter()
                .zip(&r.answers)
                .filter(|(_, a)| !a.is_empty())
                .map(|(q, a)| format!("{q}\n{a}"))
                .collect::<Vec<_>>()
                .join("\n\n");
            Prepared {
                file_name: file_name.to_owned(),
                label: r.case.clone(),
                text,
                speakers: Vec::new(),
                kind: SourceKind::Document,
                convention: Convention::Colon,
                note: None,
            }
        })
        .collect();
    (sources, respondents.iter().map(|r| r.at.clone()).collect())
}

/// One source per question: the question, then a turn `ID: answer` per respondent who answered.
fn by_column(
    grid: &Grid,
    file_name: &str,
    questions: &[String],
    text_cols: &[usize],
    respondents: &[Respondent],
) -> std::result::Result<(Vec<Prepared>, Vec<String>), String> {
    let mut sources: Vec<Prepared> = Vec::new();
    let mut origins = Vec::new();
    for (k, question) in questions.iter().enumerate() {
        let answered: Vec<&Respondent> = respondents
            .iter()
            .filter(|r| !r.answers[k].is_empty())
            .collect();
        if answered.is_empty() {
            continue;
        }
        let label = shown(question);
        if let Some(other) = sources.iter().position(|p| p.label == label) {
            return Err(format!(
                "{} and {} would both be labelled '{label}'; give their questions different names",
                origins[other],
                grid.column(text_cols[k])
            ));
        }
        let mut text = question.clone();
        for r in &answered {
            text.push_str(&format!("\n{}: {}", r.case, r.answers[k]));
        }
        sources.push(Prepared {
            file_name: file_name.to_owned(),
            label,
            text,
            speakers: answered
                .iter()
                .map(|r| Speaker {
                    name: r.case.clone(),
                    role: Role::Participant,
                    case: Some(r.case.clone()),
                    extra: Default::default(),
                })
                .collect(),
            kind: SourceKind::FocusGroup,
            convention: Convention::Colon,
            note: None,
        });
        origins.push(grid.column(text_cols[k]));
    }
    Ok((sources, origins))
}
