//! Key bindings: an embedded default keymap (`keymap.default`) that a user file
//! `keymap.txt` in the config folder overrides binding by binding.
//!
//! Five contexts, each a section of the file: the panes (the lines before any section header),
//! `[text]` for text fields (the picker, the palette, inputs, the export form, the file
//! browser's filter — printable characters are typed there unless bound), `[confirm]` for
//! yes/no questions (any unbound key answers no), `[sources]`, keys of the sources pane and the
//! speakers popup that take precedence over the panes' there, and `[files]`, keys of the file
//! browser that take precedence over its filter's.
//!
//! Invariants: in a context one key maps to at most one action; every action named in a file
//! exists (an unknown name is an error naming the file and line); the status-bar hints and the
//! help screen are generated from the active keymap, so rebinding updates them.

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::BTreeMap;
use std::path::Path;

const DEFAULT: &str = include_str!("keymap.default");

/// A key as written in keymap files (`ctrl-z`, `G`, `pagedown`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key(pub String);

/// Where a key is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Context {
    Panes,
    Text,
    Confirm,
    /// The sources pane and the speakers popup (checked before the panes' keys there).
    Sources,
    /// The file browser (checked before the `[text]` keys of its filter).
    Files,
}

/// The active bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<(Context, Key), Action>,
}

impl Keymap {
    /// The embedded defaults.
    pub fn default_keys() -> Self {
        let mut k = Self {
            bindings: BTreeMap::new(),
        };
        k.apply("keymap.default", DEFAULT)
            .expect("the embedded keymap is valid");
        k
    }

    /// The defaults overridden by `keymap.txt` in `config_dir`, if present.
    pub fn load(config_dir: &Path) -> Result<Self, String> {
        let mut k = Self::default_keys();
        let path = config_dir.join("keymap.txt");
        if let Ok(text) = std::fs::read_to_string(&path) {
            k.apply(&path.display().to_string(), &text)?;
        }
        Ok(k)
    }

    fn apply(&mut self, origin: &str, text: &str) -> Result<(), String> {
        let mut context = Context::Panes;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || (line.starts_with('#') && !line.starts_with("# =")) {
                continue;
            }
            if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                context = match section.trim() {
                    "panes" => Context::Panes,
                    "text" => Context::Text,
                    "confirm" => Context::Confirm,
                    "sources" => Context::Sources,
                    "files" => Context::Files,
                    other => {
                        return Err(format!(
                            "{origin}: line {}: unknown section [{other}] (panes, text, confirm, sources or files)",
                            i + 1
                        ));
                    }
                };
                continue;
            }
            let Some((key, name)) = line.rsplit_once('=').filter(|(k, _)| !k.trim().is_empty())
            else {
                return Err(format!("{origin}: line {}: expected `key = action`", i + 1));
            };
            let (key, name) = (Key(key.trim().to_owned()), name.trim());
            if name == "none" {
                self.bindings.remove(&(context, key));
                continue;
            }
            let action = Action::from_name(name)
                .ok_or_else(|| format!("{origin}: line {}: unknown action '{name}'", i + 1))?;
            self.bindings.insert((context, key), action);
        }
        Ok(())
    }

    /// The action bound to a key press in the panes, if any.
    pub fn action(&self, key: &KeyEvent) -> Option<Action> {
        self.action_in(Context::Panes, key)
    }

    /// The action bound to a key press in a context, if any.
    pub fn action_in(&self, context: Context, key: &KeyEvent) -> Option<Action> {
        self.bindings.get(&(context, key_name(key)?)).copied()
    }

    /// The keys bound to an action in the panes (in the sources pane, the file browser, a text
    /// field or a question when it has none there), in name order.
    pub fn keys_for(&self, action: Action) -> Vec<&str> {
        [
            Context::Panes,
            Context::Sources,
            Context::Files,
            Context::Text,
            Context::Confirm,
        ]
        .into_iter()
        .map(|c| self.keys_in(c, action))
        .find(|k| !k.is_empty())
        .unwrap_or_default()
    }

    /// The keys bound to an action in one context.
    pub fn keys_in(&self, context: Context, action: Action) -> Vec<&str> {
        self.bindings
            .iter()
            .filter(|((c, _), a)| *c == context && **a == action)
            .map(|((_, k), _)| k.0.as_str())
            .collect()
    }

    /// The first key bound to an action (for hints).
    pub fn hint(&self, action: Action) -> Option<&str> {
        let keys = self.keys_for(action);
        keys.iter()
            .find(|k| k.chars().count() == 1)
            .or(keys.first())
            .copied()
    }
}

/// The keymap name of a key press.
pub fn key_name(key: &KeyEvent) -> Option<Key> {
    let base = match key.code {
        KeyCode::Char(' ') => "space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "enter".into(),
        KeyCode::Esc => "esc".into(),
        KeyCode::Tab => "tab".into(),
        KeyCode::BackTab => "backtab".into(),
        KeyCode::Backspace => "backspace".into(),
        KeyCode::Up => "up".into(),
        KeyCode::Down => "down".into(),
        KeyCode::Left => "left".into(),
        KeyCode::Right => "right".into(),
        KeyCode::PageUp => "pageup".into(),
        KeyCode::PageDown => "pagedown".into(),
        KeyCode::Home => "home".into(),
        KeyCode::End => "end".into(),
        KeyCode::Delete => "delete".into(),
        KeyCode::F(n) => format!("f{n}"),
        _ => return None,
    };
    let mut name = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        name.push_str("ctrl-");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        name.push_str("alt-");
    }
    name.push_str(&base);
    Some(Key(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_bind_every_listed_key_and_user_files_override() {
        let k = Keymap::default_keys();
        assert_eq!(
            k.action(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE)),
            Some(Action::Code)
        );
        assert_eq!(
            k.action(&KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)),
            Some(Action::Undo)
        );
        assert_eq!(
            k.action(&KeyEvent::new(KeyCode::Char('#'), KeyModifiers::NONE)),
            Some(Action::JumpTo)
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("keymap.txt"),
            "# mine\nx = code\nc = none\n",
        )
        .unwrap();
        let k = Keymap::load(dir.path()).unwrap();
        assert_eq!(
            k.action(&KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Code)
        );
        assert_eq!(
            k.action(&KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(k.hint(Action::Code), Some("x"));
        std::fs::write(dir.path().join("keymap.txt"), "x = fly\n").unwrap();
        assert!(
            Keymap::load(dir.path())
                .unwrap_err()
                .ends_with("line 1: unknown action 'fly'")
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_the_defaults() {
        let mut seen = std::collections::HashSet::new();
        let mut section = "";
        for line in DEFAULT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && (!l.starts_with('#') || l.starts_with("# =")))
        {
            if line.starts_with('[') {
                section = line;
                continue;
            }
            let key = line.rsplit_once('=').unwrap().0.trim();
            assert!(
                seen.insert((section, key.to_owned())),
                "key {key} is bound twice in {section}"
            );
        }
    }

    #[test]
    fn text_fields_and_questions_have_their_own_keys() {
        let k = Keymap::default_keys();
        let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(k.action_in(Context::Text, &key(KeyCode::Char('q'))), None);
        assert_eq!(
            k.action_in(Context::Text, &key(KeyCode::Backspace)),
            Some(Action::DeleteBack)
        );
        assert_eq!(k.action_in(Context::Text, &ctrl('s')), Some(Action::Save));
        assert_eq!(
            k.action_in(Context::Confirm, &key(KeyCode::Char('o'))),
            Some(Action::Confirm)
        );
        assert_eq!(
            k.action_in(Context::Confirm, &key(KeyCode::Char('x'))),
            None
        );
    }

    #[test]
    fn every_action_is_bound_by_default() {
        let k = Keymap::default_keys();
        for a in Action::ALL {
            assert!(!k.keys_for(*a).is_empty(), "{} has no key", a.name());
        }
    }
}
