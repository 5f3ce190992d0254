//! Every transcript importer (chosen by the first byte): a clean error or a valid import.
#![no_main]
use libfuzzer_sys::fuzz_target;

const FORMATS: &[&str] = &["txt", "md", "srt", "vtt", "docx", "odt", "rtf", "html", "json", "pdf"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let ext = FORMATS[usize::from(pick) % FORMATS.len()];
    let _ = verbatim::import::prepare_bytes(&format!("fuzz.{ext}"), bytes);
});
