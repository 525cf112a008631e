//! The lifecycle: `initialize` (encoding negotiation, client capabilities,
//! workspace roots, the server's capabilities) and `initialized` (settings
//! pull, watcher registration).

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::actions::EditCaps;
use super::backend::{Backend, ClientCaps};
use super::code_actions::FIX_ALL_KIND;
use super::configuration::SETTLE_TIMEOUT;
use super::position::Encoding;
use super::settings::uri_path;

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

/// What the client supports, from its `initialize` capabilities.
fn client_caps(params: &InitializeParams) -> ClientCaps {
    let ws = params.capabilities.workspace.as_ref();
    ClientCaps {
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
    }
}

/// The server's capabilities, with the negotiated position encoding.
fn server_capabilities(kind: PositionEncodingKind) -> ServerCapabilities {
    ServerCapabilities {
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
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(FIX_ALL_KIND),
                CodeActionKind::SOURCE_FIX_ALL,
            ]),
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        // formatting is fix-all: editor.formatOnSave, vim.lsp.buf.format()
        document_formatting_provider: Some(OneOf::Left(true)),
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
    }
}

impl Backend {
    pub(super) async fn on_initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
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
        super::convert::set_rule_docs(
            params
                .initialization_options
                .as_ref()
                .and_then(|o| o.get("ruleDocs"))
                .and_then(|v| v.as_str()),
        );
        let caps = client_caps(&params);
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
            capabilities: server_capabilities(kind),
            offset_encoding: None,
        })
    }

    pub(super) async fn on_initialized(&self, _: InitializedParams) {
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
}
