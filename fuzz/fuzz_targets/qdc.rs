//! `.qdc` codebooks: a clean error or a codebook within the limits.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok((book, _)) = verbatim::refi::qdc::read(std::path::Path::new("f.qdc"), &text) {
        assert!(book.check_limits().is_ok());
    }
});
