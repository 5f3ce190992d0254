//! Re-anchoring codings when a source text changed outside verbatim (a typo fixed, a name
//! replaced): each coding's range is mapped through a diff ([`EditMap`]: by line, then by
//! character where lines changed) of the text it was anchored to and the new text; without
//! that old text, it is found again by its quote and context.
//!
//! Invariants: a coding whose quote is untouched by the edit lands on its old position mapped
//! through the edit (not merely on some copy of its quote); a coding whose words were deleted
//! or rewritten is not shrunk onto what is left (a stray character) — like one that cannot be
//! placed, it is marked orphaned, keeps its last range and is listed; nothing is dropped.

mod edit_map;

pub use edit_map::EditMap;

use crate::coding::{Coding, SourceText, Status};

/// What happened to one coding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Same range, same quote.
    Kept,
    /// Placed again; the old range is given.
    Moved { start: usize, end: usize },
    /// Could not be placed; it keeps its range and `"status": "orphaned"`.
    Orphaned,
}

/// Re-anchors `codings` (all of one source) in `new`. `old` is the text they were anchored to,
/// when known. Returns one placement per coding, in order.
pub fn reanchor(old: Option<&str>, new: &SourceText, codings: &mut [Coding]) -> Vec<Placement> {
    let map = old.map(|o| EditMap::diff(o, &new.text));
    reanchor_through(map.as_ref(), new, codings)
}

/// [`reanchor`] through a diff already made (none: by quote and context only).
pub fn reanchor_through(
    map: Option<&EditMap>,
    new: &SourceText,
    codings: &mut [Coding],
) -> Vec<Placement> {
    codings.iter_mut().map(|c| place(map, new, c)).collect()
}

fn place(map: Option<&EditMap>, new: &SourceText, c: &mut Coding) -> Placement {
    let (old_start, old_end) = (c.start, c.end);
    let was_orphan = c.is_orphaned();
    let mapped = match map {
        Some(m) if !was_orphan => {
            let (s, e) = (m.map_start(c.start), m.map_end(c.end));
            (s < e).then_some((s, e))
        }
        _ => None,
    };
    let found = match mapped {
        Some((s, e)) if new.slice(s, e) == c.quote => Some((s, e)),
        // The diff may align repeated characters oddly; an exact copy of the quote next to the
        // mapped place wins over a range whose text changed (an edit inside the quote). A range
        // that kept too little of the quote (its words deleted or rewritten, a stray character
        // left) is not the coding any more: the quote is looked for elsewhere, else orphaned.
        Some((s, e)) => best_context_near(new, c, s)
            .or_else(|| still_the_quote(&c.quote, new.slice(s, e)).then_some((s, e)))
            .or_else(|| find_by_quote(new, c, c.start)),
        None => find_by_quote(new, c, c.start),
    };
    match found {
        Some((s, e)) => {
            c.start = s;
            c.end = e;
            c.status = None;
            crate::coding::ops_refresh(new, c);
            if !was_orphan && s == old_start && e == old_end {
                Placement::Kept
            } else {
                Placement::Moved {
                    start: old_start,
                    end: old_end,
                }
            }
        }
        None => {
            c.status = Some(Status::Orphaned);
            Placement::Orphaned
        }
    }
}

/// Whether `now`, the text a coding's range maps to after an edit, is still recognisably its
/// `quote` (an edit inside it) rather than what is left after its words were deleted or
/// rewritten: more than half the same, by edit distance, and more than half its length kept (a
/// deletion inside a repeated run, `éçéçéçç` less `éçéç`, can leave exactly half the quote in
/// the range: that is its words gone, not an edit inside it).
fn still_the_quote(quote: &str, now: &str) -> bool {
    let (q, n) = (quote.chars().count(), now.chars().count());
    if q == 0 || n * 2 <= q {
        return false;
    }
    strsim::normalized_levenshtein(quote, now) > 0.5
}

/// Among copies of the quote close to `hint` (within the context length), the one whose
/// surroundings match the stored context best; `hint` wins ties.
fn best_context_near(new: &SourceText, c: &Coding, hint: usize) -> Option<(usize, usize)> {
    let len = c.end - c.start;
    let window = crate::coding::CONTEXT;
    let lo = hint.saturating_sub(window);
    let hi = (hint + window).min(new.len().saturating_sub(len));
    let mut best: Option<(usize, usize)> = None;
    for s in lo..=hi {
        if new.slice(s, s + len) != c.quote {
            continue;
        }
        let score = context_score(new, c, s, s + len);
        let better = match best {
            None => true,
            Some((b, bs)) => score > bs || (score == bs && s.abs_diff(hint) < b.abs_diff(hint)),
        };
        if better {
            best = Some((s, score));
        }
    }
    best.map(|(s, _)| (s, s + len))
}

/// Finds the quote anywhere in the text, choosing the copy whose context matches best and then
/// the one nearest the old position (the first in the text between two as near).
///
/// It looks near `hint` first, in windows growing sixteenfold: a copy whose whole stored
/// context matches cannot be beaten by one farther away, so the search stops at the first
/// window holding such a copy no farther than the window reaches on each side; only a quote
/// whose context changed too is looked for in the whole text. (The cost stays linear in the
/// number of codings when an edit shifted them all.)
fn find_by_quote(new: &SourceText, c: &Coding, hint: usize) -> Option<(usize, usize)> {
    if c.quote.is_empty() {
        return None;
    }
    let qlen = c.quote.chars().count();
    let perfect = c.before.chars().count() + c.after.chars().count();
    let mut radius = 256;
    loop {
        let lo = hint.saturating_sub(radius).min(new.len());
        let hi = hint
            .saturating_add(qlen.saturating_add(radius))
            .min(new.len());
        let best = best_copy_between(new, c, qlen, hint, lo, hi);
        let whole = lo == 0 && hi == new.len();
        match best {
            Some((s, score)) if whole || (score == perfect && s.abs_diff(hint) <= radius) => {
                return Some((s, s + qlen));
            }
            None if whole => return None,
            _ => radius = radius.saturating_mul(16),
        }
    }
}

/// The copy of the quote inside code points `lo..hi` whose context matches best, then nearest
/// `hint` (the first in the text between two as near), with its score.
fn best_copy_between(
    new: &SourceText,
    c: &Coding,
    qlen: usize,
    hint: usize,
    lo: usize,
    hi: usize,
) -> Option<(usize, usize)> {
    let from_byte = new.index.byte_of(lo)?;
    let window = new.slice(lo, hi);
    let mut best: Option<(usize, usize)> = None;
    let mut from = 0;
    while let Some(pos) = window[from..].find(&c.quote) {
        let byte = from_byte + from + pos;
        if let Some(s) = new.index.cp_of(byte) {
            let score = context_score(new, c, s, s + qlen);
            let better = match best {
                None => true,
                Some((b, bs)) => score > bs || (score == bs && s.abs_diff(hint) < b.abs_diff(hint)),
            };
            if better {
                best = Some((s, score));
            }
        }
        from += pos + c.quote.chars().next().map_or(1, char::len_utf8);
    }
    best
}

/// How many characters of stored context agree with the text around `start..end`.
fn context_score(new: &SourceText, c: &Coding, start: usize, end: usize) -> usize {
    let before = new.slice(start.saturating_sub(crate::coding::CONTEXT), start);
    let after = new.slice(end, end + crate::coding::CONTEXT);
    let suffix = before
        .chars()
        .rev()
        .zip(c.before.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let prefix = after
        .chars()
        .zip(c.after.chars())
        .take_while(|(a, b)| a == b)
        .count();
    suffix + prefix
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod fast_tests;
