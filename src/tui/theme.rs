//! Colours and symbols, for 24-bit, 256- and 16-colour terminals and for `NO_COLOR`, where
//! nodes stay distinguishable by a letter in the gutter, not by colour alone.
//!
//! Invariant: every style the views use comes from here.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    None,
    Basic16,
    Indexed256,
    TrueColor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub depth: Depth,
}

/// Colours given to nodes without one, in order (Tableau 10 plus two).
const PALETTE: [(u8, u8, u8); 12] = [
    (78, 121, 167),
    (242, 142, 43),
    (225, 87, 89),
    (118, 183, 178),
    (89, 161, 79),
    (237, 201, 72),
    (176, 122, 161),
    (255, 157, 167),
    (156, 117, 95),
    (186, 176, 172),
    (134, 188, 182),
    (211, 114, 149),
];

const BASIC: [Color; 6] = [
    Color::Blue,
    Color::Yellow,
    Color::Red,
    Color::Cyan,
    Color::Green,
    Color::Magenta,
];

impl Theme {
    /// From the environment: `NO_COLOR`, `COLORTERM`, `TERM`.
    pub fn detect() -> Self {
        let depth = if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            Depth::None
        } else if std::env::var("COLORTERM")
            .is_ok_and(|v| v.contains("truecolor") || v.contains("24bit"))
        {
            Depth::TrueColor
        } else if std::env::var("TERM").is_ok_and(|v| v.contains("256")) {
            Depth::Indexed256
        } else {
            Depth::Basic16
        };
        Self { depth }
    }

    pub fn colored(&self) -> bool {
        self.depth != Depth::None
    }

    /// The colour of a node: its own `#RRGGBB`, else one from the palette by index.
    pub fn node_color(&self, own: Option<&str>, index: usize) -> Option<Color> {
        let rgb = own
            .and_then(parse_hex)
            .unwrap_or(PALETTE[index % PALETTE.len()]);
        match self.depth {
            Depth::None => None,
            Depth::TrueColor => Some(Color::Rgb(rgb.0, rgb.1, rgb.2)),
            Depth::Indexed256 => Some(Color::Indexed(
                16 + 36 * (rgb.0 / 51) + 6 * (rgb.1 / 51) + rgb.2 / 51,
            )),
            Depth::Basic16 => Some(BASIC[index % BASIC.len()]),
        }
    }

    pub fn base(&self) -> Style {
        Style::default()
    }

    pub fn dim(&self) -> Style {
        if self.colored() {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }

    pub fn speaker(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    /// Interviewer turns: italic (and grey in colour) so questions stand apart from answers.
    pub fn interviewer(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::ITALIC);
        if self.colored() { s.fg(Color::Gray) } else { s }
    }

    pub fn selection(&self) -> Style {
        if self.colored() {
            Style::default().bg(Color::Blue).fg(Color::White)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    /// Search matches: bold on yellow, or bold and reversed without colour.
    pub fn search_match(&self) -> Style {
        let s = Style::default().add_modifier(Modifier::BOLD);
        if self.colored() {
            s.bg(Color::Yellow).fg(Color::Black)
        } else {
            s.add_modifier(Modifier::REVERSED)
        }
    }

    pub fn cursor(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// Coded text: underlined always (visible without colour), tinted with the node's colour.
    pub fn coded(&self, color: Option<Color>) -> Style {
        let s = Style::default().add_modifier(Modifier::UNDERLINED);
        match color {
            Some(c) => s.underline_color(c),
            None => s,
        }
    }

    pub fn focused_border(&self) -> Style {
        if self.colored() {
            Style::default().fg(Color::Cyan)
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }

    pub fn highlight(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
}

fn parse_hex(s: &str) -> Option<(u8, u8, u8)> {
    let h = s.strip_prefix('#').filter(|h| h.len() == 6)?;
    let v = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some((v(0)?, v(2)?, v(4)?))
}
