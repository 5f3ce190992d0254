//! The search index as a cache: built on first use, untouched when nothing changed, one changed
//! source re-indexed alone, rebuilt when the analysers' fingerprint changes, and deletable.

use verbatim::config::Dirs;
use verbatim::index::SearchIndex;
use verbatim::query::{SearchOptions, search};
use verbatim::session::Session;

fn sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let dirs = Dirs {
        config: dir.path().join("config"),
        data: dir.path().join("data"),
    };
    let root =
        verbatim::demo::ensure_demo_as(&dirs, false, verbatim::demo::Content::Uncoded).unwrap();
    (dir, root)
}

#[test]
fn the_index_is_a_cache_updated_per_source_and_rebuilt_on_a_new_fingerprint() {
    let (_d, root) = sample();
    let mut s = Session::open(&root).unwrap();
    let (_, first) = SearchIndex::open(&s).unwrap();
    assert!(first.rebuilt);
    assert_eq!(first.indexed, 8);
    let (_, again) = SearchIndex::open(&s).unwrap();
    assert_eq!(
        (again.rebuilt, again.indexed, again.removed),
        (false, 0, 0),
        "nothing to do"
    );
    let id = s.project().manifest.sources[2].id;
    s.simulate_changed_text(id, "changed");
    let (_, one) = SearchIndex::open(&s).unwrap();
    assert_eq!(
        (one.rebuilt, one.indexed),
        (false, 1),
        "one changed source re-indexed alone"
    );
    let meta = SearchIndex::dir_of(&root).join("verbatim-index.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let fingerprint = text
        .lines()
        .find(|l| l.contains("\"fingerprint\""))
        .unwrap()
        .to_owned();
    std::fs::write(
        &meta,
        text.replace(&fingerprint, "  \"fingerprint\": \"v0|old-stemmer\","),
    )
    .unwrap();
    let (index, rebuilt) = SearchIndex::open(&s).unwrap();
    assert!(
        rebuilt.rebuilt && rebuilt.indexed == 8,
        "a new fingerprint rebuilds everything"
    );
    let hits = search(
        &index,
        &s,
        "plateforme",
        &SearchOptions {
            limit: 5,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!hits.is_empty());
    drop(index);
    std::fs::remove_dir_all(SearchIndex::dir_of(&root)).unwrap();
    let (index, fresh) = SearchIndex::open(&s).unwrap();
    assert!(fresh.rebuilt, "a deleted index is rebuilt from sources/");
    assert!(
        !search(
            &index,
            &s,
            "plateforme",
            &SearchOptions {
                limit: 5,
                ..Default::default()
            }
        )
        .unwrap()
        .is_empty()
    );
}

#[test]
fn a_busy_index_falls_back_to_memory() {
    let (_d, root) = sample();
    let s = Session::open(&root).unwrap();
    let (index, _) = SearchIndex::open(&s).unwrap();
    let mut changed = Session::open(&root).unwrap();
    let id = changed.project().manifest.sources[0].id;
    changed.simulate_changed_text(id, "changed");
    // Another process holds tantivy's writer lock while this one needs to update.
    let lock = tantivy::Index::open_in_dir(SearchIndex::dir_of(&root))
        .unwrap()
        .writer::<tantivy::TantivyDocument>(15_000_000)
        .unwrap();
    let (fallback, report) = SearchIndex::open(&changed).unwrap();
    assert_eq!(report.indexed, 8, "built in memory");
    assert_eq!(fallback.size_on_disk(), 0);
    drop((lock, index));
}

#[test]
fn a_build_asked_to_stop_commits_nothing_and_the_next_build_indexes_everything() {
    let (_d, root) = sample();
    let s = Session::open(&root).unwrap();
    let corpus = verbatim::index::Corpus::of(&s);
    let stop = verbatim::index::Stop::default();
    stop.request();
    assert!(
        SearchIndex::open_corpus_unless(&corpus, &stop)
            .unwrap()
            .is_none(),
        "stopped before the first source"
    );
    let meta = SearchIndex::dir_of(&root).join("verbatim-index.json");
    assert!(!meta.exists(), "no source was recorded as indexed");
    let (index, report) =
        SearchIndex::open_corpus_unless(&corpus, &verbatim::index::Stop::default())
            .unwrap()
            .expect("not asked to stop");
    assert_eq!((report.indexed, index.size_on_disk() > 0), (8, true));
    let hits = search(
        &index,
        &s,
        "plateforme",
        &SearchOptions {
            limit: 5,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!hits.is_empty(), "the index built after a stop finds text");
}
