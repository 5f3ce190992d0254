//! TUI benchmarks (issue targets in brackets):
//! - one key press handled and the frame rendered, on a 60,000-word transcript with 2,000
//!   codings, at 200×50 [median < 4 ms];
//! - start to first frame on the sample project [< 150 ms];
//! - on the 1,000-source project (1,000 sources × 8,000 words, 50,000 codings under 300 nodes):
//!   start to first frame [< 150 ms] and one key press with its frame [< 4 ms].
//!
//! Run with `cargo bench --bench tui`.

mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::LazyLock;
use verbatim::session::Session;
use verbatim::tui::testing::App;
use verbatim::tui::testing::Keymap;
use verbatim::tui::testing::Lang;
use verbatim::tui::testing::{Depth, Theme};

struct Fixture {
    _dir: tempfile::TempDir,
    root: std::path::PathBuf,
}

/// One source of 60,000 words with 2,000 codings over 100 nodes.
static BIG: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = support::scratch_dir().expect("temp");
    let root = support::corpus_gen::build_project(dir.path(), 21, 1, 61_500, 100, 2050);
    Fixture { _dir: dir, root }
});

/// The sample project, built as `verbatim demo` builds it.
static SAMPLE: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = support::scratch_dir().expect("temp");
    let dirs = verbatim::config::Dirs {
        config: dir.path().join("config"),
        data: dir.path().join("data"),
    };
    let root = verbatim::demo::ensure_demo(&dirs, false).expect("demo");
    Fixture { _dir: dir, root }
});

/// The scale project: 1,000 sources × 8,000 words, 50,000 codings under 300 nodes.
static THOUSAND: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = support::scratch_dir().expect("temp");
    let root = support::corpus_gen::build_project(dir.path(), 16, 1000, 8000, 300, 50_000);
    Fixture { _dir: dir, root }
});

fn main() {
    divan::main();
    support::remove_scratch();
}

fn open(root: &std::path::Path, w: u16, h: u16) -> App {
    let session = Session::open_writer(root).expect("open");
    App::new(
        session,
        Keymap::default_keys(),
        Lang::En,
        Theme {
            depth: Depth::TrueColor,
        },
        w,
        h,
    )
}

/// Times one key press (j, w, }, PageDown in turn) and the frame drawn after it.
fn keys_and_frames(bencher: divan::Bencher, mut app: App, w: u16, h: u16) {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let keys = [
        KeyCode::Char('j'),
        KeyCode::Char('w'),
        KeyCode::Char('}'),
        KeyCode::PageDown,
    ];
    let mut i = 0;
    bencher.bench_local(|| {
        i += 1;
        app.key(KeyEvent::new(keys[i % keys.len()], KeyModifiers::NONE));
        terminal.draw(|f| app.draw(f)).expect("draw");
    });
}

/// Times opening a project and drawing its first frame at 120×30.
fn first_frame(bencher: divan::Bencher, root: &std::path::Path) {
    bencher.bench_local(|| {
        let app = open(root, 120, 30);
        let mut terminal = Terminal::new(TestBackend::new(120, 30)).expect("terminal");
        terminal.draw(|f| app.draw(f)).expect("draw");
        app
    });
}

#[divan::bench(sample_count = 500)]
fn key_press_and_frame_60000_words_2000_codings_200x50(bencher: divan::Bencher) {
    let app = open(&BIG.root, 200, 50);
    let words = app
        .state()
        .transcript
        .doc
        .as_ref()
        .map_or(0, |d| verbatim::text::word_count(&d.text.text));
    let codings = app
        .state()
        .transcript
        .doc
        .as_ref()
        .map_or(0, |d| d.codings.len());
    assert!(
        words >= 60_000 && codings >= 2000,
        "{words} words, {codings} codings"
    );
    keys_and_frames(bencher, app, 200, 50);
}

#[divan::bench(sample_count = 30)]
fn start_to_first_frame_on_the_sample(bencher: divan::Bencher) {
    first_frame(bencher, &SAMPLE.root);
}

#[divan::bench(sample_count = 20)]
fn start_to_first_frame_on_1000_sources(bencher: divan::Bencher) {
    first_frame(bencher, &THOUSAND.root);
}

#[divan::bench(sample_count = 300)]
fn key_press_and_frame_on_1000_sources_120x30(bencher: divan::Bencher) {
    let app = open(&THOUSAND.root, 120, 30);
    keys_and_frames(bencher, app, 120, 30);
}
