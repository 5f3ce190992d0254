//! The TUI's silent losses of issue 16, each driven by keys on a TestBackend: a node path too
//! deep for the codebook, `ctrl-k` on every hit the filters allow (asked first, one undo), a
//! selection extended by sentence or turn ending on the text, `u` on a coding with a memo, and
//! search hits that follow the filter.

mod tui_kit;

use tui_kit::{app, codings_files, keys, sample, shows};

const INTERVIEWERS: [&str; 5] = ["Enquêteur", "Enquêtrice", "INT", "E.", "Intervenant 1"];

fn is_interviewer(speaker: Option<&str>) -> bool {
    INTERVIEWERS.contains(&speaker.unwrap_or(""))
}

#[test]
fn search_hits_follow_a_filter_set_after_the_search() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    a.wait_for_index();
    keys(&mut a, "/ text:vous enter");
    assert!(
        a.state()
            .search
            .hits
            .iter()
            .any(|h| is_interviewer(h.speaker.as_deref())),
        "interviewers say 'vous' too"
    );
    keys(&mut a, "f text:-role:interviewer enter");
    assert!(!a.state().search.hits.is_empty());
    assert!(
        a.state()
            .search
            .hits
            .iter()
            .all(|h| !is_interviewer(h.speaker.as_deref())),
        "the hits were searched again with the new filter"
    );
}

/// The selection as text, after the keys.
fn selected(a: &verbatim::tui::testing::App) -> String {
    let (s, e) = a.state().selection().expect("selecting");
    a.state().transcript.doc.as_ref().unwrap().text.text[s..e].to_owned()
}

#[test]
fn a_selection_extended_by_turn_or_sentence_ends_on_the_text() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    // Into a participant's turn, then select to its end.
    keys(&mut a, "} } v }");
    let turn = selected(&a);
    let doc = a.state().transcript.doc.as_ref().unwrap();
    let unit =
        verbatim::text::turns::unit_containing(&doc.units, a.state().transcript.cursor).unwrap();
    let body = doc.text.text[unit.body_start..unit.end].trim_end();
    assert!(!turn.contains('\n'), "no next label: {turn:?}");
    assert!(body.ends_with(&turn), "{turn:?} is the end of {body:?}");
    assert_eq!(turn.trim_end(), turn);
    // Again: the next turn's text, its label left out.
    keys(&mut a, "}");
    let two = selected(&a);
    assert!(two.starts_with(&turn) && two.len() > turn.len());
    assert!(!two.trim_end().ends_with(':'));
    assert_eq!(two.trim_end(), two);
    // By sentence: from a turn's start, `)` ends on the sentence's last character.
    keys(&mut a, "esc } v )");
    let sentence = selected(&a);
    let last = sentence.chars().last().unwrap();
    assert!(
        matches!(last, '.' | '?' | '!' | '…' | '»' | ')'),
        "ends on the sentence's end, not the next letter: {sentence:?}"
    );
    keys(&mut a, ")");
    let longer = selected(&a);
    assert!(longer.len() > sentence.len() && longer.starts_with(&sentence));
    keys(&mut a, "(");
    assert_eq!(selected(&a), sentence, "( gives the sentence back");
    // The coding made from it quotes exactly the sentence.
    keys(&mut a, "c enter");
    let line = codings_files(&f.root, "sg");
    let coding: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    assert_eq!(coding["quote"].as_str().unwrap(), sentence);
}

#[test]
fn code_every_hit_takes_all_of_them_asks_first_offers_a_new_node_and_undoes_in_one_step() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    a.wait_for_index();
    keys(&mut a, "/ text:de");
    assert_eq!(
        a.state().search.hits.len(),
        200,
        "the list shows the best 200"
    );
    keys(&mut a, "ctrl-k");
    let plan = a.state().search.plan.clone().expect("every hit gathered");
    assert!(plan.units.len() > 200, "{} units", plan.units.len());
    assert!(plan.interviewer > 0);
    let n = plan.units.len();
    assert!(shows(&a, &format!("Code {n} turns (no filter) with")));
    keys(&mut a, "text:Zyzzyva");
    assert!(shows(&a, "+ new node: "), "a new node is offered");
    keys(&mut a, "enter");
    assert!(
        codings_files(&f.root, "sg").is_empty(),
        "nothing before the answer"
    );
    let Some(verbatim::tui::testing::Popup::Confirm { question, .. }) = &a.state().popup else {
        panic!("asked first");
    };
    assert!(
        question.starts_with(&format!("Code {n} turns of 'de' with")),
        "{question}"
    );
    assert!(question.contains("interviewer turns"), "{question}");
    assert!(shows(&a, "y: yes"), "the answers are on screen");
    keys(&mut a, "y");
    assert_eq!(
        codings_files(&f.root, "sg").lines().count(),
        n,
        "every hit coded"
    );
    assert!(
        a.state()
            .codebook
            .nodes
            .iter()
            .any(|x| x.path.ends_with("Zyzzyva"))
    );
    keys(&mut a, "z");
    assert_eq!(codings_files(&f.root, "sg").lines().count(), 0);
    assert!(
        !a.state()
            .codebook
            .nodes
            .iter()
            .any(|x| x.path.ends_with("Zyzzyva")),
        "one undo takes the new node back too"
    );
}

#[test]
fn declining_code_every_hit_writes_nothing() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    a.wait_for_index();
    keys(
        &mut a,
        "f text:-role:interviewer enter / text:plateforme ctrl-k",
    );
    let plan = a.state().search.plan.clone().unwrap();
    assert_eq!(plan.interviewer, 0);
    assert!(shows(&a, "(-role:interviewer) with"), "the filter is shown");
    keys(&mut a, "enter n");
    assert!(a.state().popup.is_none());
    assert!(codings_files(&f.root, "sg").is_empty());
}

/// The memo files as (target line, text).
fn memo_files(root: &std::path::Path) -> Vec<(String, String)> {
    let Ok(dir) = std::fs::read_dir(root.join("memos")) else {
        return vec![];
    };
    dir.map(|e| {
        let raw = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let (head, text) = raw.split_once("\n\n").unwrap_or((&raw, ""));
        (head.to_owned(), text.to_owned())
    })
    .collect()
}

#[test]
fn uncoding_a_coding_with_a_memo_asks_and_moves_the_memo_to_the_source() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    keys(
        &mut a,
        "} } c enter m text:Passage_clé_pour_le_chapitre_2 ctrl-s",
    );
    let coding = a.state().transcript.doc.as_ref().unwrap().codings[0].id;
    assert_eq!(memo_files(&f.root).len(), 1);
    assert!(
        memo_files(&f.root)[0]
            .0
            .contains(&format!("coding:{coding}"))
    );
    keys(&mut a, "u");
    assert!(
        matches!(&a.state().popup, Some(verbatim::tui::testing::Popup::Confirm { question, .. }) if question.contains("has a memo")),
        "asked first"
    );
    keys(&mut a, "n");
    assert_eq!(
        codings_files(&f.root, "sg").lines().count(),
        1,
        "n keeps the coding"
    );
    keys(&mut a, "u y");
    assert!(codings_files(&f.root, "sg").trim().is_empty(), "uncoded");
    let memos = memo_files(&f.root);
    assert_eq!(memos.len(), 1);
    let source = a.state().transcript.doc.as_ref().unwrap().id;
    assert_eq!(
        memos[0].0,
        format!("target: source:{source}"),
        "moved to the source"
    );
    assert!(memos[0].1.contains("Passage clé pour le chapitre 2"));
    assert!(memos[0].1.starts_with("« "), "under the coding's quote");
    let s = verbatim::session::Session::open(&f.root).unwrap();
    assert!(s.check().unwrap().problems.is_empty(), "nothing stranded");
}

#[test]
fn check_reports_a_memo_whose_coding_is_gone() {
    let f = sample();
    let id = uuid::Uuid::new_v4();
    std::fs::create_dir_all(f.root.join("memos")).unwrap();
    std::fs::write(
        f.root.join(format!("memos/{id}.md")),
        format!("target: coding:{}\n\nLost thought.\n", uuid::Uuid::new_v4()),
    )
    .unwrap();
    let s = verbatim::session::Session::open(&f.root).unwrap();
    let problems = s.check().unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(&format!("memos/{id}.md is attached to coding"))),
        "{problems:?}"
    );
}

#[test]
fn a_node_path_deeper_than_the_codebook_holds_is_refused_with_a_sentence() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    let deep = (1..=40)
        .map(|i| format!("n{i}"))
        .collect::<Vec<_>>()
        .join("/");
    let before = a.state().codebook.nodes.len();
    keys(&mut a, &format!("}} c text:{deep}"));
    // Choose the "+ new node" line (after any fuzzy match).
    let entries = verbatim::tui::testing::entries(
        a.state(),
        match &a.state().popup {
            Some(verbatim::tui::testing::Popup::Picker(p)) => p,
            _ => panic!("picker open"),
        },
    );
    for _ in 1..entries.len() {
        keys(&mut a, "down");
    }
    keys(&mut a, "enter");
    let message = a.state().ui.message.clone().unwrap_or_default();
    assert!(
        message.contains("32"),
        "one sentence naming the limit: {message}"
    );
    assert!(
        matches!(
            a.state().popup,
            Some(verbatim::tui::testing::Popup::Picker(_))
        ),
        "the picker stays open with the path typed"
    );
    assert_eq!(a.state().codebook.nodes.len(), before);
    assert!(codings_files(&f.root, "sg").is_empty());
    // The codebook pane's `a` checks names the same way, and the project still opens.
    keys(&mut a, &format!("esc 3 a text:{} enter", "x".repeat(250)));
    let message = a.state().ui.message.clone().unwrap_or_default();
    assert!(message.contains("200"), "{message}");
    assert_eq!(a.state().codebook.nodes.len(), before);
    keys(&mut a, "esc");
    verbatim::session::Session::open(&f.root).expect("the project reopens");
}
