//! Import throughput: 1,000 generated transcripts of 8,000 words (about 50 MB) into a fresh
//! project, the way `verbatim import DIR` does it. Target: at least 40 MB/s on 2 cores.
//! Run with `cargo bench --bench import`.

mod support;

use divan::counter::BytesCount;
use std::path::PathBuf;
use std::sync::LazyLock;
use verbatim::Project;
use verbatim::import::{ImportOptions, import_paths};
use verbatim::model::Language;

struct Corpus {
    _dir: tempfile::TempDir,
    path: PathBuf,
    bytes: u64,
}

static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let dir = support::scratch_dir().expect("temp dir");
    let path = dir.path().join("corpus");
    let bytes = support::corpus_gen::write_corpus(&path, 7, 1000, 8000);
    Corpus {
        _dir: dir,
        path,
        bytes,
    }
});

fn main() {
    LazyLock::force(&CORPUS);
    divan::main();
    support::remove_scratch();
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn import_1000_transcripts_of_8000_words(bencher: divan::Bencher) {
    bencher
        .counter(BytesCount::new(CORPUS.bytes))
        .with_inputs(|| {
            let dir = support::scratch_dir().expect("temp dir");
            let project = Project::init(&dir.path().join("p"), None, Language::Fr).expect("init");
            (dir, project)
        })
        .bench_local_values(|(dir, mut project)| {
            let report = import_paths(
                &mut project,
                std::slice::from_ref(&CORPUS.path),
                &ImportOptions::default(),
                &|_, _| {},
            )
            .expect("import");
            assert_eq!(report.imported.len(), 1000);
            (dir, project)
        });
}
