//! `verbatim sources delete LABEL [--yes]` (lists the codings and memos that go, then asks) and
//! `verbatim sources replace LABEL NEWFILE` (codings re-anchored through the diff; orphans
//! listed).

use super::args::Globals;
use anyhow::{Result, bail};
use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

pub fn delete(globals: &Globals, label: &str, yes: bool) -> Result<()> {
    let mut session = super::session::write(globals)?;
    let removal = session.source_removal(label)?;
    let what = format!(
        "{}: {} coding(s) and {} memo(s) go with it",
        removal.source.label,
        removal.coding_count(),
        removal.memos.len()
    );
    if !yes {
        if !std::io::stdin().is_terminal() {
            bail!("deleting {what}; pass --yes to delete without being asked");
        }
        eprintln!("Deleting {what}:");
        for (coder, list) in &removal.codings {
            for c in list {
                let quote: String = c.quote.chars().take(50).collect();
                let path = session.codebook().path_of(c.node).unwrap_or_default();
                eprintln!(
                    "  coding {} [{}-{}) {path} ({coder}): {quote}",
                    c.id, c.start, c.end
                );
            }
        }
        for (case, _) in &removal.cases {
            eprintln!("  case {case} and its attributes (no other source uses it)");
        }
        for m in &removal.memos {
            let first = m.text.lines().next().unwrap_or("");
            eprintln!("  memo {} on {}: {first}", m.id, m.target);
        }
        eprint!("Delete {}? [y/N] ", removal.source.label);
        std::io::stderr().flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "o" | "oui") {
            println!("nothing deleted");
            return Ok(());
        }
    }
    let removed = session.delete_source(label)?;
    println!(
        "deleted {} with {} coding(s) and {} memo(s)",
        removed.source.label,
        removed.coding_count(),
        removed.memos.len()
    );
    Ok(())
}

pub fn replace(globals: &Globals, label: &str, file: &Path) -> Result<()> {
    let mut session = super::session::write(globals)?;
    let report = session.replace_source(label, file)?;
    println!(
        "replaced the text of {label}: {} coding(s) kept, {} moved, {} orphaned",
        report.kept.len(),
        report.moved.len(),
        report.orphaned.len()
    );
    for o in &report.orphaned {
        let path = session.codebook().path_of(o.node).unwrap_or_default();
        println!(
            "  orphaned: coding {} ({path}, {}) was at [{}-{}); place it again in the TUI or with `verbatim code`",
            o.id, o.coder, o.start, o.end
        );
    }
    Ok(())
}
