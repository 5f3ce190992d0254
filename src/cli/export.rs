//! `verbatim export`: the annex "verbatims per category" in any format, from the flags of
//! [`super::args::ExportArgs`] turned into core export options.

use super::args::{ExportArgs, Globals};
use super::{passages, session};
use anyhow::{Result, bail};
use verbatim::export::{self, CsvPreset, Format, Numbering, Options};
use verbatim::session::Session;

/// Annex flags of issue 15 (faithfulness to the coding).
#[derive(clap::Args, Default)]
pub struct AnnexArgs {
    /// Join codings of a node separated only by white space into one verbatim (default: one
    /// coding, once overlapping or touching ones are united, is one verbatim)
    #[arg(long)]
    pub join_adjacent: bool,
    /// Node memos under their heading, coding memos under their verbatim (a memo column in
    /// CSV/XLSX)
    #[arg(long)]
    pub memos: bool,
}

/// The core options the flags ask for (node paths resolved, values checked).
pub fn options(s: &Session, globals: &Globals, a: &ExportArgs) -> Result<Options> {
    let nodes = a
        .node
        .iter()
        .map(|p| s.codebook().resolve(p))
        .collect::<Result<Vec<_>, _>>()?;
    let numbering = match a.numbering.as_str() {
        "auto" => Numbering::Auto,
        "none" => Numbering::None,
        other => bail!("--numbering '{other}' is not one of auto, none"),
    };
    let csv = match a.csv_preset.as_str() {
        "standard" => CsvPreset::Standard,
        "excel-fr" => CsvPreset::ExcelFr,
        other => bail!("--csv-preset '{other}' is not one of standard, excel-fr"),
    };
    let order: export::Order = a.order.parse()?;
    if let export::Order::Attribute(name) = &order
        && !s.project().cases.attributes.contains(name)
    {
        bail!("--order 'attr:{name}': no case attribute is named '{name}'");
    }
    if a.max_chars == Some(0) {
        bail!("--max-chars must be at least 1");
    }
    Ok(Options {
        nodes,
        depth: a.depth,
        skip_empty: a.skip_empty,
        filters: passages::filters(s, globals, &a.filters)?,
        counts: !a.no_counts,
        numbering,
        descriptions: a.descriptions,
        citation: a.citation.clone(),
        order,
        rollup: a.rollup,
        join_adjacent: a.annex.join_adjacent,
        memos: a.annex.memos,
        max_chars: a.max_chars,
        context: a.context,
        keep_interviewer: !a.drop_interviewer,
        transcripts: a.transcripts,
        title: a.title.clone(),
        csv,
        keep_names: a.leaks.keep_names,
        allow_leaks: a.leaks.allow_leaks,
    })
}

/// `import-qdpx FILE DIR`.
pub fn import_qdpx(
    file: &std::path::Path,
    dir: &std::path::Path,
    language: verbatim::model::Language,
) -> Result<()> {
    let r = verbatim::refi::qdpx_import::import(file, dir, language)?;
    println!(
        "created {}: {} sources, {} nodes, {} codings, {} cases, {} memos",
        dir.display(),
        r.sources,
        r.nodes,
        r.codings,
        r.cases,
        r.memos
    );
    for (label, unit) in &r.units {
        println!("  {label}: positions counted in {unit}, remapped");
    }
    for n in &r.notes {
        eprintln!("note: {n}");
    }
    Ok(())
}

pub fn run(globals: &Globals, a: &ExportArgs) -> Result<()> {
    let format = match &a.format {
        Some(f) => f.parse::<Format>()?,
        None => match Format::from_path(&a.output) {
            Some(f) => f,
            None => bail!(
                "-o '{}': say the format with --format (docx, odt, md, html, csv, xlsx, qdpx, qdc)",
                a.output.display()
            ),
        },
    };
    let s = session::read(globals)?;
    let opts = if format.is_annex() {
        options(&s, globals, a)?
    } else {
        Options {
            keep_names: a.leaks.keep_names,
            allow_leaks: a.leaks.allow_leaks,
            ..Options::default()
        }
    };
    let report = match &a.query {
        Some(name) if format.is_annex() => {
            let mut annex = verbatim::analysis::query_annex::saved(&s, &opts, name)?;
            export::write_annex(&mut annex, format, &a.output, &mut |_, _| {})?
        }
        Some(_) => bail!(
            "--query exports an annex (docx, odt, md, html, csv, xlsx), not {}",
            format.extension()
        ),
        None => export::write(&s, &opts, format, &a.output, &mut |_, _| {})?,
    };
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    session::warn_unreadable(&s);
    let what = match format {
        Format::Qdpx => "codings",
        Format::Qdc => "nodes",
        _ => "verbatims",
    };
    eprintln!(
        "wrote {} ({} nodes, {} {what}, {} bytes)",
        a.output.display(),
        report.sections,
        report.verbatims,
        report.bytes
    );
    Ok(())
}
