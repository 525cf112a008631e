//! What the command line reads a text as (issue 13): `--type` over the
//! name, documents in other markup languages skipped, a byte order mark not
//! counted as a column, an indented code block after one blank line not
//! proofread. Each runs the binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

mod cli_common;
use cli_common::bin;

const MD: &str = "---\ntitle: 会议,部署\n---\n\n# 标题\n\n```\n代码(一,二)\n```\n\n正文,有问题。\n";

fn with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("zhproof runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("written");
    child.wait_with_output().expect("output")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn run(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("zhproof runs")
}

#[test]
fn type_markdown_keeps_front_matter_and_code_of_standard_input() {
    // plain text (the default for standard input) rewrites them
    let plain = with_stdin(&["check", "--fix", "-"], MD);
    let plain = text(&plain.stdout);
    assert!(!plain.contains("title: 会议,部署"), "{plain}");
    assert!(!plain.contains("代码(一,二)"), "{plain}");
    // as Markdown only the paragraph is fixed
    let out = with_stdin(&["check", "--fix", "--type", "markdown", "-"], MD);
    assert_eq!(
        text(&out.stdout),
        MD.replace("正文,有问题", "正文，有问题"),
        "{}",
        text(&out.stderr)
    );
    // --type wins over the name's extension
    let out = with_stdin(
        &[
            "check",
            "--type",
            "markdown",
            "--stdin-filename",
            "a.txt",
            "-",
        ],
        MD,
    );
    let s = text(&out.stdout);
    assert_eq!(s.lines().count(), 1, "{s}");
    assert!(s.starts_with("a.txt:11:3: "), "{s}");
}

#[test]
fn type_text_reads_a_markdown_file_as_plain_text() {
    let d = cli_common::tmpdir("types", "as-text");
    let f = d.join("a.md");
    std::fs::write(&f, MD).expect("written");
    let md = text(&run(bin().arg("check").arg(&f)).stdout);
    let plain = text(&run(bin().args(["check", "--type", "text"]).arg(&f)).stdout);
    assert_eq!(md.lines().count(), 1, "{md}");
    assert!(
        plain.lines().count() > 1,
        "front matter and code are checked: {plain}"
    );
}

#[test]
fn documents_in_other_markup_languages_are_skipped_unless_typed() {
    let d = cli_common::tmpdir("types", "markup");
    let body = "\\section{会议召开,部署工作}\n正文,有问题。\n";
    for name in ["a.tex", "b.html", "c.org", "d.rst", "e.adoc", "F.XML"] {
        std::fs::write(d.join(name), body).expect("written");
    }
    let txt = d.join("g.txt");
    std::fs::write(&txt, "正文,有问题。\n").expect("written");
    let mut cmd = bin();
    cmd.arg("check");
    for name in ["a.tex", "b.html", "c.org", "d.rst", "e.adoc", "F.XML"] {
        cmd.arg(d.join(name));
    }
    cmd.arg(&txt);
    let out = run(&mut cmd);
    let (o, e) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(o.lines().count(), 1, "only the .txt is checked: {o}");
    assert!(o.contains("g.txt:1:3:"), "{o}");
    assert_eq!(e.matches("已跳过").count(), 6, "{e}");
    assert!(
        e.contains("a.tex: LaTeX 文档") && e.contains("--type"),
        "{e}"
    );
    // only skipped files: nothing to report, exit 0
    let out = run(bin().arg("check").arg(d.join("a.tex")));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
    // --fix leaves them untouched
    let out = run(bin().args(["check", "--fix"]).arg(d.join("a.tex")));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(d.join("a.tex")).expect("read"),
        body
    );
    // --type text checks one anyway
    let out = run(bin().args(["check", "--type", "text"]).arg(d.join("a.tex")));
    assert!(
        text(&out.stdout).contains("a.tex:1:"),
        "{}",
        text(&out.stdout)
    );
    // standard input named as LaTeX: passed through --fix unchanged
    let out = with_stdin(&["check", "--fix", "--stdin-filename", "x.tex", "-"], body);
    assert_eq!(text(&out.stdout), body);
    assert!(
        text(&out.stderr).contains("未检查"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_byte_order_mark_is_not_a_column() {
    let with_bom = "\u{feff}会议召开,部署工作。\n第二行,也有。\n";
    let out = with_stdin(&["check", "-"], with_bom);
    let s = text(&out.stdout);
    assert!(s.starts_with("<stdin>:1:5: "), "{s}");
    assert!(s.contains("<stdin>:2:4: "), "{s}");
    let out = with_stdin(&["check", "--format", "json", "-"], with_bom);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v[0]["start"]["column"], 5);
    assert_eq!(v[0]["end"]["column"], 6);
    // the byte range still counts the mark's three bytes
    assert_eq!(v[0]["byte_range"]["start"], 3 + 12);
    // and --fix keeps it
    let out = with_stdin(&["check", "--fix", "-"], with_bom);
    assert!(text(&out.stdout).starts_with("\u{feff}会议召开，"));
}

#[test]
fn an_indented_code_block_after_one_blank_line_is_not_proofread() {
    let md = "正文。\n\n    代码,一(x)\n    代码,二\n\n后文,有问题。\n";
    let out = with_stdin(&["check", "--stdin-filename", "a.md", "-"], md);
    let s = text(&out.stdout);
    assert_eq!(s.lines().count(), 1, "{s}");
    assert!(s.starts_with("a.md:6:3: "), "{s}");
}
