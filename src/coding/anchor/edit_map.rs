//! The map from code point offsets of an old text to those of a new one, built from a diff that
//! costs time in proportion to the texts' length, not its square: the common prefix and suffix
//! are cut off byte-wise, the rest is diffed line by line (each distinct line interned as a
//! number), and only the lines that changed are diffed again character by character.
//!
//! Invariants: the equal runs are in order in both texts and never overlap; a run is only ever
//! text that is the same in both; on a small middle (under [`CHAR_DIFF_BELOW`] code points) the
//! runs are exactly those of a whole character diff. The diff has a deadline as a last
//! safeguard (a middle it cannot finish in time counts as replaced, which is still correct:
//! codings there are found again by quote and context).

use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Below this many code points (old and new middle together) the middle is diffed character by
/// character at once; above it, line by line first.
pub const CHAR_DIFF_BELOW: usize = 20_000;

/// How long a whole diff may take before what is left counts as replaced.
const DEADLINE: Duration = Duration::from_secs(3);

/// A map from old code point offsets to new ones, built from a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditMap {
    /// Equal runs: (old start, new start, length), in order.
    equal: Vec<(usize, usize, usize)>,
    new_len: usize,
}

impl EditMap {
    /// Diffs two texts (by line, then by code point inside changed lines).
    pub fn diff(old: &str, new: &str) -> Self {
        Self::diff_lines_above(old, new, CHAR_DIFF_BELOW)
    }

    /// [`EditMap::diff`] with the size from which the middle is diffed line by line first
    /// (0: always; tests use it to try the line path on small texts).
    pub fn diff_lines_above(old: &str, new: &str, char_diff_below: usize) -> Self {
        let deadline = Instant::now() + DEADLINE;
        let mut runs = Runs::default();
        let prefix = common_prefix(old, new);
        let suffix = common_suffix(&old[prefix..], &new[prefix..]);
        let (old_mid, new_mid) = (
            &old[prefix..old.len() - suffix],
            &new[prefix..new.len() - suffix],
        );
        let head = old[..prefix].chars().count();
        runs.push(0, 0, head);
        let (old_n, new_n) = (old_mid.chars().count(), new_mid.chars().count());
        if old_n + new_n < char_diff_below {
            diff_chars(old_mid, new_mid, head, head, deadline, &mut runs);
        } else {
            diff_lines(old_mid, new_mid, head, deadline, &mut runs);
        }
        let tail = old[old.len() - suffix..].chars().count();
        runs.push(head + old_n, head + new_n, tail);
        Self {
            equal: runs.0,
            new_len: head + new_n + tail,
        }
    }

    /// The reference: one diff of the whole texts by code point (slow on long texts; kept to
    /// check the fast path against).
    #[cfg(test)]
    pub fn diff_by_chars(old: &str, new: &str) -> Self {
        let mut runs = Runs::default();
        let far = Instant::now() + Duration::from_secs(3600);
        diff_chars(old, new, 0, 0, far, &mut runs);
        Self {
            equal: runs.0,
            new_len: new.chars().count(),
        }
    }

    /// New offset of an old start offset (a deleted start moves to what follows the deletion).
    pub fn map_start(&self, p: usize) -> usize {
        let i = self.equal.partition_point(|(o, _, _)| *o <= p);
        if i > 0 {
            let (o, n, len) = self.equal[i - 1];
            if p < o + len {
                return n + (p - o);
            }
        }
        self.equal.get(i).map_or(self.new_len, |(_, n, _)| *n)
    }

    /// New offset of an old end offset (exclusive).
    pub fn map_end(&self, e: usize) -> usize {
        if e == 0 {
            return 0;
        }
        let q = e - 1;
        let i = self.equal.partition_point(|(o, _, _)| *o <= q);
        if i == 0 {
            return 0;
        }
        let (o, n, len) = self.equal[i - 1];
        if q < o + len {
            n + (q - o) + 1
        } else {
            n + len
        }
    }
}

/// Equal runs as they are found, in order; a run that continues the last one extends it.
#[derive(Default)]
struct Runs(Vec<(usize, usize, usize)>);

impl Runs {
    fn push(&mut self, old: usize, new: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.0.last_mut()
            && last.0 + last.2 == old
            && last.1 + last.2 == new
        {
            last.2 += len;
            return;
        }
        self.0.push((old, new, len));
    }
}

/// Length in bytes of the common prefix, on a char boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    let mut n = a
        .as_bytes()
        .iter()
        .zip(b.as_bytes())
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(n) {
        n -= 1;
    }
    n
}

/// Length in bytes of the common suffix, on a char boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = a
        .as_bytes()
        .iter()
        .rev()
        .zip(b.as_bytes().iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    while !a.is_char_boundary(a.len() - n) {
        n -= 1;
    }
    n
}

/// Diffs two texts by code point; runs are offset by the texts' positions.
fn diff_chars(
    old: &str,
    new: &str,
    old_at: usize,
    new_at: usize,
    deadline: Instant,
    runs: &mut Runs,
) {
    if old.is_empty() || new.is_empty() {
        return;
    }
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    for op in capture_diff_slices_deadline(Algorithm::Myers, &a, &b, Some(deadline)) {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            runs.push(old_at + o.start, new_at + n.start, o.len());
        }
    }
}

/// One text cut into lines (each with its `\n`): every line's number (the same number for the
/// same line in both texts) and its start in bytes and code points, plus the end.
struct Lines<'a> {
    text: &'a str,
    ids: Vec<u32>,
    /// (byte, code point) of each line's start, then of the end of the text.
    starts: Vec<(usize, usize)>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, numbers: &mut HashMap<&'a str, u32>) -> Self {
        let (mut ids, mut starts) = (Vec::new(), Vec::new());
        let (mut byte, mut cp) = (0, 0);
        for line in text.split_inclusive('\n') {
            let next = numbers.len() as u32;
            ids.push(*numbers.entry(line).or_insert(next));
            starts.push((byte, cp));
            byte += line.len();
            cp += line.chars().count();
        }
        starts.push((byte, cp));
        Self { text, ids, starts }
    }

    /// The text of lines `from..to` and the code point where it starts.
    fn span(&self, from: usize, to: usize) -> (&'a str, usize) {
        (
            &self.text[self.starts[from].0..self.starts[to].0],
            self.starts[from].1,
        )
    }
}

/// Diffs two texts line by line, then the lines between equal ones character by character;
/// both texts start at code point `at`.
fn diff_lines(old: &str, new: &str, at: usize, deadline: Instant, runs: &mut Runs) {
    let mut numbers = HashMap::new();
    let a = Lines::new(old, &mut numbers);
    let b = Lines::new(new, &mut numbers);
    let changed = |o: (usize, usize), n: (usize, usize), runs: &mut Runs| {
        if o.0 < o.1 && n.0 < n.1 {
            let (old_text, old_cp) = a.span(o.0, o.1);
            let (new_text, new_cp) = b.span(n.0, n.1);
            diff_chars(old_text, new_text, at + old_cp, at + new_cp, deadline, runs);
        }
    };
    let (mut o, mut n) = (0, 0);
    for op in capture_diff_slices_deadline(Algorithm::Myers, &a.ids, &b.ids, Some(deadline)) {
        let (tag, old_lines, new_lines) = op.as_tag_tuple();
        if tag != DiffTag::Equal {
            continue;
        }
        changed((o, old_lines.start), (n, new_lines.start), runs);
        let len = a.starts[old_lines.end].1 - a.starts[old_lines.start].1;
        runs.push(
            at + a.starts[old_lines.start].1,
            at + b.starts[new_lines.start].1,
            len,
        );
        (o, n) = (old_lines.end, new_lines.end);
    }
    changed((o, a.ids.len()), (n, b.ids.len()), runs);
}
