//! Sources in the TUI, driven by keys on a TestBackend: rename, delete (what goes listed, asked,
//! undone), replace by a corrected file (codings follow), the speakers popup (convention shown,
//! roles and cases set, re-detection previewed then saved).

mod tui_kit;

use tui_kit::{app, app_in, keys, sample, screen, shows};
use verbatim::model::Role;
use verbatim::tui::testing::{Lang, Popup};

fn labels(a: &verbatim::tui::testing::App) -> Vec<String> {
    a.session()
        .project()
        .manifest
        .sources
        .iter()
        .map(|s| s.label.clone())
        .collect()
}

#[test]
fn a_source_is_renamed_from_the_sources_pane() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    keys(&mut a, "1 j r");
    assert!(shows(&a, "Rename the source"), "{}", screen(&a).join("\n"));
    keys(
        &mut a,
        "backspace backspace backspace text:Infirmière_2 enter",
    );
    assert!(labels(&a).contains(&"Infirmière 2".to_owned()));
    assert!(!labels(&a).contains(&"E02".to_owned()));
    assert!(shows(&a, "renamed Infirmière 2"));
    assert!(
        std::fs::read_to_string(f.root.join(verbatim::project::MANIFEST))
            .unwrap()
            .contains("Infirmière 2"),
        "saved"
    );
    keys(&mut a, "z");
    assert!(labels(&a).contains(&"E02".to_owned()), "undone");
}

#[test]
fn deleting_a_source_lists_what_goes_asks_and_is_undone() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    keys(&mut a, "} c enter");
    assert_eq!(
        a.session()
            .codings()
            .of_source(a.state().sources.rows[0].id)
            .count(),
        1
    );
    keys(&mut a, "1 d");
    let Some(Popup::Confirm { question, .. }) = &a.state().popup else {
        panic!("asks first: {}", screen(&a).join("\n"))
    };
    assert!(
        question.starts_with("Delete source E01? With it go: 1 coding (sg 1), 0 memos, case E01"),
        "{question}"
    );
    keys(&mut a, "n");
    assert!(labels(&a).contains(&"E01".to_owned()), "no keeps it");
    keys(&mut a, "d y");
    assert!(!labels(&a).contains(&"E01".to_owned()));
    assert!(
        a.state().transcript.doc.is_none(),
        "the open transcript closed"
    );
    assert!(shows(&a, "source E01 deleted (1 coding, 0 memos)"));
    assert!(!a.session().project().cases.rows.contains_key("E01"));
    keys(&mut a, "z");
    assert!(labels(&a).contains(&"E01".to_owned()), "undo puts it back");
    let id = a.session().source_id("E01").unwrap();
    assert_eq!(
        a.session().codings().of_source(id).count(),
        1,
        "with its coding"
    );
    assert!(
        a.session().project().cases.rows.contains_key("E01"),
        "and its case"
    );
    assert!(shows(&a, "undone: deleting a source"));
}

#[test]
fn deleting_is_asked_in_french_too() {
    let f = sample();
    let mut a = app_in(&f, Lang::Fr, 140, 40);
    keys(&mut a, "1 d");
    let Some(Popup::Confirm { question, .. }) = &a.state().popup else {
        panic!("asks first")
    };
    assert!(
        question.starts_with("Supprimer la source E01 ? Partent avec elle : 0 codage"),
        "{question}"
    );
    keys(&mut a, "o");
    assert!(shows(&a, "source E01 supprimée"));
}

#[test]
fn a_source_is_replaced_by_a_corrected_file_and_its_codings_follow() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    keys(&mut a, "2 } c enter");
    let id = a.state().sources.rows[0].id;
    let before = a
        .session()
        .codings()
        .of_source(id)
        .next()
        .unwrap()
        .1
        .quote
        .clone();
    let text = a.session().text(id).unwrap().text.clone();
    // The browser opens in the project's parent folder: the corrected file is picked there,
    // found by typing part of its name.
    let corrected = f.root.parent().unwrap().join("E01 corrigé.txt");
    std::fs::write(&corrected, format!("Note ajoutée en tête.\n\n{text}")).unwrap();
    keys(&mut a, "1 R");
    assert!(
        shows(&a, "Replace the source by a corrected file"),
        "{}",
        screen(&a).join("\n")
    );
    keys(&mut a, "text:corrige");
    let Some(verbatim::tui::testing::Popup::Files(b)) = &a.state().popup else {
        panic!("the file browser: {}", screen(&a).join("\n"))
    };
    assert_eq!(b.shown().len(), 1, "{:?}", b.entries);
    keys(&mut a, "enter");
    assert!(
        shows(&a, "source E01 replaced by"),
        "{}",
        screen(&a).join("\n")
    );
    assert!(shows(&a, "1 coding moved"));
    let (_, c) = a.session().codings().of_source(id).next().unwrap();
    assert_eq!(c.quote, before, "the coding is on the same words");
    assert!(
        a.session()
            .text(id)
            .unwrap()
            .text
            .starts_with("Note ajoutée")
    );
    assert!(
        a.state()
            .transcript
            .doc
            .as_ref()
            .unwrap()
            .text
            .text
            .starts_with("Note ajoutée"),
        "the open transcript shows the new text"
    );
}

#[test]
fn the_speakers_popup_shows_the_convention_and_sets_roles_and_cases() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    keys(&mut a, "1 j S");
    assert!(shows(&a, "Speakers of E02"), "{}", screen(&a).join("\n"));
    assert!(shows(&a, "convention: colon — Name: text"));
    assert!(shows(&a, "INT"));
    assert!(shows(&a, "interviewer"));
    let role = |a: &verbatim::tui::testing::App, name: &str| {
        a.session()
            .project()
            .source("E02")
            .unwrap()
            .speakers
            .iter()
            .find(|s| s.name == name)
            .map(|s| (s.role, s.case.clone()))
    };
    assert_eq!(role(&a, "INT").unwrap().0, Role::Interviewer);
    keys(&mut a, "space");
    assert_eq!(
        role(&a, "INT").unwrap().0,
        Role::Participant,
        "space: next role"
    );
    assert!(
        matches!(a.state().popup, Some(Popup::Speakers(_))),
        "stays open"
    );
    keys(&mut a, "space space");
    assert_eq!(
        role(&a, "INT").unwrap().0,
        Role::Interviewer,
        "round the roles"
    );
    keys(&mut a, "j c backspace backspace backspace text:E02b enter");
    assert_eq!(role(&a, "IDE2").unwrap().1.as_deref(), Some("E02b"));
    keys(&mut a, "D");
    assert!(shows(&a, "Detected again"), "{}", screen(&a).join("\n"));
    assert!(shows(&a, "(the same as now)"));
    keys(&mut a, "esc");
    assert!(!shows(&a, "Detected again"), "esc drops the preview");
    assert!(matches!(a.state().popup, Some(Popup::Speakers(_))));
    keys(&mut a, "p text:^(INT|IDE2):_ enter");
    assert!(shows(&a, "Detected again"), "{}", screen(&a).join("\n"));
    keys(&mut a, "enter");
    assert!(
        shows(&a, "E02: speakers detected again"),
        "{}",
        screen(&a).join("\n")
    );
    assert_eq!(role(&a, "IDE2").unwrap().1.as_deref(), Some("E02b"), "kept");
    keys(&mut a, "esc");
    assert!(a.state().popup.is_none());
}

#[test]
fn source_keys_are_in_help_and_the_status_bar_in_both_languages() {
    let f = sample();
    let mut a = app(&f, 160, 40);
    keys(&mut a, "1");
    let bottom = screen(&a).last().unwrap().clone();
    assert!(
        bottom.contains("r rename") && bottom.contains("d delete"),
        "{bottom}"
    );
    assert!(bottom.contains("S speakers"), "{bottom}");
    drop(a);
    let mut fr = app_in(&f, Lang::Fr, 160, 40);
    keys(&mut fr, "1");
    let bottom = screen(&fr).last().unwrap().clone();
    assert!(
        bottom.contains("d supprimer") && bottom.contains("S locuteurs"),
        "{bottom}"
    );
}
