//! The terminal front end (feature `tui`): a ratatui application over the core's [`Session`].
//! One [`action::Action`] enum drives it; [`update::update`] is pure; [`view`] only draws;
//! [`effects`] carries out model changes, each saved at once.
//!
//! Invariants: the terminal is restored on exit and on panic (ratatui's hooks); quitting is
//! instant because nothing is ever waiting to be saved.

pub mod action;
pub mod app;
pub mod effects;
pub mod export_form;
mod exporter;
pub mod i18n;
pub mod indexer;
pub mod keymap;
pub mod snapshot;
pub mod state;
pub mod theme;
pub mod update;
pub mod view;
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
    let dirs = Dirs::locate()?;
    let keymap = keymap::Keymap::load(&dirs.config).map_err(Error::Invalid)?;
    let lang = i18n::Lang::detect(config_language(&dirs).as_deref());
    let session = Session::open_writer(dir)?;
    let mut terminal = ratatui::init();
    let size = terminal
        .size()
        .map_err(|e| Error::io("could not read the size of", Path::new("the terminal"), e))?;
    let mut app = app::App::new(
        session,
        keymap,
        lang,
        theme::Theme::detect(),
        size.width,
        size.height,
    );
    let result = event_loop(&mut terminal, &mut app);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut app::App) -> Result<()> {
    let io = |e: std::io::Error| Error::io("could not use", Path::new("the terminal"), e);
    let mut captured = false;
    while !app.state.quit {
        if app.state.mouse != captured {
            captured = app.state.mouse;
            if captured {
                crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture)
                    .map_err(io)?;
            } else {
                crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture)
                    .map_err(io)?;
            }
        }
        terminal.draw(|f| app.draw(f)).map_err(io)?;
        if let Some(text) = app.state.clipboard.take() {
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
    #[test]
    fn base64_matches_the_standard_alphabet() {
        assert_eq!(super::base64(b"Ma"), "TWE=");
        assert_eq!(super::base64("« é »".as_bytes()), "wqsgw6kgwrs=");
        assert_eq!(super::base64(b""), "");
    }
}
