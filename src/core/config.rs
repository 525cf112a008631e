//! Configuration of the analysis: which rules run at which severity, style
//! choices, the user's word list. Loading `.zhproof.toml` and editor settings
//! produce a `Config`; the core only reads it.

use std::collections::BTreeMap;

use super::chars::FxHashMap;
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

impl Ymd {
    /// Parse `YYYY-MM-DD` (a real calendar date, years 1000–9999).
    pub fn parse(s: &str) -> Option<Ymd> {
        let mut parts = s.trim().splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return None;
        }
        let (year, month, day): (i32, u32, u32) =
            (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        Ymd::new(year, month, day)
    }

    /// A checked date.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Ymd> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..=9999).contains(&year) && (1..=days).contains(&day)).then_some(Ymd {
            year,
            month,
            day,
        })
    }
}

impl std::fmt::Display for Ymd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl RuleSetting {
    /// `off`, `on`, or a severity (`error`, `warning`, `info`, `hint`).
    pub fn parse(s: &str) -> Option<RuleSetting> {
        match s.trim().to_ascii_lowercase().as_str() {
            "off" | "false" | "none" => Some(RuleSetting::Off),
            "on" | "true" => Some(RuleSetting::On(None)),
            other => Severity::parse(other).map(|s| RuleSetting::On(Some(s))),
        }
    }
}

impl Spacing {
    pub fn parse(s: &str) -> Option<Spacing> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" => Some(Spacing::None),
            "space" => Some(Spacing::Space),
            _ => None,
        }
    }
}

impl Quotes {
    pub fn parse(s: &str) -> Option<Quotes> {
        match s.trim() {
            "“”" | "curly" => Some(Quotes::Curly),
            "「」" | "corner" => Some(Quotes::Corner),
            _ => None,
        }
    }
}

/// A partial configuration (editor settings): only what it sets overrides.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ConfigLayer {
    pub rules: BTreeMap<String, RuleSetting>,
    pub spacing: Option<Spacing>,
    pub quotes: Option<Quotes>,
    /// Added to the base's words (the lists are united).
    pub words: Vec<String>,
    /// Added to the base's ignore globs.
    pub ignore: Vec<String>,
    pub article_date: Option<Ymd>,
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
    /// Is the rule on? `default_on` is what the rule table says when the
    /// configuration does not name the rule.
    pub fn is_on(&self, code: &str, default_on: bool) -> bool {
        match self.rules.get(code) {
            Some(RuleSetting::Off) => false,
            Some(RuleSetting::On(_)) => true,
            None => default_on,
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

    /// This configuration with `layer` on top: the layer's values win where
    /// both set one (per rule code, per style key); word lists are united.
    pub(crate) fn overlay(&self, layer: &ConfigLayer) -> Config {
        let mut c = self.clone();
        for (code, setting) in &layer.rules {
            c.rules.insert(code.clone(), *setting);
        }
        if let Some(s) = layer.spacing {
            c.spacing = s;
        }
        if let Some(q) = layer.quotes {
            c.quotes = q;
        }
        for w in &layer.words {
            if !c.words.contains(w) {
                c.words.push(w.clone());
            }
        }
        for g in &layer.ignore {
            if !c.ignore.contains(g) {
                c.ignore.push(g.clone());
            }
        }
        if layer.article_date.is_some() {
            c.article_date = layer.article_date;
        }
        c
    }

    /// A hash of everything that changes analysis results (cache key part).
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.hash(&mut h);
        h.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            Ymd::parse("2018-11-05"),
            Some(Ymd {
                year: 2018,
                month: 11,
                day: 5
            })
        );
        assert_eq!(Ymd::parse("2018-02-29"), None);
        assert!(Ymd::parse("2020-02-29").is_some());
        assert_eq!(Ymd::parse("2018-13-01"), None);
        assert_eq!(Ymd::parse("2018-1-1"), None);
        assert_eq!(Ymd::parse("２０１８-11-05"), None);
        assert_eq!(
            Ymd::parse("2018-11-05").map(|d| d.to_string()).as_deref(),
            Some("2018-11-05")
        );
    }

    #[test]
    fn overlay_wins_per_key_and_unites_words() {
        let mut base = Config::default();
        base.rules.insert("a".into(), RuleSetting::Off);
        base.rules
            .insert("b".into(), RuleSetting::On(Some(Severity::Error)));
        base.spacing = Spacing::Space;
        base.quotes = Quotes::Corner;
        base.words = vec!["甲".into(), "乙".into()];
        let mut layer = ConfigLayer::default();
        layer
            .rules
            .insert("a".into(), RuleSetting::On(Some(Severity::Hint)));
        layer.quotes = Some(Quotes::Curly);
        layer.words = vec!["乙".into(), "丙".into()];
        let c = base.overlay(&layer);
        assert_eq!(
            c.rules.get("a"),
            Some(&RuleSetting::On(Some(Severity::Hint)))
        );
        assert_eq!(
            c.rules.get("b"),
            Some(&RuleSetting::On(Some(Severity::Error)))
        );
        assert_eq!(
            c.spacing,
            Spacing::Space,
            "not set in the layer: the base's value stays"
        );
        assert_eq!(c.quotes, Quotes::Curly);
        assert_eq!(c.words, vec!["甲", "乙", "丙"]);
    }
}

/// Which rules are on, and their default severities: a configuration
/// resolved against the rule table (the analyzer makes it from the table it
/// is handed). A code the table does not know is off.
#[derive(Debug, Clone, Default)]
pub struct Switches {
    /// Per code of the table: one lookup answers all a finding asks.
    by_code: FxHashMap<&'static str, Switch>,
    /// Per entry of the table, in its order: is it on?
    by_index: Vec<bool>,
}

/// What the configuration makes of one rule code.
#[derive(Debug, Clone, Copy)]
struct Switch {
    on: bool,
    /// The table's default severity.
    default: Severity,
    /// The severity the configuration sets, if it sets one.
    configured: Option<Severity>,
}

impl Switches {
    /// `table`: every rule's code, whether it is on by default, and its
    /// default severity (the first entry of a code wins the severity; the
    /// code is on if any of its entries is).
    pub fn resolve(
        config: &Config,
        table: impl IntoIterator<Item = (&'static str, bool, Severity)>,
    ) -> Switches {
        let mut s = Switches::default();
        for (code, default_on, severity) in table {
            let on = config.is_on(code, default_on);
            s.by_index.push(on);
            let switch = s.by_code.entry(code).or_insert(Switch {
                on,
                default: severity,
                configured: match config.rules.get(code) {
                    Some(RuleSetting::On(Some(sev))) => Some(*sev),
                    _ => None,
                },
            });
            switch.on |= on;
        }
        s
    }

    /// Is the rule `code` on?
    pub fn is_on(&self, code: &str) -> bool {
        self.by_code.get(code).is_some_and(|s| s.on)
    }

    /// Is the `i`-th rule of the table on?
    pub fn is_on_at(&self, i: usize) -> bool {
        self.by_index.get(i).copied().unwrap_or(false)
    }

    /// The table's default severity of `code` (Warning for a code it does
    /// not know). (The analyzer asks [`Switches::severity_of`].)
    #[cfg(test)]
    pub fn default_severity(&self, code: &str) -> Severity {
        self.by_code
            .get(code)
            .map_or(Severity::Warning, |s| s.default)
    }

    /// The severity a finding of rule `code` is reported at, or `None` if
    /// the rule is off (or unknown): the configuration's severity, else the
    /// one the rule chose (`own`), else the table's default. The same as
    /// [`Config::severity`] over [`Switches::default_severity`], in one lookup.
    pub fn severity_of(&self, code: &str, own: Option<Severity>) -> Option<Severity> {
        let s = self.by_code.get(code).filter(|s| s.on)?;
        Some(s.configured.or(own).unwrap_or(s.default))
    }
}

#[cfg(test)]
mod switch_tests {
    use super::*;

    /// `severity_of` answers what `is_on`, `default_severity` and
    /// `Config::severity` answer together.
    #[test]
    fn severity_of_is_the_three_questions_in_one() {
        let table = [
            ("a", true, Severity::Warning),
            ("b", false, Severity::Info),
            ("c", true, Severity::Hint),
            ("c", false, Severity::Error),
            ("d", true, Severity::Error),
        ];
        let mut configs = vec![Config::default()];
        for setting in [
            RuleSetting::Off,
            RuleSetting::On(None),
            RuleSetting::On(Some(Severity::Error)),
            RuleSetting::On(Some(Severity::Hint)),
        ] {
            for code in ["a", "b", "c", "x"] {
                let mut c = Config::default();
                c.rules.insert(code.to_string(), setting.clone());
                configs.push(c);
            }
        }
        let mut seen_off = 0;
        for config in &configs {
            let s = Switches::resolve(config, table);
            for code in ["a", "b", "c", "d", "x"] {
                for own in [None, Some(Severity::Info), Some(Severity::Error)] {
                    let plain = s.is_on(code).then(|| {
                        config.severity(code, own.unwrap_or(s.default_severity(code)))
                    });
                    assert_eq!(s.severity_of(code, own), plain, "{code} {own:?} {config:?}");
                    seen_off += usize::from(plain.is_none());
                }
            }
        }
        assert!(seen_off > 10);
        // the first entry of a code gives the severity, any entry turns it on
        let s = Switches::resolve(&Config::default(), table);
        assert_eq!(s.severity_of("c", None), Some(Severity::Hint));
        assert_eq!(s.severity_of("b", None), None);
        assert_eq!(s.severity_of("x", None), None);
    }
}
