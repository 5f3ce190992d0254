//! Command line arguments (clap derive). Names and shapes follow DESIGN §4.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use verbatim::model::{Language, Role, SourceKind};

#[derive(Parser)]
#[command(
    name = "verbatim",
    version,
    about = "Qualitative analysis of interview transcripts, in the terminal",
    subcommand_precedence_over_arg = true
)]
pub struct Cli {
    /// Project folder to open (default: the current folder if it is a project, else the demo)
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub globals: Globals,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Args, Clone)]
pub struct Globals {
    /// Project folder for subcommands
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub project: PathBuf,
    /// Coder name recorded with changes (default: config, then login name)
    #[arg(long, global = true, value_name = "C")]
    pub coder: Option<String>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Create a new project folder
    Init {
        dir: PathBuf,
        #[arg(long)]
        name: Option<String>,
        #[arg(long, default_value = "fr", value_name = "fr|en")]
        language: Language,
    },
    /// Print the demo project's path, building it first if needed
    Demo {
        /// Rebuild the demo from the embedded sample corpus
        #[arg(long)]
        reset: bool,
    },
    /// Import transcripts (.txt .md .docx .odt .rtf .pdf .html .srt .vtt, Whisper .json), files or folders
    Import(ImportArgs),
    /// Import survey answers from a table (.csv .xlsx .xls .ods): a source per respondent or per question
    ImportTable(super::import_table::ImportTableArgs),
    /// List sources, or rename one
    Sources {
        #[command(subcommand)]
        cmd: Option<SourcesCmd>,
        #[arg(long)]
        json: bool,
    },
    /// Edit a source's speakers
    Speakers {
        #[command(subcommand)]
        cmd: SpeakersCmd,
    },
    /// Cases and their attributes
    Cases {
        #[command(subcommand)]
        cmd: CasesCmd,
    },
    /// The code tree: list, add, rename, move, reorder, merge, delete, describe, colour, load
    Codebook {
        #[command(subcommand)]
        cmd: CodebookCmd,
    },
    /// Code a range, a turn, every turn of a speaker, or a batch from JSONL
    Code(CodeArgs),
    /// Remove a range from codings (of one node, or all)
    Uncode {
        source: String,
        start: usize,
        end: usize,
        node: Option<String>,
    },
    /// The verbatims of a node
    Passages {
        node: String,
        /// Include the passages of the node's descendants
        #[arg(long)]
        descendants: bool,
        #[command(flatten)]
        filters: FilterArgs,
        #[arg(long)]
        json: bool,
    },
    /// Full-text search (accent-insensitive, French stemming): words, "phrases", OR, -word, prefix*
    Search {
        #[arg(allow_hyphen_values = true)]
        query: String,
        /// Only matches inside codings of this node (with descendants); repeatable
        #[arg(long, value_name = "P")]
        node: Vec<String>,
        #[command(flatten)]
        filters: FilterArgs,
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Check that every coding is anchored and every file referred to; report kept, moved,
    /// orphaned codings and problems (exit 1 when there is a problem); --repair fixes them
    Check(super::check::CheckArgs),
    /// Export the annex "verbatims per category" (docx, odt, md, html, csv, xlsx), or the
    /// project / codebook for other QDA programs (qdpx, qdc)
    Export(ExportArgs),
    /// Create a project from a REFI-QDA project (.qdpx) written by any QDA program
    ImportQdpx {
        file: PathBuf,
        dir: PathBuf,
        /// The project language (search analysis)
        #[arg(long, default_value = "fr", value_name = "fr|en")]
        language: Language,
    },
    /// Memos on the project, a source, a node or a coding
    Memo {
        #[command(subcommand)]
        cmd: MemoCmd,
    },
    /// Coding overview: per node, codings, verbatims, sources, cases and words coded
    Stats(super::analysis_args::StatsArgs),
    /// Nodes × case attribute values (or sources, cases), with totals and percentages
    Matrix(super::analysis_args::MatrixArgs),
    /// Node × node: passages where both apply (overlapping text, same turn or same source)
    Cooccurrence(super::analysis_args::CooccurrenceArgs),
    /// Word frequency (by stem or exact form, without stop words), or a word in context
    Words(super::analysis_args::WordsArgs),
    /// Intercoder agreement: percent, Cohen's kappa, Krippendorff's alpha, disagreements
    Agreement(super::analysis_args::AgreementArgs),
    /// Coding query: "NODE" AND|OR|NOT|NEAR[/N] "NODE", text:"words", parentheses; --save, --run
    Query(super::analysis_args::QueryArgs),
    /// New nodes per successive interview, cumulative
    Saturation(super::analysis_args::SaturationArgs),
    /// The figures of a methods section (Markdown)
    Report(super::analysis_args::ReportArgs),
    /// Pseudonymisation: the key, candidates, applying it, checking for leaks
    Anonymise(super::anonymise::AnonymiseArgs),
    /// Print a transcript, with code-point positions per unit (--offsets)
    Show(super::show::ShowArgs),
    /// List codings with their ids
    Codings(super::show::CodingsArgs),
}

/// `verbatim export`.
#[derive(Args)]
pub struct ExportArgs {
    /// docx, odt, md, html, csv, xlsx, qdpx or qdc (default: from the output file's extension)
    #[arg(long, value_name = "F")]
    pub format: Option<String>,
    /// The file to write
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Export this node with its subtree (repeatable; default the whole tree)
    #[arg(long, value_name = "P")]
    pub node: Vec<String>,
    /// Export a saved coding query's passages (queries/NAME.txt) under one heading
    #[arg(long, value_name = "NAME", conflicts_with_all = ["node", "depth", "rollup"])]
    pub query: Option<String>,
    /// Levels of the tree shown; deeper nodes' verbatims go under their shown ancestor
    #[arg(long, value_name = "N")]
    pub depth: Option<usize>,
    /// Leave out nodes without verbatims (and without descendants that have some)
    #[arg(long)]
    pub skip_empty: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// No counts (verbatims, interviews) in the tree and under the headings
    #[arg(long)]
    pub no_counts: bool,
    /// auto: number the tree 1, 1.1… unless the names already carry numbers; none: never
    #[arg(long, value_name = "auto|none", default_value = "auto")]
    pub numbering: String,
    /// Add a code dictionary: each node with its description
    #[arg(long)]
    pub descriptions: bool,
    /// Citation template: {text} {case} {label} {speaker} {turn} {time} {attr:NAME}
    #[arg(long, value_name = "T")]
    pub citation: Option<String>,
    /// Verbatims by source then position (source), longest first (length), or attr:NAME
    #[arg(long, value_name = "ORDER", default_value = "source")]
    pub order: String,
    /// Show descendants' verbatims under each ancestor too
    #[arg(long)]
    pub rollup: bool,
    #[command(flatten)]
    pub annex: super::export::AnnexArgs,
    /// Cut verbatims longer than N characters, marked […]
    #[arg(long, value_name = "N")]
    pub max_chars: Option<usize>,
    /// N words of context before and after each verbatim, set apart
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub context: usize,
    /// Drop the interviewer's turns inside a verbatim (marked […])
    #[arg(long)]
    pub drop_interviewer: bool,
    /// Add an annex of the full transcripts with numbered turns
    #[arg(long)]
    pub transcripts: bool,
    /// Document title (default: the project name — verbatims par catégorie)
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// CSV dialect: standard (, no BOM) or excel-fr (; and a BOM)
    #[arg(long, value_name = "P", default_value = "standard")]
    pub csv_preset: String,
    #[command(flatten)]
    pub leaks: super::anonymise::LeakArgs,
}

/// Filters of DESIGN §4.
#[derive(Args, Default)]
pub struct FilterArgs {
    #[command(flatten)]
    pub common: CommonFilters,
    #[arg(long, value_name = "S")]
    pub speaker: Option<String>,
}

/// The filters other than `--speaker` (which `code` uses as a mode of its own).
#[derive(Args, Default, Clone)]
pub struct CommonFilters {
    /// Keep what overlaps a coding of this node (with descendants)
    #[arg(long = "also-node", value_name = "P")]
    pub also_node: Vec<String>,
    #[arg(long, value_name = "C")]
    pub case: Option<String>,
    /// A case attribute value, K=V (repeatable)
    #[arg(long = "attr", value_name = "K=V")]
    pub attrs: Vec<String>,
    #[arg(long, value_name = "R")]
    pub role: Option<Role>,
    #[arg(long = "exclude-role", value_name = "R")]
    pub exclude_role: Option<Role>,
    /// Filters as typed in the TUI: case:E01 Profession="Médecin généraliste" role:participant
    #[arg(long = "filter", value_name = "FILTER")]
    pub filter: Option<String>,
}

#[derive(Args)]
pub struct CodeArgs {
    /// SOURCE START END NODEPATH (or with --turn: SOURCE POSITION NODEPATH; with --speaker: NODEPATH)
    pub args: Vec<String>,
    /// Code every line {"source","start","end","node"} of a JSONL file, all or nothing (one
    /// transaction: a failure or a crash leaves none of its lines coded)
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,
    /// With --jsonl: once the whole batch is saved, print `ok LINE CODING-ID` for each line
    #[arg(long, requires = "jsonl")]
    pub progress: bool,
    /// Code every turn of this speaker
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// With --speaker: only in this source
    #[arg(long, value_name = "SOURCE")]
    pub source: Option<String>,
    /// Code the whole turn (or paragraph) at a position
    #[arg(long)]
    pub turn: bool,
    /// Create the node path if it does not exist
    #[arg(long)]
    pub create: bool,
    /// Code the unit (turn or paragraph) of every hit of this search query
    #[arg(long, value_name = "QUERY")]
    pub search: Option<String>,
    /// With --search: code even when there are more than 50 units
    #[arg(long)]
    pub yes: bool,
    /// With --search: only hits inside codings of this node
    #[arg(long, value_name = "P")]
    pub node: Vec<String>,
    /// With --search: the other filters (--speaker is taken from the mode flag above)
    #[command(flatten)]
    pub filters: CommonFilters,
}

#[derive(Subcommand)]
pub enum CodebookCmd {
    /// The tree with codings and sources per node (alone and with descendants)
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a node; missing parents are created (`add "II - Freins/Manque de temps"`)
    Add {
        path: String,
    },
    Rename {
        path: String,
        name: String,
    },
    /// Move a node under another (`/` for the root)
    Move {
        path: String,
        new_parent: String,
        /// Position among the new siblings, from 1 (default: last)
        #[arg(long)]
        position: Option<usize>,
    },
    /// Move a node among its siblings: up, down, first, last or a position from 1
    Reorder {
        path: String,
        position: String,
    },
    /// Merge a node into another: codings move (uniting overlaps), children follow
    Merge {
        from: String,
        into: String,
    },
    /// Delete a node and its descendants (refused while they hold codings, unless --force)
    Delete {
        path: String,
        #[arg(long)]
        force: bool,
    },
    Describe {
        path: String,
        text: String,
    },
    /// Set a colour #RRGGBB (or `none`)
    Color {
        path: String,
        color: String,
    },
    /// Whether a node can be coded (`no` makes it a folder)
    Codable {
        path: String,
        value: String,
    },
    /// Load a codebook template (our JSON): into an empty codebook, or merged by path
    Load {
        file: PathBuf,
    },
    /// Import a REFI-QDA codebook (.qdc): into an empty codebook, or merged by path
    Import {
        file: PathBuf,
    },
    /// Export the codebook as REFI-QDA (.qdc)
    Export {
        file: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum MemoCmd {
    /// Add a memo: TARGET is project, source:LABEL, node:PATH or coding:ID; TEXT `-` reads stdin
    Add {
        target: String,
        text: String,
    },
    List {
        /// Only memos on this target
        #[arg(long)]
        target: Option<String>,
        #[arg(long)]
        json: bool,
    },
    Show {
        id: String,
    },
    /// Replace a memo's text (`-` reads stdin)
    Edit {
        id: String,
        text: String,
    },
    Delete {
        id: String,
    },
}

#[derive(Args)]
pub struct ImportArgs {
    #[arg(required = true, value_name = "FILE|DIR")]
    pub paths: Vec<PathBuf>,
    /// Label of the source (one file only; default: the file name without extension)
    #[arg(long, value_name = "L")]
    pub label: Option<String>,
    /// Kind of source: interview, focus_group or document (default: guessed from speakers)
    #[arg(long, value_name = "K")]
    pub kind: Option<SourceKind>,
    /// Import the good files even when some fail, and list those that did not go in
    #[arg(long)]
    pub keep_going: bool,
    /// Regular expression for speaker labels at the start of a line (group `speaker` or the
    /// first group is the name), instead of detecting them
    #[arg(long, value_name = "REGEX")]
    pub speaker_pattern: Option<String>,
}

#[derive(Subcommand)]
pub enum SourcesCmd {
    /// Rename a source (and its case, when named after it)
    Rename { old: String, new: String },
    /// Relabel every source E01…En (manifest, cases, texts, codings, memos), e.g. for an annex
    Renumber(super::anonymise::RenumberArgs),
    /// Delete a source with its codings and memos (lists them and asks first)
    Delete {
        label: String,
        /// Delete without asking
        #[arg(long)]
        yes: bool,
    },
    /// Replace a source's text by a corrected file (codings follow through the diff)
    Replace { label: String, file: PathBuf },
}

#[derive(Subcommand)]
pub enum SpeakersCmd {
    /// Find a source's speaker convention and speakers again (text and codings unchanged)
    Detect(super::speakers::DetectArgs),
    /// Set a speaker's role and case (adds the speaker if the name is new)
    Set {
        source: String,
        name: String,
        #[arg(long, value_name = "interviewer|participant|other")]
        role: Role,
        #[arg(long, value_name = "C")]
        case: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum CasesCmd {
    /// Merge attributes from a CSV file (first column: case id; ',' or ';')
    Import { file: PathBuf },
    /// List cases with their attributes
    List {
        #[arg(long)]
        json: bool,
    },
    /// Set one attribute of a case (an empty value clears it)
    Set {
        case: String,
        attr: String,
        value: String,
    },
}
