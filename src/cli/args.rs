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
    /// Import transcripts (.txt .md .docx .odt .srt .vtt), files or folders
    Import(ImportArgs),
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
}

#[derive(Subcommand)]
pub enum SourcesCmd {
    /// Rename a source (and its case, when named after it)
    Rename { old: String, new: String },
}

#[derive(Subcommand)]
pub enum SpeakersCmd {
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
