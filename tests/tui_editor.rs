//! The text editor of every text field, driven by keys on a TestBackend: the cursor moves by
//! character, word and line (←/→, ctrl-←/→ and alt-b/f, Home/End, ↑/↓ in a memo or a
//! description), typing goes in at the cursor, ctrl-w and Delete remove around it; the saved
//! text is what was edited — in memos, names, the code picker, the palette, the search, the
//! source picker, the memo browser, the passages filter and the export dialog's text rows.

mod tui_kit;

use tui_kit::{app, keys, sample, screen, shows};

fn source_memo(a: &verbatim::tui::testing::App) -> Option<String> {
    let id = a.state().transcript.doc.as_ref()?.id;
    a.session()
        .memos()
        .unwrap()
        .into_iter()
        .find(|m| m.target == verbatim::memo::Target::Source(id))
        .map(|m| m.text)
}

#[test]
fn a_memo_is_edited_with_a_cursor_across_lines() {
    let f = sample();
    let mut a = app(&f, 120, 30);
    keys(&mut a, "m");
    assert!(
        shows(&a, "Memo (Enter: new line"),
        "{}",
        screen(&a).join("\n")
    );
    keys(&mut a, "text:entretien_riche enter text:à_relire");
    assert!(shows(&a, "à relire▏"), "the cursor after the text");
    keys(&mut a, "up home text:Un_");
    assert!(
        shows(&a, "Un ▏entretien riche"),
        "{}",
        screen(&a).join("\n")
    );
    keys(&mut a, "end ctrl-left ctrl-left");
    assert!(shows(&a, "Un ▏entretien riche"), "word moves");
    keys(&mut a, "ctrl-right");
    assert!(shows(&a, "Un entretien ▏riche"));
    keys(&mut a, "end ctrl-w text:dense");
    assert!(
        shows(&a, "Un entretien dense▏"),
        "{}",
        screen(&a).join("\n")
    );
    keys(&mut a, "down end backspace text:e_!");
    keys(&mut a, "home delete text:À");
    keys(&mut a, "ctrl-s");
    assert!(a.state().popup.is_none());
    assert_eq!(
        source_memo(&a).as_deref(),
        Some("Un entretien dense\nÀ relire !"),
        "saved as edited"
    );
}

#[test]
fn a_node_name_is_edited_in_place() {
    let f = sample();
    let mut a = app(&f, 120, 30);
    keys(&mut a, "3 j r");
    let old = a.state().codebook.tree[1].name.clone();
    assert!(shows(&a, &format!("{old}▏")));
    keys(&mut a, "home text:X_ right delete end text:_Y");
    let mut expected = format!("X {old} Y");
    expected.remove(3);
    assert!(
        shows(&a, &format!("{expected}▏")),
        "{}",
        screen(&a).join("\n")
    );
    keys(&mut a, "enter");
    assert_eq!(a.state().codebook.tree[1].name, expected);
}

/// The query of a chooser popup (picker, palette, search, source picker, memo browser).
fn query(a: &verbatim::tui::testing::App) -> String {
    use verbatim::tui::testing::Popup;
    match &a.state().popup {
        Some(Popup::Picker(p)) => p.query.clone(),
        Some(
            Popup::Palette { query, .. }
            | Popup::Search { query, .. }
            | Popup::SourcePicker { query, .. }
            | Popup::Memos { query, .. },
        ) => query.clone(),
        _ => panic!("a chooser is open:\n{}", screen(a).join("\n")),
    }
}

#[test]
fn the_code_pickers_input_is_edited_at_the_cursor() {
    let f = sample();
    let mut a = app(&f, 120, 30);
    keys(&mut a, "2 V c text:manqe left text:u");
    assert_eq!(query(&a), "manque");
    assert!(shows(&a, "> manqu▏e"), "{}", screen(&a).join("\n"));
    keys(&mut a, "home text:le_ end alt-b");
    assert!(shows(&a, "> le ▏manque"), "{}", screen(&a).join("\n"));
    keys(&mut a, "ctrl-w");
    assert_eq!(query(&a), "manque", "ctrl-w eats the word before");
    keys(&mut a, "delete alt-f text:s");
    assert_eq!(query(&a), "anques");
    keys(
        &mut a,
        "ctrl-left delete ctrl-right backspace text:_de_temps",
    );
    assert_eq!(query(&a), "nque de temps");
    keys(&mut a, "esc");
    assert!(a.state().popup.is_none());
}

#[test]
fn the_palette_search_and_source_picker_inputs_are_edited_at_the_cursor() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    keys(&mut a, ": text:child left left left left left text:add_");
    assert_eq!(query(&a), "add child");
    assert!(shows(&a, "> add ▏child"), "{}", screen(&a).join("\n"));
    assert!(shows(&a, "Add a child node"), "the list follows the edit");
    keys(&mut a, "esc");
    a.wait_for_index();
    keys(
        &mut a,
        "/ text:plateforme home delete delete delete delete delete",
    );
    assert_eq!(query(&a), "forme");
    assert_eq!(a.state().search.query, "forme", "searched as edited");
    keys(&mut a, "end backspace ctrl-a text:plate");
    assert_eq!(query(&a), "plateform");
    assert!(shows(&a, "> plate▏form"), "{}", screen(&a).join("\n"));
    keys(&mut a, "esc s text:E0 text:3 left backspace");
    assert_eq!(query(&a), "E3");
    keys(&mut a, "esc ctrl-e text:relire home text:à_");
    assert_eq!(query(&a), "à relire");
}

#[test]
fn the_filter_prompt_and_the_export_file_name_are_edited_at_the_cursor() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    keys(
        &mut a,
        "4 f text:case:E01 home text:Sexe=F_ end alt-b alt-b right",
    );
    assert!(shows(&a, "Sexe=F c▏ase:E01"), "{}", screen(&a).join("\n"));
    keys(&mut a, "enter");
    assert_eq!(a.state().passages.filter, "Sexe=F case:E01");
    keys(&mut a, "E down");
    let Some(verbatim::tui::testing::Popup::Export(form)) = &a.state().popup else {
        panic!("the export dialog:\n{}", screen(&a).join("\n"))
    };
    let file = form.choices.file.clone();
    let stem = file.rsplit_once('.').unwrap().0.to_owned();
    keys(&mut a, "home text:v2- end ctrl-w");
    let export_file = |a: &verbatim::tui::testing::App| match &a.state().popup {
        Some(verbatim::tui::testing::Popup::Export(form)) => form.choices.file.clone(),
        _ => panic!("the export dialog:\n{}", screen(a).join("\n")),
    };
    assert_eq!(
        export_file(&a),
        format!("v2-{stem}."),
        "ctrl-w ate the extension"
    );
    assert!(
        shows(&a, &format!("v2-{stem}.▏")),
        "{}",
        screen(&a).join("\n")
    );
    keys(&mut a, "left left text:X");
    let mut expected = format!("v2-{stem}.");
    expected.insert(expected.len() - 2, 'X');
    assert_eq!(export_file(&a), expected, "←→ move in a text row");
}

#[test]
fn a_node_description_takes_several_lines() {
    let f = sample();
    let mut a = app(&f, 120, 30);
    keys(&mut a, "3 j D");
    assert!(
        shows(&a, "Description (Enter: new line"),
        "{}",
        screen(&a).join("\n")
    );
    let id = a.state().codebook.tree[1].id;
    let description = |a: &verbatim::tui::testing::App| {
        a.session().codebook().node(id).unwrap().description.clone()
    };
    let old = description(&a);
    keys(
        &mut a,
        "text:Quand_on_parle enter text:du_temps up end text:_ouvertement ctrl-s",
    );
    assert!(a.state().popup.is_none());
    assert_eq!(
        description(&a),
        format!("{old}Quand on parle ouvertement\ndu temps")
    );
    drop(a);
    let mut a = tui_kit::app_in(&f, verbatim::tui::testing::Lang::Fr, 120, 30);
    keys(&mut a, "3 j D");
    assert!(
        shows(&a, "Description (Entrée : à la ligne"),
        "{}",
        screen(&a).join("\n")
    );
    assert!(
        shows(&a, "du temps▏"),
        "the description to edit, cursor at its end"
    );
}

/// Help lists a text field's cursor keys and the file browser's own keys, from the keymap.
#[test]
fn help_lists_the_cursor_keys_of_text_fields_and_the_browsers_keys() {
    let f = sample();
    let mut a = app(&f, 200, 150);
    keys(&mut a, "?");
    assert!(
        shows(
            &a,
            "alt-b ctrl-left alt-f ctrl-right Text fields: cursor one word left, right"
        ),
        "{}",
        screen(&a).join("\n")
    );
    assert!(shows(
        &a,
        "ctrl-a home ctrl-e end Text fields: cursor to the start, the end of the line"
    ));
    assert!(shows(
        &a,
        "ctrl-o           File browser: import the marked files or this folder"
    ));
    drop(a);
    let mut a = tui_kit::app_in(&f, verbatim::tui::testing::Lang::Fr, 200, 150);
    keys(&mut a, "?");
    assert!(shows(
        &a,
        "Champs de texte : curseur d'un mot à gauche, à droite"
    ));
    assert!(shows(
        &a,
        "Explorateur : importer les fichiers marqués ou ce dossier"
    ));
}

/// Pasted text (bracketed paste) goes in at the cursor: whole lines into a memo, on one line
/// into a one-line field (a pasted line break never submits it), nowhere when no field is open.
#[test]
fn pasted_text_goes_in_at_the_cursor_and_never_submits_a_one_line_field() {
    let f = sample();
    let mut a = app(&f, 120, 30);
    keys(&mut a, "2 V c text:temps home");
    a.paste("manque\r\nde \n".into());
    assert_eq!(
        query(&a),
        "manque de temps",
        "on one line, the final break dropped"
    );
    assert!(
        matches!(
            a.state().popup,
            Some(verbatim::tui::testing::Popup::Picker(_))
        ),
        "still open"
    );
    keys(&mut a, "esc esc m");
    a.paste("Première ligne\r\nDeuxième\tligne".into());
    keys(&mut a, "ctrl-s");
    assert_eq!(
        source_memo(&a).as_deref(),
        Some("Première ligne\nDeuxième\tligne"),
        "a memo keeps its lines"
    );
    let before = a.state().clone();
    a.paste("jjjq".into());
    assert!(
        !a.state().ui.quit,
        "no field open: pasted letters are not keys"
    );
    assert_eq!(a.state().transcript.cursor, before.transcript.cursor);
}
