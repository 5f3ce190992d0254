//! A fault-injection seam for tests: a test arms a failure at one point of the storage layer
//! (staging a write, an fsync, a rename, the intent record, the journal append), on its own
//! thread, and every operation through [`crate::store`] sees it. Outside tests nothing is armed
//! and [`check`] is a thread-local read.
//!
//! Invariant: arming affects only the calling thread, so tests running in parallel never see
//! each other's faults.

use std::cell::RefCell;

/// Where a fault can be injected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Point {
    /// Creating or filling a staged file (a full disk).
    Write,
    /// Flushing a file to disk.
    Fsync,
    /// Renaming a staged file over its target.
    Rename,
    /// Writing the intent record.
    Intent,
    /// Appending the journal line.
    JournalAppend,
}

thread_local! {
    static ARMED: RefCell<Vec<(Point, usize, std::io::ErrorKind)>> = const { RefCell::new(Vec::new()) };
}

/// Makes the `(skip + 1)`-th pass through `point` on this thread fail with `kind`.
pub fn arm(point: Point, skip: usize, kind: std::io::ErrorKind) {
    ARMED.with(|a| a.borrow_mut().push((point, skip, kind)));
}

/// Disarms every fault of this thread.
pub fn disarm() {
    ARMED.with(|a| a.borrow_mut().clear());
}

/// Fails if a fault is armed at `point` and due.
pub fn check(point: Point) -> std::io::Result<()> {
    ARMED.with(|a| {
        let mut armed = a.borrow_mut();
        let Some(i) = armed.iter().position(|(p, _, _)| *p == point) else {
            return Ok(());
        };
        if armed[i].1 > 0 {
            armed[i].1 -= 1;
            return Ok(());
        }
        let (_, _, kind) = armed.remove(i);
        Err(std::io::Error::new(
            kind,
            format!("injected fault ({point:?})"),
        ))
    })
}
