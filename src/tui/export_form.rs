//! The export dialog's model: every option of `verbatim export` as a row of a form — choices
//! changed with ←/→ or space, text fields typed into — and the choices saved per project in
//! `.verbatim/export.json` so the dialog opens with the last ones.
//!
//! Invariant: pure data and pure key handling; reading and writing the saved choices and running
//! the export are effects.

pub use super::export_choices::ExportChoices;
use super::msg::TextKey;
use crate::export::{CsvPreset, Format, Numbering, Order};
use crate::ids::NodeId;

/// One row of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Format,
    File,
    Scope,
    Filter,
    Depth,
    SkipEmpty,
    Counts,
    Numbering,
    Descriptions,
    Citation,
    Order,
    Rollup,
    MaxChars,
    Context,
    Interviewer,
    Transcripts,
    JoinAdjacent,
    Memos,
    Csv,
    Go,
}

pub const FIELDS: &[Field] = &[
    Field::Format,
    Field::File,
    Field::Scope,
    Field::Filter,
    Field::Depth,
    Field::SkipEmpty,
    Field::Counts,
    Field::Numbering,
    Field::Descriptions,
    Field::Citation,
    Field::Order,
    Field::Rollup,
    Field::MaxChars,
    Field::Context,
    Field::Interviewer,
    Field::Transcripts,
    Field::JoinAdjacent,
    Field::Memos,
    Field::Csv,
    Field::Go,
];

/// The dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportForm {
    pub choices: ExportChoices,
    pub row: usize,
    /// Case attributes (for ordering by one).
    pub attributes: Vec<String>,
    /// The node selected in the codebook when the dialog opened: id and path.
    pub node: Option<(NodeId, String)>,
}

/// What a key did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Close,
    Export,
}

const DEPTHS: &[Option<usize>] = &[None, Some(1), Some(2), Some(3), Some(4)];
const CONTEXTS: &[usize] = &[0, 5, 10, 20, 50];

fn cycle<T: PartialEq + Clone>(list: &[T], now: &T, forward: bool) -> T {
    let i = list.iter().position(|x| x == now).unwrap_or(0);
    let n = list.len();
    list[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
    .clone()
}

fn yes(b: bool, french: bool) -> String {
    match (b, french) {
        (true, false) => "yes".into(),
        (false, false) => "no".into(),
        (true, true) => "oui".into(),
        (false, true) => "non".into(),
    }
}

impl ExportForm {
    pub fn field(&self) -> Field {
        FIELDS[self.row.min(FIELDS.len() - 1)]
    }

    /// (label, value) of every row, in the interface language.
    pub fn rows(&self, french: bool) -> Vec<(&'static str, String)> {
        let c = &self.choices;
        let o = &c.options;
        FIELDS
            .iter()
            .map(|f| {
                let (en, fr, value) = match f {
                    Field::Format => ("Format", "Format", c.format.extension().to_owned()),
                    Field::File => ("File", "Fichier", c.file.clone()),
                    Field::Scope => (
                        "Nodes",
                        "Codes",
                        match (&self.node, c.selected_node_only, french) {
                            (Some((_, p)), true, _) => p.clone(),
                            (_, _, false) => "whole tree".into(),
                            (_, _, true) => "tout l'arbre".into(),
                        },
                    ),
                    Field::Filter => ("Filter", "Filtre", c.filter.clone()),
                    Field::Depth => (
                        "Depth",
                        "Profondeur",
                        o.depth.map_or_else(|| "∞".into(), |d| d.to_string()),
                    ),
                    Field::SkipEmpty => (
                        "Skip empty nodes",
                        "Sans les codes vides",
                        yes(o.skip_empty, french),
                    ),
                    Field::Counts => ("Counts", "Effectifs", yes(o.counts, french)),
                    Field::Numbering => (
                        "Numbering",
                        "Numérotation",
                        match o.numbering {
                            Numbering::Auto => "auto".into(),
                            Numbering::None => "none".into(),
                        },
                    ),
                    Field::Descriptions => (
                        "Code dictionary",
                        "Dictionnaire des codes",
                        yes(o.descriptions, french),
                    ),
                    Field::Citation => (
                        "Citation",
                        "Citation",
                        o.citation.clone().unwrap_or_default(),
                    ),
                    Field::Order => (
                        "Order",
                        "Ordre",
                        match &o.order {
                            Order::Source => "source".into(),
                            Order::Length => "length".into(),
                            Order::Attribute(a) => format!("attr:{a}"),
                        },
                    ),
                    Field::Rollup => (
                        "Roll up under parents",
                        "Cumuler sous les parents",
                        yes(o.rollup, french),
                    ),
                    Field::JoinAdjacent => (
                        "Join codings apart by white space",
                        "Joindre les codages séparés par des blancs",
                        yes(o.join_adjacent, french),
                    ),
                    Field::Memos => (
                        "Node and coding memos",
                        "Mémos des codes et des codages",
                        yes(o.memos, french),
                    ),
                    Field::MaxChars => (
                        "Max characters",
                        "Caractères max.",
                        o.max_chars.map_or_else(|| "∞".into(), |m| m.to_string()),
                    ),
                    Field::Context => ("Context words", "Mots de contexte", o.context.to_string()),
                    Field::Interviewer => (
                        "Interviewer turns",
                        "Tours de l'enquêteur",
                        match (o.keep_interviewer, french) {
                            (true, false) => "kept".into(),
                            (false, false) => "dropped".into(),
                            (true, true) => "gardés".into(),
                            (false, true) => "retirés".into(),
                        },
                    ),
                    Field::Transcripts => (
                        "Transcripts annex",
                        "Annexe des retranscriptions",
                        yes(o.transcripts, french),
                    ),
                    Field::Csv => (
                        "CSV",
                        "CSV",
                        match o.csv {
                            CsvPreset::Standard => "standard".into(),
                            CsvPreset::ExcelFr => "excel-fr".into(),
                        },
                    ),
                    Field::Go => (
                        "",
                        "",
                        if french { "[ Exporter ]" } else { "[ Export ]" }.into(),
                    ),
                };
                // The exchange formats write the whole project: the annex options do not apply.
                let unused =
                    !c.format.is_annex() && !matches!(f, Field::Format | Field::File | Field::Go);
                (
                    if french { fr } else { en },
                    if unused { "—".to_owned() } else { value },
                )
            })
            .collect()
    }

    /// Handles a key: arrows move and change, typing edits text rows (with the text editor, at
    /// `cursor`: ←/→ move in the text there), Enter exports.
    pub fn key(&mut self, key: TextKey, cursor: &mut Option<usize>) -> Outcome {
        if let Some(mut text) = self.text().map(str::to_owned)
            && let Some(changed) = key.edit_line(&mut text, cursor)
        {
            if changed && let Some(t) = self.text_mut() {
                *t = text;
            }
            return Outcome::Stay;
        }
        match key {
            TextKey::Esc => return Outcome::Close,
            TextKey::Enter | TextKey::Save => return Outcome::Export,
            TextKey::Up => self.row = self.row.saturating_sub(1),
            TextKey::Down => self.row = (self.row + 1).min(FIELDS.len() - 1),
            TextKey::Left => self.change(false),
            TextKey::Right => self.change(true),
            TextKey::Char(c) => self.type_char(c),
            TextKey::Backspace => self.backspace(),
            TextKey::CodeAll | TextKey::Edit(_) => {}
        }
        Outcome::Stay
    }

    /// The text of the row under the cursor when it is a text row.
    pub fn text(&self) -> Option<&str> {
        let c = &self.choices;
        match self.field() {
            Field::File => Some(&c.file),
            Field::Filter => Some(&c.filter),
            Field::Citation => Some(c.options.citation.as_deref().unwrap_or("")),
            _ => None,
        }
    }

    /// The text a text row edits.
    fn text_mut(&mut self) -> Option<&mut String> {
        let field = self.field();
        let c = &mut self.choices;
        match field {
            Field::File => Some(&mut c.file),
            Field::Filter => Some(&mut c.filter),
            Field::Citation => Some(c.options.citation.get_or_insert_with(String::new)),
            _ => None,
        }
    }

    fn type_char(&mut self, ch: char) {
        if self.field() == Field::MaxChars {
            if let Some(d) = ch.to_digit(10) {
                let now = self.choices.options.max_chars.unwrap_or(0);
                self.choices.options.max_chars =
                    Some(now.saturating_mul(10).saturating_add(d as usize)).filter(|m| *m > 0);
            }
        } else if ch == ' ' {
            self.change(true);
        }
    }

    fn backspace(&mut self) {
        if self.field() == Field::MaxChars {
            self.choices.options.max_chars = self
                .choices
                .options
                .max_chars
                .map(|m| m / 10)
                .filter(|m| *m > 0);
        }
    }

    fn change(&mut self, forward: bool) {
        let orders: Vec<Order> = [Order::Source, Order::Length]
            .into_iter()
            .chain(self.attributes.iter().map(|a| Order::Attribute(a.clone())))
            .collect();
        let field = self.field();
        let has_node = self.node.is_some();
        let c = &mut self.choices;
        let o = &mut c.options;
        match field {
            Field::Format => {
                let old = c.format;
                c.format = cycle(&Format::ALL, &old, forward);
                let suffix = format!(".{}", old.extension());
                if let Some(stem) = c.file.strip_suffix(&suffix) {
                    c.file = format!("{stem}.{}", c.format.extension());
                }
            }
            Field::Scope => c.selected_node_only = !c.selected_node_only && has_node,
            Field::Depth => o.depth = cycle(DEPTHS, &o.depth, forward),
            Field::SkipEmpty => o.skip_empty = !o.skip_empty,
            Field::Counts => o.counts = !o.counts,
            Field::Numbering => {
                o.numbering = cycle(&[Numbering::Auto, Numbering::None], &o.numbering, forward)
            }
            Field::Descriptions => o.descriptions = !o.descriptions,
            Field::Order => o.order = cycle(&orders, &o.order, forward),
            Field::Rollup => o.rollup = !o.rollup,
            Field::JoinAdjacent => o.join_adjacent = !o.join_adjacent,
            Field::Memos => o.memos = !o.memos,
            Field::Context => o.context = cycle(CONTEXTS, &o.context, forward),
            Field::Interviewer => o.keep_interviewer = !o.keep_interviewer,
            Field::Transcripts => o.transcripts = !o.transcripts,
            Field::Csv => {
                o.csv = cycle(&[CsvPreset::Standard, CsvPreset::ExcelFr], &o.csv, forward)
            }
            Field::File | Field::Filter | Field::Citation | Field::MaxChars | Field::Go => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ExportForm {
        ExportForm {
            choices: ExportChoices::default(),
            row: 0,
            attributes: vec!["Profession".into()],
            node: None,
        }
    }

    #[test]
    fn the_format_changes_the_file_extension_and_rows_edit() {
        let mut f = form();
        f.key(TextKey::Right, &mut None);
        assert_eq!(f.choices.format, Format::Odt);
        assert_eq!(f.choices.file, "annexe-verbatims.odt");
        f.key(TextKey::Left, &mut None);
        f.key(TextKey::Left, &mut None);
        assert_eq!(
            f.choices.format,
            Format::Qdc,
            "the exchange formats follow the annex ones"
        );
        assert_eq!(
            f.rows(false)[4],
            ("Depth", "—".to_owned()),
            "annex options do not apply"
        );
        f.key(TextKey::Down, &mut None);
        f.key(TextKey::Backspace, &mut None);
        f.key(TextKey::Char('X'), &mut None);
        assert_eq!(f.choices.file, "annexe-verbatims.qdX");
        // The scope stays "whole tree" when no node is selected.
        f.key(TextKey::Down, &mut None);
        f.key(TextKey::Char(' '), &mut None);
        assert!(!f.choices.selected_node_only);
        while f.field() != Field::Order {
            f.key(TextKey::Down, &mut None);
        }
        f.key(TextKey::Right, &mut None);
        f.key(TextKey::Right, &mut None);
        assert_eq!(
            f.choices.options.order,
            Order::Attribute("Profession".into())
        );
        f.key(TextKey::Down, &mut None);
        f.key(TextKey::Down, &mut None);
        f.key(TextKey::Char('3'), &mut None);
        f.key(TextKey::Char('0'), &mut None);
        assert_eq!(f.choices.options.max_chars, Some(30));
        assert_eq!(f.key(TextKey::Enter, &mut None), Outcome::Export);
        assert_eq!(f.key(TextKey::Esc, &mut None), Outcome::Close);
        assert_eq!(f.rows(true).len(), FIELDS.len());
    }

    #[test]
    fn saved_choices_read_back() {
        let mut c = ExportChoices::default();
        c.options.context = 10;
        c.format = Format::Md;
        let json = serde_json::to_string(&c).unwrap();
        let back: ExportChoices = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
        let partial: ExportChoices = serde_json::from_str("{\"format\": \"odt\"}").unwrap();
        assert_eq!(partial.format, Format::Odt);
    }
}
