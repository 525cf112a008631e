//! `zhproof check`: gather the files (and standard input), find each one's
//! configuration, fix them if asked, print the findings, and say with the
//! exit code how it went.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use super::config::ConfigLoader;
use super::input::{read_input, read_stdin, Input};
use super::output::{finding_json, write_finding_text, LineIndex};
use super::walk::expand_paths;
use super::write::{remove_stale_temporaries, write_fixed};
use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE};
use crate::core::config::Config;
use crate::core::fix::fix_until_stable;
use crate::core::{Analyzer, DocKind, Severity};

/// How findings are printed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Format {
    /// One line per finding: `NAME:LINE:COL: SEVERITY[CODE] MESSAGE`.
    Text,
    /// One JSON array of all findings.
    Json,
}

/// Options of `zhproof check`.
pub struct CheckOptions {
    /// Files and directories to check; `-` is standard input.
    pub paths: Vec<PathBuf>,
    /// How findings are printed.
    pub format: Format,
    /// Apply all safe fixes (files are rewritten; standard input is printed fixed).
    pub fix: bool,
    /// Treat warnings as failures too.
    pub strict: bool,
    /// The file name standard input stands for (its kind and configuration).
    pub stdin_filename: Option<PathBuf>,
    /// `--type`: every text is read as this kind, whatever its name (and
    /// documents in other markup languages are checked, not skipped).
    pub doc_type: Option<DocKind>,
}

/// The markup language a file name's extension names, for the languages
/// whose markup (`\\section{}`, `<p>`, `#+TITLE:`) would be proofread as
/// text: such files are skipped unless `--type` says how to read them.
pub fn markup_language(name: &str) -> Option<&'static str> {
    let ext = std::path::Path::new(name)
        .extension()?
        .to_str()?
        .to_ascii_lowercase();
    Some(match ext.as_str() {
        "tex" | "latex" | "ltx" | "sty" | "cls" | "bib" => "LaTeX",
        "html" | "htm" | "xhtml" | "xml" | "svg" => "HTML/XML",
        "org" => "Org",
        "rst" => "reStructuredText",
        "adoc" | "asciidoc" => "AsciiDoc",
        "typ" => "Typst",
        _ => return None,
    })
}

/// A text to check, with its configuration when it was found while
/// gathering (`None`: standard input, configured when it is checked); or
/// the message saying why it cannot be checked.
type Pending = Result<(Input, Option<Arc<Config>>), String>;

/// Run `zhproof check`; returns the exit code.
pub fn check(
    opts: &CheckOptions,
    loader: &ConfigLoader,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let mut run = Run {
        opts,
        out,
        err,
        io_error: false,
        fail: false,
        json: Vec::new(),
    };
    let (inputs, ignored) = run.gather(loader);
    if inputs.is_empty() {
        if run.io_error {
            return EXIT_USAGE;
        }
        if ignored > 0 {
            return EXIT_CLEAN;
        }
        let _ = writeln!(run.err, "zhproof: 没有要检查的文件");
        return EXIT_USAGE;
    }
    for pending in inputs {
        match pending {
            Err(e) => run.problem(format_args!("{e}")),
            Ok((input, Some(config))) => run.check_input(input, config),
            Ok((input, None)) => {
                let at = opts.stdin_filename.as_deref();
                match loader.config_for(at, &input.name, &mut *run.err) {
                    Some(c) => run.check_input(input, c.config.clone()),
                    None => run.io_error = true,
                }
            }
        }
    }
    run.finish()
}

/// One run of `check`: where it prints, and what went wrong so far.
struct Run<'a> {
    opts: &'a CheckOptions,
    out: &'a mut dyn Write,
    err: &'a mut dyn Write,
    /// A file could not be read, configured or written.
    io_error: bool,
    /// A finding fails the check.
    fail: bool,
    /// The findings, for `--format json`.
    json: Vec<serde_json::Value>,
}

impl Run<'_> {
    /// Report a file that could not be read, configured or written.
    fn problem(&mut self, message: std::fmt::Arguments) {
        let _ = writeln!(self.err, "{message}");
        self.io_error = true;
    }

    /// Standard input (if `-` is named), then the files found, each with its
    /// configuration; files its `ignore` globs match are left out. Returns
    /// them and how many were ignored.
    fn gather(&mut self, loader: &ConfigLoader) -> (Vec<Pending>, usize) {
        let mut inputs: Vec<Pending> = Vec::new();
        let opts = self.opts;
        if opts.paths.iter().any(|p| p.as_os_str() == "-") {
            inputs.push(read_stdin(opts.stdin_filename.as_deref()).map(|mut i| {
                if let Some(k) = opts.doc_type {
                    i.kind = k;
                }
                (i, None)
            }));
        }
        let named: Vec<PathBuf> = opts
            .paths
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .cloned()
            .collect();
        let (files, errors) = expand_paths(&named, &[]);
        inputs.extend(errors.into_iter().map(Err));
        let mut ignored = 0usize;
        for f in &files {
            let shown = f.display().to_string();
            let Some(c) = loader.config_for(Some(f), &shown, &mut *self.err) else {
                self.io_error = true;
                continue;
            };
            if opts.doc_type.is_none() {
                if let Some(lang) = markup_language(&shown) {
                    ignored += 1;
                    let _ = writeln!(
                        self.err,
                        "{shown}: {lang} 文档，zhproof 只校对纯文本和 Markdown，已跳过（--type text 或 --type markdown 可强制检查）"
                    );
                    continue;
                }
            }
            if c.ignores(f) {
                ignored += 1;
                if named.contains(f) {
                    let _ = writeln!(self.err, "{shown}: 按配置文件的 ignore 设置跳过");
                }
                continue;
            }
            inputs.push(read_input(f).map(|mut i| {
                if let Some(k) = opts.doc_type {
                    i.kind = k;
                }
                (i, Some(c.config.clone()))
            }));
        }
        (inputs, ignored)
    }

    /// Check one text (fixing it first with `--fix`) and print its findings.
    fn check_input(&mut self, mut input: Input, config: Arc<Config>) {
        // standard input named as a markup document: left alone, and with
        // `--fix` passed through unchanged (an editor's filter keeps its text)
        if input.path.is_none() && self.opts.doc_type.is_none() {
            if let Some(lang) = markup_language(&input.name) {
                let _ = writeln!(
                    self.err,
                    "{}: {lang} 文档，zhproof 只校对纯文本和 Markdown，未检查（--type text 或 --type markdown 可强制检查）",
                    input.name
                );
                if self.opts.fix {
                    let _ = self.out.write_all(input.text.as_bytes());
                }
                return;
            }
        }
        if self.opts.fix && !self.fix(&mut input, &config) {
            return;
        }
        let text = &input.text;
        let analysis = Analyzer::new(config).analyze(text, input.kind);
        for p in &analysis.panics {
            let _ = writeln!(self.err, "{}: 规则 {} 出错：{}", input.name, p.0, p.1);
        }
        let index = LineIndex::new(text);
        for f in &analysis.findings {
            if f.severity == Severity::Error
                || (self.opts.strict && f.severity == Severity::Warning)
            {
                self.fail = true;
            }
            match self.opts.format {
                Format::Text => write_finding_text(&mut *self.out, &input.name, text, &index, f),
                Format::Json => self.json.push(finding_json(&input.name, text, &index, f)),
            }
        }
    }

    /// `--fix` one text: a file is rewritten (and `input.text` becomes what
    /// was written); standard input is printed fixed instead of its findings
    /// (`false`: nothing more to do for it).
    fn fix(&mut self, input: &mut Input, config: &Arc<Config>) -> bool {
        if let Some(p) = &input.path {
            for t in remove_stale_temporaries(p) {
                let _ = writeln!(
                    self.err,
                    "{}: 已删除上次中断的修复留下的临时文件 {}",
                    input.name,
                    t.display()
                );
            }
        }
        let (fixed, n) = fix_until_stable(&input.text, input.kind, config.clone());
        let Some(path) = &input.path else {
            let _ = self.out.write_all(fixed.as_bytes());
            return false;
        };
        if n == 0 {
            return true;
        }
        match write_fixed(path, &fixed) {
            Err(e) => self.problem(format_args!("{}: 无法写入：{e}", input.name)),
            Ok(()) => {
                let _ = writeln!(self.err, "{}: 已修复 {n} 处", input.name);
                input.text = fixed;
            }
        }
        true
    }

    /// Print the JSON array (with `--format json`); the exit code.
    fn finish(self) -> i32 {
        if self.opts.format == Format::Json {
            let _ = serde_json::to_writer_pretty(&mut *self.out, &self.json);
            let _ = writeln!(self.out);
        }
        if self.io_error {
            EXIT_USAGE
        } else if self.fail {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::glob_match;

    fn run_check(paths: Vec<PathBuf>) -> (i32, String, String) {
        let opts = CheckOptions {
            paths,
            format: Format::Text,
            fix: false,
            strict: false,
            stdin_filename: None,
            doc_type: None,
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
