//! The document state shared by the handlers, the analysis worker and the
//! publisher: the open documents, their latest analyses, the configuration
//! state and the negotiated encoding.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

use ropey::Rope;
use tokio::sync::mpsc::UnboundedSender;
use tower_lsp_server::ls_types::Uri;

use super::outbound::Frame;
use super::position::Encoding;
use super::settings::{is_config_uri, ConfigState};
use crate::core::{Analysis, Config, DocKind};

/// An open document: the server's copy of its text.
pub struct Doc {
    /// The text.
    pub rope: Rope,
    /// The version the client last sent.
    pub version: i32,
    /// Plain text or Markdown.
    pub kind: DocKind,
    /// The markup language of a document that is left alone (LaTeX, HTML,
    /// Org…: its markup would be proofread as text); `None`: checked.
    pub markup: Option<&'static str>,
}

/// State shared between the handlers, the worker and the publisher.
pub struct Shared {
    pub(super) docs: Mutex<HashMap<String, Doc>>,
    pub(super) results: Mutex<HashMap<String, Arc<DocResult>>>,
    pub(super) cfg: Mutex<ConfigState>,
    /// Set once the initial configuration is loaded; analyses wait for it.
    pub(super) ready: AtomicBool,
    pub(super) encoding: AtomicU8,
    /// The outbound frame queue (see `outbound`): diagnostics of open
    /// documents are sent through it, under the `docs` lock, so a document's
    /// diagnostics and its clearing on close reach the client in order.
    pub(super) frames: UnboundedSender<Frame>,
}

impl Shared {
    /// A document's text, version and kind.
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

    /// Open documents that are checked (not configuration files, not
    /// documents in a markup language left alone).
    pub(super) fn open_documents(&self) -> Vec<Uri> {
        self.docs
            .lock()
            .map(|d| {
                d.iter()
                    .filter(|(_, doc)| doc.markup.is_none())
                    .filter_map(|(k, _)| k.parse::<Uri>().ok())
                    .filter(|u| !is_config_uri(u))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The negotiated position encoding.
    pub fn encoding(&self) -> Encoding {
        match self.encoding.load(Ordering::Relaxed) {
            8 => Encoding::Utf8,
            32 => Encoding::Utf32,
            _ => Encoding::Utf16,
        }
    }

    /// Is the open document one in a markup language, left alone?
    pub(super) fn left_alone(&self, uri: &str) -> bool {
        self.docs
            .lock()
            .map(|d| d.get(uri).is_some_and(|doc| doc.markup.is_some()))
            .unwrap_or(false)
    }

    /// The version of an open document.
    pub(super) fn current_version(&self, uri: &str) -> Option<i32> {
        self.docs.lock().ok()?.get(uri).map(|d| d.version)
    }

    /// The latest published analysis of a document.
    pub(super) fn result(&self, uri: &str) -> Option<Arc<DocResult>> {
        self.results.lock().ok()?.get(uri).cloned()
    }
}

/// The analysis of one version of a document.
pub struct DocResult {
    /// The document.
    pub uri: Uri,
    /// The version analysed.
    pub version: i32,
    /// Its text as a rope (for position conversion).
    pub rope: Rope,
    /// Its text as one string.
    pub text: Arc<str>,
    /// The analysis.
    pub analysis: Analysis,
    /// Built on the first hover / workspace-symbol request for this version.
    pub hover_index: std::sync::OnceLock<crate::core::hover::HoverIndex>,
    /// `article_date` of the configuration in force.
    pub config_date: Option<crate::core::config::Ymd>,
}

impl DocResult {
    /// The hover index, built on first use.
    pub fn hover_index(&self) -> &crate::core::hover::HoverIndex {
        self.hover_index.get_or_init(|| {
            crate::core::hover::HoverIndex::new(&self.analysis, &self.text, self.config_date)
        })
    }
}
