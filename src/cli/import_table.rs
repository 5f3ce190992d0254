//! `verbatim import-table FILE --text COL[,COL…] [--id COL] [--attrs COL,…] [--by-column]`:
//! the open answers of a questionnaire (.csv, .xlsx, .xls, .ods) as sources, one per respondent
//! or one per question, with the respondents' case attributes.

use super::args::Globals;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;
use verbatim::import::table::TableOptions;

#[derive(Args)]
pub struct ImportTableArgs {
    /// The table: .csv (`;`, `,` or tab; UTF-8 or Windows-1252), .xlsx, .xls or .ods
    pub file: PathBuf,
    /// Column(s) of open answers: header text, its unique beginning, or 1-based number
    #[arg(long, required = true, value_delimiter = ',', value_name = "COL")]
    pub text: Vec<String>,
    /// Column of respondent ids (default: respondents numbered R1, R2… in file order)
    #[arg(long, value_name = "COL")]
    pub id: Option<String>,
    /// Columns kept as case attributes (default: every other named column)
    #[arg(long, value_delimiter = ',', value_name = "COL")]
    pub attrs: Option<Vec<String>>,
    /// One source per text column, one speaker turn per respondent
    #[arg(long)]
    pub by_column: bool,
    /// Text put before each respondent id to make its label and case (e.g. `Q-`)
    #[arg(long, value_name = "P")]
    pub prefix: Option<String>,
    /// Sheet of a spreadsheet to read (default: the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
}

pub fn run(globals: &Globals, args: ImportTableArgs) -> Result<()> {
    let mut session = super::session::write(globals)?;
    let opts = TableOptions {
        id: args.id,
        text: args.text,
        attrs: args.attrs,
        by_column: args.by_column,
        prefix: args.prefix,
        sheet: args.sheet,
    };
    let report = session.import_table(&args.file, &opts)?;
    for label in &report.sources {
        println!("imported {label}");
    }
    for (id, at) in &report.without_answer {
        eprintln!("no answer from respondent {id} ({at}): nothing imported for it");
    }
    let attributes = if report.attributes.is_empty() {
        "no attributes".to_owned()
    } else {
        format!("attributes {}", report.attributes.join(", "))
    };
    eprintln!(
        "{} source(s) from {} respondent(s), {attributes}; the project has {} sources",
        report.sources.len(),
        report.respondents,
        session.project().manifest.sources.len()
    );
    Ok(())
}
