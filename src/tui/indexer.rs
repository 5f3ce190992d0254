//! The search index for the TUI, built on a worker thread once the first frame is drawn (or
//! at the first search, if sooner), so opening never waits for it and the first frame never
//! shares the processor with it; until it is ready, searches say "indexing…" and the query
//! typed meanwhile is answered as soon as the index arrives.
//!
//! Invariants: the UI thread never waits for a build while the app runs (only tests call
//! [`Indexer::wait`]): a build replaced by a new one ([`Indexer::restart`]) is asked to stop
//! and the new build's thread waits for it. No build outlives its indexer: dropping a
//! building indexer (leaving the project or the TUI) asks the build to stop — between two
//! sources, committing nothing — and joins its thread, so the next open finds the index folder
//! free and the processor idle. That join waits for tantivy to finish the documents already
//! queued (at most 10,000: about 0.3 s on the 1,000-source project under load).

use crate::index::{Corpus, SearchIndex, Stop};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::sync::{Arc, Weak};
use std::thread::JoinHandle;

/// Where the index is.
pub enum Indexer {
    /// Not started yet: the runtime starts it after the first frame, or at the first search.
    Idle,
    Building(Build),
    Ready(SearchIndex),
    Failed(String),
}

/// A build under way on a worker thread: stopped and joined when dropped.
pub struct Build {
    rx: Receiver<Result<SearchIndex, String>>,
    stop: Stop,
    thread: Option<JoinHandle<()>>,
    /// Alive as long as the thread runs (tests check that none outlives its indexer).
    alive: Weak<()>,
}

impl Drop for Build {
    fn drop(&mut self) {
        self.stop.request();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Indexer {
    /// Starts building (or updating) the index of a project snapshot on a worker thread.
    pub fn start(corpus: Corpus) -> Self {
        Self::spawn(corpus, None)
    }

    /// Builds again from a new snapshot: a build under way is asked to stop, and the new
    /// build's thread waits for it to end (it holds the index folder), not the caller.
    pub fn restart(&mut self, corpus: Corpus) {
        let previous = match std::mem::replace(self, Self::Idle) {
            Self::Building(mut build) => {
                build.stop.request();
                build.thread.take()
            }
            _ => None,
        };
        *self = Self::spawn(corpus, previous);
    }

    fn spawn(corpus: Corpus, previous: Option<JoinHandle<()>>) -> Self {
        let (tx, rx) = channel();
        let stop = Stop::default();
        let asked = stop.clone();
        let token = Arc::new(());
        let alive = Arc::downgrade(&token);
        let thread = std::thread::spawn(move || {
            let _token = token;
            if let Some(previous) = previous {
                let _ = previous.join();
            }
            let built = match SearchIndex::open_corpus_unless(&corpus, &asked) {
                Ok(Some((index, _))) => Ok(index),
                Ok(None) => return,
                Err(e) => Err(e.to_string()),
            };
            let _ = tx.send(built);
        });
        Self::Building(Build {
            rx,
            stop,
            thread: Some(thread),
            alive,
        })
    }

    /// An indexer fed by a channel (tests control when the index arrives).
    pub fn from_receiver(rx: Receiver<Result<SearchIndex, String>>) -> Self {
        Self::Building(Build {
            rx,
            stop: Stop::default(),
            thread: None,
            alive: Weak::new(),
        })
    }

    /// Takes the index if it has arrived; true when this call made it ready.
    pub fn poll(&mut self) -> bool {
        let Self::Building(build) = self else {
            return false;
        };
        *self = match build.rx.try_recv() {
            Ok(Ok(index)) => Self::Ready(index),
            Ok(Err(e)) => Self::Failed(e),
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => Self::Failed("the indexing thread stopped".into()),
        };
        true
    }

    /// Blocks until the index has arrived (tests).
    pub fn wait(&mut self) {
        if let Self::Building(build) = self {
            *self = match build.rx.recv() {
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

    /// While building: a handle that upgrades as long as the build's thread runs (tests).
    pub fn build_thread(&self) -> Option<Weak<()>> {
        match self {
            Self::Building(b) => Some(b.alive.clone()),
            _ => None,
        }
    }

    pub fn is_idle(&self) -> bool {
        matches!(self, Self::Idle)
    }

    pub fn is_building(&self) -> bool {
        matches!(self, Self::Building(_))
    }
}
