//! Citation templates: how each verbatim is cited in an annex, built from the verbatim and its
//! case, e.g. `« {text} » ({case}, {attr:Profession})`.
//!
//! Placeholders: `{text}`, `{case}`, `{label}`, `{speaker}`, `{turn}`, `{time}`, `{attr:NAME}`;
//! `{{` and `}}` write a brace. Invariant: a template is checked once, when parsed (unknown
//! placeholders and attributes are refused with the argument named), so rendering never fails.

use crate::error::{Error, Result};
use crate::model::Language;

/// One piece of a parsed template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Text,
    Case,
    Label,
    Speaker,
    Turn,
    Time,
    /// Index into the annex's attribute columns.
    Attr(usize),
}

/// A parsed citation template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pieces: Vec<Piece>,
}

/// What a citation is made from.
pub struct CitationData<'a> {
    pub text: &'a str,
    pub case: &'a str,
    pub label: &'a str,
    pub speaker: &'a str,
    pub turn: usize,
    pub time: &'a str,
    pub attributes: &'a [String],
}

/// The default template: the verbatim, then the interview it came from.
pub fn default_template(language: Language) -> &'static str {
    match language {
        Language::Fr => "« {text} » ({label})",
        Language::En => "“{text}” ({label})",
    }
}

impl Citation {
    /// Parses `template`; `attributes` are the case attribute names (`{attr:NAME}` must be one).
    pub fn parse(template: &str, attributes: &[String]) -> Result<Self> {
        let bad = |what: String| Error::Invalid(format!("--citation '{template}': {what}"));
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut rest = template;
        while let Some(c) = rest.chars().next() {
            if rest.starts_with("{{") || rest.starts_with("}}") {
                literal.push(c);
                rest = &rest[2..];
                continue;
            }
            if c == '}' {
                return Err(bad("a '}' has no '{' (write '}}' for a brace)".into()));
            }
            if c != '{' {
                literal.push(c);
                rest = &rest[c.len_utf8()..];
                continue;
            }
            let Some(close) = rest.find('}') else {
                return Err(bad("a '{' is never closed (write '{{' for a brace)".into()));
            };
            let name = &rest[1..close];
            rest = &rest[close + 1..];
            let piece = match name {
                "text" => Piece::Text,
                "case" => Piece::Case,
                "label" => Piece::Label,
                "speaker" => Piece::Speaker,
                "turn" => Piece::Turn,
                "time" => Piece::Time,
                _ => match name.strip_prefix("attr:") {
                    Some(attr) => {
                        let wanted = attr.trim();
                        let Some(i) = attributes.iter().position(|a| a == wanted) else {
                            return Err(bad(format!(
                                "no case attribute is named '{wanted}' (attributes: {})",
                                attributes.join(", ")
                            )));
                        };
                        Piece::Attr(i)
                    }
                    None => {
                        return Err(bad(format!(
                            "unknown placeholder {{{name}}}; use {{text}}, {{case}}, {{label}}, \
                             {{speaker}}, {{turn}}, {{time}} or {{attr:NAME}}"
                        )));
                    }
                },
            };
            if !literal.is_empty() {
                pieces.push(Piece::Literal(std::mem::take(&mut literal)));
            }
            pieces.push(piece);
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        Ok(Self { pieces })
    }

    /// The template with `f` applied to its literal text (the pseudonymisation key, at export).
    pub fn with_literals(&self, f: impl Fn(&str) -> String) -> Self {
        let pieces = self
            .pieces
            .iter()
            .map(|p| match p {
                Piece::Literal(s) => Piece::Literal(f(s)),
                other => other.clone(),
            })
            .collect();
        Self { pieces }
    }

    /// Whether the template shows the verbatim itself.
    pub fn has_text(&self) -> bool {
        self.pieces.contains(&Piece::Text)
    }

    /// The citation of one verbatim. A placeholder with nothing to show (no time, an attribute
    /// without a value) takes its separator with it, and brackets left empty go too: `({case},
    /// {attr:Age}, {time})` gives `(E12, 40 ans)` or `(E12)`, never `(E12, , )`.
    pub fn render(&self, d: &CitationData) -> String {
        use std::borrow::Cow;
        // (text, is an empty placeholder)
        let mut parts: Vec<(Cow<'_, str>, bool)> = self
            .pieces
            .iter()
            .map(|p| {
                let v: Cow<'_, str> = match p {
                    Piece::Literal(s) => return (Cow::Borrowed(s.as_str()), false),
                    // The verbatim stands in as a private-use character while the brackets
                    // are tidied, so its own `()` are never touched.
                    Piece::Text => return (Cow::Borrowed(TEXT_MARK), false),
                    Piece::Case => d.case.into(),
                    Piece::Label => d.label.into(),
                    Piece::Speaker => d.speaker.into(),
                    Piece::Turn => d.turn.to_string().into(),
                    Piece::Time => d.time.into(),
                    Piece::Attr(i) => d.attributes.get(*i).map_or("", String::as_str).into(),
                };
                let empty = v.trim().is_empty();
                (v, empty)
            })
            .collect();
        for i in 0..parts.len() {
            if !parts[i].1 {
                continue;
            }
            let before: String = parts[..i].iter().map(|(s, _)| s.as_ref()).collect();
            let content = before.trim_end_matches(is_separator);
            let after_opener = content.is_empty() || content.ends_with(is_opener);
            if !after_opener && i > 0 && parts[i - 1].0.ends_with(is_separator) {
                // `E12, {time}`: the separator before goes.
                let keep = parts[i - 1].0.trim_end_matches(is_separator).len();
                parts[i - 1].0.to_mut().truncate(keep);
            } else if let Some(next) = parts.get_mut(i + 1)
                && !next.1
            {
                // `({time}, E12`: the separator after goes.
                next.0 = next.0.trim_start_matches(is_separator).to_owned().into();
            }
        }
        let mut frame: String = parts.iter().map(|(s, _)| s.as_ref()).collect();
        for empty in ["()", "[]", "{}"] {
            while let Some(at) = frame.find(empty) {
                let start = frame[..at].trim_end().len();
                frame.replace_range(start..at + empty.len(), "");
            }
        }
        // The verbatim put in, in one allocation.
        let marks = frame.matches(TEXT_MARK).count();
        let mut out = String::with_capacity(frame.len() + marks * d.text.len());
        let mut pieces = frame.split(TEXT_MARK);
        out.push_str(pieces.next().unwrap_or_default());
        for rest in pieces {
            out.push_str(d.text);
            out.push_str(rest);
        }
        out
    }
}

const TEXT_MARK: &str = "\u{F8FF}";

fn is_separator(c: char) -> bool {
    matches!(c, ',' | ';' | '-' | '–' | '—' | '·' | '/' | '|') || c.is_whitespace()
}

fn is_opener(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '«' | '“')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data<'a>(attrs: &'a [String]) -> CitationData<'a> {
        CitationData {
            text: "on ne se connaissait pas",
            case: "E03",
            label: "E03",
            speaker: "M3",
            turn: 12,
            time: "00:12:03",
            attributes: attrs,
        }
    }

    #[test]
    fn renders_every_placeholder_and_escaped_braces() {
        let names = vec!["Profession".to_owned(), "Sexe".to_owned()];
        let values = vec!["Médecin généraliste".to_owned(), "F".to_owned()];
        let c = Citation::parse(
            "« {text} » ({case}, {attr:Profession}, {speaker} t.{turn} {time}) {{x}}",
            &names,
        )
        .unwrap();
        assert_eq!(
            c.render(&data(&values)),
            "« on ne se connaissait pas » (E03, Médecin généraliste, M3 t.12 00:12:03) {x}"
        );
        assert!(c.has_text());
        let d = Citation::parse(default_template(Language::Fr), &names).unwrap();
        assert_eq!(
            d.render(&data(&values)),
            "« on ne se connaissait pas » (E03)"
        );
    }

    #[test]
    fn an_empty_time_or_attribute_leaves_no_stray_punctuation() {
        let names = vec!["Profession".to_owned(), "Age".to_owned()];
        let c = Citation::parse("« {text} » ({case}, {attr:Age}, {time})", &names).unwrap();
        let mut d = data(&[]);
        d.time = "";
        let some = vec!["MG".to_owned(), "40 ans".to_owned()];
        d.attributes = &some;
        assert_eq!(c.render(&d), "« on ne se connaissait pas » (E03, 40 ans)");
        let none = vec!["MG".to_owned(), String::new()];
        d.attributes = &none;
        assert_eq!(c.render(&d), "« on ne se connaissait pas » (E03)");
        let c = Citation::parse("« {text} » ({time}, {case})", &names).unwrap();
        assert_eq!(c.render(&d), "« on ne se connaissait pas » (E03)");
        let c = Citation::parse("« {text} » ({time}) – {label}", &names).unwrap();
        assert_eq!(c.render(&d), "« on ne se connaissait pas » – E03");
        let c = Citation::parse("« {text} » ({label}) {time}", &names).unwrap();
        assert_eq!(c.render(&d), "« on ne se connaissait pas » (E03)");
        // With every value there, nothing is dropped.
        let c = Citation::parse("« {text} » ({time})", &names).unwrap();
        d.text = "il a dit () puis [] »";
        assert_eq!(c.render(&d), "« il a dit () puis [] » »");
        d.time = "00:01:02";
        d.attributes = &some;
        let c = Citation::parse("({case}, {attr:Age}, {time})", &names).unwrap();
        assert_eq!(c.render(&d), "(E03, 40 ans, 00:01:02)");
    }

    #[test]
    fn refuses_unknown_placeholders_and_attributes_naming_the_argument() {
        let names = vec!["Profession".to_owned()];
        let e = Citation::parse("{texte}", &names).unwrap_err().to_string();
        assert!(e.contains("--citation") && e.contains("{texte}"), "{e}");
        let e = Citation::parse("{attr:Age}", &names)
            .unwrap_err()
            .to_string();
        assert!(e.contains("'Age'") && e.contains("Profession"), "{e}");
        assert!(Citation::parse("{text", &names).is_err());
        assert!(Citation::parse("text}", &names).is_err());
        assert!(!Citation::parse("({case})", &names).unwrap().has_text());
    }
}
