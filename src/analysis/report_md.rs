//! The methods report as Markdown, in French or English: short sentences and small tables a
//! methods section can take as they are.
//!
//! Invariant: every figure of [`Report`] appears; none is invented (a missing one is said so).

use super::report::Report;
use super::table::tr;
use crate::model::Language;
use std::fmt::Write;

pub fn markdown(r: &Report, project: &str, l: Language) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {} — {}\n",
        tr(l, "Methods report", "Rapport méthodologique"),
        project
    );
    let _ = writeln!(s, "## {}\n", tr(l, "Corpus", "Corpus"));
    let _ = writeln!(s, "- {}: {}", tr(l, "Sources", "Sources"), r.sources);
    let _ = writeln!(s, "- {}: {}", tr(l, "Cases", "Cas"), r.cases);
    let _ = writeln!(
        s,
        "- {}: {}",
        tr(l, "Words transcribed", "Mots transcrits"),
        r.words
    );
    match &r.durations {
        Some(d) => {
            let _ = writeln!(
                s,
                "- {} ({} « {} », {} {}): {:.0} min, {} {:.0} min",
                tr(l, "Duration", "Durée"),
                tr(l, "attribute", "attribut"),
                d.attribute,
                d.cases_with_value,
                tr(l, "cases with a value", "cas renseignés"),
                d.total_minutes,
                tr(l, "mean", "moyenne"),
                d.mean_minutes
            );
        }
        None => {
            let _ = writeln!(
                s,
                "- {}",
                tr(
                    l,
                    "Duration: no duration attribute",
                    "Durée : pas d'attribut de durée"
                )
            );
        }
    }
    let _ = writeln!(
        s,
        "\n## {}\n",
        tr(l, "Codebook and coding", "Grille et codage")
    );
    let levels: Vec<String> = r
        .nodes_per_level
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{} {}: {n}", tr(l, "level", "niveau"), i + 1))
        .collect();
    let _ = writeln!(
        s,
        "- {}: {} ({})",
        tr(l, "Nodes", "Nœuds"),
        r.nodes,
        levels.join(", ")
    );
    let _ = writeln!(s, "- {}: {}", tr(l, "Codings", "Codages"), r.codings);
    for (coder, n) in &r.codings_per_coder {
        let _ = writeln!(s, "  - {coder}: {n}");
    }
    let dash = "—".to_owned();
    let _ = writeln!(
        s,
        "- {}: {} → {}",
        tr(l, "First and last coding", "Premier et dernier codage"),
        r.first_coding.as_ref().unwrap_or(&dash),
        r.last_coding.as_ref().unwrap_or(&dash)
    );
    if let Some(a) = &r.agreement {
        let _ = writeln!(
            s,
            "- {} ({}; {}): {} {}, kappa {}",
            tr(l, "Intercoder agreement", "Accord intercodeurs"),
            a.coders.join(", "),
            tr(
                l,
                "over characters, uncoded text counted",
                "sur les caractères, texte non codé compté"
            ),
            a.percent
                .map_or(dash.clone(), |p| format!("{:.1} %", 100.0 * p)),
            tr(l, "agreement", "d'accord"),
            a.kappa.map_or(dash.clone(), |k| format!("{k:.3}"))
        );
    }
    if !r.attributes.is_empty() {
        let _ = writeln!(
            s,
            "\n## {}\n",
            tr(
                l,
                "Participants (case attributes)",
                "Participants (attributs des cas)"
            )
        );
        for d in &r.attributes {
            let values: Vec<String> = d.values.iter().map(|(v, n)| format!("{v} ({n})")).collect();
            let _ = writeln!(s, "- {}: {}", d.attribute, values.join(", "));
        }
    }
    s
}
