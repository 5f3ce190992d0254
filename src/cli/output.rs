//! Printing results: the DESIGN §4 JSON envelope and plain text tables.

use serde::Serialize;

/// Prints `{"format": 1, "<key>": items}` as stable pretty JSON.
pub fn print_json<T: Serialize>(key: &str, items: &T) -> anyhow::Result<()> {
    let mut map = serde_json::Map::new();
    map.insert("format".into(), serde_json::json!(verbatim::model::FORMAT));
    map.insert(key.into(), serde_json::to_value(items)?);
    let bytes = verbatim::store::to_json_bytes(&serde_json::Value::Object(map));
    use std::io::Write;
    std::io::stdout().write_all(&bytes)?;
    Ok(())
}

/// Prints rows as left-aligned columns (numbers right-aligned when `numeric[i]`).
pub fn print_table(header: &[&str], rows: &[Vec<String>], numeric: &[bool]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let parts: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if numeric.get(i).copied().unwrap_or(false) {
                    format!("{c:>w$}", w = widths[i])
                } else {
                    format!("{c:<w$}", w = widths[i])
                }
            })
            .collect();
        println!("{}", parts.join("  ").trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}
