//! Configuration of the analysis: which rules run at which severity, style
//! choices, the user's word list. Loading `.zhproof.toml` and editor settings
//! produce a `Config`; the core only reads it.

use std::collections::BTreeMap;

use super::finding::Severity;

/// Spacing between Chinese and digits / Latin letters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Spacing {
    /// Newsroom style: `9月17日`, `40周年`, `APP下载`.
    #[default]
    None,
    /// A space between Chinese and digits/Latin (`9 月 17 日`).
    Space,
}

/// Which quotation marks the document uses.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Quotes {
    /// `“…‘…’…”` (mainland standard).
    #[default]
    #[serde(rename = "“”", alias = "curly")]
    Curly,
    /// `「…『…』…」`.
    #[serde(rename = "「」", alias = "corner")]
    Corner,
}

/// Per-rule setting: off, or on at a severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleSetting {
    Off,
    On(Option<Severity>),
}

/// A date (the article's own date, for resolving `去年`, `9月17日`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Config {
    pub rules: BTreeMap<String, RuleSetting>,
    pub spacing: Spacing,
    pub quotes: Quotes,
    /// Names, terms and acronyms never flagged or split.
    pub words: Vec<String>,
    /// Path globs the CLI skips.
    pub ignore: Vec<String>,
    pub article_date: Option<Ymd>,
}

impl Config {
    /// Is the rule on (by configuration, or by its default)?
    pub fn enabled(&self, code: &str) -> bool {
        match self.rules.get(code) {
            Some(RuleSetting::Off) => false,
            Some(RuleSetting::On(_)) => true,
            None => super::rules::default_enabled(code),
        }
    }

    /// The severity the rule reports at.
    pub fn severity(&self, code: &str, default: Severity) -> Severity {
        match self.rules.get(code) {
            Some(RuleSetting::On(Some(s))) => *s,
            _ => default,
        }
    }

    /// Is `word` in the user's word list?
    pub fn is_user_word(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
    }

    /// A hash of everything that changes analysis results (cache key part).
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.hash(&mut h);
        h.finish()
    }
}
