//! What the export dialog remembers between exports (saved per project in
//! `.verbatim/export.json`): plain data, shared by the dialog, its messages and the runtime.
//!
//! Invariant: unknown or missing fields read as the defaults (`serde(default)`).

use crate::export::{Format, Options};
use serde::{Deserialize, Serialize};

/// What the dialog remembers between exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportChoices {
    pub format: Format,
    /// The output file, relative to the project folder unless absolute.
    pub file: String,
    /// Only the node selected in the codebook (with its subtree), else the whole tree.
    pub selected_node_only: bool,
    /// A filter in the passages panel's syntax (`case:E01 Profession=MG -role:interviewer`).
    pub filter: String,
    pub options: Options,
}

impl Default for ExportChoices {
    fn default() -> Self {
        Self {
            format: Format::Docx,
            file: "annexe-verbatims.docx".into(),
            selected_node_only: false,
            filter: String::new(),
            options: Options::default(),
        }
    }
}
