//! The codebook: a tree of nodes (codes) stored in `codebook.json`, and loading a template (our
//! JSON format, as in `codebooks/`) into a project.
//!
//! Invariants: node ids are UUIDs that never change; sibling names are unique; a template loaded
//! into a project gets ids derived from (project id, node path), so loading the same template
//! into the same project twice gives the same ids.

use crate::error::{Error, Result};
use crate::ids::NodeId;
use crate::model::FORMAT;
use crate::store;
use serde::{Deserialize, Serialize};
use std::path::Path;
use uuid::Uuid;

mod check;
mod ops;
pub mod path;

pub use check::{check_tree, height};
pub use ops::Place;

/// One node of the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub id: NodeId,
    pub name: String,
    #[serde(default)]
    pub color: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default = "yes")]
    pub codable: bool,
    #[serde(default)]
    pub children: Vec<Node>,
    #[serde(flatten)]
    pub extra: crate::model::Extra,
}

fn yes() -> bool {
    true
}

/// The whole codebook file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Codebook {
    pub format: u32,
    #[serde(default)]
    pub nodes: Vec<Node>,
    #[serde(flatten)]
    pub extra: crate::model::Extra,
}

impl Default for Codebook {
    fn default() -> Self {
        Self {
            format: FORMAT,
            nodes: Vec::new(),
            extra: Default::default(),
        }
    }
}

/// A template node: like [`Node`], without ids.
#[derive(Debug, Clone, Deserialize)]
struct TemplateNode {
    name: String,
    #[serde(default)]
    color: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default = "yes")]
    codable: bool,
    #[serde(default)]
    children: Vec<TemplateNode>,
}

#[derive(Debug, Clone, Deserialize)]
struct Template {
    #[serde(default)]
    nodes: Vec<TemplateNode>,
}

impl Codebook {
    pub fn read(path: &Path) -> Result<Self> {
        store::read_json(path, FORMAT)
    }

    pub fn write(&self, path: &Path) -> Result<()> {
        store::write_json(path, self)
    }

    /// Number of nodes in the tree.
    pub fn len(&self) -> usize {
        fn count(nodes: &[Node]) -> usize {
            nodes.iter().map(|n| 1 + count(&n.children)).sum()
        }
        count(&self.nodes)
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Builds a codebook from a template's JSON, giving nodes ids derived from `namespace` and
    /// their path. Errors name the file (`origin`).
    pub fn from_template(origin: &Path, json: &[u8], namespace: Uuid) -> Result<Self> {
        let value: serde_json::Value = serde_json::from_slice(json).map_err(|e| Error::Json {
            path: origin.to_owned(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        if value
            .get("format")
            .and_then(serde_json::Value::as_u64)
            .is_some_and(|f| f > u64::from(FORMAT))
        {
            return Err(Error::bad_input(origin, "was written by a newer verbatim"));
        }
        let template: Template = serde_json::from_value(value)
            .map_err(|e| Error::bad_input(origin, format!("is not a codebook template: {e}")))?;
        let nodes = convert(origin, &template.nodes, "", namespace)?;
        let book = Self {
            format: FORMAT,
            nodes,
            extra: Default::default(),
        };
        book.check_limits()
            .map_err(|reason| Error::bad_input(origin, reason))?;
        Ok(book)
    }
}

fn convert(origin: &Path, nodes: &[TemplateNode], parent: &str, ns: Uuid) -> Result<Vec<Node>> {
    let mut out: Vec<Node> = Vec::with_capacity(nodes.len());
    for t in nodes {
        let name = t.name.trim();
        if name.is_empty() {
            return Err(Error::bad_input(
                origin,
                format!("has a node without a name under '{parent}'"),
            ));
        }
        if out.iter().any(|n| n.name == name) {
            return Err(Error::bad_input(
                origin,
                format!("has two nodes named '{name}' under '{parent}'"),
            ));
        }
        let path = if parent.is_empty() {
            escape_segment(name)
        } else {
            format!("{parent}/{}", escape_segment(name))
        };
        out.push(Node {
            id: NodeId(Uuid::new_v5(&ns, format!("node:{path}").as_bytes())),
            name: name.to_owned(),
            color: t.color.clone(),
            description: t.description.clone(),
            codable: t.codable,
            children: convert(origin, &t.children, &path, ns)?,
            extra: Default::default(),
        });
    }
    Ok(out)
}

/// Escapes a node name for use in a NODEPATH (`/` inside a name is written `\/`).
pub fn escape_segment(name: &str) -> String {
    name.replace('\\', "\\\\").replace('/', "\\/")
}
