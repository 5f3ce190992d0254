//! Every transcript importer (chosen by the first byte): a clean error or a valid import.
//!
//! The PDF reader catches panics inside the PDF library and turns them into an error (see
//! `import::pdf`), so the fuzzer's abort-on-any-panic hook is replaced by a silent one: a panic
//! that escapes an importer still aborts the run (libfuzzer-sys aborts when the target unwinds)
//! and is saved as a crash; replaying it (`cargo fuzz run import_bytes FILE`) or adding it to
//! `tests/hostile_bytes.rs` shows the message.
#![no_main]
use libfuzzer_sys::fuzz_target;

const FORMATS: &[&str] = &["txt", "md", "srt", "vtt", "docx", "odt", "rtf", "html", "json", "pdf"];

static QUIET_HOOK: std::sync::Once = std::sync::Once::new();

fuzz_target!(|data: &[u8]| {
    QUIET_HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|_| {}));
    });
    let Some((&pick, bytes)) = data.split_first() else { return };
    let ext = FORMATS[usize::from(pick) % FORMATS.len()];
    let _ = verbatim::import::prepare_bytes(&format!("fuzz.{ext}"), bytes);
});
