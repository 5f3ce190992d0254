//! Output of the analysis commands: a text table on stdout, `--json` ({"format": 1, KEY: …}),
//! `--csv`, or `-o FILE` as .csv, .xlsx, .md or (for a chart) .svg.
//!
//! Invariants: a file is written whole or not at all (atomic write); an unknown extension, or
//! .svg for a result without a chart, is refused with one sentence naming the file.

use super::analysis_args::OutArgs;
use super::output::{print_json, print_table};
use anyhow::{Result, bail};
use serde::Serialize;
use std::io::Write;
use verbatim::analysis::table::{Table, Value};
use verbatim::model::Language;

/// A result ready to print or write.
pub struct Output<'a, T: Serialize> {
    pub key: &'a str,
    pub json: &'a T,
    pub table: Table,
    /// The chart, when the result has one.
    pub svg: Option<String>,
}

pub fn language(out: &OutArgs, project: Language) -> Language {
    out.lang.unwrap_or(project)
}

pub fn emit<T: Serialize>(out: &OutArgs, r: Output<'_, T>) -> Result<()> {
    if let Some(path) = &out.output {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let bytes = match ext.as_str() {
            "csv" => r.table.csv()?,
            "xlsx" => r.table.xlsx()?,
            "md" => r.table.markdown().into_bytes(),
            "json" => {
                let mut map = serde_json::Map::new();
                map.insert("format".into(), serde_json::json!(verbatim::model::FORMAT));
                map.insert(r.key.into(), serde_json::to_value(r.json)?);
                verbatim::store::to_json_bytes(&serde_json::Value::Object(map))
            }
            "svg" => match r.svg {
                Some(svg) => svg.into_bytes(),
                None => bail!(
                    "{}: this result has no chart; write .csv, .xlsx or .md",
                    path.display()
                ),
            },
            _ => bail!(
                "{}: unknown output format; use .csv, .xlsx, .md, .json or .svg",
                path.display()
            ),
        };
        verbatim::store::write_atomic(path, &bytes)?;
        eprintln!("wrote {}", path.display());
        return Ok(());
    }
    if out.json {
        return print_json(r.key, r.json);
    }
    if out.csv {
        std::io::stdout().write_all(&r.table.csv()?)?;
        return Ok(());
    }
    print_text(&r.table);
    Ok(())
}

pub fn print_text(t: &Table) {
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| r.iter().map(Value::show).collect())
        .collect();
    let numeric: Vec<bool> = (0..t.header.len())
        .map(|i| {
            t.rows
                .iter()
                .any(|r| r.get(i).is_some_and(Value::is_number))
        })
        .collect();
    let header: Vec<&str> = t.header.iter().map(String::as_str).collect();
    print_table(&header, &rows, &numeric);
    for n in &t.notes {
        println!("{n}");
    }
}
