//! The runtime's side of the project-level features: listing a folder for the file browser,
//! importing (read on a worker thread with progress, then written through the session), the
//! recent projects (a small list in the config folder), creating and opening a project, and
//! `check` with places to jump to.
//!
//! Invariants: an import writes nothing until every file has been read, then imports the good
//! files and lists the others with their reason; the recent list holds existing projects
//! only, newest first, at most [`RECENT_MAX`].

use super::i18n::Lang;
use super::msg::{Done, Msg};
use super::project_rows::{
    FileBrowser, FileEntry, FilesFor, ProjectDone, ProjectOp, ProjectRow, Report, ReportItem,
};
use super::runtime::{Runtime, info, refreshed};
use super::state::AppState;
use crate::import::{ImportOptions, PreparedBatch};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// How many projects the recent list keeps.
pub const RECENT_MAX: usize = 12;

fn done(d: ProjectDone) -> Msg {
    Msg::Done(Done::Project(d))
}

/// Carries out one project-level operation.
pub fn run(rt: &mut Runtime, state: &AppState, op: ProjectOp) -> crate::Result<Vec<Msg>> {
    let fr = state.ui.lang == Lang::Fr;
    match op {
        ProjectOp::Browse(purpose) => {
            let dir = super::exporter::default_folder(rt.session.root());
            Ok(vec![done(ProjectDone::Listing(Box::new(list_dir(
                &dir,
                purpose,
                BTreeSet::new(),
            )?)))])
        }
        ProjectOp::ListDir {
            dir,
            purpose,
            marked,
        } => Ok(vec![done(ProjectDone::Listing(Box::new(list_dir(
            &dir, purpose, marked,
        )?)))]),
        ProjectOp::Import(paths) => {
            if rt.importer.is_running() {
                return Ok(vec![info(if fr {
                    "un import est déjà en cours"
                } else {
                    "an import is already running"
                })]);
            }
            if rt.session.is_read_only() {
                return Err(crate::Error::ReadOnly(rt.session.root().to_owned()));
            }
            rt.importer.start(
                paths,
                ImportOptions {
                    keep_going: true,
                    ..Default::default()
                },
            );
            Ok(vec![done(ProjectDone::Importing(Some((0, 0))))])
        }
        ProjectOp::ListProjects => Ok(vec![done(ProjectDone::Projects(recent(
            rt.config.as_deref(),
        )))]),
        ProjectOp::Open(dir) => {
            if !dir.join(crate::project::MANIFEST).is_file() {
                return Err(crate::Error::Invalid(format!(
                    "{} is not a verbatim project (it has no {})",
                    dir.display(),
                    crate::project::MANIFEST
                )));
            }
            Ok(vec![done(ProjectDone::SwitchTo(dir))])
        }
        ProjectOp::Create(typed) => {
            let dir = super::source_ops::expand_path(&typed, rt.session.root());
            let language = if fr {
                crate::model::Language::Fr
            } else {
                crate::model::Language::En
            };
            crate::project::Project::init(&dir, None, language)?;
            Ok(vec![done(ProjectDone::SwitchTo(dir))])
        }
        ProjectOp::Check => Ok(vec![done(ProjectDone::Report(Box::new(check(rt, fr)?)))]),
        ProjectOp::Cases
        | ProjectOp::SetCase { .. }
        | ProjectOp::AddAttribute(_)
        | ProjectOp::RenameAttribute(..)
        | ProjectOp::RenameCase(..)
        | ProjectOp::DeleteAttribute(_) => super::cases_ops::run(rt, state, op),
    }
}

/// The folder's sub-folders, then the files the browser's purpose can use; hidden entries
/// (starting with a dot) left out.
pub fn list_dir(
    dir: &Path,
    purpose: FilesFor,
    marked: BTreeSet<PathBuf>,
) -> crate::Result<FileBrowser> {
    let read =
        std::fs::read_dir(dir).map_err(|e| crate::Error::io("could not read folder", dir, e))?;
    let mut entries = Vec::new();
    let mut hidden = 0;
    for e in read.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = e.path();
        if path.is_dir() {
            entries.push(FileEntry {
                is_project: path.join(crate::project::MANIFEST).is_file(),
                name,
                is_dir: true,
            });
        } else if purpose != FilesFor::OpenProject && importable(&path) {
            entries.push(FileEntry {
                name,
                is_dir: false,
                is_project: false,
            });
        } else {
            hidden += 1;
        }
    }
    entries.sort_by(|a, b| {
        b.is_dir
            .cmp(&a.is_dir)
            .then_with(|| crate::text::natural_cmp(&a.name, &b.name))
    });
    Ok(FileBrowser {
        purpose,
        dir: dir.to_owned(),
        entries,
        hidden,
        selected: 0,
        marked,
        filter: String::new(),
    })
}

/// Whether the file is of a kind `import` reads.
fn importable(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .is_some_and(|e| crate::import::EXTENSIONS.contains(&e.as_str()))
}

/// What the import worker reported: progress, or the files read — then written here, through
/// the session, the good ones imported and the others listed.
pub fn import_steps(rt: &mut Runtime, state: &AppState, block: bool) -> Vec<Msg> {
    let mut out = Vec::new();
    for step in rt.importer.poll(block) {
        match step {
            super::importer::Step::Progress(n, total) => {
                out.push(done(ProjectDone::Importing(Some((n, total)))));
            }
            super::importer::Step::Read(read) => {
                out.push(done(ProjectDone::Importing(None)));
                match read.and_then(|batch| write_batch(rt, state, batch)) {
                    Ok(mut msgs) => out.append(&mut msgs),
                    Err(e) => out.push(info(e.to_string())),
                }
            }
        }
    }
    out
}

fn write_batch(
    rt: &mut Runtime,
    state: &AppState,
    batch: PreparedBatch,
) -> crate::Result<Vec<Msg>> {
    let fr = state.ui.lang == Lang::Fr;
    let opts = ImportOptions {
        keep_going: true,
        ..Default::default()
    };
    let report = rt.session.import_batch(batch, &opts)?;
    let n = report.imported.len();
    let s = if n == 1 { "" } else { "s" };
    let mut items: Vec<ReportItem> = report
        .imported
        .iter()
        .map(|(label, path)| ReportItem {
            text: format!(
                "✓ {label}  ← {}",
                path.file_name().unwrap_or_default().to_string_lossy()
            ),
            jump: rt.session.source_id(label).ok().map(|id| (id, 0)),
        })
        .collect();
    for (label, note) in &report.notes {
        items.push(ReportItem {
            text: format!("⚠ {label}: {note}"),
            jump: rt.session.source_id(label).ok().map(|id| (id, 0)),
        });
    }
    for (path, reason) in &report.failed {
        // A file already imported: the report offers the TUI's replace, on that source.
        if let Some((_, label)) = report.already.iter().find(|(p, _)| p == path) {
            let file = path.file_name().unwrap_or_default().to_string_lossy();
            items.push(ReportItem {
                text: if fr {
                    format!(
                        "✗ {file} : déjà importé comme {label} — Entrée l'ouvre, puis R \
                         (panneau des sources) met cette version à sa place"
                    )
                } else {
                    format!(
                        "✗ {file}: already imported as {label} — Enter opens it, then R \
                         (sources pane) puts this version in its place"
                    )
                },
                jump: rt.session.source_id(label).ok().map(|id| (id, 0)),
            });
            continue;
        }
        items.push(ReportItem {
            text: format!("✗ {}: {reason}", path.display()),
            jump: None,
        });
    }
    if !report.skipped.is_empty() {
        items.push(ReportItem {
            text: if fr {
                format!(
                    "{} fichier(s) laissé(s) de côté (pas des transcriptions)",
                    report.skipped.len()
                )
            } else {
                format!(
                    "{} file(s) left aside (not transcripts)",
                    report.skipped.len()
                )
            },
            jump: None,
        });
    }
    let title = if fr {
        format!(
            "Import : {n} source{s} importée{s}, {} non importée(s)",
            report.failed.len()
        )
    } else {
        format!(
            "Import: {n} source{s} imported, {} not imported",
            report.failed.len()
        )
    };
    rt.restart_index();
    let mut out = vec![
        info(title.clone()),
        Msg::Done(Done::Indexing(true)),
        refreshed(&rt.session, state, None)?,
    ];
    if state.transcript.doc.is_none()
        && let Some(first) = report.imported.first()
        && let Ok(id) = rt.session.source_id(&first.0)
    {
        let doc = Box::new(super::snapshot::load_doc(&rt.session, id)?);
        out.push(Msg::Done(Done::Opened { doc, at: None }));
    }
    out.push(done(ProjectDone::Report(Box::new(Report {
        title,
        items,
        selected: 0,
    }))));
    Ok(out)
}

/// The recent projects that still exist, newest first.
pub fn recent(config: Option<&Path>) -> Vec<ProjectRow> {
    let Some(config) = config else {
        return vec![];
    };
    recent_paths(config)
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p.join(crate::project::MANIFEST)).ok()?;
            let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
            Some(ProjectRow {
                name: v.get("name")?.as_str()?.to_owned(),
                sources: v
                    .get("sources")
                    .and_then(|s| s.as_array())
                    .map_or(0, Vec::len),
                path: p,
            })
        })
        .collect()
}

/// The paths in the recent list, as written.
fn recent_paths(config: &Path) -> Vec<PathBuf> {
    std::fs::read(config.join("recent.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Puts a project first in the recent list (in `config`), keeping the list short and
/// dropping projects whose folder holds no manifest any more. Runs at every start, before
/// the first frame: the other projects' manifests are not read (only looked for), and an
/// unchanged list is not written again.
pub fn remember(config: &Path, project: &Path) -> crate::Result<()> {
    let project = std::fs::canonicalize(project).unwrap_or_else(|_| project.to_owned());
    let mut paths = recent_paths(config);
    paths.retain(|p| p != &project && p.join(crate::project::MANIFEST).is_file());
    paths.insert(0, project);
    paths.truncate(RECENT_MAX);
    let file = config.join("recent.json");
    let bytes = crate::store::to_json_bytes(&paths);
    if std::fs::read(&file).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    std::fs::create_dir_all(config).map_err(|e| crate::Error::io("could not create", config, e))?;
    crate::store::write_atomic(&file, &bytes)
}

/// `check` as a list: moved and orphaned codings (Enter goes to them), then every other
/// problem.
fn check(rt: &Runtime, fr: bool) -> crate::Result<Report> {
    use crate::limits::shown;
    let s = &rt.session;
    let report = s.check()?;
    let found = crate::repair::scan(s)?;
    let mut items = Vec::new();
    for m in &report.moved {
        items.push(ReportItem {
            text: format!(
                "{} {} {}..{} → {}..{} « {} »",
                if fr { "déplacé " } else { "moved   " },
                shown(&m.label),
                m.old_start.unwrap_or(0),
                m.old_end.unwrap_or(0),
                m.start,
                m.end,
                shown(&m.quote)
            ),
            jump: Some((m.source, m.start)),
        });
    }
    for (coder, source, c) in s.codings().all().filter(|(_, _, c)| c.is_orphaned()) {
        let label = s
            .project()
            .source(&source.to_string())
            .map(|m| m.label.clone())
            .unwrap_or_default();
        items.push(ReportItem {
            text: format!(
                "{} {} {}..{} « {} » ({coder})",
                if fr { "orphelin" } else { "orphaned" },
                shown(&label),
                c.start,
                c.end,
                shown(&c.quote)
            ),
            jump: Some((source, c.start)),
        });
    }
    let mut problems = report.problems.clone();
    for line in found.lines() {
        if !problems.contains(&line) {
            problems.push(line);
        }
    }
    for p in problems {
        items.push(ReportItem {
            text: format!("{} {}", if fr { "problème" } else { "problem " }, shown(&p)),
            jump: None,
        });
    }
    let n = items.len();
    let title = match (n, fr) {
        (0, false) => "Check: no problem found".to_owned(),
        (0, true) => "Vérification : aucun problème".to_owned(),
        (_, false) => format!("Check: {n} to look at (Enter goes to a coding)"),
        (_, true) => format!("Vérification : {n} à regarder (Entrée : aller au codage)"),
    };
    Ok(Report {
        title,
        items,
        selected: 0,
    })
}
