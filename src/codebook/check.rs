//! The limits of [`crate::limits`] applied to a code tree: node names, depth and count. Every way a
//! tree is made or changed (add, move, merge, template load, `.qdc`, `.qdpx`) checks here, so
//! they all refuse the same things with the same sentence.
//!
//! Invariant: a tree that passes [`check_tree`] is written and read back unchanged.

use super::{Codebook, Node, escape_segment, path};
use crate::error::{Error, Result};
use crate::ids::NodeId;
use crate::limits;

/// Checks every node of a tree (name, level and how many); the reason names the first node at
/// fault.
/// Walks with its own stack, so a deep tree cannot exhaust the thread's.
pub fn check_tree(nodes: &[Node]) -> Result<(), String> {
    let mut count = 0;
    let mut stack: Vec<(&Node, usize, String)> = nodes
        .iter()
        .rev()
        .map(|n| (n, 1, escape_segment(&n.name)))
        .collect();
    while let Some((node, level, path)) = stack.pop() {
        count += 1;
        limits::check_count(limits::Counted::Nodes, 0, count)?;
        limits::check_node_name(&node.name)
            .map_err(|e| format!("{e} (at '{}')", limits::shown(&path)))?;
        limits::check_node_depth(level, &path)?;
        for child in node.children.iter().rev() {
            let child_path = format!("{path}/{}", escape_segment(&child.name));
            stack.push((child, level + 1, child_path));
        }
    }
    Ok(())
}

impl Codebook {
    /// Checks the whole tree against the limits.
    pub fn check_limits(&self) -> Result<(), String> {
        check_tree(&self.nodes)
    }

    /// Whether the NODEPATH `path_text` may be added (`codebook add`, the TUI's node picker):
    /// every name valid, no node deeper than the limit. Changes nothing.
    pub fn check_new_path(&self, path_text: &str) -> Result<()> {
        let names = path::parse(path_text);
        if names.is_empty() {
            return Err(Error::Invalid("the node path is empty".into()));
        }
        for name in &names {
            limits::check_node_name(name).map_err(Error::Invalid)?;
        }
        limits::check_node_depth(names.len(), &path::format(&names)).map_err(Error::Invalid)
    }

    /// The level of a node (1 for a root node).
    pub fn level_of(&self, id: NodeId) -> Option<usize> {
        self.ancestry(id).map(|chain| chain.len())
    }

    /// Checks that the subtree of `id` fits below `parent` (None: the root level) once moved
    /// there (`below_parent`: its root goes under `parent`; else only its children do, as in a
    /// merge into `parent`).
    pub(crate) fn check_fits(
        &self,
        id: NodeId,
        parent: Option<NodeId>,
        below_parent: bool,
    ) -> Result<()> {
        let Some(node) = self.node(id) else {
            return Ok(());
        };
        let base = parent.and_then(|p| self.level_of(p)).unwrap_or(0);
        let deepest = base + height(node) - usize::from(!below_parent);
        let at = parent.and_then(|p| self.path_of(p)).map_or_else(
            || escape_segment(&node.name),
            |p| format!("{p}/{}", escape_segment(&node.name)),
        );
        limits::check_node_depth(deepest, &at).map_err(Error::Invalid)
    }
}

/// Levels in a subtree (1 for a leaf), counted with its own stack.
pub fn height(node: &Node) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(node, 1usize)];
    while let Some((n, level)) = stack.pop() {
        deepest = deepest.max(level);
        stack.extend(n.children.iter().map(|c| (c, level + 1)));
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(levels: usize) -> String {
        (1..=levels)
            .map(|i| format!("n{i}"))
            .collect::<Vec<_>>()
            .join("/")
    }

    #[test]
    fn a_path_of_33_levels_is_refused_and_32_accepted() {
        let mut b = Codebook::default();
        let err = b.add_path(&chain(33)).unwrap_err().to_string();
        assert!(err.contains("at most 32 levels"), "{err}");
        assert!(b.is_empty(), "nothing added");
        b.add_path(&chain(32)).unwrap();
        b.check_limits().unwrap();
    }

    #[test]
    fn moving_or_merging_a_subtree_too_deep_is_refused() {
        let mut b = Codebook::default();
        b.add_path(&chain(30)).unwrap();
        b.add_path("x/y/z/w").unwrap();
        let deep = b.resolve(&chain(30)).unwrap();
        let x = b.resolve("x").unwrap();
        let err = b.move_node(x, Some(deep), None).unwrap_err().to_string();
        assert!(err.contains("level 34"), "{err}");
        let before = b.clone();
        let err = b.merge_tree(x, deep).unwrap_err().to_string();
        assert!(err.contains("level 33"), "{err}");
        assert_eq!(b, before, "nothing changed");
        // Merged, x's children go one level below the target: w at 29 + 3 = 32 fits.
        let n29 = b.resolve(&chain(29)).unwrap();
        b.merge_tree(x, n29).unwrap();
        b.check_limits().unwrap();
    }

    #[test]
    fn a_control_character_in_a_name_is_refused_and_a_backslash_kept() {
        let mut b = Codebook::default();
        assert!(b.add_path("Freins/a\u{7}b").is_err());
        let (id, _) = b.add_path("C:\\temp").unwrap();
        assert_eq!(b.node(id).unwrap().name, "C:\\temp");
        assert_eq!(b.resolve(&b.path_of(id).unwrap()).unwrap(), id);
        assert!(b.rename(id, "a\tb").is_err());
    }
}
