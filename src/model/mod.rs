//! Plain data of a project as it is stored: the manifest (`verbatim.json`) with its sources and
//! their speakers. No I/O here; `project` and `store` read and write these types.
//!
//! Invariants: field order in these structs is the key order on disk (serde keeps declaration
//! order), so files stay stable; ids are UUIDs and never change once given. Keys this build does
//! not know (written by a newer verbatim or another tool) are kept in each struct's `extra` and
//! written back after the known ones, in key order, so a rewrite never drops them.

mod convention;

pub use convention::Convention;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Keys of a stored JSON object that this build does not know, kept as they were read and written
/// back (after the known keys, in key order) so a rewrite never drops another version's data.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// The on-disk format number this build reads and writes.
pub const FORMAT: u32 = 1;

/// Language of a project's transcripts; picks the search analyser and export wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Fr,
    En,
}

impl std::str::FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "fr" => Ok(Self::Fr),
            "en" => Ok(Self::En),
            _ => Err(format!("unknown language '{s}' (expected fr or en)")),
        }
    }
}

/// What kind of text a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    #[default]
    Interview,
    FocusGroup,
    Document,
}

impl std::str::FromStr for SourceKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "interview" => Ok(Self::Interview),
            "focus_group" | "focus-group" => Ok(Self::FocusGroup),
            "document" => Ok(Self::Document),
            _ => Err(format!(
                "unknown kind '{s}' (expected interview, focus_group or document)"
            )),
        }
    }
}

/// The part a speaker plays in a transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Interviewer,
    #[default]
    Participant,
    Other,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Interviewer => "interviewer",
            Self::Participant => "participant",
            Self::Other => "other",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "interviewer" => Ok(Self::Interviewer),
            "participant" => Ok(Self::Participant),
            "other" => Ok(Self::Other),
            _ => Err(format!(
                "unknown role '{s}' (expected interviewer, participant or other)"
            )),
        }
    }
}

/// A speaker of a source. A focus-group participant may be a case of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    pub name: String,
    pub role: Role,
    #[serde(default)]
    pub case: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One imported transcript, as the manifest describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceMeta {
    pub id: crate::ids::SourceId,
    pub label: String,
    pub case: String,
    /// Path of the text, relative to the project folder (`sources/<id>.txt`).
    pub file: String,
    pub sha256: String,
    /// Size of the text file in bytes.
    pub size: u64,
    /// File name the text was imported from (never a full path: it may name a person's folder).
    pub imported_from: String,
    pub imported_at: String,
    #[serde(default)]
    pub kind: SourceKind,
    #[serde(default)]
    pub speakers: Vec<Speaker>,
    /// How the text writes its speaker turns; left out when it is `Name: text`.
    #[serde(default, skip_serializing_if = "Convention::is_colon")]
    pub convention: Convention,
    #[serde(flatten)]
    pub extra: Extra,
}

impl SourceMeta {
    pub fn speaker_names(&self) -> Vec<String> {
        self.speakers.iter().map(|s| s.name.clone()).collect()
    }
}

/// The project manifest, `verbatim.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub id: Uuid,
    pub name: String,
    #[serde(default)]
    pub language: Language,
    #[serde(default)]
    pub sources: Vec<SourceMeta>,
    #[serde(default)]
    pub settings: BTreeMap<String, serde_json::Value>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Manifest {
    pub fn new(name: &str, language: Language) -> Self {
        Self {
            format: FORMAT,
            id: Uuid::new_v4(),
            name: name.to_owned(),
            language,
            sources: Vec::new(),
            settings: BTreeMap::new(),
            extra: Default::default(),
        }
    }
}
