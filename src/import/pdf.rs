//! PDF transcripts: the text layer of each page (pdf-extract, pure Rust, offline), pages joined
//! by a blank line so that a page break is a paragraph break. A PDF with no text at all (a scan)
//! and one that needs a password to open are refused, each with that reason.
//!
//! Invariants: a page that cannot be read refuses the whole file, naming the page (no page is
//! dropped silently); a panic inside the PDF library is caught and reported as a file it cannot
//! read, never brought down the import.

use pdf_extract::{Document, PlainTextOutput, output_doc_page};

const PASSWORD: &str = "is protected by a password, which verbatim does not ask for: open it, \
                        save or print it as a PDF without a password (or export .docx/.txt), \
                        then import that";

/// The text of a PDF file's pages.
pub fn to_text(bytes: &[u8]) -> Result<String, String> {
    std::panic::catch_unwind(|| extract(bytes)).unwrap_or_else(|_| {
        Err(
            "could not be read: the PDF is damaged or built in a way verbatim cannot read; \
             export the transcript again as PDF, .docx or .txt"
                .into(),
        )
    })
}

fn extract(bytes: &[u8]) -> Result<String, String> {
    let encrypted = bytes.windows(8).any(|w| w == b"/Encrypt");
    let mut doc = match Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(_) if encrypted => return Err(PASSWORD.into()),
        Err(e) => return Err(format!("could not be read as a PDF ({e})")),
    };
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PASSWORD.into());
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err("is a PDF with no pages".into());
    }
    let mut texts = Vec::with_capacity(pages.len());
    for &number in pages.keys() {
        let mut raw = String::new();
        let read = output_doc_page(&doc, &mut PlainTextOutput::new(&mut raw), number);
        match read {
            Ok(()) => texts.push(tidy(&raw)),
            Err(_) if encrypted => return Err(PASSWORD.into()),
            Err(e) => return Err(format!("page {number} could not be read ({e})")),
        }
    }
    if texts.iter().all(String::is_empty) {
        if encrypted {
            return Err(PASSWORD.into());
        }
        return Err(format!(
            "has no text to import: its {} page(s) hold only images (a scan?); run it through \
             text recognition (OCR) first, or import the transcript's .docx or .txt",
            texts.len()
        ));
    }
    Ok(texts
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n"))
}

/// One page's text: lines trimmed at the end, at most one blank line in a row, none around.
fn tidy(raw: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in raw.lines().map(str::trim_end) {
        if line.trim().is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(if line.trim().is_empty() { "" } else { line });
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/pdf")
                .join(name),
        )
        .unwrap()
    }

    #[test]
    fn pages_are_read_and_joined_by_a_blank_line() {
        let text = to_text(&fixture("entretien-e07.pdf")).unwrap();
        assert!(
            text.starts_with("Enquêtrice : Bonjour, merci d’avoir accepté."),
            "{text}"
        );
        assert!(text.contains("« en poste fixe »"), "{text}");
        assert!(
            text.contains("enfin presque.\n\nEnquêtrice : Et la coordination"),
            "{text}"
        );
        let en = to_text(&fixture("interview-en.pdf")).unwrap();
        assert!(
            en.contains("until ten.\n\nInterviewer: And the afternoons?"),
            "{en}"
        );
        assert!(en.ends_with("Interviewer: Thank you."), "{en}");
    }

    #[test]
    fn scans_and_password_protected_files_are_refused_with_the_reason() {
        let err = to_text(&fixture("scan-sans-texte.pdf")).unwrap_err();
        assert!(
            err.starts_with("has no text to import: its 2 page(s) hold only images"),
            "{err}"
        );
        let err = to_text(&fixture("mot-de-passe.pdf")).unwrap_err();
        assert!(err.starts_with("is protected by a password"), "{err}");
        // Only permissions restricted: it opens without a password, so it is read.
        let text = to_text(&fixture("permissions-only.pdf")).unwrap();
        assert!(text.contains("Dana: Home visits, mostly."), "{text}");
    }

    #[test]
    fn damaged_files_are_refused() {
        let err = to_text(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n").unwrap_err();
        assert!(err.contains("PDF"), "{err}");
        let mut cut = fixture("interview-en.pdf");
        cut.truncate(cut.len() / 2);
        assert!(to_text(&cut).is_err());
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// A real PDF with bytes changed or cut: text or a clean refusal, never a panic.
        #[test]
        fn damaged_pdfs_never_panic(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), cut in any::<prop::sample::Index>()) {
            let mut bytes = std::fs::read(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/interview-en.pdf"),
            )
            .unwrap();
            for (at, b) in flips {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
            bytes.truncate(cut.index(bytes.len()) + 1);
            if let Ok(text) = to_text(&bytes) {
                prop_assert!(!text.trim().is_empty());
            }
        }
    }
}
