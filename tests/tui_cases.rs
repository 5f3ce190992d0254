//! The cases table in the TUI, driven by keys on a TestBackend: every case with its attributes,
//! a value set and cleared, an attribute added, renamed and deleted — saved in cases.csv, each
//! undone by z.

mod tui_kit;

use tui_kit::{app, app_in, keys, sample, screen, shows};
use verbatim::tui::testing::{Lang, Popup};

fn cases_csv(f: &tui_kit::Fixture) -> String {
    std::fs::read_to_string(f.root.join("cases.csv")).unwrap()
}

fn value(a: &verbatim::tui::testing::App, case: &str, attribute: &str) -> Option<String> {
    a.session()
        .project()
        .cases
        .rows
        .get(case)?
        .get(attribute)
        .cloned()
}

#[test]
fn the_cases_table_shows_every_case_and_edits_a_value() {
    let f = sample();
    let mut a = app(&f, 160, 40);
    keys(&mut a, "ctrl-t");
    assert!(shows(&a, "Cases (8 · 6)"), "{}", screen(&a).join("\n"));
    assert!(shows(&a, "Profession"));
    assert!(shows(&a, "Médecin généraliste"));
    let Some(Popup::Cases(v)) = &a.state().popup else {
        panic!("the table")
    };
    assert_eq!(v.rows[0].0, "E01");
    keys(&mut a, "j l enter");
    assert!(shows(&a, "Value (empty: none)"));
    let before = value(&a, "E02", "Sexe").unwrap();
    for _ in 0..before.chars().count() {
        keys(&mut a, "backspace");
    }
    keys(&mut a, "text:Femme enter");
    assert_eq!(value(&a, "E02", "Sexe").as_deref(), Some("Femme"));
    assert!(cases_csv(&f).contains("Femme"), "saved in cases.csv");
    let Some(Popup::Cases(v)) = &a.state().popup else {
        panic!("the table comes back after an edit")
    };
    assert_eq!((v.row, v.col), (1, 1), "on the same cell");
    assert!(shows(&a, "Femme"));
    keys(&mut a, "z");
    assert_eq!(value(&a, "E02", "Sexe"), Some(before), "z undoes it");
    assert!(matches!(a.state().popup, Some(Popup::Cases(_))));
    keys(&mut a, "enter");
    for _ in 0..5 {
        keys(&mut a, "backspace");
    }
    keys(&mut a, "enter");
    assert_eq!(value(&a, "E02", "Sexe"), None, "an empty value clears it");
}

#[test]
fn attributes_are_added_renamed_and_deleted() {
    let f = sample();
    let mut a = app(&f, 160, 40);
    keys(&mut a, "ctrl-t a text:Milieu enter");
    assert!(
        a.session()
            .project()
            .cases
            .attributes
            .contains(&"Milieu".to_owned())
    );
    let Some(Popup::Cases(v)) = &a.state().popup else {
        panic!("the table")
    };
    assert_eq!(
        v.attributes[v.col], "Milieu",
        "the cursor on the new column"
    );
    keys(&mut a, "enter text:rural enter");
    assert_eq!(value(&a, "E01", "Milieu").as_deref(), Some("rural"));
    keys(&mut a, "r");
    for _ in 0..6 {
        keys(&mut a, "backspace");
    }
    keys(&mut a, "text:Territoire enter");
    assert_eq!(
        value(&a, "E01", "Territoire").as_deref(),
        Some("rural"),
        "values follow"
    );
    assert!(
        cases_csv(&f)
            .lines()
            .next()
            .unwrap()
            .ends_with("Territoire")
    );
    keys(&mut a, "d");
    let Some(Popup::Confirm { question, .. }) = &a.state().popup else {
        panic!("asks first")
    };
    assert_eq!(
        question,
        "Delete the attribute 'Territoire' and its 1 value(s)? (z undoes it)"
    );
    keys(&mut a, "y");
    assert!(
        !a.session()
            .project()
            .cases
            .attributes
            .contains(&"Territoire".to_owned())
    );
    assert!(!cases_csv(&f).contains("Territoire"));
    assert!(matches!(a.state().popup, Some(Popup::Cases(_))));
    keys(&mut a, "z");
    assert_eq!(
        value(&a, "E01", "Territoire").as_deref(),
        Some("rural"),
        "undone"
    );
    keys(&mut a, "esc");
    assert!(a.state().popup.is_none());
    assert!(!a.state().ui.quit);
}

#[test]
fn the_cases_table_speaks_french() {
    let f = sample();
    let mut a = app_in(&f, Lang::Fr, 160, 40);
    keys(&mut a, "ctrl-t");
    assert!(shows(&a, "Cas (8 · 6)"), "{}", screen(&a).join("\n"));
    assert!(shows(&a, "a ajouter un attribut"));
    keys(&mut a, "a");
    assert!(shows(&a, "Nom du nouvel attribut"));
}
