//! Pseudonymising a whole session with a key: every text a key string can reach (sources,
//! codings' quotes and context, node names and descriptions, memos, speaker names, labels,
//! cases and attribute values, manifest fields) has its originals replaced, and every coding is
//! moved through the replacements so it keeps its node and its words.
//!
//! [`Session::pseudonymise`] does it in memory (the `.qdpx` export uses it on a read-only
//! session); [`Session::apply_key`] then saves everything as one transaction (`anonymise apply`).
//!
//! The journal (ids only, but case ids and labels can be names) is rewritten in the same
//! transaction: its new content, with the operation's own line at the end, is one of the
//! transaction's files (the commit point is then the intent record), so a failure leaves the
//! journal and every other file as they were, and a crash after the commit point is completed
//! whole at the next open.
//!
//! Invariants: a coding's new range is its old one mapped through the edits (a start inside a
//! name moves to the pseudonym's start, an end inside one to its end), and its quote is the new
//! text of that range; orphaned codings keep their range and have their stored text replaced;
//! applying the same key again changes nothing.

use super::Session;
use crate::anonymise::{Matcher, OffsetMap};
use crate::coding::SourceText;
use crate::error::{Error, Result};
use crate::ids::{MemoId, SourceId};
use std::collections::BTreeSet;
use std::sync::Arc;

/// What a pseudonymisation changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct KeyReport {
    /// (source label after the change, names replaced in its text).
    pub sources: Vec<(String, usize)>,
    /// Codings whose range moved or whose stored text changed.
    pub codings: usize,
    pub nodes: usize,
    pub memos: usize,
    /// Manifest fields (project name, labels, cases, speakers, file names) changed.
    pub manifest_fields: usize,
    /// Cases and attribute values in `cases.csv` changed.
    pub case_values: usize,
    /// Set when nothing changed.
    #[serde(skip)]
    pub(super) changed_sources: Vec<SourceId>,
    #[serde(skip)]
    pub(super) changed_codings: BTreeSet<(String, SourceId)>,
    #[serde(skip)]
    pub(super) changed_memos: Vec<MemoId>,
}

impl KeyReport {
    pub fn is_empty(&self) -> bool {
        self.sources.is_empty()
            && self.codings == 0
            && self.nodes == 0
            && self.memos == 0
            && self.manifest_fields == 0
            && self.case_values == 0
    }
}

/// Replaces in place; true when something changed.
fn fix(m: &Matcher, s: &mut String) -> bool {
    if m.contains_any(s) {
        *s = m.apply(s);
        true
    } else {
        false
    }
}

impl Session {
    /// Replaces every original of `m` in the session's memory (nothing is written).
    pub fn pseudonymise(&mut self, m: &Matcher) -> Result<KeyReport> {
        let mut report = KeyReport::default();
        if m.is_empty() {
            return Ok(report);
        }
        self.pseudonymise_texts(m, &mut report)?;
        self.pseudonymise_model(m, &mut report)?;
        Ok(report)
    }

    fn pseudonymise_texts(&mut self, m: &Matcher, report: &mut KeyReport) -> Result<()> {
        let ids: Vec<SourceId> = self.project.manifest.sources.iter().map(|s| s.id).collect();
        for id in ids {
            let old = self.text(id)?;
            let (new_text, edits) = m.replace(&old.text);
            let new = if edits.is_empty() {
                old.clone()
            } else {
                Arc::new(SourceText::new(new_text))
            };
            let map = OffsetMap::new(&edits);
            let coders: Vec<String> = self.codings.by_coder.keys().cloned().collect();
            for coder in coders {
                let mut list = self.codings.list(&coder, id).to_vec();
                let mut changed = false;
                for c in &mut list {
                    if c.is_orphaned() {
                        let mut touched = fix(m, &mut c.quote);
                        touched |= fix(m, &mut c.before);
                        touched |= fix(m, &mut c.after);
                        changed |= touched;
                        report.codings += usize::from(touched);
                        continue;
                    }
                    if edits.is_empty() {
                        continue;
                    }
                    let before = c.clone();
                    c.start = map.start(c.start);
                    c.end = map.end(c.end);
                    crate::coding::ops_refresh(&new, c);
                    if *c != before {
                        changed = true;
                        report.codings += 1;
                    }
                }
                if changed {
                    self.codings.set_list(&coder, id, list);
                    report.changed_codings.insert((coder, id));
                }
            }
            if !edits.is_empty() {
                let meta = self.project.source_by_id_mut(id);
                meta.sha256 = crate::formats::sha256_hex(new.text.as_bytes());
                meta.size = new.text.len() as u64;
                report.sources.push((meta.label.clone(), edits.len()));
                report.changed_sources.push(id);
                self.texts
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(id, new);
            }
        }
        Ok(())
    }

    fn pseudonymise_model(&mut self, m: &Matcher, report: &mut KeyReport) -> Result<()> {
        let manifest = &mut self.project.manifest;
        let mut fields = usize::from(fix(m, &mut manifest.name));
        for s in &mut manifest.sources {
            fields += usize::from(fix(m, &mut s.label));
            fields += usize::from(fix(m, &mut s.case));
            fields += usize::from(fix(m, &mut s.imported_from));
            for sp in &mut s.speakers {
                fields += usize::from(fix(m, &mut sp.name));
                if let Some(case) = &mut sp.case {
                    fields += usize::from(fix(m, case));
                }
            }
        }
        let mut labels: Vec<&str> = manifest.sources.iter().map(|s| s.label.as_str()).collect();
        labels.sort_unstable();
        if let Some(w) = labels.windows(2).find(|w| w[0] == w[1]) {
            return Err(Error::Invalid(format!(
                "the key would give two sources the label '{}'; change a pseudonym",
                w[0]
            )));
        }
        report.manifest_fields = fields;
        let cases = &mut self.project.cases;
        let mut values = 0;
        for a in &mut cases.attributes {
            values += usize::from(fix(m, a));
        }
        let rows = std::mem::take(&mut cases.rows);
        for (mut case, attrs) in rows {
            values += usize::from(fix(m, &mut case));
            let mut new_attrs = std::collections::BTreeMap::new();
            for (mut k, mut v) in attrs {
                values += usize::from(fix(m, &mut k));
                values += usize::from(fix(m, &mut v));
                new_attrs.insert(k, v);
            }
            if cases.rows.insert(case.clone(), new_attrs).is_some() {
                return Err(Error::Invalid(format!(
                    "the key would merge two cases into '{case}'; change a pseudonym"
                )));
            }
        }
        report.case_values = values;
        rename_nodes(&mut self.codebook.nodes, None, m, &mut report.nodes)?;
        let mut memos = self.memos()?;
        for memo in &mut memos {
            if fix(m, &mut memo.text) {
                report.memos += 1;
                report.changed_memos.push(memo.id);
            }
        }
        *self.memos.get_mut().unwrap_or_else(|e| e.into_inner()) = Some(memos);
        Ok(())
    }

    /// Pseudonymises the project in place (writer only): every changed file — texts, codings,
    /// codebook, manifest, cases, memos and the anchored copies under `.verbatim/` — is written
    /// in one transaction with the journal line `anonymise.apply` (ids only), then the search
    /// index (a cache of the old text) is removed to be rebuilt. On an error no file has
    /// changed; the session's memory then holds the new state and should be dropped.
    pub fn apply_key(&mut self, m: &Matcher) -> Result<KeyReport> {
        self.project.ensure_writer()?;
        let report = self.pseudonymise(m)?;
        if report.is_empty() {
            return Ok(report);
        }
        self.save_rewrite(&report, m, "anonymise.apply")?;
        Ok(report)
    }

    /// Saves what [`Session::pseudonymise`] (or a relabelling) changed, in one transaction
    /// journalled as `op`, then drops the caches of the old text.
    pub(super) fn save_rewrite(&mut self, report: &KeyReport, m: &Matcher, op: &str) -> Result<()> {
        let root = self.project.root().to_owned();
        let mut txn = self.project.transaction()?;
        for &id in &report.changed_sources {
            let text = self.text(id)?;
            let file = root.join(&self.project.source_by_id_mut(id).file);
            txn.write(&file, text.text.as_bytes())?;
            txn.write(
                &crate::paths::anchored_text(&root, id),
                text.text.as_bytes(),
            )?;
        }
        for (coder, source) in &report.changed_codings {
            self.codings.stage(&mut txn, coder, *source)?;
        }
        if report.nodes > 0 {
            txn.write(
                &root.join(crate::project::CODEBOOK),
                &crate::store::to_json_bytes(&self.codebook),
            )?;
        }
        let memos = self.memos()?;
        for memo in memos
            .iter()
            .filter(|x| report.changed_memos.contains(&x.id))
        {
            crate::memo::stage(&mut txn, memo)?;
        }
        self.project.stage_manifest(&mut txn)?;
        self.project.stage_cases(&mut txn)?;
        let choices = crate::paths::export_choices(&root);
        if let Ok(text) = std::fs::read_to_string(&choices)
            && m.contains_any(&text)
        {
            txn.write(&choices, m.apply(&text).as_bytes())?;
        }
        let ids: Vec<String> = report
            .changed_sources
            .iter()
            .map(SourceId::to_string)
            .collect();
        let journal = root.join(crate::journal::FILE);
        match rewritten_journal(&journal, m)? {
            Some(mut text) => {
                // The journal is one of the files: the intent record is the commit point.
                text.push_str(&crate::journal::line(self.project.coder(), op, &ids));
                txn.write(&journal, text.as_bytes())?;
                txn.commit()?;
            }
            None => self.project.commit(txn, op, &ids)?,
        }
        self.history.clear();
        // Caches of the old text: the index is rebuilt when next needed; the state is renewed.
        let index = crate::paths::index_dir(&root);
        if index.exists() {
            std::fs::remove_dir_all(&index)
                .map_err(|e| Error::io("could not remove", &index, e))?;
        }
        self.write_state()
    }
}

/// Replaces originals in node names and descriptions, level by level; refused, with the two
/// old names, when two siblings would end up with the same name (sibling names are unique).
fn rename_nodes(
    nodes: &mut [crate::codebook::Node],
    parent: Option<&str>,
    m: &Matcher,
    changed: &mut usize,
) -> Result<()> {
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for node in nodes.iter_mut() {
        let old = node.name.clone();
        let a = fix(m, &mut node.name);
        let b = fix(m, &mut node.description);
        *changed += usize::from(a || b);
        if let Some(other) = seen.insert(node.name.clone(), old.clone()) {
            let place = match parent {
                Some(p) => format!("under '{p}'"),
                None => "at the top of the codebook".to_owned(),
            };
            return Err(Error::Invalid(format!(
                "the key would give the nodes '{other}' and '{old}' {place} the same name '{}'; \
                 change a pseudonym or rename one of them first (nothing was changed)",
                node.name
            )));
        }
    }
    for node in nodes.iter_mut() {
        let name = node.name.clone();
        rename_nodes(&mut node.children, Some(&name), m, changed)?;
    }
    Ok(())
}

/// The journal holds ids only, but case ids and labels can be names: its strings are rewritten
/// too, line by line (a line that does not parse is kept as it is). `None` when no line holds a
/// key string (the transaction then appends its line as usual).
fn rewritten_journal(path: &std::path::Path, m: &Matcher) -> Result<Option<String>> {
    fn walk(v: &mut serde_json::Value, m: &Matcher) {
        match v {
            serde_json::Value::String(s) => {
                fix(m, s);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| walk(x, m)),
            serde_json::Value::Object(o) => o.values_mut().for_each(|x| walk(x, m)),
            _ => {}
        }
    }
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(Error::bad_input(
                path,
                "is a symbolic link; verbatim only rewrites a real journal file",
            ));
        }
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io("could not read", path, e)),
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::io("could not read", path, e))?;
    if !m.contains_any(&text) {
        return Ok(None);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(mut v) if m.contains_any(line) => {
                walk(&mut v, m);
                out.push_str(&serde_json::to_string(&v).unwrap_or_else(|_| line.to_owned()));
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    Ok(Some(out))
}
