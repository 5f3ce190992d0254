//! `verbatim codebook …`: the code tree.

use super::args::{CodebookCmd, Globals};
use super::output::print_json;
use super::session;
use anyhow::{Result, bail};
use serde::Serialize;
use std::collections::HashMap;
use verbatim::codebook::{Codebook, Node};
use verbatim::ids::NodeId;
use verbatim::query::{NodeCounts, node_counts};

#[derive(Serialize)]
struct Row<'a> {
    id: NodeId,
    name: &'a str,
    path: String,
    color: &'a Option<String>,
    description: &'a str,
    codable: bool,
    #[serde(flatten)]
    counts: NodeCounts,
    children: Vec<Row<'a>>,
}

fn rows<'a>(
    book: &'a Codebook,
    nodes: &'a [Node],
    counts: &HashMap<verbatim::NodeId, NodeCounts>,
) -> Vec<Row<'a>> {
    nodes
        .iter()
        .map(|n| Row {
            id: n.id,
            name: &n.name,
            path: book.path_of(n.id).unwrap_or_default(),
            color: &n.color,
            description: &n.description,
            codable: n.codable,
            counts: counts.get(&n.id).copied().unwrap_or_default(),
            children: rows(book, &n.children, counts),
        })
        .collect()
}

fn print_tree(rows: &[Row<'_>], depth: usize) {
    for r in rows {
        let c = r.counts;
        let folder = if r.codable { "" } else { "  (folder)" };
        println!(
            "{}{}  {} codings ({} with sub-nodes) · {} sources ({}){folder}",
            "  ".repeat(depth),
            r.name,
            c.codings,
            c.codings_total,
            c.sources,
            c.sources_total
        );
        print_tree(&r.children, depth + 1);
    }
}

pub fn run(globals: &Globals, cmd: CodebookCmd) -> Result<()> {
    if let CodebookCmd::Export { file } = &cmd {
        let s = session::read(globals)?;
        verbatim::store::write_atomic(file, verbatim::refi::qdc::write(s.codebook()).as_bytes())?;
        println!("wrote {} ({} nodes)", file.display(), s.codebook().len());
        return Ok(());
    }
    if let CodebookCmd::List { json } = cmd {
        let s = session::read(globals)?;
        let counts = node_counts(&s, globals.coder.as_deref());
        let tree = rows(s.codebook(), &s.codebook().nodes, &counts);
        if json {
            return print_json("nodes", &tree);
        }
        print_tree(&tree, 0);
        return Ok(());
    }
    let mut s = session::write(globals)?;
    match cmd {
        CodebookCmd::List { .. } | CodebookCmd::Export { .. } => unreachable!("handled above"),
        CodebookCmd::Import { file } => {
            let bytes = verbatim::import::read_input(&file)?;
            let Ok(xml) = String::from_utf8(bytes) else {
                bail!("{} is not UTF-8 XML", file.display());
            };
            let (incoming, notes) = verbatim::refi::qdc::read(&file, &xml)?;
            print_load(&s.merge_codebook(&incoming, "codebook.import")?);
            for line in notes.lines() {
                eprintln!("note: {line}");
            }
        }
        CodebookCmd::Add { path } => {
            s.add_node(&path)?;
            println!("added {path}");
        }
        CodebookCmd::Rename { path, name } => {
            let id = s.codebook().resolve(&path)?;
            s.rename_node(id, &name)?;
            println!(
                "renamed to {}",
                s.codebook().path_of(id).unwrap_or_default()
            );
        }
        CodebookCmd::Move {
            path,
            new_parent,
            position,
        } => {
            let id = s.codebook().resolve(&path)?;
            let parent = if new_parent.trim() == "/" || new_parent.trim().is_empty() {
                None
            } else {
                Some(s.codebook().resolve(&new_parent)?)
            };
            s.move_node(id, parent, position.map(|p| p.saturating_sub(1)))?;
            println!("moved to {}", s.codebook().path_of(id).unwrap_or_default());
        }
        CodebookCmd::Reorder { path, position } => {
            let id = s.codebook().resolve(&path)?;
            let place = s.codebook().place(id).expect("resolved");
            let last = s.codebook().children(place.parent).len() - 1;
            let index = match position.as_str() {
                "up" => place.index.saturating_sub(1),
                "down" => (place.index + 1).min(last),
                "first" => 0,
                "last" => last,
                n => match n.parse::<usize>() {
                    Ok(p) if p >= 1 => (p - 1).min(last),
                    _ => bail!("position '{n}' must be up, down, first, last or a number from 1"),
                },
            };
            s.reorder_node(id, index)?;
            println!("{} is now at position {}", path, index + 1);
        }
        CodebookCmd::Merge { from, into } => {
            let (f, i) = (s.codebook().resolve(&from)?, s.codebook().resolve(&into)?);
            let moved = s.merge_nodes(f, i)?;
            println!("merged {from} into {into}: {moved} codings moved");
        }
        CodebookCmd::Delete { path, force } => {
            let id = s.codebook().resolve(&path)?;
            let removed = s.delete_node(id, force)?;
            println!("deleted {path} and its descendants; {removed} codings removed");
        }
        CodebookCmd::Describe { path, text } => {
            let id = s.codebook().resolve(&path)?;
            s.describe_node(id, &session::text_arg(&text)?)?;
        }
        CodebookCmd::Color { path, color } => {
            let id = s.codebook().resolve(&path)?;
            s.color_node(id, (color != "none").then_some(color.as_str()))?;
        }
        CodebookCmd::Codable { path, value } => {
            let id = s.codebook().resolve(&path)?;
            let codable = match value.as_str() {
                "yes" | "true" | "oui" => true,
                "no" | "false" | "non" => false,
                v => bail!("'{v}' must be yes or no"),
            };
            s.set_codable(id, codable)?;
        }
        CodebookCmd::Load { file } => {
            let bytes = verbatim::import::read_input(&file)?;
            print_load(&s.load_template(&file, &bytes)?);
        }
    }
    Ok(())
}

/// What loading or importing a codebook did.
fn print_load(report: &verbatim::session::LoadReport) {
    println!(
        "{} nodes added, {} already there",
        report.added.len(),
        report.existing.len()
    );
    for p in &report.added {
        println!("  + {p}");
    }
}
