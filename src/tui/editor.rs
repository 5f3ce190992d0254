//! The text editor of every text field (memos, descriptions, names, values): a cursor moved by
//! character (grapheme), word, line start and end, and lines up and down in multi-line text;
//! typing inserts at the cursor, Backspace and Delete remove around it, ctrl-w the word before.
//!
//! Invariant: the cursor is always a character boundary of the text (clamped when out of
//! range); moves go by grapheme.

use unicode_segmentation::UnicodeSegmentation;

/// An editing key beyond typing and Backspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKey {
    Left,
    Right,
    Up,
    Down,
    /// Start and end of the line.
    Home,
    End,
    WordLeft,
    WordRight,
    /// Delete the word before the cursor (ctrl-w).
    DeleteWord,
    /// Delete the character after the cursor.
    DeleteForward,
}

/// The cursor within `text` (the end when `None` or out of range), on a boundary.
pub fn clamp(text: &str, cursor: Option<usize>) -> usize {
    let mut c = cursor.unwrap_or(text.len()).min(text.len());
    while !text.is_char_boundary(c) {
        c -= 1;
    }
    c
}

fn prev(text: &str, at: usize) -> usize {
    text[..at]
        .grapheme_indices(true)
        .next_back()
        .map_or(0, |(i, _)| i)
}

fn next(text: &str, at: usize) -> usize {
    text[at..]
        .graphemes(true)
        .next()
        .map_or(at, |g| at + g.len())
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

fn word_left(text: &str, at: usize) -> usize {
    let mut i = at;
    while i > 0 && !text[prev(text, i)..i].chars().any(char::is_alphanumeric) {
        i = prev(text, i);
    }
    while i > 0 && text[prev(text, i)..i].chars().any(char::is_alphanumeric) {
        i = prev(text, i);
    }
    i
}

fn word_right(text: &str, at: usize) -> usize {
    let mut i = at;
    while i < text.len() && text[i..next(text, i)].chars().any(char::is_alphanumeric) {
        i = next(text, i);
    }
    while i < text.len() && !text[i..next(text, i)].chars().any(char::is_alphanumeric) {
        i = next(text, i);
    }
    i
}

/// The position `rows` lines below (above, when negative), at the same column where it can.
fn vertical(text: &str, at: usize, down: bool) -> usize {
    let start = line_start(text, at);
    let column = text[start..at].graphemes(true).count();
    let target = if down {
        let end = line_end(text, at);
        if end == text.len() {
            return text.len();
        }
        end + 1
    } else {
        if start == 0 {
            return 0;
        }
        line_start(text, start - 1)
    };
    let end = line_end(text, target);
    text[target..end]
        .grapheme_indices(true)
        .nth(column)
        .map_or(end, |(i, _)| target + i)
}

/// Applies an editing key; returns the new cursor.
pub fn edit(text: &mut String, cursor: usize, key: EditKey) -> usize {
    let at = clamp(text, Some(cursor));
    match key {
        EditKey::Left => prev(text, at),
        EditKey::Right => next(text, at),
        EditKey::Up => vertical(text, at, false),
        EditKey::Down => vertical(text, at, true),
        EditKey::Home => line_start(text, at),
        EditKey::End => line_end(text, at),
        EditKey::WordLeft => word_left(text, at),
        EditKey::WordRight => word_right(text, at),
        EditKey::DeleteWord => {
            let from = word_left(text, at);
            text.replace_range(from..at, "");
            from
        }
        EditKey::DeleteForward => {
            let to = next(text, at);
            text.replace_range(at..to, "");
            at
        }
    }
}

/// Types a character at the cursor; returns the new cursor.
pub fn insert(text: &mut String, cursor: usize, c: char) -> usize {
    let at = clamp(text, Some(cursor));
    text.insert(at, c);
    at + c.len_utf8()
}

/// Removes the grapheme before the cursor; returns the new cursor.
pub fn backspace(text: &mut String, cursor: usize) -> usize {
    let at = clamp(text, Some(cursor));
    let from = prev(text, at);
    text.replace_range(from..at, "");
    from
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_by_grapheme_word_and_line_and_edits_at_the_cursor() {
        let mut t = String::from("L'équipe « soins »\nDeuxième ligne");
        let mut c = clamp(&t, None);
        assert_eq!(c, t.len());
        c = edit(&mut t, c, EditKey::Home);
        assert_eq!(&t[c..], "Deuxième ligne");
        c = edit(&mut t, c, EditKey::Up);
        assert_eq!(c, 0, "column 0 of the line above");
        c = edit(&mut t, c, EditKey::WordRight);
        assert!(t[c..].starts_with("équipe"), "after L'");
        c = edit(&mut t, c, EditKey::WordRight);
        assert!(t[c..].starts_with("soins"));
        c = insert(&mut t, c, 'é');
        c = backspace(&mut t, c);
        assert!(t[c..].starts_with("soins"));
        c = edit(&mut t, c, EditKey::End);
        assert_eq!(&t[c..c + 1], "\n");
        c = edit(&mut t, c, EditKey::DeleteWord);
        assert_eq!(
            t.lines().next(),
            Some("L'équipe « "),
            "ctrl-w eats the word before and what follows it"
        );
        c = edit(&mut t, c, EditKey::Down);
        assert_eq!(&t[c..], "gne", "the same column below (11 graphemes)");
        c = edit(&mut t, c, EditKey::Left);
        c = edit(&mut t, c, EditKey::DeleteForward);
        assert!(t.ends_with("Deuxième lgne"));
        assert_eq!(&t[c..], "gne");
        assert_eq!(edit(&mut t, 0, EditKey::Left), 0);
        assert_eq!(clamp("é", Some(1)), 0, "never inside a character");
    }
}
