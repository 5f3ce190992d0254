//! The count limits of [`crate::limits`] applied to a step before anything is staged: the
//! sources, nodes and codings a step would leave. Every writer goes through
//! `Session::apply_changes`, so the CLI, the TUI, undo and redo all meet the same rule.
//!
//! Invariant: only growth is refused; a step that leaves a count lower or equal passes even when
//! the project is already over a limit (made by hand or by another tool), so it can shrink.

use super::history::Change;
use crate::error::{Error, Result};
use crate::limits::{self, Counted};

/// Checks the counts `changes` would leave, given the counts now.
pub(super) fn check(
    changes: &[Change],
    sources_now: usize,
    nodes_now: usize,
    codings_now: usize,
) -> Result<()> {
    let mut codings_after = codings_now as isize;
    let mut sources_after = sources_now;
    let mut nodes_after = nodes_now;
    for change in changes {
        match change {
            Change::Codings { before, after, .. } => {
                codings_after += after.len() as isize - before.len() as isize;
            }
            Change::Codebook { after, .. } => nodes_after = after.len(),
            Change::Meta { after, .. } => sources_after = after.manifest.sources.len(),
            Change::Source { .. } => {}
        }
    }
    let codings_after = codings_after.max(0) as usize;
    for (what, now, after) in [
        (Counted::Sources, sources_now, sources_after),
        (Counted::Nodes, nodes_now, nodes_after),
        (Counted::Codings, codings_now, codings_after),
    ] {
        limits::check_count(what, now, after).map_err(Error::Invalid)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codebook::{Codebook, Node};
    use crate::coding::{SourceText, make_coding};
    use crate::ids::{CodingId, NodeId, SourceId};
    use crate::limits::{MAX_CODINGS, MAX_NODES};
    use crate::text::CharRange;

    fn book(nodes: usize) -> Box<Codebook> {
        Box::new(Codebook {
            nodes: (0..nodes)
                .map(|i| Node::new(NodeId::random(), &format!("n{i}")))
                .collect(),
            ..Codebook::default()
        })
    }

    fn codings(n: usize) -> Vec<crate::coding::Coding> {
        let text = SourceText::new("l'accès aux soins".into());
        (0..n)
            .map(|_| {
                make_coding(
                    &text,
                    CodingId::random(),
                    NodeId::random(),
                    CharRange::new(0, 7),
                    "",
                )
            })
            .collect()
    }

    #[test]
    fn a_step_growing_past_a_count_limit_is_refused_and_one_shrinking_passes() {
        let add_one = [Change::Codings {
            coder: "alice".into(),
            source: SourceId::random(),
            before: codings(1),
            after: codings(2),
        }];
        let e = check(&add_one, 0, 0, MAX_CODINGS).unwrap_err().to_string();
        assert!(e.contains("at most 2,000,000 codings"), "{e}");
        assert!(check(&add_one, 0, 0, MAX_CODINGS - 1).is_ok());
        let remove_one = [Change::Codings {
            coder: "alice".into(),
            source: SourceId::random(),
            before: codings(2),
            after: codings(1),
        }];
        assert!(check(&remove_one, 0, 0, MAX_CODINGS + 10).is_ok());

        let grow_book = [Change::Codebook {
            before: book(0),
            after: book(MAX_NODES + 1),
        }];
        let e = check(&grow_book, 0, MAX_NODES, 0).unwrap_err().to_string();
        assert!(e.contains("100,000 nodes"), "{e}");
        assert!(check(&grow_book, 0, MAX_NODES + 2, 0).is_ok(), "shrinking");
    }
}
