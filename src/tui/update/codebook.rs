//! Actions on the codebook pane: moving in the tree, expanding and collapsing, and the node
//! operations (add, rename, move, indent, cut and paste, merge, delete, colour, describe).
//!
//! Invariant: every change to the codebook is an effect; only the selection and the expanded
//! set change here.

use super::super::i18n::T;
use super::super::msg::Effect;
use super::super::state::{AppState, InputFor, PickFor, Popup};
use super::picker;
use crate::ids::NodeId;

pub fn action(state: &mut AppState, a: super::Action) -> Vec<Effect> {
    use super::Action as A;
    let len = state.codebook.tree.len();
    let sel = state.selected_node();
    let Some(id) = sel else {
        if matches!(a, A::NodeAddChild | A::NodeAddSibling) {
            state.popup = Some(Popup::Input {
                purpose: InputFor::AddNode { parent: None },
                text: String::new(),
            });
        }
        return vec![];
    };
    let row = state.codebook.tree[state.codebook.selected].clone();
    let parent = parent_of(state, state.codebook.selected);
    match a {
        A::Up => state.codebook.selected = state.codebook.selected.saturating_sub(1),
        A::Down => {
            state.codebook.selected = (state.codebook.selected + 1).min(len.saturating_sub(1))
        }
        A::Top => state.codebook.selected = 0,
        A::Bottom => state.codebook.selected = len.saturating_sub(1),
        A::Left if row.expanded && row.has_children => {
            state.codebook.collapsed.insert(id);
            return vec![Effect::Refresh];
        }
        A::Left => {
            if let Some(p) = parent.and_then(|p| state.codebook.tree.iter().position(|r| r.id == p))
            {
                state.codebook.selected = p;
            }
        }
        A::Right if row.has_children => {
            state.codebook.collapsed.remove(&id);
            return vec![Effect::Refresh];
        }
        A::Confirm | A::Right => {
            state.passages.of = Some(id);
            state.passages.selected = 0;
            return vec![Effect::Refresh];
        }
        A::NodeAddChild => {
            state.popup = Some(Popup::Input {
                purpose: InputFor::AddNode { parent: Some(id) },
                text: String::new(),
            })
        }
        A::NodeAddSibling => {
            state.popup = Some(Popup::Input {
                purpose: InputFor::AddNode { parent },
                text: String::new(),
            })
        }
        A::NodeRename => {
            state.popup = Some(Popup::Input {
                purpose: InputFor::RenameNode(id),
                text: row.name.clone(),
            })
        }
        A::NodeDescribe => return vec![Effect::OpenDescription(id)],
        A::NodeMerge => {
            let own: Vec<NodeId> = subtree(state, state.codebook.selected);
            let candidates = state
                .codebook
                .nodes
                .iter()
                .map(|n| n.id)
                .filter(|n| !own.contains(n))
                .collect();
            picker::open(state, PickFor::MergeInto(id), candidates, None);
        }
        A::NodeDelete => {
            let c = row.counts;
            let question = if state.french() {
                format!(
                    "Supprimer « {} » et ses sous-codes ? {} codages dans {} sources seront retirés.",
                    row.name, c.codings_total, c.sources_total
                )
            } else {
                format!(
                    "Delete '{}' and its sub-nodes? {} codings in {} sources will be removed.",
                    row.name, c.codings_total, c.sources_total
                )
            };
            state.popup = Some(Popup::Confirm {
                question,
                on_yes: vec![Effect::DeleteNode(id)],
            });
        }
        A::NodeMoveUp | A::NodeMoveDown => {
            let siblings = siblings(state, parent);
            let i = siblings.iter().position(|s| *s == id).unwrap_or(0);
            let to = if a == A::NodeMoveUp {
                i.saturating_sub(1)
            } else {
                (i + 1).min(siblings.len() - 1)
            };
            return vec![Effect::MoveNode {
                id,
                parent,
                index: Some(to),
            }];
        }
        A::NodeIndent => {
            let siblings = siblings(state, parent);
            let i = siblings.iter().position(|s| *s == id).unwrap_or(0);
            if i > 0 {
                return vec![Effect::MoveNode {
                    id,
                    parent: Some(siblings[i - 1]),
                    index: None,
                }];
            }
        }
        A::NodeOutdent => {
            if let Some(p) = parent {
                let p_row = state
                    .codebook
                    .tree
                    .iter()
                    .position(|r| r.id == p)
                    .unwrap_or(0);
                let grand = parent_of(state, p_row);
                let index = siblings(state, grand)
                    .iter()
                    .position(|s| *s == p)
                    .map(|i| i + 1);
                return vec![Effect::MoveNode {
                    id,
                    parent: grand,
                    index,
                }];
            }
        }
        A::NodeCut => {
            state.codebook.cut_node = Some(id);
            state.ui.message = Some(state.ui.lang.t(T::CutNode).into());
        }
        A::NodePaste => {
            if let Some(cut) = state.codebook.cut_node.take() {
                return vec![Effect::MoveNode {
                    id: cut,
                    parent: Some(id),
                    index: None,
                }];
            }
        }
        A::NodeColor => return vec![Effect::CycleColor(id)],
        A::NodeCodable => {
            let codable = state.node(id).is_some_and(|n| n.codable);
            return vec![Effect::SetCodable(id, !codable)];
        }
        _ => {}
    }
    vec![]
}

/// The parent of the node on tree row `i` (None at the root level).
fn parent_of(state: &AppState, i: usize) -> Option<NodeId> {
    let depth = state.codebook.tree.get(i)?.depth;
    state.codebook.tree[..i]
        .iter()
        .rev()
        .find(|r| r.depth + 1 == depth)
        .map(|r| r.id)
}

/// The visible children of `parent`, in order.
fn siblings(state: &AppState, parent: Option<NodeId>) -> Vec<NodeId> {
    (0..state.codebook.tree.len())
        .filter(|&i| parent_of(state, i) == parent)
        .map(|i| state.codebook.tree[i].id)
        .collect()
}

fn subtree(state: &AppState, i: usize) -> Vec<NodeId> {
    let depth = state.codebook.tree[i].depth;
    std::iter::once(state.codebook.tree[i].id)
        .chain(
            state.codebook.tree[i + 1..]
                .iter()
                .take_while(|r| r.depth > depth)
                .map(|r| r.id),
        )
        .collect()
}
