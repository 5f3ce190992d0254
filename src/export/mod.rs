//! Exports: the thesis annex "verbatims per category" in DOCX, ODT, Markdown, HTML, CSV and XLSX.
//! One model ([`annex::Annex`], built once by [`annex::build`]) and one writer per format, each a
//! function from the annex to the file's bytes; [`write()`] stores them atomically, after the
//! leak check (Markdown, HTML and the body of a DOCX or ODT piece by piece on another core as
//! they are written, the other parts of a DOCX or ODT as they go into its archive), while
//! another core frees the annex (and zips a DOCX or ODT on the way to the file). The exchange
//! formats (`.qdpx`, `.qdc`) are written by [`crate::refi::exchange`], which [`write()`] hands them to.
//!
//! Invariants: the same project and options give byte-identical files (no time stamps, stable
//! order, fixed zip dates); writers escape what their format needs (HTML, XML, Markdown) and
//! neutralise spreadsheet cells starting with `= + - @`; nothing is written when an option is
//! refused or a writer fails.

pub mod annex;
mod citation;
mod citation_setup;
mod collect;
mod docx;
mod html;
mod items;
mod markdown;
mod names;
mod odt;
pub mod options;
mod parts;
pub mod passages_annex;
mod pieces;
mod pseudonyms;
pub(crate) mod table;
mod xlsx;

pub use annex::{Annex, Section, Verbatim, build};
pub use citation::{Citation, default_template};
pub use collect::cut;
pub use options::{CsvPreset, Format, Numbering, Options, Order};

use crate::error::Result;
use crate::session::Session;
use crate::store;
use std::path::Path;

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub sections: usize,
    pub verbatims: usize,
    pub bytes: usize,
    pub warnings: Vec<String>,
}

/// Progress of a long export: (sections written, all sections).
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize);

/// The bytes of the annex in `format`; warnings the writer found are added to the annex's.
pub fn render(annex: &mut Annex, format: Format, progress: Progress) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Qdpx | Format::Qdc => {
            return Err(crate::Error::Invalid(format!(
                "{} is an exchange format, not an annex: it is written from the project",
                format.extension()
            )));
        }
        Format::Md => pieces::at_once(|put| markdown::write(annex, progress, usize::MAX, put)),
        Format::Html => pieces::at_once(|put| html::write(annex, progress, usize::MAX, put)),
        Format::Csv => table::csv(annex, progress)?,
        Format::Xlsx => xlsx::write(annex, progress)?,
        Format::Docx | Format::Odt => {
            let office = Office::of(format);
            let body = pieces::at_once(|put| (office.write)(annex, progress, usize::MAX, put));
            parts::zip(&(office.parts_around)(annex, body))?
        }
    })
}

/// Builds the annex of `session` and writes it to `path` atomically.
pub fn write(
    session: &Session,
    options: &Options,
    format: Format,
    path: &Path,
    progress: Progress,
) -> Result<Report> {
    if !format.is_annex() {
        return write_exchange_with(session, format, path, options);
    }
    let mut annex = build(session, options)?;
    let rendered = Rendered::of(&mut annex, format, progress)?;
    let mut report = Report::of(&annex);
    // The annex, laid out, is freed on another core while the bytes are checked and stored.
    let (stored, ()) = rayon::join(|| rendered.check_and_store(path), move || drop(annex));
    report.bytes = stored?;
    Ok(report)
}

/// Writes the project (`.qdpx`) or its codebook (`.qdc`) for other QDA programs (see
/// [`crate::refi::exchange`]).
pub fn write_exchange(session: &Session, format: Format, path: &Path) -> Result<Report> {
    write_exchange_with(session, format, path, &Options::default())
}

/// [`write_exchange`], with the key options of `options` (`keep_names`, `allow_leaks`).
pub fn write_exchange_with(
    session: &Session,
    format: Format,
    path: &Path,
    options: &Options,
) -> Result<Report> {
    let what = match format {
        Format::Qdc => crate::refi::exchange::Exchange::Codebook,
        _ => crate::refi::exchange::Exchange::Project,
    };
    let w =
        crate::refi::exchange::write(session, what, path, options.keep_names, options.allow_leaks)?;
    Ok(Report {
        sections: w.codes,
        verbatims: w.codings,
        bytes: w.bytes,
        warnings: w.warnings,
    })
}

/// Writes an annex already built (the TUI builds it on its thread and writes on a worker).
pub fn write_annex(
    annex: &mut Annex,
    format: Format,
    path: &Path,
    progress: Progress,
) -> Result<Report> {
    let rendered = Rendered::of(annex, format, progress)?;
    let mut report = Report::of(annex);
    report.bytes = rendered.check_and_store(path)?;
    Ok(report)
}

impl Report {
    /// What writing `annex` reports, but the bytes written.
    fn of(annex: &Annex) -> Self {
        Self {
            sections: annex.sections.len(),
            verbatims: annex.verbatim_count(),
            bytes: 0,
            warnings: annex.warnings.clone(),
        }
    }
}

/// An annex laid out, not yet checked for leaks nor stored.
enum Rendered {
    /// The file's bytes, and the key they must not hold (none without a key or with
    /// `--allow-leaks`).
    Bytes(Vec<u8>, Option<crate::anonymise::Matcher>),
    /// A Markdown or HTML file already checked, piece by piece as it was written: its bytes and
    /// the leaks found.
    Scanned(Vec<u8>, Vec<crate::anonymise::Leak>),
    /// A DOCX or ODT: its parts, zipped when stored; with a key to check against, its body
    /// part's leaks (found piece by piece as it was written) and the key for the other parts,
    /// checked as they go into the archive (no inflating).
    Parts(Vec<parts::Part>, Option<(crate::anonymise::Matcher, Body)>),
}

/// The body part of a DOCX or ODT, checked as it was written: its name and its leaks.
type Body = (&'static str, Vec<crate::anonymise::Leak>);

/// How a DOCX or ODT is made: its body part (the annex itself, written in pieces) and the
/// parts around it.
struct Office {
    /// The body part's name.
    body: &'static str,
    /// Writes the body, handing it on in pieces of about the size given.
    write: fn(&Annex, Progress, usize, &mut dyn FnMut(String)),
    /// Every part, the body's bytes given.
    parts_around: fn(&Annex, Vec<u8>) -> Vec<parts::Part>,
}

impl Office {
    fn of(format: Format) -> Self {
        match format {
            Format::Odt => Self {
                body: odt::BODY,
                write: odt::content,
                parts_around: odt::parts_around,
            },
            _ => Self {
                body: docx::BODY,
                write: docx::document,
                parts_around: docx::parts_around,
            },
        }
    }
}

impl Rendered {
    fn of(annex: &mut Annex, format: Format, progress: Progress) -> Result<Self> {
        let check = annex.key.clone().filter(|_| !annex.allow_leaks);
        Ok(match (format, check) {
            (Format::Docx | Format::Odt, check) => {
                let office = Office::of(format);
                let annex: &Annex = annex;
                let (body, checked) = match check {
                    Some(key) => {
                        let size = annex.verbatim_count() * 600;
                        let (body, leaks) =
                            pieces::scanned_while_written(&key, Some(office.body), size, |put| {
                                (office.write)(annex, progress, pieces::PIECE, put)
                            });
                        (body, Some((key, (office.body, leaks))))
                    }
                    None => (
                        pieces::at_once(|put| (office.write)(annex, progress, usize::MAX, put)),
                        None,
                    ),
                };
                Self::Parts((office.parts_around)(annex, body), checked)
            }
            (Format::Md, Some(key)) => {
                let size = annex.verbatim_count() * 400;
                let (bytes, leaks) = pieces::scanned_while_written(&key, None, size, |put| {
                    markdown::write(annex, progress, pieces::PIECE, put);
                });
                Self::Scanned(bytes, leaks)
            }
            (Format::Html, Some(key)) => {
                let size = annex.verbatim_count() * 450;
                let (bytes, leaks) = pieces::scanned_while_written(&key, None, size, |put| {
                    html::write(annex, progress, pieces::PIECE, put);
                });
                Self::Scanned(bytes, leaks)
            }
            (_, check) => Self::Bytes(render(annex, format, progress)?, check),
        })
    }

    /// The leak check, then the file written atomically; how many bytes it holds.
    fn check_and_store(self, path: &Path) -> Result<usize> {
        let bytes = match self {
            Self::Parts(parts, checked) => {
                if let Some((key, (body, body_leaks))) = checked {
                    let others = parts
                        .iter()
                        .filter(|p| p.name != body)
                        .map(|p| (p.name, p.bytes.as_slice()));
                    let mut leaks = crate::anonymise::leaks::scan_entries(&key, others);
                    leaks.extend(body_leaks);
                    crate::anonymise::leaks::refuse_found(&leaks, path)?;
                }
                parts::zip(&parts)?
            }
            Self::Scanned(bytes, leaks) => {
                crate::anonymise::leaks::refuse_found(&leaks, path)?;
                bytes
            }
            Self::Bytes(bytes, check) => {
                if let Some(key) = check {
                    crate::anonymise::leaks::refuse(&key, &bytes, path)?;
                }
                bytes
            }
        };
        store::write_atomic(path, &bytes)?;
        Ok(bytes.len())
    }
}

/// Where the TUI keeps the last export choices of a project (a cache, never versioned).
pub fn choices_path(root: &Path) -> std::path::PathBuf {
    crate::paths::export_choices(root)
}
