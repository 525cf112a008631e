//! The project file `.zhproof.toml`, turned into a [`Config`] value (the
//! editor's JSON settings are read by the LSP adapter, `lsp::settings`, with
//! the same messages and helpers). Problems (unknown keys, unknown rule codes,
//! bad values, TOML syntax errors) are reported with their place in the file,
//! never by failing: a bad entry is skipped, and a file that is not TOML at
//! all yields no configuration, so that the caller keeps its last good one.
//!
//! The schema is documented in `docs/configuration.md`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::config::{Config, Quotes, RuleSetting, Spacing, Ymd};
use super::rules;

/// The name of the project configuration file.
pub const FILE_NAME: &str = ".zhproof.toml";

/// Keys allowed at the top of the file.
const TOP_KEYS: &[&str] = &["rules", "style", "words", "ignore", "article_date"];
/// Keys allowed in `[style]` (`words`, `ignore` and `article_date` may be
/// written either at the top or here).
const STYLE_KEYS: &[&str] = &[
    "spacing",
    "quotes",
    "range_dash",
    "words",
    "ignore",
    "article_date",
];

/// A problem in the configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// 1-based line of the problem.
    pub line: usize,
    /// Byte range in the file.
    pub range: Range<usize>,
    /// Chinese message.
    pub message: String,
    /// `true`: the file (syntax error) or the entry was not applied;
    /// `false`: a warning (an unknown key or rule code, ignored).
    pub error: bool,
}

/// The result of reading a configuration file.
#[derive(Debug, Clone, Default)]
pub struct ParsedConfig {
    /// `None` when the file is not valid TOML: keep the last good configuration.
    pub config: Option<Config>,
    pub problems: Vec<ConfigProblem>,
}

impl ParsedConfig {
    /// Is the file unusable (a TOML syntax error)?
    pub fn is_unparsable(&self) -> bool {
        self.config.is_none()
    }
}

struct Problems<'a> {
    text: &'a str,
    list: Vec<ConfigProblem>,
}

impl Problems<'_> {
    fn push(&mut self, range: Range<usize>, message: String, error: bool) {
        let start = range.start.min(self.text.len());
        let end = range.end.clamp(start, self.text.len());
        let line = line_of(self.text, start);
        self.list.push(ConfigProblem {
            line,
            range: start..end,
            message,
            error,
        });
    }
    fn error(&mut self, range: Range<usize>, message: String) {
        self.push(range, message, true);
    }
    fn warn(&mut self, range: Range<usize>, message: String) {
        self.push(range, message, false);
    }
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Parse the text of a `.zhproof.toml`.
pub fn parse_config(text: &str) -> ParsedConfig {
    let mut problems = Problems {
        text,
        list: Vec::new(),
    };
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            let span = e.span().unwrap_or(0..0);
            let msg = e.message().trim().replace('\n', " ");
            problems.error(span, format!("TOML 语法错误：{msg}（整个文件未生效）"));
        }
        let mut list = problems.list;
        list.sort_by_key(|p| (p.range.start, p.range.end));
        return ParsedConfig {
            config: None,
            problems: list,
        };
    }
    let mut config = Config::default();
    let mut entries: Vec<(&Spanned<_>, &Spanned<DeValue>)> = doc.get_ref().iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    for (key, value) in entries {
        let name: &str = key.get_ref();
        match name {
            "rules" => match value.get_ref() {
                DeValue::Table(t) => read_rules(t, &mut config, &mut problems),
                other => problems.error(
                    value.span(),
                    format!("“rules”应为表（[rules]），而不是{}", type_name(other)),
                ),
            },
            "style" => match value.get_ref() {
                DeValue::Table(t) => {
                    let mut entries: Vec<_> = t.iter().collect();
                    entries.sort_by_key(|(k, _)| k.span().start);
                    for (k, v) in entries {
                        let kn: &str = k.get_ref();
                        match kn {
                            "spacing" => read_spacing(v, &mut config, &mut problems),
                            "quotes" => read_quotes(v, &mut config, &mut problems),
                            "range_dash" => read_range_dash(v, &mut config, &mut problems),
                            "words" | "ignore" | "article_date" => {
                                read_common(kn, v, &mut config, &mut problems)
                            }
                            _ => problems.warn(
                                k.span(),
                                unknown_key_message(&format!("style.{kn}"), kn, STYLE_KEYS),
                            ),
                        }
                    }
                }
                other => problems.error(
                    value.span(),
                    format!("“style”应为表（[style]），而不是{}", type_name(other)),
                ),
            },
            "words" | "ignore" | "article_date" => {
                read_common(name, value, &mut config, &mut problems)
            }
            _ => problems.warn(key.span(), unknown_key_message(name, name, TOP_KEYS)),
        }
    }
    let mut list = problems.list;
    list.sort_by_key(|p| (p.range.start, p.range.end));
    ParsedConfig {
        config: Some(config),
        problems: list,
    }
}

fn type_name(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "字符串",
        DeValue::Integer(_) => "整数",
        DeValue::Float(_) => "小数",
        DeValue::Boolean(_) => "布尔值",
        DeValue::Datetime(_) => "日期时间",
        DeValue::Array(_) => "数组",
        DeValue::Table(_) => "表",
    }
}

fn unknown_key_message(shown: &str, name: &str, allowed: &[&str]) -> String {
    let mut msg = format!("未知的配置项“{shown}”，已忽略");
    if let Some(s) = closest(name, allowed.iter().copied()) {
        msg.push_str(&format!("；是否应为“{s}”？"));
    } else {
        msg.push_str(&format!("；可用的有：{}", allowed.join("、")));
    }
    msg
}

fn read_rules(t: &DeTable, config: &mut Config, problems: &mut Problems) {
    let mut entries: Vec<_> = t.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    for (k, v) in entries {
        let code: &str = k.get_ref();
        if rules::get(code).is_none() {
            let mut msg = format!("未知的规则代码“{code}”，已忽略");
            if let Some(s) = closest(code, rules::all().iter().map(|r| r.code)) {
                msg.push_str(&format!("；是否应为“{s}”？"));
            } else {
                msg.push_str("（`zhproof rules` 列出全部规则）");
            }
            problems.warn(k.span(), msg);
            continue;
        }
        let setting = match v.get_ref() {
            DeValue::String(s) => RuleSetting::parse(s),
            DeValue::Boolean(true) => Some(RuleSetting::On(None)),
            DeValue::Boolean(false) => Some(RuleSetting::Off),
            _ => None,
        };
        match setting {
            Some(s) => {
                config.rules.insert(code.to_string(), s);
            }
            None => problems.error(v.span(), bad_rule_value(&value_text(problems.text, v))),
        }
    }
}

/// The message for a rule setting that is not one of the levels.
pub fn bad_rule_value(shown: &str) -> String {
    format!("规则设置“{shown}”无效，应为 \"off\"、\"on\"、\"error\"、\"warning\"、\"info\" 或 \"hint\"；此项未生效")
}

/// The value as written in the file (for messages), shortened.
fn value_text(text: &str, v: &Spanned<DeValue>) -> String {
    let raw = text.get(v.span()).unwrap_or("").trim();
    let raw = raw.trim_matches(|c| c == '"' || c == '\'');
    let mut s: String = raw.chars().take(40).collect();
    if raw.chars().count() > 40 {
        s.push('…');
    }
    s
}

fn read_spacing(v: &Spanned<DeValue>, config: &mut Config, problems: &mut Problems) {
    match v.get_ref().as_str().and_then(Spacing::parse) {
        Some(s) => config.spacing = s,
        None => problems.error(
            v.span(),
            format!(
                "spacing 的值“{}”无效，应为 \"none\"（汉字与数字、字母间不加空格）或 \"space\"（加空格）；此项未生效",
                value_text(problems.text, v)
            ),
        ),
    }
}

fn read_quotes(v: &Spanned<DeValue>, config: &mut Config, problems: &mut Problems) {
    match v.get_ref().as_str().and_then(Quotes::parse) {
        Some(q) => config.quotes = q,
        None => problems.error(
            v.span(),
            format!(
                "quotes 的值“{}”无效，应为 \"“”\" 或 \"「」\"；此项未生效",
                value_text(problems.text, v)
            ),
        ),
    }
}

fn read_range_dash(v: &Spanned<DeValue>, config: &mut Config, problems: &mut Problems) {
    match v.get_ref().as_str() {
        Some("allow") => config.allow_range_dash = true,
        Some("flag") => config.allow_range_dash = false,
        _ => problems.error(
            v.span(),
            format!(
                "range_dash 的值“{}”无效，应为 \"flag\" 或 \"allow\"；此项未生效",
                value_text(problems.text, v)
            ),
        ),
    }
}

fn read_common(key: &str, v: &Spanned<DeValue>, config: &mut Config, problems: &mut Problems) {
    match key {
        "words" | "ignore" => {
            let Some(list) = string_list(key, v, problems) else {
                return;
            };
            let target = if key == "words" {
                &mut config.words
            } else {
                &mut config.ignore
            };
            for s in list {
                if !target.contains(&s) {
                    target.push(s);
                }
            }
        }
        _ => {
            let date = match v.get_ref() {
                DeValue::String(s) => Ymd::parse(s),
                DeValue::Datetime(dt) => match (&dt.date, &dt.time, &dt.offset) {
                    (Some(d), None, None) => {
                        Ymd::new(i32::from(d.year), d.month.into(), d.day.into())
                    }
                    _ => None,
                },
                _ => None,
            };
            match date {
                Some(d) => config.article_date = Some(d),
                None => problems.error(
                    v.span(),
                    format!(
                        "article_date 的值“{}”无效，应为 \"YYYY-MM-DD\" 格式的日期，如 \"2018-11-05\"；此项未生效",
                        value_text(problems.text, v)
                    ),
                ),
            }
        }
    }
}

fn string_list(key: &str, v: &Spanned<DeValue>, problems: &mut Problems) -> Option<Vec<String>> {
    let DeValue::Array(items) = v.get_ref() else {
        problems.error(
            v.span(),
            format!(
                "{key} 应为字符串数组，如 {key} = [\"…\"]，而不是{}；此项未生效",
                type_name(v.get_ref())
            ),
        );
        return None;
    };
    let mut out = Vec::new();
    for item in items.iter() {
        match item.get_ref() {
            DeValue::String(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
            DeValue::String(_) => problems.warn(item.span(), format!("{key} 中的空字符串已忽略")),
            other => problems.error(
                item.span(),
                format!(
                    "{key} 的元素应为字符串，而不是{}；此项未生效",
                    type_name(other)
                ),
            ),
        }
    }
    Some(out)
}

/// The closest candidate by edit distance (≤ 2, or the same after folding
/// case, `-` and `_`).
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| *c != '-' && *c != '_')
            .flat_map(char::to_lowercase)
            .collect()
    };
    let nf = fold(name);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = if fold(c) == nf {
            0
        } else {
            edit_distance(name, c)
        };
        if d <= 2 && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Read and parse a configuration file.
pub fn load_config(path: &Path) -> Result<ParsedConfig, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: 无法读取配置文件：{e}", path.display()))?;
    Ok(parse_config(&text))
}

/// Find `.zhproof.toml` in the directory of `start` (or `start` itself if it
/// is a directory) or the nearest directory above it.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(start).ok()?;
    let mut dir: &Path = if abs.is_dir() { &abs } else { abs.parent()? };
    loop {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        dir = dir.parent()?;
    }
}

/// Quote a string as a TOML basic string.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Minimal glob: `*` (no `/`), `**` (anything), `?`; matched against the path
/// or any suffix of it starting after a `/`.
pub fn glob_match(pattern: &str, path: &str) -> bool {
    fn m(p: &[u8], s: &[u8]) -> bool {
        match (p.first(), s.first()) {
            (None, None) => true,
            (None, Some(_)) => false,
            (Some(b'*'), _) if p.get(1) == Some(&b'*') => {
                let rest = if p.get(2) == Some(&b'/') {
                    &p[3..]
                } else {
                    &p[2..]
                };
                (0..=s.len()).any(|i| m(rest, &s[i..]))
            }
            (Some(b'*'), _) => (0..=s.len())
                .take_while(|&i| i == 0 || s[i - 1] != b'/')
                .any(|i| m(&p[1..], &s[i..])),
            (Some(b'?'), Some(c)) if *c != b'/' => m(&p[1..], &s[1..]),
            (Some(a), Some(b)) if a == b => m(&p[1..], &s[1..]),
            _ => false,
        }
    }
    let p = pattern.trim_start_matches("./").as_bytes();
    let s = path.trim_start_matches("./");
    if m(p, s.as_bytes()) {
        return true;
    }
    s.match_indices('/')
        .any(|(i, _)| m(p, &s.as_bytes()[i + 1..]))
}

/// Does one of the `ignore` globs match `path`? Globs are relative to `base`
/// (the directory of the configuration file, or the workspace root).
pub fn ignores(globs: &[String], base: Option<&Path>, path: &Path) -> bool {
    if globs.is_empty() {
        return false;
    }
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let rel = base.and_then(|b| abs.strip_prefix(b).ok()).unwrap_or(path);
    let rel = rel.to_string_lossy().replace('\\', "/");
    globs.iter().any(|g| glob_match(g, &rel))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::finding::Severity;

    const GOOD: &str = r#"# 项目配置
words = ["高实集团", "PM2.5"]
ignore = ["drafts/**"]
article_date = "2018-11-05"

[rules]
punct-halfwidth = "off"

[style]
spacing = "space"
quotes = "「」"
"#;

    #[test]
    fn good_file() {
        let p = parse_config(GOOD);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let c = p.config.expect("parses");
        assert_eq!(c.rules.get("punct-halfwidth"), Some(&RuleSetting::Off));
        assert!(!c.is_on("punct-halfwidth", true));
        assert_eq!(c.spacing, Spacing::Space);
        assert_eq!(c.quotes, Quotes::Corner);
        assert_eq!(c.words, vec!["高实集团", "PM2.5"]);
        assert_eq!(c.ignore, vec!["drafts/**"]);
        assert_eq!(c.article_date, Ymd::new(2018, 11, 5));
    }

    #[test]
    fn range_dash_setting() {
        let c = parse_config("[style]\nrange_dash = \"allow\"\n").config;
        assert!(c.expect("parses").allow_range_dash);
        let p = parse_config("[style]\nrange_dash = \"flag\"\n");
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert!(!p.config.expect("parses").allow_range_dash);
        let p = parse_config("[style]\nrange_dash = \"yes\"\n");
        assert_eq!(p.problems.len(), 1, "{:?}", p.problems);
        assert!(p.problems[0].message.contains("range_dash"));
        assert!(!p.config.is_some_and(|c| c.allow_range_dash));
    }

    #[test]
    fn schema_of_the_issue_with_words_in_style() {
        let t = "[rules]\npunct-halfwidth = \"error\"\n[style]\nspacing = \"none\"\nquotes = \"“”\"\nwords = [\"高实集团\"]\nignore = [\"drafts/**\"]\narticle_date = 2018-11-05\n";
        let p = parse_config(t);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let c = p.config.expect("parses");
        assert_eq!(
            c.rules.get("punct-halfwidth"),
            Some(&RuleSetting::On(Some(Severity::Error)))
        );
        assert_eq!(
            c.severity("punct-halfwidth", Severity::Warning),
            Severity::Error
        );
        assert_eq!(c.words, vec!["高实集团"]);
        assert_eq!(
            c.article_date,
            Ymd::new(2018, 11, 5),
            "a TOML date works too"
        );
    }

    #[test]
    fn unknown_key_with_line() {
        let t =
            "words = [\"甲\"]\n\n[style]\nspacing = \"none\"\nqoutes = \"“”\"\n\n[colour]\nx = 1\n";
        let p = parse_config(t);
        let c = p.config.expect("still applied");
        assert_eq!(c.words, vec!["甲"]);
        assert_eq!(p.problems.len(), 2, "{:?}", p.problems);
        assert_eq!(p.problems[0].line, 5);
        assert!(p.problems[0].message.contains("qoutes"));
        assert!(
            p.problems[0].message.contains("quotes"),
            "suggests the right key"
        );
        assert!(!p.problems[0].error);
        assert_eq!(&t[p.problems[0].range.clone()], "qoutes");
        assert_eq!(p.problems[1].line, 7);
        assert!(p.problems[1].message.contains("colour"));
    }

    #[test]
    fn bad_values() {
        let t = "[rules]\npunct-halfwidth = \"fatal\"\n[style]\nspacing = \"wide\"\nquotes = \"''\"\nwords = \"高实集团\"\n\narticle_date = \"2018-02-30\"\n";
        let p = parse_config(t);
        let c = p.config.expect("other entries applied");
        assert!(
            c.is_on("punct-halfwidth", true),
            "a bad value is not applied"
        );
        assert_eq!(c.spacing, Spacing::None);
        let lines: Vec<usize> = p.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![2, 4, 5, 6, 8], "{:?}", p.problems);
        assert!(p.problems.iter().all(|p| p.error));
        assert!(p.problems[0].message.contains("fatal"));
        assert!(p.problems[1].message.contains("wide"));
        assert!(p.problems[3].message.contains("字符串数组"));
        assert!(p.problems[4].message.contains("YYYY-MM-DD"));
    }

    #[test]
    fn unknown_rule_code() {
        let t = "[rules]\npunct-halfwdth = \"off\"\nno-such-rule = \"off\"\n";
        let p = parse_config(t);
        assert!(p.config.is_some());
        assert_eq!(p.problems.len(), 2);
        assert_eq!(p.problems[0].line, 2);
        assert!(
            p.problems[0].message.contains("punct-halfwidth"),
            "suggestion"
        );
        assert_eq!(p.problems[1].line, 3);
        assert!(p.problems[1].message.contains("no-such-rule"));
    }

    #[test]
    fn syntax_error_gives_no_config_and_a_line() {
        let t = "[rules]\npunct-halfwidth = \"off\"\nspacing = none\n";
        let p = parse_config(t);
        assert!(p.is_unparsable());
        assert!(!p.problems.is_empty());
        assert_eq!(p.problems[0].line, 3);
        assert!(p.problems[0].message.contains("TOML"));
        // other broken shapes never panic
        for t in [
            "[",
            "a = ",
            "[rules\n",
            "= 1",
            "\u{feff}[rules]",
            "words = [\"a\",",
            "x = \"\\q\"",
        ] {
            let _ = parse_config(t);
        }
    }

    #[test]
    fn wrong_types() {
        let t = "rules = 3\nstyle = \"space\"\nignore = [1]\n";
        let p = parse_config(t);
        assert!(p.config.is_some());
        assert_eq!(p.problems.len(), 3, "{:?}", p.problems);
    }

    #[test]
    fn finds_the_nearest_file() {
        let dir = std::env::temp_dir().join(format!("zhproof-find-{}", std::process::id()));
        let sub = dir.join("a").join("b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(dir.join(FILE_NAME), "").unwrap();
        let f = sub.join("x.txt");
        std::fs::write(&f, "正文").unwrap();
        assert_eq!(find_config(&f), Some(dir.join(FILE_NAME)));
        std::fs::write(dir.join("a").join(FILE_NAME), "").unwrap();
        assert_eq!(find_config(&f), Some(dir.join("a").join(FILE_NAME)));
        assert_eq!(find_config(&sub), Some(dir.join("a").join(FILE_NAME)));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
