//! The leak check: does an output (an export's bytes, a project file) still hold an original of
//! the key? Zip containers (DOCX, ODT, XLSX, QDPX) are opened and each text entry read; XML and
//! HTML are read as text with tags set apart and character references resolved, so a name hidden
//! as `Orl&#233;ans` or split from its elision by `&apos;` is still found.
//!
//! Invariants: matching is the key's own (case, accents, apostrophes, elisions, word
//! boundaries); every leak names where it is (the zip entry if any, and the line) with a short
//! excerpt; the scan never writes anything.

use super::matcher::Matcher;
use rayon::prelude::*;
use std::io::Read;

/// One original found in an output.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Leak {
    /// `line 12`, or `word/document.xml, line 2` inside a container.
    pub place: String,
    /// The key entry's original.
    pub original: String,
    /// A few characters around the name as found.
    pub excerpt: String,
}

impl std::fmt::Display for Leak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: '{}' in «{}»",
            self.place, self.original, self.excerpt
        )
    }
}

/// Most leaks listed in an error message; the rest are counted.
pub const SHOWN: usize = 10;

/// One sentence for a refused write: how many leaks, the first few, and what to do.
pub fn refusal(what: &str, leaks: &[Leak]) -> String {
    let shown: Vec<String> = leaks.iter().take(SHOWN).map(Leak::to_string).collect();
    let more = leaks.len().saturating_sub(SHOWN);
    let more = if more > 0 {
        format!("; and {more} more")
    } else {
        String::new()
    };
    format!(
        "{what} was not written: it still holds {} name(s) of the pseudonymisation key ({}{more}); add them to the key, or pass --allow-leaks",
        leaks.len(),
        shown.join("; ")
    )
}

/// The leak check before a file is written: refuses (naming `path`) when `bytes` hold an
/// original of the key.
pub fn refuse(matcher: &Matcher, bytes: &[u8], path: &std::path::Path) -> crate::Result<()> {
    refuse_found(&scan_bytes(matcher, bytes), path)
}

/// Refuses (naming `path`) when the leak check found `leaks`.
pub fn refuse_found(leaks: &[Leak], path: &std::path::Path) -> crate::Result<()> {
    if leaks.is_empty() {
        return Ok(());
    }
    Err(crate::Error::Invalid(refusal(
        &path.display().to_string(),
        leaks,
    )))
}

/// [`refuse`] for a zip archive's entries (name, bytes) before they are zipped: the same check,
/// without inflating the archive again.
pub fn refuse_entries<'a>(
    matcher: &Matcher,
    entries: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    path: &std::path::Path,
) -> crate::Result<()> {
    refuse_found(&scan_entries(matcher, entries), path)
}

/// The leaks of a zip archive's entries (name, bytes), in entry order.
pub fn scan_entries<'a>(
    matcher: &Matcher,
    entries: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Vec<Leak> {
    let mut leaks = Vec::new();
    for (name, content) in entries {
        leaks.extend(scan_entry(matcher, name, content));
    }
    leaks
}

/// One zip entry: its text, when it is UTF-8 (images and the like are not read).
fn scan_entry(matcher: &Matcher, name: &str, content: &[u8]) -> Vec<Leak> {
    match crate::store::utf8(content) {
        Ok(text) if !matcher.is_empty() => scan_text(matcher, text, Some(name)),
        _ => Vec::new(),
    }
}

/// Scans bytes as an export writes them: a zip's text entries, else the bytes as text.
pub fn scan_bytes(matcher: &Matcher, bytes: &[u8]) -> Vec<Leak> {
    if matcher.is_empty() {
        return Vec::new();
    }
    if bytes.starts_with(b"PK\x03\x04")
        && let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes))
    {
        let mut leaks = Vec::new();
        for i in 0..zip.len() {
            let Ok(mut entry) = zip.by_index(i) else {
                continue;
            };
            let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
            let mut content = Vec::new();
            if entry.read_to_end(&mut content).is_err() {
                continue;
            }
            leaks.extend(scan_entry(matcher, &name, &content));
        }
        return leaks;
    }
    match crate::store::utf8(bytes) {
        Ok(text) => scan_text(matcher, text, None),
        Err(_) => scan_text(matcher, &String::from_utf8_lossy(bytes), None),
    }
}

/// Scans a text line by line; markup (`<…>`) counts as a space and character references are
/// resolved first.
///
/// One pass: the text is cut into runs of whole lines scanned in parallel (the leaks come back
/// in text order, each run counting its own lines). Plain text (no markup, no `&`) is searched
/// a block of lines at a time, folded and searched as it goes; a line with markup is made
/// readable, folded and searched for a candidate as it goes (no copy), and searched exactly
/// only when it holds one (most hold none).
pub fn scan_text(matcher: &Matcher, text: &str, entry: Option<&str>) -> Vec<Leak> {
    let looks_marked_up = looks_marked_up(text);
    let scanned: Vec<(Vec<Found>, usize)> = line_runs(text, RUN)
        .par_iter()
        .map(|run| {
            let found = scan_run(matcher, run, looks_marked_up);
            (found, lines_in(run))
        })
        .collect();
    let mut leaks = Vec::new();
    let mut first = 0;
    for (found, lines) in scanned {
        push_found(matcher, entry, first, found, &mut leaks);
        first += lines;
    }
    leaks
}

/// Whether a text holds markup (`<` and `>`): its lines are then read with tags set apart.
fn looks_marked_up(text: &str) -> bool {
    let has = |b: u8| memchr::memchr(b, text.as_bytes()).is_some();
    has(b'<') && has(b'>')
}

/// The leaks `found` in a text whose first line is line `first` (from 0), as [`Leak`]s.
fn push_found(
    matcher: &Matcher,
    entry: Option<&str>,
    first: usize,
    found: Vec<Found>,
    leaks: &mut Vec<Leak>,
) {
    leaks.extend(found.into_iter().map(|f| {
        let line = first + f.line + 1;
        Leak {
            place: match entry {
                Some(e) => format!("{e}, line {line}"),
                None => format!("line {line}"),
            },
            original: matcher.entries()[f.entry].original.clone(),
            excerpt: f.excerpt,
        }
    }));
}

/// The leak check of a text written piece by piece (each piece whole lines), each piece
/// scanned as it comes, on the calling thread (the writer goes on on its own): the leaks of
/// every piece in order, placed on their line of the whole text. A piece holding markup has
/// its lines read as [`scan_text`] reads a marked-up text.
pub struct Stream<'m> {
    matcher: &'m Matcher,
    /// The zip entry the text is, if any (named in each leak's place).
    entry: Option<&'m str>,
    lines: usize,
    leaks: Vec<Leak>,
}

impl<'m> Stream<'m> {
    pub fn new(matcher: &'m Matcher, entry: Option<&'m str>) -> Self {
        Self {
            matcher,
            entry,
            lines: 0,
            leaks: Vec::new(),
        }
    }

    /// Scans the next piece.
    pub fn push(&mut self, piece: &str) {
        let found = scan_run(self.matcher, piece, looks_marked_up(piece));
        push_found(self.matcher, self.entry, self.lines, found, &mut self.leaks);
        self.lines += lines_in(piece);
    }

    /// The leaks of every piece, in text order.
    pub fn leaks(self) -> Vec<Leak> {
        self.leaks
    }
}

/// Bytes of text in one run of lines scanned at once.
const RUN: usize = 1 << 18;

/// Bytes of plain text searched at once, about (whole lines; a longer line alone).
const BLOCK: usize = 4 << 10;

/// A leak in a run: its line, counted from the run's first (0), the entry and the excerpt.
struct Found {
    line: usize,
    entry: usize,
    excerpt: String,
}

/// `text` cut after a line end every `size` bytes or so.
fn line_runs(text: &str, size: usize) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = match text.as_bytes()[(start + size).min(text.len())..]
            .iter()
            .position(|&b| b == b'\n')
        {
            Some(p) => (start + size).min(text.len()) + p + 1,
            None => text.len(),
        };
        runs.push(&text[start..end]);
        start = end;
    }
    runs
}

/// The leaks of one run, by block of lines.
fn scan_run(matcher: &Matcher, run: &str, looks_marked_up: bool) -> Vec<Found> {
    let mut found = Vec::new();
    let mut line = 0;
    for block in line_runs(run, BLOCK) {
        if looks_marked_up || memchr::memchr(b'&', block.as_bytes()).is_some() {
            scan_lines(matcher, block, line, &mut found);
        } else {
            scan_plain(matcher, block, line, &mut found);
        }
        line += lines_in(block);
    }
    found
}

/// How many line ends `text` holds.
fn lines_in(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

/// A block of plain lines, searched at once (`first`: its first line's number in the run); a
/// name is placed on the line where it starts.
fn scan_plain(matcher: &Matcher, block: &str, first: usize, found: &mut Vec<Found>) {
    for hit in matcher.find(block) {
        let before = &block[..hit.start];
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        let end = block[hit.start..]
            .find('\n')
            .map_or(block.len(), |i| hit.start + i);
        let line = block[start..end].trim_end_matches('\r');
        found.push(Found {
            line: first + lines_in(before),
            entry: hit.entry,
            excerpt: around(
                line,
                hit.start - start,
                hit.end.min(start + line.len()) - start,
            ),
        });
    }
}

/// A block's lines one by one, made readable first (`first`: the block's first line's number in
/// the run).
fn scan_lines(matcher: &Matcher, block: &str, first: usize, found: &mut Vec<Found>) {
    let mut buffer = String::new();
    for (n, line) in block.lines().enumerate() {
        let markup = memchr::memchr2(b'<', b'&', line.as_bytes()).is_some();
        let may_occur = if markup {
            matcher.may_occur_in_pieces(|put| readable_pieces(line, put))
        } else {
            matcher.may_occur_in_pieces(|put| put(line))
        };
        if !may_occur {
            continue;
        }
        let readable: &str = if markup {
            readable_markup_into(line, &mut buffer);
            &buffer
        } else {
            line
        };
        for hit in matcher.find(readable) {
            found.push(Found {
                line: first + n,
                entry: hit.entry,
                excerpt: around(readable, hit.start, hit.end),
            });
        }
    }
}

/// Tags become spaces; `&amp;`-style and numeric references become their characters (into
/// `out`, cleared first).
fn readable_markup_into(line: &str, out: &mut String) {
    out.clear();
    readable_pieces(line, |piece| out.push_str(piece));
}

/// The readable text of a line, piece by piece.
fn readable_pieces(line: &str, mut put: impl FnMut(&str)) {
    let mut rest = line;
    let mut one = [0u8; 4];
    while !rest.is_empty() {
        // Text up to the next tag or reference, at once.
        let plain = memchr::memchr2(b'<', b'&', rest.as_bytes()).unwrap_or(rest.len());
        put(&rest[..plain]);
        rest = &rest[plain..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        if c == '<'
            && let Some(close) = memchr::memchr(b'>', rest.as_bytes())
        {
            put(" ");
            rest = &rest[close + 1..];
            continue;
        }
        if c == '&'
            && let Some(semi) = rest.bytes().take(12).position(|b| b == b';')
            && let Some(ch) = reference(&rest[1..semi])
        {
            put(ch.encode_utf8(&mut one));
            rest = &rest[semi + 1..];
            continue;
        }
        put(&rest[..c.len_utf8()]);
        rest = &rest[c.len_utf8()..];
    }
}

fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// About 30 characters either side of a byte range, on one line.
fn around(text: &str, start: usize, end: usize) -> String {
    let before: String = {
        let v: Vec<char> = text[..start].chars().rev().take(30).collect();
        v.into_iter().rev().collect()
    };
    let after: String = text[end..].chars().take(30).collect();
    format!(
        "{}{}{}",
        before.trim_start(),
        &text[start..end],
        after.trim_end()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymise::fold::{Folded, fold_onto};

    /// [`readable_markup_into`] and folding at once, without the readable copy:
    /// `fold(readable_markup(line))`, as the pre-check folds it.
    fn fold_readable_into(line: &str, out: &mut Folded) {
        out.clear();
        readable_pieces(line, |piece| fold_onto(piece, out));
    }
    use crate::anonymise::{Category, Entry, Key};

    fn matcher() -> Matcher {
        let mut k = Key::default();
        k.add(Entry {
            original: "Orléans".into(),
            pseudonym: "Ville-A".into(),
            category: Category::Place,
            whole_word: true,
        })
        .unwrap();
        k.matcher()
    }

    #[test]
    fn finds_names_in_other_case_accents_elisions_and_xml_references() {
        let m = matcher();
        let leaks = scan_bytes(&m, "ok\nvenue d’ORLEANS hier\n".as_bytes());
        assert_eq!(leaks.len(), 1);
        assert_eq!(leaks[0].place, "line 2");
        assert_eq!(leaks[0].original, "Orléans");
        assert_eq!(leaks[0].excerpt, "venue d’ORLEANS hier");
        let xml = "<w:t>venue d&apos;Orl&#233;ans</w:t><w:t>orleans</w:t>";
        assert_eq!(scan_text(&m, xml, Some("word/document.xml")).len(), 2);
        assert!(scan_bytes(&m, b"Orleansville et Orl").is_empty());
    }

    #[test]
    fn leaks_in_long_texts_are_placed_on_their_line_in_order() {
        let m = matcher();
        let mut text = String::new();
        for i in 0..3000 {
            text.push_str(if i % 700 == 3 {
                "à orléans\r\n"
            } else {
                "rien ici, mais assez long pour plusieurs morceaux\n"
            });
        }
        let runs = line_runs(&text, 1000);
        assert!(runs.len() > 100);
        assert_eq!(runs.concat(), text);
        let places: Vec<String> = scan_text(&m, &text, None)
            .into_iter()
            .map(|l| l.place)
            .collect();
        assert_eq!(
            places,
            ["line 4", "line 704", "line 1404", "line 2104", "line 2804"]
        );
        assert!(line_runs("", 10).is_empty());
        assert_eq!(line_runs("a\nb", 1), ["a\n", "b"]);
    }

    #[test]
    fn plain_text_searched_by_blocks_finds_what_lines_find_and_names_cut_by_a_line_end() {
        let mut k = Key::default();
        for (o, p) in [("Orléans", "Ville-A"), ("Jean Dupont", "Personne B")] {
            k.add(Entry {
                original: o.into(),
                pseudonym: p.into(),
                category: Category::Place,
                whole_word: true,
            })
            .unwrap();
        }
        let m = k.matcher();
        // Names on both sides of every block boundary, lines of every length.
        let mut text = String::new();
        let mut expected = Vec::new();
        for i in 0..2000 {
            let filler = "é".repeat(i % 37);
            if i % 97 == 5 {
                text.push_str(&format!("{filler} à ORLÉANS{}\r\n", " x".repeat(i % 13)));
                expected.push(format!("line {}", i + 1));
            } else {
                text.push_str(&format!("{filler} orléansville Orl\n"));
            }
        }
        let found: Vec<String> = scan_text(&m, &text, None)
            .into_iter()
            .map(|l| l.place)
            .collect();
        assert_eq!(found, expected);
        // A line at a time, each as its own text, finds the same.
        let by_line: Vec<String> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| m.contains_any(l))
            .map(|(n, _)| format!("line {}", n + 1))
            .collect();
        assert_eq!(by_line, expected);
        // A name that a line end cuts is still read as one, placed where it starts.
        let leaks = scan_text(&m, "rien\nvu avec Jean\nDupont hier\n", None);
        assert_eq!(leaks.len(), 1);
        assert_eq!(leaks[0].place, "line 2");
        assert_eq!(leaks[0].original, "Jean Dupont");
        assert_eq!(leaks[0].excerpt, "vu avec Jean");
    }

    #[test]
    fn a_text_scanned_piece_by_piece_gives_the_leaks_of_the_whole() {
        let m = matcher();
        let mut text = String::from("<h1>Titre</h1>\n");
        for i in 0..500 {
            text.push_str(match i % 50 {
                7 => "venue d’ORLEANS hier\n",
                19 => "<p>à Orl&#233;ans</p>\n",
                _ => "rien ici, ni à Orleansville\n",
            });
        }
        let whole = scan_text(&m, &text, None);
        assert_eq!(whole.len(), 20);
        // Pieces of whole lines, as a writer hands them on; the first alone holds markup.
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        for size in [1, 3, 64] {
            let mut stream = Stream::new(&m, None);
            for piece in lines.chunks(size) {
                stream.push(&piece.concat());
            }
            assert_eq!(stream.leaks(), whole, "pieces of {size} lines");
        }
        let refused = refuse_found(&whole, std::path::Path::new("annexe.md"));
        assert!(refused.is_err_and(|e| e.to_string().contains("annexe.md")));
        assert!(refuse_found(&[], std::path::Path::new("annexe.md")).is_ok());
    }

    proptest::proptest! {
        #[test]
        fn folding_the_readable_text_at_once_is_folding_it_after(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "<w:t>", "</w:t>", "<", ">", "&amp;", "&apos;", "&#233;", "&#x2019;", "&nbsp;",
                "&bogus;", "&", ";", "Orl", "ÉANS", "d’", " ", "x", "e\u{301}",
            ]), 0..16)
        ) {
            let line: String = pieces.concat();
            let mut readable = String::new();
            readable_markup_into(&line, &mut readable);
            let mut folded = Folded::default();
            fold_readable_into(&line, &mut folded);
            proptest::prop_assert_eq!(
                String::from_utf8(folded.bytes).unwrap(),
                crate::anonymise::fold(&readable)
            );
        }
    }

    #[test]
    fn opens_zip_containers() {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut buf);
            let o = zip::write::SimpleFileOptions::default();
            z.start_file("content.xml", o).unwrap();
            std::io::Write::write_all(&mut z, b"<p>\xc3\x80 Orl\xc3\xa9ans</p>").unwrap();
            z.finish().unwrap();
        }
        let leaks = scan_bytes(&matcher(), buf.get_ref());
        assert_eq!(leaks.len(), 1);
        assert_eq!(leaks[0].place, "content.xml, line 1");
        let parts: [(&str, &[u8]); 1] = [("content.xml", "<p>\u{c0} Orl\u{e9}ans</p>".as_bytes())];
        let path = std::path::Path::new("annexe.odt");
        assert_eq!(
            refuse_entries(&matcher(), parts, path)
                .unwrap_err()
                .to_string(),
            refuse(&matcher(), buf.get_ref(), path)
                .unwrap_err()
                .to_string(),
            "the parts before zipping are checked as the archive is"
        );
        let msg = refusal("annexe.odt", &leaks);
        assert!(
            msg.starts_with("annexe.odt was not written: it still holds 1 name(s)"),
            "{msg}"
        );
        assert!(msg.ends_with("pass --allow-leaks"), "{msg}");
    }
}
