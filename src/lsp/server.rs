//! The LSP backend. Document edits are applied synchronously, before any
//! `.await` (tower-lsp-server runs handlers concurrently), and checked for
//! version order; analysis runs on the worker thread.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use ropey::Rope;
use tokio::sync::mpsc::UnboundedReceiver;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::convert;
use super::position::{to_byte, Encoding, Pos};
use super::worker::{self, DocResult, Job, Out};
use crate::core::{fix, Config, DocKind};

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
    config: RwLock<Arc<Config>>,
    encoding: AtomicU8,
}

impl Shared {
    pub fn snapshot(&self, uri: &Uri) -> Option<(Rope, i32, DocKind)> {
        let docs = self.docs.lock().ok()?;
        docs.get(uri.as_str())
            .map(|d| (d.rope.clone(), d.version, d.kind))
    }

    pub fn config(&self) -> Arc<Config> {
        self.config.read().map(|c| c.clone()).unwrap_or_default()
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

pub struct Backend {
    client: Client,
    shared: Arc<Shared>,
    jobs: Mutex<std::sync::mpsc::Sender<Job>>,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        let shared = Arc::new(Shared {
            docs: Mutex::new(HashMap::new()),
            results: Mutex::new(HashMap::new()),
            config: RwLock::new(Arc::new(Config::default())),
            encoding: AtomicU8::new(16),
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
        }
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
            Out::Publish {
                result,
                diagnostics,
            } => {
                let key = result.uri.as_str().to_string();
                // drop results for closed documents and stale versions
                if shared.current_version(&key) != Some(result.version) {
                    continue;
                }
                let (uri, version) = (result.uri.clone(), result.version);
                if let Ok(mut r) = shared.results.lock() {
                    r.insert(key, result);
                }
                client
                    .publish_diagnostics(uri, diagnostics, Some(version))
                    .await;
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
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
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
        self.schedule(Job::Analyze(td.uri));
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
        if applied {
            self.schedule(Job::Analyze(uri));
        }
        for l in logs {
            self.log(MessageType::WARNING, l).await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let existed = self
            .shared
            .docs
            .lock()
            .map(|mut d| d.remove(uri.as_str()).is_some())
            .unwrap_or(false);
        if let Ok(mut r) = self.shared.results.lock() {
            r.remove(uri.as_str());
        }
        self.schedule(Job::Forget(uri.clone()));
        if existed {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        } else {
            self.log(
                MessageType::WARNING,
                format!("didClose for unknown document {} ignored", uri.as_str()),
            )
            .await;
        }
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
            .sections
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
        for s in &r.analysis.sections {
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
