//! Checks a parsed filter against the project and turns it into [`Filters`]: attribute names
//! and values, cases and node paths must exist; roles must be known.
//!
//! Invariant: an unknown attribute name or case fails with one sentence naming it and listing
//! the close matches (or, when none is close, what there is); an attribute value no case has
//! fails the same way when it is close to one that exists (a typo never silently selects
//! nothing), and is otherwise taken as meant (it selects nothing, as a value no case has yet).
//! Attribute names and values are matched without case or accents when that is unambiguous.

use super::filters::Filters;
use super::grammar::{FilterExpr, Key};
use crate::cases::CaseTable;
use crate::codebook::Codebook;
use crate::error::{Error, Result};
use crate::model::Role;
use crate::project::Project;
use crate::text::fold_for_match;

impl FilterExpr {
    /// Resolves the terms against the case table and codebook. Later `case:`, `speaker:`,
    /// `role:`, `-role:` and `coder:` terms replace earlier ones; attribute and `also:` terms add up.
    pub fn resolve(&self, project: &Project, codebook: &Codebook) -> Result<Filters> {
        let cases = &project.cases;
        let mut f = Filters::default();
        let role = |v: &str| v.parse::<Role>().map_err(Error::Invalid);
        for t in &self.terms {
            let v = t.value.clone();
            let in_term = |e: Error| Error::Invalid(format!("filter '{t}': {}", message(e)));
            match &t.key {
                Key::Case => f.case = Some(case(project, &v).map_err(in_term)?),
                Key::Attr(name) => {
                    let name = attribute(cases, name).map_err(in_term)?;
                    let value = attribute_value(cases, &name, &v).map_err(in_term)?;
                    f.attrs.push((name, value));
                }
                Key::Speaker => f.speaker = Some(v),
                Key::Role => f.role = Some(role(&v)?),
                Key::ExcludeRole => f.exclude_role = Some(role(&v)?),
                Key::Coder => f.coder = Some(v),
                Key::Also => f
                    .also_nodes
                    .get_or_insert_with(Vec::new)
                    .push(codebook.resolve(&v)?),
            }
        }
        Ok(f)
    }
}

fn message(e: Error) -> String {
    match e {
        Error::Invalid(m) => m,
        other => other.to_string(),
    }
}

/// Parses and resolves filter text in one go (the TUI prompt and the export dialog).
pub fn parse_filters(text: &str, project: &Project, codebook: &Codebook) -> Result<Filters> {
    FilterExpr::parse(text, &project.cases.attributes)?.resolve(project, codebook)
}

/// The attribute as spelled in `cases.csv`.
fn attribute(cases: &CaseTable, name: &str) -> Result<String> {
    let found = pick(cases.attributes.iter().map(String::as_str), name);
    found.map(str::to_owned).ok_or_else(|| {
        Error::Invalid(format!(
            "no case attribute is named '{name}' ({})",
            suggest(
                cases.attributes.iter().map(String::as_str),
                name,
                "attributes"
            )
        ))
    })
}

fn attribute_value(cases: &CaseTable, name: &str, value: &str) -> Result<String> {
    let mut values: Vec<&str> = cases
        .rows
        .values()
        .filter_map(|r| r.get(name).map(String::as_str))
        .filter(|v| !v.is_empty())
        .collect();
    values.sort_unstable();
    values.dedup();
    if values
        .iter()
        .any(|v| fold_for_match(v) == fold_for_match(value))
    {
        return Ok(value.to_owned());
    }
    // A value no case has yet, and close to none that exist, is taken as meant (it selects
    // nothing); one close to an existing value is taken as a typo.
    let hint = suggest(values.iter().copied(), value, "values");
    if !hint.starts_with("did you mean") {
        return Ok(value.to_owned());
    }
    Err(Error::Invalid(format!(
        "no case has {name} = '{value}' ({hint})"
    )))
}

/// A case of `cases.csv` or of a source or speaker.
fn case(project: &Project, id: &str) -> Result<String> {
    let mut known: Vec<&str> = project.cases.rows.keys().map(String::as_str).collect();
    for s in &project.manifest.sources {
        known.push(&s.case);
        known.extend(s.speakers.iter().filter_map(|sp| sp.case.as_deref()));
    }
    known.sort_unstable();
    known.dedup();
    if known.contains(&id) {
        return Ok(id.to_owned());
    }
    Err(Error::Invalid(format!(
        "no case is named '{id}' ({})",
        suggest(known.into_iter(), id, "cases")
    )))
}

/// The candidate equal to `wanted`, else the one equal without case and accents if unique.
fn pick<'a>(candidates: impl Iterator<Item = &'a str> + Clone, wanted: &str) -> Option<&'a str> {
    if let Some(c) = candidates.clone().find(|c| *c == wanted) {
        return Some(c);
    }
    let folded = fold_for_match(wanted);
    let mut same = candidates.filter(|c| fold_for_match(c) == folded);
    match (same.next(), same.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// "did you mean 'a' or 'b'?" for the candidates close to `wanted` (folded edit distance, or
/// one containing the other), else "attributes: a, b, c" (at most 12), else "there are none".
pub fn suggest<'a>(candidates: impl Iterator<Item = &'a str>, wanted: &str, what: &str) -> String {
    let w = fold_for_match(wanted);
    let all: Vec<&str> = candidates.collect();
    let mut close: Vec<(f64, &str)> = all
        .iter()
        .map(|c| {
            let f = fold_for_match(c);
            let edits = strsim::damerau_levenshtein(&f, &w);
            let score = if !w.is_empty() && (f.contains(&w) || w.contains(&f)) {
                1.0
            } else if edits <= 2 && edits < w.chars().count().max(f.chars().count()) {
                0.9
            } else {
                strsim::normalized_damerau_levenshtein(&f, &w)
            };
            (score, *c)
        })
        .filter(|(s, _)| *s >= 0.6)
        .collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    let quote = |v: &[&str]| {
        v.iter()
            .map(|c| format!("'{c}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !close.is_empty() {
        let names: Vec<&str> = close.iter().take(5).map(|(_, c)| *c).collect();
        let (last, head) = names.split_last().expect("not empty");
        return match head {
            [] => format!("did you mean '{last}'?"),
            _ => format!("did you mean {} or '{last}'?", quote(head)),
        };
    }
    if all.is_empty() {
        return format!("there are no {what}");
    }
    let more = if all.len() > 12 { ", …" } else { "" };
    format!("{what}: {}{more}", quote(&all[..all.len().min(12)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> (tempfile::TempDir, Project) {
        let csv = "Entretien;Profession;Sexe;Tranche d'âge\nE01;Médecin généraliste;H;50-60 ans\nE02;Infirmière libérale;F;40-50 ans\n";
        let d = tempfile::tempdir().unwrap();
        let mut p = Project::init(&d.path().join("p"), None, crate::model::Language::Fr).unwrap();
        p.cases = CaseTable::parse(std::path::Path::new("cases.csv"), csv.as_bytes()).unwrap();
        (d, p)
    }

    #[test]
    fn names_and_values_resolve_without_case_or_accents() {
        let (_d, t) = table();
        let f = parse_filters("profession=medecin généraliste", &t, &Codebook::default()).unwrap();
        assert_eq!(
            f.attrs,
            [("Profession".to_owned(), "medecin généraliste".to_owned())]
        );
        let f = parse_filters("Tranche d'âge=50-60 ans Sexe=H", &t, &Codebook::default()).unwrap();
        assert_eq!(f.attrs.len(), 2);
        assert_eq!(f.attrs[0], ("Tranche d'âge".into(), "50-60 ans".into()));
    }

    #[test]
    fn unknown_names_and_values_list_close_matches_in_one_sentence() {
        let (_d, t) = table();
        let e = parse_filters("Profesion=x", &t, &Codebook::default()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "filter 'Profesion=x': no case attribute is named 'Profesion' (did you mean 'Profession'?)"
        );
        let e = parse_filters("Profession=Médecin", &t, &Codebook::default()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "filter 'Profession=Médecin': no case has Profession = 'Médecin' (did you mean 'Médecin généraliste'?)"
        );
        let f = parse_filters("Sexe=X", &t, &Codebook::default()).unwrap();
        assert_eq!(
            f.attrs,
            [("Sexe".into(), "X".into())],
            "no typo: taken as meant"
        );
        let e = parse_filters("case:E3", &t, &Codebook::default()).unwrap_err();
        assert!(
            e.to_string().contains("did you mean 'E01' or 'E02'?"),
            "{e}"
        );
        let e = parse_filters("role:boss", &t, &Codebook::default()).unwrap_err();
        assert!(e.to_string().contains("boss"), "{e}");
    }
}
