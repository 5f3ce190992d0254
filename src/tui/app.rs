//! The TUI application: a [`Session`] and an [`AppState`], keys turned into messages, `update`
//! then the effects, and drawing. Tests drive it with key events and a `TestBackend`.
//!
//! Invariant: keys go to an open popup first (text fields take every printable key, so `q`
//! types a q there); otherwise the keymap decides.

use super::action::Action;
use super::effects::{self, Effect};
use super::i18n::Lang;
use super::keymap::Keymap;
use super::state::{AppState, Focus, Mode, Popup};
use super::theme::Theme;
use super::update::{Msg, TextKey, update};
use crate::session::Session;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::HashSet;

pub struct App {
    pub session: Session,
    pub state: AppState,
    /// The search index, built on a worker thread from the moment the app opens.
    pub index: super::indexer::Indexer,
    /// The export being written on a worker thread, if any.
    exporter: super::exporter::Exporter,
}

impl App {
    /// A TUI over an open session, at a terminal size.
    pub fn new(
        session: Session,
        keymap: Keymap,
        lang: Lang,
        theme: Theme,
        width: u16,
        height: u16,
    ) -> Self {
        let state = AppState {
            lang,
            theme,
            keymap,
            project: session.project.manifest.name.clone(),
            coder: session.coder().to_owned(),
            width,
            height,
            focus: Focus::Transcript,
            mode: Mode::Normal,
            popup: None,
            sources: vec![],
            source_selected: 0,
            show_attributes: false,
            doc: None,
            cursor: 0,
            scroll: 0,
            tree: vec![],
            tree_selected: 0,
            collapsed: HashSet::new(),
            nodes: vec![],
            passages: vec![],
            passage_selected: 0,
            passages_of: None,
            passage_filter: String::new(),
            last_node: None,
            cut_node: None,
            tint: true,
            message: None,
            saved: true,
            orphans: 0,
            clipboard: None,
            quit: false,
            mouse: true,
            memos: HashSet::new(),
            search_query: String::new(),
            hits: vec![],
            hits_plan: None,
            indexing: true,
            drag_from: None,
            exporting: None,
        };
        let index = super::indexer::Indexer::start(crate::index::Corpus::of(&session));
        let mut app = Self {
            session,
            state,
            index,
            exporter: Default::default(),
        };
        if let Err(e) = super::snapshot::refresh(&app.session, &mut app.state) {
            app.state.message = Some(e.to_string());
        }
        if app.state.orphans > 0 {
            app.state.message = Some(format!(
                "{} {}",
                app.state.orphans,
                app.state.lang.t(super::i18n::T::Orphans)
            ));
        }
        if let Some(first) = app.state.sources.first().map(|s| s.id) {
            effects::run(
                &mut app.session,
                &mut app.index,
                &mut app.state,
                vec![Effect::OpenSource(first)],
            );
        }
        app
    }

    /// Handles a message: update, then effects.
    pub fn send(&mut self, msg: Msg) {
        let fx = update(&mut self.state, msg);
        let (exports, fx): (Vec<Effect>, Vec<Effect>) = fx
            .into_iter()
            .partition(|e| matches!(e, Effect::Export(..)));
        effects::run(&mut self.session, &mut self.index, &mut self.state, fx);
        for e in exports {
            if let Effect::Export(choices, node) = e {
                self.start_export(&choices, node);
            }
        }
        let rows = super::view::layout::transcript_rows(&self.state);
        super::update::motion::keep_visible(&mut self.state, rows);
    }

    /// Picks up the index when the worker has finished, and answers a search typed meanwhile.
    /// Returns whether anything changed (the runtime then redraws).
    pub fn tick(&mut self) -> bool {
        let exported = self.exporter.poll(&mut self.state);
        if !self.index.poll() {
            return exported;
        }
        self.index_arrived();
        true
    }

    /// Builds the annex and starts writing it on a worker thread.
    fn start_export(
        &mut self,
        choices: &super::export_form::ExportChoices,
        node: Option<uuid::Uuid>,
    ) {
        if self.exporter.is_running() {
            self.state.message = Some(self.state.lang.t(super::i18n::T::ExportRunning).into());
            return;
        }
        if !choices.format.is_annex() {
            self.state.message = Some(
                super::exporter::write_exchange(&self.session, &self.state, choices)
                    .unwrap_or_else(|e| e.to_string()),
            );
            return;
        }
        match super::exporter::prepare(&self.session, choices, node) {
            Ok((annex, path)) => {
                self.state.exporting = Some((0, annex.sections.len()));
                self.exporter.start(annex, choices.format, path);
            }
            Err(e) => self.state.message = Some(e.to_string()),
        }
    }

    /// Waits for a running export to finish (tests).
    pub fn wait_for_export(&mut self) {
        self.exporter.wait(&mut self.state);
    }

    /// The index is here: clear the status and answer a search typed while it was being built.
    fn index_arrived(&mut self) {
        self.state.indexing = false;
        if matches!(self.state.popup, Some(Popup::Search { .. }))
            && !self.state.search_query.is_empty()
        {
            let q = self.state.search_query.clone();
            effects::run(
                &mut self.session,
                &mut self.index,
                &mut self.state,
                vec![Effect::Search(q)],
            );
        }
    }

    /// Waits for the index (tests), then answers a pending search.
    pub fn wait_for_index(&mut self) {
        if let super::indexer::Indexer::Building(_) = self.index {
            self.index.wait();
            self.index_arrived();
        }
    }

    pub fn action(&mut self, a: Action) {
        self.send(Msg::Action(a));
    }

    /// Handles a key press.
    pub fn key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        if let Some(msg) = self.route(key) {
            self.send(msg);
        }
    }

    fn route(&self, key: KeyEvent) -> Option<Msg> {
        let text_field = matches!(
            self.state.popup,
            Some(
                Popup::Picker(_)
                    | Popup::Palette { .. }
                    | Popup::SourcePicker { .. }
                    | Popup::Search { .. }
                    | Popup::Input { .. }
                    | Popup::Export(_)
            )
        );
        if text_field {
            let k = match key.code {
                KeyCode::Char('s') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    TextKey::Save
                }
                KeyCode::Char('k') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    TextKey::CodeAll
                }
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    TextKey::Char(c)
                }
                KeyCode::Backspace => TextKey::Backspace,
                KeyCode::Enter => TextKey::Enter,
                KeyCode::Esc => TextKey::Esc,
                KeyCode::Up => TextKey::Up,
                KeyCode::Left => TextKey::Left,
                KeyCode::Right => TextKey::Right,
                KeyCode::Down | KeyCode::Tab => TextKey::Down,
                _ => return None,
            };
            return Some(Msg::Text(k));
        }
        if matches!(self.state.popup, Some(Popup::Confirm { .. })) {
            return match key.code {
                KeyCode::Char('y' | 'o' | 'Y' | 'O') | KeyCode::Enter => {
                    Some(Msg::Action(Action::Confirm))
                }
                _ => Some(Msg::Action(Action::Cancel)),
            };
        }
        self.state.keymap.action(&key).map(Msg::Action)
    }

    /// Handles a mouse event (when the mouse is captured).
    pub fn mouse(&mut self, ev: crossterm::event::MouseEvent) {
        use super::update::MouseMsg;
        use crossterm::event::{MouseButton, MouseEventKind};
        let kind = match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => MouseMsg::Down,
            MouseEventKind::Drag(MouseButton::Left) => MouseMsg::Drag,
            MouseEventKind::Up(MouseButton::Left) => MouseMsg::Up,
            MouseEventKind::ScrollDown => MouseMsg::ScrollDown,
            MouseEventKind::ScrollUp => MouseMsg::ScrollUp,
            _ => return,
        };
        self.send(Msg::Mouse(kind, ev.column, ev.row));
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        self.send(Msg::Resize(w, h));
    }

    pub fn draw(&self, frame: &mut ratatui::Frame<'_>) {
        super::view::render(frame, &self.state);
    }
}
