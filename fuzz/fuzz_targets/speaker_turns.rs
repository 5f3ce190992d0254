//! The speaker-turn parser: units in order, on character boundaries.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let names = ["Enquêteur".to_owned(), "Mme B".to_owned()];
    let units = verbatim::text::turns::split_units(&text, &names);
    let mut last = 0;
    for u in &units {
        assert!(u.start >= last && u.end <= text.len());
        assert!(text.is_char_boundary(u.end));
        last = u.end;
    }
});
