//! Finding the header row of a table and the columns the user named: by header text (any case,
//! spaces collapsed), by 1-based number, or by the unique beginning of a long question.
//!
//! Invariant: a name that fits no column, or several, is an error that lists what would fit;
//! a column is never guessed between two.

use super::read::{Grid, Row};
use unicode_normalization::UnicodeNormalization;

/// A header text as compared: NFC, trimmed, inner spaces collapsed, lowercase.
fn key(s: &str) -> String {
    let s: String = s.nfc().collect();
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A header text as shown: spaces collapsed, at most 60 characters.
pub fn shown(s: &str) -> String {
    let s: String = s.nfc().collect::<String>();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= 60 {
        return s;
    }
    let cut: String = s.chars().take(59).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > 30 => cut[..i].to_owned(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':', '-']))
}

/// The column `spec` names in `header`.
pub fn resolve(grid: &Grid, header: &Row, spec: &str) -> Result<usize, String> {
    let wanted = key(spec);
    if wanted.is_empty() {
        return Err("a column name is empty".into());
    }
    let exact: Vec<usize> = (0..header.cells.len())
        .filter(|&i| key(&header.cells[i]) == wanted)
        .collect();
    match exact.as_slice() {
        [one] => return Ok(*one),
        [] => {}
        several => {
            return Err(format!(
                "{} names the column '{spec}' {} times ({}); name the one you mean by its number",
                grid.at(header),
                several.len(),
                listed(grid, several)
            ));
        }
    }
    if let Ok(n) = wanted.parse::<usize>() {
        if (1..=header.cells.len()).contains(&n) {
            return Ok(n - 1);
        }
        return Err(format!(
            "there is no column {n}: the table has {} columns",
            header.cells.len()
        ));
    }
    let prefixed: Vec<usize> = (0..header.cells.len())
        .filter(|&i| key(&header.cells[i]).starts_with(&wanted))
        .collect();
    match prefixed.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!(
            "no column is named '{spec}'; the columns of {} are: {}",
            grid.at(header),
            header
                .cells
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.trim().is_empty())
                .map(|(i, c)| format!("{} '{}'", grid.column(i), shown(c)))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        several => Err(format!(
            "'{spec}' begins the names of {} columns ({}); give more of the name or the column number",
            several.len(),
            listed(grid, several)
        )),
    }
}

fn listed(grid: &Grid, columns: &[usize]) -> String {
    columns
        .iter()
        .map(|&i| grid.column(i))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The index of the header row: the first row where every named column (not given by number)
/// is found; when every column is given by number, the first row that is not empty.
pub fn header_index(grid: &Grid, specs: &[&str]) -> Result<usize, String> {
    let named: Vec<&&str> = specs
        .iter()
        .filter(|s| key(s).parse::<usize>().is_err())
        .collect();
    let non_empty = |r: &Row| r.cells.iter().any(|c| !c.trim().is_empty());
    let found = grid.rows.iter().position(|row| {
        non_empty(row)
            && named
                .iter()
                .all(|s| row.cells.iter().any(|c| key(c) == key(s)))
    });
    if let Some(i) = found {
        return Ok(i);
    }
    // No row holds every name whole: the first row where each resolves (by its beginning).
    if let Some(i) = grid
        .rows
        .iter()
        .position(|row| non_empty(row) && specs.iter().all(|s| resolve(grid, row, s).is_ok()))
    {
        return Ok(i);
    }
    let Some(first) = grid.rows.iter().position(non_empty) else {
        return Err("holds no rows".into());
    };
    for s in specs {
        resolve(grid, &grid.rows[first], s)?;
    }
    Ok(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| Row {
                    number: i + 1,
                    cells: r.iter().map(|c| (*c).to_owned()).collect(),
                })
                .collect(),
            lettered: true,
        }
    }

    #[test]
    fn columns_by_name_number_and_beginning() {
        let g = grid(&[
            &["Enquête 2025", "", ""],
            &["ID", "Âge", "Qu’est-ce qui vous a  amené ici ?"],
        ]);
        let h = header_index(&g, &["id", "qu’est-ce"]).unwrap();
        assert_eq!(h, 1);
        let header = &g.rows[h];
        assert_eq!(resolve(&g, header, " id ").unwrap(), 0);
        assert_eq!(resolve(&g, header, "ÂGE").unwrap(), 1);
        assert_eq!(resolve(&g, header, "3").unwrap(), 2);
        assert_eq!(
            resolve(&g, header, "Qu’est-ce qui vous a amené").unwrap(),
            2
        );
        let err = resolve(&g, header, "Profession").unwrap_err();
        assert!(err.contains("no column is named 'Profession'"), "{err}");
        assert!(err.contains("column B 'Âge'"), "{err}");
        assert!(resolve(&g, header, "9").unwrap_err().contains("3 columns"));
    }

    #[test]
    fn a_name_given_twice_or_a_shared_beginning_is_refused() {
        let g = grid(&[&["id", "Q1 pourquoi", "Q1 pourquoi", "Q2"]]);
        let err = resolve(&g, &g.rows[0], "q1 pourquoi").unwrap_err();
        assert!(err.contains("2 times (column B, column C)"), "{err}");
        let err = resolve(&g, &g.rows[0], "Q").unwrap_err();
        assert!(err.contains("begins the names of 3 columns"), "{err}");
    }

    #[test]
    fn long_headers_are_shortened_on_a_word() {
        let long = "Pouvez-vous décrire, avec vos propres mots, une journée de travail ordinaire au cabinet ?";
        let s = shown(long);
        assert!(s.ends_with('…') && s.chars().count() <= 60, "{s}");
        assert!(s.starts_with("Pouvez-vous décrire, avec vos propres mots"));
        assert_eq!(shown("  Âge \n du  répondant "), "Âge du répondant");
    }
}
