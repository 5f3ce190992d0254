//! Hostile input, in the normal suite: random bytes and randomly damaged real files fed to every
//! reader that takes outside input — `.qdc`, `.qdpx` archives and their `project.qde`, cases
//! CSV, codebook templates, project JSON files, the search query parser. Each gives a clean error or a valid result, never a panic. (The transcript importers
//! have their own random-bytes properties in `src/import/proptests.rs`; the same entry points
//! are the cargo-fuzz targets of `fuzz/`.)

use proptest::prelude::*;
use std::path::Path;
use verbatim::model::Language;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/refi")
            .join(name),
    )
    .unwrap()
}

/// `bytes` with `flips` bytes changed at positions drawn from `seed`.
fn damaged(mut bytes: Vec<u8>, seed: u64, flips: usize) -> Vec<u8> {
    let mut x = seed | 1;
    for _ in 0..flips {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let at = (x % bytes.len() as u64) as usize;
        bytes[at] = (x >> 32) as u8;
    }
    bytes
}

fn qdpx(bytes: &[u8]) {
    if let Ok(archive) =
        verbatim::refi::archive::QdpxArchive::from_bytes(Path::new("x.qdpx"), bytes)
        && let Ok(root) = verbatim::refi::dom::parse(&archive.qde)
    {
        let _ = verbatim::refi::qde_read::read(&root);
    }
}

fn qdc(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok((book, _)) = verbatim::refi::qdc::read(Path::new("x.qdc"), &text) {
        book.check_limits()
            .expect("a codebook read is within the limits");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_bytes_never_panic_a_reader(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        qdc(&bytes);
        qdpx(&bytes);
        let _ = verbatim::cases::parse_for_import(Path::new("cases.csv"), &bytes);
        let _ = verbatim::codebook::Codebook::from_template(Path::new("t.json"), &bytes, uuid::Uuid::nil());
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("codebook.json");
        std::fs::write(&file, &bytes).unwrap();
        let _ = verbatim::codebook::Codebook::read(&file);
        let text = String::from_utf8_lossy(&bytes);
        let _ = verbatim::index::query::parse(&text, Language::Fr);
        let _ = verbatim::index::query::parse(&text, Language::En);
    }

    #[test]
    fn damaged_real_files_never_panic_a_reader(seed in any::<u64>(), flips in 1usize..12) {
        qdc(&damaged(fixture("minimal.qdc"), seed, flips));
        qdpx(&damaged(fixture("minimal.qdpx"), seed, flips));
        let qde = damaged(fixture("project-extended.qde"), seed, flips);
        if let Ok(root) = verbatim::refi::dom::parse(&String::from_utf8_lossy(&qde)) {
            let _ = verbatim::refi::qde_read::read(&root);
        }
    }

    #[test]
    fn query_like_text_never_panics_the_parser(q in "[a-zéè\\\"()*~^:+\\- ]{0,40}") {
        let _ = verbatim::index::query::parse(&q, Language::Fr);
    }
}

#[test]
fn deep_or_wide_json_and_xml_are_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("codebook.json");
    let deep = format!(
        "{{\"format\":1,\"nodes\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    std::fs::write(&file, deep).unwrap();
    let err = verbatim::codebook::Codebook::read(&file)
        .unwrap_err()
        .to_string();
    assert!(err.contains("levels deep"), "{err}");
    let xml = format!(
        "<CodeBook>{}{}</CodeBook>",
        "<a>".repeat(100_000),
        "</a>".repeat(100_000)
    );
    let err = verbatim::refi::qdc::read(Path::new("x.qdc"), &xml)
        .unwrap_err()
        .to_string();
    assert!(err.contains("deeper than"), "{err}");
}

#[test]
fn a_dash_turn_before_the_first_named_turn_is_no_panic() {
    // Found by `import::proptests`: the speaker detection sliced lines[first..first_dash] with
    // the first dash line before the first `Name :` line.
    let text = "- Bonjour.\nEnquêteur : Vous êtes kiné ?\n- Oui.\n- Depuis dix ans.\n";
    let prepared = verbatim::import::prepare_bytes("dialogue.txt", text.as_bytes()).unwrap();
    assert!(prepared.text.contains("Depuis dix ans."));
}

/// Found by the `import_bytes` fuzz target: speaker detection on this text overflowed
/// (`1 - last` in the dialogue-dash branch). A clean import or a clean error, never a panic.
#[test]
fn fuzz_crash_dialogue_dash_with_a_third_speaker_does_not_panic() {
    let bytes: &[u8] = b"\x40\x46\x53\x7e\x0a\x54\x76\x3a\x0a\xd9\x0d\x0d\x0d\xc0\x68\x54\x80\x0a\x0a\x97\x09\xf4\xf4\x74\
        \x3a\x0a\x64\x3a\x74\x3a\x32\x0a\x54\x54\x76\xf4\xf4\x09\x09\x0a\x97\x09\xf7\xd7\x5f\xc5\x0a\x09\
        \x0a\x74\xf4\xf4\xf4\x74\x3a\x0a\x45\x53\x3a\x0a\xd9\x0d\x0d\x0d\xc0\x68\x54\xff\xff\xff\xff\xff\
        \x3a\x74\x3a\x0a\x54\x3a\x0a\x45\x3a\x6d\x80\x0a\x0a\x97\x09\x0a\x54\x3a\x74\x3a\x0a\x54\xf4\xf4\
        \xf4\x74\x3a\x0a\x45\x53\x3a\x0a\xd9\x0d\x0d\x0d\xc0\x68\x54\xff\xff\xff\xff\xff\x3a\x74\x3a\x0a\
        \x54\x3a\x0a\x45\x3a\x6d";
    for ext in ["md", "txt"] {
        let _ = verbatim::import::prepare_bytes(&format!("fuzz.{ext}"), &bytes[1..]);
    }
}
