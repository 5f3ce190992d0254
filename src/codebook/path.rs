//! NODEPATHs: node names from the root joined by `/`, a `/` inside a name written `\/` (and a
//! backslash `\\`; a backslash before any other character is kept as it is, so `C:\temp` names
//! one node). `Freins/Manque de temps` names the child `Manque de temps` of `Freins`.
//!
//! Invariant: `parse(&format(segments)) == segments` for any names.

/// Splits a NODEPATH into names, undoing the escapes.
pub fn parse(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = path.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.clone().next() {
                Some(next @ ('/' | '\\')) => {
                    chars.next();
                    current.push(next);
                }
                _ => current.push('\\'),
            },
            '/' => out.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    out.push(current);
    out.into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Joins names into a NODEPATH, escaping `/` and `\`.
pub fn format<S: AsRef<str>>(names: &[S]) -> String {
    names
        .iter()
        .map(|n| super::escape_segment(n.as_ref()))
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_slashes_inside_names() {
        assert_eq!(
            parse("Freins/Temps \\/ charge"),
            ["Freins", "Temps / charge"]
        );
        assert_eq!(
            format(&["II.A - Accès/délais", "x"]),
            "II.A - Accès\\/délais/x"
        );
    }

    proptest! {
        #[test]
        fn format_then_parse_round_trips(names in proptest::collection::vec("[^\\s][a-zé/\\\\ ]{0,8}[^\\s]", 1..4)) {
            prop_assert_eq!(parse(&format(&names)), names);
        }
    }
}
