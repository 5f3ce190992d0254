//! `verbatim export` on temp copies of the sample corpus: the annex in every format, checked for
//! content — headings in tree order, each verbatim once with its citation, filters, options,
//! escaping, spreadsheet neutralisation — and DOCX/ODT through LibreOffice to PDF text.

mod common;

use common::{ANNEX_VERBATIMS, Workspace, code_line, range_of};
use std::io::Read;
use std::path::{Path, PathBuf};

/// More coded passages: one overlapping the first of [`ANNEX_VERBATIMS`] (the two become one
/// verbatim), one more in the same source and node.
const MORE: &[(&str, &str, &str)] = &[
    (
        "E02",
        "au CHU, en cardiologie, pendant sept ans",
        "I - Parcours et exercice/I.A - Installation et trajectoire",
    ),
    (
        "E02",
        "L'autonomie, surtout.",
        "I - Parcours et exercice/I.A - Installation et trajectoire",
    ),
];

/// A verbatim across an interviewer's question (E02), coded under IV.C.
const ACROSS: (&str, &str, &str) = (
    "E02",
    "pendant sept ans, et puis je suis passée en libéral il y a dix ans.",
    "IV - Coopération interprofessionnelle/IV.C - Liens ville-hôpital",
);
const ACROSS_END: &str = "L'autonomie, surtout.";

/// The sample project with the codebook and the codings above (coder sg), one passage also
/// coded by a second coder (mb).
fn annex_project(ws: &Workspace) -> PathBuf {
    let p = ws.coded_sample();
    let mut lines: Vec<String> = ANNEX_VERBATIMS
        .iter()
        .chain(MORE)
        .map(|(l, n, node)| code_line(&p, l, n, node))
        .collect();
    let (s, _) = range_of(&p, ACROSS.0, ACROSS.1);
    let (_, e) = range_of(&p, ACROSS.0, ACROSS_END);
    lines.push(
        serde_json::json!({"source": ACROSS.0, "start": s, "end": e, "node": ACROSS.2}).to_string(),
    );
    ws.code_lines("sg", &lines);
    let (l, n, node) = ANNEX_VERBATIMS[1];
    ws.code_lines("mb", &[code_line(&p, l, n, node)]);
    p
}

fn export(ws: &Workspace, file: &str, args: &[&str]) -> PathBuf {
    let out = ws.path().join(file);
    ws.cmd()
        .args(["--project", "p", "export", "-o"])
        .arg(&out)
        .args(args)
        .assert()
        .success();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Asserts that `needles` appear in `text` in this order.
fn in_order(text: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        let at = text[from..]
            .find(n)
            .unwrap_or_else(|| panic!("{n:?} missing or out of order"));
        from += at + n.len();
    }
}

fn zip_entry(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Every top-level heading, node heading and verbatim of the sample annex, in order.
const SAMPLE_ORDER: &[&str] = &[
    "I - Parcours et exercice",
    "I.A - Installation et trajectoire",
    "J'ai commencé à l'hôpital, au CHU, en cardiologie, pendant sept ans",
    "L'autonomie, surtout.",
    "I.B - Organisation du travail",
    "Les deux soirs, oui, je les tiens",
    "I.C - Patientèle",
    "Alors c'est une patientèle assez âgée, hein.",
    "II - La CPTS vécue",
    "II.C.2 - Rôle de la coordinatrice",
    "On a recruté une coordinatrice",
    "IV - Coopération interprofessionnelle",
    "IV.C - Liens ville-hôpital",
    "pendant sept ans, et puis je suis passée en libéral",
    "V - Perspectives",
];

#[test]
fn markdown_has_the_tree_then_every_verbatim_once_with_its_citation() {
    let ws = Workspace::new();
    annex_project(&ws);
    let md = read(&export(&ws, "annexe.md", &[]));
    assert!(md.starts_with("---\ntitle: "), "a Pandoc title block");
    let tree_at = md.find("# Arbre de codage").unwrap();
    let body_at = md.find("# Verbatims par catégorie").unwrap();
    assert!(tree_at < body_at);
    let headings: Vec<&str> = SAMPLE_ORDER
        .iter()
        .copied()
        .filter(|s| s.contains(" - "))
        .collect();
    in_order(&md[tree_at..body_at], &headings);
    let body = &md[body_at..];
    in_order(body, SAMPLE_ORDER);
    assert!(body.contains("## I - Parcours et exercice {#n-"));
    assert!(body.contains("### I.A - Installation et trajectoire {#n-"));
    assert!(body.contains("#### II.C.2 - Rôle de la coordinatrice"));
    // The two overlapping codings are one verbatim; the one coded by two coders appears once.
    assert_eq!(body.matches("au CHU, en cardiologie").count(), 1);
    assert_eq!(
        body.matches("pendant sept ans").count(),
        2,
        "I.A once, IV.C once"
    );
    assert_eq!(body.matches("patientèle assez âgée").count(), 1);
    assert!(body.contains(
        "> « J'ai commencé à l'hôpital, au CHU, en cardiologie, pendant sept ans » (E02)"
    ));
    assert!(body.contains("*2 verbatims, 1 entretien*"));
    assert!(
        md.contains("(2 verbatims, 1 entretien)"),
        "I.A counts in the tree"
    );
    // The verbatim across the interviewer's question keeps it, with hard line breaks.
    assert!(body.contains("INT: Qu'est-ce qui vous a amenée au libéral ?\\\n> IDE2: L'autonomie"));
}

#[test]
fn html_has_the_tree_then_every_verbatim_once_with_its_citation() {
    let ws = Workspace::new();
    annex_project(&ws);
    let html = read(&export(&ws, "annexe.html", &[]))
        .replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let body = &html[html
        .find("<h1 id=\"verbatims\">")
        .expect("the verbatims heading")..];
    in_order(body, SAMPLE_ORDER);
    assert!(body.contains("\">I - Parcours et exercice</h2>"));
    assert!(body.contains("\">I.A - Installation et trajectoire</h3>"));
    assert!(body.contains("\">II.C.2 - Rôle de la coordinatrice</h4>"));
    for (label, needle, _) in ANNEX_VERBATIMS.iter().skip(1) {
        let cited = format!("<p>« {needle} » ({label})</p>");
        assert_eq!(body.matches(&cited).count(), 1, "{cited}");
    }
    assert_eq!(
        body.matches(
            "<p>« J'ai commencé à l'hôpital, au CHU, en cardiologie, pendant sept ans » (E02)</p>"
        )
        .count(),
        1,
        "the overlapping codings are one verbatim"
    );
    assert_eq!(
        body.matches("<blockquote>").count(),
        6,
        "six verbatims in all"
    );
}

#[test]
fn filters_select_the_verbatims_of_a_subtree_among_some_cases() {
    let ws = Workspace::new();
    annex_project(&ws);
    let md = read(&export(
        &ws,
        "mg.md",
        &[
            "--node",
            "I - Parcours et exercice",
            "--attr",
            "Profession=Médecin généraliste",
            "--skip-empty",
        ],
    ));
    assert!(
        md.contains("Alors c'est une patientèle assez âgée"),
        "E01 is a GP"
    );
    assert!(md.contains("Les deux soirs"), "E03 is a GP");
    assert!(!md.contains("L'autonomie"), "E02 is a nurse");
    assert!(
        !md.contains("I.A - Installation"),
        "empty once filtered: skipped"
    );
    assert!(!md.contains("II - La CPTS"), "outside the selected node");
    assert!(
        md.contains("## I - Parcours et exercice"),
        "the selected node is the top"
    );
    let md = read(&export(&ws, "case.md", &["--case", "E08", "--skip-empty"]));
    assert!(md.contains("On a recruté une coordinatrice"));
    assert!(!md.contains("patientèle assez âgée"));
    let md = read(&export(
        &ws,
        "role.md",
        &["--exclude-role", "participant", "--skip-empty"],
    ));
    assert!(
        !md.contains("> «"),
        "every verbatim starts in a participant's turn"
    );
    let md = read(&export(&ws, "coder.md", &["--coder", "mb", "--skip-empty"]));
    assert!(md.contains("patientèle assez âgée"));
    assert!(!md.contains("Les deux soirs"), "coded by sg only");
    let md = read(&export(
        &ws,
        "also.md",
        &[
            "--also-node",
            "IV - Coopération interprofessionnelle",
            "--skip-empty",
        ],
    ));
    assert!(
        md.contains("J'ai commencé à l'hôpital"),
        "I.A overlaps IV.C"
    );
    assert!(!md.contains("Les deux soirs"));
}

#[test]
fn codings_separated_only_by_white_space_join_only_with_join_adjacent() {
    let ws = Workspace::new();
    let p = annex_project(&ws);
    let file = ws.path().join("next.jsonl");
    let node = "I - Parcours et exercice/I.B - Organisation du travail";
    std::fs::write(
        &file,
        code_line(&p, "E03", "Le reste, c’est plus flou.", node),
    )
    .unwrap();
    ws.cmd()
        .args(["--project", "p", "code", "--jsonl"])
        .arg(&file)
        .assert()
        .success();
    let apart = read(&export(&ws, "apart.md", &["--speaker", "M3"]));
    assert!(
        apart.contains("> « Les deux soirs, oui, je les tiens, j’y tiens absolument. » (E03)")
            && apart.contains("> « Le reste, c’est plus flou. » (E03)"),
        "one verbatim per coding by default: {apart}"
    );
    let md = read(&export(
        &ws,
        "adj.md",
        &["--speaker", "M3", "--join-adjacent"],
    ));
    assert!(
        md.contains("« Les deux soirs, oui, je les tiens, j’y tiens absolument. Le reste, c’est plus flou. » (E03)"),
        "{md}"
    );
    assert!(
        !md.contains("L'autonomie"),
        "--speaker M3 keeps E03's participant only"
    );
}

#[test]
fn depth_rollup_order_and_numbering() {
    let ws = Workspace::new();
    annex_project(&ws);
    let md = read(&export(&ws, "d1.md", &["--depth", "1", "--no-counts"]));
    assert!(!md.contains("I.A - Installation"), "deeper nodes not shown");
    in_order(
        &md,
        &[
            "## I - Parcours et exercice",
            "patientèle assez âgée",
            "J'ai commencé",
            "L'autonomie",
            "Les deux soirs",
            "## II - La CPTS",
        ],
    );
    assert!(!md.contains("verbatims,"), "--no-counts");
    let md = read(&export(&ws, "roll.md", &["--rollup"]));
    let top = md.find("## I - Parcours et exercice {").unwrap();
    let child = md.find("### I.A").unwrap();
    assert!(
        md[top..child].contains("patientèle assez âgée"),
        "rolled up under the parent"
    );
    assert!(
        md[child..].contains("patientèle assez âgée"),
        "and under its own node"
    );
    let md = read(&export(
        &ws,
        "len.md",
        &[
            "--order",
            "length",
            "--node",
            "I - Parcours et exercice",
            "--depth",
            "1",
        ],
    ));
    in_order(
        &md,
        &[
            "J'ai commencé",
            "Les deux soirs",
            "patientèle assez âgée",
            "L'autonomie",
        ],
    );
    let md = read(&export(
        &ws,
        "attr.md",
        &[
            "--order",
            "attr:Tranche d'âge",
            "--depth",
            "1",
            "--node",
            "I - Parcours et exercice",
        ],
    ));
    in_order(
        &md,
        &["Les deux soirs", "J'ai commencé", "patientèle assez âgée"],
    );
    // Names carry numbers, so auto numbering adds none; a tree without them gets 1, 1.1…
    assert!(!md.contains("1 I - Parcours"));
    ws.cmd()
        .args(["--project", "p", "codebook", "add", "Émergents/Confiance"])
        .assert()
        .success();
    let md = read(&export(&ws, "num.md", &["--node", "Émergents"]));
    assert!(
        md.contains("## 1 Émergents") && md.contains("### 1.1 Confiance"),
        "{md}"
    );
    let md = read(&export(
        &ws,
        "nonum.md",
        &["--node", "Émergents", "--numbering", "none"],
    ));
    assert!(md.contains("## Émergents {"));
}

#[test]
fn citation_template_context_cut_interviewer_and_transcripts() {
    let ws = Workspace::new();
    annex_project(&ws);
    let md = read(&export(
        &ws,
        "cite.md",
        &[
            "--citation",
            "« {text} » ({case}, {attr:Profession}, {speaker}, tour {turn}, {time})",
            "--node",
            "II - La CPTS vécue",
            "--skip-empty",
        ],
    ));
    assert!(
        md.contains(
            "« On a recruté une coordinatrice, d'abord à quart temps, puis à mi-temps. » \
         (E08, Médecin généraliste, M8, tour "
        ),
        "{md}"
    );
    assert!(md.contains(", 00:02:44)"), "the turn's timestamp");
    let md = read(&export(
        &ws,
        "ctx.md",
        &[
            "--context",
            "3",
            "--max-chars",
            "30",
            "--node",
            "I - Parcours et exercice",
        ],
    ));
    assert!(md.contains("> *[…] libéral ? IDE2:*\\\n> « L'autonomie, surtout. » (E02)\\\n> *À l'hôpital, j'en […]*"), "{md}");
    assert!(
        md.contains("« Alors c'est une patientèle \\[…\\] » (E01)"),
        "{md}"
    );
    let md = read(&export(
        &ws,
        "noint.md",
        &[
            "--drop-interviewer",
            "--node",
            "IV - Coopération interprofessionnelle",
        ],
    ));
    assert!(!md.contains("amenée au libéral"), "the question is dropped");
    assert!(
        md.contains("des Landes. \\[…\\] IDE2: L'autonomie, surtout. » (E02)"),
        "{md}"
    );
    let md = read(&export(&ws, "tr.md", &["--transcripts", "--case", "E02"]));
    let tr = &md[md.find("# Retranscriptions").expect("transcripts annex")..];
    assert!(tr.contains("## E02"));
    assert!(!tr.contains("## E01"), "filtered by case");
    assert!(tr.contains("*Entretien : E02") || tr.contains("Profession : Infirmière libérale"));
    assert!(
        tr.contains("**INT :** Merci de me recevoir."),
        "{}",
        &tr[..400]
    );
    assert!(tr.contains("**2.** **INT :**") || tr.contains("**3.** **INT :**"));
}

#[test]
fn html_is_self_contained_with_anchors_and_escapes_transcript_markup() {
    let ws = Workspace::new();
    let p = ws.project();
    let file = ws.path().join("E1.txt");
    std::fs::write(
        &file,
        "Enquêteur : Et alors ?\nP1 : <script>alert('x')</script> & « guillemets »\n\
         Enquêteur : Et le tableur ?\nP1 : =HYPERLINK(\"http://x\") vraiment\n",
    )
    .unwrap();
    ws.cmd()
        .args(["--project", "p", "import"])
        .arg(&file)
        .assert()
        .success();
    ws.cmd()
        .args(["--project", "p", "codebook", "add", "Sécurité"])
        .assert()
        .success();
    for needle in [
        "<script>alert('x')</script> & « guillemets »",
        "=HYPERLINK(\"http://x\") vraiment",
    ] {
        let (s, e) = range_of(&p, "E1", needle);
        ws.cmd()
            .args([
                "--project",
                "p",
                "code",
                "E1",
                &s.to_string(),
                &e.to_string(),
                "Sécurité",
            ])
            .assert()
            .success();
    }
    let html = read(&export(&ws, "a.html", &[]));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "transcript markup stays text");
    assert!(
        html.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; « guillemets »")
    );
    assert!(
        !html.contains("src=") && !html.contains("<link"),
        "nothing fetched"
    );
    let anchor = html
        .split("<h2 id=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(
        html.contains(&format!("href=\"#{anchor}\"")),
        "the contents link to the heading"
    );
    // Spreadsheets: the formula is neutralised.
    let csv = read(&export(&ws, "a.csv", &[]));
    assert!(
        csv.contains("'=HYPERLINK(\"\"http://x\"\") vraiment"),
        "{csv}"
    );
    assert!(csv.starts_with("node_path,node,source,case,"));
    let fr = std::fs::read(export(&ws, "fr.csv", &["--csv-preset", "excel-fr"])).unwrap();
    assert!(fr.starts_with("\u{feff}node_path;node;source;case;".as_bytes()));
    let xlsx = export(&ws, "a.xlsx", &[]);
    let sheet = zip_entry(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "no formula cell");
    let strings = zip_entry(&xlsx, "xl/sharedStrings.xml");
    assert!(strings.contains("<t>=HYPERLINK("), "{strings}");
    assert!(zip_entry(&xlsx, "xl/styles.xml").contains("quotePrefix=\"1\""));
    // Markdown escapes it too.
    let md = read(&export(&ws, "a.md", &[]));
    assert!(md.contains("\\<script\\>alert('x')\\</script\\>"));
}

#[test]
fn csv_and_xlsx_have_one_row_per_verbatim_with_every_attribute() {
    let ws = Workspace::new();
    annex_project(&ws);
    let csv = read(&export(&ws, "a.csv", &[]));
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        head,
        [
            "node_path",
            "node",
            "source",
            "case",
            "Profession",
            "Sexe",
            "Tranche d'âge",
            "Région",
            "Structure",
            "Durée (min)",
            "speaker",
            "start",
            "end",
            "coder",
            "text"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(
        rows.len(),
        6,
        "6 verbatims: overlaps merged, two coders once"
    );
    let e01 = rows.iter().find(|r| &r[2] == "E01").unwrap();
    assert_eq!(&e01[0], "I - Parcours et exercice/I.C - Patientèle");
    assert_eq!(&e01[4], "Médecin généraliste");
    assert_eq!(&e01[10], "M1");
    let (s, e) = range_of(&ws.path().join("p"), "E01", ANNEX_VERBATIMS[1].1);
    assert_eq!(
        (&e01[11], &e01[12]),
        (s.to_string().as_str(), e.to_string().as_str())
    );
    assert_eq!(&e01[13], "mb, sg", "both coders");
    assert_eq!(&e01[14], ANNEX_VERBATIMS[1].1);
    let xlsx = export(&ws, "a.xlsx", &[]);
    let strings = zip_entry(&xlsx, "xl/sharedStrings.xml");
    for (_, needle, _) in ANNEX_VERBATIMS.iter().chain(&MORE[1..]) {
        assert!(
            strings.contains(&needle.replace('\'', "&apos;")) || strings.contains(needle),
            "{needle}"
        );
    }
    let sheet = zip_entry(&xlsx, "xl/worksheets/sheet1.xml");
    assert_eq!(sheet.matches("<row ").count(), 7, "header and 6 rows");
}

#[test]
fn a_verbatim_longer_than_a_cell_is_split_with_a_warning() {
    let ws = Workspace::new();
    let p = ws.project();
    let file = ws.path().join("long.txt");
    let long = "mot ".repeat(20_000);
    std::fs::write(&file, format!("P1 : {long}\n")).unwrap();
    ws.cmd()
        .args(["--project", "p", "import"])
        .arg(&file)
        .assert()
        .success();
    ws.cmd()
        .args(["--project", "p", "codebook", "add", "Long"])
        .assert()
        .success();
    ws.cmd()
        .args(["--project", "p", "code", "long", "5", "80003", "Long"])
        .assert()
        .success();
    let out = ws.path().join("l.xlsx");
    ws.cmd()
        .args(["--project", "p", "export", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains("split over 3 cells"));
    let sheet = zip_entry(&out, "xl/worksheets/sheet1.xml");
    assert!(zip_entry(&out, "xl/sharedStrings.xml").contains("text (3)"));
    assert!(sheet.contains("r=\"H2\""), "the third piece of the text");
    let _ = p;
}

#[test]
fn two_exports_are_byte_identical() {
    let ws = Workspace::new();
    annex_project(&ws);
    for f in ["docx", "odt", "xlsx", "md", "html", "csv"] {
        let a = std::fs::read(export(&ws, &format!("a.{f}"), &["--transcripts"])).unwrap();
        let b = std::fs::read(export(&ws, &format!("b.{f}"), &["--transcripts"])).unwrap();
        assert!(a == b, "{f} differs between two exports");
    }
}

#[test]
fn bad_options_are_one_sentence_and_write_nothing() {
    let ws = Workspace::new();
    annex_project(&ws);
    for (args, says) in [
        (vec!["--format", "pdf"], "--format 'pdf'"),
        (vec!["--citation", "« {texte} »"], "{texte}"),
        (vec!["--citation", "{attr:Âge}"], "'Âge'"),
        (vec!["--order", "attr:Âge"], "'Âge'"),
        (vec!["--order", "alpha"], "--order 'alpha'"),
        (vec!["--node", "Nulle part"], "Nulle part"),
        (vec!["--depth", "0"], "--depth"),
        (vec!["--numbering", "roman"], "--numbering"),
        (vec!["--attr", "Âge=40"], "Âge"),
    ] {
        let out = ws.path().join("bad.md");
        ws.cmd()
            .args(["--project", "p", "export", "-o"])
            .arg(&out)
            .args(&args)
            .assert()
            .code(1)
            .stderr(predicates::str::contains(says));
        assert!(!out.exists(), "{args:?} wrote a file");
    }
    ws.cmd()
        .args(["--project", "p", "export", "-o", "annexe.pdf"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("--format"));
    ws.cmd()
        .args(["--project", "p", "export", "-o", "no/such/folder/a.md"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no/such/folder"));
}
