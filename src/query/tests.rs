//! Tests of the selection engine on a small project: counts and passages unite the coders,
//! filter by coder, and follow descendants.

use super::*;
use crate::ids::{NodeId, SourceId};
use crate::session::Session;
use crate::session::fixture::e1_project;
use crate::text::CharRange;

fn project() -> (tempfile::TempDir, Session) {
    e1_project(&["Freins/Temps", "Freins/Charge"])
}

fn node(s: &Session, path: &str) -> NodeId {
    s.codebook().resolve(path).unwrap()
}

fn src(s: &Session) -> SourceId {
    s.source_id("E1").unwrap()
}

#[test]
fn counts_and_passages_use_the_union_of_coders() {
    let (_d, mut s) = project();
    let e1 = src(&s);
    let (temps, charge) = (node(&s, "Freins/Temps"), node(&s, "Freins/Charge"));
    s.code("sg", e1, CharRange::new(31, 45), temps).unwrap();
    s.code("mb", e1, CharRange::new(35, 50), temps).unwrap();
    s.code("mb", e1, CharRange::new(100, 110), charge).unwrap();
    let counts = node_counts(&s, None);
    assert_eq!(
        counts[&temps],
        NodeCounts {
            codings: 2,
            sources: 1,
            codings_total: 2,
            sources_total: 1
        }
    );
    assert_eq!(counts[&node(&s, "Freins")].codings_total, 3);
    let ps = passages(&s, &[temps], false, &Default::default()).unwrap();
    assert_eq!(ps.len(), 1);
    assert_eq!((ps[0].start, ps[0].end), (31, 50));
    assert_eq!(ps[0].coders, ["mb", "sg"]);
    assert_eq!(ps[0].speaker.as_deref(), Some("M1"));
    let f = crate::query::Filters {
        coder: Some("sg".into()),
        ..Default::default()
    };
    assert_eq!(passages(&s, &[temps], false, &f).unwrap()[0].end, 45);
    assert_eq!(
        passages(&s, &[node(&s, "Freins")], true, &Default::default())
            .unwrap()
            .len(),
        2
    );
}
