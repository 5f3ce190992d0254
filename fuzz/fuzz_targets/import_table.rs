//! `import-table` on any bytes as CSV, .xlsx or .ods (chosen by the first byte), by respondent
//! or by column: a clean error or a plan, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim::import::table::{TableOptions, plan};

const KINDS: &[&str] = &["csv", "xlsx", "ods", "tsv"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let path = format!("fuzz.{}", KINDS[usize::from(pick) % KINDS.len()]);
    let opts = TableOptions {
        id: (pick & 0x10 != 0).then(|| "id".to_owned()),
        text: vec!["2".to_owned()],
        by_column: pick & 0x20 != 0,
        ..Default::default()
    };
    let _ = plan(std::path::Path::new(&path), bytes, &opts);
});
