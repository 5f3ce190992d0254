//! `verbatim check [--repair [--yes]] [--json]`: every coding anchored, every file referred to;
//! exits 1 when it reports a problem. `--repair` moves codings on missing nodes to a `Lost and
//! found` node; with `--yes` it also removes unreferenced files and unused case rows (each repair
//! journalled, all-or-nothing).

use super::args::Globals;
use super::session;
use anyhow::{Result, bail};
use clap::Args;
use verbatim::repair;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Repair what can be repaired safely (codings on missing nodes go to "Lost and found")
    #[arg(long)]
    repair: bool,
    /// With --repair: also remove unreferenced files and unused case rows
    #[arg(long, requires = "repair")]
    yes: bool,
    #[arg(long)]
    json: bool,
}

pub fn run(globals: &Globals, args: &CheckArgs) -> Result<()> {
    if args.repair {
        let mut s = session::write(globals)?;
        let found = repair::scan(&s)?;
        let done = repair::repair(&mut s, &found, args.yes)?;
        if done.moved_to_lost_and_found > 0 {
            println!(
                "repaired: {} coding(s) moved to '{}'",
                done.moved_to_lost_and_found,
                repair::LOST_AND_FOUND
            );
        }
        for f in &done.removed_files {
            println!("repaired: removed {}", f.display());
        }
        for c in &done.removed_cases {
            println!(
                "repaired: removed case '{}' from cases.csv",
                verbatim::limits::shown(c)
            );
        }
        if !args.yes && (!found.unreferenced_files.is_empty() || !found.orphan_cases.is_empty()) {
            for line in found.lines().iter().filter(|l| l.contains("--yes")) {
                println!("to remove: {line}");
            }
        }
        drop(s);
    }
    let s = session::read(globals)?;
    let report = s.check()?;
    let found = repair::scan(&s)?;
    let mut problems = report.problems.clone();
    for line in found.lines() {
        if !problems.contains(&line) {
            problems.push(line);
        }
    }
    if args.json {
        let mut map = serde_json::to_value(&report)?;
        map["format"] = serde_json::json!(1);
        map["problems"] = serde_json::json!(problems);
        let bytes = verbatim::store::to_json_bytes(&map);
        use std::io::Write;
        std::io::stdout().write_all(&bytes)?;
    } else {
        print_report(&report, &problems);
    }
    if !problems.is_empty() {
        bail!(
            "check found {} problem(s){}",
            problems.len(),
            if args.repair {
                ""
            } else {
                "; `verbatim check --repair` fixes what it safely can"
            }
        );
    }
    Ok(())
}

fn print_report(report: &verbatim::session::AnchorReport, problems: &[String]) {
    use verbatim::limits::shown;
    println!(
        "{} codings kept, {} moved, {} orphaned",
        report.kept.len(),
        report.moved.len(),
        report.orphaned.len()
    );
    for m in &report.moved {
        println!(
            "moved    {} {}..{} -> {}..{} « {} »",
            shown(&m.label),
            m.old_start.unwrap_or(0),
            m.old_end.unwrap_or(0),
            m.start,
            m.end,
            shown(&m.quote)
        );
    }
    for o in &report.orphaned {
        println!(
            "orphaned {} {}..{} « {} » (kept in codings/{}/)",
            shown(&o.label),
            o.start,
            o.end,
            shown(&o.quote),
            o.coder
        );
    }
    for p in problems {
        println!("problem  {}", shown(p));
    }
}
