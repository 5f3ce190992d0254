//! The fast paths of re-anchoring against slow references kept here: the line-then-character
//! diff against one character diff of the whole texts, and the search for a quote near its old
//! place against a search of the whole text.

use super::*;
use crate::coding::{make_coding, sort};
use crate::ids::{CodingId, NodeId};
use crate::text::CharRange;
use proptest::prelude::*;

/// Lines of an interview, many of them repeated (the hard case for a line diff), with accents,
/// NBSP, « » and an emoji.
fn lined_text() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("Enquêteur\u{a0}: Et ensuite\u{a0}?\n".to_owned()),
        Just("P1 : Bon, on s’est organisés comme on pouvait.\n".to_owned()),
        Just("P1 : « Franchement », je ne sais pas 👍.\n".to_owned()),
        Just("\n".to_owned()),
        "P[12] : [a-zàéç’ ]{0,40}\n",
        "[a-zé ]{1,20}",
    ];
    proptest::collection::vec(line, 5..40).prop_map(|l| l.concat())
}

/// `text` with edits (where, how many characters removed, what is inserted), positions in
/// `text` (taken modulo its length), applied from the last.
fn edited(text: &str, edits: &[(usize, usize, String)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|(at, del, ins)| (at % (chars.len() + 1), *del, ins.as_str()))
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    for (at, del, ins) in edits {
        let del = del.min(chars.len() - at);
        chars.splice(at..at + del, ins.chars());
    }
    chars.into_iter().collect()
}

fn codings(t: &SourceText, cuts: &[(usize, usize)]) -> Vec<Coding> {
    let n = t.len();
    let mut cs: Vec<Coding> = cuts
        .iter()
        .map(|&(s, l)| {
            let s = s % (n - 1);
            make_coding(
                t,
                CodingId::random(),
                NodeId::random(),
                CharRange::new(s, (s + l).min(n)),
                "t",
            )
        })
        .collect();
    sort(&mut cs);
    cs
}

fn edits() -> impl Strategy<Value = Vec<(usize, usize, String)>> {
    proptest::collection::vec((0usize..2000, 0usize..30, "[a-zé\n ’]{0,12}"), 1..4)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, max_global_rejects: 100_000, ..ProptestConfig::default() })]
    /// One edit that a diff can read only one way, in a text of repeated lines diffed line by
    /// line: every coding at least one character away from it lands on its old place moved by
    /// the edit.
    #[test]
    fn through_the_line_diff_codings_follow_an_edit_outside_their_quotes(
        text in lined_text(),
        cuts in proptest::collection::vec((0usize..2000, 1usize..60), 1..12),
        edit in (0usize..2000, 0usize..30, "[0-9#\n]{0,12}"),
    ) {
        let old = SourceText::new(text);
        let n = old.len();
        prop_assume!(n > 2);
        let chars: Vec<char> = old.text.chars().collect();
        let at = edit.0 % (n + 1);
        let del = edit.1.min(n - at);
        let inserted = &edit.2;
        // A deletion that could be read one character earlier or later is not one edit.
        if inserted.is_empty() && del > 0 {
            prop_assume!(at == 0 || chars[at - 1] != chars[at + del - 1]);
            prop_assume!(at + del == n || chars[at] != chars[at + del]);
        }
        prop_assume!(!inserted.contains('\n') || del > 0 || !inserted.starts_with('\n'));
        let new = SourceText::new(edited(&old.text, &[(at, del, inserted.clone())]));
        let cs: Vec<Coding> = codings(&old, &cuts)
            .into_iter()
            .filter(|c| c.end < at || c.start > at + del)
            .collect();
        let shift = inserted.chars().count() as isize - del as isize;
        let mut moved = cs.clone();
        let placements =
            reanchor_through(Some(&EditMap::diff_lines_above(&old.text, &new.text, 0)), &new, &mut moved);
        for ((c, was), p) in moved.iter().zip(&cs).zip(placements) {
            let m = |q: usize| if q >= at + del { (q as isize + shift) as usize } else { q };
            prop_assert_eq!((c.start, c.end), (m(was.start), m(was.end)), "quote {:?}", was.quote);
            prop_assert_eq!(p == Placement::Kept, shift == 0 || was.end < at);
        }
    }

    /// Through several edits, the line diff and one character diff of the whole texts place
    /// the same codings (those far from every edit; near one, or in repeated lines, the text
    /// may be read either way, so only whether each is placed is compared), and every coding
    /// left on a range is on its quote.
    #[test]
    fn the_line_diff_places_codings_as_the_character_diff_does(
        text in lined_text(),
        cuts in proptest::collection::vec((0usize..2000, 1usize..60), 1..12),
        edits in edits(),
    ) {
        let old = SourceText::new(text);
        prop_assume!(old.len() > 2);
        let new = SourceText::new(edited(&old.text, &edits));
        let far = |c: &Coding| {
            edits.iter().all(|(at, _, _)| {
                let at = at % (old.len() + 1);
                c.end + 64 < at || c.start > at + 64
            })
        };
        let cs = codings(&old, &cuts);
        let fast = EditMap::diff_lines_above(&old.text, &new.text, 0);
        let slow = EditMap::diff_by_chars(&old.text, &new.text);
        let (mut by_lines, mut by_chars) = (cs.clone(), cs.clone());
        reanchor_through(Some(&fast), &new, &mut by_lines);
        reanchor_through(Some(&slow), &new, &mut by_chars);
        for ((a, b), was) in by_lines.iter().zip(&by_chars).zip(&cs) {
            // Far from the edits both place or both orphan a coding; where a line repeats
            // the two diffs may pick different copies of it (both on the quote).
            if far(was) {
                prop_assert_eq!(a.is_orphaned(), b.is_orphaned());
            }
            if !a.is_orphaned() {
                prop_assert_eq!(new.slice(a.start, a.end), a.quote.as_str());
            }
        }
    }

    /// Found near its old place or in the whole text, a quote lands on the same copy.
    #[test]
    fn looking_near_first_finds_the_copy_the_whole_text_gives(
        words in proptest::collection::vec(0usize..6, 200..1500),
        cuts in proptest::collection::vec((0usize..10_000, 1usize..30), 1..12),
        edits in edits(),
        hints in proptest::collection::vec(0usize..10_000, 12),
    ) {
        const WORDS: [&str; 6] = ["oui ", "le temps ", "franchement, ", "é👍 ", "non\n", "« bon » "];
        let old = SourceText::new(words.iter().map(|w| WORDS[*w]).collect());
        let new = SourceText::new(edited(&old.text, &edits));
        prop_assume!(!new.is_empty());
        for (c, hint) in codings(&old, &cuts).iter().zip(hints) {
            let hint = hint % new.len();
            prop_assert_eq!(find_by_quote(&new, c, hint), everywhere(&new, c, hint));
        }
    }
}

/// The reference (the search as it was): every copy of the quote in the whole text, best
/// context, then nearest `hint`, the first in the text between two as near.
fn everywhere(new: &SourceText, c: &Coding, hint: usize) -> Option<(usize, usize)> {
    if c.quote.is_empty() {
        return None;
    }
    let qlen = c.quote.chars().count();
    let mut best: Option<(usize, usize)> = None;
    let mut from = 0;
    while let Some(pos) = new.text[from..].find(&c.quote) {
        let byte = from + pos;
        let s = new.index.cp_of(byte).unwrap();
        let score = context_score(new, c, s, s + qlen);
        if best.is_none_or(|(b, bs)| {
            score > bs || (score == bs && s.abs_diff(hint) < b.abs_diff(hint))
        }) {
            best = Some((s, score));
        }
        from = byte + c.quote.chars().next().map_or(1, char::len_utf8);
    }
    best.map(|(s, _)| (s, s + qlen))
}

#[test]
fn a_line_inserted_at_the_top_shifts_every_coding_of_a_long_text() {
    let line = "P1 : Bon, on s’est organisés comme on pouvait, « franchement », avec les collègues du centre de santé.\n";
    let old = SourceText::new(line.repeat(2_000));
    let cs: Vec<Coding> = (0..2_000)
        .step_by(7)
        .map(|i| {
            let s = i * line.chars().count() + 5;
            make_coding(
                &old,
                CodingId::random(),
                NodeId::random(),
                CharRange::new(s, s + 20),
                "t",
            )
        })
        .collect();
    let added = "Note : reprise après une coupure.\n";
    let new = SourceText::new(format!("{added}{}", old.text));
    let shift = added.chars().count();
    for old_text in [Some(old.text.as_str()), None] {
        let mut moved = cs.clone();
        let placements = reanchor(old_text, &new, &mut moved);
        assert!(
            placements
                .iter()
                .all(|p| matches!(p, Placement::Moved { .. }))
        );
        for (before, after) in cs.iter().zip(&moved) {
            assert_eq!(
                (after.start, after.end),
                (before.start + shift, before.end + shift)
            );
        }
    }
}
