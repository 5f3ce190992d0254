//! Interface language: English or French, from the user config (`"language"` in config.json)
//! or `LANG`. Every label and message the TUI shows goes through [`Lang::t`]; action
//! descriptions live beside the actions.
//!
//! Invariant: every text key has both languages (the match is exhaustive).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
}

/// The texts of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    Sources,
    Codebook,
    Passages,
    Transcript,
    NoSource,
    Saved,
    Normal,
    Visual,
    Help,
    Palette,
    PickCode,
    PickMerge,
    PickUncode,
    NewNode,
    JumpSource,
    Rename,
    AddNode,
    Describe,
    JumpTo,
    Memo,
    Filter,
    YesNo,
    Coded,
    Uncoded,
    Undone,
    Redone,
    NothingToUndo,
    NothingToRedo,
    NoCodingHere,
    Copied,
    CopiedPseudonymised,
    KeyReviewTitle,
    KeyReviewHint,
    KeyEditHint,
    KeyEntries,
    KeyAdded,
    KeySkipped,
    KeyNoCandidates,
    KeyPerson,
    KeyPlace,
    KeyOrganisation,
    KeyOther,
    NoPassages,
    Orphans,
    Codings,
    Merged,
    Deleted,
    SelectFirst,
    NoNodeSelected,
    CutNode,
    Moved,
    Readonly,
    Search,
    NoHits,
    NoMoreMatches,
    Hits,
    Indexing,
    Exporting,
    ExportRunning,
    ExportTitle,
    ExportHint,
    NoFilter,
    MemosTitle,
    CaseLabel,
    NoMorePassages,
    CoderPrompt,
    CoderLabel,
    HelpEverywhere,
    HelpTextFields,
    HelpKeys,
    NoSourceSelected,
    RenameSource,
    ReplaceSource,
    SpeakerCasePrompt,
    SpeakerPatternPrompt,
    SpeakersTitle,
    SpeakersHint,
    PreviewHint,
    ConventionLabel,
    NoSpeakers,
    PreviewTitle,
    Unchanged,
    RoleInterviewer,
    RoleParticipant,
    RoleOther,
    AProject,
    FilesLeftOut,
    Marked,
    ImportTitle,
    ImportHint,
    PickFileHint,
    OpenFolder,
    OpenFolderHint,
    NewProject,
    NewProjectPrompt,
    ProjectsTitle,
    Current,
    ListHint,
    ReportHint,
    Importing,
}

impl Lang {
    /// From the user's config or `LANG` (`fr…` gives French).
    pub fn detect(config_language: Option<&str>) -> Self {
        let lang = config_language
            .map(str::to_owned)
            .or_else(|| std::env::var("LANG").ok())
            .unwrap_or_default();
        if lang.to_lowercase().starts_with("fr") {
            Self::Fr
        } else {
            Self::En
        }
    }

    pub fn t(self, key: T) -> &'static str {
        let fr = self == Self::Fr;
        let (en, fr_text) = match key {
            T::Sources => ("Sources", "Sources"),
            T::Codebook => ("Codebook", "Codes"),
            T::Passages => ("Passages", "Passages"),
            T::Transcript => ("Transcript", "Transcription"),
            T::NoSource => (
                "No source: import transcripts with `verbatim import`",
                "Aucune source : importez des transcriptions avec `verbatim import`",
            ),
            T::Saved => ("saved ✓", "enregistré ✓"),
            T::Normal => ("NORMAL", "NORMAL"),
            T::Visual => ("VISUAL", "SÉLECTION"),
            T::Help => ("Key bindings", "Raccourcis"),
            T::Palette => ("Command palette", "Palette de commandes"),
            T::PickCode => (
                "Code with… (type to filter, Enter to apply)",
                "Coder avec… (tapez pour filtrer, Entrée pour appliquer)",
            ),
            T::PickMerge => ("Merge into…", "Fusionner dans…"),
            T::PickUncode => ("Uncode which node?", "Décoder quel code ?"),
            T::NewNode => ("new node", "nouveau code"),
            T::JumpSource => ("Go to source…", "Aller à la source…"),
            T::Rename => ("Rename node", "Renommer le code"),
            T::AddNode => ("New node name", "Nom du nouveau code"),
            T::Describe => ("Description", "Description"),
            T::JumpTo => (
                "Go to position (code points)",
                "Aller à la position (caractères)",
            ),
            T::Memo => (
                "Memo (Enter: new line · ctrl-s: save · Esc: cancel)",
                "Mémo (Entrée : à la ligne · ctrl-s : enregistrer · Échap : annuler)",
            ),
            T::Filter => (
                "Filter passages: case:E01 Sexe=F speaker:M1 role:participant -role:interviewer coder:sg also:PATH",
                "Filtrer : case:E01 Sexe=F speaker:M1 role:participant -role:interviewer coder:sg also:CHEMIN",
            ),
            T::YesNo => ("y: yes · n: no", "o : oui · n : non"),
            T::Coded => ("coded with", "codé avec"),
            T::Uncoded => ("uncoded", "décodé"),
            T::Undone => ("undone:", "annulé :"),
            T::Redone => ("redone:", "rétabli :"),
            T::NothingToUndo => ("nothing to undo", "rien à annuler"),
            T::NothingToRedo => ("nothing to redo", "rien à rétablir"),
            T::NoCodingHere => ("no coding at the cursor", "aucun codage sous le curseur"),
            T::Copied => ("copied to the clipboard", "copié dans le presse-papiers"),
            T::CopiedPseudonymised => (
                "copied to the clipboard, pseudonymised with the project's key",
                "copié dans le presse-papiers, pseudonymisé avec la clé du projet",
            ),
            T::KeyReviewTitle => ("Names to pseudonymise", "Noms à pseudonymiser"),
            T::KeyReviewHint => (
                "↑↓ name · Enter/a accept into the key · e edit the pseudonym · c category · s skip · Esc close",
                "↑↓ nom · Entrée/a accepter dans la clé · e modifier le pseudonyme · c catégorie · s passer · Échap fermer",
            ),
            T::KeyEditHint => (
                "type the pseudonym · Enter accept · Esc leave the edit",
                "tapez le pseudonyme · Entrée accepter · Échap quitter la modification",
            ),
            T::KeyEntries => ("key:", "clé :"),
            T::KeyAdded => ("added to the key:", "ajouté à la clé :"),
            T::KeySkipped => ("skipped (not in the key):", "passé (pas dans la clé) :"),
            T::KeyNoCandidates => (
                "no name left to review: every candidate is in the key",
                "plus aucun nom à revoir : chaque candidat est dans la clé",
            ),
            T::KeyPerson => ("person", "personne"),
            T::KeyPlace => ("place", "lieu"),
            T::KeyOrganisation => ("organisation", "structure"),
            T::KeyOther => ("other", "autre"),
            T::NoPassages => (
                "no passage: select a node in the codebook",
                "aucun passage : choisissez un code",
            ),
            T::Orphans => (
                "orphaned codings (see `verbatim check`)",
                "codages orphelins (voir `verbatim check`)",
            ),
            T::Codings => ("codings", "codages"),
            T::Merged => ("merged; codings moved:", "fusionné ; codages déplacés :"),
            T::Deleted => ("deleted; codings removed:", "supprimé ; codages retirés :"),
            T::SelectFirst => ("nothing selected", "rien n'est sélectionné"),
            T::NoNodeSelected => ("no node selected", "aucun code sélectionné"),
            T::CutNode => (
                "node cut: select the new parent and paste",
                "code coupé : choisissez le parent et collez",
            ),
            T::Moved => ("moved", "déplacé"),
            T::Readonly => ("read-only", "lecture seule"),
            T::Search => (
                "Search (Enter: go · ctrl-k: code all hits · f: filters)",
                "Rechercher (Entrée : aller · ctrl-k : tout coder · f : filtres)",
            ),
            T::NoHits => ("no search hits", "aucun résultat"),
            T::NoMoreMatches => (
                "no more matches in this transcript",
                "plus d'occurrence dans cette transcription",
            ),
            T::Hits => ("hits", "résultats"),
            T::Indexing => ("indexing…", "indexation…"),
            T::Exporting => ("exporting", "export"),
            T::ExportRunning => (
                "an export is already running",
                "un export est déjà en cours",
            ),
            T::HelpEverywhere => ("Everywhere", "Partout"),
            T::HelpTextFields => ("Text fields", "Champs de texte"),
            T::HelpKeys => (
                "↑↓ line · pages · g/G top/bottom · Esc close",
                "↑↓ ligne · pages · g/G début/fin · Échap fermer",
            ),
            T::CoderPrompt => (
                "Coder (letters, digits, - _ .): your codings are saved under this name",
                "Codeur (lettres, chiffres, - _ .) : vos codages sont enregistrés sous ce nom",
            ),
            T::CoderLabel => ("coder:", "codeur :"),
            T::NoMorePassages => ("no more passages this way", "plus de passage dans ce sens"),
            T::CaseLabel => ("case", "cas"),
            T::MemosTitle => (
                "Memos (type to search · Enter: open)",
                "Mémos (tapez pour chercher · Entrée : ouvrir)",
            ),
            T::NoFilter => ("no filter", "sans filtre"),
            T::NoSourceSelected => ("no source selected", "aucune source sélectionnée"),
            T::RenameSource => ("Rename the source", "Renommer la source"),
            T::ReplaceSource => (
                "File with the corrected text (~ is your home folder); codings follow the words",
                "Fichier du texte corrigé (~ : votre dossier personnel) ; les codages suivent les mots",
            ),
            T::SpeakerCasePrompt => (
                "Case of the speaker (empty: none)",
                "Cas du locuteur (vide : aucun)",
            ),
            T::SpeakerPatternPrompt => (
                "Speaker pattern (regular expression; its first group is the name), e.g. ^([A-Z]+)\\. ",
                "Motif des locuteurs (expression régulière ; son premier groupe est le nom), ex. ^([A-Z]+)\\. ",
            ),
            T::SpeakersTitle => ("Speakers of", "Locuteurs de"),
            T::SpeakersHint => (
                "↑↓ speaker · space/Enter role · c case · D detect again · p with a pattern · Esc close",
                "↑↓ locuteur · espace/Entrée rôle · c cas · D détecter à nouveau · p avec un motif · Échap fermer",
            ),
            T::PreviewHint => (
                "Enter: save this detection (text and codings stay) · Esc: keep the current one",
                "Entrée : enregistrer cette détection (texte et codages inchangés) · Échap : garder l'actuelle",
            ),
            T::ConventionLabel => ("convention:", "convention :"),
            T::NoSpeakers => (
                "no speakers: the text is in paragraphs",
                "aucun locuteur : le texte est en paragraphes",
            ),
            T::PreviewTitle => ("Detected again", "Nouvelle détection"),
            T::Unchanged => ("(the same as now)", "(identique à l'actuelle)"),
            T::RoleInterviewer => ("interviewer", "enquêteur"),
            T::RoleParticipant => ("participant", "participant"),
            T::RoleOther => ("other", "autre"),
            T::AProject => ("a project", "un projet"),
            T::FilesLeftOut => ("other files left out", "autres fichiers non affichés"),
            T::Marked => ("marked", "marqués"),
            T::ImportTitle => ("Import transcripts", "Importer des transcriptions"),
            T::ImportHint => (
                "↑↓ move · Enter open folder / import file · space mark · ← parent · I import the marked or this folder · Esc",
                "↑↓ aller · Entrée ouvrir le dossier / importer · espace marquer · ← parent · I importer les marqués ou ce dossier · Échap",
            ),
            T::PickFileHint => (
                "↑↓ move · Enter open folder / choose file · ← parent · Esc",
                "↑↓ aller · Entrée ouvrir le dossier / choisir · ← parent · Échap",
            ),
            T::OpenFolder => ("Open a project folder…", "Ouvrir un dossier de projet…"),
            T::OpenFolderHint => (
                "↑↓ move · → enter folder · Enter open the project · ← parent · I open this folder · Esc",
                "↑↓ aller · → entrer · Entrée ouvrir le projet · ← parent · I ouvrir ce dossier · Échap",
            ),
            T::NewProject => ("New project…", "Nouveau projet…"),
            T::NewProjectPrompt => (
                "Folder of the new project (created; ~ is your home folder)",
                "Dossier du nouveau projet (créé ; ~ : votre dossier personnel)",
            ),
            T::ProjectsTitle => ("Projects", "Projets"),
            T::Current => ("open now", "ouvert"),
            T::ListHint => (
                "↑↓ move · Enter choose · Esc close",
                "↑↓ aller · Entrée choisir · Échap fermer",
            ),
            T::ReportHint => (
                "↑↓ move · Enter go to the place · Esc close",
                "↑↓ aller · Entrée aller à l'endroit · Échap fermer",
            ),
            T::Importing => ("importing", "import"),
            T::ExportTitle => ("Export the annex", "Exporter l'annexe"),
            T::ExportHint => (
                "↑↓ row · ←→/space change · type to edit · Enter export · Esc close",
                "↑↓ ligne · ←→/espace changer · taper pour écrire · Entrée exporter · Échap fermer",
            ),
        };
        if fr { fr_text } else { en }
    }
}
