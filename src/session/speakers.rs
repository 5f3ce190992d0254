//! Re-detecting a source's speakers in place (`verbatim speakers detect`, the TUI's re-detect):
//! the convention and speakers are found again, with the user's pattern when given, and shown
//! as a preview of the first turns before anything is saved.
//!
//! Invariants: the text is never changed, so every coding stays on its words; a speaker kept
//! under the same name keeps the role and case the user gave it; a dry run writes nothing.

use super::Session;
use crate::error::{Error, Result};
use crate::ids::SourceId;
use crate::model::{Convention, Role, SourceKind, Speaker};
use crate::text::turns::{self, Detection};
use serde::Serialize;

/// How many turns a preview shows.
const PREVIEW_TURNS: usize = 6;
/// How many characters of each turn a preview shows.
const PREVIEW_CHARS: usize = 70;

/// What re-detection finds for one source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpeakerPreview {
    pub source: SourceId,
    pub label: String,
    /// The convention's short name (`colon`, `header`, …) and an example of it.
    pub convention: String,
    pub example: String,
    /// Why detection is unsure, in one sentence.
    pub note: Option<String>,
    pub speakers: Vec<PreviewSpeaker>,
    /// The first turns as they would be cut: speaker (if any), code-point start, opening words.
    pub first_turns: Vec<PreviewTurn>,
    /// Whether the result differs from what the source has now.
    pub changed: bool,
    #[serde(skip)]
    detection: Detection,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewSpeaker {
    pub name: String,
    pub role: Role,
    pub turns: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewTurn {
    pub speaker: Option<String>,
    pub start: usize,
    pub text: String,
}

impl Session {
    /// Detects a source's convention and speakers again (with `pattern` when given) without
    /// saving anything.
    pub fn preview_speakers(&self, source: &str, pattern: Option<&str>) -> Result<SpeakerPreview> {
        let meta = self.project.source(source)?;
        let text = self.text(meta.id)?;
        let detection = match pattern {
            Some(p) => turns::detect_with_pattern(&text.text, p)
                .map_err(|e| Error::Invalid(format!("{}: {e}", meta.label)))?,
            None => turns::detect(&text.text),
        };
        let mut speakers = merged_speakers(&meta.speakers, &detection, meta.kind, &meta.label);
        let names: Vec<String> = speakers.iter().map(|s| s.name.clone()).collect();
        let units = turns::split_units_as(&text.text, &names, &detection.convention);
        let first_turns = units
            .iter()
            .filter(|u| u.speaker.is_some() || names.is_empty())
            .take(PREVIEW_TURNS)
            .map(|u| {
                let body = &text.text[u.body_start..u.end];
                let mut words: String = body.chars().take(PREVIEW_CHARS).collect();
                if body.chars().count() > PREVIEW_CHARS {
                    words.push('…');
                }
                PreviewTurn {
                    speaker: u.speaker.map(|i| names[i].clone()),
                    start: text.index.cp_of(u.start).unwrap_or(0),
                    text: words.replace('\n', " "),
                }
            })
            .collect();
        let changed = meta.convention != detection.convention || meta.speakers != speakers;
        let counts: Vec<usize> = names
            .iter()
            .map(|n| {
                detection
                    .speakers
                    .iter()
                    .find(|d| &d.name == n)
                    .map_or(0, |d| d.turns)
            })
            .collect();
        Ok(SpeakerPreview {
            source: meta.id,
            label: meta.label.clone(),
            convention: detection.convention.name().to_owned(),
            example: detection.convention.example(),
            note: detection.note.clone(),
            speakers: speakers
                .drain(..)
                .zip(counts)
                .map(|(s, turns)| PreviewSpeaker {
                    name: s.name,
                    role: s.role,
                    turns,
                })
                .collect(),
            first_turns,
            changed,
            detection,
        })
    }

    /// Saves what [`Session::preview_speakers`] found: the source's convention and speakers, as
    /// one undoable step. The text and the codings are left as they are.
    pub fn apply_speakers(&mut self, preview: &SpeakerPreview) -> Result<()> {
        let id = preview.source;
        self.meta_step("speakers.detect", |project| {
            let meta = project
                .manifest
                .sources
                .iter()
                .find(|s| s.id == id)
                .ok_or_else(|| Error::Invalid(format!("no source with id {id}")))?;
            let speakers =
                merged_speakers(&meta.speakers, &preview.detection, meta.kind, &meta.label);
            let meta = project.source_by_id_mut(id);
            meta.speakers = speakers;
            meta.convention = preview.detection.convention.clone();
            Ok(vec![id.to_string()])
        })
    }
}

/// The detected speakers, keeping the role and case the user gave to a speaker of the same name;
/// a new participant of an interview is its source's case, as at import.
pub(super) fn merged_speakers(
    old: &[Speaker],
    detection: &Detection,
    kind: SourceKind,
    label: &str,
) -> Vec<Speaker> {
    detection
        .speakers
        .iter()
        .map(|d| match old.iter().find(|s| s.name == d.name) {
            Some(s) => s.clone(),
            None => Speaker {
                name: d.name.clone(),
                role: d.role,
                case: (kind == SourceKind::Interview && d.role == Role::Participant)
                    .then(|| label.to_owned()),
                extra: Default::default(),
            },
        })
        .collect()
}

impl SpeakerPreview {
    /// The convention found.
    pub fn convention(&self) -> &Convention {
        &self.detection.convention
    }
}

#[cfg(test)]
mod tests {
    use crate::session::Session;
    use crate::text::CharRange;

    fn project_with(text: &str) -> (tempfile::TempDir, Session) {
        let dir = tempfile::tempdir().unwrap();
        crate::Project::init(dir.path(), Some("t"), crate::model::Language::Fr).unwrap();
        let file = dir.path().join("E1.txt");
        std::fs::write(&file, text).unwrap();
        let mut project = crate::Project::open_writer(dir.path()).unwrap();
        crate::import::import_paths(&mut project, &[file], &Default::default(), &|_, _| {})
            .unwrap();
        drop(project);
        let session = Session::open_writer(dir.path()).unwrap();
        (dir, session)
    }

    /// Codes every unit's first word and checks after `f` that each coding still covers it.
    fn codings_keep_their_words(session: &mut Session, f: impl FnOnce(&mut Session)) {
        let id = session.source_id("E1").unwrap();
        let node = session.add_node("Thème").unwrap();
        let text = session.text(id).unwrap();
        let mut quotes = Vec::new();
        for (start, end) in [(0usize, 5usize), (12, 30), (40, 47)] {
            let coder = session.coder().to_owned();
            session
                .code(&coder, id, CharRange::new(start, end), node)
                .unwrap();
            quotes.push(
                text.text
                    .chars()
                    .skip(start)
                    .take(end - start)
                    .collect::<String>(),
            );
        }
        f(session);
        let list = session.codings.list(session.coder(), id).to_vec();
        let text = session.text(id).unwrap();
        assert_eq!(list.len(), 3);
        for (c, q) in list.iter().zip(&quotes) {
            let now: String = text
                .text
                .chars()
                .skip(c.start)
                .take(c.end - c.start)
                .collect();
            assert_eq!(&now, q);
            assert_eq!(&c.quote, q);
        }
    }

    const OTTER: &str = "Emma  0:00\nSo how did you start?\n\nLucas  0:04\nAs a nurse, years ago.\n\nEmma  0:09\nAnd then what?\n\nLucas  0:12\nI moved to Brest.";

    #[test]
    fn detect_finds_header_turns_and_keeps_every_coding() {
        let (_dir, mut session) = project_with(OTTER);
        let meta = session.project.source("E1").unwrap().clone();
        assert_eq!(meta.convention, crate::model::Convention::Header);
        // The user made it paragraphs by hand; detection brings the turns back.
        session.project.source_by_id_mut(meta.id).speakers.clear();
        codings_keep_their_words(&mut session, |s| {
            let p = s.preview_speakers("E1", None).unwrap();
            assert!(p.changed);
            assert_eq!(p.speakers.len(), 2);
            assert_eq!(p.first_turns[1].speaker.as_deref(), Some("Lucas"));
            assert_eq!(p.first_turns[1].text, "As a nurse, years ago.");
            s.apply_speakers(&p).unwrap();
        });
        let again = Session::open(session.root()).unwrap();
        assert_eq!(again.project.source("E1").unwrap().speakers.len(), 2);
    }

    #[test]
    fn a_pattern_sets_the_speakers_and_keeps_every_coding() {
        let text = "<<Ana>> Bonjour, vous êtes kiné ?\n<<Léo>> Oui, depuis dix ans.\n<<Ana>> Et avant ?\n<<Léo>> Étudiant.";
        let (_dir, mut session) = project_with(text);
        assert!(session.project.source("E1").unwrap().speakers.is_empty());
        codings_keep_their_words(&mut session, |s| {
            let p = s
                .preview_speakers("E1", Some(r"<<(?P<speaker>[^>]+)>>"))
                .unwrap();
            assert_eq!(p.convention, "pattern");
            let names: Vec<&str> = p.speakers.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(names, ["Ana", "Léo"]);
            assert_eq!(p.speakers[0].role, crate::model::Role::Interviewer);
            assert_eq!(p.first_turns[0].text, "Bonjour, vous êtes kiné ?");
            s.apply_speakers(&p).unwrap();
        });
        let err = session
            .preview_speakers("E1", Some("("))
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a valid regular expression"), "{err}");
        let err = session
            .preview_speakers("E1", Some("XYZ:"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("matches no line"), "{err}");
    }

    #[test]
    fn a_renamed_role_survives_re_detection() {
        let (_dir, mut session) = project_with(OTTER);
        let id = session.source_id("E1").unwrap();
        session.project.source_by_id_mut(id).speakers[1].role = crate::model::Role::Other;
        let p = session.preview_speakers("E1", None).unwrap();
        assert!(!p.changed);
        assert_eq!(p.speakers[1].role, crate::model::Role::Other);
    }
}
