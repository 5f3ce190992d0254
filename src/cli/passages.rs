//! `verbatim passages` and `verbatim check`.

use super::args::{FilterArgs, Globals};
use super::output::print_json;
use super::session;
use anyhow::{Result, bail};
use verbatim::coding::passages::Filters;
use verbatim::session::Session;

/// Turns filter arguments into core filters (node paths resolved).
pub fn filters(s: &Session, globals: &Globals, a: &FilterArgs) -> Result<Filters> {
    let mut attrs = Vec::new();
    for kv in &a.common.attrs {
        let Some((k, v)) = kv.split_once('=') else {
            bail!("--attr '{kv}' must be of the form NAME=VALUE")
        };
        if !s.project.cases.attributes.iter().any(|x| x == k.trim()) {
            bail!("--attr '{kv}': no case attribute is named '{}'", k.trim());
        }
        attrs.push((k.trim().to_owned(), v.trim().to_owned()));
    }
    let also = if a.common.also_node.is_empty() {
        None
    } else {
        Some(
            a.common
                .also_node
                .iter()
                .map(|p| s.codebook.resolve(p))
                .collect::<Result<Vec<_>, _>>()?,
        )
    };
    Ok(Filters {
        case: a.common.case.clone(),
        attrs,
        speaker: a.speaker.clone(),
        role: a.common.role,
        exclude_role: a.common.exclude_role,
        also_nodes: also,
        coder: globals.coder.clone(),
    })
}

pub fn passages(
    globals: &Globals,
    node: &str,
    descendants: bool,
    f: &FilterArgs,
    json: bool,
) -> Result<()> {
    let s = session::read(globals)?;
    let id = s.codebook.resolve(node)?;
    let list = s.passages(&[id], descendants, &filters(&s, globals, f)?)?;
    if json {
        return print_json("passages", &list);
    }
    for p in &list {
        println!(
            "{} · {} · {}..{} · {}",
            p.label,
            p.speaker.as_deref().unwrap_or("—"),
            p.start,
            p.end,
            p.coders.join(", ")
        );
        println!("  « {} »", p.text.replace('\n', " ").trim());
    }
    eprintln!("{} passages", list.len());
    Ok(())
}
