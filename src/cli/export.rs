//! `verbatim export`: the annex "verbatims per category" in any format, from the flags of
//! [`super::args::ExportArgs`] turned into core export options.

use super::args::{ExportArgs, Globals};
use super::{passages, session};
use anyhow::{Result, bail};
use verbatim::export::{self, CsvPreset, Format, Numbering, Options};
use verbatim::session::Session;

/// The core options the flags ask for (node paths resolved, values checked).
pub fn options(s: &Session, globals: &Globals, a: &ExportArgs) -> Result<Options> {
    let nodes = a
        .node
        .iter()
        .map(|p| s.codebook.resolve(p))
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
        && !s.project.cases.attributes.contains(name)
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
        max_chars: a.max_chars,
        context: a.context,
        keep_interviewer: !a.drop_interviewer,
        transcripts: a.transcripts,
        title: a.title.clone(),
        csv,
    })
}

/// `export --format qdpx|qdc`: the project or its codebook for other QDA programs.
fn refi(globals: &Globals, a: &ExportArgs, qdpx: bool) -> Result<()> {
    let s = session::read(globals)?;
    if !qdpx {
        verbatim::store::write_atomic(
            &a.output,
            verbatim::refi::qdc::write(&s.codebook).as_bytes(),
        )?;
        eprintln!("wrote {} ({} nodes)", a.output.display(), s.codebook.len());
        return Ok(());
    }
    let out = verbatim::refi::qde_write::build(&s)?;
    let bytes = verbatim::refi::qde_write::zip(&out)?;
    verbatim::store::write_atomic(&a.output, &bytes)?;
    if out.orphaned_skipped > 0 {
        eprintln!(
            "warning: {} orphaned coding(s) left out (they have no place in the text; see `verbatim check`)",
            out.orphaned_skipped
        );
    }
    eprintln!(
        "wrote {} ({} sources, {} bytes)",
        a.output.display(),
        out.files.len(),
        bytes.len()
    );
    Ok(())
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

fn refi_kind(a: &ExportArgs) -> Option<bool> {
    let named = a
        .format
        .as_deref()
        .map(str::to_ascii_lowercase)
        .or_else(|| {
            a.output
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
        });
    match named.as_deref() {
        Some("qdpx") => Some(true),
        Some("qdc") => Some(false),
        _ => None,
    }
}

pub fn run(globals: &Globals, a: &ExportArgs) -> Result<()> {
    if let Some(qdpx) = refi_kind(a) {
        return refi(globals, a, qdpx);
    }
    let format = match &a.format {
        Some(f) => f.parse::<Format>()?,
        None => match Format::from_path(&a.output) {
            Some(f) => f,
            None => bail!(
                "-o '{}': say the format with --format (docx, odt, md, html, csv, xlsx)",
                a.output.display()
            ),
        },
    };
    let s = session::read(globals)?;
    let opts = options(&s, globals, a)?;
    let report = export::write(&s, &opts, format, &a.output, &mut |_, _| {})?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    eprintln!(
        "wrote {} ({} nodes, {} verbatims, {} bytes)",
        a.output.display(),
        report.sections,
        report.verbatims,
        report.bytes
    );
    Ok(())
}
