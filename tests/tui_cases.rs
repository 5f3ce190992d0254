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

/// Left of the first attribute is the case id column: Enter there renames the case, with its
/// sources and speakers, in one undoable step.
#[test]
fn a_case_id_is_renamed_in_the_table_and_undone() {
    let f = sample();
    let mut a = app(&f, 160, 40);
    let source_case = |a: &verbatim::tui::testing::App| {
        a.session()
            .project()
            .manifest
            .sources
            .iter()
            .find(|s| s.label == "E01")
            .map(|s| s.case.clone())
    };
    assert_eq!(source_case(&a).as_deref(), Some("E01"));
    let sexe = value(&a, "E01", "Sexe");
    keys(&mut a, "ctrl-t l h h enter");
    assert!(
        shows(&a, "Rename the case (its sources and speakers follow)"),
        "{}",
        screen(&a).join("\n")
    );
    assert!(shows(&a, "E01▏"), "the id to edit");
    keys(&mut a, "home delete delete delete text:Médecin_rural enter");
    assert_eq!(source_case(&a).as_deref(), Some("Médecin rural"));
    assert_eq!(value(&a, "Médecin rural", "Sexe"), sexe, "the row follows");
    assert!(
        cases_csv(&f).contains("Médecin rural"),
        "saved in cases.csv"
    );
    let Some(Popup::Cases(v)) = &a.state().popup else {
        panic!("the table comes back: {}", screen(&a).join("\n"))
    };
    assert!(v.on_case, "still on the case column");
    assert_eq!(v.rows[v.row].0, "Médecin rural", "on the renamed case");
    keys(&mut a, "z");
    assert_eq!(source_case(&a).as_deref(), Some("E01"), "z undoes it");
    assert_eq!(
        a.state().ui.message.as_deref(),
        Some("undone: renaming a case"),
        "named in words"
    );
    assert!(!cases_csv(&f).contains("Médecin rural"));
    keys(&mut a, "r backspace text:2 enter");
    assert!(
        shows(&a, "there is already a case 'E02'"),
        "a taken id is refused in one sentence: {}",
        screen(&a).join("\n")
    );
    assert_eq!(source_case(&a).as_deref(), Some("E01"), "nothing changed");
    drop(a);
    let mut a = app_in(&f, Lang::Fr, 160, 40);
    keys(&mut a, "ctrl-t h enter");
    assert!(shows(
        &a,
        "Renommer le cas (ses sources et locuteurs suivent)"
    ));
}
