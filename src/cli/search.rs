//! `verbatim search` and `verbatim code --search`.

use super::args::{CodeArgs, FilterArgs, Globals};
use super::output::print_json;
use super::passages::filters;
use super::session;
use anyhow::{Result, bail};
use verbatim::ids::SourceId;
use verbatim::index::SearchIndex;
use verbatim::query::{SearchOptions, search as run_search};
use verbatim::session::Session;
use verbatim::text::CharRange;

fn options(
    s: &Session,
    globals: &Globals,
    nodes: &[String],
    f: &FilterArgs,
    limit: usize,
) -> Result<SearchOptions> {
    Ok(SearchOptions {
        filters: filters(s, globals, f)?,
        nodes: nodes
            .iter()
            .map(|n| s.codebook().resolve(n))
            .collect::<Result<_, _>>()?,
        limit,
    })
}

pub fn search(
    globals: &Globals,
    query: &str,
    nodes: &[String],
    f: &FilterArgs,
    limit: usize,
    json: bool,
) -> Result<()> {
    let s = session::read(globals)?;
    let index = open_index(&s)?;
    let hits = run_search(&index, &s, query, &options(&s, globals, nodes, f, limit)?)?;
    if json {
        return print_json("hits", &hits);
    }
    for h in &hits {
        let mut text = String::new();
        let mut last = 0;
        let chars: Vec<char> = h.snippet.text.chars().collect();
        for (a, b) in &h.snippet.matches {
            text.extend(&chars[last..*a]);
            text.push('[');
            text.extend(&chars[*a..*b]);
            text.push(']');
            last = *b;
        }
        text.extend(&chars[last..]);
        println!(
            "{} · {} · {}..{} · {:.2}\n  {text}",
            h.label,
            h.speaker.as_deref().unwrap_or("—"),
            h.start,
            h.end,
            h.score
        );
    }
    eprintln!("{} hits", hits.len());
    Ok(())
}

/// Codes the unit of every hit (each unit once).
pub fn code_hits(s: &mut Session, globals: &Globals, query: &str, a: &CodeArgs) -> Result<()> {
    let [path] = a.args.as_slice() else {
        bail!("usage: verbatim code --search QUERY NODEPATH [filters] [--yes]")
    };
    let f = FilterArgs {
        common: a.filters.clone(),
        speaker: a.speaker.clone(),
    };
    let opts = options(s, globals, &a.node, &f, usize::MAX)?;
    let index = open_index(s)?;
    let hits = run_search(&index, s, query, &opts)?;
    let mut units: Vec<(SourceId, CharRange)> = hits
        .iter()
        .map(|h| (h.source, CharRange::new(h.unit_start, h.unit_end)))
        .collect();
    units.sort();
    units.dedup();
    if units.is_empty() {
        bail!("no hit for {query:?}: nothing to code");
    }
    if units.len() > 50 && !a.yes {
        bail!(
            "this would code {} turns or paragraphs ({} hits); check with `verbatim search` and pass --yes to code them",
            units.len(),
            hits.len()
        );
    }
    let node = match s.codebook().resolve(path) {
        Ok(id) => id,
        Err(_) if a.create => s.add_node(path)?,
        Err(e) => return Err(e.into()),
    };
    let coder = s.coder().to_owned();
    let n = s.code_ranges(&coder, node, &units)?;
    println!(
        "coded {n} turns or paragraphs ({} hits) with {path}",
        hits.len()
    );
    Ok(())
}

/// The search index, up to date; a transcript that cannot be read is named on standard error
/// and left out, and every other one is searched.
fn open_index(s: &verbatim::session::Session) -> Result<SearchIndex> {
    let (index, report) = SearchIndex::open(s)?;
    for (label, reason) in &report.unreadable {
        eprintln!("not searched {label}: {reason}");
    }
    Ok(index)
}
