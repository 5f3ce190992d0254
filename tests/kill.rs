//! The kill test: writers killed with SIGKILL at random moments during mixed operations —
//! batch coding, codebook merge and delete --force, import, import-table, source rename and
//! delete, re-anchoring after a hand edit. After each kill the project opens, `check` is clean, nothing is left over, and the
//! operation is wholly there or wholly absent: the project's content equals either the state
//! before it or the state the same operation reaches on a copy when it is not killed.
//!
//! `cargo test` makes 50 kills (`VERBATIM_KILLS=1000 cargo test --test kill -- --nocapture` is
//! the longer run of RELIABILITY.md). The seed of the random delays is printed;
//! `VERBATIM_KILL_SEED` replays a run.

mod common;

use common::{ANNEX_VERBATIMS, Workspace, range_of};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// A small deterministic generator (xorshift), so that a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The binary under test (`VERBATIM_KILL_BIN` runs a copy, so that a long run survives a rebuild).
fn bin() -> PathBuf {
    std::env::var_os("VERBATIM_KILL_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_verbatim")))
}

fn verbatim(ws: &Path, project: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(bin());
    c.current_dir(ws)
        .env("VERBATIM_HOME", ws.join("home"))
        .env("VERBATIM_CODER", "tester")
        .arg("--project")
        .arg(project)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn run_ok(ws: &Path, project: &Path, args: &[&str]) {
    let out = verbatim(ws, project, args)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "verbatim {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The project's content, independent of random ids, file names and times: node paths,
/// codings by (coder, source label, range, node path, status), sources by label and text,
/// cases, memos, journal operations.
fn summary(p: &Path) -> BTreeMap<String, Vec<String>> {
    let json = |f: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(p.join(f)).unwrap()).unwrap()
    };
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut paths = BTreeMap::new();
    fn walk(nodes: &serde_json::Value, prefix: &str, paths: &mut BTreeMap<String, String>) {
        for n in nodes.as_array().unwrap() {
            let path = format!("{prefix}/{}", n["name"].as_str().unwrap());
            paths.insert(n["id"].as_str().unwrap().to_owned(), path.clone());
            walk(&n["children"], &path, paths);
        }
    }
    walk(&json("codebook.json")["nodes"], "", &mut paths);
    let mut nodes: Vec<String> = paths.values().cloned().collect();
    nodes.sort();
    out.insert("nodes".into(), nodes);
    let manifest = json("verbatim.json");
    let mut labels = BTreeMap::new();
    let mut sources = Vec::new();
    for s in manifest["sources"].as_array().unwrap() {
        let label = s["label"].as_str().unwrap().to_owned();
        labels.insert(s["id"].as_str().unwrap().to_owned(), label.clone());
        let text = std::fs::read_to_string(p.join(s["file"].as_str().unwrap())).unwrap();
        sources.push(format!(
            "{label} case={} sha={} text={}",
            s["case"],
            s["sha256"].as_str().unwrap(),
            text.len()
        ));
    }
    sources.sort();
    out.insert("sources".into(), sources);
    let mut codings = Vec::new();
    for coder in std::fs::read_dir(p.join("codings")).unwrap().flatten() {
        for f in std::fs::read_dir(coder.path()).unwrap().flatten() {
            let id = f.path().file_stem().unwrap().to_string_lossy().into_owned();
            let label = labels.get(&id).cloned().unwrap_or(format!("?{id}"));
            for line in std::fs::read_to_string(f.path()).unwrap().lines() {
                let c: serde_json::Value = serde_json::from_str(line).unwrap();
                let node = c["node"].as_str().unwrap();
                codings.push(format!(
                    "{} {label} {}..{} {} {}",
                    coder.file_name().to_string_lossy(),
                    c["start"],
                    c["end"],
                    paths.get(node).cloned().unwrap_or(format!("?{node}")),
                    c.get("status").map(|s| s.to_string()).unwrap_or_default()
                ));
            }
        }
    }
    codings.sort();
    out.insert("codings".into(), codings);
    out.insert(
        "cases".into(),
        std::fs::read_to_string(p.join("cases.csv"))
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect(),
    );
    out.insert(
        "journal".into(),
        std::fs::read_to_string(p.join("journal.jsonl"))
            .unwrap()
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("torn journal line {l:?}: {e}"));
                v["op"].as_str().unwrap().to_owned()
            })
            .collect(),
    );
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Files a transaction or an atomic write may leave behind when killed.
fn leftovers(p: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![p.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().unwrap().is_dir() {
                if name != ".verbatim" {
                    stack.push(e.path());
                }
            } else if name.starts_with(".txn-") || name.starts_with(".tmp-") {
                out.push(e.path());
            }
        }
    }
    out
}

/// One operation to kill: its arguments, after a setup that is not killed.
struct Op {
    name: &'static str,
    args: Vec<String>,
}

fn prepare(ws: &Path, p: &Path, i: usize, kind: usize, renamed: &mut String) -> Op {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    match kind {
        0 => {
            // A batch of codings by a new coder.
            let lines: Vec<String> = ANNEX_VERBATIMS
                .iter()
                .filter(|(l, _, _)| !["E01", "E02"].contains(l))
                .map(|(l, n, node)| {
                    let (a, b) = range_of(p, l, n);
                    serde_json::json!({"source": l, "start": a, "end": b, "node": node}).to_string()
                })
                .collect();
            let file = ws.join(format!("batch-{i}.jsonl"));
            std::fs::write(&file, lines.join("\n")).unwrap();
            Op {
                name: "code --jsonl",
                args: s(&[
                    "--coder",
                    &format!("k{i}"),
                    "code",
                    "--jsonl",
                    file.to_str().unwrap(),
                ]),
            }
        }
        1 | 2 => {
            // A node holding codings, then merged into another or deleted.
            let node = format!("Tmp {i}");
            run_ok(ws, p, &["codebook", "add", &node]);
            let lines: Vec<String> = ANNEX_VERBATIMS
                .iter()
                .filter(|(l, _, _)| !["E01", "E02"].contains(l))
                .map(|(l, n, _)| {
                    let (a, b) = range_of(p, l, n);
                    serde_json::json!({"source": l, "start": a, "end": b, "node": node}).to_string()
                })
                .collect();
            let file = ws.join(format!("tmp-{i}.jsonl"));
            std::fs::write(&file, lines.join("\n")).unwrap();
            run_ok(
                ws,
                p,
                &["--coder", "ana", "code", "--jsonl", file.to_str().unwrap()],
            );
            if kind == 1 {
                Op {
                    name: "codebook merge",
                    args: s(&[
                        "codebook",
                        "merge",
                        &node,
                        "I - Parcours et exercice/I.C - Patientèle",
                    ]),
                }
            } else {
                Op {
                    name: "codebook delete --force",
                    args: s(&["codebook", "delete", &node, "--force"]),
                }
            }
        }
        3 => {
            let file = ws.join(format!("entretien-{i}.txt"));
            std::fs::write(
                &file,
                format!("Enquêteur : Question {i} ?\nPersonne : Réponse « {i} », l’air de rien.\n")
                    .repeat(40),
            )
            .unwrap();
            Op {
                name: "import",
                args: s(&[
                    "import",
                    file.to_str().unwrap(),
                    "--label",
                    &format!("I{i}"),
                ]),
            }
        }
        4 => {
            let new = format!("E02-r{i}");
            let op = Op {
                name: "sources rename",
                args: s(&["sources", "rename", renamed, &new]),
            };
            *renamed = new;
            op
        }
        6 => {
            // Survey answers: a source per respondent, their attributes as cases.
            let file = ws.join(format!("enquete-{i}.csv"));
            std::fs::write(
                &file,
                format!(
                    "id;Âge;Réponse\nR1;34;Le temps « {i} » manque, l’équipe aussi.\n\
                     R2;51;Rien à ajouter, franchement.\nR3;28;On s’organise comme on peut.\n"
                ),
            )
            .unwrap();
            Op {
                name: "import-table",
                args: s(&[
                    "import-table",
                    file.to_str().unwrap(),
                    "--text",
                    "Réponse",
                    "--id",
                    "id",
                    "--prefix",
                    &format!("T{i}-"),
                ]),
            }
        }
        7 => {
            // A coded source, then deleted with its codings.
            let file = ws.join(format!("a-supprimer-{i}.txt"));
            std::fs::write(
                &file,
                format!("Enquêteur : Et ensuite {i} ?\nPersonne : On a fermé le cabinet.\n")
                    .repeat(10),
            )
            .unwrap();
            let label = format!("D{i}");
            run_ok(
                ws,
                p,
                &["import", file.to_str().unwrap(), "--label", &label],
            );
            for (a, b) in [("3", "20"), ("40", "70")] {
                run_ok(
                    ws,
                    p,
                    &[
                        "--coder",
                        "ana",
                        "code",
                        &label,
                        a,
                        b,
                        "I - Parcours et exercice/I.C - Patientèle",
                    ],
                );
            }
            Op {
                name: "sources delete",
                args: s(&["sources", "delete", &label, "--yes"]),
            }
        }
        _ => {
            // A hand edit of a coded transcript; the next writer re-anchors.
            let f = common::source_file(p, "E03");
            let text = std::fs::read_to_string(&f).unwrap();
            std::fs::write(&f, format!("Ligne {i} ajoutée à la main.\n{text}")).unwrap();
            Op {
                name: "re-anchoring",
                args: s(&["codebook", "add", &format!("Après édition {i}")]),
            }
        }
    }
}

#[test]
fn writers_killed_at_random_moments_leave_every_operation_whole_or_absent() {
    let kills: usize = std::env::var("VERBATIM_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let seed: u64 = std::env::var("VERBATIM_KILL_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("kill test: {kills} kills, VERBATIM_KILL_SEED={seed}");
    let mut rng = Rng(seed);
    let ws = Workspace::new();
    let p = ws.coded_sample();
    let lines = common::annex_code_lines(&p);
    ws.code_lines("ana", &lines);
    let mut renamed = "E02".to_owned();
    let (mut whole, mut absent) = (0, 0);
    let (mut forward, mut back, mut cleaned) = (0, 0, 0);
    for i in 0..kills {
        let kind = i % 8;
        let op = prepare(ws.path(), &p, i, kind, &mut renamed);
        let mut reference_label = renamed.clone();
        // The reference: the same operation, not killed, on a copy.
        let copy = ws.path().join(format!("copy-{i}"));
        copy_dir(&p, &copy);
        let before = summary(&p);
        let args: Vec<&str> = op.args.iter().map(String::as_str).collect();
        let started = std::time::Instant::now();
        run_ok(ws.path(), &copy, &args);
        let took = started.elapsed().as_micros() as u64;
        let after = summary(&copy);
        std::fs::remove_dir_all(&copy).unwrap();
        // After a hand edit, re-anchoring is its own operation, saved when a writer opens: the
        // state with it done and the operation not is whole too.
        let reanchored = (op.name == "re-anchoring").then(|| {
            copy_dir(&p, &copy);
            drop(verbatim::session::Session::open_writer(&copy).unwrap());
            let s = summary(&copy);
            std::fs::remove_dir_all(&copy).unwrap();
            s
        });
        // The killed run.
        // Somewhere in the time the same operation took, process start included.
        let delay = rng.below(took + 1);
        let mut child = verbatim(ws.path(), &p, &args).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill();
        let status = child.wait().unwrap();
        // The project opens (a writer finishes or undoes what was interrupted) …
        {
            let _lock = verbatim::store::ProjectLock::acquire(&p).unwrap();
            let r = verbatim::store::recover(&p).unwrap();
            forward += usize::from(r.rolled_forward);
            back += usize::from(r.rolled_back);
            cleaned += r.cleaned;
        }
        assert!(
            leftovers(&p).is_empty(),
            "kill {i} ({}): {:?}",
            op.name,
            leftovers(&p)
        );
        let now = summary(&p);
        // … and the operation is wholly there or wholly absent.
        if now == after {
            whole += 1;
        } else if now == before || reanchored.as_ref() == Some(&now) {
            absent += 1;
            if op.name == "sources rename" {
                // Not renamed: the next rename starts from the old label.
                reference_label = before["sources"]
                    .iter()
                    .find(|s| s.starts_with("E02"))
                    .map(|s| s.split(' ').next().unwrap().to_owned())
                    .unwrap();
            }
        } else {
            let diff: Vec<String> = now
                .iter()
                .filter(|(k, v)| after.get(*k) != Some(v) && before.get(*k) != Some(v))
                .map(|(k, v)| {
                    format!(
                        "{k}: now {v:?}\n  before {:?}\n  after {:?}",
                        before[k], after[k]
                    )
                })
                .collect();
            panic!(
                "kill {i} ({}, after {delay} µs, {status}): neither before nor after:\n{}",
                op.name,
                diff.join("\n")
            );
        }
        renamed = reference_label;
        // The project opens as a writer (which also saves any re-anchoring left to do).
        drop(verbatim::session::Session::open_writer(&p).unwrap());
        let out = verbatim(ws.path(), &p, &["check"])
            .stdout(Stdio::piped())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "kill {i} ({}): check is not clean:\n{}",
            op.name,
            String::from_utf8_lossy(&out.stdout)
        );
    }
    println!(
        "kill test: {kills} kills: {whole} operations whole, {absent} absent, 0 torn; \
         {forward} transactions rolled forward and {back} back at the next open, {cleaned} \
         leftover files removed"
    );
    assert_eq!(whole + absent, kills);
}
