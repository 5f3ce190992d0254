//! Writing a project as a `.qdpx`: `project.qde` (users = coders, the codebook, case attributes
//! as Text variables, cases with their values and sources, each source's codings as selections
//! with their coder, memos as notes) and `sources/<GUID>.txt` (UTF-8, LF, our stored text, so
//! offsets are code points of exactly that file, end exclusive).
//!
//! Invariants: GUIDs are stable — ours where we have UUIDs, UUIDv5 of (project id, name) for
//! users, variables and cases, of (project id, coding id) for selections — and everything is
//! written in a fixed order with no time of export, so two exports are byte-identical; empty
//! lists are left out (the schema forbids them); orphaned codings are not exported (counted).

use super::qdc::write_codes;
use super::xmlout::{Xml, v};
use super::{PROJECT_NS, guid, origin};
use crate::error::Result;
use crate::memo::{Memo, Target};
use crate::session::Session;
use crate::text::natural_cmp;
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// A project ready to be zipped.
pub struct QdpxOut {
    pub qde: String,
    /// `sources/<GUID>.txt` entries, in order.
    pub files: Vec<(String, Vec<u8>)>,
    /// Orphaned codings left out (they have no place in the text).
    pub orphaned_skipped: usize,
}

fn stable(project: Uuid, kind: &str, name: &str) -> Uuid {
    Uuid::new_v5(&project, format!("refi-{kind}:{name}").as_bytes())
}

/// A note's name: the memo's first line, shortened.
fn note_name(m: &Memo) -> String {
    let first = m
        .text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("Memo");
    let name: String = first.trim().chars().take(60).collect();
    if first.trim().chars().count() > 60 {
        format!("{name}…")
    } else {
        name
    }
}

/// Whether an `at` time can go in an `xsd:dateTime` attribute as it is.
fn date_time(at: &str) -> Option<String> {
    time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(|_| at.to_owned())
}

/// Builds `project.qde` and the source files of a session.
pub fn build(session: &Session) -> Result<QdpxOut> {
    let pid = session.project().manifest.id;
    let memos = session.memos()?;
    let mut notes_of: BTreeMap<Target, Vec<Uuid>> = BTreeMap::new();
    for m in &memos {
        notes_of.entry(m.target).or_default().push(m.id.0);
    }
    let refs = |t: Target| notes_of.get(&t).cloned().unwrap_or_default();
    let coders: BTreeSet<&str> = session
        .codings()
        .by_coder
        .keys()
        .map(String::as_str)
        .collect();
    let user = |c: &str| guid(stable(pid, "user", c));
    let mut x = Xml::new();
    x.open(
        "Project",
        &[
            ("xmlns", v(PROJECT_NS)),
            ("name", v(session.project().manifest.name.clone())),
            ("origin", v(origin())),
        ],
    );
    if !coders.is_empty() {
        x.open("Users", &[]);
        for c in &coders {
            x.empty("User", &[("guid", v(user(c))), ("name", v(*c))]);
        }
        x.close("Users");
    }
    if !session.codebook().nodes.is_empty() {
        x.open("CodeBook", &[]);
        x.open("Codes", &[]);
        write_codes(&mut x, &session.codebook().nodes, &|id| {
            refs(Target::Node(id))
        });
        x.close("Codes");
        x.close("CodeBook");
    }
    let cases = &session.project().cases;
    if !cases.attributes.is_empty() {
        x.open("Variables", &[]);
        for a in &cases.attributes {
            x.empty(
                "Variable",
                &[
                    ("guid", v(guid(stable(pid, "variable", a)))),
                    ("name", v(a.clone())),
                    ("typeOfVariable", v("Text")),
                ],
            );
        }
        x.close("Variables");
    }
    let sources = session.project().sources();
    let mut case_ids: Vec<&String> = cases.rows.keys().collect();
    case_ids.sort_by(|a, b| natural_cmp(a, b));
    if !case_ids.is_empty() {
        x.open("Cases", &[]);
        for case in case_ids {
            x.open(
                "Case",
                &[
                    ("guid", v(guid(stable(pid, "case", case)))),
                    ("name", v(case.clone())),
                ],
            );
            let row = &cases.rows[case];
            for a in &cases.attributes {
                x.open("VariableValue", &[]);
                x.empty(
                    "VariableRef",
                    &[("targetGUID", v(guid(stable(pid, "variable", a))))],
                );
                if let Some(value) = row.get(a).filter(|s| !s.is_empty()) {
                    x.text("TextValue", value);
                }
                x.close("VariableValue");
            }
            for s in sources.iter().filter(|s| &s.case == case) {
                x.empty("SourceRef", &[("targetGUID", v(guid(s.id)))]);
            }
            x.close("Case");
        }
        x.close("Cases");
    }
    let mut files = Vec::new();
    let mut orphaned_skipped = 0;
    if !sources.is_empty() {
        x.open("Sources", &[]);
        for s in &sources {
            let text = session.text(s.id)?;
            let file = format!("{}.txt", guid(s.id));
            x.open(
                "TextSource",
                &[
                    ("guid", v(guid(s.id))),
                    ("name", v(s.label.clone())),
                    ("plainTextPath", v(format!("internal://{file}"))),
                ],
            );
            let mut codings: Vec<(&str, &crate::coding::Coding)> =
                session.codings().of_source(s.id).collect();
            orphaned_skipped += codings.iter().filter(|(_, c)| c.is_orphaned()).count();
            codings.retain(|(_, c)| !c.is_orphaned());
            codings.sort_by(|a, b| {
                (a.1.start, a.1.end, a.0, a.1.id).cmp(&(b.1.start, b.1.end, b.0, b.1.id))
            });
            for (coder, c) in codings {
                let when = date_time(&c.at);
                x.open(
                    "PlainTextSelection",
                    &[
                        ("guid", v(guid(stable(pid, "selection", &c.id.to_string())))),
                        ("name", v(text.slice(c.start, c.end))),
                        ("startPosition", v(c.start.to_string())),
                        ("endPosition", v(c.end.to_string())),
                        ("creatingUser", v(user(coder))),
                        ("creationDateTime", when.clone()),
                    ],
                );
                let notes = refs(Target::Coding(c.id));
                let attrs = [
                    ("guid", v(guid(c.id))),
                    ("creatingUser", v(user(coder))),
                    ("creationDateTime", when),
                ];
                x.open("Coding", &attrs);
                x.empty("CodeRef", &[("targetGUID", v(guid(c.node)))]);
                for n in notes {
                    x.empty("NoteRef", &[("targetGUID", v(guid(n)))]);
                }
                x.close("Coding");
                x.close("PlainTextSelection");
            }
            for n in refs(Target::Source(s.id)) {
                x.empty("NoteRef", &[("targetGUID", v(guid(n)))]);
            }
            x.close("TextSource");
            files.push((format!("sources/{file}"), text.text.as_bytes().to_vec()));
        }
        x.close("Sources");
    }
    if !memos.is_empty() {
        x.open("Notes", &[]);
        for m in &memos {
            x.open(
                "Note",
                &[("guid", v(guid(m.id))), ("name", v(note_name(m)))],
            );
            x.text("PlainTextContent", &m.text);
            x.close("Note");
        }
        x.close("Notes");
    }
    for n in refs(Target::Project) {
        x.empty("NoteRef", &[("targetGUID", v(guid(n)))]);
    }
    x.close("Project");
    Ok(QdpxOut {
        qde: x.out,
        files,
        orphaned_skipped,
    })
}

/// The `.qdpx` bytes: `project.qde` first, then the sources in order, fixed dates.
pub fn zip(out: &QdpxOut) -> Result<Vec<u8>> {
    let mut a = crate::formats::xml::Archive::new();
    a.deflated("project.qde", out.qde.as_bytes())?;
    for (name, bytes) in &out.files {
        a.deflated(name, bytes)?;
    }
    a.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_names_are_the_first_line_shortened() {
        let m = |t: &str| Memo {
            id: crate::ids::MemoId::nil(),
            target: Target::Project,
            text: t.into(),
        };
        assert_eq!(note_name(&m("\nÀ revoir\nsuite")), "À revoir");
        assert_eq!(note_name(&m("")), "Memo");
        assert!(note_name(&m(&"x".repeat(80))).ends_with('…'));
        assert_eq!(
            date_time("2026-11-23T03:21:02Z").as_deref(),
            Some("2026-11-23T03:21:02Z")
        );
        assert_eq!(date_time("hier"), None);
    }
}
