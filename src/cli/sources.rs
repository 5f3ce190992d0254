//! `verbatim sources [--json]`, `sources rename`, `speakers set`.

use super::args::{Globals, SourcesCmd, SpeakersCmd};
use super::output::{print_json, print_table};
use anyhow::Result;
use verbatim::{Project, overview};

/// Opens the project named by `--project` as its writer, with the chosen coder.
pub fn open_writer(globals: &Globals) -> Result<Project> {
    let mut project = Project::open_writer(&globals.project)?;
    if let Some(c) = &globals.coder {
        project.set_coder(c)?;
    }
    Ok(project)
}

pub fn run(globals: &Globals, cmd: Option<SourcesCmd>, json: bool) -> Result<()> {
    match cmd {
        Some(SourcesCmd::Rename { old, new }) => {
            let mut s = super::session::write(globals)?;
            s.rename_source(&old, &new)?;
            println!("renamed {old} to {}", new.trim());
            Ok(())
        }
        Some(SourcesCmd::Renumber(a)) => super::anonymise::renumber(globals, &a),
        Some(SourcesCmd::Delete { label, yes }) => super::source_life::delete(globals, &label, yes),
        Some(SourcesCmd::Replace { label, file }) => {
            super::source_life::replace(globals, &label, &file)
        }
        None => list(globals, json),
    }
}

fn list(globals: &Globals, json: bool) -> Result<()> {
    let project = Project::open(&globals.project)?;
    let rows = overview::sources(&project)?;
    if json {
        print_json("sources", &rows)?;
        return broken_sources(&rows);
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|s| {
            let speakers: Vec<String> = s
                .speakers
                .iter()
                .map(|sp| format!("{} ({})", sp.name, sp.role.as_str()))
                .collect();
            vec![
                s.label.clone(),
                s.case.clone(),
                s.words.to_string(),
                s.turns.to_string(),
                s.codings.to_string(),
                speakers.join(", "),
            ]
        })
        .collect();
    print_table(
        &["LABEL", "CASE", "WORDS", "TURNS", "CODINGS", "SPEAKERS"],
        &table,
        &[false, false, true, true, true, false],
    );
    broken_sources(&rows)
}

/// After the listing: each source whose text could not be read, then an error (exit 1).
fn broken_sources(rows: &[verbatim::overview::SourceSummary]) -> Result<()> {
    let broken: Vec<_> = rows
        .iter()
        .filter_map(|s| Some((&s.label, s.problem.as_ref()?)))
        .collect();
    for (label, problem) in &broken {
        eprintln!("{label}: {problem}");
    }
    match broken.len() {
        0 => Ok(()),
        n => anyhow::bail!(
            "{n} transcript{} could not be read (listed above with no words); `verbatim check` says more",
            if n == 1 { "" } else { "s" }
        ),
    }
}

pub fn speakers(globals: &Globals, cmd: SpeakersCmd) -> Result<()> {
    match cmd {
        SpeakersCmd::Set {
            source,
            name,
            role,
            case,
        } => {
            let mut s = super::session::write(globals)?;
            s.set_speaker(&source, &name, role, case.as_deref())?;
            println!("{name} in {source} is now {}", role.as_str());
            Ok(())
        }
        SpeakersCmd::Detect(args) => super::speakers::detect(globals, args),
    }
}
