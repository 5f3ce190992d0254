//! The runtime side of the analysis views: computes the view asked for through the core's
//! analysis queries and the passages opened from it, under the Passages filter (the `f`
//! prompt, DESIGN §4), so each view shows what `verbatim stats`, `matrix`, `words`,
//! `agreement` and `saturation` print with the same filter flags.
//!
//! Invariants: reads only (nothing here changes the project); the cursor it hands back is
//! inside the rows shown; an empty project or a single coder gives a sentence, not an error;
//! a filter that no longer parses (a case renamed since) is an error message, never ignored.

use super::analysis_i18n::A;
use super::analysis_rows::{
    AgreementData, AgreementRow, AnalysisAsk, AnalysisView, Jump, JumpList, MatrixData, MatrixRow,
    Open, OverviewRow, SaturationStep, Tab, TabData, WordRow, WordsData,
};
use super::i18n::Lang;
use super::msg::{Done, Msg};
use crate::analysis::matrix::{self, Columns, Measure, PassageRef};
use crate::analysis::stopwords::{StopSpec, StopWords};
use crate::analysis::{Selection, agreement, saturation, stats, words};
use crate::error::Result;
use crate::session::Session;

/// How many words the word frequency view lists.
const TOP_WORDS: usize = 40;
/// Characters of context around a word's occurrence.
const CONTEXT: usize = 40;

/// Computes the view asked for under the Passages filter `filter` (as typed) and answers
/// with it.
pub fn run(session: &Session, lang: Lang, filter: &str, ask: AnalysisAsk) -> Result<Vec<Msg>> {
    let view = compute(session, lang, filter, ask)?;
    Ok(vec![Msg::Done(Done::Analysis(Box::new(view)))])
}

pub fn compute(
    session: &Session,
    lang: Lang,
    filter: &str,
    mut ask: AnalysisAsk,
) -> Result<AnalysisView> {
    let filters = super::snapshot::parse_filter(session, filter)?;
    let sel = Selection::from_session(session, &filters)?;
    let (data, list) = if sel.codings.is_empty() && !matches!(ask.tab, Tab::Words | Tab::Query) {
        (TabData::Nothing(lang.a(A::NothingCoded).to_owned()), None)
    } else {
        match ask.tab {
            Tab::Overview => overview(&sel, &ask),
            Tab::Matrix => matrix_view(&sel, lang, &mut ask),
            Tab::Words => words_view(session, &sel, lang, &ask)?,
            Tab::Agreement => (agreement_view(&sel, lang, &ask), None),
            Tab::Saturation => (saturation_view(&sel, &ask), None),
            Tab::Cooccurrence => super::analysis_query_ops::cooccurrence_view(&sel, lang, &mut ask),
            Tab::Query => (
                super::analysis_query_ops::query_view(session, &sel, &ask)?,
                None,
            ),
        }
    };
    let mut view = AnalysisView {
        ask,
        filter: filter.trim().to_owned(),
        data,
        list: list.filter(|l| !l.rows.is_empty()),
    };
    if view.list.is_none() {
        view.ask.open = None;
    }
    view.ask.row = view.ask.row.min(view.data_rows().saturating_sub(1));
    Ok(view)
}

pub(super) fn jumps(sel: &Selection, refs: &[PassageRef], note: &str) -> Vec<Jump> {
    refs.iter()
        .map(|p| {
            let text = sel
                .sources
                .iter()
                .find(|s| s.id == p.source)
                .map(|s| s.text.slice(p.start, p.end).replace('\n', " "))
                .unwrap_or_default();
            Jump {
                source: p.source,
                label: p.label.clone(),
                start: p.start,
                end: p.end,
                text,
                note: note.to_owned(),
            }
        })
        .collect()
}

fn overview(sel: &Selection, ask: &AnalysisAsk) -> (TabData, Option<JumpList>) {
    let mut rows: Vec<OverviewRow> = stats::nodes(sel, true)
        .into_iter()
        .map(|r| OverviewRow {
            node: r.node,
            name: sel
                .codebook
                .node(r.node)
                .map_or_else(|| r.path.clone(), |n| n.name.clone()),
            path: r.path,
            depth: r.depth,
            codings: r.figures.codings,
            verbatims: r.figures.verbatims,
            sources: r.figures.sources,
            cases: r.figures.cases,
            words: r.figures.words,
            share: r.figures.share,
        })
        .collect();
    let key = |r: &OverviewRow| match ask.sort {
        1 => r.codings,
        2 => r.verbatims,
        3 => r.sources,
        4 => r.cases,
        5 | 6 => r.words,
        _ => 0,
    };
    if ask.sort > 0 {
        rows.sort_by_key(|r| std::cmp::Reverse(key(r)));
    }
    let list = match &ask.open {
        Some(Open::Node(id)) => rows.iter().find(|r| r.node == *id).map(|r| {
            let ids = sel.node_set(*id, true);
            let codings: Vec<_> = sel
                .codings
                .iter()
                .filter(|c| ids.contains(&c.node))
                .collect();
            JumpList {
                title: r.path.clone(),
                rows: jumps(sel, &matrix::passages(sel, &codings), &r.path),
                selected: 0,
            }
        }),
        _ => None,
    };
    (TabData::Overview(rows), list)
}

fn matrix_view(sel: &Selection, lang: Lang, ask: &mut AnalysisAsk) -> (TabData, Option<JumpList>) {
    let mut choices: Vec<String> = sel.cases.attributes.clone();
    choices.push(lang.a(A::Sources).to_owned());
    choices.push(lang.a(A::Cases).to_owned());
    ask.columns %= choices.len();
    let attributes = sel.cases.attributes.len();
    let by = if ask.columns < attributes {
        Columns::Attribute(choices[ask.columns].clone())
    } else if ask.columns == attributes {
        Columns::Source
    } else {
        Columns::Case
    };
    let nodes = sel.codebook.all_ids();
    let m = matrix::matrix(sel, &nodes, true, &by, Measure::Codings, None);
    ask.column = ask.column.min(m.columns.len().saturating_sub(1));
    let list = match ask.open {
        Some(Open::Cell { row, column }) => m.rows.get(row).and_then(|r| {
            let cell = r.cells.get(column)?;
            let title = format!("{} × {}", r.path, m.columns[column]);
            Some(JumpList {
                rows: jumps(sel, &cell.passages, &r.path),
                title,
                selected: 0,
            })
        }),
        _ => None,
    };
    let rows: Vec<MatrixRow> = m
        .rows
        .iter()
        .map(|r| MatrixRow {
            node: r.node,
            name: sel
                .codebook
                .node(r.node)
                .map_or_else(|| r.path.clone(), |n| n.name.clone()),
            depth: sel.codebook.ancestry(r.node).map_or(1, |a| a.len()),
            cells: r.cells.iter().map(|c| c.value).collect(),
            total: r.total,
        })
        .collect();
    let max = rows
        .iter()
        .flat_map(|r| r.cells.iter().copied())
        .max()
        .unwrap_or(0);
    let data = MatrixData {
        by: choices[ask.columns].clone(),
        choices,
        columns: m.columns,
        rows,
        column_totals: m.column_totals,
        max,
    };
    (TabData::Matrix(data), list)
}

fn words_view(
    session: &Session,
    sel: &Selection,
    lang: Lang,
    ask: &AnalysisAsk,
) -> Result<(TabData, Option<JumpList>)> {
    let language = session.project().manifest.language;
    let stop = StopWords::load(session.root(), &StopSpec::Language(language))?;
    let opts = words::Options {
        node: None,
        stem: true,
        min_length: 3,
        top: Some(TOP_WORDS),
        stop,
        language,
    };
    let f = words::frequencies(sel, &opts);
    let list = match &ask.open {
        Some(Open::Word(w)) => {
            let rows = words::occurrences(sel, &opts, w, CONTEXT)
                .into_iter()
                .map(|o| Jump {
                    source: o.source,
                    label: o.label,
                    start: o.start,
                    end: o.end,
                    text: format!("{}[{}]{}", o.before, o.word, o.after).replace('\n', " "),
                    note: String::new(),
                })
                .collect();
            Some(JumpList {
                title: format!("{} « {w} »", lang.a(A::Occurrences)),
                rows,
                selected: 0,
            })
        }
        _ => None,
    };
    let rows = f
        .words
        .into_iter()
        .map(|w| WordRow {
            word: w.word,
            count: w.count,
            share: w.share,
        })
        .collect();
    Ok((
        TabData::Words(WordsData {
            total_words: f.total_words,
            rows,
        }),
        list,
    ))
}

fn agreement_view(sel: &Selection, lang: Lang, ask: &AnalysisAsk) -> TabData {
    let coders = sel.coders();
    if coders.len() < 2 {
        return TabData::Nothing(lang.a(A::NeedTwoCoders).to_owned());
    }
    let opts = agreement::Options {
        coders: coders.clone(),
        nodes: Vec::new(),
        unit: agreement::ItemUnit::Char,
        exclude_uncoded: ask.exclude_uncoded,
    };
    let a = agreement::agreement(sel, &opts);
    let mut nodes: Vec<AgreementRow> = a
        .nodes
        .iter()
        .filter_map(|n| {
            let f = n.figures.as_ref()?;
            let t = &f.table;
            (t.both + t.first_only + t.second_only > 0).then(|| AgreementRow {
                path: n.path.clone(),
                percent: f.percent,
                kappa: f.kappa,
            })
        })
        .collect();
    nodes.sort_by(|x, y| {
        x.kappa
            .unwrap_or(1.0)
            .total_cmp(&y.kappa.unwrap_or(1.0))
            .then_with(|| x.path.cmp(&y.path))
    });
    let disagreements = a
        .disagreements
        .iter()
        .map(|d| Jump {
            source: d.source,
            label: d.label.clone(),
            start: d.start,
            end: d.end,
            text: d.text.replace('\n', " "),
            note: format!(
                "{} · {} {}, {} {}",
                d.path,
                lang.a(A::CodedBy),
                d.coded_by.join(", "),
                lang.a(A::NotBy),
                d.not_coded_by.join(", ")
            ),
        })
        .collect();
    let overall = a.overall.as_ref();
    TabData::Agreement(AgreementData {
        coders,
        percent: overall.and_then(|f| f.percent),
        kappa: overall.and_then(|f| f.kappa),
        alpha: a.overall_alpha,
        exclude_uncoded: a.exclude_uncoded,
        nodes,
        disagreements,
    })
}

fn saturation_view(sel: &Selection, ask: &AnalysisAsk) -> TabData {
    let order = if ask.by_label {
        saturation::Order::Label
    } else {
        saturation::Order::Coded
    };
    TabData::Saturation(
        saturation::saturation(sel, order)
            .into_iter()
            .map(|s| SaturationStep {
                label: s.label,
                new: s.new.len(),
                cumulative: s.cumulative,
            })
            .collect(),
    )
}
