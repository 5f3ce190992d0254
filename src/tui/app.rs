//! The TUI application: the state, the runtime, and the loop between them — keys become
//! messages through the keymap, `update` turns a message into effects, the runtime turns each
//! effect into messages, until none is left; then drawing. Tests drive it with key events and
//! a `TestBackend` (through the `testing` surface).
//!
//! Invariants: `update` is the only writer of the state; every key goes through the keymap (the
//! panes, `[text]` in text fields where other printable keys are typed, `[confirm]` in a
//! question where other keys answer no, `[sources]` before the panes' keys in the sources pane
//! and the speakers popup).

use super::action::Action;
use super::i18n::{Lang, T};
use super::keymap::{Context, Keymap};
use super::msg::{Done, Effect, MouseMsg, Msg};
use super::runtime::Runtime;
use super::state::{AppState, Popup, Ui};
use super::theme::Theme;
use super::update::update;
use crate::session::Session;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::VecDeque;

pub struct App {
    state: AppState,
    runtime: Runtime,
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
        let state = AppState::new(Ui {
            lang,
            theme,
            keymap,
            project: session.project().manifest.name.clone(),
            coder: session.coder().to_owned(),
            width,
            height,
            focus: super::state::Focus::Transcript,
            message: None,
            saved: true,
            orphans: 0,
            quit: false,
            mouse: true,
            indexing: true,
            exporting: None,
            importing: None,
            switch_to: None,
        });
        let mut app = Self {
            state,
            runtime: Runtime::new(session),
        };
        app.effects(vec![Effect::Refresh]);
        if app.state.ui.orphans > 0 {
            let text = format!("{} {}", app.state.ui.orphans, lang.t(T::Orphans));
            app.send(Msg::Done(Done::Info(text)));
        }
        if let Some(first) = app.state.sources.rows.first().map(|s| s.id) {
            app.effects(vec![Effect::OpenSource(first)]);
        }
        app
    }

    /// What the views draw from.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn session(&self) -> &Session {
        &self.runtime.session
    }

    /// Handles a message: `update`, then every effect, whose answers go through `update` too.
    pub fn send(&mut self, msg: Msg) {
        let mut queue = VecDeque::from([msg]);
        while let Some(msg) = queue.pop_front() {
            for effect in update(&mut self.state, msg) {
                queue.extend(self.runtime.run(&self.state, effect));
            }
        }
    }

    fn effects(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            for msg in self.runtime.run(&self.state, effect) {
                self.send(msg);
            }
        }
    }

    fn send_all(&mut self, msgs: Vec<Msg>) -> bool {
        let any = !msgs.is_empty();
        for m in msgs {
            self.send(m);
        }
        any
    }

    /// Picks up what the workers finished (the index, export progress). Returns whether
    /// anything changed (the runtime then redraws).
    pub fn tick(&mut self) -> bool {
        let msgs = self.runtime.tick(&self.state);
        self.send_all(msgs)
    }

    /// Waits for a running export to finish (tests).
    pub fn wait_for_export(&mut self) {
        let msgs = self.runtime.wait_for_export(&self.state);
        self.send_all(msgs);
    }

    /// Waits for a running import to be read and written (tests).
    pub fn wait_for_import(&mut self) {
        let msgs = self.runtime.wait_for_import(&self.state);
        self.send_all(msgs);
    }

    /// The user's config folder, where the recent projects are kept.
    pub fn set_config_dir(&mut self, dir: std::path::PathBuf) {
        self.runtime.config = Some(dir);
    }

    /// Waits for the index (tests), then answers a pending search.
    pub fn wait_for_index(&mut self) {
        let msgs = self.runtime.wait_for_index();
        self.send_all(msgs);
    }

    /// While the index is being built: a handle that upgrades as long as the build's thread
    /// runs (tests: none outlives the app).
    pub fn index_build(&self) -> Option<std::sync::Weak<()>> {
        self.runtime.index.build_thread()
    }

    /// Puts another search index in place (tests: one handed over when the test decides).
    pub fn replace_index(&mut self, index: super::indexer::Indexer) {
        self.runtime.index = index;
        self.send(Msg::Done(Done::Indexing(true)));
    }

    /// Text waiting for the terminal's clipboard.
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.runtime.clipboard.take()
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
        let keymap = &self.state.ui.keymap;
        if matches!(self.state.popup, Some(Popup::Files(_)))
            && let Some(a) = keymap.action_in(Context::Files, &key)
        {
            return Some(Msg::Action(a));
        }
        if super::update::takes_text(&self.state) {
            if let Some(a) = keymap.action_in(Context::Text, &key) {
                return Some(Msg::Action(a));
            }
            return match key.code {
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    Some(Msg::Char(c))
                }
                _ => None,
            };
        }
        if matches!(self.state.popup, Some(Popup::Confirm { .. })) {
            return Some(Msg::Action(
                keymap
                    .action_in(Context::Confirm, &key)
                    .unwrap_or(Action::Cancel),
            ));
        }
        let in_sources = match &self.state.popup {
            None => self.state.ui.focus == super::state::Focus::Sources,
            Some(p) => matches!(p, Popup::Speakers(_)),
        };
        in_sources
            .then(|| keymap.action_in(Context::Sources, &key))
            .flatten()
            .or_else(|| keymap.action(&key))
            .map(Msg::Action)
    }

    /// Handles text pasted into the terminal (bracketed paste).
    pub fn paste(&mut self, text: String) {
        self.send(Msg::Paste(text));
    }

    /// Handles a mouse event (when the mouse is captured).
    pub fn mouse(&mut self, ev: crossterm::event::MouseEvent) {
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
