//! Analysis benchmarks on 1,000 generated sources × 8,000 words, 300 nodes and 50,000 codings
//! (issue 14 targets in brackets):
//! - building the selection, `stats`, matrix, co-occurrence, a coding query, agreement and
//!   saturation [each < 200 ms];
//! - word frequency over the whole corpus [< 2 s] and over one node [< 100 ms].
//!
//! Run with `cargo bench --bench analysis`. The second coder for agreement is made in memory
//! (the same codings, every other one moved by 30 characters) so the project stays as built.

mod support;

use std::sync::LazyLock;
use verbatim::analysis::{
    Selection, agreement, cooccurrence, matrix, query, saturation, stats, stopwords::StopWords,
    words,
};
use verbatim::ids::NodeId;
use verbatim::model::Language;
use verbatim::query::Filters;
use verbatim::session::Session;

struct Big {
    _dir: tempfile::TempDir,
    root: std::path::PathBuf,
    sel: Selection,
}

static BIG: LazyLock<Big> = LazyLock::new(|| {
    let dir = support::scratch_dir().expect("temp");
    let root = support::corpus_gen::build_project(dir.path(), 14, 1000, 8000, 300, 50_000);
    let s = Session::open(&root).expect("open");
    let mut sel = Selection::from_session(&s, &Filters::default()).expect("selection");
    let second: Vec<_> = sel
        .codings
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut c = c.clone();
            c.coder = "gen2".into();
            if i % 2 == 0 {
                c.start += 30;
                c.end += 30;
            }
            c
        })
        .collect();
    sel.codings.extend(second);
    eprintln!(
        "bench selection: {} sources, {} codings (two coders)",
        sel.sources.len(),
        sel.codings.len()
    );
    Big {
        _dir: dir,
        root,
        sel,
    }
});

fn main() {
    divan::main();
    support::remove_scratch();
}

fn first_nodes(n: usize) -> Vec<NodeId> {
    cooccurrence::coded_nodes(&BIG.sel)
        .into_iter()
        .take(n)
        .collect()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn selection_from_an_open_session(bencher: divan::Bencher) {
    let s = Session::open(&BIG.root).expect("open");
    bencher.bench(|| Selection::from_session(&s, &Filters::default()).expect("selection"));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn stats_per_node() {
    divan::black_box(stats::nodes(&BIG.sel, true));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn matrix_10_nodes_by_profession_in_words() {
    let nodes = first_nodes(10);
    let cols = matrix::Columns::Attribute("Profession".into());
    divan::black_box(matrix::matrix(
        &BIG.sel,
        &nodes,
        true,
        &cols,
        matrix::Measure::Words,
        Some(matrix::Percent::Row),
    ));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn cooccurrence_30_nodes_by_overlap() {
    let nodes = first_nodes(30);
    divan::black_box(cooccurrence::cooccurrence(
        &BIG.sel,
        &nodes,
        cooccurrence::Within::Overlap,
    ));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn coding_query_and_or_not_near() {
    let paths: Vec<String> = first_nodes(3)
        .iter()
        .map(|n| BIG.sel.codebook.path_of(*n).unwrap())
        .collect();
    let q = format!(
        "(\"{}\" OR \"{}\") AND NOT \"{}\" OR \"{}\" NEAR \"{}\"",
        paths[0], paths[1], paths[2], paths[0], paths[2]
    );
    let e = query::parse(&q, &BIG.sel.codebook).expect("query");
    divan::black_box(query::run(&BIG.sel, &e));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn agreement_two_coders_over_characters() {
    let opts = agreement::Options {
        coders: vec!["gen".into(), "gen2".into()],
        nodes: Vec::new(),
        unit: agreement::ItemUnit::Char,
        exclude_uncoded: false,
    };
    divan::black_box(agreement::agreement(&BIG.sel, &opts));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn saturation_by_label() {
    divan::black_box(saturation::saturation(&BIG.sel, saturation::Order::Label));
}

fn word_options(node: Option<uuid::Uuid>) -> words::Options {
    words::Options {
        node: node.map(NodeId),
        stem: true,
        min_length: 3,
        top: Some(50),
        stop: StopWords::builtin(Language::Fr),
        language: Language::Fr,
    }
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn word_frequency_whole_corpus() {
    divan::black_box(words::frequencies(&BIG.sel, &word_options(None)));
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn word_frequency_one_node() {
    let node = first_nodes(1)[0];
    divan::black_box(words::frequencies(&BIG.sel, &word_options(Some(node.0))));
}
