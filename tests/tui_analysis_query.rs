//! The co-occurrence and coding-query views of the TUI's analysis popup (issue 14), on the
//! coded demo, driven by keys on a TestBackend: reached by their keys (`&`, `Q`) and from the
//! palette; the co-occurrence table's cell opens its passages and jumps to one; a saved query
//! is picked, its passages listed and one jumped to; a query is written, its result coded into
//! a new node; a query that does not parse says why; labels in French.

mod tui_kit;

use tui_kit::analysis::{coded, cursor, text, view};
use tui_kit::{Fixture, app_in, keys, shows};
use verbatim::tui::testing::{Lang, Tab, TabData};

const TEMPS: &str = "II.B.1 - Manque de temps";
const INTER: &str = "II.C.1 - Interconnaissance";

/// The passages `verbatim query EXPR` gives on the project (no filter).
fn core_hits(f: &Fixture, expr: &str) -> Vec<(String, usize, usize)> {
    use verbatim::analysis::{Selection, query};
    let s = verbatim::session::Session::open(&f.root).unwrap();
    let sel = Selection::from_session(&s, &verbatim::query::Filters::default()).unwrap();
    let e = query::parse(expr, s.codebook()).unwrap();
    query::run(&sel, &e)
        .into_iter()
        .map(|h| (h.label, h.start, h.end))
        .collect()
}

#[test]
fn the_cooccurrence_table_opens_a_cell_and_jumps_to_its_passage() {
    let f = coded();
    let mut a = app_in(&f, Lang::En, 130, 40);
    keys(&mut a, "&");
    assert_eq!(view(&a).ask.tab, Tab::Cooccurrence);
    assert!(shows(&a, "[Co-occurrence]"), "{}", text(&a));
    assert!(shows(&a, "both in the same text"), "{}", text(&a));
    let TabData::Cooccurrence(c) = view(&a).data.clone() else {
        panic!("co-occurrence data")
    };
    assert!(c.names.len() > 5);
    for i in 0..c.names.len() {
        for j in 0..c.names.len() {
            assert_eq!(c.cells[i][j], c.cells[j][i], "symmetric");
        }
    }
    // The first pair of different nodes that co-occur.
    let (row, column) = (0..c.names.len())
        .find_map(|i| {
            (0..c.names.len())
                .find(|&j| j != i && c.cells[i][j] > 0)
                .map(|j| (i, j))
        })
        .expect("two nodes co-occur in the demo");
    for _ in 0..row {
        keys(&mut a, "j");
    }
    for _ in 0..column {
        keys(&mut a, "l");
    }
    assert!(
        shows(&a, &format!("{} × {}", c.paths[row], c.paths[column])),
        "the pair under the cursor: {}",
        text(&a)
    );
    keys(&mut a, "enter");
    let list = view(&a).list.clone().expect("the cell's passages");
    assert_eq!(list.rows.len(), c.cells[row][column]);
    assert!(list.title.contains(&c.names[row]) && list.title.contains(&c.names[column]));
    keys(&mut a, "esc");
    assert!(view(&a).list.is_none(), "Esc goes back to the table");
    keys(&mut a, "enter enter");
    assert!(
        a.state().popup.is_none(),
        "the passage opens in its transcript"
    );
    assert_eq!(cursor(&a), (list.rows[0].label.clone(), list.rows[0].start));
    // `o`: in the same turn, then in the same interview (never fewer pairs).
    keys(&mut a, "& o");
    assert!(shows(&a, "both in the same turn"), "{}", text(&a));
    keys(&mut a, "o");
    assert!(shows(&a, "both in the same interview"), "{}", text(&a));
    let TabData::Cooccurrence(by_source) = view(&a).data.clone() else {
        panic!("co-occurrence data")
    };
    assert!(by_source.cells[row][column] >= 1);
}

#[test]
fn a_saved_query_is_picked_listed_and_jumped_to() {
    let f = coded();
    let expr = format!("\"{TEMPS}\" OR \"{INTER}\"");
    std::fs::create_dir_all(f.root.join("queries")).unwrap();
    std::fs::write(
        f.root.join("queries/temps ou inter.txt"),
        format!("{expr}\n"),
    )
    .unwrap();
    let mut a = app_in(&f, Lang::En, 130, 40);
    // From the palette.
    keys(&mut a, ": text:pick_a_saved enter");
    assert_eq!(view(&a).ask.tab, Tab::Query);
    assert!(shows(&a, "[Coding query]"), "{}", text(&a));
    assert!(shows(&a, "Write a query"), "{}", text(&a));
    assert!(shows(&a, "temps ou inter"), "{}", text(&a));
    keys(&mut a, "j enter");
    let TabData::Query(q) = view(&a).data.clone() else {
        panic!("query data")
    };
    assert_eq!(q.name, "temps ou inter");
    let expected = core_hits(&f, &expr);
    assert!(!expected.is_empty());
    let shown: Vec<(String, usize, usize)> = q
        .hits
        .iter()
        .map(|h| (h.label.clone(), h.start, h.end))
        .collect();
    assert_eq!(shown, expected, "the passages verbatim query gives");
    assert!(
        shows(&a, &format!("{} passages", expected.len())),
        "{}",
        text(&a)
    );
    assert!(shows(&a, "verbatim export --query NAME"), "{}", text(&a));
    keys(&mut a, "j enter");
    assert!(a.state().popup.is_none());
    assert_eq!(cursor(&a), (expected[1].0.clone(), expected[1].1));
    // Opened again: the saved queries; Esc from a result goes back to them, then closes.
    keys(&mut a, "Q");
    assert!(shows(&a, "Write a query"), "{}", text(&a));
    keys(&mut a, "j enter");
    assert_eq!(view(&a).data_rows(), expected.len());
    keys(&mut a, "esc");
    assert!(shows(&a, "Write a query"), "{}", text(&a));
    keys(&mut a, "esc");
    assert!(a.state().popup.is_none());
}

#[test]
fn a_written_query_is_run_and_its_result_coded_into_a_new_node() {
    let f = coded();
    let mut a = app_in(&f, Lang::En, 130, 40);
    keys(&mut a, "Q enter");
    assert!(
        shows(&a, "Query (\"NODE\" AND|OR|NOT|NEAR[/N]"),
        "the prompt: {}",
        text(&a)
    );
    let typed = format!("\"{TEMPS}\"_AND_NOT_\"{INTER}\"").replace(' ', "_");
    keys(&mut a, &format!("text:{typed} enter"));
    let expr = format!("\"{TEMPS}\" AND NOT \"{INTER}\"");
    let TabData::Query(q) = view(&a).data.clone() else {
        panic!("query data")
    };
    assert_eq!(q.expr, expr);
    assert_eq!(q.hits.len(), core_hits(&f, &expr).len());
    assert!(!q.hits.is_empty());
    keys(&mut a, "c");
    assert!(
        shows(&a, "Code the query's passages into the new node"),
        "{}",
        text(&a)
    );
    keys(&mut a, "text:Requêtes/Temps_sans_inter enter");
    assert!(a.state().popup.is_none());
    let node = a
        .state()
        .codebook
        .nodes
        .iter()
        .find(|n| n.path == "Requêtes/Temps sans inter")
        .expect("the new node is in the codebook");
    let s = verbatim::session::Session::open(&f.root).unwrap();
    let coded =
        verbatim::query::passages(&s, &[node.id], false, &verbatim::query::Filters::default())
            .unwrap();
    assert_eq!(coded.len(), q.hits.len(), "one coding per passage");
    // An expression that does not parse says why, in the view.
    keys(&mut a, "Q enter text:\"Nope\"_OR enter");
    let TabData::Query(bad) = view(&a).data.clone() else {
        panic!("query data")
    };
    assert!(bad.error.is_some() && bad.hits.is_empty());
    assert!(shows(&a, "query, at character"), "{}", text(&a));
}

#[test]
fn the_new_views_speak_french() {
    let f = coded();
    let mut a = app_in(&f, Lang::Fr, 130, 40);
    keys(&mut a, "&");
    assert!(shows(&a, "[Cooccurrences]"), "{}", text(&a));
    assert!(shows(&a, "les deux dans le même passage"), "{}", text(&a));
    keys(&mut a, "Q");
    assert!(shows(&a, "[Requête de codage]"), "{}", text(&a));
    assert!(shows(&a, "Écrire une requête"), "{}", text(&a));
    assert!(shows(&a, "aucune requête enregistrée"), "{}", text(&a));
}
