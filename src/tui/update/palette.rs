//! The command palette's matching: every word typed must be found, in any order, in the
//! action's name, its description (in the interface language and in English) or its
//! synonyms — the words a user coming from another tool would type (`new node`, `add child`,
//! `create code`). Accents and case are ignored.
//!
//! Invariant: an empty query lists every action in help order; matches keep that order.

use super::super::action::Action;
use super::super::state::AppState;
use crate::text::fold_for_match;

/// Extra words that find an action, English and French mixed.
fn synonyms(a: Action) -> &'static str {
    match a {
        Action::NodeAddChild => {
            "new node create code add child sub-node nouveau code créer sous-code enfant"
        }
        Action::NodeAddSibling => "new node create code add sibling nouveau code créer frère",
        Action::NodeRename => "rename node edit name renommer",
        Action::NodeDelete => "remove node erase supprimer effacer retirer",
        Action::NodeMerge => "merge combine join fusionner regrouper",
        Action::NodeDescribe => "description definition note décrire définition",
        Action::NodeColor => "colour color couleur",
        Action::Code => "tag apply node label coder étiqueter",
        Action::Uncode => "remove coding untag delete coding décoder enlever codage",
        Action::Memo => "note annotation comment commentaire mémo",
        Action::Export => "annex report word docx save file annexe rapport fichier",
        Action::Search => "find look text query chercher trouver",
        Action::PassagesFilter => "filter case attribute speaker role filtre cas attribut",
        Action::Undo => "undo revert back annuler défaire",
        Action::Redo => "redo again refaire",
        Action::JumpSource => "open source document file transcript ouvrir document",
        Action::Help => "keys shortcuts bindings aide touches raccourcis",
        Action::Quit => "exit close leave sortir fermer",
        Action::CodeHits => "code all every hit batch tout coder résultats",
        Action::Copy => "copy clipboard quote citation copier presse-papiers",
        Action::SourceRename => "rename source transcript document renommer source transcription",
        Action::SourceDelete => {
            "delete remove source transcript document supprimer retirer source transcription"
        }
        Action::SourceReplace => {
            "replace update corrected source file new version remplacer corrigé"
        }
        Action::SourceSpeakers | Action::SpeakerRole | Action::SpeakerCase => {
            "speakers roles interviewer participant case locuteurs rôles enquêteur cas"
        }
        Action::SpeakersRedetect | Action::SpeakersPattern => {
            "detect speakers again turns convention pattern regex détecter locuteurs tours motif"
        }
        Action::Import => {
            "import add files folder transcripts browse importer ajouter fichiers dossier"
        }
        Action::Projects => {
            "project new create open recent switch projet nouveau créer ouvrir récent changer"
        }
        Action::Check => {
            "check verify problems orphans moved integrity vérifier problèmes orphelins"
        }
        Action::Cases => {
            "cases table attributes variables classification demographics cas tableau attributs variables"
        }
        _ => "",
    }
}

/// Actions matching the palette query, in help order.
pub fn palette_matches(state: &AppState, query: &str) -> Vec<Action> {
    let words: Vec<String> = fold_for_match(query)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    Action::ALL
        .iter()
        .copied()
        .filter(|a| {
            let hay = fold_for_match(&format!(
                "{} {} {} {} {}",
                a.name().replace('_', " "),
                a.describe(state.french()),
                a.describe(false),
                synonyms(*a),
                state.ui.keymap.keys_for(*a).join(" ")
            ));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect()
}
