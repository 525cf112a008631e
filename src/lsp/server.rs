//! The LSP backend. Document edits are applied synchronously, before any
//! `.await` (tower-lsp-server runs handlers concurrently), and checked for
//! version order; analysis runs on the worker thread.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ropey::Rope;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::actions::{self, EditCaps, WordTarget};
use super::convert;
use super::outbound::{self, Frame};
use super::position::{to_byte, Encoding, Pos};
use super::settings::{is_config_uri, uri_path, ConfigState};
use super::worker::{self, DocResult, Job, Out};
use crate::core::{fix, Config, DocKind};

/// The settings section the server asks the client for.
pub const SETTINGS_SECTION: &str = "zhproof";
/// How long start-up waits for the client's settings before checking anyway.
const SETTLE_TIMEOUT: Duration = Duration::from_secs(2);

pub const FIX_ALL_KIND: &str = "source.fixAll.zhproof";

pub struct Doc {
    pub rope: Rope,
    pub version: i32,
    pub kind: DocKind,
}

/// State shared between the handlers, the worker and the publisher.
pub struct Shared {
    docs: Mutex<HashMap<String, Doc>>,
    results: Mutex<HashMap<String, Arc<DocResult>>>,
    cfg: Mutex<ConfigState>,
    /// Set once the initial configuration is loaded; analyses wait for it.
    ready: AtomicBool,
    encoding: AtomicU8,
    /// The outbound frame queue (see `outbound`): diagnostics of open
    /// documents are sent through it, under the `docs` lock, so a document's
    /// diagnostics and its clearing on close reach the client in order.
    frames: UnboundedSender<Frame>,
}

impl Shared {
    pub fn snapshot(&self, uri: &Uri) -> Option<(Rope, i32, DocKind)> {
        let docs = self.docs.lock().ok()?;
        docs.get(uri.as_str())
            .map(|d| (d.rope.clone(), d.version, d.kind))
    }

    /// The effective configuration of a document.
    pub fn config_for(&self, uri: &Uri) -> Arc<Config> {
        self.cfg
            .lock()
            .map(|c| c.config_for(uri.as_str()))
            .unwrap_or_default()
    }

    /// Is the document excluded by the configuration's `ignore` globs?
    pub fn ignored(&self, uri: &Uri) -> bool {
        self.cfg
            .lock()
            .map(|c| c.ignores(uri.as_str()))
            .unwrap_or(false)
    }

    /// Has the initial configuration been loaded?
    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Acquire)
    }

    /// Open documents that are checked (not configuration files).
    fn open_documents(&self) -> Vec<Uri> {
        self.docs
            .lock()
            .map(|d| {
                d.keys()
                    .filter_map(|k| k.parse::<Uri>().ok())
                    .filter(|u| !is_config_uri(u))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn encoding(&self) -> Encoding {
        match self.encoding.load(Ordering::Relaxed) {
            8 => Encoding::Utf8,
            32 => Encoding::Utf32,
            _ => Encoding::Utf16,
        }
    }

    fn current_version(&self, uri: &str) -> Option<i32> {
        self.docs.lock().ok()?.get(uri).map(|d| d.version)
    }

    fn result(&self, uri: &str) -> Option<Arc<DocResult>> {
        self.results.lock().ok()?.get(uri).cloned()
    }
}

/// What the client supports, from `initialize`.
#[derive(Debug, Clone, Copy, Default)]
struct ClientCaps {
    /// `workspace/configuration` requests.
    configuration: bool,
    /// Dynamic registration of `workspace/didChangeWatchedFiles`.
    watch_dynamic: bool,
    edits: EditCaps,
}

/// What background tasks need to reconfigure and publish.
#[derive(Clone)]
struct Ctl {
    client: Client,
    shared: Arc<Shared>,
    jobs: std::sync::mpsc::Sender<Job>,
}

impl Ctl {
    /// Re-check every open document with the current configuration.
    fn reconfigure_all(&self) {
        if self.shared.is_ready() {
            let _ = self
                .jobs
                .send(Job::Reconfigure(self.shared.open_documents()));
        }
    }

    /// Start checking (once the initial configuration is there).
    fn mark_ready(&self) {
        if !self.shared.ready.swap(true, Ordering::AcqRel) {
            self.reconfigure_all();
        }
    }

    /// Publish the problems of the configuration files as diagnostics on
    /// them (and clear those that went away).
    async fn publish_config_problems(&self) {
        let enc = self.shared.encoding();
        let mut out: Vec<(Uri, Vec<Diagnostic>)> = Vec::new();
        if let Ok(mut st) = self.shared.cfg.lock() {
            let current: HashMap<PathBuf, Vec<crate::core::config_file::ConfigProblem>> = st
                .files
                .iter()
                .filter(|(_, f)| !f.problems.is_empty())
                .map(|(p, f)| (p.clone(), f.problems.clone()))
                .collect();
            let cleared: Vec<PathBuf> = st
                .published
                .keys()
                .filter(|p| !current.contains_key(*p))
                .cloned()
                .collect();
            for p in cleared {
                st.published.remove(&p);
                if let Some(uri) = Uri::from_file_path(&p) {
                    out.push((uri, Vec::new()));
                }
            }
            for (p, problems) in current {
                if st.published.get(&p) == Some(&problems) {
                    continue;
                }
                let Some(f) = st.files.get(&p) else { continue };
                let rope = Rope::from_str(&f.text);
                let diags = problems
                    .iter()
                    .map(|pr| Diagnostic {
                        range: convert::range(&rope, &pr.range, enc),
                        severity: Some(if pr.error {
                            DiagnosticSeverity::ERROR
                        } else {
                            DiagnosticSeverity::WARNING
                        }),
                        code: Some(NumberOrString::String("config".to_string())),
                        source: Some("zhproof".to_string()),
                        message: pr.message.clone(),
                        ..Default::default()
                    })
                    .collect();
                if let Some(uri) = Uri::from_file_path(&p) {
                    out.push((uri, diags));
                }
                st.published.insert(p, problems);
            }
        }
        for (uri, diags) in out {
            self.client.publish_diagnostics(uri, diags, None).await;
        }
    }

    /// Apply editor settings (the `zhproof` section).
    async fn apply_settings(&self, v: &serde_json::Value) {
        let (layer, warnings) = super::settings::parse_settings(v);
        for w in warnings {
            self.client.log_message(MessageType::WARNING, w).await;
        }
        let changed = match self.shared.cfg.lock() {
            Ok(mut st) => {
                let changed = st.editor != layer;
                st.editor = layer;
                st.rebuild();
                changed
            }
            Err(_) => false,
        };
        if changed {
            self.reconfigure_all();
        }
    }

    /// Ask the client for the settings (pull model).
    async fn pull_settings(&self) {
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some(SETTINGS_SECTION.to_string()),
        }];
        match tokio::time::timeout(SETTLE_TIMEOUT, self.client.configuration(items)).await {
            Ok(Ok(values)) => {
                let v = values.into_iter().next().unwrap_or_default();
                self.apply_settings(&v).await;
            }
            Ok(Err(e)) => {
                self.client
                    .log_message(
                        MessageType::WARNING,
                        format!("zhproof: workspace/configuration failed: {e}"),
                    )
                    .await;
            }
            Err(_) => {
                self.client
                    .log_message(
                        MessageType::WARNING,
                        "zhproof: no answer to workspace/configuration; using the file settings",
                    )
                    .await;
            }
        }
    }

    /// A configuration file changed (on disk, or its open buffer).
    async fn config_changed(&self) {
        self.publish_config_problems().await;
        self.reconfigure_all();
    }
}

pub struct Backend {
    client: Client,
    shared: Arc<Shared>,
    jobs: Mutex<std::sync::mpsc::Sender<Job>>,
    caps: Mutex<ClientCaps>,
    /// Notified when `initialized` has pulled the settings.
    settled: Arc<tokio::sync::Notify>,
}

impl Backend {
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

    fn ctl(&self) -> Option<Ctl> {
        let jobs = self.jobs.lock().ok()?.clone();
        Some(Ctl {
            client: self.client.clone(),
            shared: self.shared.clone(),
            jobs,
        })
    }

    fn caps(&self) -> ClientCaps {
        self.caps.lock().map(|c| *c).unwrap_or_default()
    }

    /// A `.zhproof.toml` opened, edited or closed in the editor: its buffer
    /// (`Some`) or the disk (`None`) is the configuration from now on.
    async fn config_buffer(&self, uri: &Uri, text: Option<String>) {
        let Some(path) = uri_path(uri) else { return };
        if let Ok(mut st) = self.shared.cfg.lock() {
            match text {
                Some(t) => {
                    st.buffers.insert(path.clone(), t.clone());
                    st.set_text(&path, t);
                }
                None => {
                    st.buffers.remove(&path);
                    st.load(&path);
                }
            }
            st.reresolve();
        }
        if let Some(ctl) = self.ctl() {
            ctl.config_changed().await;
        }
    }

    /// The project configuration file that "add word" edits for a document.
    fn word_target(&self, uri: &Uri) -> Option<WordTarget> {
        let path = {
            let st = self.shared.cfg.lock().ok()?;
            match st.doc_files.get(uri.as_str()).cloned().flatten() {
                Some(p) => p,
                None => st.new_file_location(uri)?,
            }
        };
        let turi = Uri::from_file_path(&path)?;
        let open = self.shared.snapshot(&turi);
        let (text, version) = match open {
            Some((rope, v, _)) => (Some(rope.to_string()), Some(v)),
            None => (std::fs::read_to_string(&path).ok(), None),
        };
        if text.is_none() && path.exists() {
            return None; // unreadable
        }
        Some(WordTarget {
            uri: turi,
            text,
            version,
        })
    }

    fn schedule(&self, job: Job) {
        if let Ok(tx) = self.jobs.lock() {
            let _ = tx.send(job);
        }
    }

    async fn log(&self, typ: MessageType, msg: String) {
        self.client.log_message(typ, msg).await;
    }

    /// The analysis of the document's current version, waiting briefly for
    /// the worker if it is still busy; falls back to the latest result.
    async fn current(&self, uri: &Uri) -> Option<Arc<DocResult>> {
        let key = uri.as_str();
        for _ in 0..300 {
            let want = self.shared.current_version(key)?;
            if let Some(r) = self.shared.result(key) {
                if r.version == want {
                    return Some(r);
                }
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        self.shared.result(key)
    }
}

impl Backend {
    /// `zhproof/documentText`: the server's copy of a document and its version
    /// (lets clients and tests verify that incremental sync kept it identical).
    pub async fn document_text(
        &self,
        params: TextDocumentIdentifier,
    ) -> Result<Option<serde_json::Value>> {
        let Some((rope, version, _)) = self.shared.snapshot(&params.uri) else {
            return Ok(None);
        };
        Ok(Some(
            serde_json::json!({ "version": version, "text": rope.to_string() }),
        ))
    }
}

impl Backend {
    /// A frame that was not valid JSON-RPC (see `sanitize`): log it and go on.
    pub async fn malformed_message(&self, params: serde_json::Value) {
        let why = params
            .get("error")
            .and_then(|e| e.as_str())
            .unwrap_or("unknown")
            .to_string();
        self.log(
            MessageType::ERROR,
            format!("zhproof: ignored a malformed message: {why}"),
        )
        .await;
    }
}

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

fn negotiate(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.clone())
        .unwrap_or_default();
    let has = |k: &PositionEncodingKind| offered.iter().any(|o| o == k);
    if has(&PositionEncodingKind::UTF8) {
        Encoding::Utf8
    } else if has(&PositionEncodingKind::UTF32) && !has(&PositionEncodingKind::UTF16) {
        Encoding::Utf32
    } else {
        Encoding::Utf16
    }
}

/// The workspace roots: the workspace folders, else the root URI / path.
#[allow(deprecated)]
fn workspace_roots(params: &InitializeParams) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| uri_path(&f.uri))
        .collect();
    if roots.is_empty() {
        if let Some(p) = params.root_uri.as_ref().and_then(uri_path) {
            roots.push(p);
        } else if let Some(p) = params.root_path.as_ref() {
            roots.push(PathBuf::from(p));
        }
    }
    roots
}

fn doc_kind(uri: &Uri, language_id: Option<&str>) -> DocKind {
    match language_id {
        Some("markdown") => DocKind::Markdown,
        Some("plaintext") | Some("text") => DocKind::from_path(uri.as_str()),
        _ => DocKind::from_path(uri.as_str()),
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let enc = negotiate(&params);
        self.shared.encoding.store(
            match enc {
                Encoding::Utf8 => 8,
                Encoding::Utf16 => 16,
                Encoding::Utf32 => 32,
            },
            Ordering::Relaxed,
        );
        let kind = match enc {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        };
        let ws = params.capabilities.workspace.as_ref();
        let caps = ClientCaps {
            configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
            watch_dynamic: ws
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            edits: EditCaps {
                document_changes: ws
                    .and_then(|w| w.workspace_edit.as_ref())
                    .and_then(|e| e.document_changes)
                    .unwrap_or(false),
                create_files: ws
                    .and_then(|w| w.workspace_edit.as_ref())
                    .and_then(|e| e.resource_operations.as_ref())
                    .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
            },
        };
        if let Ok(mut c) = self.caps.lock() {
            *c = caps;
        }
        if let Ok(mut st) = self.shared.cfg.lock() {
            st.roots = workspace_roots(&params);
        }
        // load the configuration off the initialize path: the files at once,
        // the editor settings when `initialized` has fetched them
        if let Some(ctl) = self.ctl() {
            let settled = self.settled.clone();
            tokio::spawn(async move {
                if let Ok(mut st) = ctl.shared.cfg.lock() {
                    st.load_roots();
                }
                let _ = tokio::time::timeout(SETTLE_TIMEOUT, settled.notified()).await;
                ctl.mark_ready();
                ctl.publish_config_problems().await;
            });
        }
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "zhproof".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(kind),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: None,
                        will_save: None,
                        will_save_wait_until: None,
                    },
                )),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::new(FIX_ALL_KIND),
                            CodeActionKind::SOURCE_FIX_ALL,
                        ]),
                        resolve_provider: Some(false),
                        work_done_progress_options: Default::default(),
                    },
                )),
                document_symbol_provider: Some(OneOf::Left(true)),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
                ..Default::default()
            },
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.log(
            MessageType::INFO,
            format!("zhproof {} ready", env!("CARGO_PKG_VERSION")),
        )
        .await;
        let caps = self.caps();
        let Some(ctl) = self.ctl() else { return };
        if caps.configuration {
            ctl.pull_settings().await;
        }
        self.settled.notify_one();
        if caps.watch_dynamic {
            let opts = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String(format!(
                        "**/{}",
                        crate::core::config_file::FILE_NAME
                    )),
                    kind: None,
                }],
            };
            let reg = Registration {
                id: "zhproof-config-watcher".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(opts).ok(),
            };
            if let Err(e) = self.client.register_capability(vec![reg]).await {
                self.log(
                    MessageType::WARNING,
                    format!("zhproof: could not watch .zhproof.toml: {e}"),
                )
                .await;
            }
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let Some(ctl) = self.ctl() else { return };
        let v = params.settings;
        let looks_like_section = |v: &serde_json::Value| {
            v.as_object().is_some_and(|o| {
                ["rules", "style", "words", "articleDate", "ignore"]
                    .iter()
                    .any(|k| o.contains_key(*k))
            })
        };
        let pushed = match v.get(SETTINGS_SECTION) {
            Some(section) => Some(section.clone()),
            None if looks_like_section(&v) => Some(v.clone()),
            None => None,
        };
        match pushed {
            Some(section) => ctl.apply_settings(&section).await,
            None if self.caps().configuration => ctl.pull_settings().await,
            None => {}
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut any = false;
        if let Ok(mut st) = self.shared.cfg.lock() {
            for ch in &params.changes {
                if !is_config_uri(&ch.uri) {
                    continue;
                }
                let Some(path) = uri_path(&ch.uri) else {
                    continue;
                };
                any = true;
                if st.buffers.contains_key(&path) {
                    continue; // the open buffer wins
                }
                if ch.typ == FileChangeType::DELETED {
                    st.files.remove(&path);
                } else {
                    st.load(&path);
                }
            }
            if any {
                st.reresolve();
            }
        }
        if any {
            if let Some(ctl) = self.ctl() {
                ctl.config_changed().await;
            }
        }
    }

    /// Folders added or removed: their `.zhproof.toml` files are loaded or
    /// dropped, and open documents are re-checked.
    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        if let Ok(mut st) = self.shared.cfg.lock() {
            let gone: Vec<PathBuf> = params
                .event
                .removed
                .iter()
                .filter_map(|f| uri_path(&f.uri))
                .collect();
            st.roots.retain(|r| !gone.contains(r));
            for f in &params.event.added {
                if let Some(p) = uri_path(&f.uri) {
                    if !st.roots.contains(&p) {
                        st.roots.push(p);
                    }
                }
            }
            st.load_roots();
            st.reresolve();
        }
        if let Some(ctl) = self.ctl() {
            ctl.config_changed().await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        let kind = doc_kind(&td.uri, Some(td.language_id.as_str()));
        if let Ok(mut docs) = self.shared.docs.lock() {
            docs.insert(
                td.uri.as_str().to_string(),
                Doc {
                    rope: Rope::from_str(&td.text),
                    version: td.version,
                    kind,
                },
            );
        }
        if is_config_uri(&td.uri) {
            // a configuration file is validated and applied, not proofread
            self.config_buffer(&td.uri, Some(td.text)).await;
            return;
        }
        if let Ok(mut st) = self.shared.cfg.lock() {
            st.attach(&td.uri);
        }
        self.schedule(Job::Analyze(td.uri));
        if let Some(ctl) = self.ctl() {
            if self.shared.is_ready() {
                ctl.publish_config_problems().await;
            }
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // everything up to schedule() runs synchronously, before any .await
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let enc = self.shared.encoding();
        let mut logs: Vec<String> = Vec::new();
        let applied = match self.shared.docs.lock() {
            Ok(mut docs) => match docs.get_mut(uri.as_str()) {
                None => {
                    logs.push(format!(
                        "didChange for unknown document {} ignored",
                        uri.as_str()
                    ));
                    false
                }
                Some(doc) if version <= doc.version => {
                    logs.push(format!(
                        "stale didChange for {} (version {version} ≤ {}) ignored",
                        uri.as_str(),
                        doc.version
                    ));
                    false
                }
                Some(doc) => {
                    for change in params.content_changes {
                        match change.range {
                            None => doc.rope = Rope::from_str(&change.text),
                            Some(r) => {
                                let (s, sc) = to_byte(
                                    &doc.rope,
                                    Pos {
                                        line: r.start.line,
                                        character: r.start.character,
                                    },
                                    enc,
                                );
                                let (e, ec) = to_byte(
                                    &doc.rope,
                                    Pos {
                                        line: r.end.line,
                                        character: r.end.character,
                                    },
                                    enc,
                                );
                                if sc || ec {
                                    logs.push(format!(
                                        "didChange range {}:{}-{}:{} of {} is out of bounds; clamped",
                                        r.start.line, r.start.character, r.end.line, r.end.character, uri.as_str()
                                    ));
                                }
                                let (s, e) = if s <= e { (s, e) } else { (e, s) };
                                let cs = doc.rope.byte_to_char(s);
                                let ce = doc.rope.byte_to_char(e);
                                doc.rope.remove(cs..ce);
                                doc.rope.insert(cs, &change.text);
                            }
                        }
                    }
                    doc.version = version;
                    true
                }
            },
            Err(_) => false,
        };
        if applied && is_config_uri(&uri) {
            let text = self.shared.snapshot(&uri).map(|(r, _, _)| r.to_string());
            if let Some(t) = text {
                self.config_buffer(&uri, Some(t)).await;
            }
        } else if applied {
            self.schedule(Job::Analyze(uri));
        }
        for l in logs {
            self.log(MessageType::WARNING, l).await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        // remove and clear under the docs lock (see `Shared::frames`)
        let existed = self
            .shared
            .docs
            .lock()
            .map(|mut d| {
                let existed = d.remove(uri.as_str()).is_some();
                if existed && !is_config_uri(&uri) {
                    let _ = self.shared.frames.send(outbound::publish_findings(
                        &uri,
                        &[],
                        None,
                        |_| Range::default(),
                    ));
                }
                existed
            })
            .unwrap_or(false);
        if let Ok(mut r) = self.shared.results.lock() {
            r.remove(uri.as_str());
        }
        if is_config_uri(&uri) {
            // back to the file on disk; its problems stay published
            self.config_buffer(&uri, None).await;
            return;
        }
        if let Ok(mut st) = self.shared.cfg.lock() {
            st.detach(&uri);
        }
        self.schedule(Job::Forget(uri.clone()));
        if !existed {
            self.log(
                MessageType::WARNING,
                format!("didClose for unknown document {} ignored", uri.as_str()),
            )
            .await;
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let pp = params.text_document_position_params;
        let Some(r) = self.current(&pp.text_document.uri).await else {
            return Ok(None);
        };
        let enc = self.shared.encoding();
        let (offset, clamped) = to_byte(
            &r.rope,
            Pos {
                line: pp.position.line,
                character: pp.position.character,
            },
            enc,
        );
        if clamped {
            return Ok(None);
        }
        let Some(h) = crate::core::hover::hover(&r.analysis, &r.text, r.hover_index(), offset)
        else {
            return Ok(None);
        };
        Ok(Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: h.markdown,
            }),
            range: Some(convert::range(&r.rope, &h.range, enc)),
        }))
    }

    #[allow(deprecated)]
    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let results: Vec<Arc<DocResult>> = match self.shared.results.lock() {
            Ok(r) => r.values().cloned().collect(),
            Err(_) => Vec::new(),
        };
        let enc = self.shared.encoding();
        let mut out = Vec::new();
        for r in results {
            for e in r.hover_index().entities.search(&params.query) {
                out.push(SymbolInformation {
                    name: e.name.clone(),
                    kind: match e.kind {
                        crate::core::entities::EntityKind::Person => SymbolKind::OBJECT,
                        crate::core::entities::EntityKind::Org => SymbolKind::NAMESPACE,
                        crate::core::entities::EntityKind::Place => SymbolKind::PACKAGE,
                    },
                    tags: None,
                    deprecated: None,
                    location: Location {
                        uri: r.uri.clone(),
                        range: convert::range(&r.rope, &e.first(), enc),
                    },
                    container_name: Some(format!("{}（{} 次）", e.kind.label(), e.count())),
                });
            }
        }
        out.sort_by(|a, b| {
            a.name
                .cmp(&b.name)
                .then(a.location.uri.as_str().cmp(b.location.uri.as_str()))
        });
        Ok(Some(WorkspaceSymbolResponse::Flat(out)))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(r) = self.current(&params.text_document.uri).await else {
            return Ok(None);
        };
        let enc = self.shared.encoding();
        let syms = r
            .analysis
            .sections(&r.text)
            .iter()
            .map(|s| convert::symbol(&r.rope, s, enc))
            .collect();
        Ok(Some(DocumentSymbolResponse::Nested(syms)))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(r) = self.current(&params.text_document.uri).await else {
            return Ok(None);
        };
        let mut out = Vec::new();
        fn walk(r: &DocResult, s: &crate::core::outline::Section, out: &mut Vec<FoldingRange>) {
            let start = r.rope.byte_to_line(s.range.start.min(r.rope.len_bytes()));
            let end = r.rope.byte_to_line(s.range.end.min(r.rope.len_bytes()));
            if end > start {
                out.push(FoldingRange {
                    start_line: start as u32,
                    start_character: None,
                    end_line: end as u32,
                    end_character: None,
                    kind: Some(FoldingRangeKind::Region),
                    collapsed_text: Some(s.name.clone()),
                });
            }
            for c in &s.children {
                walk(r, c, out);
            }
        }
        for s in r.analysis.sections(&r.text) {
            walk(&r, s, &mut out);
        }
        Ok(Some(out))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(r) = self.current(&uri).await else {
            return Ok(None);
        };
        let enc = self.shared.encoding();
        let only = params.context.only.clone();
        let wants = |kind: &str| match &only {
            None => true,
            Some(list) => list
                .iter()
                .any(|k| kind == k.as_str() || kind.starts_with(&format!("{}.", k.as_str()))),
        };
        let (start, _) = to_byte(
            &r.rope,
            Pos {
                line: params.range.start.line,
                character: params.range.start.character,
            },
            enc,
        );
        let (end, _) = to_byte(
            &r.rope,
            Pos {
                line: params.range.end.line,
                character: params.range.end.character,
            },
            enc,
        );
        let mut actions: Vec<CodeActionOrCommand> = Vec::new();
        if wants(CodeActionKind::QUICKFIX.as_str()) {
            for f in &r.analysis.findings {
                let touches = f.range.start <= end && start <= f.range.end;
                let Some(fx) = &f.fix else { continue };
                if !touches {
                    continue;
                }
                let edits: Vec<TextEdit> = fx
                    .edits
                    .iter()
                    .map(|e| convert::text_edit(&r.rope, e, enc))
                    .collect();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("{}（{}）", fx.title, f.code),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![convert::diagnostic(&uri, &r.rope, f, enc)]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits)])),
                        ..Default::default()
                    }),
                    is_preferred: Some(true),
                    ..Default::default()
                }));
            }
            // suppress the rule here / in the file, add the word to the word list
            let touching: Vec<&crate::core::Finding> = r
                .analysis
                .findings
                .iter()
                .filter(|f| f.range.start <= end && start <= f.range.end)
                .collect();
            if !touching.is_empty() {
                let kind = self
                    .shared
                    .snapshot(&uri)
                    .map(|(_, _, k)| k)
                    .unwrap_or_else(|| DocKind::from_path(uri.as_str()));
                let target = self.word_target(&uri);
                let doc = actions::Doc {
                    uri: &uri,
                    rope: &r.rope,
                    text: &r.text,
                    kind,
                    enc,
                    blocks: &r.analysis.blocks,
                };
                actions.extend(actions::config_actions(
                    &doc,
                    &touching,
                    target.as_ref(),
                    self.caps().edits,
                ));
            }
        }
        if wants(FIX_ALL_KIND)
            || only
                .as_ref()
                .is_some_and(|l| l.iter().any(|k| k.as_str() == "source.fixAll"))
        {
            let edits = fix::fix_all_edits(&r.analysis.findings);
            if !edits.is_empty() {
                let n = edits.len();
                let edits: Vec<TextEdit> = edits
                    .iter()
                    .map(|e| convert::text_edit(&r.rope, e, enc))
                    .collect();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: format!("修复全文可自动修复的问题（{n} 处）"),
                    kind: Some(CodeActionKind::new(FIX_ALL_KIND)),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits)])),
                        ..Default::default()
                    }),
                    ..Default::default()
                }));
            }
        }
        Ok(Some(actions))
    }
}
