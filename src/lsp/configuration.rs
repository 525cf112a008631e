//! Configuration: the editor settings (pulled and pushed), the
//! `.zhproof.toml` files (watched on disk, or open as buffers), workspace
//! folders, and the diagnostics on configuration files.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use ropey::Rope;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::Client;

use super::backend::Backend;
use super::convert;
use super::settings::{is_config_uri, uri_path};
use super::state::Shared;
use super::worker::Job;

/// The settings section the server asks the client for.
pub const SETTINGS_SECTION: &str = "zhproof";
/// How long start-up waits for the client's settings before checking anyway.
pub(super) const SETTLE_TIMEOUT: Duration = Duration::from_secs(2);

/// What background tasks need to reconfigure and publish.
#[derive(Clone)]
pub(super) struct Ctl {
    pub(super) client: Client,
    pub(super) shared: Arc<Shared>,
    pub(super) jobs: std::sync::mpsc::Sender<Job>,
}

impl Ctl {
    /// Re-check every open document with the current configuration.
    pub(super) fn reconfigure_all(&self) {
        if self.shared.is_ready() {
            let _ = self
                .jobs
                .send(Job::Reconfigure(self.shared.open_documents()));
        }
    }

    /// Start checking (once the initial configuration is there).
    pub(super) fn mark_ready(&self) {
        if !self.shared.ready.swap(true, Ordering::AcqRel) {
            self.reconfigure_all();
        }
    }

    /// Publish the problems of the configuration files as diagnostics on
    /// them (and clear those that went away).
    pub(super) async fn publish_config_problems(&self) {
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
    pub(super) async fn apply_settings(&self, v: &serde_json::Value) {
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
    pub(super) async fn pull_settings(&self) {
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
    pub(super) async fn config_changed(&self) {
        self.publish_config_problems().await;
        self.reconfigure_all();
    }
}

impl Backend {
    /// What background tasks need (a clone of the client, state and job queue).
    pub(super) fn ctl(&self) -> Option<Ctl> {
        let jobs = self.jobs.lock().ok()?.clone();
        Some(Ctl {
            client: self.client.clone(),
            shared: self.shared.clone(),
            jobs,
        })
    }

    /// (`Some`) or the disk (`None`) is the configuration from now on.
    pub(super) async fn config_buffer(&self, uri: &Uri, text: Option<String>) {
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

    pub(super) async fn on_did_change_configuration(&self, params: DidChangeConfigurationParams) {
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

    pub(super) async fn on_did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
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
    pub(super) async fn on_did_change_workspace_folders(
        &self,
        params: DidChangeWorkspaceFoldersParams,
    ) {
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
}
