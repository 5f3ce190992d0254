//! `verbatim code` and `verbatim uncode`.

use super::args::{CodeArgs, Globals};
use super::session;
use anyhow::{Context, Result, bail};
use verbatim::ids::NodeId;
use verbatim::session::{BatchItem, Session};
use verbatim::text::{CharPos, CharRange};

fn node_of(s: &mut Session, path: &str, create: bool) -> Result<NodeId> {
    match s.codebook().resolve(path) {
        Ok(id) => Ok(id),
        Err(_) if create => Ok(s.add_node(path)?),
        Err(e) => Err(anyhow::anyhow!(
            "{e} (add it with `verbatim codebook add`, or pass --create)"
        )),
    }
}

fn number(arg: &str, what: &str) -> Result<usize> {
    arg.parse().with_context(|| {
        format!("{what} '{arg}' is not a position (a whole number of characters from 0)")
    })
}

pub fn code(globals: &Globals, a: CodeArgs) -> Result<()> {
    let mut s = session::write(globals)?;
    let coder = s.coder().to_owned();
    if let Some(file) = &a.jsonl {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("could not read {}", file.display()))?;
        let mut items = Vec::new();
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let item: BatchItem = serde_json::from_str(line)
                .map_err(|e| anyhow::anyhow!("{}: line {}: {e}", file.display(), i + 1))?;
            items.push((i + 1, item));
        }
        let ids = s
            .code_batch_ids(&coder, &items)
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        if a.progress {
            // Printed after the one transaction is durable: every line listed is saved.
            for ((line, _), id) in items.iter().zip(&ids) {
                println!("ok {line} {id}");
            }
        }
        println!("coded {} ranges (saved together)", ids.len());
        return Ok(());
    }
    if let Some(query) = &a.search {
        return super::search::code_hits(&mut s, globals, query, &a);
    }
    if let Some(speaker) = &a.speaker {
        let [path] = a.args.as_slice() else {
            bail!("usage: verbatim code --speaker NAME NODEPATH [--source SOURCE]")
        };
        let node = node_of(&mut s, path, a.create)?;
        let only = a.source.as_deref().map(|x| s.source_id(x)).transpose()?;
        let n = s.code_speaker(&coder, speaker, node, only)?;
        println!("coded {n} turns of {speaker} with {path}");
        return Ok(());
    }
    if a.turn {
        let [source, at, path] = a.args.as_slice() else {
            bail!("usage: verbatim code --turn SOURCE POSITION NODEPATH")
        };
        let src = s.source_id(source)?;
        let node = node_of(&mut s, path, a.create)?;
        let at_pos = CharPos(number(at, "POSITION")?);
        let id = s.code_unit_at(&coder, src, at_pos, node)?;
        println!("coded the turn at {at} of {source} with {path} ({id})");
        return Ok(());
    }
    let [source, start, end, path] = a.args.as_slice() else {
        bail!("usage: verbatim code SOURCE START END NODEPATH (or --turn, --speaker, --jsonl)")
    };
    let src = s.source_id(source)?;
    let range = CharRange::new(number(start, "START")?, number(end, "END")?);
    // The range first: a bad range must not leave a node created by --create behind.
    s.text(src)?.check_range(range, source)?;
    let node = node_of(&mut s, path, a.create)?;
    let id = s.code(&coder, src, range, node)?;
    println!("coded {source} {range} with {path} ({id})");
    Ok(())
}

pub fn uncode(
    globals: &Globals,
    source: &str,
    start: usize,
    end: usize,
    node: Option<&str>,
) -> Result<()> {
    let mut s = session::write(globals)?;
    let coder = s.coder().to_owned();
    let src = s.source_id(source)?;
    let node = node.map(|n| s.codebook().resolve(n)).transpose()?;
    s.uncode(&coder, src, CharRange::new(start, end), node)?;
    println!("uncoded {source} {start}..{end}");
    Ok(())
}
