//! The narrow surface TUI tests and benchmarks use: the app with its key, mouse and tick
//! entry points, the state it draws from (read-only), and the few types they name. Nothing
//! else of the TUI is public.
//!
//! Invariant: tests drive the app the way a terminal does (keys, resizes, ticks) and read the
//! state; they never write it.

pub use super::action::Action;
pub use super::analysis_rows::{AnalysisView, Jump, Tab, TabData};
pub use super::app::App;
pub use super::i18n::Lang;
pub use super::indexer::Indexer;
pub use super::keymap::Keymap;
pub use super::layout::{Geometry, geometry};
pub use super::project_ops::remember;
pub use super::rows::{Doc, HitRow, HitsPlan, NodeInfo, PassageRow, SourceRow, TreeRow};
pub use super::state::{AppState, Focus, Mode, Popup};
pub use super::theme::{Depth, Theme};
pub use super::update::palette_matches;
pub use super::update::picker::{Entry, entries};
