//! Stable JSON files: pretty-printed (two spaces), keys in declaration order, trailing newline;
//! read back with the line and column of any syntax error and a check of the `format` number.

use super::write_atomic;
use crate::error::{Error, Result};
use serde::{Serialize, de::DeserializeOwned};
use std::path::Path;

/// Serialises `value` as stable, pretty JSON with a trailing newline.
pub fn to_json_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).expect("project data always serialises");
    out.push(b'\n');
    out
}

/// Atomically writes `value` as stable JSON.
pub fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    write_atomic(path, &to_json_bytes(value))
}

/// Reads a JSON file whose top-level `format` must be at most `supported`.
pub fn read_json<T: DeserializeOwned>(path: &Path, supported: u32) -> Result<T> {
    let bytes = super::read_plain(path).map_err(|e| Error::io("could not read", path, e))?;
    parse_json(path, &bytes, supported)
}

fn parse_json<T: DeserializeOwned>(path: &Path, bytes: &[u8], supported: u32) -> Result<T> {
    let json_error = |e: serde_json::Error| Error::Json {
        path: path.to_owned(),
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    };
    let nesting = crate::limits::json_nesting(bytes);
    if nesting > crate::limits::MAX_JSON_NESTING {
        return Err(Error::bad_input(
            path,
            format!(
                "nests {nesting} levels deep, more than the {} verbatim reads (a codebook has at \
                 most {} levels); it was not written by this version of verbatim",
                crate::limits::MAX_JSON_NESTING,
                crate::limits::MAX_NODE_DEPTH
            ),
        ));
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(json_error)?;
    match value.get("format").and_then(serde_json::Value::as_u64) {
        Some(found) if found > u64::from(supported) => {
            return Err(Error::NewerFormat {
                path: path.to_owned(),
                found,
                supported,
            });
        }
        Some(_) => {}
        None => {
            return Err(Error::bad_input(
                path,
                "has no \"format\" number; it was not written by verbatim",
            ));
        }
    }
    // Parse the bytes again (not the Value) so that type errors also carry a line and column.
    serde_json::from_slice(bytes).map_err(json_error)
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn output_is_pretty_with_trailing_newline() {
        let mut m = BTreeMap::new();
        m.insert("b", 1);
        m.insert("a", 2);
        assert_eq!(to_json_bytes(&m), b"{\n  \"a\": 2,\n  \"b\": 1\n}\n");
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let err = parse_json::<serde_json::Value>(
            Path::new("v.json"),
            b"{\n  \"format\": 1,\n  oops\n}",
            1,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("v.json is not valid JSON at line 3, column 3"),
            "{err}"
        );
    }

    #[test]
    fn too_deep_json_is_refused_with_a_sentence() {
        let deep = format!(
            "{{\"format\": 1, \"a\": {}{}}}",
            "[".repeat(200),
            "]".repeat(200)
        );
        let err = parse_json::<serde_json::Value>(Path::new("c.json"), deep.as_bytes(), 1)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("c.json: nests 201 levels deep"), "{err}");
    }

    #[test]
    fn newer_format_is_refused() {
        let err = parse_json::<serde_json::Value>(Path::new("v.json"), b"{\"format\": 7}", 1)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("has format 7, newer than this verbatim understands (1)"),
            "{err}"
        );
    }
}
