//! The annex as an XLSX workbook (rust_xlsxwriter): one sheet, one row per verbatim, the columns
//! of [`super::table::header`], the header row frozen with an autofilter.
//!
//! Invariants: every text cell is a string cell (never a formula) and one that starts like a
//! formula carries Excel's quote prefix; a text longer than a cell can hold (32,767 characters)
//! is split over extra `text (2)`, `text (3)`… columns with a warning, and any other cell too
//! long (a memo) is cut to fit with a marker saying how much was left out, and a warning; the
//! workbook's date is fixed so two exports are identical.

use super::annex::Annex;
use super::table::{Cell, header, is_dangerous, rows};
use crate::error::{Error, Result};
use crate::model::Language;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// Characters one cell can hold.
pub const CELL_LIMIT: usize = 32_767;

fn err(e: XlsxError) -> Error {
    Error::Invalid(format!("could not write the XLSX: {e}"))
}

/// Byte length of the longest start of `text` that fits in `units` UTF-16 code units (what
/// Excel, and rust_xlsxwriter's check, count as characters).
fn fitting(text: &str, units: usize) -> usize {
    if text.len() <= units {
        return text.len();
    }
    let mut n = 0;
    for (b, c) in text.char_indices() {
        n += c.len_utf16();
        if n > units {
            return b;
        }
    }
    text.len()
}

/// `text` in pieces of at most [`CELL_LIMIT`] characters.
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        let b = fitting(rest, CELL_LIMIT);
        if b == rest.len() {
            break;
        }
        out.push(&rest[..b]);
        rest = &rest[b..];
    }
    out.push(rest);
    out
}

/// A text too long for one cell (a memo, say) cut to fit, ending with a marker that says how
/// many characters were left out; `None` when it fits.
fn cut_to_fit(text: &str, language: Language) -> Option<(String, usize)> {
    if fitting(text, CELL_LIMIT) == text.len() {
        return None;
    }
    let total = text.chars().count();
    // The marker's length depends on the number it holds: leave room for the longest.
    let room = CELL_LIMIT - marker(total, language).encode_utf16().count();
    let kept = &text[..fitting(text, room)];
    let left_out = total - kept.chars().count();
    Some((format!("{kept}{}", marker(left_out, language)), left_out))
}

fn marker(left_out: usize, language: Language) -> String {
    match language {
        Language::Fr => format!(" [… coupé : {left_out} caractères de plus]"),
        Language::En => format!(" [… cut: {left_out} more characters]"),
    }
}

pub fn write(annex: &mut Annex, progress: super::Progress) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let date = ExcelDateTime::from_ymd(2000, 1, 1).map_err(err)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(&annex.title)
            .set_creation_datetime(&date),
    );
    let bold = Format::new().set_bold();
    let quoted = Format::new().set_quote_prefix();
    let sheet = book.add_worksheet();
    sheet.set_name("Verbatims").map_err(err)?;
    let head = header(annex);
    let text_col = head.len() - 1;
    // Extra columns for texts that need more than one cell.
    let extra = annex
        .sections
        .iter()
        .flat_map(|s| &s.verbatims)
        .map(|v| pieces(&v.text).len() - 1)
        .max()
        .unwrap_or(0);
    for (c, h) in head.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, h, &bold)
            .map_err(err)?;
    }
    for k in 0..extra {
        sheet
            .write_string_with_format(
                0,
                (text_col + 1 + k) as u16,
                format!("text ({})", k + 2),
                &bold,
            )
            .map_err(err)?;
    }
    let mut warnings = Vec::new();
    let mut r: u32 = 0;
    rows(annex, progress, |row| {
        r += 1;
        for (c, cell) in row.into_iter().enumerate() {
            match &cell {
                &Cell::Number(n) => {
                    sheet.write_number(r, c as u16, n as f64).map_err(err)?;
                }
                Cell::Text(_) | Cell::Owned(_) => {
                    let mut t = cell.text().unwrap_or_default();
                    let cut = (c != text_col)
                        .then(|| cut_to_fit(t, annex.language))
                        .flatten();
                    if let Some((fitted, left_out)) = &cut {
                        warnings.push(format!(
                            "row {}: the {} cell of {} characters is cut to fit one cell \
                             (a cell holds {CELL_LIMIT}; {left_out} characters left out, kept \
                             whole in the other formats)",
                            r + 1,
                            head[c],
                            t.chars().count()
                        ));
                        t = fitted;
                    }
                    let parts = if c == text_col { pieces(t) } else { vec![t] };
                    if parts.len() > 1 {
                        warnings.push(format!(
                            "row {}: a verbatim of {} characters is split over {} cells \
                             (a cell holds {CELL_LIMIT})",
                            r + 1,
                            t.chars().count(),
                            parts.len()
                        ));
                    }
                    for (k, part) in parts.into_iter().enumerate() {
                        let col = (c + k) as u16;
                        if is_dangerous(part) {
                            sheet
                                .write_string_with_format(r, col, part, &quoted)
                                .map_err(err)?;
                        } else {
                            sheet.write_string(r, col, part).map_err(err)?;
                        }
                    }
                }
            }
        }
        Ok(())
    })?;
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    if r > 0 {
        sheet
            .autofilter(0, 0, r, (text_col + extra) as u16)
            .map_err(err)?;
    }
    sheet.set_column_width(text_col as u16, 80).map_err(err)?;
    annex.warnings.extend(warnings);
    book.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_split_at_the_cell_limit() {
        let long = "é".repeat(CELL_LIMIT * 2 + 5);
        let p = pieces(&long);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].chars().count(), CELL_LIMIT);
        assert_eq!(p[2].chars().count(), 5);
        assert_eq!(p.concat(), long);
        // Excel counts UTF-16 units: a character outside the BMP takes two.
        let wide = "😀".repeat(CELL_LIMIT / 2 + 1);
        let p = pieces(&wide);
        assert_eq!(p.len(), 2);
        assert!(p.iter().all(|x| x.encode_utf16().count() <= CELL_LIMIT));
        assert_eq!(p.concat(), wide);
    }

    #[test]
    fn a_cell_too_long_is_cut_with_a_marker() {
        assert!(cut_to_fit("court", Language::Fr).is_none());
        let long = "mémo ".repeat(10_000);
        let (cut, left_out) = cut_to_fit(&long, Language::Fr).unwrap();
        assert!(cut.encode_utf16().count() <= CELL_LIMIT);
        assert!(
            cut.ends_with(&format!("[… coupé : {left_out} caractères de plus]")),
            "{}",
            cut.chars().rev().take(60).collect::<String>()
        );
        assert_eq!(
            cut.chars().count() - marker(left_out, Language::Fr).chars().count() + left_out,
            long.chars().count()
        );
        assert!(
            cut_to_fit(&long, Language::En)
                .unwrap()
                .0
                .ends_with("more characters]")
        );
    }
}
