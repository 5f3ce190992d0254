//! The analysis views of the TUI (issue 14) on the coded demo, driven by keys on a TestBackend:
//! the overview sorted and opened, the matrix with a cell opened and a jump to its passage,
//! word frequency bars and a word's occurrences, the agreement's disagreements with a jump,
//! the saturation chart, French labels, the codebook's labelled count columns, and what an
//! uncoded project says.

mod tui_kit;

use tui_kit::analysis::{coded, cursor, text, view};
use tui_kit::{Fixture, app_in, keys, shows};
use verbatim::tui::testing::{Lang, Tab, TabData};

#[test]
fn the_overview_lists_every_node_sorts_on_a_column_and_opens_a_nodes_passages() {
    let f = coded();
    let mut a = app_in(&f, Lang::En, 130, 40);
    assert!(
        shows(&a, "Codebook (codings · sources)"),
        "the codebook's count columns are labelled: {}",
        text(&a)
    );
    keys(&mut a, "%");
    assert_eq!(view(&a).ask.tab, Tab::Overview);
    assert!(shows(&a, "[Overview]"), "{}", text(&a));
    assert!(shows(&a, "codings"), "{}", text(&a));
    assert!(shows(&a, "Manque de temps"), "{}", text(&a));
    assert!(shows(&a, "sorted by codebook order"));
    let TabData::Overview(rows) = &view(&a).data else {
        panic!("overview data")
    };
    assert_eq!(rows[0].name, "I - Parcours et exercice", "codebook order");
    keys(&mut a, "o");
    assert!(shows(&a, "sorted by codings"), "{}", text(&a));
    let TabData::Overview(rows) = &view(&a).data else {
        panic!("overview data")
    };
    assert!(rows.windows(2).all(|w| w[0].codings >= w[1].codings));
    let top = rows[0].path.clone();
    keys(&mut a, "enter");
    let list = view(&a).list.clone().expect("the node's passages");
    assert_eq!(list.title, top);
    assert!(!list.rows.is_empty());
    assert!(shows(&a, &format!("{top} ({})", list.rows.len())));
    keys(&mut a, "j enter");
    assert!(
        a.state().popup.is_none(),
        "a passage opens in its transcript"
    );
    assert_eq!(cursor(&a), (list.rows[1].label.clone(), list.rows[1].start));
}

#[test]
fn the_matrix_shades_cells_opens_one_and_jumps_to_its_passage() {
    let f = coded();
    let mut a = app_in(&f, Lang::En, 130, 40);
    keys(&mut a, "% tab");
    assert_eq!(view(&a).ask.tab, Tab::Matrix);
    assert!(shows(&a, "columns: Profession"), "{}", text(&a));
    assert!(shows(&a, "Médecin gé"), "{}", text(&a));
    let TabData::Matrix(m) = view(&a).data.clone() else {
        panic!("matrix data")
    };
    assert!(m.max > 0);
    // The first row with a coded cell, and that cell.
    let (row, column) = m
        .rows
        .iter()
        .enumerate()
        .find_map(|(i, r)| r.cells.iter().position(|v| *v > 0).map(|c| (i, c)))
        .unwrap();
    for _ in 0..row {
        keys(&mut a, "j");
    }
    for _ in 0..column {
        keys(&mut a, "l");
    }
    assert_eq!((view(&a).ask.row, view(&a).ask.column), (row, column));
    keys(&mut a, "enter");
    let list = view(&a).list.clone().expect("the cell's passages");
    assert!(list.title.contains(&m.columns[column]), "{}", list.title);
    assert!(!list.rows.is_empty());
    keys(&mut a, "esc");
    assert!(view(&a).list.is_none(), "Esc goes back to the matrix");
    keys(&mut a, "enter enter");
    assert!(a.state().popup.is_none());
    assert_eq!(cursor(&a), (list.rows[0].label.clone(), list.rows[0].start));
    // `o` changes the columns to the next attribute.
    keys(&mut a, "% tab o");
    assert!(shows(&a, "columns: Sexe"), "{}", text(&a));
}

#[test]
fn the_matrix_heat_shading_is_stronger_on_the_largest_cell() {
    let f = coded();
    let mut a = app_in(&f, Lang::En, 130, 40);
    keys(&mut a, "% tab");
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(130, 40)).unwrap();
    t.draw(|fr| a.draw(fr)).unwrap();
    let buf = t.backend().buffer().clone();
    let backgrounds: std::collections::HashSet<_> = (0..40)
        .flat_map(|y| (0..130).map(move |x| (x, y)))
        .map(|(x, y)| buf[(x, y)].bg)
        .filter(|c| matches!(c, ratatui::style::Color::Rgb(..)))
        .collect();
    assert!(backgrounds.len() >= 2, "several shades: {backgrounds:?}");
}

#[test]
fn word_frequency_draws_bars_and_a_word_opens_its_occurrences() {
    let f = coded();
    let mut a = app_in(&f, Lang::En, 130, 40);
    keys(&mut a, "% tab tab");
    assert_eq!(view(&a).ask.tab, Tab::Words);
    assert!(shows(&a, "words in the corpus"), "{}", text(&a));
    assert!(shows(&a, "██"), "{}", text(&a));
    let TabData::Words(w) = view(&a).data.clone() else {
        panic!("words data")
    };
    assert!(w.rows.windows(2).all(|x| x[0].count >= x[1].count));
    keys(&mut a, "enter");
    let list = view(&a).list.clone().expect("the word's occurrences");
    assert!(list.title.contains(&w.rows[0].word));
    assert_eq!(list.rows.len(), w.rows[0].count, "every occurrence");
    assert!(list.rows[0].text.contains('['), "keyword in context");
    keys(&mut a, "enter");
    assert_eq!(cursor(&a), (list.rows[0].label.clone(), list.rows[0].start));
}

#[test]
fn agreement_lists_the_disagreements_and_goes_to_one() {
    let f = coded();
    let mut a = app_in(&f, Lang::En, 130, 40);
    keys(&mut a, "% tab tab tab");
    assert_eq!(view(&a).ask.tab, Tab::Agreement);
    assert!(shows(&a, "claire × marc"), "{}", text(&a));
    assert!(shows(&a, "kappa"));
    assert!(shows(&a, "text neither coder coded counts as agreement"));
    let TabData::Agreement(d) = view(&a).data.clone() else {
        panic!("agreement data")
    };
    assert!(d.kappa.unwrap() < 1.0 && d.kappa.unwrap() > 0.0);
    assert!(!d.disagreements.is_empty());
    assert!(shows(
        &a,
        &format!("Disagreements ({})", d.disagreements.len())
    ));
    assert!(d.disagreements[0].note.contains("coded by"));
    keys(&mut a, "j enter");
    assert!(a.state().popup.is_none());
    let target = &d.disagreements[1];
    assert_eq!(cursor(&a), (target.label.clone(), target.start));
    keys(&mut a, "% tab tab tab o");
    assert!(
        shows(&a, "text neither coder coded is left out"),
        "{}",
        text(&a)
    );
    let TabData::Agreement(left_out) = view(&a).data.clone() else {
        panic!("agreement data")
    };
    assert_ne!(
        left_out.kappa, d.kappa,
        "leaving out uncoded text changes kappa"
    );
}

#[test]
fn saturation_draws_one_bar_per_interview_up_to_every_node_used() {
    let f = coded();
    let mut a = app_in(&f, Lang::En, 130, 40);
    keys(&mut a, "% tab tab tab tab");
    assert_eq!(view(&a).ask.tab, Tab::Saturation);
    let TabData::Saturation(steps) = view(&a).data.clone() else {
        panic!("saturation data")
    };
    assert_eq!(steps.len(), 8);
    assert!(steps.windows(2).all(|w| w[0].cumulative <= w[1].cumulative));
    let last = steps.last().unwrap().cumulative;
    assert!(
        shows(&a, &format!("nodes used so far: {last}")),
        "{}",
        text(&a)
    );
    keys(&mut a, "o");
    assert!(shows(&a, "in label order"), "{}", text(&a));
    let TabData::Saturation(steps) = view(&a).data.clone() else {
        panic!("saturation data")
    };
    assert_eq!(steps[0].label, "E01");
    assert!(shows(&a, "E01") && shows(&a, "E08"), "{}", text(&a));
    keys(&mut a, "esc");
    assert!(a.state().popup.is_none());
}

#[test]
fn the_views_speak_french_and_an_uncoded_project_says_what_to_do() {
    let f = coded();
    let mut a = app_in(&f, Lang::Fr, 130, 40);
    assert!(shows(&a, "Codes (codages · sources)"), "{}", text(&a));
    keys(&mut a, "%");
    assert!(shows(&a, "[Vue d'ensemble]"), "{}", text(&a));
    assert!(shows(&a, "codages"));
    keys(&mut a, "tab");
    assert!(shows(&a, "colonnes : Profession"), "{}", text(&a));
    keys(&mut a, "tab tab");
    assert!(shows(&a, "Désaccords ("), "{}", text(&a));
    drop(a);
    let plain = tui_kit::sample();
    let mut a = app_in(&plain, Lang::En, 130, 40);
    keys(&mut a, "%");
    assert!(shows(&a, "Nothing is coded yet"), "{}", text(&a));
    keys(&mut a, "tab tab");
    assert!(shows(&a, "words in the corpus"), "words need no coding");
}

/// The core's selection under a filter written as in the `f` prompt.
fn filtered(f: &Fixture, filter: &str) -> verbatim::analysis::Selection {
    let s = verbatim::session::Session::open(&f.root).unwrap();
    let filters = verbatim::query::parse_filters(filter, s.project(), s.codebook()).unwrap();
    verbatim::analysis::Selection::from_session(&s, &filters).unwrap()
}

#[test]
fn every_view_honours_the_passages_filter_as_the_cli_flags_would() {
    use verbatim::analysis::{agreement, saturation, stats};
    let f = coded();
    let filter = "-role:interviewer Sexe=F";
    let sel = filtered(&f, filter);
    let all = filtered(&f, "");
    let mut a = app_in(&f, Lang::En, 130, 40);
    keys(&mut a, "f text:-role:interviewer_Sexe=F enter");
    keys(&mut a, "%");
    assert_eq!(view(&a).filter, filter);
    assert!(
        shows(&a, "Analysis · ⏷ -role:interviewer Sexe=F"),
        "{}",
        text(&a)
    );
    // Overview: the figures of `verbatim stats --exclude-role interviewer --attr Sexe=F`.
    let TabData::Overview(rows) = view(&a).data.clone() else {
        panic!("overview data")
    };
    let expected = stats::nodes(&sel, true);
    let unfiltered = stats::nodes(&all, true);
    let codings = |rows: &[verbatim::analysis::stats::NodeRow]| -> usize {
        rows.iter()
            .filter(|r| r.depth == 1)
            .map(|r| r.figures.codings)
            .sum()
    };
    assert!(
        codings(&expected) < codings(&unfiltered),
        "the filter narrows"
    );
    assert_eq!(rows.len(), expected.len());
    for (shown, core) in rows.iter().zip(&expected) {
        assert_eq!(
            (shown.codings, shown.sources, shown.words),
            (
                core.figures.codings,
                core.figures.sources,
                core.figures.words
            ),
            "{}",
            core.path
        );
    }
    // Matrix by sources: only the women's interviews (E02, E03, E04, E06) have codings.
    let women = ["E02", "E03", "E04", "E06"];
    keys(&mut a, "tab");
    let m = loop {
        let TabData::Matrix(m) = view(&a).data.clone() else {
            panic!("matrix data")
        };
        if m.by == "sources" {
            break m;
        }
        keys(&mut a, "o");
    };
    for (i, column) in m.columns.iter().enumerate() {
        if !women.contains(&column.as_str()) {
            assert_eq!(m.column_totals[i], 0, "{column} is filtered out");
        }
    }
    assert!(m.column_totals.iter().sum::<usize>() > 0);
    // Word frequency: the words of the kept turns only.
    keys(&mut a, "tab");
    let TabData::Words(w) = view(&a).data.clone() else {
        panic!("words data")
    };
    assert!(w.total_words < all.total_words() && w.total_words > 0);
    // Agreement: the coders' figures over the kept text.
    keys(&mut a, "tab");
    let TabData::Agreement(d) = view(&a).data.clone() else {
        panic!("agreement data")
    };
    let opts = agreement::Options {
        coders: vec!["claire".into(), "marc".into()],
        nodes: Vec::new(),
        unit: agreement::ItemUnit::Char,
        exclude_uncoded: false,
    };
    let core = agreement::agreement(&sel, &opts);
    let overall = core.overall.unwrap();
    assert_eq!(d.kappa, overall.kappa);
    assert_ne!(
        d.kappa,
        agreement::agreement(&all, &opts).overall.unwrap().kappa
    );
    assert_eq!(d.disagreements.len(), core.disagreements.len());
    // Saturation: only the interviews the filter keeps.
    keys(&mut a, "tab");
    let TabData::Saturation(steps) = view(&a).data.clone() else {
        panic!("saturation data")
    };
    let expected = saturation::saturation(&sel, saturation::Order::Coded);
    assert_eq!(steps.len(), expected.len());
    assert!(
        steps.iter().all(|s| women.contains(&s.label.as_str())),
        "{steps:?}"
    );
}
