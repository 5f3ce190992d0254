//! Coding queries on the small fixture: each operator, parentheses, text inside a node, errors.

use super::{parse, run};
use crate::analysis::fixture::{E1, E2, line, small, within};

fn hits(q: &str) -> Vec<(String, usize, usize)> {
    let f = small();
    let e = parse(q, &f.sel.codebook).unwrap();
    run(&f.sel, &e)
        .into_iter()
        .map(|h| (h.label, h.start, h.end))
        .collect()
}

fn r(label: &str, (a, b): (usize, usize)) -> (String, usize, usize) {
    (label.to_owned(), a, b)
}

#[test]
fn a_node_stands_for_its_codings_and_descendants() {
    assert_eq!(
        hits("\"Freins/Temps\""),
        [
            r("E1", line(E1, 0)),
            r("E1", within(E1, 2, "Le temps")),
            r("E2", line(E2, 0))
        ]
    );
    assert_eq!(
        hits("\"temps\"").len(),
        3,
        "a unique name works without its path"
    );
    assert_eq!(hits("\"Freins\"").len(), 4);
}

#[test]
fn and_or_not() {
    assert!(hits("\"Temps\" AND \"Leviers\"").is_empty());
    assert_eq!(
        hits("\"Temps\" or \"Leviers\"").len(),
        6,
        "four stretches in E1, two in E2"
    );
    assert_eq!(hits("\"Leviers\" AND NOT \"Temps\"").len(), 3);
    let not = hits("NOT \"Freins\"");
    assert_eq!(not[0], r("E1", line(E1, 1)));
    assert!(not.iter().all(|h| h.0 != "E3"));
}

#[test]
fn near_in_the_same_turn_or_within_n_words() {
    assert_eq!(
        hits("\"Temps\" NEAR \"Leviers\""),
        [
            r("E1", within(E1, 2, "Le temps")),
            r("E1", within(E1, 2, "réunions"))
        ]
    );
    // Within 2 words, the codings of consecutive lines meet too (only a line break between).
    assert_eq!(hits("\"Temps\" NEAR/2 \"Leviers\"").len(), 6);
}

#[test]
fn text_inside_a_node_and_alone() {
    assert_eq!(
        hits("\"Leviers\" AND text:\"REUNIONS\""),
        [r("E1", line(E1, 1)), r("E1", within(E1, 2, "réunions"))]
    );
    assert_eq!(hits("text:connait"), [r("E2", line(E2, 1))]);
}

#[test]
fn parentheses_change_the_result() {
    assert_eq!(hits("\"Freins\" AND (\"Temps\" OR \"Leviers\")").len(), 3);
    assert_eq!(hits("(\"Freins\" AND \"Temps\") OR \"Leviers\"").len(), 6);
}

#[test]
fn errors_name_the_position() {
    let f = small();
    let err = |q: &str| parse(q, &f.sel.codebook).unwrap_err().to_string();
    assert!(err("\"Temps\" AND").contains("ends too early"));
    assert!(err("Temps").contains("at character 1") && err("Temps").contains("in quotes"));
    assert!(err("(\"Temps\"").contains("parenthesis is not closed"));
    assert!(err("\"Temps").contains("quote is not closed"));
    assert!(err("\"Nope\"").contains("no node is named 'Nope'"));
    assert!(err("\"Temps\" \"Leviers\"").contains("missing AND or OR"));
    assert!(err("\"Temps\" NEAR/x \"Leviers\"").contains("number of words"));
}

#[test]
fn saved_queries_are_listed_in_natural_order_with_their_expressions() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        super::saved(dir.path()).unwrap().is_empty(),
        "no folder yet"
    );
    let q = super::queries_dir(dir.path());
    std::fs::create_dir_all(&q).unwrap();
    for (file, text) in [
        ("temps 10.txt", "\"A\"\n"),
        ("temps 2.txt", "\"A\" OR \"B\"\n"),
        ("élan.txt", "text:élan"),
        (".caché.txt", "\"A\""),
        ("notes.md", "pas une requête"),
    ] {
        std::fs::write(q.join(file), text).unwrap();
    }
    let names: Vec<(String, String)> = super::saved(dir.path()).unwrap();
    assert_eq!(
        names,
        [
            ("temps 2".to_owned(), "\"A\" OR \"B\"".to_owned()),
            ("temps 10".to_owned(), "\"A\"".to_owned()),
            ("élan".to_owned(), "text:élan".to_owned()),
        ]
    );
}
