//! Writes a generated corpus for scale runs:
//! `cargo bench --bench gen_corpus -- --out DIR [--n 1000] [--words 8000] [--seed 7]`.
//! Run by `cargo bench` without `--out`, it does nothing.

mod support;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let Some(out) = value("--out") else { return };
    let n = value("--n").and_then(|v| v.parse().ok()).unwrap_or(1000);
    let words = value("--words")
        .and_then(|v| v.parse().ok())
        .unwrap_or(8000);
    let seed = value("--seed").and_then(|v| v.parse().ok()).unwrap_or(7);
    let bytes = support::corpus_gen::write_corpus(std::path::Path::new(&out), seed, n, words);
    eprintln!(
        "wrote {n} transcripts, {:.1} MB, to {out}",
        bytes as f64 / 1e6
    );
}
