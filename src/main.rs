//! The `verbatim` binary: parses the command line and hands over to the CLI front end; with no
//! subcommand it opens a project (for now a summary; the TUI comes with its own issue).

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
