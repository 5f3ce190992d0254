//! Reading a table file into rows of cell strings: CSV (the delimiter found among `;`, `,` and
//! tab; UTF-8 with or without BOM, UTF-16, Windows-1252; quoted cells over several lines) and
//! spreadsheets (.xlsx, .xlsm, .xls, .ods through calamine, the first sheet unless one is named;
//! a cell merged down several rows gives its value to each of them).
//!
//! Invariant: every row keeps the number the user sees in a spreadsheet or editor (the CSV line a
//! record starts on, the sheet's row number) and cells keep their sheet column, for messages.

use crate::error::{Error, Result};
use crate::formats::decode::decode_table_bytes;
use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};
use std::io::Cursor;
use std::path::Path;

/// File name extensions read as spreadsheets.
pub const SPREADSHEETS: &[&str] = &["xlsx", "xlsm", "xls", "ods"];
/// File name extensions read as delimited text.
pub const DELIMITED: &[&str] = &["csv", "tsv", "txt"];

/// The cells of a table, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub rows: Vec<Row>,
    /// Whether columns are named by letters (a spreadsheet) or numbers (CSV) in messages.
    pub lettered: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The CSV line the record starts on, or the sheet's row number (1-based).
    pub number: usize,
    pub cells: Vec<String>,
}

impl Grid {
    /// How a message names the row: "line 4" (CSV) or "row 4" (spreadsheet).
    pub fn at(&self, row: &Row) -> String {
        let word = if self.lettered { "row" } else { "line" };
        format!("{word} {}", row.number)
    }

    /// How a message names a column: "column C" (spreadsheet) or "column 3" (CSV).
    pub fn column(&self, index: usize) -> String {
        if self.lettered {
            format!("column {}", column_letters(index))
        } else {
            format!("column {}", index + 1)
        }
    }
}

/// `A`, `B`, …, `Z`, `AA`, … for a 0-based column index.
pub fn column_letters(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads the table in `bytes`, its kind told by the extension of `path`.
pub fn read_grid(path: &Path, bytes: &[u8], sheet: Option<&str>) -> Result<Grid> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if SPREADSHEETS.contains(&ext.as_str()) {
        read_spreadsheet(path, bytes, sheet)
    } else if DELIMITED.contains(&ext.as_str()) {
        if sheet.is_some() {
            return Err(Error::bad_input(
                path,
                "is a CSV file, which has no sheets; --sheet is for spreadsheets",
            ));
        }
        read_csv(path, bytes)
    } else {
        Err(Error::bad_input(
            path,
            format!(
                "is not a table verbatim reads (expected .{} or .{})",
                DELIMITED.join(", ."),
                SPREADSHEETS.join(", .")
            ),
        ))
    }
}

/// Reads delimited text, the delimiter chosen as the one that gives the most rows of the same
/// width (so commas inside the answers of a `;` file do not fool it).
pub fn read_csv(path: &Path, bytes: &[u8]) -> Result<Grid> {
    let text = decode_table_bytes(path, bytes)?;
    let delimiter = sniff_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let at = e
                .position()
                .map_or(String::new(), |p| format!("line {}: ", p.line()));
            Error::bad_input(path, format!("{at}could not be read as CSV ({e})"))
        })?;
        // The line the record starts on, counted from its byte offset (on a CRLF file the
        // reader places a record on the `\n` that ends the line before).
        let number = record.position().map_or(0, |p| {
            let bytes = text.as_bytes();
            let mut at = (p.byte() as usize).min(bytes.len());
            while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
                at += 1;
            }
            1 + bytes[..at].iter().filter(|b| **b == b'\n').count()
        });
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        rows.push(Row { number, cells });
    }
    Ok(Grid {
        rows,
        lettered: false,
    })
}

fn sniff_delimiter(text: &str) -> u8 {
    let mut best = (b',', 0usize, 0usize);
    for delimiter in [b';', b',', b'\t'] {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut widths: Vec<usize> = Vec::new();
        for record in reader.records().take(50) {
            match record {
                Ok(r) if r.iter().any(|c| !c.trim().is_empty()) => widths.push(r.len()),
                Ok(_) => {}
                Err(_) => break,
            }
        }
        // The most frequent width above one column, and how many rows have it.
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for w in widths.into_iter().filter(|w| *w > 1) {
            match counts.iter_mut().find(|(width, _)| *width == w) {
                Some((_, n)) => *n += 1,
                None => counts.push((w, 1)),
            }
        }
        if let Some((width, rows)) = counts.into_iter().max_by_key(|(w, n)| (*n, *w))
            && (rows, width) > (best.1, best.2)
        {
            best = (delimiter, rows, width);
        }
    }
    best.0
}

fn read_spreadsheet(path: &Path, bytes: &[u8], sheet: Option<&str>) -> Result<Grid> {
    let unreadable = |e: &dyn std::fmt::Display| {
        Error::bad_input(
            path,
            format!("could not be read as a spreadsheet ({e}); save it again as .xlsx or .csv"),
        )
    };
    let mut book: Sheets<_> =
        open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.trim().eq_ignore_ascii_case(s.trim()))
            .cloned()
            .ok_or_else(|| {
                Error::bad_input(
                    path,
                    format!(
                        "has no sheet named '{s}'; its sheets are: {}",
                        names.join(", ")
                    ),
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::bad_input(path, "has no sheet"))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| unreadable(&e))?;
    let merged = match &mut book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        _ => Vec::new(),
    };
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Row> = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut out = vec![String::new(); left as usize];
            out.extend(cells.iter().map(cell_text));
            Row {
                number: top as usize + i + 1,
                cells: out,
            }
        })
        .collect();
    for region in merged {
        let (r0, c) = (region.start.0 as usize, region.start.1 as usize);
        let Some(first) = r0.checked_sub(top as usize) else {
            continue;
        };
        let value = rows
            .get(first)
            .and_then(|r| r.cells.get(c))
            .cloned()
            .unwrap_or_default();
        let last = (region.end.0 as usize).saturating_sub(top as usize);
        for row in rows.iter_mut().take(last + 1).skip(first + 1) {
            if let Some(cell) = row.cells.get_mut(c).filter(|cell| cell.is_empty()) {
                cell.clone_from(&value);
            }
        }
    }
    Ok(Grid {
        rows,
        lettered: true,
    })
}

/// The text a cell shows: whole numbers without `.0`, dates as `YYYY-MM-DD[ HH:MM]`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(d) => {
            let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
            match (d.is_datetime(), h, mi, s) {
                (true, 0, 0, 0) => format!("{y:04}-{mo:02}-{day:02}"),
                (true, ..) if s == 0 => format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}"),
                (true, ..) => format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02}"),
                (false, ..) => format!("{h:02}:{mi:02}:{s:02}"),
            }
        }
        other => other.to_string(),
    }
}
