//! Tests of re-anchoring, including property tests over random texts and edits.

use super::*;
use crate::coding::{make_coding, sort};
use crate::ids::CodingId;
use crate::ids::NodeId;
use crate::text::CharRange;
use proptest::prelude::*;

fn coding(t: &SourceText, s: usize, e: usize) -> Coding {
    make_coding(
        t,
        CodingId::random(),
        NodeId::random(),
        CharRange::new(s, e),
        "t",
    )
}

#[test]
fn an_edit_before_a_coding_moves_it_and_one_after_keeps_it() {
    let old =
        SourceText::new("M3 : Le temps, c'est le problème. Les réunions tombent le soir.".into());
    let mut cs = vec![coding(&old, 5, 13), coding(&old, 34, 46)];
    let new = SourceText::new(
        "M3 : (rires) Le temps, c'est le problème. Les réunions tombent le soir.".into(),
    );
    let placements = reanchor(Some(&old.text), &new, &mut cs);
    assert_eq!(
        placements,
        [
            Placement::Moved { start: 5, end: 13 },
            Placement::Moved { start: 34, end: 46 }
        ]
    );
    assert_eq!(new.slice(cs[0].start, cs[0].end), "Le temps");
    assert_eq!(cs[1].quote, "Les réunions");
    let same = reanchor(Some(&new.text), &new, &mut cs);
    assert_eq!(same, [Placement::Kept, Placement::Kept]);
}

#[test]
fn the_right_copy_of_a_repeated_quote_is_chosen() {
    let old = SourceText::new("Le temps manque. Oui, le temps manque vraiment.".into());
    let mut cs = vec![coding(&old, 22, 37)];
    assert_eq!(cs[0].quote, "le temps manque");
    let new = SourceText::new("Le temps manque. Oui, oui, le temps manque vraiment.".into());
    reanchor(Some(&old.text), &new, &mut cs);
    assert_eq!((cs[0].start, cs[0].end), (27, 42));
    let mut by_quote = vec![coding(&old, 22, 37)];
    reanchor(None, &new, &mut by_quote);
    assert_eq!(
        (by_quote[0].start, by_quote[0].end),
        (27, 42),
        "context picks the second copy"
    );
}

#[test]
fn a_deleted_quote_becomes_an_orphan_and_is_kept() {
    let old = SourceText::new("Avant. Le passage codé. Après.".into());
    let mut cs = vec![coding(&old, 7, 23)];
    let new = SourceText::new("Avant. Après.".into());
    assert_eq!(
        reanchor(Some(&old.text), &new, &mut cs),
        [Placement::Orphaned]
    );
    assert!(cs[0].is_orphaned());
    assert_eq!(cs[0].quote, "Le passage codé.");
    let back = SourceText::new("Avant. Le passage codé. Après.".into());
    assert_eq!(
        reanchor(Some(&new.text), &back, &mut cs),
        [Placement::Moved { start: 7, end: 23 }]
    );
    assert!(
        !cs[0].is_orphaned(),
        "an orphan is found again by its quote"
    );
}

#[test]
fn an_edit_inside_a_quote_keeps_the_coding_on_the_edited_text() {
    let old = SourceText::new("Il dit : les reunions du soir.".into());
    let mut cs = vec![coding(&old, 9, 29)];
    let new = SourceText::new("Il dit : les réunions du soir.".into());
    reanchor(Some(&old.text), &new, &mut cs);
    assert_eq!(cs[0].quote, "les réunions du soir");
}

#[test]
fn a_deleted_quote_is_orphaned_not_shrunk_onto_a_stray_character() {
    let old = SourceText::new("P1 : Oui, à Brest. Les réunions tombent le soir.\nP2 : Non.".into());
    let mut cs = vec![coding(&old, 19, 48)];
    assert_eq!(cs[0].quote, "Les réunions tombent le soir.");
    // The sentence goes, its final dot stays (the diff keeps it as equal text).
    let new = SourceText::new("P1 : Oui, à Brest.\nP2 : Non.".into());
    assert_eq!(
        reanchor(Some(&old.text), &new, &mut cs),
        [Placement::Orphaned]
    );
    assert_eq!(cs[0].quote, "Les réunions tombent le soir.");
    // Rewritten rather than deleted: orphaned as well.
    let mut cs = vec![coding(&old, 19, 48)];
    let rewritten =
        SourceText::new("P1 : Oui, à Brest. Un autre passage, sans rapport.\nP2 : Non.".into());
    assert_eq!(
        reanchor(Some(&old.text), &rewritten, &mut cs),
        [Placement::Orphaned]
    );
    // A typo fixed inside it keeps it, on the corrected words.
    let mut cs = vec![coding(&old, 19, 48)];
    let fixed =
        SourceText::new("P1 : Oui, à Brest. Les réunions tombent tard le soir.\nP2 : Non.".into());
    reanchor(Some(&old.text), &fixed, &mut cs);
    assert!(!cs[0].is_orphaned());
    assert_eq!(cs[0].quote, "Les réunions tombent tard le soir.");
}

/// Text with accents, emoji and combining marks, as random as proptest likes.
fn texts() -> impl Strategy<Value = String> {
    proptest::collection::vec("e\u{301}|👍|«\u{a0}|[ \n]|[a-zA-Zàçœé]{1,6}", 20..120)
        .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, max_global_rejects: 100_000, ..ProptestConfig::default() })]
    #[test]
    fn codings_follow_edits_outside_their_quotes(
        text in texts(),
        cuts in proptest::collection::vec((0usize..1000, 1usize..15), 1..4),
        edit in (0usize..1000, 0usize..6, "[a-zé👍 ]{0,6}"),
    ) {
        let old = SourceText::new(text);
        let n = old.len();
        prop_assume!(n > 10);
        let mut cs: Vec<Coding> = cuts.iter().map(|(s, l)| { let s = s % (n - 1); coding(&old, s, (s + l).min(n)) }).collect();
        sort(&mut cs);
        // An edit [at, at + del) that stays at least one character away from every coding.
        let at = edit.0 % n;
        let del = edit.1.min(n - at);
        prop_assume!(cs.iter().all(|c| at + del < c.start || at > c.end));
        let chars: Vec<char> = old.text.chars().collect();
        let inserted: String = edit.2.clone();
        // An edit a diff can only read one way: an insertion that starts with the character it
        // is inserted before (or a deletion followed by a copy of itself) could equally be read
        // one character later, and no tool can tell those apart.
        let next = chars.get(at + del).copied();
        prop_assume!(inserted.chars().next().is_none_or(|x| Some(x) != chars.get(at).copied()));
        prop_assume!(!inserted.is_empty() || del == 0 || chars.get(at).copied() != next);
        let new_text: String = chars[..at].iter().collect::<String>() + &inserted + &chars[at + del..].iter().collect::<String>();
        let new = SourceText::new(new_text);
        let shift = inserted.chars().count() as isize - del as isize;
        let expected: Vec<(usize, usize, String)> = cs.iter().map(|c| {
            let m = |p: usize| if p >= at + del { (p as isize + shift) as usize } else { p };
            (m(c.start), m(c.end), c.quote.clone())
        }).collect();
        let mut moved = cs.clone();
        let placements = reanchor(Some(&old.text), &new, &mut moved);
        for (c, (s, e, q)) in moved.iter().zip(&expected) {
            prop_assert!(!c.is_orphaned());
            prop_assert_eq!((c.start, c.end), (*s, *e), "quote {:?}", q);
            prop_assert_eq!(&c.quote, q);
        }
        prop_assert_eq!(placements.len(), cs.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, max_global_rejects: 100_000, ..ProptestConfig::default() })]
    /// The quote occurs twice; the coding is on one copy; an edit elsewhere (before both, between
    /// them or after both) must leave it on the same copy, by diff and by quote and context.
    #[test]
    fn a_quote_that_occurs_twice_stays_on_its_own_copy(
        parts in proptest::collection::vec(texts(), 3),
        quote in "[A-Zé👍][a-zé ]{3,12}",
        second in any::<bool>(),
        region in 0usize..3,
        inserted in "[0-9#]{1,8}",
    ) {
        let (a, b, c) = (&parts[0], &parts[1], &parts[2]);
        prop_assume!(!a.contains(&quote) && !b.contains(&quote) && !c.contains(&quote));
        let text = format!("{a}{quote}{b}{quote}{c}");
        let old = SourceText::new(text);
        let (la, lq, lb) = (a.chars().count(), quote.chars().count(), b.chars().count());
        let start = if second { la + lq + lb } else { la };
        let mut cs = vec![coding(&old, start, start + lq)];
        let at = match region { 0 => la / 2, 1 => la + lq + lb / 2, _ => la + 2 * lq + lb + c.chars().count() / 2 };
        prop_assume!(at < start || at > start + lq);
        let chars: Vec<char> = old.text.chars().collect();
        let new_text: String = chars[..at].iter().collect::<String>() + &inserted + &chars[at..].iter().collect::<String>();
        let new = SourceText::new(new_text);
        let shift = if at <= start { inserted.chars().count() } else { 0 };
        let mut by_diff = cs.clone();
        reanchor(Some(&old.text), &new, &mut by_diff);
        prop_assert_eq!((by_diff[0].start, by_diff[0].end), (start + shift, start + shift + lq));
        reanchor(None, &new, &mut cs);
        prop_assert_eq!((cs[0].start, cs[0].end), (start + shift, start + shift + lq), "by quote and context");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, max_global_rejects: 100_000, ..ProptestConfig::default() })]
    /// The coded words are deleted (or replaced by other words): the coding is orphaned, or put
    /// on an exact copy of its quote found elsewhere — never shrunk onto what is left.
    #[test]
    fn a_coding_whose_words_are_gone_is_orphaned_or_on_a_copy_of_its_quote(
        text in texts(),
        at in 0usize..1000,
        len in 4usize..30,
        replacement in prop_oneof![Just(String::new()), "[0-9#]{1,12}"],
    ) {
        let old = SourceText::new(text);
        let n = old.len();
        prop_assume!(n > len + 2);
        let start = at % (n - len);
        let mut cs = vec![coding(&old, start, start + len)];
        let quote = cs[0].quote.clone();
        prop_assume!(quote.chars().filter(|c| c.is_alphanumeric()).count() >= 3);
        let chars: Vec<char> = old.text.chars().collect();
        let new_text: String = chars[..start].iter().collect::<String>()
            + &replacement
            + &chars[start + len..].iter().collect::<String>();
        let new = SourceText::new(new_text);
        let placements = reanchor(Some(&old.text), &new, &mut cs);
        let c = &cs[0];
        if placements[0] == Placement::Orphaned {
            prop_assert!(c.is_orphaned());
            prop_assert_eq!(&c.quote, &quote, "an orphan keeps its quote");
        } else {
            prop_assert_eq!(new.slice(c.start, c.end), quote, "only on an exact copy");
        }
    }
}
