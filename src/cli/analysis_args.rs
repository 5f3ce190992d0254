//! Arguments of the analysis commands: stats, matrix, cooccurrence, words, agreement, codings
//! merge, saturation and report. Each takes the filters of `passages` and the output options.

use super::args::FilterArgs;
use clap::Args;
use std::path::PathBuf;
use verbatim::model::Language;

/// Where and how a result goes.
#[derive(Args, Clone, Default)]
pub struct OutArgs {
    /// Print one JSON object {"format": 1, ...}
    #[arg(long)]
    pub json: bool,
    /// Print CSV
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Write to a file: .csv, .xlsx, .md (or .svg for a chart)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of headers and chart labels (default: the project's)
    #[arg(long, value_name = "fr|en")]
    pub lang: Option<Language>,
}

/// `verbatim stats`.
#[derive(Args)]
pub struct StatsArgs {
    /// Rows per node, or per source or case and node
    #[arg(long, value_name = "node|source|case", default_value = "node")]
    pub by: String,
    /// Count each node's descendants with it
    #[arg(long)]
    pub descendants: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

/// `verbatim matrix`.
#[derive(Args)]
pub struct MatrixArgs {
    /// The row nodes
    #[arg(required = true, value_name = "NODEPATH")]
    pub nodes: Vec<String>,
    /// Columns: a case attribute, `source` or `case`
    #[arg(long, value_name = "ATTR|source|case")]
    pub by: String,
    /// Count each row node's descendants with it
    #[arg(long)]
    pub descendants: bool,
    #[arg(long, value_name = "codings|cases|words", default_value = "codings")]
    pub measure: String,
    /// Show cells as a percentage of their row or column total
    #[arg(long, value_name = "row|column")]
    pub percent: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

/// `verbatim cooccurrence`.
#[derive(Args)]
pub struct CooccurrenceArgs {
    /// Nodes compared (default: every node with codings)
    #[arg(value_name = "NODEPATH")]
    pub nodes: Vec<String>,
    #[arg(long, value_name = "overlap|turn|source", default_value = "overlap")]
    pub within: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

/// `verbatim words`.
#[derive(Args)]
pub struct WordsArgs {
    /// Only the passages of this node (with its descendants)
    #[arg(long, value_name = "P")]
    pub node: Option<String>,
    /// Group words by stem (default)
    #[arg(long, conflicts_with = "exact")]
    pub stem: bool,
    /// Count exact forms
    #[arg(long)]
    pub exact: bool,
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub min_length: usize,
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub top: usize,
    /// fr, en, none or a file (default: the project language; a project's stopwords/LANG.txt wins)
    #[arg(long, value_name = "fr|en|none|FILE")]
    pub stop_words: Option<String>,
    /// Show this word's occurrences in context instead of the counts
    #[arg(long, value_name = "WORD")]
    pub kwic: Option<String>,
    /// Characters of context on each side with --kwic
    #[arg(long, value_name = "N", default_value_t = 40)]
    pub context: usize,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

/// `verbatim agreement`.
#[derive(Args)]
pub struct AgreementArgs {
    /// Two or more coders, separated by commas
    #[arg(long, value_name = "A,B[,C…]", value_delimiter = ',', required = true)]
    pub coders: Vec<String>,
    /// Only these nodes (repeatable; default every node)
    #[arg(long, value_name = "P")]
    pub node: Vec<String>,
    /// Items compared: characters (as NVivo) or turns/paragraphs
    #[arg(long, value_name = "char|turn", default_value = "char")]
    pub unit: String,
    /// Leave out text no coder coded (counting it as agreement inflates kappa)
    #[arg(long)]
    pub exclude_uncoded: bool,
    /// Print the list of disagreements instead of the figures
    #[arg(long)]
    pub disagreements: bool,
    /// Add each source's figures (two coders)
    #[arg(long)]
    pub per_source: bool,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

/// `verbatim codings merge`: pool coders' codings into another coder.
#[derive(Args)]
pub struct MergeArgs {
    #[arg(long, value_name = "A,B", value_delimiter = ',', required = true)]
    pub coders: Vec<String>,
    /// The coder who receives the consensus
    #[arg(long, value_name = "NAME")]
    pub into: String,
    /// Only what every coder coded (intersection)
    #[arg(long)]
    pub agreed_only: bool,
}

/// `verbatim saturation`.
#[derive(Args)]
pub struct SaturationArgs {
    /// Interviews by date of first coding, or by label
    #[arg(long, value_name = "coded|label", default_value = "coded")]
    pub order: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

/// `verbatim report`.
#[derive(Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub out: OutArgs,
}

/// `verbatim query`.
#[derive(Args)]
pub struct QueryArgs {
    /// "NODE" AND|OR|NOT|NEAR[/N] "NODE", text:"words", parentheses
    #[arg(required_unless_present = "run", conflicts_with = "run")]
    pub expr: Option<String>,
    /// Save the query as queries/NAME.txt (it travels with the project)
    #[arg(long, value_name = "NAME")]
    pub save: Option<String>,
    /// Run a saved query
    #[arg(long, value_name = "NAME")]
    pub run: Option<String>,
    /// Code the result's passages into this new node (one undoable step)
    #[arg(long, value_name = "NODEPATH")]
    pub code: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub out: OutArgs,
}
