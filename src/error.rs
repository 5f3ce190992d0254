//! The core's error type. Each message is one sentence a researcher can act on, naming the
//! file, line or argument at fault; front ends print it as it is.
//!
//! Invariant: an operation that returns an error has left the project files as they were.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    /// (`cause` is kept out of the error chain: the message already ends with it, and the CLI
    /// prints the chain, which would say it twice.)
    #[error("{action} {path}: {cause}")]
    Io {
        action: &'static str,
        path: PathBuf,
        cause: std::io::Error,
    },
    /// A project JSON file does not parse; the file is left as it is.
    #[error(
        "{path} is not valid JSON at line {line}, column {column} ({message}); the file was left as it is"
    )]
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A project file was written by a newer verbatim.
    #[error(
        "{path} has format {found}, newer than this verbatim understands ({supported}); please update verbatim"
    )]
    NewerFormat {
        path: PathBuf,
        found: u64,
        supported: u32,
    },
    /// Another process holds the project's write lock.
    #[error(
        "the project in {0} is in use by another verbatim process (lock .verbatim/lock); try again when it has finished"
    )]
    Locked(PathBuf),
    /// The project folder cannot be written (permissions, read-only media).
    #[error(
        "the project in {0} cannot be written (a read-only folder or medium); open it read-only to read, search and export"
    )]
    ReadOnly(PathBuf),
    /// The folder is not a verbatim project.
    #[error("{0} is not a verbatim project (no verbatim.json); create one with `verbatim init`")]
    NotAProject(PathBuf),
    /// An input file was refused.
    #[error("{path}: {reason}")]
    BadInput { path: PathBuf, reason: String },
    /// An argument names something that does not exist or is not allowed.
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            action,
            path: path.to_owned(),
            cause: source,
        }
    }

    pub fn bad_input(path: &Path, reason: impl Into<String>) -> Self {
        Self::BadInput {
            path: path.to_owned(),
            reason: reason.into(),
        }
    }
}
