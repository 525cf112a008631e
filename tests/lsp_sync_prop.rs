//! Property test: random incremental edits (with 𠮷, CRLF, lone CR, U+2028)
//! sent over stdio leave the server's text identical to the client's.

mod common;

use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::json;

const ALPHABET: &[&str] = &[
    "中", "文", "𠮷", "a", ",", "，", "\n", "\r\n", "\r", "\u{2028}", " ", "😀", "。", "(", "é",
];

fn snippet() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(ALPHABET), 0..6).prop_map(|v| v.concat())
}

/// (start, end) as fractions of the char count, and the inserted text.
fn edit() -> impl Strategy<Value = (f64, f64, String)> {
    (0.0f64..=1.0, 0.0f64..=0.3, snippet())
}

/// A byte offset at a char boundary that is not between \r and \n.
fn offset_at(text: &str, frac: f64) -> usize {
    let n = text.chars().count();
    let k = ((n as f64) * frac).round() as usize;
    let mut off = text
        .char_indices()
        .nth(k.min(n))
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    if off > 0
        && off < text.len()
        && text.as_bytes()[off - 1] == b'\r'
        && text.as_bytes()[off] == b'\n'
    {
        off += 1;
    }
    off
}

fn run(offered: &str, enc: Enc) {
    let mut c = Client::start();
    c.initialize(&[offered]);
    let version = 1;
    let uri = "file:///tmp/prop.txt";
    let initial = "𠮷标题\r\n\r\n第一段,内容。\n第二段\u{2028}续\r第三段。";
    c.open(uri, "plaintext", initial);
    let state = std::cell::RefCell::new((c, initial.to_string(), version));
    let mut runner = TestRunner::new(Config {
        cases: 48,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = proptest::collection::vec(edit(), 1..8);
    let result = runner.run(&strategy, |edits| {
        let mut st = state.borrow_mut();
        let (c, client_text, version) = &mut *st;
        let mut changes = Vec::new();
        for (a, len, ins) in edits {
            let s = offset_at(client_text, a);
            let e = offset_at(client_text, (a + len).min(1.0)).max(s);
            let range = json!({"start": position_of(client_text, s, enc), "end": position_of(client_text, e, enc)});
            client_text.replace_range(s..e, &ins);
            changes.push(json!({"range": range, "text": ins}));
        }
        *version += 1;
        c.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": *version}, "contentChanges": changes}));
        let t = c.server_text(uri);
        prop_assert_eq!(t["version"].as_i64(), Some(*version));
        prop_assert_eq!(t["text"].as_str(), Some(client_text.as_str()));
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    // the final analysis is published for the final version
    let (mut c, _, version) = state.into_inner();
    c.diagnostics(uri, version);
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn random_edits_utf16() {
    run("utf-16", Enc::Utf16);
}

#[test]
fn random_edits_utf8() {
    run("utf-8", Enc::Utf8);
}

#[test]
fn random_edits_utf32() {
    run("utf-32", Enc::Utf32);
}
