//! Hand-computed figures on the small fixture: matrix, co-occurrence, overview, saturation,
//! word frequency and the consensus plan.

use super::cooccurrence::{Within, cooccurrence};
use super::fixture::{E1, E2, line, small, within};
use super::matrix::{Columns, Measure, NO_VALUE, Percent, matrix};
use super::merge::plan;
use super::saturation::{Order, saturation};
use super::stats;
use super::stopwords::StopWords;
use super::words::{self, Options};
use crate::ids::NodeId;
use crate::model::Language;

#[test]
fn matrix_of_codings_by_attribute_with_totals_and_row_percent() {
    let f = small();
    let m = matrix(
        &f.sel,
        &[f.freins, f.leviers],
        true,
        &Columns::Attribute("Profession".into()),
        Measure::Codings,
        Some(Percent::Row),
    );
    assert_eq!(m.columns, ["IDE", "MG", NO_VALUE]);
    let values: Vec<Vec<usize>> = m
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.value).collect())
        .collect();
    // Freins with Temps: IDE = sg E2; MG = sg E1 l0, sg E1 l2, mb E1 l0; — = sg E3.
    assert_eq!(values, [vec![1, 3, 1], vec![2, 2, 0]]);
    assert_eq!(m.rows.iter().map(|r| r.total).collect::<Vec<_>>(), [5, 4]);
    assert_eq!(m.column_totals, [3, 5, 1]);
    assert_eq!(m.total, 9);
    assert_eq!(m.rows[0].cells[1].percent, Some(60.0));
    // The MG cell of Freins: line 0 (both coders, one passage) and "Le temps" of line 2.
    let p: Vec<(usize, usize)> = m.rows[0].cells[1]
        .passages
        .iter()
        .map(|p| (p.start, p.end))
        .collect();
    assert_eq!(p, [line(E1, 0), within(E1, 2, "Le temps")]);
}

#[test]
fn matrix_of_cases_and_words_counts_each_case_once() {
    let f = small();
    let cases = matrix(
        &f.sel,
        &[f.freins, f.leviers],
        true,
        &Columns::Attribute("Profession".into()),
        Measure::Cases,
        Some(Percent::Column),
    );
    let values: Vec<Vec<usize>> = cases
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.value).collect())
        .collect();
    assert_eq!(values, [vec![1, 1, 1], vec![1, 1, 0]]);
    assert_eq!(cases.column_totals, [1, 1, 1]);
    assert_eq!(cases.total, 3);
    assert_eq!(cases.rows[1].cells[0].percent, Some(100.0));
    // Words: "Le temps manque le soir." (5) + "Le temps" (2) in MG; without descendants Freins
    // has only E3's line.
    let words = matrix(
        &f.sel,
        &[f.freins],
        true,
        &Columns::Source,
        Measure::Words,
        None,
    );
    assert_eq!(words.columns, ["E1", "E2", "E3"]);
    assert_eq!(
        words.rows[0]
            .cells
            .iter()
            .map(|c| c.value)
            .collect::<Vec<_>>(),
        [7, 3, 3]
    );
    let alone = matrix(
        &f.sel,
        &[f.freins],
        false,
        &Columns::Case,
        Measure::Codings,
        None,
    );
    assert_eq!(alone.columns, ["C1", "C2", "C3"]);
    assert_eq!(
        alone.rows[0]
            .cells
            .iter()
            .map(|c| c.value)
            .collect::<Vec<_>>(),
        [0, 0, 1]
    );
}

#[test]
fn cooccurrence_by_overlap_turn_and_source() {
    let f = small();
    let nodes = [f.temps, f.leviers];
    let count = |w| {
        let t = cooccurrence(&f.sel, &nodes, w);
        t.cells
            .iter()
            .map(|r| r.iter().map(|c| c.count).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    // Temps and Leviers share no text; they meet in E1's line 2 and in sources E1 and E2.
    assert_eq!(count(Within::Overlap), [[3, 0], [0, 3]]);
    assert_eq!(count(Within::Turn), [[3, 1], [1, 3]]);
    assert_eq!(count(Within::Source), [[2, 2], [2, 2]]);
    let turn = cooccurrence(&f.sel, &nodes, Within::Turn);
    let p = &turn.cells[0][1].passages[0];
    assert_eq!(
        (p.label.as_str(), p.start, p.end),
        ("E1", line(E1, 2).0, line(E1, 2).1)
    );
    // Overlapping codings do meet: code Leviers on "temps" of E2's line 0.
    let mut f = small();
    let (a, b) = within(E2, 0, "temps");
    f.sel.push_coding(1, "sg", f.leviers, a, b);
    let t = cooccurrence(&f.sel, &[f.temps, f.leviers], Within::Overlap);
    assert_eq!(t.cells[0][1].count, 1);
    assert_eq!(
        (
            t.cells[1][0].passages[0].start,
            t.cells[1][0].passages[0].end
        ),
        (a, b)
    );
}

#[test]
fn overview_counts_codings_verbatims_sources_cases_and_words() {
    let f = small();
    let rows = stats::nodes(&f.sel, false);
    assert_eq!(
        rows.iter().map(|r| r.path.as_str()).collect::<Vec<_>>(),
        ["Freins", "Freins/Temps", "Leviers"]
    );
    let temps = &rows[1].figures;
    assert_eq!(
        (
            temps.codings,
            temps.verbatims,
            temps.sources,
            temps.cases,
            temps.words
        ),
        (4, 3, 2, 2, 10)
    );
    let total = f.sel.total_words();
    assert_eq!(total, 5 + 3 + 6 + 3 + 4 + 3);
    assert!((temps.share - 10.0 / total as f64).abs() < 1e-12);
    let rolled = stats::nodes(&f.sel, true);
    assert_eq!(rolled[0].figures.codings, 5);
    let by_source = stats::groups(&f.sel, stats::By::Source, false);
    let e2: Vec<(&str, usize)> = by_source
        .iter()
        .filter(|r| r.group == "E2")
        .map(|r| (r.path.as_str(), r.figures.codings))
        .collect();
    assert_eq!(e2, [("Freins/Temps", 1), ("Leviers", 2)]);
}

#[test]
fn saturation_counts_new_nodes_per_interview() {
    let f = small();
    let steps = saturation(&f.sel, Order::Label);
    let got: Vec<(&str, usize, usize)> = steps
        .iter()
        .map(|s| (s.label.as_str(), s.new.len(), s.cumulative))
        .collect();
    assert_eq!(got, [("E1", 2, 2), ("E2", 0, 2), ("E3", 1, 3)]);
    assert_eq!(steps[2].new, ["Freins"]);
    // By date: E3 coded first puts it first.
    let mut f = small();
    for c in &mut f.sel.codings {
        c.at = if c.source == 2 {
            "2026-01-01T00:00:00Z"
        } else {
            "2026-02-01T00:00:00Z"
        }
        .into();
    }
    let steps = saturation(&f.sel, Order::Coded);
    assert_eq!(
        steps.iter().map(|s| s.cumulative).collect::<Vec<_>>(),
        [1, 3, 3]
    );
}

fn opts(node: Option<NodeId>, stem: bool) -> Options {
    Options {
        node,
        stem,
        min_length: 3,
        top: None,
        stop: StopWords::builtin(Language::Fr),
        language: Language::Fr,
    }
}

#[test]
fn word_frequency_over_the_corpus_and_one_node() {
    let f = small();
    let all = words::frequencies(&f.sel, &opts(None, false));
    assert_eq!(all.total_words, 24);
    let top: Vec<(&str, usize)> = all
        .words
        .iter()
        .take(2)
        .map(|w| (w.word.as_str(), w.count))
        .collect();
    assert_eq!(top, [("temps", 3), ("réunions", 2)]);
    assert!(all.words.iter().all(|w| w.word != "le" && w.word != "à"));
    let node = words::frequencies(&f.sel, &opts(Some(f.freins), false));
    let got: Vec<(&str, usize)> = node
        .words
        .iter()
        .map(|w| (w.word.as_str(), w.count))
        .collect();
    assert_eq!(
        got,
        [
            ("temps", 3),
            ("dire", 1),
            ("manque", 1),
            ("rien", 1),
            ("soir", 1)
        ]
    );
    let kwic = words::occurrences(&f.sel, &opts(None, false), "Temps", 10);
    assert_eq!(kwic.len(), 3);
    assert_eq!(
        (kwic[0].before.as_str(), kwic[0].word.as_str()),
        ("Le ", "temps")
    );
}

#[test]
fn stemming_groups_forms_and_elisions_are_dropped() {
    let mut f = small();
    let text = "L'écoute, les écoutes et l’écoute.";
    let s = f.sel.push_source(super::SourceView::new(
        crate::ids::SourceId::random(),
        "E4",
        "C4",
        text,
        &[],
    ));
    let _ = s;
    let exact = words::frequencies(&f.sel, &opts(None, false));
    assert!(
        exact
            .words
            .iter()
            .any(|w| w.word == "écoute" && w.count == 2)
    );
    let stem = words::frequencies(&f.sel, &opts(None, true));
    let g = stem.words.iter().find(|w| w.word == "écoute").unwrap();
    assert_eq!(
        (g.count, g.forms.clone()),
        (3, vec!["écoute".to_owned(), "écoutes".to_owned()])
    );
}

#[test]
fn consensus_plan_is_union_or_agreement() {
    let f = small();
    let coders = ["sg".to_owned(), "mb".to_owned()];
    assert_eq!(plan(&f.sel, &coders, false).len(), 7);
    let agreed = plan(&f.sel, &coders, true);
    let got: Vec<(usize, usize)> = agreed.iter().map(|p| (p.2, p.3)).collect();
    assert_eq!(got, [line(E1, 0), line(E2, 1)]);
}
