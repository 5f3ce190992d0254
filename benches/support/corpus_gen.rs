//! A deterministic generator of French-like interview corpora for benchmarks and scale runs:
//! N transcripts of about W words with speaker turns (`Enquêteur : …`, `P12 : …`), accents,
//! elisions, « guillemets » with non-breaking spaces, non-verbal notes, a cases CSV, a codebook
//! of K nodes and C codings spread over the sources, written in the project format (DESIGN §3).
//!
//! Invariant: transcript `i` depends only on (seed, i, words), so the first documents of a large
//! corpus are identical to a small corpus generated with the same seed.

use std::fmt::Write as _;
use std::path::Path;

/// A small, fast, deterministic PRNG (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const OPENERS: &[&str] = &[
    "Alors",
    "Ben",
    "Euh",
    "Oui",
    "Non mais",
    "En fait",
    "Franchement",
    "Honnêtement",
    "Voilà,",
    "Disons que",
    "C'est vrai que",
    "Bah écoutez",
];
const SUBJECTS: &[&str] = &[
    "je",
    "on",
    "le médecin",
    "l'infirmière",
    "la coordinatrice",
    "les patients",
    "l'hôpital",
    "la CPTS",
    "nous",
    "les kinés",
    "le pharmacien",
];
const VERBS: &[&str] = &[
    "travaille",
    "organise",
    "appelle",
    "réfléchit à",
    "s'occupe de",
    "prépare",
    "découvre",
    "défend",
    "attend",
    "coordonne",
    "accompagne",
    "renouvelle",
];
const OBJECTS: &[&str] = &[
    "les soins non programmés",
    "l'accès aux soins",
    "la sortie d'hospitalisation",
    "le projet de santé",
    "les réunions du soir",
    "la messagerie sécurisée",
    "les personnes âgées",
    "le dépistage",
    "les protocoles de coopération",
    "l'équipe",
    "les créneaux",
    "la prévention des chutes",
    "le territoire",
    "les indicateurs",
];
const TAILS: &[&str] = &[
    "au quotidien",
    "depuis deux ans",
    "avec les collègues",
    "le soir après la journée",
    "sans être payé",
    "quand on a le temps",
    "dans les villages",
    "à Montclar",
    "à Saint-Étienne",
    "comme on peut",
    "pour les patients",
    "avec l'ARS",
];
const NOTES: &[&str] = &[
    "(rires)",
    "(silence)",
    "(soupir)",
    "[inaudible]",
    "(rires) (silence)",
];
const QUESTIONS: &[&str] = &[
    "Vous pouvez m'en dire plus ?",
    "Et concrètement, ça se passe comment ?",
    "Qu'est-ce qui a changé depuis ?",
    "Vous avez un exemple précis ?",
    "Et du côté des collègues ?",
    "Comment vous le vivez ?",
    "D'accord. Et ensuite ?",
];

/// One transcript of about `words` words.
pub fn transcript(seed: u64, index: usize, words: usize) -> String {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let typographic = index.is_multiple_of(4);
    let participant = format!("P{}", index + 1);
    let mut out = String::with_capacity(words * 7);
    let _ = writeln!(out, "Entretien n°{} — transcription intégrale", index + 1);
    let mut count = 0;
    while count < words {
        let q = rng.pick(QUESTIONS);
        let _ = writeln!(out, "Enquêteur : {}", typo(q, typographic));
        count += q.split_whitespace().count() + 1;
        let _ = write!(out, "{participant} : ");
        for _ in 0..(2 + rng.below(6)) {
            let mut s = format!(
                "{} {} {} {} {}",
                rng.pick(OPENERS),
                rng.pick(SUBJECTS),
                rng.pick(VERBS),
                rng.pick(OBJECTS),
                rng.pick(TAILS)
            );
            if rng.below(5) == 0 {
                s = format!(
                    "{s}, et il m'a dit « {} {} »",
                    rng.pick(SUBJECTS),
                    rng.pick(OBJECTS)
                );
            }
            if rng.below(6) == 0 {
                s.push(' ');
                s.push_str(rng.pick(NOTES));
            }
            s.push_str(if rng.below(8) == 0 { "… " } else { ". " });
            count += s.split_whitespace().count();
            out.push_str(&typo(&s, typographic));
        }
        out.push('\n');
    }
    out
}

fn typo(s: &str, typographic: bool) -> String {
    if !typographic {
        return s.to_owned();
    }
    s.replace('\'', "\u{2019}")
        .replace(" ?", "\u{a0}?")
        .replace(" :", "\u{a0}:")
        .replace("« ", "«\u{a0}")
        .replace(" »", "\u{a0}»")
}

/// Writes `n` transcripts (`E0001.txt`…) and `cases.csv` into `dir`; returns the bytes written.
pub fn write_corpus(dir: &Path, seed: u64, n: usize, words: usize) -> u64 {
    std::fs::create_dir_all(dir).expect("create corpus folder");
    let mut total = 0;
    let mut cases = String::from("case;Profession;Sexe;Région\n");
    const JOBS: &[&str] = &[
        "Médecin généraliste",
        "Infirmière",
        "Pharmacien",
        "Kinésithérapeute",
        "Coordinatrice",
    ];
    const REGIONS: &[&str] = &["Nord", "Sud", "Centre", "Ouest"];
    for i in 0..n {
        let text = transcript(seed, i, words);
        total += text.len() as u64;
        std::fs::write(dir.join(format!("E{:04}.txt", i + 1)), text).expect("write transcript");
        let _ = writeln!(
            cases,
            "E{:04};{};{};{}",
            i + 1,
            JOBS[i % JOBS.len()],
            if i.is_multiple_of(2) { "F" } else { "H" },
            REGIONS[i % REGIONS.len()]
        );
    }
    std::fs::write(dir.join("cases.csv"), cases).expect("write cases");
    total
}

/// A codebook of `k` nodes: `k / 10` themes (rounded up) each with sub-nodes, as template JSON.
pub fn codebook_template(k: usize) -> String {
    let themes = k.div_ceil(10).max(1);
    let mut nodes = Vec::new();
    let mut made = 0;
    for t in 0..themes {
        let mut children = Vec::new();
        made += 1;
        while made < k && children.len() < 9 {
            children.push(
                serde_json::json!({"name": format!("Sous-thème {}.{}", t + 1, children.len() + 1)}),
            );
            made += 1;
        }
        nodes.push(
            serde_json::json!({"name": format!("Thème {} — élément", t + 1), "children": children}),
        );
    }
    serde_json::to_string_pretty(&serde_json::json!({"format": 1, "nodes": nodes})).expect("json")
}

/// `c` codings spread over `n` sources of the given lengths (in code points), each as
/// (source index, start, end, node index among `k`).
pub fn codings(
    seed: u64,
    lengths: &[usize],
    k: usize,
    c: usize,
) -> Vec<(usize, usize, usize, usize)> {
    let mut rng = Rng::new(seed ^ 0xC0D1_9C0D);
    let mut out = Vec::with_capacity(c);
    for i in 0..c {
        let s = i % lengths.len();
        let len = lengths[s].max(2);
        let start = rng.below(len - 1);
        let end = (start + 20 + rng.below(400)).min(len);
        out.push((s, start, end, rng.below(k.max(1))));
    }
    out
}

/// Builds a project in `dir` with `n` generated transcripts of `words` words, a codebook of `k`
/// nodes and `c` codings spread over the sources (coder `gen`), through the library.
pub fn build_project(
    dir: &Path,
    seed: u64,
    n: usize,
    words: usize,
    k: usize,
    c: usize,
) -> std::path::PathBuf {
    use verbatim::session::{BatchItem, Session};
    let corpus = dir.join("corpus");
    write_corpus(&corpus, seed, n, words);
    let root = dir.join("project");
    let mut p =
        verbatim::Project::init(&root, Some("bench"), verbatim::model::Language::Fr).expect("init");
    verbatim::import::import_paths(
        &mut p,
        std::slice::from_ref(&corpus),
        &Default::default(),
        &|_, _| {},
    )
    .expect("import");
    p.import_cases(&corpus.join("cases.csv")).expect("cases");
    drop(p);
    let mut s = Session::open_writer(&root).expect("open");
    s.load_template(Path::new("gen.json"), codebook_template(k).as_bytes())
        .expect("codebook");
    let leaves: Vec<String> = s
        .codebook()
        .all_ids()
        .into_iter()
        .filter_map(|id| s.codebook().path_of(id))
        .collect();
    let sources: Vec<(String, usize)> = s
        .project()
        .sources()
        .iter()
        .map(|m| (m.label.clone(), 0))
        .collect();
    let lengths: Vec<usize> = sources
        .iter()
        .map(|(l, _)| s.text(s.source_id(l).unwrap()).unwrap().len())
        .collect();
    let items: Vec<(usize, BatchItem)> = codings(seed, &lengths, leaves.len(), c)
        .into_iter()
        .enumerate()
        .map(|(i, (src, start, end, node))| {
            (
                i + 1,
                BatchItem {
                    source: sources[src].0.clone(),
                    start,
                    end,
                    node: leaves[node].clone(),
                },
            )
        })
        .collect();
    s.code_batch("gen", &items).expect("codings");
    root
}
