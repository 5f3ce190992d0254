//! Coding-engine benchmarks (issue targets in brackets):
//! - apply one coding and save it [median < 5 ms];
//! - open a project with 50,000 codings over 1,000 sources [< 1 s];
//! - re-anchor 10,000 codings on 100 edited transcripts [< 1 s].
//!
//! Run with `cargo bench --bench coding`.

mod support;

use std::sync::LazyLock;
use verbatim::coding::anchor::reanchor;
use verbatim::coding::{Coding, SourceText, make_coding};
use verbatim::ids::NodeId;
use verbatim::ids::{CodingId, SourceId};
use verbatim::session::Session;
use verbatim::text::CharRange;

struct Big {
    _dir: tempfile::TempDir,
    root: std::path::PathBuf,
}

/// 1,000 sources of 1,000 words, 300 nodes, 50,000 codings.
static BIG: LazyLock<Big> = LazyLock::new(|| {
    let dir = support::scratch_dir().expect("temp");
    let root = support::corpus_gen::build_project(dir.path(), 11, 1000, 1000, 300, 50_000);
    let stored = Session::open(&root).expect("open").codings().count();
    eprintln!("bench project: 1,000 sources, 300 nodes, {stored} codings stored");
    Big { _dir: dir, root }
});

fn main() {
    divan::main();
    support::remove_scratch();
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn open_project_with_50000_codings_over_1000_sources(bencher: divan::Bencher) {
    let root = &BIG.root;
    bencher.bench(|| {
        let s = Session::open(root).expect("open");
        // A few generated codings of the same node overlap and unite, as the engine requires.
        assert!(
            s.codings().count() > 49_000,
            "{} codings",
            s.codings().count()
        );
        s
    });
}

#[divan::bench(sample_count = 200, sample_size = 1)]
fn apply_one_coding_and_save(bencher: divan::Bencher) {
    let dir = support::scratch_dir().expect("temp");
    let root = support::corpus_gen::build_project(dir.path(), 5, 30, 8000, 50, 1000);
    let mut s = Session::open_writer(&root).expect("open");
    let sources: Vec<SourceId> = s.project().sources().iter().map(|m| m.id).collect();
    let node = s
        .codebook()
        .all_ids()
        .into_iter()
        .find(|id| s.codebook().node(*id).is_some_and(|n| n.codable))
        .expect("a node");
    let mut i = 0usize;
    bencher.bench_local(|| {
        i += 1;
        let src = sources[i % sources.len()];
        let start = (i * 977) % 40_000;
        s.code("bench", src, CharRange::new(start, start + 50), node)
            .expect("code")
    });
}

struct Edited {
    sources: Vec<(String, SourceText, Vec<Coding>)>,
}

/// 100 transcripts of 8,000 words with 100 codings each, and an edited copy of each text
/// (a few words inserted, replaced and deleted in several places).
static EDITED: LazyLock<Edited> = LazyLock::new(|| {
    let mut rng = support::corpus_gen::Rng::new(3);
    let sources = (0..100)
        .map(|i| {
            let old = SourceText::new(support::corpus_gen::transcript(9, i, 8000));
            let codings: Vec<Coding> = (0..100)
                .map(|_| {
                    let s = rng.below(old.len() - 400);
                    make_coding(
                        &old,
                        CodingId::random(),
                        NodeId::random(),
                        CharRange::new(s, s + 20 + rng.below(300)),
                        "t",
                    )
                })
                .collect();
            let mut new = old.text.clone();
            for k in 0..6 {
                let at = new
                    .char_indices()
                    .nth((k + 1) * new.chars().count() / 8)
                    .map_or(0, |(b, _)| b);
                new.insert_str(at, if k % 2 == 0 { " (rires) " } else { " Mme X. " });
            }
            let new = new
                .replacen("Montclar", "[ville]", 3)
                .replacen("franchement", "", 2);
            (old.text, SourceText::new(new), codings)
        })
        .collect();
    Edited { sources }
});

#[divan::bench(sample_count = 10, sample_size = 1)]
fn reanchor_10000_codings_on_100_edited_transcripts(bencher: divan::Bencher) {
    let edited = &*EDITED;
    bencher
        .with_inputs(|| {
            edited
                .sources
                .iter()
                .map(|(_, _, c)| c.clone())
                .collect::<Vec<_>>()
        })
        .bench_local_values(|mut all| {
            let mut placed = 0;
            for ((old, new, _), codings) in edited.sources.iter().zip(all.iter_mut()) {
                placed += reanchor(Some(old), new, codings).len();
            }
            assert_eq!(placed, 10_000);
            all
        });
}
