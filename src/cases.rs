//! Cases and their attributes, stored in `cases.csv` (case id, then one column per attribute) so
//! that a researcher can open them in a spreadsheet. Each source is a case by default (case id =
//! label); a focus-group speaker can be a case of its own.
//!
//! Invariants: rows are written in natural order of case id, attribute columns in the order they
//! were first added; every case a source or speaker refers to has a row.

use crate::error::{Error, Result};
use crate::formats::decode::decode_table_bytes;
use crate::text::natural_cmp;
use std::collections::BTreeMap;
use std::path::Path;

/// All cases with their attribute values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseTable {
    /// Attribute names, in column order.
    pub attributes: Vec<String>,
    /// Case id → (attribute → value). A missing attribute has no value.
    pub rows: BTreeMap<String, BTreeMap<String, String>>,
}

/// What `cases import` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CasesImportReport {
    pub updated: Vec<String>,
    pub new_attributes: Vec<String>,
    /// Case ids of the file that no source or speaker has, with their line: not imported.
    pub unknown: Vec<(usize, String)>,
}

impl CaseTable {
    /// Reads `cases.csv`; a missing file is an empty table.
    pub fn read(path: &Path) -> Result<Self> {
        match crate::store::read_plain(path) {
            Ok(bytes) => Self::parse(path, &bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(e) => Err(Error::io("could not read", path, e)),
        }
    }

    /// Parses a cases table (comma, semicolon or tab separated; UTF-8 or Windows-1252).
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Self> {
        let text = decode_table_bytes(path, bytes)?;
        let (header, records) = read_records(path, &text, 1)?;
        let mut table = Self {
            attributes: header[1..].to_vec(),
            rows: BTreeMap::new(),
        };
        for (line, record) in records {
            let id = record[0].clone();
            if table.rows.contains_key(&id) {
                return Err(Error::bad_input(
                    path,
                    format!("line {line}: case '{id}' appears twice"),
                ));
            }
            let values = header[1..]
                .iter()
                .zip(&record[1..])
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            table.rows.insert(id, values);
        }
        Ok(table)
    }

    /// Serialises the table as CSV, rows in natural order of case id.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let mut header = vec!["case"];
        header.extend(self.attributes.iter().map(String::as_str));
        w.write_record(&header).expect("writing to memory");
        let mut ids: Vec<&String> = self.rows.keys().collect();
        ids.sort_by(|a, b| natural_cmp(a, b));
        for id in ids {
            let row = &self.rows[id];
            let mut record = vec![id.as_str()];
            record.extend(
                self.attributes
                    .iter()
                    .map(|a| row.get(a).map_or("", String::as_str)),
            );
            w.write_record(&record).expect("writing to memory");
        }
        w.into_inner().expect("writing to memory")
    }

    /// Makes sure every case in `ids` has a row.
    pub fn ensure_cases<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) {
        for id in ids {
            self.rows.entry(id.to_owned()).or_default();
        }
    }

    /// Sets (or, with an empty value, clears) one attribute of one existing case.
    pub fn set(&mut self, case: &str, attribute: &str, value: &str) -> Result<()> {
        let attribute = attribute.trim();
        if attribute.is_empty() {
            return Err(Error::Invalid("the attribute name is empty".into()));
        }
        let row = self
            .rows
            .get_mut(case)
            .ok_or_else(|| Error::Invalid(format!("no case named '{case}'")))?;
        let value = clean_cell(value);
        if value.is_empty() {
            row.remove(attribute);
        } else {
            row.insert(attribute.to_owned(), value);
        }
        if !self.attributes.iter().any(|a| a == attribute) {
            self.attributes.push(attribute.to_owned());
        }
        Ok(())
    }

    /// Renames an attribute column; its values follow. Refused when the new name is empty or
    /// already a column.
    pub fn rename_attribute(&mut self, old: &str, new: &str) -> Result<()> {
        let new = new.trim();
        if new.is_empty() {
            return Err(Error::Invalid("the attribute name is empty".into()));
        }
        if old == new {
            return Ok(());
        }
        if self.attributes.iter().any(|a| a == new) {
            return Err(Error::Invalid(format!(
                "there is already an attribute '{new}'"
            )));
        }
        let col = self
            .attributes
            .iter_mut()
            .find(|a| *a == old)
            .ok_or_else(|| Error::Invalid(format!("no attribute named '{old}'")))?;
        *col = new.to_owned();
        for row in self.rows.values_mut() {
            if let Some(v) = row.remove(old) {
                row.insert(new.to_owned(), v);
            }
        }
        Ok(())
    }

    /// Removes an attribute column and every value in it.
    pub fn remove_attribute(&mut self, name: &str) -> Result<()> {
        let before = self.attributes.len();
        self.attributes.retain(|a| a != name);
        if self.attributes.len() == before {
            return Err(Error::Invalid(format!("no attribute named '{name}'")));
        }
        for row in self.rows.values_mut() {
            row.remove(name);
        }
        Ok(())
    }

    /// Renames a case everywhere in the table.
    pub fn rename(&mut self, old: &str, new: &str) {
        if let Some(row) = self.rows.remove(old) {
            self.rows.insert(new.to_owned(), row);
        }
    }

    /// Merges the attributes of `incoming` into the known cases (`known` says which ids exist).
    pub fn merge(
        &mut self,
        incoming: Self,
        lines: &BTreeMap<String, usize>,
        known: impl Fn(&str) -> bool,
    ) -> CasesImportReport {
        let mut report = CasesImportReport::default();
        for attribute in &incoming.attributes {
            if !self.attributes.contains(attribute) {
                self.attributes.push(attribute.clone());
                report.new_attributes.push(attribute.clone());
            }
        }
        for (id, values) in incoming.rows {
            if !known(&id) {
                report
                    .unknown
                    .push((lines.get(&id).copied().unwrap_or(0), id));
                continue;
            }
            self.rows.entry(id.clone()).or_default().extend(values);
            report.updated.push(id);
        }
        report.updated.sort_by(|a, b| natural_cmp(a, b));
        report.unknown.sort();
        report
    }
}

/// Parses a cases file for import, keeping each case's line number for the report.
pub fn parse_for_import(path: &Path, bytes: &[u8]) -> Result<(CaseTable, BTreeMap<String, usize>)> {
    let text = decode_table_bytes(path, bytes)?;
    read_records(path, &text, 2)?;
    let table = CaseTable::parse(path, bytes)?;
    let (_, records) = read_records(path, &text, 2)?;
    let lines = records
        .into_iter()
        .map(|(line, r)| (r[0].clone(), line))
        .collect();
    Ok((table, lines))
}

type Records = (Vec<String>, Vec<(usize, Vec<String>)>);

/// Reads the header and rows; the header must have at least `min_columns` columns.
fn read_records(path: &Path, text: &str, min_columns: usize) -> Result<Records> {
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = reader.records();
    let header: Vec<String> = match rows.next() {
        Some(r) => r
            .map_err(|e| csv_error(path, &e))?
            .iter()
            .map(clean_cell)
            .collect(),
        None => {
            return Err(Error::bad_input(
                path,
                "is empty; expected a header line with the case id column first",
            ));
        }
    };
    if header.len() < min_columns || header[0].is_empty() && header.len() == 1 {
        return Err(Error::bad_input(
            path,
            "line 1: expected the case id column then at least one attribute column, separated by ',' or ';'",
        ));
    }
    for (i, name) in header.iter().enumerate().skip(1) {
        if name.is_empty() {
            return Err(Error::bad_input(
                path,
                format!("line 1: column {} has no name", i + 1),
            ));
        }
        if header[1..i].contains(name) {
            return Err(Error::bad_input(
                path,
                format!("line 1: column '{name}' appears twice"),
            ));
        }
    }
    let mut records = Vec::new();
    for row in rows {
        let row = row.map_err(|e| csv_error(path, &e))?;
        let line = row.position().map_or(0, |p| p.line() as usize);
        let fields: Vec<String> = row.iter().map(clean_cell).collect();
        if fields.iter().all(String::is_empty) {
            continue;
        }
        if fields[0].is_empty() {
            return Err(Error::bad_input(
                path,
                format!("line {line}: the case id (first column) is empty"),
            ));
        }
        records.push((line, fields));
    }
    Ok((header, records))
}

/// A cell as stored: one line (line breaks and tabs of a multi-line cell become spaces), no
/// other control character (an escape sequence in a spreadsheet never reaches the terminal),
/// trimmed.
fn clean_cell(cell: &str) -> String {
    if !cell.chars().any(char::is_control) {
        return cell.trim().to_owned();
    }
    let one_line: String = cell
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    one_line.trim().to_owned()
}

fn csv_error(path: &Path, e: &csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line());
    let reason = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("line {line} has {len} fields where the header has {expected_len}")
        }
        _ => format!("line {line}: {e}"),
    };
    Error::bad_input(path, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_renamed_with_their_values_and_removed() {
        let mut t = CaseTable::default();
        t.ensure_cases(["E1", "E2"]);
        t.set("E1", "Âge", "40-50 ans").unwrap();
        t.set("E2", "Sexe", "F").unwrap();
        t.rename_attribute("Âge", "Tranche d'âge").unwrap();
        assert_eq!(
            t.attributes,
            ["Tranche d'âge", "Sexe"],
            "the column keeps its place"
        );
        assert_eq!(t.rows["E1"]["Tranche d'âge"], "40-50 ans");
        assert!(
            t.rename_attribute("Sexe", "Tranche d'âge").is_err(),
            "no two columns alike"
        );
        assert!(t.rename_attribute("Sexe", " ").is_err());
        assert!(t.rename_attribute("Nope", "X").is_err());
        t.remove_attribute("Sexe").unwrap();
        assert_eq!(t.attributes, ["Tranche d'âge"]);
        assert!(!t.rows["E2"].contains_key("Sexe"));
        assert!(t.remove_attribute("Sexe").is_err());
    }

    #[test]
    fn reads_semicolons_and_windows_1252() {
        let bytes = b"Entretien;Profession;R\xe9gion\nE1;M\xe9decin;Bretagne\nE2;IDE;\n";
        let t = CaseTable::parse(Path::new("c.csv"), bytes).unwrap();
        assert_eq!(t.attributes, ["Profession", "Région"]);
        assert_eq!(t.rows["E1"]["Profession"], "Médecin");
        assert!(!t.rows["E2"].contains_key("Région"));
    }

    #[test]
    fn writes_rows_in_natural_order() {
        let mut t = CaseTable {
            attributes: vec!["Sexe".into()],
            ..Default::default()
        };
        t.ensure_cases(["E10", "E2"]);
        t.set("E2", "Sexe", "F").unwrap();
        assert_eq!(
            String::from_utf8(t.to_csv()).unwrap(),
            "case,Sexe\nE2,F\nE10,\n"
        );
    }

    #[test]
    fn cells_are_one_line_without_control_characters() {
        let mut csv =
            "case;Profession\nE1;\"Infirmière\r\nde nuit\"\nE2;Kiné\u{1b}[31m\u{9b}\n".to_owned();
        for i in 3..40 {
            csv.push_str(&format!("E{i};Médecin généraliste\n"));
        }
        let (table, _) = parse_for_import(Path::new("cases.csv"), csv.as_bytes()).unwrap();
        let value = |t: &CaseTable, case: &str| t.rows[case]["Profession"].clone();
        assert_eq!(value(&table, "E1"), "Infirmière  de nuit");
        assert_eq!(value(&table, "E2"), "Kiné[31m");
        let mut table = table;
        table.set("E1", "Profession", " Sage-\u{7}femme\t").unwrap();
        assert_eq!(value(&table, "E1"), "Sage-femme");
    }

    #[test]
    fn ragged_lines_name_the_line() {
        let err = CaseTable::parse(Path::new("c.csv"), b"case,a\nE1,x\nE2,y,z\n")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "c.csv: line 3 has 3 fields where the header has 2");
    }

    #[test]
    fn merge_reports_unknown_cases() {
        let mut t = CaseTable::default();
        t.ensure_cases(["E1"]);
        let (incoming, lines) =
            parse_for_import(Path::new("c.csv"), b"id,Age\nE1,40-50\nE9,30-40\n").unwrap();
        let report = t.merge(incoming, &lines, |id| id == "E1");
        assert_eq!(report.updated, ["E1"]);
        assert_eq!(report.unknown, [(3, "E9".to_owned())]);
        assert_eq!(t.rows["E1"]["Age"], "40-50");
    }
}
