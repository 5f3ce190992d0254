//! Filters of DESIGN §4, resolved against a project (node paths turned into ids, attribute names
//! spelled as in `cases.csv`), and the test of one case and speaker against them.
//!
//! Invariant: [`Filters::admits`] reads only the case table: what passes does not depend on
//! texts or codings (those are the selection engine's part).

use crate::cases::CaseTable;
use crate::ids::NodeId;
use crate::model::{Role, Speaker};
use crate::text::fold_for_match;

/// Filters of DESIGN §4, resolved to ids. The default lets everything through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub case: Option<String>,
    /// Case attribute values (names as in `cases.csv`; values compared without case or accents).
    pub attrs: Vec<(String, String)>,
    /// A speaker name (compared without case or accents).
    pub speaker: Option<String>,
    pub role: Option<Role>,
    pub exclude_role: Option<Role>,
    /// Nodes (with descendants) a passage must overlap.
    pub also_nodes: Option<Vec<NodeId>>,
    pub coder: Option<String>,
}

impl Filters {
    /// True when only codings and nodes are filtered (every case and speaker passes).
    pub fn admits_everyone(&self) -> bool {
        self.case.is_none()
            && self.attrs.is_empty()
            && self.speaker.is_none()
            && self.role.is_none()
            && self.exclude_role.is_none()
    }

    /// Only the case and attribute filters (a whole transcript is kept or not by its case).
    pub fn by_case(&self) -> Filters {
        Filters {
            case: self.case.clone(),
            attrs: self.attrs.clone(),
            ..Filters::default()
        }
    }

    /// Whether text of `case`, said by `speaker` (None: no speaker), passes the case, attribute,
    /// speaker and role filters.
    pub fn admits(&self, cases: &CaseTable, case: &str, speaker: Option<&Speaker>) -> bool {
        if self.case.as_deref().is_some_and(|c| c != case) {
            return false;
        }
        let row = cases.rows.get(case);
        if !self.attrs.iter().all(|(k, v)| {
            row.and_then(|r| r.get(k))
                .is_some_and(|x| fold_for_match(x) == fold_for_match(v))
        }) {
            return false;
        }
        if let Some(s) = &self.speaker
            && speaker.is_none_or(|sp| fold_for_match(&sp.name) != fold_for_match(s))
        {
            return false;
        }
        let role: Option<Role> = speaker.map(|s| s.role);
        if self.role.is_some_and(|r| role != Some(r)) {
            return false;
        }
        !(self.exclude_role.is_some() && role == self.exclude_role)
    }
}
