//! Soak benchmark of the language server (issue 14): 100,000 random
//! incremental edits on a 1 MB article, sent over stdio to the release
//! binary as an editor would send them (UTF-16 positions, one
//! `didChange` per edit, as fast as the pipe takes them). An edit replaces
//! 0–8 characters at a random place by 0–8 characters copied from
//! elsewhere in the text, or by one awkward snippet (𠮷, 😀, CRLF, U+2028,
//! half-width marks) one time in five.
//!
//! ```sh
//! cargo build --release && cargo run --release --example soak [EDITS] [MB]
//! ```
//!
//! Every 5,000 edits it checks the server's text against the client's
//! (`zhproof/documentText`), waits for the diagnostics of the current
//! version and checks that every range lies inside the text on character
//! boundaries, then times 10 single edits from `didChange` to their
//! `publishDiagnostics` frame being read (median, max; before the client
//! parses it), and prints the server's resident set size. At the end: the
//! RSS growth from the first checkpoint, the latency drift, and the RSS of
//! a fresh server given the final text (the baseline for a leak: random
//! edits make new defects, so the findings, and memory, grow with them). The binary is `target/release/zhproof` or `ZHPROOF_BIN`;
//! the article is the fixtures' plain-text articles, paragraphs shuffled,
//! repeated to MB megabytes (default 1). Exits 1 if a check fails.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ropey::Rope;
use serde_json::{json, Value};

const URI: &str = "file:///tmp/soak.txt";
const CHECK_EVERY: usize = 5_000;
const SNIPPETS: &[&str] = &[
    "中",
    "文",
    "会议",
    "召开",
    ",",
    "，",
    "。",
    "\n",
    "\r\n",
    "\n\n",
    "𠮷",
    "😀",
    "(",
    "）",
    "“",
    "”",
    "1",
    "2024年",
    "7.8%",
    "亿元",
    "的",
    "地",
    "得",
    " ",
    "a",
    "GDP",
    "王建国",
    "表示",
    "一、",
    "\u{2028}",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn article(mb: usize, rng: &mut Rng) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut paras = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter(|p| !p.to_string_lossy().ends_with(".fixed.txt"))
        .collect();
    names.sort();
    for p in names {
        let t = std::fs::read_to_string(&p).expect("fixture");
        paras.extend(
            t.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string),
        );
    }
    let mut out = String::new();
    while out.len() < mb << 20 {
        let k = rng.below(paras.len());
        out.push_str(&paras[k]);
        out.push('\n');
    }
    out
}

/// UTF-16 position of char index `c`.
fn position(rope: &Rope, c: usize) -> Value {
    let line = rope.char_to_line(c);
    let start = rope.line_to_char(line);
    let ch = rope.char_to_utf16_cu(c) - rope.char_to_utf16_cu(start);
    json!({"line": line, "character": ch})
}

/// Byte offset of a UTF-16 position (None: not in the text, or inside a
/// character).
fn offset(rope: &Rope, p: &Value) -> Option<usize> {
    let line = p["line"].as_u64()? as usize;
    let ch = p["character"].as_u64()? as usize;
    if line >= rope.len_lines() {
        return None;
    }
    let start = rope.line_to_char(line);
    let cu = rope.char_to_utf16_cu(start) + ch;
    if cu > rope.len_utf16_cu() {
        return None;
    }
    let c = rope.utf16_cu_to_char(cu);
    if rope.char_to_utf16_cu(c) != cu || rope.char_to_line(c) != line && c != rope.len_chars() {
        return None;
    }
    Some(rope.char_to_byte(c))
}

fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

struct Server {
    stdin: std::process::ChildStdin,
    /// Messages, with the moment their frame was fully read (before parsing).
    rx: mpsc::Receiver<(Value, Instant)>,
    /// When the last message taken was read.
    arrived: Instant,
    next_id: i64,
}

impl Server {
    fn send(&mut self, v: &Value) {
        let body = serde_json::to_vec(v).expect("json");
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write");
        self.stdin.write_all(&body).expect("write");
    }
    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.stdin.flush().expect("flush");
        loop {
            let v = self.recv();
            if v["id"] == id && v.get("method").is_none() {
                return v["result"].clone();
            }
        }
    }
    fn recv(&mut self) -> Value {
        let (v, at) = self
            .rx
            .recv_timeout(Duration::from_secs(120))
            .expect("the server answers");
        self.arrived = at;
        v
    }
    /// Wait for the diagnostics of `version`.
    fn diagnostics(&mut self, version: i64) -> Vec<Value> {
        self.stdin.flush().expect("flush");
        loop {
            let v = self.recv();
            if v["method"] == "textDocument/publishDiagnostics" && v["params"]["version"] == version
            {
                return v["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
        }
    }
}

fn start(bin: &str) -> (std::process::Child, Server) {
    let mut child = Command::new(bin)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("start {bin}: {e} (build it: cargo build --release)"));
    let stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut r = BufReader::new(stdout);
        loop {
            let mut len = 0;
            loop {
                let mut line = String::new();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let l = line.trim_end();
                if l.is_empty() {
                    break;
                }
                if let Some(v) = l.strip_prefix("Content-Length: ") {
                    len = v.parse().unwrap_or(0);
                }
            }
            let mut buf = vec![0; len];
            if r.read_exact(&mut buf).is_err() {
                return;
            }
            let at = Instant::now();
            // keep only what the soak looks at: responses and diagnostics
            let Ok(v) = serde_json::from_slice::<Value>(&buf) else {
                continue;
            };
            if (v.get("id").is_some() || v["method"] == "textDocument/publishDiagnostics")
                && tx.send((v, at)).is_err()
            {
                return;
            }
        }
    });
    (
        child,
        Server {
            stdin,
            rx,
            arrived: Instant::now(),
            next_id: 1,
        },
    )
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let edits: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let mb: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let bin = std::env::var("ZHPROOF_BIN")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/zhproof").into());
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let text = article(mb, &mut rng);
    let mut rope = Rope::from_str(&text);
    let (mut child, mut s) = start(&bin);
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": null,
               "capabilities": {"general": {"positionEncodings": ["utf-16"]}}}),
    );
    s.notify("initialized", json!({}));
    let t0 = Instant::now();
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let first = s.diagnostics(1);
    println!(
        "article: {} bytes, {} lines; first analysis {:?}, {} findings",
        text.len(),
        rope.len_lines(),
        t0.elapsed(),
        first.len()
    );
    let mut version = 1i64;
    let mut failed = false;
    let one_edit = |s: &mut Server, rope: &mut Rope, rng: &mut Rng, version: &mut i64| {
        let n = rope.len_chars();
        let mut a = rng.below(n + 1);
        // not between \r and \n
        if a > 0 && a < n && rope.char(a - 1) == '\r' && rope.char(a) == '\n' {
            a += 1;
        }
        let mut b = (a + rng.below(9)).min(n);
        if b > 0 && b < n && rope.char(b - 1) == '\r' && rope.char(b) == '\n' {
            b += 1;
        }
        // mostly a piece of the article from elsewhere (so the text stays
        // like the article: its size and its density of defects do not
        // drift), sometimes one of the awkward snippets
        let ins: String = if rng.below(5) == 0 {
            SNIPPETS[rng.below(SNIPPETS.len())].to_string()
        } else {
            let from = rng.below(n + 1);
            let len = rng.below(9).min(n - from);
            rope.slice(from..from + len).to_string()
        };
        let range = json!({"start": position(rope, a), "end": position(rope, b)});
        rope.remove(a..b);
        rope.insert(a, &ins);
        *version += 1;
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": *version},
                   "contentChanges": [{"range": range, "text": ins}]}),
        );
    };
    let mut rows: Vec<(usize, u64, Duration, Duration)> = Vec::new();
    let started = Instant::now();
    let mut done = 0;
    while done < edits {
        for _ in 0..CHECK_EVERY.min(edits - done) {
            one_edit(&mut s, &mut rope, &mut rng, &mut version);
        }
        done += CHECK_EVERY.min(edits - done);
        let t = s.request("zhproof/documentText", json!({"uri": URI}));
        let text_ok = t["version"] == version && t["text"].as_str() == Some(&rope.to_string());
        let diags = s.diagnostics(version);
        let bad = diags
            .iter()
            .filter(|d| {
                let (a, b) = (
                    offset(&rope, &d["range"]["start"]),
                    offset(&rope, &d["range"]["end"]),
                );
                !matches!((a, b), (Some(a), Some(b)) if a <= b)
            })
            .count();
        // latency: single edits, each waited for
        let mut lat = Vec::new();
        for _ in 0..10 {
            one_edit(&mut s, &mut rope, &mut rng, &mut version);
            let sent = Instant::now();
            s.diagnostics(version);
            lat.push(s.arrived.duration_since(sent));
        }
        let max = *lat.iter().max().unwrap_or(&Duration::ZERO);
        let med = median(&mut lat);
        let rss = rss_kb(child.id());
        println!(
            "{done:>7} edits  {:>8} bytes  text {}  {} diagnostics, {bad} bad ranges  latency median {med:?} max {max:?}  RSS {} KiB  ({:?})",
            rope.len_bytes(),
            if text_ok { "equal" } else { "DIFFERS" },
            diags.len(),
            rss,
            started.elapsed()
        );
        failed |= !text_ok || bad > 0;
        rows.push((done, rss, med, max));
    }
    if let (Some(a), Some(b)) = (rows.first(), rows.last()) {
        println!(
            "RSS {} → {} KiB ({:+.1} %); median latency {:?} → {:?}; max {:?} → {:?}; {} edits in {:?}",
            a.1,
            b.1,
            (b.1 as f64 - a.1 as f64) * 100.0 / a.1.max(1) as f64,
            a.2,
            b.2,
            a.3,
            b.3,
            done,
            started.elapsed()
        );
    }
    s.request("shutdown", Value::Null);
    s.notify("exit", Value::Null);
    let _ = s.stdin.flush();
    let _ = child.wait();
    // a fresh server given the final text: what that text costs without the
    // 100,000 edits before it (the soak's findings grow as random edits
    // make defects, and memory with them)
    let (mut fresh_child, mut f) = start(&bin);
    f.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    f.notify("initialized", json!({}));
    f.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "plaintext", "version": 1, "text": rope.to_string()}}),
    );
    let n = f.diagnostics(1).len();
    let fresh = rss_kb(fresh_child.id());
    if let Some(last) = rows.last() {
        println!(
            "a fresh server with the final text ({n} findings): RSS {fresh} KiB; the soaked one {} KiB ({:+.1} %)",
            last.1,
            (last.1 as f64 - fresh as f64) * 100.0 / fresh.max(1) as f64
        );
    }
    f.request("shutdown", Value::Null);
    f.notify("exit", Value::Null);
    let _ = f.stdin.flush();
    let _ = fresh_child.wait();
    if failed {
        eprintln!("soak: a check failed");
        std::process::exit(1);
    }
}
