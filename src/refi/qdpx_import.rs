//! `import-qdpx`: a new project from a `.qdpx` written by any program — its text sources
//! (normalised to NFC and LF, every offset remapped), codebook, cases and variables, codings per
//! user and notes as memos — with a report of everything that could not come in.
//!
//! Invariants: the project is built in a temporary folder beside the target and moved into place
//! only when complete, so a failure leaves nothing behind; nothing is dropped without a line in
//! the report; coding ranges are checked against the text (after guessing the file's offset
//! convention, see [`super::offsets`]).

use super::archive::QdpxArchive;
use super::dom;
use super::offsets::{self, RawText, Unit};
use super::qde_read::{RCoding, RProject, RSource, read};
use super::qdpx_attach as attach;
use crate::codebook::{Codebook, Node};
use crate::coding::{self, Codings, SourceText};
use crate::error::{Error, Result};
use crate::ids::NodeId;
use crate::ids::{CodingId, SourceId};
use crate::model::Language;
use crate::project::Project;
use crate::text::CharRange;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use uuid::Uuid;

/// What an import brought in, and what it did not.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub sources: usize,
    pub nodes: usize,
    pub codings: usize,
    pub cases: usize,
    pub memos: usize,
    /// Sources whose offsets were not plain code points: (label, what they counted).
    pub units: Vec<(String, String)>,
    /// One line per thing not imported or changed on the way.
    pub notes: Vec<String>,
}

/// A source once written: its id, stored text and how its file counted positions.
pub(super) struct Placed {
    pub id: SourceId,
    pub label: String,
    raw: RawText,
    unit: Unit,
    text: SourceText,
}

const DOC_EXTENSIONS: &[&str] = &["txt", "docx", "doc", "odt", "rtf", "pdf", "md"];

/// A label from a source name: its extension dropped, on one line, unique.
fn label_for(name: &str, n: usize, taken: &mut HashSet<String>) -> String {
    let p = Path::new(name);
    let stem = match p.extension().and_then(|e| e.to_str()) {
        Some(e) if DOC_EXTENSIONS.contains(&e.to_lowercase().as_str()) => p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        _ => name.to_owned(),
    };
    let clean: String = stem
        .chars()
        .map(|c| if c.is_control() || c == '/' { ' ' } else { c })
        .take(90)
        .collect();
    let base = match clean.trim() {
        "" => format!("Source {n}"),
        t => t.to_owned(),
    };
    let mut label = base.clone();
    let mut k = 2;
    while !taken.insert(label.to_lowercase()) {
        label = format!("{base} ({k})");
        k += 1;
    }
    label
}

/// A coder name from a user's name (letters, digits, `-`, `_`, `.`).
fn coder_for(name: &str) -> String {
    let mut c = String::new();
    for ch in name.trim().trim_start_matches('.').chars() {
        let ch = if ch.is_alphanumeric() || matches!(ch, '-' | '_' | '.') {
            ch
        } else {
            '_'
        };
        // The limit counts bytes (as `config::valid_coder` does), not characters.
        if c.len() + ch.len_utf8() > 64 {
            break;
        }
        c.push(ch);
    }
    if crate::config::valid_coder(&c) {
        c
    } else {
        "imported".into()
    }
}

fn text_of(archive: &QdpxArchive, s: &RSource) -> std::result::Result<String, String> {
    if let Some(path) = &s.plain_path {
        // Older writers (qualitative-coding 1.3) name the file without `internal://`, sometimes
        // with a folder or a `file://` path: the file inside the archive is looked up by name.
        let name = path.strip_prefix("internal://").unwrap_or_else(|| {
            let p = path.strip_prefix("file://").unwrap_or(path);
            p.rsplit(['/', '\\']).next().unwrap_or(p)
        });
        let bytes = archive.internal(name).ok_or_else(|| {
            if path.starts_with("internal://") {
                format!("its text file {name} is missing from the archive")
            } else {
                format!("its text ({path}) is not in the archive")
            }
        })?;
        return String::from_utf8(bytes.to_vec())
            .map_err(|_| format!("its text file {name} is not UTF-8"));
    }
    s.inline
        .clone()
        .ok_or_else(|| "it has no plain text (rich text alone is not imported)".into())
}

/// `; its N codings are not imported (Code A ×2, Code B)` for a source left out, or nothing.
fn dropped_codings(rp: &RProject, s: &RSource) -> String {
    let book = Codebook {
        format: crate::model::FORMAT,
        nodes: rp.nodes.clone(),
        extra: Default::default(),
    };
    let mut counts: Vec<(String, usize)> = Vec::new();
    let codings = s
        .selections
        .iter()
        .flat_map(|x| x.codings.iter())
        .chain(s.whole.iter());
    for c in codings {
        let name = c
            .node
            .and_then(|n| book.path_of(n))
            .unwrap_or_else(|| "a code not in the codebook".into());
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, k)) => *k += 1,
            None => counts.push((name, 1)),
        }
    }
    if counts.is_empty() {
        return String::new();
    }
    let total: usize = counts.iter().map(|(_, k)| k).sum();
    let listed: Vec<String> = counts
        .iter()
        .map(|(n, k)| {
            if *k > 1 {
                format!("{n} ×{k}")
            } else {
                n.clone()
            }
        })
        .collect();
    format!(
        "; its {total} coding{} not imported ({})",
        if total == 1 { " is" } else { "s are" },
        listed.join(", ")
    )
}

/// Imports `file` into a new project at `dir` (missing, or an empty folder).
pub fn import(file: &Path, dir: &Path, language: Language) -> Result<ImportReport> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| Error::io("could not read", dir, e))?
            .next()
            .is_some()
    {
        return Err(Error::Invalid(format!(
            "{} already exists and is not empty: import-qdpx creates a new project",
            dir.display()
        )));
    }
    let archive = QdpxArchive::open(file)?;
    let root = dom::parse(&archive.qde)
        .map_err(|e| Error::bad_input(file, format!("({}) {e}", archive.qde_name)))?;
    if root.name != "Project" {
        return Err(Error::bad_input(
            file,
            format!(
                "is not a REFI-QDA project: {} has <{}> at its root",
                archive.qde_name, root.name
            ),
        ));
    }
    let rp = read(&root);
    crate::codebook::check_tree(&rp.nodes).map_err(|reason| Error::bad_input(file, reason))?;
    check_counts(&rp).map_err(|reason| Error::bad_input(file, reason))?;
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io("could not create", parent, e))?;
    let staging = tempfile::Builder::new()
        .prefix(".verbatim-import-")
        .tempdir_in(parent)
        .map_err(|e| Error::io("could not create a folder in", parent, e))?;
    let work = staging.path().join("project");
    let fallback = std::path::absolute(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "imported".into());
    let report = build(&archive, &rp, &work, language, &fallback)?;
    if dir.exists() {
        std::fs::remove_dir(dir).map_err(|e| Error::io("could not replace", dir, e))?;
    }
    std::fs::rename(&work, dir).map_err(|e| Error::io("could not move the project to", dir, e))?;
    Ok(report)
}

/// The count limits on what the file holds (sources, codings), before anything is written.
fn check_counts(rp: &RProject) -> std::result::Result<(), String> {
    use crate::limits::{Counted, check_count};
    check_count(Counted::Sources, 0, rp.sources.len())?;
    let codings: usize = rp
        .sources
        .iter()
        .map(|s| s.whole.len() + s.selections.iter().map(|x| x.codings.len()).sum::<usize>())
        .sum();
    check_count(Counted::Codings, 0, codings)
}

fn build(
    archive: &QdpxArchive,
    rp: &RProject,
    root: &Path,
    language: Language,
    fallback_name: &str,
) -> Result<ImportReport> {
    let name = Some(rp.name.as_str())
        .filter(|n| !n.is_empty())
        .unwrap_or(fallback_name);
    let mut project = Project::init(root, Some(name), language)?;
    let mut report = ImportReport::default();
    report.notes.extend(rp.codebook.lines());
    report
        .notes
        .extend(rp.dropped.iter().map(|d| format!("not imported: {d}")));
    // Sources.
    let atlas = rp.origin.to_lowercase().contains("atlas");
    let mut taken = HashSet::new();
    let mut batch = Vec::new();
    let mut pending: Vec<(Option<Uuid>, RawText, Unit, usize)> = Vec::new();
    for (i, s) in rp.sources.iter().enumerate() {
        let raw = match text_of(archive, s) {
            Ok(t) => RawText::new(&t),
            Err(why) => {
                report.notes.push(format!(
                    "not imported: source '{}': {why}{}",
                    s.name,
                    dropped_codings(rp, s)
                ));
                continue;
            }
        };
        let label = label_for(&s.name, i + 1, &mut taken);
        match crate::import::prepare_bytes(&format!("{label}.txt"), raw.text.as_bytes()) {
            Ok(mut prepared) => {
                prepared.label = label.clone();
                prepared.file_name = s.name.clone();
                let sels: Vec<(usize, usize, Option<String>)> = s
                    .selections
                    .iter()
                    .map(|x| (x.start, x.end, x.name.clone()))
                    .collect();
                let unit = offsets::detect(&raw, &sels, atlas);
                if unit != Unit::CodePoints {
                    report
                        .units
                        .push((label.clone(), unit.describe().to_owned()));
                }
                pending.push((s.guid, raw, unit, i));
                batch.push((Path::new(&s.name).to_owned(), prepared));
            }
            Err(e) => report
                .notes
                .push(format!("not imported: source '{}': {e}", s.name)),
        }
    }
    let labels = crate::import::commit(&mut project, batch, &Default::default())?;
    let mut placed: HashMap<Uuid, Placed> = HashMap::new();
    let mut order: Vec<(usize, Uuid)> = Vec::new();
    for ((label, _), (g, raw, unit, i)) in labels.into_iter().zip(pending) {
        let meta = project.source(&label)?;
        let text = SourceText::new(project.text(meta)?);
        // A GUID given twice (or none) gets a key of its own: each source keeps its codings.
        let key = g
            .filter(|g| !placed.contains_key(g))
            .unwrap_or_else(Uuid::new_v4);
        order.push((i, key));
        placed.insert(
            key,
            Placed {
                id: meta.id,
                label,
                raw,
                unit,
                text,
            },
        );
    }
    report.sources = placed.len();
    let sources: Vec<(&RSource, &Placed)> = order
        .iter()
        .map(|(i, key)| (&rp.sources[*i], &placed[key]))
        .collect();
    // Codebook.
    let mut codebook = Codebook {
        format: crate::model::FORMAT,
        nodes: rp.nodes.clone(),
        extra: Default::default(),
    };
    report.nodes = codebook.len();
    // Cases and attributes.
    report.cases = attach::cases(rp, &mut project, &sources)?;
    // Codings.
    let mut sink = CodingSink {
        codebook: &mut codebook,
        codings: Codings::default(),
        notes: Vec::new(),
        made_codable: Vec::new(),
        used: HashSet::new(),
        now: crate::journal::now_rfc3339(),
        users: &rp.users,
    };
    let mut selection_coding: HashMap<Uuid, CodingId> = HashMap::new();
    for (s, p) in &sources {
        let len = p.text.len();
        for sel in &s.selections {
            let what = format!("{}..{}", sel.start, sel.end);
            let Some((a, b)) = offsets::map(&p.raw, p.unit, sel.start, sel.end) else {
                if !sel.codings.is_empty() {
                    sink.notes.push(format!(
                        "not imported: selection {what} of '{}' is outside its text ({} positions)",
                        p.label,
                        p.unit.describe()
                    ));
                }
                continue;
            };
            let (a, b) = (a.min(len), b.min(len));
            if a >= b && !sel.codings.is_empty() {
                sink.notes.push(format!(
                    "not imported: selection {what} of '{}' is empty",
                    p.label
                ));
                continue;
            }
            for c in &sel.codings {
                if let Some(id) = sink.add(p, c, (a, b), &what) {
                    report.codings += 1;
                    if let Some(g) = sel.guid {
                        selection_coding.entry(g).or_insert(id);
                    }
                }
            }
        }
        for c in &s.whole {
            if sink.add(p, c, (0, len), "the whole text").is_some() {
                report.codings += 1;
            }
        }
    }
    let CodingSink {
        codings,
        notes,
        made_codable,
        ..
    } = sink;
    report.notes.extend(notes);
    for path in made_codable {
        report.notes.push(format!(
            "code '{path}' was coded in the file, so it is codable here"
        ));
    }
    codebook.write(&project.root().join(crate::project::CODEBOOK))?;
    for (coder, sources) in &codings.by_coder {
        for source in sources.keys() {
            codings.save(project.root(), coder, *source)?;
        }
    }
    report.memos = attach::memos(
        rp,
        archive,
        &project,
        &sources,
        &selection_coding,
        &mut report.notes,
    )?;
    project.save_manifest()?;
    project.journal("import-qdpx", &[project.manifest.id.to_string()])?;
    Ok(report)
}

/// Where imported codings go: merged per coder and source as the engine requires.
struct CodingSink<'a> {
    codebook: &'a mut Codebook,
    codings: Codings,
    notes: Vec<String>,
    made_codable: Vec<String>,
    /// Coding ids given so far (a file's GUID is kept when it is free).
    used: HashSet<CodingId>,
    now: String,
    users: &'a HashMap<Uuid, String>,
}

impl CodingSink<'_> {
    /// Adds one coding on a stored range; returns the id of the coding that holds it.
    fn add(
        &mut self,
        p: &Placed,
        c: &RCoding,
        range: (usize, usize),
        what: &str,
    ) -> Option<CodingId> {
        let Some(node) = c.node.filter(|n| self.codebook.node(*n).is_some()) else {
            self.notes.push(format!(
                "not imported: a coding of {what} in '{}' names no known code",
                p.label
            ));
            return None;
        };
        if !self.codebook.node(node).is_some_and(|n| n.codable) {
            set_codable(&mut self.codebook.nodes, node);
            self.made_codable
                .push(self.codebook.path_of(node).unwrap_or_default());
        }
        let user = c
            .user
            .and_then(|u| self.users.get(&u))
            .map_or_else(|| "imported".to_owned(), |u| coder_for(u));
        let mut list = self.codings.list(&user, p.id).to_vec();
        let at = c.at.clone().unwrap_or_else(|| self.now.clone());
        let before = list.len();
        let mut id = coding::apply(
            &mut list,
            &p.text,
            node,
            CharRange::new(range.0, range.1),
            &at,
        );
        if list.len() > before
            && let Some(g) = c.guid.filter(|g| !self.used.contains(g))
            && let Some(x) = list.iter_mut().find(|x| x.id == id)
        {
            x.id = g;
            id = g;
        }
        self.used.insert(id);
        self.codings.set_list(&user, p.id, list);
        Some(id)
    }
}

fn set_codable(nodes: &mut [Node], id: NodeId) {
    for n in nodes {
        if n.id == id {
            n.codable = true;
        }
        set_codable(&mut n.children, id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_coders_are_made_safe_and_unique() {
        let mut taken = HashSet::new();
        assert_eq!(label_for("Interview 01.txt", 1, &mut taken), "Interview 01");
        assert_eq!(
            label_for("Interview 01.docx", 2, &mut taken),
            "Interview 01 (2)"
        );
        assert_eq!(label_for("", 3, &mut taken), "Source 3");
        assert_eq!(label_for("a/b\nc", 4, &mut taken), "a b c");
        assert_eq!(coder_for("Marie Dupont"), "Marie_Dupont");
        assert_eq!(coder_for(".."), "imported");
        assert_eq!(coder_for("Élodie"), "Élodie");
        let long = coder_for(&"é".repeat(60));
        assert!(
            crate::config::valid_coder(&long) && long.len() <= 64,
            "{long}"
        );
    }
}
