//! The search index for the TUI, built on a worker thread started at open, so opening never
//! waits for it; until it is ready, searches say "indexing…" and the query typed meanwhile is
//! answered as soon as the index arrives.
//!
//! Invariant: the UI thread never blocks on indexing (only tests call [`Indexer::wait`]).

use crate::index::{Corpus, SearchIndex};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Where the index is.
pub enum Indexer {
    Building(Receiver<Result<SearchIndex, String>>),
    Ready(SearchIndex),
    Failed(String),
}

impl Indexer {
    /// Starts building (or updating) the index of a project snapshot on a worker thread.
    pub fn start(corpus: Corpus) -> Self {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let _ = tx.send(
                SearchIndex::open_corpus(&corpus)
                    .map(|(i, _)| i)
                    .map_err(|e| e.to_string()),
            );
        });
        Self::Building(rx)
    }

    /// An indexer fed by a channel (tests control when the index arrives).
    pub fn from_receiver(rx: Receiver<Result<SearchIndex, String>>) -> Self {
        Self::Building(rx)
    }

    /// Takes the index if it has arrived; true when this call made it ready.
    pub fn poll(&mut self) -> bool {
        let Self::Building(rx) = self else {
            return false;
        };
        *self = match rx.try_recv() {
            Ok(Ok(index)) => Self::Ready(index),
            Ok(Err(e)) => Self::Failed(e),
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => Self::Failed("the indexing thread stopped".into()),
        };
        true
    }

    /// Blocks until the index has arrived (tests).
    pub fn wait(&mut self) {
        if let Self::Building(rx) = self {
            *self = match rx.recv() {
                Ok(Ok(index)) => Self::Ready(index),
                Ok(Err(e)) => Self::Failed(e),
                Err(_) => Self::Failed("the indexing thread stopped".into()),
            };
        }
    }

    pub fn ready(&self) -> Option<&SearchIndex> {
        match self {
            Self::Ready(i) => Some(i),
            _ => None,
        }
    }

    pub fn is_building(&self) -> bool {
        matches!(self, Self::Building(_))
    }
}
