//! Linear cost at the far end of real use (issue 12 item 7), timed through the command line as a
//! researcher runs it, on one 49 MB transcript (about 7.5 million words) holding 100,000
//! codings [each target < 5 s]:
//! - `check` after the transcript was edited by hand (re-anchoring every coding in memory), by
//!   quote and context (a fresh clone: no `.verbatim/anchored/` copy) and through the diff with
//!   the anchored copy (the researcher's own machine);
//! - the first writer after that edit (re-anchoring saved in one transaction, then a node added);
//! - `code --speaker` (every turn of one speaker coded at once).
//!
//! Each sample works on a fresh copy of the project (copying is not timed). Building the project
//! takes a few minutes the first time. Run with `cargo bench --bench scale`.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

const BIN: &str = env!("CARGO_BIN_EXE_verbatim");

struct Scale {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

/// One generated transcript of ~49 MB, a 300-node codebook, 100,000 codings of coder `gen`.
static SCALE: LazyLock<Scale> = LazyLock::new(|| {
    let dir = support::scratch_dir().expect("temp");
    // `VERBATIM_SCALE_WORDS` / `_CODINGS` shrink the project to try the bench out quickly.
    let size = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let (words, codings) = (
        size("VERBATIM_SCALE_WORDS", 7_500_000),
        size("VERBATIM_SCALE_CODINGS", 100_000),
    );
    let root = support::corpus_gen::build_project(dir.path(), 49, 1, words, 300, codings);
    let bytes = transcript_path(&root).metadata().expect("transcript").len();
    eprintln!(
        "bench project: one transcript of {:.1} MB, {codings} codings",
        bytes as f64 / 1e6
    );
    Scale { _dir: dir, root }
});

fn main() {
    divan::main();
    support::remove_scratch();
}

/// The one stored transcript (`sources/<id>.txt`).
fn transcript_path(root: &Path) -> PathBuf {
    std::fs::read_dir(root.join("sources"))
        .expect("sources folder")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .expect("a transcript")
}

/// A fresh copy of the project (without its disposable cache, but for the anchored copies when
/// `anchored`), optionally hand-edited.
fn copy(edit: bool, anchored: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = support::scratch_dir().expect("temp");
    let to = dir.path().join("project");
    copy_dir(&SCALE.root, &to);
    if anchored {
        copy_dir(
            &SCALE.root.join(".verbatim/anchored"),
            &to.join(".verbatim/anchored"),
        );
    }
    if edit {
        let file = transcript_path(&to);
        let text = std::fs::read_to_string(&file).expect("read");
        // A line inserted near the top shifts every coding; a word removed mid-text changes
        // the passages around it, as a hand correction does.
        let first = text.find('\n').expect("a line") + 1;
        let mid = text.len() / 2;
        let word = text[mid..].find("franchement").map(|i| mid + i);
        let mut edited = String::with_capacity(text.len() + 64);
        edited.push_str(&text[..first]);
        edited.push_str("Note de transcription : enregistrement repris après une coupure.\n");
        match word {
            Some(w) => {
                edited.push_str(&text[first..w]);
                edited.push_str(&text[w + "franchement".len()..]);
            }
            None => edited.push_str(&text[first..]),
        }
        std::fs::write(&file, edited).expect("edit");
    }
    (dir, to)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let name = entry.file_name();
        if name == ".verbatim" {
            continue;
        }
        let path = entry.path();
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&path, &to.join(&name));
        } else {
            std::fs::copy(&path, to.join(&name)).expect("copy");
        }
    }
}

fn run(root: &Path, args: &[&str]) {
    let out = Command::new(BIN)
        .args(args)
        .arg("--project")
        .arg(root)
        .output()
        .expect("run verbatim");
    // `check` exits 1 when it reports something; anything else is a failure of the bench.
    let code = out.status.code();
    assert!(
        code == Some(0) || (args[0] == "check" && code == Some(1)),
        "{args:?}: {code:?}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn check_after_a_hand_edit(bencher: divan::Bencher) {
    bencher
        .with_inputs(|| copy(true, false))
        .bench_local_values(|(dir, root)| {
            run(&root, &["check"]);
            dir
        });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn check_after_a_hand_edit_with_the_anchored_copy(bencher: divan::Bencher) {
    bencher
        .with_inputs(|| copy(true, true))
        .bench_local_values(|(dir, root)| {
            run(&root, &["check"]);
            dir
        });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn first_writer_after_a_hand_edit_saves_the_reanchoring(bencher: divan::Bencher) {
    bencher
        .with_inputs(|| copy(true, false))
        .bench_local_values(|(dir, root)| {
            run(&root, &["codebook", "add", "Ajouté après correction"]);
            dir
        });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn code_every_turn_of_one_speaker(bencher: divan::Bencher) {
    bencher
        .with_inputs(|| copy(false, false))
        .bench_local_values(|(dir, root)| {
            run(
                &root,
                &[
                    "code",
                    "--speaker",
                    "P1",
                    "Thème 1 — élément/Sous-thème 1.1",
                ],
            );
            dir
        });
}
