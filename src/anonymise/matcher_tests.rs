//! Tests of the matcher: the fast search agrees with the matcher as first written (one original
//! offset per folded byte) on any text, a verbatim read off its citation is replaced as on its
//! own (at any edge: combining marks, astral characters, spaces, apostrophes), and the pre-check
//! never skips a text holding a name.

use super::*;
use crate::anonymise::Category;
use aho_corasick::{AhoCorasick, MatchKind};
use proptest::prelude::*;

/// The matcher as first written — the text folded with one original offset per folded
/// byte, the automaton's default kind — to check the fast one against.
fn find_reference(m: &Matcher, text: &str) -> Vec<Hit> {
    let patterns: Vec<String> = m.entries().iter().map(|e| fold(&e.original)).collect();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .unwrap();
    let (mut folded, mut origin) = (String::new(), Vec::new());
    for (i, c) in text.char_indices() {
        let before = folded.len();
        folded.push_str(&fold(&c.to_string()));
        origin.extend(std::iter::repeat_n(i, folded.len() - before));
    }
    origin.push(text.len());
    let mut candidates = Vec::new();
    for m2 in ac.find_overlapping_iter(&folded) {
        let (fs, fe) = (m2.start(), m2.end());
        if fs > 0 && origin[fs - 1] == origin[fs] {
            continue;
        }
        if fe > 0 && fe < folded.len() && origin[fe] == origin[fe - 1] {
            continue;
        }
        let (start, end, entry) = (origin[fs], origin[fe], m2.pattern().as_usize());
        if m.entries()[entry].whole_word
            && (text[..start].chars().next_back().is_some_and(is_word_char)
                || text[end..].chars().next().is_some_and(is_word_char))
        {
            continue;
        }
        candidates.push(Hit { start, end, entry });
    }
    candidates.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut hits: Vec<Hit> = Vec::new();
    for c in candidates {
        if hits.last().is_none_or(|h| c.start >= h.end) {
            hits.push(c);
        }
    }
    hits
}

fn matcher() -> Matcher {
    let entries = [
        ("Martin", true),
        ("Saint-Martin", true),
        ("Orléans", true),
        ("Dupont", false),
        ("ARS", true),
        ("l'Aubépine", true),
        ("Saint Jean", true),
        ("Hélène", true),
        ("ǆ", false),
    ];
    Matcher::from_entries(
        entries
            .iter()
            .enumerate()
            .map(|(i, (o, whole))| Entry {
                original: (*o).into(),
                pseudonym: format!("P{i}"),
                category: Category::Other,
                whole_word: *whole,
            })
            .collect(),
    )
}

fn piece() -> impl Strategy<Value = String> {
    let pieces = vec![
        "Martin",
        "MARTIN",
        "martine",
        "Saint-",
        "saint",
        "-",
        " ",
        "\u{a0}",
        "\n",
        "d'",
        "d’",
        "l’",
        "Orle",
        "\u{301}",
        "ans",
        "ORLÉANS",
        "Dupontel",
        "ars",
        "ARS",
        "mars",
        "Aubépine",
        "aube\u{301}pine",
        "Jean",
        "He\u{301}le\u{300}ne",
        "hélène",
        "Ǆ",
        "ǅ",
        "İ",
        "é",
        "«",
        "»",
        "œ",
        "x",
        // Edges: marks that fold to nothing (BMP and astral), letters and digits outside
        // ASCII and the BMP, other spaces and apostrophes.
        "\u{10a38}",
        "\u{1d165}",
        "\u{345}",
        "\u{fe0f}",
        "\u{200d}",
        "¹",
        "1",
        "𝐀",
        "😀",
        "ß",
        "\u{202f}",
        "\t",
        "ʼ",
        "‘",
        "′",
        "'",
    ];
    prop_oneof![
        prop::sample::select(pieces).prop_map(str::to_owned),
        "\\PC{1,3}",
    ]
}

proptest! {
    #[test]
    fn finds_what_the_first_matcher_found(pieces in prop::collection::vec(piece(), 0..24)) {
        let text: String = pieces.concat();
        let m = matcher();
        prop_assert_eq!(m.find(&text), find_reference(&m, &text));
        // Replaced in place (probed first when short) as when copied piece by piece.
        prop_assert_eq!(m.apply(&text), m.replace(&text).0);
    }
}

proptest! {
    #[test]
    fn long_texts_searched_with_the_prefilter_find_the_same(
        pieces in prop::collection::vec(piece(), 1..24),
        filler in prop::sample::select(vec!["x", " ", "é", "mars ", "\u{301}"]),
    ) {
        // Past the one-pass length, the text is folded first and searched with the prefilter.
        let m = matcher();
        let middle: String = pieces.concat();
        let pad = filler.repeat(4500 / filler.len());
        let text = format!("{middle}{pad}{middle}{pad}{middle}");
        prop_assert!(text.len() > 9000);
        prop_assert_eq!(m.find(&text), find_reference(&m, &text));
        prop_assert_eq!(m.apply(&text), m.replace(&text).0);
    }

    #[test]
    fn the_default_automaton_finds_what_the_dfa_finds(pieces in prop::collection::vec(piece(), 0..24)) {
        let text: String = pieces.concat();
        let m = matcher();
        let few = Matcher::for_few_texts(m.entries().to_vec());
        prop_assert_eq!(few.find(&text), m.find(&text));
        prop_assert_eq!(
            few.may_occur_in_pieces(|put| put(&text)),
            m.may_occur_in_pieces(|put| put(&text))
        );
    }

    #[test]
    fn the_probe_says_what_the_folded_text_says(pieces in prop::collection::vec(piece(), 0..24)) {
        // Pieces folded and searched as they come, as the leak check reads a line.
        let m = matcher();
        let text: String = pieces.concat();
        let probed = m.may_occur_in_pieces(|put| pieces.iter().for_each(|p| put(p)));
        prop_assert_eq!(probed, m.may_occur_in_folded(fold(&text).as_bytes()));
        prop_assert!(probed || m.find(&text).is_empty());
    }
}

#[test]
fn an_empty_original_is_matched_everywhere_as_the_automaton_does() {
    // A relabelling matcher is not a key: nothing refuses an empty original there.
    let m = Matcher::from_entries(vec![
        Entry {
            original: String::new(),
            pseudonym: "Z".into(),
            category: Category::Other,
            whole_word: false,
        },
        Entry {
            original: "ars".into(),
            pseudonym: "P".into(),
            category: Category::Other,
            whole_word: true,
        },
    ]);
    for text in ["", "ars", "é ars\u{301}", "x"] {
        assert_eq!(m.find(text), find_reference(&m, text), "{text:?}");
        assert!(m.may_occur_in_pieces(|put| put(text)));
    }
}

#[test]
fn the_pre_check_passes_every_text_with_a_name_and_skips_the_others() {
    let m = matcher();
    let mut f = crate::anonymise::fold::Folded::default();
    for (text, has) in [
        ("venue d’ORLEANS hier", true),
        ("He\u{301}le\u{300}ne", true),
        ("au mois de mars", true), // a candidate, not a hit: searched exactly
        ("rien à signaler", false),
        ("", false),
    ] {
        crate::anonymise::fold::fold_into(text, &mut f, false);
        assert_eq!(m.may_occur_in_folded(&f.bytes), has, "{text:?}");
    }
    assert!(m.find("au mois de mars").is_empty());
    assert!(!Matcher::from_entries(Vec::new()).may_occur_in_folded(b"martin"));
}

#[test]
fn applying_in_place_copies_only_texts_with_a_name() {
    let m = matcher();
    let mut s = String::from("Dr MARTIN, d’Orléans, au mois de mars");
    assert!(m.apply_in_place(&mut s));
    assert_eq!(s, "Dr P0, d’P2, au mois de mars");
    let mut s = String::from("rien");
    assert!(!m.apply_in_place(&mut s));
    assert_eq!(m.apply("martin"), m.replace("martin").0);
}

#[test]
fn a_text_no_original_can_start_in_is_passed_at_a_glance() {
    let m = matcher();
    for t in ["E12", "00:12:03", "P3 - X7", ""] {
        assert!(!m.may_start_in(t), "{t:?}");
        assert!(m.find_to_apply(t).is_empty(), "{t:?}");
    }
    // A byte an original starts with (case folded), or any non-ASCII one, sends it on.
    for t in ["xMartin", "é", "ARS", "E12 ARS", "\u{2019}"] {
        assert!(m.may_start_in(t), "{t:?}");
        assert_eq!(m.find_to_apply(t), m.find(t), "{t:?}");
    }
    // An original that folds to nothing may start anywhere.
    let empty = Matcher::from_entries(vec![Entry {
        original: "\u{301}".into(),
        pseudonym: "X".into(),
        category: Category::Other,
        whole_word: false,
    }]);
    assert!(empty.may_start_in("E12"));
    assert_eq!(empty.find_to_apply("E12"), empty.find("E12"));
}

#[test]
fn several_names_in_one_text_are_replaced_in_one_writing_out() {
    let m = matcher();
    let mut s = String::from("MARTIN et Martin, puis l’ARS à Orléans");
    assert!(m.apply_in_place(&mut s));
    assert_eq!(s, "P0 et P0, puis l’P4 à P2");
    assert_eq!(s, m.replace("MARTIN et Martin, puis l’ARS à Orléans").0);
}
