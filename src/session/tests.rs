//! Tests of the session: merge, forced delete, uncode, turns and speakers, batches, re-anchoring,
//! templates — each change checked in memory, on disk, and through undo.

use super::fixture::{E1, e1_project};
use super::*;
use crate::ids::{NodeId, SourceId};
use crate::import::{ImportOptions, commit, prepare_bytes};
use crate::model::{Language, Role};
use crate::text::{CharPos, CharRange};
use std::path::PathBuf;

fn project() -> (tempfile::TempDir, Session) {
    e1_project(&["Freins/Temps", "Freins/Charge", "Leviers/Interconnaissance"])
}

fn node(s: &Session, path: &str) -> NodeId {
    s.codebook.resolve(path).unwrap()
}

fn src(s: &Session) -> SourceId {
    s.source_id("E1").unwrap()
}

#[test]
fn merge_unites_overlapping_codings_and_undo_restores_everything() {
    let (_d, mut s) = project();
    let (temps, charge) = (node(&s, "Freins/Temps"), node(&s, "Freins/Charge"));
    let e1 = src(&s);
    s.code("sg", e1, CharRange::new(31, 45), temps).unwrap();
    s.code("sg", e1, CharRange::new(40, 60), charge).unwrap();
    s.code("mb", e1, CharRange::new(31, 45), charge).unwrap();
    let before_book = s.codebook.clone();
    let before_codings = s.codings.clone();
    let moved = s.merge_nodes(charge, temps).unwrap();
    assert_eq!(moved, 2);
    assert!(s.codebook.node(charge).is_none());
    let sg = s.codings.list("sg", e1);
    assert_eq!(sg.len(), 1, "overlapping codings united");
    assert_eq!((sg[0].start, sg[0].end, sg[0].node), (31, 60, temps));
    assert_eq!(s.codings.list("mb", e1)[0].node, temps);
    let reloaded = Session::open(s.root()).unwrap();
    assert_eq!(reloaded.codings, s.codings, "saved as it happened");
    s.undo().unwrap();
    assert_eq!(s.codebook, before_book);
    assert_eq!(s.codings, before_codings);
    assert_eq!(Session::open(s.root()).unwrap().codings, before_codings);
    s.redo().unwrap();
    assert_eq!(s.codings.list("sg", e1).len(), 1);
}

#[test]
fn delete_is_refused_with_counts_unless_forced_and_undo_brings_codings_back() {
    let (_d, mut s) = project();
    let e1 = src(&s);
    let temps = node(&s, "Freins/Temps");
    s.code("sg", e1, CharRange::new(31, 45), temps).unwrap();
    s.code("sg", e1, CharRange::new(100, 120), temps).unwrap();
    let freins = node(&s, "Freins");
    let err = s.delete_node(freins, false).unwrap_err().to_string();
    assert!(err.contains("hold 2 codings in 1 sources"), "{err}");
    assert_eq!(s.delete_node(freins, true).unwrap(), 2);
    assert!(s.codings.list("sg", e1).is_empty());
    assert!(
        !crate::coding::file_of(s.root(), "sg", e1).exists(),
        "an empty list removes the file"
    );
    s.undo().unwrap();
    assert_eq!(s.codings.list("sg", e1).len(), 2);
    assert!(s.codebook.node(temps).is_some());
}

#[test]
fn uncode_trims_splits_and_is_undone() {
    let (_d, mut s) = project();
    let e1 = src(&s);
    let temps = node(&s, "Freins/Temps");
    s.code("sg", e1, CharRange::new(31, 80), temps).unwrap();
    s.uncode("sg", e1, CharRange::new(40, 50), Some(temps))
        .unwrap();
    let ranges: Vec<(usize, usize)> = s
        .codings
        .list("sg", e1)
        .iter()
        .map(|c| (c.start, c.end))
        .collect();
    assert_eq!(ranges, [(31, 40), (50, 80)]);
    assert!(
        s.uncode("sg", e1, CharRange::new(0, 5), None)
            .unwrap_err()
            .to_string()
            .contains("no coding of sg overlaps 0..5 in E1")
    );
    s.undo().unwrap();
    assert_eq!(s.codings.list("sg", e1).len(), 1);
}

#[test]
fn a_turn_and_a_speaker_are_coded_without_their_labels() {
    let (_d, mut s) = project();
    let e1 = src(&s);
    let inter = node(&s, "Leviers/Interconnaissance");
    s.code_unit_at("sg", e1, CharPos(E1.chars().count() - 5), inter)
        .unwrap();
    let c = &s.codings.list("sg", e1)[0];
    assert_eq!(c.quote, "Mais on se connaît mieux, maintenant.");
    let temps = node(&s, "Freins/Temps");
    assert_eq!(s.code_speaker("sg", "m1", temps, None).unwrap(), 2);
    let quotes: Vec<&str> = s
        .codings
        .list("sg", e1)
        .iter()
        .filter(|c| c.node == temps)
        .map(|c| c.quote.as_str())
        .collect();
    assert!(quotes[0].starts_with("Le temps, c'est"));
    assert!(s.code_speaker("sg", "Personne", temps, None).is_err());
}

#[test]
fn folders_are_not_codable_and_ranges_are_checked() {
    let (_d, mut s) = project();
    let e1 = src(&s);
    let freins = node(&s, "Freins");
    s.set_codable(freins, false).unwrap();
    assert!(
        s.code("sg", e1, CharRange::new(0, 5), freins)
            .unwrap_err()
            .to_string()
            .contains("is a folder")
    );
    let temps = node(&s, "Freins/Temps");
    assert!(
        s.code("sg", e1, CharRange::new(5, 5000), temps)
            .unwrap_err()
            .to_string()
            .contains("past the end of E1")
    );
}

#[test]
fn a_batch_with_one_bad_line_writes_nothing() {
    let (_d, mut s) = project();
    let items = vec![
        (
            1,
            BatchItem {
                source: "E1".into(),
                start: 0,
                end: 10,
                node: "Freins/Temps".into(),
            },
        ),
        (
            2,
            BatchItem {
                source: "E1".into(),
                start: 0,
                end: 10,
                node: "Freins/Nope".into(),
            },
        ),
    ];
    let err = s.code_batch("sg", &items).unwrap_err().to_string();
    assert!(err.starts_with("line 2: no node 'Freins/Nope'"), "{err}");
    assert_eq!(s.codings.count(), 0);
    assert_eq!(s.code_batch("sg", &items[..1]).unwrap(), 1);
}

#[test]
fn an_outside_edit_is_re_anchored_on_open_and_saved_by_the_next_writer() {
    let (_d, mut s) = project();
    let e1 = src(&s);
    let temps = node(&s, "Freins/Temps");
    s.code("sg", e1, CharRange::new(31, 39), temps).unwrap();
    let root = s.root().to_owned();
    let file = root.join(&s.project.source("E1").unwrap().file);
    drop(s);
    let edited = E1.replace("Et le temps ?", "Et le temps, pour vous ?");
    std::fs::write(&file, &edited).unwrap();
    let read = Session::open(&root).unwrap();
    assert_eq!(read.report.moved.len(), 1);
    assert_eq!(read.report.moved[0].quote, "Le temps");
    assert!(
        std::fs::read_to_string(crate::coding::file_of(&root, "sg", e1))
            .unwrap()
            .contains("\"start\":31"),
        "a reader writes nothing"
    );
    let writer = Session::open_writer(&root).unwrap();
    let c = &writer.codings.list("sg", e1)[0];
    assert_eq!((c.start, c.end, c.quote.as_str()), (42, 50, "Le temps"));
    drop(writer);
    let again = Session::open(&root).unwrap();
    assert!(
        again.report.moved.is_empty() && again.check().unwrap().kept.len() == 1,
        "saved: nothing left to move"
    );
}

#[test]
fn check_lists_the_kept_codings_of_unchanged_sources_in_manifest_order_as_they_are_then() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("p");
    let mut p = Project::init(&root, None, Language::Fr).unwrap();
    let files = ["A.txt", "B.txt", "C.txt"].map(|name| {
        (
            PathBuf::from(name),
            prepare_bytes(name, E1.as_bytes()).unwrap(),
        )
    });
    commit(&mut p, files.to_vec(), &ImportOptions::default()).unwrap();
    drop(p);
    let mut s = Session::open_writer(&root).unwrap();
    let temps = s.add_node("Freins/Temps").unwrap();
    let ids: Vec<SourceId> = ["A", "B", "C"].map(|l| s.source_id(l).unwrap()).to_vec();
    for id in &ids {
        s.code("sg", *id, CharRange::new(31, 39), temps).unwrap();
    }
    s.code("sg", ids[1], CharRange::new(135, 159), temps)
        .unwrap();
    let b_file = root.join(&s.project.source("B").unwrap().file);
    drop(s);
    // B changes outside verbatim, between its two codings: re-anchored (and listed) at open,
    // one kept and one moved.
    std::fs::write(&b_file, E1.replace("D'accord.", "D'accord, d'accord.")).unwrap();
    let mut s = Session::open_writer(&root).unwrap();
    assert_eq!(s.report().moved.len(), 1);
    assert_eq!(s.report().unlisted.len(), 2, "A and C, unchanged");
    s.code("sg", ids[2], CharRange::new(0, 9), temps).unwrap();
    let report = s.check().unwrap();
    let order: Vec<SourceId> = report
        .kept
        .iter()
        .chain(&report.moved)
        .map(|r| r.source)
        .collect();
    assert_eq!(
        order,
        [ids[0], ids[1], ids[2], ids[2], ids[1]],
        "kept: A, B, C (as it is now); then B's moved coding"
    );
    assert!(report.unlisted.is_empty() && report.problems.is_empty());
}

#[test]
fn load_template_merges_by_path_with_a_report() {
    let (_d, mut s) = project();
    let json = br#"{"format":1,"nodes":[{"name":"Freins","children":[{"name":"Temps"},{"name":"Argent","description":"Financement"}]},{"name":"Perspectives"}]}"#;
    let report = s
        .load_template(std::path::Path::new("t.json"), json)
        .unwrap();
    assert_eq!(report.added, ["Freins/Argent", "Perspectives"]);
    assert_eq!(report.existing, ["Freins", "Freins/Temps"]);
    assert_eq!(
        s.codebook
            .node(node(&s, "Freins/Argent"))
            .unwrap()
            .description,
        "Financement"
    );
}

#[test]
fn source_rename_and_case_edits_are_saved_journalled_and_undone() {
    let (_d, mut s) = project();
    let root = s.root().to_owned();
    let read = |f: &str| std::fs::read_to_string(root.join(f)).unwrap();
    s.set_case_attribute("E1", "Profession", "Médecin généraliste")
        .unwrap();
    assert!(read("cases.csv").contains("Médecin généraliste"));
    s.rename_source("E1", "E01").unwrap();
    assert_eq!(s.project.sources()[0].label, "E01");
    assert_eq!(
        s.project.sources()[0].case,
        "E01",
        "the case follows the label"
    );
    assert!(read("verbatim.json").contains("\"E01\""));
    assert!(read("cases.csv").contains("E01,Médecin généraliste"));
    let journal = read(crate::journal::FILE);
    assert!(journal.contains("source.rename") && journal.contains("case.set"));

    assert_eq!(s.undo().unwrap().as_deref(), Some("source.rename"));
    assert_eq!(s.project.sources()[0].label, "E1");
    assert!(read("verbatim.json").contains("\"E1\"") && !read("verbatim.json").contains("\"E01\""));
    assert!(read("cases.csv").contains("E1,Médecin généraliste"));
    assert_eq!(s.undo().unwrap().as_deref(), Some("case.set"));
    assert!(!read("cases.csv").contains("Médecin"));
    assert!(
        !s.project.cases.rows["E1"].contains_key("Profession")
            || s.project.cases.rows["E1"]["Profession"].is_empty()
    );
    s.redo().unwrap();
    s.redo().unwrap();
    let reopened = Session::open(&root).unwrap();
    assert_eq!(reopened.project.sources()[0].label, "E01");
    assert_eq!(
        reopened.project.cases.rows["E01"]["Profession"],
        "Médecin généraliste"
    );
}

#[test]
fn a_refused_source_or_case_edit_changes_nothing() {
    let (_d, mut s) = project();
    let root = s.root().to_owned();
    let before = (
        std::fs::read(root.join("verbatim.json")).unwrap(),
        std::fs::read(root.join("cases.csv")).unwrap(),
        s.project.meta(),
    );
    assert!(s.rename_source("E1", " ").is_err());
    assert!(s.rename_source("nope", "E2").is_err());
    assert!(s.set_case_attribute("nope", "Sexe", "F").is_err());
    assert!(
        s.set_speaker("E1", "Bad: name", Role::Participant, None)
            .is_err()
    );
    assert_eq!(
        (
            std::fs::read(root.join("verbatim.json")).unwrap(),
            std::fs::read(root.join("cases.csv")).unwrap(),
            s.project.meta(),
        ),
        before
    );
    s.set_speaker("E1", "M1", Role::Interviewer, None).unwrap();
    assert_eq!(
        s.project.sources()[0]
            .speakers
            .iter()
            .find(|x| x.name == "M1")
            .unwrap()
            .role,
        Role::Interviewer
    );
    assert_eq!(s.undo().unwrap().as_deref(), Some("speaker.set"));
    assert_eq!(
        s.project.sources()[0]
            .speakers
            .iter()
            .find(|x| x.name == "M1")
            .unwrap()
            .role,
        Role::Participant
    );
    assert_eq!(
        s.undo().unwrap().as_deref(),
        Some("node.add"),
        "the refused edits left no step"
    );
}

#[test]
fn a_case_is_renamed_with_its_sources_and_speakers_saved_and_undone() {
    let (_d, mut s) = project();
    let root = s.root().to_owned();
    s.set_case_attribute("E1", "Sexe", "F").unwrap();
    s.set_speaker("E1", "M1", Role::Participant, Some("E1"))
        .unwrap();
    s.set_speaker("E1", "ENQ", Role::Interviewer, Some("Équipe"))
        .unwrap();
    s.rename_case("E1", "Médecin 1").unwrap();
    let source = &s.project.sources()[0];
    assert_eq!(source.case, "Médecin 1");
    let case_of = |name: &str| {
        source
            .speakers
            .iter()
            .find(|sp| sp.name == name)
            .and_then(|sp| sp.case.clone())
    };
    assert_eq!(case_of("M1").as_deref(), Some("Médecin 1"));
    assert_eq!(
        case_of("ENQ").as_deref(),
        Some("Équipe"),
        "another case stays"
    );
    assert_eq!(s.project.cases.rows["Médecin 1"]["Sexe"], "F");
    assert!(!s.project.has_case("E1"));
    let reopened = Session::open(&root).unwrap();
    assert_eq!(reopened.project.sources()[0].case, "Médecin 1");
    assert_eq!(reopened.project.cases.rows["Médecin 1"]["Sexe"], "F");
    for refused in ["Équipe", " ", "a\nb"] {
        assert!(s.rename_case("Médecin 1", refused).is_err(), "{refused:?}");
    }
    assert!(s.rename_case("nope", "E9").is_err());
    assert_eq!(s.undo().unwrap().as_deref(), Some("case.rename"));
    assert_eq!(s.project.sources()[0].case, "E1");
    assert_eq!(s.project.cases.rows["E1"]["Sexe"], "F");
}

#[cfg(unix)]
#[test]
fn opening_an_untouched_project_again_writes_no_state_file() {
    use std::os::unix::fs::MetadataExt;
    let (_d, s) = project();
    let root = s.root().to_owned();
    drop(s);
    let state = crate::paths::state_file(&root);
    let before = std::fs::metadata(&state).unwrap().ino();
    drop(Session::open_writer(&root).unwrap());
    assert_eq!(
        std::fs::metadata(&state).unwrap().ino(),
        before,
        "the same state would have been written again (a new file renamed in)"
    );
    let file = root.join(
        &Session::open(&root)
            .unwrap()
            .project
            .source("E1")
            .unwrap()
            .file,
    );
    std::fs::write(
        &file,
        E1.replace("Et le temps ?", "Et le temps, pour vous ?"),
    )
    .unwrap();
    drop(Session::open_writer(&root).unwrap());
    assert_ne!(
        std::fs::metadata(&state).unwrap().ino(),
        before,
        "a changed source is written in the state"
    );
}
