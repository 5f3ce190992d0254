//! The demo project's codings and memos: two invented coders, `claire` and `marc`, code the
//! participants' sentences of the sample interviews from a keyword grid per node, and a few
//! memos say what a researcher would note, so every analysis view (overview, matrix,
//! co-occurrence, word frequency, agreement, saturation, report) shows something on first run.
//!
//! Invariants: deterministic (the same corpus gives the same codings, in the same order); only
//! participants' turns are coded; `marc` agrees with `claire` on most sentences and differs by
//! rule on some (skips one, codes the whole turn, codes the next sentence too), so agreement is
//! high but not perfect; everything is written through `Session` in the build folder.

use crate::error::Result;
use crate::memo::Target;
use crate::model::Role;
use crate::session::{BatchItem, Session};
use crate::text::turns;
use std::path::Path;

/// The two demo coders.
pub const CODERS: [&str; 2] = ["claire", "marc"];

/// At most this many codings of one node in one interview (per coder).
const PER_SOURCE: usize = 5;

/// Leaf node paths of the sample codebook and the (lowercase) words that call for them.
const GRID: &[(&str, &[&str])] = &[
    (
        "I - Parcours et exercice/I.A - Installation et trajectoire",
        &[
            "installé",
            "installation",
            "j'ai commencé",
            "remplaç",
            "diplôm",
        ],
    ),
    (
        "I - Parcours et exercice/I.B - Organisation du travail",
        &["tournée", "journée", "planning", "secrétari", "horaires"],
    ),
    (
        "I - Parcours et exercice/I.C - Patientèle",
        &[
            "patientèle",
            "personnes âgées",
            "mes patients",
            "file active",
        ],
    ),
    (
        "II - La CPTS vécue/II.A - Découverte et engagement",
        &["entendu parler", "adhér", "engag", "découvert", "assemblée"],
    ),
    (
        "II - La CPTS vécue/II.B - Freins/II.B.1 - Manque de temps",
        &[
            "pas le temps",
            "le soir",
            "débordé",
            "courir",
            "pas de temps",
        ],
    ),
    (
        "II - La CPTS vécue/II.B - Freins/II.B.2 - Territoire trop grand",
        &["territoire", "kilomètres", "trop grand", "trop loin"],
    ),
    (
        "II - La CPTS vécue/II.B - Freins/II.B.3 - Lourdeur administrative",
        &["administrati", "paperasse", "formulaire", "dossier"],
    ),
    (
        "II - La CPTS vécue/II.B - Freins/II.B.4 - Financement fragile",
        &["financ", "argent", "indemnis", "budget", "subvention"],
    ),
    (
        "II - La CPTS vécue/II.B - Freins/II.B.5 - Participation concentrée",
        &["toujours les mêmes", "noyau", "les mêmes"],
    ),
    (
        "II - La CPTS vécue/II.C - Leviers/II.C.1 - Interconnaissance",
        &["se connaître", "connais", "visage", "se voir"],
    ),
    (
        "II - La CPTS vécue/II.C - Leviers/II.C.2 - Rôle de la coordinatrice",
        &["coordinatrice", "coordination"],
    ),
    (
        "II - La CPTS vécue/II.C - Leviers/II.C.3 - Outils numériques",
        &[
            "messagerie",
            "logiciel",
            "numérique",
            "whatsapp",
            "plateforme",
        ],
    ),
    (
        "II - La CPTS vécue/II.C - Leviers/II.C.4 - Crise sanitaire",
        &["covid", "crise", "confinement", "masques"],
    ),
    (
        "III - Missions/III.A - Accès au médecin traitant",
        &["médecin traitant", "sans médecin"],
    ),
    (
        "III - Missions/III.B - Soins non programmés",
        &["non programmé", "créneau", "sans rendez-vous", "urgence"],
    ),
    (
        "III - Missions/III.C - Parcours",
        &["parcours", "sortie d'hospitalisation", "hospitalisation"],
    ),
    (
        "III - Missions/III.D - Prévention",
        &["prévention", "dépistage", "vaccination", "éducation"],
    ),
    (
        "IV - Coopération interprofessionnelle/IV.A - Protocoles et délégation de tâches",
        &["protocole", "délégation", "délégu"],
    ),
    (
        "IV - Coopération interprofessionnelle/IV.B - Tensions et rapports de pouvoir",
        &["tension", "pouvoir", "conflit", "méfian", "hiérarchie"],
    ),
    (
        "IV - Coopération interprofessionnelle/IV.C - Liens ville-hôpital",
        &["hôpital", "chu", "urgences"],
    ),
    (
        "V - Perspectives/V.A - Relève et attractivité",
        &["relève", "jeunes", "retraite", "attractiv", "internes"],
    ),
    (
        "V - Perspectives/V.B - Pérennité du modèle",
        &["pérenn", "avenir", "dans dix ans", "durer"],
    ),
];

/// A sentence of a participant's turn, in code points, with its turn's range.
struct Sentence {
    source: String,
    start: usize,
    end: usize,
    turn: (usize, usize),
    lower: String,
}

/// Codes the demo project in `dir` (already imported, with its codebook) and writes its memos.
pub fn code_demo(dir: &Path) -> Result<()> {
    let mut session = Session::open_writer(dir)?;
    let sentences = participant_sentences(&session)?;
    let (first, second) = codings(&sentences);
    session.code_batch(CODERS[0], &first)?;
    session.code_batch(CODERS[1], &second)?;
    write_memos(&mut session)
}

fn participant_sentences(session: &Session) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    for meta in session.project().sources() {
        let text = session.text(meta.id)?;
        let chars: Vec<char> = text.text.chars().collect();
        for u in turns::source_units(meta, &text.text) {
            let role = u.speaker.map(|i| meta.speakers[i].role);
            if role == Some(Role::Interviewer) || u.speaker.is_none() {
                continue;
            }
            let body = text.index.cp_of(u.body_start).unwrap_or(0);
            let end = text.index.cp_of(u.end).unwrap_or(chars.len());
            let mut start = body;
            for i in body..end {
                let stop = matches!(chars[i], '.' | '?' | '!' | '…')
                    && chars.get(i + 1).is_none_or(|c| c.is_whitespace());
                if stop || i + 1 == end {
                    while start < i && chars[start].is_whitespace() {
                        start += 1;
                    }
                    if i + 1 - start > 20 {
                        let s: String = chars[start..=i].iter().collect();
                        out.push(Sentence {
                            source: meta.label.clone(),
                            start,
                            end: i + 1,
                            turn: (body, end),
                            lower: s.to_lowercase(),
                        });
                    }
                    start = i + 1;
                }
            }
        }
    }
    Ok(out)
}

/// The two coders' batches: `claire` codes every sentence that holds a word of a node (at most
/// [`PER_SOURCE`] per node and interview); `marc` follows her except by rule on some.
/// A coder's batch: (line, item), as `Session::code_batch` takes it.
type Batch = Vec<(usize, BatchItem)>;

fn codings(sentences: &[Sentence]) -> (Batch, Batch) {
    let (mut first, mut second) = (Vec::new(), Vec::new());
    let mut used: std::collections::HashMap<(&str, usize), usize> = Default::default();
    let item = |s: &Sentence, (start, end): (usize, usize), node: &str| BatchItem {
        source: s.source.clone(),
        start,
        end,
        node: node.to_owned(),
    };
    for (i, s) in sentences.iter().enumerate() {
        for (n, (node, words)) in GRID.iter().enumerate() {
            if !words.iter().any(|w| s.lower.contains(w)) {
                continue;
            }
            let count = used.entry((s.source.as_str(), n)).or_default();
            if *count >= PER_SOURCE {
                continue;
            }
            *count += 1;
            first.push((first.len() + 1, item(s, (s.start, s.end), node)));
            match (i * 7 + n * 3) % 10 {
                0 => {} // marc did not see it
                1 => second.push((second.len() + 1, item(s, s.turn, node))),
                2 => {
                    second.push((second.len() + 1, item(s, (s.start, s.end), node)));
                    if let Some(next) = sentences.get(i + 1).filter(|x| x.source == s.source) {
                        second.push((second.len() + 1, item(next, (next.start, next.end), node)));
                    }
                }
                _ => second.push((second.len() + 1, item(s, (s.start, s.end), node))),
            }
        }
    }
    (first, second)
}

fn write_memos(session: &mut Session) -> Result<()> {
    session.add_memo(
        Target::Project,
        "Question de recherche : comment les professionnels de ville vivent-ils leur CPTS ? \
         Grille a priori (cpts-grille), codage en double par Claire et Marc, puis mise en \
         commun des désaccords avant l'analyse transversale.",
    )?;
    let node_memos = [
        (
            "II - La CPTS vécue/II.B - Freins/II.B.1 - Manque de temps",
            "Le manque de temps revient chez presque tous les libéraux ; à croiser avec la \
             profession dans la matrice (les médecins en parlent plus que les pharmaciennes ?).",
        ),
        (
            "II - La CPTS vécue/II.C - Leviers/II.C.2 - Rôle de la coordinatrice",
            "Définition : tout passage où la coordinatrice est décrite comme facilitatrice, \
             relais ou « cheville ouvrière ». Désaccords Claire/Marc à revoir ensemble.",
        ),
        (
            "III - Missions/III.B - Soins non programmés",
            "Souvent associé aux liens ville-hôpital (cooccurrence à vérifier).",
        ),
    ];
    for (path, text) in node_memos {
        let id = session.codebook().resolve(path)?;
        session.add_memo(Target::Node(id), text)?;
    }
    let source_memos = [
        (
            "E02",
            "Entretien au cabinet, interrompu deux fois par le téléphone. Très à l'aise.",
        ),
        (
            "E06",
            "La coordinatrice parle avec recul ; attention au discours institutionnel.",
        ),
    ];
    for (label, text) in source_memos {
        if let Ok(id) = session.source_id(label) {
            session.add_memo(Target::Source(id), text)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Dirs;

    #[test]
    fn the_demo_is_coded_by_two_coders_who_mostly_agree_and_has_memos() {
        let tmp = tempfile::tempdir().unwrap();
        let dirs = Dirs {
            config: tmp.path().join("config"),
            data: tmp.path().join("data"),
        };
        let root = crate::demo::ensure_demo(&dirs, false).unwrap();
        let s = Session::open(&root).unwrap();
        let per_coder = |c: &str| s.codings().all().filter(|(k, _, _)| *k == c).count();
        let (a, b) = (per_coder(CODERS[0]), per_coder(CODERS[1]));
        assert!(a >= 150 && b >= 150, "a few hundred codings: {a} + {b}");
        let nodes: std::collections::HashSet<_> =
            s.codings().all().map(|(_, _, c)| c.node).collect();
        assert!(nodes.len() >= GRID.len() - 3, "most nodes: {}", nodes.len());
        let sel = crate::analysis::Selection::from_session(&s, &Default::default()).unwrap();
        let opts = crate::analysis::agreement::Options {
            coders: CODERS.iter().map(|c| c.to_string()).collect(),
            nodes: Vec::new(),
            unit: crate::analysis::agreement::ItemUnit::Char,
            exclude_uncoded: false,
        };
        let agreement = crate::analysis::agreement::agreement(&sel, &opts);
        let kappa = agreement.overall.unwrap().kappa.unwrap();
        assert!(
            (0.5..0.97).contains(&kappa),
            "high but not perfect: {kappa}"
        );
        eprintln!(
            "demo: {a} + {b} codings, {} nodes, kappa {kappa:.3}",
            nodes.len()
        );
        assert!(!agreement.disagreements.is_empty());
        assert!(s.memos().unwrap().len() >= 5);
    }
}
