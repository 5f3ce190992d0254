//! Tests of deleting, restoring and replacing a source with its codings and memos.

use crate::ids::NodeId;
use crate::ids::SourceId;
use crate::memo::Target;
use crate::session::Session;
use crate::text::CharRange;

const E1: &str = "Enquêteur : Vous êtes kiné ?\nP1 : Oui, à Brest, depuis dix ans.\nEnquêteur : Et le soir ?\nP1 : Les réunions tombent le soir.";

fn project() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    crate::Project::init(dir.path(), Some("t"), crate::model::Language::Fr).unwrap();
    let files: Vec<std::path::PathBuf> = [("E1.txt", E1), ("E2.txt", "INT : Bonjour ?\nP2 : Oui.")]
        .iter()
        .map(|(n, t)| {
            let f = dir.path().join(n);
            std::fs::write(&f, t).unwrap();
            f
        })
        .collect();
    let mut p = crate::Project::open_writer(dir.path()).unwrap();
    crate::import::import_paths(&mut p, &files, &Default::default(), &|_, _| {}).unwrap();
    drop(p);
    let s = Session::open_writer(dir.path()).unwrap();
    (dir, s)
}

/// Codes "Brest" and "réunions" in E1, with a memo on E1 and one on the first coding.
fn code_e1(s: &mut Session) -> (uuid::Uuid, uuid::Uuid) {
    let id = s.source_id("E1").unwrap();
    let node = s.add_node("Lieux").unwrap();
    let coder = s.coder().to_owned();
    let brest = E1.find("Brest").map(|b| E1[..b].chars().count()).unwrap();
    let reu = E1
        .find("réunions")
        .map(|b| E1[..b].chars().count())
        .unwrap();
    let c = s
        .code(&coder, id, CharRange::new(brest, brest + 5), node)
        .unwrap();
    s.code(&coder, id, CharRange::new(reu, reu + 8), node)
        .unwrap();
    s.add_memo(Target::Source(id), "Entretien calme.").unwrap();
    s.add_memo(Target::Coding(c), "Ville côtière.").unwrap();
    s.add_memo(Target::Project, "Reste.").unwrap();
    (id.0, node.0)
}

#[test]
fn delete_lists_and_removes_codings_and_memos_and_restore_puts_them_back() {
    let (dir, mut s) = project();
    let (id, _) = code_e1(&mut s);
    let preview = s.source_removal("E1").unwrap();
    assert_eq!(preview.coding_count(), 2);
    assert_eq!(preview.memos.len(), 2);
    let removed = s.delete_source("E1").unwrap();
    assert_eq!(removed, preview);
    let again = Session::open(dir.path()).unwrap();
    assert!(again.project.source("E1").is_err());
    assert_eq!(again.codings.count(), 0);
    assert_eq!(again.memos().unwrap().len(), 1);
    assert!(!dir.path().join(format!("sources/{id}.txt")).exists());
    assert!(again.check().unwrap().problems.is_empty());
    drop(again);
    s.restore_source(&removed).unwrap();
    let back = Session::open(dir.path()).unwrap();
    assert_eq!(back.codings.count(), 2);
    assert_eq!(back.memos().unwrap().len(), 3);
    let quotes: Vec<String> = back
        .codings
        .all()
        .map(|(_, _, c)| c.quote.clone())
        .collect();
    assert_eq!(quotes, ["Brest", "réunions"]);
}

#[test]
fn replace_moves_codings_through_the_diff_and_lists_orphans() {
    let (dir, mut s) = project();
    code_e1(&mut s);
    let new = dir.path().join("E1-corrigé.txt");
    std::fs::write(
        &new,
        "Enquêteur : Bonjour. Vous êtes kiné ?\r\nP1 : Oui, à Brest, depuis dix ans.\r\nEnquêteur : Et le soir ?\r\n",
    )
    .unwrap();
    let report = s.replace_source("E1", &new).unwrap();
    assert_eq!(report.moved.len(), 1, "{report:?}");
    assert_eq!(report.orphaned.len(), 1, "{report:?}");
    let back = Session::open(dir.path()).unwrap();
    let meta = back.project.source("E1").unwrap();
    assert_eq!(meta.imported_from, "E1-corrigé.txt");
    let text = back.text(meta.id).unwrap();
    let kept: Vec<&crate::coding::Coding> = back
        .codings
        .all()
        .map(|(_, _, c)| c)
        .filter(|c| !c.is_orphaned())
        .collect();
    assert_eq!(kept.len(), 1);
    let c = kept[0];
    let now: String = text
        .text
        .chars()
        .skip(c.start)
        .take(c.end - c.start)
        .collect();
    assert_eq!(now, "Brest");
    assert!(back.check().unwrap().problems.is_empty());
    let same = dir.path().join("same.txt");
    std::fs::write(&same, text.text.as_bytes()).unwrap();
    let err = s.replace_source("E1", &same).unwrap_err().to_string();
    assert!(err.contains("same text"), "{err}");
}

#[test]
fn deleting_a_source_is_an_undoable_step() {
    let (dir, mut s) = project();
    let (id, node) = code_e1(&mut s);
    s.rename_source("E2", "E2-bis").unwrap();
    let removed = s.delete_source("E1").unwrap();
    assert!(s.can_undo());
    // A step after the deletion is undone first, then the deletion itself.
    s.set_case_attribute("E2-bis", "Ville", "Brest").unwrap();
    assert_eq!(s.undo().unwrap().as_deref(), Some("case.set"));
    assert_eq!(s.undo().unwrap().as_deref(), Some("source.delete"));
    let back = Session::open(dir.path()).unwrap();
    assert_eq!(back.project.source("E1").unwrap().id, id);
    assert_eq!(back.codings.count(), 2);
    assert_eq!(back.memos().unwrap().len(), 3);
    assert!(back.check().unwrap().problems.is_empty());
    assert_eq!(back.text(SourceId(id)).unwrap().text, removed.text);
    drop(back);
    // In this session too: the codings, memos and text are back in memory.
    assert_eq!(s.codings.count(), 2);
    assert_eq!(s.memos().unwrap().len(), 3);
    assert!(s.text(SourceId(id)).unwrap().text.starts_with("Enquêteur"));
    // Redo deletes it again; the rename before it still undoes cleanly afterwards.
    assert_eq!(s.redo().unwrap().as_deref(), Some("source.delete"));
    assert!(s.project.source("E1").is_err());
    assert!(!dir.path().join(format!("sources/{id}.txt")).exists());
    assert_eq!(s.undo().unwrap().as_deref(), Some("source.delete"));
    assert_eq!(s.undo().unwrap().as_deref(), Some("source.rename"));
    let again = Session::open(dir.path()).unwrap();
    assert!(again.project.source("E2").is_ok());
    assert!(again.project.source("E1").is_ok());
    assert!(again.check().unwrap().problems.is_empty());
    // Coding again after the undo works on the restored text.
    let coder = s.coder().to_owned();
    s.code(&coder, SourceId(id), CharRange::new(0, 9), NodeId(node))
        .unwrap();
    assert_eq!(s.codings.count(), 3);
}

#[test]
fn survey_answers_imported_through_the_session_can_be_coded() {
    let (dir, mut s) = project();
    s.rename_source("E2", "E2-bis").unwrap();
    let table = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tables/excel-fr-cp1252.csv");
    let opts = crate::import::table::TableOptions {
        id: Some("Code".into()),
        text: vec!["Pourquoi".into()],
        prefix: Some("Q-".into()),
        ..Default::default()
    };
    let report = s.import_table(&table, &opts).unwrap();
    assert_eq!(report.sources, ["Q-E01", "Q-E02", "Q-E04"]);
    assert!(!s.can_undo(), "an import forgets earlier steps");
    let id = s.source_id("Q-E02").unwrap();
    let text = s.text(id).unwrap().text.clone();
    assert_eq!(text, "Pourquoi ce métier ?\n« Vocation », comme on dit");
    let node = s.add_node("Vocation").unwrap();
    let coder = s.coder().to_owned();
    s.code(&coder, id, CharRange::new(21, 33), node).unwrap();
    let back = Session::open(dir.path()).unwrap();
    let quotes: Vec<String> = back
        .codings
        .all()
        .map(|(_, _, c)| c.quote.clone())
        .collect();
    assert_eq!(quotes, ["« Vocation »"]);
    assert_eq!(back.project.cases.rows["Q-E02"]["Ville"], "Quimper");
}
