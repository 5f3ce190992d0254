//! The items an annex is made of: a [`Verbatim`] (one united stretch of codings, ready to print
//! with its citation) and a [`Transcript`] (one source's numbered units for the transcripts
//! annex). Plain data shared by [`super::annex`], which orders them into sections, and
//! [`super::collect`], which fills them from the query layer's selection; it depends on neither,
//! so the two do not depend on each other both ways.
//!
//! Invariants: every string is plain text (writers escape it); offsets are code points; turn
//! numbers count from 1 as in the transcripts annex.

/// One verbatim, ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verbatim {
    /// The source it is from (counts of interviews go by it, not by the printed label).
    pub source: crate::ids::SourceId,
    pub label: String,
    pub case: String,
    pub speaker: Option<String>,
    pub start: usize,
    pub end: usize,
    /// The verbatim text (interviewer turns dropped and length cut when asked).
    pub text: String,
    /// The rendered citation (the template with `{text}` filled in).
    pub citation: String,
    /// Words of context before and after, empty unless asked.
    pub before: String,
    pub after: String,
    /// Values of [`super::Annex::attributes`], in the same order ("" when missing).
    pub attributes: Vec<String>,
    /// Number of the unit (turn) where the verbatim starts, from 1, as in the transcripts annex.
    pub turn: usize,
    pub time: Option<String>,
    /// The coders whose codings make the verbatim, in name order.
    pub coders: Vec<String>,
    /// Memos of those codings (texts), when memos are asked for.
    pub memos: Vec<String>,
}

/// One transcript in the transcripts annex: its units, numbered from 1.
#[derive(Debug, Clone)]
pub struct Transcript {
    pub label: String,
    pub case: String,
    /// `Attribute: value` pairs of the source's case.
    pub attributes: Vec<(String, String)>,
    pub anchor: String,
    /// (turn number, speaker label if any, spoken text).
    pub turns: Vec<(usize, Option<String>, String)>,
}

impl Transcript {
    /// `Profession : Infirmière libérale · Sexe : F`, the line under a transcript's heading.
    pub fn attributes_line(&self) -> String {
        self.attributes
            .iter()
            .map(|(k, v)| format!("{k} : {v}"))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}
