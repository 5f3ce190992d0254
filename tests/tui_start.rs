//! What opening the TUI does and leaves behind: the first frame is drawn before any search
//! index work starts; the index is built after it (or at the first search) and still finds
//! text; dropping the app stops a build under way and frees the index folder, so nothing of
//! one open competes with the next; the recent projects list is written only when it changes.

mod tui_kit;

use tui_kit::{app, keys, sample, screen};
use verbatim::index::SearchIndex;
use verbatim::session::Session;

#[test]
fn the_first_frame_is_drawn_before_the_index_is_started() {
    let f = sample();
    let a = app(&f, 120, 30);
    assert!(
        screen(&a)[0].contains("indexing…"),
        "the status bar says so"
    );
    assert!(
        !SearchIndex::dir_of(&f.root).exists(),
        "opening and the first frame leave the index alone"
    );
}

#[test]
fn the_index_built_after_the_first_frame_finds_text() {
    let f = sample();
    let mut a = app(&f, 120, 30);
    a.tick();
    a.wait_for_index();
    keys(&mut a, "/ text:plateforme");
    assert!(!a.state().search.hits.is_empty());
    assert!(!screen(&a)[0].contains("indexing…"));
}

#[test]
fn a_search_before_the_first_tick_starts_the_index_and_is_answered_when_it_arrives() {
    let f = sample();
    let mut a = app(&f, 120, 30);
    keys(&mut a, "/ text:plateforme");
    assert!(a.state().search.hits.is_empty());
    assert_eq!(a.state().ui.message.as_deref(), Some("indexing…"));
    a.wait_for_index();
    assert!(
        !a.state().search.hits.is_empty(),
        "the pending search is answered"
    );
}

#[test]
fn dropping_the_app_stops_and_joins_its_index_build() {
    let f = sample();
    let mut a = app(&f, 120, 30);
    assert!(a.index_build().is_none(), "not started by opening");
    a.tick();
    let build = a.index_build().expect("the first tick starts the build");
    drop(a);
    assert!(
        build.upgrade().is_none(),
        "no index build thread outlives its app"
    );
    // The index folder is free again and a new build finds every source's text.
    let s = Session::open(&f.root).unwrap();
    let (index, _) = SearchIndex::open(&s).unwrap();
    assert!(index.size_on_disk() > 0, "built on disk, not in memory");
    let hits = verbatim::query::search(
        &index,
        &s,
        "plateforme",
        &verbatim::query::SearchOptions {
            limit: 5,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!hits.is_empty());
}

/// The recent projects list is brought up to date at every start: without reading the other
/// projects' manifests, and without writing the file again when nothing changed.
#[cfg(unix)]
#[test]
fn remembering_the_project_at_start_writes_the_recent_list_only_when_it_changes() {
    use std::os::unix::fs::MetadataExt;
    use verbatim::tui::testing::remember;
    let (a, b) = (sample(), sample());
    let config = a.dir.path().join("config");
    let list = || -> Vec<std::path::PathBuf> {
        serde_json::from_slice(&std::fs::read(config.join("recent.json")).unwrap()).unwrap()
    };
    let canonical = |f: &tui_kit::Fixture| std::fs::canonicalize(&f.root).unwrap();
    remember(&config, &a.root).unwrap();
    remember(&config, &b.root).unwrap();
    assert_eq!(list(), [canonical(&b), canonical(&a)], "newest first");
    let inode = || std::fs::metadata(config.join("recent.json")).unwrap().ino();
    let before = inode();
    remember(&config, &b.root).unwrap();
    assert_eq!(inode(), before, "the same list is not written again");
    let gone = canonical(&a);
    drop(a);
    remember(&config, &b.root).unwrap();
    assert!(
        !list().contains(&gone),
        "a project that no longer exists leaves the list"
    );
    assert_eq!(list(), [canonical(&b)]);
}

/// A source renamed while the index is being built: the build under way is stopped and the new
/// one (which waits for it off the UI thread) finds text under the new label.
#[test]
fn a_rebuild_replaces_a_build_under_way_without_leaving_it_running() {
    let f = sample();
    let mut a = app(&f, 140, 40);
    a.tick();
    let first = a.index_build().expect("building");
    keys(
        &mut a,
        "1 j r backspace backspace backspace text:Infirmière_2 enter",
    );
    let second = a.index_build().expect("building again");
    assert!(!first.ptr_eq(&second), "a new build");
    a.wait_for_index();
    assert!(
        first.upgrade().is_none() && second.upgrade().is_none(),
        "no build left running"
    );
    keys(&mut a, "esc 3 / text:plateforme");
    assert!(
        a.state()
            .search
            .hits
            .iter()
            .any(|h| h.label == "Infirmière 2"),
        "{:?}",
        a.state()
            .search
            .hits
            .iter()
            .map(|h| &h.label)
            .collect::<Vec<_>>()
    );
}
