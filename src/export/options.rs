//! Export options: what the CLI flags and the TUI dialog set, in one plain struct that can be
//! saved per project (`.verbatim/export.json`) so the dialog remembers the last choices.
//!
//! Invariant: the defaults give the annex French theses expect — the whole tree, the verbatim then
//! the interview number, by source then position, interviewer turns kept.

use crate::error::{Error, Result};
use crate::ids::NodeId;
use crate::query::Filters;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// An output format of the annex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Docx,
    Odt,
    Md,
    Html,
    Csv,
    Xlsx,
    /// The whole project for other QDA programs (REFI-QDA).
    Qdpx,
    /// The codebook for other QDA programs (REFI-QDA).
    Qdc,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Format::Docx,
        Format::Odt,
        Format::Md,
        Format::Html,
        Format::Csv,
        Format::Xlsx,
        Format::Qdpx,
        Format::Qdc,
    ];

    /// Whether this format writes the annex (the others are REFI-QDA exchange files, for which
    /// the annex options mean nothing).
    pub fn is_annex(self) -> bool {
        !matches!(self, Format::Qdpx | Format::Qdc)
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Md => "md",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Qdpx => "qdpx",
            Format::Qdc => "qdc",
        }
    }

    /// The format a file name asks for, by extension.
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.extension() == ext || (ext == "markdown" && *f == Format::Md))
    }
}

impl FromStr for Format {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.extension() == s.to_ascii_lowercase())
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "--format '{s}' is not one of docx, odt, md, html, csv, xlsx, qdpx, qdc"
                ))
            })
    }
}

/// Automatic numbering of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Numbering {
    /// `1`, `1.1`… unless the node names already carry numbers (`II.A.1 - …`).
    #[default]
    Auto,
    None,
}

/// The order of verbatims under a node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// By source (natural label order) then position.
    #[default]
    Source,
    /// By a case attribute's value (natural order, missing values last), then source.
    Attribute(String),
    /// Longest first.
    Length,
}

impl FromStr for Order {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "source" => Ok(Order::Source),
            "length" => Ok(Order::Length),
            _ => match s.strip_prefix("attr:") {
                Some(a) if !a.trim().is_empty() => Ok(Order::Attribute(a.trim().to_owned())),
                _ => Err(Error::Invalid(format!(
                    "--order '{s}' is not one of source, length, attr:NAME"
                ))),
            },
        }
    }
}

/// The CSV dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum CsvPreset {
    /// `,` and no BOM.
    #[default]
    Standard,
    /// `;` and a UTF-8 BOM, as French Excel reads them.
    ExcelFr,
}

/// Everything an export can be asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Nodes to export, each with its subtree; empty for the whole tree.
    #[serde(skip)]
    pub nodes: Vec<NodeId>,
    /// Levels of the tree shown; deeper nodes' verbatims go under their shown ancestor.
    pub depth: Option<usize>,
    pub skip_empty: bool,
    #[serde(skip)]
    pub filters: Filters,
    /// Counts (verbatims, interviews) in the tree and headings.
    pub counts: bool,
    pub numbering: Numbering,
    /// A code dictionary section with each node's description.
    pub descriptions: bool,
    /// The citation template; `None` for the language's default.
    pub citation: Option<String>,
    pub order: Order,
    /// Descendants' verbatims also under each ancestor.
    pub rollup: bool,
    /// Join codings of a node separated only by white space into one verbatim (by default one
    /// coding, once overlapping or touching ones are united, is one verbatim, as NVivo's
    /// references are).
    pub join_adjacent: bool,
    /// Node memos under their heading, coding memos under their verbatim (and a CSV/XLSX
    /// column).
    pub memos: bool,
    /// Cut verbatims longer than this many characters, with `[…]`.
    pub max_chars: Option<usize>,
    /// Words of context before and after each verbatim.
    pub context: usize,
    /// Keep the interviewer's turns inside a verbatim.
    pub keep_interviewer: bool,
    /// Add the annex of full transcripts with numbered turns.
    pub transcripts: bool,
    pub title: Option<String>,
    pub csv: CsvPreset,
    /// Leave the originals in, although the project has a pseudonymisation key (the leak check
    /// then refuses to write unless `allow_leaks`).
    #[serde(skip)]
    pub keep_names: bool,
    /// Write even when the output holds an original of the key.
    #[serde(skip)]
    pub allow_leaks: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            nodes: Vec::new(),
            depth: None,
            skip_empty: false,
            filters: Filters::default(),
            counts: true,
            numbering: Numbering::Auto,
            descriptions: false,
            citation: None,
            order: Order::Source,
            rollup: false,
            join_adjacent: false,
            memos: false,
            max_chars: None,
            context: 0,
            keep_interviewer: true,
            transcripts: false,
            title: None,
            csv: CsvPreset::Standard,
            keep_names: false,
            allow_leaks: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_orders_parse_with_clear_errors() {
        assert_eq!("DOCX".parse::<Format>().unwrap(), Format::Docx);
        assert_eq!(
            Format::from_path(std::path::Path::new("annexe.Markdown")),
            Some(Format::Md)
        );
        assert!(
            "pdf"
                .parse::<Format>()
                .unwrap_err()
                .to_string()
                .contains("--format 'pdf'")
        );
        assert_eq!(
            "attr:Profession".parse::<Order>().unwrap(),
            Order::Attribute("Profession".into())
        );
        assert!("attr:".parse::<Order>().is_err());
    }
}
