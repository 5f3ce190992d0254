//! Cases CSV files (`cases import`, `cases.csv`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("cases.csv");
    let _ = verbatim::cases::parse_for_import(path, data);
    let _ = verbatim::cases::CaseTable::parse(path, data);
});
