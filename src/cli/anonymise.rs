//! `verbatim anonymise key add|list|remove|import|export`: the pseudonymisation key, kept in the
//! user data folder under the project id unless `--key FILE` names another file.

use super::args::Globals;
use super::output::{print_json, print_table};
use anyhow::{Result, anyhow};
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};
use verbatim::anonymise::{Candidate, Category, Entry, Key, Skipped, skipped};
use verbatim::project::Project;

/// Export flags about the pseudonymisation key.
#[derive(Args, Clone, Default)]
pub struct LeakArgs {
    /// Keep the original names although the project has a key (the leak check then refuses to
    /// write unless --allow-leaks)
    #[arg(long)]
    pub keep_names: bool,
    /// Write even if the output still holds a name of the key
    #[arg(long)]
    pub allow_leaks: bool,
}

/// `verbatim anonymise`.
#[derive(Args)]
pub struct AnonymiseArgs {
    /// The key file (default: the user data folder, under the project id; never in the project)
    #[arg(long, global = true, value_name = "FILE")]
    pub key: Option<PathBuf>,
    #[command(subcommand)]
    pub cmd: AnonymiseCmd,
}

#[derive(Subcommand)]
pub enum AnonymiseCmd {
    /// The key: originals and their pseudonyms
    Key {
        #[command(subcommand)]
        cmd: KeyCmd,
    },
    /// Replace every original in the project itself (a backup is made first, outside it)
    Apply {
        /// Do it (without it, only say what would change)
        #[arg(long)]
        yes: bool,
        #[arg(long)]
        json: bool,
    },
    /// Scan every file of the project folder for an original of the key
    Check {
        #[arg(long)]
        json: bool,
    },
    /// List likely names to review (titles, places, structures, speakers, capitalised words)
    Suggest {
        /// Show at most N candidates (default all)
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Also list the names skipped in review (marked as such)
        #[arg(long)]
        show_skipped: bool,
        #[arg(long)]
        json: bool,
    },
    /// Skip names in review: `suggest` and the TUI list no longer propose them (kept beside
    /// the key, outside the project)
    Skip {
        #[arg(required = true)]
        names: Vec<String>,
        /// Propose them again
        #[arg(long)]
        undo: bool,
    },
}

#[derive(Subcommand)]
pub enum KeyCmd {
    /// Add an original and its pseudonym (or change the pseudonym of an original)
    Add {
        original: String,
        pseudonym: String,
        /// person, place, organisation or other
        #[arg(long, default_value = "other", value_name = "C")]
        category: Category,
        /// Also replace the original inside longer words (default: whole words only)
        #[arg(long)]
        partial: bool,
    },
    /// List the key
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove an original from the key
    Remove { original: String },
    /// Add every line of a key file (CSV: original, pseudonym, category, whole_word)
    Import { file: PathBuf },
    /// Write the key to a CSV file
    Export { file: PathBuf },
}

/// The key file for the project in `globals`, or the one given.
pub fn key_path(globals: &Globals, given: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = given {
        return Ok(p.to_owned());
    }
    let project = Project::open(&globals.project)?;
    Ok(verbatim::anonymise::default_path(project.manifest.id)?)
}

pub fn run(globals: &Globals, args: AnonymiseArgs) -> Result<()> {
    match args.cmd {
        AnonymiseCmd::Key { cmd } => run_key(globals, args.key.as_deref(), cmd),
        AnonymiseCmd::Apply { yes, json } => apply(globals, args.key.as_deref(), yes, json),
        AnonymiseCmd::Check { json } => check(globals, args.key.as_deref(), json),
        AnonymiseCmd::Suggest {
            limit,
            show_skipped,
            json,
        } => suggest(globals, args.key.as_deref(), limit, show_skipped, json),
        AnonymiseCmd::Skip { names, undo } => skip(globals, args.key.as_deref(), &names, undo),
    }
}

/// Adds names to (or with `undo` takes them off) the skipped list beside the key.
fn skip(globals: &Globals, given: Option<&Path>, names: &[String], undo: bool) -> Result<()> {
    let path = skipped::path_beside(&key_path(globals, given)?);
    let mut list = Skipped::load(&path)?;
    let changed = names
        .iter()
        .filter(|n| if undo { list.remove(n) } else { list.add(n) })
        .count();
    if changed > 0 {
        list.save(&path)?;
    }
    let verb = if undo { "proposed again" } else { "skipped" };
    eprintln!(
        "{changed} name(s) {verb}; {} skipped in {}",
        list.names().count(),
        path.display()
    );
    Ok(())
}

fn suggest(
    globals: &Globals,
    given: Option<&Path>,
    limit: Option<usize>,
    show_skipped: bool,
    json: bool,
) -> Result<()> {
    let project = Project::open(&globals.project)?;
    let path = key_path(globals, given)?;
    let key = Key::load(&path)?;
    let skipped = Skipped::load(&skipped::path_beside(&path))?;
    let mut texts = Vec::new();
    let mut speakers = Vec::new();
    for source in project.sources() {
        texts.push((source.label.as_str(), project.text(source)?));
        for sp in &source.speakers {
            speakers.push((sp.name.as_str(), source.label.as_str()));
        }
    }
    let texts: Vec<(&str, &str)> = texts.iter().map(|(l, t)| (*l, t.as_str())).collect();
    let mut found = verbatim::anonymise::suggest(&texts, &speakers, &key.matcher());
    let hidden = if show_skipped {
        0
    } else {
        skipped.leave_out(&mut found)
    };
    found.truncate(limit.unwrap_or(usize::MAX));
    let is_skipped = |c: &Candidate| show_skipped && skipped.contains(&c.text);
    if json {
        let rows: Vec<serde_json::Value> = found
            .iter()
            .map(|c| {
                let mut v = serde_json::to_value(c).expect("a candidate is plain data");
                if is_skipped(c) {
                    v["skipped"] = true.into();
                }
                v
            })
            .collect();
        return print_json("candidates", &rows);
    }
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|c| {
            let kind = match is_skipped(c) {
                true => format!("{} (skipped)", c.kind.as_str()),
                false => c.kind.as_str().to_owned(),
            };
            vec![
                c.text.clone(),
                kind,
                c.count.to_string(),
                format!("{}  {}", c.source, c.example),
            ]
        })
        .collect();
    print_table(
        &["CANDIDATE", "KIND", "COUNT", "EXAMPLE"],
        &rows,
        &[false, false, true, false],
    );
    let hidden = match hidden {
        0 => String::new(),
        n => format!(" ({n} skipped in review not shown: --show-skipped lists them)"),
    };
    eprintln!(
        "{} candidate(s){hidden}; add the real names with `verbatim anonymise key add ORIGINAL PSEUDONYM`, skip the others with `verbatim anonymise skip NAME`",
        found.len()
    );
    Ok(())
}

fn run_key(globals: &Globals, given: Option<&Path>, cmd: KeyCmd) -> Result<()> {
    let path = key_path(globals, given)?;
    let mut key = Key::load(&path)?;
    match cmd {
        KeyCmd::Add {
            original,
            pseudonym,
            category,
            partial,
        } => {
            key.add(Entry {
                original,
                pseudonym,
                category,
                whole_word: !partial,
            })
            .map_err(|e| anyhow!(e))?;
            key.save(&path)?;
            eprintln!("key: {} entries in {}", key.entries().len(), path.display());
        }
        KeyCmd::List { json } => {
            let rows: Vec<serde_json::Value> = key
                .entries()
                .iter()
                .map(|e| {
                    serde_json::json!({"original": e.original, "pseudonym": e.pseudonym,
                        "category": e.category.as_str(), "whole_word": e.whole_word})
                })
                .collect();
            if json {
                return print_json("entries", &rows);
            }
            let rows: Vec<Vec<String>> = key
                .entries()
                .iter()
                .map(|e| {
                    let whole = if e.whole_word { "yes" } else { "no" };
                    vec![
                        e.original.clone(),
                        e.pseudonym.clone(),
                        e.category.as_str().to_owned(),
                        whole.to_owned(),
                    ]
                })
                .collect();
            print_table(
                &["ORIGINAL", "PSEUDONYM", "CATEGORY", "WHOLE WORD"],
                &rows,
                &[false; 4],
            );
        }
        KeyCmd::Remove { original } => {
            if !key.remove(&original) {
                return Err(anyhow!("the key has no original '{original}'"));
            }
            key.save(&path)?;
        }
        KeyCmd::Import { file } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| anyhow!("could not read {}: {e}", file.display()))?;
            let other = Key::from_csv(&file, &bytes)?;
            let n = key
                .merge(&other)
                .map_err(|e| anyhow!("{}: {e}", file.display()))?;
            key.save(&path)?;
            eprintln!("key: {n} entries imported, {} in all", key.entries().len());
        }
        KeyCmd::Export { file } => {
            verbatim::store::write_atomic(&file, &key.to_csv())?;
        }
    }
    Ok(())
}

fn load_key(globals: &Globals, given: Option<&Path>) -> Result<Key> {
    let path = key_path(globals, given)?;
    let key = Key::load(&path)?;
    if key.is_empty() {
        return Err(anyhow!(
            "the key is empty ({}); add names with `verbatim anonymise key add`",
            path.display()
        ));
    }
    Ok(key)
}

fn apply(globals: &Globals, given: Option<&Path>, yes: bool, json: bool) -> Result<()> {
    let key = load_key(globals, given)?;
    let matcher = key.matcher();
    let (report, backup) = if yes {
        let mut s = super::session::write(globals)?;
        let backup = verbatim::anonymise::folder::backup(s.root(), s.project().manifest.id)?;
        (s.apply_key(&matcher)?, Some(backup))
    } else {
        let mut s = super::session::read(globals)?;
        (s.pseudonymise(&matcher)?, None)
    };
    if json {
        return print_json(
            "applied",
            &serde_json::json!({"done": yes, "report": report,
            "backup": backup.as_ref().map(|b| b.display().to_string())}),
        );
    }
    if report.is_empty() {
        println!("nothing to replace: the project holds no name of the key");
        return Ok(());
    }
    for (label, n) in &report.sources {
        println!("{label}: {n} name(s) replaced");
    }
    println!(
        "{} coding(s) moved or updated, {} node(s), {} memo(s), {} manifest field(s), {} case value(s)",
        report.codings, report.nodes, report.memos, report.manifest_fields, report.case_values
    );
    match backup {
        Some(b) => eprintln!(
            "backup of the project before the change: {}\nnote: git history, if any, still holds the original names",
            b.display()
        ),
        None => eprintln!(
            "nothing was changed; run again with --yes to replace the names in the project"
        ),
    }
    Ok(())
}

fn check(globals: &Globals, given: Option<&Path>, json: bool) -> Result<()> {
    let key = load_key(globals, given)?;
    let project = Project::open(&globals.project)?;
    let leaks = verbatim::anonymise::folder::check(project.root(), &key.matcher())?;
    if json {
        print_json("leaks", &leaks)?;
    } else {
        for l in &leaks {
            println!("{l}");
        }
    }
    if leaks.is_empty() {
        eprintln!("no name of the key in {}", project.root().display());
        Ok(())
    } else {
        Err(anyhow!(
            "{} name(s) of the key found in the project folder",
            leaks.len()
        ))
    }
}

/// `verbatim sources renumber`.
#[derive(Args)]
pub struct RenumberArgs {
    /// label (current order), date (case attribute Date, else import time) or attr:NAME
    #[arg(long, default_value = "label", value_name = "O")]
    pub order: String,
    /// The new labels' prefix
    #[arg(long, default_value = "E", value_name = "E")]
    pub prefix: String,
    /// Only print the new labels
    #[arg(long)]
    pub dry_run: bool,
}

pub fn renumber(globals: &Globals, a: &RenumberArgs) -> Result<()> {
    let order: verbatim::session::RenumberOrder = a.order.parse()?;
    let plan = if a.dry_run {
        super::session::read(globals)?.renumber_plan(&order, &a.prefix)?
    } else {
        super::session::write(globals)?.renumber(&order, &a.prefix)?
    };
    for (old, new) in &plan {
        println!("{old} -> {new}");
    }
    if a.dry_run {
        eprintln!("nothing was changed (--dry-run)");
    }
    Ok(())
}
