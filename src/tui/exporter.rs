//! Exports from the TUI: opening the dialog with the project's last choices, building the annex
//! on the UI thread (it is quick: one pass over the codings), then writing the file on a worker
//! thread that reports progress, so a long DOCX never freezes the screen.
//!
//! Invariants: one export at a time; the choices are saved (a cache under `.verbatim/`) when an
//! export starts; an error becomes a message and writes nothing (files are written atomically).

use super::export_form::ExportChoices;
use super::msg::{Done, ExportDialog};
use crate::export::{self, Annex, Format, Report};
use crate::ids::NodeId;
use crate::session::Session;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Reads the last choices of a project (defaults when none or unreadable).
pub fn load_choices(root: &Path) -> ExportChoices {
    std::fs::read(export::choices_path(root))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// What the dialog opens with: the last choices, the case attributes and the selected node.
pub fn dialog(session: &Session, selected: Option<NodeId>) -> ExportDialog {
    let mut choices = load_choices(session.root());
    if choices.options.citation.is_none() {
        choices.options.citation =
            Some(export::default_template(session.project().manifest.language).to_owned());
    }
    let node = selected.and_then(|id| session.codebook().path_of(id).map(|p| (id, p)));
    if node.is_none() {
        choices.selected_node_only = false;
    }
    ExportDialog {
        choices,
        attributes: session.project().cases.attributes.clone(),
        node,
    }
}

/// The output file of the choices: `~` is the home folder; a relative name goes in the
/// project's parent folder (or the current folder when the project is in a hidden folder,
/// as the sample is), never inside the project's data. Its folder must exist.
fn target(session: &Session, choices: &ExportChoices) -> crate::Result<PathBuf> {
    let name = choices.file.trim();
    if name.is_empty() {
        return Err(crate::Error::Invalid("the export needs a file name".into()));
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let path = match (name.strip_prefix('~'), &home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ if Path::new(name).is_absolute() => PathBuf::from(name),
        _ => default_folder(session.root()).join(name),
    };
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => Err(crate::Error::Invalid(
            format!("the folder {} does not exist", dir.display()),
        )),
        _ => Ok(path),
    }
}

/// Where a relative export name goes: the project's parent, unless that is a hidden folder
/// of the home folder (the sample's data folder, say).
pub fn default_folder(root: &Path) -> PathBuf {
    let parent = root.parent().unwrap_or(root);
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let below_home = home.as_deref().and_then(|h| parent.strip_prefix(h).ok());
    let hidden = below_home.is_some_and(|p| {
        p.components().any(|c| {
            c.as_os_str()
                .to_str()
                .is_some_and(|s| s.starts_with('.') && s.len() > 1 && s != "..")
        })
    });
    if hidden {
        std::env::current_dir().unwrap_or_else(|_| parent.to_owned())
    } else {
        parent.to_owned()
    }
}

/// Remembers the choices for the next dialog (once the export has worked).
fn remember(root: &Path, choices: &ExportChoices) -> crate::Result<()> {
    crate::store::write_cache(
        &export::choices_path(root),
        &crate::store::to_json_bytes(choices),
    )
}

/// Writes a REFI-QDA exchange file (quick: no annex to lay out) and says what was written.
pub fn write_exchange(
    session: &Session,
    french: bool,
    choices: &ExportChoices,
) -> crate::Result<String> {
    let path = target(session, choices)?;
    let r = export::write_exchange(session, choices.format, &path)?;
    remember(session.root(), choices)?;
    let name = path.display().to_string();
    let (n, c) = (r.sections, r.verbatims);
    let s = |k: usize| if k == 1 { "" } else { "s" };
    let mut m = match (french, choices.format) {
        (true, Format::Qdc) => format!("exporté : {name} ({n} code{})", s(n)),
        (false, Format::Qdc) => format!("exported {name} ({n} node{})", s(n)),
        (true, _) => format!("exporté : {name} ({n} code{}, {c} codage{})", s(n), s(c)),
        (false, _) => format!("exported {name} ({n} node{}, {c} coding{})", s(n), s(c)),
    };
    if let Some(w) = r.warnings.first() {
        m.push_str(&format!(" — {w}"));
    }
    Ok(m)
}

/// Builds the annex the choices ask for and saves the choices; returns the annex and the file.
pub fn prepare(
    session: &Session,
    choices: &ExportChoices,
    node: Option<NodeId>,
) -> crate::Result<(Annex, PathBuf)> {
    let mut options = choices.options.clone();
    options.nodes = match (choices.selected_node_only, node) {
        (true, Some(id)) => vec![id],
        _ => vec![],
    };
    options.filters = super::snapshot::parse_filter(session, &choices.filter)?;
    if options
        .citation
        .as_deref()
        .is_some_and(|c| c.trim().is_empty())
    {
        options.citation = None;
    }
    let path = target(session, choices)?;
    let annex = export::build(session, &options)?;
    Ok((annex, path))
}

enum Update {
    Progress(usize, usize),
    Done(Result<Report, String>),
}

/// The export running on a worker thread, if any.
#[derive(Default)]
pub struct Exporter {
    job: Option<(Receiver<Update>, PathBuf)>,
    /// The choices to remember once the export has worked: project folder and choices.
    pending: Option<(PathBuf, ExportChoices)>,
}

impl Exporter {
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// Starts writing `annex` to `path` on a worker thread.
    /// Starts writing `annex` to `path` on a worker thread; `remember` is saved when it works.
    pub fn start_remembering(
        &mut self,
        annex: Annex,
        format: Format,
        path: PathBuf,
        remember: (PathBuf, ExportChoices),
    ) {
        self.pending = Some(remember);
        self.start(annex, format, path);
    }

    pub fn start(&mut self, mut annex: Annex, format: Format, path: PathBuf) {
        let (tx, rx) = channel();
        let to = path.clone();
        std::thread::spawn(move || {
            let progress_tx = tx.clone();
            let mut progress = |done: usize, total: usize| {
                let _ = progress_tx.send(Update::Progress(done, total));
            };
            let result = export::write_annex(&mut annex, format, &to, &mut progress)
                .map_err(|e| e.to_string());
            let _ = tx.send(Update::Done(result));
        });
        self.job = Some((rx, path));
    }

    /// What the worker reported since the last call (waiting for the end when `block`).
    pub fn poll(&mut self, french: bool, block: bool) -> Vec<Done> {
        let Some((rx, path)) = &self.job else {
            return vec![];
        };
        let mut out = Vec::new();
        loop {
            let update = if block {
                rx.recv().map_err(|_| TryRecvError::Disconnected)
            } else {
                rx.try_recv()
            };
            match update {
                Ok(Update::Progress(done, total)) => {
                    out.push(Done::Exporting(Some((done, total))));
                }
                Ok(Update::Done(result)) => {
                    out.push(Done::Exporting(None));
                    let pending = self.pending.take();
                    out.push(Done::Info(match result {
                        Ok(r) => match pending.map(|(root, c)| remember(&root, &c)) {
                            Some(Err(e)) => e.to_string(),
                            _ => done_message(french, path, &r),
                        },
                        Err(e) => e,
                    }));
                    self.job = None;
                    return out;
                }
                Err(TryRecvError::Empty) => return out,
                Err(TryRecvError::Disconnected) => {
                    out.push(Done::Exporting(None));
                    out.push(Done::Info("the export stopped".into()));
                    self.job = None;
                    return out;
                }
            }
        }
    }
}

fn done_message(french: bool, path: &Path, r: &Report) -> String {
    let name = path.display();
    let (n, v) = (r.sections, r.verbatims);
    let s = |k: usize| if k == 1 { "" } else { "s" };
    let mut m = if french {
        format!("exporté : {name} ({n} code{}, {v} verbatim{})", s(n), s(v))
    } else {
        format!("exported {name} ({n} node{}, {v} verbatim{})", s(n), s(v))
    };
    if let Some(w) = r.warnings.first() {
        m.push_str(&format!(" — {w}"));
    }
    m
}
