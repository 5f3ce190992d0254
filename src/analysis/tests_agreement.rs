//! Intercoder agreement on hand-computed cases: the 50-item worked example as units, edge cases
//! (a node no one used, one coder coding everything, perfect agreement, excluding uncoded
//! text), characters, disagreements and alpha for three coders.

use super::agreement::{ItemUnit, Options, agreement, krippendorff_nominal};
use super::fixture::{fifty, small};

fn opts(coders: &[&str], unit: ItemUnit, exclude: bool) -> Options {
    Options {
        coders: coders.iter().map(|c| c.to_string()).collect(),
        nodes: Vec::new(),
        unit,
        exclude_uncoded: exclude,
    }
}

fn range(a: usize, b: usize) -> Vec<usize> {
    (a..b).collect()
}

#[test]
fn fifty_units_give_kappa_0_40() {
    // A codes lines 0–24, B lines 0–19 and 25–34: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
    let b: Vec<usize> = range(0, 20).into_iter().chain(range(25, 35)).collect();
    let (sel, _) = fifty(&range(0, 25), &b);
    let a = agreement(&sel, &opts(&["A", "B"], ItemUnit::Turn, false));
    let f = a.nodes[0].figures.clone().unwrap();
    assert_eq!(
        (
            f.table.both,
            f.table.first_only,
            f.table.second_only,
            f.table.neither
        ),
        (20, 5, 10, 15)
    );
    assert!((f.kappa.unwrap() - 0.40).abs() < 1e-12);
    assert!((f.percent.unwrap() - 0.70).abs() < 1e-12);
    assert!(!a.exclude_uncoded);
    // The 15 disagreements, each naming who coded it.
    assert_eq!(a.disagreements.len(), 15);
    assert_eq!(
        a.disagreements
            .iter()
            .filter(|d| d.coded_by == ["A"])
            .count(),
        5
    );
    assert_eq!(a.disagreements[0].not_coded_by, ["B"]);
}

#[test]
fn excluding_uncoded_units_changes_kappa_and_says_so() {
    let b: Vec<usize> = range(0, 20).into_iter().chain(range(25, 35)).collect();
    let (sel, _) = fifty(&range(0, 25), &b);
    let a = agreement(&sel, &opts(&["A", "B"], ItemUnit::Turn, true));
    assert!(a.exclude_uncoded);
    let f = a.nodes[0].figures.clone().unwrap();
    assert_eq!(f.table.neither, 0);
    // po = 20/35, pe = (25·30 + 10·5)/35² → κ = (700 − 800) / (1225 − 800) = −0.235…
    assert!((f.kappa.unwrap() - (-100.0 / 425.0)).abs() < 1e-12);
}

#[test]
fn edge_cases_unused_node_everything_and_perfect() {
    // A node neither coder used: agreement on every unit, kappa 1; nothing left when excluded.
    let (mut sel, _) = fifty(&[], &[]);
    let (other, _) = sel.codebook.add_path("Autre").unwrap();
    let _ = other;
    let a = agreement(&sel, &opts(&["A", "B"], ItemUnit::Turn, false));
    let f = a.nodes[1].figures.clone().unwrap();
    assert_eq!(
        (f.table.neither, f.kappa, f.percent),
        (50, Some(1.0), Some(1.0))
    );
    let a = agreement(&sel, &opts(&["A", "B"], ItemUnit::Char, true));
    let f = a.nodes[1].figures.clone().unwrap();
    assert_eq!((f.table.neither, f.kappa, f.percent), (0, None, None));
    // One coder codes everything, the other 20 lines: kappa 0, percent 40 %.
    let (sel, _) = fifty(&range(0, 50), &range(0, 20));
    let f = agreement(&sel, &opts(&["A", "B"], ItemUnit::Turn, false)).nodes[0]
        .figures
        .clone()
        .unwrap();
    assert_eq!(f.kappa, Some(0.0));
    assert!((f.percent.unwrap() - 0.4).abs() < 1e-12);
    // Perfect agreement, over units and characters.
    let (sel, _) = fifty(&range(3, 9), &range(3, 9));
    for unit in [ItemUnit::Turn, ItemUnit::Char] {
        let a = agreement(&sel, &opts(&["A", "B"], unit, false));
        assert_eq!(a.nodes[0].figures.clone().unwrap().kappa, Some(1.0));
        assert!(a.disagreements.is_empty());
    }
}

#[test]
fn characters_count_as_nvivo_does() {
    let f = small();
    let a = agreement(
        &f.sel,
        &Options {
            nodes: vec![f.temps],
            ..opts(&["sg", "mb"], ItemUnit::Char, false)
        },
    );
    let node = &a.nodes[0];
    // E1: both on line 0 (24 chars), sg only on "Le temps" (8); rest of E1's 77 chars neither.
    let e1 = &node.sources[0].figures.table;
    assert_eq!(
        (e1.both, e1.first_only, e1.second_only, e1.neither),
        (24, 8, 0, 77 - 32)
    );
    let e2 = &node.sources[1].figures.table;
    assert_eq!((e2.both, e2.first_only, e2.neither), (0, 13, 34 - 13));
    let pooled = node.figures.clone().unwrap().table;
    assert_eq!(pooled.items(), 77 + 34 + 12);
    assert_eq!(a.disagreements.len(), 2);
    assert_eq!(a.disagreements[1].text, "Pas le temps.");
}

#[test]
fn three_coders_get_krippendorff_alpha_over_units() {
    let (mut sel, node) = fifty(&range(0, 10), &range(0, 12));
    for l in range(2, 10) {
        let u = &sel.sources[0].units[l];
        let (s, e) = (u.start, u.end);
        sel.push_coding(0, "C", node, s, e);
    }
    let a = agreement(&sel, &opts(&["A", "B", "C"], ItemUnit::Turn, false));
    assert!(a.nodes[0].figures.is_none() && a.overall.is_none());
    let votes: Vec<Vec<Option<u32>>> = (0..50)
        .map(|l| {
            vec![
                Some(u32::from(l < 10)),
                Some(u32::from(l < 12)),
                Some(u32::from((2..10).contains(&l))),
            ]
        })
        .collect();
    let expected = krippendorff_nominal(&votes).unwrap();
    assert!((a.nodes[0].alpha.unwrap() - expected).abs() < 1e-12);
    assert!(expected > 0.7 && expected < 1.0);
}

mod against_characters {
    //! The interval arithmetic checked against the plainest reference: one "who coded it" set
    //! per character.
    use super::super::agreement::{ItemUnit, Options, agreement};
    use super::super::selection::{Selection, SourceView};
    use crate::cases::CaseTable;
    use crate::codebook::Codebook;
    use proptest::prelude::*;

    const TEXT: &str = "Première ligne ici.\nDeuxième, plus longue encore.\nTrois.\nLa quatrième et dernière ligne.";

    fn codings() -> impl Strategy<Value = Vec<(usize, usize, usize, usize)>> {
        let len = TEXT.chars().count();
        prop::collection::vec((0..3usize, 0..2usize, 0..len, 1..25usize), 0..14).prop_map(
            move |v| {
                v.into_iter()
                    .map(|(k, n, s, l)| (k, n, s, (s + l).min(len)))
                    .collect()
            },
        )
    }

    proptest! {
        #[test]
        fn tables_and_disagreements_match_a_per_character_count(
            list in codings(),
            three in any::<bool>(),
            exclude in any::<bool>(),
        ) {
            let coders: Vec<String> = if three {
                vec!["A".into(), "B".into(), "C".into()]
            } else {
                vec!["A".into(), "B".into()]
            };
            let mut codebook = Codebook::default();
            let (n0, _) = codebook.add_path("Un").unwrap();
            let (n1, _) = codebook.add_path("Deux").unwrap();
            let nodes = [n0, n1];
            let mut sel = Selection::new(codebook, CaseTable::default());
            let s = sel.push_source(SourceView::new(crate::ids::SourceId::random(), "E1", "E1", TEXT, &[]));
            for &(k, n, a, b) in &list {
                if k < coders.len() {
                    sel.push_coding(s, &coders[k], nodes[n], a, b);
                }
            }
            let opts = Options {
                coders: coders.clone(),
                nodes: Vec::new(),
                unit: ItemUnit::Char,
                exclude_uncoded: exclude,
            };
            let got = agreement(&sel, &opts);
            let len = TEXT.chars().count();
            let mut expected_pieces = Vec::new();
            for (ni, node) in nodes.iter().enumerate() {
                // who[c]: the coders whose codings of the node cover character c.
                let who: Vec<Vec<usize>> = (0..len)
                    .map(|c| {
                        (0..coders.len())
                            .filter(|&k| {
                                list.iter().any(|&(kk, n, a, b)| kk == k && n == ni && a <= c && c < b)
                            })
                            .collect()
                    })
                    .collect();
                if coders.len() == 2 {
                    let count = |f: &dyn Fn(&Vec<usize>) -> bool| who.iter().filter(|w| f(w)).count();
                    let t = got.nodes[ni].figures.clone().unwrap().table;
                    prop_assert_eq!(t.both, count(&|w| w.len() == 2));
                    prop_assert_eq!(t.first_only, count(&|w| w.as_slice() == [0]));
                    prop_assert_eq!(t.second_only, count(&|w| w.as_slice() == [1]));
                    prop_assert_eq!(t.neither, if exclude { 0 } else { count(&|w| w.is_empty()) });
                }
                // Runs of characters with the same coders, some but not all of them.
                let mut c = 0;
                while c < len {
                    let mut e = c + 1;
                    while e < len && who[e] == who[c] {
                        e += 1;
                    }
                    if !who[c].is_empty() && who[c].len() < coders.len() {
                        expected_pieces.push((*node, c, e, who[c].clone()));
                    }
                    c = e;
                }
            }
            let got_pieces: Vec<_> = got
                .disagreements
                .iter()
                .map(|d| {
                    let who: Vec<usize> = d
                        .coded_by
                        .iter()
                        .map(|c| coders.iter().position(|x| x == c).unwrap())
                        .collect();
                    (d.node, d.start, d.end, who)
                })
                .collect();
            prop_assert_eq!(got_pieces, expected_pieces);
        }
    }
}
