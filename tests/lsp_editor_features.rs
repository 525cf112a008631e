//! What editors show of the server (issue 13): rule links on diagnostics,
//! formatting as fix-all to the `--fix` fixed point, section symbols of
//! structural kinds, documents in other markup languages left alone. Each
//! runs the built binary over stdio.

mod common;

use common::{offset_of, Client, Enc};
use serde_json::{json, Value};

const ARTICLE: &str = "会议召开,部署工作:一是学习。\n二是落实(分工)。\n";

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

/// `zhproof check --fix` of `text` read from standard input as `name`.
fn cli_fix(text: &str, name: &str) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_zhproof"))
        .args(["check", "--fix", "--stdin-filename", name, "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("zhproof runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("written");
    let out = child.wait_with_output().expect("output");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Apply LSP text edits (UTF-16 positions) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let p = |v: &Value| {
                offset_of(
                    text,
                    v["line"].as_u64().expect("line"),
                    v["character"].as_u64().expect("character"),
                    Enc::Utf16,
                )
            };
            (
                p(&e["range"]["start"]),
                p(&e["range"]["end"]),
                e["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}

#[test]
fn each_diagnostic_links_to_its_rule() {
    // the default: the rule reference of the source tree, docs/rules.md
    let mut c = Client::start();
    c.initialize(&["utf-16"]);
    let uri = "file:///tmp/zhproof-links/a.txt";
    c.open(uri, "plaintext", ARTICLE);
    let diags = c.diagnostics(uri, 1);
    assert!(!diags.is_empty());
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let reference = std::fs::read_to_string(&docs).expect("docs/rules.md");
    for d in &diags {
        let code = d["code"].as_str().expect("code");
        let href = d["codeDescription"]["href"].as_str().expect("a link");
        let (file, anchor) = href.split_once('#').expect("a fragment");
        assert!(
            file.starts_with("file:///") && file.ends_with("/docs/rules.md"),
            "{href}"
        );
        assert_eq!(anchor, code);
        // the fragment is the rule's heading in that file
        assert!(reference.contains(&format!("\n## `{code}`\n")), "{code}");
    }
    c.shutdown();

    // a client's own prefix (the VS Code extension serves zhproof:/rules/CODE)
    let mut c = Client::start();
    c.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {},
               "initializationOptions": {"ruleDocs": "zhproof:/rules/"}}),
    );
    c.notify("initialized", json!({}));
    c.open(uri, "plaintext", ARTICLE);
    let diags = c.diagnostics(uri, 1);
    assert!(!diags.is_empty());
    for d in &diags {
        assert_eq!(
            d["codeDescription"]["href"],
            json!(format!(
                "zhproof:/rules/{}",
                d["code"].as_str().expect("code")
            ))
        );
    }
    // the code action's copy of the diagnostic carries the same link
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 5}},
               "context": {"diagnostics": [], "only": ["quickfix"]}}),
    );
    let first = &actions[0]["diagnostics"][0];
    assert_eq!(
        first["codeDescription"]["href"],
        json!("zhproof:/rules/punct-halfwidth")
    );
    c.shutdown();
}

#[test]
fn formatting_is_fix_all_to_the_fixed_point_of_check_fix() {
    let mut c = Client::start();
    let init = c.initialize(&["utf-16"]);
    assert_eq!(
        init["capabilities"]["documentFormattingProvider"],
        json!(true)
    );
    for (name, lang, text) in [
        ("news_report.txt", "plaintext", fixture("news_report.txt")),
        (
            "official_plan.txt",
            "plaintext",
            fixture("official_plan.txt"),
        ),
        ("feature.md", "markdown", fixture("feature.md")),
        ("short.txt", "plaintext", ARTICLE.to_string()),
    ] {
        let uri = format!("file:///tmp/zhproof-format/{name}");
        c.open(&uri, lang, &text);
        c.diagnostics(&uri, 1);
        let edits = c.request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        );
        let edits = edits.as_array().expect("edits").clone();
        let want = cli_fix(&text, name);
        assert_ne!(want, text, "{name}: the fixture has something to fix");
        assert_eq!(edits.len(), 1, "{name}: one edit");
        assert_eq!(apply(&text, &edits), want, "{name}");
        // the formatted text is formatted: nothing more to do
        c.replace(&uri, 2, &want);
        c.diagnostics(&uri, 2);
        let again = c.request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        );
        assert_eq!(again, json!([]), "{name}");
    }
    c.shutdown();
}

#[test]
fn sections_are_symbols_of_structural_kinds() {
    let mut c = Client::start();
    c.initialize(&["utf-16"]);
    let uri = "file:///tmp/zhproof-symbols/official_plan.txt";
    c.open(uri, "plaintext", &fixture("official_plan.txt"));
    c.diagnostics(uri, 1);
    let syms = c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    // File (the title) > Module (一、) > Namespace (（一）) …, never String
    const FILE: u64 = 1;
    const MODULE: u64 = 2;
    const NAMESPACE: u64 = 3;
    fn walk(v: &Value, depth: usize, out: &mut Vec<(usize, u64)>) {
        for s in v.as_array().into_iter().flatten() {
            out.push((depth, s["kind"].as_u64().expect("kind")));
            walk(&s["children"], depth + 1, out);
        }
    }
    let mut kinds = Vec::new();
    walk(&syms, 0, &mut kinds);
    assert!(kinds.len() >= 4, "{syms}");
    assert_eq!(kinds[0], (0, FILE));
    assert!(
        kinds.iter().any(|&(d, k)| d == 1 && k == MODULE),
        "{kinds:?}"
    );
    assert!(
        kinds.iter().any(|&(d, k)| d == 2 && k == NAMESPACE),
        "{kinds:?}"
    );
    for &(d, k) in &kinds[1..] {
        assert!(d >= 1 && (k == MODULE || k == NAMESPACE), "{kinds:?}");
    }
    c.shutdown();
}

#[test]
fn documents_in_other_markup_languages_are_left_alone() {
    let mut c = Client::start();
    c.initialize(&["utf-16"]);
    let tex = "file:///tmp/zhproof-markup/a.tex";
    let txt = "file:///tmp/zhproof-markup/b.txt";
    c.open(
        tex,
        "latex",
        "\\section{会议召开,部署工作}\n正文,有问题。\n",
    );
    c.open(txt, "plaintext", ARTICLE);
    // the plain-text document is checked; the LaTeX one never gets diagnostics
    assert!(!c.diagnostics(txt, 1).is_empty());
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": tex, "version": 2},
               "contentChanges": [{"text": "正文,还有问题。\n"}]}),
    );
    // its text is still kept in sync
    assert_eq!(c.server_text(tex)["text"], json!("正文,还有问题。\n"));
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": tex}, "position": {"line": 0, "character": 1}}),
    );
    assert_eq!(hover, Value::Null);
    let fmt = c.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": tex}, "options": {"tabSize": 4, "insertSpaces": true}}),
    );
    assert_eq!(fmt, Value::Null);
    // a later change to the checked document is published; none for the LaTeX one came
    c.replace(txt, 2, "又一段,有问题。\n");
    c.diagnostics(txt, 2);
    assert!(
        !c.backlog
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == tex),
        "{:?}",
        c.backlog
    );
    assert!(
        c.logs
            .iter()
            .any(|l| l.contains("a.tex") && l.contains("LaTeX")),
        "{:?}",
        c.logs
    );
    let code = c.shutdown();
    assert_eq!(code, Some(0));
}
