//! The runtime: the one place effects are carried out — model changes through the
//! [`Session`] (each saved at once), loads (a source, a memo, the export dialog), searches on
//! the background index, exports and imports on worker threads — each answered with messages for
//! `update`. It reads the state and never writes it.
//!
//! Invariants: after a model change the answer carries fresh snapshots; an error becomes a
//! message, never a crash, and leaves the model as it was.

use super::exporter::Exporter;
use super::i18n::T;
use super::indexer::Indexer;
use super::msg::{Done, Effect, Msg, NodeRef};
use super::rows::HitRow;
use super::snapshot::{ancestors, load_doc, snapshot};
use super::state::AppState;
use crate::ids::NodeId;
use crate::memo::Target;
use crate::query::SearchOptions;
use crate::session::Session;

/// The session, the search index and the export worker, and what the terminal must be sent.
pub struct Runtime {
    pub session: Session,
    /// The search index, built on a worker thread once the first frame is drawn (the first
    /// tick) or at the first search.
    pub index: Indexer,
    exporter: Exporter,
    /// Text for the terminal's clipboard, sent by the event loop after the next draw.
    pub clipboard: Option<String>,
    /// Sources deleted in this session, last last: undo puts them back.
    pub deleted: Vec<crate::session::SourceRemoval>,
    /// An import being read on a worker thread.
    pub importer: super::importer::Importer,
    /// The user's config folder (the recent projects list), when known.
    pub config: Option<std::path::PathBuf>,
}

pub(super) fn info(text: impl Into<String>) -> Msg {
    Msg::Done(Done::Info(text.into()))
}

impl Runtime {
    pub fn new(session: Session) -> Self {
        Self {
            session,
            index: Indexer::Idle,
            exporter: Exporter::default(),
            clipboard: None,
            deleted: Vec::new(),
            importer: Default::default(),
            config: None,
        }
    }

    /// Starts building the search index, unless it was started already.
    fn start_index(&mut self) {
        if self.index.is_idle() {
            self.index = Indexer::start(crate::index::Corpus::of(&self.session));
        }
    }

    /// Builds the index again from the session as it is now (sources imported, renamed, or
    /// their speakers changed): a build under way is asked to stop, and the new one waits for
    /// it on its own thread.
    pub(super) fn restart_index(&mut self) {
        self.index.restart(crate::index::Corpus::of(&self.session));
    }

    /// Carries out one effect; the answer is messages for `update` (an error is one message).
    pub fn run(&mut self, state: &AppState, effect: Effect) -> Vec<Msg> {
        if matches!(effect, Effect::Search(_) | Effect::PlanCodeHits) {
            self.start_index();
        }
        // Undo reaches a source deletion once the session's own steps are undone.
        if effect == Effect::Undo
            && let Some(done) = super::source_ops::restore(self, state)
        {
            return done.unwrap_or_else(|e| vec![info(e.to_string())]);
        }
        let result = match effect {
            Effect::Search(q) => search(&self.session, &mut self.index, state, &q),
            Effect::PlanCodeHits => plan_code_hits(&self.session, &mut self.index, state),
            Effect::CodeHits(node) => code_hits(&mut self.session, state, node),
            Effect::Export(choices, node) => Ok(self.start_export(state, &choices, node)),
            Effect::Source(op) => super::source_ops::run(self, state, op),
            Effect::Project(op) => super::project_ops::run(self, state, op),
            Effect::Analysis(ask) => {
                super::analysis_ops::run(&self.session, state.ui.lang, &state.passages.filter, ask)
            }
            Effect::CodeQuery(expr, path) => code_query(&mut self.session, state, &expr, &path),
            Effect::Copy(text) => {
                super::key_ops::copy(&self.session, state, text).map(|(text, msg)| {
                    self.clipboard = Some(text);
                    vec![msg]
                })
            }
            Effect::Key(op) => super::key_ops::run(&self.session, state, op),
            other => run_one(&mut self.session, state, other),
        };
        result.unwrap_or_else(|e| vec![info(e.to_string())])
    }

    /// What the workers have finished since the last call: the index, export progress. The
    /// first tick comes after the first frame: the index starts building then.
    pub fn tick(&mut self, state: &AppState) -> Vec<Msg> {
        self.start_index();
        let mut out: Vec<Msg> = self
            .exporter
            .poll(state.french(), false)
            .into_iter()
            .map(Msg::Done)
            .collect();
        if self.index.poll() {
            out.push(Msg::Done(Done::Indexing(false)));
        }
        out.extend(super::project_ops::import_steps(self, state, false));
        out
    }

    /// Waits for a running import to be read and written (tests).
    pub fn wait_for_import(&mut self, state: &AppState) -> Vec<Msg> {
        super::project_ops::import_steps(self, state, true)
    }

    /// Waits for the index to be built (tests), then says so.
    pub fn wait_for_index(&mut self) -> Vec<Msg> {
        self.start_index();
        if let Indexer::Building(_) = self.index {
            self.index.wait();
            return vec![Msg::Done(Done::Indexing(false))];
        }
        vec![]
    }

    /// Waits for a running export to finish (tests).
    pub fn wait_for_export(&mut self, state: &AppState) -> Vec<Msg> {
        self.exporter
            .poll(state.french(), true)
            .into_iter()
            .map(Msg::Done)
            .collect()
    }

    /// Builds the annex and starts writing it on a worker thread (an exchange file is written
    /// at once).
    fn start_export(
        &mut self,
        state: &AppState,
        choices: &super::export_form::ExportChoices,
        node: Option<NodeId>,
    ) -> Vec<Msg> {
        if self.exporter.is_running() {
            return vec![info(state.ui.lang.t(T::ExportRunning))];
        }
        if !choices.format.is_annex() {
            return vec![info(
                super::exporter::write_exchange(&self.session, state.french(), choices)
                    .unwrap_or_else(|e| e.to_string()),
            )];
        }
        match super::exporter::prepare(&self.session, choices, node) {
            Ok((annex, path)) => {
                let total = annex.sections.len();
                let remember = (self.session.root().to_owned(), choices.clone());
                self.exporter
                    .start_remembering(annex, choices.format, path, remember);
                vec![Msg::Done(Done::Exporting(Some((0, total))))]
            }
            Err(e) => vec![info(e.to_string())],
        }
    }
}

/// Fresh snapshots after a change (expanding to and selecting a node, when given).
pub(super) fn refreshed(
    session: &Session,
    state: &AppState,
    select: Option<NodeId>,
) -> crate::Result<Msg> {
    let expand = select.map(|id| ancestors(session, id)).unwrap_or_default();
    Ok(Msg::Done(Done::Refreshed(Box::new(snapshot(
        session, state, expand, select,
    )?))))
}

/// Runs a search as the user types; a half-typed query keeps the previous hits, silently.
fn search(
    session: &Session,
    index: &mut Indexer,
    state: &AppState,
    q: &str,
) -> crate::Result<Vec<Msg>> {
    index.poll();
    let Some(ready) = index.ready() else {
        if let Indexer::Failed(e) = index {
            return Err(crate::Error::Invalid(e.clone()));
        }
        return Ok(vec![
            Msg::Done(Done::Indexing(true)),
            info(state.ui.lang.t(T::Indexing)),
        ]);
    };
    let filters = super::snapshot::parse_filter(session, &state.passages.filter)?;
    let opts = SearchOptions {
        filters,
        nodes: vec![],
        limit: 200,
    };
    let Ok(hits) = crate::query::search(ready, session, q, &opts) else {
        return Ok(vec![]);
    };
    let hits: Vec<HitRow> = hits
        .into_iter()
        .map(|h| HitRow {
            source: h.source,
            label: h.label,
            speaker: h.speaker,
            unit_start: h.unit_start,
            unit_end: h.unit_end,
            snippet: h.snippet.text,
            matches: h.matches,
        })
        .collect();
    let n = hits.len();
    Ok(vec![
        Msg::Done(Done::Hits {
            query: q.to_owned(),
            hits,
        }),
        info(format!("{n} {}", state.ui.lang.t(T::Hits))),
    ])
}

/// The id of a node, creating it first when given as a new path.
fn resolve_node(session: &mut Session, node: NodeRef) -> crate::Result<NodeId> {
    match node {
        NodeRef::Id(id) => Ok(id),
        NodeRef::New(path) => session
            .codebook()
            .resolve(&path)
            .or_else(|_| session.add_node(&path)),
    }
}

/// Gathers every hit of the last search that the filters allow (the list shows the best 200)
/// and counts the interviewer turns among them; `update` then opens the picker.
fn plan_code_hits(
    session: &Session,
    index: &mut Indexer,
    state: &AppState,
) -> crate::Result<Vec<Msg>> {
    index.poll();
    let Some(ready) = index.ready() else {
        return Ok(vec![info(state.ui.lang.t(T::Indexing))]);
    };
    let opts = SearchOptions {
        filters: super::snapshot::parse_filter(session, &state.passages.filter)?,
        nodes: vec![],
        limit: usize::MAX,
    };
    let hits = crate::query::search(ready, session, &state.search.query, &opts)?;
    let mut units: Vec<(crate::ids::SourceId, crate::text::CharRange)> = Vec::new();
    let mut interviewer = 0;
    let mut seen = std::collections::HashSet::new();
    for h in &hits {
        if !seen.insert((h.source, h.unit_start, h.unit_end)) {
            continue;
        }
        units.push((
            h.source,
            crate::text::CharRange::new(h.unit_start, h.unit_end),
        ));
        let role = session
            .project()
            .source(&h.source.to_string())
            .ok()
            .and_then(|m| {
                m.speakers
                    .iter()
                    .find(|s| Some(&s.name) == h.speaker.as_ref())
                    .map(|s| s.role)
            });
        if role == Some(crate::model::Role::Interviewer) {
            interviewer += 1;
        }
    }
    if units.is_empty() {
        return Ok(vec![info(state.ui.lang.t(T::NoHits))]);
    }
    Ok(vec![Msg::Done(Done::HitsPlanned(super::rows::HitsPlan {
        query: state.search.query.clone(),
        filter: state.passages.filter.clone(),
        units,
        interviewer,
    }))])
}

/// Codes the unit of every gathered hit with a node, in one undoable step (a new node is
/// created in that same step).
fn code_hits(session: &mut Session, state: &AppState, node: NodeRef) -> crate::Result<Vec<Msg>> {
    let Some(plan) = &state.search.plan else {
        return Ok(vec![]);
    };
    let coder = state.ui.coder.clone();
    let (node, n) = match node {
        NodeRef::Id(id) => (id, session.code_ranges(&coder, id, &plan.units)?),
        NodeRef::New(path) => match session.codebook().resolve(&path) {
            Ok(id) => (id, session.code_ranges(&coder, id, &plan.units)?),
            Err(_) => session.code_ranges_in_new_node(&coder, &path, &plan.units)?,
        },
    };
    let path = session.codebook().path_of(node).unwrap_or_default();
    Ok(vec![
        Msg::Done(Done::LastNode(node)),
        info(format!("{} {path} ({n})", state.ui.lang.t(T::Coded))),
        refreshed(session, state, None)?,
    ])
}

/// Codes a coding query's passages into a new node (the analysis popup's query view).
fn code_query(
    session: &mut Session,
    state: &AppState,
    expr: &str,
    path: &str,
) -> crate::Result<Vec<Msg>> {
    let (node, n) = super::analysis_query_ops::code_query(
        session,
        &state.ui.coder,
        &state.passages.filter,
        expr,
        path,
    )?;
    let path = session.codebook().path_of(node).unwrap_or_default();
    Ok(vec![
        Msg::Done(Done::LastNode(node)),
        info(format!("{} {path} ({n})", state.ui.lang.t(T::Coded))),
        refreshed(session, state, None)?,
    ])
}

/// Model changes and loads.
fn run_one(session: &mut Session, state: &AppState, effect: Effect) -> crate::Result<Vec<Msg>> {
    let coder = state.ui.coder.clone();
    let lang = state.ui.lang;
    let mut out = Vec::new();
    let mut select = None;
    match effect {
        Effect::OpenSource(id) => {
            let doc = Box::new(load_doc(session, id)?);
            return Ok(vec![Msg::Done(Done::Opened { doc, at: None })]);
        }
        Effect::JumpTo { source, start, .. } => {
            if state
                .transcript
                .doc
                .as_ref()
                .is_some_and(|d| d.id == source)
            {
                return Ok(vec![Msg::Done(Done::Jumped(start))]);
            }
            let doc = Box::new(load_doc(session, source)?);
            return Ok(vec![Msg::Done(Done::Opened {
                doc,
                at: Some(start),
            })]);
        }
        Effect::Code {
            source,
            range,
            node,
        } => {
            let node = resolve_node(session, node)?;
            session.code(&coder, source, range, node)?;
            out.push(Msg::Done(Done::LastNode(node)));
            let path = session.codebook().path_of(node).unwrap_or_default();
            out.push(info(format!("{} {path}", lang.t(T::Coded))));
        }
        Effect::Uncode {
            source,
            range,
            node,
        } => {
            session.uncode(&coder, source, range, Some(node))?;
            out.push(info(lang.t(T::Uncoded)));
        }
        Effect::Undo => out.push(info(match session.undo()? {
            Some(l) => format!("{} {}", lang.t(T::Undone), step_name(&l, lang)),
            None => lang.t(T::NothingToUndo).into(),
        })),
        Effect::Redo => out.push(info(match session.redo()? {
            Some(l) => format!("{} {}", lang.t(T::Redone), step_name(&l, lang)),
            None => lang.t(T::NothingToRedo).into(),
        })),
        Effect::AddNode(path) => select = Some(session.add_node(&path)?),
        Effect::RenameNode(id, name) => session.rename_node(id, &name)?,
        Effect::DescribeNode(id, text) => session.describe_node(id, &text)?,
        Effect::OpenDescription(id) => {
            let text = session
                .codebook()
                .node(id)
                .map(|n| n.description.clone())
                .unwrap_or_default();
            return Ok(vec![Msg::Done(Done::Description(id, text))]);
        }
        Effect::MergeNodes { from, into } => {
            let moved = session.merge_nodes(from, into)?;
            out.push(info(format!("{} {moved}", lang.t(T::Merged))));
            select = Some(into);
        }
        Effect::DeleteNode(id) => {
            let removed = session.delete_node(id, true)?;
            out.push(info(format!("{} {removed}", lang.t(T::Deleted))));
        }
        Effect::MoveNode { id, parent, index } => {
            session.move_node(id, parent, index)?;
            select = Some(id);
            out.push(info(lang.t(T::Moved)));
        }
        Effect::SetCodable(id, codable) => {
            session.set_codable(id, codable)?;
            out.push(info(lang.t(if codable {
                T::NowCodable
            } else {
                T::NowNotCodable
            })));
        }
        Effect::CycleColor(id) => {
            let index = session
                .codebook()
                .all_ids()
                .iter()
                .position(|n| *n == id)
                .unwrap_or(0);
            let current = session.codebook().node(id).and_then(|n| n.color.clone());
            session.color_node(id, Some(&next_color(current.as_deref(), index)))?;
        }
        Effect::OpenMemo(target) => {
            let text = session
                .memos()?
                .into_iter()
                .find(|m| m.target == target)
                .map(|m| m.text)
                .unwrap_or_default();
            return Ok(vec![Msg::Done(Done::Memo(target, text))]);
        }
        Effect::SaveMemo(target, text) => {
            match session.memos()?.into_iter().find(|m| m.target == target) {
                Some(m) => session.edit_memo(m.id, &text)?,
                None if !text.trim().is_empty() => drop(session.add_memo(target, &text)?),
                None => {}
            }
        }
        Effect::MoveMemo { from, to, heading } => move_memo(session, from, to, &heading)?,
        Effect::OpenExport => {
            return Ok(vec![Msg::Done(Done::ExportDialog(Box::new(
                super::exporter::dialog(session, state.selected_node()),
            )))]);
        }
        Effect::ListMemos => {
            return Ok(vec![Msg::Done(Done::MemoList(super::snapshot::memo_rows(
                session, lang,
            )?))]);
        }
        Effect::SetCoder(name) => {
            session.set_coder(&name)?;
            let coders: std::collections::BTreeSet<&str> =
                session.codings().all().map(|(c, _, _)| c).collect();
            let shown = coders.into_iter().collect::<Vec<_>>().join(", ");
            return Ok(vec![
                Msg::Done(Done::Coder(name.clone())),
                info(if lang == super::i18n::Lang::Fr {
                    format!("codeur : {name} · codages affichés : {shown}")
                } else {
                    format!("coder: {name} · codings shown: {shown}")
                }),
            ]);
        }
        Effect::Refresh => {}
        Effect::Search(_)
        | Effect::PlanCodeHits
        | Effect::CodeHits(_)
        | Effect::Export(..)
        | Effect::Source(_)
        | Effect::Project(_)
        | Effect::Key(_)
        | Effect::Analysis(_)
        | Effect::CodeQuery(..)
        | Effect::Copy(_) => return Ok(vec![]),
    }
    out.push(refreshed(session, state, select)?);
    Ok(out)
}

/// An undo step's label in words (`code.batch` → "coding every hit").
fn step_name(label: &str, lang: super::i18n::Lang) -> String {
    let fr = lang == super::i18n::Lang::Fr;
    let words = match label {
        "code" => ("coding", "codage"),
        "uncode" => ("uncoding", "décodage"),
        "code.batch" => ("coding several passages", "codage de plusieurs passages"),
        "code.speaker" => ("coding a speaker's turns", "codage des tours d'un locuteur"),
        "node.add" => ("new node", "nouveau code"),
        "node.rename" => ("renaming", "renommage"),
        "node.move" | "node.reorder" => ("moving a node", "déplacement d'un code"),
        "node.describe" => ("description", "description"),
        "node.color" => ("colour", "couleur"),
        "node.merge" => ("merge", "fusion"),
        "node.delete" => ("deletion", "suppression"),
        "source.delete" => ("deleting a source", "suppression d'une source"),
        "source.restore" => ("restoring a source", "remise d'une source"),
        "case.rename" => ("renaming a case", "renommage d'un cas"),
        "node.codable" => ("codable or heading only", "codable ou simple rubrique"),
        "source.rename" => ("renaming a source", "renommage d'une source"),
        "speaker.set" => ("speaker's role and case", "rôle et cas du locuteur"),
        "speakers.detect" => (
            "speakers detected again",
            "nouvelle détection des locuteurs",
        ),
        "case.set" => ("case value", "valeur d'un cas"),
        "case.attribute.rename" => ("renaming an attribute", "renommage d'un attribut"),
        "case.attribute.delete" => ("deleting an attribute", "suppression d'un attribut"),
        "cases.import" => ("cases table import", "import du tableau des cas"),
        other => return other.replace(['.', '_'], " "),
    };
    if fr { words.1 } else { words.0 }.to_owned()
}

/// Moves the memo of `from` (if any) into the memo of `to`, under a heading.
fn move_memo(session: &mut Session, from: Target, to: Target, heading: &str) -> crate::Result<()> {
    let memos = session.memos()?;
    let Some(moved) = memos.iter().find(|m| m.target == from) else {
        return Ok(());
    };
    let block = format!("{heading}\n{}", moved.text.trim_end());
    match memos.iter().find(|m| m.target == to) {
        Some(there) => {
            session.edit_memo(there.id, &format!("{}\n\n{block}", there.text.trim_end()))?
        }
        None => drop(session.add_memo(to, &block)?),
    }
    session.delete_memo(moved.id)
}

use super::theme::NODE_COLORS as COLORS;

fn next_color(current: Option<&str>, index: usize) -> String {
    let i = current
        .and_then(|c| COLORS.iter().position(|x| x.eq_ignore_ascii_case(c)))
        .map_or(index, |i| i + 1);
    COLORS[i % COLORS.len()].to_owned()
}
