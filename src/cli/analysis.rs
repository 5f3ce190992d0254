//! `verbatim stats | matrix | cooccurrence | words | agreement | codings merge | saturation |
//! report`: each opens the project read-only (the merge as its writer), builds the selection
//! under the `passages` filters and hands the core's result to the output options.

use super::analysis_args::*;
use super::analysis_out::{Output, emit, language};
use super::args::{FilterArgs, Globals};
use super::passages::filters;
use super::session;
use anyhow::{Result, bail};
use verbatim::analysis::{
    Selection, agreement, cooccurrence, matrix, merge, report, saturation, stats, stopwords, svg,
    table::tr, tables, words,
};
use verbatim::ids::{NodeId, SourceId};
use verbatim::session::Session;
use verbatim::text::CharRange;

fn selection(s: &Session, globals: &Globals, f: &FilterArgs) -> Result<Selection> {
    Ok(Selection::from_session(s, &filters(s, globals, f)?)?)
}

fn nodes(s: &Session, paths: &[String]) -> Result<Vec<NodeId>> {
    Ok(paths
        .iter()
        .map(|p| s.codebook().resolve(p))
        .collect::<Result<_, _>>()?)
}

pub fn stats(globals: &Globals, a: StatsArgs) -> Result<()> {
    let s = session::read(globals)?;
    let sel = selection(&s, globals, &a.filters)?;
    let l = language(&a.out, s.project().manifest.language);
    match a.by.as_str() {
        "node" => {
            let rows = stats::nodes(&sel, a.descendants);
            let items: Vec<(String, f64)> = rows
                .iter()
                .filter(|r| r.figures.codings > 0)
                .map(|r| (r.path.clone(), r.figures.codings as f64))
                .collect();
            let chart = svg::bar_chart(
                &tr(l, "Codings per node", "Codages par nœud"),
                &items,
                &tr(l, "codings", "codages"),
            );
            emit(
                &a.out,
                Output {
                    key: "nodes",
                    json: &rows,
                    table: tables::stats_nodes(&rows, l),
                    svg: Some(chart),
                },
            )
        }
        "source" | "case" => {
            let by = if a.by == "case" {
                stats::By::Case
            } else {
                stats::By::Source
            };
            let rows = stats::groups(&sel, by, a.descendants);
            emit(
                &a.out,
                Output {
                    key: "rows",
                    json: &rows,
                    table: tables::stats_groups(&rows, by == stats::By::Case, l),
                    svg: None,
                },
            )
        }
        other => bail!("--by '{other}': expected node, source or case"),
    }
}

pub fn matrix(globals: &Globals, a: MatrixArgs) -> Result<()> {
    let s = session::read(globals)?;
    let rows = nodes(&s, &a.nodes)?;
    let columns = match a.by.as_str() {
        "source" => matrix::Columns::Source,
        "case" => matrix::Columns::Case,
        attr => {
            let Some(name) = s
                .project()
                .cases
                .attributes
                .iter()
                .find(|x| x.eq_ignore_ascii_case(attr))
            else {
                bail!(
                    "--by '{attr}': not source, case or a case attribute (attributes: {})",
                    s.project().cases.attributes.join(", ")
                )
            };
            matrix::Columns::Attribute(name.clone())
        }
    };
    let measure = match a.measure.as_str() {
        "codings" => matrix::Measure::Codings,
        "cases" => matrix::Measure::Cases,
        "words" => matrix::Measure::Words,
        m => bail!("--measure '{m}': expected codings, cases or words"),
    };
    let percent = match a.percent.as_deref() {
        None => None,
        Some("row") => Some(matrix::Percent::Row),
        Some("column") => Some(matrix::Percent::Column),
        Some(p) => bail!("--percent '{p}': expected row or column"),
    };
    let sel = selection(&s, globals, &a.filters)?;
    let m = matrix::matrix(&sel, &rows, a.descendants, &columns, measure, percent);
    let l = language(&a.out, s.project().manifest.language);
    let values: Vec<Vec<f64>> = m
        .rows
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|c| c.percent.unwrap_or(c.value as f64))
                .collect()
        })
        .collect();
    let labels: Vec<String> = m.rows.iter().map(|r| r.path.clone()).collect();
    let title = format!(
        "{} — {}",
        tr(l, "Matrix", "Matrice"),
        tables::measure_name(measure, l)
    );
    let chart = svg::heat_map(&title, &labels, &m.columns, &values);
    emit(
        &a.out,
        Output {
            key: "matrix",
            json: &m,
            table: tables::matrix(&m, l),
            svg: Some(chart),
        },
    )
}

pub fn cooccurrence(globals: &Globals, a: CooccurrenceArgs) -> Result<()> {
    let s = session::read(globals)?;
    let within = match a.within.as_str() {
        "overlap" => cooccurrence::Within::Overlap,
        "turn" => cooccurrence::Within::Turn,
        "source" => cooccurrence::Within::Source,
        w => bail!("--within '{w}': expected overlap, turn or source"),
    };
    let sel = selection(&s, globals, &a.filters)?;
    let list = if a.nodes.is_empty() {
        cooccurrence::coded_nodes(&sel)
    } else {
        nodes(&s, &a.nodes)?
    };
    let c = cooccurrence::cooccurrence(&sel, &list, within);
    let l = language(&a.out, s.project().manifest.language);
    let labels: Vec<String> = c.nodes.iter().map(|n| n.path.clone()).collect();
    let values: Vec<Vec<f64>> = c
        .cells
        .iter()
        .map(|r| r.iter().map(|x| x.count as f64).collect())
        .collect();
    let chart = svg::heat_map(
        &tr(l, "Co-occurrence", "Cooccurrences"),
        &labels,
        &labels,
        &values,
    );
    emit(
        &a.out,
        Output {
            key: "cooccurrence",
            json: &c,
            table: tables::cooccurrence(&c, l),
            svg: Some(chart),
        },
    )
}

pub fn words(globals: &Globals, a: WordsArgs) -> Result<()> {
    let s = session::read(globals)?;
    let language = s.project().manifest.language;
    let spec: stopwords::StopSpec = match &a.stop_words {
        Some(x) => x.parse().map_err(anyhow::Error::msg)?,
        None => stopwords::StopSpec::Language(language),
    };
    let stop = stopwords::StopWords::load(s.root(), &spec)?;
    let node = a
        .node
        .as_deref()
        .map(|p| s.codebook().resolve(p))
        .transpose()?;
    let sel = selection(&s, globals, &a.filters)?;
    let opts = words::Options {
        node,
        stem: !a.exact,
        min_length: a.min_length,
        top: Some(a.top),
        stop,
        language,
    };
    let l = language_of(&a.out, language);
    if let Some(w) = &a.kwic {
        let list = words::occurrences(&sel, &opts, w, a.context);
        return emit(
            &a.out,
            Output {
                key: "occurrences",
                json: &list,
                table: tables::occurrences(&list, l),
                svg: None,
            },
        );
    }
    let f = words::frequencies(&sel, &opts);
    let items: Vec<(String, f64)> = f
        .words
        .iter()
        .map(|w| (w.word.clone(), w.count as f64))
        .collect();
    let chart = svg::bar_chart(
        &tr(l, "Word frequency", "Fréquence des mots"),
        &items,
        &tr(l, "occurrences", "occurrences"),
    );
    emit(
        &a.out,
        Output {
            key: "words",
            json: &f,
            table: tables::words(&f, l),
            svg: Some(chart),
        },
    )
}

fn language_of(out: &OutArgs, project: verbatim::model::Language) -> verbatim::model::Language {
    language(out, project)
}

pub fn agreement(globals: &Globals, a: AgreementArgs) -> Result<()> {
    let s = session::read(globals)?;
    if a.coders.len() < 2 {
        bail!("--coders needs at least two coders, separated by commas");
    }
    for c in &a.coders {
        if !s.codings().by_coder.contains_key(c) {
            let known: Vec<&str> = s.codings().by_coder.keys().map(String::as_str).collect();
            bail!(
                "--coders: no codings by a coder named '{c}' (coders: {})",
                known.join(", ")
            );
        }
    }
    let unit = match a.unit.as_str() {
        "char" => agreement::ItemUnit::Char,
        "turn" => agreement::ItemUnit::Turn,
        u => bail!("--unit '{u}': expected char or turn"),
    };
    let mut f = filters(&s, globals, &a.filters)?;
    f.coder = None;
    let sel = Selection::from_session(&s, &f)?;
    let opts = agreement::Options {
        coders: a.coders.clone(),
        nodes: nodes(&s, &a.node)?,
        unit,
        exclude_uncoded: a.exclude_uncoded,
    };
    let mut result = agreement::agreement(&sel, &opts);
    if !a.per_source {
        for n in &mut result.nodes {
            n.sources.clear();
        }
    }
    let l = language(&a.out, s.project().manifest.language);
    let table = if a.disagreements {
        tables::disagreements(&result, l)
    } else {
        tables::agreement(&result, l)
    };
    if !a.out.json && a.out.output.is_none() && !a.out.csv && !a.disagreements {
        eprintln!("{}", tables::agreement_basis(&result, l));
    }
    emit(
        &a.out,
        Output {
            key: "agreement",
            json: &result,
            table,
            svg: None,
        },
    )
}

pub fn merge(globals: &Globals, a: MergeArgs) -> Result<()> {
    let mut s = session::write(globals)?;
    let n = merge::merge_coders(&mut s, &a.coders, &a.into, a.agreed_only)?;
    println!(
        "{n} passages coded for {} ({} of {})",
        a.into,
        if a.agreed_only {
            "agreed by all"
        } else {
            "union"
        },
        a.coders.join(", ")
    );
    Ok(())
}

pub fn saturation(globals: &Globals, a: SaturationArgs) -> Result<()> {
    let s = session::read(globals)?;
    let order = match a.order.as_str() {
        "coded" => saturation::Order::Coded,
        "label" => saturation::Order::Label,
        o => bail!("--order '{o}': expected coded or label"),
    };
    let sel = selection(&s, globals, &a.filters)?;
    let steps = saturation::saturation(&sel, order);
    let l = language(&a.out, s.project().manifest.language);
    let points: Vec<(String, f64, f64)> = steps
        .iter()
        .map(|x| (x.label.clone(), x.new.len() as f64, x.cumulative as f64))
        .collect();
    let chart = svg::saturation_chart(
        &tr(l, "Saturation", "Saturation"),
        &points,
        &tr(l, "new nodes", "nouveaux nœuds"),
        &tr(l, "cumulative nodes", "nœuds cumulés"),
    );
    emit(
        &a.out,
        Output {
            key: "saturation",
            json: &steps,
            table: tables::saturation(&steps, l),
            svg: Some(chart),
        },
    )
}

pub fn report(globals: &Globals, a: ReportArgs) -> Result<()> {
    let s = session::read(globals)?;
    let sel = selection(&s, globals, &a.filters)?;
    let r = report::report(&sel);
    let l = language(&a.out, s.project().manifest.language);
    let md = verbatim::analysis::report_md::markdown(&r, &s.project().manifest.name, l);
    if a.out.json {
        return super::output::print_json("report", &r);
    }
    if let Some(path) = &a.out.output {
        if !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        {
            bail!(
                "{}: the report is written as Markdown (.md)",
                path.display()
            );
        }
        verbatim::store::write_atomic(path, md.as_bytes())?;
        eprintln!("wrote {}", path.display());
        return Ok(());
    }
    print!("{md}");
    Ok(())
}

pub fn query(globals: &Globals, a: QueryArgs) -> Result<()> {
    use verbatim::analysis::query;
    let writes = a.save.is_some() || a.code.is_some();
    let mut s = if writes {
        session::write(globals)?
    } else {
        session::read(globals)?
    };
    let expr = match (&a.expr, &a.run) {
        (Some(e), _) => e.clone(),
        (None, Some(name)) => query::load(s.root(), name)?,
        (None, None) => bail!("give a query, or --run NAME"),
    };
    let parsed = query::parse(&expr, s.codebook())?;
    if let Some(name) = &a.save {
        let path = query::save(&s, name, &expr)?;
        eprintln!("saved {}", path.display());
    }
    let sel = selection(&s, globals, &a.filters)?;
    let hits = query::run(&sel, &parsed);
    if let Some(path) = &a.code {
        let ranges: Vec<(SourceId, CharRange)> = hits
            .iter()
            .map(|h| (h.source, CharRange::new(h.start, h.end)))
            .collect();
        if ranges.is_empty() {
            bail!("the query gives no passage; nothing to code into '{path}'");
        }
        let coder = s.coder().to_owned();
        let (_, n) = s.code_ranges_in_new_node(&coder, path, &ranges)?;
        eprintln!("{n} passages coded into {path}");
    }
    let l = language(&a.out, s.project().manifest.language);
    let table = verbatim::analysis::table::Table {
        title: tr(l, "Query", "Requête"),
        header: vec![
            tr(l, "source", "source"),
            tr(l, "speaker", "locuteur"),
            tr(l, "start", "début"),
            tr(l, "end", "fin"),
            tr(l, "text", "texte"),
        ],
        rows: hits
            .iter()
            .map(|h| {
                use verbatim::analysis::table::Value;
                vec![
                    Value::text(&h.label),
                    Value::text(h.speaker.clone().unwrap_or_default()),
                    Value::Int(h.start),
                    Value::Int(h.end),
                    Value::text(h.text.replace('\n', " ")),
                ]
            })
            .collect(),
        notes: vec![format!("{} {}", hits.len(), tr(l, "passages", "passages"))],
    };
    emit(
        &a.out,
        Output {
            key: "passages",
            json: &hits,
            table,
            svg: None,
        },
    )
}
