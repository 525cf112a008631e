//! The outbound side of stdio: one writer for every frame the server sends.
//!
//! tower-lsp-server serializes each notification through `serde_json::Value`
//! on the message loop; for a long article's diagnostics (~10 µs each) that
//! dominated keystroke latency. So diagnostics are serialized straight to
//! bytes by the analysis worker and handed to this writer as whole frames.
//! tower-lsp-server itself writes into a pipe; [`forward_frames`] cuts that
//! stream into whole frames and queues them on the same channel, so frames of
//! both sources are never interleaved and each source keeps its order.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tower_lsp_server::ls_types::{Range, Uri};

use crate::core::Finding;

/// A complete frame (headers and body); an empty one means "flush and stop".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub bytes: Vec<u8>,
    /// The document whose diagnostics this frame publishes: a later frame
    /// for the same document, queued before this one is written, replaces
    /// it (a client that reads slowly gets the latest list, not a backlog).
    pub diagnostics_of: Option<String>,
}

impl Frame {
    fn stop() -> Frame {
        Frame {
            bytes: Vec::new(),
            diagnostics_of: None,
        }
    }
    fn is_stop(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// Wrap a JSON body in LSP headers.
pub fn frame(body: &[u8]) -> Frame {
    let mut out = Vec::with_capacity(body.len() + 32);
    out.extend_from_slice(b"Content-Length: ");
    out.extend_from_slice(body.len().to_string().as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out.extend_from_slice(body);
    Frame {
        bytes: out,
        diagnostics_of: None,
    }
}

fn diagnostics_frame(uri: &Uri, body: &[u8]) -> Frame {
    Frame {
        diagnostics_of: Some(uri.as_str().to_string()),
        ..frame(body)
    }
}

/// The `publishDiagnostics` frame of an analysed version, written straight
/// from the core's findings (no intermediate `Diagnostic` values); `conv`
/// turns byte ranges into LSP ranges and is called in document order.
/// The JSON is the same as serializing `PublishDiagnosticsParams` of
/// [`super::convert::diagnostic_with`] (tested). `version: None` is the
/// unversioned empty list sent when a document closes.
pub fn publish_findings(
    uri: &Uri,
    findings: &[Finding],
    version: Option<i32>,
    mut conv: impl FnMut(&std::ops::Range<usize>) -> Range,
) -> Frame {
    // written by hand: the generic serializer spent ~0.6 µs per diagnostic
    let mut b: Vec<u8> = Vec::with_capacity(128 + findings.len() * 192);
    let uri_json = serde_json::to_vec(uri.as_str()).unwrap_or_default();
    b.extend_from_slice(
        br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#,
    );
    b.extend_from_slice(&uri_json);
    b.extend_from_slice(br#","diagnostics":["#);
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            b.push(b',');
        }
        b.extend_from_slice(br#"{"range":"#);
        push_range(&mut b, conv(&f.range));
        b.extend_from_slice(br#","severity":"#);
        push_num(&mut b, severity_number(f.severity));
        b.extend_from_slice(br#","code":"#);
        push_str(&mut b, f.code);
        if let Some(link) = super::convert::rule_link(f.code) {
            b.extend_from_slice(br#","codeDescription":{"href":"#);
            push_str(&mut b, &link);
            b.push(b'}');
        }
        b.extend_from_slice(br#","source":"zhproof","message":"#);
        push_str(&mut b, &f.message);
        if !f.related.is_empty() {
            b.extend_from_slice(br#","relatedInformation":["#);
            for (k, r) in f.related.iter().enumerate() {
                if k > 0 {
                    b.push(b',');
                }
                b.extend_from_slice(br#"{"location":{"uri":"#);
                b.extend_from_slice(&uri_json);
                b.extend_from_slice(br#","range":"#);
                push_range(&mut b, conv(&r.range));
                b.extend_from_slice(br#"},"message":"#);
                push_str(&mut b, &r.message);
                b.push(b'}');
            }
            b.push(b']');
        }
        b.push(b'}');
    }
    b.push(b']');
    if let Some(v) = version {
        b.extend_from_slice(br#","version":"#);
        push_num(&mut b, i64::from(v));
    }
    b.extend_from_slice(b"}}");
    diagnostics_frame(uri, &b)
}

fn severity_number(s: crate::core::Severity) -> i64 {
    match s {
        crate::core::Severity::Error => 1,
        crate::core::Severity::Warning => 2,
        crate::core::Severity::Info => 3,
        crate::core::Severity::Hint => 4,
    }
}

fn push_num(b: &mut Vec<u8>, n: i64) {
    if n < 0 {
        b.push(b'-');
    }
    let mut v = n.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    b.extend_from_slice(&digits[i..]);
}

fn push_str(b: &mut Vec<u8>, s: &str) {
    // JSON escaping only where needed (messages are mostly plain Chinese)
    if s.bytes().all(|c| c >= 0x20 && c != b'"' && c != b'\\') {
        b.push(b'"');
        b.extend_from_slice(s.as_bytes());
        b.push(b'"');
    } else {
        let _ = serde_json::to_writer(&mut *b, s);
    }
}

fn push_range(b: &mut Vec<u8>, r: Range) {
    b.extend_from_slice(br#"{"start":{"line":"#);
    push_num(b, i64::from(r.start.line));
    b.extend_from_slice(br#","character":"#);
    push_num(b, i64::from(r.start.character));
    b.extend_from_slice(br#"},"end":{"line":"#);
    push_num(b, i64::from(r.end.line));
    b.extend_from_slice(br#","character":"#);
    push_num(b, i64::from(r.end.character));
    b.extend_from_slice(b"}}");
}

/// Cut the byte stream tower-lsp-server writes into whole frames and queue
/// them; at end of stream queue the stop marker.
pub async fn forward_frames<R: AsyncRead + Unpin>(input: R, out: UnboundedSender<Frame>) {
    let mut r = BufReader::new(input);
    'frames: loop {
        let mut head = Vec::new();
        let mut len: Option<usize> = None;
        loop {
            let start = head.len();
            match r.read_until(b'\n', &mut head).await {
                Ok(0) | Err(_) => break 'frames,
                Ok(_) => {}
            }
            let line = &head[start..];
            let line = line.strip_suffix(b"\n").unwrap_or(line);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if line.is_empty() {
                break;
            }
            if let Ok(l) = std::str::from_utf8(line) {
                if let Some((name, value)) = l.split_once(':') {
                    if name.eq_ignore_ascii_case("content-length") {
                        len = value.trim().parse().ok();
                    }
                }
            }
        }
        // tower-lsp-server always writes Content-Length; without it the
        // stream cannot be cut, so stop rather than send garbage
        let Some(n) = len else { break };
        let mut f = head;
        let at = f.len();
        f.resize(at + n, 0);
        if r.read_exact(&mut f[at..]).await.is_err() {
            break;
        }
        let f = Frame {
            bytes: f,
            diagnostics_of: None,
        };
        if out.send(f).is_err() {
            return;
        }
    }
    let _ = out.send(Frame::stop());
}

/// Drop the diagnostics frames that a later frame in `batch` replaces.
fn supersede(batch: &mut Vec<Frame>) {
    if batch.iter().filter(|f| f.diagnostics_of.is_some()).count() < 2 {
        return;
    }
    let mut seen = std::collections::HashSet::new();
    let mut keep = vec![true; batch.len()];
    for (i, f) in batch.iter().enumerate().rev() {
        if let Some(u) = &f.diagnostics_of {
            keep[i] = seen.insert(u.clone());
        }
    }
    let mut k = keep.into_iter();
    batch.retain(|_| k.next().unwrap_or(true));
}

/// Write queued frames to `output` until the stop marker (or every sender is
/// gone). Whatever queued up while a write was blocked is written as one
/// batch, with superseded diagnostics dropped, and flushed.
pub async fn write_frames<W: AsyncWrite + Unpin>(mut rx: UnboundedReceiver<Frame>, mut output: W) {
    let mut batch = Vec::new();
    while let Some(f) = rx.recv().await {
        batch.push(f);
        while let Ok(f) = rx.try_recv() {
            batch.push(f);
        }
        let stop = batch.iter().position(Frame::is_stop);
        if let Some(at) = stop {
            batch.truncate(at);
        }
        supersede(&mut batch);
        for f in batch.drain(..) {
            if output.write_all(&f.bytes).await.is_err() {
                return;
            }
        }
        if output.flush().await.is_err() || stop.is_some() {
            break;
        }
    }
    let _ = output.flush().await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use tower_lsp_server::ls_types::Diagnostic;

    // The protocol types serialized by serde: the oracle for the hand-written frames.
    #[derive(Serialize)]
    struct Notification<'a, P: Serialize> {
        jsonrpc: &'static str,
        method: &'static str,
        params: &'a P,
    }

    #[derive(Serialize)]
    struct PublishParams<'a> {
        uri: &'a Uri,
        diagnostics: &'a [Diagnostic],
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<i32>,
    }

    /// A `textDocument/publishDiagnostics` frame, serialized directly (the same
    /// JSON as `PublishDiagnosticsParams`, without going through `Value`).
    fn publish_diagnostics(uri: &Uri, diagnostics: &[Diagnostic], version: Option<i32>) -> Frame {
        let n = Notification {
            jsonrpc: "2.0",
            method: "textDocument/publishDiagnostics",
            params: &PublishParams {
                uri,
                diagnostics,
                version,
            },
        };
        // serializing plain structs of strings and numbers cannot fail
        let body = serde_json::to_vec(&n).unwrap_or_default();
        diagnostics_frame(uri, &body)
    }
    use tower_lsp_server::ls_types::{
        DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Position,
        PublishDiagnosticsParams, Range,
    };

    fn sample(uri: &Uri) -> Vec<Diagnostic> {
        let r = |l, c| Range {
            start: Position {
                line: l,
                character: c,
            },
            end: Position {
                line: l,
                character: c + 1,
            },
        };
        vec![
            Diagnostic {
                range: r(0, 3),
                severity: Some(DiagnosticSeverity::WARNING),
                code: Some(NumberOrString::String("punct-halfwidth".into())),
                source: Some("zhproof".into()),
                message: "半角“,”应为全角“，”\t\"引号\"\\".into(),
                ..Diagnostic::default()
            },
            Diagnostic {
                range: r(7, 0),
                severity: Some(DiagnosticSeverity::HINT),
                code: Some(NumberOrString::String("name-inconsistent".into())),
                source: Some("zhproof".into()),
                message: "𠮷".into(),
                related_information: Some(vec![DiagnosticRelatedInformation {
                    location: Location {
                        uri: uri.clone(),
                        range: r(2, 5),
                    },
                    message: "首次出现".into(),
                }]),
                ..Diagnostic::default()
            },
        ]
    }

    fn body(f: &[u8]) -> serde_json::Value {
        let text = std::str::from_utf8(f).expect("utf-8");
        let (head, body) = text.split_once("\r\n\r\n").expect("headers");
        let n: usize = head
            .strip_prefix("Content-Length: ")
            .and_then(|n| n.parse().ok())
            .expect("length");
        assert_eq!(n, body.len());
        serde_json::from_str(body).expect("json")
    }

    #[test]
    fn direct_serialization_matches_the_protocol_types() {
        let uri: Uri = "file:///tmp/%E6%96%87%E7%AB%A0.txt".parse().expect("uri");
        for version in [Some(7), None] {
            let diags = sample(&uri);
            let got = body(&publish_diagnostics(&uri, &diags, version).bytes);
            let want = serde_json::json!({
                "jsonrpc": "2.0",
                "method": "textDocument/publishDiagnostics",
                "params": serde_json::to_value(PublishDiagnosticsParams {
                    uri: uri.clone(),
                    diagnostics: diags,
                    version,
                }).expect("value"),
            });
            assert_eq!(got, want);
        }
    }

    #[test]
    fn findings_serialize_like_converted_diagnostics() {
        use crate::core::{Finding, Severity};
        let uri: Uri = "file:///tmp/a%20b.md".parse().expect("uri");
        let mut f1 = Finding::new("punct-halfwidth", 3..4, "半角“,”应为全角“，”\"\\");
        f1.severity = Severity::Error;
        let f2 = Finding::new("name-inconsistent", 10..16, "𠮷\n")
            .with_related(0..3, "首次出现")
            .with_related(20..23, "又一次");
        let mut f3 = Finding::new("space-irregular", 30..31, "普通消息\u{1}控制符")
            .with_related(25..26, "plain");
        f3.severity = Severity::Info;
        let findings = vec![f1, f2, f3];
        let conv = |r: &std::ops::Range<usize>| Range {
            start: Position {
                line: r.start as u32 / 7,
                character: r.start as u32 % 7,
            },
            end: Position {
                line: r.end as u32 / 7,
                character: r.end as u32 % 7,
            },
        };
        let direct = body(&publish_findings(&uri, &findings, Some(3), conv).bytes);
        let diags: Vec<Diagnostic> = findings
            .iter()
            .map(|f| super::super::convert::diagnostic_with(&uri, f, &conv))
            .collect();
        let via_types = body(&publish_diagnostics(&uri, &diags, Some(3)).bytes);
        assert_eq!(direct, via_types);
        // the unversioned empty list sent on close
        assert_eq!(
            body(&publish_findings(&uri, &[], None, conv).bytes),
            body(&publish_diagnostics(&uri, &[], None).bytes)
        );
        assert_eq!(
            direct["params"]["diagnostics"][1]["relatedInformation"][1]["message"],
            "又一次"
        );
    }

    #[tokio::test]
    async fn frames_of_both_sources_stay_whole_and_ordered() {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let (mut pipe_w, pipe_r) = tokio::io::duplex(16);
        let fwd = tokio::spawn(forward_frames(pipe_r, tx.clone()));
        let (out_w, mut out_r) = tokio::io::duplex(1 << 20);
        let writer = tokio::spawn(write_frames(rx, out_w));
        // tower writes in small pieces through a tiny pipe while direct frames arrive
        let a = frame(br#"{"jsonrpc":"2.0","id":1,"result":null}"#).bytes;
        let b = frame(
            br#"{"jsonrpc":"2.0","method":"window/logMessage","params":{"type":3,"message":"x"}}"#,
        )
        .bytes;
        let direct_frame = frame(br#"{"jsonrpc":"2.0","method":"d","params":{}}"#);
        let direct = direct_frame.bytes.clone();
        tx.send(direct_frame.clone()).expect("send");
        for chunk in a.chunks(5).chain(b.chunks(3)) {
            pipe_w.write_all(chunk).await.expect("write");
        }
        tx.send(direct_frame).expect("send");
        drop(pipe_w);
        fwd.await.expect("forwarder");
        writer.await.expect("writer");
        let mut all = Vec::new();
        out_r.read_to_end(&mut all).await.expect("read");
        // cut the output back into frames: each is one of the three, whole
        let mut rest = &all[..];
        let mut seen = Vec::new();
        while !rest.is_empty() {
            let f = [&a, &b, &direct]
                .into_iter()
                .find(|f| rest.starts_with(f))
                .expect("a whole frame");
            seen.push(f.clone());
            rest = &rest[f.len()..];
        }
        assert_eq!(seen.len(), 4);
        let tower: Vec<_> = seen.iter().filter(|f| **f != direct).collect();
        assert_eq!(tower, vec![&a, &b], "tower's frames keep their order");
    }

    #[tokio::test]
    async fn a_slow_reader_gets_the_latest_diagnostics_only() {
        let uri: Uri = "file:///tmp/a.txt".parse().expect("uri");
        let other: Uri = "file:///tmp/b.txt".parse().expect("uri");
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        // everything is queued before the writer runs, as when stdout was blocked
        let log = frame(
            br#"{"jsonrpc":"2.0","method":"window/logMessage","params":{"type":3,"message":"x"}}"#,
        );
        tx.send(publish_diagnostics(&uri, &sample(&uri), Some(1)))
            .expect("send");
        tx.send(log.clone()).expect("send");
        tx.send(publish_diagnostics(&other, &[], Some(1)))
            .expect("send");
        tx.send(publish_diagnostics(&uri, &sample(&uri), Some(2)))
            .expect("send");
        tx.send(publish_diagnostics(&uri, &[], Some(3)))
            .expect("send");
        tx.send(Frame::stop()).expect("send");
        let (out_w, mut out_r) = tokio::io::duplex(1 << 20);
        write_frames(rx, out_w).await;
        let mut all = Vec::new();
        out_r.read_to_end(&mut all).await.expect("read");
        let text = String::from_utf8(all).expect("utf-8");
        let bodies: Vec<serde_json::Value> = text
            .split("Content-Length: ")
            .filter(|p| !p.is_empty())
            .map(|p| body(format!("Content-Length: {p}").as_bytes()))
            .collect();
        let got: Vec<(String, serde_json::Value)> = bodies
            .iter()
            .map(|b| {
                (
                    b["method"].as_str().unwrap_or("").to_string(),
                    b["params"]["version"].clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("window/logMessage".to_string(), serde_json::Value::Null),
                (
                    "textDocument/publishDiagnostics".to_string(),
                    serde_json::json!(1)
                ),
                (
                    "textDocument/publishDiagnostics".to_string(),
                    serde_json::json!(3)
                ),
            ]
        );
        assert_eq!(bodies[1]["params"]["uri"], other.as_str());
        assert_eq!(bodies[2]["params"]["diagnostics"], serde_json::json!([]));
    }
}
