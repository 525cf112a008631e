//! The analysis worker: a thread that analyses document snapshots off the
//! message loop. It keeps one incremental `Analyzer` per document, always
//! analyses the latest version it finds, and hands results (tagged with the
//! version) to the publisher task, which drops stale ones.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::Arc;

use ropey::Rope;
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp_server::ls_types::{MessageType, Range, Uri};

use super::convert;
use super::position::PosCursor;
use super::state::{DocResult, Shared};
use crate::core::Analyzer;

/// Work for the analysis worker.
pub enum Job {
    /// Analyse the document's latest version.
    Analyze(Uri),
    /// Forget a closed document's cache.
    Forget(Uri),
    /// Configuration changed: re-analyse these.
    Reconfigure(Vec<Uri>),
}

/// What the worker hands to the publisher task.
pub enum Out {
    /// A finished analysis and its diagnostics.
    Publish {
        result: Arc<DocResult>,
        /// The `publishDiagnostics` notification, serialized.
        frame: super::outbound::Frame,
    },
    /// A message for the client's log.
    Log(MessageType, String),
}

/// The rope's text as one string (`to_string` goes through the formatter and
/// grows the string as it goes).
fn rope_text(rope: &Rope) -> String {
    let mut s = String::with_capacity(rope.len_bytes());
    for chunk in rope.chunks() {
        s.push_str(chunk);
    }
    s
}

/// Tests of crash resilience set `ZHPROOF_TEST_PANIC=<text>`: analysing a
/// document that contains that text panics (inside the same panic boundary
/// as the analysis), as a bug in a rule would.
fn test_panic(text: &str) {
    static TRIGGER: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let trigger = TRIGGER.get_or_init(|| {
        std::env::var("ZHPROOF_TEST_PANIC")
            .ok()
            .filter(|t| !t.is_empty())
    });
    if let Some(t) = trigger {
        if text.contains(t.as_str()) {
            panic!("zhproof test panic (ZHPROOF_TEST_PANIC)");
        }
    }
}

/// The worker's loop: runs until the job channel closes.
pub fn run(shared: Arc<Shared>, jobs: Receiver<Job>, out: UnboundedSender<Out>) {
    let mut analyzers: HashMap<String, Analyzer> = HashMap::new();
    while let Ok(first) = jobs.recv() {
        let Some(pending) = coalesce(first, &jobs, &mut analyzers) else {
            return;
        };
        for uri in pending {
            if !analyze_one(&shared, &mut analyzers, uri, &out) {
                return;
            }
        }
    }
}

/// Everything queued after `first`: the documents to analyse, each once,
/// at its latest version (`None` when the job channel closed).
fn coalesce(
    first: Job,
    jobs: &Receiver<Job>,
    analyzers: &mut HashMap<String, Analyzer>,
) -> Option<Vec<Uri>> {
    let mut pending: Vec<Uri> = Vec::new();
    let handle =
        |job: Job, pending: &mut Vec<Uri>, analyzers: &mut HashMap<String, Analyzer>| match job {
            Job::Analyze(u) => {
                if !pending.iter().any(|p| p.as_str() == u.as_str()) {
                    pending.push(u);
                }
            }
            Job::Forget(u) => {
                analyzers.remove(u.as_str());
                pending.retain(|p| p.as_str() != u.as_str());
            }
            Job::Reconfigure(us) => {
                for u in us {
                    if !pending.iter().any(|p| p.as_str() == u.as_str()) {
                        pending.push(u);
                    }
                }
            }
        };
    handle(first, &mut pending, analyzers);
    loop {
        match jobs.try_recv() {
            Ok(j) => handle(j, &mut pending, analyzers),
            Err(TryRecvError::Empty) => break,
            Err(TryRecvError::Disconnected) => return None,
        }
    }
    Some(pending)
}

/// Analyse one document's latest version and hand the result to the
/// publisher; `false` when the publisher is gone.
fn analyze_one(
    shared: &Shared,
    analyzers: &mut HashMap<String, Analyzer>,
    uri: Uri,
    out: &UnboundedSender<Out>,
) -> bool {
    // until the initial configuration is loaded nothing is checked;
    // a Reconfigure of all open documents follows
    if !shared.is_ready() {
        return true;
    }
    let Some((rope, version, kind)) = shared.snapshot(&uri) else {
        return true;
    };
    let config = shared.config_for(&uri);
    let config_date = config.article_date;
    let enc = shared.encoding();
    let analyzer = analyzers
        .entry(uri.as_str().to_string())
        .or_insert_with(|| Analyzer::new(config.clone()));
    analyzer.set_config(config);
    let text: Arc<str> = Arc::from(rope_text(&rope));
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        test_panic(&text);
        analyzer.analyze(&text, kind)
    }));
    let mut analysis = match outcome {
        Ok(a) => a,
        Err(e) => {
            let msg = panic_text(e.as_ref());
            // a poisoned cache is not trusted again
            analyzers.remove(uri.as_str());
            let _ = out.send(Out::Log(
                MessageType::ERROR,
                format!(
                    "zhproof: analysis of {} (version {version}) panicked: {msg}",
                    uri.as_str()
                ),
            ));
            return true;
        }
    };
    // an ignored file keeps its outline and hovers but shows (and
    // fixes) nothing, as `zhproof check` skips it
    if shared.ignored(&uri) {
        analysis.findings.clear();
    }
    for (code, msg) in &analysis.panics {
        let _ = out.send(Out::Log(
            MessageType::ERROR,
            format!("zhproof: rule {code} panicked on {}: {msg}", uri.as_str()),
        ));
    }
    let mut cursor = PosCursor::new(&rope, &text, enc);
    let frame =
        super::outbound::publish_findings(&uri, &analysis.findings, Some(version), |r| Range {
            start: convert::pos(cursor.pos(r.start)),
            end: convert::pos(cursor.pos(r.end)),
        });
    let result = Arc::new(DocResult {
        uri: uri.clone(),
        version,
        rope,
        text,
        analysis,
        hover_index: std::sync::OnceLock::new(),
        config_date,
    });
    out.send(Out::Publish { result, frame }).is_ok()
}

/// The message a panic carried.
fn panic_text(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| e.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".into())
}
