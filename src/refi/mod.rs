//! REFI-QDA exchange (DESIGN §2, `../shared/notes/refi-qda.md`): `.qdc` codebooks and `.qdpx`
//! projects, in and out, so a project can travel to and from NVivo, ATLAS.ti, MAXQDA and
//! QualCoder.
//!
//! Invariants: what we write validates against the official schemas (namespaces `…:1.0`, child
//! order, no empty lists, `#RRGGBB` colours, upper-case GUIDs, unique) and is the same bytes
//! every time; what we read is read leniently (any namespace version, either folder case, any
//! `.qde` name, loose colours and GUIDs) and everything we cannot bring in is reported, never
//! dropped silently; hostile archives are refused before anything is written.

pub mod archive;
pub mod check;
pub mod dom;
pub mod exchange;
pub mod offsets;
pub mod qdc;
pub mod qde_read;
pub mod qde_write;
mod qdpx_attach;
pub mod qdpx_import;
mod xmlout;

use uuid::Uuid;

/// The codebook namespace we write.
pub const CODEBOOK_NS: &str = "urn:QDA-XML:codebook:1.0";
/// The project namespace we write.
pub const PROJECT_NS: &str = "urn:QDA-XML:project:1.0";

/// The `origin` we write.
pub fn origin() -> String {
    format!("verbatim {}", env!("CARGO_PKG_VERSION"))
}

/// A GUID as we write it: upper-case, hyphenated (any of our typed ids, or a bare UUID).
pub fn guid(id: impl Into<Uuid>) -> String {
    id.into().hyphenated().to_string().to_uppercase()
}

/// A GUID as others write it: any case, with or without braces.
pub fn parse_guid(s: &str) -> Option<Uuid> {
    Uuid::parse_str(s.trim()).ok()
}

/// A colour read leniently (`#RGB`, `#RRGGBB`, `#RRGGBBAA`, `rgb(r, g, b)`, `rgba(…)`) as
/// `#RRGGBB`; `None` when it cannot be read.
pub fn read_color(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(hex) = s.strip_prefix('#') {
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        return match hex.len() {
            3 => Some(format!(
                "#{}",
                hex.chars().flat_map(|c| [c, c]).collect::<String>()
            )),
            6 | 8 => Some(format!("#{}", &hex[..6])),
            _ => None,
        }
        .map(|c| c.to_uppercase());
    }
    let inner = s
        .strip_prefix("rgba(")
        .or_else(|| s.strip_prefix("rgb("))?
        .strip_suffix(')')?;
    let parts: Vec<u8> = inner
        .split(',')
        .take(3)
        .map(|p| p.trim().parse::<u8>().ok())
        .collect::<Option<_>>()?;
    (parts.len() == 3).then(|| format!("#{:02X}{:02X}{:02X}", parts[0], parts[1], parts[2]))
}

/// Whether a colour is the schema's `#RRGGBB` (what we write).
pub fn is_rgb(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_and_colours_are_read_leniently_and_written_one_way() {
        let id = parse_guid("{1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d}").unwrap();
        assert_eq!(guid(id), "1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D");
        assert_eq!(parse_guid("1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D"), Some(id));
        assert_eq!(parse_guid("not-a-guid"), None);
        assert_eq!(read_color("#1f77b4").as_deref(), Some("#1F77B4"));
        assert_eq!(read_color("#abc").as_deref(), Some("#AABBCC"));
        assert_eq!(read_color("#D62728FF").as_deref(), Some("#D62728"));
        assert_eq!(read_color("rgb(31, 119, 180)").as_deref(), Some("#1F77B4"));
        assert_eq!(
            read_color("rgba(31,119,180,0.5)").as_deref(),
            Some("#1F77B4")
        );
        assert_eq!(read_color("blue"), None);
        assert!(is_rgb("#1F77B4") && !is_rgb("#1F77B4FF") && !is_rgb("#abc"));
    }
}
