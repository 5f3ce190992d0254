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
/// The node colours, distinct for up to 24 siblings (`C` cycles through them; a node without
/// its own colour takes one by its place in the codebook).
pub const NODE_COLORS: [&str; 24] = [
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
    "#9C755F", "#BAB0AC", "#86BCB6", "#D37295", "#A0CBE8", "#FFBE7D", "#8CD17D", "#B6992D",
    "#499894", "#6B4C9A", "#D4A6C8", "#79706E", "#17BECF", "#BCBD22", "#8C564B", "#E377C2",
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
            .or_else(|| parse_hex(NODE_COLORS[index % NODE_COLORS.len()]))
            .unwrap_or((128, 128, 128));
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
