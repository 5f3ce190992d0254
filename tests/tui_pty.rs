//! End-to-end tests of the real binary in a pseudo-terminal (rexpect), the screen rebuilt with
//! vt100: start on a temp copy of the sample, code a passage (its node name pasted), quit, check
//! the codings file; create a fresh project from the projects list, import the sample corpus
//! with the file browser, code a passage, export an annex, quit, check the files on disk; and
//! `?` shows the bindings. Each step waits for the screen to show its outcome (no timing
//! assertions). Unix only.
#![cfg(unix)]

use std::process::Command;
use std::time::{Duration, Instant};

struct Tui {
    session: rexpect::session::PtySession,
    screen: vt100::Parser,
}

impl Tui {
    fn start(home: &std::path::Path, project: &std::path::Path) -> Self {
        let bin = assert_cmd::cargo::cargo_bin("verbatim");
        let script = format!(
            "stty rows 30 cols 120; exec '{}' '{}'",
            bin.display(),
            project.display()
        );
        let mut cmd = Command::new("sh");
        cmd.args(["-c", &script])
            .env("VERBATIM_HOME", home)
            .env("VERBATIM_CODER", "pty")
            .env("TERM", "xterm-256color")
            .env("LANG", "en_US.UTF-8");
        let session = rexpect::session::spawn_command(cmd, Some(30_000)).expect("spawn in a pty");
        Self {
            session,
            screen: vt100::Parser::new(
                std::num::NonZeroU16::new(30).unwrap(),
                std::num::NonZeroU16::new(120).unwrap(),
                0,
            ),
        }
    }

    /// Reads output until the screen contains `text` (15 s at most, more on CI).
    fn wait_for(&mut self, text: &str) -> String {
        self.wait_for_all(&[text])
    }

    /// Waits until the screen shows every one of `texts` (a frame may arrive in several reads).
    fn wait_for_all(&mut self, texts: &[&str]) -> String {
        let limit = if std::env::var_os("CI").is_some() {
            60
        } else {
            15
        };
        let deadline = Instant::now() + Duration::from_secs(limit);
        loop {
            // rexpect hands out each byte as a char; the bytes are the terminal's UTF-8.
            let mut got: Vec<u8> = Vec::new();
            while let Some(c) = self.session.try_read() {
                got.push(u32::from(c) as u8);
            }
            if !got.is_empty() {
                self.screen.process(&got);
            }
            let contents = self.screen.screen().contents();
            if texts.iter().all(|t| contents.contains(t)) {
                return contents;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {texts:?}; screen:\n{contents}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("send keys");
        self.session.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(60));
    }
}

fn demo(home: &std::path::Path) -> std::path::PathBuf {
    let out = assert_cmd::Command::cargo_bin("verbatim")
        .unwrap()
        .arg("demo")
        .env("VERBATIM_HOME", home)
        .output()
        .unwrap();
    assert!(out.status.success());
    std::path::PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
}

#[test]
fn code_a_passage_in_the_real_terminal_then_quit() {
    let dir = tempfile::tempdir().unwrap();
    let project = demo(dir.path());
    let mut t = Tui::start(dir.path(), &project);
    // The first frame can arrive in several reads: wait for its transcript, drawn after the
    // header, rather than for the header alone.
    let screen = t.wait_for("Enquêteur : Bonjour");
    assert!(screen.contains("saved ✓"), "{screen}");
    t.send("}}}V");
    t.wait_for("VISUAL");
    t.send("c");
    t.wait_for("Code with");
    // Pasted (bracketed paste): its line break does not choose the entry.
    t.send("\x1b[200~manque\r\x1b[201~");
    t.wait_for("> manque▏");
    assert!(!t.wait_for("Code with").contains("coded with"));
    t.send("\r");
    t.wait_for("coded with");
    t.send("q");
    t.session.exp_eof().expect("the program ends");
    let codings = project.join("codings/pty");
    let files: Vec<_> = std::fs::read_dir(&codings)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(
        text.contains("\"quote\":\"Oui, bien sûr. Alors, euh… je suis installé"),
        "{text}"
    );
}

#[test]
fn question_mark_shows_the_bindings() {
    let dir = tempfile::tempdir().unwrap();
    let project = demo(dir.path());
    let mut t = Tui::start(dir.path(), &project);
    t.wait_for("saved ✓");
    t.send("?");
    let screen = t.wait_for_all(&[
        "Key bindings",
        "Show every key binding",
        "Quit (everything is already saved)",
    ]);
    assert!(
        screen.contains("Show every key binding")
            && screen.contains("Quit (everything is already saved)"),
        "{screen}"
    );
    t.send("\x04");
    let screen = t.wait_for_all(&["code_again", "Select the whole turn"]);
    assert!(
        screen.contains("code_again") && screen.contains("Select the whole turn"),
        "{screen}"
    );
    t.send("\x1b");
    t.send("q");
    t.session.exp_eof().expect("the program ends");
}

/// The whole workflow on a fresh project, in the real terminal: the projects list creates it
/// (the app reopens on it), the file browser imports the sample corpus folder (found by typing
/// its name), a turn is coded with a new node, the annex is exported as Markdown, and after
/// quitting the codings file and the annex hold that passage.
#[test]
fn a_fresh_project_imports_the_corpus_codes_exports_and_quits() {
    let dir = tempfile::tempdir().unwrap();
    let demo_project = demo(dir.path());
    let corpus = dir.path().join("corpus-exemple");
    std::fs::create_dir_all(&corpus).unwrap();
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for e in std::fs::read_dir(&source).unwrap() {
        let path = e.unwrap().path();
        std::fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    let fresh = dir.path().join("these");
    let mut t = Tui::start(dir.path(), &demo_project);
    t.wait_for("Enquêteur : Bonjour");
    t.send("O");
    t.wait_for("New project…");
    t.send("\r");
    t.wait_for("Folder of the new project");
    t.send(&fresh.display().to_string());
    t.send("\r");
    t.wait_for("No source: I imports transcripts");
    assert!(
        fresh.join("verbatim.json").is_file(),
        "the project is created"
    );
    t.send("I");
    t.wait_for("Import transcripts");
    t.send("corpus-ex");
    t.wait_for("filter: corpus-ex");
    t.send("\r");
    t.wait_for("E08.txt");
    // ctrl-o imports the whole folder shown.
    t.send("\x0f");
    let report = t.wait_for("sources imported");
    assert!(report.contains("Import: 8 sources imported"), "{report}");
    t.send("\x1b");
    t.wait_for("Enquêteur : Bonjour");
    t.send("2}}}V");
    t.wait_for("VISUAL");
    t.send("c");
    t.wait_for("Code with");
    t.send("Parcours");
    t.wait_for("new node: Parcours");
    t.send("\r");
    t.wait_for("coded with Parcours");
    t.send("E");
    t.wait_for("Export the annex");
    // The format row: docx, then odt, then md.
    t.send("\x1b[C");
    t.send("\x1b[C");
    t.wait_for("annexe-verbatims.md");
    t.send("\r");
    t.wait_for("exported");
    t.send("q");
    t.session.exp_eof().expect("the program ends");

    let codings = fresh.join("codings/pty");
    let files: Vec<_> = std::fs::read_dir(&codings)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    let coding: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    let quote = coding["quote"].as_str().unwrap().to_owned();
    assert!(quote.chars().count() > 40, "a whole turn: {quote}");
    let annex = std::fs::read_to_string(dir.path().join("annexe-verbatims.md")).unwrap();
    assert!(annex.contains("Parcours"), "{annex}");
    let words: String = quote.chars().take(40).collect();
    assert!(
        annex.contains(&words),
        "the verbatim is in the annex: {annex}"
    );
}
