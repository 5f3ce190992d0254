//! The plain data of the project-level features: the file browser (import, replace, open a
//! project folder), the projects list (recent, new, open), imports running with their
//! progress, and reports with places to jump to (an import's, `check`'s). No behaviour here
//! but small helpers on the browser's own data.
//!
//! Invariant: a leaf like `rows` — paths, strings and source ids only.

use crate::ids::SourceId;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// What the file browser chooses files for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilesFor {
    /// Transcripts to import (several may be marked; a folder imports all it holds).
    Import,
    /// The corrected file of a source.
    Replace(SourceId),
    /// A project folder to open.
    OpenProject,
}

/// An entry of a folder as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    pub name: String,
    pub is_dir: bool,
    /// A folder that is a verbatim project.
    pub is_project: bool,
}

/// The file browser: a folder's sub-folders and the files that can be imported, marks kept
/// across folders, narrowed by the words typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileBrowser {
    pub purpose: FilesFor,
    pub dir: PathBuf,
    pub entries: Vec<FileEntry>,
    /// Files of the folder left out (not a supported kind).
    pub hidden: usize,
    /// The cursor, among the entries shown.
    pub selected: usize,
    pub marked: BTreeSet<PathBuf>,
    /// The words typed: only the entries whose name holds each of them are shown (case and
    /// accents ignored).
    pub filter: String,
}

impl FileBrowser {
    /// The entries shown: those the filter lets through, in listing order.
    pub fn shown(&self) -> Vec<&FileEntry> {
        let words: Vec<String> = crate::text::fold_for_match(&self.filter)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        self.entries
            .iter()
            .filter(|e| {
                let name = crate::text::fold_for_match(&e.name);
                words.iter().all(|w| name.contains(w.as_str()))
            })
            .collect()
    }

    /// The path of the entry under the cursor.
    pub fn current(&self) -> Option<(PathBuf, &FileEntry)> {
        let e = *self.shown().get(self.selected)?;
        Some((self.dir.join(&e.name), e))
    }
}

/// A project in the projects list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectRow {
    pub path: PathBuf,
    pub name: String,
    pub sources: usize,
}

/// A line of a report; Enter on it jumps to its place (source and code point) when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportItem {
    pub text: String,
    pub jump: Option<(SourceId, usize)>,
}

/// A report shown in a popup: an import's outcome, the problems `check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub title: String,
    pub items: Vec<ReportItem>,
    pub selected: usize,
}

/// The cases table: one row per case, one column per attribute, a cell cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasesView {
    pub attributes: Vec<String>,
    /// Case id and its values, in attribute order (empty: no value).
    pub rows: Vec<(String, Vec<String>)>,
    pub row: usize,
    /// The attribute column under the cursor.
    pub col: usize,
    /// The cursor on the case id column (left of the attributes) instead.
    pub on_case: bool,
}

impl CasesView {
    /// The case and attribute under the cursor.
    pub fn cell(&self) -> Option<(&str, &str, &str)> {
        let (case, values) = self.rows.get(self.row)?;
        let attribute = self.attributes.get(self.col)?;
        Some((
            case,
            attribute,
            values.get(self.col).map_or("", String::as_str),
        ))
    }
}

/// Project-level work for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectOp {
    /// Open the file browser in the project's parent folder (the current folder when the
    /// project sits in a hidden folder).
    Browse(FilesFor),
    /// List a folder for the browser (keeping its purpose and marks).
    ListDir {
        dir: PathBuf,
        purpose: FilesFor,
        marked: BTreeSet<PathBuf>,
    },
    /// Import files and folders (read on a worker thread, progress shown, then saved).
    Import(Vec<PathBuf>),
    /// The recent projects, for the projects list.
    ListProjects,
    /// Open another project (the app restarts on it).
    Open(PathBuf),
    /// Create a project in a folder (a path as typed), then open it.
    Create(String),
    /// Check the project: moved and orphaned codings, stranded memos, problems with files.
    Check,
    /// Load the cases table.
    Cases,
    SetCase {
        case: String,
        attribute: String,
        value: String,
    },
    AddAttribute(String),
    RenameAttribute(String, String),
    /// A case id renamed (its sources and speakers follow).
    RenameCase(String, String),
    DeleteAttribute(String),
}

/// The runtime's answers about project-level work.
#[derive(Debug, Clone)]
pub enum ProjectDone {
    Listing(Box<FileBrowser>),
    /// An import's progress: (files read, all); `None` once it has stopped.
    Importing(Option<(usize, usize)>),
    Projects(Vec<ProjectRow>),
    /// Leave this project and open that one.
    SwitchTo(PathBuf),
    Report(Box<Report>),
    Cases(Box<CasesView>),
}
