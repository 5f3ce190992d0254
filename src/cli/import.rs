//! `verbatim import FILE|DIR...`: imports transcripts, with a progress bar on a terminal.

use super::args::{Globals, ImportArgs};
use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use verbatim::Project;
use verbatim::import::{ImportOptions, import_paths};

pub fn run(globals: &Globals, args: ImportArgs) -> Result<()> {
    let mut project = super::sources::open_writer(globals)?;
    let opts = ImportOptions {
        label: args.label,
        kind: args.kind,
        keep_going: args.keep_going,
        speaker_pattern: args.speaker_pattern,
    };
    let bar = progress_bar("reading");
    let report = import_paths(&mut project, &args.paths, &opts, &|done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    let report = report?;
    for (label, path) in &report.imported {
        println!("imported {label}  ({})", path.display());
    }
    for (label, note) in &report.notes {
        eprintln!(
            "speakers unsure in {label}: {note}; see and fix them with `verbatim speakers detect {label}`"
        );
    }
    for path in &report.skipped {
        eprintln!("skipped {}: not a transcript format", path.display());
    }
    for (path, reason) in &report.failed {
        eprintln!("not imported {}: {reason}", path.display());
    }
    summary(&project, report.imported.len(), report.failed.len());
    Ok(())
}

fn summary(project: &Project, imported: usize, failed: usize) {
    let total = project.manifest.sources.len();
    if failed > 0 {
        eprintln!("{imported} imported, {failed} not imported; the project has {total} sources");
    } else {
        eprintln!("{imported} imported; the project has {total} sources");
    }
}

/// A progress bar on stderr when it is a terminal; a hidden one otherwise.
pub fn progress_bar(what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    let style = ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} files ({elapsed})")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(what.to_owned());
    bar
}
