//! Cursor movement in the open transcript: by character, word, sentence, turn, row, page, and
//! to the start or end; plus keeping the cursor on screen.
//!
//! Invariant: every function returns a char (grapheme) boundary of the text.

use super::super::state::{AppState, Doc};
use super::super::wrap::row_of;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub fn next_grapheme(text: &str, at: usize) -> usize {
    text[at..]
        .graphemes(true)
        .next()
        .map_or(at, |g| at + g.len())
}

pub fn prev_grapheme(text: &str, at: usize) -> usize {
    text[..at]
        .graphemes(true)
        .next_back()
        .map_or(0, |g| at - g.len())
}

pub fn word_next(text: &str, at: usize) -> usize {
    text.unicode_word_indices()
        .map(|(i, _)| i)
        .find(|&i| i > at)
        .unwrap_or(text.len())
}

/// The last character of the word after `at` (or of the word `at` is in, if not at its end).
pub fn word_end(text: &str, at: usize) -> usize {
    let from = next_grapheme(text, at);
    text.unicode_word_indices()
        .map(|(i, w)| (i, i + w.len()))
        .find(|&(_, e)| e > from)
        .map_or(at, |(_, e)| prev_grapheme(text, e))
}

pub fn word_prev(text: &str, at: usize) -> usize {
    text.unicode_word_indices()
        .map(|(i, _)| i)
        .take_while(|&i| i < at)
        .last()
        .unwrap_or(0)
}

fn sentence_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut prev_end = false;
    let mut prev_break = true;
    text.char_indices().filter_map(move |(i, c)| {
        let start = prev_break && !c.is_whitespace();
        let is_end = matches!(c, '.' | '?' | '!' | '…');
        if c.is_whitespace() {
            prev_break = prev_break || prev_end || c == '\n';
        } else {
            prev_break = false;
        }
        prev_end = is_end || (prev_end && matches!(c, '»' | '"' | ')' | '\u{a0}'));
        start.then_some(i)
    })
}

pub fn sentence_next(text: &str, at: usize) -> usize {
    sentence_starts(text)
        .find(|&i| i > at)
        .unwrap_or(text.len())
}

pub fn sentence_prev(text: &str, at: usize) -> usize {
    sentence_starts(text)
        .take_while(|&i| i < at)
        .last()
        .unwrap_or(0)
}

pub fn turn_next(doc: &Doc, at: usize) -> usize {
    doc.units
        .iter()
        .map(|u| u.body_start)
        .find(|&s| s > at)
        .unwrap_or(at)
}

pub fn turn_prev(doc: &Doc, at: usize) -> usize {
    doc.units
        .iter()
        .map(|u| u.body_start)
        .take_while(|&s| s < at)
        .last()
        .unwrap_or(0)
}

/// The start of the last non-blank character before `stop` (`None` when there is none).
fn last_text_char_before(text: &str, stop: usize) -> Option<usize> {
    text[..stop]
        .grapheme_indices(true)
        .rev()
        .find(|(_, g)| !g.trim().is_empty())
        .map(|(i, _)| i)
}

/// The first non-blank position at or after `at`.
fn skip_blanks(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(text.len(), |(i, _)| at + i)
}

/// The end of the text of the unit containing `at` (the whole text outside any unit).
fn unit_end(doc: &Doc, at: usize) -> usize {
    crate::text::turns::unit_containing(&doc.units, at).map_or(doc.text.text.len(), |u| u.end)
}

/// `)` while selecting: the last character of the sentence after the cursor, never past the
/// end of its turn — so a selection never takes the next sentence's first letter or the next
/// speaker's label.
pub fn sentence_end(doc: &Doc, at: usize) -> usize {
    let text = &doc.text.text;
    let from = skip_blanks(text, next_grapheme(text, at));
    let stop = sentence_next(text, from).min(unit_end(doc, from)).max(from);
    last_text_char_before(text, stop)
        .filter(|&e| e > at)
        .unwrap_or(at)
}

/// `}` while selecting: the last character of the turn after the cursor (its label excluded).
pub fn turn_end(doc: &Doc, at: usize) -> usize {
    let text = &doc.text.text;
    let from = skip_blanks(text, next_grapheme(text, at));
    last_text_char_before(text, unit_end(doc, from).max(from))
        .filter(|&e| e > at)
        .unwrap_or(at)
}

/// `(` / `{` while selecting forwards: the end of the text before the sentence (or turn) the
/// cursor is in, so the selection shrinks by whole sentences and still ends on text.
pub fn end_before(doc: &Doc, at: usize, turn: bool) -> usize {
    let text = &doc.text.text;
    let start = if turn {
        crate::text::turns::unit_containing(&doc.units, at).map_or(0, |u| u.start)
    } else {
        sentence_prev(text, next_grapheme(text, at))
    };
    last_text_char_before(text, start).unwrap_or(at)
}

/// The cursor moved by `rows` screen rows, keeping its column.
pub fn by_rows(doc: &Doc, at: usize, rows: isize) -> usize {
    if doc.layout.is_empty() {
        return at;
    }
    let row = row_of(&doc.layout, at);
    let r = doc.layout[row];
    let column = doc.text.text[r.start..at.max(r.start)].width();
    let target = (row as isize + rows).clamp(0, doc.layout.len() as isize - 1) as usize;
    let t = doc.layout[target];
    let mut pos = t.start;
    let mut used = 0;
    for (i, g) in doc.text.text[t.start..t.end].grapheme_indices(true) {
        if used + g.width() > column {
            break;
        }
        used += g.width();
        pos = t.start + i + g.len();
        if used == column {
            break;
        }
    }
    if pos >= t.end && t.end > t.start {
        prev_grapheme(&doc.text.text, t.end).max(t.start)
    } else {
        pos
    }
}

/// Scrolls so the cursor's row is visible in a pane of `height` rows.
pub fn keep_visible(state: &mut AppState, height: usize) {
    let Some(doc) = &state.transcript.doc else {
        return;
    };
    let row = row_of(&doc.layout, state.transcript.cursor);
    let height = height.max(1);
    if row < state.transcript.scroll {
        state.transcript.scroll = row;
    } else if row >= state.transcript.scroll + height {
        state.transcript.scroll = row + 1 - height;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_sentences_with_french_punctuation() {
        let t = "Alors… (rires) c'est l’accès. « Oui » ! Puis la suite ?\nM3 : Non.";
        assert_eq!(&t[word_next(t, 0)..][..7], "rires) ");
        assert_eq!(&t[sentence_next(t, 0)..][..8], "(rires) ");
        let s2 = sentence_next(t, sentence_next(t, 0));
        assert!(t[s2..].starts_with("« Oui »"), "{}", &t[s2..]);
        assert!(t[sentence_next(t, s2)..].starts_with("Puis"));
        assert_eq!(sentence_prev(t, s2), sentence_next(t, 0));
        assert_eq!(next_grapheme("e\u{301}x", 0), 3);
        assert_eq!(&t[..=word_end(t, 0)], "Alors");
        let e2 = word_end(t, word_end(t, 0));
        assert_eq!(&t[..e2 + 1], "Alors… (rires");
        assert_eq!(prev_grapheme("a👍", 5), 1);
    }
}
