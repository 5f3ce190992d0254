//! The terminal front end (feature `tui`): a ratatui application over the core's [`Session`].
//! One `Action` vocabulary names what a user can do, and the keymap binds keys to it in every
//! context; `update` (the only writer of the state) turns a message into effects; the runtime
//! carries them out — model changes saved at once, loads, search, export — and answers with
//! messages; the views only draw. Tests use the narrow [`testing`] surface.
//!
//! Layers (each uses only those above it): `action`, `rows`, `source_rows`, `project_rows`,
//! `analysis_rows`, `export_choices`, `wrap`, `editor` (plain data and pure text editing) →
//! `msg` (messages and effects) → `i18n` (and `analysis_i18n`), `theme`, `keymap`,
//! `export_form`, `state` → `layout` → `update` → `view` → `snapshot`, `exporter`, `importer`,
//! `indexer`, `runtime` (with `source_ops`, `project_ops`, `cases_ops`, `analysis_ops`, `analysis_query_ops`) → `app`.
//!
//! Invariants: the terminal is restored on exit and on panic (ratatui's hooks); quitting is
//! instant because nothing is ever waiting to be saved.

mod action;
mod analysis_i18n;
mod analysis_ops;
mod analysis_query_ops;
mod analysis_rows;
mod app;
mod cases_ops;
mod editor;
mod export_choices;
mod export_form;
mod exporter;
mod i18n;
mod importer;
mod indexer;
mod key_ops;
mod key_review;
mod keymap;
mod layout;
mod msg;
mod project_ops;
mod project_rows;
mod rows;
mod runtime;
mod snapshot;
mod source_ops;
mod source_rows;
mod state;
pub mod testing;
mod theme;
mod update;
mod view;
mod wrap;

use crate::config::Dirs;
use crate::error::{Error, Result};
use crate::session::Session;
use crossterm::event::{self, Event};
use std::io::Write;
use std::path::Path;
use std::time::Duration;

/// Opens the project in `dir` in the terminal and runs until the user quits.
pub fn run(dir: &Path) -> Result<()> {
    run_with(dir, false)
}

/// Opens the TUI when started outside a project: the projects list (new, open a folder,
/// recent ones) over `dir` (the sample project).
pub fn run_outside(dir: &Path) -> Result<()> {
    run_with(dir, true)
}

/// Runs the TUI on a project, then on each project the user switches to, until they quit.
fn run_with(dir: &Path, show_projects: bool) -> Result<()> {
    let dirs = Dirs::locate()?;
    let keymap = keymap::Keymap::load(&dirs.config).map_err(Error::Invalid)?;
    let lang = i18n::Lang::detect(config_language(&dirs).as_deref());
    let mut session = Session::open_for_editing(dir)?;
    let mut terminal = ratatui::init();
    // Pasted text arrives whole (not as keys: a line break would submit a field).
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableBracketedPaste);
    let mut show_projects = show_projects;
    let mut note = None;
    let result = loop {
        let root = session.root().to_owned();
        let _ = project_ops::remember(&dirs.config, &root);
        let size = match terminal.size() {
            Ok(s) => s,
            Err(e) => {
                break Err(Error::io(
                    "could not read the size of",
                    Path::new("the terminal"),
                    e,
                ));
            }
        };
        let mut app = app::App::new(
            session,
            keymap.clone(),
            lang,
            theme::Theme::detect(),
            size.width,
            size.height,
        );
        app.set_config_dir(dirs.config.clone());
        if std::mem::take(&mut show_projects) {
            app.action(action::Action::Projects);
        }
        if let Some(text) = note.take() {
            app.send(msg::Msg::Done(msg::Done::Info(text)));
        }
        if let Err(e) = event_loop(&mut terminal, &mut app) {
            break Err(e);
        }
        let Some(next) = app.state().ui.switch_to.clone() else {
            break Ok(());
        };
        // The lock of this project is let go before the next one is opened.
        drop(app);
        session = match Session::open_for_editing(&next) {
            Ok(s) => s,
            Err(e) => {
                note = Some(e.to_string());
                match Session::open_for_editing(&root) {
                    Ok(s) => s,
                    Err(e) => break Err(e),
                }
            }
        };
    };
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut app::App) -> Result<()> {
    let io = |e: std::io::Error| Error::io("could not use", Path::new("the terminal"), e);
    let mut captured = false;
    while !app.state().ui.quit {
        if app.state().ui.mouse != captured {
            captured = app.state().ui.mouse;
            if captured {
                crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture)
                    .map_err(io)?;
            } else {
                crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture)
                    .map_err(io)?;
            }
        }
        terminal.draw(|f| app.draw(f)).map_err(io)?;
        if let Some(text) = app.take_clipboard() {
            osc52(&text).map_err(io)?;
        }
        if !event::poll(Duration::from_millis(200)).map_err(io)? {
            app.tick();
            continue;
        }
        app.tick();
        match event::read().map_err(io)? {
            Event::Key(k) => app.key(k),
            Event::Resize(w, h) => app.resize(w, h),
            Event::Mouse(m) => app.mouse(m),
            Event::Paste(text) => app.paste(text),
            _ => {}
        }
    }
    Ok(())
}

/// Copies text to the terminal's clipboard with OSC 52, which also works over SSH.
fn osc52(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout();
    write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()))?;
    out.flush()
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                A[(n >> (18 - 6 * i)) as usize & 63] as char
            } else {
                '='
            });
        }
    }
    out
}

fn config_language(dirs: &Dirs) -> Option<String> {
    let bytes = std::fs::read(dirs.config.join("config.json")).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    v.get("language")?.as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    /// `update` is the only writer of the state: no other TUI file takes it mutably.
    #[test]
    fn only_update_writes_the_state() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
        let mut writers = Vec::new();
        let mut stack = vec![dir.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs")
                    && !p.starts_with(dir.join("update"))
                    && std::fs::read_to_string(&p)
                        .unwrap()
                        .contains(concat!("&mut ", "AppState"))
                {
                    writers.push(p);
                }
            }
        }
        assert!(writers.is_empty(), "{writers:?} write the state");
    }

    #[test]
    fn base64_matches_the_standard_alphabet() {
        assert_eq!(super::base64(b"Ma"), "TWE=");
        assert_eq!(super::base64("« é »".as_bytes()), "wqsgw6kgwrs=");
        assert_eq!(super::base64(b""), "");
    }
}
