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

// ---- issue 14: protocol abuse over stdio ----
//
// After each abuse the server still answers a following request with the
// right result, and `shutdown` + `exit` end it with code 0.

/// A fresh client, initialized, with `text` open at `URI` (version 1) and
/// its first diagnostics received.
fn ready_with(text: &str) -> Client {
    let mut c = Client::start();
    c.initialize(&[]);
    c.open(URI, "plaintext", text);
    c.diagnostics(URI, 1);
    c
}

/// The server's copy of `URI` is `text` at `version`.
fn server_has(c: &mut Client, text: &str, version: i64) {
    let t = c.server_text(URI);
    assert_eq!(t["version"], version, "version");
    assert_eq!(t["text"].as_str(), Some(text), "server text");
}

/// Every diagnostic range lies inside `text` on character boundaries (the
/// client's own conversion) and the start is not after the end.
fn ranges_valid(text: &str, diags: &[Value], enc: common::Enc) {
    let starts = common::line_starts(text);
    for d in diags {
        for end in ["start", "end"] {
            let line = d["range"][end]["line"].as_u64().expect("line") as usize;
            assert!(
                line < starts.len(),
                "line {line} of {} in {d}",
                starts.len()
            );
        }
        let (s, e) = common::byte_range(text, &d["range"], enc);
        assert!(s <= e && e <= text.len(), "{d}");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "{d}");
    }
}

#[test]
fn a_huge_content_length_is_refused_and_the_next_frame_read() {
    let mut bad = b"Content-Length: 99999999999999\r\n\r\n".to_vec();
    bad.extend(frame(HOVER));
    let mut c = after_bad_frame(&bad);
    logged(&mut c, "bad Content-Length");
    assert!(
        c.response_within(900, BOUND).is_some(),
        "the frame after it"
    );
    // a length past usize, and one just over the 64 MiB limit
    for n in ["184467440737095516160", &((64usize << 20) + 1).to_string()] {
        let bad = format!("Content-Length: {n}\r\n\r\n");
        c.write_bytes(bad.as_bytes());
        answers(&mut c);
    }
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn invalid_json_and_non_messages_are_logged_and_skipped() {
    let mut c = ready();
    for body in [
        "{not json",
        "[1, 2, 3]",
        r#"{"jsonrpc": "1.0", "id": 5, "method": "textDocument/hover"}"#,
        r#"{"jsonrpc": "2.0", "id": {"x": 1}, "method": "textDocument/hover"}"#,
        r#"{"jsonrpc": "2.0", "id": 6, "method": "textDocument/hover", "params": 7}"#,
        "",
    ] {
        c.write_bytes(&frame(body));
        answers(&mut c);
    }
    logged(&mut c, "invalid JSON");
    logged(&mut c, "not a JSON object");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn invalid_utf8_in_a_body_is_logged_and_skipped() {
    let mut c = ready();
    let mut body = br#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///tmp/abuse.txt","version":2},"contentChanges":[{"text":""#.to_vec();
    body.extend_from_slice(b"\xff\xfe\xc3(\xed\xa0\x80");
    body.extend_from_slice(br#""}]}}"#);
    let mut bad = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    bad.extend(body);
    c.write_bytes(&bad);
    logged(&mut c, "invalid JSON");
    // the change was not applied: the text and version are as opened
    answers(&mut c);
    server_has(&mut c, "这一段没有问题,真的。", 1);
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn unknown_methods_get_method_not_found_and_change_nothing() {
    let mut c = ready();
    for m in [
        "zhproof/noSuchThing",
        "textDocument/noSuchThing",
        "workspace/x",
    ] {
        let id = c.send_request(m, json!({"uri": URI}));
        let v = c.response_within(id, BOUND).expect("an answer");
        assert_eq!(v["error"]["code"], -32601, "{m}: {v}");
    }
    // unknown notifications are ignored
    c.notify("textDocument/noSuchThing", json!({"uri": URI}));
    c.notify("zhproof/noSuchThing", Value::Null);
    answers(&mut c);
    server_has(&mut c, "这一段没有问题,真的。", 1);
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn requests_before_initialize_are_refused_then_initialize_works() {
    let mut c = Client::start();
    let id = c.send_request("textDocument/hover", hover_params(0, 1));
    let v = c.response_within(id, common::TIMEOUT).expect("an answer");
    assert_eq!(v["error"]["code"], -32002, "server not initialized: {v}");
    let id = c.send_request("zhproof/documentText", json!({"uri": URI}));
    let v = c.response_within(id, common::TIMEOUT).expect("an answer");
    assert_eq!(v["error"]["code"], -32002, "{v}");
    // a notification before initialize is dropped, not applied later
    c.open(URI, "plaintext", "未初始化时打开,");
    c.initialize(&[]);
    let id = c.send_request("zhproof/documentText", json!({"uri": URI}));
    let v = c.response_within(id, common::TIMEOUT).expect("an answer");
    assert!(
        v.get("error").is_none() && v["result"].is_null(),
        "not open: {v}"
    );
    c.open(URI, "plaintext", "这一段没有问题,真的。");
    c.diagnostics(URI, 1);
    answers(&mut c);
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn requests_after_shutdown_are_refused_and_exit_ends_with_0() {
    let mut c = ready();
    let r = c.request("shutdown", Value::Null);
    assert!(r.is_null());
    let id = c.send_request("textDocument/hover", hover_params(0, 1));
    let v = c.response_within(id, common::TIMEOUT).expect("an answer");
    assert_eq!(
        v["error"]["code"], -32600,
        "invalid request after shutdown: {v}"
    );
    // a second shutdown is refused too, and notifications are ignored
    let id = c.send_request("shutdown", Value::Null);
    let v = c.response_within(id, common::TIMEOUT).expect("an answer");
    assert!(v.get("error").is_some(), "{v}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    c.notify("exit", Value::Null);
    assert_eq!(c.wait_exit(), Some(0));
}

#[test]
fn did_change_before_did_open_is_ignored() {
    let mut c = Client::start();
    c.initialize(&[]);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 7},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "前"}]}),
    );
    logged(&mut c, "didChange for unknown document");
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": "file:///tmp/never-opened.txt"}}),
    );
    logged(&mut c, "didClose for unknown document");
    c.open(URI, "plaintext", "这一段没有问题,真的。");
    c.diagnostics(URI, 1);
    answers(&mut c);
    server_has(&mut c, "这一段没有问题,真的。", 1);
    assert_eq!(c.shutdown(), Some(0));
}

/// The byte offset the server's clamping gives a position (written here
/// independently): past the last line → the end; past a line's end → the
/// line's end; inside a character (between surrogates) → its start.
fn clamped_offset(text: &str, line: usize, character: u64, enc: common::Enc) -> usize {
    let starts = common::line_starts(text);
    let Some(&start) = starts.get(line) else {
        return text.len();
    };
    let mut units = 0u64;
    for (i, c) in text[start..].char_indices() {
        let u = match enc {
            common::Enc::Utf8 => c.len_utf8(),
            common::Enc::Utf16 => c.len_utf16(),
            common::Enc::Utf32 => 1,
        } as u64;
        if units >= character || c == '\n' || c == '\r' || units + u > character {
            return start + i;
        }
        units += u;
    }
    text.len()
}

#[test]
fn out_of_range_inverted_and_mid_surrogate_ranges_are_clamped() {
    let enc = common::Enc::Utf16;
    let mut text = "𠮷第一行,\r\n第二行😀尾。\n".to_string();
    let mut c = ready_with(&text);
    type Case = ((u32, u32), (u32, u32), &'static str);
    let cases: [Case; 6] = [
        ((0, 1), (0, 1), "入"),    // between the surrogates of 𠮷
        ((1, 4), (1, 99), "，"),   // inside 😀 to past the line's end
        ((99, 0), (120, 5), "末"), // past the last line
        ((1, 2), (0, 2), ""),      // inverted: end before start
        ((0, 3), (0, 1), "倒"),    // inverted, ending mid-surrogate
        ((5, 0), (0, 0), "首"),    // inverted across the whole text
    ];
    let mut version = 1;
    for ((sl, sc), (el, ec), ins) in cases {
        let s = clamped_offset(&text, sl as usize, sc as u64, enc);
        let e = clamped_offset(&text, el as usize, ec as u64, enc);
        let (s, e) = if s <= e { (s, e) } else { (e, s) };
        text.replace_range(s..e, ins);
        version += 1;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version},
                   "contentChanges": [{"range": {"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}}, "text": ins}]}),
        );
        server_has(&mut c, &text, version);
    }
    logged(&mut c, "out of bounds; clamped");
    let diags = c.diagnostics(URI, version);
    ranges_valid(&text, &diags, enc);
    answers_at(&mut c, version);
    assert_eq!(c.shutdown(), Some(0));
}

/// As [`answers`], for a document at `version`.
fn answers_at(c: &mut Client, version: i64) {
    let id = c.send_request("zhproof/documentText", json!({"uri": URI}));
    let v = c
        .response_within(id, BOUND)
        .expect("answered within a second");
    assert_eq!(v["result"]["version"], version, "{v}");
}

#[test]
fn versions_going_backwards_are_ignored() {
    let mut c = ready();
    let change = |c: &mut Client, version: i64, text: &str| {
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": text}]}),
        )
    };
    change(&mut c, 5, "第五版,");
    change(&mut c, 3, "第三版,");
    change(&mut c, 5, "又是第五版,");
    change(&mut c, -1, "负的版本,");
    logged(&mut c, "stale didChange");
    server_has(&mut c, "第五版,", 5);
    let diags = c.diagnostics(URI, 5);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "punct-halfwidth");
    change(&mut c, 6, "第六版。");
    server_has(&mut c, "第六版。", 6);
    assert!(c.diagnostics(URI, 6).is_empty());
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn a_long_single_line_document_is_analysed_and_edited() {
    // 10 MB in the issue; 2 MB here keeps the debug-build suite fast (the
    // release binary takes the 10 MB line the same way: see fuzz/README.md)
    let unit = "会议召开,部署工作。今年1至9月利用内资81.73亿元，同比增长7.8%。";
    let mut text = unit.repeat((2 << 20) / unit.len());
    assert!(text.len() > 2_000_000 && !text.contains('\n'));
    let mut c = Client::start();
    c.initialize(&[]);
    c.open(URI, "plaintext", &text);
    let diags = c.diagnostics(URI, 1);
    assert!(diags.len() >= text.len() / unit.len(), "{}", diags.len());
    // an edit at the far end of the line
    let end = text.encode_utf16().count() as u32;
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": end}, "end": {"line": 0, "character": end}}, "text": "尾,"}]}),
    );
    text.push_str("尾,");
    let diags = c.diagnostics(URI, 2);
    let last = diags.last().expect("findings");
    let (s, e) = common::byte_range(&text, &last["range"], common::Enc::Utf16);
    assert_eq!(&text[s..e], ",", "the new comma at the end is found");
    assert_eq!(s, text.len() - 1);
    let t = c.server_text(URI);
    assert_eq!(t["text"].as_str().map(str::len), Some(text.len()));
    answers_at(&mut c, 2);
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn documents_of_only_combining_marks_emoji_or_nul_bytes() {
    let enc = common::Enc::Utf16;
    let docs = [
        "\u{301}\u{308}\u{20dd}".repeat(300),
        "😀👍🏽👨\u{200d}👩\u{200d}👧🇨🇳\u{fe0f}".repeat(200),
        "\0".repeat(3000),
        "\0\u{301}😀\r\0\n\u{2028}".repeat(100),
    ];
    let mut c = Client::start();
    c.initialize(&[]);
    for (k, text) in docs.iter().enumerate() {
        let uri = format!("file:///tmp/odd-{k}.txt");
        c.open(&uri, "plaintext", text);
        let diags = c.diagnostics(&uri, 1);
        ranges_valid(text, &diags, enc);
        // hover and outline anywhere do not fail
        let lines = common::line_starts(text).len() as u32;
        for (line, character) in [(0, 0), (0, 1), (0, 7), (lines - 1, 3), (lines + 3, 0)] {
            let v = c.request_raw(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
            );
            assert!(v.get("error").is_none(), "{v}");
        }
        let v = c.request_raw(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        );
        assert!(v.get("error").is_none(), "{v}");
        let t = c.request("zhproof/documentText", json!({"uri": uri}));
        assert_eq!(t["text"].as_str(), Some(text.as_str()));
    }
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn two_hundred_documents_open_at_once() {
    let mut c = Client::start();
    c.initialize(&[]);
    let uri = |k: usize| format!("file:///tmp/many/{k}.txt");
    for k in 0..200 {
        c.open(&uri(k), "plaintext", &format!("第{k}篇,会议召开。\n"));
    }
    for k in 0..200 {
        let diags = c.diagnostics(&uri(k), 1);
        assert_eq!(diags.len(), 1, "{k}: {diags:?}");
        assert_eq!(diags[0]["code"], "punct-halfwidth");
    }
    // each document is its own: change one, close another
    c.replace(&uri(17), 2, "第十七篇。");
    assert!(c.diagnostics(&uri(17), 2).is_empty());
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri(18)}}),
    );
    let t = c.request("zhproof/documentText", json!({"uri": uri(199)}));
    assert_eq!(t["text"], "第199篇,会议召开。\n");
    let t = c.request("zhproof/documentText", json!({"uri": uri(17)}));
    assert_eq!(t["text"], "第十七篇。");
    assert_eq!(c.shutdown(), Some(0));
}
