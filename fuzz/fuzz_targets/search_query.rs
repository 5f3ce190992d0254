//! The search query parser, in both languages.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim::model::Language;

fuzz_target!(|data: &[u8]| {
    let q = String::from_utf8_lossy(data);
    let _ = verbatim::index::query::parse(&q, Language::Fr);
    let _ = verbatim::index::query::parse(&q, Language::En);
});
