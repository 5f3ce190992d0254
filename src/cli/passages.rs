//! `verbatim passages` and `verbatim check`.

use super::args::{FilterArgs, Globals};
use super::output::print_json;
use super::session;
use anyhow::Result;
use verbatim::query::{FilterExpr, Filters, Key, passages as select_passages};
use verbatim::session::Session;

/// Turns filter flags into core filters, through the query grammar (the same rules as the TUI
/// prompt): `--filter TEXT` first, then each flag as one term; `--coder` filters by coder.
pub fn filters(s: &Session, globals: &Globals, a: &FilterArgs) -> Result<Filters> {
    let c = &a.common;
    let attributes = &s.project().cases.attributes;
    let mut e = match &c.filter {
        Some(text) => FilterExpr::parse(text, attributes)?,
        None => FilterExpr::default(),
    };
    if let Some(v) = &c.case {
        e.push(Key::Case, v);
    }
    for kv in &c.attrs {
        e.attr_flag(kv)?;
    }
    if let Some(v) = &a.speaker {
        e.push(Key::Speaker, v);
    }
    if let Some(r) = c.role {
        e.push(Key::Role, r.as_str());
    }
    if let Some(r) = c.exclude_role {
        e.push(Key::ExcludeRole, r.as_str());
    }
    for p in &c.also_node {
        e.push(Key::Also, p);
    }
    if let Some(v) = &globals.coder {
        e.push(Key::Coder, v);
    }
    Ok(e.resolve(s.project(), s.codebook())?)
}

pub fn passages(
    globals: &Globals,
    node: &str,
    descendants: bool,
    f: &FilterArgs,
    json: bool,
) -> Result<()> {
    let s = session::read(globals)?;
    let id = s.codebook().resolve(node)?;
    let list = select_passages(&s, &[id], descendants, &filters(&s, globals, f)?)?;
    session::warn_unreadable(&s);
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
