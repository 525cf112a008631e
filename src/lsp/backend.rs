//! The backend: the state a handler needs (client, shared state, job queue,
//! client capabilities), its construction (which starts the analysis worker
//! and the publisher task), and the helpers every handler uses.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU8};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::Client;

use super::actions::EditCaps;
use super::outbound::Frame;
use super::settings::ConfigState;
use super::state::{DocResult, Shared};
use super::worker::{self, Job, Out};

/// What the client supports, from `initialize`.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ClientCaps {
    /// `workspace/configuration` requests.
    pub(super) configuration: bool,
    /// Dynamic registration of `workspace/didChangeWatchedFiles`.
    pub(super) watch_dynamic: bool,
    pub(super) edits: EditCaps,
}

/// The language server: tower-lsp-server's handlers are its methods.
pub struct Backend {
    pub(super) client: Client,
    pub(super) shared: Arc<Shared>,
    pub(super) jobs: Mutex<std::sync::mpsc::Sender<Job>>,
    pub(super) caps: Mutex<ClientCaps>,
    /// Notified when `initialized` has pulled the settings.
    pub(super) settled: Arc<tokio::sync::Notify>,
}

impl Backend {
    /// A backend writing to `frames`; starts the worker and the publisher.
    pub fn new(client: Client, frames: UnboundedSender<Frame>) -> Backend {
        let mut cfg = ConfigState::default();
        cfg.rebuild();
        let shared = Arc::new(Shared {
            docs: Mutex::new(HashMap::new()),
            results: Mutex::new(HashMap::new()),
            cfg: Mutex::new(cfg),
            ready: AtomicBool::new(false),
            encoding: AtomicU8::new(16),
            frames,
        });
        let (job_tx, job_rx) = std::sync::mpsc::channel();
        let (out_tx, out_rx) = tokio::sync::mpsc::unbounded_channel();
        let s2 = shared.clone();
        std::thread::Builder::new()
            .name("zhproof-analysis".into())
            .spawn(move || worker::run(s2, job_rx, out_tx))
            .ok();
        tokio::spawn(publisher(client.clone(), shared.clone(), out_rx));
        Backend {
            client,
            shared,
            jobs: Mutex::new(job_tx),
            caps: Mutex::new(ClientCaps::default()),
            settled: Arc::new(tokio::sync::Notify::new()),
        }
    }

    /// The client's capabilities (from `initialize`).
    pub(super) fn caps(&self) -> ClientCaps {
        self.caps.lock().map(|c| *c).unwrap_or_default()
    }

    /// Queue a job for the analysis worker.
    pub(super) fn schedule(&self, job: Job) {
        if let Ok(tx) = self.jobs.lock() {
            let _ = tx.send(job);
        }
    }

    /// Log a message on the client.
    pub(super) async fn log(&self, typ: MessageType, msg: String) {
        self.client.log_message(typ, msg).await;
    }

    /// The analysis of the document's current version, waiting briefly for
    /// the worker if it is still busy; falls back to the latest result.
    pub(super) async fn current(&self, uri: &Uri) -> Option<Arc<DocResult>> {
        let key = uri.as_str();
        // a document left alone (a markup language) is never analysed
        if self.shared.left_alone(key) {
            return None;
        }
        // up to 3 s for the current version; with no result at all yet (the
        // first analysis of a big document, or a slow machine) up to 30 s
        for round in 0..3000 {
            let want = self.shared.current_version(key)?;
            match self.shared.result(key) {
                Some(r) if r.version == want => return Some(r),
                Some(r) if round >= 300 => return Some(r),
                _ => {}
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        self.shared.result(key)
    }
}

/// Hands the worker's results to the client: publishes the diagnostics of
/// current versions and keeps their analyses for the requests.
async fn publisher(client: Client, shared: Arc<Shared>, mut rx: UnboundedReceiver<Out>) {
    while let Some(msg) = rx.recv().await {
        match msg {
            Out::Log(typ, text) => client.log_message(typ, text).await,
            Out::Publish { result, frame } => {
                let key = result.uri.as_str().to_string();
                // drop results for closed documents and stale versions; the
                // check and the send happen under the docs lock, so a close
                // (which clears under the same lock) cannot slip in between
                let sent = match shared.docs.lock() {
                    Ok(docs) if docs.get(&key).map(|d| d.version) == Some(result.version) => {
                        shared.frames.send(frame).is_ok()
                    }
                    _ => false,
                };
                if !sent {
                    continue;
                }
                let old = match shared.results.lock() {
                    Ok(mut r) => r.insert(key, result),
                    Err(_) => None,
                };
                // the previous version's analysis is large: free it off the loop
                if let Some(old) = old {
                    tokio::task::spawn_blocking(move || drop(old));
                }
            }
        }
    }
}
