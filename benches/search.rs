//! Search benchmarks on a generated project of 1,000 transcripts × 8,000 words (about 50 MB)
//! with 20,000 codings (issue targets in brackets):
//! - full index build [≥ 25 MB/s on 2 cores];
//! - re-index of one changed source [< 50 ms];
//! - query latency for a word, a phrase and a node-filtered query [median < 10 ms, p99 < 50 ms];
//! - index size on disk (printed).
//!
//! Run with `cargo bench --bench search`. The p99 figures are printed from 200 timed runs.

mod support;

use divan::counter::BytesCount;
use std::sync::LazyLock;
use std::time::Instant;
use verbatim::index::SearchIndex;
use verbatim::query::{SearchOptions, search};
use verbatim::session::Session;

struct Fixture {
    _dir: tempfile::TempDir,
    root: std::path::PathBuf,
    bytes: u64,
}

static BIG: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = support::scratch_dir().expect("temp");
    let root = support::corpus_gen::build_project(dir.path(), 31, 1000, 8000, 300, 20_000);
    let s = Session::open(&root).expect("open");
    let bytes = s.project().manifest.sources.iter().map(|m| m.size).sum();
    let (index, _) = SearchIndex::open(&s).expect("index");
    eprintln!(
        "corpus {:.1} MB; index on disk {:.1} MB",
        bytes as f64 / 1e6,
        index.size_on_disk() as f64 / 1e6
    );
    Fixture {
        _dir: dir,
        root,
        bytes,
    }
});

fn main() {
    LazyLock::force(&BIG);
    divan::main();
    support::remove_scratch();
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn full_index_build(bencher: divan::Bencher) {
    let s = Session::open(&BIG.root).expect("open");
    bencher
        .counter(BytesCount::new(BIG.bytes))
        .with_inputs(|| std::fs::remove_dir_all(SearchIndex::dir_of(&BIG.root)).expect("clear"))
        .bench_local_values(|()| SearchIndex::open(&s).expect("build").1);
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn reindex_one_changed_source(bencher: divan::Bencher) {
    let mut s = Session::open(&BIG.root).expect("open");
    SearchIndex::open(&s).expect("index");
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        let id = s.project().manifest.sources[7].id;
        s.simulate_changed_text(id, &format!("changed-{n}"));
        let (_, report) = SearchIndex::open(&s).expect("update");
        assert_eq!(report.indexed, 1);
    });
}

fn query_bench(bencher: divan::Bencher, query: &str, node_filtered: bool) {
    let s = Session::open(&BIG.root).expect("open");
    let (index, _) = SearchIndex::open(&s).expect("index");
    let nodes = if node_filtered {
        vec![s.codebook().nodes[0].id]
    } else {
        vec![]
    };
    let opts = SearchOptions {
        nodes,
        limit: 20,
        ..Default::default()
    };
    let mut times: Vec<f64> = (0..200)
        .map(|_| {
            let t = Instant::now();
            let hits = search(&index, &s, query, &opts).expect("search");
            assert!(!hits.is_empty(), "{query}");
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    eprintln!(
        "{query:?}{}: median {:.2} ms, p99 {:.2} ms",
        if node_filtered { " in a node" } else { "" },
        times[100],
        times[197]
    );
    bencher.bench_local(|| search(&index, &s, query, &opts).expect("search"));
}

#[divan::bench(sample_count = 100)]
fn query_word(bencher: divan::Bencher) {
    query_bench(bencher, "coordonne", false);
}

#[divan::bench(sample_count = 100)]
fn query_phrase(bencher: divan::Bencher) {
    query_bench(bencher, "\"soins non programmés\"", false);
}

#[divan::bench(sample_count = 100)]
fn query_word_in_a_node(bencher: divan::Bencher) {
    query_bench(bencher, "réunions", true);
}
