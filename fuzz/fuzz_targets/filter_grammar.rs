//! The filter grammar shared by CLI flags, the TUI `f` prompt and saved queries: an error or terms.
#![no_main]
use libfuzzer_sys::fuzz_target;
use verbatim::query::FilterExpr;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let known = ["Profession".to_string(), "Lieu d'exercice".to_string()];
    if let Ok(expr) = FilterExpr::parse(&text, &known) {
        // Every term keeps a value that came from the input text.
        for term in &expr.terms {
            assert!(term.value.len() <= text.len());
        }
    }
    let _ = FilterExpr::parse(&text, &[]);
});
