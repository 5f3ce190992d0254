//! A closed standard output (`verbatim … | head -1`) ends the command quietly, as for other
//! Unix tools: no panic message, no error sentence, exit code 0.
//!
//! Invariant: only a broken pipe on stdout is silenced; every other error or panic is reported.

use std::io::ErrorKind;

/// Installs a panic hook that exits quietly when `println!` failed on a closed pipe, and keeps
/// the default report for any other panic.
pub fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}

/// Whether an error comes from writing to a closed pipe.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == ErrorKind::BrokenPipe)
    })
}
