//! Frame validation in front of the JSON-RPC codec.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

pub const MALFORMED: &str = "zhproof/malformedMessage";

/// Largest message accepted (a 64 MiB document is far beyond any article).
const MAX_LEN: usize = 64 << 20;

/// Is this a JSON-RPC 2.0 message the codec will accept?
fn well_formed(body: &[u8]) -> Result<(), String> {
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
            Ok(())
        }
        (None, Some(id)) if id_ok(id) && (o.contains_key("result") || o.contains_key("error")) => {
            Ok(())
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

/// Copy LSP frames from `input` to `output`, replacing malformed ones.
pub async fn forward<R: AsyncRead + Unpin, W: AsyncWrite + Unpin>(input: R, mut output: W) {
    let mut r = BufReader::new(input);
    loop {
        // headers
        let mut len: Option<usize> = None;
        let mut bad_header = false;
        let mut saw_any = false;
        loop {
            let mut line = Vec::new();
            match r.read_until(b'\n', &mut line).await {
                Ok(0) => return,
                Ok(_) => {}
                Err(_) => return,
            }
            let l = String::from_utf8_lossy(&line);
            let l = l.trim_end_matches(['\r', '\n']);
            if l.is_empty() {
                if saw_any {
                    break;
                }
                continue;
            }
            saw_any = true;
            match l.split_once(':') {
                Some((name, value)) if name.eq_ignore_ascii_case("content-length") => {
                    match value.trim().parse::<usize>() {
                        Ok(n) if n <= MAX_LEN => len = Some(n),
                        _ => bad_header = true,
                    }
                }
                Some(_) => {}
                None => bad_header = true,
            }
        }
        let Some(n) = len.filter(|_| !bad_header) else {
            if output
                .write_all(&malformed("bad or missing Content-Length header"))
                .await
                .is_err()
            {
                return;
            }
            continue;
        };
        let mut body = vec![0u8; n];
        if r.read_exact(&mut body).await.is_err() {
            return;
        }
        let out = match well_formed(&body) {
            Ok(()) => frame(&body),
            Err(reason) => malformed(&reason),
        };
        if output.write_all(&out).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
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
        forward(&input[..], b).await;
        let mut out = Vec::new();
        a.read_to_end(&mut out).await.unwrap_or_default();
        let s = String::from_utf8_lossy(&out);
        assert!(s.contains(MALFORMED));
        assert!(s.contains("\"method\":\"initialized\""));
    }
}
