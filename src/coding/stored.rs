//! Reading one stored coding (a line of `codings/<coder>/<source-id>.jsonl`). Written by hand
//! rather than derived because a derived reader either drops keys it does not know or, with
//! `#[serde(flatten)]`, buffers every line first (codings are the project's biggest file).
//!
//! Invariants: the known keys read exactly as the derived reader would (`before`, `after`, `at`
//! and `status` optional, every other known key required, a key twice is an error); any other
//! key lands in `extra` with its value untouched, so writing the coding back keeps it.

use super::{Coding, Status};
use crate::ids::{CodingId, NodeId};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;

impl<'de> Deserialize<'de> for Coding {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(CodingVisitor)
    }
}

struct CodingVisitor;

/// Stores a value read for `key`, refusing a key seen twice.
fn once<T, E: de::Error>(slot: &mut Option<T>, key: &'static str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(key));
    }
    *slot = Some(value);
    Ok(())
}

impl<'de> Visitor<'de> for CodingVisitor {
    type Value = Coding;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a coding object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Coding, A::Error> {
        let mut id: Option<CodingId> = None;
        let mut node: Option<NodeId> = None;
        let mut start: Option<usize> = None;
        let mut end: Option<usize> = None;
        let mut quote: Option<String> = None;
        let mut before: Option<String> = None;
        let mut after: Option<String> = None;
        let mut at: Option<String> = None;
        let mut status: Option<Option<Status>> = None;
        let mut extra = crate::model::Extra::new();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match &*key {
                "id" => once(&mut id, "id", map.next_value()?)?,
                "node" => once(&mut node, "node", map.next_value()?)?,
                "start" => once(&mut start, "start", map.next_value()?)?,
                "end" => once(&mut end, "end", map.next_value()?)?,
                "quote" => once(&mut quote, "quote", map.next_value()?)?,
                "before" => once(&mut before, "before", map.next_value()?)?,
                "after" => once(&mut after, "after", map.next_value()?)?,
                "at" => once(&mut at, "at", map.next_value()?)?,
                "status" => once(&mut status, "status", map.next_value()?)?,
                _ => {
                    let value: serde_json::Value = map.next_value()?;
                    if extra.insert(key.into_owned(), value).is_some() {
                        return Err(de::Error::custom("a key appears twice"));
                    }
                }
            }
        }
        Ok(Coding {
            id: id.ok_or_else(|| de::Error::missing_field("id"))?,
            node: node.ok_or_else(|| de::Error::missing_field("node"))?,
            start: start.ok_or_else(|| de::Error::missing_field("start"))?,
            end: end.ok_or_else(|| de::Error::missing_field("end"))?,
            quote: quote.ok_or_else(|| de::Error::missing_field("quote"))?,
            before: before.unwrap_or_default(),
            after: after.unwrap_or_default(),
            at: at.unwrap_or_default(),
            status: status.flatten(),
            extra,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"id":"6f1c2a40-1b2c-4d5e-8f90-0123456789ab","node":"7a1c2a40-1b2c-4d5e-8f90-0123456789ab","start":3,"end":9,"quote":"l’accès","before":"","after":"","at":"2026-11-30T04:00:00Z"}"#;

    #[test]
    fn a_stored_line_round_trips_byte_for_byte() {
        let c: Coding = serde_json::from_str(LINE).unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), LINE);
        assert!(c.extra.is_empty());
    }

    #[test]
    fn unknown_keys_are_kept_after_the_known_ones_in_key_order() {
        let line = LINE.replace(
            r#""start":3"#,
            r#""zeta":{"a":[1,2]},"start":3,"alpha":"x""#,
        );
        let c: Coding = serde_json::from_str(&line).unwrap();
        assert_eq!(c.extra.len(), 2);
        let written = serde_json::to_string(&c).unwrap();
        assert!(
            written.ends_with(r#""at":"2026-11-30T04:00:00Z","alpha":"x","zeta":{"a":[1,2]}}"#),
            "{written}"
        );
    }

    #[test]
    fn missing_and_repeated_keys_are_refused_and_optional_ones_default() {
        let missing = LINE.replace(r#""quote":"l’accès","#, "");
        let e = serde_json::from_str::<Coding>(&missing).unwrap_err();
        assert!(e.to_string().contains("quote"), "{e}");
        let twice = LINE.replace(r#""start":3"#, r#""start":3,"start":4"#);
        assert!(serde_json::from_str::<Coding>(&twice).is_err());
        let short = r#"{"id":"6f1c2a40-1b2c-4d5e-8f90-0123456789ab","node":"7a1c2a40-1b2c-4d5e-8f90-0123456789ab","start":0,"end":1,"quote":"a","status":"orphaned"}"#;
        let c: Coding = serde_json::from_str(short).unwrap();
        assert!(c.is_orphaned());
        assert_eq!((c.before.as_str(), c.at.as_str()), ("", ""));
        let null_status = short.replace(r#""orphaned""#, "null");
        assert!(
            !serde_json::from_str::<Coding>(&null_status)
                .unwrap()
                .is_orphaned()
        );
    }
}
