//! Tests of the selection engine on a small project: counts and passages unite the coders,
//! filter by coder, and follow descendants.

use super::*;
use crate::ids::{NodeId, SourceId};
use crate::import::{ImportOptions, commit, prepare_bytes};
use crate::model::Language;
use crate::project::Project;
use crate::session::Session;
use std::path::PathBuf;

const E1: &str = "Enquêteur : Et le temps ?\nM1 : Le temps, c'est le problème. Les réunions tombent le soir, après la journée.\nEnquêteur : D'accord.\nM1 : Mais on se connaît mieux, maintenant.";

fn project() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let mut p = Project::init(&root, None, Language::Fr).unwrap();
    commit(
        &mut p,
        vec![(
            PathBuf::from("E1.txt"),
            prepare_bytes("E1.txt", E1.as_bytes()).unwrap(),
        )],
        &ImportOptions::default(),
    )
    .unwrap();
    drop(p);
    let mut s = Session::open_writer(&root).unwrap();
    s.add_node("Freins/Temps").unwrap();
    s.add_node("Freins/Charge").unwrap();
    (dir, s)
}

fn node(s: &Session, path: &str) -> NodeId {
    s.codebook().resolve(path).unwrap()
}

fn src(s: &Session) -> SourceId {
    s.source_id("E1").unwrap()
}

#[test]
fn counts_and_passages_use_the_union_of_coders() {
    let (_d, mut s) = project();
    let e1 = src(&s);
    let (temps, charge) = (node(&s, "Freins/Temps"), node(&s, "Freins/Charge"));
    s.code("sg", e1, 31, 45, temps).unwrap();
    s.code("mb", e1, 35, 50, temps).unwrap();
    s.code("mb", e1, 100, 110, charge).unwrap();
    let counts = node_counts(&s, None);
    assert_eq!(
        counts[&temps],
        NodeCounts {
            codings: 2,
            sources: 1,
            codings_total: 2,
            sources_total: 1
        }
    );
    assert_eq!(counts[&node(&s, "Freins")].codings_total, 3);
    let ps = passages(&s, &[temps], false, &Default::default()).unwrap();
    assert_eq!(ps.len(), 1);
    assert_eq!((ps[0].start, ps[0].end), (31, 50));
    assert_eq!(ps[0].coders, ["mb", "sg"]);
    assert_eq!(ps[0].speaker.as_deref(), Some("M1"));
    let f = crate::query::Filters {
        coder: Some("sg".into()),
        ..Default::default()
    };
    assert_eq!(passages(&s, &[temps], false, &f).unwrap()[0].end, 45);
    assert_eq!(
        passages(&s, &[node(&s, "Freins")], true, &Default::default())
            .unwrap()
            .len(),
        2
    );
}

/// `also:` with `coder:` counts only that coder's codings of the `also:` nodes, in passages,
/// the analysis selection and search alike; passages test the whole stretch, the analysis each
/// coding.
#[test]
fn also_and_coder_filters_agree_across_passages_analysis_and_search() {
    let (_d, mut s) = project();
    let e1 = src(&s);
    let (temps, charge) = (node(&s, "Freins/Temps"), node(&s, "Freins/Charge"));
    s.code("sg", e1, 31, 45, temps).unwrap();
    s.code("mb", e1, 44, 60, temps).unwrap();
    s.code("mb", e1, 100, 110, temps).unwrap();
    s.code("mb", e1, 50, 55, charge).unwrap();
    s.code("sg", e1, 105, 108, charge).unwrap();
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
        let sel = crate::analysis::Selection::from_session(&s, f).unwrap();
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
