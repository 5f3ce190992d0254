//! Stop words for word frequency: the built-in French and English lists, a project's own copy
//! (`stopwords/fr.txt`, `stopwords/en.txt`, which override the built-in list of that language),
//! a file given on the command line, or none.
//!
//! Invariants: words are compared in lower case with ’ read as '; lines starting with `#` and
//! blank lines are ignored; a list file that cannot be read is an error naming it.

use crate::error::{Error, Result};
use crate::model::Language;
use std::collections::HashSet;
use std::path::Path;

const FR: &str = include_str!("stopwords/fr.txt");
const EN: &str = include_str!("stopwords/en.txt");

/// Which list to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StopSpec {
    /// The project's list for a language, else the built-in one.
    Language(Language),
    None,
    File(std::path::PathBuf),
}

impl std::str::FromStr for StopSpec {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Ok(match s {
            "fr" => Self::Language(Language::Fr),
            "en" => Self::Language(Language::En),
            "none" => Self::None,
            file => Self::File(file.into()),
        })
    }
}

/// A set of stop words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StopWords {
    words: HashSet<String>,
}

impl StopWords {
    pub fn parse(text: &str) -> Self {
        Self {
            words: text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(normal)
                .collect(),
        }
    }

    /// The built-in list of a language.
    pub fn builtin(language: Language) -> Self {
        Self::parse(match language {
            Language::Fr => FR,
            Language::En => EN,
        })
    }

    /// The list a spec names, for a project folder (whose own lists override the built-in ones).
    pub fn load(root: &Path, spec: &StopSpec) -> Result<Self> {
        match spec {
            StopSpec::None => Ok(Self::default()),
            StopSpec::File(path) => read(path),
            StopSpec::Language(l) => {
                let own = project_file(root, *l);
                if own.is_file() {
                    read(&own)
                } else {
                    Ok(Self::builtin(*l))
                }
            }
        }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Where a project keeps its own list for a language.
pub fn project_file(root: &Path, language: Language) -> std::path::PathBuf {
    let name = match language {
        Language::Fr => "fr.txt",
        Language::En => "en.txt",
    };
    root.join("stopwords").join(name)
}

fn read(path: &Path) -> Result<StopWords> {
    let bytes =
        std::fs::read(path).map_err(|e| Error::io("could not read the stop-word list", path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::Invalid(format!(
            "{}: the stop-word list is not UTF-8 text",
            path.display()
        ))
    })?;
    Ok(StopWords::parse(text.trim_start_matches('\u{feff}')))
}

/// Lower case, ’ as ', NFC.
pub fn normal(word: &str) -> String {
    crate::text::normalize(&word.to_lowercase().replace('’', "'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lists_hold_function_words_and_files_override_them() {
        let fr = StopWords::builtin(Language::Fr);
        assert!(fr.contains("est") && fr.contains("ça") && !fr.contains("temps"));
        assert!(StopWords::builtin(Language::En).contains("don't"));
        let dir = tempfile::tempdir().unwrap();
        let own = project_file(dir.path(), Language::Fr);
        std::fs::create_dir_all(own.parent().unwrap()).unwrap();
        std::fs::write(&own, "\u{feff}# mine\nTemps\n\n").unwrap();
        let list = StopWords::load(dir.path(), &StopSpec::Language(Language::Fr)).unwrap();
        assert!(list.contains("temps") && !list.contains("est"));
        let missing = StopWords::load(dir.path(), &StopSpec::File(dir.path().join("nope.txt")));
        assert!(missing.unwrap_err().to_string().contains("nope.txt"));
    }
}
