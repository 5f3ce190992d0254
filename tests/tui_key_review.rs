//! Pseudonymisation in the TUI, driven by keys on a TestBackend: ctrl-p lists the names to
//! review (as `anonymise suggest`), Enter/`a` accepts one into the project's key, `e` edits its
//! pseudonym first, `s` skips one (remembered: not proposed again); once the project has a key, `y` copies the passage with its
//! citation pseudonymised. Labels in English and French.
//!
//! One test function: the key lives in the user data folder (`VERBATIM_HOME`), which is set
//! once for this test binary.

mod tui_kit;

use tui_kit::{app, app_in, keys, sample, screen, shows};
use verbatim::anonymise::{Key, Skipped, default_path, default_skipped_path};
use verbatim::tui::testing::{App, Lang, Popup};

fn review(a: &App) -> (Vec<(String, String)>, usize) {
    match &a.state().popup {
        Some(Popup::KeyReview(r)) => (
            r.rows
                .iter()
                .map(|c| (c.original.clone(), c.pseudonym.clone()))
                .collect(),
            r.selected,
        ),
        other => panic!("the review list is open: {other:?}"),
    }
}

#[test]
fn names_are_reviewed_into_the_key_and_copies_are_pseudonymised() {
    let f = sample();
    // SAFETY: this binary's only test sets it, before any thread reads the environment.
    unsafe { std::env::set_var("VERBATIM_HOME", f.dir.path()) };
    let id = verbatim::session::Session::open(&f.root)
        .unwrap()
        .project()
        .manifest
        .id;
    let key_file = default_path(id).unwrap();
    assert!(!key_file.exists());

    let mut a = app(&f, 160, 40);
    a.wait_for_index();
    keys(&mut a, "ctrl-p");
    assert!(
        shows(&a, "Names to pseudonymise"),
        "{}",
        screen(&a).join("\n")
    );
    assert!(shows(&a, "Enter/a accept into the key"));
    let (rows, selected) = review(&a);
    assert_eq!(selected, 0);
    assert!(!rows.is_empty());
    let original = rows[0].0.clone();
    keys(&mut a, "esc");
    // The turn where the first candidate occurs, copied without a key.
    let copy_turn = |a: &mut App| {
        keys(
            a,
            &format!("esc / text:{} enter V y", original.replace(' ', "_")),
        );
        a.take_clipboard().expect("copied")
    };
    let plain = copy_turn(&mut a);
    assert!(plain.contains(original.as_str()), "{original} in {plain}");
    let pick = 0;
    keys(&mut a, "ctrl-p");
    assert_eq!(review(&a), (rows.clone(), 0), "the same list again");
    // Edit the proposed pseudonym, then accept.
    keys(&mut a, "e");
    for _ in 0..rows[pick].1.chars().count() {
        keys(&mut a, "backspace");
    }
    keys(&mut a, "text:Pseudo_Test");
    assert!(shows(&a, "Pseudo Test▏"), "{}", screen(&a).join("\n"));
    keys(&mut a, "enter");
    let key = Key::load(&key_file).unwrap();
    let entry = key
        .entries()
        .iter()
        .find(|e| e.original == original)
        .expect("accepted into the key");
    assert_eq!(entry.pseudonym, "Pseudo Test");
    let (after, _) = review(&a);
    assert!(
        !after.iter().any(|(o, _)| *o == original),
        "the accepted name left the list"
    );
    assert_eq!(after.len(), rows.len() - 1);
    let message = a.state().ui.message.clone().unwrap_or_default();
    assert!(message.contains("added to the key:"), "{message}");
    assert!(shows(&a, "key: 1"), "{}", screen(&a).join("\n"));

    // Skip one: it leaves the list, the key is unchanged.
    keys(&mut a, "g");
    let skipped = review(&a).0[review(&a).1].0.clone();
    keys(&mut a, "s");
    assert!(!review(&a).0.iter().any(|(o, _)| *o == skipped));
    assert_eq!(Key::load(&key_file).unwrap().entries().len(), 1);
    // ... and is remembered beside the key (not in the project), so it is not proposed again.
    let skipped_file = default_skipped_path(id).unwrap();
    assert_eq!(skipped_file.parent(), key_file.parent());
    assert!(Skipped::load(&skipped_file).unwrap().contains(&skipped));
    let message = a.state().ui.message.clone().unwrap_or_default();
    assert!(message.contains("not proposed again"), "{message}");
    // Accept one as proposed (Enter), with its proposed pseudonym.
    let (second, proposed) = review(&a).0[review(&a).1].clone();
    keys(&mut a, "enter");
    let key = Key::load(&key_file).unwrap();
    assert!(
        key.entries()
            .iter()
            .any(|e| e.original == second && e.pseudonym == proposed)
    );
    keys(&mut a, "esc");
    assert!(a.state().popup.is_none());

    // The same copy, now through the key.
    let copied = copy_turn(&mut a);
    let m = key.matcher();
    assert!(!m.contains_any(&copied), "no original left: {copied}");
    assert_eq!(copied, m.apply(&plain));
    assert!(copied.contains("Pseudo Test"), "{copied}");
    let message = a.state().ui.message.clone().unwrap_or_default();
    assert!(message.contains("pseudonymised"), "{message}");
    drop(a);

    // In French: the list's labels, and what is already in the key is not listed again.
    let mut fr = app_in(&f, Lang::Fr, 160, 40);
    keys(&mut fr, "ctrl-p");
    assert!(
        shows(&fr, "Noms à pseudonymiser"),
        "{}",
        screen(&fr).join("\n")
    );
    assert!(shows(&fr, "clé : 2"));
    assert!(shows(&fr, "e modifier le pseudonyme"));
    assert!(
        !review(&fr)
            .0
            .iter()
            .any(|(o, _)| *o == original || *o == second)
    );
    assert!(
        !review(&fr).0.iter().any(|(o, _)| *o == skipped),
        "the skipped name is not proposed again"
    );
    let proposed = &review(&fr).0[0].1;
    assert!(
        ["Personne ", "Lieu ", "Structure "]
            .iter()
            .any(|w| proposed.starts_with(w)),
        "{proposed}"
    );

    // The export dialog has the annex's two new rows; the annex it writes goes through the key.
    fr.wait_for_index();
    keys(
        &mut fr,
        &format!("esc / text:{} enter V c enter", original.replace(' ', "_")),
    );
    keys(&mut fr, "E");
    for _ in 0..16 {
        keys(&mut fr, "down");
    }
    assert!(shows(&fr, "Joindre les codages séparés par des blancs"));
    keys(&mut fr, "right down right");
    match &fr.state().popup {
        Some(Popup::Export(form)) => {
            assert!(form.choices.options.join_adjacent && form.choices.options.memos);
        }
        other => panic!("the export dialog is open: {other:?}"),
    }
    keys(&mut fr, "enter");
    fr.wait_for_export();
    let message = fr.state().ui.message.clone().unwrap_or_default();
    assert!(message.contains("1 verbatim"), "{message}");
    let path = message
        .split_once(": ")
        .and_then(|(_, rest)| rest.split_once(" ("))
        .map(|(p, _)| std::path::PathBuf::from(p))
        .expect("the path in the message");
    let bytes = std::fs::read(&path).unwrap();
    assert!(verbatim::anonymise::scan_bytes(&key.matcher(), &bytes).is_empty());
    let mut doc = String::new();
    std::io::Read::read_to_string(
        &mut zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .unwrap()
            .by_name("word/document.xml")
            .unwrap(),
        &mut doc,
    )
    .unwrap();
    assert!(doc.contains("Pseudo Test"), "the coded turn, pseudonymised");
}
