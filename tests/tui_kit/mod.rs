//! Shared helpers of the TUI tests: the sample project in a temporary folder, an app over it
//! at a size, keys written as in keymap files, the screen as text lines, the coding files
//! ([`analysis`]: the coded demo and what the analysis popup's tests look at).
#![allow(dead_code)]

pub mod analysis;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use verbatim::config::Dirs;
use verbatim::session::Session;
use verbatim::tui::testing::App;
use verbatim::tui::testing::Keymap;
use verbatim::tui::testing::Lang;
use verbatim::tui::testing::{Depth, Theme};

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub root: std::path::PathBuf,
}

/// The sample project, written afresh into a temporary folder.
pub fn sample() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let dirs = Dirs {
        config: dir.path().join("config"),
        data: dir.path().join("data"),
    };
    let root =
        verbatim::demo::ensure_demo_as(&dirs, false, verbatim::demo::Content::Uncoded).unwrap();
    Fixture { dir, root }
}

/// An English TUI over the fixture for coder `sg`, at `w`×`h`.
pub fn app(f: &Fixture, w: u16, h: u16) -> App {
    app_in(f, Lang::En, w, h)
}

pub fn app_in(f: &Fixture, lang: Lang, w: u16, h: u16) -> App {
    app_styled(f, lang, Depth::TrueColor, w, h)
}

/// A TUI over the fixture for coder `sg` in `lang`, drawn with `depth` colours, at `w`×`h`.
pub fn app_styled(f: &Fixture, lang: Lang, depth: Depth, w: u16, h: u16) -> App {
    let mut session = Session::open_writer(&f.root).unwrap();
    session.set_coder("sg").unwrap();
    App::new(session, Keymap::default_keys(), lang, Theme { depth }, w, h)
}

/// Presses keys written as in keymap files, separated by spaces (`j j v w c`, `ctrl-w`,
/// `alt-b`); `text:…`
/// types text (`_` for a space).
pub fn keys(app: &mut App, spec: &str) {
    for k in spec.split(' ').filter(|k| !k.is_empty()) {
        if let Some(text) = k.strip_prefix("text:") {
            for c in text.replace('_', " ").chars() {
                app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
            continue;
        }
        let (mods, name) = match (k.strip_prefix("ctrl-"), k.strip_prefix("alt-")) {
            (Some(n), _) => (KeyModifiers::CONTROL, n),
            (_, Some(n)) => (KeyModifiers::ALT, n),
            _ => (KeyModifiers::NONE, k),
        };
        let code = match name {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backspace" => KeyCode::Backspace,
            "down" => KeyCode::Down,
            "up" => KeyCode::Up,
            "space" => KeyCode::Char(' '),
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "delete" => KeyCode::Delete,
            c => KeyCode::Char(c.chars().next().unwrap()),
        };
        app.key(KeyEvent::new(code, mods));
    }
}

/// The screen as drawn now, one string per row.
pub fn screen(app: &App) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(
        app.state().ui.width,
        app.state().ui.height,
    ))
    .unwrap();
    t.draw(|f| app.draw(f)).unwrap();
    let buf = t.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect::<String>()
        })
        .collect()
}

/// Whether any screen row contains `needle`.
pub fn shows(app: &App, needle: &str) -> bool {
    screen(app).iter().any(|l| l.contains(needle))
}

/// Every coding file of a coder, concatenated.
pub fn codings_files(root: &std::path::Path, coder: &str) -> String {
    let dir = root.join("codings").join(coder);
    std::fs::read_dir(dir).map_or(String::new(), |d| {
        d.map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect()
    })
}
