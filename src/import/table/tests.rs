//! Tests of `import-table` on tables in the shapes real tools write (LimeSurvey, Google Forms,
//! French Excel CSV in Windows-1252 with `;`, a hand-made .xlsx with merged and empty cells), by
//! respondent and by column, and of its refusals.

use super::*;
use crate::model::SourceKind;
use crate::text::turns::split_units_as;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tables")
        .join(name)
}

fn opts(id: Option<&str>, text: &[&str]) -> TableOptions {
    TableOptions {
        id: id.map(str::to_owned),
        text: text.iter().map(|s| (*s).to_owned()).collect(),
        ..Default::default()
    }
}

fn plan_of(name: &str, o: &TableOptions) -> Result<Plan> {
    let path = fixture(name);
    plan(&path, &std::fs::read(&path).unwrap(), o)
}

fn attrs<'a>(p: &'a Plan, case: &str) -> Vec<(&'a str, &'a str)> {
    p.attributes
        .iter()
        .find(|(c, _)| c == case)
        .map(|(_, v)| v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect())
        .unwrap_or_default()
}

#[test]
fn limesurvey_by_respondent() {
    let o = opts(Some("id"), &["Q01", "Q02"]);
    let p = plan_of("limesurvey-responses.csv", &o).unwrap();
    let labels: Vec<&str> = p.sources.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["3", "7", "12"]);
    assert_eq!(p.without_answer, [("4".to_owned(), "line 4".to_owned())]);
    let s3 = &p.sources[0];
    assert_eq!(s3.kind, SourceKind::Document);
    assert_eq!(
        s3.text,
        "Q01. Qu'est-ce qui vous a amené à exercer en maison de santé ?\n\
         Le travail en équipe, surtout.\nEt la proximité du domicile.\n\n\
         Q02. Que changeriez-vous dans la coordination ?\n\
         Des réunions plus courtes, « au calme »."
    );
    // Only the question answered is in the text.
    assert!(
        p.sources[2]
            .text
            .contains("j'ai dit \"oui\" tout de suite.")
    );
    assert!(!p.sources[2].text.contains("Q02"));
    assert_eq!(
        attrs(&p, "3"),
        [
            ("submitdate", "2025-03-02 09:14:55"),
            ("lastpage", "3"),
            ("startlanguage", "fr"),
            ("seed", "1923"),
            ("Q00. Profession", "Infirmière"),
        ]
    );
}

#[test]
fn google_forms_without_id_numbers_respondents_and_by_column_makes_turns() {
    let mut o = opts(None, &["What do you like", "What would you change?"]);
    o.attrs = Some(vec!["Age range".into()]);
    let p = plan_of("google-forms.csv", &o).unwrap();
    let labels: Vec<&str> = p.sources.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["R1", "R2", "R4"]);
    assert_eq!(p.without_answer, [("R3".to_owned(), "line 6".to_owned())]);
    assert_eq!(attrs(&p, "R2"), [("Age range", "50-59")]);
    o.by_column = true;
    let p = plan_of("google-forms.csv", &o).unwrap();
    let labels: Vec<&str> = p.sources.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "What do you like most about your work?",
            "What would you change?"
        ]
    );
    let like = &p.sources[0];
    assert_eq!(like.kind, SourceKind::FocusGroup);
    let names: Vec<String> = like.speakers.iter().map(|s| s.name.clone()).collect();
    assert_eq!(names, ["R1", "R2", "R4"]);
    assert_eq!(like.speakers[1].case.as_deref(), Some("R2"));
    let units = split_units_as(&like.text, &names, &like.convention);
    let turns: Vec<(Option<usize>, &str)> = units
        .iter()
        .map(|u| (u.speaker, &like.text[u.body_start..u.end]))
        .collect();
    assert_eq!(
        turns,
        [
            (None, "What do you like most about your work?"),
            (Some(0), "Seeing patients get better, slowly."),
            (Some(1), "The team.\n\nAnd the coffee, honestly."),
            (Some(2), "Autonomy: I plan my own days."),
        ]
    );
}

#[test]
fn excel_french_semicolons_in_windows_1252_after_a_title_line() {
    let o = opts(Some("code"), &["Pourquoi ce métier ?", "Une journée type"]);
    let p = plan_of("excel-fr-cp1252.csv", &o).unwrap();
    let labels: Vec<&str> = p.sources.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["E01", "E02", "E04"]);
    assert_eq!(p.origins, ["line 3", "line 5", "line 8"]);
    assert_eq!(p.without_answer, [("E03".to_owned(), "line 6".to_owned())]);
    assert!(
        p.sources[0]
            .text
            .ends_with("Tournée à 6\u{a0}h, puis le cabinet.\nLe soir, l’administratif."),
        "{}",
        p.sources[0].text
    );
    assert!(p.sources[1].text.contains("« Vocation », comme on dit"));
    assert_eq!(attrs(&p, "E01"), [("Âge", "34"), ("Ville", "Brest")]);
    assert_eq!(p.attribute_names, ["Âge", "Ville"]);
}

#[test]
fn xlsx_with_merged_and_empty_cells() {
    let mut o = opts(
        Some("Répondant"),
        &["Ce qui vous aide", "Ce qui vous freine"],
    );
    o.prefix = Some("Q-".into());
    let p = plan_of("saisie-fusionnee.xlsx", &o).unwrap();
    let labels: Vec<&str> = p.sources.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["Q-B1", "Q-B2", "Q-S1", "Q-S3"]);
    assert_eq!(p.origins[0], "row 4");
    assert_eq!(p.without_answer, [("Q-S2".to_owned(), "row 7".to_owned())]);
    // The site merged over B1 and B2 goes to both; empty cells give no attribute.
    assert_eq!(
        attrs(&p, "Q-B2"),
        [("Site", "Brest"), ("Date", "2025-05-06")]
    );
    assert_eq!(
        attrs(&p, "Q-S1"),
        [
            ("Site", "Saint-Brieuc"),
            ("Ancienneté", "12"),
            ("Date", "2025-05-07 14:30")
        ]
    );
    assert_eq!(attrs(&p, "Q-S3")[0], ("Site", "Saint-Brieuc"));
    assert!(
        p.sources[2]
            .text
            .contains("Les locaux trop petits ;\nle bruit.")
    );
    // Another sheet by name; an unknown one is refused with the list.
    let mut o = opts(Some("code"), &["sens"]);
    o.sheet = Some("codes".into());
    assert_eq!(
        plan_of("saisie-fusionnee.xlsx", &o).unwrap().sources[0].label,
        "B"
    );
    o.sheet = Some("Feuil1".into());
    let err = plan_of("saisie-fusionnee.xlsx", &o)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("has no sheet named 'Feuil1'; its sheets are: Réponses, Codes"),
        "{err}"
    );
}

#[test]
fn bad_tables_are_refused_with_the_row_or_column() {
    let csv = |text: &str, o: &TableOptions| {
        plan(Path::new("t.csv"), text.as_bytes(), o)
            .unwrap_err()
            .to_string()
    };
    let o = opts(Some("id"), &["réponse"]);
    let err = csv("id,réponse\n1,oui\n2,non\n1,peut-être\n", &o);
    assert_eq!(
        err,
        "t.csv: line 4: respondent '1' appears twice (also line 2)"
    );
    let err = csv("id,réponse\n1,oui\n,non\n", &o);
    assert_eq!(
        err,
        "t.csv: line 3: the id (column 1) is empty though the row has an answer"
    );
    let err = csv("id,reponse\n1,oui\n", &opts(Some("id"), &["Réponse libre"]));
    assert!(err.contains("no column is named 'Réponse libre'"), "{err}");
    assert!(err.contains("column 2 'reponse'"), "{err}");
    let err = csv("id,réponse\n1,\n2,  \n", &o);
    assert!(
        err.contains("has no answer in the text column(s) 'réponse'"),
        "{err}"
    );
    let err = csv("id,réponse,âge,âge\n1,oui,3,4\n", &o);
    assert!(
        err.contains("column 3 and column 4 are both named 'âge'"),
        "{err}"
    );
    let err = plan(Path::new("t.xlsx"), b"not a zip", &o)
        .unwrap_err()
        .to_string();
    assert!(err.contains("could not be read as a spreadsheet"), "{err}");
    let err = plan(Path::new("t.pdf"), b"x", &o).unwrap_err().to_string();
    assert!(err.contains("is not a table verbatim reads"), "{err}");
}

#[test]
fn import_writes_sources_and_case_attributes_in_one_go() {
    let dir = tempfile::tempdir().unwrap();
    crate::Project::init(dir.path(), Some("t"), crate::model::Language::Fr).unwrap();
    let mut project = crate::Project::open_writer(dir.path()).unwrap();
    let o = opts(Some("code"), &["Pourquoi ce métier ?", "Une journée type"]);
    let path = fixture("excel-fr-cp1252.csv");
    let report = import_table(&mut project, &path, &o).unwrap();
    assert_eq!(report.sources, ["E01", "E02", "E04"]);
    assert_eq!(report.respondents, 3);
    assert_eq!(report.attributes, ["Âge", "Ville"]);
    let reopened = crate::Project::open(dir.path()).unwrap();
    assert_eq!(reopened.manifest.sources.len(), 3);
    assert_eq!(reopened.cases.rows["E02"]["Ville"], "Quimper");
    assert_eq!(reopened.source("E04").unwrap().case, "E04");
    // Again: refused whole, nothing changed.
    let err = import_table(&mut project, &path, &o)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 3: a source is already labelled 'E01'"),
        "{err}"
    );
    assert_eq!(
        crate::Project::open(dir.path())
            .unwrap()
            .manifest
            .sources
            .len(),
        3
    );
    // By column: one source per question, the respondents' cases shared.
    let mut o = o;
    o.by_column = true;
    let report = import_table(&mut project, &path, &o).unwrap();
    assert_eq!(report.sources, ["Pourquoi ce métier ?", "Une journée type"]);
    let q = crate::Project::open(dir.path()).unwrap();
    let s = q.source("Une journée type").unwrap();
    assert_eq!(s.speakers.len(), 3);
    assert_eq!(s.speakers[0].case.as_deref(), Some("E01"));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text shaped like survey exports: delimiters, quotes, line breaks, accents.
    fn table_like() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("id".to_owned()),
            Just("réponse".to_owned()),
            Just(";".to_owned()),
            Just(",".to_owned()),
            Just("\t".to_owned()),
            Just("\"".to_owned()),
            Just("\r\n".to_owned()),
            Just("\n".to_owned()),
            "[a-zA-Zé’' :0-9.?-]{0,12}",
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    fn check(p: &Plan) {
        assert_eq!(p.sources.len(), p.origins.len());
        for s in &p.sources {
            assert!(!s.text.trim().is_empty());
            assert_eq!(s.text, crate::text::normalize(&s.text));
        }
        let mut cases: Vec<&String> = p.attributes.iter().map(|(c, _)| c).collect();
        let n = cases.len();
        cases.sort();
        cases.dedup();
        assert_eq!(cases.len(), n, "a respondent twice");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn any_table_is_refused_or_planned(text in table_like(), by_column in any::<bool>(), with_id in any::<bool>()) {
            let mut o = opts(with_id.then_some("id"), &["réponse"]);
            o.by_column = by_column;
            if let Ok(p) = plan(Path::new("t.csv"), text.as_bytes(), &o) {
                check(&p);
            }
        }

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), xlsx in any::<bool>()) {
            let name = if xlsx { "t.xlsx" } else { "t.csv" };
            if let Ok(p) = plan(Path::new(name), &bytes, &opts(None, &["1"])) {
                check(&p);
            }
        }
    }
}
