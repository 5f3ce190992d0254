use super::*;

fn attrs() -> Vec<String> {
    ["Profession", "Sexe", "Tranche d'âge"]
        .map(String::from)
        .to_vec()
}

fn terms(text: &str) -> Vec<(Key, String)> {
    FilterExpr::parse(text, &attrs())
        .unwrap()
        .terms
        .into_iter()
        .map(|t| (t.key, t.value))
        .collect()
}

fn attr(name: &str, value: &str) -> (Key, String) {
    (Key::Attr(name.into()), value.into())
}

#[test]
fn quoted_and_unquoted_values_with_spaces() {
    let want = vec![attr("Profession", "Médecin généraliste")];
    assert_eq!(terms("Profession=\"Médecin généraliste\""), want);
    assert_eq!(terms("Profession=Médecin généraliste"), want);
    assert_eq!(terms("Profession=«\u{a0}Médecin généraliste\u{a0}»"), want);
    assert_eq!(terms("  Profession=Médecin   généraliste  "), want);
    assert_eq!(
        terms("Profession=Médecin généraliste role:participant Sexe=H"),
        vec![
            attr("Profession", "Médecin généraliste"),
            (Key::Role, "participant".into()),
            attr("Sexe", "H"),
        ]
    );
}

#[test]
fn every_key_and_its_quoted_form() {
    assert_eq!(
        terms(
            "case:E01 speaker:\"Dr Martin\" role:participant -role:interviewer coder:sg also:Freins/Temps"
        ),
        vec![
            (Key::Case, "E01".into()),
            (Key::Speaker, "Dr Martin".into()),
            (Key::Role, "participant".into()),
            (Key::ExcludeRole, "interviewer".into()),
            (Key::Coder, "sg".into()),
            (Key::Also, "Freins/Temps".into()),
        ]
    );
    assert_eq!(
        terms("also:II - Freins/Manque de temps"),
        vec![(Key::Also, "II - Freins/Manque de temps".into())]
    );
    assert_eq!(
        terms("speaker:Ph. 10:30"),
        vec![(Key::Speaker, "Ph. 10:30".into())]
    );
}

#[test]
fn attribute_names_with_spaces_and_apostrophes() {
    let want = vec![attr("Tranche d'âge", "40-50 ans")];
    assert_eq!(terms("Tranche d'âge=40-50 ans"), want);
    assert_eq!(terms("\"Tranche d'âge\"=\"40-50 ans\""), want);
    assert_eq!(
        terms("case:E02 Tranche d'âge=40-50 ans"),
        vec![
            (Key::Case, "E02".into()),
            attr("Tranche d'âge", "40-50 ans")
        ]
    );
    // Not a known name: the words stay with the previous value.
    assert_eq!(
        terms("speaker:Jean Paul X=1"),
        vec![(Key::Speaker, "Jean Paul".into()), attr("X", "1")]
    );
}

#[test]
fn syntax_errors_are_one_sentence_naming_the_text() {
    let err = |t: &str| FilterExpr::parse(t, &attrs()).unwrap_err().to_string();
    assert!(
        err("généraliste").contains("'généraliste'"),
        "{}",
        err("généraliste")
    );
    assert!(err("Profession=\"Médecin").contains("not closed"));
    assert!(err("case:").contains("no value"));
    assert!(err("=x").contains("name before '='"));
    assert!(FilterExpr::parse("", &attrs()).unwrap().is_empty());
}

#[test]
fn display_parses_back_to_the_same_terms() {
    for text in [
        "Profession=\"Médecin généraliste\" role:participant",
        "\"Tranche d'âge\"=\"40-50 ans\" case:E01 also:\"A/B c\"",
        "speaker:«Dit \"Jo\"»",
    ] {
        let e = FilterExpr::parse(text, &[]).unwrap();
        assert_eq!(FilterExpr::parse(&e.to_string(), &[]).unwrap(), e, "{text}");
    }
}

#[test]
fn flags_unquote_as_the_prompt_does() {
    let mut e = FilterExpr::default();
    e.attr_flag("Profession=\"Médecin généraliste\"").unwrap();
    e.attr_flag("Sexe = F").unwrap();
    e.push(Key::Case, "\"E01\"");
    assert_eq!(
        e.terms
            .iter()
            .map(|t| (t.key.clone(), t.value.clone()))
            .collect::<Vec<_>>(),
        vec![
            attr("Profession", "Médecin généraliste"),
            attr("Sexe", "F"),
            (Key::Case, "E01".into())
        ]
    );
    assert!(
        e.attr_flag("Sexe")
            .unwrap_err()
            .to_string()
            .contains("NAME=VALUE")
    );
}
