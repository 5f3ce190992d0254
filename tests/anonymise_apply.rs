//! `verbatim anonymise apply` on the sample: every coding keeps its node and its words, names
//! inside, at the start or at the end of a coding included; a second run changes nothing;
//! `anonymise check` finds nothing left; the .qdpx export is pseudonymised at export time.

mod common;

use common::Workspace;
use predicates::str::contains;
use std::collections::BTreeMap;
use std::path::Path;
use verbatim::anonymise::{Category, Entry, Key};
use verbatim::ids::{CodingId, SourceId};
use verbatim::session::Session;
use verbatim::text::CharRange;

const NAMES: [(&str, &str); 5] = [
    ("Montclar", "Ville-Alpha"),
    ("Saint-Aubin", "SA"),
    ("Sandrine", "Claire"),
    ("Garnier", "Gé"),
    ("Nantes", "Ville-Beta"),
];

fn key() -> Key {
    let mut k = Key::default();
    for (o, p) in NAMES {
        k.add(Entry {
            original: o.into(),
            pseudonym: p.into(),
            category: Category::Place,
            whole_word: true,
        })
        .unwrap();
    }
    k
}

/// Code points of a byte offset.
fn cp(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Codes, around every name of the key: a passage holding it, one starting on it, one ending on
/// it (each widened to whole words), with three nodes; and a node named after a place.
fn code_around_names(p: &Path) -> usize {
    let mut s = Session::open_writer(p).unwrap();
    let holds = s.add_node("Lieux/Autour de Montclar").unwrap();
    let starts = s.add_node("Débuts").unwrap();
    let ends = s.add_node("Fins").unwrap();
    let matcher = key().matcher();
    let ids: Vec<SourceId> = s.project().manifest.sources.iter().map(|m| m.id).collect();
    let mut n = 0;
    for id in ids {
        let text = s.text(id).unwrap().text.clone();
        let chars: Vec<char> = text.chars().collect();
        let left = |mut i: usize| {
            while i > 0 && !chars[i - 1].is_whitespace() {
                i -= 1;
            }
            i
        };
        let right = |mut i: usize| {
            while i < chars.len() && !chars[i].is_whitespace() {
                i += 1;
            }
            i
        };
        for hit in matcher.find(&text) {
            let (a, b) = (cp(&text, hit.start), cp(&text, hit.end));
            for (node, start, end) in [
                (holds, left(a.saturating_sub(12)), right(b + 12)),
                (starts, a, right((b + 20).min(chars.len()))),
                (ends, left(a.saturating_sub(20)), b),
            ] {
                s.code("tester", id, CharRange::new(start, end), node)
                    .unwrap();
                n += 1;
            }
        }
    }
    n
}

fn codings(p: &Path) -> BTreeMap<CodingId, (verbatim::NodeId, String)> {
    let s = Session::open(p).unwrap();
    s.codings()
        .all()
        .map(|(_, _, c)| (c.id, (c.node, c.quote.clone())))
        .collect()
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().display().to_string();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn in_place_pseudonymisation_keeps_every_coding_on_the_same_words() {
    let ws = Workspace::new();
    let p = ws.sample_project();
    let coded = code_around_names(&p);
    assert!(coded > 60, "the sample names too few places: {coded}");
    let before = codings(&p);
    let key_file = ws.path().join("key.csv");
    std::fs::write(&key_file, key().to_csv()).unwrap();
    let anon = |args: &[&str]| {
        let mut c = ws.cmd();
        c.arg("--project")
            .arg(&p)
            .arg("anonymise")
            .arg("--key")
            .arg(&key_file)
            .args(args);
        c
    };
    // Without --yes: a preview, nothing written.
    let untouched = files(&p);
    anon(&["apply"])
        .assert()
        .success()
        .stdout(contains("name(s) replaced"))
        .stderr(contains("nothing was changed"));
    assert_eq!(untouched, files(&p));
    anon(&["check"])
        .assert()
        .code(1)
        .stdout(contains("sources/"))
        .stderr(contains("name(s) of the key found"));

    anon(&["apply", "--yes"])
        .assert()
        .success()
        .stderr(contains("backup of the project"))
        .stderr(contains("git history"));
    let after = codings(&p);
    let matcher = key().matcher();
    assert_eq!(before.len(), after.len(), "no coding lost or added");
    let mut with_names = 0;
    for (id, (node, quote)) in &before {
        let (new_node, new_quote) = &after[id];
        assert_eq!(node, new_node, "coding {id} changed node");
        assert_eq!(
            &matcher.apply(quote),
            new_quote,
            "coding {id} moved off its words"
        );
        with_names += usize::from(matcher.contains_any(quote));
    }
    assert!(with_names > 60);
    // Every stored quote is the text of its range; nothing is orphaned.
    let s = Session::open(&p).unwrap();
    assert!(s.report().orphaned.is_empty());
    for (_, source, c) in s.codings().all() {
        let text = s.text(source).unwrap();
        assert_eq!(text.slice(c.start, c.end), c.quote);
    }
    let lieux = s.codebook().resolve("Lieux/Autour de Ville-Alpha");
    assert!(lieux.is_ok(), "node names are pseudonymised too");
    drop(s);
    anon(&["check"])
        .assert()
        .success()
        .stderr(contains("no name of the key"));
    // A second run changes nothing.
    let once = files(&p);
    anon(&["apply", "--yes"])
        .assert()
        .success()
        .stdout(contains("nothing to replace"));
    let mut twice = files(&p);
    let mut once = once;
    // The journal only gains nothing; the state cache may be rewritten with new times.
    once.remove(".verbatim/state.json");
    twice.remove(".verbatim/state.json");
    assert_eq!(once, twice);
    let backups = ws.path().join("home/data/backups");
    assert!(backups.is_dir(), "a backup outside the project");
}

#[test]
fn the_qdpx_export_is_pseudonymised_at_export_time() {
    let ws = Workspace::new();
    let p = ws.sample_project();
    code_around_names(&p);
    for (o, ps) in NAMES {
        ws.cmd()
            .arg("--project")
            .arg(&p)
            .args(["anonymise", "key", "add", o, ps])
            .assert()
            .success();
    }
    let untouched = files(&p);
    let out = ws.path().join("projet.qdpx");
    ws.cmd()
        .arg("--project")
        .arg(&p)
        .args(["export", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(untouched, files(&p), "the project changed");
    let bytes = std::fs::read(&out).unwrap();
    assert!(verbatim::anonymise::scan_bytes(&key().matcher(), &bytes).is_empty());
    // The pseudonymised exchange file comes back in with every coding on its words.
    let back = ws.path().join("back");
    ws.cmd()
        .args(["import-qdpx"])
        .arg(&out)
        .arg(&back)
        .assert()
        .success();
    let s = Session::open(&back).unwrap();
    assert!(s.codings().count() > 0);
    for (_, source, c) in s.codings().all() {
        assert_eq!(s.text(source).unwrap().slice(c.start, c.end), c.quote);
        assert!(!key().matcher().contains_any(&c.quote));
    }
}
