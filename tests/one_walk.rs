//! The `also:` and `coder:` filters agree across passages, the analysis selection and search,
//! which all start from the query layer's one walk over codings (`query::each_source`). An
//! integration test because it spans `query` and `analysis` (a unit test in `query` would make
//! `query` depend on `analysis`).

use verbatim::analysis::Selection;
use verbatim::query::{Filters, allowed_units, passages};
use verbatim::session::Session;
use verbatim::session::fixture::e1_project;
use verbatim::text::CharRange;

fn project() -> (tempfile::TempDir, Session) {
    e1_project(&["Freins/Temps", "Freins/Charge"])
}

/// `also:` with `coder:` counts only that coder's codings of the `also:` nodes, in passages,
/// the analysis selection and search alike; passages test the whole stretch, the analysis each
/// coding.
#[test]
fn also_and_coder_filters_agree_across_passages_analysis_and_search() {
    let (_d, mut s) = project();
    let e1 = s.source_id("E1").unwrap();
    let temps = s.codebook().resolve("Freins/Temps").unwrap();
    let charge = s.codebook().resolve("Freins/Charge").unwrap();
    s.code("sg", e1, CharRange::new(31, 45), temps).unwrap();
    s.code("mb", e1, CharRange::new(44, 60), temps).unwrap();
    s.code("mb", e1, CharRange::new(100, 110), temps).unwrap();
    s.code("mb", e1, CharRange::new(50, 55), charge).unwrap();
    s.code("sg", e1, CharRange::new(105, 108), charge).unwrap();
    let also = |coder: Option<&str>| Filters {
        also_nodes: Some(vec![charge]),
        coder: coder.map(str::to_owned),
        ..Default::default()
    };
    let passed = |f: &Filters| -> Vec<(usize, usize)> {
        passages(&s, &[temps], false, f)
            .unwrap()
            .iter()
            .map(|p| (p.start, p.end))
            .collect()
    };
    // The coders united: 31..60 meets mb's Charge at 50..55, 100..110 sg's at 105..108.
    assert_eq!(passed(&also(None)), [(31, 60), (100, 110)]);
    // Only sg: 31..45 meets no Charge coding of sg's.
    assert_eq!(passed(&also(Some("sg"))), []);
    // Only mb: 100..110 meets sg's Charge coding only, so it goes.
    assert_eq!(passed(&also(Some("mb"))), [(44, 60)]);
    let analysed = |f: &Filters| -> Vec<(usize, usize)> {
        let sel = Selection::from_session(&s, f).unwrap();
        let mut v: Vec<(usize, usize)> = sel
            .codings
            .iter()
            .filter(|c| c.node == temps)
            .map(|c| (c.start, c.end))
            .collect();
        v.sort();
        v
    };
    // Coding by coding: sg's 31..45 meets no Charge coding; mb's 44..60 and 100..110 do.
    assert_eq!(analysed(&also(None)), [(44, 60), (100, 110)]);
    assert_eq!(analysed(&also(Some("mb"))), [(44, 60)]);
    let within = allowed_units(&s, &[temps], &also(Some("mb"))).within;
    assert_eq!(within.len(), 2);
    assert_eq!(within[0][&e1], [(44, 60), (100, 110)]);
    assert_eq!(within[1][&e1], [(50, 55)]);
}
