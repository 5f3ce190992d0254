//! The key's names as an annex prints one source's verbatims: the fields that repeat from
//! verbatim to verbatim (label, case, speaker, attribute values, coders) go through the key
//! once per source, the texts (verbatim, context, time, memos) each time. Without a key, or
//! when the export keeps names, everything is copied as it is.
//!
//! Invariant: a field comes out exactly as [`Matcher::apply`] makes it, whether it was met
//! before or not.

use crate::anonymise::Matcher;

/// Fields remembered per source, at most (a source has a handful: one label, a few cases,
/// speakers and values); past that, a field is searched each time.
const REMEMBERED: usize = 64;

/// One source's names, as the key makes them.
pub(super) struct Names<'k> {
    key: Option<&'k Matcher>,
    /// (field as stored, as printed), met so far in this source.
    seen: Vec<(String, String)>,
}

impl<'k> Names<'k> {
    /// `key`: the key to apply, `None` to keep names.
    pub fn new(key: Option<&'k Matcher>) -> Self {
        Self {
            key,
            seen: Vec::new(),
        }
    }

    /// A field as printed: worked out once per source.
    pub fn field(&mut self, s: &str) -> String {
        let Some(m) = self.key else {
            return s.to_owned();
        };
        if let Some((_, printed)) = self.seen.iter().find(|(stored, _)| stored == s) {
            return printed.clone();
        }
        let printed = m.apply(s);
        if self.seen.len() < REMEMBERED {
            self.seen.push((s.to_owned(), printed.clone()));
        }
        printed
    }

    /// A text as printed, changed in place.
    pub fn text(&self, s: &mut String) {
        if let Some(m) = self.key {
            m.apply_in_place(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymise::{Category, Entry};

    #[test]
    fn fields_met_again_come_out_as_the_first_time() {
        let m = Matcher::from_entries(vec![Entry {
            original: "Orléans".into(),
            pseudonym: "Ville-A".into(),
            category: Category::Place,
            whole_word: true,
        }]);
        let mut names = Names::new(Some(&m));
        for (value, expected) in [
            ("CHU d'Orléans", "CHU d'Ville-A"),
            ("CHU d'Orléans", "CHU d'Ville-A"),
            ("Tours", "Tours"),
            ("orleans", "Ville-A"),
            ("Tours", "Tours"),
            ("", ""),
        ] {
            assert_eq!(names.field(value), expected);
        }
        let mut text = "ORLÉANS, puis Orléans".to_owned();
        names.text(&mut text);
        assert_eq!(text, "VILLE-A, puis Ville-A");
        let mut kept = Names::new(None);
        assert_eq!(kept.field("CHU d'Orléans"), "CHU d'Orléans");
    }

    #[test]
    fn past_the_remembered_fields_each_is_still_replaced() {
        let m = Matcher::from_entries(vec![Entry {
            original: "Martin".into(),
            pseudonym: "Bernard".into(),
            category: Category::Person,
            whole_word: true,
        }]);
        let mut names = Names::new(Some(&m));
        for i in 0..REMEMBERED + 10 {
            assert_eq!(names.field(&format!("E{i}")), format!("E{i}"));
        }
        assert_eq!(names.field("Dr Martin"), "Dr Bernard");
        assert_eq!(names.field("Dr Martin"), "Dr Bernard");
    }
}
