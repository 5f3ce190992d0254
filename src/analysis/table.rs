//! Query results as plain tables, and those tables as CSV, Markdown and XLSX bytes — the files
//! `-o FILE.csv|.md|.xlsx` writes — with French or English headers.
//!
//! Invariants: output is deterministic (a fixed workbook date, rows in the query's order); a
//! text cell a spreadsheet would run as a formula is neutralised (a leading `'` in CSV, the quote
//! prefix in XLSX); numbers stay numbers; Markdown escapes `|`.

use crate::error::{Error, Result};
use crate::export::table::{is_dangerous, neutralised};
use crate::model::Language;

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Int(usize),
    /// A number shown with `decimals` digits after the point.
    Float(f64, usize),
    Empty,
}

impl Value {
    pub fn text(s: impl Into<String>) -> Self {
        Self::Text(s.into())
    }

    pub fn opt(x: Option<f64>, decimals: usize) -> Self {
        x.map_or(Self::Empty, |v| Self::Float(v, decimals))
    }

    /// As shown in text, CSV and Markdown.
    pub fn show(&self) -> String {
        match self {
            Self::Text(s) => s.clone(),
            Self::Int(n) => n.to_string(),
            Self::Float(v, d) => format!("{v:.d$}"),
            Self::Empty => String::new(),
        }
    }

    pub fn is_number(&self) -> bool {
        matches!(self, Self::Int(_) | Self::Float(..))
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// Lines printed under the table (what was counted, options used).
    pub notes: Vec<String>,
}

/// English or French text.
pub fn tr(lang: Language, en: &str, fr: &str) -> String {
    match lang {
        Language::En => en.to_owned(),
        Language::Fr => fr.to_owned(),
    }
}

impl Table {
    pub fn csv(&self) -> Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let err = |e: csv::Error| Error::Invalid(format!("could not write the CSV: {e}"));
        w.write_record(self.header.iter().map(|h| neutralised(h).into_owned()))
            .map_err(err)?;
        for row in &self.rows {
            w.write_record(row.iter().map(|c| match c {
                Value::Text(s) => neutralised(s).into_owned(),
                other => other.show(),
            }))
            .map_err(err)?;
        }
        w.into_inner()
            .map_err(|e| Error::Invalid(format!("could not write the CSV: {e}")))
    }

    pub fn markdown(&self) -> String {
        let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let mut out = String::new();
        if !self.title.is_empty() {
            out.push_str(&format!("## {}\n\n", esc(&self.title)));
        }
        out.push_str(&format!(
            "| {} |\n",
            self.header
                .iter()
                .map(|h| esc(h))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
        let numeric: Vec<bool> = (0..self.header.len())
            .map(|i| {
                self.rows
                    .iter()
                    .any(|r| r.get(i).is_some_and(Value::is_number))
            })
            .collect();
        out.push_str(&format!(
            "|{}|\n",
            numeric
                .iter()
                .map(|n| if *n { "---:" } else { "---" })
                .collect::<Vec<_>>()
                .join("|")
        ));
        for row in &self.rows {
            out.push_str(&format!(
                "| {} |\n",
                row.iter()
                    .map(|c| esc(&c.show()))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
        }
        for n in &self.notes {
            out.push_str(&format!("\n{}\n", esc(n)));
        }
        out
    }

    pub fn xlsx(&self) -> Result<Vec<u8>> {
        use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
        let err = |e: rust_xlsxwriter::XlsxError| {
            Error::Invalid(format!("could not write the XLSX: {e}"))
        };
        let mut book = Workbook::new();
        let date = ExcelDateTime::from_ymd(2000, 1, 1).map_err(err)?;
        book.set_properties(
            &DocProperties::new()
                .set_title(&self.title)
                .set_creation_datetime(&date),
        );
        let bold = Format::new().set_bold();
        let quoted = Format::new().set_quote_prefix();
        let sheet = book.add_worksheet();
        for (c, h) in self.header.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, h, &bold)
                .map_err(err)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Value::Text(s) if is_dangerous(s) => {
                        sheet
                            .write_string_with_format(r, c, s, &quoted)
                            .map_err(err)?;
                    }
                    Value::Text(s) => {
                        sheet.write_string(r, c, s).map_err(err)?;
                    }
                    Value::Int(n) => {
                        sheet.write_number(r, c, *n as f64).map_err(err)?;
                    }
                    Value::Float(v, _) => {
                        sheet.write_number(r, c, *v).map_err(err)?;
                    }
                    Value::Empty => {}
                }
            }
        }
        for (r, n) in (self.rows.len() as u32 + 2..).zip(&self.notes) {
            sheet.write_string(r, 0, n).map_err(err)?;
        }
        book.save_to_buffer().map_err(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_render_as_csv_markdown_and_xlsx_with_formulas_neutralised() {
        let t = Table {
            title: "Nœuds".into(),
            header: vec!["node".into(), "codings".into()],
            rows: vec![
                vec![Value::text("=SUM(A1)"), Value::Int(3)],
                vec![Value::text("a|b"), Value::Float(0.5, 2)],
            ],
            notes: vec!["note".into()],
        };
        assert_eq!(
            String::from_utf8(t.csv().unwrap()).unwrap(),
            "node,codings\n'=SUM(A1),3\na|b,0.50\n"
        );
        let md = t.markdown();
        assert!(
            md.contains("| a\\|b | 0.50 |") && md.contains("|---|---:|"),
            "{md}"
        );
        let x = t.xlsx().unwrap();
        assert_eq!(x, t.xlsx().unwrap());
        assert!(x.starts_with(b"PK"));
    }
}
