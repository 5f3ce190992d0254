//! Opening sessions for commands: read-only for reads, as the writer for changes, with the
//! coder from `--coder`.

use super::args::Globals;
use anyhow::Result;
use verbatim::session::Session;

pub fn read(globals: &Globals) -> Result<Session> {
    let mut s = Session::open(&globals.project)?;
    if let Some(c) = &globals.coder {
        s.set_coder(c)?;
    }
    Ok(s)
}

pub fn write(globals: &Globals) -> Result<Session> {
    let mut s = Session::open_writer(&globals.project)?;
    if let Some(c) = &globals.coder {
        s.set_coder(c)?;
    }
    Ok(s)
}

/// Reads a text argument, or standard input for `-`.
pub fn text_arg(text: &str) -> Result<String> {
    if text == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
        return Ok(s);
    }
    Ok(text.to_owned())
}

/// After a reader went on without them: each source whose text could not be read, by name.
pub fn warn_unreadable(s: &Session) {
    for (label, reason) in s.unreadable_texts() {
        eprintln!("warning: {label} left out: {reason}; `verbatim check` says more");
    }
}
