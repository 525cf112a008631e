//! Frame validation in front of the JSON-RPC codec. A malformed frame
//! becomes a `zhproof/malformedMessage` notification (the server logs it);
//! after a bad header the input is resynchronized at the next
//! `Content-Length:` header, and what was skipped is logged. Also answers
//! unknown `$/` requests (the codec drops them silently) and notes whether
//! `shutdown` and `exit` came, for the exit code.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc::UnboundedSender;

use super::outbound::{self, Frame};

/// The method of the notification a malformed frame becomes.
pub const MALFORMED: &str = "zhproof/malformedMessage";

/// Largest message accepted (a 64 MiB document is far beyond any article).
const MAX_LEN: usize = 64 << 20;

/// What the session's input said about its end.
#[derive(Debug, Default)]
pub struct Session {
    shutdown: AtomicBool,
    exit: AtomicBool,
}

impl Session {
    /// Did `exit` come without a `shutdown` request before it? (The
    /// process then ends with code 1.)
    pub fn exit_without_shutdown(&self) -> bool {
        self.exit.load(Ordering::Acquire) && !self.shutdown.load(Ordering::Acquire)
    }
}

/// The parts of a well-formed message the forwarder looks at.
struct Shape {
    method: Option<String>,
    id: Option<serde_json::Value>,
}

/// Is this a JSON-RPC 2.0 message the codec will accept?
fn well_formed(body: &[u8]) -> Result<Shape, String> {
    let v: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| format!("invalid JSON: {e}"))?;
    let o = v.as_object().ok_or("not a JSON object")?;
    if o.get("jsonrpc").and_then(|j| j.as_str()) != Some("2.0") {
        return Err("missing \"jsonrpc\": \"2.0\"".into());
    }
    let id_ok =
        |id: &serde_json::Value| id.is_string() || id.is_i64() || id.is_u64() || id.is_null();
    match (o.get("method"), o.get("id")) {
        (Some(m), id) if m.is_string() => {
            if id.is_some_and(|i| !id_ok(i)) {
                return Err("bad id".into());
            }
            if o.get("params")
                .is_some_and(|p| !(p.is_object() || p.is_array() || p.is_null()))
            {
                return Err("params must be an object or array".into());
            }
            Ok(Shape {
                method: m.as_str().map(str::to_string),
                id: id.cloned(),
            })
        }
        (None, Some(id)) if id_ok(id) && (o.contains_key("result") || o.contains_key("error")) => {
            Ok(Shape {
                method: None,
                id: Some(id.clone()),
            })
        }
        _ => Err("neither a request, a notification nor a response".into()),
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn malformed(reason: &str) -> Vec<u8> {
    let body =
        serde_json::json!({"jsonrpc": "2.0", "method": MALFORMED, "params": {"error": reason}});
    frame(body.to_string().as_bytes())
}

/// The input stream, with bytes pushed back in front of it (the part of an
/// over-long body that belongs to the next frame).
struct Input<R> {
    r: BufReader<R>,
    pending: Vec<u8>,
}

impl<R: AsyncRead + Unpin> Input<R> {
    /// The next line, with its `\n` (empty at end of input).
    async fn line(&mut self) -> std::io::Result<Vec<u8>> {
        if let Some(i) = memchr::memchr(b'\n', &self.pending) {
            let rest = self.pending.split_off(i + 1);
            return Ok(std::mem::replace(&mut self.pending, rest));
        }
        let mut line = std::mem::take(&mut self.pending);
        self.r.read_until(b'\n', &mut line).await?;
        Ok(line)
    }

    /// Put bytes back in front of the input.
    fn unread(&mut self, bytes: &[u8]) {
        let mut v = bytes.to_vec();
        v.append(&mut self.pending);
        self.pending = v;
    }

    /// Exactly `n` bytes.
    async fn exact(&mut self, n: usize) -> std::io::Result<Vec<u8>> {
        let take = n.min(self.pending.len());
        let rest = self.pending.split_off(take);
        let mut body = std::mem::replace(&mut self.pending, rest);
        let had = body.len();
        body.resize(n, 0);
        self.r.read_exact(&mut body[had..]).await?;
        Ok(body)
    }
}

/// Where `Content-Length:` starts in `line` (ASCII case-insensitive).
fn find_header(line: &[u8]) -> Option<usize> {
    const H: &[u8] = b"content-length:";
    line.windows(H.len())
        .position(|w| w.eq_ignore_ascii_case(H))
}

/// Is this a header line `Name: value` with a token for a name?
fn is_header(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    })
}

/// A short, printable preview of dropped bytes.
fn preview(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    let mut p: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        p.push('…');
    }
    format!("{p:?}")
}

/// Read one frame's headers: the body length, or `None` at end of input.
/// Bad headers are skipped up to the next `Content-Length:` header, and
/// what was skipped is reported through `log`.
async fn headers<R: AsyncRead + Unpin>(
    input: &mut Input<R>,
    log: &mut Vec<String>,
) -> Option<usize> {
    let mut len: Option<usize> = None;
    let mut skipping = false;
    let mut saw_any = false;
    let mut dropped: Vec<u8> = Vec::new();
    loop {
        let line = input.line().await.ok()?;
        if line.is_empty() {
            return None;
        }
        if skipping {
            match find_header(&line) {
                Some(p) => {
                    dropped.extend_from_slice(&line[..p]);
                    input.unread(&line[p..]);
                    skipping = false;
                }
                None => dropped.extend_from_slice(&line),
            }
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let l = text.trim_end_matches(['\r', '\n']);
        if l.is_empty() {
            if len.is_some() {
                break;
            }
            if saw_any {
                log.push("a frame without a Content-Length header".into());
                skipping = true;
            }
            continue;
        }
        saw_any = true;
        let stray = find_header(&line).is_some_and(|p| p > 0);
        if stray || !is_header(l) {
            // stray bytes, or a body read as headers: start again at a
            // Content-Length header inside the line, or after it
            match find_header(&line) {
                Some(p) if p > 0 => {
                    dropped.extend_from_slice(&line[..p]);
                    input.unread(&line[p..]);
                }
                _ => {
                    dropped.extend_from_slice(&line);
                    skipping = true;
                }
            }
            len = None;
            continue;
        }
        if let Some((name, value)) = l.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                match value.trim().parse::<usize>() {
                    Ok(n) if n <= MAX_LEN => len = Some(n),
                    _ => {
                        log.push(format!("bad Content-Length header {l:?}"));
                        len = None;
                        skipping = true;
                    }
                }
            }
        }
    }
    if !dropped.is_empty() {
        log.push(format!(
            "skipped {} bytes up to the next Content-Length header: {}",
            dropped.len(),
            preview(&dropped)
        ));
    }
    len
}

/// A body that is not one message: if a whole message ends early (its
/// Content-Length was too long), that message and the bytes after it.
fn split_overlong(body: &[u8]) -> Option<(usize, Shape)> {
    let mut stream = serde_json::Deserializer::from_slice(body).into_iter::<serde_json::Value>();
    stream.next()?.ok()?;
    let end = stream.byte_offset();
    let shape = well_formed(&body[..end]).ok()?;
    Some((end, shape))
}

/// Copy LSP frames from `input` to `output`, replacing malformed ones;
/// `replies` takes the answers the forwarder gives itself.
pub async fn forward<R: AsyncRead + Unpin, W: AsyncWrite + Unpin>(
    input: R,
    mut output: W,
    replies: UnboundedSender<Frame>,
    session: Arc<Session>,
) {
    let mut input = Input {
        r: BufReader::new(input),
        pending: Vec::new(),
    };
    loop {
        let mut log = Vec::new();
        let len = headers(&mut input, &mut log).await;
        let mut out = Vec::new();
        for l in &log {
            out.extend(malformed(l));
        }
        let Some(n) = len else {
            let _ = output.write_all(&out).await;
            let _ = output.flush().await;
            return;
        };
        let Ok(body) = input.exact(n).await else {
            return;
        };
        let (body, shape) = match well_formed(&body) {
            Ok(shape) => (body, Ok(shape)),
            Err(reason) => match split_overlong(&body) {
                Some((end, shape)) => {
                    out.extend(malformed(&format!(
                        "Content-Length {n} is longer than the message ({end} bytes); the rest is read as the next frame"
                    )));
                    input.unread(&body[end..]);
                    (body[..end].to_vec(), Ok(shape))
                }
                None => (body, Err(reason)),
            },
        };
        match shape {
            Ok(shape) => match route(&shape, &session) {
                Route::Forward => out.extend(frame(&body)),
                Route::Reply(reply) => {
                    let _ = replies.send(outbound::frame(reply.as_bytes()));
                }
            },
            Err(reason) => out.extend(malformed(&reason)),
        }
        if output.write_all(&out).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
}

/// What to do with a well-formed message.
enum Route {
    Forward,
    /// Answer it here with this response body.
    Reply(String),
}

/// Note `shutdown` and `exit`; answer `$/` requests (the codec would drop
/// them unanswered: none is a request it knows).
fn route(shape: &Shape, session: &Session) -> Route {
    let Some(method) = shape.method.as_deref() else {
        return Route::Forward;
    };
    match (method, &shape.id) {
        ("shutdown", Some(_)) => session.shutdown.store(true, Ordering::Release),
        ("exit", None) => session.exit.store(true, Ordering::Release),
        (m, Some(id)) if m.starts_with("$/") => {
            let body = serde_json::json!({
                "jsonrpc": "2.0",
                "id": id,
                "error": {"code": -32601, "message": format!("Method not found: {m}")},
            });
            return Route::Reply(body.to_string());
        }
        _ => {}
    }
    Route::Forward
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(
            well_formed(br#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#).is_ok()
        );
        assert!(well_formed(br#"{"jsonrpc":"2.0","method":"initialized"}"#).is_ok());
        assert!(well_formed(br#"{"jsonrpc":"2.0","id":1,"result":null}"#).is_ok());
        assert!(well_formed(b"{this is not json").is_err());
        assert!(well_formed(br#"{"id":1,"method":"x"}"#).is_err());
        assert!(well_formed(br#"[1,2]"#).is_err());
        assert!(well_formed(br#"{"jsonrpc":"2.0","method":"x","params":5}"#).is_err());
    }

    #[tokio::test]
    async fn replaces_bad_frames_and_keeps_good_ones() {
        let input = b"Content-Length: 5\r\n\r\n{bad}Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}".to_vec();
        let (mut a, b) = tokio::io::duplex(4096);
        let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
        forward(&input[..], b, tx, Arc::default()).await;
        let mut out = Vec::new();
        a.read_to_end(&mut out).await.unwrap_or_default();
        let s = String::from_utf8_lossy(&out);
        assert!(s.contains(MALFORMED));
        assert!(s.contains("\"method\":\"initialized\""));
    }
}
