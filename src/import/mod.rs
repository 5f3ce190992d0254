//! Importing transcripts into a project: .txt and .md (any common encoding), .docx, .odt, .rtf,
//! .html (noScribe's too), .srt, .vtt, Whisper/WhisperX .json and text PDFs; .doc, .qdpx and .qdc are
//! refused with what to do instead. Each file is read, decoded, converted to text, normalised (NFC, LF) and its speakers
//! detected; then the whole batch is written.
//!
//! Invariants: an import is all or nothing unless the caller asks to keep going, in which case
//! the report says exactly which files went in and which did not; a source's text file is
//! written before the manifest that names it, so a crash never leaves a manifest pointing at a
//! missing text; labels stay unique.

mod docx;
pub mod entities;
mod html;
mod odt;
mod pdf;
mod rtf;
mod subtitles;
pub mod table;
mod whisper;
mod write;

pub use crate::formats::{MAX_FILE_BYTES, read_input, sha256_hex};
pub use write::{
    ImportOptions, ImportReport, PreparedBatch, commit, commit_batch, import_paths, prepare_paths,
};

use crate::error::{Error, Result};
use crate::model::{Convention, Role, SourceKind, Speaker};
use crate::text::{self, natural_cmp, turns};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// File extensions we import, lowercase.
pub const EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "docx", "odt", "srt", "vtt", "rtf", "html", "htm", "json", "pdf",
];

/// Why a file of a known kind that is not a transcript is refused, and what to do instead.
fn refusal_hint(path: &Path) -> Option<String> {
    let shown = path.display();
    Some(match extension(path)?.as_str() {
        "doc" => "is an old Word .doc file, which verbatim cannot read: open it in Word or \
                  LibreOffice and save it as .docx, then import that"
            .to_owned(),
        "qdpx" => format!(
            "is a REFI-QDA project: make a verbatim project from it with \
             `verbatim import-qdpx {shown} DIR`"
        ),
        "qdc" => format!("is a REFI-QDA codebook: load it with `verbatim codebook import {shown}`"),
        "csv" | "tsv" | "xlsx" | "xlsm" | "xls" | "ods" => format!(
            "is a table: import survey answers with `verbatim import-table {shown} --id COL \
             --text COL`, or case attributes with `verbatim cases import {shown}`"
        ),
        _ => return None,
    })
}

/// A transcript read and converted, ready to be written into a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The file name it came from (no folder).
    pub file_name: String,
    /// The label it gets by default: the file name without extension.
    pub label: String,
    /// Normalised text (NFC, LF, no BOM).
    pub text: String,
    pub speakers: Vec<Speaker>,
    pub kind: SourceKind,
    /// How the text writes its speaker turns.
    pub convention: Convention,
    /// Why speaker detection is unsure, in one sentence, for the import report.
    pub note: Option<String>,
}

/// Files found under the paths given to `import`, and those passed over.
#[derive(Debug, Default)]
pub struct Collected {
    pub files: Vec<PathBuf>,
    /// Files in the folders that are not transcripts (with the reason).
    pub skipped: Vec<PathBuf>,
}

/// Expands files and folders (recursively, natural order; hidden entries ignored).
pub fn collect(paths: &[PathBuf]) -> Result<Collected> {
    let mut out = Collected::default();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| Error::io("could not open", path, e))?;
        if meta.is_dir() {
            collect_dir(path, &mut out)?;
        } else if is_supported(path) {
            out.files.push(path.clone());
        } else if let Some(hint) = refusal_hint(path) {
            return Err(Error::bad_input(path, hint));
        } else {
            return Err(Error::bad_input(
                path,
                format!(
                    "is not a format verbatim imports (expected one of .{})",
                    EXTENSIONS.join(", .")
                ),
            ));
        }
    }
    Ok(out)
}

fn collect_dir(dir: &Path, out: &mut Collected) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io("could not read folder", dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(['.', '~']))
        })
        .collect();
    entries.sort_by(|a, b| natural_cmp(&a.to_string_lossy(), &b.to_string_lossy()));
    for path in entries {
        if path.is_dir() {
            collect_dir(&path, out)?;
        } else if is_supported(&path) {
            out.files.push(path);
        } else {
            out.skipped.push(path);
        }
    }
    Ok(())
}

fn is_supported(path: &Path) -> bool {
    extension(path).is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_lowercase())
}

/// Reads and converts one file.
pub fn prepare_file(path: &Path) -> Result<Prepared> {
    prepare_file_with(path, None)
}

/// Reads and converts one file, its speakers found with `pattern` when one is given.
pub fn prepare_file_with(path: &Path, pattern: Option<&str>) -> Result<Prepared> {
    let bytes = read_input(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    prepare_named(path, &name, &bytes, pattern)
}

/// Converts the bytes of a file called `file_name` (used for embedded files too).
pub fn prepare_bytes(file_name: &str, bytes: &[u8]) -> Result<Prepared> {
    prepare_named(Path::new(file_name), file_name, bytes, None)
}

fn prepare_named(
    path: &Path,
    file_name: &str,
    bytes: &[u8],
    pattern: Option<&str>,
) -> Result<Prepared> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::bad_input(
            path,
            format!(
                "is over the {} MB limit for one file",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bad = |reason: String| Error::bad_input(path, reason);
    let ext = extension(path).unwrap_or_default();
    let (raw, subtitle_names) = match ext.as_str() {
        "docx" => (docx::extract(bytes).map_err(bad)?, None),
        "odt" => (odt::extract(bytes).map_err(bad)?, None),
        "srt" | "vtt" => {
            let decoded = text::normalize(&crate::formats::decode::decode_text_bytes(path, bytes)?);
            let converted = if ext == "srt" {
                subtitles::srt_to_text(&decoded)
            } else {
                subtitles::vtt_to_text(&decoded)
            };
            let (t, names) = converted.map_err(bad)?;
            (t, Some(names))
        }
        "rtf" => (rtf::to_text(bytes).map_err(bad)?, None),
        "pdf" => (pdf::to_text(bytes).map_err(bad)?, None),
        "html" | "htm" => {
            let decoded = crate::formats::decode::decode_text_bytes(path, bytes)?;
            (html::to_text(&decoded).map_err(bad)?, None)
        }
        "json" => {
            let decoded = crate::formats::decode::decode_text_bytes(path, bytes)?;
            let (t, names) = whisper::to_text(&decoded).map_err(bad)?;
            (t, Some(names))
        }
        "txt" => (
            entities::decode(&crate::formats::decode::decode_text_bytes(path, bytes)?),
            None,
        ),
        "md" | "markdown" => (
            crate::formats::decode::decode_text_bytes(path, bytes)?,
            None,
        ),
        _ if refusal_hint(path).is_some() => {
            return Err(bad(refusal_hint(path).unwrap_or_default()));
        }
        _ => {
            return Err(bad(format!(
                "is not a format verbatim imports (expected one of .{})",
                EXTENSIONS.join(", .")
            )));
        }
    };
    crate::limits::check_text_length(raw.len()).map_err(bad)?;
    let normalized = text::normalize(&raw);
    let body = normalized.trim_end().to_owned();
    if body.trim().is_empty() {
        return Err(bad("is empty: it holds no text to import".into()));
    }
    let detection = match (pattern, subtitle_names) {
        (Some(p), _) => turns::detect_with_pattern(&body, p).map_err(bad)?,
        (None, Some(names)) => turns::Detection {
            convention: Convention::Colon,
            speakers: turns::describe_speakers(&body, names),
            note: None,
        },
        (None, None) => turns::detect(&body),
    };
    let turns::Detection {
        convention,
        speakers: detected,
        note,
    } = detection;
    let participants = detected
        .iter()
        .filter(|s| s.role == Role::Participant)
        .count();
    let kind = match (detected.is_empty(), participants) {
        (true, _) => SourceKind::Document,
        (false, n) if n >= 3 => SourceKind::FocusGroup,
        _ => SourceKind::Interview,
    };
    let speakers = detected
        .into_iter()
        .map(|d| Speaker {
            name: d.name,
            role: d.role,
            case: None,
            extra: Default::default(),
        })
        .collect();
    let file_name: String = file_name.nfc().collect();
    let label = Path::new(&file_name)
        .file_stem()
        .map(|s| s.to_string_lossy().trim().to_owned())
        .unwrap_or_default();
    Ok(Prepared {
        file_name,
        label,
        text: body,
        speakers,
        kind,
        convention,
        note,
    })
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_conventions;
#[cfg(test)]
mod tests_formats;
