//! The runtime's side of the cases table: loading it (every case a source or speaker refers to,
//! with its values) and editing it through the session — a value set or cleared, a case renamed,
//! an attribute added, renamed or deleted — each an undoable step, the table reloaded after.
//!
//! Invariant: the cursor stays on the same case and attribute after a reload when they still
//! exist.

use super::msg::{Done, Msg};
use super::project_rows::{CasesView, ProjectDone, ProjectOp};
use super::runtime::{Runtime, refreshed};
use super::state::{AppState, Popup};
use crate::session::Session;

/// Where the cursor goes after a reload: a case and an attribute (each when known).
type Focus = (Option<String>, Option<String>);

/// The cases table as the session has it, the cursor on `focus` (else where it was).
pub fn view(session: &Session, state: &AppState, focus: Focus) -> CasesView {
    let project = session.project();
    let table = &project.cases;
    let mut ids: Vec<String> = table.rows.keys().cloned().collect();
    for s in &project.manifest.sources {
        for case in
            std::iter::once(&s.case).chain(s.speakers.iter().filter_map(|sp| sp.case.as_ref()))
        {
            if !ids.contains(case) {
                ids.push(case.clone());
            }
        }
    }
    ids.sort_by(|a, b| crate::text::natural_cmp(a, b));
    let rows: Vec<(String, Vec<String>)> = ids
        .into_iter()
        .map(|id| {
            let values = table
                .attributes
                .iter()
                .map(|a| {
                    table
                        .rows
                        .get(&id)
                        .and_then(|r| r.get(a))
                        .cloned()
                        .unwrap_or_default()
                })
                .collect();
            (id, values)
        })
        .collect();
    let (mut row, mut col, mut on_case) = (0, 0, false);
    let (mut case, mut attribute) = focus;
    if let Some(Popup::Cases(old)) = &state.popup {
        row = old.row.min(rows.len().saturating_sub(1));
        col = old.col.min(table.attributes.len().saturating_sub(1));
        on_case = old.on_case;
        case = case.or_else(|| old.rows.get(old.row).map(|r| r.0.clone()));
        attribute = attribute.or_else(|| old.attributes.get(old.col).cloned());
    }
    if let Some(i) = rows.iter().position(|r| Some(&r.0) == case.as_ref()) {
        row = i;
    }
    if let Some(i) = table
        .attributes
        .iter()
        .position(|a| Some(a) == attribute.as_ref())
    {
        col = i;
    }
    CasesView {
        attributes: table.attributes.clone(),
        rows,
        row,
        col,
        on_case,
    }
}

/// Carries out a cases operation; the table and the panes are reloaded after a change.
pub fn run(rt: &mut Runtime, state: &AppState, op: ProjectOp) -> crate::Result<Vec<Msg>> {
    let s = &mut rt.session;
    let renamed_case = matches!(op, ProjectOp::RenameCase(..));
    let focus = match op {
        ProjectOp::SetCase {
            case,
            attribute,
            value,
        } => {
            s.set_case_attribute(&case, &attribute, &value)?;
            (Some(case), Some(attribute))
        }
        ProjectOp::AddAttribute(name) => {
            let name = name.trim();
            if s.project().cases.attributes.iter().any(|a| a == name) {
                return Err(crate::Error::Invalid(format!(
                    "there is already an attribute '{name}'"
                )));
            }
            let first = view(s, state, (None, None))
                .rows
                .first()
                .map(|r| r.0.clone());
            let Some(case) = first else {
                return Err(crate::Error::Invalid(
                    "there is no case yet: import a transcript first".into(),
                ));
            };
            s.set_case_attribute(&case, name, "")?;
            (None, Some(name.to_owned()))
        }
        ProjectOp::RenameAttribute(old, new) => {
            s.rename_case_attribute(&old, &new)?;
            (None, Some(new.trim().to_owned()))
        }
        ProjectOp::RenameCase(old, new) => {
            s.rename_case(&old, &new)?;
            (Some(new.trim().to_owned()), None)
        }
        ProjectOp::DeleteAttribute(name) => {
            s.delete_case_attribute(&name)?;
            (None, None)
        }
        _ => (None, None),
    };
    let mut table = view(&rt.session, state, focus);
    // A renamed case keeps the cursor on the case column.
    table.on_case |= renamed_case;
    Ok(vec![
        Msg::Done(Done::Project(ProjectDone::Cases(Box::new(table)))),
        refreshed(&rt.session, state, None)?,
    ])
}
