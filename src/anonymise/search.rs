//! Searching folded text for a key's originals: the automaton (a DFA when the key is small
//! enough for one, else aho-corasick's default) and the candidates of one text — every match
//! of an original that starts and ends on whole characters, with where it is in the text.
//!
//! A short text is folded and searched in one pass: each folded byte steps the DFA as it
//! comes, and nothing is kept but the origins of its non-ASCII characters. A long one (a whole
//! transcript) is folded first, then searched with the DFA's prefilter, which skips ahead where
//! names are rare.
//!
//! Invariant: every way lists the same candidates in the same order as folding the text with
//! [`fold_into`] and listing every overlapping match of the automaton (each match of each
//! original, by end, then in the automaton's order); a yes-or-no probe says yes exactly when
//! that list, before characters are looked at, is not empty.

use super::fold::{Folded, Sink, fold_char_into, fold_into, fold_through, fold_to};
use aho_corasick::automaton::Automaton as _;
use aho_corasick::automaton::StateID;
use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, PatternID, dfa::DFA};

/// Texts up to this many bytes are searched in one pass.
const ONE_PASS_MAX: usize = 8 << 10;

/// A match of an original in a folded text, before word boundaries and overlaps are looked at:
/// where it is in the text (`start..end`, bytes).
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

/// Buffers reused from text to text (most texts are short: a label, a case).
#[derive(Default)]
pub(super) struct Scratch {
    /// The last text folded, with origins (its bytes only when it was long).
    pub folded: Folded,
    pub candidates: Vec<Candidate>,
    /// Match states met in a one-pass search, with the folded length there.
    events: Vec<(usize, StateID)>,
    /// One character's folded bytes.
    one: Vec<u8>,
}

/// Bytes of buffers kept between texts.
const KEPT_CAPACITY: usize = 1 << 20;

impl Scratch {
    /// Drops buffers grown by one huge text.
    pub fn trim(&mut self) {
        if self.folded.bytes.capacity() > KEPT_CAPACITY
            || self.candidates.capacity() > KEPT_CAPACITY / 16
        {
            *self = Self::default();
        }
    }
}

/// The compiled originals (folded, in key order).
#[derive(Debug, Clone)]
pub(super) enum Automaton {
    Dfa(Box<DFA>),
    Other(AhoCorasick),
}

impl Automaton {
    /// `None` when every pattern is empty. A DFA scans fastest but takes longer to build and
    /// memory in proportion to the key: it is built for `scan_much` keys up to 2,000 originals
    /// (a key too large for one falls back to the default automaton).
    pub fn build(patterns: &[String], scan_much: bool) -> Option<Self> {
        if patterns.iter().all(|p| p.is_empty()) {
            return None;
        }
        if scan_much && patterns.len() <= 2_000 {
            let dfa = aho_corasick::dfa::Builder::new()
                .match_kind(MatchKind::Standard)
                .build(patterns);
            if let Ok(dfa) = dfa {
                return Some(Self::Dfa(Box::new(dfa)));
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(patterns)
            .expect("key patterns are plain strings");
        Some(Self::Other(ac))
    }

    /// Folds `text` (origins kept in `sc.folded`) and lists its candidates in `sc.candidates`.
    pub fn candidates(&self, text: &str, sc: &mut Scratch) {
        sc.candidates.clear();
        match self {
            Self::Dfa(dfa) if text.len() <= ONE_PASS_MAX => one_pass(dfa, text, sc),
            Self::Dfa(dfa) => {
                fold_into(text, &mut sc.folded, true);
                let matches = dfa
                    .try_find_overlapping_iter(Input::new(&sc.folded.bytes))
                    .expect("an unanchored standard DFA searches overlapping");
                push_all(&sc.folded, &mut sc.candidates, matches);
            }
            Self::Other(ac) => {
                fold_into(text, &mut sc.folded, true);
                let matches = ac.find_overlapping_iter(&sc.folded.bytes);
                push_all(&sc.folded, &mut sc.candidates, matches);
            }
        }
    }

    /// Whether an original occurs anywhere in folded bytes: the plain yes-or-no the probe is
    /// checked against.
    #[cfg(test)]
    pub fn is_match_folded(&self, folded: &[u8]) -> bool {
        match self {
            Self::Dfa(dfa) => dfa
                .try_find(&Input::new(folded).earliest(true))
                .expect("an unanchored DFA searches")
                .is_some(),
            Self::Other(ac) => ac.is_match(folded),
        }
    }

    /// Whether an original occurs anywhere in the folded text of the pieces `feed` gives (in
    /// order, as one text), folded and searched as they come when a DFA allows it.
    pub fn probe(&self, feed: impl FnOnce(&mut dyn FnMut(&str))) -> bool {
        match self {
            Self::Dfa(dfa) => {
                let mut one = Vec::new();
                let mut probe = Stepper::new(dfa, &mut one, |_, _| {});
                if !probe.matched_at_start() {
                    feed(&mut |piece| {
                        if !probe.found {
                            fold_to(piece, &mut probe);
                        }
                    });
                }
                probe.found
            }
            Self::Other(ac) => {
                let mut folded = Vec::new();
                feed(&mut |piece| fold_to(piece, &mut folded));
                ac.is_match(&folded)
            }
        }
    }
}

/// [`push`] for every match of a search of the whole folded text.
fn push_all(
    folded: &Folded,
    candidates: &mut Vec<Candidate>,
    matches: impl Iterator<Item = aho_corasick::Match>,
) {
    for m in matches {
        push(folded, candidates, m.start(), m.end(), m.pattern());
    }
}

/// Adds the match `fstart..fend` of `pattern` to `candidates` when it starts and ends on whole
/// original characters.
fn push(folded: &Folded, candidates: &mut Vec<Candidate>, fs: usize, fe: usize, p: PatternID) {
    if folded.splits_char(fs) || folded.splits_char(fe) {
        return;
    }
    candidates.push(Candidate {
        start: folded.origin(fs),
        end: folded.origin(fe),
        entry: p.as_usize(),
    });
}

/// Folds and searches `text` at once: the match states met, then each of their originals.
fn one_pass(dfa: &DFA, text: &str, sc: &mut Scratch) {
    let Scratch {
        folded,
        candidates,
        events,
        one,
    } = sc;
    events.clear();
    {
        let mut stepper = Stepper::new(dfa, one, |at, sid| events.push((at, sid)));
        stepper.matched_at_start();
        fold_through(text, &mut stepper, folded);
    }
    for &(fe, sid) in events.iter() {
        for i in 0..dfa.match_len(sid) {
            let p = dfa.match_pattern(sid, i);
            push(folded, candidates, fe - dfa.pattern_len(p), fe, p);
        }
    }
}

/// A DFA walked by folded bytes as they come; `on_match(folded length, state)` at each match
/// state, as an overlapping search reports them.
struct Stepper<'a, F: FnMut(usize, StateID)> {
    dfa: &'a DFA,
    sid: StateID,
    len: usize,
    found: bool,
    one: &'a mut Vec<u8>,
    on_match: F,
}

impl<'a, F: FnMut(usize, StateID)> Stepper<'a, F> {
    fn new(dfa: &'a DFA, one: &'a mut Vec<u8>, on_match: F) -> Self {
        let sid = dfa
            .start_state(Anchored::No)
            .expect("the DFA searches unanchored");
        Self {
            dfa,
            sid,
            len: 0,
            found: false,
            one,
            on_match,
        }
    }

    /// Reports the start state when it is a match (an empty original matches before the
    /// first byte); says whether it was.
    fn matched_at_start(&mut self) -> bool {
        if self.dfa.is_match(self.sid) {
            self.found = true;
            (self.on_match)(0, self.sid);
        }
        self.found
    }

    #[inline(always)]
    fn step(&mut self, b: u8) {
        self.sid = self.dfa.next_state(Anchored::No, self.sid, b);
        self.len += 1;
        if self.dfa.is_match(self.sid) {
            self.found = true;
            (self.on_match)(self.len, self.sid);
        }
    }
}

impl<F: FnMut(usize, StateID)> Sink for Stepper<'_, F> {
    fn folded_len(&self) -> usize {
        self.len
    }

    fn put(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.step(b);
        }
    }

    fn put_ascii_run(&mut self, rest: &[u8], table: &[u8; 128]) -> usize {
        // Stepped as the run is read (one pass, not one to find its end and one to step).
        for (n, &b) in rest.iter().enumerate() {
            if b >= 0x80 {
                return n;
            }
            self.step(table[b as usize]);
        }
        rest.len()
    }

    fn put_other(&mut self, c: char) {
        let mut one = std::mem::take(self.one);
        one.clear();
        fold_char_into(c, &mut one);
        self.put(&one);
        *self.one = one;
    }
}
