//! TUI tests on ratatui's TestBackend, driven by key events: open the sample project, move,
//! select, code with the picker (existing and new node), see the stripe, uncode, undo, rename
//! and merge nodes, jump from a passage to its place, and the 80×24 layout. Assertions are on
//! the screen buffer and on the project files.

mod common;
mod tui_kit;

use crossterm::event::KeyModifiers;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_kit::{Fixture, app_styled, codings_files, keys, sample, screen};
use verbatim::session::Session;
use verbatim::text::CharRange;
use verbatim::tui::testing::App;
use verbatim::tui::testing::Lang;
use verbatim::tui::testing::{Depth, Theme};
use verbatim::tui::testing::{Focus, Popup};

fn app(f: &Fixture, depth: Depth, w: u16, h: u16) -> App {
    app_styled(f, Lang::En, depth, w, h)
}

/// Selects row `i` of the codebook pane (focused) with the keys.
fn select_row(a: &mut App, i: usize) {
    keys(a, "g");
    for _ in 0..i {
        keys(a, "j");
    }
}

#[test]
fn opens_the_sample_with_sources_transcript_codebook_and_key_hints() {
    let f = sample();
    let a = app(&f, Depth::TrueColor, 120, 30);
    let s = screen(&a);
    assert!(
        s[0].contains("verbatim · CPTS-demo · E01, Médecin généraliste"),
        "{}",
        s[0]
    );
    assert!(s[0].contains("saved ✓") && s[0].contains("coder: sg"));
    assert!(
        s.iter()
            .any(|l| l.contains("┌ Sources") && l.contains("┌ E01") && l.contains("┌ Codebook"))
    );
    assert!(
        s.iter()
            .any(|l| l.contains("Enquêteur : Bonjour, merci d'avoir accepté"))
    );
    assert!(s.iter().any(|l| l.contains("II.B - Freins")));
    let last = s.last().unwrap();
    assert!(
        last.contains("NORMAL")
            && last.contains("c code")
            && last.contains("? help")
            && last.contains("q quit"),
        "{last}"
    );
}

#[test]
fn select_code_with_the_picker_see_the_stripe_uncode_and_undo() {
    let f = sample();
    let mut a = app(&f, Depth::None, 120, 30);
    keys(&mut a, "} } } v e e e c text:manque");
    let Some(Popup::Picker(p)) = &a.state().popup else {
        panic!("the picker is open")
    };
    assert!(
        a.state()
            .node(p.matches[0])
            .unwrap()
            .path
            .ends_with("II.B.1 - Manque de temps")
    );
    assert!(screen(&a).iter().any(|l| l.contains("> manque")));
    keys(&mut a, "enter");
    assert!(a.state().popup.is_none());
    let file = codings_files(&f.root, "sg");
    assert_eq!(file.lines().count(), 1);
    assert!(file.contains("\"quote\":\"Oui, bien sûr\""), "{file}");
    let s = screen(&a);
    let mark = a
        .state()
        .codebook
        .nodes
        .iter()
        .find(|n| n.path.ends_with("II.B.1 - Manque de temps"))
        .unwrap()
        .mark;
    let stripe_row = s.iter().find(|l| l.contains("M1 : Oui, bien sûr")).unwrap();
    assert!(
        stripe_row.contains(&format!("│{mark} M1 : Oui")),
        "a stripe with the node's letter without colour: {stripe_row}"
    );
    assert!(s.last().unwrap().contains("coded with"));
    keys(&mut a, "u");
    assert_eq!(codings_files(&f.root, "sg").lines().count(), 0, "uncoded");
    keys(&mut a, "z");
    assert_eq!(
        codings_files(&f.root, "sg").lines().count(),
        1,
        "undo brings the coding back"
    );
    keys(&mut a, "Z");
    assert_eq!(codings_files(&f.root, "sg").lines().count(), 0, "redo");
}

#[test]
fn a_new_node_is_created_from_the_picker_and_code_again_reuses_it() {
    let f = sample();
    let mut a = app(&f, Depth::TrueColor, 120, 30);
    keys(
        &mut a,
        "3 G 2 } } } v w w c text:Interconnaissance_ville-hôpital",
    );
    let Some(Popup::Picker(p)) = &a.state().popup else {
        panic!("picker")
    };
    assert!(p.in_vivo.is_some());
    let s = screen(&a);
    assert!(
        s.iter().any(|l| l
            .contains("+ new node: V - Perspectives/V.B - Pérennité du modèle/Interconnaissance")),
        "{}",
        s.join("\n")
    );
    for _ in 0..10 {
        keys(&mut a, "down");
    }
    keys(&mut a, "up enter");
    let book = std::fs::read_to_string(f.root.join("codebook.json")).unwrap();
    assert!(
        book.contains("\"name\": \"Interconnaissance ville-hôpital\""),
        "the new node is saved"
    );
    let row = screen(&a)
        .into_iter()
        .find(|l| l.contains("▌ "))
        .expect("a coloured stripe");
    assert!(row.contains('▌'));
    keys(&mut a, "} V .");
    assert_eq!(
        codings_files(&f.root, "sg").lines().count(),
        2,
        "code again with the last node on the next turn"
    );
}

#[test]
fn rename_and_merge_nodes_from_the_codebook_pane() {
    let f = sample();
    let mut a = app(&f, Depth::TrueColor, 120, 30);
    keys(&mut a, "} c text:manque enter");
    keys(&mut a, "3");
    let i = a
        .state()
        .codebook
        .tree
        .iter()
        .position(|r| r.name == "II.B.1 - Manque de temps")
        .unwrap();
    select_row(&mut a, i);
    keys(&mut a, "r");
    for _ in 0.."II.B.1 - Manque de temps".chars().count() {
        keys(&mut a, "backspace");
    }
    keys(&mut a, "text:II.B.1_-_Temps_(réunions_du_soir) enter");
    let book = std::fs::read_to_string(f.root.join("codebook.json")).unwrap();
    assert!(book.contains("II.B.1 - Temps (réunions du soir)"));
    assert!(screen(&a).iter().any(|l| l.contains("II.B.1 - Temps")));
    keys(&mut a, "M text:financement enter");
    let book = std::fs::read_to_string(f.root.join("codebook.json")).unwrap();
    assert!(!book.contains("II.B.1 - Temps"), "merged away");
    let target = a
        .state()
        .codebook
        .tree
        .iter()
        .find(|r| r.name == "II.B.4 - Financement fragile")
        .unwrap();
    assert_eq!(
        target.counts.codings, 1,
        "the coding moved to the merge target"
    );
    keys(&mut a, "z");
    assert!(
        std::fs::read_to_string(f.root.join("codebook.json"))
            .unwrap()
            .contains("II.B.1 - Temps"),
        "undo of the merge"
    );
}

#[test]
fn a_passage_of_the_selected_node_jumps_to_its_place() {
    let f = sample();
    let mut session = Session::open_writer(&f.root).unwrap();
    let node = session
        .codebook()
        .resolve("III - Missions/III.B - Soins non programmés")
        .unwrap();
    let e03 = session.source_id("E03").unwrap();
    let text = session.text(e03).unwrap();
    let byte = text
        .text
        .find("Je garde un créneau par jour pour la plateforme.")
        .unwrap();
    let start = text.index.cp_of(byte).unwrap();
    session
        .code("sg", e03, CharRange::new(start, start + 48), node)
        .unwrap();
    drop(session);
    let mut a = app(&f, Depth::TrueColor, 120, 30);
    keys(&mut a, "3");
    let i = a
        .state()
        .codebook
        .tree
        .iter()
        .position(|r| r.id == node)
        .unwrap();
    select_row(&mut a, i);
    keys(&mut a, "enter 4");
    assert_eq!(a.state().ui.focus, Focus::Passages);
    assert!(screen(&a).iter().any(|l| l.contains("E03 M3")));
    keys(&mut a, "enter");
    assert_eq!(a.state().ui.focus, Focus::Transcript);
    assert_eq!(a.state().transcript.doc.as_ref().unwrap().label, "E03");
    assert_eq!(a.state().transcript.cursor, byte);
    let s = screen(&a);
    assert!(
        s.iter().any(|l| l.contains("Je garde un créneau par jour")),
        "the place is on screen"
    );
    assert!(s[0].contains("E03"));
}

#[test]
fn at_80x24_the_transcript_keeps_60_columns_and_side_panes_become_tabs() {
    let f = sample();
    let mut a = app(&f, Depth::None, 80, 24);
    let g = verbatim::tui::testing::geometry(a.state());
    assert!(g.transcript.width >= 60, "{}", g.transcript.width);
    assert!(g.codebook.is_none() && g.tabbed.is_some());
    let s = screen(&a);
    assert_eq!(s.len(), 24);
    assert!(s[1].contains("┌ Sources") && s[1].contains("┌ E01"));
    keys(&mut a, "3");
    assert!(
        screen(&a)[1].contains("┌ Codebook"),
        "the tab follows the focus"
    );
    a.resize(200, 50);
    assert!(
        verbatim::tui::testing::geometry(a.state())
            .codebook
            .is_some()
    );
}

#[test]
fn help_lists_every_binding_and_q_in_a_text_field_is_a_letter() {
    let f = sample();
    let mut a = app(&f, Depth::TrueColor, 120, 40);
    keys(&mut a, "?");
    let s = screen(&a).join("\n");
    assert!(s.contains("Key bindings") && s.contains("ctrl-z"), "{s}");
    keys(&mut a, "ctrl-d");
    let s = screen(&a).join("\n");
    assert!(s.contains("code_again") && s.contains("select_turn"), "{s}");
    keys(&mut a, "esc : text:quit");
    assert!(!a.state().ui.quit, "q typed into the palette");
    keys(&mut a, "esc q");
    assert!(a.state().ui.quit);
}

#[test]
fn the_interface_speaks_french() {
    let f = sample();
    let a = app_styled(&f, Lang::Fr, Depth::None, 120, 30);
    let s = screen(&a);
    assert!(s.iter().any(|l| l.contains("┌ Codes")));
    assert!(s.last().unwrap().contains("c coder") && s.last().unwrap().contains("q quitter"));
    assert!(s[0].contains("enregistré ✓"));
}

#[test]
fn passages_can_be_filtered_and_the_codes_at_the_cursor_are_shown() {
    let f = sample();
    let mut session = Session::open_writer(&f.root).unwrap();
    let node = session
        .codebook()
        .resolve("II - La CPTS vécue/II.B - Freins/II.B.1 - Manque de temps")
        .unwrap();
    for (label, speaker) in [
        ("E01", "M1"),
        ("E02", "IDE2"),
        ("E02", "INT"),
        ("E04", "Ph."),
    ] {
        let id = session.source_id(label).unwrap();
        session.code_speaker("sg", speaker, node, Some(id)).unwrap();
    }
    drop(session);
    let mut a = app(&f, Depth::TrueColor, 140, 40);
    keys(&mut a, "3");
    let i = a
        .state()
        .codebook
        .tree
        .iter()
        .position(|r| r.id == node)
        .unwrap();
    select_row(&mut a, i);
    keys(&mut a, "enter");
    let all = a.state().passages.rows.len();
    assert!(all > 10);
    keys(&mut a, "f text:-role:interviewer_Sexe=F enter");
    assert!(a.state().passages.rows.len() < all && !a.state().passages.rows.is_empty());
    assert!(
        a.state()
            .passages
            .rows
            .iter()
            .all(|p| p.label == "E02" || p.label == "E04"),
        "Sexe=F: E02 and E04"
    );
    assert!(
        a.state()
            .passages
            .rows
            .iter()
            .all(|p| p.speaker.as_deref() != Some("INT")),
        "no interviewer turn"
    );
    assert_eq!(a.state().passages.filter, "-role:interviewer Sexe=F");
    a.resize(220, 40);
    assert!(
        screen(&a)
            .iter()
            .any(|l| l.contains("⏷ -role:interviewer Sexe=F")),
        "the filter is shown at the top of the panel"
    );
    keys(&mut a, "f");
    for _ in 0..40 {
        keys(&mut a, "backspace");
    }
    keys(&mut a, "text:Nope=1 enter");
    assert!(
        a.state()
            .ui
            .message
            .as_deref()
            .unwrap_or("")
            .contains("filter 'Nope=1'")
    );
    keys(&mut a, "4 enter");
    let s = screen(&a);
    assert!(
        s.iter()
            .any(|l| l.contains("II.B.1 - Manque de temps (sg)")),
        "codes at the cursor:\n{}",
        s.join("\n")
    );
}

#[test]
fn a_memo_is_written_on_several_lines_and_saved_with_ctrl_s() {
    let f = sample();
    let mut a = app(&f, Depth::TrueColor, 120, 30);
    keys(
        &mut a,
        "m text:Premier_entretien enter text:À_relire ctrl-s",
    );
    let memos = verbatim::memo::list(&f.root).unwrap();
    assert_eq!(memos.len(), 1);
    assert_eq!(memos[0].text, "Premier entretien\nÀ relire");
    assert!(matches!(memos[0].target, verbatim::memo::Target::Source(_)));
    keys(&mut a, "m");
    let Some(Popup::Input { text, .. }) = &a.state().popup else {
        panic!("the memo reopens")
    };
    assert_eq!(text, "Premier entretien\nÀ relire");
}

#[test]
fn a_mouse_drag_selects_a_span_that_is_then_coded() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let f = sample();
    let mut a = app(&f, Depth::TrueColor, 120, 30);
    let s = screen(&a);
    let y = s
        .iter()
        .position(|l| l.contains("Enquêteur : Bonjour, merci"))
        .unwrap() as u16;
    let x0 = s[y as usize].chars().position(|c| c == 'B').unwrap() as u16;
    let ev = |kind, column| MouseEvent {
        kind,
        column,
        row: y,
        modifiers: KeyModifiers::NONE,
    };
    a.mouse(ev(MouseEventKind::Down(MouseButton::Left), x0));
    a.mouse(ev(MouseEventKind::Drag(MouseButton::Left), x0 + 3));
    a.mouse(ev(MouseEventKind::Drag(MouseButton::Left), x0 + 6));
    a.mouse(ev(MouseEventKind::Up(MouseButton::Left), x0 + 6));
    keys(&mut a, "c text:engagement enter");
    assert!(
        codings_files(&f.root, "sg").contains("\"quote\":\"Bonjour\""),
        "{}",
        codings_files(&f.root, "sg")
    );
    keys(&mut a, "ctrl-o");
    assert!(!a.state().ui.mouse, "mouse capture is a toggle");
}

#[test]
fn an_outside_edit_is_re_anchored_at_open_and_orphans_are_announced() {
    let f = sample();
    let mut session = Session::open_writer(&f.root).unwrap();
    let node = session
        .codebook()
        .resolve("III - Missions/III.C - Parcours")
        .unwrap();
    let e02 = session.source_id("E02").unwrap();
    let text = session.text(e02).unwrap();
    let quote = "Avant, les sorties d'hôpital, c'était l'enfer.";
    let start = text.index.cp_of(text.text.find(quote).unwrap()).unwrap();
    session
        .code(
            "sg",
            e02,
            CharRange::new(start, start + quote.chars().count()),
            node,
        )
        .unwrap();
    let file = f.root.join(&session.project().source("E02").unwrap().file);
    drop(session);
    let edited = std::fs::read_to_string(&file).unwrap().replace(quote, "");
    std::fs::write(&file, edited).unwrap();
    let a = app(&f, Depth::TrueColor, 120, 30);
    assert_eq!(a.state().ui.orphans, 1);
    let s = screen(&a);
    assert!(s[0].contains("1 orphaned codings"), "{}", s[0]);
    assert!(
        codings_files(&f.root, "sg").contains("\"status\":\"orphaned\""),
        "kept, marked, saved by the TUI (a writer)"
    );
}

#[test]
fn memos_are_marked_in_the_sources_pane() {
    let f = sample();
    let mut a = app(&f, Depth::TrueColor, 120, 30);
    keys(&mut a, "m text:Relu ctrl-s");
    assert!(
        screen(&a)
            .iter()
            .any(|l| l.contains("E01") && l.contains('✎'))
    );
}

#[test]
fn node_colours_follow_the_terminal_depth() {
    use ratatui::style::Color;
    assert_eq!(
        Theme {
            depth: Depth::TrueColor
        }
        .node_color(Some("#E15759"), 0),
        Some(Color::Rgb(0xE1, 0x57, 0x59))
    );
    assert!(matches!(
        Theme {
            depth: Depth::Indexed256
        }
        .node_color(Some("#E15759"), 0),
        Some(Color::Indexed(16..=231))
    ));
    assert!(matches!(
        Theme {
            depth: Depth::Basic16
        }
        .node_color(None, 2),
        Some(Color::Red)
    ));
    assert_eq!(
        Theme { depth: Depth::None }.node_color(Some("#E15759"), 0),
        None
    );
}

#[test]
fn search_as_you_type_jumps_highlights_and_steps_through_matches() {
    use ratatui::style::{Color, Modifier};
    let f = sample();
    let mut a = app(&f, Depth::TrueColor, 140, 40);
    a.wait_for_index();
    keys(&mut a, "/ text:plat");
    let partial = a.state().search.hits.len();
    keys(&mut a, "text:eforme");
    assert!(!a.state().search.hits.is_empty(), "results as you type");
    assert_ne!(partial, a.state().search.hits.len());
    assert!(screen(&a).iter().any(|l| l.contains("> plateforme")));
    keys(&mut a, "down enter");
    let hit = a.state().search.hits[1].clone();
    let doc = a.state().transcript.doc.as_ref().unwrap();
    assert_eq!(doc.id, hit.source);
    let at = doc.text.index.cp_of(a.state().transcript.cursor).unwrap();
    assert_eq!(at, hit.matches[0].0, "the cursor is on the match");
    let mut t = Terminal::new(TestBackend::new(140, 40)).unwrap();
    t.draw(|fr| a.draw(fr)).unwrap();
    let buf = t.backend().buffer().clone();
    let highlighted = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let c = &buf[(x, y)];
            c.bg == Color::Yellow && c.modifier.contains(Modifier::BOLD)
        })
        .count();
    assert!(
        highlighted >= "plateforme".len() - 1,
        "the match is highlighted ({highlighted} cells)"
    );
    let before = a.state().transcript.cursor;
    keys(&mut a, "n");
    let matches_here: usize = a
        .state()
        .search
        .hits
        .iter()
        .filter(|h| h.source == hit.source)
        .map(|h| h.matches.len())
        .sum();
    if matches_here > 1 {
        assert!(
            a.state().transcript.cursor > before,
            "n goes to the next match"
        );
        keys(&mut a, "N");
        assert_eq!(a.state().transcript.cursor, before, "N comes back");
    }
}

#[test]
fn search_uses_the_filters_and_codes_every_hit_with_the_picker() {
    let f = sample();
    let mut a = app(&f, Depth::TrueColor, 140, 40);
    a.wait_for_index();
    keys(&mut a, "f text:-role:interviewer enter");
    keys(&mut a, "/ text:plateforme");
    let n = a.state().search.hits.len();
    assert!(n > 0);
    let interviewers = ["Enquêteur", "Enquêtrice", "INT", "E.", "Intervenant 1"];
    assert!(
        a.state()
            .search
            .hits
            .iter()
            .all(|h| !interviewers.contains(&h.speaker.as_deref().unwrap_or("")))
    );
    keys(&mut a, "ctrl-k text:soins_non enter");
    assert!(
        matches!(a.state().popup, Some(Popup::Confirm { .. })),
        "asked first"
    );
    keys(&mut a, "y");
    let mut units: Vec<_> = a
        .state()
        .search
        .hits
        .iter()
        .map(|h| (h.source, h.unit_start))
        .collect();
    units.sort();
    units.dedup();
    assert_eq!(
        codings_files(&f.root, "sg").lines().count(),
        units.len(),
        "one coding per hit unit"
    );
    assert!(
        a.state()
            .ui
            .message
            .as_deref()
            .unwrap_or("")
            .contains("III.B - Soins non programmés")
    );
    keys(&mut a, "z");
    assert_eq!(
        codings_files(&f.root, "sg").lines().count(),
        0,
        "coding all hits is one undoable step"
    );
}

#[test]
fn opening_never_waits_for_the_index_and_a_search_typed_meanwhile_is_answered_when_it_arrives() {
    let f = sample();
    let mut a = app(&f, Depth::TrueColor, 140, 40);
    a.wait_for_index();
    // Replace the index by one this test hands over when it decides.
    let (tx, rx) = std::sync::mpsc::channel();
    a.replace_index(verbatim::tui::testing::Indexer::from_receiver(rx));
    assert!(
        screen(&a)[0].contains("indexing…"),
        "the status bar says so"
    );
    keys(&mut a, "/ text:plateforme");
    assert!(a.state().search.hits.is_empty());
    assert_eq!(a.state().ui.message.as_deref(), Some("indexing…"));
    let built = verbatim::index::SearchIndex::open(a.session()).unwrap().0;
    tx.send(Ok(built)).unwrap();
    assert!(a.tick(), "the index is picked up");
    assert!(
        !a.state().search.hits.is_empty(),
        "the pending search is answered"
    );
    assert!(!screen(&a)[0].contains("indexing…"));
}

#[test]
fn the_export_dialog_writes_the_annex_in_the_background_and_remembers_the_choices() {
    let f = sample();
    let mut a = app(&f, Depth::None, 120, 30);
    keys(&mut a, "} } } v e e e c text:manque enter");
    keys(&mut a, "E");
    let s = screen(&a);
    assert!(s.iter().any(|l| l.contains("Export the annex")), "{s:#?}");
    assert!(s.iter().any(|l| l.contains("Format") && l.contains("docx")));
    keys(&mut a, "right right");
    assert!(screen(&a).iter().any(|l| l.contains("annexe-verbatims.md")));
    // Filter row: only E01's verbatims; q is a letter here, not quit.
    keys(&mut a, "down down down text:case:E01");
    assert!(!a.state().ui.quit);
    assert!(
        screen(&a)
            .iter()
            .any(|l| l.contains("Filter") && l.contains("case:E01"))
    );
    keys(&mut a, "down down down down down space");
    keys(&mut a, "enter");
    assert!(a.state().popup.is_none());
    a.wait_for_export();
    let out = f.root.parent().unwrap().join("annexe-verbatims.md");
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.contains("II.B.1 - Manque de temps"), "{md}");
    assert!(md.contains("> « Oui, bien sûr"), "{md}");
    assert!(
        md.contains("# Dictionnaire des codes"),
        "the dictionary was switched on"
    );
    let s = screen(&a);
    assert!(
        s.last().unwrap().contains(&format!(
            "exported {} (29 nodes, 1 verbatim)",
            out.display()
        )),
        "{:?}",
        s.last()
    );
    assert!(a.state().ui.exporting.is_none());
    // Opened again, the dialog has the last choices.
    keys(&mut a, "E");
    let Some(Popup::Export(form)) = &a.state().popup else {
        panic!("the export dialog is open")
    };
    assert_eq!(form.choices.format, verbatim::export::Format::Md);
    assert_eq!(form.choices.filter, "case:E01");
    assert!(form.choices.options.descriptions);
    keys(&mut a, "esc");
    assert!(a.state().popup.is_none());
}

#[test]
fn the_export_dialog_also_writes_a_refi_qda_project() {
    let f = sample();
    let mut a = app(&f, Depth::None, 120, 30);
    keys(&mut a, "} } } v e e e c text:manque enter");
    // docx → … → xlsx → qdpx: six steps right.
    keys(&mut a, "E right right right right right right");
    assert!(
        screen(&a)
            .iter()
            .any(|l| l.contains("annexe-verbatims.qdpx"))
    );
    keys(&mut a, "enter");
    let s = screen(&a);
    assert!(
        s.last()
            .unwrap()
            .contains("annexe-verbatims.qdpx (29 nodes, 1 coding)"),
        "{:?}",
        s.last()
    );
    let out = f.root.parent().unwrap().join("annexe-verbatims.qdpx");
    assert!(
        s.last().unwrap().contains(&out.display().to_string()),
        "the full path"
    );
    common::valid_qdpx(f.dir.path(), &out);
}
