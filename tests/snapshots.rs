//! Snapshot expectations of the fixture articles: every finding that
//! `zhproof check` reports on `tests/fixtures/NAME.txt` (or `.md`) is written,
//! one a line, in `tests/fixtures/NAME.expected`:
//!
//! ```text
//! line:col code text message
//! ```
//!
//! with `line` and `col` 1-based (the column counted in characters), `text`
//! the flagged text (backslashes, newlines, carriage returns and tabs escaped
//! as `\\`, `\n`, `\r`, `\t`), in the order the command prints them. The
//! `.fixed.txt` files (the expected outputs of `--fix`) are not articles and
//! have no snapshot.
//!
//! Run with `UPDATE_EXPECT=1` to rewrite the `.expected` files from what the
//! binary reports now; then read the diff before committing it.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The folder of the fixture articles.
fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The fixture articles (`.txt` and `.md`, without the `.fixed.txt` files),
/// sorted by name.
fn articles() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            (name.ends_with(".txt") || name.ends_with(".md")) && !name.ends_with(".fixed.txt")
        })
        .collect();
    out.sort();
    out
}

/// `text` on one line: `\`, newline, carriage return and tab escaped.
fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            _ => s.push(c),
        }
    }
    s
}

/// One finding of `check --format json` as a snapshot line.
fn snapshot_line(finding: &Value) -> String {
    let field = |k: &str| finding.get(k).and_then(Value::as_str).unwrap_or("?");
    let start = &finding["start"];
    format!(
        "{}:{} {} {} {}",
        start["line"],
        start["column"],
        field("code"),
        escape(field("text")),
        escape(field("message"))
    )
}

/// What the built binary reports on `article`, as snapshot text (one line
/// per finding, each ending in a newline).
fn current_snapshot(article: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_zhproof"))
        .args(["check", "--format", "json"])
        .arg(article)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run zhproof check");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let findings: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "{}: check --format json printed no JSON ({e}); stderr: {}",
            article.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let list = findings.as_array().cloned().unwrap_or_default();
    list.iter().map(|f| snapshot_line(f) + "\n").collect()
}

/// The `.expected` file of an article (`news_report.txt` → `news_report.expected`).
fn expected_path(article: &Path) -> PathBuf {
    article.with_extension("expected")
}

/// A message naming the first line where `want` and `got` differ.
fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let n = w.iter().zip(&g).take_while(|(a, b)| a == b).count();
    let show = |v: &[&str]| {
        v.get(n)
            .map_or("(no line: end of the list)".to_string(), |l| l.to_string())
    };
    format!(
        "first difference at line {} of {} expected / {} reported findings:\n- expected: {}\n+ reported: {}",
        n + 1,
        w.len(),
        g.len(),
        show(&w),
        show(&g)
    )
}

#[test]
fn fixture_findings_match_their_snapshots() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some_and(|v| v != "0" && !v.is_empty());
    let articles = articles();
    assert!(articles.len() >= 10, "fixture articles found: {articles:?}");
    let mut failures = Vec::new();
    for article in &articles {
        let got = current_snapshot(article);
        let path = expected_path(article);
        if update {
            std::fs::write(&path, &got).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if want != got {
            failures.push(format!(
                "{}: {}",
                path.display(),
                first_difference(&want, &got)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "findings differ from the snapshots (rerun with UPDATE_EXPECT=1 to accept the new ones, then read the diff):\n\n{}",
        failures.join("\n\n")
    );
}

#[test]
fn every_snapshot_has_its_article() {
    // a snapshot left behind by a renamed or deleted fixture would never be checked
    let articles = articles();
    for e in std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures is readable")
        .flatten()
    {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "expected") {
            assert!(
                articles.iter().any(|a| expected_path(a) == p),
                "{}: no article of that name",
                p.display()
            );
        }
    }
}

#[test]
fn escaping_keeps_a_finding_on_one_line() {
    assert_eq!(escape("a\nb\tc\\d\r"), "a\\nb\\tc\\\\d\\r");
    assert_eq!(escape("“安徘”"), "“安徘”");
}
