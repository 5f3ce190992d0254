//! Typed identifiers: [`SourceId`], [`NodeId`], [`CodingId`] and [`MemoId`], each a UUID that
//! cannot be mistaken for another kind of id.
//!
//! Invariants: on disk an id is its UUID exactly as before (`serde(transparent)`, so files are
//! byte-identical); `Display` and `FromStr` are the UUID's hyphenated lower-case form. The core,
//! the CLI and the TUI pass typed ids; building one from a bare [`Uuid`] (explicit: `From`, or
//! the tuple constructor) happens only where ids are read or written — memo targets, REFI
//! GUIDs, search index keys, the `.jsonl` file names — and when a new id is made.

use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            PartialOrd,
            Ord,
            Hash,
            Default,
            serde::Serialize,
            serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A new random (v4) id.
            pub fn random() -> Self {
                Self(Uuid::new_v4())
            }

            /// The all-zero id (tests, placeholders).
            pub const fn nil() -> Self {
                Self(Uuid::nil())
            }

            /// The UUID inside.
            pub const fn uuid(self) -> Uuid {
                self.0
            }

            /// Parses the hyphenated (or simple) UUID form.
            pub fn parse_str(s: &str) -> Result<Self, uuid::Error> {
                Uuid::parse_str(s).map(Self)
            }

            /// The hyphenated form (what `Display` prints).
            pub fn hyphenated(self) -> uuid::fmt::Hyphenated {
                self.0.hyphenated()
            }

            /// The id from the two halves [`Self::as_u64_pair`] gives (search index keys).
            pub const fn from_u64_pair(high: u64, low: u64) -> Self {
                Self(Uuid::from_u64_pair(high, low))
            }

            /// The id as two halves (search index keys).
            pub const fn as_u64_pair(self) -> (u64, u64) {
                self.0.as_u64_pair()
            }

            /// Whether this is the all-zero id.
            pub fn is_nil(self) -> bool {
                self.0.is_nil()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse_str(s)
            }
        }

        impl From<Uuid> for $name {
            fn from(u: Uuid) -> Self {
                Self(u)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl PartialEq<Uuid> for $name {
            fn eq(&self, other: &Uuid) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<$name> for Uuid {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }
    };
}

id_type!(
    /// A source (one transcript) of the project's manifest.
    SourceId
);
id_type!(
    /// A node (code) of the codebook.
    NodeId
);
id_type!(
    /// One coding: a node applied to a range of a source's text.
    CodingId
);
id_type!(
    /// A memo (`memos/<id>.md`).
    MemoId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_written_and_read_as_their_uuid() {
        let u = Uuid::parse_str("0b0e5a4e-8f4c-4c1e-9d55-3a2f1c6b7e10").unwrap();
        let id = NodeId(u);
        assert_eq!(
            serde_json::to_string(&id).unwrap(),
            serde_json::to_string(&u).unwrap()
        );
        assert_eq!(
            serde_json::from_str::<NodeId>("\"0b0e5a4e-8f4c-4c1e-9d55-3a2f1c6b7e10\"").unwrap(),
            id
        );
        assert_eq!(id.to_string(), u.to_string());
        assert_eq!(
            "0b0e5a4e-8f4c-4c1e-9d55-3a2f1c6b7e10"
                .parse::<NodeId>()
                .unwrap(),
            id
        );
        assert!("not-an-id".parse::<SourceId>().is_err());
        assert_eq!(id, u);
    }
}
