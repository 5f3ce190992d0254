//! The limits: one rule per limit, the same for every way in (the CLI, the TUI, `codebook
//! load/import`, `.qdc`, `.qdpx`). Each check returns the reason as one sentence for the caller to
//! put after the file or argument it names; names shown in a reason never carry a raw control
//! character (see [`shown`]).
//!
//! Invariants: what verbatim writes it can read back (a codebook is at most [`MAX_NODE_DEPTH`]
//! deep, far inside [`MAX_JSON_NESTING`]); reading refuses input nested deeper than it can walk
//! before building anything, so no input can exhaust the stack.

/// Deepest level of a node in the codebook (a root node is at level 1).
pub const MAX_NODE_DEPTH: usize = 32;

/// Longest node name, in characters.
pub const MAX_NODE_NAME_CHARS: usize = 200;

/// Deepest nesting of arrays and objects read from a project's JSON files (the JSON parser's own
/// bound). A codebook at [`MAX_NODE_DEPTH`] nests 2 × 32 + 2 deep, well inside it; deeper input
/// is refused with a sentence saying so before it is parsed.
pub const MAX_JSON_NESTING: usize = 127;

/// Deepest nesting of elements read from an XML file (`.qdc`, `.qdpx`).
pub const MAX_XML_DEPTH: usize = 256;

/// Largest memo, in bytes of UTF-8 (about 150,000 words: a memo is a note, not a chapter).
pub const MAX_MEMO_BYTES: usize = 1024 * 1024;

/// Longest transcript, in bytes of UTF-8 text once converted (a 45–60 min interview is about
/// 60 kB). A file is at most 50 MB on disk, but a compressed `.docx` or `.odt` can hold more text.
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// The transcript-length rule, on the text an import converted.
pub fn check_text_length(bytes: usize) -> Result<(), String> {
    if bytes > MAX_TEXT_BYTES {
        return Err(format!(
            "holds {} MB of text once converted, over the {} MB one transcript may hold; split \
             it into several files",
            bytes / (1024 * 1024),
            MAX_TEXT_BYTES / (1024 * 1024)
        ));
    }
    Ok(())
}

/// Most sources a project holds (a survey imported one answer per source stays far inside it).
pub const MAX_SOURCES: usize = 100_000;

/// Most nodes a codebook holds, at every level together.
pub const MAX_NODES: usize = 100_000;

/// Most codings a project holds, every coder and source together (about 1 GB in memory).
pub const MAX_CODINGS: usize = 2_000_000;

/// What a count limit counts, for its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    Sources,
    Nodes,
    Codings,
}

impl Counted {
    /// The limit and the plural noun of what is counted.
    fn rule(self) -> (usize, &'static str) {
        match self {
            Self::Sources => (MAX_SOURCES, "sources"),
            Self::Nodes => (MAX_NODES, "nodes in its codebook"),
            Self::Codings => (MAX_CODINGS, "codings"),
        }
    }
}

/// The count rule: a change that would leave `after` of something over its limit is refused.
/// A project already over a limit (made by hand or by another tool) still opens and shrinks;
/// only growing past the limit is refused, so `before` is compared too.
pub fn check_count(what: Counted, before: usize, after: usize) -> Result<(), String> {
    let (max, noun) = what.rule();
    if after > max && after > before {
        return Err(format!(
            "a project holds at most {} {noun}; this would make {}",
            thousands(max),
            thousands(after)
        ));
    }
    Ok(())
}

/// `100000` as `100,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A memo's rule: not empty, at most [`MAX_MEMO_BYTES`]. Its text is stored normalised like a
/// transcript's (LF line ends, NFC, no control character but tab and newline).
pub fn check_memo_text(text: &str) -> Result<(), String> {
    if text.trim().is_empty() {
        return Err("the memo is empty".into());
    }
    if text.len() > MAX_MEMO_BYTES {
        return Err(format!(
            "the memo is {} kB, over the {} kB a memo may hold; keep long writing in a document \
             and link it from a shorter memo",
            text.len() / 1024,
            MAX_MEMO_BYTES / 1024
        ));
    }
    Ok(())
}

/// A node name's rule: 1 to [`MAX_NODE_NAME_CHARS`] characters, no control character (tab,
/// line break…). Any other character, `/` and `\` included, is kept as it is.
pub fn check_node_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("a node name cannot be empty".into());
    }
    if name.chars().count() > MAX_NODE_NAME_CHARS {
        return Err(format!(
            "node name '{}…' is longer than {MAX_NODE_NAME_CHARS} characters",
            shown(&name.chars().take(40).collect::<String>())
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(format!(
            "node name '{}' contains a control character (tab, line break…); a name is one line",
            shown(name)
        ));
    }
    Ok(())
}

/// The depth rule: a node at `level` (1 for a root node) is allowed up to [`MAX_NODE_DEPTH`].
pub fn check_node_depth(level: usize, path: &str) -> Result<(), String> {
    if level > MAX_NODE_DEPTH {
        return Err(format!(
            "node '{}' would be at level {level}; the codebook is at most {MAX_NODE_DEPTH} levels deep",
            shown(&short(path))
        ));
    }
    Ok(())
}

/// Text safe to print on a terminal: control characters are shown escaped (`\n`, `\u{1b}`),
/// everything else as it is.
pub fn shown(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A long path shortened to its last 80 characters for a message.
fn short(path: &str) -> String {
    let n = path.chars().count();
    if n <= 80 {
        path.to_owned()
    } else {
        format!("…{}", path.chars().skip(n - 80).collect::<String>())
    }
}

/// How deeply `[` and `{` nest in JSON bytes (strings skipped). Does not validate the JSON.
pub fn json_nesting(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &b in bytes {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transcript_holds_at_most_64_megabytes_of_text() {
        assert!(check_text_length(MAX_TEXT_BYTES).is_ok());
        let e = check_text_length(MAX_TEXT_BYTES + 2 * 1024 * 1024).unwrap_err();
        assert!(e.starts_with("holds 66 MB of text once converted"), "{e}");
    }

    #[test]
    fn counts_may_not_grow_past_their_limit_but_a_project_over_one_still_shrinks() {
        assert!(check_count(Counted::Sources, 0, MAX_SOURCES).is_ok());
        let e = check_count(Counted::Sources, MAX_SOURCES, MAX_SOURCES + 1).unwrap_err();
        assert_eq!(
            e,
            "a project holds at most 100,000 sources; this would make 100,001"
        );
        assert!(check_count(Counted::Nodes, MAX_NODES + 5, MAX_NODES + 4).is_ok());
        assert!(
            check_count(Counted::Codings, MAX_CODINGS, MAX_CODINGS + 1)
                .unwrap_err()
                .contains("2,000,000 codings")
        );
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }

    #[test]
    fn a_memo_is_not_empty_and_at_most_a_megabyte() {
        assert!(check_memo_text("Relire E04.").is_ok());
        assert_eq!(check_memo_text(" \n").unwrap_err(), "the memo is empty");
        let big = "é".repeat(MAX_MEMO_BYTES / 2 + 1);
        assert!(check_memo_text(&big).unwrap_err().contains("1024 kB"));
    }

    #[test]
    fn names_keep_backslashes_and_slashes_but_not_control_characters() {
        check_node_name("C:\\temp / brouillon").unwrap();
        check_node_name("« Accès » aux soins’").unwrap();
        let err = check_node_name("deux\nlignes").unwrap_err();
        assert!(err.contains("'deux\\nlignes'"), "{err}");
        let err = check_node_name("\u{1b}[31mrouge").unwrap_err();
        assert!(!err.contains('\u{1b}'), "{err}");
        assert!(check_node_name("  ").is_err());
        check_node_name(&"é".repeat(200)).unwrap();
        let err = check_node_name(&"é".repeat(201)).unwrap_err();
        assert!(err.contains("longer than 200 characters"), "{err}");
    }

    #[test]
    fn depth_is_at_most_32() {
        check_node_depth(32, "a").unwrap();
        let err = check_node_depth(33, "a/b").unwrap_err();
        assert!(err.contains("at most 32 levels"), "{err}");
    }

    #[test]
    fn json_nesting_skips_strings() {
        assert_eq!(json_nesting(b"{\"a\": [1, {\"b\": \"[[[{\"}]}"), 3);
        assert_eq!(json_nesting(b"\"\\\"[\""), 0);
        assert_eq!(json_nesting(b"[[[]]]"), 3);
    }
}
