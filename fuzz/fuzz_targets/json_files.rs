//! Our JSON files (codebook, templates) read back from disk.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = verbatim::codebook::Codebook::from_template(
        std::path::Path::new("t.json"),
        data,
        uuid::Uuid::nil(),
    );
    let dir = std::env::temp_dir().join(format!("verbatim-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("codebook.json");
    if std::fs::write(&file, data).is_ok() {
        let _ = verbatim::codebook::Codebook::read(&file);
    }
});
