//! The TUI's workflows of issue 16, driven by keys on a TestBackend: the palette's word
//! matching, help grouped by pane, coder switch, readable passages, the memo browser.

mod tui_kit;

use tui_kit::{app, app_in, codings_files, keys, sample, screen, shows};
use verbatim::tui::testing::{Action, Lang, Popup, palette_matches};

#[test]
fn the_palette_matches_words_in_any_order_and_synonyms_and_shows_keys() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    let found = |a: &verbatim::tui::testing::App, q: &str| palette_matches(a.state(), q);
    assert!(found(&a, "new node").contains(&Action::NodeAddChild));
    assert!(
        found(&a, "node new").contains(&Action::NodeAddChild),
        "any order"
    );
    assert!(found(&a, "add child").contains(&Action::NodeAddChild));
    assert!(
        found(&a, "create code").contains(&Action::NodeAddChild),
        "a synonym"
    );
    assert!(found(&a, "zzqx").is_empty());
    keys(&mut a, ": text:add_child");
    assert!(
        shows(&a, "a          Add a child node"),
        "{}",
        screen(&a).join("\n")
    );
    drop(a);
    let fr = app_in(&f, Lang::Fr, 140, 40);
    assert!(found(&fr, "nouveau code").contains(&Action::NodeAddChild));
    assert!(
        found(&fr, "SOUS-CODE").contains(&Action::NodeAddChild),
        "accents, case"
    );
}

#[test]
fn help_is_grouped_by_pane_and_scrolls_within_its_content() {
    let f = sample();
    let mut a = app(&f, 120, 24);
    keys(&mut a, "?");
    assert!(shows(&a, "── Everywhere ──"));
    assert!(!shows(&a, "── Text fields ──"), "below the fold");
    keys(&mut a, "G");
    assert!(shows(&a, "── Text fields ──"), "G goes to the end");
    let Some(Popup::Help { scroll }) = a.state().popup else {
        panic!("help open")
    };
    keys(&mut a, "j j j");
    assert_eq!(
        a.state()
            .popup
            .as_ref()
            .map(|p| matches!(p, Popup::Help { scroll: s } if *s == scroll)),
        Some(true),
        "no scrolling past the end"
    );
    keys(&mut a, "g");
    assert!(shows(&a, "── Everywhere ──"), "g goes to the top");
    keys(&mut a, "esc");
    assert!(a.state().popup.is_none());
}

#[test]
fn the_coder_is_switched_and_new_codings_are_theirs() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    keys(&mut a, "@");
    for _ in 0..2 {
        keys(&mut a, "backspace");
    }
    keys(&mut a, "text:ab enter");
    assert_eq!(a.state().ui.coder, "ab");
    assert!(screen(&a)[0].contains("coder: ab"));
    assert!(
        a.state()
            .ui
            .message
            .as_deref()
            .unwrap_or("")
            .contains("codings shown")
    );
    keys(&mut a, "} c enter");
    assert_eq!(codings_files(&f.root, "ab").lines().count(), 1);
    assert!(codings_files(&f.root, "sg").is_empty());
    drop(a);
    let fr = app_in(&f, Lang::Fr, 140, 40);
    assert!(screen(&fr)[0].contains("codeur : sg"), "translated");
}
