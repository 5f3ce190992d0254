//! Export benchmarks: the annex of a generated project with about 20,000 verbatims under 300
//! nodes written to each format, end to end (annex built, file written atomically). Targets
//! from the issue: DOCX under 2 s, Markdown under 0.5 s. Also the same project to .qdpx and back
//! (REFI-QDA; no target).
//!
//! Run with `cargo bench --bench export`.

mod support;

use std::sync::LazyLock;
use verbatim::export::{self, Format, Options};
use verbatim::session::Session;

struct Fixture {
    dir: tempfile::TempDir,
    root: std::path::PathBuf,
}

/// 400 sources of 4,000 words, 300 nodes, 20,400 codings (a few overlap and merge).
static BIG: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = support::scratch_dir().expect("temp");
    let root = support::corpus_gen::build_project(dir.path(), 7, 400, 4000, 300, 20_400);
    let s = Session::open(&root).expect("open");
    let annex = export::build(&s, &Options::default()).expect("annex");
    eprintln!(
        "bench annex: {} nodes, {} verbatims",
        annex.sections.len(),
        annex.verbatim_count()
    );
    Fixture { dir, root }
});

fn main() {
    LazyLock::force(&BIG);
    divan::main();
    support::remove_scratch();
}

#[divan::bench(args = ["docx", "odt", "md", "html", "csv", "xlsx"], sample_count = 5, sample_size = 1)]
fn annex_of_20000_verbatims(bencher: divan::Bencher, format: &str) {
    let s = Session::open(&BIG.root).expect("open");
    let f: Format = format.parse().expect("format");
    let out = BIG.dir.path().join(format!("annexe.{format}"));
    bencher.bench_local(|| {
        export::write(&s, &Options::default(), f, &out, &mut |_, _| {}).expect("export")
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn build_the_annex_only(bencher: divan::Bencher) {
    let s = Session::open(&BIG.root).expect("open");
    bencher.bench_local(|| export::build(&s, &Options::default()).expect("annex"));
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn qdpx_export(bencher: divan::Bencher) {
    let s = Session::open(&BIG.root).expect("open");
    let out = BIG.dir.path().join("projet.qdpx");
    bencher.bench_local(|| {
        export::write(&s, &Options::default(), Format::Qdpx, &out, &mut |_, _| {}).expect("qdpx")
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn qdpx_import(bencher: divan::Bencher) {
    let s = Session::open(&BIG.root).expect("open");
    let file = BIG.dir.path().join("import.qdpx");
    export::write(&s, &Options::default(), Format::Qdpx, &file, &mut |_, _| {}).expect("qdpx");
    let mut n = 0;
    bencher.bench_local(|| {
        n += 1;
        let dir = BIG.dir.path().join(format!("imported-{n}"));
        verbatim::refi::qdpx_import::import(&file, &dir, verbatim::model::Language::Fr)
            .expect("import")
    });
}
