//! `verbatim show LABEL [--offsets] [--json]` prints a transcript unit by unit (with code-point
//! positions when asked), and `verbatim codings list [--source S] [--json]` lists codings with
//! their ids — so every TUI action can be scripted with exact offsets.

use super::args::Globals;
use super::output::{print_json, print_table};
use anyhow::Result;
use clap::{Args, Subcommand};
use serde::Serialize;
use std::io::Write;
use verbatim::text::turns;

#[derive(Args)]
pub struct ShowArgs {
    /// The source (label or id)
    pub source: String,
    /// Start each unit with its code-point range `[start-end)` (of the spoken text)
    #[arg(long)]
    pub offsets: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct UnitRow {
    start: usize,
    end: usize,
    speaker: Option<String>,
    time: Option<String>,
    text: String,
}

pub fn show(globals: &Globals, args: ShowArgs) -> Result<()> {
    let session = super::session::read(globals)?;
    let meta = session.project().source(&args.source)?;
    let text = session.text(meta.id)?;
    let units = turns::source_units(meta, &text.text);
    let cp = |b: usize| text.index.cp_of(b).unwrap_or(0);
    if args.json {
        let rows: Vec<UnitRow> = units
            .iter()
            .map(|u| UnitRow {
                start: cp(u.body_start),
                end: cp(u.end),
                speaker: u.speaker.map(|i| meta.speakers[i].name.clone()),
                time: u.time.clone(),
                text: text.text[u.body_start..u.end].to_owned(),
            })
            .collect();
        return print_json("units", &rows);
    }
    let mut out = std::io::stdout().lock();
    if !args.offsets {
        out.write_all(text.text.as_bytes())?;
        writeln!(out)?;
        return Ok(());
    }
    for u in &units {
        let (start, end) = (cp(u.body_start), cp(u.end));
        let who = u
            .speaker
            .map_or(String::new(), |i| format!("{}: ", meta.speakers[i].name));
        let body = text.text[u.body_start..u.end].replace('\n', "\n    ");
        writeln!(out, "[{start}-{end}) {who}{body}")?;
    }
    Ok(())
}

#[derive(Args)]
pub struct CodingsArgs {
    #[command(subcommand)]
    pub cmd: CodingsCmd,
}

#[derive(Subcommand)]
pub enum CodingsCmd {
    /// List codings with their ids, sources, offsets, nodes and coders
    List {
        /// Only this source's codings (label or id)
        #[arg(long, value_name = "S")]
        source: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Pool coders' codings into another coder: their union, or what all of them coded
    Merge(super::analysis_args::MergeArgs),
}

#[derive(Serialize)]
struct CodingRow {
    id: String,
    source: String,
    label: String,
    start: usize,
    end: usize,
    node: String,
    path: String,
    coder: String,
    status: &'static str,
    quote: String,
}

pub fn codings(globals: &Globals, args: CodingsArgs) -> Result<()> {
    let (source, json) = match args.cmd {
        CodingsCmd::List { source, json } => (source, json),
        CodingsCmd::Merge(a) => return super::analysis::merge(globals, a),
    };
    let session = super::session::read(globals)?;
    let only = source
        .map(|s| session.project().source(&s).map(|m| m.id))
        .transpose()?;
    let mut rows = Vec::new();
    for meta in session.project().sources() {
        if only.is_some_and(|id| id != meta.id) {
            continue;
        }
        let mut list: Vec<(&str, &verbatim::coding::Coding)> =
            session.codings().of_source(meta.id).collect();
        list.sort_by_key(|(coder, c)| (c.start, c.end, c.node, coder.to_string()));
        for (coder, c) in list {
            rows.push(CodingRow {
                id: c.id.to_string(),
                source: meta.id.to_string(),
                label: meta.label.clone(),
                start: c.start,
                end: c.end,
                node: c.node.to_string(),
                path: session.codebook().path_of(c.node).unwrap_or_default(),
                coder: coder.to_owned(),
                status: if c.is_orphaned() {
                    "orphaned"
                } else {
                    "anchored"
                },
                quote: c.quote.clone(),
            });
        }
    }
    if json {
        return print_json("codings", &rows);
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let quote: String = r.quote.chars().take(40).collect();
            vec![
                r.id.clone(),
                r.label.clone(),
                r.start.to_string(),
                r.end.to_string(),
                r.path.clone(),
                r.coder.clone(),
                quote.replace('\n', " "),
            ]
        })
        .collect();
    print_table(
        &["ID", "SOURCE", "START", "END", "NODE", "CODER", "QUOTE"],
        &table,
        &[false, false, true, true, false, false, false],
    );
    Ok(())
}
