//! A minimal LSP client for tests: starts the built `zhproof` binary, speaks
//! JSON-RPC with Content-Length framing over its stdio, answers the server's
//! own requests, and converts positions on the client side (independently of
//! the server's code) to check ranges.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<(Value, Instant)>,
    next_id: i64,
    /// When the last message taken from the server was fully read (before
    /// it was parsed): latency is measured to here.
    pub last_arrival: Option<Instant>,
    /// Notifications (and server requests) received but not yet consumed.
    pub backlog: VecDeque<Value>,
    /// Everything the server logged (window/logMessage).
    pub logs: Vec<String>,
    /// Requests the server sent us (method, whole message); all are answered.
    pub replies: Vec<(String, Value)>,
    /// What `workspace/configuration` answers for each item (null: defaults).
    pub settings: Value,
}

/// The server under test: the built binary, or `ZHPROOF_BIN` (to compare
/// two builds with the same benchmark).
pub fn binary() -> String {
    std::env::var("ZHPROOF_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_zhproof").to_string())
}

impl Client {
    pub fn start() -> Client {
        Client::start_with_env(&[])
    }

    pub fn start_with_env(env: &[(&str, &str)]) -> Client {
        let mut cmd = Command::new(binary());
        cmd.arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start zhproof lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    match r.read_line(&mut line) {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    let l = line.trim_end();
                    if l.is_empty() {
                        break;
                    }
                    if let Some(v) = l.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let Some(n) = len else { return };
                let mut buf = vec![0; n];
                if r.read_exact(&mut buf).is_err() {
                    return;
                }
                let arrived = Instant::now();
                match serde_json::from_slice::<Value>(&buf) {
                    Ok(v) => {
                        if tx.send((v, arrived)).is_err() {
                            return;
                        }
                    }
                    Err(_) => return,
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            last_arrival: None,
            settings: Value::Null,
            backlog: VecDeque::new(),
            logs: Vec::new(),
            replies: Vec::new(),
        }
    }

    pub fn send_raw(&mut self, body: &[u8]) {
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        self.stdin
            .write_all(header.as_bytes())
            .expect("write header");
        self.stdin.write_all(body).expect("write body");
        self.stdin.flush().expect("flush");
    }

    pub fn send(&mut self, v: &Value) {
        let body = serde_json::to_vec(v).expect("json");
        self.send_raw(&body);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Receive one message, answering server requests and recording logs.
    fn recv(&mut self, deadline: Instant) -> Option<Value> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let v = match self.rx.recv_timeout(left) {
                Ok((v, at)) => {
                    self.last_arrival = Some(at);
                    v
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                    return None
                }
            };
            if v.get("method").is_some() && v.get("id").is_some() {
                let method = v["method"].as_str().unwrap_or("").to_string();
                let result = match method.as_str() {
                    "workspace/configuration" => {
                        let n = v["params"]["items"]
                            .as_array()
                            .map(|a| a.len())
                            .unwrap_or(1);
                        Value::Array(vec![self.settings.clone(); n])
                    }
                    _ => Value::Null,
                };
                self.replies.push((method, v.clone()));
                let id = v["id"].clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
                continue;
            }
            if v.get("method").and_then(Value::as_str) == Some("window/logMessage") {
                self.logs
                    .push(v["params"]["message"].as_str().unwrap_or("").to_string());
            }
            return Some(v);
        }
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self
                .recv(deadline)
                .unwrap_or_else(|| panic!("no response to {method}"));
            if v.get("id") == Some(&json!(id)) && v.get("method").is_none() {
                if let Some(e) = v.get("error") {
                    panic!("{method} failed: {e}");
                }
                return v["result"].clone();
            }
            self.backlog.push_back(v);
        }
    }

    /// A request whose error we want to see.
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self
                .recv(deadline)
                .unwrap_or_else(|| panic!("no response to {method}"));
            if v.get("id") == Some(&json!(id)) && v.get("method").is_none() {
                return v;
            }
            self.backlog.push_back(v);
        }
    }

    /// Wait for a notification matching `pred` (looks at the backlog first).
    pub fn wait_for(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self
            .backlog
            .iter()
            .position(|v| v["method"] == method && pred(&v["params"]))
        {
            return self
                .backlog
                .remove(i)
                .map(|v| v["params"].clone())
                .unwrap_or(Value::Null);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self
                .recv(deadline)
                .unwrap_or_else(|| panic!("timed out waiting for {method}"));
            if v["method"] == method && pred(&v["params"]) {
                return v["params"].clone();
            }
            self.backlog.push_back(v);
        }
    }

    /// Wait for diagnostics of `uri` at `version` that have not arrived yet;
    /// also returns when their frame was fully read.
    pub fn diagnostics_timed(&mut self, uri: &str, version: i64) -> (Vec<Value>, Instant) {
        let pending = |v: &Value| {
            v["method"] == "textDocument/publishDiagnostics"
                && v["params"]["uri"] == uri
                && v["params"]["version"] == version
        };
        assert!(
            !self.backlog.iter().any(pending),
            "diagnostics already received"
        );
        let d = self.diagnostics(uri, version);
        (d, self.last_arrival.unwrap_or_else(Instant::now))
    }

    /// Wait for diagnostics of `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let p = self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        p["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// Wait for diagnostics of `uri` that satisfy `pred` (any version).
    pub fn diagnostics_where(&mut self, uri: &str, pred: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let p = self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri
                && pred(
                    p["diagnostics"]
                        .as_array()
                        .map(Vec::as_slice)
                        .unwrap_or(&[]),
                )
        });
        p["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// Keep reading (and answering) until the server has sent a request
    /// `method`; returns its params.
    pub fn wait_for_server_request(&mut self, method: &str) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some((_, v)) = self.replies.iter().find(|(m, _)| m == method) {
                return v["params"].clone();
            }
            if Instant::now() > deadline {
                panic!("server never sent {method}");
            }
            // recv answers server requests itself and returns only other
            // messages: poll in short steps so a request is noticed
            if let Some(v) = self.recv(Instant::now() + Duration::from_millis(20)) {
                self.backlog.push_back(v);
            }
        }
    }

    /// `initialize` + `initialized` as an editor with a workspace folder and
    /// the full set of workspace capabilities (configuration pull, watched
    /// files, versioned edits).
    pub fn initialize_workspace(&mut self, root: &std::path::Path) -> Value {
        let root_uri = file_uri(root);
        let r = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": [{"uri": root_uri, "name": "ws"}],
                "capabilities": {
                    "general": {"positionEncodings": ["utf-16"]},
                    "workspace": {
                        "configuration": true,
                        "didChangeConfiguration": {"dynamicRegistration": false},
                        "didChangeWatchedFiles": {"dynamicRegistration": true},
                        "workspaceEdit": {
                            "documentChanges": true,
                            "resourceOperations": ["create", "rename", "delete"]
                        }
                    },
                    "textDocument": {"publishDiagnostics": {"versionSupport": true}}
                },
                "clientInfo": {"name": "zhproof-config-test"}
            }),
        );
        self.notify("initialized", json!({}));
        r
    }

    /// Replace the whole text (a full-document change).
    pub fn replace(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    pub fn initialize(&mut self, encodings: &[&str]) -> Value {
        let caps = if encodings.is_empty() {
            json!({})
        } else {
            json!({"general": {"positionEncodings": encodings}})
        };
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": caps, "clientInfo": {"name": "zhproof-test"}}),
        );
        self.notify("initialized", json!({}));
        r
    }

    pub fn open(&mut self, uri: &str, lang: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": text}}),
        );
    }

    pub fn server_text(&mut self, uri: &str) -> Value {
        self.request("zhproof/documentText", json!({"uri": uri}))
    }

    /// The server's peak resident set size (VmHWM), in KiB.
    pub fn peak_rss_kb(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    }

    /// Write bytes to the server's stdin as they are (no framing).
    pub fn write_bytes(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).expect("write");
        self.stdin.flush().expect("flush");
    }

    /// Send a request without waiting for its response; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The response to request `id` (looks at the backlog first), if it
    /// arrives within `within`.
    pub fn response_within(&mut self, id: i64, within: Duration) -> Option<Value> {
        let is_it = |v: &Value| v.get("id") == Some(&json!(id)) && v.get("method").is_none();
        if let Some(i) = self.backlog.iter().position(is_it) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + within;
        loop {
            let v = self.recv(deadline)?;
            if is_it(&v) {
                return Some(v);
            }
            self.backlog.push_back(v);
        }
    }

    /// Wait (up to `TIMEOUT`) for the server process to end; its exit code.
    pub fn wait_exit(mut self) -> Option<i32> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// shutdown + exit; returns the process exit code.
    pub fn shutdown(mut self) -> Option<i32> {
        let r = self.request("shutdown", Value::Null);
        assert!(r.is_null());
        self.notify("exit", Value::Null);
        self.wait_exit()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Client-side position arithmetic, written independently of the server.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Enc {
    Utf8,
    Utf16,
    Utf32,
}

/// Split into lines the LSP way (\n, \r\n, \r), keeping byte offsets.
/// `file://` URI of an absolute path (ASCII paths only, as the tests use).
pub fn file_uri(p: &std::path::Path) -> String {
    format!("file://{}", p.display())
}

/// A fresh temporary directory for one test.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("zhproof-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

pub fn line_starts(text: &str) -> Vec<usize> {
    let mut v = vec![0];
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' {
            if b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            v.push(i + 1);
        } else if b[i] == b'\n' {
            v.push(i + 1);
        }
        i += 1;
    }
    v
}

pub fn offset_of(text: &str, line: u64, character: u64, enc: Enc) -> usize {
    let starts = line_starts(text);
    let start = starts[line as usize];
    let mut units = 0u64;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' || c == '\r' {
            return start + i;
        }
        units += match enc {
            Enc::Utf8 => c.len_utf8() as u64,
            Enc::Utf16 => c.len_utf16() as u64,
            Enc::Utf32 => 1,
        };
    }
    text.len()
}

pub fn position_of(text: &str, offset: usize, enc: Enc) -> Value {
    let starts = line_starts(text);
    let line = starts.iter().rposition(|&s| s <= offset).unwrap_or(0);
    let s = &text[starts[line]..offset];
    let ch: usize = match enc {
        Enc::Utf8 => s.len(),
        Enc::Utf16 => s.encode_utf16().count(),
        Enc::Utf32 => s.chars().count(),
    };
    json!({"line": line, "character": ch})
}

/// An LSP range as byte offsets into `text`.
pub fn byte_range(text: &str, range: &Value, enc: Enc) -> (usize, usize) {
    let at = |p: &Value| {
        offset_of(
            text,
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
            enc,
        )
    };
    (at(&range["start"]), at(&range["end"]))
}

pub fn range_text<'a>(text: &'a str, range: &Value, enc: Enc) -> &'a str {
    let (s, e) = byte_range(text, range, enc);
    &text[s..e]
}

/// Apply LSP TextEdits (from one WorkspaceEdit) to a text.
pub fn apply_text_edits(text: &str, edits: &[Value], enc: Enc) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let (s, en) = byte_range(text, &e["range"], enc);
            (s, en, e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}

/// The edits for `uri` in a WorkspaceEdit (changes or documentChanges).
pub fn edits_for(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(v) = edit["changes"][uri].as_array() {
        return v.clone();
    }
    edit["documentChanges"]
        .as_array()
        .map(|dcs| {
            dcs.iter()
                .filter(|d| d["textDocument"]["uri"] == uri)
                .flat_map(|d| d["edits"].as_array().cloned().unwrap_or_default())
                .collect()
        })
        .unwrap_or_default()
}

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}
