//! Property tests of every importer and of speaker detection: any bytes give a clean error or a
//! valid import, never a panic; the units of an import are in order, never overlap and sit on
//! character boundaries. (Registered for the reliability issue's fuzzing: add a line per new
//! importer to `FORMATS`.)

use super::*;
use crate::text::turns::{detect, split_units_as};
use proptest::prelude::*;

/// Every file name extension an importer answers to.
const FORMATS: &[&str] = &[
    "txt", "md", "srt", "vtt", "docx", "odt", "rtf", "html", "json", "pdf",
];

fn check_units(p: &Prepared) {
    let names: Vec<String> = p.speakers.iter().map(|s| s.name.clone()).collect();
    let units = split_units_as(&p.text, &names, &p.convention);
    let mut last = 0;
    for u in &units {
        assert!(u.start >= last && u.start <= u.body_start && u.body_start <= u.end);
        assert!(p.text.is_char_boundary(u.body_start) && p.text.is_char_boundary(u.end));
        last = u.end;
    }
}

/// Text shaped like transcripts (labels, colons, brackets, dashes, times), to reach deep paths.
fn transcript_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Enquêteur : ".to_owned()),
        Just("[00:01:02] ".to_owned()),
        Just("Emma  0:00\n".to_owned()),
        Just("[id1] ".to_owned()),
        Just("INT. ".to_owned()),
        Just("— ".to_owned()),
        Just("\r\n".to_owned()),
        Just("&#39;&amp;".to_owned()),
        Just("WEBVTT\n\n".to_owned()),
        Just("00:00:01.000 --> 00:00:02.000\n".to_owned()),
        Just("<v Anne>".to_owned()),
        "[a-zA-Zé’' :()\\[\\]0-9.?-]{0,20}",
    ];
    proptest::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), f in 0..FORMATS.len()) {
        if let Ok(p) = prepare_bytes(&format!("x.{}", FORMATS[f]), &bytes) {
            check_units(&p);
        }
    }

    #[test]
    fn transcript_like_text_never_panics(text in transcript_like(), f in 0..4usize) {
        if let Ok(p) = prepare_bytes(&format!("x.{}", FORMATS[f]), text.as_bytes()) {
            check_units(&p);
        }
        let d = detect(&text);
        let units = split_units_as(&text, &d.names(), &d.convention);
        prop_assert!(units.windows(2).all(|w| w[0].end < w[1].start));
    }

    #[test]
    fn any_speaker_pattern_is_refused_or_used(pattern in "[a-z:()\\[\\]^.*+?\\\\ ]{0,12}", text in transcript_like()) {
        if let Ok(d) = crate::text::turns::detect_with_pattern(&text, &pattern) {
            let units = split_units_as(&text, &d.names(), &d.convention);
            prop_assert!(units.windows(2).all(|w| w[0].end < w[1].start));
        }
    }
}
