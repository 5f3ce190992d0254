//! The plain data of the source features (rename, delete, replace, speakers and their roles):
//! the work `update` asks of the runtime ([`SourceOp`]), the runtime's answers
//! ([`SourceDone`]) and the speakers popup ([`SpeakersView`]). No behaviour here.
//!
//! Invariant: a leaf like `rows` — it names only the core's plain types and source ids.

use crate::ids::SourceId;
use crate::model::Role;

/// Work on a source, for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceOp {
    Rename(SourceId, String),
    /// Gather what deleting the source would remove, then ask.
    PlanDelete(SourceId),
    Delete(SourceId),
    /// Replace the text by a file's (a path as typed: `~` is the home folder).
    Replace(SourceId, String),
    /// Load the speakers popup.
    Speakers(SourceId),
    /// Detect the speakers again (with a pattern when given) and show the preview.
    Redetect(SourceId, Option<String>),
    /// Save the previewed detection.
    ApplyDetection(SourceId, Option<String>),
    SetSpeaker {
        source: SourceId,
        name: String,
        role: Role,
        case: Option<String>,
    },
}

/// The runtime's answers about sources.
#[derive(Debug, Clone)]
pub enum SourceDone {
    /// Ask before deleting: the question, in words.
    DeletePlanned(SourceId, String),
    /// The open source is gone (deleted): close it.
    Gone(SourceId),
    /// The speakers popup, loaded or reloaded.
    Speakers(Box<SpeakersView>),
}

/// A speaker of a source as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerRow {
    pub name: String,
    pub role: Role,
    pub case: Option<String>,
    pub turns: usize,
}

/// The speakers popup: the convention detected, the speakers with their roles and cases, and,
/// after a re-detection, what it would change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakersView {
    pub source: SourceId,
    pub label: String,
    /// The convention's name and an example of it.
    pub convention: (String, String),
    pub speakers: Vec<SpeakerRow>,
    pub selected: usize,
    /// A re-detection waiting to be saved or dropped.
    pub preview: Option<DetectionPreview>,
}

/// What a re-detection found, before it is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DetectionPreview {
    pub pattern: Option<String>,
    pub convention: (String, String),
    pub note: Option<String>,
    pub speakers: Vec<SpeakerRow>,
    /// The first turns as they would be cut: speaker and opening words.
    pub first_turns: Vec<(Option<String>, String)>,
    pub changed: bool,
}
