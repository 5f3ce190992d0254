//! How a source writes its speaker turns (the convention recorded per source in the manifest):
//! `Name: text` lines, header lines with the text below, bracketed codes, `INT.` abbreviations,
//! dialogue dashes, or a user's regular expression.
//!
//! Invariant: the convention only says where turns start in the stored text; the text itself is
//! never rewritten for it, so changing a source's convention never moves a coding.

use serde::{Deserialize, Serialize};

/// The shape of a source's speaker labels. Absent from the manifest means [`Convention::Colon`],
/// the shape every source had before conventions were recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Convention {
    /// `Name: text`, `[00:12:03] Name: text`, `Name (00:01:02): text`, `Q:` / `R:`.
    #[default]
    Colon,
    /// A line `Emma  0:00`, `Chercheur  (0:01 - 0:11)`, `[Chercheur] (0:01 - 0:11)` or
    /// `Speaker 2  00:12:03`, the spoken text on the following lines.
    Header,
    /// `[id1] text`: a bracketed code at the start of the line.
    Bracket,
    /// `INT. text` / `RÉP. text`: an abbreviation ending with a dot.
    Abbreviation,
    /// `Name: text` turns, then lines opening with a dialogue dash `— ` that alternate between
    /// the last two speakers.
    Dashes,
    /// A regular expression matched at the start of each line; its group `speaker` (else its
    /// first group, else the whole match without a final colon) is the speaker's name.
    Pattern(String),
}

impl Convention {
    /// A short name for lists and the TUI (`colon`, `header`, …, `pattern`).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Colon => "colon",
            Self::Header => "header",
            Self::Bracket => "bracket",
            Self::Abbreviation => "abbreviation",
            Self::Dashes => "dashes",
            Self::Pattern(_) => "pattern",
        }
    }

    /// An example of the shape, as a user would recognise it.
    pub fn example(&self) -> String {
        match self {
            Self::Colon => "Name: text".into(),
            Self::Header => "Name  0:00 (text below)".into(),
            Self::Bracket => "[id1] text".into(),
            Self::Abbreviation => "INT. text".into(),
            Self::Dashes => "Name: text, then — text".into(),
            Self::Pattern(p) => format!("/{p}/"),
        }
    }

    /// Whether this is the default (left out of the manifest).
    pub fn is_colon(&self) -> bool {
        *self == Self::Colon
    }
}
