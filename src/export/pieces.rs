//! A text laid out in pieces: the Markdown and HTML writers, and the DOCX and ODT body parts,
//! hand their output on a piece at a time (whole sections, about [`PIECE`] bytes), so the leak
//! check scans each piece on another core while the next one is written, instead of scanning
//! the whole text after.
//!
//! Invariants: the pieces put together, in order, are the bytes the writer makes at once; each
//! piece ends at a line end; the leaks found are those of the whole text, placed on its lines.

use crate::anonymise::Matcher;
use crate::anonymise::leaks::{Leak, Stream};

/// Bytes of output handed on at once, about.
pub(super) const PIECE: usize = 1 << 18;

/// Hands `out` on to `put` when it holds `size` bytes or more (call it where a line ends),
/// leaving it empty with room for a piece.
pub(super) fn hand_on(out: &mut String, size: usize, put: &mut dyn FnMut(String)) {
    if out.len() >= size {
        let piece = std::mem::replace(out, String::with_capacity(size + size / 4));
        put(piece);
    }
}

/// The whole output of a writer that hands its pieces to `put`, as one text.
pub(super) fn at_once(write: impl FnOnce(&mut dyn FnMut(String))) -> Vec<u8> {
    let mut whole = String::new();
    write(&mut |piece| {
        if whole.is_empty() {
            whole = piece;
        } else {
            whole.push_str(&piece);
        }
    });
    whole.into_bytes()
}

/// Lays a text out with `write` on this thread while another thread scans each piece for the
/// key's originals as it comes and puts the bytes together (room made for `size` bytes, about):
/// the bytes and the leaks (placed in zip entry `entry`, when the text is one).
pub(super) fn scanned_while_written(
    key: &Matcher,
    entry: Option<&str>,
    size: usize,
    write: impl FnOnce(&mut dyn FnMut(String)),
) -> (Vec<u8>, Vec<Leak>) {
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let scanner = scope.spawn(move || {
            let mut stream = Stream::new(key, entry);
            let mut bytes = Vec::with_capacity(size);
            for piece in rx {
                stream.push(&piece);
                bytes.extend_from_slice(piece.as_bytes());
            }
            (bytes, stream.leaks())
        });
        write(&mut |piece| {
            // The scanner only stops when every sender is gone.
            let _ = tx.send(piece);
        });
        drop(tx);
        scanner
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymise::{Category, Entry};

    fn writer(put: &mut dyn FnMut(String)) {
        let mut out = String::new();
        for i in 0..2000 {
            out.push_str(&format!("ligne {i}\n"));
            if i == 1500 {
                out.push_str("à Orléans\n");
            }
            hand_on(&mut out, 1000, put);
        }
        put(out);
    }

    #[test]
    fn pieces_put_together_are_the_whole_text_and_its_leaks() {
        let m = Matcher::from_entries(vec![Entry {
            original: "Orléans".into(),
            pseudonym: "Ville-A".into(),
            category: Category::Place,
            whole_word: true,
        }]);
        let whole = at_once(writer);
        let mut pieces = 0;
        writer(&mut |p| {
            assert!(p.is_empty() || p.ends_with('\n'));
            pieces += 1;
        });
        assert!(pieces > 10);
        let (bytes, leaks) = scanned_while_written(&m, None, 0, writer);
        assert_eq!(bytes, whole);
        assert_eq!(leaks.len(), 1);
        assert_eq!(leaks[0].place, "line 1502");
        let (_, leaks) = scanned_while_written(&m, Some("content.xml"), 0, writer);
        assert_eq!(leaks[0].place, "content.xml, line 1502");
    }
}
