//! The project file `.zhproof.toml` and the editor settings (JSON), both
//! turned into [`Config`] values. Problems (unknown keys, unknown rule codes,
//! bad values, TOML syntax errors) are reported with their place in the file,
//! never by failing: a bad entry is skipped, and a file that is not TOML at
//! all yields no configuration, so that the caller keeps its last good one.
//!
//! The schema is documented in `docs/configuration.md`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::config::{Config, ConfigLayer, Quotes, RuleSetting, Spacing, Ymd};
use super::finding::Edit;
use super::rules;

/// The name of the project configuration file.
pub const FILE_NAME: &str = ".zhproof.toml";

/// Keys allowed at the top of the file.
const TOP_KEYS: &[&str] = &["rules", "style", "words", "ignore", "article_date"];
/// Keys allowed in `[style]` (`words`, `ignore` and `article_date` may be
/// written either at the top or here).
const STYLE_KEYS: &[&str] = &["spacing", "quotes", "words", "ignore", "article_date"];

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

fn bad_rule_value(shown: &str) -> String {
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
fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
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

/// The text of a new configuration file holding one word.
pub fn new_config_with_word(word: &str) -> String {
    format!("words = [{}]\n", toml_string(word))
}

/// The edit that adds `word` to the `words` list of an existing file:
/// appended to the list (at the top, or in `[style]`), or a new `words = […]`
/// line before the first table. `None` when the file does not parse, the
/// word is already there, or the edit would not give the expected result.
pub fn add_word_edit(text: &str, word: &str) -> Option<Edit> {
    let word = word.trim();
    if word.is_empty() {
        return None;
    }
    let parsed = parse_config(text);
    let before = parsed.config.as_ref()?;
    if before.words.iter().any(|w| w == word) {
        return None;
    }
    let doc = DeTable::parse(text).ok()?;
    let quoted = toml_string(word);
    let find_words = |t: &DeTable| -> Option<Range<usize>> {
        t.iter()
            .find(|(k, v)| {
                let n: &str = k.get_ref();
                n == "words" && matches!(v.get_ref(), DeValue::Array(_))
            })
            .map(|(_, v)| v.span())
    };
    let array_edit = |span: Range<usize>| -> Option<Edit> {
        // re-read the array to find its last element
        let top = doc.get_ref();
        let arr = top
            .iter()
            .chain(
                top.iter()
                    .filter(|(k, _)| {
                        let n: &str = k.get_ref();
                        n == "style"
                    })
                    .filter_map(|(_, v)| v.get_ref().as_table())
                    .flat_map(|t| t.iter()),
            )
            .find(|(_, v)| v.span() == span)
            .and_then(|(_, v)| v.get_ref().as_array())?;
        if text.as_bytes().get(span.start) != Some(&b'[') {
            return None;
        }
        match arr.iter().last() {
            Some(last) => Some(Edit::new(
                last.span().end..last.span().end,
                format!(", {quoted}"),
            )),
            None => Some(Edit::new(span.start + 1..span.start + 1, quoted.clone())),
        }
    };
    let top = doc.get_ref();
    let edit = if let Some(span) = find_words(top) {
        array_edit(span)?
    } else if let Some(span) = top
        .iter()
        .find(|(k, _)| {
            let n: &str = k.get_ref();
            n == "style"
        })
        .and_then(|(_, v)| v.get_ref().as_table())
        .and_then(find_words)
    {
        array_edit(span)?
    } else {
        // a new top-level key, before the first [table] header
        let header = first_header_line(text);
        match header {
            Some(at) => Edit::new(at..at, format!("words = [{quoted}]\n\n")),
            None => {
                let sep = if text.is_empty() || text.ends_with('\n') {
                    ""
                } else {
                    "\n"
                };
                Edit::new(text.len()..text.len(), format!("{sep}words = [{quoted}]\n"))
            }
        }
    };
    // check the result: the word is in, nothing else changed
    let (after_text, n) = super::edits::apply_edits(text, std::slice::from_ref(&edit));
    let after = parse_config(&after_text);
    let ac = after.config.as_ref()?;
    let mut expected = before.clone();
    expected.words.push(word.to_string());
    (n == 1 && *ac == expected && after.problems.len() == parsed.problems.len()).then_some(edit)
}

/// Byte offset of the first line that starts a `[table]` header, outside
/// multi-line strings.
fn first_header_line(text: &str) -> Option<usize> {
    let mut in_ml: Option<&str> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        match in_ml {
            Some(delim) => {
                if line.contains(delim) {
                    in_ml = None;
                }
            }
            None => {
                if t.starts_with('[') {
                    return Some(pos);
                }
                for delim in ["\"\"\"", "'''"] {
                    if line.matches(delim).count() % 2 == 1 {
                        in_ml = Some(delim);
                    }
                }
            }
        }
        pos += line.len();
    }
    None
}

/// The word a finding is about, when it is one that can go into the word
/// list (a name, term or acronym the rule took for an error): the finding's
/// text is 2–30 characters of Han, Latin letters and digits (`·` `-` `.` `_`
/// `+` inside), and the rule is not about punctuation.
pub fn finding_word<'a>(text: &'a str, f: &super::finding::Finding) -> Option<&'a str> {
    if rules::get(f.code).is_some_and(|r| r.family == "标点") {
        return None;
    }
    let w = text.get(f.range.clone())?;
    let n = w.chars().count();
    if !(2..=30).contains(&n) {
        return None;
    }
    let ok_char = |c: char| {
        super::chars::is_han(c)
            || c.is_ascii_alphanumeric()
            || matches!(c, '·' | '-' | '.' | '_' | '+')
    };
    let edge_ok =
        |c: Option<char>| c.is_some_and(|c| super::chars::is_han(c) || c.is_ascii_alphanumeric());
    let has_letter = w
        .chars()
        .any(|c| super::chars::is_han(c) || c.is_ascii_alphabetic());
    (w.chars().all(ok_char) && has_letter && edge_ok(w.chars().next()) && edge_ok(w.chars().last()))
        .then_some(w)
}

/// Editor settings (the `zhproof` section, camelCase JSON) as a layer over
/// the file's configuration, and warnings about bad values. Keys the server
/// does not know (client-side settings such as `path` or `trace`) are ignored.
pub fn parse_settings(v: &serde_json::Value) -> (ConfigLayer, Vec<String>) {
    use serde_json::Value;
    let mut layer = ConfigLayer::default();
    let mut warnings = Vec::new();
    let Some(obj) = v.as_object() else {
        if !v.is_null() {
            warnings.push("zhproof 设置应为对象，已忽略".to_string());
        }
        return (layer, warnings);
    };
    if let Some(r) = obj.get("rules") {
        match r {
            Value::Object(m) => {
                for (code, val) in m {
                    if rules::get(code).is_none() {
                        let mut msg = format!("zhproof.rules：未知的规则代码“{code}”，已忽略");
                        if let Some(s) = closest(code, rules::all().iter().map(|r| r.code)) {
                            msg.push_str(&format!("；是否应为“{s}”？"));
                        }
                        warnings.push(msg);
                        continue;
                    }
                    let setting = match val {
                        Value::String(s) => RuleSetting::parse(s),
                        Value::Bool(true) => Some(RuleSetting::On(None)),
                        Value::Bool(false) => Some(RuleSetting::Off),
                        _ => None,
                    };
                    match setting {
                        Some(s) => {
                            layer.rules.insert(code.clone(), s);
                        }
                        None => warnings.push(format!(
                            "zhproof.rules.{code}：{}",
                            bad_rule_value(&val.to_string())
                        )),
                    }
                }
            }
            Value::Null => {}
            _ => warnings.push("zhproof.rules 应为对象（规则代码 → 级别），已忽略".into()),
        }
    }
    if let Some(style) = obj.get("style") {
        match style {
            Value::Object(m) => {
                if let Some(s) = m.get("spacing").filter(|s| !s.is_null()) {
                    match s.as_str().and_then(Spacing::parse) {
                        Some(sp) => layer.spacing = Some(sp),
                        None => warnings.push(format!(
                            "zhproof.style.spacing 的值 {s} 无效，应为 \"none\" 或 \"space\"，已忽略"
                        )),
                    }
                }
                if let Some(q) = m.get("quotes").filter(|s| !s.is_null()) {
                    match q.as_str().and_then(Quotes::parse) {
                        Some(qs) => layer.quotes = Some(qs),
                        None => warnings.push(format!(
                            "zhproof.style.quotes 的值 {q} 无效，应为 \"“”\" 或 \"「」\"，已忽略"
                        )),
                    }
                }
            }
            Value::Null => {}
            _ => warnings.push("zhproof.style 应为对象，已忽略".into()),
        }
    }
    for (key, target) in [("words", &mut layer.words), ("ignore", &mut layer.ignore)] {
        match obj.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for it in items {
                    match it.as_str().map(str::trim) {
                        Some(s) if !s.is_empty() => {
                            if !target.iter().any(|w| w == s) {
                                target.push(s.to_string());
                            }
                        }
                        Some(_) => {}
                        None => {
                            warnings.push(format!("zhproof.{key} 的元素 {it} 不是字符串，已忽略"))
                        }
                    }
                }
            }
            Some(other) => warnings.push(format!(
                "zhproof.{key} 应为字符串数组，而不是 {other}，已忽略"
            )),
        }
    }
    let date = obj.get("articleDate").or_else(|| obj.get("article_date"));
    match date {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s.trim().is_empty() => {}
        Some(d) => match d.as_str().and_then(Ymd::parse) {
            Some(y) => layer.article_date = Some(y),
            None => warnings.push(format!(
                "zhproof.articleDate 的值 {d} 无效，应为 \"YYYY-MM-DD\"，已忽略"
            )),
        },
    }
    (layer, warnings)
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
        assert!(c.is_on("punct-halfwidth", true), "a bad value is not applied");
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

    fn add(text: &str, w: &str) -> Option<String> {
        add_word_edit(text, w).map(|e| crate::core::edits::apply_edits(text, &[e]).0)
    }

    #[test]
    fn adds_words() {
        assert_eq!(
            add("words = [\"甲\"]\n", "高实集团").as_deref(),
            Some("words = [\"甲\", \"高实集团\"]\n")
        );
        assert_eq!(
            add("words = []\n", "乙").as_deref(),
            Some("words = [\"乙\"]\n")
        );
        assert_eq!(
            add("words = [\n  \"甲\",\n]\n", "乙").as_deref(),
            Some("words = [\n  \"甲\", \"乙\",\n]\n")
        );
        assert_eq!(
            add("[style]\nwords = [\"甲\"]\n", "乙").as_deref(),
            Some("[style]\nwords = [\"甲\", \"乙\"]\n")
        );
        assert_eq!(
            add("# 配置\n[rules]\npunct-halfwidth = \"off\"\n", "乙").as_deref(),
            Some("# 配置\nwords = [\"乙\"]\n\n[rules]\npunct-halfwidth = \"off\"\n")
        );
        assert_eq!(
            add("article_date = \"2018-11-05\"", "乙").as_deref(),
            Some("article_date = \"2018-11-05\"\nwords = [\"乙\"]\n")
        );
        assert_eq!(add("", "乙").as_deref(), Some("words = [\"乙\"]\n"));
        assert_eq!(add("words = [\"乙\"]\n", "乙"), None, "already there");
        assert_eq!(add("words = [\n", "乙"), None, "broken file");
        assert_eq!(
            add("words = [\"a\"]", "say \"hi\"").as_deref(),
            Some("words = [\"a\", \"say \\\"hi\\\"\"]")
        );
        assert_eq!(
            parse_config(&new_config_with_word("高实集团"))
                .config
                .map(|c| c.words),
            Some(vec!["高实集团".to_string()])
        );
    }

    #[test]
    fn words_of_findings() {
        use crate::core::finding::Finding;
        let t = "高实集团发布PM2.5数据,结果。";
        let f = |code: &'static str, r: Range<usize>| Finding::new(code, r, "x");
        let gs = t.find("高实集团").unwrap();
        assert_eq!(
            finding_word(t, &f("word-confused", gs..gs + "高实集团".len())),
            Some("高实集团")
        );
        let pm = t.find("PM2.5").unwrap();
        assert_eq!(
            finding_word(t, &f("latin-stray", pm..pm + 5)),
            Some("PM2.5")
        );
        let comma = t.find(',').unwrap();
        assert_eq!(
            finding_word(t, &f("punct-halfwidth", comma..comma + 1)),
            None
        );
        assert_eq!(
            finding_word(t, &f("typo-char", gs..gs + 3)),
            None,
            "one character"
        );
        let end = t.find("结果").unwrap();
        assert_eq!(
            finding_word(t, &f("x", comma..end)),
            None,
            "punctuation inside"
        );
    }

    #[test]
    fn editor_settings() {
        let v = serde_json::json!({
            "rules": {"punct-halfwidth": "hint", "nope": "off"},
            "style": {"spacing": "space", "quotes": "bad"},
            "words": ["高实集团", 3],
            "articleDate": "2018-11-05",
            "path": "/usr/bin/zhproof",
            "trace": {"server": "off"}
        });
        let (layer, warnings) = parse_settings(&v);
        assert_eq!(
            layer.rules.get("punct-halfwidth"),
            Some(&RuleSetting::On(Some(Severity::Hint)))
        );
        assert_eq!(layer.spacing, Some(Spacing::Space));
        assert_eq!(layer.quotes, None);
        assert_eq!(layer.words, vec!["高实集团"]);
        assert_eq!(layer.article_date, Ymd::new(2018, 11, 5));
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        let (empty, w) = parse_settings(&serde_json::Value::Null);
        assert_eq!(empty, ConfigLayer::default());
        assert!(w.is_empty());
    }

    #[test]
    fn editor_overrides_file_per_key() {
        let file = parse_config("words = [\"甲\"]\n[rules]\npunct-halfwidth = \"off\"\n[style]\nspacing = \"space\"\nquotes = \"「」\"\n")
            .config
            .unwrap();
        let (layer, _) = parse_settings(&serde_json::json!({
            "rules": {"punct-halfwidth": "error"},
            "style": {"quotes": "“”"},
            "words": ["乙"]
        }));
        let c = file.overlay(&layer);
        assert!(c.is_on("punct-halfwidth", true));
        assert_eq!(
            c.severity("punct-halfwidth", Severity::Warning),
            Severity::Error
        );
        assert_eq!(
            c.spacing,
            Spacing::Space,
            "the file's value where the editor sets none"
        );
        assert_eq!(c.quotes, Quotes::Curly);
        assert_eq!(c.words, vec!["甲", "乙"]);
        // and the other way round: the editor turns a rule off the file left on
        let (off, _) = parse_settings(&serde_json::json!({"rules": {"punct-halfwidth": "off"}}));
        assert!(!Config::default().overlay(&off).is_on("punct-halfwidth", true));
    }
}
