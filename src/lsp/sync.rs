//! Document sync: open, change (incremental, version-checked, applied before
//! any `.await`) and close.

use ropey::Rope;
use tower_lsp_server::ls_types::*;

use super::backend::Backend;
use super::outbound;
use super::position::{to_byte, Pos};
use super::settings::is_config_uri;
use super::state::Doc;
use super::worker::Job;
use crate::core::DocKind;

fn doc_kind(uri: &Uri, language_id: Option<&str>) -> DocKind {
    match language_id {
        Some("markdown") => DocKind::Markdown,
        Some("plaintext") | Some("text") => DocKind::from_path(uri.as_str()),
        _ => DocKind::from_path(uri.as_str()),
    }
}

/// Language ids of markup languages zhproof leaves alone: it reads plain
/// text and Markdown, and in these the markup (`\\section{}`, `<p>`,
/// `#+TITLE:`) would be proofread as text. The name is for the log. A
/// client that wants such a document checked as plain text sends it as
/// `plaintext`.
pub(super) fn markup_language(language_id: &str) -> Option<&'static str> {
    Some(match language_id {
        "latex" | "tex" | "plaintex" | "context" | "bibtex" => "LaTeX",
        "html" | "xhtml" | "xml" | "xsl" | "svg" => "HTML/XML",
        "org" => "Org",
        "restructuredtext" | "rst" => "reStructuredText",
        "asciidoc" => "AsciiDoc",
        "typst" => "Typst",
        _ => return None,
    })
}

impl Backend {
    pub(super) async fn on_did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        let kind = doc_kind(&td.uri, Some(td.language_id.as_str()));
        let markup = markup_language(&td.language_id);
        if let Ok(mut docs) = self.shared.docs.lock() {
            docs.insert(
                td.uri.as_str().to_string(),
                Doc {
                    rope: Rope::from_str(&td.text),
                    version: td.version,
                    kind,
                    markup,
                },
            );
        }
        if let Some(lang) = markup {
            self.log(
                MessageType::INFO,
                format!(
                    "zhproof: {} is {lang}; zhproof checks plain text and Markdown only and leaves it alone",
                    td.uri.as_str()
                ),
            )
            .await;
            return;
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

    pub(super) async fn on_did_change(&self, params: DidChangeTextDocumentParams) {
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
        } else if applied && !self.shared.left_alone(uri.as_str()) {
            self.schedule(Job::Analyze(uri));
        }
        for l in logs {
            self.log(MessageType::WARNING, l).await;
        }
    }

    pub(super) async fn on_did_close(&self, params: DidCloseTextDocumentParams) {
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
}
