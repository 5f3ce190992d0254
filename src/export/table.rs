//! The annex as a table, one row per verbatim (CSV here; XLSX reuses [`header`] and [`rows`]):
//! node path, node, source, case, every case attribute, speaker, start, end, coder (the coders
//! whose codings make the verbatim, `, `-separated), with memos asked a memo column (the coding
//! memos, separated by a blank line), then text — always last, so XLSX can spill a long one
//! into the next cells.
//!
//! Invariant: a cell that a spreadsheet would run as a formula (starting with `= + - @`, or a
//! tab or carriage return) is neutralised — in CSV by a leading `'`, in XLSX by Excel's quote
//! prefix — so opening an export never runs anything.

use super::annex::Annex;
use super::options::CsvPreset;
use crate::error::{Error, Result};

/// Whether a spreadsheet would read `cell` as a formula.
pub fn is_dangerous(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// `cell`, with a `'` before it when a spreadsheet would run it.
pub fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    if is_dangerous(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// One cell: text, or a number (start and end).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(&'a str),
    /// Text made for the row (joined coders, memos).
    Owned(String),
    Number(usize),
}

impl Cell<'_> {
    /// The text of a text cell.
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) => Some(t),
            Cell::Owned(t) => Some(t),
            Cell::Number(_) => None,
        }
    }
}

/// The column names.
pub fn header(annex: &Annex) -> Vec<String> {
    let mut h: Vec<String> = ["node_path", "node", "source", "case"]
        .map(str::to_owned)
        .to_vec();
    h.extend(annex.attributes.iter().cloned());
    h.extend(["speaker", "start", "end", "coder"].map(str::to_owned));
    if annex.memos {
        h.push("memo".to_owned());
    }
    h.push("text".to_owned());
    h
}

/// Every row, section by section; `progress` is told after each section.
pub fn rows<'a>(
    annex: &'a Annex,
    progress: super::Progress,
    mut each: impl FnMut(Vec<Cell<'a>>) -> Result<()>,
) -> Result<()> {
    let total = annex.sections.len();
    for (i, s) in annex.sections.iter().enumerate() {
        progress(i, total);
        for v in &s.verbatims {
            let (coders, memos) = (v.coders.join(", "), v.memos.join("\n\n"));
            let mut row = vec![
                Cell::Text(&s.path),
                Cell::Text(&s.name),
                Cell::Text(&v.label),
                Cell::Text(&v.case),
            ];
            row.extend(v.attributes.iter().map(|a| Cell::Text(a)));
            row.push(Cell::Text(v.speaker.as_deref().unwrap_or("")));
            row.push(Cell::Number(v.start));
            row.push(Cell::Number(v.end));
            row.push(Cell::Owned(coders));
            if annex.memos {
                row.push(Cell::Owned(memos));
            }
            row.push(Cell::Text(&v.text));
            each(row)?;
        }
    }
    progress(total, total);
    Ok(())
}

pub fn csv(annex: &Annex, progress: super::Progress) -> Result<Vec<u8>> {
    let (delimiter, bom) = match annex.csv {
        CsvPreset::Standard => (b',', false),
        CsvPreset::ExcelFr => (b';', true),
    };
    let mut out = Vec::with_capacity(annex.verbatim_count() * 300 + 1024);
    if bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let err = |e: csv::Error| Error::Invalid(format!("could not write the CSV: {e}"));
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let head: Vec<String> = header(annex);
    w.write_record(head.iter().map(|h| neutralised(h).into_owned()))
        .map_err(err)?;
    rows(annex, progress, |row| {
        let cells: Vec<String> = row
            .into_iter()
            .map(|c| match (&c, c.text()) {
                (_, Some(t)) => neutralised(t).into_owned(),
                (Cell::Number(n), None) => n.to_string(),
                _ => String::new(),
            })
            .collect();
        w.write_record(&cells).map_err(err)
    })?;
    w.into_inner()
        .map_err(|e| Error::Invalid(format!("could not write the CSV: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised_and_others_kept() {
        for bad in ["=HYPERLINK(\"x\")", "+33 6", "-2", "@SUM(A1)", "\tx"] {
            assert!(is_dangerous(bad), "{bad}");
            assert_eq!(neutralised(bad), format!("'{bad}"));
        }
        assert_eq!(neutralised("« non »"), "« non »");
    }
}
