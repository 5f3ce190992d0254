//! The labels of the analysis views, in English and French (as [`super::i18n`] does for the
//! rest of the TUI).
//!
//! Invariant: every key has both languages (the match is exhaustive).

use super::i18n::Lang;

/// The texts of the analysis views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum A {
    Title,
    Overview,
    Matrix,
    Words,
    Agreement,
    Saturation,
    Node,
    Codings,
    Verbatims,
    Sources,
    Cases,
    WordsCoded,
    Share,
    SortedBy,
    CodebookOrder,
    Total,
    ColumnsBy,
    Occurrences,
    WordsOf,
    NeedTwoCoders,
    NothingCoded,
    Kappa,
    Percent,
    Alpha,
    UncodedCounted,
    UncodedLeftOut,
    Disagreements,
    NoDisagreement,
    CodedBy,
    NotBy,
    NewNodes,
    Cumulative,
    Interviews,
    OrderCoded,
    OrderLabel,
    Hints,
    ListHints,
    EmptyCell,
    Cooccurrence,
    BothWithin,
    SameText,
    SameTurn,
    SameInterview,
    Query,
    NewQuery,
    QueryPrompt,
    NoSavedQuery,
    QueryHints,
    QueryResultHints,
    Passages,
    CodeInto,
    QueryAnnex,
}

impl Lang {
    /// An analysis view's label in the interface language.
    pub fn a(self, key: A) -> &'static str {
        let (en, fr) = match key {
            A::Title => ("Analysis", "Analyse"),
            A::Overview => ("Overview", "Vue d'ensemble"),
            A::Matrix => ("Matrix", "Matrice"),
            A::Words => ("Word frequency", "Fréquence des mots"),
            A::Agreement => ("Agreement", "Accord intercodeurs"),
            A::Saturation => ("Saturation", "Saturation"),
            A::Node => ("Node", "Code"),
            A::Codings => ("codings", "codages"),
            A::Verbatims => ("verbatims", "verbatims"),
            A::Sources => ("sources", "sources"),
            A::Cases => ("cases", "cas"),
            A::WordsCoded => ("words", "mots"),
            A::Share => ("share", "part"),
            A::SortedBy => ("sorted by", "trié par"),
            A::CodebookOrder => ("codebook order", "ordre du livre de codes"),
            A::Total => ("Total", "Total"),
            A::ColumnsBy => ("columns:", "colonnes :"),
            A::Occurrences => ("occurrences of", "occurrences de"),
            A::WordsOf => ("words in the corpus", "mots dans le corpus"),
            A::NeedTwoCoders => (
                "Agreement needs the codings of two coders (switch coder with @ and code again)",
                "L'accord demande les codages de deux codeurs (changer de codeur avec @)",
            ),
            A::NothingCoded => (
                "Nothing is coded yet: code a passage, then come back",
                "Rien n'est encore codé : codez un passage, puis revenez",
            ),
            A::Kappa => ("kappa", "kappa"),
            A::Percent => ("agreement", "accord"),
            A::Alpha => ("Krippendorff's alpha", "alpha de Krippendorff"),
            A::UncodedCounted => (
                "text neither coder coded counts as agreement",
                "le texte codé par personne compte comme accord",
            ),
            A::UncodedLeftOut => (
                "text neither coder coded is left out",
                "le texte codé par personne est laissé de côté",
            ),
            A::Disagreements => ("Disagreements", "Désaccords"),
            A::NoDisagreement => ("no disagreement", "aucun désaccord"),
            A::CodedBy => ("coded by", "codé par"),
            A::NotBy => ("not by", "pas par"),
            A::NewNodes => ("new nodes", "codes nouveaux"),
            A::Cumulative => ("nodes used so far", "codes utilisés en tout"),
            A::Interviews => ("interviews", "entretiens"),
            A::OrderCoded => ("in the order coded", "dans l'ordre de codage"),
            A::OrderLabel => ("in label order", "dans l'ordre des noms"),
            A::Hints => (
                "Tab/⇧Tab view · ↑↓←→ move · Enter open · o option · Esc close",
                "Tab/⇧Tab vue · ↑↓←→ aller · Entrée ouvrir · o option · Échap fermer",
            ),
            A::ListHints => (
                "↑↓ passage · Enter go to it · Esc back",
                "↑↓ passage · Entrée y aller · Échap retour",
            ),
            A::EmptyCell => ("no passage here", "aucun passage ici"),
            A::Cooccurrence => ("Co-occurrence", "Cooccurrences"),
            A::BothWithin => ("both in", "les deux dans"),
            A::SameText => ("the same text", "le même passage"),
            A::SameTurn => ("the same turn", "le même tour de parole"),
            A::SameInterview => ("the same interview", "le même entretien"),
            A::Query => ("Coding query", "Requête de codage"),
            A::NewQuery => ("✎ Write a query…", "✎ Écrire une requête…"),
            A::QueryPrompt => (
                "Query (\"NODE\" AND|OR|NOT|NEAR[/N] \"NODE\", text:\"words\", parentheses)",
                "Requête (\"CODE\" AND|OR|NOT|NEAR[/N] \"CODE\", text:\"mots\", parenthèses)",
            ),
            A::NoSavedQuery => (
                "no saved query yet (verbatim query EXPR --save NAME saves one in queries/)",
                "aucune requête enregistrée (verbatim query EXPR --save NOM en garde une dans queries/)",
            ),
            A::QueryHints => (
                "↑↓ choose · Enter run (or write) · Q write · Tab view · Esc close",
                "↑↓ choisir · Entrée lancer (ou écrire) · Q écrire · Tab vue · Échap fermer",
            ),
            A::QueryResultHints => (
                "↑↓ passage · Enter go to it · c code into a new node · Q edit · Esc back",
                "↑↓ passage · Entrée y aller · c coder dans un nouveau code · Q modifier · Échap retour",
            ),
            A::Passages => ("passages", "passages"),
            A::CodeInto => (
                "Code the query's passages into the new node (path)",
                "Coder les passages de la requête dans le nouveau code (chemin)",
            ),
            A::QueryAnnex => (
                "export it as an annex: verbatim export --query NAME",
                "l'exporter en annexe : verbatim export --query NOM",
            ),
        };
        if self == Lang::Fr { fr } else { en }
    }

    /// A view's name.
    pub fn tab(self, tab: super::analysis_rows::Tab) -> &'static str {
        use super::analysis_rows::Tab;
        self.a(match tab {
            Tab::Overview => A::Overview,
            Tab::Matrix => A::Matrix,
            Tab::Words => A::Words,
            Tab::Agreement => A::Agreement,
            Tab::Saturation => A::Saturation,
            Tab::Cooccurrence => A::Cooccurrence,
            Tab::Query => A::Query,
        })
    }
}
