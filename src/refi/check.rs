//! Checks the XSD cannot make on a REFI-QDA file (research note §8): every GUID unique, every
//! referenced GUID present, selections inside their text (code points, start ≤ end), every
//! `internal://` file present in the archive and UTF-8, colours exactly `#RRGGBB` or `#RGB`
//! (libxml2 lets 8 digits through). Used on every export in the tests.
//!
//! Invariant: an empty list means the file passed; each problem is one sentence.

use super::archive::QdpxArchive;
use super::dom::{self, El};
use std::collections::HashMap;
use std::path::Path;

const REFERENCES: &[&str] = &[
    "targetGUID",
    "creatingUser",
    "modifyingUser",
    "creatingUserGUID",
    "modifyingUserGUID",
    "originGUID",
];

fn color_ok(c: &str) -> bool {
    let hex = c.strip_prefix('#').unwrap_or("");
    matches!(hex.len(), 3 | 6) && hex.chars().all(|x| x.is_ascii_hexdigit())
}

/// Problems of a parsed document (GUIDs, references, colours).
fn check_tree(root: &El, problems: &mut Vec<String>) {
    let mut all = vec![root];
    all.extend(root.descendants());
    let mut seen: HashMap<String, &str> = HashMap::new();
    for e in &all {
        if let Some(g) = e.attr("guid").filter(|_| e.name != "MemberCode")
            && let Some(first) = seen.insert(g.to_uppercase(), &e.name)
        {
            problems.push(format!("GUID {g} is used by a {first} and a {}", e.name));
        }
        if let Some(c) = e.attr("color").filter(|c| !color_ok(c)) {
            problems.push(format!("{} has colour '{c}', not #RRGGBB", e.name));
        }
    }
    for e in &all {
        for key in REFERENCES {
            if let Some(g) = e
                .attr(key)
                .filter(|g| !seen.contains_key(&g.to_uppercase()))
            {
                problems.push(format!(
                    "{} refers by {key} to {g}, which the file does not hold",
                    e.name
                ));
            }
        }
        if e.name == "MemberCode"
            && let Some(g) = e
                .attr("guid")
                .filter(|g| !seen.contains_key(&g.to_uppercase()))
        {
            problems.push(format!("MemberCode {g} names no code"));
        }
    }
}

/// Checks a `.qdc`'s text.
pub fn qdc(xml: &str) -> Vec<String> {
    let mut problems = Vec::new();
    match dom::parse(xml) {
        Ok(root) => check_tree(&root, &mut problems),
        Err(e) => problems.push(format!("the codebook {e}")),
    }
    problems
}

/// Checks a `.qdpx` file.
pub fn qdpx(path: &Path) -> Vec<String> {
    let archive = match QdpxArchive::open(path) {
        Ok(a) => a,
        Err(e) => return vec![e.to_string()],
    };
    let root = match dom::parse(&archive.qde) {
        Ok(r) => r,
        Err(e) => return vec![format!("{} {e}", archive.qde_name)],
    };
    let mut problems = Vec::new();
    check_tree(&root, &mut problems);
    for s in root
        .descendants()
        .into_iter()
        .filter(|e| e.name == "TextSource")
    {
        let name = s.attr("name").unwrap_or("");
        let Some(path) = s.attr("plainTextPath") else {
            if s.child("PlainTextContent").is_none() {
                problems.push(format!(
                    "source '{name}' has neither plainTextPath nor PlainTextContent"
                ));
            }
            continue;
        };
        let Some(file) = path.strip_prefix("internal://") else {
            continue;
        };
        let Some(bytes) = archive.internal(file) else {
            problems.push(format!("source '{name}': {path} is not in the archive"));
            continue;
        };
        let Ok(text) = std::str::from_utf8(bytes) else {
            problems.push(format!("source '{name}': {file} is not UTF-8"));
            continue;
        };
        let len = text.chars().count();
        for sel in s.all("PlainTextSelection") {
            let pos = |k: &str| sel.attr(k).and_then(|v| v.parse::<usize>().ok());
            match (pos("startPosition"), pos("endPosition")) {
                (Some(a), Some(b)) if a <= b && b <= len => {}
                (a, b) => problems.push(format!(
                    "source '{name}': selection {:?}..{:?} is not inside its {len} code points",
                    a, b
                )),
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_and_dangling_guids_and_bad_colours_are_found() {
        let xml = r##"<CodeBook><Codes>
            <Code guid="1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D" name="a" isCodable="true" color="#D62728FF"/>
            <Code guid="1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d" name="b" isCodable="true"/>
            </Codes><Sets><Set guid="2B3C4D5E-6F7A-4B8C-9D0E-1F2A3B4C5D6E" name="s">
            <MemberCode guid="3C4D5E6F-7A8B-4C9D-8E0F-1A2B3C4D5E6F"/></Set></Sets></CodeBook>"##;
        let p = qdc(xml);
        assert!(
            p.iter().any(|x| x.contains("is used by a Code and a Code")),
            "{p:?}"
        );
        assert!(p.iter().any(|x| x.contains("#D62728FF")), "{p:?}");
        assert!(p.iter().any(|x| x.contains("MemberCode 3C4D5E6F")), "{p:?}");
        assert!(qdc(include_str!("../../tests/fixtures/refi/minimal.qdc")).is_empty());
    }
}
