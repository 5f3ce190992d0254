//! Helpers for CLI tests: a temp workspace with its own VERBATIM_HOME, a copy of `corpus/`, and
//! a command builder for the `verbatim` binary.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub struct Workspace {
    pub dir: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `verbatim` run in the workspace, with its own config/data home and coder.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("verbatim").expect("binary built");
        c.current_dir(self.path())
            .env("VERBATIM_HOME", self.path().join("home"))
            .env("VERBATIM_CODER", "tester");
        c
    }

    /// A copy of the repository's `corpus/` in the workspace.
    pub fn corpus(&self) -> PathBuf {
        let to = self.path().join("corpus");
        std::fs::create_dir_all(&to).unwrap();
        for entry in
            std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")).unwrap()
        {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
        to
    }

    /// A new, empty project `p` in the workspace.
    pub fn project(&self) -> PathBuf {
        self.cmd().args(["init", "p"]).assert().success();
        self.path().join("p")
    }

    /// A project `p` with the whole sample corpus and its cases imported.
    pub fn sample_project(&self) -> PathBuf {
        let corpus = self.corpus();
        let p = self.project();
        self.cmd()
            .arg("--project")
            .arg(&p)
            .arg("import")
            .arg(&corpus)
            .assert()
            .success();
        self.cmd()
            .arg("--project")
            .arg(&p)
            .args(["cases", "import"])
            .arg(corpus.join("cases.csv"))
            .assert()
            .success();
        p
    }

    /// The sample project with the a-priori codebook of `codebooks/` loaded.
    pub fn coded_sample(&self) -> PathBuf {
        let p = self.sample_project();
        self.cmd()
            .args(["--project", "p", "codebook", "load"])
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("codebooks/cpts-grille.json"))
            .assert()
            .success()
            .stdout(predicates::str::contains("29 nodes added"));
        p
    }

    /// Runs a command on `project` and asserts it succeeds.
    pub fn ok(&self, project: &Path, args: &[&str]) {
        self.cmd()
            .arg("--project")
            .arg(project)
            .args(args)
            .assert()
            .success();
    }

    /// Runs a read command with `--json` and parses its output.
    pub fn json(&self, project: &Path, args: &[&str]) -> serde_json::Value {
        let out = self
            .cmd()
            .arg("--project")
            .arg(project)
            .args(args)
            .arg("--json")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("valid JSON")
    }
}

/// Every file under `dir` (except `.verbatim/`) with its bytes, to check that nothing changed.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.file_name().is_some_and(|n| n == ".verbatim") {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The code point range of the first occurrence of `needle` in a source's stored text.
pub fn range_of(project: &Path, label: &str, needle: &str) -> (usize, usize) {
    let text = source_text(project, label);
    let byte = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {label}"));
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

/// The stored text of a source.
pub fn source_text(project: &Path, label: &str) -> String {
    std::fs::read_to_string(source_file(project, label)).unwrap()
}

/// The path of a source's stored text.
pub fn source_file(project: &Path, label: &str) -> PathBuf {
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(project.join("verbatim.json")).unwrap()).unwrap();
    let s = m["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"] == label)
        .unwrap();
    project.join(s["file"].as_str().unwrap())
}

/// Verbatims of the sample corpus coded in the export tests: (label, exact text, node path).
pub const ANNEX_VERBATIMS: &[(&str, &str, &str)] = &[
    (
        "E02",
        "J'ai commencé à l'hôpital, au CHU, en cardiologie",
        "I - Parcours et exercice/I.A - Installation et trajectoire",
    ),
    (
        "E01",
        "Alors c'est une patientèle assez âgée, hein.",
        "I - Parcours et exercice/I.C - Patientèle",
    ),
    (
        "E03",
        "Les deux soirs, oui, je les tiens, j’y tiens absolument.",
        "I - Parcours et exercice/I.B - Organisation du travail",
    ),
    (
        "E08",
        "On a recruté une coordinatrice, d'abord à quart temps, puis à mi-temps.",
        "II - La CPTS vécue/II.C - Leviers/II.C.2 - Rôle de la coordinatrice",
    ),
];

/// One `code --jsonl` line coding the first occurrence of `needle` in a source.
pub fn code_line(project: &Path, label: &str, needle: &str, node: &str) -> String {
    let (s, e) = range_of(project, label, needle);
    serde_json::json!({"source": label, "start": s, "end": e, "node": node}).to_string()
}

/// One `code --jsonl` line per entry of [`ANNEX_VERBATIMS`], in its order.
pub fn annex_code_lines(project: &Path) -> Vec<String> {
    ANNEX_VERBATIMS
        .iter()
        .map(|(l, n, node)| code_line(project, l, n, node))
        .collect()
}

impl Workspace {
    /// Codes JSONL `lines` in project `p` as `coder`.
    pub fn code_lines(&self, coder: &str, lines: &[String]) {
        let file = self.path().join(format!("codes-{coder}.jsonl"));
        std::fs::write(&file, lines.join("\n")).unwrap();
        self.cmd()
            .args(["--project", "p", "--coder", coder, "code", "--jsonl"])
            .arg(&file)
            .assert()
            .success();
    }
}

/// The REFI-QDA schemas and examples.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/refi")
}

/// Validates `xml` (a file) against an official schema with xmllint.
pub fn xsd_valid(file: &Path, xsd: &str) {
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(fixtures().join(xsd))
        .arg(file)
        .output()
        .unwrap_or_else(|_| {
            panic!("xmllint is needed (apt-get install libxml2-utils; .ci/run installs it)")
        });
    assert!(
        out.status.success(),
        "{} is not valid against {xsd}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Semantic checks of an exported .qdpx (our own checker: runs everywhere). The XSD check needs
/// xmllint: [`xsd_valid_qdpx`], called from tests marked `#[ignore]` that `.ci/run` runs.
pub fn valid_qdpx(_scratch: &Path, file: &Path) {
    let problems = verbatim::refi::check::qdpx(file);
    assert!(problems.is_empty(), "{problems:?}");
}

/// Semantic checks of an exported .qdc (the XSD check: [`xsd_valid_qdc`]).
pub fn valid_qdc(file: &Path) {
    let problems = verbatim::refi::check::qdc(&std::fs::read_to_string(file).unwrap());
    assert!(problems.is_empty(), "{problems:?}");
}

/// XSD and semantic checks of an exported .qdpx (needs xmllint).
pub fn xsd_valid_qdpx(scratch: &Path, file: &Path) {
    let mut z = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut qde = Vec::new();
    std::io::Read::read_to_end(&mut z.by_name("project.qde").unwrap(), &mut qde).unwrap();
    let unpacked = scratch.join("unpacked.qde");
    std::fs::write(&unpacked, qde).unwrap();
    xsd_valid(&unpacked, "Project-mrt2019.xsd");
    valid_qdpx(scratch, file);
}

/// XSD and semantic checks of an exported .qdc (needs xmllint).
pub fn xsd_valid_qdc(file: &Path) {
    xsd_valid(file, "Codebook-mrt2019.xsd");
    valid_qdc(file);
}

/// Opens as the writer, also again after this process dropped a session. Other tests of this binary
/// spawn `verbatim` processes meanwhile: a child between fork and exec briefly holds a copy of
/// every descriptor, our lock's included, so a reopen can meet `Locked` for that instant (a
/// property of the test harness, not of verbatim: one writer per process is what users run).
pub fn open_writer(p: &Path) -> verbatim::session::Session {
    for _ in 0..100 {
        match verbatim::session::Session::open_writer(p) {
            Err(verbatim::Error::Locked(_)) => {
                std::thread::sleep(std::time::Duration::from_millis(50))
            }
            other => return other.unwrap(),
        }
    }
    panic!(
        "{} stayed locked for 5 s after its session was dropped",
        p.display()
    )
}
