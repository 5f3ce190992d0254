//! Codebook operations as undoable steps: add, rename, move, reorder, describe, colour,
//! codable; merge and delete (which touch codings too); loading a template.
//!
//! Invariants: a merge unites overlapping codings; a delete that would remove codings is
//! refused unless forced, and the forced one keeps what it removed in the undo step.

use super::edit::LoadReport;
use super::{Change, Session, Step};
use crate::codebook::Codebook;
use crate::coding::{self, Coding};
use crate::error::{Error, Result};
use crate::ids::NodeId;
use crate::ids::SourceId;
use crate::journal::now_rfc3339;
use crate::text::CharRange;

impl Session {
    /// Runs a codebook-only operation as one undoable step.
    fn codebook_step(
        &mut self,
        label: &str,
        ids: &[String],
        op: impl FnOnce(&mut Codebook) -> Result<()>,
    ) -> Result<()> {
        let mut after = self.codebook.clone();
        op(&mut after)?;
        self.commit_codebook(label, after, ids)
    }

    /// Replaces the codebook by `after` as one undoable step.
    fn commit_codebook(&mut self, label: &str, after: Codebook, ids: &[String]) -> Result<()> {
        let change = Change::Codebook {
            before: Box::new(self.codebook.clone()),
            after: Box::new(after),
        };
        self.commit(
            Step {
                label: label.into(),
                changes: vec![change],
            },
            ids,
        )
    }

    /// Adds a NODEPATH (missing parents too); returns the id of its last node.
    pub fn add_node(&mut self, path: &str) -> Result<NodeId> {
        let mut after = self.codebook.clone();
        let (id, created) = after.add_path(path)?;
        if created.is_empty() {
            return Err(Error::Invalid(format!("node '{path}' already exists")));
        }
        let ids: Vec<String> = created.iter().map(NodeId::to_string).collect();
        self.commit_codebook("node.add", after, &ids)?;
        Ok(id)
    }

    pub fn rename_node(&mut self, id: NodeId, name: &str) -> Result<()> {
        self.codebook_step("node.rename", &[id.to_string()], |b| b.rename(id, name))
    }

    pub fn move_node(
        &mut self,
        id: NodeId,
        parent: Option<NodeId>,
        index: Option<usize>,
    ) -> Result<()> {
        self.codebook_step("node.move", &[id.to_string()], |b| {
            b.move_node(id, parent, index)
        })
    }

    /// Moves a node among its siblings to `index` (0-based, clamped).
    pub fn reorder_node(&mut self, id: NodeId, index: usize) -> Result<()> {
        let place = self
            .codebook
            .place(id)
            .ok_or_else(|| Error::Invalid(format!("no node with id {id}")))?;
        self.codebook_step("node.reorder", &[id.to_string()], |b| {
            b.move_node(id, place.parent, Some(index))
        })
    }

    pub fn describe_node(&mut self, id: NodeId, text: &str) -> Result<()> {
        self.codebook_step("node.describe", &[id.to_string()], |b| b.describe(id, text))
    }

    pub fn color_node(&mut self, id: NodeId, color: Option<&str>) -> Result<()> {
        self.codebook_step("node.color", &[id.to_string()], |b| b.set_color(id, color))
    }

    pub fn set_codable(&mut self, id: NodeId, codable: bool) -> Result<()> {
        self.codebook_step("node.codable", &[id.to_string()], |b| {
            b.set_codable(id, codable)
        })
    }

    /// Merges `from` into `into`: codings move over and unite where they overlap; children move
    /// under `into`; descriptions join. Returns how many codings moved.
    pub fn merge_nodes(&mut self, from: NodeId, into: NodeId) -> Result<usize> {
        let mut book = self.codebook.clone();
        let pairs = book.merge_tree(from, into)?;
        let renode: std::collections::HashMap<NodeId, NodeId> = pairs.into_iter().collect();
        let mut changes = vec![Change::Codebook {
            before: Box::new(self.codebook.clone()),
            after: Box::new(book),
        }];
        let at = now_rfc3339();
        let mut moved = 0;
        let touched: std::collections::BTreeSet<(String, SourceId)> = self
            .codings
            .all()
            .filter(|(_, _, c)| renode.contains_key(&c.node))
            .map(|(coder, s, _)| (coder.to_owned(), s))
            .collect();
        for (coder, source) in touched {
            let list = self.codings.list(&coder, source).to_vec();
            let text = self.text(source)?;
            let (mut keep, to_move): (Vec<Coding>, Vec<Coding>) = list
                .into_iter()
                .partition(|c| !renode.contains_key(&c.node) || c.is_orphaned());
            for c in keep.iter_mut().filter(|c| renode.contains_key(&c.node)) {
                c.node = renode[&c.node];
            }
            // One sweep per node, as if each coding were applied in text order.
            let items: Vec<(NodeId, CharRange)> = to_move
                .iter()
                .map(|c| (renode[&c.node], CharRange::new(c.start, c.end)))
                .collect();
            coding::apply_each(&mut keep, &text, &items, &at);
            moved += items.len();
            changes.push(self.codings_change(&coder, source, keep));
        }
        self.commit(
            Step {
                label: "node.merge".into(),
                changes,
            },
            &[from.to_string(), into.to_string()],
        )?;
        Ok(moved)
    }

    /// Deletes a node and its descendants; refused while they hold codings unless `force`, which
    /// removes those codings too. Returns how many codings were removed.
    pub fn delete_node(&mut self, id: NodeId, force: bool) -> Result<usize> {
        let doomed: std::collections::HashSet<NodeId> =
            self.codebook.subtree_ids(id).into_iter().collect();
        let name = self
            .codebook
            .path_of(id)
            .ok_or_else(|| Error::Invalid(format!("no node with id {id}")))?;
        let hits: Vec<(String, SourceId)> = self
            .codings
            .all()
            .filter(|(_, _, c)| doomed.contains(&c.node))
            .map(|(c, s, _)| (c.to_owned(), s))
            .collect();
        let sources: std::collections::BTreeSet<SourceId> = hits.iter().map(|h| h.1).collect();
        if !hits.is_empty() && !force {
            return Err(Error::Invalid(format!(
                "node '{name}' and its descendants hold {} codings in {} sources; delete with --force to remove them too",
                hits.len(),
                sources.len()
            )));
        }
        let mut book = self.codebook.clone();
        book.take(id)?;
        let mut changes = vec![Change::Codebook {
            before: Box::new(self.codebook.clone()),
            after: Box::new(book),
        }];
        let pairs: std::collections::BTreeSet<(String, SourceId)> = hits.into_iter().collect();
        let mut removed = 0;
        for (coder, source) in pairs {
            let list: Vec<Coding> = self
                .codings
                .list(&coder, source)
                .iter()
                .filter(|c| !doomed.contains(&c.node))
                .cloned()
                .collect();
            removed += self.codings.list(&coder, source).len() - list.len();
            changes.push(self.codings_change(&coder, source, list));
        }
        self.commit(
            Step {
                label: "node.delete".into(),
                changes,
            },
            &[id.to_string()],
        )?;
        Ok(removed)
    }

    /// Loads a codebook template: into an empty codebook as it is, else merged by path.
    pub fn load_template(&mut self, origin: &std::path::Path, json: &[u8]) -> Result<LoadReport> {
        let template = Codebook::from_template(origin, json, self.project.manifest.id)?;
        self.merge_codebook(&template, "codebook.load")
    }

    /// Merges a codebook into this one by path, in one undoable step: nodes whose path exists are
    /// left as they are, the others are added under their parent, keeping their id when it is free.
    pub fn merge_codebook(&mut self, template: &Codebook, label: &str) -> Result<LoadReport> {
        let mut report = LoadReport::default();
        let mut after = self.codebook.clone();
        for id in template.all_ids() {
            let path = template.path_of(id).expect("own node");
            let node = template.node(id).expect("own node");
            match after.resolve(&path) {
                Ok(_) => report.existing.push(path),
                Err(_) => {
                    let place = template.place(id).expect("own node");
                    let parent = match place.parent {
                        Some(p) => Some(after.resolve(&template.path_of(p).expect("own node"))?),
                        None => None,
                    };
                    let mut copy = node.clone();
                    copy.children.clear();
                    if after.node(copy.id).is_some() {
                        copy.id = NodeId::random();
                    }
                    let at = after.children(parent).len();
                    after.put(copy, crate::codebook::Place { parent, index: at })?;
                    report.added.push(path);
                }
            }
        }
        self.commit_codebook(label, after, &[])?;
        Ok(report)
    }
}
