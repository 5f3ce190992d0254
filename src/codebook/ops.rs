//! Tree operations on a [`Codebook`]: find, add, rename, move, reorder, remove, merge of the
//! tree part. Codings are not touched here; `session` combines both.
//!
//! Invariants kept by every operation: sibling names are unique, ids are unique, no node is its
//! own ancestor. An operation that would break one returns an error and changes nothing.

use super::{Codebook, Node, path};
use crate::error::{Error, Result};
use crate::ids::NodeId;

/// Where a node sits: its parent (None for the root level) and its index among its siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub parent: Option<NodeId>,
    pub index: usize,
}

impl Codebook {
    /// Finds a node by id.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        fn walk(nodes: &[Node], id: NodeId) -> Option<&Node> {
            nodes.iter().find_map(|n| {
                if n.id == id {
                    Some(n)
                } else {
                    walk(&n.children, id)
                }
            })
        }
        walk(&self.nodes, id)
    }

    fn node_mut(&mut self, id: NodeId) -> Option<&mut Node> {
        fn walk(nodes: &mut [Node], id: NodeId) -> Option<&mut Node> {
            for n in nodes {
                if n.id == id {
                    return Some(n);
                }
                if let Some(found) = walk(&mut n.children, id) {
                    return Some(found);
                }
            }
            None
        }
        walk(&mut self.nodes, id)
    }

    /// Resolves a NODEPATH, or a node id, to a node id.
    pub fn resolve(&self, path_or_id: &str) -> Result<NodeId> {
        if let Ok(id) = NodeId::parse_str(path_or_id.trim())
            && self.node(id).is_some()
        {
            return Ok(id);
        }
        let names = path::parse(path_or_id);
        self.find_path(&names).ok_or_else(|| {
            Error::Invalid(format!("no node '{}' in the codebook", path_or_id.trim()))
        })
    }

    fn find_path(&self, names: &[String]) -> Option<NodeId> {
        let mut level = &self.nodes;
        let mut found = None;
        for name in names {
            let n = level.iter().find(|n| &n.name == name)?;
            found = Some(n.id);
            level = &n.children;
        }
        (found.map(|i| i.0)).map(NodeId)
    }

    /// The NODEPATH of a node.
    pub fn path_of(&self, id: NodeId) -> Option<String> {
        self.ancestry(id)
            .map(|chain| path::format(&chain.iter().map(|n| n.name.as_str()).collect::<Vec<_>>()))
    }

    /// The chain of nodes from the root to `id`, inclusive.
    pub fn ancestry(&self, id: NodeId) -> Option<Vec<&Node>> {
        fn walk<'a>(nodes: &'a [Node], id: NodeId, chain: &mut Vec<&'a Node>) -> bool {
            for n in nodes {
                chain.push(n);
                if n.id == id || walk(&n.children, id, chain) {
                    return true;
                }
                chain.pop();
            }
            false
        }
        let mut chain = Vec::new();
        walk(&self.nodes, id, &mut chain).then_some(chain)
    }

    /// Where a node is in the tree.
    pub fn place(&self, id: NodeId) -> Option<Place> {
        let chain = self.ancestry(id)?;
        let parent = chain.len().checked_sub(2).map(|i| chain[i].id);
        let index = self.children(parent).iter().position(|n| n.id == id)?;
        Some(Place { parent, index })
    }

    /// The children of `parent` (the root level for None).
    pub fn children(&self, parent: Option<NodeId>) -> &[Node] {
        match parent {
            None => &self.nodes,
            Some(p) => self.node(p).map_or(&[], |n| &n.children),
        }
    }

    fn children_mut(&mut self, parent: Option<NodeId>) -> Result<&mut Vec<Node>> {
        match parent {
            None => Ok(&mut self.nodes),
            Some(p) => self
                .node_mut(p)
                .map(|n| &mut n.children)
                .ok_or_else(|| Error::Invalid(format!("no node with id {p}"))),
        }
    }

    /// The ids of a node and all its descendants, in tree order.
    pub fn subtree_ids(&self, id: NodeId) -> Vec<NodeId> {
        fn walk(n: &Node, out: &mut Vec<NodeId>) {
            out.push(n.id);
            n.children.iter().for_each(|c| walk(c, out));
        }
        let mut out = Vec::new();
        if let Some(n) = self.node(id) {
            walk(n, &mut out);
        }
        out
    }

    /// Every node id in tree order (depth first).
    pub fn all_ids(&self) -> Vec<NodeId> {
        self.nodes
            .iter()
            .flat_map(|n| self.subtree_ids(n.id))
            .collect()
    }

    /// Adds the nodes of a NODEPATH that do not exist yet; returns the id of the last one and
    /// the ids created.
    pub fn add_path(&mut self, path_text: &str) -> Result<(NodeId, Vec<NodeId>)> {
        self.check_new_path(path_text)?;
        let names = path::parse(path_text);
        let mut parent: Option<NodeId> = None;
        let mut created = Vec::new();
        for name in &names {
            let existing = self
                .children(parent)
                .iter()
                .find(|n| &n.name == name)
                .map(|n| n.id);
            let id = match existing {
                Some(id) => id,
                None => {
                    let id = NodeId::random();
                    self.children_mut(parent)?.push(Node::new(id, name));
                    created.push(id);
                    id
                }
            };
            parent = Some(id);
        }
        Ok((parent.expect("at least one name"), created))
    }

    /// Renames a node; refused when a sibling already has the name.
    pub fn rename(&mut self, id: NodeId, name: &str) -> Result<()> {
        let name = name.trim();
        check_name(name)?;
        let place = self
            .place(id)
            .ok_or_else(|| Error::Invalid(format!("no node with id {id}")))?;
        if self
            .children(place.parent)
            .iter()
            .any(|n| n.name == name && n.id != id)
        {
            return Err(Error::Invalid(format!(
                "a sibling is already named '{name}'"
            )));
        }
        self.node_mut(id).expect("placed").name = name.to_owned();
        Ok(())
    }

    /// Moves a node under `parent` (None: the root), at `index` (None: last).
    pub fn move_node(
        &mut self,
        id: NodeId,
        parent: Option<NodeId>,
        index: Option<usize>,
    ) -> Result<()> {
        let name = self
            .node(id)
            .ok_or_else(|| Error::Invalid(format!("no node with id {id}")))?
            .name
            .clone();
        if let Some(p) = parent {
            if self.subtree_ids(id).contains(&p) {
                return Err(Error::Invalid(format!(
                    "cannot move '{name}' under itself or one of its descendants"
                )));
            }
            if self.node(p).is_none() {
                return Err(Error::Invalid(format!("no node with id {p}")));
            }
        }
        self.check_fits(id, parent, true)?;
        if self
            .children(parent)
            .iter()
            .any(|n| n.name == name && n.id != id)
        {
            return Err(Error::Invalid(format!(
                "the new parent already has a child named '{name}'"
            )));
        }
        let (node, _) = self.take(id)?;
        let siblings = self.children_mut(parent)?;
        let at = index.unwrap_or(siblings.len()).min(siblings.len());
        siblings.insert(at, node);
        Ok(())
    }

    /// Removes a node (with its subtree) and returns it with the place it had.
    pub fn take(&mut self, id: NodeId) -> Result<(Node, Place)> {
        let place = self
            .place(id)
            .ok_or_else(|| Error::Invalid(format!("no node with id {id}")))?;
        let node = self.children_mut(place.parent)?.remove(place.index);
        Ok((node, place))
    }

    /// Puts a node back where it was (the inverse of [`Codebook::take`]).
    pub fn put(&mut self, node: Node, place: Place) -> Result<()> {
        let siblings = self.children_mut(place.parent)?;
        let at = place.index.min(siblings.len());
        siblings.insert(at, node);
        Ok(())
    }

    /// Moves the tree part of `from` into `into`: children move under `into` (a child whose name
    /// is taken there merges into that child, recursively), the description is appended, `from`
    /// disappears. Returns the pairs (merged node, node it went into), `from` first.
    pub fn merge_tree(&mut self, from: NodeId, into: NodeId) -> Result<Vec<(NodeId, NodeId)>> {
        if from == into {
            return Err(Error::Invalid("cannot merge a node into itself".into()));
        }
        if self.subtree_ids(from).contains(&into) {
            return Err(Error::Invalid(
                "cannot merge a node into one of its descendants".into(),
            ));
        }
        if self.node(into).is_none() {
            return Err(Error::Invalid(format!("no node with id {into}")));
        }
        self.check_fits(from, Some(into), false)?;
        let (node, _) = self.take(from)?;
        let mut pairs = Vec::new();
        self.absorb(node, into, &mut pairs)?;
        Ok(pairs)
    }

    fn absorb(
        &mut self,
        node: Node,
        into: NodeId,
        pairs: &mut Vec<(NodeId, NodeId)>,
    ) -> Result<()> {
        pairs.push((node.id, into));
        let target = self.node_mut(into).expect("checked");
        let extra = node.description.trim();
        if !extra.is_empty() && !target.description.contains(extra) {
            if !target.description.trim().is_empty() {
                target.description.push_str("\n\n");
            }
            target.description.push_str(extra);
        }
        for child in node.children {
            let same = self
                .children(Some(into))
                .iter()
                .find(|n| n.name == child.name)
                .map(|n| n.id);
            match same {
                Some(existing) => self.absorb(child, existing, pairs)?,
                None => self.children_mut(Some(into))?.push(child),
            }
        }
        Ok(())
    }

    /// Sets a node's description.
    pub fn describe(&mut self, id: NodeId, text: &str) -> Result<()> {
        self.node_mut(id)
            .ok_or_else(|| Error::Invalid(format!("no node with id {id}")))?
            .description = text.trim().to_owned();
        Ok(())
    }

    /// Sets a node's colour (`#RRGGBB`), or clears it with None.
    pub fn set_color(&mut self, id: NodeId, color: Option<&str>) -> Result<()> {
        let color = match color.map(str::trim).filter(|c| !c.is_empty()) {
            Some(c)
                if c.len() == 7
                    && c.starts_with('#')
                    && c[1..].chars().all(|x| x.is_ascii_hexdigit()) =>
            {
                Some(c.to_uppercase())
            }
            Some(c) => {
                return Err(Error::Invalid(format!(
                    "colour '{c}' is not of the form #RRGGBB"
                )));
            }
            None => None,
        };
        self.node_mut(id)
            .ok_or_else(|| Error::Invalid(format!("no node with id {id}")))?
            .color = color;
        Ok(())
    }

    /// Marks a node as codable or as a folder only.
    pub fn set_codable(&mut self, id: NodeId, codable: bool) -> Result<()> {
        self.node_mut(id)
            .ok_or_else(|| Error::Invalid(format!("no node with id {id}")))?
            .codable = codable;
        Ok(())
    }
}

impl Node {
    pub fn new(id: NodeId, name: &str) -> Self {
        Self {
            id,
            name: name.to_owned(),
            color: None,
            description: String::new(),
            codable: true,
            children: Vec::new(),
            extra: Default::default(),
        }
    }
}

fn check_name(name: &str) -> Result<()> {
    crate::limits::check_node_name(name).map_err(Error::Invalid)
}

#[cfg(test)]
mod tests;
