//! Pseudonymisation benchmarks (issue 15 targets in brackets), on 1,000 generated sources ×
//! 8,000 words, 300 nodes and 50,000 codings, with a key of 200 entries (four that occur all
//! through the corpus — a town, a city, an agency and the CPTS — and 196 names that occur
//! nowhere, as most of a real key's names are rare):
//! - `anonymise apply` in place: open the project as the writer and apply the key, every text,
//!   coding, node and cache rewritten in one transaction [< 5 s]; each sample on a fresh copy
//!   (the copy is not timed; the backup the CLI makes first is not included);
//! - the export-time mode: the same annex (Markdown, DOCX) written plain and pseudonymised with
//!   its leak check [the pseudonymised one < 1.2 × the plain one].
//!
//! Run with `cargo bench --bench anonymise`; `VERBATIM_BENCH_PAIRED=21 cargo bench --bench
//! anonymise` times the two annexes in turn instead (see [`paired`]). The key lives in the user data folder, so the
//! bench points `VERBATIM_HOME` at its own temporary folder before anything else runs.

mod support;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use verbatim::anonymise::{Category, Entry, Key, Matcher};
use verbatim::export::{self, Format, Options};
use verbatim::session::Session;

struct Big {
    dir: tempfile::TempDir,
    root: PathBuf,
    key: Matcher,
}

/// The 200-entry key.
fn key() -> Key {
    let mut k = Key::default();
    let hits = [
        ("Montclar", "Ville-Alpha", Category::Place),
        ("Saint-Étienne", "Ville-Beta", Category::Place),
        ("ARS", "Agence-R", Category::Organisation),
        ("CPTS", "Structure-C", Category::Organisation),
    ];
    for (o, p, c) in hits {
        k.add(entry(o, p, c)).expect("key entry");
    }
    for i in 0..196 {
        k.add(entry(
            &format!("Nomfictif{i:03}"),
            &format!("Personne {i}"),
            Category::Person,
        ))
        .expect("key entry");
    }
    assert_eq!(k.entries().len(), 200);
    k
}

fn entry(original: &str, pseudonym: &str, category: Category) -> Entry {
    Entry {
        original: original.into(),
        pseudonym: pseudonym.into(),
        category,
        whole_word: true,
    }
}

static BIG: LazyLock<Big> = LazyLock::new(|| {
    let dir = support::scratch_dir().expect("temp");
    // SAFETY: set once, from `main`, before divan starts any thread.
    unsafe { std::env::set_var("VERBATIM_HOME", dir.path().join("home")) };
    let root = support::corpus_gen::build_project(dir.path(), 15, 1000, 8000, 300, 50_000);
    let s = Session::open(&root).expect("open");
    let key = key();
    key.save(&verbatim::anonymise::default_path(s.project().manifest.id).expect("key path"))
        .expect("save key");
    eprintln!(
        "bench project: {} sources, {} codings; key of {} entries",
        s.project().manifest.sources.len(),
        s.codings().all().count(),
        key.entries().len()
    );
    Big {
        dir,
        root,
        key: key.matcher(),
    }
});

fn main() {
    LazyLock::force(&BIG);
    match std::env::var("VERBATIM_BENCH_PAIRED")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        Some(runs) => paired(runs),
        None => divan::main(),
    }
    support::remove_scratch();
}

/// `VERBATIM_BENCH_PAIRED=N`: the annex written plain and pseudonymised in turn, N pairs (the
/// order swapped every other pair, one pair first as a warm-up), for figures a busy machine's
/// drift between two blocks of samples does not skew: the medians, and the median of the
/// pairs' ratios.
fn paired(runs: usize) {
    let s = Session::open(&BIG.root).expect("open");
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    for format in ["md", "docx"] {
        let f: Format = format.parse().expect("format");
        let time = |pseudonymised: bool| {
            let options = Options {
                keep_names: !pseudonymised,
                allow_leaks: !pseudonymised,
                ..Options::default()
            };
            let out = BIG
                .dir
                .path()
                .join(format!("paired-{pseudonymised}.{format}"));
            let start = std::time::Instant::now();
            export::write(&s, &options, f, &out, &mut |_, _| {}).expect("export");
            start.elapsed().as_secs_f64() * 1000.0
        };
        let (mut plain, mut pseudo) = (Vec::new(), Vec::new());
        for i in 0..=runs {
            let (a, b) = if i % 2 == 0 {
                let a = time(false);
                (a, time(true))
            } else {
                let b = time(true);
                (time(false), b)
            };
            if i > 0 {
                plain.push(a);
                pseudo.push(b);
            }
        }
        let ratios = plain.iter().zip(&pseudo).map(|(a, b)| b / a).collect();
        let (a, b) = (median(plain), median(pseudo));
        println!(
            "{format}: plain {a:.1} ms, pseudonymised {b:.1} ms (medians of {runs}); ratio of the medians {:.2}, median of the pairs' ratios {:.2}",
            b / a,
            median(ratios)
        );
    }
}

/// A copy of the project (the search index left out: apply removes it anyway), flushed to disk.
fn copy_project() -> (tempfile::TempDir, PathBuf) {
    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for entry in std::fs::read_dir(from).expect("read dir") {
            let entry = entry.expect("entry");
            let (path, name) = (entry.path(), entry.file_name());
            if name == "index" || name == "lock" {
                continue;
            }
            if path.is_dir() {
                copy_dir(&path, &to.join(&name));
            } else {
                std::fs::copy(&path, to.join(&name)).expect("copy");
                // On disk, as a project at rest is: the copy's writeback not left to compete
                // with the timed run.
                std::fs::File::open(to.join(&name))
                    .and_then(|f| f.sync_all())
                    .expect("flush the copy");
            }
        }
    }
    let dir = support::scratch_dir().expect("temp");
    let to = dir.path().join("project");
    copy_dir(&BIG.root, &to);
    (dir, to)
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn apply_a_200_name_key_in_place(bencher: divan::Bencher) {
    bencher
        .with_inputs(copy_project)
        .bench_local_values(|(dir, root)| {
            let mut s = Session::open_writer(&root).expect("open");
            let report = s.apply_key(&BIG.key).expect("apply");
            assert!(report.codings > 0, "the key moved codings");
            (dir, s)
        });
}

fn annex(bencher: divan::Bencher, format: &str, pseudonymised: bool) {
    let s = Session::open(&BIG.root).expect("open");
    let f: Format = format.parse().expect("format");
    let name = if pseudonymised { "pseudo" } else { "plain" };
    let out = BIG.dir.path().join(format!("annexe-{name}.{format}"));
    // Plain: the key's names kept and no leak check, as a project without a key exports.
    let options = Options {
        keep_names: !pseudonymised,
        allow_leaks: !pseudonymised,
        ..Options::default()
    };
    bencher.bench_local(|| export::write(&s, &options, f, &out, &mut |_, _| {}).expect("export"));
}

#[divan::bench(args = ["md", "docx"], sample_count = 5, sample_size = 1)]
fn annex_plain(bencher: divan::Bencher, format: &str) {
    annex(bencher, format, false);
}

#[divan::bench(args = ["md", "docx"], sample_count = 5, sample_size = 1)]
fn annex_pseudonymised(bencher: divan::Bencher, format: &str) {
    annex(bencher, format, true);
}
