//! The text editor of every text field, driven by keys on a TestBackend: the cursor moves by
//! character, word and line (←/→, ctrl-←/→, Home/End, ↑/↓ in a memo), typing goes in at the
//! cursor, ctrl-w and Delete remove around it; the saved text is what was edited.

mod tui_kit;

use tui_kit::{app, keys, sample, screen, shows};

fn source_memo(a: &verbatim::tui::testing::App) -> Option<String> {
    let id = a.state().transcript.doc.as_ref()?.id;
    a.session()
        .memos()
        .unwrap()
        .into_iter()
        .find(|m| m.target == verbatim::memo::Target::Source(verbatim::SourceId(id)))
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
