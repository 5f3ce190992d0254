//! The command line front end: clap definitions and dispatch to one file per command group.
//! Every command is a thin wrapper over the core; output is human text, or with `--json` one
//! object `{"format": 1, "<items>": [...]}` (DESIGN §4).
//!
//! Invariants: errors go to stderr as one sentence, exit code 1 for a user error and 2 for a
//! usage error (clap's); stdout carries only the result.

mod analysis;
mod analysis_args;
mod analysis_out;
mod anonymise;
mod args;
mod cases;
mod check;
mod code;
mod codebook;
mod export;
mod import;
mod import_table;
mod memo;
mod open;
mod output;
mod passages;
mod pipe;
mod search;
mod session;
mod show;
mod source_life;
mod sources;
mod speakers;

use args::{Cli, Command};
use clap::Parser;
use std::process::ExitCode;

pub fn run() -> ExitCode {
    pipe::quiet_on_broken_pipe();
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if pipe::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn dispatch(cli: Cli) -> anyhow::Result<()> {
    let globals = cli.globals;
    match cli.command {
        None => open::open(cli.path.as_deref()),
        Some(Command::Init {
            dir,
            name,
            language,
        }) => open::init(&dir, name.as_deref(), language),
        Some(Command::Demo { reset }) => open::demo(reset),
        Some(Command::Import(a)) => import::run(&globals, a),
        Some(Command::ImportTable(a)) => import_table::run(&globals, a),
        Some(Command::Sources { cmd, json }) => sources::run(&globals, cmd, json),
        Some(Command::Speakers { cmd }) => sources::speakers(&globals, cmd),
        Some(Command::Cases { cmd }) => cases::run(&globals, cmd),
        Some(Command::Codebook { cmd }) => codebook::run(&globals, cmd),
        Some(Command::Code(a)) => code::code(&globals, a),
        Some(Command::Uncode {
            source,
            start,
            end,
            node,
        }) => code::uncode(&globals, &source, start, end, node.as_deref()),
        Some(Command::Passages {
            node,
            descendants,
            filters,
            json,
        }) => passages::passages(&globals, &node, descendants, &filters, json),
        Some(Command::Check(a)) => check::run(&globals, &a),
        Some(Command::Search {
            query,
            node,
            filters,
            limit,
            json,
        }) => search::search(&globals, &query, &node, &filters, limit, json),
        Some(Command::Export(a)) => export::run(&globals, &a),
        Some(Command::ImportQdpx {
            file,
            dir,
            language,
        }) => export::import_qdpx(&file, &dir, language),
        Some(Command::Memo { cmd }) => memo::run(&globals, cmd),
        Some(Command::Stats(a)) => analysis::stats(&globals, a),
        Some(Command::Matrix(a)) => analysis::matrix(&globals, a),
        Some(Command::Cooccurrence(a)) => analysis::cooccurrence(&globals, a),
        Some(Command::Words(a)) => analysis::words(&globals, a),
        Some(Command::Agreement(a)) => analysis::agreement(&globals, a),
        Some(Command::Query(a)) => analysis::query(&globals, a),
        Some(Command::Saturation(a)) => analysis::saturation(&globals, a),
        Some(Command::Report(a)) => analysis::report(&globals, a),
        Some(Command::Anonymise(a)) => anonymise::run(&globals, a),
        Some(Command::Show(a)) => show::show(&globals, a),
        Some(Command::Codings(a)) => show::codings(&globals, a),
    }
}
