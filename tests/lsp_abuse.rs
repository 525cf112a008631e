//! Regression tests of issue 18 over stdio: a client that sends long
//! single-line documents, bad frames, `exit` without `shutdown` or unknown
//! `$/` requests must not freeze, deafen or confuse the server.

mod common;

use std::time::{Duration, Instant};

use common::Client;
use serde_json::{json, Value};

/// How long the next request may take once the server is idle again.
const BOUND: Duration = Duration::from_secs(1);

const URI: &str = "file:///tmp/abuse.txt";

/// A started, initialized client with one small document open.
fn ready() -> Client {
    let mut c = Client::start();
    c.initialize(&[]);
    c.open(URI, "plaintext", "这一段没有问题,真的。");
    c.diagnostics(URI, 1);
    c
}

/// A request is answered (and fast: the server is not stuck).
fn answers(c: &mut Client) {
    let id = c.send_request("zhproof/documentText", json!({"uri": URI}));
    let v = c
        .response_within(id, BOUND)
        .expect("the request after the bad frame is answered within a second");
    assert_eq!(v["result"]["version"], 1, "{v}");
}

/// Wait for a log message containing `what`.
fn logged(c: &mut Client, what: &str) {
    c.wait_for("window/logMessage", |p| {
        p["message"].as_str().is_some_and(|m| m.contains(what))
    });
}

fn hover_params(line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}})
}

#[test]
fn fix_all_on_a_long_line_does_not_freeze_the_server() {
    let unit = "甲乙丙丁,戊己庚辛。"; // one fixable halfwidth comma
    let text = unit.repeat(400_000 / unit.len());
    assert!(text.len() >= 390_000 && !text.contains('\n'));
    let n_units = text.len() / unit.len();
    let mut c = Client::start();
    c.initialize(&[]);
    c.open(URI, "plaintext", &text);
    let diags = c.diagnostics(URI, 1);
    assert!(diags.len() >= n_units, "{} findings", diags.len());
    // build the hover index first: the timed hover measures the loop only
    c.request("textDocument/hover", hover_params(0, 4));
    let last = (text.chars().count() - 6) as u32;
    let whole =
        json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": last + 6}});

    // fix-all, and a hover sent right behind it: the hover is not held up
    let fix_all = c.send_request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": whole,
               "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let sent = Instant::now();
    let hover = c.send_request("textDocument/hover", hover_params(0, last));
    let h = c
        .response_within(hover, BOUND)
        .expect("hover answered within a second while fix-all is built");
    assert!(sent.elapsed() < BOUND);
    assert!(h.get("error").is_none(), "{h}");
    let r = c
        .response_within(fix_all, common::TIMEOUT)
        .expect("fix-all answered");
    let actions = r["result"].as_array().expect("actions");
    assert_eq!(actions.len(), 1);
    let edits = common::edits_for(&actions[0]["edit"], URI);
    // one edit, to the fixed point (the changed middle of the text)
    assert_eq!(edits.len(), 1, "fix-all is one edit");
    let fixed = common::apply_text_edits(&text, &edits, common::Enc::Utf16);
    assert!(!fixed.contains(','), "every comma fixed");
    // and the next request after it is quick too
    let t = Instant::now();
    c.request("textDocument/hover", hover_params(0, 4));
    assert!(
        t.elapsed() < BOUND,
        "hover after fix-all took {:?}",
        t.elapsed()
    );

    // a whole-document request carries at most 500 findings' quick fixes
    let all = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": whole, "context": {"diagnostics": []}}),
    );
    let all = all.as_array().expect("actions");
    let quick = all
        .iter()
        .filter(|a| a["kind"] == "quickfix" && a["isPreferred"] == true)
        .count();
    assert_eq!(quick, 500);
    assert!(all.iter().any(|a| a["kind"] == "source.fixAll.zhproof"));
    assert_eq!(c.shutdown(), Some(0));
}

/// A good request frame whose body is `body`.
fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

const HOVER: &str = r#"{"jsonrpc":"2.0","id":900,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///tmp/abuse.txt"},"position":{"line":0,"character":1}}}"#;

fn after_bad_frame(bad: &[u8]) -> Client {
    let mut c = ready();
    c.write_bytes(bad);
    answers(&mut c);
    c
}

#[test]
fn a_stray_byte_before_a_header() {
    let mut bad = b"x".to_vec();
    bad.extend(frame(HOVER));
    let mut c = after_bad_frame(&bad);
    assert!(
        c.response_within(900, BOUND).is_some(),
        "the frame after the byte"
    );
    logged(&mut c, "skipped 1 bytes");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn a_misspelt_header() {
    let bad = format!("Content-Lenght: {}\r\n\r\n{HOVER}", HOVER.len());
    let mut c = after_bad_frame(bad.as_bytes());
    logged(&mut c, "without a Content-Length");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn a_missing_header() {
    let mut c = after_bad_frame(HOVER.as_bytes());
    logged(&mut c, "skipped");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn a_non_numeric_length() {
    let bad = format!("Content-Length: forty\r\n\r\n{HOVER}");
    let mut c = after_bad_frame(bad.as_bytes());
    logged(&mut c, "bad Content-Length");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn a_length_a_few_bytes_too_long() {
    let bad = format!("Content-Length: {}\r\n\r\n{HOVER}", HOVER.len() + 3);
    let mut c = after_bad_frame(bad.as_bytes());
    assert!(
        c.response_within(900, BOUND).is_some(),
        "the frame itself is read"
    );
    logged(&mut c, "longer than the message");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn a_length_a_few_bytes_too_short() {
    let bad = format!("Content-Length: {}\r\n\r\n{HOVER}", HOVER.len() - 3);
    let mut c = after_bad_frame(bad.as_bytes());
    logged(&mut c, "malformed");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn exit_without_shutdown_ends_with_code_1() {
    let mut c = ready();
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(), Some(1));
    // with shutdown first: 0
    assert_eq!(ready().shutdown(), Some(0));
}

#[test]
fn unknown_dollar_requests_get_method_not_found() {
    let mut c = ready();
    let id = c.send_request("$/zhproof/unknown", json!({}));
    let v = c.response_within(id, BOUND).expect("an answer");
    assert_eq!(v["error"]["code"], -32601, "{v}");
    // an unknown $/ notification is ignored
    c.notify("$/zhproof/unknown", json!({}));
    answers(&mut c);
    assert_eq!(c.shutdown(), Some(0));
}
