//! `verbatim [PROJECT]`, `verbatim init`, `verbatim demo`: creating and opening projects.

use anyhow::Result;
use std::path::Path;
use verbatim::codebook::Codebook;
use verbatim::config::Dirs;
use verbatim::model::Language;
use verbatim::{Project, demo, overview};

pub fn init(dir: &Path, name: Option<&str>, language: Language) -> Result<()> {
    let project = Project::init(dir, name, language)?;
    println!(
        "Created project '{}' in {}",
        project.manifest.name,
        dir.display()
    );
    Ok(())
}

pub fn demo(reset: bool) -> Result<()> {
    let dir = demo::ensure_demo(&Dirs::locate()?, reset)?;
    println!("{}", dir.display());
    Ok(())
}

/// Opens a project: the given folder, else the current folder if it is a project, else the demo.
pub fn open(path: Option<&Path>) -> Result<()> {
    let outside = path.is_none() && !Path::new(verbatim::project::MANIFEST).is_file();
    let dir = match path {
        Some(p) => p.to_owned(),
        None if !outside => ".".into(),
        None => demo::ensure_demo(&Dirs::locate()?, false)?,
    };
    #[cfg(feature = "tui")]
    {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
            // Outside a project, the projects list (new, open, recent) comes first.
            if outside {
                return Ok(verbatim::tui::run_outside(&dir)?);
            }
            return Ok(verbatim::tui::run(&dir)?);
        }
    }
    let project = Project::open(&dir)?;
    print_summary(&project)
}

/// The text shown until the TUI exists: what the project holds.
fn print_summary(project: &Project) -> Result<()> {
    let sources = overview::sources(project)?;
    let codebook = Codebook::read(&project.root().join(verbatim::project::CODEBOOK))?;
    let words: usize = sources.iter().map(|s| s.words).sum();
    let codings: usize = sources.iter().map(|s| s.codings).sum();
    println!(
        "verbatim · {} · {}\n{} sources, {} words, {} codings; codebook of {} nodes; {} cases with attributes: {}",
        project.manifest.name,
        project.root().display(),
        sources.len(),
        words,
        codings,
        codebook.len(),
        overview::cases(project).len(),
        if project.cases.attributes.is_empty() {
            "none".to_owned()
        } else {
            project.cases.attributes.join(", ")
        },
    );
    for s in &sources {
        let speakers: Vec<String> = s
            .speakers
            .iter()
            .map(|sp| format!("{} ({})", sp.name, sp.role.as_str()))
            .collect();
        println!(
            "  {:<10} {:>6} words {:>4} turns  {}",
            s.label,
            s.words,
            s.turns,
            speakers.join(", ")
        );
    }
    println!(
        "(Run `verbatim` in a terminal for the interactive interface; `verbatim --help` lists the commands.)"
    );
    Ok(())
}
