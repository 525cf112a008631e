//! A small LSP client for the configuration tests: starts the built
//! `zhproof lsp`, frames JSON-RPC with Content-Length over its stdio,
//! answers the server's requests (`workspace/configuration` with the
//! settings the test sets, `client/registerCapability`), and applies
//! workspace edits to texts (UTF-16 positions).
#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::BufReader;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications received and not consumed yet.
    pub backlog: VecDeque<Value>,
    /// Requests the server sent us (method, params).
    pub server_requests: Vec<(String, Value)>,
    /// What `workspace/configuration` answers for the `zhproof` section.
    pub settings: Value,
}

/// Write one framed message.
pub fn write_message(w: &mut impl Write, v: &Value) {
    let body = serde_json::to_vec(v).expect("json");
    write!(w, "Content-Length: {}\r\n\r\n", body.len()).expect("write header");
    w.write_all(&body).expect("write body");
    w.flush().expect("flush");
}

/// Read one framed message; `None` at end of stream.
pub fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse::<usize>().ok();
            }
        }
    }
    let mut buf = vec![0; len?];
    r.read_exact(&mut buf).ok()?;
    serde_json::from_slice(&buf).ok()
}

impl Client {
    pub fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zhproof"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start zhproof lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_message(&mut r) {
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            rx,
            next_id: 1,
            backlog: VecDeque::new(),
            server_requests: Vec::new(),
            settings: Value::Null,
        }
    }

    pub fn send(&mut self, v: &Value) {
        write_message(&mut self.stdin, v);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Take one message; answer it if it is a request from the server.
    fn pump(&mut self, deadline: Instant) -> Option<Value> {
        let now = Instant::now();
        let wait = deadline.saturating_duration_since(now);
        match self.rx.recv_timeout(wait) {
            Ok(v) => {
                if v.get("method").is_some() && v.get("id").is_some() {
                    let method = v["method"].as_str().unwrap_or("").to_string();
                    let result = match method.as_str() {
                        "workspace/configuration" => {
                            let n = v["params"]["items"].as_array().map_or(1, |a| a.len());
                            Value::Array(vec![self.settings.clone(); n])
                        }
                        _ => Value::Null,
                    };
                    self.server_requests.push((method, v["params"].clone()));
                    let id = v["id"].clone();
                    self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
                    return Some(json!({"answered": true}));
                }
                Some(v)
            }
            Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self
                .pump(deadline)
                .unwrap_or_else(|| panic!("no answer to {method}"));
            if v.get("answered").is_some() {
                continue;
            }
            if v.get("id") == Some(&json!(id)) && v.get("method").is_none() {
                if let Some(e) = v.get("error") {
                    panic!("{method} failed: {e}");
                }
                return v["result"].clone();
            }
            self.backlog.push_back(v);
        }
    }

    /// Wait for a notification `method` whose params satisfy `pred`
    /// (earlier ones that do not are kept).
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
                .unwrap_or_default();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let Some(v) = self.pump(deadline) else {
                panic!(
                    "timed out waiting for {method}; backlog: {:#?}",
                    self.backlog
                );
            };
            if v.get("answered").is_some() {
                continue;
            }
            if v["method"] == method && pred(&v["params"]) {
                return v["params"].clone();
            }
            self.backlog.push_back(v);
        }
    }

    /// Keep answering server requests for a while (e.g. until a request the
    /// server sends after a notification has been seen).
    pub fn wait_for_server_request(&mut self, method: &str) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some((_, p)) = self.server_requests.iter().find(|(m, _)| m == method) {
                return p.clone();
            }
            match self.pump(deadline) {
                Some(v) if v.get("answered").is_some() => {}
                Some(v) => self.backlog.push_back(v),
                None => panic!("server never sent {method}"),
            }
        }
    }

    /// The diagnostics published for `uri` at `version` (the first such publish).
    pub fn diagnostics_at(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let p = self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p["version"] == version
        });
        p["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// Wait for a publish for `uri` whose diagnostics satisfy `pred`.
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

    /// `initialize` + `initialized` with a full set of workspace capabilities.
    pub fn initialize(&mut self, root: &Path) -> Value {
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

    pub fn open(&mut self, uri: &str, lang: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": lang, "version": version, "text": text}}),
        );
    }

    /// Replace the whole text (a full-document change).
    pub fn replace(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    pub fn shutdown(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `file://` URI of an absolute path (ASCII paths only, as the tests use).
pub fn file_uri(p: &Path) -> String {
    format!("file://{}", p.display())
}

/// A fresh temporary directory for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("zhproof-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Byte offset of a UTF-16 LSP position.
pub fn offset(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().unwrap_or(0) as usize;
    let ch = pos["character"].as_u64().unwrap_or(0) as usize;
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..]
        .find(['\r', '\n'])
        .map_or(text.len(), |i| start + i);
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        if units >= ch {
            return start + i;
        }
        units += c.len_utf16();
    }
    end
}

/// Apply LSP text edits (all relative to the original text).
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| (s.0, s.1));
    let mut out = String::new();
    let mut pos = 0;
    for (s, e, t) in spans {
        out.push_str(&text[pos..s]);
        out.push_str(&t);
        pos = e;
    }
    out.push_str(&text[pos..]);
    out
}

/// The text edits a WorkspaceEdit makes to `uri` (from `changes` or `documentChanges`).
pub fn edits_for(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(c) = edit["changes"].get(uri) {
        return c.as_array().cloned().unwrap_or_default();
    }
    let mut out = Vec::new();
    for dc in edit["documentChanges"].as_array().into_iter().flatten() {
        if dc["textDocument"]["uri"] == uri {
            out.extend(dc["edits"].as_array().cloned().unwrap_or_default());
        }
    }
    out
}
