//! The command line: `zhproof check`, `zhproof outline`, `zhproof entities`, `zhproof rules`.
//! A thin adapter over the analysis core.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::core::config::Config;
use crate::core::config_file;
use crate::core::entities::EntityKind;
use crate::core::outline::Section;
use crate::core::{fix, rules, Analysis, Analyzer, DocKind, Finding, Severity};

/// Exit codes.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Maps byte offsets to 1-based line and character columns.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if b.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// (line, column) both 1-based, column counted in characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts[line];
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line + 1, col + 1)
    }
}

/// A file to check: its display name and contents.
pub struct Input {
    pub name: String,
    pub path: Option<PathBuf>,
    pub text: String,
}

/// Read one file; a non-UTF-8 file is an error naming the byte offset.
pub fn read_input(path: &Path) -> Result<Input, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: 无法读取：{e}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: 不是有效的 UTF-8 文本（第 {} 字节处），已跳过",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(Input {
        name: path.display().to_string(),
        path: Some(path.to_path_buf()),
        text,
    })
}

/// Expand the PATH arguments: files as given, directories recursed for
/// `.txt`/`.md`/`.markdown`, sorted for stable output.
pub fn expand_paths(paths: &[PathBuf], ignore: &[String]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found, &mut errors);
            found.sort();
            files.extend(found);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            errors.push(format!("{}: 文件不存在", p.display()));
        }
    }
    files.retain(|f| !ignore.iter().any(|g| glob_match(g, &f.to_string_lossy())));
    (files, errors)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(format!("{}: 无法读取目录：{e}", dir.display()));
            return;
        }
    };
    for entry in rd.flatten() {
        let p = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        if p.is_dir() {
            walk(&p, out, errors);
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("txt" | "md" | "markdown")
        ) {
            out.push(p);
        }
    }
}

pub use crate::core::config_file::glob_match;

/// Apply all fixes repeatedly (a fix may reveal another) until none is left.
pub fn fix_text(text: &str, kind: DocKind, config: Arc<Config>) -> (String, usize) {
    let mut analyzer = Analyzer::new(config);
    let mut cur = text.to_string();
    let mut total = 0;
    for _ in 0..8 {
        let a = analyzer.analyze(&cur, kind);
        let edits = fix::fix_all_edits(&a.findings);
        if edits.is_empty() {
            break;
        }
        let (next, n) = fix::apply_edits(&cur, &edits);
        if n == 0 || next == cur {
            break;
        }
        total += n;
        cur = next;
    }
    (cur, total)
}

/// Write a file atomically: a temporary file in the same directory, synced,
/// then renamed over the original (keeping its permissions).
pub fn write_atomic(path: &Path, contents: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "file".into());
    let tmp = dir.join(format!(".{name}.zhproof-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents.as_bytes())?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            let _ = std::fs::set_permissions(&tmp, meta.permissions());
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    Text,
    Json,
}

/// Options of `zhproof check`.
pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub format: Format,
    pub fix: bool,
    /// Treat warnings as failures too.
    pub strict: bool,
}

/// A configuration and the `.zhproof.toml` it came from.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    pub config: Arc<Config>,
    /// The file, if one was found.
    pub file: Option<PathBuf>,
}

impl LoadedConfig {
    /// Does one of the configuration's `ignore` globs match `path`? Globs are
    /// relative to the directory of the configuration file.
    pub fn ignores(&self, path: &Path) -> bool {
        crate::core::config_file::ignores(
            &self.config.ignore,
            self.file.as_deref().and_then(Path::parent),
            path,
        )
    }
}

/// Finds the configuration of each checked file: the nearest `.zhproof.toml`
/// in its directory or above (each file read once), or a fixed configuration.
pub struct ConfigLoader {
    fixed: Option<Arc<Config>>,
    cache: RefCell<HashMap<PathBuf, Result<Arc<LoadedConfig>, String>>>,
}

impl ConfigLoader {
    /// Search for `.zhproof.toml` from each file upwards.
    pub fn search() -> ConfigLoader {
        ConfigLoader {
            fixed: None,
            cache: RefCell::new(HashMap::new()),
        }
    }

    /// Always use this configuration (no file is read).
    pub fn fixed(config: Config) -> ConfigLoader {
        ConfigLoader {
            fixed: Some(Arc::new(config)),
            cache: RefCell::new(HashMap::new()),
        }
    }

    /// The configuration for a file (`None`: standard input, searched from the
    /// current directory). Warnings about the configuration file go to `err`
    /// once; a file that is not valid TOML is an error naming its lines.
    pub fn for_path(
        &self,
        path: Option<&Path>,
        err: &mut dyn Write,
    ) -> Result<Arc<LoadedConfig>, String> {
        if let Some(c) = &self.fixed {
            return Ok(Arc::new(LoadedConfig {
                config: c.clone(),
                file: None,
            }));
        }
        let start = match path {
            Some(p) => p.to_path_buf(),
            None => std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        };
        let Some(file) = config_file::find_config(&start) else {
            return Ok(Arc::new(LoadedConfig {
                config: Arc::new(Config::default()),
                file: None,
            }));
        };
        if let Some(r) = self.cache.borrow().get(&file) {
            return r.clone();
        }
        let result = match config_file::load_config(&file) {
            Err(e) => Err(e),
            Ok(parsed) => {
                let shown = file.display();
                match parsed.config {
                    None => Err(parsed
                        .problems
                        .iter()
                        .map(|p| format!("{shown}:{}: 错误：{}", p.line, p.message))
                        .collect::<Vec<_>>()
                        .join("\n")),
                    Some(c) => {
                        for p in &parsed.problems {
                            let level = if p.error { "错误" } else { "警告" };
                            let _ = writeln!(err, "{shown}:{}: {level}：{}", p.line, p.message);
                        }
                        Ok(Arc::new(LoadedConfig {
                            config: Arc::new(c),
                            file: Some(file.clone()),
                        }))
                    }
                }
            }
        };
        self.cache.borrow_mut().insert(file, result.clone());
        result
    }
}

/// Run `zhproof check`; returns the exit code.
pub fn check(
    opts: &CheckOptions,
    loader: &ConfigLoader,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let mut inputs: Vec<Result<Input, String>> = Vec::new();
    let mut io_error = false;
    let dash = opts.paths.iter().any(|p| p.as_os_str() == "-");
    if dash {
        let mut buf = Vec::new();
        match std::io::stdin().read_to_end(&mut buf) {
            Ok(_) => match String::from_utf8(buf) {
                Ok(text) => inputs.push(Ok(Input {
                    name: "<stdin>".into(),
                    path: None,
                    text,
                })),
                Err(e) => inputs.push(Err(format!(
                    "<stdin>: 不是有效的 UTF-8 文本（第 {} 字节处）",
                    e.utf8_error().valid_up_to()
                ))),
            },
            Err(e) => inputs.push(Err(format!("<stdin>: {e}"))),
        }
    }
    let files: Vec<PathBuf> = opts
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let explicit: Vec<PathBuf> = files.clone();
    let (files, errors) = expand_paths(&files, &[]);
    for e in errors {
        inputs.push(Err(e));
    }
    // each file's configuration: the nearest .zhproof.toml; its `ignore` globs apply
    let mut configs: HashMap<PathBuf, Arc<LoadedConfig>> = HashMap::new();
    let mut ignored = 0usize;
    for f in &files {
        match loader.for_path(Some(f), err) {
            Err(e) => {
                let _ = writeln!(err, "{e}");
                let _ = writeln!(err, "{}: 配置文件无法解析，未检查", f.display());
                io_error = true;
            }
            Ok(c) if c.ignores(f) => {
                ignored += 1;
                if explicit.contains(f) {
                    let _ = writeln!(err, "{}: 按配置文件的 ignore 设置跳过", f.display());
                }
            }
            Ok(c) => {
                configs.insert(f.clone(), c);
                inputs.push(read_input(f));
            }
        }
    }
    if inputs.is_empty() {
        if io_error {
            return EXIT_USAGE;
        }
        if ignored > 0 {
            return EXIT_CLEAN;
        }
        let _ = writeln!(err, "zhproof: 没有要检查的文件");
        return EXIT_USAGE;
    }
    let mut worst_fail = false;
    let mut json_items = Vec::new();
    for input in inputs {
        let input = match input {
            Ok(i) => i,
            Err(e) => {
                let _ = writeln!(err, "{e}");
                io_error = true;
                continue;
            }
        };
        let config = match input.path.as_ref().and_then(|p| configs.get(p)) {
            Some(c) => c.config.clone(),
            None => match loader.for_path(input.path.as_deref(), err) {
                Ok(c) => c.config.clone(),
                Err(e) => {
                    let _ = writeln!(err, "{e}");
                    let _ = writeln!(err, "{}: 配置文件无法解析，未检查", input.name);
                    io_error = true;
                    continue;
                }
            },
        };
        let kind = DocKind::from_path(&input.name);
        let mut text = input.text.clone();
        if opts.fix {
            let (fixed, n) = fix_text(&text, kind, config.clone());
            if n > 0 {
                match &input.path {
                    Some(p) => {
                        if let Err(e) = write_atomic(p, &fixed) {
                            let _ = writeln!(err, "{}: 无法写入：{e}", input.name);
                            io_error = true;
                        } else {
                            let _ = writeln!(err, "{}: 已修复 {n} 处", input.name);
                        }
                    }
                    None => {
                        // stdin: print the fixed text instead of findings
                        let _ = out.write_all(fixed.as_bytes());
                        continue;
                    }
                }
                text = fixed;
            } else if input.path.is_none() {
                let _ = out.write_all(text.as_bytes());
                continue;
            }
        }
        let analysis = Analyzer::new(config).analyze(&text, kind);
        for p in &analysis.panics {
            let _ = writeln!(err, "{}: 规则 {} 出错：{}", input.name, p.0, p.1);
        }
        let index = LineIndex::new(&text);
        for f in &analysis.findings {
            if f.severity == Severity::Error || (opts.strict && f.severity == Severity::Warning) {
                worst_fail = true;
            }
            match opts.format {
                Format::Text => {
                    let (l, c) = index.line_col(&text, f.range.start);
                    let _ = writeln!(
                        out,
                        "{}:{}:{}: {}[{}] {}",
                        input.name,
                        l,
                        c,
                        f.severity.as_str(),
                        f.code,
                        f.message
                    );
                }
                Format::Json => json_items.push(finding_json(&input.name, &text, &index, f)),
            }
        }
    }
    if opts.format == Format::Json {
        let _ = serde_json::to_writer_pretty(&mut *out, &json_items);
        let _ = writeln!(out);
    }
    if io_error {
        EXIT_USAGE
    } else if worst_fail {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn finding_json(name: &str, text: &str, index: &LineIndex, f: &Finding) -> serde_json::Value {
    let (sl, sc) = index.line_col(text, f.range.start);
    let (el, ec) = index.line_col(text, f.range.end);
    serde_json::json!({
        "path": name,
        "code": f.code,
        "severity": f.severity.as_str(),
        "message": f.message,
        "text": text.get(f.range.clone()).unwrap_or(""),
        "byte_range": { "start": f.range.start, "end": f.range.end },
        "start": { "line": sl, "column": sc },
        "end": { "line": el, "column": ec },
        "fix": f.fix.as_ref().map(|fx| serde_json::json!({
            "title": fx.title,
            "edits": fx.edits.iter().map(|e| serde_json::json!({
                "byte_range": { "start": e.range.start, "end": e.range.end },
                "replacement": e.replacement,
            })).collect::<Vec<_>>(),
        })),
        "related": f.related.iter().map(|r| {
            let (l, c) = index.line_col(text, r.range.start);
            serde_json::json!({ "message": r.message, "byte_range": { "start": r.range.start, "end": r.range.end }, "start": { "line": l, "column": c } })
        }).collect::<Vec<_>>(),
    })
}

/// Print the outline of an analysis as an indented tree.
pub fn print_outline(text: &str, analysis: &Analysis, out: &mut dyn Write) {
    let index = LineIndex::new(text);
    fn rec(text: &str, index: &LineIndex, s: &Section, depth: usize, out: &mut dyn Write) {
        let (l, _) = index.line_col(text, s.selection.start);
        let label = if s.is_title { "标题" } else { "" };
        let detail = s
            .detail
            .as_deref()
            .map(|d| format!("  ({d})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}{}{}{}  [行 {}]",
            "  ".repeat(depth),
            if label.is_empty() {
                String::new()
            } else {
                format!("{label}：")
            },
            s.name,
            detail,
            l
        );
        for c in &s.children {
            rec(text, index, c, depth + 1, out);
        }
    }
    for s in analysis.sections(text) {
        rec(text, &index, s, 0, out);
    }
}

/// Print the people, organizations and places of an analysed article,
/// with mention counts, roles and the line of the first mention.
pub fn print_entities(text: &str, analysis: &Analysis, out: &mut dyn Write) {
    let mut index = analysis.entities();
    index.fill_lines(text);
    for kind in [EntityKind::Person, EntityKind::Org, EntityKind::Place] {
        let list: Vec<_> = index.of_kind(kind).collect();
        let _ = writeln!(out, "{}（{}）", kind.label(), list.len());
        for e in list {
            let mut extra = Vec::new();
            if !e.roles.is_empty() {
                extra.push(e.roles.join("；"));
            }
            if !e.aliases.is_empty() {
                extra.push(format!("简称 {}", e.aliases.join("、")));
            }
            if !e.variants.is_empty() {
                extra.push(format!("又作 {}", e.variants.join("、")));
            }
            let extra = if extra.is_empty() {
                String::new()
            } else {
                format!("  {}", extra.join("  "))
            };
            let _ = writeln!(
                out,
                "  {}  {} 次{}  [行 {}]",
                e.name,
                e.count(),
                extra,
                e.first_line.unwrap_or(0)
            );
        }
    }
}

/// Print the rule reference (Markdown).
pub fn print_rules(out: &mut dyn Write) {
    let _ = writeln!(out, "# zhproof 规则参考 / Rule reference\n");
    let _ = writeln!(
        out,
        "| 代码 code | 类别 | 默认级别 | 默认开启 | 可自动修复 | 说明 |\n|---|---|---|---|---|---|"
    );
    for r in rules::all() {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} |",
            r.code,
            r.family,
            r.severity.as_str(),
            if r.default_off { "否" } else { "是" },
            if r.fixable { "是" } else { "否" },
            r.description
        );
    }
    let _ = writeln!(out);
    for r in rules::all() {
        let _ = writeln!(
            out,
            "## `{}`\n\n{}\n\n- 错误：{}\n- 正确：{}\n",
            r.code,
            r.description,
            example(r.wrong),
            example(r.right)
        );
    }
}

/// A rule example; one spanning several paragraphs goes in an indented
/// code block under its list item, so its line breaks show.
fn example(s: &str) -> String {
    if !s.contains('\n') {
        return s.to_string();
    }
    let mut out = String::from("\n\n  ```text\n");
    for line in s.lines() {
        if !line.is_empty() {
            out.push_str("  ");
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("  ```");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_cols_in_chars() {
        let t = "𠮷a\r\n中,文\n";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 0), (1, 1));
        assert_eq!(ix.line_col(t, 4), (1, 2));
        let comma = t.find(',').unwrap();
        assert_eq!(ix.line_col(t, comma), (2, 2));
    }

    fn run_check(paths: Vec<PathBuf>) -> (i32, String, String) {
        let opts = CheckOptions {
            paths,
            format: Format::Text,
            fix: false,
            strict: false,
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = check(&opts, &ConfigLoader::search(), &mut out, &mut err);
        (
            code,
            String::from_utf8_lossy(&out).into_owned(),
            String::from_utf8_lossy(&err).into_owned(),
        )
    }

    fn tree(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("zhproof-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("drafts")).unwrap();
        std::fs::create_dir_all(d.join("sub")).unwrap();
        for f in ["a.txt", "drafts/b.txt", "sub/c.md"] {
            std::fs::write(d.join(f), "会议召开,部署工作。\n").unwrap();
        }
        d
    }

    #[test]
    fn check_uses_the_nearest_config_file_and_its_ignore_globs() {
        let d = tree("nearest");
        std::fs::write(
            d.join(".zhproof.toml"),
            "ignore = [\"drafts/**\"]\n[rules]\npunct-halfwidth = \"error\"\nno-such = \"off\"\n",
        )
        .unwrap();
        std::fs::write(
            d.join("sub/.zhproof.toml"),
            "[rules]\npunct-halfwidth = \"off\"\n",
        )
        .unwrap();
        let (code, out, err) = run_check(vec![d.clone()]);
        assert_eq!(code, EXIT_FINDINGS, "{out}{err}");
        assert!(out.contains("a.txt:1:5: error[punct-halfwidth]"), "{out}");
        assert!(!out.contains("b.txt"), "ignored by the glob: {out}");
        assert!(
            !out.contains("c.md"),
            "the nearer file turns the rule off: {out}"
        );
        assert_eq!(
            err.matches("no-such").count(),
            1,
            "warned once, with the line: {err}"
        );
        assert!(err.contains(".zhproof.toml:4: 警告"), "{err}");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn an_unparsable_config_file_exits_2_with_its_line() {
        let d = tree("broken");
        std::fs::write(
            d.join("sub/.zhproof.toml"),
            "[rules]\npunct-halfwidth = off\n",
        )
        .unwrap();
        let (code, out, err) = run_check(vec![d.clone()]);
        assert_eq!(code, EXIT_USAGE);
        assert!(
            out.contains("a.txt"),
            "files under other configs are still checked: {out}"
        );
        assert!(!out.contains("c.md"));
        assert!(err.contains(".zhproof.toml:2: 错误：TOML"), "{err}");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn globs() {
        assert!(glob_match("drafts/**", "a/drafts/x/y.md"));
        assert!(glob_match("*.md", "notes.md"));
        assert!(glob_match("*.md", "dir/notes.md"));
        assert!(!glob_match("*.md", "notes.txt"));
    }
}
