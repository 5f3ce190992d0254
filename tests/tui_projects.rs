//! Projects and imports in the TUI, driven by keys on a TestBackend: the file browser (folders,
//! supported files only, marks), an import with its progress and report, the projects list
//! (recent, new, open a folder), check from the palette with places to jump to; and the whole
//! workflow on a fresh project: import, code, export, quit.

mod tui_kit;

use tui_kit::{app, keys, sample, screen, shows};
use verbatim::session::Session;
use verbatim::text::CharRange;
use verbatim::tui::testing::{App, Depth, Keymap, Lang, Popup, Theme};

/// A fresh, empty project in `parent/projet`, with `parent/entretiens` holding three sample
/// transcripts, a broken .docx and a photo.
fn fresh(parent: &std::path::Path) -> std::path::PathBuf {
    let root = parent.join("projet");
    verbatim::Project::init(&root, Some("Thèse"), verbatim::model::Language::Fr).unwrap();
    let folder = parent.join("entretiens");
    std::fs::create_dir_all(&folder).unwrap();
    for (name, bytes) in verbatim::demo::CORPUS.iter().take(3) {
        std::fs::write(folder.join(name), bytes).unwrap();
    }
    std::fs::write(folder.join("cassé.docx"), b"not a zip at all").unwrap();
    std::fs::write(folder.join("photo.jpg"), b"\xff\xd8\xff").unwrap();
    root
}

fn open(root: &std::path::Path, w: u16, h: u16) -> App {
    let mut s = Session::open_writer(root).unwrap();
    s.set_coder("sg").unwrap();
    App::new(
        s,
        Keymap::default_keys(),
        Lang::En,
        Theme {
            depth: Depth::TrueColor,
        },
        w,
        h,
    )
}

fn browser_entries(a: &App) -> Vec<String> {
    match &a.state().popup {
        Some(Popup::Files(b)) => b.entries.iter().map(|e| e.name.clone()).collect(),
        _ => panic!("the file browser is open:\n{}", screen(a).join("\n")),
    }
}

/// Moves the browser's cursor to the entry named `name` (letters typed there filter the list:
/// the arrows move).
fn go_to(a: &mut App, name: &str) {
    let i = browser_entries(a).iter().position(|n| n == name).unwrap();
    keys(a, "home");
    for _ in 0..i {
        keys(a, "down");
    }
}

#[test]
fn the_file_browser_imports_a_folder_with_progress_and_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let root = fresh(dir.path());
    let mut a = open(&root, 140, 40);
    assert!(a.state().sources.rows.is_empty());
    keys(&mut a, "I");
    assert!(shows(&a, "Import transcripts"), "{}", screen(&a).join("\n"));
    assert_eq!(
        browser_entries(&a),
        ["entretiens", "projet"],
        "folders first"
    );
    go_to(&mut a, "entretiens");
    keys(&mut a, "enter");
    assert_eq!(
        browser_entries(&a),
        ["cassé.docx", "E01.docx", "E02.txt", "E03.odt"],
        "only what can be imported"
    );
    assert!(shows(&a, "1 other file left out"), "one file, singular");
    keys(&mut a, "ctrl-o");
    assert_eq!(a.state().ui.importing, Some((0, 0)), "reading has started");
    assert!(screen(&a)[0].contains("importing 0/0"));
    a.wait_for_import();
    assert_eq!(a.state().ui.importing, None);
    let Some(Popup::Report(r)) = &a.state().popup else {
        panic!("a report: {}", screen(&a).join("\n"))
    };
    assert_eq!(r.title, "Import: 3 sources imported, 1 not imported");
    assert!(r.items.iter().any(|i| i.text.starts_with("✓ E02")));
    assert!(
        r.items
            .iter()
            .any(|i| i.text.contains("✗") && i.text.contains("cassé.docx"))
    );
    assert_eq!(a.state().sources.rows.len(), 3);
    assert!(a.state().transcript.doc.is_some(), "the first one is open");
    keys(&mut a, "j enter");
    assert_eq!(
        a.state().transcript.doc.as_ref().unwrap().label,
        "E02",
        "Enter opens it"
    );
    assert_eq!(a.session().project().manifest.sources.len(), 3, "saved");
}

/// Importing a file a second time: the report says which source it already is, Enter opens that
/// source, and R there replaces its text by the file (issue 13: re-import offers replace).
#[test]
fn a_file_imported_again_is_offered_as_a_replacement() {
    let dir = tempfile::tempdir().unwrap();
    let root = fresh(dir.path());
    let mut a = open(&root, 160, 40);
    keys(&mut a, "I");
    go_to(&mut a, "entretiens");
    keys(&mut a, "enter");
    go_to(&mut a, "E02.txt");
    keys(&mut a, "enter");
    a.wait_for_import();
    keys(&mut a, "esc I");
    if browser_entries(&a).iter().any(|e| e == "entretiens") {
        go_to(&mut a, "entretiens");
        keys(&mut a, "enter");
    }
    go_to(&mut a, "E02.txt");
    keys(&mut a, "enter");
    a.wait_for_import();
    let Some(Popup::Report(r)) = &a.state().popup else {
        panic!("a report: {}", screen(&a).join("\n"))
    };
    let item = r
        .items
        .iter()
        .find(|i| i.text.contains("already imported as E02"))
        .unwrap_or_else(|| panic!("{:?}", r.items));
    assert!(item.text.contains("then R (sources pane)"), "{}", item.text);
    assert!(item.jump.is_some(), "Enter opens the source it matches");
    assert_eq!(a.session().project().manifest.sources.len(), 1, "not twice");
}

#[test]
fn marked_files_are_imported_and_the_rest_left() {
    let dir = tempfile::tempdir().unwrap();
    let root = fresh(dir.path());
    let mut a = open(&root, 140, 40);
    keys(&mut a, "I");
    go_to(&mut a, "entretiens");
    keys(&mut a, "right");
    go_to(&mut a, "E02.txt");
    keys(&mut a, "space space");
    assert!(
        shows(&a, "✓ E02.txt") && shows(&a, "✓ E03.odt"),
        "{}",
        screen(&a).join("\n")
    );
    assert!(shows(&a, "2 marked"));
    keys(&mut a, "space");
    assert!(!shows(&a, "✓ E03.odt"), "space again unmarks");
    keys(&mut a, "left");
    assert!(shows(&a, "1 marked"), "marks are kept across folders");
    keys(&mut a, "ctrl-o");
    a.wait_for_import();
    let labels: Vec<&str> = a
        .state()
        .sources
        .rows
        .iter()
        .map(|s| s.label.as_str())
        .collect();
    assert_eq!(labels, ["E02"]);
}

#[test]
fn the_projects_list_offers_recent_ones_creates_and_opens() {
    let dir = tempfile::tempdir().unwrap();
    let root = fresh(dir.path());
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let gone = dir.path().join("gone");
    std::fs::write(
        config.join("recent.json"),
        serde_json::to_vec(&[&root, &gone]).unwrap(),
    )
    .unwrap();
    let f = sample();
    let mut a = app(&f, 140, 40);
    a.set_config_dir(config.clone());
    keys(&mut a, "O");
    assert!(shows(&a, "+ New project…"), "{}", screen(&a).join("\n"));
    assert!(shows(&a, "Open a project folder…"));
    assert!(shows(&a, "Thèse"), "the recent project, by name");
    let Some(Popup::Projects { rows, .. }) = &a.state().popup else {
        panic!("projects")
    };
    assert_eq!(rows.len(), 1, "one that no longer exists is left out");
    keys(&mut a, "j j enter");
    assert_eq!(a.state().ui.switch_to.as_deref(), Some(root.as_path()));
    assert!(
        a.state().ui.quit,
        "this project closes so that the other opens"
    );
    drop(a);

    let mut a = app(&f, 140, 40);
    keys(&mut a, "O enter");
    assert!(shows(&a, "Folder of the new project"));
    let new = dir.path().join("nouveau projet");
    keys(
        &mut a,
        &format!("text:{} enter", new.display().to_string().replace(' ', "_")),
    );
    assert!(new.join(verbatim::project::MANIFEST).is_file(), "created");
    assert_eq!(a.state().ui.switch_to.as_deref(), Some(new.as_path()));
    drop(a);

    let mut a = app(&f, 140, 40);
    keys(&mut a, "O j enter");
    assert!(shows(&a, "Open a project folder…"));
    let entries = browser_entries(&a);
    assert!(entries.iter().any(|e| e == "demo"), "{entries:?}");
    go_to(&mut a, "demo");
    assert!(shows(&a, "demo/  (a project)"));
    keys(&mut a, "enter");
    assert_eq!(a.state().ui.switch_to.as_deref(), Some(f.root.as_path()));
}

#[test]
fn check_from_the_palette_lists_moved_and_orphaned_codings_to_jump_to() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    keys(&mut a, ": text:check enter");
    let Some(Popup::Report(r)) = &a.state().popup else {
        panic!("a report: {}", screen(&a).join("\n"))
    };
    assert_eq!(r.title, "Check: no problem found");
    drop(a);
    // Two codings of E02, then its text edited outside: one's words deleted, text added before
    // the other.
    let mut s = Session::open_writer(&f.root).unwrap();
    let id = s.source_id("E02").unwrap();
    let node = s.codebook().all_ids()[1];
    let text = s.text(id).unwrap().text.clone();
    let cp = |needle: &str| text[..text.find(needle).unwrap()].chars().count();
    let gone = "Merci de me recevoir.";
    let kept = "On est quatre dans le cabinet";
    s.code(
        "sg",
        id,
        CharRange::new(cp(gone), cp(gone) + gone.chars().count()),
        node,
    )
    .unwrap();
    s.code(
        "sg",
        id,
        CharRange::new(cp(kept), cp(kept) + kept.chars().count()),
        node,
    )
    .unwrap();
    let file = f.root.join(&s.project().source("E02").unwrap().file);
    drop(s);
    std::fs::write(
        &file,
        format!("Note ajoutée.\n\n{}", text.replace(gone, "")),
    )
    .unwrap();
    let mut a = app(&f, 140, 40);
    keys(&mut a, "!");
    let Some(Popup::Report(r)) = &a.state().popup else {
        panic!("a report: {}", screen(&a).join("\n"))
    };
    assert!(r.title.starts_with("Check: 2 to look at"), "{}", r.title);
    assert!(
        r.items[0].text.starts_with("moved    E02"),
        "{}",
        r.items[0].text
    );
    assert!(
        r.items[1].text.starts_with("orphaned E02"),
        "{}",
        r.items[1].text
    );
    assert!(shows(&a, "On est quatre dans le cabinet"));
    keys(&mut a, "enter");
    assert!(a.state().popup.is_none());
    let doc = a.state().transcript.doc.as_ref().unwrap();
    assert_eq!(doc.label, "E02");
    assert!(
        doc.text.text[a.state().transcript.cursor..].starts_with(kept),
        "at the moved coding"
    );
}

#[test]
fn a_fresh_project_imports_codes_exports_and_quits() {
    let dir = tempfile::tempdir().unwrap();
    let root = fresh(dir.path());
    let mut a = open(&root, 140, 40);
    keys(&mut a, "I");
    go_to(&mut a, "entretiens");
    keys(&mut a, "right");
    go_to(&mut a, "E02.txt");
    keys(&mut a, "enter");
    a.wait_for_import();
    keys(&mut a, "esc");
    assert_eq!(a.state().transcript.doc.as_ref().unwrap().label, "E02");
    keys(&mut a, "2 } V c text:Parcours enter");
    assert!(
        shows(&a, "coded with Parcours"),
        "{}",
        screen(&a).join("\n")
    );
    keys(&mut a, "E right right");
    assert!(shows(&a, "annexe-verbatims.md"));
    keys(&mut a, "enter");
    a.wait_for_export();
    assert!(shows(&a, "exported"), "{}", screen(&a).join("\n"));
    let quote = a.session().codings().all().next().unwrap().2.quote.clone();
    keys(&mut a, "q");
    assert!(a.state().ui.quit);
    let codings = tui_kit::codings_files(&root, "sg");
    assert_eq!(codings.lines().count(), 1, "{codings}");
    let annex = std::fs::read_to_string(dir.path().join("annexe-verbatims.md")).unwrap();
    assert!(annex.contains("Parcours"), "{annex}");
    let words: String = quote.chars().take(40).collect();
    assert!(
        annex.contains(&words),
        "the coded turn is in the annex: {annex}"
    );
    let manifest = std::fs::read_to_string(root.join(verbatim::project::MANIFEST)).unwrap();
    assert!(manifest.contains("\"E02\""), "{manifest}");
}

/// Typing in the file browser narrows the listing (case and accents ignored); Esc clears the
/// filter, then closes; the filter is edited like every text field; space still marks.
#[test]
fn typing_in_the_file_browser_narrows_the_listing_and_esc_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = fresh(dir.path());
    let mut a = open(&root, 140, 40);
    keys(&mut a, "I text:entre enter");
    assert_eq!(
        browser_entries(&a),
        ["cassé.docx", "E01.docx", "E02.txt", "E03.odt"],
        "Enter opened the one folder shown"
    );
    let shown = |a: &App| match &a.state().popup {
        Some(Popup::Files(b)) => b.shown().iter().map(|e| e.name.clone()).collect::<Vec<_>>(),
        _ => panic!("the file browser:\n{}", screen(a).join("\n")),
    };
    keys(&mut a, "text:CASSE");
    assert_eq!(shown(&a), ["cassé.docx"], "case and accents ignored");
    assert!(
        shows(&a, "filter: CASSE▏  (1/4)"),
        "{}",
        screen(&a).join("\n")
    );
    keys(&mut a, "ctrl-w text:e0");
    assert_eq!(shown(&a), ["E01.docx", "E02.txt", "E03.odt"]);
    keys(&mut a, "text:2");
    assert_eq!(shown(&a), ["E02.txt"]);
    keys(&mut a, "left backspace");
    assert!(shown(&a).is_empty(), "e2: nothing");
    keys(&mut a, "text:0");
    assert_eq!(shown(&a), ["E02.txt"], "edited at the cursor: e02");
    keys(&mut a, "esc");
    assert_eq!(shown(&a).len(), 4, "Esc clears the filter");
    assert!(
        matches!(a.state().popup, Some(Popup::Files(_))),
        "and stays"
    );
    keys(&mut a, "text:odt space");
    assert!(shows(&a, "1 marked"), "space marks what is shown");
    keys(&mut a, "esc esc");
    assert!(a.state().popup.is_none(), "Esc again closes");
    drop(a);
    let mut a = App::new(
        Session::open_writer(&root).unwrap(),
        Keymap::default_keys(),
        Lang::Fr,
        Theme {
            depth: Depth::TrueColor,
        },
        140,
        40,
    );
    keys(&mut a, "I text:entre");
    assert!(shows(&a, "filtre : entre▏"), "{}", screen(&a).join("\n"));
    assert!(shows(&a, "tapez pour filtrer"));
    keys(&mut a, "enter space");
    assert!(
        shows(&a, "1 autre fichier non affiché  · 1 marqué"),
        "{}",
        screen(&a).join("\n")
    );
}

/// The browser's hint names its keys as the keymap binds them (a user's keymap.txt too).
#[test]
fn the_browsers_hint_follows_the_keymap() {
    let dir = tempfile::tempdir().unwrap();
    let root = fresh(dir.path());
    let mut a = open(&root, 140, 40);
    keys(&mut a, "I");
    assert!(
        shows(
            &a,
            "space mark · ← parent · ctrl-o import the marked files or this folder"
        ),
        "{}",
        screen(&a).join("\n")
    );
    drop(a);
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("keymap.txt"),
        "[files]\nctrl-g = import\nctrl-o = none\n",
    )
    .unwrap();
    let mut s = Session::open_writer(&root).unwrap();
    s.set_coder("sg").unwrap();
    let mut a = App::new(
        s,
        Keymap::load(&config).unwrap(),
        Lang::Fr,
        Theme {
            depth: Depth::TrueColor,
        },
        140,
        40,
    );
    keys(&mut a, "I");
    assert!(
        shows(
            &a,
            "space marquer · ← parent · ctrl-g importer marqués/dossier · Échap"
        ),
        "{}",
        screen(&a).join("\n")
    );
    keys(&mut a, "text:entre enter ctrl-g");
    a.wait_for_import();
    assert_eq!(
        a.session().project().manifest.sources.len(),
        3,
        "ctrl-g imported"
    );
}
