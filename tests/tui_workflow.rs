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

/// Opens the passages of the codebook's node at `row` (after coding a few turns with it).
fn passages_of_a_node(a: &mut verbatim::tui::testing::App) {
    // Code three participant turns with the first node.
    keys(a, "} } c enter } } c enter } } c enter");
    keys(a, "3 g enter");
}

#[test]
fn the_passages_reader_shows_each_verbatim_in_full_with_citation_and_context_on_demand() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    passages_of_a_node(&mut a);
    let rows = a.state().passages.rows.clone();
    assert_eq!(rows.len(), 3);
    let longest = rows.iter().max_by_key(|p| p.text.len()).unwrap();
    let words: Vec<&str> = longest.text.split_whitespace().collect();
    let tail = format!("{} »", words[words.len() - 2..].join(" "));
    keys(&mut a, "P");
    assert!(a.state().passages.reader);
    let s = screen(&a).join("\n");
    assert!(
        s.contains(&tail),
        "the whole verbatim, to its last words: {tail}\n{s}"
    );
    assert!(!s.contains("(E01, "), "no citation before asked");
    keys(&mut a, "i");
    let s = screen(&a).join("\n");
    assert!(s.contains("case E01"), "citation: {s}");
    keys(&mut a, "j enter");
    assert!(
        !a.state().passages.reader,
        "enter goes to the passage in the transcript"
    );
    let doc = a.state().transcript.doc.as_ref().unwrap();
    assert_eq!(
        doc.text.index.cp_of(a.state().transcript.cursor),
        Some(rows[1].start)
    );
}

#[test]
fn next_and_previous_passage_go_from_the_cursor() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    passages_of_a_node(&mut a);
    let rows = a.state().passages.rows.clone();
    keys(&mut a, "2 g");
    keys(&mut a, ">");
    let cp = |a: &verbatim::tui::testing::App| {
        let t = &a.state().transcript;
        t.doc.as_ref().unwrap().text.index.cp_of(t.cursor).unwrap()
    };
    assert_eq!(cp(&a), rows[0].start);
    keys(&mut a, ">");
    assert_eq!(cp(&a), rows[1].start, "the next one after the cursor");
    keys(&mut a, "<");
    assert_eq!(cp(&a), rows[0].start);
    keys(&mut a, "<");
    assert!(
        a.state()
            .ui
            .message
            .as_deref()
            .unwrap_or("")
            .contains("no more passages")
    );
}

#[test]
fn the_memo_browser_lists_searches_and_opens_every_memo() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    keys(&mut a, "1 m text:Entretien_très_riche_sur_la_CPTS ctrl-s");
    keys(&mut a, "2 } } c enter m text:Passage_sur_les_délais ctrl-s");
    keys(&mut a, "ctrl-e");
    let s = screen(&a).join("\n");
    assert!(s.contains("Memos") && s.contains("(2)"), "{s}");
    assert!(
        s.contains("Entretien très riche sur la CP  Source E01"),
        "{s}"
    );
    assert!(s.contains("Coding E01 « "), "{s}");
    let today = time::OffsetDateTime::now_utc().year().to_string();
    assert!(s.contains(&format!("{today}-")), "dated: {s}");
    keys(&mut a, "text:delais");
    let s = screen(&a).join("\n");
    assert!(
        s.contains("Passage sur les délais") && !s.contains("très riche"),
        "{s}"
    );
    keys(&mut a, "enter");
    match &a.state().popup {
        Some(Popup::Input { text, .. }) => assert_eq!(text, "Passage sur les délais"),
        other => panic!("the memo opens in the editor: {other:?}"),
    }
}

#[test]
fn an_export_to_a_missing_folder_says_so_and_its_name_is_not_remembered() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    keys(&mut a, "} c enter E down");
    for _ in 0.."annexe-verbatims.docx".len() {
        keys(&mut a, "backspace");
    }
    keys(&mut a, "text:nowhere/annexe.docx enter");
    a.wait_for_export();
    let message = a.state().ui.message.clone().unwrap_or_default();
    assert!(message.contains("does not exist"), "{message}");
    keys(&mut a, "E");
    let Some(Popup::Export(form)) = &a.state().popup else {
        panic!("the export dialog is open")
    };
    assert_eq!(
        form.choices.file, "annexe-verbatims.docx",
        "the failed name was not kept"
    );
}

#[test]
fn a_codebook_action_from_another_pane_focuses_the_codebook() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    assert_eq!(
        a.state().ui.focus,
        verbatim::tui::testing::Focus::Transcript
    );
    keys(&mut a, "a");
    assert_eq!(a.state().ui.focus, verbatim::tui::testing::Focus::Codebook);
    assert!(shows(&a, "New node name"), "the add-node input is open");
}

#[test]
fn the_status_bar_hints_follow_the_focused_pane() {
    let f = sample();
    let mut a = app(&f, 160, 40);
    assert!(screen(&a).last().unwrap().contains("c code"));
    keys(&mut a, "3");
    let last = screen(&a).last().unwrap().clone();
    assert!(
        last.contains("a add") && last.contains("r rename"),
        "{last}"
    );
    keys(&mut a, "4");
    assert!(screen(&a).last().unwrap().contains("P read in full"));
}
