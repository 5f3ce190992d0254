//! An import running in the background: the files are read and converted on a worker thread
//! (the slow half: Word, ODT, PDF…), reporting how many are done; the runtime then writes the
//! batch into the project on the UI thread, through the one writer.
//!
//! Invariant: the worker never touches the project; nothing is written before every file has
//! been read.

use crate::import::{ImportOptions, PreparedBatch};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What the worker reports.
pub enum Step {
    /// (files read, all)
    Progress(usize, usize),
    /// Every file read: the batch to write, or why there is nothing to import.
    Read(crate::Result<PreparedBatch>),
}

/// The import being read, if any.
#[derive(Default)]
pub struct Importer {
    job: Option<Receiver<Step>>,
}

impl Importer {
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// Starts reading `paths` on a worker thread.
    pub fn start(&mut self, paths: Vec<PathBuf>, opts: ImportOptions) {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let progress_tx = std::sync::Mutex::new(tx.clone());
            let progress = |done: usize, total: usize| {
                if let Ok(tx) = progress_tx.lock() {
                    let _ = tx.send(Step::Progress(done, total));
                }
            };
            let read = crate::import::prepare_paths(&paths, &opts, &progress);
            let _ = tx.send(Step::Read(read));
        });
        self.job = Some(rx);
    }

    /// What the worker reported since the last call (waiting for the end when `block`); the
    /// job is over once a `Read` comes out.
    pub fn poll(&mut self, block: bool) -> Vec<Step> {
        let Some(rx) = &self.job else {
            return vec![];
        };
        let mut out = Vec::new();
        loop {
            let step = if block {
                rx.recv().map_err(|_| TryRecvError::Disconnected)
            } else {
                rx.try_recv()
            };
            match step {
                Ok(Step::Read(r)) => {
                    out.push(Step::Read(r));
                    self.job = None;
                    return out;
                }
                Ok(p) => out.push(p),
                Err(TryRecvError::Empty) => return out,
                Err(TryRecvError::Disconnected) => {
                    out.push(Step::Read(Err(crate::Error::Invalid(
                        "the import stopped".into(),
                    ))));
                    self.job = None;
                    return out;
                }
            }
        }
    }
}
