use super::*;
use proptest::prelude::*;

fn key(entries: &[(&str, &str, bool)]) -> Key {
    let mut k = Key::default();
    for (o, p, whole) in entries {
        k.add(Entry {
            original: (*o).into(),
            pseudonym: (*p).into(),
            category: Category::Other,
            whole_word: *whole,
        })
        .unwrap();
    }
    k
}

#[test]
fn matches_ignore_case_and_accents_and_respect_word_boundaries() {
    let m = key(&[("Martin", "Bernard", true), ("Orléans", "Ville-A", true)]).matcher();
    assert_eq!(
        m.apply("Le Dr martin, de Martine, vit à ORLEANS et à orléans."),
        "Le Dr Bernard, de Martine, vit à VILLE-A et à Ville-A."
    );
    assert_eq!(m.apply("Martins Martinez"), "Martins Martinez");
    assert_eq!(m.apply("Martin"), "Bernard");
}

#[test]
fn matches_inside_elisions_with_both_apostrophes() {
    let m = key(&[
        ("Orléans", "Ville-A", true),
        ("Hôtel-Dieu", "Hôpital-B", true),
    ])
    .matcher();
    assert_eq!(
        m.apply("Je viens d'Orléans, l’Hôtel-Dieu d’orleans."),
        "Je viens d'Ville-A, l’Hôpital-B d’Ville-A."
    );
    let m = key(&[("l'Aubépine", "la Maison", true)]).matcher();
    assert_eq!(m.apply("à l’aubepine."), "à la Maison.");
}

#[test]
fn white_space_of_any_kind_matches_a_space_and_nfd_text_matches() {
    let m = key(&[("Saint Jean", "Ville-C", true)]).matcher();
    assert_eq!(m.apply("à Saint\u{a0}Jean"), "à Ville-C");
    assert_eq!(m.apply("à SAINT JEAN"), "à VILLE-C");
    let m = key(&[("Hélène", "Anne", true)]).matcher();
    // Decomposed accents still match (the text outside the name is left as it was).
    assert_eq!(m.apply("He\u{301}le\u{300}ne dit"), "Anne dit");
}

#[test]
fn partial_entries_match_inside_words_and_longest_wins() {
    let m = key(&[("Dupont", "X", false)]).matcher();
    assert_eq!(m.apply("les Dupontel"), "les Xel");
    let m = key(&[("Martin", "B", true), ("Saint-Martin", "Ville-D", true)]).matcher();
    assert_eq!(m.apply("à Saint-Martin, Martin"), "à Ville-D, B");
}

#[test]
fn hits_are_byte_ranges_on_the_original_text() {
    let m = key(&[("Élodie", "Anne", true)]).matcher();
    let text = "« Élodie » et élodie";
    let hits = m.find(text);
    assert_eq!(hits.len(), 2);
    assert_eq!(&text[hits[0].start..hits[0].end], "Élodie");
    assert_eq!(&text[hits[1].start..hits[1].end], "élodie");
}

#[test]
fn offsets_move_through_replacements() {
    let m = key(&[("Martin", "Jo", true)]).matcher();
    //          0123456789012345678
    let text = "Dr Martin et Martin.";
    let (new, edits) = m.replace(text);
    assert_eq!(new, "Dr Jo et Jo.");
    let map = OffsetMap::new(&edits);
    assert_eq!((map.start(0), map.end(2)), (0, 2)); // before: unchanged
    assert_eq!((map.start(3), map.end(9)), (3, 5)); // the name itself
    assert_eq!((map.start(5), map.end(7)), (3, 5)); // inside the name: the whole pseudonym
    assert_eq!((map.start(10), map.end(12)), (6, 8)); // "et", shifted
    assert_eq!(map.end(20), 12);
}

#[test]
fn an_empty_key_changes_nothing() {
    let m = Key::default().matcher();
    assert!(m.is_empty());
    assert_eq!(m.apply("Martin"), "Martin");
    assert!(m.find("Martin").is_empty());
}

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "Martin",
        "martin",
        "Martine",
        "ORLÉANS",
        "d'Orléans",
        "l’Orleans",
        "é",
        "œuvre",
        " ",
        "\u{a0}",
        ",",
        "\n",
        "Dupont",
        "dupontel",
        "«",
        "»",
        "a",
        "Saint-Martin",
    ])
    .prop_map(str::to_owned)
}

fn sample_key() -> Key {
    key(&[
        ("Martin", "Bé", true),
        ("Orléans", "Ville-Longue-A", true),
        ("Dupont", "X", false),
        ("Saint-Martin", "S", true),
    ])
}

proptest! {
    #[test]
    fn replacing_is_idempotent_and_leaves_no_original(words in prop::collection::vec(word(), 0..30)) {
        let text: String = words.concat();
        let m = sample_key().matcher();
        let once = m.apply(&text);
        prop_assert!(m.find(&once).is_empty(), "left an original in {once:?}");
        prop_assert_eq!(m.apply(&once), once);
    }

    #[test]
    fn edits_describe_the_new_text_exactly(words in prop::collection::vec(word(), 0..30)) {
        let text: String = words.concat();
        let m = sample_key().matcher();
        let (new, edits) = m.replace(&text);
        let old: Vec<char> = text.chars().collect();
        let new_chars: Vec<char> = new.chars().collect();
        let map = OffsetMap::new(&edits);
        // Every unreplaced character maps onto the same character.
        let mut e = 0;
        for (i, c) in old.iter().enumerate() {
            while e < edits.len() && edits[e].old_end <= i { e += 1; }
            let inside = e < edits.len() && edits[e].old_start <= i;
            if !inside {
                let j = map.start(i);
                prop_assert_eq!(new_chars[j], *c);
                prop_assert_eq!(map.end(i + 1), j + 1);
            }
        }
        // Each edit's new range holds the pseudonym; ranges stay in order within the text.
        for ed in &edits {
            prop_assert!(ed.new_start + ed.new_len <= new_chars.len());
            prop_assert_eq!(map.start(ed.old_start), ed.new_start);
            prop_assert_eq!(map.end(ed.old_end), ed.new_start + ed.new_len);
        }
        prop_assert_eq!(map.end(old.len()), new_chars.len());
        // Both maps keep order, and a non-empty range stays non-empty.
        for a in 0..old.len() {
            prop_assert!(map.start(a) <= map.start(a + 1));
            prop_assert!(map.end(a) <= map.end(a + 1));
            prop_assert!(map.start(a) < map.end(a + 1));
        }
    }
}

#[test]
fn suggests_titles_places_structures_speakers_and_capitalised_words() {
    let text = "M3 : J'ai vu le Dr Martin hier, puis Madame Leroy, et le docteur Faure.\n\
        E : Vous étiez à Montclar ?\n\
        M3 : Oui, au CHU de Tours, rue des Lilas, avec Paul et Dr Martin. Je viens d'Orléans.\n\
        Alors voilà.";
    let known = key(&[("Leroy", "A", true)]).matcher();
    let found = suggest(
        &[("E03", text)],
        &[("M3", "E03"), ("Jeanne Petit", "E03")],
        &known,
    );
    let get = |t: &str| found.iter().find(|c| c.text == t);
    let dr = get("Dr Martin").expect("title");
    assert_eq!((dr.kind, dr.count), (Kind::Title, 2));
    assert_eq!(dr.source, "E03");
    assert!(
        dr.example.contains("vu le Dr Martin hier"),
        "{}",
        dr.example
    );
    assert_eq!(get("Montclar").unwrap().kind, Kind::Place);
    assert_eq!(get("Orléans").unwrap().kind, Kind::Place);
    assert_eq!(get("CHU de Tours").unwrap().kind, Kind::Structure);
    assert_eq!(get("rue des Lilas").unwrap().kind, Kind::Structure);
    assert_eq!(get("Paul").unwrap().kind, Kind::Capitalised);
    assert_eq!(get("docteur Faure").unwrap().kind, Kind::Title);
    assert_eq!(get("Jeanne Petit").unwrap().kind, Kind::Speaker);
    // Sentence and turn starts, codes, and what the key already has are left out.
    for absent in [
        "Alors",
        "Oui",
        "Vous",
        "Je",
        "M3",
        "Madame Leroy",
        "Leroy",
        "J",
    ] {
        assert!(get(absent).is_none(), "{absent} was suggested: {found:?}");
    }
    // Sorted by count first.
    assert_eq!(found[0].text, "Dr Martin");
}
