//! The runtime's side of the source features: renaming, deleting (what goes is listed first; the
//! removal is kept so that undo puts it back), replacing the text by a file, loading a source's
//! speakers, re-detecting them (a preview first) and setting a speaker's role and case — all
//! through the [`Session`]. After a change of text or label the search index is built again.
//!
//! Invariants: nothing changes before the user said yes (a delete is planned, then done; a
//! re-detection is previewed, then applied); every error is one message and leaves the
//! project as it was.

use super::i18n::Lang;
use super::msg::{Done, Msg};
use super::runtime::{Runtime, info, refreshed};
use super::source_rows::{DetectionPreview, SourceDone, SourceOp, SpeakerRow, SpeakersView};
use super::state::AppState;
use crate::ids::SourceId;
use crate::session::{Session, SourceRemoval};
use std::path::{Path, PathBuf};

fn label(session: &Session, id: SourceId) -> crate::Result<String> {
    Ok(session.project().source(&id.to_string())?.label.clone())
}

/// Carries out one source operation.
pub fn run(rt: &mut Runtime, state: &AppState, op: SourceOp) -> crate::Result<Vec<Msg>> {
    let fr = state.ui.lang == Lang::Fr;
    let mut out = Vec::new();
    match op {
        SourceOp::Rename(id, new) => {
            let old = label(&rt.session, id)?;
            rt.session.rename_source(&old, new.trim())?;
            out.push(info(if fr {
                format!("source {old} renommée {}", new.trim())
            } else {
                format!("source {old} renamed {}", new.trim())
            }));
            reindex(rt, &mut out);
            reopen(rt, state, id, &mut out)?;
        }
        SourceOp::PlanDelete(id) => {
            let removal = rt.session.source_removal(&id.to_string())?;
            let question = delete_question(&removal, fr);
            return Ok(vec![Msg::Done(Done::Source(SourceDone::DeletePlanned(
                id, question,
            )))]);
        }
        SourceOp::Delete(id) => {
            let removal = rt.session.delete_source(&id.to_string())?;
            let (n, m) = (removal.coding_count(), removal.memos.len());
            out.push(info(if fr {
                format!(
                    "source {} supprimée ({n} codage{}, {m} mémo{}) · z : la remettre",
                    removal.source.label,
                    plural_s(n),
                    plural_s(m)
                )
            } else {
                format!(
                    "source {} deleted ({n} coding{}, {m} memo{}) · z puts it back",
                    removal.source.label,
                    plural_s(n),
                    plural_s(m)
                )
            }));
            // The deletion is a step of the session's history: undo (z) puts it back.
            out.push(Msg::Done(Done::Source(SourceDone::Gone(id))));
            reindex(rt, &mut out);
        }
        SourceOp::Replace(id, typed) => {
            let path = expand_path(&typed, rt.session.root());
            let label = label(&rt.session, id)?;
            let report = rt.session.replace_source(&label, &path)?;
            let moved = report.moved.len();
            let lost = report.orphaned.len();
            out.push(info(if fr {
                format!(
                    "source {label} remplacée par {} : {moved} codage{} déplacé{}, {lost} orphelin{}",
                    path.display(),
                    plural_s(moved),
                    plural_s(moved),
                    plural_s(lost)
                )
            } else {
                format!(
                    "source {label} replaced by {}: {moved} coding{} moved, {lost} orphaned",
                    path.display(),
                    plural_s(moved)
                )
            }));
            reindex(rt, &mut out);
            reopen(rt, state, id, &mut out)?;
        }
        SourceOp::Speakers(id) => {
            return Ok(vec![speakers_view(&rt.session, id, 0, None)?]);
        }
        SourceOp::Redetect(id, pattern) => {
            let selected = selected_speaker(state);
            return Ok(vec![speakers_view(
                &rt.session,
                id,
                selected,
                Some(pattern),
            )?]);
        }
        SourceOp::ApplyDetection(id, pattern) => {
            let preview = rt
                .session
                .preview_speakers(&id.to_string(), pattern.as_deref())?;
            rt.session.apply_speakers(&preview)?;
            out.push(info(if fr {
                format!(
                    "{} : locuteurs détectés à nouveau ({})",
                    preview.label, preview.convention
                )
            } else {
                format!(
                    "{}: speakers detected again ({})",
                    preview.label, preview.convention
                )
            }));
            out.push(speakers_view(&rt.session, id, 0, None)?);
            reindex(rt, &mut out);
            reopen(rt, state, id, &mut out)?;
        }
        SourceOp::SetSpeaker {
            source,
            name,
            role,
            case,
        } => {
            let label = label(&rt.session, source)?;
            rt.session
                .set_speaker(&label, &name, role, case.as_deref())?;
            out.push(speakers_view(
                &rt.session,
                source,
                selected_speaker(state),
                None,
            )?);
            reindex(rt, &mut out);
            reopen(rt, state, source, &mut out)?;
        }
    }
    out.push(refreshed(&rt.session, state, None)?);
    Ok(out)
}

/// Undo of a deletion (when the session's own history has nothing left before it).
pub fn restore(rt: &mut Runtime, state: &AppState) -> Option<crate::Result<Vec<Msg>>> {
    if rt.session.can_undo() {
        return None;
    }
    let removal = rt.deleted.pop()?;
    Some((|| {
        rt.session.restore_source(&removal)?;
        let fr = state.ui.lang == Lang::Fr;
        let mut out = vec![info(if fr {
            format!("annulé : suppression de la source {}", removal.source.label)
        } else {
            format!("undone: deleting source {}", removal.source.label)
        })];
        reindex(rt, &mut out);
        out.push(refreshed(&rt.session, state, None)?);
        Ok(out)
    })())
}

fn selected_speaker(state: &AppState) -> usize {
    match &state.popup {
        Some(super::state::Popup::Speakers(v)) => v.selected,
        _ => 0,
    }
}

fn plural_s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The confirmation of a delete: everything that goes with the source.
fn delete_question(r: &SourceRemoval, fr: bool) -> String {
    let n = r.coding_count();
    let coders: Vec<String> = r
        .codings
        .iter()
        .map(|(c, l)| format!("{c} {}", l.len()))
        .collect();
    let cases: Vec<&str> = r.cases.iter().map(|(c, _)| c.as_str()).collect();
    let m = r.memos.len();
    if fr {
        let mut q = format!(
            "Supprimer la source {} ? Partent avec elle : {n} codage{}",
            r.source.label,
            plural_s(n)
        );
        if !coders.is_empty() {
            q.push_str(&format!(" ({})", coders.join(", ")));
        }
        q.push_str(&format!(", {m} mémo{}", plural_s(m)));
        if !cases.is_empty() {
            q.push_str(&format!(", le cas {} et ses attributs", cases.join(", ")));
        }
        q.push_str(". z la remet tant que l'application reste ouverte.");
        q
    } else {
        let mut q = format!(
            "Delete source {}? With it go: {n} coding{}",
            r.source.label,
            plural_s(n)
        );
        if !coders.is_empty() {
            q.push_str(&format!(" ({})", coders.join(", ")));
        }
        q.push_str(&format!(", {m} memo{}", plural_s(m)));
        if !cases.is_empty() {
            q.push_str(&format!(", case {} and its attributes", cases.join(", ")));
        }
        q.push_str(". z puts it back while the app stays open.");
        q
    }
}

/// The speakers popup of a source; with `redetect`, a re-detection's preview too.
fn speakers_view(
    session: &Session,
    id: SourceId,
    selected: usize,
    redetect: Option<Option<String>>,
) -> crate::Result<Msg> {
    let meta = session.project().source(&id.to_string())?;
    let current = session.preview_speakers(&id.to_string(), None).ok();
    let turns = |name: &str| {
        current
            .as_ref()
            .and_then(|p| p.speakers.iter().find(|s| s.name == name))
            .map_or(0, |s| s.turns)
    };
    let speakers: Vec<SpeakerRow> = meta
        .speakers
        .iter()
        .map(|s| SpeakerRow {
            name: s.name.clone(),
            role: s.role,
            case: s.case.clone(),
            turns: turns(&s.name),
        })
        .collect();
    let preview = match redetect {
        None => None,
        Some(pattern) => {
            let p = session.preview_speakers(&id.to_string(), pattern.as_deref())?;
            Some(DetectionPreview {
                pattern,
                convention: (p.convention.clone(), p.example.clone()),
                note: p.note.clone(),
                speakers: p
                    .speakers
                    .iter()
                    .map(|s| SpeakerRow {
                        name: s.name.clone(),
                        role: s.role,
                        case: None,
                        turns: s.turns,
                    })
                    .collect(),
                first_turns: p
                    .first_turns
                    .iter()
                    .map(|t| (t.speaker.clone(), t.text.clone()))
                    .collect(),
                changed: p.changed,
            })
        }
    };
    Ok(Msg::Done(Done::Source(SourceDone::Speakers(Box::new(
        SpeakersView {
            source: id,
            label: meta.label.clone(),
            convention: (meta.convention.name().to_owned(), meta.convention.example()),
            selected: selected.min(speakers.len().saturating_sub(1)),
            speakers,
            preview,
        },
    )))))
}

/// The search index is built again (labels, texts or speakers changed).
fn reindex(rt: &mut Runtime, out: &mut Vec<Msg>) {
    rt.restart_index();
    out.push(Msg::Done(Done::Indexing(true)));
}

/// Opens the source again when it is the one shown (its label, text or turns changed).
fn reopen(rt: &Runtime, state: &AppState, id: SourceId, out: &mut Vec<Msg>) -> crate::Result<()> {
    if state.transcript.doc.as_ref().is_some_and(|d| d.id == id) {
        let doc = Box::new(super::snapshot::load_doc(&rt.session, id)?);
        out.push(Msg::Done(Done::Opened { doc, at: None }));
    }
    Ok(())
}

/// A path as typed: `~` is the home folder; a relative path is taken from the current folder
/// (or, when that does not hold it, from the project's parent folder).
pub fn expand_path(typed: &str, root: &Path) -> PathBuf {
    let typed = typed.trim();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    match (typed.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ if Path::new(typed).is_absolute() => PathBuf::from(typed),
        _ => {
            let here = std::env::current_dir().unwrap_or_default().join(typed);
            if here.exists() {
                here
            } else {
                root.parent().unwrap_or(root).join(typed)
            }
        }
    }
}
