//! A small hand-made selection for the analysis tests: three sources of plain lines (units),
//! three nodes, two coders, and a case attribute with one case lacking a value. The expected
//! figures in the tests are worked out by hand from the layout described on [`small`].

use super::selection::{Selection, SourceView};
use crate::cases::CaseTable;
use crate::codebook::Codebook;
use crate::ids::{NodeId, SourceId};
use std::collections::BTreeMap;

pub struct Small {
    pub sel: Selection,
    pub freins: NodeId,
    pub temps: NodeId,
    pub leviers: NodeId,
}

pub const E1: &str =
    "Le temps manque le soir.\nLes réunions aident.\nLe temps des réunions est long.";
pub const E2: &str = "Pas le temps.\nOn se connaît mieux.";
pub const E3: &str = "Rien à dire.";

/// The range of the `n`th line of a text, in code points.
pub fn line(text: &str, n: usize) -> (usize, usize) {
    let mut start = 0;
    for (i, l) in text.split('\n').enumerate() {
        let len = l.chars().count();
        if i == n {
            return (start, start + len);
        }
        start += len + 1;
    }
    panic!("no line {n}")
}

/// The range of `needle` in the `n`th line.
pub fn within(text: &str, n: usize, needle: &str) -> (usize, usize) {
    let l = text.split('\n').nth(n).unwrap();
    let at = l[..l.find(needle).unwrap()].chars().count();
    let s = line(text, n).0 + at;
    (s, s + needle.chars().count())
}

/// E1 (case C1, Profession MG), E2 (C2, IDE), E3 (C3, no Profession). Nodes Freins, Freins/Temps,
/// Leviers. Coder sg: Temps on E1 line 0, on "Le temps" of E1 line 2 and on E2 line 0; Leviers
/// on E1 line 1, on "réunions" of E1 line 2 and on E2 line 1; Freins on E3 line 0. Coder mb:
/// Temps on E1 line 0, Leviers on E2 line 1.
pub fn small() -> Small {
    let mut codebook = Codebook::default();
    let (temps, created) = codebook.add_path("Freins/Temps").unwrap();
    let freins = created[0];
    let (leviers, _) = codebook.add_path("Leviers").unwrap();
    let mut cases = CaseTable {
        attributes: vec!["Profession".into()],
        rows: BTreeMap::new(),
    };
    cases.rows.insert(
        "C1".into(),
        BTreeMap::from([("Profession".into(), "MG".into())]),
    );
    cases.rows.insert(
        "C2".into(),
        BTreeMap::from([("Profession".into(), "IDE".into())]),
    );
    cases.rows.insert("C3".into(), BTreeMap::new());
    let mut sel = Selection::new(codebook, cases);
    let e1 = sel.push_source(SourceView::new(SourceId::random(), "E1", "C1", E1, &[]));
    let e2 = sel.push_source(SourceView::new(SourceId::random(), "E2", "C2", E2, &[]));
    let e3 = sel.push_source(SourceView::new(SourceId::random(), "E3", "C3", E3, &[]));
    let code = |sel: &mut Selection, s, coder, node, (a, b): (usize, usize)| {
        sel.push_coding(s, coder, node, a, b)
    };
    code(&mut sel, e1, "sg", temps, line(E1, 0));
    code(&mut sel, e1, "sg", temps, within(E1, 2, "Le temps"));
    code(&mut sel, e2, "sg", temps, line(E2, 0));
    code(&mut sel, e1, "sg", leviers, line(E1, 1));
    code(&mut sel, e1, "sg", leviers, within(E1, 2, "réunions"));
    code(&mut sel, e2, "sg", leviers, line(E2, 1));
    code(&mut sel, e3, "sg", freins, line(E3, 0));
    code(&mut sel, e1, "mb", temps, line(E1, 0));
    code(&mut sel, e2, "mb", leviers, line(E2, 1));
    Small {
        sel,
        freins,
        temps,
        leviers,
    }
}

/// One source of 50 lines and one node, for agreement over units: `a` and `b` list the lines
/// each coder coded.
pub fn fifty(a: &[usize], b: &[usize]) -> (Selection, NodeId) {
    let mut codebook = Codebook::default();
    let (node, _) = codebook.add_path("Thème").unwrap();
    let text: Vec<String> = (1..=50)
        .map(|i| format!("Ligne numéro {i}, inventée."))
        .collect();
    let text = text.join("\n");
    let mut sel = Selection::new(codebook, CaseTable::default());
    let s = sel.push_source(SourceView::new(SourceId::random(), "E1", "E1", &text, &[]));
    for (coder, lines) in [("A", a), ("B", b)] {
        for &l in lines {
            let (x, y) = line(&text, l);
            sel.push_coding(s, coder, node, x, y);
        }
    }
    (sel, node)
}
