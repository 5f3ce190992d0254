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

/// The selection worked on at once on every core (`select_map`, the annex's) hands over what
/// the one-by-one walk (`select_each`) does, sources in natural label order, unreadable ones
/// left out alike.
#[test]
fn the_parallel_selection_gives_the_sequential_one_in_source_order() {
    use verbatim::import::{ImportOptions, commit, prepare_bytes};
    use verbatim::query::{Selection, select_each, select_map};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let mut p =
        verbatim::project::Project::init(&root, None, verbatim::model::Language::Fr).unwrap();
    // Labels whose natural order is not their import order nor their byte order.
    let files: Vec<_> = ["E10", "E2", "E1", "E33", "E3"]
        .iter()
        .map(|l| {
            let name = format!("{l}.txt");
            let text = format!("Enquêteur : Et vous ?\n{l} : Je parle, {l}, longtemps.\n");
            let prepared = prepare_bytes(&name, text.as_bytes()).unwrap();
            (std::path::PathBuf::from(name), prepared)
        })
        .collect();
    commit(&mut p, files, &ImportOptions::default()).unwrap();
    drop(p);
    let mut s = Session::open_writer(&root).unwrap();
    let a = s.add_node("A").unwrap();
    let b = s.add_node("B").unwrap();
    for label in ["E10", "E2", "E1", "E33"] {
        let id = s.source_id(label).unwrap();
        s.code("sg", id, CharRange::new(22, 30), a).unwrap();
        s.code("mb", id, CharRange::new(28, 40), b).unwrap();
    }
    let mut groups = std::collections::HashMap::new();
    groups.insert(a, vec![0]);
    groups.insert(b, vec![0, 1]);
    let sel = Selection {
        groups,
        ..Default::default()
    };
    type Picked = (String, Vec<(usize, Vec<(usize, usize, usize)>)>);
    let picked = |u: &verbatim::query::SourceSelection| -> Picked {
        let groups = u
            .groups
            .iter()
            .map(|(g, sts)| {
                let sts = sts.iter().map(|st| (st.start, st.end, st.coders.len()));
                (*g, sts.collect())
            })
            .collect();
        (u.meta.label.clone(), groups)
    };
    let mut one_by_one = Vec::new();
    select_each(&s, &sel, |u| {
        one_by_one.push(picked(&u));
        Ok(())
    })
    .unwrap();
    let at_once = select_map(&s, &sel, |u| Ok(picked(&u))).unwrap();
    assert_eq!(at_once, one_by_one);
    let labels: Vec<&str> = at_once.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["E1", "E2", "E10", "E33"]);
    // Group 0 unites A and B (22..40, both coders); group 1 holds B alone.
    assert_eq!(
        at_once[0].1,
        [(0, vec![(22, 40, 2)]), (1, vec![(28, 40, 1)])]
    );
    // An error comes back as the sequential walk would meet it first.
    let failed = select_map(&s, &sel, |u| match u.meta.label.as_str() {
        "E2" | "E33" => Err(verbatim::Error::Invalid(u.meta.label.clone())),
        _ => Ok(()),
    });
    assert!(matches!(failed, Err(verbatim::Error::Invalid(l)) if l == "E2"));
}
