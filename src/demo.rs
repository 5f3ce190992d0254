//! The demo project: built once, in the user data folder, from the sample corpus and codebook
//! embedded in the binary, so `verbatim` run anywhere opens something real: coded by two
//! coders, with memos (`demo_coding`).
//!
//! Invariants: the demo is built in a temporary folder and renamed into place, so a half-built
//! demo is never opened; `--reset` refuses while another process holds the demo's lock.

use crate::codebook::Codebook;
use crate::config::Dirs;
use crate::error::{Error, Result};
use crate::import::{self, ImportOptions};
use crate::model::Language;
use crate::project::{CODEBOOK, MANIFEST, Project};
use crate::store::ProjectLock;
use std::path::{Path, PathBuf};

/// The sample transcripts, as shipped in `corpus/`.
pub const CORPUS: &[(&str, &[u8])] = &[
    ("E01.docx", include_bytes!("../corpus/E01.docx")),
    ("E02.txt", include_bytes!("../corpus/E02.txt")),
    ("E03.odt", include_bytes!("../corpus/E03.odt")),
    ("E04.txt", include_bytes!("../corpus/E04.txt")),
    ("E05.vtt", include_bytes!("../corpus/E05.vtt")),
    ("E06.md", include_bytes!("../corpus/E06.md")),
    ("E07.docx", include_bytes!("../corpus/E07.docx")),
    ("E08.txt", include_bytes!("../corpus/E08.txt")),
];

/// The cases of the sample corpus.
pub const CASES_CSV: &[u8] = include_bytes!("../corpus/cases.csv");

/// The a-priori codebook matching the sample's interview guide.
pub const CODEBOOK_TEMPLATE: &[u8] = include_bytes!("../codebooks/cpts-grille.json");

/// Where the demo project lives.
pub fn demo_dir(dirs: &Dirs) -> PathBuf {
    dirs.data.join("demo")
}

/// What the demo holds besides its texts, cases and codebook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Two coders' codings and memos (what a user gets).
    Coded,
    /// Nothing coded (tests that code from scratch).
    Uncoded,
}

/// Returns the demo project's folder, building it first if needed (or if `reset`), coded.
pub fn ensure_demo(dirs: &Dirs, reset: bool) -> Result<PathBuf> {
    ensure_demo_as(dirs, reset, Content::Coded)
}

/// Returns the demo project's folder, building it with `content` first if needed (or if
/// `reset`); an existing demo is returned as it is.
pub fn ensure_demo_as(dirs: &Dirs, reset: bool, content: Content) -> Result<PathBuf> {
    let dir = demo_dir(dirs);
    let exists = dir.join(MANIFEST).is_file();
    if exists && !reset {
        return Ok(dir);
    }
    std::fs::create_dir_all(&dirs.data)
        .map_err(|e| Error::io("could not create", &dirs.data, e))?;
    let build = dirs
        .data
        .join(format!(".demo-build-{}", std::process::id()));
    if build.exists() {
        std::fs::remove_dir_all(&build).map_err(|e| Error::io("could not clear", &build, e))?;
    }
    let built = build_into(&build, content);
    if let Err(e) = built {
        let _ = std::fs::remove_dir_all(&build);
        return Err(e);
    }
    if dir.exists() {
        let _guard = ProjectLock::acquire(&dir)?;
        let old = dirs.data.join(format!(".demo-old-{}", std::process::id()));
        std::fs::rename(&dir, &old).map_err(|e| Error::io("could not move aside", &dir, e))?;
        drop(_guard);
        let _ = std::fs::remove_dir_all(&old);
    }
    std::fs::rename(&build, &dir).map_err(|e| Error::io("could not create", &dir, e))?;
    Ok(dir)
}

fn build_into(dir: &Path, content: Content) -> Result<()> {
    let mut project = Project::init(dir, Some("CPTS-demo"), Language::Fr)?;
    let mut batch = Vec::new();
    for (name, bytes) in CORPUS {
        batch.push((PathBuf::from(name), import::prepare_bytes(name, bytes)?));
    }
    import::commit(&mut project, batch, &ImportOptions::default())?;
    project.import_cases_bytes(Path::new("cases.csv"), CASES_CSV)?;
    let codebook = Codebook::from_template(
        Path::new("cpts-grille.json"),
        CODEBOOK_TEMPLATE,
        project.manifest.id,
    )?;
    codebook.write(&dir.join(CODEBOOK))?;
    drop(project);
    match content {
        Content::Coded => crate::demo_coding::code_demo(dir),
        Content::Uncoded => Ok(()),
    }
}
