//! `.qdpx` archives and their `project.qde`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("f.qdpx");
    if let Ok(a) = verbatim::refi::archive::QdpxArchive::from_bytes(path, data)
        && let Ok(root) = verbatim::refi::dom::parse(&a.qde)
    {
        let _ = verbatim::refi::qde_read::read(&root);
    }
    if let Ok(root) = verbatim::refi::dom::parse(&String::from_utf8_lossy(data)) {
        let _ = verbatim::refi::qde_read::read(&root);
    }
});
