//! The codebook pane's labels and settings, driven by keys on a TestBackend: the count columns
//! named, the selected node in full with its description on a detail line, codable set on and
//! off (a heading only is left out of the code picker), 24 distinct colours.

mod tui_kit;

use tui_kit::{app, app_in, keys, sample, screen, shows};
use verbatim::tui::testing::Lang;

#[test]
fn counts_are_labelled_and_the_selected_node_is_shown_in_full_with_its_description() {
    let f = sample();
    let mut a = app(&f, 200, 30);
    assert!(
        shows(&a, "Codebook (codings · sources)"),
        "{}",
        screen(&a).join("\n")
    );
    keys(&mut a, "3 j");
    let path = a.state().codebook.tree[1].path.clone();
    assert!(path.len() > 30, "a long name, cut in the tree: {path}");
    assert!(
        shows(&a, &format!(" {}", &path[..20])),
        "the path on the detail line"
    );
    keys(&mut a, "k D text:Débuts ctrl-s");
    assert!(
        shows(&a, "heading only: I - Parcours et exercice —"),
        "the description on the detail line: {}",
        screen(&a).join("\n")
    );
    drop(a);
    let a = app_in(&f, Lang::Fr, 120, 30);
    assert!(shows(&a, "(codages · sources)"));
}

#[test]
fn a_node_is_made_a_heading_only_and_back() {
    let f = sample();
    let mut a = app(&f, 120, 30);
    keys(&mut a, "3 j =");
    let id = a.state().codebook.tree[1].id;
    assert!(!a.session().codebook().node(id).unwrap().codable);
    assert!(
        shows(&a, "heading only: I - Parcours"),
        "{}",
        screen(&a).join("\n")
    );
    assert!(shows(&a, "the node is a heading only"));
    let path = a.state().codebook.tree[1].path.clone();
    keys(&mut a, "2 V c");
    let Some(verbatim::tui::testing::Popup::Picker(p)) = &a.state().popup else {
        panic!("the code picker: {}", screen(&a).join("\n"))
    };
    assert!(
        !p.candidates.contains(&id),
        "{path} is not offered for coding"
    );
    keys(&mut a, "esc esc 3 =");
    assert!(a.session().codebook().node(id).unwrap().codable);
    keys(&mut a, "z");
    assert!(
        !a.session().codebook().node(id).unwrap().codable,
        "undoable"
    );
}

#[test]
fn colours_cycle_through_24_distinct_ones() {
    let f = sample();
    let mut a = app(&f, 120, 30);
    keys(&mut a, "3 j");
    let id = a.state().codebook.tree[1].id;
    let mut seen = std::collections::HashSet::new();
    for _ in 0..24 {
        keys(&mut a, "C");
        let c = a
            .session()
            .codebook()
            .node(id)
            .unwrap()
            .color
            .clone()
            .unwrap();
        assert!(seen.insert(c.to_uppercase()), "{c} came twice");
    }
    assert_eq!(seen.len(), 24);
}
