//! The search index (DESIGN §6): a tantivy index under `.verbatim/index/`, a cache of text only —
//! one document per unit (a speaker turn without its label, or a paragraph) with source id, unit
//! number, code point range (fast fields) and speaker, the text in a stemmed and a folded field.
//! Nothing is stored: snippets are cut from the source text itself, which keeps the index small
//! and fast to build. Codings,
//! the codebook and cases are never indexed, so editing them never makes the index stale.
//!
//! Invariants: the metadata keeps each source's sha256 and the analysers' fingerprint; a
//! changed source is re-indexed alone, a new fingerprint rebuilds everything; the index can
//! always be deleted and rebuilt from `sources/`. A build asked to [`Stop`] stops between two
//! sources and commits nothing (the index stays as it was before it started).

pub mod analysis;
mod filter;
pub mod query;
mod search;

pub use filter::{AllowedUnits, Ranges};
pub use search::{Hit, Snippet, SourceTexts};

use crate::error::{Error, Result};
use crate::ids::SourceId;
use crate::model::Language;
use crate::model::SourceMeta;
use crate::session::Session;
use crate::store;
use crate::text::turns;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument, Term, doc};

#[derive(Debug, Clone, Copy)]
struct Fields {
    source: Field,
    src_hi: Field,
    src_lo: Field,
    /// The unit's speaker: its index in the source's speaker list, `NO_SPEAKER` for none.
    speaker_ix: Field,
    unit: Field,
    start: Field,
    end: Field,
    speaker: Field,
    text: Field,
    folded: Field,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Meta {
    format: u32,
    fingerprint: String,
    sources: BTreeMap<SourceId, String>,
}

/// `speaker_ix` of a unit without a speaker.
pub const NO_SPEAKER: u64 = u64::MAX;

/// What decides a source's documents: its text, and its speaker names and convention (they
/// decide where turns start, so `speakers set` and `speakers detect` re-index the source).
fn source_key(s: &SourceMeta) -> String {
    let mut key = format!("{}|{}", s.sha256, s.speaker_names().join("\u{1f}"));
    if !s.convention.is_colon() {
        key.push_str(&format!("|{:?}", s.convention));
    }
    key
}

/// What the index is built from: a snapshot of a project, cheap to clone and `Send`, so a
/// worker thread can build the index while the session stays with the UI.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub root: PathBuf,
    pub language: Language,
    pub sources: Vec<SourceMeta>,
}

impl Corpus {
    pub fn of(session: &Session) -> Self {
        Self {
            root: session.root().to_owned(),
            language: session.project().manifest.language,
            sources: session.project().manifest.sources.clone(),
        }
    }
}

/// A request to stop a build, shared by the thread building and whoever waits for it.
#[derive(Debug, Clone, Default)]
pub struct Stop(Arc<AtomicBool>);

impl Stop {
    /// Asks the build to stop at the next source.
    pub fn request(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn requested(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// What an update did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct UpdateReport {
    pub rebuilt: bool,
    pub indexed: usize,
    pub removed: usize,
    /// Sources whose text could not be read (label, reason): left out of the index this time
    /// and tried again at the next update, while every other source is searched.
    pub unreadable: Vec<(String, String)>,
}

/// An open, up-to-date search index.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    language: Language,
    dir: Option<PathBuf>,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let analysed = |tokenizer: &str, record: IndexRecordOption| {
        let idx = TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record);
        TextOptions::default().set_indexing_options(idx)
    };
    let fields = Fields {
        source: b.add_text_field("source", STRING),
        src_hi: b.add_u64_field("src_hi", FAST),
        src_lo: b.add_u64_field("src_lo", FAST),
        speaker_ix: b.add_u64_field("speaker_ix", FAST),
        unit: b.add_u64_field("unit", FAST),
        start: b.add_u64_field("start", FAST),
        end: b.add_u64_field("end", FAST),
        speaker: b.add_text_field("speaker", STRING),
        text: b.add_text_field(
            "text",
            analysed(analysis::STEMMED, IndexRecordOption::WithFreqsAndPositions),
        ),
        folded: b.add_text_field(
            "folded",
            analysed(analysis::FOLDED, IndexRecordOption::WithFreqs),
        ),
    };
    (b.build(), fields)
}

fn register(index: &Index, language: Language) {
    index
        .tokenizers()
        .register(analysis::STEMMED, analysis::stemmed(language));
    index
        .tokenizers()
        .register(analysis::FOLDED, analysis::folded());
}

fn tantivy_err(e: tantivy::TantivyError) -> Error {
    Error::Invalid(format!("the search index failed: {e}"))
}

impl SearchIndex {
    /// The index folder of a project.
    pub fn dir_of(root: &Path) -> PathBuf {
        crate::paths::index_dir(root)
    }

    /// Opens the project's index, creating or updating it as needed. When another process is
    /// updating it, a private in-memory index is built instead.
    pub fn open(session: &Session) -> Result<(Self, UpdateReport)> {
        Self::open_corpus(&Corpus::of(session))
    }

    /// Like [`SearchIndex::open`], from a snapshot that can be moved to a worker thread.
    pub fn open_corpus(corpus: &Corpus) -> Result<(Self, UpdateReport)> {
        Ok(Self::open_corpus_unless(corpus, &Stop::default())?.expect("never asked to stop"))
    }

    /// Like [`SearchIndex::open_corpus`], but `None` as soon as `stop` is requested: the
    /// sources indexed so far are rolled back, the index on disk is left as it was.
    pub fn open_corpus_unless(
        corpus: &Corpus,
        stop: &Stop,
    ) -> Result<Option<(Self, UpdateReport)>> {
        let dir = Self::dir_of(&corpus.root);
        match Self::open_dir(corpus, &dir, stop) {
            Ok(r) => Ok(r),
            Err(_) if stop.requested() => Ok(None),
            Err(_) => Self::in_memory_unless(corpus, stop),
        }
    }

    /// Registers the analysers on an index and opens its reader.
    fn assemble(
        index: Index,
        fields: Fields,
        language: Language,
        dir: Option<PathBuf>,
    ) -> Result<Self> {
        register(&index, language);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(tantivy_err)?;
        Ok(Self {
            index,
            reader,
            fields,
            language,
            dir,
        })
    }

    /// An index in memory, built from scratch (tests, and the fallback above).
    pub fn in_memory(corpus: &Corpus) -> Result<(Self, UpdateReport)> {
        Ok(Self::in_memory_unless(corpus, &Stop::default())?.expect("never asked to stop"))
    }

    fn in_memory_unless(corpus: &Corpus, stop: &Stop) -> Result<Option<(Self, UpdateReport)>> {
        let language = corpus.language;
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        let mut me = Self::assemble(index, fields, language, None)?;
        let report = me.update(corpus, &mut Meta::default(), stop)?;
        Ok(report.map(|r| (me, r)))
    }

    fn open_dir(corpus: &Corpus, dir: &Path, stop: &Stop) -> Result<Option<(Self, UpdateReport)>> {
        let language = corpus.language;
        let fingerprint = analysis::fingerprint(language);
        let meta_path = dir.join("verbatim-index.json");
        let mut meta: Meta = std::fs::read(&meta_path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        let (schema, fields) = schema();
        let existing = (meta.fingerprint == fingerprint)
            .then(|| Index::open_in_dir(dir).ok())
            .flatten();
        let (index, rebuilt) = match existing.filter(|i| i.schema() == schema) {
            Some(i) => (i, false),
            None => {
                if dir.exists() {
                    std::fs::remove_dir_all(dir)
                        .map_err(|e| Error::io("could not clear", dir, e))?;
                }
                std::fs::create_dir_all(dir).map_err(|e| Error::io("could not create", dir, e))?;
                meta = Meta {
                    format: 1,
                    fingerprint,
                    sources: BTreeMap::new(),
                };
                (
                    Index::create_in_dir(dir, schema).map_err(tantivy_err)?,
                    true,
                )
            }
        };
        let mut me = Self::assemble(index, fields, language, Some(dir.to_owned()))?;
        let Some(mut report) = me.update(corpus, &mut meta, stop)? else {
            return Ok(None);
        };
        report.rebuilt = rebuilt;
        Ok(Some((me, report)))
    }

    /// Re-indexes the sources whose text changed (by sha256) and drops removed ones; `None`
    /// when `stop` was requested before the commit (nothing is committed then).
    fn update(
        &mut self,
        corpus: &Corpus,
        meta: &mut Meta,
        stop: &Stop,
    ) -> Result<Option<UpdateReport>> {
        let manifest = &corpus.sources;
        let changed: Vec<SourceId> = manifest
            .iter()
            .filter(|s| meta.sources.get(&s.id) != Some(&source_key(s)))
            .map(|s| s.id)
            .collect();
        let removed: Vec<SourceId> = meta
            .sources
            .keys()
            .filter(|id| !manifest.iter().any(|s| s.id == **id))
            .copied()
            .collect();
        if changed.is_empty() && removed.is_empty() {
            return Ok(Some(UpdateReport::default()));
        }
        let (threads, budget) = if changed.len() > 4 {
            (2, 400_000_000)
        } else {
            (1, 40_000_000)
        };
        let mut writer = self
            .index
            .writer_with_num_threads::<TantivyDocument>(threads, budget)
            .map_err(tantivy_err)?;
        for id in changed.iter().chain(&removed) {
            writer.delete_term(Term::from_field_text(self.fields.source, &id.to_string()));
        }
        let f = self.fields;
        // Documents are made on this thread while tantivy's writer threads index them; on two
        // cores, preparing in parallel as well only makes them compete.
        let mut unreadable = Vec::new();
        for id in &changed {
            if stop.requested() {
                // The pending documents are dropped, not indexed: stopping is prompt.
                let _ = writer.rollback();
                return Ok(None);
            }
            let source = manifest.iter().find(|s| s.id == *id).expect("listed");
            match unit_docs(corpus, source, f) {
                Ok(docs) => {
                    for doc in docs {
                        writer.add_document(doc).map_err(tantivy_err)?;
                    }
                    meta.sources.insert(*id, source_key(source));
                }
                Err(e) => {
                    unreadable.push((source.label.clone(), e.to_string()));
                    meta.sources.remove(id);
                }
            }
        }
        for id in &removed {
            meta.sources.remove(id);
        }
        if stop.requested() {
            let _ = writer.rollback();
            return Ok(None);
        }
        writer.commit().map_err(tantivy_err)?;
        if let Some(dir) = &self.dir {
            meta.format = 1;
            meta.fingerprint = analysis::fingerprint(self.language);
            store::write_cache(
                &dir.join("verbatim-index.json"),
                &store::to_json_bytes(meta),
            )?;
        }
        self.reader.reload().map_err(tantivy_err)?;
        Ok(Some(UpdateReport {
            rebuilt: false,
            indexed: changed.len() - unreadable.len(),
            removed: removed.len(),
            unreadable,
        }))
    }

    /// Size of the index on disk, in bytes (0 in memory).
    pub fn size_on_disk(&self) -> u64 {
        fn walk(p: &Path) -> u64 {
            std::fs::read_dir(p).map_or(0, |d| {
                d.filter_map(|e| e.ok())
                    .map(|e| {
                        if e.path().is_dir() {
                            walk(&e.path())
                        } else {
                            e.metadata().map_or(0, |m| m.len())
                        }
                    })
                    .sum()
            })
        }
        self.dir.as_deref().map_or(0, walk)
    }
}

/// The documents of one source: one per unit with text, without the speaker label.
/// The text is read as every project file is: never through a symbolic link.
fn unit_docs(corpus: &Corpus, meta: &SourceMeta, f: Fields) -> Result<Vec<TantivyDocument>> {
    let id = meta.id;
    let path = crate::paths::source_text(&corpus.root, &meta.file).map_err(|reason| {
        Error::Invalid(format!(
            "the manifest's source '{}' {reason}",
            crate::limits::shown(&meta.label)
        ))
    })?;
    let raw = store::read_plain_text(&path).map_err(|e| Error::io("could not read", &path, e))?;
    let text = crate::text::normalize(&raw);
    let units = turns::source_units(meta, &text);
    let (hi, lo) = id.as_u64_pair();
    let (mut last_byte, mut last_cp) = (0usize, 0usize);
    let mut cp = |byte: usize| {
        last_cp += text[last_byte..byte].chars().count();
        last_byte = byte;
        last_cp
    };
    let mut docs = Vec::with_capacity(units.len());
    for (i, u) in units.iter().enumerate() {
        let (start, end) = (cp(u.body_start), cp(u.end));
        let body = &text[u.body_start..u.end];
        if body.trim().is_empty() {
            continue;
        }
        let speaker = u
            .speaker
            .map_or(String::new(), |s| meta.speakers[s].name.clone());
        docs.push(doc!(
            f.source => id.to_string(),
            f.src_hi => hi,
            f.src_lo => lo,
            f.speaker_ix => u.speaker.map_or(NO_SPEAKER, |s| s as u64),
            f.unit => i as u64,
            f.start => start as u64,
            f.end => end as u64,
            f.speaker => speaker,
            f.text => body,
            f.folded => body,
        ));
    }
    Ok(docs)
}
