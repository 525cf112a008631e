//! The server's configuration state: the `.zhproof.toml` files in use (the
//! last good version of each, and its problems), the editor settings, and the
//! effective configuration of each open document (its nearest
//! `.zhproof.toml`, with the editor settings on top), and the reading of the
//! editor settings themselves (JSON).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types::Uri;

use crate::core::config::{Config, ConfigLayer, Quotes, RuleSetting, Spacing, Ymd};
use crate::core::config_file::{self, ConfigProblem, FILE_NAME};
use crate::core::rules;

/// One configuration file as last read.
#[derive(Debug, Clone, Default)]
pub struct ConfigFileState {
    /// The last configuration that parsed (kept while the file has syntax errors).
    pub good: Option<Config>,
    pub problems: Vec<ConfigProblem>,
    /// The text the problems refer to.
    pub text: String,
}

#[derive(Debug, Default)]
pub struct ConfigState {
    /// Workspace roots (from `initialize`).
    pub roots: Vec<PathBuf>,
    /// Editor settings (`workspace/configuration`, `didChangeConfiguration`).
    pub editor: ConfigLayer,
    /// Configuration files in use, by absolute path.
    pub files: HashMap<PathBuf, ConfigFileState>,
    /// Each open document's configuration file (`None`: defaults).
    pub doc_files: HashMap<String, Option<PathBuf>>,
    /// Configuration files open in the editor: their buffer wins over the disk.
    pub buffers: HashMap<PathBuf, String>,
    /// Configuration files whose problems are currently published, with them.
    pub published: HashMap<PathBuf, Vec<ConfigProblem>>,
    effective: HashMap<Option<PathBuf>, Arc<Config>>,
}

/// The file path of a `file:` URI.
pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.as_str().starts_with("file:") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// Is this URI a `.zhproof.toml`?
pub fn is_config_uri(uri: &Uri) -> bool {
    uri.as_str().ends_with(&format!("/{FILE_NAME}"))
}

impl ConfigState {
    /// The configuration file for a document: the nearest `.zhproof.toml`
    /// from the document's directory upwards; for documents without a path,
    /// the first workspace root's.
    pub fn resolve(&self, uri: &Uri) -> Option<PathBuf> {
        match uri_path(uri) {
            Some(p) => config_file::find_config(&p),
            None => self.roots.first().and_then(|r| config_file::find_config(r)),
        }
    }

    /// Where a new `.zhproof.toml` for this document goes: the workspace root
    /// holding it, else the first root, else the document's directory.
    pub fn new_file_location(&self, uri: &Uri) -> Option<PathBuf> {
        let doc = uri_path(uri);
        let root = doc
            .as_ref()
            .and_then(|d| {
                self.roots
                    .iter()
                    .filter(|r| d.starts_with(r))
                    .max_by_key(|r| r.as_os_str().len())
            })
            .or_else(|| self.roots.first())
            .cloned()
            .or_else(|| doc.as_ref().and_then(|d| d.parent().map(Path::to_path_buf)))?;
        Some(root.join(FILE_NAME))
    }

    /// (Re)read a configuration file from its open buffer or the disk. A file
    /// with syntax errors keeps its last good configuration; a file that no
    /// longer exists is dropped.
    pub fn load(&mut self, path: &Path) {
        let text = match self.buffers.get(path) {
            Some(t) => t.clone(),
            None => match std::fs::read_to_string(path) {
                Ok(t) => t,
                Err(e) => {
                    if path.exists() {
                        let st = self.files.entry(path.to_path_buf()).or_default();
                        st.problems = vec![ConfigProblem {
                            line: 1,
                            range: 0..0,
                            message: format!("无法读取配置文件：{e}"),
                            error: true,
                        }];
                        st.text.clear();
                    } else {
                        self.files.remove(path);
                    }
                    return;
                }
            },
        };
        self.set_text(path, text);
    }

    /// Parse a configuration file's text.
    pub fn set_text(&mut self, path: &Path, text: String) {
        let parsed = config_file::parse_config(&text);
        let st = self.files.entry(path.to_path_buf()).or_default();
        if let Some(c) = parsed.config {
            st.good = Some(c);
        }
        st.problems = parsed.problems;
        st.text = text;
    }

    /// Find and load the configuration file of a document.
    pub fn attach(&mut self, uri: &Uri) {
        let file = self.resolve(uri);
        if let Some(f) = &file {
            if !self.files.contains_key(f) {
                self.load(f);
            }
        }
        self.doc_files.insert(uri.as_str().to_string(), file);
        self.rebuild();
    }

    pub fn detach(&mut self, uri: &Uri) {
        self.doc_files.remove(uri.as_str());
    }

    /// Load the configuration files of the workspace roots.
    pub fn load_roots(&mut self) {
        for r in self.roots.clone() {
            if let Some(f) = config_file::find_config(&r) {
                self.load(&f);
            }
        }
        self.rebuild();
    }

    /// After files were created or deleted: find every document's nearest
    /// file again and drop files no longer used.
    pub fn reresolve(&mut self) {
        let uris: Vec<String> = self.doc_files.keys().cloned().collect();
        for u in uris {
            let Ok(uri) = u.parse::<Uri>() else { continue };
            let file = self.resolve(&uri);
            if let Some(f) = &file {
                if !self.files.contains_key(f) {
                    self.load(f);
                }
            }
            self.doc_files.insert(u, file);
        }
        let roots: Vec<PathBuf> = self
            .roots
            .iter()
            .filter_map(|r| config_file::find_config(r))
            .collect();
        let used: HashSet<PathBuf> = self
            .doc_files
            .values()
            .flatten()
            .cloned()
            .chain(roots)
            .chain(self.buffers.keys().cloned())
            .collect();
        self.files.retain(|p, _| used.contains(p));
        self.rebuild();
    }

    /// Recompute the effective configurations.
    pub fn rebuild(&mut self) {
        let mut eff = HashMap::new();
        eff.insert(None, Arc::new(Config::default().overlay(&self.editor)));
        for (p, st) in &self.files {
            let base = st.good.clone().unwrap_or_default();
            eff.insert(Some(p.clone()), Arc::new(base.overlay(&self.editor)));
        }
        // keep the same Arc when nothing changed (cheap comparisons later)
        for (k, v) in eff.iter_mut() {
            if let Some(old) = self.effective.get(k) {
                if **old == **v {
                    *v = old.clone();
                }
            }
        }
        self.effective = eff;
    }

    /// Is the document excluded by an `ignore` glob (of its configuration
    /// file, relative to that file's directory; of the editor settings alone,
    /// relative to the workspace root holding it)?
    pub fn ignores(&self, uri: &str) -> bool {
        let config = self.config_for(uri);
        if config.ignore.is_empty() {
            return false;
        }
        let Some(path) = uri.parse::<Uri>().ok().as_ref().and_then(uri_path) else {
            return false;
        };
        let base = match self.doc_files.get(uri).cloned().flatten() {
            Some(file) => file.parent().map(Path::to_path_buf),
            None => self
                .roots
                .iter()
                .filter(|r| path.starts_with(r))
                .max_by_key(|r| r.as_os_str().len())
                .cloned(),
        };
        config_file::ignores(&config.ignore, base.as_deref(), &path)
    }

    /// The effective configuration of a document.
    pub fn config_for(&self, uri: &str) -> Arc<Config> {
        let key = self.doc_files.get(uri).cloned().flatten();
        self.effective
            .get(&key)
            .or_else(|| self.effective.get(&None))
            .cloned()
            .unwrap_or_default()
    }
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
        settings_rules(r, &mut layer, &mut warnings);
    }
    if let Some(style) = obj.get("style") {
        settings_style(style, &mut layer, &mut warnings);
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

/// The `rules` object of the editor settings: rule code → level.
fn settings_rules(r: &serde_json::Value, layer: &mut ConfigLayer, warnings: &mut Vec<String>) {
    use serde_json::Value;
    match r {
        Value::Object(m) => {
            for (code, val) in m {
                if rules::get(code).is_none() {
                    let mut msg = format!("zhproof.rules：未知的规则代码“{code}”，已忽略");
                    if let Some(s) = config_file::closest(code, rules::all().iter().map(|r| r.code))
                    {
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
                        config_file::bad_rule_value(&val.to_string())
                    )),
                }
            }
        }
        Value::Null => {}
        _ => warnings.push("zhproof.rules 应为对象（规则代码 → 级别），已忽略".into()),
    }
}

/// The `style` object of the editor settings: spacing and quotes.
fn settings_style(style: &serde_json::Value, layer: &mut ConfigLayer, warnings: &mut Vec<String>) {
    use serde_json::Value;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::config_file::parse_config;
    use crate::core::finding::Severity;

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
        assert!(!Config::default()
            .overlay(&off)
            .is_on("punct-halfwidth", true));
    }
}
