//! Tests of the codebook tree operations: paths, unique siblings, cycles, merge, take/put.

use super::*;

fn book() -> Codebook {
    let mut b = Codebook::default();
    b.add_path("Freins/Temps").unwrap();
    b.add_path("Freins/Territoire/Trop grand").unwrap();
    b.add_path("Leviers/Interconnaissance").unwrap();
    b
}

#[test]
fn add_creates_missing_parents_and_reuses_existing_ones() {
    let mut b = book();
    let (id, created) = b.add_path("Freins/Argent").unwrap();
    assert_eq!(created, [id]);
    assert_eq!(b.path_of(id).unwrap(), "Freins/Argent");
    assert_eq!(b.len(), 7);
    assert_eq!(
        b.resolve("Freins/Territoire/Trop grand").unwrap(),
        b.children(Some(b.resolve("Freins/Territoire").unwrap()))[0].id
    );
    assert!(
        b.resolve("Freins/Nope")
            .unwrap_err()
            .to_string()
            .contains("no node 'Freins/Nope'")
    );
}

#[test]
fn sibling_names_stay_unique() {
    let mut b = book();
    let temps = b.resolve("Freins/Temps").unwrap();
    assert!(b.rename(temps, "Territoire").is_err());
    b.rename(temps, "Manque de temps").unwrap();
    assert_eq!(b.path_of(temps).unwrap(), "Freins/Manque de temps");
    let inter = b.resolve("Leviers/Interconnaissance").unwrap();
    b.add_path("Freins/Interconnaissance").unwrap();
    assert!(
        b.move_node(inter, Some(b.resolve("Freins").unwrap()), None)
            .is_err()
    );
}

#[test]
fn a_move_that_would_make_a_cycle_is_refused() {
    let mut b = book();
    let freins = b.resolve("Freins").unwrap();
    let grand = b.resolve("Freins/Territoire/Trop grand").unwrap();
    let before = b.clone();
    let err = b
        .move_node(freins, Some(grand), None)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("under itself or one of its descendants"),
        "{err}"
    );
    assert_eq!(b, before);
    b.move_node(grand, None, Some(0)).unwrap();
    assert_eq!(b.nodes[0].name, "Trop grand");
}

#[test]
fn merge_moves_children_merges_same_names_and_appends_descriptions() {
    let mut b = book();
    b.add_path("Leviers/Territoire/Petit").unwrap();
    let freins = b.resolve("Freins").unwrap();
    let leviers = b.resolve("Leviers").unwrap();
    b.describe(freins, "Ce qui bloque.").unwrap();
    b.describe(leviers, "Ce qui aide.").unwrap();
    let pairs = b.merge_tree(freins, leviers).unwrap();
    assert_eq!(pairs[0], (freins, leviers));
    assert!(b.node(freins).is_none());
    let l = b.node(leviers).unwrap();
    assert_eq!(l.description, "Ce qui aide.\n\nCe qui bloque.");
    let names: Vec<&str> = l.children.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["Interconnaissance", "Territoire", "Temps"]);
    let territoire = b.resolve("Leviers/Territoire").unwrap();
    let sub: Vec<&str> = b
        .node(territoire)
        .unwrap()
        .children
        .iter()
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(sub, ["Petit", "Trop grand"]);
}

#[test]
fn take_and_put_are_inverse() {
    let mut b = book();
    let before = b.clone();
    let id = b.resolve("Freins/Territoire").unwrap();
    let (node, place) = b.take(id).unwrap();
    b.put(node, place).unwrap();
    assert_eq!(b, before);
}

#[test]
fn colours_are_checked() {
    let mut b = book();
    let id = b.resolve("Freins").unwrap();
    b.set_color(id, Some("#a1b2c3")).unwrap();
    assert_eq!(b.node(id).unwrap().color.as_deref(), Some("#A1B2C3"));
    assert!(b.set_color(id, Some("red")).is_err());
}
