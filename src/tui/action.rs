//! The one vocabulary of the TUI: every thing a user can trigger is an [`Action`]. Key bindings,
//! the help screen, the command palette and the tests all speak it.
//!
//! Invariant: every action has a stable snake_case name (used in keymap files and the palette)
//! and a one-line description in English and French.

macro_rules! actions {
    ($($variant:ident => $name:literal, $en:literal, $fr:literal;)*) => {
        /// A user-triggerable action.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action { $($variant,)* }

        impl Action {
            /// Every action, in help order.
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The name used in keymap files and the palette.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            /// One line saying what it does, in the interface language.
            pub fn describe(self, french: bool) -> &'static str {
                match self { $(Action::$variant => if french { $fr } else { $en },)* }
            }

            pub fn from_name(name: &str) -> Option<Action> {
                match name { $($name => Some(Action::$variant),)* _ => None }
            }
        }
    };
}

actions! {
    Quit => "quit", "Quit (everything is already saved)", "Quitter (tout est déjà enregistré)";
    Help => "help", "Show every key binding", "Afficher tous les raccourcis";
    Palette => "palette", "Command palette: run any action by name", "Palette : lancer une action par son nom";
    Cancel => "cancel", "Close the popup or leave the selection", "Fermer la fenêtre ou quitter la sélection";
    Save => "save", "Save the text being edited (memo, description)", "Enregistrer le texte en cours (mémo, description)";
    DeleteBack => "delete_back", "Delete the character before the cursor (text fields)", "Effacer le caractère avant le curseur (champs de texte)";
    DeleteWord => "delete_word", "Delete the word before the cursor (text fields)", "Effacer le mot avant le curseur (champs de texte)";
    DeleteForward => "delete_forward", "Delete the character after the cursor (text fields)", "Effacer le caractère après le curseur (champs de texte)";
    Confirm => "confirm", "Confirm / open the item under the cursor", "Valider / ouvrir l'élément sélectionné";
    FocusNext => "focus_next", "Focus the next pane", "Panneau suivant";
    FocusPrev => "focus_prev", "Focus the previous pane", "Panneau précédent";
    FocusSources => "focus_sources", "Focus the sources", "Aller aux sources";
    FocusTranscript => "focus_transcript", "Focus the transcript", "Aller à la transcription";
    FocusCodebook => "focus_codebook", "Focus the codebook", "Aller au livre de codes";
    FocusPassages => "focus_passages", "Focus the passages panel", "Aller aux passages";
    Up => "up", "Up (previous line or item)", "Haut (ligne ou élément précédent)";
    Down => "down", "Down (next line or item)", "Bas (ligne ou élément suivant)";
    Left => "left", "Left one character / collapse", "Gauche d'un caractère / replier";
    Right => "right", "Right one character / expand", "Droite d'un caractère / déplier";
    WordNext => "word_next", "Next word", "Mot suivant";
    WordPrev => "word_prev", "Previous word", "Mot précédent";
    WordEnd => "word_end", "End of the word (to end a selection on a word)", "Fin du mot (pour finir une sélection)";
    SentenceNext => "sentence_next", "Next sentence", "Phrase suivante";
    SentencePrev => "sentence_prev", "Previous sentence", "Phrase précédente";
    TurnNext => "turn_next", "Next turn or paragraph", "Tour de parole suivant";
    TurnPrev => "turn_prev", "Previous turn or paragraph", "Tour de parole précédent";
    PageDown => "page_down", "Page down", "Page suivante";
    PageUp => "page_up", "Page up", "Page précédente";
    Top => "top", "Start of the transcript / list", "Début";
    Bottom => "bottom", "End of the transcript / list", "Fin";
    JumpTo => "jump_to", "Jump to a position (code points)", "Aller à une position";
    Visual => "visual", "Start or stop selecting", "Commencer ou arrêter la sélection";
    SelectTurn => "select_turn", "Select the whole turn", "Sélectionner tout le tour de parole";
    Code => "code", "Code the selection (or the turn) with the code picker", "Coder la sélection (ou le tour) avec le sélecteur";
    CodeAgain => "code_again", "Code again with the last node", "Recoder avec le dernier code";
    Uncode => "uncode", "Uncode at the cursor (choose the node when several)", "Décoder sous le curseur";
    Undo => "undo", "Undo the last change", "Annuler la dernière modification";
    Redo => "redo", "Redo", "Rétablir";
    NextCoding => "next_coding", "Next coding in the transcript", "Codage suivant dans la transcription";
    PrevCoding => "prev_coding", "Previous coding in the transcript", "Codage précédent dans la transcription";
    NextPassage => "next_passage", "Next passage of the selected node (all sources)", "Passage suivant du code sélectionné";
    PrevPassage => "prev_passage", "Previous passage of the selected node", "Passage précédent du code sélectionné";
    Export => "export", "Export the annex: verbatims per category (docx, odt, md, html, csv, xlsx)", "Exporter l'annexe : verbatims par catégorie (docx, odt, md, html, csv, xlsx)";
    Search => "search", "Search the transcripts (results as you type; f sets filters)", "Rechercher dans les transcriptions (f : filtres)";
    NextMatch => "next_match", "Next search match in the transcript", "Occurrence suivante dans la transcription";
    PrevMatch => "prev_match", "Previous search match in the transcript", "Occurrence précédente dans la transcription";
    CodeHits => "code_hits", "Code every search hit's turn with… (picker)", "Coder le tour de chaque résultat avec…";
    JumpSource => "jump_source", "Jump to a source", "Aller à une source";
    ToggleTint => "toggle_tint", "Tint coded spans on or off", "Teinter ou non les passages codés";
    ToggleAttributes => "toggle_attributes", "Show case attributes in the sources pane", "Afficher les attributs des cas";
    ToggleMouse => "toggle_mouse", "Mouse on or off (off gives the terminal's own selection back)", "Souris active ou non (inactive : sélection du terminal)";
    Copy => "copy", "Copy the passage under the cursor with its citation", "Copier le passage avec sa référence";
    PassagesReader => "passages_reader", "Read the passages in full in the wide pane (again: back to the transcript)", "Lire les passages en entier dans le grand panneau (encore : retour à la transcription)";
    PassageDetails => "passage_details", "Show each passage's citation and context", "Afficher la référence et le contexte de chaque passage";
    PassagesFilter => "passages_filter", "Filter the passages (case:E01 Sexe=F Profession=\"Médecin généraliste\": quote a value with spaces; speaker:M1 role:participant -role:interviewer coder:sg also:PATH)", "Filtrer les passages (case:E01 Sexe=F Profession=\"Médecin généraliste\" : valeur entre guillemets si elle a des espaces ; speaker:M1 role:participant -role:interviewer coder:sg also:CHEMIN)";
    Memos => "memos", "Browse every memo (project, sources, nodes, codings): type to search, Enter to open", "Parcourir les mémos (projet, sources, codes, codages) : tapez pour chercher, Entrée pour ouvrir";
    SwitchCoder => "switch_coder", "Switch the current coder (every coder's codings stay shown)", "Changer de codeur (les codages de tous restent affichés)";
    KeyReview => "key_review", "Review the names to pseudonymise (as anonymise suggest): accept into the key, edit the pseudonym, skip", "Revoir les noms à pseudonymiser (comme anonymise suggest) : accepter dans la clé, modifier le pseudonyme, passer";
    Memo => "memo", "Edit the memo of the source, node or coding", "Écrire le mémo de la source, du code ou du codage";
    NodeAddChild => "node_add_child", "Add a child node", "Ajouter un sous-code";
    NodeAddSibling => "node_add_sibling", "Add a sibling node", "Ajouter un code au même niveau";
    NodeRename => "node_rename", "Rename the node", "Renommer le code";
    NodeMerge => "node_merge", "Merge the node into another (picker)", "Fusionner le code dans un autre";
    NodeDelete => "node_delete", "Delete the node (asks first, with counts)", "Supprimer le code (avec confirmation)";
    NodeMoveUp => "node_move_up", "Move the node up among its siblings", "Monter le code";
    NodeMoveDown => "node_move_down", "Move the node down among its siblings", "Descendre le code";
    NodeIndent => "node_indent", "Make the node a child of the one above", "Rattacher le code au précédent";
    NodeOutdent => "node_outdent", "Move the node up one level", "Remonter le code d'un niveau";
    NodeCut => "node_cut", "Cut the node (paste it under another)", "Couper le code";
    NodePaste => "node_paste", "Paste the cut node under this one", "Coller le code coupé ici";
    NodeColor => "node_color", "Next colour for the node", "Couleur suivante pour le code";
    NodeCodable => "node_codable", "Codable or not (a heading only): the node in the code picker or not", "Codable ou non (simple rubrique) : le code proposé ou non au codage";
    NodeDescribe => "node_describe", "Edit the node's description", "Modifier la description du code";
    Import => "import", "Import transcripts: a file browser (type to filter; space marks files; ctrl-o imports the marked ones or the whole folder)", "Importer des transcriptions : un explorateur (tapez pour filtrer ; espace marque des fichiers ; ctrl-o importe les fichiers marqués ou tout le dossier)";
    Projects => "projects", "Projects: create one, open a folder, or a recent one", "Projets : en créer un, ouvrir un dossier ou un projet récent";
    Check => "check", "Check the project: moved and orphaned codings to go to, other problems", "Vérifier le projet : codages déplacés ou orphelins (pour y aller), autres problèmes";
    Cases => "cases", "The cases table: attributes per case, editable (Enter value, a add, r rename, d delete; on the case column, Enter or r renames the case)", "Le tableau des cas : attributs par cas, modifiables (Entrée valeur, a ajouter, r renommer, d supprimer ; sur la colonne des cas, Entrée ou r renomme le cas)";
    Mark => "mark", "Mark or unmark the file (file browser)", "Marquer ou non le fichier (explorateur)";
    Analysis => "analysis", "Analysis: overview, matrix, word frequency, agreement, saturation, co-occurrence, coding query (Tab: next view)", "Analyse : vue d'ensemble, matrice, fréquence des mots, accord, saturation, cooccurrences, requête (Tab : vue suivante)";
    AnalysisCooccurrence => "analysis_cooccurrence", "Analysis: co-occurrence of the coded nodes (Enter on a cell lists its passages; o: same text, turn or interview)", "Analyse : cooccurrences des codes (Entrée sur une case liste ses passages ; o : même passage, tour ou entretien)";
    AnalysisQuery => "analysis_query", "Analysis: coding query — pick a saved one or write one (\"A\" AND|OR|NOT|NEAR \"B\", text:\"…\"), list its passages, code them into a new node", "Analyse : requête de codage — en choisir une ou l'écrire (\"A\" AND|OR|NOT|NEAR \"B\", text:\"…\"), lister ses passages, les coder dans un nouveau code";
    AnalysisOption => "analysis_option", "In the analysis: sort the overview, change the matrix's columns, count uncoded text or not, order of saturation, what co-occurring means", "Dans l'analyse : trier la vue d'ensemble, changer les colonnes de la matrice, compter ou non le texte non codé, ordre de la saturation, sens de la cooccurrence";
    SourceRename => "source_rename", "Rename the source", "Renommer la source";
    SourceDelete => "source_delete", "Delete the source (lists what goes with it, asks; undo puts it back)", "Supprimer la source (liste ce qui part avec, demande ; annuler la remet)";
    SourceReplace => "source_replace", "Replace the source's text by a corrected file (codings follow the words)", "Remplacer le texte de la source par un fichier corrigé (les codages suivent les mots)";
    SourceSpeakers => "source_speakers", "The source's speakers: convention detected, roles, cases", "Les locuteurs de la source : convention détectée, rôles, cas";
    SpeakerRole => "speaker_role", "Next role for the speaker (interviewer, participant, other)", "Rôle suivant du locuteur (enquêteur, participant, autre)";
    SpeakerCase => "speaker_case", "Set the speaker's case", "Choisir le cas du locuteur";
    SpeakersRedetect => "speakers_redetect", "Detect the speakers again (preview first; the text and codings stay)", "Détecter à nouveau les locuteurs (aperçu d'abord ; texte et codages inchangés)";
    SpeakersPattern => "speakers_pattern", "Detect the speakers with a pattern of yours (regular expression)", "Détecter les locuteurs avec votre motif (expression régulière)";
}
